// Each picture in words: the canvases' text alternatives and the tables behind them say the
// numbers the pictures draw, kept current as the run moves, and none of a quiz's answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCore, openPage, plain, useBrowser, written } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();

const label = (page, sel) => page.getAttribute(sel, "aria-label");

test("the loss curve, the slope plots and the map say their numbers, and their tables hold them", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => document.getElementById("loss-canvas").getAttribute("aria-label").startsWith("Loss curve"));
  const cost0 = await page.evaluate(() => window.backpropLab.lab.snapshot.cost);
  assert.equal(await label(page, "#loss-canvas"), `Loss curve: no training yet. The cost now is ${plain(cost0)}; press Play or Step iteration to draw it.`);

  for (let i = 0; i < 3; i++) await page.click("#step-iteration");
  await page.waitForFunction(() => document.getElementById("loss-canvas").getAttribute("aria-label").includes("over 3 iterations"));
  const s = await page.evaluate(() => window.backpropLab.lab.snapshot);
  const settings = await page.evaluate(() => window.backpropLab.lab.settings);
  assert.match(await label(page, "#loss-canvas"), new RegExp(`^Loss curve: the cost over 3 iterations, from ${plain(cost0)} at iteration 0 to ${plain(s.cost)} now; falling`));

  // The slope plot along w₂: the cost there and the tangent's slope, the core's own.
  const sample = settings.samples[0];
  const g = core.backward(s.params, sample, settings.cost);
  const c = core.forward(s.params, sample.x);
  const w2 = await label(page, "#section-w2");
  assert.ok(w2.includes(`At w₂ = ${plain(s.params.w2)} it is ${plain(g.cost)}. The tangent's slope there is ∂C/∂w₂ = ${written(g.dCdW2)}`), w2);
  assert.ok(c.yHat > 0);

  // The map: the marker where the weights are, and the path from the start.
  const map = await page.textContent("#map-desc");
  assert.ok(map.includes(`The marker (a ring) is at w₁ = ${plain(s.params.w1)}, w₂ = ${plain(s.params.w2)}, where the cost is ${plain(s.cost)}.`), map);
  assert.ok(map.includes("The path (a line) runs from the start, w₁ = 2.000, w₂ = 1.500"), map);
  assert.equal(await page.getAttribute("#map-overlay", "aria-describedby"), "map-desc map-help");

  // The tables, written when opened: every iteration so far (4 points), the map's path too.
  await page.click(".loss details.numbers summary");
  await page.waitForFunction(() => document.querySelectorAll('table[data-picture="loss"] tbody tr').length === 4);
  const rows = await page.$$eval('table[data-picture="loss"] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows[0], ["0", plain(cost0)]);
  assert.deepEqual(rows[3], ["3", plain(s.cost)]);
  assert.deepEqual(await page.$$eval('table[data-picture="loss"] thead th', (th) => th.map((t) => t.textContent)), ["iteration", "cost"]);
  await page.click(".sections details.numbers summary");
  await page.waitForFunction(() => document.querySelectorAll('table[data-picture="w1"] tbody tr').length === 11);
  const first = await page.$$eval('table[data-picture="w1"] tbody tr:first-child td', (td) => td.map((t) => t.textContent));
  const range = await page.evaluate(() => window.backpropLab.surface.range);
  const at = { ...s.params, w1: range.w1Min };
  assert.deepEqual(first, [plain(range.w1Min), plain(core.backward(at, sample, settings.cost).cost)]);
  await context.close();
});

