// The benchmark: builds nothing itself (run it through `make bench`, which builds dist/ and
// the native example first), then drives the real page in headless Chromium and prints one
// table, also written as JSON to target/bench.json.
//
//   1. surface compute, 256 x 256 grid x 16 samples: the page's wasm (fast picture path and
//      the exact f64 path, costSurface), plain-JS references written here (the exact path
//      timed side by side with them, for every hidden and output activation), and native
//      Rust; medians.
//   2. frame times from requestAnimationFrame over scripted 5-second interactions.
//   3. load, of a bare URL (its numbers pre-rendered) and of a share link: wasm size, bytes
//      transferred, navigation to the numbers on screen, to the live page and to the first
//      surface picture, long tasks while starting; the next visit served by the service worker with
//      no network; Lighthouse's mobile profile (medians of 9: its blocking time moves most).
//   4. memory after 1,000 and after 1,000,000 training iterations.
//   5. the school phone (bench-phone.mjs): frame times at 390 × 844, DPR 2, touch, with the
//      CPU throttled 4× and 6× beside unthrottled, and where a throttled frame's time goes.
//
// Timing numbers vary with the machine's load: compare ratios measured in the same run.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { cpus } from "node:os";
import { createRequire } from "node:module";
import { serve } from "./serve.mjs";
import { frames as recordFrames, phoneLines, phoneRuns } from "./bench-phone.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const require = createRequire(`${ROOT}tests/e2e/package.json`);
const { chromium } = require("playwright-core");
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"];
const REPEATS = Number(process.env.BENCH_REPEATS ?? 30);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const log = (...a) => console.error("[bench]", ...a);

// A 16-point training set, as the issue asks.
const SAMPLES = Array.from({ length: 16 }, (_, i) => ({ x: i / 15, y: i < 8 ? 0.1 : 0.9 }));
const GRID = { w1Min: -8, w1Max: 8, w2Min: -8, w2Max: 8, resolution: 256 };
const PARAMS = { w1: 2, b1: -0.5, w2: 1.5, b2: 0.5 };

/** The plain-JS reference: the same math, written as a careful JS developer would (a1 hoisted
 * out of the w2 loop, no allocation in the loop, typed arrays). */
const REFERENCE = `(params, samples, cost, g) => {
  const n = g.resolution, out = new Float64Array(n * n), a1 = new Float64Array(n);
  const sig = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
  const softplus = (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  for (const { x, y } of samples) {
    for (let j = 0; j < n; j++) a1[j] = sig((g.w1Min + (g.w1Max - g.w1Min) * j / (n - 1)) * x + params.b1);
    for (let i = 0; i < n; i++) {
      const w2 = g.w2Min + (g.w2Max - g.w2Min) * i / (n - 1), row = i * n;
      if (cost === "squared") {
        for (let j = 0; j < n; j++) { const d = sig(w2 * a1[j] + params.b2) - y; out[row + j] += 0.5 * d * d; }
      } else {
        for (let j = 0; j < n; j++) { const z = w2 * a1[j] + params.b2; out[row + j] += y * softplus(-z) + (1 - y) * softplus(z); }
      }
    }
  }
  for (let k = 0; k < out.length; k++) out[k] /= samples.length;
  return out;
}`;

/** The same for any activations (`{ hidden, output }`), as careful: one inner loop per output,
 * chosen outside it, no exponential where the output needs none. */
