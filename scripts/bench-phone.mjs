// The school phone: frame times of the page at 390 × 844, device pixel ratio 2, touch, with
// the CPU throttled (Chromium's DevTools throttling: 4× is Lighthouse's mid-range phone, 6× a
// slower one), side by side with the same unthrottled, in one run; and where a throttled
// frame's time goes, from a trace (style, layout, paint, script) and a CPU profile (script
// split into the core's wasm and the page's JS). Used by bench.mjs; `node scripts/bench.mjs`
// prints its table with the others.

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => pct(xs, 50);

/** The phone: what a school's mid-range Android reports. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/** How long each interaction is recorded, and how many times (medians of the runs' p50, p95, max). */
const SECONDS = 4;
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 3);

/** The intervals between animation frames while `act` runs (ms); bench.mjs's frames too. */
export async function frames(page, act) {
  await page.evaluate(() => {
    const generation = (window.__generation = (window.__generation ?? 0) + 1);
    window.__frames = [];
    let last = 0;
    const tick = (t) => {
      if (generation !== window.__generation || !window.__recording) return;
      if (last) window.__frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    window.__recording = true;
    requestAnimationFrame(tick);
  });
  await act();
  return page.evaluate(() => {
    window.__recording = false;
    return window.__frames;
  });
}

/** Drags a slider's thumb by touch, back and forth across the middle of its track, for `ms`
 * (a finger moves the thumb; a touch on the track does not, by design). */
async function dragThumb(page, cdp, key, ms) {
  const slider = page.locator(`#slider-${key}`);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const { value, min, max } = await slider.evaluate((e) => ({ value: Number(e.value), min: Number(e.min), max: Number(e.max) }));
  const y = box.y + box.height / 2;
  const at = (v) => box.x + 8 + ((box.width - 16) * (v - min)) / (max - min);
  const x0 = at(value);
  const touch = (type, x) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
  await touch("touchStart", x0);
  const start = Date.now();
  let k = 0;
  while (Date.now() - start < ms) {
    await touch("touchMove", x0 + Math.sin(k++ / 12) * box.width * 0.3);
    await page.waitForTimeout(8);
  }
  await touch("touchEnd", 0);
}

/** The interactions the issue names, each `SECONDS` long. */
function interactions(page, cdp) {
  // Play pressed and paused by a finger's tap, as on a phone. (Playwright's click first runs
  // its own checks in the page, scrolling and hit-testing: at 4x that made the press's frame
  // about 60 ms of which the page's handler was 11 to 17, by the Long Animation Frames API.)
  const tap = async (selector) => {
    const box = await page.locator(selector).boundingBox();
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [at] });
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  };
  const play = async () => {
    await tap("#play");
    await page.waitForTimeout(SECONDS * 1000);
    await tap("#play");
  };
  // Play while the learner looks at the map, the loss curve below it in view as far as it
  // fits: the charts on screen, where the interactions above leave them out of view.
  const playWatchingMap = async () => {
    await page.locator("#map-base").evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.evaluate(() => document.querySelector("#play").click());
    await page.waitForTimeout(SECONDS * 1000);
    await page.evaluate(() => document.querySelector("#play").click());
  };
  const all = {
    dragW1: () => dragThumb(page, cdp, "w1", SECONDS * 1000),
    dragX: () => dragThumb(page, cdp, "x", SECONDS * 1000),
    play,
    playRace4: play,
    playWatchingMap,
  };
  // The recording goes on until the page has settled after the movement (nothing waits to be
  // written or drawn) and two frames more, so that the frame that shows the pause or the
  // lifted finger, and those that then write and draw what waited far from view, count too:
  // the end of a movement is where the longest frames were.
  const andItsEnd = (act) => async () => {
    await act();
    await page.evaluate(() => new Promise((resolve) => {
      const settled = () => (window.backpropLab.pendingDraws().length === 0 ? requestAnimationFrame(() => requestAnimationFrame(resolve)) : requestAnimationFrame(settled));
      settled();
    }));
  };
  // BENCH_NAMES=dragW1,play runs only those.
  const only = process.env.BENCH_NAMES?.split(",");
  return Object.fromEntries(Object.entries(all).filter(([name]) => !only || only.includes(name)).map(([name, act]) => [name, andItsEnd(act)]));
}

const RACE = [{ kind: "momentum", beta: 0.9 }, { kind: "nesterov", beta: 0.9 }, { kind: "rmsprop", rho: 0.9, eps: 1e-8 }, { kind: "adam", beta1: 0.9, beta2: 0.999, eps: 1e-8 }];

/** Gets the page ready for an interaction, the same each time: freshly opened (a drag moves
 * the weights and the data, from where Play could leave the range and pause), the slope data,
 * Play at its fastest, and for the race four rivals; then the CPU throttled. */
async function prepare(page, cdp, url, name, rate) {
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]");
  await page.selectOption("#preset", "slope");
  await page.evaluate(({ name, race }) => {
    const { lab, player, core } = window.backpropLab;
    // A point from the middle of the data, so its x has room to move both ways.
    lab.setSettings({ chosen: Math.floor(lab.settings.samples.length / 2) });
    lab.setRace(name === "playRace4" ? race : []);
    player.setLevel(core.limits().speeds.length - 1);
  }, { name, race: RACE });
  await page.waitForFunction(() => window.backpropLab.pendingDraws().length === 0);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

