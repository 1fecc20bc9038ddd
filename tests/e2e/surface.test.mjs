// The cost surface in real Chromium, checked by pixels and positions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCore, openPage, useBrowser } from "./harness.mjs";
import { toPixel, toWeights } from "../../www/js/surface.js";

const core = await loadCore();
const env = useBrowser();

const open = (options) => openPage(env.browser, env.server.url, options);

/** Draws now and returns { geometry, marks, params, settings }. */
async function surfaceState(page) {
  return page.evaluate(() => {
    const { surface, lab } = window.backpropLab;
    surface.drawNow();
    return { geometry: surface.geometry, marks: surface.marks, params: lab.snapshot.params, settings: lab.settings, iteration: lab.snapshot.iteration };
  });
}

/** RGBA of one canvas pixel. */
async function pixel(page, id, x, y) {
  return page.evaluate(([id, x, y]) => [...document.getElementById(id).getContext("2d").getImageData(Math.round(x), Math.round(y), 1, 1).data], [id, x, y]);
}

/** Client coordinates of a canvas pixel. */
async function clientPoint(page, id, x, y) {
  return page.evaluate(([id, x, y]) => {
    const c = document.getElementById(id);
    const r = c.getBoundingClientRect();
    return [r.left + (x / c.width) * r.width, r.top + (y / c.height) * r.height];
  }, [id, x, y]);
}

/** The point of the map's plot at fractions (fx, fy) of its width and height, from its top
 * left: where it is in the window, and the weights it stands for. */
async function plotPoint(page, geometry, fx, fy) {
  const { plotLeft, plotRight, plotTop, plotBottom } = geometry;
  const at = [plotLeft + fx * (plotRight - plotLeft), plotTop + fy * (plotBottom - plotTop)];
  return { client: await clientPoint(page, "map-overlay", ...at), weights: toWeights(geometry, ...at) };
}

test("the marker is drawn where (w1, w2) maps to on the canvas", async () => {
  const { page, context } = await open();
  const { geometry, marks, params } = await surfaceState(page);
  const [x, y] = toPixel(geometry, params.w1, params.w2);
  assert.ok(Math.abs(marks.marker[0] - x) < 0.5 && Math.abs(marks.marker[1] - y) < 0.5, `marker at ${marks.marker}, expected ${[x, y]}`);
  // The marker's centre is teal on white; a few pixels away the overlay is transparent.
  const [r, g, b, a] = await pixel(page, "map-overlay", x, y);
  assert.equal(a, 255, "the marker is opaque at its centre");
  assert.ok(g > r && b > r, `teal centre, got ${[r, g, b]}`);
  const ring = await pixel(page, "map-overlay", x + 4 * (await page.evaluate(() => devicePixelRatio)), y);
  assert.ok(ring[0] > 200 && ring[1] > 200 && ring[2] > 200, `white ring, got ${ring}`);
  const away = await pixel(page, "map-overlay", geometry.plotLeft + 3, geometry.plotBottom - 3);
  assert.equal(away[3], 0, "the overlay is transparent away from its marks");
  await context.close();
});

test("clicking the map sets w1 and w2 to the point's values; keys move the marker", async () => {
  const { page, context } = await open();
  const { geometry } = await surfaceState(page);
  const { client: [cx, cy], weights: [w1, w2] } = await plotPoint(page, geometry, 0.25, 0.7);
  await page.mouse.click(cx, cy);
  const after = await surfaceState(page);
  const cell = (geometry.w1Max - geometry.w1Min) / 127; // the grid's precision
  assert.ok(Math.abs(after.params.w1 - w1) <= cell, `w1 ${after.params.w1} vs ${w1}`);
  assert.ok(Math.abs(after.params.w2 - w2) <= cell, `w2 ${after.params.w2} vs ${w2}`);
  // The sliders and the ledger follow.
  assert.equal(Number(await page.inputValue("#field-w1")), after.params.w1);
  assert.equal(await page.$eval('#ledger .num[data-key="dZ2dA1"]', (e) => e.dataset.exact), String(after.params.w2));
  // Dragging moves it continuously.
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 40, cy - 30, { steps: 5 });
  await page.mouse.up();
  const dragged = await surfaceState(page);
  assert.ok(dragged.params.w1 > after.params.w1 && dragged.params.w2 > after.params.w2, "drag moved right and up");
  // Arrow keys on the focused map.
  await page.focus("#map-overlay");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowUp");
  const keyed = await surfaceState(page);
  assert.ok(Math.abs(keyed.params.w1 - (dragged.params.w1 + 0.1)) < 1e-9);
  assert.ok(Math.abs(keyed.params.w2 - (dragged.params.w2 + 0.1)) < 1e-9);
  // Esc during a drag puts the weights back as they were before it (pointer cancellation),
  // and the rest of that drag moves nothing.
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 30, cy + 20, { steps: 3 });
  assert.notEqual((await surfaceState(page)).params.w1, keyed.params.w1, "the drag moved the weights");
  await page.keyboard.press("Escape");
  await page.mouse.move(cx + 50, cy + 30, { steps: 3 });
  await page.mouse.up();
  const undone = await surfaceState(page);
  assert.deepEqual([undone.params.w1, undone.params.w2], [keyed.params.w1, keyed.params.w2], "Esc undid the drag");
  await context.close();
});

