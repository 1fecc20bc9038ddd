// Share, replay and deploy: a copied link reopens the same state exactly, hostile links are
// harmless, exports work, and dist/ runs under a sub-path with nothing from other origins and
// no CSP violation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, cspContext, linkSettled, loadCore, openPage, serveDist, serveWww, useBrowser } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();

/** Everything a user can read on the page, plus the run's history and view. */
async function everything(page) {
  return page.evaluate(() => {
    const { lab, surface } = window.backpropLab;
    const exact = [...document.querySelectorAll("[data-exact]")].map((e) => `${e.dataset.key ?? e.dataset.check ?? ""}=${e.dataset.exact}`);
    const fields = [...document.querySelectorAll("input[type=text]")].map((e) => `${e.id || e.getAttribute("aria-label")}=${e.value}`);
    const h = lab.history();
    return {
      exact,
      fields,
      iteration: document.getElementById("iteration").textContent,
      cost: document.getElementById("cost").value,
      preset: document.getElementById("preset").value,
      history: Array.from(h),
      range: surface.range,
      mode: surface.mode,
      angles: surface.angles,
      logColor: document.getElementById("log-color").checked,
      lossLog: document.getElementById("loss-log").checked,
      speed: document.getElementById("speed").value,
    };
  });
}

test("a copied link reopens the demo with every number identical, path included", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.selectOption("#preset", "slope");
  await page.click('.dataset button[data-choose="3"]');
  await page.selectOption("#cost", "crossEntropy");
  await page.fill("#field-learningRate", "2.5");
  await page.fill("#field-w1", "-2.75");
  await page.fill("#field-b2", "0.3");
  await page.$eval("#speed", (e) => { e.value = "6"; e.dispatchEvent(new Event("input", { bubbles: true })); });
  await page.click("#play");
  await page.waitForFunction(() => Number(document.getElementById("iteration").textContent) > 120);
  await page.click("#play");
  await page.click("details.range summary");
  await page.fill("#range-w2Min", "-6");
  await page.press("#range-w2Min", "Tab");
  await page.check("#log-color");
  await page.check("#loss-log");
  await page.click("#view-3d");
  await page.evaluate(() => window.backpropLab.surface.setAngles(1.1, 0.8));
  const before = await everything(page);
  await page.click("#copy-link");
  await page.waitForFunction(() => document.getElementById("share-status").textContent.includes("copied"));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(env.server.url), link);
  assert.ok(link.length < 400, `the link stays short (${link.length} characters)`);
  assert.doesNotMatch(link, /[{}"]|%7B/, "no JSON in the URL");
  assert.match(await page.evaluate(() => location.search), /it=\d+/, "the address bar follows");
  await context.close();

  const fresh = await openPage(env.browser, link);
  const after = await everything(fresh.page);
  assert.equal(after.iteration, before.iteration);
  assert.deepEqual(after.history, before.history, "the path replays bit for bit");
  assert.deepEqual(after.exact, before.exact, "every number on the page");
  assert.deepEqual(after.fields, before.fields);
  assert.deepEqual({ ...after, exact: 0, fields: 0, history: 0 }, { ...before, exact: 0, fields: 0, history: 0 });
  assert.equal(await fresh.page.isVisible("#notice"), false, "a clean link shows no notice");
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();
});

test("the address bar updates by replaceState, never adding history entries", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const length = await page.evaluate(() => history.length);
  for (let i = 0; i < 5; i++) await page.click("#step-iteration");
  await linkSettled(page);
  assert.match(await page.evaluate(() => location.search), /[?&]it=5(&|$)/);
  assert.equal(await page.evaluate(() => history.length), length);
  await context.close();
});