const REFERENCE_ACTIVATIONS = `(params, samples, cost, g, act) => {
  const n = g.resolution, out = new Float64Array(n * n), a1 = new Float64Array(n), b2 = params.b2;
  const sig = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
  const softplus = (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  const hidden = act.hidden, output = act.output;
  for (const { x, y } of samples) {
    for (let j = 0; j < n; j++) {
      const z = (g.w1Min + (g.w1Max - g.w1Min) * j / (n - 1)) * x + params.b1;
      a1[j] = hidden === "sigmoid" ? sig(z) : hidden === "tanh" ? Math.tanh(z) : hidden === "relu" ? (z > 0 ? z : 0) : z;
    }
    for (let i = 0; i < n; i++) {
      const w2 = g.w2Min + (g.w2Max - g.w2Min) * i / (n - 1), row = i * n;
      if (cost === "crossEntropy") {
        for (let j = 0; j < n; j++) { const z = w2 * a1[j] + b2; out[row + j] += y * softplus(-z) + (1 - y) * softplus(z); }
      } else if (output === "sigmoid") {
        for (let j = 0; j < n; j++) { const d = sig(w2 * a1[j] + b2) - y; out[row + j] += 0.5 * d * d; }
      } else if (output === "tanh") {
        for (let j = 0; j < n; j++) { const d = Math.tanh(w2 * a1[j] + b2) - y; out[row + j] += 0.5 * d * d; }
      } else if (output === "relu") {
        for (let j = 0; j < n; j++) { const z = w2 * a1[j] + b2, d = (z > 0 ? z : 0) - y; out[row + j] += 0.5 * d * d; }
      } else {
        for (let j = 0; j < n; j++) { const d = w2 * a1[j] + b2 - y; out[row + j] += 0.5 * d * d; }
      }
    }
  }
  for (let k = 0; k < out.length; k++) out[k] /= samples.length;
  return out;
}`;

async function surfaceCompute(page) {
  return page.evaluate(async ({ SAMPLES, GRID, PARAMS, REPEATS, REFERENCE, REFERENCE_ACTIVATIONS }) => {
    const { core, memory } = window.backpropLab;
    const reference = eval(REFERENCE); // the benchmark's own code, not the product's
    const t = new core.Session(PARAMS, { samples: SAMPLES, cost: "squared", learningRate: 1 });
    const map = new core.CostMap();
    // The scalar build (what a browser without SIMD loads), side by side in the same page.
    const scalar = await import("./pkg/backprop_lab_scalar.js");
    await scalar.default();
    const ts = new scalar.Session(PARAMS, { samples: SAMPLES, cost: "squared", learningRate: 1 });
    const scalarMap = new scalar.CostMap();
    const time = (fn) => {
      const xs = [];
      for (let k = 0; k < REPEATS; k++) {
        const t0 = performance.now();
        fn();
        xs.push(performance.now() - t0);
      }
      return xs;
    };
    // Two functions timed in turn, a few calls each first (so wasm is tiered up and the JS
    // optimized): a load that comes and goes hits both alike. Each time is a batch of BATCH
    // calls, per call: the page's clock ticks in 0.1 ms (not cross-origin isolated), coarse
    // against a 0.5 ms call.
    const BATCH = 5;
    const sideBySide = (a, b) => {
      for (let k = 0; k < 3; k++) { a(); b(); }
      const xs = [], ys = [];
      const batch = (f) => {
        const t0 = performance.now();
        for (let k = 0; k < BATCH; k++) f();
        return (performance.now() - t0) / BATCH;
      };
      for (let k = 0; k < REPEATS; k++) {
        xs.push(batch(a));
        ys.push(batch(b));
      }
      return [xs, ys];
    };
    const out = {};
    for (const cost of ["squared", "crossEntropy"]) {
      t.setSettings({ samples: SAMPLES, cost, learningRate: 1 });
      ts.setSettings({ samples: SAMPLES, cost, learningRate: 1 });
      const fast = [];
      const fastScalar = [];
      for (let k = 0; k < 3; k++) {
        fast.push(...time(() => map.compute(t, GRID)));
        fastScalar.push(...time(() => scalarMap.compute(ts, GRID)));
      }
      const [exact, js] = sideBySide(() => core.costSurface(PARAMS, SAMPLES, cost, GRID), () => reference(PARAMS, SAMPLES, cost, GRID));
      // The fast path's worst error against the exact one, relative to the cost range.
      const a = new Float32Array(memory.buffer, map.costsView(), 256 * 256);
      const b = core.costSurface(PARAMS, SAMPLES, cost, GRID);
      let lo = Infinity, hi = -Infinity, err = 0;
      for (let k = 0; k < b.length; k++) { lo = Math.min(lo, b[k]); hi = Math.max(hi, b[k]); }
      for (let k = 0; k < b.length; k++) err = Math.max(err, Math.abs(a[k] - b[k]));
      out[cost] = { fast, fastScalar, exact, js, maxErrorOfRange: err / (hi - lo) };
    }
    // Other activations (squared cost): a sigmoid output keeps the fast path (any hidden node);
    // another output takes the exact path.
    const activations = {};
    for (const [hidden, output] of [["sigmoid", "sigmoid"], ["tanh", "sigmoid"], ["relu", "sigmoid"], ["relu", "linear"], ["sigmoid", "tanh"]]) {
      t.setSettings({ samples: SAMPLES, cost: "squared", learningRate: 1, hidden, output });
      activations[`${hidden} → ${output}`] = time(() => map.compute(t, GRID));
    }
    out.activations = activations;
    // The exact costSurface against the careful JS reference, every (hidden, output) with
    // the squared cost (the sigmoid pair again, against this reference), side by side.
    const referenceActivations = eval(REFERENCE_ACTIVATIONS);
    const exactActivations = {};
    const names = ["sigmoid", "tanh", "relu", "linear"];
    for (const hidden of names) {
      for (const output of names) {
        const act = { hidden, output };
        const [exact, js] = sideBySide(() => core.costSurface(PARAMS, SAMPLES, "squared", GRID, act), () => referenceActivations(PARAMS, SAMPLES, "squared", GRID, act));
        exactActivations[`${hidden} → ${output}`] = { exact, js };
      }
    }
    out.exactActivations = exactActivations;
    return out;
  }, { SAMPLES, GRID, PARAMS, REPEATS, REFERENCE, REFERENCE_ACTIVATIONS });
}