test("touch: a tap and a drag by finger set the weights", async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await page.locator("#map-overlay").scrollIntoViewIfNeeded();
  const { geometry } = await surfaceState(page);
  const { client: [cx, cy], weights: [w1, w2] } = await plotPoint(page, geometry, 0.6, 0.3);
  await page.touchscreen.tap(cx, cy);
  const s = await surfaceState(page);
  assert.ok(Math.abs(s.params.w1 - w1) < 0.2 && Math.abs(s.params.w2 - w2) < 0.2, `tap set ${s.params.w1}, ${s.params.w2}`);
  await context.close();
});

test("after N iterations the path has N segments and ends at the current weights", async () => {
  const { page, context } = await open();
  await page.fill("#field-learningRate", "5");
  for (let i = 0; i < 7; i++) await page.click("#step-iteration");
  const { geometry, marks, params, iteration } = await surfaceState(page);
  assert.equal(iteration, 7);
  assert.equal(marks.pathSegments, 7);
  const [x, y] = toPixel(geometry, params.w1, params.w2);
  assert.ok(Math.abs(marks.marker[0] - x) < 0.5 && Math.abs(marks.marker[1] - y) < 0.5);
  // The step arrow is -learningRate * gradient, to scale.
  const s = await page.evaluate(() => window.backpropLab.lab.settings);
  const g = core.meanGradient(params, s.samples, s.cost);
  const end = toPixel(geometry, params.w1 - 5 * g.dCdW1, params.w2 - 5 * g.dCdW2);
  assert.ok(Math.abs(marks.arrowEnd[0] - end[0]) < 0.5 && Math.abs(marks.arrowEnd[1] - end[1]) < 0.5, `arrow ${marks.arrowEnd} vs ${end}`);
  // The start ring sits where training began.
  const start = await page.evaluate(() => window.backpropLab.lab.snapshot.start);
  const sp = toPixel(geometry, start.w1, start.w2);
  assert.ok(Math.abs(marks.start[0] - sp[0]) < 0.5 && Math.abs(marks.start[1] - sp[1]) < 0.5);
  await context.close();
});

test("the darkest part of the heatmap is where costSurface is smallest", async () => {
  const { page, context } = await open();
  await page.selectOption("#preset", "slope");
  const { geometry, params, settings } = await surfaceState(page);
  // Every 4th pixel of the plot: find the darkest.
  const darkest = await page.evaluate((g) => {
    const c = document.getElementById("map-base");
    const x0 = Math.ceil(g.plotLeft), y0 = Math.ceil(g.plotTop);
    const w = Math.floor(g.plotRight) - x0, h = Math.floor(g.plotBottom) - y0;
    const d = c.getContext("2d").getImageData(x0, y0, w, h).data;
    let best = [Infinity, 0, 0];
    for (let y = 0; y < h; y += 4) for (let x = 0; x < w; x += 4) {
      const i = 4 * (y * w + x);
      const l = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      if (l < best[0]) best = [l, x0 + x + 0.5, y0 + y + 0.5];
    }
    return best;
  }, geometry);
  const [w1, w2] = toWeights(geometry, darkest[1], darkest[2]);
  const res = 128;
  const costs = core.costSurface(params, settings.samples, settings.cost, { w1Min: geometry.w1Min, w1Max: geometry.w1Max, w2Min: geometry.w2Min, w2Max: geometry.w2Max, resolution: res });
  let min = Infinity, max = -Infinity;
  for (const c of costs) { min = Math.min(min, c); max = Math.max(max, c); }
  const there = core.meanGradient({ ...params, w1, w2 }, settings.samples, settings.cost).cost;
  // Within two colour steps (of 256) of the minimum.
  assert.ok(there - min <= (2 / 255) * (max - min), `cost at the darkest pixel ${there}, minimum ${min}, range ${max - min}`);
  await context.close();
});