const HOSTILE = [
  "?w1=<script>alert(1)</script>&b1=1e999&cost=%3Cimg%20src=x%20onerror=alert(2)%3E",
  "?v=1&w1=2&data=0.1_0,0.2_1,<svg/onload=alert(3)>&it=-4&lr=0&range=1_2_3",
  `?data=${Array.from({ length: 40 }, (_, i) => `${i / 40}_0`).join(",")}&it=99999999999999999999`,
  "?v=1&w1=1&b1=0&w2=1&b2=0&data=0.5_0.5&cost=squared&lr=1&it=1",  // cut off mid-link below
  "#w1=NaN&w2=Infinity&hide=%22%3E%3Cscript%3Ealert(4)%3C/script%3E&embed=yes",
  `?${"x".repeat(5000)}`,
];

test("hostile and broken links open with defaults, a notice, no dialog and no injected element", async () => {
  for (const [i, raw] of HOSTILE.entries()) {
    const q = i === 3 ? raw.slice(0, raw.length - 12) : raw;
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const dialogs = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await page.goto(env.server.url + q);
    await page.waitForSelector("html[data-ready=true]");
    assert.deepEqual(dialogs, [], `no dialog for ${q.slice(0, 40)}`);
    const counts = await page.evaluate(() => ({
      scripts: document.querySelectorAll("script").length,
      foreign: document.querySelectorAll("img, iframe, object, embed, [onerror], [onload]").length,
    }));
    assert.deepEqual(counts, { scripts: 1, foreign: 0 });
    if (i !== 3) {
      assert.equal(await page.isVisible("#notice"), true, `notice for ${q.slice(0, 40)}`);
      const items = await page.$$eval("#notice-list li", (li) => li.map((e) => e.textContent));
      assert.ok(items.length > 0);
      // The notice quotes bad parts as text: any markup shows as characters, not elements.
      assert.equal(await page.$$eval("#notice-list *", (e) => e.filter((x) => x.tagName !== "LI").length), 0);
    }
    // Computed numbers never show NaN (the notice may quote what the link said).
    const text = await page.evaluate(() => document.body.innerText.replace(document.getElementById("notice").innerText, ""));
    assert.doesNotMatch(text, /NaN|Infinity|undefined/);
    await page.click("#notice-close").catch(() => {});
    assert.equal(await page.isVisible("#notice"), false);
    await context.close();
  }
});

