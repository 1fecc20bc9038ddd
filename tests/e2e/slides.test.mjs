// Export › slides: each picture downloads as an SVG whose caption and numbers are the page's,
// a PNG at the chosen scale that is light whatever the page's theme, and the chain rule as
// LaTeX and Markdown with the numbers on screen; a quiz's answers stay "?"; the menu works
// from the keyboard.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { openPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

/** A run with some shape: 60 iterations from a corner of the map, two points. */
const LINK = "?v=1&w1=-6&b1=1&w2=-5&b2=2&data=0.2_0.9,0.9_0.1&cost=squared&lr=3&it=60";

/** The page in the dark theme, its drawings loaded and the link's replay done. */
async function darkPage(query) {
  const opened = await openPage(env.browser, `${env.server.url}${query}`, { acceptDownloads: true, colorScheme: "dark" });
  await opened.page.waitForFunction(() => document.body.classList.contains("charts-ready"));
  return opened;
}

/** Picks `kind` (and `scale`) in the Export menu, clicks `button`, returns the download. */
async function exportFile(page, button, { kind, scale } = {}) {
  if (!(await page.evaluate(() => document.getElementById("export").open))) await page.click("#export summary");
  if (kind) await page.selectOption("#export-kind", kind);
  if (scale) await page.selectOption("#export-scale", scale);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
}

/** Width, height and the first pixel (RGB) of a PNG: the first pixel of the first row is
 * stored as it is whatever the row's filter (nothing before it to predict from). */
function pngFacts(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colorType = bytes[25];
  const idat = [];
  for (let at = 8; at < bytes.length;) {
    const len = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") idat.push(bytes.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  assert.ok([2, 6].includes(colorType), `RGB or RGBA, got colour type ${colorType}`);
  return { width, height, corner: [raw[1], raw[2], raw[3]] };
}

/** What the page shows: a number's text in the view, as a sentence writes it (no "+"). */
const shown = (page, key) => page.evaluate((k) => {
  const e = window.backpropLab.lab.session.view().entries[k];
  return e.text.replace(/^\+/, "");
}, key);

test("each slide downloads as an SVG with the page's caption and numbers, light in a dark page", async () => {
  const { page, context } = await darkPage(LINK);
  await page.waitForFunction(() => document.getElementById("iteration").textContent === "60");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).colorScheme.includes("dark") || matchMedia("(prefers-color-scheme: dark)").matches), true);
  const w1 = await shown(page, "w1");
  const delta2 = await shown(page, "delta2");
  const sizes = { map: [1000, 900], network: [1400, 560], loss: [1600, 900], chain: [1600, 900] };
  for (const [kind, [w, h]] of Object.entries(sizes)) {
    const file = await exportFile(page, "#export-slide-svg", { kind });
    assert.equal(file.name, `backprop-lab-${kind}-it60.svg`);
    const svg = file.body.toString();
    assert.match(svg, new RegExp(`^<svg width="${w}" height="${h}"`), kind);
    assert.match(svg, /Iteration 60 · w₁ = /, `${kind}: the caption line`);
    assert.ok(svg.includes(`w₁ = ${w1}`), `${kind}: w1 as the page shows it (${w1})`);
    assert.match(svg, /η = 3/);
    // Light: the background is the light theme's, not the page's dark one.
    assert.match(svg, /<rect x="0" y="0" width="\d+" height="\d+" opacity="1" fill="#FFFFFF"/, `${kind}: light`);
    // Labels at least 1.25% of the width.
    const sizesPx = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.ok(Math.min(...sizesPx) >= 0.0125 * w, `${kind}: smallest text ${Math.min(...sizesPx)} of ${w}`);
    if (kind === "chain" || kind === "network") assert.ok(svg.includes(delta2), `${kind}: δ₂ = ${delta2}`);
    if (kind === "map") assert.match(svg, /<image [^>]*href="data:image\/png;base64,iVBORw0KGgo/);
  }
  await context.close();
});