/** Runs an interaction, and checks it did what it is meant to (Play trained; a drag moved). */
async function recorded(page, name, act) {
  const before = await page.evaluate(() => ({ it: window.backpropLab.lab.snapshot.iteration, p: JSON.stringify(window.backpropLab.lab.snapshot.params), s: JSON.stringify(window.backpropLab.lab.settings.samples) }));
  const xs = await frames(page, act);
  const after = await page.evaluate(() => ({ it: window.backpropLab.lab.snapshot.iteration, p: JSON.stringify(window.backpropLab.lab.snapshot.params), s: JSON.stringify(window.backpropLab.lab.settings.samples) }));
  const did = name.startsWith("play") ? after.it > before.it + 100 : after.p !== before.p || after.s !== before.s;
  if (!did) throw new Error(`${name} did nothing: ${JSON.stringify({ before, after })}`);
  return xs;
}

/** Where the main thread's time goes in a trace: self time of its events by kind, per frame. */
function breakdown(events, nFrames) {
  // The page's main thread: of the renderers' main threads in the trace (a navigation can
  // leave another one beside it), the one that ran animation frames.
  const mains = events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const frameCount = (m) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === "FireAnimationFrame").length;
  const main = mains.map((m) => [m, frameCount(m)]).sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return null;
  const mine = events.filter((e) => e.ph === "X" && e.pid === main.pid && e.tid === main.tid && e.dur > 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const KIND = [
    [/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|InvalidateLayout|ScheduleStyleRecalculation)$/, "style"],
    [/^(Layout|UpdateLayerTree|IntersectionObserverController::computeIntersections|ResizeObserverController::DeliverObservations)$/, "layout"],
    [/^(Paint|PaintImage|RasterTask|Decode Image|PrePaint|Layerize|UpdateLayer|PaintArtifactCompositor::Update)$/, "paint"],
    [/^(CompositeLayers|Commit|ProxyMain::BeginMainFrame::commit|ScrollbarLayerCreated)$/, "composite"],
    [/^(FunctionCall|EvaluateScript|v8\.callFunction|v8\.run|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|V8\.GC.*|MajorGC|MinorGC|v8\.compile.*|v8\.wasm.*|ProfileCall)$/, "script"],
  ];
  const kindOf = (name) => KIND.find(([re]) => re.test(name))?.[1] ?? "other";
  const totals = { script: 0, style: 0, layout: 0, paint: 0, composite: 0, other: 0 };
  // Self time: an event's duration less its children's (events nest on one thread).
  const stack = [];
  const nodes = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1).end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.self -= Math.min(e.dur, parent.end - e.ts);
    const node = { kind: kindOf(e.name), end: e.ts + e.dur, self: e.dur };
    stack.push(node);
    nodes.push(node);
  }
  for (const n of nodes) totals[n.kind] += n.self;
  const perFrame = {};
  for (const [k, v] of Object.entries(totals)) perFrame[k] = v / 1000 / Math.max(1, nFrames);
  return perFrame;
}

/** Script time split by a CPU profile: the core's wasm, the page's JS, and the rest (GC,
 * the browser's own), in ms per frame. */