test("teacher options hide chosen controls; embed mode drops the chrome", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}?hide=lr,check,data,play&embed=1`);
  for (const sel of ["#lr-slot", "[data-control=check]", "section.data", "#play"]) {
    assert.equal(await page.isVisible(sel), false, `${sel} hidden`);
  }
  for (const sel of ["#step-phase", "#slider-w1", "#map-overlay"]) assert.equal(await page.isVisible(sel), true, `${sel} shown`);
  assert.equal(await page.isVisible("header.top"), false);
  assert.match(await page.evaluate(() => location.search), /hide=lr,check,data,play&embed=1/);
  await context.close();
  // The same options from the "For teachers" menu, which writes them into the link.
  const other = await openPage(env.browser, env.server.url);
  await other.page.click("#teacher summary");
  await other.page.check('input[data-hide="loss"]');
  await other.page.check("#embed-mode");
  assert.equal(await other.page.isVisible("section.loss"), false);
  await linkSettled(other.page);
  assert.match(await other.page.evaluate(() => location.search), /hide=loss&embed=1/);
  await other.context.close();
});

test("exports: surface PNG, diagram SVG, trajectory CSV, and state JSON that loads back", async () => {
  const { page, context } = await openPage(env.browser, env.server.url, { acceptDownloads: true });
  for (let i = 0; i < 4; i++) await page.click("#step-iteration");
  const grab = async (button) => {
    await page.click("#export summary");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
  };
  const png = await grab("#export-png");
  assert.equal(png.name, "backprop-lab-surface.png");
  assert.deepEqual([...png.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const svg = await grab("#export-svg");
  assert.equal(svg.name, "backprop-lab-network.svg");
  assert.match(svg.body.toString(), /^<\?xml[\s\S]*<svg[\s\S]*w₁[\s\S]*<\/svg>$/);
  assert.doesNotMatch(svg.body.toString(), /style=/);
  const csv = await grab("#export-csv");
  const rows = csv.body.toString().trim().split("\n");
  assert.equal(rows[0], "iteration,w1,b1,w2,b2,cost,dCdW1,dCdB1,dCdW2,dCdB2");
  assert.equal(rows.length, 6, "header + start + 4 iterations");
  const last = rows[5].split(",").map(Number);
  const snap = await page.evaluate(() => window.backpropLab.lab.snapshot);
  assert.deepEqual(last.slice(0, 5), [4, snap.params.w1, snap.params.b1, snap.params.w2, snap.params.b2]);
  // Every row's cost and gradients are the core's at that row's weights.
  const { samples, cost } = await page.evaluate(() => window.backpropLab.lab.settings);
  assert.equal(rows.length - 1, 5);
  for (const row of rows.slice(1)) {
    const [it, w1, b1, w2, b2, c, gw1, gb1, gw2, gb2] = row.split(",").map(Number);
    const g = core.meanGradient({ w1, b1, w2, b2 }, samples, cost);
    assert.deepEqual([c, gw1, gb1, gw2, gb2], [g.cost, g.dCdW1, g.dCdB1, g.dCdW2, g.dCdB2], `CSV row ${it}`);
  }
  const json = await grab("#export-json");
  const doc = JSON.parse(json.body.toString());
  assert.equal(doc.format, "backprop-lab-state");
  assert.match(doc.link, /it=4/);
  const before = await everything(page);
  await context.close();

  const other = await openPage(env.browser, env.server.url);
  await other.page.setInputFiles("#import-json", { name: "state.json", mimeType: "application/json", buffer: json.body });
  await other.page.waitForFunction(() => document.getElementById("iteration").textContent === "4");
  const after = await everything(other.page);
  assert.deepEqual(after.exact, before.exact);
  assert.deepEqual(after.history, before.history);
  // A file that is not a state gets a message and changes nothing.
  await other.page.setInputFiles("#import-json", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from("<html>") });
  await other.page.waitForFunction(() => !document.getElementById("notice").hidden);
  assert.match(await other.page.textContent("#notice-title"), /not a Backprop Lab state/);
  assert.equal(await other.page.textContent("#iteration"), "4");
  await other.context.close();
});

test("dist/ works under a sub-path, loads nothing from other origins, and breaks no CSP rule", async () => {
  // Serve dist/ at /some/path/ of a bare root, as a static host would.
  const host = await serveDist();
  const context = await cspContext(env.browser);
  const page = await context.newPage();
  const requests = [];
  const console = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => console.push(m.text()));
  await page.goto(`${host.url}?it=30&view=3d`);
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.textContent("#iteration"), "30");
  // Use it a little: play, switch views, draw everything.
  await page.click("#play");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.iteration > 31);
  await page.click("#play");
  await page.click("#view-2d");
  await page.evaluate(() => window.backpropLab.surface.drawNow());
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation");
  assert.equal(console.filter((t) => /Content Security Policy/i.test(t)).length, 0);
  const origin = new URL(host.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(foreign, [], "nothing from other origins");
  assert.ok(requests.some((u) => u.endsWith("/some/path/pkg/backprop_lab_bg.wasm")), "the wasm came from the sub-path");
  await context.close();
  await host.close();
});

test("a long link replays in slices with progress, ends exactly where the core does, and stops when touched", async () => {
  const query = "?v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.1_0.9,0.9_0.1&cost=squared&lr=0.5&race=momentum_0.9,adam&it=150000";
  // The core alone, in Node: where the lead and each rival must end.
  const settings = { samples: [{ x: 0.1, y: 0.9 }, { x: 0.9, y: 0.1 }], cost: "squared", learningRate: 0.5 };
  const lead = new core.Session({ w1: 2, b1: -0.5, w2: 1.5, b2: 0.5 }, settings);
  lead.advance(150000, "continue");
  const want = lead.snapshot().params;

  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.server.url}${query}`);
  // Live while it replays: the status line counts.
  await page.waitForFunction(() => /Replaying the link: [\d,]+ of 150,000 iterations/.test(document.getElementById("share-status").textContent));
  await page.waitForSelector("html[data-ready=true]", { timeout: 60000 });
  const s = await page.evaluate(() => ({ snap: window.backpropLab.lab.snapshot, status: document.getElementById("share-status").textContent, search: location.search }));
  assert.equal(s.snap.iteration, 150000);
  assert.deepEqual(s.snap.params, want, "the lead ends exactly where the core does");
  assert.deepEqual(s.snap.race.map((r) => r.iteration), [150000, 150000]);
  assert.equal(s.status, "");
  assert.deepEqual(errors, []);
  // Touching the run stops a replay in progress: Reset half-way leaves iteration 0.
  await page.goto(`${env.server.url}${query.replace("it=150000", "it=900000")}`);
  await page.waitForFunction(() => /Replaying the link/.test(document.getElementById("share-status").textContent));
  await page.click("#reset");
  await page.waitForSelector("html[data-ready=true]", { timeout: 60000 });
  // The replay notices the Reset at its next slice and stops, clearing its progress line.
  await page.waitForFunction(() => document.getElementById("share-status").textContent === "");
  const after = await page.evaluate(() => ({ it: window.backpropLab.lab.snapshot.iteration, status: document.getElementById("share-status").textContent }));
  assert.equal(after.it, 0, "the replay stopped at the Reset");
  assert.equal(after.status, "");
  await page.waitForFunction(() => /[?&]it=0(&|$)/.test(location.search));
  await context.close();
});

