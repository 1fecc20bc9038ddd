// The built site's pre-rendered page (scripts/prerender.mjs): a first visit sees the default
// page, with the core's numbers, from the HTML alone, before any module or wasm is fetched;
// the live page then takes its place with every element where it was and the same text, at
// phone, narrow-desktop and desktop widths. A share link never shows the default numbers, a
// learner who put "Start here" away does not see it come and go, and a core that fails to
// load leaves its message, not a page that looks usable but is not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { FIRST_WASM, LAYOUT, ROOT, useBrowser, WHOLE_CORE } from "./harness.mjs";

const env = useBrowser(`${ROOT}dist`);

/** A page whose first part is held back until `release()` (and whose whole core never comes,
 * unless allowed, so it stays as it is when first shown), recording the largest paint and the
 * layout shifts once the copy is whole. While the HTML is still being read, the browser may
 * paint what it has (a busy machine did, in about 1 load in 12: a ledger row cut off, then
 * completed); holding that paint back (rel=expect, blocking=render) made the first paint
 * wait for one long layout of the whole copy (the bench: longest start task 56 -> 95 ms,
 * Lighthouse's largest paint 0.76 -> 0.91 s), so the browser's progressive painting is left
 * as it is, and what is tested is the page's own doing: nothing moves once the copy is
 * whole, through the swap to the live page. */
async function heldPage(url, viewport, { seen = false, allowWholeCore = false } = {}) {
  const context = await env.browser.newContext({ viewport });
  await context.addInitScript((seen) => {
    if (seen) localStorage.setItem("backprop-lab.start-here-seen", "1");
    window.__shifts = [];
    // The copy is whole, and laid out, two frames after the document is read.
    let whole = Infinity;
    addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => requestAnimationFrame((t) => (whole = t))));
    new PerformanceObserver((l) => window.__shifts.push(...l.getEntries().filter((e) => e.startTime >= whole).map((e) => e.value))).observe({ type: "layout-shift", buffered: true });
    window.__lcp = [];
    new PerformanceObserver((l) => window.__lcp.push(...l.getEntries().map((e) => e.startTime))).observe({ type: "largest-contentful-paint", buffered: true });
  }, seen);
  const page = await context.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(FIRST_WASM, async (route) => {
    await held;
    await route.continue();
  });
  if (!allowWholeCore) await page.route(WHOLE_CORE, () => {});
  await page.goto(url);
  return { context, page, release };
}

/** Waits for the copy to be on screen whole: it is shown over two frames, the network first. */
async function copyWhole(page) {
  await page.waitForSelector("main.prerender", { state: "visible" });
  await page.waitForFunction(() => !document.documentElement.classList.contains("first-frame"));
}

for (const viewport of [{ width: 375, height: 667 }, { width: 1000, height: 800 }, { width: 1280, height: 800 }]) {
  test(`${viewport.width} px: the default page paints from the HTML, then the live page takes its place, nothing moved`, async () => {
    const { context, page, release } = await heldPage(env.server.url, viewport);
    await copyWhole(page);
    // The loading line is there for screen readers only (the copy is inert, so hidden from them).
    assert.deepEqual(await page.$eval("#status", (e) => [e.getBoundingClientRect().height <= 1, e.getAttribute("role"), e.textContent.trim()]),
      [true, "status", "Loading the WebAssembly core…"]);
    const copy = await page.evaluate(LAYOUT);
    assert.equal(copy.prerender, true);
    assert.match(copy.text, /∂C\/∂w₂\s*=/, "the chain rule is on screen");
    assert.match(copy.text, /Start here/);
    // The copy is seen, not used: nothing in it takes focus or a click.
    assert.equal(await page.$eval("main.prerender", (m) => m.inert), true);
    // The program is fetched after that paint, not beside it.
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.endsWith("/js/main.js")));
    const order = await page.evaluate(() => ({
      lcp: Math.max(...window.__lcp),
      main: performance.getEntriesByType("resource").find((r) => r.name.endsWith("/js/main.js")).startTime,
    }));
    assert.ok(order.main > order.lcp, `js/main.js asked for at ${order.main} ms, after the largest paint at ${order.lcp} ms`);

    release();
    await page.waitForFunction(() => performance.getEntriesByName("numbers-shown").length > 0);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const live = await page.evaluate(LAYOUT);
    assert.equal(live.prerender, false);
    assert.equal(await page.locator("main").count(), 1, "the copy is gone");
    assert.equal(live.text, copy.text, "the same words and numbers");
    assert.deepEqual(live.rects, copy.rects, "every element where it was");
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], "no layout shift");
    // And the numbers are the core's (the live page's, which the rest of the suite checks).
    const cells = await page.$$eval("#ledger .equations .num[data-key]", (els) => els.map((e) => e.textContent));
    assert.ok(cells.length > 10 && cells.every((t) => copy.text.includes(t)), "each number of the chain rule was in the copy");
    await context.close();
  });
}

test("the whole load, charts included, shifts nothing and leaves one live page that works", async () => {
  const { context, page, release } = await heldPage(env.server.url, { width: 1000, height: 800 }, { allowWholeCore: true });
  release();
  await page.waitForSelector("html[data-ready=true]");
  assert.deepEqual(await page.evaluate(() => window.__shifts), [], "no layout shift");
  assert.equal(await page.locator("main").count(), 1);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("pre-shown")), false);
  await page.click("#step-iteration");
  assert.equal(await page.textContent("#iteration"), "1");
  await context.close();
});

