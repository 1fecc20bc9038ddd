// The built site (dist/) on the next visit: its service worker serves every file from the
// cache, so the page opens with no network at all (the classroom's Wi-Fi dropped) and shows
// the same numbers; a new version of the site replaces the cache on the next visit, and the
// page says so. Served under a sub-path, with the page's strict CSP.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cspContext, serveDist, useBrowser } from "./harness.mjs";

const env = useBrowser();

/** A page that records CSP violations, opened at `url` and waited for until ready. */
async function visit(url) {
  const context = await cspContext(env.browser);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]");
  return { context, page, errors };
}

/** Waits until a service worker controls the page: the site is then in its cache. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");

const shown = (page) => page.evaluate(() => ({
  iteration: document.getElementById("iteration").textContent,
  exact: [...document.querySelectorAll("[data-exact]")].map((e) => e.dataset.exact),
  params: window.backpropLab.lab.snapshot.params,
}));

test("after one visit, the page opens with no network at all, any link, the same numbers", async () => {
  const server = await serveDist({ copy: true });
  const { url } = server;
  const { context, page, errors } = await visit(`${url}?it=30&lr=2`);
  await controlled(page);
  const online = await shown(page);
  assert.equal(online.iteration, "30");

  await server.stop(); // no server at all: nothing can come from the network now
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.deepEqual(await shown(page), online, "the same page and numbers, from the cache");
  // Another link opens too: the page is the same file whatever the query string says.
  await page.goto(`${url}?it=5&lr=0.5&view=3d`);
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.textContent("#iteration"), "5");
  assert.equal(await page.evaluate(() => window.backpropLab.surface.mode), "surface3d");
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(await page.evaluate(() => window.backpropLab.errors), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a new version of the site replaces the cache on the next visit", async () => {
  const server = await serveDist({ copy: true });
  const { site, url } = server;
  const { context, page, errors } = await visit(url);
  await controlled(page);
  const title = await page.title();
  const old = await page.evaluate(() => caches.keys());
  assert.equal(old.length, 1);

  // Publish a new version, as `make dist` would: a changed page and so a changed sw.js.
  const index = join(site, "index.html");
  writeFileSync(index, readFileSync(index, "utf8").replace("<title>", "<title>New: "));
  const sw = join(site, "sw.js");
  writeFileSync(sw, readFileSync(sw, "utf8").replace(/const VERSION = "([0-9a-f]+)";/, 'const VERSION = "$1-new";'));

  // The next visit still opens at once from the cache; meanwhile the new version installs,
  // takes over, drops the old cache, and the page says a reload will show it.
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.title(), title);
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    return keys.length === 1 && keys[0].endsWith("-new");
  });
  await page.waitForFunction(() => document.getElementById("status").textContent.includes("new version"));

  // The visit after that is the new version, and works offline too.
  await server.stop();
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.title(), `New: ${title}`);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors, []);
  await context.close();
});