test("the server compresses as a static host does: brotli if asked, else gzip, precompressed in dist/", async () => {
  const host = await serveWww(`${ROOT}dist`);
  try {
    for (const [accept, want] of [["gzip, deflate, br", "br"], ["gzip", "gzip"], ["identity", null]]) {
      for (const path of ["", "pkg/backprop_lab_bg.wasm", "js/main.js"]) {
        const r = await fetch(`${host.url}${path}`, { headers: { "accept-encoding": accept } });
        const body = Buffer.from(await r.arrayBuffer());
        assert.equal(r.headers.get("content-encoding"), want, `${path || "index.html"} for ${accept}`);
        assert.equal(r.headers.get("vary"), "Accept-Encoding");
        assert.deepEqual(body, readFileSync(`${ROOT}dist/${path || "index.html"}`), "decodes to the file itself");
        if (want === "br" && path.endsWith(".wasm")) {
          const sent = Number(r.headers.get("content-length"));
          assert.equal(sent, readFileSync(`${ROOT}dist/${path}.br`).length, "the precompressed copy is what is sent");
          assert.ok(sent < body.length / 3, `brotli: ${sent} of ${body.length} bytes`);
        }
      }
    }
  } finally {
    await host.close();
  }
});

test("a student link: the teacher's tools hidden with the chosen controls, and the page's words speak only of what is there", async () => {
  const { page, context } = await openPage(env.browser, env.server.url, { permissions: ["clipboard-read", "clipboard-write"] });
  await page.click("#teacher summary");
  // The teacher's own tools are not among the boxes; a student link hides them.
  const offered = await page.$$eval("#teacher-options input[data-hide]", (boxes) => boxes.map((b) => b.dataset.hide));
  assert.ok(!offered.includes("teacher") && !offered.includes("share") && !offered.includes("export"), offered.join());
  await page.check('#teacher-options input[data-hide="race"]');
  await page.check('#teacher-options input[data-hide="cost"]');
  await page.click("#student-link");
  await page.waitForFunction(() => document.getElementById("share-status").textContent.startsWith("Student link copied"));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const hide = new URL(link).searchParams.get("hide").split(",");
  assert.deepEqual(hide.sort(), ["cost", "export", "race", "share", "teacher"]);

  // The class opens it: no Copy link, Export or For teachers; no race in the map's help; the
  // lesson sets no task that needs the hidden Cost picker and sends nobody to For teachers.
  const student = await context.newPage();
  await student.goto(`${link}&lesson=4`);
  await student.waitForSelector("html[data-ready=true]");
  for (const id of ["#copy-link", "#export", "#teacher", "#cost"]) assert.equal(await student.isVisible(id), false, `${id} hidden`);
  assert.equal(await student.isVisible("#map-help [data-control=race]"), false, "the race's help is hidden with it");
  await student.waitForFunction(() => document.getElementById("lesson-count").textContent.startsWith("Step 4 "));
  assert.equal(await student.isVisible("#lesson-task"), false, "no task on a hidden Cost picker");
  for (let n = 5; n <= 13; n++) await student.click("#lesson-next");
  const last = await student.textContent("#lesson-text");
  assert.doesNotMatch(last, /For teachers ›/);
  assert.match(last, /every control on the page is yours/);
  await context.close();
});