test("a share link never shows the default numbers: the loading line at once, then its own state", async () => {
  const { context, page, release } = await heldPage(`${env.server.url}?v=1&w1=-3&b1=0.4&w2=2.5&b2=-1`, { width: 1280, height: 800 }, { allowWholeCore: true });
  await page.waitForSelector("#status", { state: "visible" });
  assert.equal(await page.isVisible("main.prerender"), false);
  // Nothing on screen is worth waiting for here: the program is asked for at once.
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0);
  const order = await page.evaluate(() => ({
    paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
    main: performance.getEntriesByType("resource").find((r) => r.name.endsWith("/js/main.js")).startTime,
  }));
  assert.ok(order.main < order.paint, `js/main.js asked for at ${order.main} ms, before the first paint at ${order.paint} ms`);
  release();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.inputValue("#field-w1"), "-3");
  assert.equal(await page.locator("main").count(), 1);
  await context.close();
});

for (const viewport of [{ width: 375, height: 667 }, { width: 1280, height: 800 }]) {
  test(`${viewport.width} px: a share link's page is shown over two frames, the first screen first, and nothing on it moves`, async () => {
    const { context, page, release } = await heldPage(`${env.server.url}?v=1&w1=-3&b1=0.4&w2=2.5&b2=-1`, viewport);
    // The page's layout in the frame it is first shown in (a frame's callbacks run before its
    // layout, so what they measure is what that frame shows).
    await page.evaluate((layout) => {
      const measure = new Function(`return (${layout})()`);
      new MutationObserver(() => {
        if (document.documentElement.classList.contains("first-frame") && !window.__first) {
          requestAnimationFrame(() => (window.__first = { ...measure(), ledger: document.getElementById("ledger").getClientRects().length }));
        }
      }).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    }, LAYOUT.toString());
    release();
    await page.waitForFunction(() => performance.getEntriesByName("numbers-shown").length > 0 && window.__first);
    await page.waitForFunction(() => !document.documentElement.classList.contains("first-frame"));
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const first = await page.evaluate(() => window.__first);
    const whole = await page.evaluate(LAYOUT);
    assert.equal(first.ledger, 0, "the chain rule comes in the second frame");
    assert.match(first.text, /The network/);
    assert.doesNotMatch(first.text, /The chain rule, factor by factor/);
    assert.match(whole.text, /The chain rule, factor by factor/);
    const shown = Object.entries(first.rects).filter(([, r]) => !/^0,0,0,0$/.test(r) && !r.endsWith(",0,0"));
    assert.ok(shown.length > 20, `the first frame shows the bar and the network (${shown.length} elements)`);
    for (const [id, r] of shown) assert.equal(whole.rects[id], r, `#${id} stays where the first frame put it`);
    assert.deepEqual(await page.evaluate(() => window.__shifts), [], "no layout shift");
    assert.equal(await page.inputValue("#field-w1"), "-3");
    await context.close();
  });
}

test("a learner who put Start here away does not see it in the copy, and nothing moves", async () => {
  const { context, page, release } = await heldPage(env.server.url, { width: 1280, height: 800 }, { seen: true });
  await copyWhole(page);
  assert.equal(await page.isVisible("main.prerender #start-here"), false);
  const copy = await page.evaluate(LAYOUT);
  release();
  await page.waitForFunction(() => performance.getEntriesByName("numbers-shown").length > 0);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  assert.equal(await page.isVisible("#start-here"), false);
  assert.deepEqual((await page.evaluate(LAYOUT)).rects, copy.rects);
  assert.deepEqual(await page.evaluate(() => window.__shifts), []);
  await context.close();
});

test("a share link whose page arrives slowly: the program, running before the body, waits for it", async () => {
  // The page's <head> at once, its body only once the program has started: on a share link
  // the program is asked for from the head, and may run before the body is there.
  const html = readFileSync(`${ROOT}dist/index.html`, "utf8");
  const cut = html.indexOf("</head>") + "</head>".length;
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const host = createServer(async (req, res) => {
    if (new URL(req.url, "http://x").pathname === "/") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.write(html.slice(0, cut));
      await released;
      return res.end(html.slice(cut));
    }
    const upstream = await fetch(new URL(req.url, env.server.url));
    res.writeHead(upstream.status, { "Content-Type": upstream.headers.get("content-type") });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise((ok) => host.listen(0, "127.0.0.1", ok));
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${host.address().port}/?v=1&w1=-3&b1=0.4&w2=2.5&b2=-1`, { waitUntil: "commit" });
  // Polled on a timer: no frame is drawn while the body is awaited.
  await page.waitForFunction(() => performance.getEntriesByName("boot").length > 0, null, { polling: 20 });
  assert.equal(await page.evaluate(() => document.readyState), "loading", "the program started before the body came");
  release();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.inputValue("#field-w1"), "-3");
  assert.equal(await page.locator("main").count(), 1);
  assert.equal(await page.locator("main:not(.prerender):visible").count(), 1, "the live page is on screen");
  assert.deepEqual(errors, []);
  await context.close();
  host.closeAllConnections();
  await new Promise((ok) => host.close(ok));
});

test("a program that does not load leaves a message, not a copy that looks usable", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route(/\/js\/main\.js$/, (route) => route.abort());
  await page.goto(env.server.url);
  await page.waitForSelector("#fatal", { state: "visible" });
  assert.match(await page.textContent("#fatal"), /script did not load/);
  assert.equal(await page.locator("main.prerender").count(), 0);
  assert.equal(await page.locator("main:visible").count(), 0);
  assert.equal(await page.isVisible("#status"), false);
  await context.close();
});

test("a core that fails to load leaves its message, and no page that looks usable", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route(FIRST_WASM, (route) => route.abort());
  await page.goto(env.server.url);
  await page.waitForSelector("#fatal", { state: "visible" });
  assert.match(await page.textContent("#fatal"), /did not load/);
  assert.equal(await page.locator("main:visible").count(), 0);
  await context.close();
});
