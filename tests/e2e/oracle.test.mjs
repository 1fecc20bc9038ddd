// The consistency oracle: a seeded random sequence of what learners do (weights typed and
// dragged, map keys, phase steps, Play and Pause, Reset, presets, cost, activations,
// optimizer, table rows, the quiz, lesson steps, reopening the link), and after every action
// every number the page shows, in its text and its attributes, checked against a reference:
// a fresh session in Node opened from the page's share link and brought to the same phase,
// and the core's plain functions (forward, backward, meanGradient, numericalGradient) at
// the weights that session says the pass on screen has; texts by the harness's own
// formatter. Nothing pending or withheld may show a value.
//
//   ORACLE_SEED=1234 ORACLE_ACTIONS=300 node --test oracle.test.mjs   (a failure prints its seed)
//   make soak                                                         (tens of thousands)
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAt, linkSettled, loadCore, openPage, plain, term, useBrowser, written } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();
const SEED = Number(process.env.ORACLE_SEED ?? 20261206);
const ACTIONS = Number(process.env.ORACLE_ACTIONS ?? 240);

/** mulberry32: a tiny seeded generator, the same sequence everywhere. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHASE_STEPS = { ready: 0, "1 forward": 1, "2 backward": 2, "3 update": 3 };
const FACTOR_KEYS = ["dCdYHat", "dYHatdZ2", "delta2", "dCdW2", "dCdB2", "dA1dZ1", "delta1", "dCdW1", "dCdB1"];
const QUIZ_KEYS = ["delta2", "delta1", "dCdW2", "dCdW1", "dCdB2", "dCdB1"];
const GRADS = ["dCdW1", "dCdB1", "dCdW2", "dCdB2"];
const PARAM_OF = { dCdW1: "w1", dCdB1: "b1", dCdW2: "w2", dCdB2: "b2" };

/** Everything the page shows that the oracle checks, read in one go. */
const readPage = (page) => page.evaluate(() => {
  const exact = (el) => el.dataset.exact ?? null;
  return {
    phase: document.getElementById("phase").textContent,
    iteration: document.getElementById("iteration").textContent,
    quizHiding: document.body.classList.contains("quiz") && !document.body.classList.contains("revealed"),
    diagram: [...document.querySelectorAll("#diagram text[data-key]")].map((t) => ({ key: t.dataset.key, text: t.lastChild.textContent, exact: exact(t) })),
    equations: [...document.querySelectorAll("#ledger .equations .num[data-key]")].map((c) => ({ key: c.dataset.key, text: c.textContent, exact: exact(c) })),
    check: [...document.querySelectorAll("table.check tr[data-row]")].map((tr) => ({ key: tr.dataset.row, cells: [...tr.querySelectorAll("td")].map((c) => ({ text: c.textContent, exact: exact(c) })) })),
    yHats: [...document.querySelectorAll(".dataset tbody .yhat")].map((c) => ({ text: c.textContent, exact: exact(c) })),
    fields: Object.fromEntries(["w1", "b1", "w2", "b2"].map((k) => [k, document.getElementById(`field-${k}`).title])),
    forwardLine: document.getElementById("forward-line").textContent,
    note: document.getElementById("ledger-note").textContent,
    // Everything in the page's markup (text, attributes, live regions): what a quiz hides
    // must be in none of it.
    // (Geometry attributes are left out: an icon's path "M6.5 9.5l3-3 … 13.5" says no number.)
    html: document.body.classList.contains("quiz") && !document.body.classList.contains("revealed")
      ? document.documentElement.outerHTML.replace(/\s(d|viewBox|points|transform|width|height|x|y|dx|dy|cx|cy|r|rx|ry|x1|x2|y1|y2|stroke-width|stroke-dasharray|style)="[^"]*"/g, "")
      : "",
    // The run's history (weights and costs of earlier iterations: the loss curve, the path):
    // numbers a quiz shows by right, which may equal an answer by chance.
    history: document.body.classList.contains("quiz") ? Array.from(window.backpropLab.lab.history()) : [],
    link: window.backpropLab.lab.session.toLink(),
  };
});

