// The real page in Chromium: what a user sees equals what the core computes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, loadCore, openPage, serveWww } from "./harness.mjs";
import { formatNumber } from "../../www/js/format.js";

const core = await loadCore();
let browser, server;
before(async () => {
  server = await serveWww();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const KEYS = ["w1", "b1", "w2", "b2", "x", "y"];

/** The state as the page's number fields show it. */
async function fieldState(page) {
  const v = {};
  for (const k of [...KEYS, "learningRate"]) v[k] = Number(await page.inputValue(`#field-${k}`));
  v.cost = await page.inputValue("#cost");
  return v;
}

/** Every value cell on the page: { key: { text, exact } }. */
async function shown(page) {
  return page.$$eval("td.num[data-key]", (cells) =>
    Object.fromEntries(cells.map((c) => [c.dataset.key, { text: c.textContent, exact: c.dataset.exact }])));
}

/** Asserts every number on the page is exactly the core's for the state in the fields. */
async function assertMatchesCore(page) {
  const s = await fieldState(page);
  const params = { w1: s.w1, b1: s.b1, w2: s.w2, b2: s.b2 };
  const want = { ...core.forward(params, s.x), ...core.backward(params, { x: s.x, y: s.y }, s.cost) };
  const got = await shown(page);
  assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
  for (const [key, value] of Object.entries(want)) {
    assert.equal(got[key].exact, String(value), `${key} exact`);
    assert.equal(got[key].text, formatNumber(value), `${key} text`);
  }
  const text = await page.textContent("main");
  assert.doesNotMatch(text, /NaN|Infinity|undefined/);
  return { s, want };
}

test("the page loads the core and shows the core's numbers", async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  assert.equal(await page.isVisible("#status"), false);
  await assertMatchesCore(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dragging the w1 slider with the mouse changes every value to exactly the core's", async () => {
  const { page, context } = await openPage(browser, server.url);
  const before = await assertMatchesCore(page);
  const box = await page.locator("#slider-w1").boundingBox();
  const y = box.y + box.height / 2;
  // Drag from the thumb's current place to 15% of the track, in small moves like a hand.
  const startX = box.x + box.width * ((before.s.w1 + 8) / 16);
  await page.mouse.move(startX, y);
  await page.mouse.down();
  const seen = new Set();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(startX + (box.x + box.width * 0.15 - startX) * (i / 10), y);
    // Every input event recomputes, not only the release.
    seen.add((await shown(page)).cost.exact);
  }
  await page.mouse.up();
  const afterDrag = await assertMatchesCore(page);
  assert.ok(afterDrag.s.w1 < -4, `w1 moved to ${afterDrag.s.w1}`);
  assert.ok(seen.size >= 5, `the cost updated during the drag (${seen.size} distinct values)`);
  await context.close();
});

test("every slider responds to the keyboard and the numbers follow", async () => {
  const { page, context } = await openPage(browser, server.url);
  for (const key of KEYS) {
    const before = (await fieldState(page))[key];
    await page.focus(`#slider-${key}`);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    const now = (await fieldState(page))[key];
    assert.ok(Math.abs(now - (before - 0.02)) < 1e-9, `${key}: ${before} -> ${now}`);
    await assertMatchesCore(page);
  }
  await context.close();
});

test("typing an exact value works; bad text gets a message and never NaN", async () => {
  const { page, context } = await openPage(browser, server.url);
  await page.fill("#field-w2", "-3.25");
  await assertMatchesCore(page);
  assert.equal((await fieldState(page)).w2, -3.25);
  assert.equal(await page.inputValue("#slider-w2"), "-3.25");
  // Beyond the slider's range but within the core's: accepted, slider pinned at its end.
  await page.fill("#field-w1", "12");
  assert.equal(await page.inputValue("#slider-w1"), "8");
  await assertMatchesCore(page);
  for (const bad of ["abc", "1e308", ""]) {
    await page.fill("#field-b1", bad);
    await page.press("#field-b1", "Tab");
    assert.equal(await page.isVisible("#error-b1"), true, `message for "${bad}"`);
    assert.match(await page.textContent("#error-b1"), /b₁/);
    await assertMatchesCore(page);
  }
  await page.fill("#field-y", "1.5");
  await page.press("#field-y", "Tab");
  assert.match(await page.textContent("#error-y"), /from 0 to 1/);
  await assertMatchesCore(page);
  await context.close();
});

test("a gradient-descent step lowers the cost and Reset restores the exact start", async () => {
  const { page, context } = await openPage(browser, server.url);
  const start = await fieldState(page);
  const c0 = (await shown(page)).cost.exact;
  await page.click("#step");
  const { s, want } = await assertMatchesCore(page);
  const grads = core.backward({ w1: start.w1, b1: start.b1, w2: start.w2, b2: start.b2 }, { x: start.x, y: start.y }, start.cost);
  assert.equal(s.w1, start.w1 - start.learningRate * grads.dCdW1);
  assert.ok(want.cost < Number(c0));
  assert.match(await page.textContent("#step-note"), /^Step 1: cost/);
  await page.selectOption("#cost", "crossEntropy");
  await page.fill("#field-x", "0.3");
  await page.click("#reset");
  assert.deepEqual(await fieldState(page), start);
  assert.equal((await shown(page)).cost.exact, c0);
  await context.close();
});

test("the cost switch changes the ledger: with cross-entropy, delta2 = y_hat - y", async () => {
  const { page, context } = await openPage(browser, server.url);
  await page.selectOption("#cost", "crossEntropy");
  const { s } = await assertMatchesCore(page);
  const cells = await shown(page);
  assert.equal(Number(cells.delta2.exact), Number(cells.yHat.exact) - s.y);
  await context.close();
});

test("if the wasm cannot load, the page says so clearly", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route("**/*.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.goto(server.url);
  await page.waitForSelector("#fatal:not([hidden])");
  assert.match(await page.textContent("#fatal"), /WebAssembly core did not load/);
  assert.equal(await page.isVisible("#status"), false);
  await context.close();
});
