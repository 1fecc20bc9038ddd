// Pre-renders the default page into a built site's index.html, so a first visit paints the
// network, its numbers and the chain rule with the HTML, before any module or wasm arrives
// (largest contentful paint ~1.0 s instead of ~1.8 s on Lighthouse's phone, make bench).
//   node scripts/prerender.mjs dist
//
// The page itself renders it: the built site is opened in headless Chromium with the whole
// core held back, so what is captured is exactly what the live page shows at the moment it
// replaces the copy (numbers from the first part, charts not drawn yet). The network diagram
// is captured in both of its shapes (wide, tall) and CSS shows the one the live page will
// choose. index.html then holds:
//   - a small inline script (allowed by its hash in the CSP) that shows the copy only on a
//     bare URL: a share link opens another state, so it gets the loading line instead; a
//     learner who put "Start here" away does not see it in the copy either; and it fetches
//     the page's program once the first picture is painted;
//   - the copy: <main id="app" class="prerender" inert>, seen but not usable;
//   - the page as written, in <template id="app-source">, from which main.js builds the live
//     page before the copy and swaps it in, in one task (js/prerendered.js).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/prerender.mjs <dir>");
const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");

if (html.includes('id="app-source"')) throw new Error(`${page} is pre-rendered already: build it again (scripts/dist.sh)`);
const APP = /^( *)<main id="app" hidden>[\s\S]*?^ *<\/main>\n/m;
const source = html.match(APP);
if (!source) throw new Error(`${page}: <main id="app" hidden> ... </main> not found`);

