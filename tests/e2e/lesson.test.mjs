// The guided lesson: every step forwards and backwards, its marks visible above the panel, every
// number in its text the core's, the try-it tasks noticed, the step in the link, Esc leaving
// cleanly, teachers' links, and axe on every step (light and dark, desktop and phone).
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { loadCore, openPage, plain, spokenOf, useBrowser } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();
const STEPS = core.limits().lessonSteps;
const open = (query = "", options) => openPage(env.browser, `${env.server.url}${query ? `?${query}` : ""}`, options);
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

/** The numbers a step may quote, worked out here by the core from the page's state. */
async function expectedNumbers(page) {
  const { snap, settings } = await page.evaluate(() => ({ snap: window.backpropLab.lab.snapshot, settings: window.backpropLab.lab.settings }));
  const at = (snap.pass ?? snap.live).params;
  const sample = settings.samples[settings.chosen];
  const acts = { hidden: settings.hidden, output: settings.output };
  const f = core.forward(at, sample.x, acts);
  const mean = core.meanGradient(at, settings.samples, settings.cost, acts);
  return {
    ...f, ...core.backward(at, sample, settings.cost, acts), ...at, x: sample.x, y: sample.y,
    lr: settings.learningRate, oneMinusYHat: 1 - f.yHat, meanDW2: mean.dCdW2,
    w2Next: core.update(at, mean, settings.learningRate).w2, w1Now: snap.params.w1, w2Now: snap.params.w2, costBefore: mean.cost,
    costNow: core.meanGradient(snap.params, settings.samples, settings.cost, acts).cost,
  };
}

/** Checks the step on screen: its count, the link, the focus, the marks, and every number. */
async function checkStep(page, n, { focus = true } = {}) {
  assert.equal(await page.textContent("#lesson-count"), `Step ${n} of ${STEPS}`);
  await page.waitForFunction((k) => new URLSearchParams(location.search).get("lesson") === String(k), n);
  if (focus) assert.equal(await page.evaluate(() => document.activeElement.id), "lesson-title", `step ${n}: focus on its heading`);
  const marks = await page.$$eval(".lesson-hl", (els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { w: r.width, h: r.height, top: r.top, bottom: r.bottom };
  }));
  assert.ok(marks.length > 0, `step ${n} marks something`);
  assert.ok(marks.every((m) => m.w > 0 && m.h > 0), `step ${n}: its marks are visible`);
  // The first mark is in view above the panel once scrolling settles.
  await page.waitForFunction(() => {
    const first = document.querySelector(".lesson-hl-first");
    const panel = document.getElementById("lesson").getBoundingClientRect();
    const r = first.getBoundingClientRect();
    return r.bottom > 0 && r.top < panel.top - 4;
  });
  const want = await expectedNumbers(page);
  const nums = await page.$$eval("#lesson .num[data-key]", (els) => els.map((e) => ({ key: e.dataset.key, exact: e.dataset.exact, text: e.querySelector("[aria-hidden]").textContent })));
  for (const x of nums) {
    assert.ok(x.key in want, `step ${n}: unknown number ${x.key}`);
    assert.equal(x.exact, String(want[x.key]), `step ${n}: ${x.key}`);
    assert.ok(x.text === plain(want[x.key]) || x.text === `(${plain(want[x.key])})`, `step ${n}: ${x.key} written ${x.text}`);
  }
  return nums.length;
}

const settled = (page) => page.waitForFunction(() => document.querySelector("#diagram .pulse")?.getAttribute("visibility") === "hidden" &&
  !document.querySelector("#ledger .unreached"));

