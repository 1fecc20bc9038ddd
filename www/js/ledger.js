// The chain-rule ledger: each gradient written as the product the lesson derives, every factor
// a live number under its symbol, the shared part (delta2) marked so a learner sees the first
// layer's gradient reuse the second's; then the gradient check and the step each weight takes.

import { showEntry } from "./format.js";
import { ACTIVATIONS } from "./activation.js";
import { put, putAttr, putData, putParagraphs } from "./dom.js";
import { writeWhenSeen } from "./frames.js";

const OPT_NAMES = { momentum: "momentum", nesterov: "Nesterov", rmsprop: "RMSProp", adam: "Adam" };

/** A factor: a symbol above its value, and under it (`rule`) the rule that gives it. `key`
 * names the value in the view model. */
const factor = (symbol, key, extra = "", rule = true) =>
  `<span class="factor ${extra}" data-factor="${key}"><span class="sym">${symbol}</span><span class="num" data-key="${key}" ></span>${rule ? `<span class="rule" data-rule="${key}"></span>` : ""}</span>`;
const times = `<span class="op" aria-hidden="true">×</span>`;
const delta2 = (rules) =>
  `<span class="group delta2" role="group" aria-label="delta 2, the error signal at the output node" title="δ₂ = ∂C/∂z₂: the error signal at the output node"><span class="group-body">${factor("∂C/∂ŷ", "dCdYHat", "", rules)}${times}${factor("σ′(z₂)", "dYHatdZ2", "sigma2", rules)}</span><span class="group-label">δ₂ = <span class="num" data-key="delta2"></span></span></span>`;

const EQUATIONS = `
  <div class="eq" data-eq="dCdW2">
    <span class="lhs">∂C/∂w₂</span><span class="op">=</span>
    <span class="product">${delta2(true)}${times}${factor("a₁", "a1")}</span>
    <span class="total"><span class="op">=</span><span class="result num" data-key="dCdW2"></span></span>
  </div>
  <div class="eq" data-eq="dCdW1">
    <span class="lhs">∂C/∂w₁</span><span class="op">=</span>
    <span class="product">
      <span class="group delta1" title="δ₁ = ∂C/∂z₁: the error signal at the hidden node, built from δ₂"><span class="group-body">${delta2(false)}${times}${factor("w₂", "dZ2dA1")}${times}${factor("σ′(z₁)", "dA1dZ1", "sigma1")}</span><span class="group-label">δ₁ = <span class="num" data-key="delta1"></span></span></span>${times}${factor("x", "x")}
    </span>
    <span class="total"><span class="op">=</span><span class="result num" data-key="dCdW1"></span></span>
  </div>
  <div class="eq small-eq" data-eq="dCdB2">
    <span class="lhs">∂C/∂b₂</span><span class="op">=</span><span class="ref ref2">δ₂ × ∂z₂/∂b₂ = δ₂ × 1</span>
    <span class="total"><span class="op">=</span><span class="result num" data-key="dCdB2"></span></span>
  </div>
  <div class="eq small-eq" data-eq="dCdB1">
    <span class="lhs">∂C/∂b₁</span><span class="op">=</span><span class="ref ref1">δ₁ × ∂z₁/∂b₁ = δ₁ × 1</span>
    <span class="total"><span class="op">=</span><span class="result num" data-key="dCdB1"></span></span>
  </div>`;

const CHECK_ROWS = [
  ["dCdW1", "∂C/∂w₁", "w1"],
  ["dCdB1", "∂C/∂b₁", "b1"],
  ["dCdW2", "∂C/∂w₂", "w2"],
  ["dCdB2", "∂C/∂b₂", "b2"],
];

/** Each number's name, as a screen reader says it before the value (`g1`, `g2`: the slopes'
 * names in words, "sigma prime" for the sigmoid). */
const SPOKEN_NAMES = (g1, g2) => ({
  dCdYHat: "d C by d y-hat, the cost's slope",
  dYHatdZ2: `${g2} of z2, the output node's slope`,
  delta2: "delta 2, the error at the output node",
  a1: "a1, the input w2 multiplies",
  dZ2dA1: "w2, the weight the error goes back through",
  dA1dZ1: `${g1} of z1, the hidden node's slope`,
  delta1: "delta 1, the error at the hidden node",
  x: "x, the input w1 multiplies",
  dCdW2: "d C by d w2",
  dCdW1: "d C by d w1",
  dCdB2: "d C by d b2",
  dCdB1: "d C by d b1",
});
/** A slope's name in words. */
const SLOPE_WORDS = { sigmoid: "sigma prime", tanh: "tanh prime", relu: "ReLU prime", linear: "the linear slope" };

