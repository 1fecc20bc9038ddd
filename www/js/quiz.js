// Predict, then reveal: the quiz is the session's (Session.startQuiz, checkQuiz, stopQuiz in
// the core): a reproducible exercise whose δ₂, δ₁ and weight gradients the core withholds
// from the view until the learner has typed predictions; the core grades them (1%, with a hint
// of which factor to recheck) and reveals the numbers. This module is the quiz's panel: its
// fields, buttons and result, drawn from the session's quiz.

import { numberField, put, putAttr } from "./dom.js";

const ASKED = [["delta2", "δ₂"], ["delta1", "δ₁"], ["dCdW2", "∂C/∂w₂"], ["dCdW1", "∂C/∂w₁"]];

export function createQuiz({ button, panel, fields, check, again, result, seedLine }, core, lab, { onChange, valueLimit }) {
  const inputs = {};
  fields.replaceChildren(...ASKED.map(([key, label]) => {
    const { label: l, input } = numberField(`quiz-${key}`, label);
    inputs[key] = input;
    return l;
  }));

  const quizOf = () => lab.snapshot.quiz ?? null;
  /** The seed on screen, to notice a new exercise (its fields and result start empty). */
  let shownSeed = null;

  /** Draws the panel from the session's quiz. */
  function update() {
    const q = quizOf();
    document.body.classList.toggle("quiz", q !== null);
    document.body.classList.toggle("revealed", q?.revealed === true);
    put(panel, "hidden", q === null);
    putAttr(button, "aria-pressed", String(q !== null));
    if ((q?.seed ?? null) !== shownSeed) {
      shownSeed = q?.seed ?? null;
      for (const input of Object.values(inputs)) input.value = "";
      result.replaceChildren();
    }
    if (q) {
      const { cost } = lab.settings;
      const e = lab.view().entries;
      const [x, y] = [e.x.plain ?? e.x.text, e.y.plain ?? e.y.text];
      const text = `Exercise ${q.seed}: x = ${x}, y = ${y}, ${cost === "squared" ? "squared error" : "cross-entropy"}. Predict the hidden numbers from the ones shown (the exercise keeps its weights and data until you leave the quiz).`;
      if (seedLine.textContent !== text) seedLine.textContent = text;
    }
  }

  /** A new exercise (a random seed unless given); the learner's run is given back at the end. */
  function start(s = Math.floor(Math.random() * 1e9)) {
    lab.startQuiz(s);
    update();
    onChange();
  }

  function stop() {
    lab.stopQuiz();
    update();
    onChange();
  }

  button.addEventListener("click", () => (quizOf() === null ? start() : stop()));
  again.addEventListener("click", () => start());
  check.addEventListener("click", () => {
    // The core grades (the page never reads the answers before the learner has given theirs),
    // says which factor to recheck, and reveals them.
    const typed = ASKED.map(([key, label]) => core.parseNumber(inputs[key].value, label, -valueLimit, valueLimit));
    const checked = lab.checkQuiz(typed.map((t) => (t.error === undefined ? t.value : null)));
    const items = ASKED.map(([key, label], i) => {
      const { right, truth, truthText, hint } = checked[i];
      const li = document.createElement("li");
      li.className = right ? "right" : "wrong";
      const said = typed[i].error === undefined ? inputs[key].value.trim() : "nothing usable";
      li.textContent = `${right ? "✓" : "✗"} ${label}: you said ${said}; back-propagation gives ${truthText}${hint ? `. ${hint}` : ""}`;
      li.title = `exact: ${truth}`;
      return li;
    });
    result.replaceChildren(...items);
    const score = items.filter((li) => li.className === "right").length;
    const summary = document.createElement("li");
    summary.className = "score";
    summary.textContent = `${score} of ${ASKED.length} within 1%. The chain rule now shows every factor.`;
    result.append(summary);
    update();
    onChange();
  });

  return {
    get seed() {
      return quizOf()?.seed ?? null;
    },
    /** True while an exercise's answers are hidden (until the learner checks them). */
    get hiding() {
      const q = quizOf();
      return q !== null && !q.revealed;
    },
    /** Draws the panel from the session (after every change: a link may have opened one). */
    update,
    start,
    stop,
  };
}