test("the lesson walks every step forwards and backwards, on the learner's own numbers", async () => {
  const { page, context, errors } = await open("v=1&w1=1.2&b1=-0.3&w2=-2&b2=0.4&data=0.6_0.9&cost=squared&lr=0.5");
  await page.click("#lesson-start");
  let numbers = 0;
  for (let n = 1; n <= STEPS; n++) {
    await settled(page);
    numbers += await checkStep(page, n);
    if (n < STEPS) await page.click("#lesson-next");
  }
  assert.ok(numbers > 40, `the steps quote live numbers (${numbers})`);
  for (let n = STEPS - 1; n >= 1; n--) {
    await page.click("#lesson-back");
    await settled(page);
    await checkStep(page, n);
  }
  // The numbers follow a drag: w2 typed, the step's text follows.
  await page.click("#lesson-next"); // step 2 quotes w2
  await page.fill("#field-w2", "3.5");
  await page.waitForFunction(() => [...document.querySelectorAll('#lesson .num[data-key="w2"]')].every((e) => e.dataset.exact === "3.5"));
  await checkStep(page, 2, { focus: false });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the try-it tasks are noticed: the cost, a slope's sign, one step, a small a1, Play", async () => {
  const { page, context, errors } = await open("lesson=4");
  const task = () => page.textContent("#lesson-task-status");
  assert.equal(await page.textContent("#lesson-count"), `Step 4 of ${STEPS}`);
  assert.equal(await task(), "");
  await page.selectOption("#cost", "crossEntropy");
  await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent.startsWith("✓"));
  assert.equal(await task(), "✓ Done: the cost changed, and with it only ∂C/∂ŷ and δ₂.", "said without numbers, which would go stale");
  assert.match(await page.textContent("#lesson-task-praise"), /^With cross-entropy ∂C\/∂ŷ is now /);
  assert.match(await page.textContent("#lesson-text"), /σ′\(z₂\) is struck through/, "the text adapts to the cost");
  // Undone, the status is withdrawn; done again, it is said again.
  await page.selectOption("#cost", "squared");
  await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent === "");
  assert.equal(await page.textContent("#lesson-task-praise"), "");
  await page.selectOption("#cost", "crossEntropy");
  await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent.startsWith("✓"));

  await page.click("#lesson-next"); // 5: the product of two sigmoids, with the arithmetic open
  assert.equal(await page.$eval("#arithmetic", (d) => d.open), true);
  assert.match(await page.textContent("#lesson-text"), /product of two sigmoids/);
  await page.click("#lesson-next"); // 6
  await page.click("#lesson-next"); // 7: make dC/dw2 change sign
  await page.fill("#field-y", "0.99");
  await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent.startsWith("✓"));

  await page.click("#lesson-next"); // 8: take one step
  const before = await page.evaluate(() => window.backpropLab.lab.snapshot);
  assert.equal(before.phase, "backward", "the page is set up so the next phase is the update");
  assert.equal(await page.textContent("#lesson-action"), "Take the step");
  await page.click("#lesson-action");
  await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent.startsWith("✓"));
  assert.equal(await page.evaluate(() => window.backpropLab.lab.snapshot.phase), "update");
  await checkStep(page, 8, { focus: false });
  assert.match(await page.textContent("#lesson-text"), /The update played/);

  await page.click("#lesson-next"); // 9: make a1 small
  await page.fill("#field-b1", "-8");
  await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent.startsWith("✓"));
  await checkStep(page, 9, { focus: false });

  for (let n = 10; n <= 12; n++) await page.click("#lesson-next");
  // The step's own button plays and pauses (on a phone the bar is far above the map).
  assert.equal(await page.textContent("#lesson-action"), "Play / Pause");
  // What the status region says while playing: once "done", not once a frame.
  await page.evaluate(() => {
    window.__said = [];
    const region = document.getElementById("lesson-task-status");
    new MutationObserver(() => window.__said.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
  await page.click("#lesson-action");
  await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent.startsWith("✓"), null, { timeout: 30000 });
  // Playing on for a while (the numbers under it keep moving) changes nothing it says.
  const it = await page.evaluate(() => window.backpropLab.lab.snapshot.iteration);
  await page.waitForFunction((n) => window.backpropLab.lab.snapshot.iteration >= n + 20, it, { timeout: 30000 });
  await page.click("#lesson-action");
  assert.deepEqual(await page.evaluate(() => window.__said), ["✓ Done: ten iterations and more."]);
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false");
  assert.deepEqual(errors, []);
  await context.close();
});

