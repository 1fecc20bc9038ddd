// The lesson page in real Chromium: what a user sees equals what the core computes, the three
// phases show the right values, training lowers the cost, and trouble is explained.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAt, linkSettled, loadCore, openPage, useBrowser, written as formatNumber } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();

const PARAMS = ["w1", "b1", "w2", "b2"];
const open = (options) => openPage(env.browser, env.server.url, options);

/** The state as the page's controls show it. */
async function pageState(page) {
  // A field shows its number rounded when the exact one would not fit; its title is exact.
  const num = async (k) => Number((await page.getAttribute(`#field-${k}`, "title")).replace(/^exact: /, ""));
  const params = {};
  for (const k of PARAMS) params[k] = await num(k);
  const samples = await page.$$eval(".dataset tbody tr", (rows) =>
    rows.map((r) => ({ x: Number(r.querySelector('[data-field="x"]').value), y: Number(r.querySelector('[data-field="y"]').value) })));
  const chosen = await page.$$eval(".dataset tbody tr", (rows) => rows.findIndex((r) => r.classList.contains("chosen")));
  return {
    params,
    samples,
    chosen,
    learningRate: await num("learningRate"),
    cost: await page.inputValue("#cost"),
    activations: { hidden: await page.inputValue("#act-hidden"), output: await page.inputValue("#act-output") },
    iteration: Number(await page.textContent("#iteration")),
    phase: await page.textContent("#phase"),
  };
}

/** Every number in the ledger and on the diagram: [{ where, key, exact, text }]. */
async function shownNumbers(page) {
  return page.$$eval("#ledger .equations .num[data-key], #diagram text[data-key]", (els) =>
    els.map((e) => ({
      where: e.closest("#ledger") ? "ledger" : "diagram",
      key: e.dataset.key,
      exact: e.dataset.exact,
      text: e.closest("#ledger") ? e.textContent : e.lastChild.textContent,
      hidden: e.classList.contains("hidden") || e.classList.contains("pending"),
    })));
}

/** What the core says for a state (the pass at `params`). */
function expected(s, params = s.params) {
  const sample = s.samples[s.chosen];
  const acts = s.activations;
  return {
    ...core.forward(params, sample.x, acts),
    ...core.backward(params, sample, s.cost, acts),
    x: sample.x,
    y: sample.y,
    ...params,
    mean: core.meanGradient(params, s.samples, s.cost, acts),
    numeric: core.numericalGradient(params, s.samples, s.cost, acts),
  };
}

/** Asserts every number on the page is exactly the core's for the state its controls show. */
async function assertMatchesCore(page) {
  const s = await pageState(page);
  assert.equal(s.phase, "ready");
  const want = expected(s);
  const shown = await shownNumbers(page);
  assert.ok(shown.length > 30, `found ${shown.length} numbers`);
  for (const n of shown) {
    assert.ok(n.key in want, `unknown key ${n.key}`);
    assert.equal(n.hidden, false, `${n.where} ${n.key} is hidden`);
    assert.equal(n.exact, String(want[n.key]), `${n.where} ${n.key} exact`);
    assert.equal(n.text, formatNumber(want[n.key]), `${n.where} ${n.key} text`);
  }
  const check = await checkTable(page);
  for (const k of ["dCdW1", "dCdB1", "dCdW2", "dCdB2"]) {
    assert.equal(check[k].bp, String(want.mean[k]), `check ${k} back-prop`);
    assert.equal(check[k].cd, String(want.numeric[k]), `check ${k} central difference`);
    assert.equal(check[k].step, String(-s.learningRate * want.mean[k]), `check ${k} step`);
    assert.ok(Number(check[k].rel) < 1e-5, `relative error ${check[k].rel}`);
  }
  await assertNoBadNumbers(page);
  return { s, want };
}

async function checkTable(page) {
  return page.$$eval("table.check tbody tr", (rows) => Object.fromEntries(rows.map((r) => [r.dataset.row,
    Object.fromEntries([...r.querySelectorAll("td")].map((td) => [td.dataset.check, td.dataset.exact]))])));
}

async function assertNoBadNumbers(page) {
  const text = await page.evaluate(() => document.body.innerText);
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
}