test("the map follows x, b1 and the data; zoom and Reset view change the range", async () => {
  const { page, context } = await open();
  const before = await page.evaluate(() => window.backpropLab.surface.costs(window.backpropLab.memory).values.slice(0, 50));
  await page.fill("#field-b2", "-2");
  await surfaceState(page);
  const after = await page.evaluate(() => window.backpropLab.surface.costs(window.backpropLab.memory).values.slice(0, 50));
  assert.notDeepEqual(after, before, "the grid was recomputed for the new b2");
  // The grid equals costSurface for the same state.
  const { geometry, params, settings } = await surfaceState(page);
  const grid = await page.evaluate(() => window.backpropLab.surface.costs(window.backpropLab.memory));
  const want = core.costSurface(params, settings.samples, settings.cost, { w1Min: geometry.w1Min, w1Max: geometry.w1Max, w2Min: geometry.w2Min, w2Max: geometry.w2Max, resolution: grid.n });
  // The picture uses the fast f32 path; its error is bounded (tests/surface_fast.rs).
  assert.equal(grid.values.length, want.length);
  for (let k = 0; k < want.length; k++) {
    assert.ok(Math.abs(grid.values[k] - want[k]) <= 1e-4 * want[k] + 2e-6 * Math.sqrt(2 * want[k]) + 1e-30, `cell ${k}: ${grid.values[k]} vs ${want[k]}`);
  }
  // Wheel zooms in around the pointer; Reset view restores -8..8.
  const [cx, cy] = await clientPoint(page, "map-overlay", (geometry.plotLeft + geometry.plotRight) / 2, (geometry.plotTop + geometry.plotBottom) / 2);
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, -400);
  // The wheel event is delivered asynchronously: wait for the zoom it asks for.
  await page.waitForFunction(() => window.backpropLab.surface.range.w1Max - window.backpropLab.surface.range.w1Min < 16);
  const zoomed = await page.evaluate(() => window.backpropLab.surface.range);
  assert.ok(zoomed.w1Max - zoomed.w1Min < 16, `zoomed to ${JSON.stringify(zoomed)}`);
  assert.equal(await page.inputValue("#range-w1Min"), String(Number(zoomed.w1Min.toPrecision(6))));
  await page.click("#view-reset");
  assert.deepEqual(await page.evaluate(() => window.backpropLab.surface.range), { w1Min: -8, w1Max: 8, w2Min: -8, w2Max: 8 });
  // Range fields: a bad value is refused with a message.
  await page.click("details.range summary");
  await page.fill("#range-w1Min", "9");
  await page.press("#range-w1Min", "Tab");
  assert.match(await page.textContent("#range-error"), /first smaller/);
  await page.fill("#range-w1Min", "-2");
  await page.press("#range-w1Min", "Tab");
  assert.equal((await page.evaluate(() => window.backpropLab.surface.range)).w1Min, -2);
  await context.close();
});

test("each cross-section's tangent has the ledger's gradient as its slope", async () => {
  const { page, context } = await open();
  await page.selectOption("#preset", "step");
  await page.fill("#field-w1", "-1.5");
  const geo = await page.evaluate(() => {
    window.backpropLab.sections.drawNow();
    return window.backpropLab.sections.geometry;
  });
  for (const [axis, key] of [["w1", "dCdW1"], ["w2", "dCdW2"]]) {
    const g = geo[axis];
    const [[x0, y0], [x1, y1]] = g.tangent;
    const slope = (y1 - y0) / (x1 - x0);
    const ledger = Number(await page.$eval(`table.check tr[data-row="${key}"] td[data-check="bp"]`, (e) => e.dataset.exact));
    assert.ok(Math.abs(slope - ledger) <= 1e-9 * Math.abs(ledger) + 1e-15, `${axis}: tangent slope ${slope}, ledger ${ledger}`);
    // The tangent is drawn where the geometry says: a fifth of the way along, away from the
    // point marker and the curve, its pixel is magenta-ish.
    const [[px0, py0], [px1, py1]] = g.tangentPx;
    const [r, gg, b] = await pixel(page, `section-${axis}`, px0 + (px1 - px0) * 0.2, py0 + (py1 - py0) * 0.2);
    assert.ok(r > gg && b > gg, `${axis}: tangent colour ${[r, gg, b]}`);
    // And it passes through the current point, at the current weight.
    const params = await page.evaluate(() => window.backpropLab.lab.snapshot.params);
    assert.equal(g.point[0], params[axis]);
  }
  await context.close();
});

