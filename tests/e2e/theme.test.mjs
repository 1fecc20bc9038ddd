// The theme: the system's unless the learner chooses light or dark, which applies at once to
// the page and its pictures and is remembered on the device.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

/** The page's background, and how bright the loss curve's canvas is in its corner (0–255). */
const look = (page) => page.evaluate(() => {
  const c = document.getElementById("loss-canvas");
  const [r, g, b] = c.getContext("2d").getImageData(2, 2, 1, 1).data;
  return { bg: getComputedStyle(document.body).backgroundColor, canvas: Math.round((r + g + b) / 3) };
});
const drawn = (page) => page.waitForFunction(() => window.backpropLab?.lab.charts && window.backpropLab.pendingDraws().length === 0);

test("a chosen theme applies to the page and its pictures at once, and is remembered; System follows the system", async () => {
  const { page, context, errors } = await openPage(env.browser, env.server.url, { colorScheme: "light" });
  await drawn(page);
  assert.equal(await page.inputValue("#theme"), "system");
  const light = await look(page);
  assert.equal(light.bg, "rgb(246, 247, 249)");
  assert.ok(light.canvas > 200, `a light loss curve (${light.canvas})`);

  await page.selectOption("#theme", "dark");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(14, 18, 23)");
  await drawn(page);
  await page.waitForFunction(() => {
    const [r, g, b] = document.getElementById("loss-canvas").getContext("2d").getImageData(2, 2, 1, 1).data;
    return (r + g + b) / 3 < 60;
  });

  // Remembered: a new visit on this device opens dark, on a light system.
  await page.reload();
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.inputValue("#theme"), "dark");
  assert.equal((await look(page)).bg, "rgb(14, 18, 23)");

  // System again: the system's light, and it follows the system when that changes.
  await page.selectOption("#theme", "system");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(246, 247, 249)");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(14, 18, 23)");
  // Light chosen on a dark system.
  await page.selectOption("#theme", "light");
  await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(246, 247, 249)");
  await drawn(page);
  await page.waitForFunction(() => {
    const [r, g, b] = document.getElementById("loss-canvas").getContext("2d").getImageData(2, 2, 1, 1).data;
    return (r + g + b) / 3 > 200;
  });
  assert.deepEqual(errors, []);
  await context.close();
});

/** WCAG's contrast ratio of two computed `rgb(…)` colours. */
const contrast = (a, b) => {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

for (const scheme of ["light", "dark"]) {
  test(`text fields and selects have edges of at least 3:1 against the field and what is around it (${scheme})`, async () => {
    const { page, context } = await openPage(env.browser, env.server.url, { colorScheme: scheme });
    const fields = await page.$$eval("input[type=text], select", (els) => els.filter((e) => e.offsetParent !== null).map((e) => {
      // The colour around a field: the first ancestor with a background of its own.
      let p = e.parentElement;
      while (p && getComputedStyle(p).backgroundColor === "rgba(0, 0, 0, 0)") p = p.parentElement;
      const s = getComputedStyle(e);
      return { id: e.id, edge: s.borderTopColor, inside: s.backgroundColor, around: getComputedStyle(p ?? document.body).backgroundColor };
    }));
    assert.ok(fields.length > 10, `${fields.length} fields`);
    const weak = fields.filter((f) => contrast(f.edge, f.inside) < 3 || contrast(f.edge, f.around) < 3)
      .map((f) => `${f.id}: ${contrast(f.edge, f.inside).toFixed(2)} / ${contrast(f.edge, f.around).toFixed(2)}`);
    assert.deepEqual(weak, []);
    await context.close();
  });
}