/** Each row's formula in words, from the spoken numbers `s(key)`. */
const FORMULAS = {
  dCdW2: (s, g) => `d C by d w2 equals delta 2 times a1, where delta 2 is d C by d y-hat times ${g.g2} of z2: ${s("dCdYHat")} times ${s("dYHatdZ2")} times ${s("a1")} equals ${s("dCdW2")}`,
  dCdW1: (s, g) => `d C by d w1 equals delta 1 times x, where delta 1 is delta 2 times w2 times ${g.g1} of z1: ${s("delta2")} times ${s("dZ2dA1")} times ${s("dA1dZ1")} times ${s("x")} equals ${s("dCdW1")}`,
  dCdB2: (s) => `d C by d b2 equals delta 2 times 1 equals ${s("dCdB2")}`,
  dCdB1: (s) => `d C by d b1 equals delta 1 times 1 equals ${s("dCdB1")}`,
};

const BACKWARD_KEYS = new Set(["dCdYHat", "dYHatdZ2", "delta2", "dCdW2", "dCdB2", "delta1", "dCdW1", "dCdB1", "dA1dZ1"]);

export function createLedger({ container, sampleLine, note }) {
  const check = `
    <table class="check">
      <caption class="muted"><span id="check-scope"></span> Back-propagation against the slope measured by nudging each parameter, and the step each one takes.</caption>
      <thead><tr><th scope="col">gradient</th><th scope="col">back-prop</th><th scope="col" title="(C(p + h) − C(p − h)) / 2h: the slope measured by nudging p, no calculus">numerical check</th><th scope="col" title="|back-prop − numerical| / the larger of the two">rel. error</th><th scope="col">step −η·∂C/∂p</th></tr></thead>
      <tbody>${CHECK_ROWS.map(([key, sym]) => `<tr data-row="${key}"><th scope="row">${sym}</th><td class="num" data-check="bp" tabindex="0"></td><td class="num" data-check="cd" tabindex="0"></td><td class="num rel" data-check="rel" tabindex="0"></td><td class="num" data-check="step" tabindex="0"></td></tr>`).join("")}</tbody>
    </table>`;
  container.innerHTML = `<div class="equations">${EQUATIONS}</div>
    <p class="reuse">δ₂ is worked out once, for the output layer, and reused inside δ₁: the error travels back from the output, layer by layer. That reuse is back-propagation.</p>
    <p class="muted small rounded-note">The factors are rounded to 4 significant digits; each product is worked out from their exact values (hover or focus a number for its own), so it may differ from the rounded factors multiplied in its last digit.</p>
    <details class="arithmetic" id="arithmetic"><summary>Show the arithmetic</summary><ol id="arithmetic-lines"></ol><p class="muted rounded-note">Every number here is rounded to 4 significant digits, and every result is worked out from the exact values (hover or focus a number for its own), so multiplying the rounded factors may differ from it in the last digit.</p></details>
    <details class="check-wrap" id="check-box" data-control="check"><summary>Numerical check and step</summary>${check}</details>`;
  const rules = [...container.querySelectorAll(".rule[data-rule]")];
  const arithmeticLines = container.querySelector("#arithmetic-lines");
  const arithmeticBox = container.querySelector("#arithmetic");
  // The lines are worked out only while they are shown (not on every frame of Play).
  let linesOf = () => [];
  const showArithmetic = () => {
    if (arithmeticBox.open) arithmeticLines.replaceChildren(...linesOf().map((t) => Object.assign(document.createElement("li"), { textContent: t })));
  };
  arithmeticBox.addEventListener("toggle", showArithmetic);
  const cells = [...container.querySelectorAll(".equations .num[data-key]")];
  // One tab stop a row (its first number), the arrow keys move along it and between rows: a
  // keyboard reaches every exact value without 17 tab stops.
  const rows = [...container.querySelectorAll(".equations .eq")];
  const rowCells = rows.map((row) => [...row.querySelectorAll(".num[data-key]")]);
  rows.forEach((row, r) => {
    row.setAttribute("role", "group");
    rowCells[r].forEach((c, i) => (c.tabIndex = i === 0 ? 0 : -1));
    row.addEventListener("keydown", (e) => {
      const list = rowCells[r];
      const i = list.indexOf(document.activeElement);
      if (i < 0) return;
      // Along the row, the row's tab stop moves with the focus; up and down, the focus goes
      // to the other row's own stop.
      const along = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: list.length - 1 }[e.key];
      const across = { ArrowDown: r + 1, ArrowUp: r - 1 }[e.key];
      let target = null;
      if (along !== undefined && list[along]) {
        for (const c of list) c.tabIndex = -1;
        target = list[along];
        target.tabIndex = 0;
      } else if (across !== undefined && rowCells[across]) {
        target = rowCells[across].find((c) => c.tabIndex === 0) ?? rowCells[across][0];
      }
      if (!target) return;
      e.preventDefault();
      target.focus();
    });
  });
  // The four results (∂C/∂w₂ ...) keep their look whatever the phase did to their class.
  const results = new Set(cells.filter((c) => c.classList.contains("result")));
  const checkRows = Object.fromEntries(CHECK_ROWS.map(([key]) => [key, container.querySelector(`tr[data-row="${key}"]`)]));
  const scope = container.querySelector("#check-scope");
  const slopeSymbols = (key) => [...container.querySelectorAll(`[data-factor="${key}"] .sym`)];
  const slope1 = slopeSymbols("dA1dZ1");
  const slope2 = slopeSymbols("dYHatdZ2");
  const checkTable = container.querySelector("table.check");
  const stepHead = checkTable.querySelector("thead th:last-child");
  /** The numerical check and the step each weight takes: during "update" the one just taken,
   * otherwise the next one (the core's, by the chosen optimizer's rule). */
  const fillCheck = (e, kind) => {
    put(stepHead, "textContent", kind === "sgd" ? "step −η·∂C/∂p" : `step (${OPT_NAMES[kind]})`);
    for (const [key, , param] of CHECK_ROWS) {
      const [bpCell, cdCell, relCell, stepCell] = checkRows[key].querySelectorAll("td");
      showEntry(bpCell, e[`mean.${key}`]);
      showEntry(cdCell, e[`check.${key}`]);
      showEntry(stepCell, e[`step.${param}`]);
      const rel = e[`check.rel.${key}`];
      showEntry(relCell, rel, rel.value > 1e-4 ? "num rel bad" : "num rel", { sign: false });
      putData(stepCell, "param", param);
    }
  };

  return {
    /** Opens "Show the arithmetic" (the lesson's step on σ′ shows the product there). */
    openArithmetic() {
      arithmeticBox.open = true;
    },
    /** While the backward pulse travels, shows only the values it has reached: `isShown(key)`
     * (the diagram's timing), so the products fill in right to left with it. */
    reveal(isShown) {
      for (const cell of cells) {
        const key = cell.dataset.key;
        if (BACKWARD_KEYS.has(key)) cell.classList.toggle("unreached", !isShown(key));
      }
    },
    /**
     * Renders the ledger from the core's view of the moment (`numbers`, with its `words`: the
     * rules, the arithmetic and the phase's story, written in the core from the same numbers).
     * `settings` names the activations, the cost and the optimizer.
     */
    update({ settings, numbers }) {
      const e = numbers.entries;
      const words = numbers.words;
      const g = { g1: SLOPE_WORDS[settings.hidden], g2: SLOPE_WORDS[settings.output] };
      const names = SPOKEN_NAMES(g.g1, g.g2);
      for (const cell of cells) {
        const key = cell.dataset.key;
        const entry = e[key];
        // Named as a screen reader should say it: the number's name, then its value; titled
        // with its rule when it has one (written once, not the plain title and then this).
        const full = words.rules[key]?.full;
        const title = full ? `${full} (exact: ${entry.value})` : null;
        showEntry(cell, entry, results.has(cell) ? "result num" : "num", { name: names[key], title });
        if (full) {
          putData(cell, "formula", full);
          put(cell, "title", title);
        } else delete cell.dataset.formula;
      }
      // Each row's formula in words, as its group's name; while its result is not shown
      // (pending, or a quiz's answer) the formula alone, and why its numbers are not said.
      const spoken = (k) => e[k].spoken;
      for (const row of rows) {
        const result = e[row.dataset.eq];
        const said = FORMULAS[row.dataset.eq](spoken, g);
        putAttr(row, "aria-label", result.status === "known" ? said : `${said.split(":")[0]}; ${result.spoken}`);
      }
      for (const el of rules) put(el, "textContent", words.rules[el.dataset.rule].short);
      linesOf = () => words.arithmetic;
      showArithmetic();
      const g1 = ACTIVATIONS[settings.hidden];
      const g2 = ACTIVATIONS[settings.output];
      for (const el of slope1) put(el, "textContent", `${g1.slope}(z₁)`);
      for (const el of slope2) put(el, "textContent", `${g2.slope}(z₂)`);
      const ce = settings.cost === "crossEntropy";
      container.classList.toggle("cross-entropy", ce);
      for (const el of container.querySelectorAll(".sigma2")) el.classList.toggle("cancels", ce);

      put(sampleLine, "textContent", words.sample);
      put(scope, "textContent", words.scope);

      // The check table, folded by default, waits while folded and something moves.
      writeWhenSeen("ledger-check", checkTable, () => fillCheck(e, settings.optimizer.kind));
      putParagraphs(note, words.story);
    },
  };
}
