// The optimizer race in real Chromium: ticking optimizers starts rivals from the lead's start
// with the lead's settings; every rival's path is drawn on the map, in 3D and on the loss
// curve, each ending in a ball at that rival's own current weights (as the core computes
// them, independently, in Node); hyper-parameters are adjustable; the link reopens the race.
import { test } from "node:test";
import assert from "node:assert/strict";
import { linkSettled, loadCore, openPage, useBrowser } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();
const open = (options) => openPage(env.browser, env.server.url, options);

/** The colour of a canvas pixel as #rrggbb. */
async function pixelHex(page, id, [x, y]) {
  return page.evaluate(([id, x, y]) => {
    const d = document.getElementById(id).getContext("2d").getImageData(Math.round(x), Math.round(y), 1, 1).data;
    return `#${[d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  }, [id, x, y]);
}

/** What the page shows of the race, after drawing now. */
async function raceState(page) {
  return page.evaluate(() => {
    const { lab, surface } = window.backpropLab;
    surface.drawNow();
    const snap = lab.snapshot;
    return { snap, settings: lab.settings, race: lab.race, geometry: surface.geometry, marks: surface.marks, marks3d: surface.marks3d, mode: surface.mode };
  });
}

const toPixel = (g, w1, w2) => [
  g.plotLeft + ((w1 - g.w1Min) / (g.w1Max - g.w1Min)) * (g.plotRight - g.plotLeft),
  g.plotBottom - ((w2 - g.w2Min) / (g.w2Max - g.w2Min)) * (g.plotBottom - g.plotTop),
];

test("a race: every rival's path drawn, each ending at its own weights; hyper-parameters; the link", async () => {
  const { page, context, errors } = await open();
  // The race waits, folded, until wanted.
  assert.equal(await page.isVisible('input[data-race="momentum"]'), false);
  await page.click("#race-box summary");
  await page.click('input[data-race="momentum"]');
  await page.click('input[data-race="adam"]');
  await page.fill("#race-adam-beta1", "0.8");
  await page.press("#race-adam-beta1", "Tab");
  // A bad value is refused with a message and the old one kept.
  await page.fill("#race-momentum-beta", "1.5");
  await page.press("#race-momentum-beta", "Tab");
  assert.match(await page.textContent('tr[data-kind="momentum"] .field-error'), /must be between 0 and 0\.999999, got 1\.5/);
  assert.equal(await page.inputValue("#race-momentum-beta"), "0.9");
  for (let i = 0; i < 12; i++) await page.click("#step-iteration");

  const s = await raceState(page);
  assert.deepEqual(s.race, [{ kind: "momentum", beta: 0.9 }, { kind: "adam", beta1: 0.8, beta2: 0.999, eps: 1e-8 }]);
  assert.equal(s.snap.race.length, 2);
  const settings = { samples: s.settings.samples, cost: s.settings.cost, learningRate: s.settings.learningRate };
  for (const [i, rival] of s.snap.race.entries()) {
    // The core, alone in Node, with this optimizer from the lead's start: the same weights.
    const t = new core.Session(s.snap.start, { ...settings, optimizer: s.race[i] });
    t.advance(12, "continue");
    const alone = t.snapshot();
    assert.equal(rival.iteration, 12);
    assert.deepEqual(rival.params, alone.params, `${rival.optimizer.kind} weights`);
    assert.equal(rival.cost, alone.cost);
    assert.notDeepEqual(rival.params, s.snap.params, "a rival goes its own way");
    // On the map: a path of 12 segments ending in a ball at its weights, in its colour.
    const mark = s.marks.rivals[i];
    assert.equal(mark.pathSegments, 12);
    const want = toPixel(s.geometry, rival.params.w1, rival.params.w2);
    assert.ok(Math.abs(mark.ball[0] - want[0]) < 1e-6 && Math.abs(mark.ball[1] - want[1]) < 1e-6, `${mark.ball} vs ${want}`);
    assert.equal(await pixelHex(page, "map-overlay", mark.ball), rival.mapColor, `${rival.optimizer.kind} ball colour`);
    // In the legend: its cost, exactly.
    assert.equal(await page.getAttribute(`tr[data-kind="${rival.optimizer.kind}"] .cost`, "data-exact"), String(rival.cost));
  }
  // The lead's marker is where the lead is, drawn last.
  const lead = toPixel(s.geometry, s.snap.params.w1, s.snap.params.w2);
  assert.deepEqual(s.marks.marker, lead);

  // The loss curve has a curve in each rival's colour.
  const colours = await page.evaluate(() => {
    const c = document.getElementById("loss-canvas");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4) seen.add(`#${[d[i], d[i + 1], d[i + 2]].map((v) => v.toString(16).padStart(2, "0")).join("")}`);
    return [...seen];
  });
  assert.equal(s.snap.race.length, 2);
  for (const rival of s.snap.race) assert.ok(colours.includes(rival.color), `loss curve in ${rival.color}`);

  // In 3D: a ball for each rival, in its colour.
  await page.click("#view-3d");
  const s3 = await raceState(page);
  assert.equal(s3.marks3d.rivals.length, 2);
  for (const [i, rival] of s3.snap.race.entries()) {
    const m = s3.marks3d.rivals[i];
    assert.equal(m.pathSegments, 12);
    assert.equal(await pixelHex(page, "map-3d", m.ball), rival.mapColor, `${rival.optimizer.kind} 3D ball`);
  }

  // The link carries the race; reopening it gives the same rivals, bit for bit.
  await linkSettled(page);
  const link = await page.evaluate(() => location.href);
  assert.match(link, /race=momentum_0\.9,adam_0\.8_0\.999_(1e-8|0\.00000001)&/);
  assert.match(link, /[?&]it=12(&|$)/, "the link holds every iteration");
  assert.match(link, /[?&]view=3d(&|$)/, "and the 3D view");
  const again = await open();
  await again.page.goto(link);
  await again.page.waitForSelector("html[data-ready=true]");
  const s2 = await raceState(again.page);
  assert.deepEqual(s2.snap.race, s3.snap.race);
  assert.equal(s2.mode, "surface3d", "the view comes back too");
  assert.equal(await again.page.isChecked('input[data-race="adam"]'), true);
  assert.equal(await again.page.inputValue("#race-adam-beta1"), "0.8");
  await again.context.close();

  // Reset takes every rival back to the start with the lead; unticking ends its race.
  await page.click("#reset");
  let r = await raceState(page);
  assert.ok(r.snap.race.every((x) => x.iteration === 0 && JSON.stringify(x.params) === JSON.stringify(r.snap.start)));
  await page.click('input[data-race="momentum"]');
  r = await raceState(page);
  assert.deepEqual(r.snap.race.map((x) => x.optimizer.kind), ["adam"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the lead's optimizer cannot race itself; changing the lead keeps the race", async () => {
  const { page, context, errors } = await open();
  await page.click("#race-box summary");
  assert.equal(await page.isDisabled('input[data-race="sgd"]'), true);
  await page.click('input[data-race="rmsprop"]');
  await page.selectOption("#optimizer", "momentum");
  assert.equal(await page.isDisabled('input[data-race="momentum"]'), true);
  assert.equal(await page.isDisabled('input[data-race="sgd"]'), false);
  let s = await raceState(page);
  assert.deepEqual(s.snap.race.map((x) => x.optimizer.kind), ["rmsprop"]);
  // The lead becomes a racing optimizer: that rival leaves (the lead is the race's RMSProp).
  await page.click('input[data-race="adam"]');
  await page.selectOption("#optimizer", "rmsprop");
  s = await raceState(page);
  assert.deepEqual(s.snap.race.map((x) => x.optimizer.kind), ["adam"]);
  assert.equal(await page.isDisabled('input[data-race="rmsprop"]'), true);
  assert.match(await page.textContent("#race-summary"), /^2 optimizers racing/);
  // Every other box can be ticked: four rivals at most, never an error.
  for (const kind of ["sgd", "momentum", "nesterov"]) await page.click(`input[data-race="${kind}"]`);
  s = await raceState(page);
  assert.equal(s.snap.race.length, 4);
  assert.equal(await page.textContent("#race-error"), "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("playing a race fast: the map's marker and every ball end where the weights are, the 3D view is not drawn while hidden, and the numbers catch up", async () => {
  const { page, context, errors } = await open();
  await page.selectOption("#preset", "slope");
  // A small learning rate: most frames move nothing by half a pixel, so the overlay is left
  // as it is (and nothing else is drawn in its place).
  await page.fill("#field-learningRate", "0.001");
  await page.evaluate(() => window.backpropLab.lab.setRace([{ kind: "momentum", beta: 0.9 }, { kind: "nesterov", beta: 0.9 }]));
  await page.$eval("#speed", (e) => { e.value = "7"; e.dispatchEvent(new Event("input", { bubbles: true })); });
  await page.click("#play");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.iteration >= 400);
  await page.click("#play");
  // Paused: everything drawn for the final state (no drawing is left waiting).
  await page.waitForFunction(() => !document.body.classList.contains("playing"));
  await page.waitForFunction((it) => window.backpropLab.loss.drawnAt === window.backpropLab.lab.snapshot.iteration, null);
  const { snap, geometry, marks, marks3d } = await page.evaluate(() => {
    const { lab, surface } = window.backpropLab;
    return { snap: lab.snapshot, geometry: surface.geometry, marks: surface.marks, marks3d: surface.marks3d };
  });
  assert.equal(marks3d, null, "the hidden 3D view was never drawn");
  const near = (a, b) => Math.abs(a[0] - b[0]) < 0.5 && Math.abs(a[1] - b[1]) < 0.5;
  assert.ok(near(marks.marker, toPixel(geometry, snap.params.w1, snap.params.w2)), `marker ${marks.marker}`);
  for (const [i, r] of snap.race.entries()) assert.ok(near(marks.rivals[i].ball, toPixel(geometry, r.params.w1, r.params.w2)), `ball ${i}`);
  // The numbers on the page are the final state's.
  assert.equal(await page.textContent("#iteration"), String(snap.iteration));
  assert.equal(Number(await page.getAttribute('#diagram text[data-key="w1"]', "data-exact")), snap.params.w1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a race starts fast enough to see, and the loss curve names each curve in its colour and mark, light and dark; the map says where each rival is", async () => {
  const { page, context } = await open({ colorScheme: "light" });
  assert.equal(await page.textContent("#speed-out"), "1 iteration/s", "the default speed");
  assert.equal(await page.isVisible("#loss-legend"), false, "no legend for one curve");
  await page.click("#race-box summary");
  await page.check('input[data-race="momentum"]');
  await page.check('input[data-race="adam"]');
  assert.equal(await page.textContent("#speed-out"), "30 iterations/s", "a race starts at 30 a second");
  const legend = () => page.$$eval("#loss-legend li", (lis) => lis.map((li) => ({ name: li.lastChild.textContent, mark: li.querySelector(".mark")?.textContent ?? "", color: getComputedStyle(li.querySelector(".line")).backgroundColor })));
  const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ")})`;
  const race = await page.evaluate(() => window.backpropLab.lab.snapshot.race);
  let shown = await legend();
  assert.deepEqual(shown.map((e) => e.name), ["Gradient descent (this run)", "Momentum", "Adam"]);
  assert.deepEqual(shown.slice(1).map((e) => e.color), race.map((r) => rgb(r.color)), "the loss curve's deep shades on a light page");
  // Not by colour alone: each rival's mark, as the charts draw it, in the legend and the table.
  assert.deepEqual(shown.map((e) => e.mark), ["", "■", "✚"]);
  assert.deepEqual(race.map((r) => [r.mark, r.markName]), [["■", "square"], ["✚", "plus"]]);
  assert.deepEqual(await page.$$eval(".race-table tr.racing .swatch", (els) => els.map((e) => e.textContent)), ["■", "✚"]);
  await page.waitForFunction(() => document.getElementById("map-desc").textContent.includes("; Adam (a plus) at w₁ = "));
  assert.match(await page.textContent("#map-desc"), /Racing it: momentum \(a square\) at w₁ = .*; Adam \(a plus\) at w₁ = .*, cost [\d.]+\.$/);
  // Dark: the bright shades the dark chart draws.
  await page.selectOption("#theme", "dark");
  await page.waitForFunction((c) => getComputedStyle(document.querySelector("#loss-legend li:nth-child(2) .line")).backgroundColor === c, rgb(race[0].mapColor));
  shown = await legend();
  assert.deepEqual(shown.slice(1).map((e) => e.color), race.map((r) => rgb(r.mapColor)));
  // A learner who chose faster keeps it.
  await page.uncheck('input[data-race="momentum"]');
  await page.uncheck('input[data-race="adam"]');
  await page.fill("#speed", "7");
  await page.check('input[data-race="adam"]');
  assert.equal(await page.textContent("#speed-out"), "1000 iterations/s");
  await context.close();
});