test("the 3D view shows the surface with the marker, turns by dragging and resets", async () => {
  const { page, context } = await open();
  for (let i = 0; i < 3; i++) await page.click("#step-iteration");
  await page.click("#view-3d");
  assert.equal(await page.getAttribute("#view-3d", "aria-pressed"), "true");
  assert.equal(await page.isVisible("#map-3d"), true);
  const first = await page.evaluate(() => {
    window.backpropLab.surface.drawNow();
    return window.backpropLab.surface.marks3d;
  });
  assert.equal(first.pathPoints, 4, "start + 3 iterations");
  const [mx, my] = first.markerPx;
  const size = await page.$eval("#map-3d", (c) => [c.width, c.height]);
  assert.ok(mx > 0 && my > 0 && mx < size[0] && my < size[1], "marker inside the canvas");
  const [r, g, b] = await pixel(page, "map-3d", mx, my);
  assert.ok(r > 200 && g > 200 && b > 200, `white marker, got ${[r, g, b]}`);
  // Drag to turn.
  const box = await page.locator("#map-3d").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 20, { steps: 4 });
  await page.mouse.up();
  const turned = await page.evaluate(() => {
    window.backpropLab.surface.drawNow();
    return { marks: window.backpropLab.surface.marks3d, angles: window.backpropLab.surface.angles };
  });
  assert.ok(Math.abs(turned.angles.yaw - (0.7 - 0.8)) < 1e-9, `yaw ${turned.angles.yaw}`);
  assert.notDeepEqual(turned.marks.markerPx, first.markerPx, "the marker moved with the view");
  await page.click("#view-reset");
  assert.deepEqual(await page.evaluate(() => window.backpropLab.surface.angles), { yaw: 0.7, pitch: 0.45 });
  // Without dragging: a tap on a turn button (WCAG 2.5.7); the view is an application with a
  // role description, so a screen reader hands it the arrow keys (4.1.2).
  await page.getByRole("button", { name: "Turn left" }).click();
  await page.getByRole("button", { name: "Tilt up" }).click();
  const angles = await page.evaluate(() => window.backpropLab.surface.angles);
  assert.ok(Math.abs(angles.yaw - 0.9) < 1e-9 && Math.abs(angles.pitch - 0.65) < 1e-9, `turned by buttons: ${JSON.stringify(angles)}`);
  assert.equal(await page.getAttribute("#map-3d", "role"), "application");
  assert.equal(await page.getAttribute("#map-3d", "aria-roledescription"), "3D cost surface");
  await page.click("#view-2d");
  assert.equal(await page.isVisible("#map-3d"), false);
  assert.equal(await page.isVisible("#turn-3d"), false, "the turn buttons go with the 3D view");
  await context.close();
});

test("on a phone, while Play runs, a chart far from view is transparent (the browser then leaves it out of each frame) and is shown as it comes near; paused or printed, every chart shows", async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const look = () => page.evaluate(() => ["map-base", "map-overlay", "loss-canvas", "section-w1"].map((id) => {
    const c = document.getElementById(id);
    const r = c.getBoundingClientRect();
    return { id, opacity: getComputedStyle(c).opacity, near: r.bottom > -innerHeight * 0.25 && r.top < innerHeight * 1.25 };
  }));
  const lossOpacity = (o) => page.waitForFunction((o) => getComputedStyle(document.getElementById("loss-canvas")).opacity === o, o);
  await page.evaluate(() => {
    const { player, core } = window.backpropLab;
    player.setLevel(core.limits().speeds.length - 1);
    scrollTo(0, 0);
  });
  for (const c of await look()) assert.equal(c.opacity, "1", `${c.id} at rest`);
  await page.click("#play");
  await lossOpacity("0");
  for (const c of await look()) assert.equal(c.opacity, c.near ? "1" : "0", `${c.id} playing at the top of the page: ${JSON.stringify(c)}`);
  await page.emulateMedia({ media: "print" });
  for (const c of await look()) assert.equal(c.opacity, "1", `${c.id} printed`);
  await page.emulateMedia({ media: "screen" });
  // Scrolled to, a chart is opaque before it can be seen (it turns within a quarter screen).
  await page.$eval("#loss-canvas", (c) => c.scrollIntoView({ block: "center" }));
  await lossOpacity("1");
  const near = await look();
  assert.ok(near.find((c) => c.id === "loss-canvas").near);
  for (const c of near) assert.equal(c.opacity, c.near ? "1" : "0", `${c.id} playing with the loss curve in view: ${JSON.stringify(c)}`);
  await page.evaluate(() => scrollTo(0, 0));
  await lossOpacity("0");
  await page.click("#play");
  await lossOpacity("1");
  for (const c of await look()) assert.equal(c.opacity, "1", `${c.id} paused`);
  // A finger held on a slider is a movement too; let go, every chart shows.
  await page.locator('.slider[data-key="w1"]').hover();
  await page.mouse.down();
  await lossOpacity("0");
  await page.mouse.up();
  await lossOpacity("1");
  await context.close();
});