/** How the page writes each activation on a node, and each cost's formula. */
const SYMBOL = { sigmoid: "σ", tanh: "tanh", relu: "ReLU", linear: "id" };
const COST_FORMULA = { squared: "½(ŷ − y)²", crossEntropy: "−[y ln ŷ + (1 − y) ln(1 − ŷ)]" };

/** The reference: a fresh session from the link, brought to the page's phase, and the plain
 * functions at its pass's weights. */
function reference(shown) {
  const { state } = core.decodeLink(shown.link);
  const settings = {
    samples: state.samples, cost: state.cost, learningRate: state.learningRate, chosen: state.chosen,
    optimizer: state.optimizer, hidden: state.hidden, output: state.output,
  };
  const steps = PHASE_STEPS[shown.phase];
  const s = new core.Session(state.start, settings);
  const done = s.advance(steps === 3 ? Math.max(0, state.iterations - 1) : state.iterations, "continue");
  for (let i = 0; i < steps; i++) s.stepPhase();
  const snap = s.snapshot();
  s.free();
  const acts = { hidden: state.hidden, output: state.output };
  const at = (snap.pass ?? snap.live).params;
  const sample = state.samples[state.chosen];
  const f = core.forward(at, sample.x, acts);
  const b = core.backward(at, sample, state.cost, acts);
  const mean = core.meanGradient(at, state.samples, state.cost, acts);
  const numeric = core.numericalGradient(at, state.samples, state.cost, acts);
  return { state, snap, done, at, now: snap.params, sample, f, b, mean, numeric, acts, steps };
}

/** Checks one shown number against its true value: text written as the harness writes it,
 * exact value as JS writes it. */
function same(where, got, value, { signed = true } = {}) {
  assert.equal(got.exact, String(value), `${where}: exact`);
  assert.equal(got.text, written(value, { signed }), `${where}: text`);
}

function notShown(where, got, pending) {
  assert.equal(got.exact, null, `${where}: a value is attached`);
  assert.equal(got.text, pending ? "—" : "?", `${where}: shows ${got.text}`);
}

/** How many moments of each kind were checked (the test says so at its end). */
const seen = { quizHidden: 0, forward: 0, update: 0 };