const { server, url } = await serve({ dir, port: 0, quiet: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
let copy;
try {
  copy = await capture(browser, url);
} finally {
  await browser.close();
  server.close();
}

// The page's program (its module, the core's first part and their preload hints) is fetched
// once this first picture is on screen, not beside it, where it would share the line with the
// HTML and CSS of that picture.
const LOADS = /^ *<(?:link rel="(?:module)?preload"[^>]*|script type="module" src="[^"]+"><\/script)>\n/gm;
const loads = html.match(LOADS) ?? [];
const script = loads.map((tag) => tag.match(/<script type="module" src="([^"]+)"/)?.[1]).find(Boolean);
const hints = loads.filter((tag) => tag.includes("<link") && !tag.includes(`href="${script}"`)).map((tag) => tag.trim());
if (!script || hints.length === 0) throw new Error(`${page}: the module script and its preload hints were not found`);

/** Runs before the first paint: shows the copy on a bare URL (a share link opens another
 * state: it gets the loading line, and the program at once) in a browser that can keep it
 * out of reach (inert) and pick its diagram's shape (container queries; older browsers get
 * the loading line) over two frames, hides its "Start here" for a learner who put it away,
 * then fetches the program once the whole copy is on screen: when the browser reports
 * the largest paint made after its second frame (js/main.js waits the same way), with ten frames
 * as a limit (no report comes if nothing larger than before was painted) and two where paints
 * are not reported; at once in a tab that is not shown (it paints nothing until it is). */
const gate = `
  (function (root, doc) {
    var bare = location.search.length < 2 && location.hash.length < 2;
    var able = "inert" in HTMLElement.prototype && !!window.CSS && CSS.supports("container-type", "inline-size");
    var shown = bare && able;
    if (shown) root.classList.add("pre-shown");
    try { if (localStorage.getItem("backprop-lab.start-here-seen") === "1") root.classList.add("pre-seen"); } catch (e) {}
    var started = false;
    function load() {
      if (started) return;
      started = true;
      var hints = doc.createElement("template");
      hints.innerHTML = ${JSON.stringify(hints.join(""))};
      doc.head.append(hints.content);
      var main = doc.createElement("script");
      main.type = "module";
      main.src = ${JSON.stringify(script)};
      main.onerror = failed;
      doc.head.append(main);
    }
    // The program did not come (the network, a host's CSP): say so, not a page that looks usable.
    function failed() {
      if (doc.readyState === "loading") return doc.addEventListener("DOMContentLoaded", failed);
      root.classList.remove("pre-shown");
      var copy = doc.querySelector("main.prerender"), status = doc.getElementById("status"), fatal = doc.getElementById("fatal");
      if (copy) copy.remove();
      if (status) status.hidden = true;
      if (fatal) {
        fatal.textContent = "The page's script did not load. Reload the page; if that does not help, the files may be incomplete on this server.";
        fatal.hidden = false;
      }
    }
    function painted() {
      var since = performance.now();
      var reports = typeof PerformanceObserver === "function" && (PerformanceObserver.supportedEntryTypes || []).indexOf("largest-contentful-paint") >= 0;
      if (reports) new PerformanceObserver(function (list) {
        if (list.getEntries().some(function (e) { return e.startTime >= since; })) load();
      }).observe({ type: "largest-contentful-paint", buffered: true });
      var frames = reports ? 10 : 2;
      (function frame() { if (--frames > 0) requestAnimationFrame(frame); else setTimeout(load, 0); })();
    }
    // The copy's first layout, every font looked up for the first time, in two frames: the
    // network first, then the rest (style.css, .first-frame; js/reveal.js does the same for
    // the live page of a share link). The program waits for the paint of the whole copy.
    function whole() {
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          root.classList.remove("first-frame");
          painted();
        });
      });
    }
    if (shown) {
      root.classList.add("first-frame");
      doc.addEventListener("DOMContentLoaded", whole);
    }
    if (!shown || doc.visibilityState !== "visible") load();
    doc.addEventListener("visibilitychange", load);
  })(document.documentElement, document);
`.trim();
const hash = createHash("sha256").update(gate).digest("base64");

const indent = source[1];
let out = html.replace(APP, () =>
  `${indent}<template id="app-source">\n${source[0]}${indent}</template>\n${indent}${copy}\n`);
const csp = "script-src 'self' 'wasm-unsafe-eval'";
if (!out.includes(csp)) throw new Error(`${page}: CSP "${csp}" not found`);
out = out
  .replace(LOADS, "")
  .replace(/^ *<!-- Fetch the core[\s\S]*?-->\n/m, "")
  .replace(csp, `${csp} 'sha256-${hash}'`)
  // After the stylesheet: a script there waits for it, so the document is not complete
  // before the style is in (Chromium, emulating a phone, laid the whole copy out unstyled and
  // zoomed out once it was: 20-50 ms in one task, before the first paint).
  .replace(/^( *)(<link rel="stylesheet"[^>]*>\n)/m, (m, sp, link) => `${sp}${link}${sp}<script>${gate}</script>\n`);
writeFileSync(page, out);
console.log(`[prerender] ${page}: the default page pre-rendered (${Math.round(copy.length / 1024)} KB of HTML), its gate script allowed by hash`);

/** The live page's #app at the moment it is shown, in both diagram shapes, as HTML. */
async function capture(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: "block" });
  const tab = await context.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  // The whole core never arrives: the page stays as it is when it first shows its numbers.
  await tab.route(/\/pkg\/backprop_lab(_scalar)?(_bg\.wasm|\.js)$/, () => {});
  await tab.goto(url);
  const settled = () => tab.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await tab.waitForFunction(() => performance.getEntriesByName("numbers-shown").length > 0);
  await settled();
  const wide = await tab.evaluate(shapes);
  await tab.setViewportSize({ width: 375, height: 667 });
  await tab.waitForSelector("#diagram svg.tall");
  await settled();
  const tall = await tab.evaluate(shapes);
  await tab.setViewportSize({ width: 1280, height: 800 });
  await tab.waitForSelector("#diagram svg.wide");
  await settled();
  const app = await tab.evaluate(({ wide, tall }) => {
    const live = document.getElementById("app");
    const app = live.cloneNode(true);
    // What the controls hold is state, not markup: written into attributes for the copy.
    const pairs = [...live.querySelectorAll("input, select")];
    app.querySelectorAll("input, select").forEach((el, i) => {
      const was = pairs[i];
      if (el.type === "checkbox" || el.type === "radio") el.toggleAttribute("checked", was.checked);
      else if (el.tagName === "SELECT") for (const [j, o] of [...el.options].entries()) o.toggleAttribute("selected", was.options[j].selected);
      else if (el.type !== "file") el.setAttribute("value", was.value);
    });
    app.removeAttribute("hidden");
    app.classList.add("prerender");
    app.setAttribute("inert", "");
    const both = (a, b) => `<span class="pre-wide">${a}</span><span class="pre-tall">${b}</span>`;
    app.querySelector("#diagram").innerHTML = both(wide.svg, tall.svg);
    app.querySelector("#legend-forward").innerHTML = both(wide.forward, tall.forward);
    app.querySelector("#legend-backward").innerHTML = both(wide.backward, tall.backward);
    // The HTML must parse back into this very tree (a <p> in a <p>, made by script, would not).
    const html = app.outerHTML;
    const parsed = document.createElement("template");
    parsed.innerHTML = html;
    if (parsed.content.firstElementChild.outerHTML !== html) throw new Error("the page's HTML does not parse back into the same tree");
    return html;
  }, { wide, tall });
  if (errors.length) throw new Error(`the page reported errors while pre-rendering: ${errors.join("; ")}`);
  await context.close();
  return app;
}

/** In the page: the diagram (without ids, which the live one keeps) and the legend's texts. */
function shapes() {
  const svg = document.querySelector("#diagram svg").cloneNode(true);
  svg.removeAttribute("aria-labelledby");
  for (const el of svg.querySelectorAll("[id]")) el.removeAttribute("id");
  const text = (id) => document.getElementById(id).textContent.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return { svg: svg.outerHTML, forward: text("legend-forward"), backward: text("legend-backward") };
}