test("pressing Play draws nothing again: the session is as it was, and so are the pictures and their words", async () => {
  const { page, context } = await open();
  await page.waitForFunction(() => window.backpropLab.lab.charts && window.backpropLab.pendingDraws().length === 0);
  const words = () => page.evaluate(() => [document.getElementById("loss-canvas").getAttribute("aria-label"), document.getElementById("map-desc").textContent]);
  const before = await words();
  // Read in the press's own task: what the press asked for, before Play's first frame runs.
  const asked = await page.evaluate(() => {
    const { lab, pendingDraws } = window.backpropLab;
    const it = lab.snapshot.iteration;
    document.getElementById("play").click();
    const pending = pendingDraws();
    document.getElementById("play").click();
    return { pending, same: lab.snapshot.iteration === it };
  });
  assert.ok(asked.same, "no iteration ran between the press and the pause");
  assert.deepEqual(asked.pending.filter((k) => ["map", "loss", "sections", "pictures"].some((c) => k.startsWith(c))), [], `asked for at the press: ${asked.pending}`);
  await page.waitForFunction(() => !window.backpropLab.player.playing && window.backpropLab.pendingDraws().length === 0);
  assert.deepEqual(await words(), before, "the words are the same moment's");
  await context.close();
});

test("on a phone, while Play runs, a chart out of view waits: it is drawn as it comes into view, and every chart once Play stops", async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await page.evaluate(() => {
    const { player, core } = window.backpropLab;
    player.setLevel(core.limits().speeds.length - 1);
    scrollTo(0, 0);
  });
  // The loss curve and the slope plots are far below the bar's Play on a phone.
  assert.ok(await page.$eval("#loss-canvas", (c) => c.getBoundingClientRect().top > innerHeight * 1.25), "the loss curve starts out of view");
  await page.click("#play");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.iteration > 20 && window.backpropLab.pendingDraws().includes("loss"));
  const waiting = await page.evaluate(() => window.backpropLab.loss.drawnAt);
  await page.waitForFunction((at) => window.backpropLab.lab.snapshot.iteration > at + 300, waiting);
  assert.equal(await page.evaluate(() => window.backpropLab.loss.drawnAt), waiting, "not drawn while out of view");
  // Scrolled into view while still playing, it is drawn again.
  await page.$eval("#loss-canvas", (c) => c.scrollIntoView({ block: "center" }));
  await page.waitForFunction((at) => window.backpropLab.player.playing && window.backpropLab.loss.drawnAt > at + 300, waiting);
  // Out of view again, it waits again; asked to draw everything (drawn(), what the page's
  // boot and the tests wait on), it is drawn all the same.
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForFunction(() => window.backpropLab.pendingDraws().includes("loss"));
  const forced = await page.evaluate(async () => {
    const { lab, loss, drawn } = window.backpropLab;
    const asked = lab.snapshot.iteration;
    await drawn();
    return { asked, drawnAt: loss.drawnAt, playing: window.backpropLab.player.playing };
  });
  assert.ok(forced.playing && forced.drawnAt >= forced.asked, `drawn() draws a waiting chart: ${JSON.stringify(forced)}`);
  // Play stops (from the bar): nothing waits, every chart shows the weights of the moment.
  await page.click("#play");
  await page.waitForFunction(() => !window.backpropLab.player.playing && window.backpropLab.pendingDraws().length === 0);
  const s = await page.evaluate(() => {
    const { lab, loss, sections } = window.backpropLab;
    return { it: lab.snapshot.iteration, params: lab.snapshot.params, loss: loss.drawnAt, w1: sections.geometry.w1.point[0], w2: sections.geometry.w2.point[0] };
  });
  assert.equal(s.loss, s.it);
  assert.deepEqual([s.w1, s.w2], [s.params.w1, s.params.w2]);
  const { geometry, marks, params } = await page.evaluate(() => ({ geometry: window.backpropLab.surface.geometry, marks: window.backpropLab.surface.marks, params: window.backpropLab.lab.snapshot.params }));
  const [mx, my] = toPixel(geometry, params.w1, params.w2);
  assert.ok(Math.hypot(marks.marker[0] - mx, marks.marker[1] - my) < 1.5, "the map's marker is at the weights of the moment");
  await context.close();
});
