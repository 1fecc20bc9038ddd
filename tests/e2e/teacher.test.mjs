// A teacher's walk, end to end, as one story: set the scene, make a student link, open it as a
// student, embed it in a course page on another origin, export the slides, print a worksheet.
// Each part is tested in depth elsewhere (share, slides, worksheet); this checks they hold
// together on one state, as a teacher preparing a class would use them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage, serveWww, useBrowser } from "./harness.mjs";

const env = useBrowser();

/** Opens a menu of the bar (a <details>) by its summary, as a teacher would, unless it is open. */
async function openMenu(page, id) {
  if ((await page.getAttribute(`#${id}`, "open")) === null) await page.click(`#${id} summary`);
}

test("a teacher's walk: scene, student link, the student's page, an embed, slides, a worksheet", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}?v=1&w1=-1.5&b1=0.2&w2=2.5&b2=-0.5&data=0.3_0.8&lr=2&act1=tanh`, { permissions: ["clipboard-read", "clipboard-write"] });
  for (let i = 0; i < 5; i++) await page.click("#step-iteration");
  const teacherState = await page.evaluate(() => ({ params: window.backpropLab.lab.snapshot.params, iteration: window.backpropLab.lab.snapshot.iteration }));

  // 1. For teachers: hide the weight sliders, then copy a student link.
  await openMenu(page, "teacher");
  await page.check('#teacher-options input[data-hide="weights"]');
  await page.click("#student-link");
  await page.waitForFunction(() => /^Student link copied/.test(document.getElementById("share-status").textContent));
  const studentLink = await page.evaluate(() => navigator.clipboard.readText());
  assert.deepEqual(new URL(studentLink).searchParams.get("hide").split(",").sort(), ["export", "share", "teacher", "weights"]);

  // 2. The student opens it: the same state, no weight sliders, none of the teacher's tools.
  const student = await openPage(env.browser, studentLink);
  await student.page.waitForFunction((n) => window.backpropLab.lab.snapshot.iteration === n, teacherState.iteration);
  assert.deepEqual(await student.page.evaluate(() => window.backpropLab.lab.snapshot.params), teacherState.params);
  for (const sel of ["#teacher", "#export", "#copy-link", '[data-control="weights"]']) {
    assert.equal(await student.page.isVisible(sel), false, `${sel} hidden for the student`);
  }
  await student.context.close();

  // 3. An embed for the course page, on another origin: the same state, in embed mode.
  await openMenu(page, "teacher");
  await page.click("#embed-code");
  await page.waitForFunction(() => /^Embed code copied/.test(document.getElementById("share-status").textContent));
  const code = await page.evaluate(() => navigator.clipboard.readText());
  const dir = mkdtempSync(join(tmpdir(), "course-"));
  writeFileSync(join(dir, "week5.html"), `<!doctype html><title>Week 5</title><h1>The chain rule</h1>${code}`);
  const site = await serveWww(dir);
  const course = await context.newPage();
  await course.goto(`${site.url}week5.html`);
  const frame = await (await course.waitForSelector("iframe")).contentFrame();
  await frame.waitForSelector("html[data-ready=true]");
  await frame.waitForFunction((n) => window.backpropLab.lab.snapshot.iteration === n, teacherState.iteration);
  assert.deepEqual(await frame.evaluate(() => window.backpropLab.lab.snapshot.params), teacherState.params);
  assert.equal(await frame.evaluate(() => document.body.classList.contains("embed")), true);
  await course.close();
  await site.close();

  // 4. Slides for the lecture: the loss curve and the chain rule, light, captioned, with the
  // numbers on screen.
  // (A download closes the menu, as a menu item does.)
  const slide = async (kind, button) => {
    await openMenu(page, "export");
    await page.selectOption("#export-kind", kind);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
    return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
  };
  const chain = await slide("chain", "#export-slide-svg");
  const svg = chain.body.toString("utf8");
  assert.match(chain.name, /\.svg$/);
  assert.match(svg, /Iteration 5 · w₁ = /, "the caption names the iteration and the weights");
  const dCdW1 = await page.$eval('#ledger .result[data-key="dCdW1"]', (e) => e.textContent.replace(/^\+/, ""));
  assert.ok(svg.includes(dCdW1), `the chain rule's ∂C/∂w₁ (${dCdW1}) is on the slide`);
  const loss = await slide("loss", "#export-slide-png");
  assert.deepEqual([...loss.body.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], "a PNG");

  // 5. A worksheet for paper, over this network: its exercises use tanh in the hidden node,
  // each with a student link that hides what this one hides.
  await openMenu(page, "teacher");
  const [sheet] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: /Print a worksheet/ }).click()]);
  await sheet.waitForSelector("html[data-ready=true]");
  assert.match(await sheet.textContent("#ws-network"), /a₁ = tanh\(z₁\)/);
  const first = await sheet.$eval("#ws-exercises > li .link a", (a) => a.href);
  assert.deepEqual(new URL(first).searchParams.get("hide").split(",").sort(), ["export", "share", "teacher", "weights"]);
  await sheet.emulateMedia({ media: "print" });
  assert.equal(await sheet.evaluate(() => getComputedStyle(document.getElementById("key")).breakBefore), "page");
  await context.close();
});
