// The printable worksheet: made from the lab's teachers' menu, the same exercises as the quiz
// links (each link opens its exercise as a quiz in the lab), an answer key on its own page,
// bad settings refused with a reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { loadCore, openPage, useBrowser } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();

/** What the sheet shows: per exercise, its seed, given cells, answer blanks, link and key. */
const sheetOf = (page) => page.evaluate(() => ({
  exercises: [...document.querySelectorAll("#ws-exercises > li")].map((li) => ({
    seed: Number(li.dataset.seed),
    given: [...li.querySelectorAll(".given td")].map((td) => td.textContent),
    forward: li.querySelector(".forward").textContent,
    blanks: [...li.querySelectorAll(".answers p")].map((p) => p.textContent),
    link: li.querySelector(".link a").href,
  })),
  key: [...document.querySelectorAll("#ws-key > li")].map((li) => ({ result: li.querySelector(".result").textContent, worked: [...li.querySelectorAll(".worked li")].map((l) => l.textContent) })),
}));

test("a worksheet from the teachers' menu: the quiz's exercises over the teacher's network, each link opens its quiz, the key on its own page", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}?act1=tanh&hide=weights`);
  await page.click("#teacher summary");
  const [sheetPage] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: /Print a worksheet/ }).click()]);
  await sheetPage.waitForSelector("html[data-ready=true]");
  const url = new URL(sheetPage.url());
  const n = core.defaults().exercises;
  assert.equal(url.searchParams.get("n"), String(n));
  const seed = Number(url.searchParams.get("seed"));
  assert.ok(Number.isInteger(seed), `the sheet's address holds its first seed: ${url}`);
  const from = url.searchParams.get("from");
  const shown = await sheetOf(sheetPage);
  const want = core.worksheet(from, seed, n);
  assert.equal(shown.exercises.length, n);
  for (const [k, e] of want.entries()) {
    const s = shown.exercises[k];
    assert.equal(s.seed, seed + k);
    // The givens are the quiz's own exercise of that seed.
    const ex = core.quizExercise(e.seed, "sigmoid");
    assert.deepEqual(s.given.map((t) => Number(t.replace("−", "-"))), [ex.params.w1, ex.params.b1, ex.params.w2, ex.params.b2, ex.sample.x, ex.sample.y]);
    assert.equal(s.forward, `Forward pass: ${e.forward}`);
    assert.deepEqual(s.blanks, ["δ₂ =", "δ₁ =", "∂C/∂w₂ =", "∂C/∂w₁ ="], "blanks, not answers");
    assert.equal(shown.key[k].result, e.answers.map(([sym, v]) => `${sym} = ${v}`).join("; "));
    assert.deepEqual(shown.key[k].worked, e.worked);
    assert.ok(e.worked.some((l) => l.includes("tanh′(z₁)")), "the teacher's tanh hidden node");
  }
  // A student's link: the teacher's tools and the weights hidden; it opens that exercise as a quiz.
  const link = new URL(shown.exercises[1].link);
  assert.deepEqual(link.searchParams.get("hide").split(",").sort(), ["export", "share", "teacher", "weights"]);
  const student = await openPage(env.browser, link.href);
  const opened = await student.page.evaluate(() => ({ quiz: document.getElementById("quiz-button").getAttribute("aria-pressed"), params: window.backpropLab.lab.snapshot.params }));
  assert.equal(opened.quiz, "true");
  const ex = core.quizExercise(seed + 1, "sigmoid");
  assert.deepEqual(opened.params, ex.params);
  assert.equal(await student.page.isVisible("#teacher"), false, "no teacher's tools for the student");
  // The sheet shows what the quiz's page shows, and that page withholds the answers.
  assert.equal(`Forward pass: ${await student.page.textContent("#forward-line")}`, shown.exercises[1].forward);
  await student.context.close();

  // Printed: the tools are not, each exercise stays whole, the key starts a page.
  await sheetPage.emulateMedia({ media: "print" });
  const print = await sheetPage.evaluate(() => ({
    tools: getComputedStyle(document.querySelector(".tools")).display,
    key: getComputedStyle(document.getElementById("key")).breakBefore,
    exercise: getComputedStyle(document.querySelector(".exercise")).breakInside,
    scheme: getComputedStyle(document.body).backgroundColor,
  }));
  assert.deepEqual(print, { tools: "none", key: "page", exercise: "avoid", scheme: "rgb(255, 255, 255)" });
  const pdf = await sheetPage.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 2, `the exercises, then the key on a page of its own: ${pages} pages`);
  await context.close();
});

test("the worksheet's settings: a count or a seed it cannot use gets a reason, and the sheet stays", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}worksheet.html?n=2&seed=7`);
  const before = await sheetOf(page);
  assert.deepEqual(before.exercises.map((e) => e.seed), [7, 8]);
  const max = core.limits().maxExercises;
  await page.fill("#ws-count", String(max + 1));
  await page.click("#ws-make");
  assert.equal(await page.textContent("#ws-status"), `Could not make the worksheet: exercises must be from 1 to ${max}, got ${max + 1}.`);
  await page.fill("#ws-count", "3");
  await page.fill("#ws-seed", "seven");
  await page.press("#ws-seed", "Enter");
  assert.match(await page.textContent("#ws-status"), /^Could not make the worksheet: seed must be a whole number from 0 to 2\^53 - 1, got NaN\.$/);
  assert.deepEqual(await sheetOf(page), before, "the last good sheet stays");
  await page.fill("#ws-seed", "100");
  await page.click("#ws-make");
  assert.deepEqual((await sheetOf(page)).exercises.map((e) => e.seed), [100, 101, 102]);
  assert.equal(new URL(page.url()).search, "?n=3&seed=100", "the address follows, so a reload prints the same sheet");
  assert.equal(await page.textContent("#ws-status"), "3 exercises, numbers 100 to 102, with the answer key on a page of its own.");
  await context.close();
});

for (const [size, options] of [["desktop", {}], ["phone", { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true }]]) {
  test(`the worksheet page: axe finds no violation, nothing scrolls sideways, and its way back opens the lab on the teacher's state (${size})`, async () => {
    const from = "v=1&w1=-1&b1=0.5&w2=2&b2=0&data=0.4_0.7&act1=tanh&hide=weights";
    const { page, context } = await openPage(env.browser, `${env.server.url}worksheet.html?n=2&seed=3&from=${encodeURIComponent(from)}`, options);
    const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
    assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((x) => x.target.join(" ")).join(", ")}`), []);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scroll");
    const back = await page.getAttribute("#back-to-lab", "href");
    assert.equal(new URL(back).search, `?${from}`);
    await page.click("#back-to-lab");
    await page.waitForSelector("html[data-ready=true]");
    assert.deepEqual(await page.evaluate(() => window.backpropLab.lab.snapshot.params), { w1: -1, b1: 0.5, w2: 2, b2: 0 });
    await context.close();
  });
}
