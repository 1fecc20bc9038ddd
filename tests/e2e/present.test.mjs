// Presentation mode, for a projector: the page 1.5 times larger, its pictures drawn at that
// scale (sharp), the lesson's panel leaving the step's mark in view at 1280 × 720, and a link
// that opens in it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { linkSettled, openPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

/** What the page's size and its pictures' sharpness are now. */
const measure = (page) => page.evaluate(() => {
  const canvas = (id) => {
    const c = document.getElementById(id);
    return { backing: c.width, drawn: c.getBoundingClientRect().width };
  };
  const panel = document.getElementById("lesson").getBoundingClientRect();
  const mark = document.querySelector(".lesson-hl-first")?.getBoundingClientRect() ?? null;
  return {
    present: document.body.classList.contains("present"),
    pressed: document.getElementById("present").getAttribute("aria-pressed"),
    button: document.getElementById("lesson-start").getBoundingClientRect().height,
    loss: canvas("loss-canvas"),
    section: canvas("section-w1"),
    panel: { top: panel.top, height: panel.height },
    mark: mark && { top: mark.top, bottom: mark.bottom },
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
});
const drawn = (page) => page.waitForFunction(() => window.backpropLab?.lab.charts && window.backpropLab.pendingDraws().length === 0);

test("a link opens in presentation mode: 1.5 times larger, pictures sharp, the lesson's mark in view at 1280 × 720; the toggle leaves it", async () => {
  const plain = await openPage(env.browser, `${env.server.url}?v=1`, { viewport: { width: 1280, height: 720 } });
  const normal = await measure(plain.page);
  await plain.context.close();

  const { page, context, errors } = await openPage(env.browser, `${env.server.url}?v=1&present=1&lesson=5`, { viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  await drawn(page);
  await page.waitForFunction(() => document.querySelector(".lesson-hl-first"));
  let m = await measure(page);
  assert.equal(m.present, true);
  assert.equal(m.pressed, "true");
  assert.ok(Math.abs(m.button / normal.button - 1.5) < 0.05, `the page is 1.5 times larger (${m.button} vs ${normal.button})`);
  // Sharp: each canvas has a backing pixel for every screen pixel it covers.
  for (const c of [m.loss, m.section]) assert.ok(Math.abs(c.backing - c.drawn) <= 1, `backing ${c.backing} for ${c.drawn} drawn`);
  assert.ok(m.panel.height <= 720 / 3 + 1, `the lesson's panel is ${m.panel.height} of 720`);
  assert.ok(m.mark && m.mark.top >= 0 && m.mark.top < m.panel.top - 4, `the step's mark is in view above the panel (${JSON.stringify(m.mark)}, panel at ${m.panel.top})`);
  assert.ok(m.sideways <= 0, "nothing scrolls sideways");

  // The toggle: back to normal size, drawn at 1×, and the link says so.
  await page.click("#lesson-leave");
  await page.click("#present");
  await drawn(page);
  m = await measure(page);
  assert.equal(m.present, false);
  assert.equal(m.pressed, "false");
  for (const c of [m.loss, m.section]) assert.ok(Math.abs(c.backing - c.drawn) <= 1, "redrawn at the normal scale");
  await linkSettled(page);
  assert.equal(new URL(page.url()).searchParams.get("present"), null);
  await page.click("#present");
  await linkSettled(page);
  assert.equal(new URL(page.url()).searchParams.get("present"), "1", "the link carries it");
  assert.deepEqual(errors, []);
  await context.close();
});
