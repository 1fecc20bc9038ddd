// A browser without WebAssembly SIMD gets the scalar build of the same core: here Chromium made
// to say SIMD does not validate, beside the SIMD build on the same link (WebKit with SIMD truly
// off runs in engines.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCore, openPage, useBrowser } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();
const LINK = "v=1&w1=-2&b1=1&w2=3&b2=-0.5&data=0.1_0.9,0.5_0.2,0.9_0.7&cost=crossEntropy&lr=2&it=25";

/** Makes WebAssembly.validate refuse modules that use SIMD (opcode prefix 0xfd), as a browser
 * without SIMD does; everything else validates as before. */
function withoutSimd() {
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes) => {
    const u = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    return u.length < 256 && u.includes(0xfd) ? false : validate(bytes);
  };
}

test("without SIMD the scalar build loads and every number, the path and the map agree with the SIMD build", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(withoutSimd);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const wasm = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url().split("/").pop()));
  await page.goto(`${env.server.url}?${LINK}`);
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.evaluate(() => window.backpropLab.build), "scalar");
  assert.ok(wasm.includes("backprop_lab_scalar_bg.wasm"), `loaded ${wasm}`);

  const simd = await openPage(env.browser, `${env.server.url}?${LINK}`);
  assert.equal(await simd.page.evaluate(() => window.backpropLab.build), "simd");
  const read = (p) => p.evaluate(() => ({
    snap: window.backpropLab.lab.snapshot,
    history: [...window.backpropLab.lab.history()],
    shown: [...document.querySelectorAll("[data-exact]")].map((e) => e.dataset.exact),
    map: window.backpropLab.surface.geometry,
  }));
  const [a, b] = [await read(page), await read(simd.page)];
  assert.deepEqual(a.snap.params, b.snap.params, "the same run, bit for bit");
  assert.deepEqual(a.history, b.history);
  assert.ok(a.shown.length > 40);
  assert.deepEqual(a.shown, b.shown, "every number on the page");
  // The map's fast path in plain f32 lanes gives the SIMD lanes' costs.
  assert.ok(Math.abs(a.map.costMin - b.map.costMin) <= 1e-6 * b.map.costMax && Math.abs(a.map.costMax - b.map.costMax) <= 1e-6 * b.map.costMax,
    `${a.map.costMin}..${a.map.costMax} vs ${b.map.costMin}..${b.map.costMax}`);
  // And the numbers are the core's.
  const s = await page.evaluate(() => window.backpropLab.lab.settings);
  const g = core.meanGradient(a.snap.params, s.samples, s.cost);
  assert.equal(a.snap.cost, g.cost);
  assert.deepEqual(errors, []);
  await simd.context.close();
  await context.close();
});

test("a browser without WebAssembly at all gets the page's clear message, and no error", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(env.server.url);
  await page.waitForSelector("#fatal:not([hidden])");
  assert.match(await page.textContent("#fatal"), /This browser cannot run WebAssembly, which Backprop Lab needs/);
  assert.equal(await page.isVisible("#status"), false, "no endless loading message");
  assert.equal(await page.isVisible("#app"), false);
  assert.deepEqual(errors, []);
  await context.close();
});
