// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), and the project's own static server on a free port.
import { chromium } from "playwright-core";
import { createServer, request } from "node:http";
import { after, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../../scripts/serve.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WWW = `${ROOT}www`;

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** Serves www/ on a free port: { url, close, stop } (stop also cuts open connections: the
 * network is gone, as when a classroom's Wi-Fi drops). */
export async function serveWww(dir = WWW) {
  const { server, url } = await serve({ dir, port: 0, quiet: true });
  const close = () => new Promise((ok) => server.close(ok));
  const stop = () => {
    const closed = close();
    server.closeAllConnections();
    return closed;
  };
  return { url, close, stop };
}

/** The built site (dist/) at /some/path/ of a bare root, as a static host serves it:
 * { site, url, close, stop } (url: the site's address). `copy`: a copy of dist/ the test may
 * change (a new version of the site), else a link to it. */
export async function serveDist({ copy = false } = {}) {
  const root = mkdtempSync(join(tmpdir(), "bpl-host-"));
  const site = join(root, "some", "path");
  mkdirSync(join(root, "some"));
  if (copy) cpSync(join(ROOT, "dist"), site, { recursive: true });
  else symlinkSync(join(ROOT, "dist"), site);
  const server = await serveWww(root);
  return { ...server, site, url: `${server.url}some/path/` };
}

/** A browser context whose pages record every Content-Security-Policy violation, in
 * `window.__csp` ("directive blockedURI" each). */
export async function cspContext(browser, options = {}) {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return context;
}

/** The core's first part, and the whole core (either build, its glue or its wasm), as
 * requested: for holding them back. */
export const FIRST_WASM = /\/pkg\/backprop_lab_first_bg\.wasm$/;
export const WHOLE_CORE = /\/pkg\/backprop_lab(_scalar)?(_bg\.wasm|\.js)$/;

/** Serves `dir` as serveWww does, but holds back the requests whose path matches `held` until
 * release(), and those matching `never` for good: a page caught at one moment of its load, in
 * any browser (WebDriver cannot hold a request). { url, release, close }. */
export async function serveHolding(dir, { held, never = null }) {
  const back = await serveWww(dir);
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const waiting = new Set();
  const front = createServer(async (req, res) => {
    if (never?.test(req.url)) return waiting.add(res);
    if (held.test(req.url)) await released;
    const upstream = request(new URL(req.url, back.url), { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((ok) => front.listen(0, "127.0.0.1", ok));
  const close = async () => {
    for (const res of waiting) res.destroy();
    front.closeAllConnections();
    await new Promise((ok) => front.close(ok));
    await back.stop();
  };
  return { url: `http://127.0.0.1:${front.address().port}/`, release, close };
}

/** In the page: where every element with an id in the visible <main> is, and its text (the
 * diagram's labels aside: they are fitted to this browser's font). For comparing the built
 * site's pre-rendered page with the live page that replaces it. */
export const LAYOUT = () => {
  const main = document.querySelector("main:not([hidden])");
  const rects = {};
  for (const el of main.querySelectorAll("[id]")) {
    if (el.closest("svg")) continue;
    const r = el.getBoundingClientRect();
    rects[el.id] = [r.x, r.y, r.width, r.height].map((v) => Math.round(v)).join(",");
  }
  return { prerender: main.classList.contains("prerender"), rects, text: main.innerText };
};

/** The same wasm core the page uses, loaded in Node, to compute expected numbers independently. */
export async function loadCore() {
  const core = await import(`${WWW}/pkg/backprop_lab.js`);
  core.initSync({ module: readFileSync(`${WWW}/pkg/backprop_lab_bg.wasm`) });
  return core;
}

/** Errors of every page opened in the running test: each test must end without one. */
let opened = [];

/** Opens the page and waits until the core has loaded; collects console errors (and every
 * test then asserts there were none, see useBrowser). */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, ...options } = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  const errors = [];
  opened.push(errors);
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]");
  return { page, context, errors };
}

/** Registers before/after hooks that start one browser and one server for a test file:
 * returns { browser, server }, filled in once the hooks have run. */
export function useBrowser(dir = WWW) {
  const env = {};
  before(async () => {
    env.server = await serveWww(dir);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  afterEach(() => {
    const errors = opened.flat();
    opened = [];
    assert.deepEqual(errors, [], "the test's pages logged no error");
  });
  return env;
}

/** Waits until the address bar holds exactly the link Copy link gives for the state on screen
 * (the bar is written through a debounce: a wait for one key alone can pass on a stale link). */
export function linkSettled(page) {
  return page.waitForFunction(() => location.search.slice(1) === window.backpropLab.share.linkText());
}

const MINUS = "\u2212";
const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/** The page's number rule, written again here (not the page's own code) so the tests check
 * the page against a reference: 4 significant digits of the number's shortest decimal form,
 * rounded half up; plain digits from 0.001 up to 99999 (whole numbers from 10000), else
 * "d.ddd × 10ⁿ"; a true minus; a "+" on positives when signed; "0" for zero. */
export function written(v, { signed = true } = {}) {
  if (Number.isNaN(v)) return "undefined (not a number)";
  if (!Number.isFinite(v)) return `${v > 0 ? "+" : MINUS}∞ (too large for a float)`;
  if (v === 0) return "0";
  const sign = v < 0 ? MINUS : signed ? "+" : "";
  const a = Math.abs(v);
  // a = 0.DIGITS × 10^k, DIGITS the shortest that read back as a (JS writes those).
  const [m, e] = a.toExponential().split("e");
  const digits = m.replace(".", "");
  const k = Number(e) + 1;
  const round = (keep) => {
    let d = BigInt(digits.slice(0, keep).padEnd(keep, "0"));
    if (Number(digits[keep] ?? 0) >= 5) d += 1n;
    let text = d.toString();
    return text.length > keep ? [text.slice(0, keep), k + 1] : [text, k];
  };
  if (a >= 1e-3 && a < 1e5) {
    const keep = a >= 1e4 ? k : 4;
    const [d, kk] = round(keep);
    const decimals = a >= 1e4 ? 0 : Math.max(0, 4 - kk);
    const all = kk <= 0 ? "0".repeat(-kk) + d : d.padEnd(Math.max(kk, d.length), "0");
    const whole = all.slice(0, Math.max(kk, 0)) || "0";
    const fraction = all.slice(Math.max(kk, 0)).padEnd(decimals, "0").slice(0, decimals);
    return sign + (decimals ? `${whole}.${fraction}` : whole);
  }
  const [d, kk] = round(4);
  const exponent = [...String(kk - 1)].map((c) => SUPERSCRIPT[c]).join("");
  return `${sign}${d[0]}.${d.slice(1)} × 10${exponent}`;
}

/** A number in the page's arithmetic: no "+", and in brackets when negative after an operator. */
export const plain = (v) => written(v, { signed: false });
export const term = (v) => (v < 0 ? `(${plain(v)})` : plain(v));

/** How the reference formatter's digits are spoken: "plus 0.1234", "minus 1.500 times ten to the minus 4". */
export function spokenOf(v, signed = true) {
  const text = written(v, { signed });
  const words = text.replace(/^\+/, "plus ").replace(/^−/, "minus ");
  const m = words.match(/^(.*) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/);
  if (!m) return words;
  const exponent = [...m[2]].map((c) => (c === "⁻" ? "minus " : String("⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c)))).join("");
  return `${m[1]} times ten to the ${exponent}`;
}

/** Where `text` (an answer at the page's rounding, or exactly) stands in the markup as that
 * answer: alone, or as the first digits of a longer rounding of it (0.21743 for 0.2174); not as
 * the first digits of another number (0.2174 in ∂C/∂ŷ's exact −0.21749821…, a near miss the
 * oracle once drew; page.test's quiz drew another, 0.1524). −1 when it is nowhere. */
export function answerAt(html, text, value) {
  const escaped = text.replace(/[.+*?^$()[\]{}|\\]/g, "\\$&");
  for (const m of html.matchAll(new RegExp(`(?<![\\d.])${escaped}(\\d*)`, "g"))) {
    if (!m[1]) return m.index;
    const longer = text + m[1];
    const decimals = longer.split(".")[1]?.length ?? 0;
    if (Math.abs(Math.abs(Number(longer)) - Math.abs(value)) <= 0.5 * 10 ** -decimals * (1 + 1e-9)) return m.index;
  }
  return -1;
}