/** The native timings (examples/bench_surface.rs), or the error that stopped them. */
function nativeSurface() {
  try {
    const native = execFileSync("cargo", ["run", "--quiet", "--release", "--example", "bench_surface", "--", "--json"], { cwd: ROOT, encoding: "utf8" });
    return JSON.parse(native.trim().split("\n").pop());
  } catch (e) {
    return { error: String(e.message).slice(0, 200) };
  }
}

/** Frame intervals while `act` runs (5 s of scripted interaction): n, p50, p95, max. */
async function frames(page, act) {
  const xs = await recordFrames(page, act);
  return { n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) };
}

/** Drags across `selector` back and forth for `ms`, one pointer move per ~8 ms. */
async function dragFor(page, selector, ms) {
  const box = await page.locator(selector).boundingBox();
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width * 0.2;
  const x1 = box.x + box.width * 0.8;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  const start = Date.now();
  let k = 0;
  while (Date.now() - start < ms) {
    const f = (Math.sin(k++ / 20) + 1) / 2;
    await page.mouse.move(x0 + (x1 - x0) * f, y + (selector.includes("3d") ? 40 * Math.cos(k / 30) : 0));
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
}

async function main() {
  // BENCH_DIR=www serves the source site instead (after scripts/build-wasm.sh), for part 1.
  const dist = process.env.BENCH_DIR ? `${ROOT}${process.env.BENCH_DIR}` : `${ROOT}dist`;
  const sizes = (name) => {
    const wasm = readFileSync(`${dist}/pkg/${name}_bg.wasm`);
    return { rawKB: wasm.length / 1024, gzipKB: gzipSync(wasm, { level: 9 }).length / 1024, brotliKB: brotliCompressSync(wasm).length / 1024 };
  };
  const { server, url } = await serve({ dir: dist, port: 0, quiet: true });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
  const results = { date: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}`, browser: browser.version() };
  if (process.env.BENCH_ONLY === "surface") {
    // Part 1 alone (`BENCH_ONLY=surface node scripts/bench.mjs`, with BENCH_DIR=www after
    // scripts/build-wasm.sh to skip make dist), for work on the surface.
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true })).newPage();
      await page.goto(url);
      await page.waitForSelector("html[data-ready=true]");
      results.surface = await surfaceCompute(page);
      results.native = nativeSurface();
    } finally {
      await browser.close();
      server.close();
    }
    return console.log(surfaceLines(results).join("\n"));
  }
  try {
    // 3. Load (first, on a cold browser context each time): a bare URL, whose numbers are
    // painted with the HTML (the pre-rendered page), and a share link, which opens another
    // state and so waits for the core's first part.
    const LINK = "?v=1&w1=-3&b1=0.4&w2=2.5&b2=-1&data=0.2_0.9,0.7_0.1&cost=crossEntropy&lr=2";
    // A whole first visit as the server counts it: the page, then the service worker's
    // install, which revalidates what the page has already fetched (304s) and downloads the rest.
    let firstVisit = 0;
    {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const page = await context.newPage();
      const before = server.sent;
      await page.goto(url);
      await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");
      firstVisit = server.sent - before;
      await context.close();
    }
    results.load = {
      first: sizes("backprop_lab_first"), whole: sizes("backprop_lab"), firstVisitKB: firstVisit / 1024,
      bare: await loadRuns(browser, url), link: await loadRuns(browser, url + LINK),
    };
    results.nextVisit = await nextVisit(browser, dist);
    results.lighthouse = await lighthouseRuns(9);
    log("load", results.load);

    // bypassCSP: the page's policy forbids eval, which part 1 uses for its JS references.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("html[data-ready=true]");

    // 1. Surface compute.
    results.surface = await surfaceCompute(page);
    results.native = nativeSurface();
    log("surface done");

    // 2. Frames.
    await page.selectOption("#preset", "slope");
    results.frames = {};
    results.frames.dragW1 = await frames(page, () => dragFor(page, "#slider-w1", 5000));
    results.frames.dragX = await frames(page, () => dragFor(page, "#slider-x", 5000));
    await page.$eval("#speed", (e) => { e.value = "7"; e.dispatchEvent(new Event("input", { bubbles: true })); });
    results.frames.play = await frames(page, async () => {
      await page.click("#play");
      await page.waitForTimeout(5000);
      await page.click("#play");
    });
    // The same with four optimizers racing the lead (five runs, five paths, five curves).
    const RACE = [{ kind: "momentum", beta: 0.9 }, { kind: "nesterov", beta: 0.9 }, { kind: "rmsprop", rho: 0.9, eps: 1e-8 }, { kind: "adam", beta1: 0.9, beta2: 0.999, eps: 1e-8 }];
    await page.click("#reset");
    await page.evaluate((race) => window.backpropLab.lab.setRace(race), RACE);
    results.frames.playRace4 = await frames(page, async () => {
      await page.click("#play");
      await page.waitForTimeout(5000);
      await page.click("#play");
    });
    // Training cost of a race: 1000 iterations alone vs with four rivals, side by side.
    results.race = await page.evaluate(({ race, REPEATS }) => {
      const { lab } = window.backpropLab;
      const time = (list) => {
        lab.setRace(list);
        const xs = [];
        for (let k = 0; k < REPEATS; k++) {
          lab.session.reset();
          const t0 = performance.now();
          lab.session.advance(1000, "pause");
          xs.push(performance.now() - t0);
        }
        return xs;
      };
      const out = { alone: [], race4: [] };
      for (let k = 0; k < 3; k++) {
        out.alone.push(...time([]));
        out.race4.push(...time(race));
      }
      lab.setRace([]);
      lab.reset();
      return out;
    }, { race: RACE, REPEATS });
    await page.click("#reset");
    // The guided lesson: entering it and moving through every step (pulses, marks, scrolling).
    results.frames.lessonSteps = await frames(page, async () => {
      await page.click("#lesson-start");
      const steps = await page.evaluate(() => window.backpropLab.core.limits().lessonSteps);
      for (let i = 1; i < steps; i++) {
        await page.click("#lesson-next");
        await page.waitForTimeout(350);
      }
      await page.click("#lesson-leave");
    });
    await page.click("#reset");
    await page.click("#view-3d");
    results.frames.rotate3d = await frames(page, () => dragFor(page, "#map-3d", 5000));
    // The 3D re-render alone, as drawn while rotating.
    results.render3dMs = median(await page.evaluate((REPEATS) => {
      const { surface } = window.backpropLab;
      const xs = [];
      for (let k = 0; k < REPEATS; k++) {
        surface.setAngles(0.7 + k * 0.05, 0.45);
        const t0 = performance.now();
        surface.drawNow();
        xs.push(performance.now() - t0);
      }
      return xs;
    }, REPEATS));
    await page.click("#view-2d");
    log("frames", results.frames);

    // 5. The school phone: the same interactions at 390 × 844, DPR 2, touch, with the CPU
    // throttled 4× and 6× beside unthrottled, and where a 4× frame's time goes.
    results.phone = await phoneRuns(browser, url, { log });

    // 4. Memory after 1,000 and 1,000,000 iterations (in chunks, rendering between them).
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = await cdp.send("Runtime.getHeapUsage");
      return usedSize / 1024 / 1024;
    };
    const runTo = (n) => page.evaluate(async (n) => {
      const { lab } = window.backpropLab;
      lab.reset();
      while (lab.snapshot.iteration < n) {
        lab.advance(Math.min(20000, n - lab.snapshot.iteration));
        if (lab.snapshot.trouble) lab.dismissTrouble();
        await new Promise(requestAnimationFrame);
      }
      return window.backpropLab.memory.buffer.byteLength / 1024 / 1024;
    }, n);
    await page.fill("#field-learningRate", "0.5");
    const wasmAt1k = await runTo(1000);
    const heapAt1k = await heap();
    const wasmAt1m = await runTo(1000000);
    const heapAt1m = await heap();
    results.memory = { jsHeapMB1k: heapAt1k, jsHeapMB1M: heapAt1m, wasmMB1k: wasmAt1k, wasmMB1M: wasmAt1m };
    log("memory", results.memory);
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }
  mkdirSync(`${ROOT}target`, { recursive: true });
  writeFileSync(`${ROOT}target/bench.json`, JSON.stringify(results, null, 2));
  print(results);
}

/** Loads `url` in a fresh context (no cache) at phone size, 7 times: medians of when its
 * numbers are on screen (the largest paint before the live page where it was pre-rendered,
 * else the live page's), when the live page is shown (usable), the first surface, the longest task and the
 * blocking time while starting; and the bytes (as sent: compressed, as a static host sends
 * them) asked for before the numbers were on screen, and in all. */
async function loadRuns(browser, url) {
  const runs = [];
  for (let k = 0; k < 7; k++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
    await context.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: true });
      window.__lcp = [];
      new PerformanceObserver((l) => window.__lcp.push(...l.getEntries().map((e) => e.startTime))).observe({ type: "largest-contentful-paint", buffered: true });
      window.__pre = false;
      addEventListener("DOMContentLoaded", () => (window.__pre = document.documentElement.classList.contains("pre-shown")));
    });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName("surface-drawn").length > 0 && document.documentElement.dataset.ready === "true");
    // Whatever the first frames after it draw (the loss curve, the cross-sections).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    runs.push(await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0].startTime;
      const live = at("numbers-shown");
      // Pre-rendered: the largest paint before the live page (the copy; the first paint may
      // be its header alone, painted while the rest of the HTML was still being read).
      const numbers = window.__pre ? Math.max(at("first-contentful-paint"), ...window.__lcp.filter((t) => t < live)) : live;
      const all = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
      const kb = (list) => list.reduce((s, e) => s + (e.encodedBodySize || 0), 0) / 1024;
      return {
        prerendered: window.__pre, numbersMs: numbers, liveMs: live, surfaceMs: at("surface-drawn"),
        longestMs: Math.max(0, ...window.__long), blockingMs: window.__long.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
        beforeNumbersKB: kb(all.filter((e) => e.startTime < numbers)), transferredKB: kb(all),
      };
    }));
    await context.close();
  }
  const of = (key) => median(runs.map((r) => r[key]));
  return {
    prerendered: runs.every((r) => r.prerendered), ...Object.fromEntries(Object.keys(runs[0]).filter((k) => k !== "prerendered").map((k) => [k, of(k)])),
    // A median hides the loads that had one: how many did, and their tasks.
    overLimit: runs.map((r) => r.longestMs).filter((ms) => ms > 50), loads: runs.length,
  };
}

/** The next visit: after one visit (the service worker has cached the site), the server is
 * stopped and the page reloaded 7 times: paint and numbers with no network, medians. */
async function nextVisit(browser, dist) {
  const { server, url } = await serve({ dir: dist, port: 0, quiet: true });
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  const paint = [];
  const numbers = [];
  for (let k = 0; k < 7; k++) {
    await page.reload();
    await page.waitForSelector("html[data-ready=true]");
    const t = await page.evaluate(() => ({
      paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
      numbers: performance.getEntriesByName("numbers-shown")[0].startTime,
    }));
    paint.push(t.paint);
    numbers.push(t.numbers);
  }
  await context.close();
  return { offlinePaintMs: median(paint), offlineNumbersMs: median(numbers) };
}

/** Lighthouse 12's mobile profile (simulated slow 4G, a mid-range phone) on dist/ served
 * compressed: each figure's median over the runs, and the range of the blocking time, which
 * moves most (Lighthouse multiplies the tasks it sees on this shared machine by 4). */
async function lighthouseRuns(n) {
  const lighthouse = (await import(require.resolve("lighthouse"))).default;
  const chromeLauncher = await import(require.resolve("chrome-launcher"));
  const { server, url } = await serve({ dir: `${ROOT}dist`, port: 0, quiet: true });
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: ["--headless=new", ...ARGS] });
  const runs = [];
  try {
    for (let k = 0; k < n; k++) {
      const { lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
      const a = lhr.audits;
      runs.push({
        performance: Math.round(lhr.categories.performance.score * 100),
        tbtMs: a["total-blocking-time"].numericValue,
        lcpMs: a["largest-contentful-paint"].numericValue,
        fcpMs: a["first-contentful-paint"].numericValue,
        cls: a["cumulative-layout-shift"].numericValue,
        kib: a["total-byte-weight"].numericValue / 1024,
      });
    }
  } finally {
    await chrome.kill();
    server.close();
  }
  const of = (key) => median(runs.map((r) => r[key]));
  const tbt = runs.map((r) => r.tbtMs);
  return {
    median: Object.fromEntries(Object.keys(runs[0]).map((k) => [k, of(k)])),
    tbtRange: [Math.min(...tbt), Math.max(...tbt)],
    runs,
  };
}

/** Part 1's tables. */
function surfaceLines(r) {
  const f = (x, d = 2) => (typeof x === "number" ? x.toFixed(d) : "—");
  const lines = [];
  lines.push("| surface 256×256 × 16 samples (median ms) | wasm fast | scalar build fast | wasm exact f64 (costSurface) | plain JS | native fast | native exact | native plain loop | JS / wasm fast | JS / wasm exact |");
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [cost, s] of Object.entries(r.surface)) {
    if (cost === "activations" || cost === "exactActivations") continue;
    const n = r.native?.[cost] ?? {};
    lines.push(`| ${cost} (max error ${s.maxErrorOfRange.toExponential(1)} of range) | ${f(median(s.fast))} | ${f(median(s.fastScalar))} (${f(median(s.fastScalar) / median(s.fast), 1)}×) | ${f(median(s.exact))} | ${f(median(s.js))} | ${f(n.fastMs)} | ${f(n.exactFastMs)} | ${f(n.exactMs)} | ${f(median(s.js) / median(s.fast), 1)}× | ${f(median(s.js) / median(s.exact), 1)}× |`);
  }
  lines.push("");
  lines.push("| exact costSurface by activation (squared, median ms, side by side) | wasm exact | plain JS | JS / wasm |");
  lines.push("| --- | ---: | ---: | ---: |");
  for (const [k, v] of Object.entries(r.surface.exactActivations)) lines.push(`| ${k} | ${f(median(v.exact))} | ${f(median(v.js))} | ${f(median(v.js) / median(v.exact), 1)}× |`);
  lines.push("");
  lines.push("| surface by activation (squared, wasm picture path, median ms) | ms | vs sigmoid → sigmoid |");
  lines.push("| --- | ---: | ---: |");
  const base = median(r.surface.activations["sigmoid → sigmoid"]);
  for (const [k, xs] of Object.entries(r.surface.activations)) lines.push(`| ${k} | ${f(median(xs))} | ${f(median(xs) / base, 1)}× |`);
  return lines;
}

function print(r) {
  const f = (x, d = 2) => (typeof x === "number" ? x.toFixed(d) : "—");
  const lines = [];
  lines.push(`Backprop Lab benchmark, ${r.date.slice(0, 10)}, ${r.machine}, Chromium ${r.browser}`);
  lines.push("");
  lines.push(...surfaceLines(r));
  lines.push("");
  lines.push(`| 1000 iterations (median ms) | alone | with 4 rivals | ratio |`);
  lines.push("| --- | ---: | ---: | ---: |");
  lines.push(`| | ${f(median(r.race.alone))} | ${f(median(r.race.race4))} | ${f(median(r.race.race4) / median(r.race.alone), 1)}× |`);
  lines.push("");
  lines.push("| frames over 5 s (ms between frames) | frames | p50 | p95 | max |");
  lines.push("| --- | ---: | ---: | ---: | ---: |");
  for (const [k, v] of Object.entries(r.frames)) lines.push(`| ${k} | ${v.n} | ${f(v.p50, 1)} | ${f(v.p95, 1)} | ${f(v.max, 1)} |`);
  lines.push(`| 3D re-render alone (median ms) | | ${f(r.render3dMs, 1)} | | |`);
  lines.push("");
  if (r.phone) lines.push(...phoneLines(r.phone), "");
  const l = r.load;
  lines.push("| wasm | raw | gzip | brotli |");
  lines.push("| --- | ---: | ---: | ---: |");
  for (const [name, w] of [["first part (the numbers)", l.first], ["whole core (SIMD build)", l.whole]]) lines.push(`| ${name} | ${f(w.rawKB, 0)} KB | ${f(w.gzipKB, 0)} KB | ${f(w.brotliKB, 0)} KB |`);
  lines.push("");
  lines.push(`| load (phone size, fresh cache, median of 7) | transferred before the numbers | in all | numbers on screen | live page | first surface | longest task (loads with one over 50 ms) | blocking (sum over 50 ms) |`);
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [name, x] of [[`bare URL${l.bare.prerendered ? " (pre-rendered)" : ""}`, l.bare], ["share link (another state)", l.link]]) {
    lines.push(`| ${name} | ${f(x.beforeNumbersKB, 0)} KB | ${f(x.transferredKB, 0)} KB | ${f(x.numbersMs, 0)} ms | ${f(x.liveMs, 0)} ms | ${f(x.surfaceMs, 0)} ms | ${f(x.longestMs, 0)} ms (${x.overLimit.length} of ${x.loads}${x.overLimit.length ? `: ${x.overLimit.map((ms) => f(ms, 0)).join(", ")}` : ""}) | ${f(x.blockingMs, 0)} ms |`);
  }
  lines.push(`| first visit with the offline copy (service worker) | | ${f(l.firstVisitKB, 0)} KB | | | | | |`);
  const v = r.nextVisit;
  lines.push(`| next visit, no network (service worker) | 0 KB | 0 KB | first paint ${f(v.offlinePaintMs, 0)} ms | ${f(v.offlineNumbersMs, 0)} ms | | | |`);
  const h = r.lighthouse.median;
  lines.push("");
  lines.push(`| Lighthouse mobile (median of ${r.lighthouse.runs.length}) | performance | TBT | LCP | FCP | CLS | bytes |`);
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  const [lo, hi] = r.lighthouse.tbtRange;
  lines.push(`| | ${h.performance} | ${f(h.tbtMs, 0)} ms (${f(lo, 0)}–${f(hi, 0)}) | ${f(h.lcpMs, 0)} ms | ${f(h.fcpMs, 0)} ms | ${f(h.cls, 3)} | ${f(h.kib, 0)} KiB |`);
  lines.push("");
  const m = r.memory;
  lines.push("| memory | after 1,000 iterations | after 1,000,000 |");
  lines.push("| --- | ---: | ---: |");
  lines.push(`| JS heap | ${f(m.jsHeapMB1k)} MB | ${f(m.jsHeapMB1M)} MB |`);
  lines.push(`| wasm memory | ${f(m.wasmMB1k)} MB | ${f(m.wasmMB1M)} MB |`);
  lines.push("", ...targetLines(r));
  console.log(lines.join("\n"));
}

/** Issue 30's targets against this run's figures, each met or not, so a run says at once
 * where the page stands (the figures are the tables' above, nothing measured again). */
function targetLines(r) {
  const rows = [];
  const row = (target, measured, met) => rows.push(`| ${target} | ${measured} | ${met ? "met" : "**not met**"} |`);
  const ms = (x) => `${x.toFixed(1)} ms`;
  // Frames come at 60 Hz, so the time between two is a whole number of vsyncs, which the
  // page's clock (coarsened to 0.1 ms) reads as 16.6 to 16.8 ms a vsync: the unthrottled runs'
  // longest is 16.8. So each target is counted in vsyncs: a p95 of 16.7 ms is one frame.
  const vsyncs = (x) => Math.round(x / (1000 / 60));
  const inFrames = (x) => `${ms(x)} (${vsyncs(x)} frame${vsyncs(x) === 1 ? "" : "s"})`;
  const frames = r.phone?.frames ?? {};
  const phone = (rate, name) => frames[`${name}@${rate}x`];
  for (const name of ["dragW1", "dragX", "play", "playRace4"]) {
    const x = phone(4, name);
    if (x) row(`${name} at 4×: p95 ≤ 16.7 ms (1 frame)`, inFrames(x.p95), vsyncs(x.p95) <= 1);
  }
  const at4 = Object.entries(frames).filter(([k]) => k.endsWith("@4x"));
  if (at4.length) {
    const worst = Math.max(...at4.map(([, v]) => v.max));
    row("every interaction at 4×: no frame over 50 ms (3 frames; median of the runs' longest)", inFrames(worst), vsyncs(worst) <= 3);
  }
  const at6 = Object.entries(frames).filter(([k]) => k.endsWith("@6x"));
  if (at6.length) {
    const worst = Math.max(...at6.map(([, v]) => v.p95));
    row("every interaction at 6×: p95 ≤ 33.4 ms (2 frames; the worst)", inFrames(worst), vsyncs(worst) <= 2);
  }
  const ratio = (x) => median(x.js) / median(x.exact);
  if (r.surface) {
    const sq = ratio(r.surface.squared);
    row("costSurface, squared, sigmoids: ≥ 10× the plain JS", `${sq.toFixed(1)}×`, sq >= 10);
    const ce = ratio(r.surface.crossEntropy);
    row("costSurface, cross-entropy: ≥ 3×", `${ce.toFixed(1)}×`, ce >= 3);
    const others = Object.entries(r.surface.exactActivations ?? {}).filter(([k]) => k !== "sigmoid → sigmoid");
    if (others.length) {
      const [name, worst] = others.map(([k, v]) => [k, ratio(v)]).sort((a, b) => a[1] - b[1])[0];
      row("costSurface, every other activation pair: ≥ 3× (the worst)", `${worst.toFixed(1)}× (${name})`, worst >= 3);
    }
  }
  const h = r.lighthouse?.median;
  if (h) {
    row("Lighthouse mobile performance ≥ 98", String(h.performance), h.performance >= 98);
    row("Lighthouse TBT ≤ 100 ms", `${h.tbtMs.toFixed(0)} ms`, h.tbtMs <= 100);
  }
  if (r.load) row("the first wasm part ≤ 80 KB gzipped", `${r.load.first.gzipKB.toFixed(1)} KB`, r.load.first.gzipKB <= 80);
  if (r.nextVisit) row("offline: the next visit shows the numbers with no network", ms(r.nextVisit.offlineNumbersMs), Number.isFinite(r.nextVisit.offlineNumbersMs));
  return ["| issue 30's targets | this run | |", "| --- | ---: | --- |", ...rows];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