/** Drags a range input's thumb to a fraction of its track with the mouse. */
async function drag(page, selector, fraction) {
  const box = await page.locator(selector).boundingBox();
  const value = Number(await page.inputValue(selector));
  const [min, max] = await page.$eval(selector, (e) => [Number(e.min), Number(e.max)]);
  const y = box.y + box.height / 2;
  const thumb = 8; // half the thumb: the track's usable part is inset by it
  const at = (f) => box.x + thumb + (box.width - 2 * thumb) * f;
  await page.mouse.move(at((value - min) / (max - min)), y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(at((value - min) / (max - min) + ((fraction - (value - min) / (max - min)) * i) / 6), y);
  await page.mouse.up();
  // The parts far from view (the training table) are written in the frames after the release.
  await page.waitForFunction(() => window.backpropLab.pendingDraws().length === 0);
}

test("the page loads and every number equals the core's", async () => {
  const { page, context, errors } = await open();
  assert.equal(await page.isVisible("#status"), false);
  await assertMatchesCore(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dragging each slider changes the shown values to exactly the core's", async () => {
  const { page, context } = await open();
  for (const [key, fraction] of [["w1", 0.2], ["b1", 0.8], ["w2", 0.15], ["b2", 0.7], ["x", 0.3], ["y", 0.9]]) {
    const before = await page.inputValue(`#field-${key}`);
    await drag(page, `#slider-${key}`, fraction);
    const now = await page.inputValue(`#field-${key}`);
    assert.notEqual(now, before, `${key} moved`);
    assert.equal(now, await page.inputValue(`#slider-${key}`), `${key} field follows the slider`);
    await assertMatchesCore(page);
  }
  await context.close();
});

test("stepping through the three phases shows the right values at each phase", async () => {
  const { page, context } = await open({ reducedMotion: "reduce" });
  const s = await pageState(page);
  const want = expected(s);

  await page.click("#step-phase");
  assert.equal(await page.textContent("#phase"), "1 forward");
  let shown = await shownNumbers(page);
  assert.ok(shown.length > 30, `found ${shown.length} numbers`);
  for (const n of shown) {
    const backward = ["dCdYHat", "dYHatdZ2", "delta2", "dCdW2", "dCdB2", "delta1", "dCdW1", "dCdB1", "dA1dZ1"].includes(n.key);
    assert.equal(n.hidden, backward, `${n.where} ${n.key} ${backward ? "waits for the backward pass" : "is shown"}`);
    if (!backward) assert.equal(n.exact, String(want[n.key]), `${n.key} after forward`);
  }
  assert.match(await page.textContent("#ledger-note"), /Forward pass done/);

  await page.click("#step-phase");
  assert.equal(await page.textContent("#phase"), "2 backward");
  shown = await shownNumbers(page);
  assert.ok(shown.length > 30, `found ${shown.length} numbers`);
  for (const n of shown) {
    assert.equal(n.hidden, false, `${n.key} shown after backward`);
    assert.equal(n.exact, String(want[n.key]), `${n.key} after backward`);
  }
  assert.deepEqual((await pageState(page)).params, s.params, "nothing moved yet");

  await page.click("#step-phase");
  assert.equal(await page.textContent("#phase"), "3 update");
  const moved = (await pageState(page)).params;
  for (const k of PARAMS) {
    const g = want.mean[`dC${"d" + k[0].toUpperCase() + k.slice(1)}`.replace("dd", "d")];
    assert.equal(moved[k], s.params[k] - s.learningRate * g, `${k} moved by -lr * gradient`);
  }
  assert.equal(Number(await page.textContent("#iteration")), 1);
  // The ledger still shows the pass that moved the weights, and the step each one took.
  const check = await checkTable(page);
  assert.equal(check.dCdW1.step, String(-s.learningRate * want.mean.dCdW1));
  const diagramW1 = await page.$eval('#diagram text[data-key="w1"]', (e) => e.dataset.exact);
  assert.equal(diagramW1, String(moved.w1));

  // Phase 1 again: the forward pass at the new weights.
  await page.click("#step-phase");
  const again = expected({ ...s, params: moved });
  const a1 = await page.$eval('#diagram text[data-key="a1"]', (e) => e.dataset.exact);
  assert.equal(a1, String(again.a1));
  await context.close();
});

test("phases animate: values appear in turn, then all are shown", async () => {
  const { page, context } = await open();
  await page.click("#step-phase");
  // Mid-animation the cost (the last forward value) is not shown yet.
  const early = await page.$eval('#diagram text[data-key="cost"]', (e) => e.classList.contains("hidden"));
  await page.waitForFunction(() => !document.querySelector('#diagram text[data-key="cost"]').classList.contains("hidden"), null, { timeout: 3000 });
  assert.equal(early, true, "the cost appears only when the forward pulse arrives");
  await context.close();
});

test("200 iterations of Play lower the cost, deterministically", async () => {
  const { page, context } = await open();
  const start = await pageState(page);
  const c0 = expected(start).mean.cost;
  await page.$eval("#speed", (e) => {
    e.value = "7";
    e.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.click("#play");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "true");
  await page.waitForFunction(() => Number(document.querySelector("#iteration").textContent) >= 200, null, { timeout: 20000 });
  await page.click("#play");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false");
  // The parts far from view (the training table) are written in the frames after the pause.
  await page.waitForFunction(() => window.backpropLab.pendingDraws().length === 0);
  const { s, want } = await assertMatchesCore(page);
  assert.ok(s.iteration >= 200);
  assert.ok(want.mean.cost < c0 * 0.5, `cost ${c0} -> ${want.mean.cost}`);
  // The same number of iterations in a fresh Trainer lands on the same weights, bit for bit.
  const t = new core.Session(start.params, { samples: start.samples, cost: start.cost, learningRate: start.learningRate });
  t.advance(s.iteration, "pause");
  assert.deepEqual(t.snapshot().params, s.params);
  // Reset reproduces exactly the starting weights.
  await page.click("#reset");
  const reset = await pageState(page);
  assert.deepEqual(reset.params, start.params);
  assert.equal(reset.iteration, 0);
  await assertMatchesCore(page);
  await context.close();
});

test("the cost switch changes the ledger: sigma'(z2) cancels and delta2 = y_hat - y", async () => {
  const { page, context } = await open();
  assert.equal(await page.locator("#ledger .factor.cancels").count(), 0);
  await page.selectOption("#cost", "crossEntropy");
  const { s, want } = await assertMatchesCore(page);
  assert.ok((await page.locator("#ledger .factor.cancels").count()) >= 2, "sigma'(z2) struck through in both products");
  assert.match(await page.textContent("#ledger-note"), /σ′\(z₂\) cancels: δ₂ = ŷ − y/);
  assert.equal(want.delta2, want.yHat - s.samples[s.chosen].y);
  await context.close();
});

test("a training set: presets, editing, the chosen sample and the mean", async () => {
  const { page, context } = await open();
  await page.selectOption("#preset", "step");
  let s = (await assertMatchesCore(page)).s;
  assert.equal(s.samples.length, 8);
  assert.match(await page.textContent("#ledger-sample"), /point 1 of 8.*mean over all 8/);
  await page.click('.dataset button[data-choose="3"]');
  s = (await assertMatchesCore(page)).s;
  assert.equal(s.chosen, 3);
  // Edit a point, add one, remove one.
  await page.fill('.dataset input[data-field="y"][data-index="2"]', "0.75");
  await page.press('.dataset input[data-field="y"][data-index="2"]', "Tab");
  s = (await assertMatchesCore(page)).s;
  assert.equal(s.samples[2].y, 0.75);
  assert.equal(await page.inputValue("#preset"), "custom");
  await page.click("text=Add a point");
  assert.equal((await pageState(page)).samples.length, 9);
  await page.click('.dataset button[data-remove="0"]');
  s = (await assertMatchesCore(page)).s;
  assert.equal(s.samples.length, 8);
  // Bad text in the table is refused with a message.
  await page.fill('.dataset input[data-field="x"][data-index="1"]', "zebra");
  await page.press('.dataset input[data-field="x"][data-index="1"]', "Tab");
  assert.match(await page.textContent("#dataset .field-error"), /Point 2: x needs a number; "zebra" is not one/);
  await assertMatchesCore(page);
  await context.close();
});

test("leaving the sliders' range while the cost falls is not called divergence", async () => {
  // One sample, η = 100: one step drops the cost, and b2 lands beyond -8.
  const { page, context, errors } = await open();
  await page.fill("#field-learningRate", "100");
  await page.click("#step-iteration");
  await page.waitForSelector("#trouble:not([hidden])");
  const t = (await page.evaluate(() => window.backpropLab.lab.snapshot)).trouble;
  assert.equal(t.kind, "leftRange");
  assert.ok(t.toCost < t.fromCost, "the step lowered the cost");
  const message = await page.textContent("#trouble-text");
  assert.match(message, /left the sliders' range/);
  assert.match(message, /while the cost fell/);
  assert.doesNotMatch(message, /too large/, "η is not blamed when the cost fell");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a diverging learning rate pauses with a message that quotes a rise, no NaN, and a way back", async () => {
  // The teachers' preset: 8 points at η = 50.
  const { page, context, errors } = await openPage(env.browser, `${env.server.url}?v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.05_0,0.15_0,0.25_0,0.35_0,0.55_1,0.65_1,0.75_1,0.9_1&cost=squared&lr=50`);
  let message = "";
  for (let i = 0; i < 40 && !message.includes("cost rose") && !message.includes("more than doubled"); i++) {
    if (await page.isVisible("#trouble")) await page.click("#trouble-dismiss");
    await page.click("#step-iteration");
    message = (await page.isVisible("#trouble")) ? await page.textContent("#trouble-text") : "";
  }
  const t = (await page.evaluate(() => window.backpropLab.lab.snapshot)).trouble;
  assert.equal(t.kind, "diverging", message);
  assert.ok(t.toCost > t.fromCost, "the rise it quotes is a rise");
  const show = async (v) => formatNumber(v);
  assert.ok(message.includes(`from ${await show(t.fromCost)}`) && message.includes(`to ${await show(t.toCost)}`), message);
  assert.match(message, t.rises >= 2 ? new RegExp(`rose ${t.rises} iterations in a row`) : /more than doubled in one step/);
  assert.match(message, /η = 50 is too large/);
  await page.fill("#field-learningRate", "100");
  await page.$eval("#speed", (e) => {
    e.value = "5";
    e.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.click("#play");
  await page.waitForSelector("#trouble:not([hidden])", { timeout: 20000 });
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false", "training paused");
  assert.match(await page.textContent("#trouble-text"), /Training paused at iteration \d+/);
  await assertNoBadNumbers(page);
  const back = Number((await page.textContent("#trouble-back")).match(/\d+/)[0]);
  await page.click("#trouble-back");
  assert.equal(await page.isVisible("#trouble"), false);
  const s = await pageState(page);
  assert.equal(s.iteration, back);
  await assertMatchesCore(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test("typing exact values works; bad text gets a message and never NaN", async () => {
  const { page, context } = await open();
  await page.fill("#field-w2", "-3.25");
  assert.equal((await pageState(page)).params.w2, -3.25);
  assert.equal(await page.inputValue("#slider-w2"), "-3.25");
  await page.fill("#field-w1", "12");
  assert.equal(await page.inputValue("#slider-w1"), "8", "slider pinned at its end");
  await assertMatchesCore(page);
  for (const bad of ["abc", "1e308", ""]) {
    await page.fill("#field-b1", bad);
    await page.press("#field-b1", "Tab");
    assert.equal(await page.isVisible("#error-b1"), true, `message for "${bad}"`);
    await assertMatchesCore(page);
  }
  await page.fill("#field-y", "1.5");
  await page.press("#field-y", "Tab");
  assert.match(await page.textContent("#error-y"), /y must be between 0 and 1, got 1.5/);
  await assertMatchesCore(page);
  await context.close();
});

test("the loss curve is drawn and its hover read-out names iteration and cost", async () => {
  const { page, context } = await open();
  await page.click("#step-iteration");
  await page.click("#step-iteration");
  // The curve redrawn for two iterations (it existed since load, for iteration 0 alone).
  await page.waitForFunction(() => window.backpropLab.loss.drawnAt === 2);
  const g = await page.evaluate(() => window.backpropLab.loss.geometry);
  await page.locator("#loss-canvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#loss-canvas").boundingBox();
  const scale = box.width / (await page.$eval("#loss-canvas", (c) => c.width));
  // Hover over the right end of the plot: the last point, iteration 2.
  await page.mouse.move(box.x + g.plotRight * scale - 1, box.y + box.height / 2);
  const s = await pageState(page);
  assert.equal(await page.textContent("#loss-readout"), `iteration 2: cost ${formatNumber(expected(s).mean.cost)}`);
  await context.close();
});

test("rounded numbers show their exact value on hover and on keyboard focus", async () => {
  const { page, context } = await open();
  const cell = page.locator('#ledger .result[data-key="dCdW1"]');
  await cell.hover();
  const exact = await cell.getAttribute("data-exact");
  assert.equal(await page.textContent("#exact-tip"), `exact: ${exact}`);
  assert.equal(await page.isVisible("#exact-tip"), true);
  await page.mouse.move(0, 0);
  await page.focus('#ledger .result[data-key="dCdW2"]');
  assert.equal(await page.textContent("#exact-tip"), `exact: ${await page.getAttribute('#ledger .result[data-key="dCdW2"]', "data-exact")}`);
  await page.hover('#diagram text[data-key="a1"]');
  assert.match(await page.textContent("#exact-tip"), /^exact: 0\.75/);
  // WCAG 1.4.13: the pointer can rest on the tip, and Esc dismisses it without moving focus.
  await cell.hover();
  const tipBox = await page.locator("#exact-tip").boundingBox();
  await page.mouse.move(tipBox.x + tipBox.width / 2, tipBox.y + tipBox.height / 2, { steps: 4 });
  assert.equal(await page.isVisible("#exact-tip"), true, "the tip stays under the pointer");
  assert.equal(await page.textContent("#exact-tip"), `exact: ${exact}`);
  await page.mouse.move(0, 0);
  await page.waitForSelector("#exact-tip", { state: "hidden" });
  await page.focus("#step-phase");
  await page.focus('#ledger .result[data-key="dCdW2"]');
  await page.waitForSelector("#exact-tip", { state: "visible" });
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible("#exact-tip"), false, "Esc dismisses the tip");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), "dCdW2", "focus stays on the number");
  await context.close();
});

test("on a phone, a long exact-value tip wraps inside the screen", async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  // ∂C/∂ŷ's tip is its rule worked on the numbers, then the exact value: wider than a phone.
  const cell = page.locator('#ledger .equations .num[data-key="dCdYHat"]').first();
  await cell.focus();
  await page.waitForSelector("#exact-tip", { state: "visible" });
  const tip = await page.$eval("#exact-tip", (t) => ({ text: t.textContent, ...t.getBoundingClientRect().toJSON(), screen: innerWidth }));
  assert.ok(tip.text.length > 50, `a long tip: ${tip.text}`);
  // innerWidth too: on a phone, a tip running off the page would widen it.
  assert.ok(tip.left >= 0 && tip.right <= 390 && tip.screen === 390, `inside the screen: ${JSON.stringify(tip)}`);
  await context.close();
});

test("the network as numbers: every label of the diagram, as shown and exact, keyboard-reachable, and nothing before it is computed", async () => {
  const { page, context } = await open();
  await page.locator("#network-table").evaluate((t) => { t.closest("details").open = true; });
  const rows = () => page.$$eval("#network-table tbody tr", (trs) => Object.fromEntries(trs.map((tr) => [tr.cells[0].textContent, [tr.cells[1].textContent, tr.cells[2].textContent]])));
  const ready = await rows();
  const a1 = await page.getAttribute('#diagram text[data-key="a1"]', "data-exact");
  assert.deepEqual(ready["a₁"], [await page.textContent('#diagram text[data-key="a1"] .val'), a1]);
  assert.equal(ready["δ₂ = ∂C/∂z₂"][1], await page.getAttribute('#diagram text[data-key="delta2"]', "data-exact"));
  // The summary is one Tab stop; once open, the table is read in browse mode.
  assert.equal(await page.evaluate(() => document.querySelector("#network-table").closest("details").querySelector("summary").tabIndex), 0);
  await page.click("#step-phase"); // forward: the backward pass is not computed for this moment
  await page.waitForFunction(() => [...document.querySelectorAll("#network-table tbody tr")].some((tr) => tr.cells[0].textContent === "δ₂ = ∂C/∂z₂" && tr.cells[2].textContent === "not computed yet"));
  const gradient = ready["∂C/∂w₁"][1];
  assert.match(gradient, /^-?0\.\d+/);
  assert.equal(await page.$$eval("#network-table td", (tds, g) => tds.filter((td) => td.textContent === g).length, gradient), 0, "the gradient of this moment is not in the table before the backward pass");
  await page.click("#step-phase"); // backward
  await page.waitForFunction(() => !document.querySelector('#diagram text[data-key="dCdW1"]').classList.contains("hidden") && document.querySelector('#diagram text[data-key="dCdW1"]').dataset.exact);
  await page.waitForFunction(() => [...document.querySelectorAll("#network-table tbody tr")].some((tr) => tr.cells[0].textContent === "∂C/∂w₁" && /^-?\d/.test(tr.cells[2].textContent)));
  const after = await rows();
  assert.equal(after["∂C/∂w₁"][1], await page.getAttribute('#diagram text[data-key="dCdW1"]', "data-exact"));
  assert.equal(after["∂C/∂w₁"][0], await page.textContent('#diagram text[data-key="dCdW1"] .val'));
  await context.close();
});

test("if the wasm cannot load, the page says so clearly", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.goto(env.server.url);
  await page.waitForSelector("#fatal:not([hidden])");
  assert.match(await page.textContent("#fatal"), /WebAssembly core did not load/);
  await context.close();
});

test("the activation switch: symbols, diagram, numbers, a dead ReLU, the surface, and cross-entropy's rule", async () => {
  const { page, context, errors } = await open();
  // tanh in the hidden node: the ledger and the diagram name its slope, every number is the core's.
  await page.selectOption("#act-hidden", "tanh");
  await assertMatchesCore(page);
  assert.equal(await page.textContent('#ledger [data-factor="dA1dZ1"] .sym'), "tanh′(z₁)");
  assert.equal(await page.textContent("#diagram .node.hidden .node-name"), "tanh");
  assert.match(await page.textContent('#diagram text[data-key="dA1dZ1"]'), /^tanh′\(z₁\) = /);

  // ReLU with a negative z1: the node is dead, the error stops there and the page says why.
  await page.selectOption("#act-hidden", "relu");
  await page.fill("#field-w1", "-2");
  await page.press("#field-w1", "Tab");
  const { want } = await assertMatchesCore(page);
  assert.equal(want.dA1dZ1, 0);
  assert.equal(want.dCdW1, 0);
  assert.notEqual(want.delta2, 0);
  assert.equal(await page.textContent('#ledger .num[data-key="delta1"]'), "0");
  assert.match(await page.textContent("#ledger-note"), /ReLU′\(z₁\) = 0: the hidden node is dead/);
  // The surface is the ReLU network's: what costSurface gives with the same activations.
  const { geometry, grid, settings, params } = await page.evaluate(() => {
    const { surface, lab, memory } = window.backpropLab;
    surface.drawNow();
    const g = surface.costs(memory);
    const { w1Min, w1Max, w2Min, w2Max } = surface.geometry;
    return { geometry: { w1Min, w1Max, w2Min, w2Max }, grid: { n: g.n, values: [...g.values] }, settings: lab.settings, params: lab.snapshot.params };
  });
  const exact = core.costSurface(params, settings.samples, settings.cost, { ...geometry, resolution: grid.n }, { hidden: "relu", output: "sigmoid" });
  for (let k = 0; k < exact.length; k += 7) {
    assert.ok(Math.abs(grid.values[k] - exact[k]) <= 1e-4 * exact[k] + 2e-6, `cell ${k}: ${grid.values[k]} vs ${exact[k]}`);
  }
  const sigmoidSurface = core.costSurface(params, settings.samples, settings.cost, { ...geometry, resolution: grid.n });
  assert.ok(exact.some((c, k) => Math.abs(c - sigmoidSurface[k]) > 1e-3), "the ReLU surface differs from the sigmoid one");

  // On the kink (z1 = 0) the gradient check disagrees, and the ledger says why.
  for (const [k, v] of [["w1", "0"], ["b1", "0"]]) {
    await page.fill(`#field-${k}`, v);
    await page.press(`#field-${k}`, "Tab");
  }
  assert.match(await page.textContent("#ledger-note"), /z₁ = 0 sits on ReLU's kink/);
  await page.fill("#field-w1", "-2");
  await page.press("#field-w1", "Tab");
  // Cross-entropy needs a sigmoid output: choosing tanh there switches the cost and says so.
  await page.selectOption("#cost", "crossEntropy");
  await page.selectOption("#act-output", "tanh");
  assert.equal(await page.inputValue("#cost"), "squared");
  assert.match(await page.textContent("#act-note"), /Cross-entropy needs a sigmoid output .* so the cost is now squared error/);
  assert.equal(await page.$eval('#cost option[value="crossEntropy"]', (o) => o.disabled), true);
  await assertMatchesCore(page);
  assert.equal(await page.textContent('#ledger [data-factor="dYHatdZ2"] .sym'), "tanh′(z₂)");
  // Training works with the new network, and the link carries the activations.
  for (let i = 0; i < 3; i++) await page.click("#step-iteration");
  await assertMatchesCore(page);
  await linkSettled(page);
  const link = await page.evaluate(() => location.href);
  assert.match(link, /act1=relu&act2=tanh&cost=squared/);
  assert.match(link, /[?&]it=3(&|$)/, "the link holds the third step");
  const again = await open();
  await again.page.goto(link);
  await again.page.waitForSelector("html[data-ready=true]");
  assert.equal(await again.page.inputValue("#act-hidden"), "relu");
  assert.equal(await again.page.inputValue("#act-output"), "tanh");
  assert.deepEqual((await pageState(again.page)).params, (await pageState(page)).params);
  await assertMatchesCore(again.page);
  await again.context.close();
  // Back to sigmoid: cross-entropy is allowed again.
  await page.selectOption("#act-output", "sigmoid");
  assert.equal(await page.$eval('#cost option[value="crossEntropy"]', (o) => o.disabled), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("choosing an optimizer changes the step, the ledger's step column and the link", async () => {
  const { page, context } = await open();
  const start = await pageState(page);
  await page.selectOption("#optimizer", "adam");
  await page.click("#optim-settings summary");
  await page.fill("#optim-beta1", "0.8");
  await page.press("#optim-beta1", "Tab");
  assert.match(await page.textContent("table.check thead th:last-child"), /step \(Adam\)/);
  for (let i = 0; i < 3; i++) await page.click("#step-iteration");
  const s = await pageState(page);
  const t = new core.Session(start.params, { samples: start.samples, cost: start.cost, learningRate: start.learningRate, optimizer: { kind: "adam", beta1: 0.8, beta2: 0.999, eps: 1e-8 } });
  t.advance(3, "pause");
  assert.deepEqual(s.params, t.snapshot().params, "the page's Adam steps equal the core's");
  await linkSettled(page);
  assert.match(await page.evaluate(() => location.search), /opt=adam&beta1=0\.8/);
  // Bad hyper-parameters are refused with a message (the settings menu closed when the
  // step buttons were clicked: a click elsewhere closes a menu).
  assert.equal(await page.isVisible("#optim-eps"), false);
  await page.click("#optim-settings summary");
  await page.fill("#optim-eps", "2");
  await page.press("#optim-eps", "Tab");
  assert.match(await page.textContent("#optim-fields"), /ε must be between 1e-12 and 0.1, got 2/);
  await context.close();
});

test("quiz: hidden numbers, right and wrong predictions graded at 1%, then revealed; the seed travels", async () => {
  const { page, context } = await open();
  await page.click("#quiz-button");
  assert.equal(await page.getAttribute("#quiz-button", "aria-pressed"), "true");
  // The exercise fixes the network: the cost and activation pickers wait until the quiz ends.
  for (const id of ["#cost", "#act-hidden", "#act-output"]) assert.equal(await page.isDisabled(id), true, `${id} locked`);
  // The exercise is the core's for this seed.
  await page.waitForFunction(() => /quiz=\d+/.test(location.search));
  const seed = Number((await page.evaluate(() => location.search)).match(/quiz=(\d+)/)[1]);
  const e = core.quizExercise(seed);
  const s = await pageState(page);
  assert.deepEqual(s.params, e.params);
  assert.deepEqual(s.samples, [e.sample]);
  const truth = core.backward(e.params, e.sample, e.cost);
  // The answers are not in the page at all (text, attributes, the accessibility tree), even
  // with the arithmetic and the check opened: "?" stands in their place.
  await page.$eval("#arithmetic", (d) => { d.open = true; });
  await page.$eval("#check-box", (d) => { d.open = true; });
  for (const key of ["delta2", "delta1", "dCdW1", "dCdW2"]) {
    const cell = await page.$eval(`#ledger .equations .num[data-key="${key}"]`, (c) => ({ text: c.textContent, exact: c.dataset.exact ?? null }));
    assert.deepEqual(cell, { text: "?", exact: null }, `${key} withheld`);
  }
  // Stepping, playing and the trajectory would give them away: they wait for the answers.
  for (const id of ["#step-phase", "#step-iteration", "#play", "#export-csv"]) assert.equal(await page.isDisabled(id), true, `${id} waits`);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const spoken = await page.locator("body").ariaSnapshot();
  const f = core.forward(e.params, e.sample.x);
  // Numbers the learner is given may equal an answer by the math itself (cross-entropy with
  // y = 0: δ₂ = ŷ; with y = 1: |δ₂| = 1 − ŷ, which ∂C/∂ŷ's own formula shows); those are not
  // leaks.
  const given = [...Object.values(e.params), e.sample.x, e.sample.y, ...Object.values(f), truth.cost, truth.dCdYHat, truth.dYHatdZ2, truth.dA1dZ1, 1 - f.yHat]
    .map((v) => formatNumber(Math.abs(v), { signed: false }));
  for (const key of ["delta2", "delta1", "dCdW2", "dCdW1", "dCdB2", "dCdB1"]) {
    const digits = formatNumber(Math.abs(truth[key]), { signed: false });
    if (given.includes(digits)) continue;
    for (const text of [digits, String(truth[key])]) {
      const at = answerAt(html, text, truth[key]);
      assert.ok(at < 0, `${key} (${text}) is in the page: …${html.slice(Math.max(0, at - 300), at + 60)}…`);
    }
    assert.ok(answerAt(spoken, digits, truth[key]) < 0, `${key} (${digits}) is read out`);
  }
  // Two right (one within 1%, one exact), two wrong.
  await page.fill("#quiz-delta2", String(truth.delta2 * 1.005));
  await page.fill("#quiz-delta1", String(truth.delta1));
  await page.fill("#quiz-dCdW2", String(truth.dCdW2 * 1.05));
  await page.fill("#quiz-dCdW1", "abc");
  await page.click("#quiz-check");
  const marks = await page.$$eval("#quiz-result li", (li) => li.map((e) => e.className));
  assert.deepEqual(marks, ["right", "right", "wrong", "wrong", "score"]);
  assert.match(await page.textContent("#quiz-result"), /2 of 4 within 1%/);
  // A wrong answer says which factor to recheck (δ₂ was right: ∂C/∂w₂ lacks its a₁, or is δ₂).
  assert.match(await page.textContent("#quiz-result li:nth-child(3)"), /did you multiply by a₁\?|That is δ₂/);
  assert.equal(await page.$eval('#ledger .result[data-key="dCdW1"]', (e) => getComputedStyle(e).visibility), "visible", "revealed");
  await page.click("#quiz-button");
  assert.equal(await page.isDisabled("#act-output"), false, "unlocked after the quiz");
  await page.click("#quiz-button");
  // The second click drew a new exercise: the link, once it holds it, opens that same one.
  await linkSettled(page);
  const link = await page.evaluate(() => location.href);
  const seed2 = Number(link.match(/quiz=(\d+)/)[1]);
  const e2 = core.quizExercise(seed2);
  assert.deepEqual((await pageState(page)).params, e2.params, "the page shows the new exercise");
  const other = await openPage(env.browser, link);
  assert.deepEqual((await pageState(other.page)).params, e2.params);
  assert.match(await other.page.textContent("#quiz-seed"), new RegExp(`Exercise ${seed2}:`));
  await other.context.close();
  // With a linear output node, an exercise that would use cross-entropy uses squared error.
  const ceSeed = [...Array(50).keys()].find((k) => core.quizExercise(k).cost === "crossEntropy");
  const linked = await openPage(env.browser, `${env.server.url}?quiz=${ceSeed}&act2=linear`);
  const ls = await pageState(linked.page);
  assert.equal(ls.cost, "squared");
  assert.equal(ls.activations.output, "linear");
  assert.deepEqual(ls.params, core.quizExercise(ceSeed).params);
  assert.deepEqual(linked.errors, []);
  await linked.context.close();
  await context.close();
});