test("lesson=N reopens at step N, under a teacher's hidden controls and in embed mode; Esc leaves cleanly", async () => {
  const { page, context, errors } = await open("v=1&hide=lr,weights,race&embed=1&lesson=5");
  await checkStep(page, 5, { focus: false });
  assert.equal(await page.isVisible("#lesson"), true);
  assert.equal(await page.textContent("#lesson-title"), "Factor two: the activation's slope");
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible("#lesson"), false);
  assert.equal(await page.locator(".lesson-hl").count(), 0, "no marks left");
  await page.waitForFunction(() => !location.search.includes("lesson="));
  // Everything is usable as the lesson left it.
  const it = await page.evaluate(() => window.backpropLab.lab.snapshot.iteration);
  await page.click("#step-iteration");
  assert.equal(await page.evaluate(() => window.backpropLab.lab.snapshot.iteration), it + 1);
  // A bad step number opens without the lesson, with a notice.
  const bad = await open("lesson=99");
  assert.equal(await bad.page.isVisible("#lesson"), false);
  assert.match(await bad.page.textContent("#notice-list"), /lesson: must be a step from 1 to 13/);
  await bad.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the lesson adapts to other activations and to a quiz", async () => {
  const { page, context, errors } = await open("v=1&act2=tanh&lesson=5");
  assert.match(await page.textContent("#lesson-text"), /tanh′\(z\) = 1 − tanh²\(z\)/);
  await checkStep(page, 5, { focus: false });
  await page.goto(`${env.server.url}?v=1&lesson=4&act2=relu`);
  await page.waitForSelector("html[data-ready=true]");
  assert.equal(await page.isVisible("#lesson-task"), false, "no cost switch without a sigmoid output");
  assert.match(await page.textContent("#lesson-text"), /Cross-entropy needs a sigmoid output/);
  // Starting a quiz ends the lesson; starting the lesson ends the quiz.
  await page.click("#quiz-button");
  assert.equal(await page.isVisible("#lesson"), false);
  await page.click("#lesson-start");
  assert.equal(await page.evaluate(() => window.backpropLab.share.current().quiz), null);
  assert.equal(await page.isVisible("#lesson"), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard only: start, Next, Back and leave", async () => {
  const { page, context } = await open();
  await page.focus("#lesson-start");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "lesson-title");
  await page.focus("#lesson-next");
  await page.keyboard.press("Enter");
  assert.equal(await page.textContent("#lesson-count"), `Step 2 of ${STEPS}`);
  await page.focus("#lesson-back");
  await page.keyboard.press("Enter");
  assert.equal(await page.textContent("#lesson-count"), `Step 1 of ${STEPS}`);
  await page.focus("#lesson-leave");
  await page.keyboard.press("Enter");
  assert.equal(await page.isVisible("#lesson"), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), "lesson-start", "focus goes back to where the lesson began");
  await context.close();
});

for (const [size, options] of [["1280 × 720", { viewport: { width: 1280, height: 720 } }], ["phone", PHONE]]) {
  test(`focus is never hidden under the lesson panel: every Tab stop of the page lands above it (${size})`, async () => {
    const { page, context } = await open("lesson=1", { ...options, reducedMotion: "reduce" });
    await page.waitForSelector("#lesson:not([hidden])");
    await page.focus("#lesson-start");
    const under = [];
    for (let k = 0; k < 60; k++) {
      await page.keyboard.press("Tab");
      const r = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || a === document.body || a.closest("#lesson")) return null;
        const box = a.getBoundingClientRect();
        const panel = document.getElementById("lesson").getBoundingClientRect();
        return { id: a.id || a.getAttribute("aria-label") || a.textContent.trim().slice(0, 20), bottom: box.bottom, top: box.top, panel: panel.top, tall: box.height > panel.top };
      });
      // A box taller than the room above the panel (a chart) only needs its top in view.
      if (r && (r.tall ? r.top > r.panel : r.bottom > r.panel + 1)) under.push(r);
    }
    assert.deepEqual(under, [], "focused controls under the lesson panel");
    await context.close();
  });
}