test("a slide's PNG is the SVG at the chosen scale, light in a dark page", async () => {
  const { page, context } = await darkPage(LINK);
  const two = await exportFile(page, "#export-slide-png", { kind: "map" });
  assert.equal(two.name, "backprop-lab-map-it60.png");
  const a = pngFacts(two.body);
  assert.deepEqual([a.width, a.height], [2000, 1800], "2× the map's 1000 × 900 by default");
  assert.ok(a.corner.every((c) => c >= 240), `a light corner, got ${a.corner}`);
  const three = pngFacts((await exportFile(page, "#export-slide-png", { kind: "loss", scale: "3" })).body);
  assert.deepEqual([three.width, three.height], [4800, 2700]);
  assert.ok(three.corner.every((c) => c >= 240), `a light corner, got ${three.corner}`);
  await context.close();
});

test("the chain rule as LaTeX and Markdown carries the numbers on screen", async () => {
  const { page, context } = await darkPage(LINK);
  await page.waitForFunction(() => document.getElementById("iteration").textContent === "60");
  const keys = ["z1", "a1", "yHat", "dCdYHat", "delta2", "dCdW2", "delta1", "dCdW1"];
  const numbers = {};
  for (const k of keys) numbers[k] = await shown(page, k);
  const md = (await exportFile(page, "#export-markdown")).body.toString();
  assert.match(md, /^\*\*The chain rule on the network's numbers, after 60 iterations/);
  for (const k of keys) assert.ok(md.includes(numbers[k]), `Markdown has ${k} = ${numbers[k]}`);
  assert.match(md, new RegExp(`- δ₂ = ∂C/∂ŷ × σ′\\(z₂\\) = .* = ${numbers.delta2.replace(/[.]/g, "\\.")}\\n`));
  const tex = await exportFile(page, "#export-latex");
  assert.equal(tex.name, "backprop-lab-chain-rule-it60.tex");
  const latex = tex.body.toString();
  assert.match(latex, /\\begin\{align\*\}[\s\S]*\\delta_\{2\} &= [\s\S]*\\end\{align\*\}/);
  for (const k of keys) {
    const text = numbers[k].replace(/−/g, "-").replace(/ × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/, "");
    assert.ok(latex.includes(text), `LaTeX has ${k} = ${text}`);
  }
  await context.close();
});

test("in a quiz the slides and the chain rule keep the answers hidden", async () => {
  const { page, context } = await darkPage("?quiz=7");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.quiz?.revealed === false);
  const md = (await exportFile(page, "#export-markdown")).body.toString();
  for (const line of ["δ₂", "∂C/∂w₂", "δ₁", "∂C/∂w₁"]) {
    const row = md.split("\n").find((l) => l.startsWith(`- ${line} = `));
    assert.ok(row?.endsWith("= ?"), `${line} hidden: ${row}`);
  }
  // The truth, computed here, appears in no export.
  const truth = await page.evaluate(() => {
    const lab = window.backpropLab.lab;
    const s = lab.settings;
    const b = window.backpropLab.core.backward(lab.snapshot.params, s.samples[s.chosen], s.cost);
    return [b.delta2, b.delta1, b.dCdW2, b.dCdW1].map((v) => Math.abs(v).toPrecision(4));
  });
  for (const kind of ["chain", "network", "map"]) {
    const svg = (await exportFile(page, "#export-slide-svg", { kind })).body.toString();
    if (kind !== "map") assert.match(svg, /[\s=]\?\s*<\/text>/, `${kind}: answers as "?"`);
    for (const t of truth) assert.ok(!svg.includes(t), `${kind}: ${t} not given away`);
  }
  for (const t of truth) assert.ok(!md.includes(t), `Markdown: ${t} not given away`);
  await context.close();
});

test("the Export menu's slides work from the keyboard", async () => {
  const { page, context } = await darkPage(LINK);
  await page.focus("#export summary");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("export").open);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "export-kind");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "export-scale");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "export-slide-svg");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.equal(download.suggestedFilename(), "backprop-lab-map-it60.svg");
  // Esc closes the menu and gives the focus back to its button.
  await page.click("#export summary");
  await page.focus("#export-kind");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.getElementById("export").open);
  assert.equal(await page.evaluate(() => document.activeElement.closest("details")?.id), "export");
  await context.close();
});
