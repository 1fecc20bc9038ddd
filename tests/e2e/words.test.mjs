// Plain words and honest numbers: what a first-time learner tripped over. Every panel shows the
// same pass, labels never overlap or clip, the phases are told with their arithmetic, menus
// behave, the quiz gives the learner's setup back, and a teacher's hidden η stays readable.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCore, openPage, plain, term, useBrowser, written as formatNumber } from "./harness.mjs";

const core = await loadCore();

const env = useBrowser();
const open = (query = "", options) => openPage(env.browser, `${env.server.url}${query ? `?${query}` : ""}`, options);
const snapshot = (page) => page.evaluate(() => window.backpropLab.lab.snapshot);
const STEP8 = "data=0.05_0,0.15_0,0.25_0,0.35_0,0.55_1,0.65_1,0.75_1,0.9_1";
/** Deep in both sigmoids' tails: every backward number is a power of ten, b2 negative. */
const LONG = "v=1&w1=-8&b1=-8.5&w2=-7.9&b2=-8.1&data=1_1&cost=squared&lr=1";

/** Waits until the phase's animation is over (the diagram's pulse is hidden again). */
const settled = (page) => page.waitForFunction(() => document.querySelector("#diagram .pulse")?.getAttribute("visibility") === "hidden" &&
  !document.querySelector("#ledger .unreached"));