function verify(shown) {
  const r = reference(shown);
  if (shown.quizHiding) seen.quizHidden++;
  if (shown.phase === "1 forward") seen.forward++;
  if (shown.phase === "3 update") seen.update++;
  const { f, b, at, now, sample, mean, numeric, state, steps } = r;
  const phase = shown.phase;
  assert.equal(shown.iteration, String(r.snap.iteration), `iteration (link ${shown.link}, phase ${phase}, replayed ${r.done})`);
  const pending = phase === "1 forward";
  const pass = { ...f, ...b, x: sample.x, y: sample.y, dZ2dA1: at.w2, a1: f.a1 };
  const hidden = (key) => (pending && (FACTOR_KEYS.includes(key))) || (shown.quizHiding && QUIZ_KEYS.includes(key));
  for (const d of shown.diagram) {
    if (d.key in at) same(`diagram ${d.key}`, d, now[d.key]);
    else if (hidden(d.key)) notShown(`diagram ${d.key}`, d, pending);
    else same(`diagram ${d.key}`, d, pass[d.key]);
  }
  for (const c of shown.equations) {
    if (hidden(c.key)) notShown(`chain rule ${c.key}`, c, pending);
    else same(`chain rule ${c.key}`, c, pass[c.key]);
  }
  const sgd = (state.optimizer?.kind ?? "sgd") === "sgd";
  for (const row of shown.check) {
    const [bp, cd, rel, step] = row.cells;
    if (pending || shown.quizHiding) {
      for (const [i, c] of row.cells.entries()) notShown(`check ${row.key} ${i}`, c, pending);
      continue;
    }
    same(`check ${row.key} back-prop`, bp, mean[row.key]);
    same(`check ${row.key} numerical`, cd, numeric[row.key]);
    const scale = Math.max(Math.abs(mean[row.key]), Math.abs(numeric[row.key]));
    same(`check ${row.key} relative error`, rel, scale === 0 ? 0 : Math.abs(mean[row.key] - numeric[row.key]) / scale, { signed: false });
    if (sgd) same(`check ${row.key} step`, step, -state.learningRate * mean[row.key]);
    else {
      const p = PARAM_OF[row.key];
      const to = phase === "3 update" ? now[p] : r.snap.next[p];
      same(`check ${row.key} step`, step, to - at[p]);
    }
  }
  // The forward line under the diagram: the pass's weights and values, written here.
  const g = (kind) => SYMBOL[kind ?? "sigmoid"];
  const line = `z₁ = w₁x + b₁ = ${plain(at.w1)} × ${term(sample.x)} + ${term(at.b1)} = ${plain(f.z1)}; ` +
    `a₁ = ${g(state.hidden)}(z₁) = ${plain(f.a1)}; z₂ = w₂a₁ + b₂ = ${plain(at.w2)} × ${term(f.a1)} + ${term(at.b2)} = ${plain(f.z2)}; ` +
    `ŷ = ${g(state.output)}(z₂) = ${plain(f.yHat)}; C = ${COST_FORMULA[state.cost]} = ${plain(b.cost)}`;
  assert.equal(shown.forwardLine, phase === "3 update" ? `Before this step: ${line}` : line, "the forward line");
  // The note tells the phase on screen (a quiz's says what to work out instead).
  const story = shown.quizHiding ? /^Work out δ₂/ : { ready: /^δ \(delta\)/, "1 forward": /^Forward pass done/, "2 backward": /^Backward pass done/, "3 update": /^Update done/ }[phase];
  assert.match(shown.note, story, "the phase's story");
  if (phase === "1 forward" && !shown.quizHiding) assert.ok(shown.note.includes(line), "the forward phase's story is the forward line");
  if (shown.quizHiding) {
    // Nothing the quiz hides is anywhere in the markup, at the page's rounding or exactly;
    // a number the learner is given may equal an answer by the math itself (δ₂ = ∂C/∂b₂).
    // (1 − y, 1 − ŷ and 1 − a₁ are written in the factors' rules: given too.)
    const given = [...Object.values(at), sample.x, sample.y, f.z1, f.a1, f.z2, f.yHat, b.cost, b.dCdYHat, b.dYHatdZ2, b.dA1dZ1, 1 - sample.y, 1 - f.yHat, 1 - f.a1,
      ...shown.history.filter((_, i) => i % 6 !== 0)]
      .map((v) => plain(Math.abs(v)));
    for (const key of QUIZ_KEYS) {
      const digits = plain(Math.abs(b[key]));
      if (given.includes(digits)) continue;
      for (const text of [digits, String(b[key])]) {
        const at = answerAt(shown.html, text, b[key]);
        assert.ok(at < 0, `the quiz's ${key} (${text}) is in the page: …${shown.html.slice(Math.max(0, at - 300), at + 60)}…`);
      }
    }
  }
  assert.equal(shown.yHats.length, state.samples.length, "a ŷ per point");
  shown.yHats.forEach((c, k) => same(`table ŷ ${k + 1}`, c, core.forward(at, state.samples[k].x, r.acts).yHat, { signed: false }));
  for (const k of ["w1", "b1", "w2", "b2"]) assert.equal(shown.fields[k], `exact: ${now[k]}`, `field ${k}`);
  assert.ok(steps !== undefined, `phase ${phase}`);
}

/** The actions, each with how often it is drawn; each does nothing when its control is
 * disabled or hidden (the quiz locks some), as a learner could not use it either. */