function scriptSplit(profile, nFrames) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dts = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dts[i] ?? 0));
  const out = { wasm: 0, js: 0, idleOrOther: 0 };
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const url = callFrame.url ?? "";
    if (/\.wasm$/.test(url) || /^wasm-function/.test(callFrame.functionName) || callFrame.url === "" && /wasm/.test(callFrame.functionName)) out.wasm += us;
    else if (/\.m?js($|\?)/.test(url)) out.js += us;
    else out.idleOrOther += us;
  }
  for (const k of Object.keys(out)) out[k] = out[k] / 1000 / Math.max(1, nFrames);
  delete out.idleOrOther;
  // The functions that take most of it, for the log (where to look first).
  const byName = new Map();
  for (const [id, us] of self) {
    const { callFrame: c } = byId.get(id);
    const name = `${c.functionName || "(anonymous)"} ${(c.url ?? "").split("/").pop()}:${c.lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  out.top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([n, us]) => `${(us / 1000 / Math.max(1, nFrames)).toFixed(2)} ${n}`);
  return out;
}

/** Frames of each interaction at each throttle, and the breakdown of the throttled ones. */
export async function phoneRuns(browser, url, { rates = [1, 4, 6], where: trace = true, log = () => {} } = {}) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const acts = interactions(page, cdp);
  const result = {};
  for (const rate of rates) {
    for (const [name, act] of Object.entries(acts)) {
      const runs = [];
      for (let r = 0; r < RUNS; r++) {
        await prepare(page, cdp, url, name, rate);
        const xs = await recorded(page, name, act);
        runs.push({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) });
      }
      result[`${name}@${rate}x`] = {
        n: median(runs.map((r) => r.n)), p50: median(runs.map((r) => r.p50)), p95: median(runs.map((r) => r.p95)), max: median(runs.map((r) => r.max)),
      };
      log(`${name} at ${rate}×`, result[`${name}@${rate}x`]);
    }
  }
  // Where a 4× frame goes: one traced run and one profiled run of each interaction.
  const where = {};
  for (const [name, act] of trace ? Object.entries(acts) : []) {
    await prepare(page, cdp, url, name, 4);
    const events = [];
    cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,__metadata", transferMode: "ReportEvents" });
    const xs = await recorded(page, name, act);
    await cdp.send("Tracing.end");
    await done;
    cdp.removeAllListeners("Tracing.dataCollected");
    await prepare(page, cdp, url, name, 4);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    const ys = await recorded(page, name, act);
    const { profile } = await cdp.send("Profiler.stop");
    where[name] = { ...breakdown(events, xs.length), ...scriptSplit(profile, ys.length) };
    log(`where a 4× ${name} frame goes`, where[name]);
  }
  await context.close();
  return { frames: result, where };
}

/** Two builds side by side (`before`, `after`: their URLs), runs interleaved so that both see
 * the same moments of a noisy machine: frames of each interaction at each throttle, medians of
 * the runs, per build. */
export async function phoneSideBySide(browser, urls, { rates = [4], log = () => {} } = {}) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const acts = interactions(page, cdp);
  const result = {};
  for (const rate of rates) {
    for (const [name, act] of Object.entries(acts)) {
      const runs = urls.map(() => []);
      for (let r = 0; r < RUNS; r++) {
        for (const [i, url] of urls.entries()) {
          await prepare(page, cdp, url, name, rate);
          const xs = await recorded(page, name, act);
          runs[i].push({ n: xs.length, p95: pct(xs, 95), max: Math.max(...xs) });
        }
      }
      result[`${name}@${rate}x`] = runs.map((rs) => ({ n: median(rs.map((r) => r.n)), p95: median(rs.map((r) => r.p95)), max: median(rs.map((r) => r.max)) }));
      log(`${name} at ${rate}×`, result[`${name}@${rate}x`]);
    }
  }
  await context.close();
  return result;
}

/** The phone's rows for bench.mjs's table. */
export function phoneLines({ frames, where }) {
  const f = (v, d = 1) => (v === undefined || v === null || Number.isNaN(v) ? "—" : v.toFixed(d));
  const lines = ["| phone 390×844 DPR 2, touch: ms between frames (median of runs) | frames | p50 | p95 | max |", "| --- | ---: | ---: | ---: | ---: |"];
  for (const [k, v] of Object.entries(frames)) lines.push(`| ${k.replace("@", " at ")} | ${v.n} | ${f(v.p50)} | ${f(v.p95)} | ${f(v.max)} |`);
  lines.push("", "| where a 4× frame goes (ms per frame) | wasm | JS | style | layout | paint | composite | other |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const [k, v] of Object.entries(where)) lines.push(`| ${k} | ${f(v.wasm, 2)} | ${f(v.js, 2)} | ${f(v.style, 2)} | ${f(v.layout, 2)} | ${f(v.paint, 2)} | ${f(v.composite, 2)} | ${f(v.other, 2)} |`);
  return lines;
}

// Alone: `node scripts/bench-phone.mjs [dist]` serves dist/ and prints the phone's rows;
// `node scripts/bench-phone.mjs before/ after/ [more/ ...]` compares builds side by side
// (RATES, default 4).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { createRequire } = await import("node:module");
  const { serve } = await import("./serve.mjs");
  const ROOT = new URL("..", import.meta.url).pathname;
  const { chromium } = createRequire(`${ROOT}tests/e2e/package.json`)("playwright-core");
  // With two folders or more (`node scripts/bench-phone.mjs before/ after/`): side by side.
  const dirs = process.argv.length > 3 ? process.argv.slice(2) : [process.argv[2] ?? `${ROOT}dist`];
  const served = await Promise.all(dirs.map((dir) => serve({ dir, port: 0, quiet: true })));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"] });
  const log = (...a) => console.error("[phone]", ...a);
  try {
    if (dirs.length >= 2) {
      const r = await phoneSideBySide(browser, served.map((s) => s.url), { rates: (process.env.RATES ?? "4").split(",").map(Number), log });
      const f = (v) => v.toFixed(1);
      const each = (xs, get) => xs.map(get).join(" → ");
      console.log(`| ms between frames (medians of ${RUNS} runs, interleaved; ${dirs.join(" → ")}) | frames | p95 | max |\n| --- | ---: | ---: | ---: |`);
      for (const [k, xs] of Object.entries(r)) console.log(`| ${k.replace("@", " at ")} | ${each(xs, (x) => x.n)} | ${each(xs, (x) => f(x.p95))} | ${each(xs, (x) => f(x.max))} |`);
    } else {
      const r = await phoneRuns(browser, served[0].url, { rates: (process.env.RATES ?? "1,4,6").split(",").map(Number), log });
      console.log(phoneLines(r).join("\n"));
    }
  } finally {
    await browser.close();
    for (const s of served) s.server.close();
  }
}
