// Lighthouse 12.2.3 (mobile profile) on the built dist/ site: accessibility and best
// practices must score 100. Performance and SEO are printed, not asserted (they are timings).
import { test } from "node:test";
import assert from "node:assert/strict";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { ROOT, CHROMIUM_ARGS, serveWww } from "./harness.mjs";

test("Lighthouse: accessibility 100 and best practices 100", { timeout: 180000 }, async () => {
  const server = await serveWww(`${ROOT}dist`);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  });
  try {
    const result = await lighthouse(server.url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["accessibility", "best-practices", "performance", "seo"],
    });
    const scores = Object.fromEntries(Object.entries(result.lhr.categories).map(([k, c]) => [k, Math.round(c.score * 100)]));
    console.log(`# lighthouse ${JSON.stringify(scores)}`);
    const failing = (cat) => result.lhr.categories[cat].auditRefs
      .map((r) => result.lhr.audits[r.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
      .map((a) => `${a.id}: ${a.title}`);
    assert.equal(scores.accessibility, 100, failing("accessibility").join("; "));
    assert.equal(scores["best-practices"], 100, failing("best-practices").join("; "));
  } finally {
    await chrome.kill();
    await server.close();
  }
});