test("Copy embed code: an iframe that reopens what is on screen in embed mode, fits a course page's box, and leads out to the full lab", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}?v=1&w1=1.2&b1=-0.3&w2=-2&b2=0.4&data=0.6_0.9&lr=0.5&it=7`, { permissions: ["clipboard-read", "clipboard-write"] });
  await page.click("#teacher summary");
  await page.click("#embed-code");
  await page.waitForFunction(() => document.getElementById("share-status").textContent.startsWith("Embed code copied"));
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(code, /^<iframe src="http[^"]+" title="Backprop Lab: [^"]+" width="100%" height="760" loading="lazy" style="[^"]*"><\/iframe>$/);
  const src = code.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&");
  assert.equal(new URL(src).searchParams.get("embed"), "1");
  assert.deepEqual(new URL(src).searchParams.get("hide").split(",").sort(), ["export", "share", "teacher"], "for students: the teacher's tools hidden");
  const before = await page.evaluate(() => ({ params: window.backpropLab.lab.snapshot.params, iteration: window.backpropLab.lab.snapshot.iteration }));

  // A course page on another origin (a server of its own) pastes it.
  const dir = mkdtempSync(join(tmpdir(), "course-"));
  writeFileSync(join(dir, "week3.html"), `<!doctype html><title>Week 3</title><h1>Back-propagation</h1><div style="width: 900px">${code}</div>`);
  const site = await serveWww(dir);
  assert.notEqual(new URL(site.url).origin, new URL(src).origin);
  const course = await context.newPage();
  await course.goto(`${site.url}week3.html`);
  const frame = await (await course.waitForSelector("iframe")).contentFrame();
  await frame.waitForSelector("html[data-ready=true]");
  await frame.waitForFunction((n) => window.backpropLab.lab.snapshot.iteration === n, before.iteration);
  assert.deepEqual(await frame.evaluate(() => window.backpropLab.lab.snapshot.params), before.params, "the same state");
  assert.equal(await frame.evaluate(() => document.body.classList.contains("embed")), true);
  assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), "fits the box's width: nothing scrolls sideways");
  assert.equal(await frame.isVisible(".top"), false, "no page header in the embed");
  // The way out: the full lab, same state, not in embed mode.
  await frame.waitForFunction(() => new URL(document.getElementById("full-lab").href).searchParams.has("w1"));
  const out = new URL(await frame.getAttribute("#full-lab", "href"));
  assert.equal(await frame.isVisible("#full-lab"), true);
  assert.equal(out.searchParams.get("embed"), null);
  assert.equal(out.searchParams.get("w1"), "1.2");
  assert.equal(await frame.getAttribute("#full-lab", "target"), "_blank");
  await context.close();
  await site.close();
});