function actions(page, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const enabled = (sel) => page.$eval(sel, (e) => !e.disabled && e.offsetParent !== null).catch(() => false);
  const click = async (sel) => (await enabled(sel)) && page.click(sel);
  /** Picks one of a select's options that can be chosen now (some wait: cross-entropy needs a
   * sigmoid output). */
  const select = async (sel) => {
    if (!(await enabled(sel))) return;
    const values = await page.$eval(sel, (s) => [...s.options].filter((o) => !o.disabled && !o.hidden).map((o) => o.value));
    if (values.length) await page.selectOption(sel, pick(values));
  };
  return [
    [6, "type a weight", async () => {
      const k = pick(["w1", "b1", "w2", "b2"]);
      if (!(await enabled(`#field-${k}`))) return;
      await page.fill(`#field-${k}`, String(Math.round((random() * 12 - 6) * 100) / 100));
      await page.press(`#field-${k}`, "Enter");
    }],
    [5, "slider keys", async () => {
      const k = pick(["w1", "b1", "w2", "b2"]);
      if (!(await enabled(`#slider-${k}`))) return;
      await page.focus(`#slider-${k}`);
      for (let i = 1 + Math.floor(random() * 5); i > 0; i--) await page.keyboard.press(pick(["ArrowRight", "ArrowLeft", "ArrowUp"]));
    }],
    [3, "map keys", async () => {
      if (!(await enabled("#map-overlay"))) return;
      await page.focus("#map-overlay");
      await page.keyboard.press(pick(["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "Shift+ArrowUp"]));
    }],
    [10, "step phase", () => click("#step-phase")],
    [4, "step iteration", () => click("#step-iteration")],
    [2, "play, then pause", async () => {
      if (!(await enabled("#play"))) return;
      await page.$eval("#speed", (e) => { e.value = "5"; e.dispatchEvent(new Event("input", { bubbles: true })); });
      const before = await page.evaluate(() => window.backpropLab.lab.snapshot.iteration);
      await page.click("#play");
      await page.waitForFunction((n) => window.backpropLab.lab.snapshot.iteration > n || !window.backpropLab.player.playing, before);
      // Paused from the keyboard: a lesson opened by a link scrolls to its marks once the page
      // is whole, and a mouse click racing that scroll can land beside the button.
      // Play / Pause is a toggle: if the run paused itself on trouble (a diverging preset)
      // just before the key, the key plays again, as it would for a learner; so press until
      // it is paused.
      for (let tries = 0; tries < 4 && (await page.evaluate(() => window.backpropLab.player.playing)); tries++) {
        await page.focus("#play");
        await page.keyboard.press("Space");
      }
    }],
    [2, "reset", () => click("#reset")],
    [2, "preset", () => select("#preset")],
    [2, "cost", () => select("#cost")],
    [2, "activation", () => select(pick(["#act-hidden", "#act-output"]))],
    [1, "optimizer", () => select("#optimizer")],
    [2, "choose a point", async () => {
      const rows = await page.$$(".dataset [data-choose]:not(:disabled)");
      if (rows.length) await rows[Math.floor(random() * rows.length)].click();
    }],
    [1, "quiz on or off", () => click("#quiz-button")],
    [1, "check the quiz", () => click("#quiz-check")],
    [1, "lesson", async () => {
      if (await enabled("#lesson-next")) await click(pick(["#lesson-next", "#lesson-next", "#lesson-back", "#lesson-leave"]));
      else await click("#lesson-start");
    }],
    [1, "reopen the link", async () => {
      if ((await page.textContent("#phase")) !== "ready") return;
      await linkSettled(page);
      const before = await readPage(page);
      await page.goto(await page.evaluate(() => location.href));
      await page.waitForSelector("html[data-ready=true]");
      const after = await readPage(page);
      // A lesson's step sets the page up as it opens (step 1 plays the forward pass), so only
      // without one is the reopened page the same moment; either way it is checked after.
      // A quiz link opens with the answers hidden again, by design: compared without them.
      const lesson = await page.$eval("#lesson", (l) => !l.hidden);
      const revealed = !before.quizHiding && await page.evaluate(() => document.body.classList.contains("quiz"));
      const open = (list) => list.filter((x) => !(revealed && QUIZ_KEYS.includes(x.key)));
      if (!lesson) assert.equal(after.iteration, before.iteration, `the link reopens the same iteration (${before.link})`);
      for (const k of lesson ? [] : ["diagram", "equations", "yHats"]) {
        assert.deepEqual(k === "yHats" ? after[k] : open(after[k]), k === "yHats" ? before[k] : open(before[k]), `the link reopens the same ${k} (${before.link})`);
      }
      if (!lesson && !revealed) {
        assert.deepEqual(after.check, before.check, "the link reopens the same check");
      }
    }],
  ];
}

test(`${ACTIONS} seeded random actions: every number on the page is its moment's (seed ${SEED})`, async (t) => {
  const { page, context } = await openPage(env.browser, env.server.url, { reducedMotion: "reduce" });
  const random = rng(SEED);
  const list = actions(page, random);
  const total = list.reduce((s, [w]) => s + w, 0);
  const done = [];
  try {
    verify(await readPage(page));
    for (let i = 0; i < ACTIONS; i++) {
      let x = random() * total;
      const [, name, act] = list.find(([w]) => (x -= w) < 0) ?? list[0];
      done.push(name);
      const t0 = Date.now();
      await act();
      // At rest: whatever the page was asked to draw (numbers deferred while playing
      // included) is drawn.
      await page.waitForFunction(() => window.backpropLab.pendingDraws().length === 0 && !window.backpropLab.player.playing, null, { timeout: 20000 })
        .catch(async (e) => {
          // What the page was doing: its drawings, its player, and whether frames still come
          // (counted on a timer, as the check above polls on frames).
          const state = await page.evaluate(() => new Promise((done) => {
            let frames = 0;
            const count = () => { frames++; requestAnimationFrame(count); };
            requestAnimationFrame(count);
            setTimeout(() => done({
              pending: window.backpropLab.pendingDraws(), playing: window.backpropLab.player.playing, phase: window.backpropLab.lab.snapshot.phase,
              lesson: document.getElementById("lesson-count")?.textContent, framesInHalfASecond: frames, visibility: document.visibilityState,
              focus: document.activeElement?.id, pressed: document.getElementById("play").getAttribute("aria-pressed"), iteration: window.backpropLab.lab.snapshot.iteration,
            }), 500);
          }));
          throw new Error(`the page did not come to rest: ${JSON.stringify(state)} (${e.message.split("\n")[0]})`);
        });
      assert.deepEqual(await page.evaluate(() => window.backpropLab.errors), [], "the page met no error");
      verify(await readPage(page));
      // A long soak says how far it is, every 500 actions (on stderr, which the runner passes on).
      if (process.env.ORACLE_SLOW && Date.now() - t0 > Number(process.env.ORACLE_SLOW)) {
        const it = await page.evaluate(() => window.backpropLab.lab.snapshot.iteration);
        process.stderr.write(`[oracle] action ${i + 1} (${name}) took ${Date.now() - t0} ms, iteration ${it}\n`);
      }
      if ((i + 1) % 500 === 0) process.stderr.write(`[oracle] ${i + 1} of ${ACTIONS} actions, seed ${SEED}\n`);
    }
  } catch (e) {
    t.diagnostic(`seed ${SEED}, after ${done.length} actions; the last ones: ${done.slice(-8).join(", ")}`);
    e.message = `[ORACLE_SEED=${SEED}, action ${done.length}: ${done.at(-1)}] ${e.message}`;
    throw e;
  }
  t.diagnostic(`checked ${JSON.stringify(seen)} moments among ${ACTIONS + 1}`);
  await context.close();
});