test("the pictures' words wait with the tangent and the step, as soon as the page does: after the forward phase, and in a quiz", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => document.getElementById("section-w1").getAttribute("aria-label").startsWith("Slope plot"));
  // The words change with the page, not up to a second later (they once kept quoting the
  // gradient into the forward phase, where the page shows none): read in the same moment.
  const words = () => page.evaluate(() => ({
    phase: window.backpropLab.lab.snapshot.phase,
    quiz: document.getElementById("quiz-button").getAttribute("aria-pressed"),
    w1: document.getElementById("section-w1").getAttribute("aria-label"),
    w2: document.getElementById("section-w2").getAttribute("aria-label"),
    map: document.getElementById("map-desc").textContent,
  }));
  await page.click("#step-phase");
  let now = await words();
  assert.equal(now.phase, "forward");
  assert.ok(now.w1.includes("The tangent comes with the backward pass."), now.w1);
  assert.match(now.map, /The next step comes with the backward pass\./);
  await page.click("#quiz-button");
  now = await words();
  assert.equal(now.quiz, "true");
  assert.ok(now.w2.includes("hidden until you check your answers"), now.w2);
  assert.match(now.map, /The next step is hidden until you check your answers\./);
  await context.close();
});

test("the loss curve as sound: Hear the curve plays the core's tone, falling as the cost falls", async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => window.backpropLab.lab.charts);
  for (let i = 0; i < 30; i++) await page.click("#step-iteration");
  const button = page.getByRole("button", { name: "Hear the curve" });
  assert.match(await button.evaluate((b) => b.getAttribute("aria-describedby") && document.getElementById(b.getAttribute("aria-describedby")).textContent), /falls an octave each time the cost falls tenfold/);
  await button.click();
  const { played, want, first, last } = await page.evaluate(() => {
    const { lab, sound } = window.backpropLab;
    const h = lab.session.historyLength();
    return { played: sound.last, want: lab.charts.lossTone(lab.session), first: h, last: lab.snapshot.cost };
  });
  assert.deepEqual(played, want, "what plays is the core's tone of this run");
  assert.equal(played.hz.length, 64);
  assert.equal(played.hz[0], 440, "the run's first cost is A4");
  assert.ok(played.hz.at(-1) < played.hz[0], `the cost fell (${last}), so the tone falls: ${played.hz.at(-1)} Hz at the end (${first} points)`);
  assert.equal(await page.textContent("#loss-sound-note"), "", "no trouble to report");
  assert.deepEqual(errors, []);
  await context.close();
});

test("while a slider is dragged the words keep a slower pace, and say the weight it was let go at in the frame after it is", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await page.waitForFunction(() => document.getElementById("section-w1").getAttribute("aria-label").startsWith("Slope plot"));
  const slider = page.locator("#slider-w1");
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const thumb = await slider.evaluate((e) => (Number(e.value) - Number(e.min)) / (Number(e.max) - Number(e.min)));
  await page.mouse.move(box.x + 8 + (box.width - 16) * thumb, y);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + 8 + (box.width - 16) * (thumb - k * 0.03), y);
  // Not on screen, the words are written in the next frame, so that the frame showing the
  // release carries only what can be seen; they are listed as waiting until then.
  await page.evaluate(() => addEventListener("mouseup", () => {
    window.__atRelease = { waiting: window.backpropLab.pendingDraws().includes("pictures"), words: document.getElementById("section-w1").getAttribute("aria-label") };
  }, { once: true }));
  await page.mouse.up();
  const atRelease = await page.evaluate(() => window.__atRelease);
  // (Unless the last move's own turn came, on a slow machine, after its second of pace.)
  const w1 = await page.evaluate(() => window.backpropLab.lab.snapshot.params.w1);
  assert.ok(atRelease.waiting || atRelease.words.includes(`At w₁ = ${plain(w1)} `), `the words wait at the release, listed: ${JSON.stringify(atRelease)}`);
  await page.waitForFunction(() => !window.backpropLab.pendingDraws().includes("pictures"));
  const now = await page.evaluate(() => ({ w1: window.backpropLab.lab.snapshot.params.w1, words: document.getElementById("section-w1").getAttribute("aria-label") }));
  assert.ok(now.words.includes(`At w₁ = ${plain(now.w1)} `), `${now.words} (w₁ = ${now.w1})`);
  await context.close();
});