for (const [size, options] of [["desktop", {}], ["phone", PHONE]]) {
  for (const scheme of ["light", "dark"]) {
    test(`axe: no violations on any step of the lesson (${size}, ${scheme})`, async () => {
      const { page, context } = await open("lesson=1", { ...options, colorScheme: scheme, reducedMotion: "reduce" });
      for (let n = 1; n <= STEPS; n++) {
        if (n > 1) await page.click("#lesson-next");
        await page.waitForFunction((k) => document.getElementById("lesson-count").textContent === `Step ${k} of ${document.getElementById("lesson-count").textContent.split(" of ")[1]}`, n);
        const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
        const found = r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((x) => x.target.join(" ")).join(", ")}`);
        assert.deepEqual(found, [], `step ${n}, ${size}, ${scheme}`);
      }
      await context.close();
    });
  }
}

for (const [width, height] of [[320, 568], [390, 844]]) {
  test(`phone ${width} × ${height}: the panel takes at most a third of the screen, Next stays on it, each step's mark shows above it, it folds`, async () => {
    const { page, context, errors } = await open("", { viewport: { width, height }, isMobile: true, hasTouch: true, reducedMotion: "reduce" });
    await page.click("#lesson-start");
    const geometry = () => page.evaluate(() => {
      const panel = document.getElementById("lesson").getBoundingClientRect();
      const next = document.getElementById("lesson-next").getBoundingClientRect();
      const first = document.querySelector(".lesson-hl-first")?.getBoundingClientRect() ?? null;
      return { panel: { top: panel.top, height: panel.height }, next: { top: next.top, bottom: next.bottom, right: next.right },
        first: first && { top: first.top, bottom: first.bottom }, sideways: document.documentElement.scrollWidth - window.innerWidth,
        body: document.getElementById("lesson-body").scrollHeight > document.getElementById("lesson-body").clientHeight };
    });
    for (let n = 1; n <= STEPS; n++) {
      await page.waitForFunction((k) => document.getElementById("lesson-count").textContent.startsWith(`Step ${k} `), n);
      const g = await geometry();
      assert.ok(g.panel.height <= height / 3 + 1, `step ${n}: the panel is ${g.panel.height} px of ${height}`);
      assert.ok(g.next.top >= g.panel.top && g.next.bottom <= height && g.next.right <= width, `step ${n}: Next on screen (${JSON.stringify(g.next)})`);
      assert.equal(g.sideways, 0, `step ${n}: nothing scrolls sideways`);
      assert.ok(g.first, `step ${n} marks something`);
      assert.ok(g.first.top >= -1 && g.first.top < g.panel.top - 4, `step ${n}: its mark starts above the panel (${JSON.stringify(g.first)}, panel at ${g.panel.top})`);
      if (n < STEPS) await page.click("#lesson-next");
    }
    // Folded, only the head and the buttons are left; unfolded, the words are back.
    const unfolded = (await geometry()).panel.height;
    await page.click("#lesson-fold");
    assert.equal(await page.getAttribute("#lesson-fold", "aria-expanded"), "false");
    const folded = await geometry();
    assert.ok(folded.panel.height < unfolded && folded.panel.height <= 130, `folded to ${folded.panel.height} px`);
    assert.equal(await page.isVisible("#lesson-text"), false);
    assert.ok(folded.next.bottom <= height, "Next still on screen");
    await page.click("#lesson-fold");
    assert.equal(await page.isVisible("#lesson-text"), true);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("keyboard and screen reader only: the whole lesson, its numbers heard in words, every try-it done from the keyboard", async () => {
  const { page, context, errors } = await open("", { reducedMotion: "reduce" });
  const active = () => page.evaluate(() => document.activeElement?.id ?? "");
  /** Tabs forward until `id` has the focus; how many presses it took. */
  const tabTo = async (id, limit) => {
    for (let k = 1; k <= limit; k++) {
      await page.keyboard.press("Tab");
      if ((await active()) === id) return k;
    }
    assert.fail(`${id} not reached in ${limit} Tabs (at ${await active()})`);
  };
  await tabTo("lesson-start", 30);
  await page.keyboard.press("Enter");
  /** Types a number into a field over what it holds, and enters it. */
  const typeInto = async (id, text) => {
    await page.focus(`#${id}`);
    await page.keyboard.press("Control+A");
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  };
  /** Tabs from the step's heading to its action button, and presses it. */
  const pressAction = async () => {
    await page.focus("#lesson-title");
    await tabTo("lesson-action", 6);
    await page.keyboard.press("Enter");
  };
  /** Does a try-it from the keyboard, as its prompt says. */
  const tasks = {
    4: async () => {
      await page.focus("#cost");
      await page.keyboard.press("ArrowDown");
    },
    7: () => typeInto("field-y", "0.99"),
    8: pressAction,
    9: () => typeInto("field-b1", "-8"),
    12: pressAction,
  };
  for (let n = 1; n <= STEPS; n++) {
    await page.waitForFunction((k) => document.getElementById("lesson-count").textContent === `Step ${k} of ${document.getElementById("lesson-count").textContent.split(" of ")[1]}`, n);
    await settled(page);
    assert.equal(await active(), "lesson-title", `step ${n}: the focus lands on its heading`);
    // What a screen reader reads of the panel: the step, and each number in words (the
    // reference formatter's digits, spoken), never a bare "× 10⁻⁴".
    const heard = await page.locator("#lesson").ariaSnapshot();
    assert.ok(heard.includes(`Step ${n} of ${STEPS}`), `step ${n}: ${heard}`);
    const want = await expectedNumbers(page);
    const keys = await page.$$eval("#lesson-text .num[data-key]", (els) => els.map((e) => e.dataset.key));
    for (const key of keys) assert.ok(heard.includes(spokenOf(want[key], false)), `step ${n}: ${key} heard as ${spokenOf(want[key], false)} in ${heard}`);
    assert.ok(!heard.includes("× 10"), `step ${n}: a power of ten is read as words`);
    if (tasks[n]) {
      await tasks[n]();
      await page.waitForFunction(() => document.getElementById("lesson-task-status").textContent.startsWith("✓"), null, { timeout: 30000 });
      assert.match(await page.locator("#lesson-task-status").ariaSnapshot(), /Done/);
      if (n === 12) await page.keyboard.press("Enter"); // Pause, on the same button
      await page.focus("#lesson-title");
    }
    // From the heading to Next: a handful of Tabs, not a tab stop per number.
    const presses = await tabTo("lesson-next", 6);
    assert.ok(presses <= 4, `step ${n}: ${presses} Tabs to Next`);
    await page.keyboard.press("Enter");
  }
  // Finish leaves the lesson and gives the focus back to where it was started.
  await page.waitForFunction(() => document.getElementById("lesson").hidden);
  assert.equal(await active(), "lesson-start");
  assert.equal(await page.evaluate(() => window.backpropLab.player.playing), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a short window (320 × 256, as 400% zoom of 1280 × 1024): the lesson's Back and Next stay whole on screen", async () => {
  const { page, context } = await open("lesson=4", { viewport: { width: 320, height: 256 }, reducedMotion: "reduce" });
  await page.waitForSelector("#lesson:not([hidden])");
  const geo = await page.evaluate(() => {
    const r = (id) => document.getElementById(id).getBoundingClientRect();
    return { h: window.innerHeight, panel: r("lesson"), next: r("lesson-next"), back: r("lesson-back") };
  });
  for (const b of [geo.next, geo.back]) assert.ok(b.top >= geo.panel.top && b.bottom <= geo.h && b.height >= 24, JSON.stringify(geo));
  // The words are still reachable: they scroll in their own box, a tab stop then.
  assert.equal(await page.$eval("#lesson-body", (e) => e.tabIndex), 0);
  await page.click("#lesson-next");
  assert.equal(await page.textContent("#lesson-count"), `Step 5 of ${STEPS}`);
  await context.close();
});