test("in every phase the chain rule, the slopes and the data table show the same pass", async () => {
  const { page, context, errors } = await open(`v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&${STEP8}&pick=5&cost=squared&lr=3`);
  for (const phase of ["forward", "backward", "update"]) {
    await page.click("#step-phase");
    await page.waitForFunction((p) => window.backpropLab.lab.snapshot.phase === p, phase);
    await settled(page);
    const snap = await snapshot(page);
    const onScreen = snap.pass;
    // The cross-sections draw at the pass's weights with its mean gradient as the slope, once
    // the backward pass has computed it: after the forward phase there is no tangent yet.
    const slope = phase === "forward" ? null : onScreen.mean.dCdW1;
    await page.waitForFunction(([w, p]) => (window.backpropLab.sections.geometry.w1?.slope ?? null) === w &&
      window.backpropLab.sections.geometry.w1?.point[0] === p, [slope, onScreen.params.w1]);
    // (An absent slope or tangent comes as undefined; JSON makes it null.)
    const g = JSON.parse(await page.evaluate(() => JSON.stringify({ w1: window.backpropLab.sections.geometry.w1, w2: window.backpropLab.sections.geometry.w2 },
      (k, v) => (v === undefined ? null : v))));
    assert.equal(g.w1.slope, slope, `${phase}: w1 tangent`);
    assert.equal(g.w2.slope, phase === "forward" ? null : onScreen.mean.dCdW2, `${phase}: w2 tangent`);
    if (phase === "forward") {
      assert.deepEqual([g.w1.tangent, g.w2.tangent], [null, null], "no tangent before the backward pass");
      assert.match(await page.textContent("#sections-note"), /The tangents come with the backward pass/);
    }
    assert.equal(g.w1.point[0], onScreen.params.w1, `${phase}: the w1 section's point is the pass's w1`);
    // The table's ŷ for the chosen point is the chain rule's ŷ.
    const tableYHat = await page.$eval(".dataset tbody tr.chosen .yhat", (o) => o.dataset.exact);
    const yHat = await page.$eval('#diagram text[data-key="yHat"]', (t) => t.dataset.exact);
    assert.equal(yHat, String(onScreen.forward.yHat));
    assert.equal(tableYHat, yHat, `${phase}: the table's ŷ is the chain rule's`);
    const note = await page.textContent("#sections-note");
    assert.match(note, /mean cost over all 8 points/);
    if (phase === "update") assert.match(note, /before this update/);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the diagram's labels never overlap each other or the nodes, wide and tall, with powers of ten", async () => {
  // 1000 px: the diagram is first built from a guess by the window's width (wide), and the
  // page corrects it (tall) once it has laid the panel out, before the first paint.
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1000, height: 800 }, { width: 375, height: 667 }]) {
    const { page, context, errors } = await open(LONG, { viewport });
    const boxes = await page.$$eval("#diagram text.label", (ts) => ts.map((t) => {
      const b = t.getBBox();
      return { key: t.dataset.key, x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    const circles = await page.$$eval("#diagram .node > circle:first-child, #diagram .node rect", (cs) => cs.map((c) => {
      const b = c.getBBox();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    const vb = await page.$eval("#diagram svg", (s) => ({ x: s.viewBox.baseVal.x, width: s.viewBox.baseVal.width }));
    assert.equal(boxes.length, 18);
    const overlap = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      assert.ok(a.x >= vb.x - 0.5 && a.x + a.w <= vb.x + vb.width + 0.5, `${a.key} inside the picture (${viewport.width})`);
      for (const b of boxes.slice(i + 1)) assert.ok(!overlap(a, b), `${a.key} overlaps ${b.key} (${viewport.width})`);
      // A label's text box may not reach into a node by more than a sliver.
      for (const c of circles) {
        const inner = { x: c.x + 4, y: c.y + 4, w: c.w - 8, h: c.h - 8 };
        assert.ok(!overlap(a, inner), `${a.key} runs into a node (${viewport.width})`);
      }
    }
    // The powers of ten are there, whole.
    const d2 = await page.$eval('#diagram text[data-key="delta2"]', (t) => t.textContent);
    assert.match(d2, /× 10⁻/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the sliders and their number fields never run into each other or out of their place, at any width", async () => {
  const { page, context, errors } = await open(LONG);
  const overlap = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
  for (const width of [375, 480, 620, 760, 960, 1000, 1100, 1280, 1600]) {
    await page.setViewportSize({ width, height: 800 });
    // The control bar: the learning rate's slider and number beside the other controls.
    const bar = await page.evaluate(() => [...document.querySelectorAll(".bar > *")].filter((e) => e.offsetParent).map((e) => {
      const b = e.getBoundingClientRect();
      return { name: e.className || e.id, x: b.x, y: b.y, w: e.scrollWidth > e.clientWidth + 1 ? e.scrollWidth : b.width, h: b.height };
    }));
    bar.forEach((a, i) => bar.slice(i + 1).forEach((b) => assert.ok(!overlap(a, b), `${a.name} runs into ${b.name} at ${width} px`)));
    const lr = await page.$eval("#lr-slot input[type=text]", (f) => f.scrollWidth <= f.clientWidth && f.getBoundingClientRect().right <= f.closest(".bar").getBoundingClientRect().right);
    assert.ok(lr, `the learning rate's number fits, inside the bar, at ${width} px`);
    const { sliders, panel } = await page.evaluate(() => ({
      sliders: [...document.querySelectorAll("#sliders .slider")].map((s) => {
        const b = s.getBoundingClientRect();
        const f = s.querySelector("input[type=text]");
        const fb = f.getBoundingClientRect();
        return { x: b.x, y: b.y, w: b.width, h: b.height, field: { right: fb.right, fits: f.scrollWidth <= f.clientWidth } };
      }),
      panel: document.querySelector("section.network").getBoundingClientRect().right,
    }));
    assert.equal(sliders.length, 6);
    sliders.forEach((a, i) => {
      assert.ok(a.field.right <= panel, `slider ${i}'s number field inside the panel at ${width} px`);
      assert.ok(a.field.fits, `slider ${i}'s number fits its field at ${width} px`);
      for (const b of sliders.slice(i + 1)) assert.ok(!overlap(a, b), `sliders ${i} and ${sliders.indexOf(b)} overlap at ${width} px`);
    });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("number fields show a whole number: rounded with ≈ when long, exact on focus", async () => {
  const { page, context } = await open("v=1&w1=2&b1=-0.52841234567&w2=1.5&b2=0.5&data=0.8_0.1&cost=squared&lr=1");
  assert.equal(await page.inputValue("#field-b1"), "≈−0.5284");
  assert.equal(await page.getAttribute("#field-b1", "title"), "exact: -0.52841234567");
  const fits = await page.$eval("#field-b1", (f) => f.scrollWidth <= f.clientWidth);
  assert.ok(fits, "the rounded value fits its field");
  await page.focus("#field-b1");
  assert.equal(await page.inputValue("#field-b1"), "-0.52841234567");
  await page.focus("#field-w1");
  assert.equal(await page.inputValue("#field-b1"), "≈−0.5284");
  assert.equal(await page.inputValue("#field-w1"), "2", "short values stay exact");
  await context.close();
});

test("the phases are told with their arithmetic, and the products fill in with the backward pulse", async () => {
  const { page, context, errors } = await open();
  const s = await snapshot(page);
  const v = { ...s.live.forward, ...s.live.backward, x: 0.8, y: 0.1 };
  const p = s.params;
  await page.click("#step-phase");
  await settled(page);
  const fwd = await page.textContent("#ledger-note");
  assert.ok(fwd.includes(`z₁ = w₁x + b₁ = ${plain(p.w1)} × ${term(0.8)} + ${term(p.b1)} = ${plain(v.z1)}`), fwd);
  assert.ok((await page.textContent("#forward-line")).includes(`z₂ = w₂a₁ + b₂ = ${plain(p.w2)} × ${term(v.a1)} + ${term(p.b2)} = ${plain(v.z2)}`));

  await page.click("#step-phase");
  // Mid-pulse the first layer's gradient is not there yet; at the end everything is.
  await page.waitForSelector('#ledger .num.unreached[data-key="dCdW1"]', { state: "attached" });
  await settled(page);
  const bwd = await page.textContent("#ledger-note");
  assert.ok(bwd.includes(`δ₂ = ∂C/∂ŷ × σ′(z₂) = ${plain(v.dCdYHat)} × ${term(v.dYHatdZ2)} = ${plain(v.delta2)}`), bwd);
  assert.ok(bwd.includes(`δ₁ = δ₂ × w₂ × σ′(z₁) = ${plain(v.delta2)} × ${term(p.w2)} × ${term(v.dA1dZ1)} = ${plain(v.delta1)}`), bwd);
  assert.match(bwd, /computed once and reused/);

  await page.click("#step-phase");
  await settled(page);
  const after = (await snapshot(page)).params;
  const upd = await page.textContent("#ledger-note");
  assert.ok(upd.includes(`w₂ ← ${plain(p.w2)} − ${plain(1)} × ${term(v.dCdW2)} = ${plain(after.w2)}`), upd);
  assert.ok(upd.includes(`w₁ ← ${plain(p.w1)} − ${plain(1)} × ${term(v.dCdW1)} = ${plain(after.w1)}`), upd);
  assert.deepEqual(errors, []);
  await context.close();
});

test("each factor says its rule: under the number, on hover, and in the arithmetic", async () => {
  const { page, context } = await open();
  const s = await snapshot(page);
  const v = s.live.backward;
  const f = s.live.forward;
  assert.equal(await page.textContent('#ledger .rule[data-rule="dCdYHat"]'), "= ŷ − y");
  assert.equal(await page.textContent('#ledger .rule[data-rule="dYHatdZ2"]'), "= ŷ(1 − ŷ)");
  await page.hover('#ledger .eq[data-eq="dCdW2"] .num[data-key="dYHatdZ2"]');
  const tip = await page.textContent("#exact-tip");
  assert.ok(tip.startsWith(`σ′(z₂) = σ(z₂)(1 − σ(z₂)) = ŷ(1 − ŷ) = ${plain(f.yHat)} × ${plain(1 - f.yHat)} = ${plain(v.dYHatdZ2)}`), tip);
  assert.ok(tip.endsWith(`(exact: ${v.dYHatdZ2})`));
  await page.click("#arithmetic summary");
  // The lines are written on the details' toggle event, which comes after the click.
  await page.waitForFunction(() => document.querySelectorAll("#arithmetic-lines li").length >= 7);
  const lines = await page.$$eval("#arithmetic-lines li", (li) => li.map((l) => l.textContent));
  assert.ok(lines.some((l) => l.includes("a product of two sigmoids")));
  assert.ok(lines.includes(`∂C/∂w₂ = δ₂ × a₁ = ${plain(v.delta2)} × ${term(f.a1)} = ${plain(v.dCdW2)}`));
  await page.selectOption("#cost", "crossEntropy");
  assert.equal(await page.textContent('#ledger .rule[data-rule="dCdYHat"]'), "= −y/ŷ + (1 − y)/(1 − ŷ)");
  await context.close();
});

test("menus: one open at a time, Esc closes and gives focus back", async () => {
  const { page, context } = await open();
  await page.click("#export summary");
  assert.equal(await page.$eval("#export", (d) => d.open), true);
  await page.click("#teacher summary");
  assert.equal(await page.$eval("#export", (d) => d.open), false, "opening one closes the other");
  assert.equal(await page.$eval("#teacher", (d) => d.open), true);
  await page.keyboard.press("Escape");
  assert.equal(await page.$eval("#teacher", (d) => d.open), false);
  assert.equal(await page.evaluate(() => document.activeElement.closest("details")?.id), "teacher");
  // The menu's intro is whole, not clipped.
  await page.click("#teacher summary");
  const clipped = await page.$$eval("#teacher .menu-note", (ps) => ps.some((p) => p.scrollWidth > p.clientWidth + 1));
  assert.equal(clipped, false);
  await context.close();
});

test("a teacher's preset shows divergence, and a hidden η is still shown read-only", async () => {
  const { page, context } = await open("v=1&hide=lr");
  assert.equal(await page.isVisible("#lr-slot"), false);
  assert.equal(await page.textContent("#lr-value"), "η = 1");
  await page.click("#teacher summary");
  await page.click("#teacher-presets button >> text=Training diverges");
  await page.waitForFunction(() => window.backpropLab.lab.settings.learningRate === 50);
  // The scene says what it shows, and stays said until put away.
  assert.match(await page.textContent("#notice-title"), /^Training diverges: 8 points, η = 50\. Each step overshoots/);
  assert.equal(await page.isVisible("#notice"), true);
  const s = await page.evaluate(() => window.backpropLab.lab.settings);
  assert.equal(s.samples.length, 8);
  assert.equal(await page.textContent("#lr-value"), "η = 50");
  assert.equal(await page.isVisible("#lr-slot"), false, "the teacher's hidden controls stay hidden");
  await page.click("#play");
  await page.waitForSelector("#trouble:not([hidden])", { timeout: 30000 });
  assert.match(await page.textContent("#trouble-text"), /cost (rose|more than doubled)/);
  await context.close();
});

test("closing the quiz gives back the learner's own setup", async () => {
  const { page, context } = await open("v=1&w1=3&b1=-0.5&w2=1.5&b2=0.5&data=0.3_0.7&cost=crossEntropy&lr=2&it=4");
  const before = await snapshot(page);
  await page.click("#quiz-button");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.iteration === 0);
  await page.fill("#quiz-delta2", "0.123456789");
  await page.click("#quiz-check");
  const feedback = await page.textContent("#quiz-result");
  const truth = (await snapshot(page)).live.backward.delta2;
  assert.ok(feedback.includes(`back-propagation gives ${formatNumber(truth)}`), feedback);
  for (const given of feedback.matchAll(/gives ([^✓✗]*?)(?=[✓✗]|\d+ of 4)/g)) assert.doesNotMatch(given[1], /\d{7,}/, `no 17-digit floats: ${given[1]}`);
  await page.click("#quiz-button");
  const after = await snapshot(page);
  assert.deepEqual(after.start, before.start);
  assert.equal(after.iteration, 4);
  assert.deepEqual(after.params, before.params);
  assert.equal(await page.inputValue("#cost"), "crossEntropy");
  await context.close();
});

test("on a phone the legend points down and the step column is there", async () => {
  const { page, context } = await open("", { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  assert.equal(await page.textContent("#legend-forward"), "↓ forward pass");
  assert.equal(await page.textContent("#legend-backward"), "↑ backward pass");
  await page.click("#check-box summary");
  assert.equal(await page.isVisible('table.check td[data-check="step"]'), true);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `nothing scrolls sideways (${overflow})`);
  await context.close();
});

test("the map's step arrow stays visible for a tiny step, pointing the true way", async () => {
  const { page, context } = await open("v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.8_0.1&cost=squared&lr=0.001");
  const o = await page.evaluate(() => window.backpropLab.surface.marks);
  assert.ok(o?.arrowTip, "an arrow is drawn");
  const [mx, my] = o.marker;
  const len = Math.hypot(o.arrowTip[0] - mx, o.arrowTip[1] - my);
  const toScale = Math.hypot(o.arrowEnd[0] - mx, o.arrowEnd[1] - my);
  assert.ok(toScale < 2, `the step itself is under 2 px (${toScale})`);
  assert.ok(len >= 17.5, `drawn at least 18 px long (${len})`);
  const cross = (o.arrowTip[0] - mx) * (o.arrowEnd[1] - my) - (o.arrowTip[1] - my) * (o.arrowEnd[0] - mx);
  const dot = (o.arrowTip[0] - mx) * (o.arrowEnd[0] - mx) + (o.arrowTip[1] - my) * (o.arrowEnd[1] - my);
  assert.ok(Math.abs(cross) < 1e-6 * len * Math.max(toScale, 1e-9) + 1e-9 && dot > 0, "same direction");
  await context.close();
});


test("a first visit says where to start; Got it puts the hint away for good", async () => {
  const { page, context } = await open();
  assert.equal(await page.isVisible("#start-here"), true);
  assert.match(await page.textContent("#start-here"), /Drag a weight.*Step phase.*Play/s);
  await page.click("#start-here-close");
  assert.equal(await page.isVisible("#start-here"), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), "step-phase");
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.isVisible("#start-here"), false, "not again on this browser");
  // The advanced parts wait, folded: the race, the numerical check, range and colour.
  for (const id of ["#race-box", "#check-box", "details.range"]) assert.equal(await page.$eval(id, (d) => d.open), false, `${id} folded`);
  await context.close();
});

test("the map says b1 and b2 are held, and can keep its colour scale through a run, link included", async () => {
  const { page, context, errors } = await open();
  const s = await snapshot(page);
  assert.ok((await page.textContent("#map-slice")).includes(`b₁ = ${formatNumber(s.params.b1)} and b₂ = ${formatNumber(s.params.b2)} are held`));
  const own = await page.evaluate(() => window.backpropLab.surface.geometry);
  await page.click("#range-toggle");
  await page.check("#fixed-scale");
  await page.evaluate(() => window.backpropLab.lab.advance(40));
  await page.waitForFunction(() => document.getElementById("map-slice").textContent.includes("keep the scale"));
  const kept = await page.evaluate(() => window.backpropLab.surface.geometry);
  assert.deepEqual([kept.costMin, kept.costMax], [own.costMin, own.costMax], "the colours keep their range");
  await page.waitForFunction(() => location.search.includes("scale=") && location.search.includes("it=40"));
  const again = await open((await page.evaluate(() => location.search)).slice(1));
  const reopened = await again.page.evaluate(() => window.backpropLab.surface.geometry);
  assert.deepEqual([reopened.costMin, reopened.costMax], [own.costMin, own.costMax]);
  assert.equal(await again.page.isChecked("#fixed-scale"), true);
  await again.context.close();
  // Unticked, the colours follow the surface again.
  await page.uncheck("#fixed-scale");
  await page.waitForFunction((min) => window.backpropLab.surface.geometry.costMin !== min, own.costMin);
  assert.deepEqual(errors, []);
  await context.close();
});

test("number fields take a decimal comma and spaces between digit groups, and ask when a comma is unclear", async () => {
  const { page, context } = await open();
  // A weight typed the way much of the world writes it.
  await page.fill("#field-w1", "1,25");
  await page.press("#field-w1", "Enter");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.params.w1 === 1.25);
  // "1,500" could be one and a half or fifteen hundred: the field says so and keeps its value.
  await page.fill("#field-w2", "1,500");
  await page.press("#field-w2", "Enter");
  assert.match(await page.textContent("#error-w2"), /is unclear: is "1,500" a decimal comma or a thousands separator\? Write 1\.500 or 1500/);
  assert.equal((await snapshot(page)).params.w2, 1.5);
  // A quiz answer with a decimal comma and a grouping space is read and graded as typed.
  await page.click("#quiz-button");
  await page.waitForSelector("#quiz-delta2");
  const seed = await page.evaluate(() => window.backpropLab.lab.snapshot.quiz.seed);
  const e = core.quizExercise(seed);
  const truth = core.backward(e.params, e.sample, e.cost);
  const comma = (v) => String(v).replace(".", ",");
  await page.fill("#quiz-delta2", comma(truth.delta2));
  await page.fill("#quiz-delta1", comma(truth.delta1));
  await page.fill("#quiz-dCdW2", comma(truth.dCdW2));
  await page.fill("#quiz-dCdW1", comma(truth.dCdW1));
  await page.click("#quiz-check");
  assert.match(await page.textContent("#quiz-result"), /4 of 4 within 1%/);
  await context.close();
});

test("Reset goes back to the weights set by hand; For teachers › Back to the defaults to the page as it first opens", async () => {
  const { page, context } = await open("v=1&w1=3&b1=1&w2=-2&b2=0&data=0.3_0.7,0.6_0.2&cost=crossEntropy&lr=2&it=5");
  await page.click("#reset");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.iteration === 0);
  assert.deepEqual((await snapshot(page)).params, { w1: 3, b1: 1, w2: -2, b2: 0 }, "Reset: the hand-set start");
  await page.click("#teacher summary");
  await page.click("#teacher-presets button >> text=Back to the defaults");
  const d = core.defaults().state;
  await page.waitForFunction((w1) => window.backpropLab.lab.snapshot.params.w1 === w1, d.start.w1);
  const s = await snapshot(page);
  const settings = await page.evaluate(() => window.backpropLab.lab.settings);
  assert.deepEqual(s.params, d.start);
  assert.equal(s.iteration, 0);
  assert.deepEqual(settings.samples, d.samples);
  assert.equal(settings.cost, d.cost);
  assert.equal(settings.learningRate, d.learningRate);
  await context.close();
});
