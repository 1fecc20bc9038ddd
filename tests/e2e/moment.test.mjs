// Every number of one moment (issue "Every number true"): after the forward phase no number
// of the backward pass is anywhere (shown, hidden or spoken); after the update the pass on
// screen is said to be the one that moved the weights, beside the new weights; the announcer
// speaks the moment the page shows, after a hand-set weight too. Expected values come from
// the core's plain functions (forward, backward, meanGradient) and the harness's reference
// formatter, not from the page's own view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCore, openPage, spokenOf, useBrowser, written } from "./harness.mjs";

const core = await loadCore();
const env = useBrowser();
const P = { w1: 2, b1: -0.5, w2: 1.5, b2: 0.5 };
const DATA = [{ x: 0.2, y: 0.1 }, { x: 0.5, y: 0.9 }, { x: 0.8, y: 0.2 }];
const LINK = "v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.2_0.1,0.5_0.9,0.8_0.2&pick=1&cost=squared&lr=3";
const BACKWARD = ["dCdYHat", "dYHatdZ2", "delta2", "dCdW2", "dA1dZ1", "delta1", "dCdW1"];

const open = (options) => openPage(env.browser, `${env.server.url}?${LINK}`, { reducedMotion: "reduce", ...options });
const stepTo = async (page, phase) => {
  await page.click("#step-phase");
  await page.waitForFunction((p) => window.backpropLab.lab.snapshot.phase === p && document.querySelector("#diagram-desc").textContent.includes(`Phase: ${p}`), phase);
};
const label = (page, key) => page.$eval(`#diagram text[data-key="${key}"]`, (t) => ({
  text: t.lastChild.textContent, exact: t.dataset.exact ?? null, ariaHidden: t.getAttribute("aria-hidden"),
}));
const cell = (page, key) => page.$eval(`#ledger .equations .num[data-key="${key}"]`, (c) => ({ text: c.textContent, exact: c.dataset.exact ?? null, result: c.classList.contains("result") }));

test("after the forward phase the backward pass's numbers are nowhere: not drawn, not hidden, not spoken", async () => {
  const { page, context } = await open();
  const truth = core.backward(P, DATA[1], "squared");
  const mean = core.meanGradient(P, DATA, "squared");
  await stepTo(page, "forward");
  for (const key of BACKWARD) {
    assert.deepEqual(await label(page, key), { text: "—", exact: null, ariaHidden: null }, `diagram ${key}`);
    const c = await cell(page, key);
    assert.equal(c.text, "—", `chain rule ${key}`);
    assert.equal(c.exact, null, `chain rule ${key} exact`);
  }
  // The forward values are there, as the core computes them.
  const f = core.forward(P, DATA[1].x);
  assert.equal((await label(page, "yHat")).exact, String(f.yHat));
  assert.equal((await label(page, "yHat")).text, written(f.yHat));
  const check = await page.$$eval("table.check td", (tds) => tds.map((t) => t.textContent));
  assert.ok(check.every((t) => t === "—"), `the check waits too: ${check}`);
  // Nothing of the backward pass in the page's text, attributes or accessibility tree.
  await page.$eval("#check-box", (d) => { d.open = true; });
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const spoken = await page.locator("body").ariaSnapshot();
  for (const [key, v] of [...BACKWARD.map((k) => [k, truth[k]]), ["mean.dCdW1", mean.dCdW1], ["mean.dCdW2", mean.dCdW2]]) {
    const digits = written(Math.abs(v), { signed: false });
    assert.ok(!html.includes(digits) && !html.includes(String(v)), `${key} (${digits}) is in the page after the forward phase`);
    assert.ok(!spoken.includes(digits), `${key} (${digits}) is read out after the forward phase`);
  }
  assert.match(await page.textContent("#diagram-desc"), /Backward: not computed yet/);
  // The chain rule's rows say their formulas, and why their numbers are not said yet.
  assert.equal(await page.getAttribute('#ledger .eq[data-eq="dCdW1"]', "aria-label"),
    "d C by d w1 equals delta 1 times x, where delta 1 is delta 2 times w2 times sigma prime of z1; not computed yet: it comes with the backward pass");
  // The pictures drawn by the core wait too: no step arrow on the map, no tangent on the
  // slope plots (what each chart says it drew).
  await page.waitForFunction(() => {
    const { surface, sections } = window.backpropLab;
    return surface.marks && !surface.marks.arrowTip && sections.geometry.w1 && sections.geometry.w1.slope === undefined;
  });
  const drawn = await page.evaluate(() => {
    const { surface, sections } = window.backpropLab;
    return { arrowEnd: surface.marks.arrowEnd, marker: surface.marks.marker, slopes: [sections.geometry.w1.slope, sections.geometry.w2.slope], tangents: [sections.geometry.w1.tangent, sections.geometry.w2.tangent] };
  });
  assert.deepEqual(drawn.arrowEnd, drawn.marker, "no step drawn from the marker");
  assert.deepEqual([...drawn.slopes, ...drawn.tangents], [undefined, undefined, undefined, undefined]);
  assert.match(await page.textContent("#announce"), /forward pass done.*The gradients come with the backward pass\.$/);
  // The results keep their look through the phases (they once lost it for good).
  await stepTo(page, "backward");
  for (const key of ["dCdW2", "dCdW1"]) {
    const c = await cell(page, key);
    assert.equal(c.result, true, `${key} is still a result`);
    assert.equal(c.exact, String(truth[key]));
    assert.equal(c.text, written(truth[key]));
  }
  assert.match(await page.textContent("#announce"), new RegExp(`^Backward pass done\\. delta2 ${spokenOf(truth.delta2)}`));
  // Now the step and the slopes are known: drawn, as the core computes them.
  await page.waitForFunction((g) => window.backpropLab.surface.marks?.arrowTip && window.backpropLab.sections.geometry.w1?.slope === g, mean.dCdW1);
  assert.equal(await page.evaluate(() => window.backpropLab.sections.geometry.w2.slope), mean.dCdW2);
  await context.close();
});

test("a phase stepped with motion is on the page as the click returns: its pulse's first moment, not the moment before", async () => {
  const { page, context } = await open({ reducedMotion: "no-preference" });
  // Read in the click's own task, before any frame: what a screen reader or a script would
  // find between the click and the next frame. The page opens on the whole pass (δ known).
  const read = () => page.evaluate(() => {
    document.getElementById("step-phase").click();
    const labels = Object.fromEntries([...document.querySelectorAll("#diagram text[data-key]")]
      .map((t) => [t.dataset.key, t.dataset.exact ?? t.lastChild.textContent]));
    return { phase: window.backpropLab.lab.snapshot.phase, labels, desc: document.getElementById("diagram-desc").textContent };
  });
  const forward = await read();
  assert.equal(forward.phase, "forward");
  for (const key of BACKWARD) assert.equal(forward.labels[key], "—", `diagram ${key} right after the forward step`);
  assert.equal(forward.labels.yHat, String(core.forward(P, DATA[1].x).yHat));
  assert.match(forward.desc, /Phase: forward.*Backward: not computed yet/s);
  await context.close();
});

test("after the update the pass on screen is said to be the one that moved the weights", async () => {
  const { page, context } = await open();
  const mean = core.meanGradient(P, DATA, "squared");
  const after = core.update(P, mean, 3);
  for (const phase of ["forward", "backward", "update"]) await stepTo(page, phase);
  // The weights on the diagram are the new ones (no number in between was printed: reduced
  // motion, and the labels change only when the glide ends).
  for (const k of ["w1", "w2"]) {
    assert.equal((await label(page, k)).exact, String(after[k]), `diagram ${k} is the new weight`);
  }
  // The chain rule and the forward line say whose numbers they are.
  const line = await page.textContent("#ledger-sample");
  assert.ok(line.includes(`at the weights before this step (w₁ = ${written(P.w1)}, w₂ = ${written(P.w2)}; now ${written(after.w1)} and ${written(after.w2)})`), line);
  assert.match(await page.textContent("#forward-line"), /^Before this step: z₁ = w₁x \+ b₁ = 2\.000 × 0\.5000/);
  // The training table's ŷ are the same pass's, and its header says so.
  assert.equal(await page.textContent(".dataset thead th:nth-child(4)"), "ŷ before this step");
  const yHats = await page.$$eval(".dataset tbody .yhat", (cells) => cells.map((c) => c.dataset.exact));
  assert.deepEqual(yHats, DATA.map((d) => String(core.forward(P, d.x).yHat)));
  // ∂C/∂w₁'s row holds the pass's w₂, which the line above names as the one before the step.
  assert.equal((await cell(page, "dZ2dA1")).exact, String(P.w2));
  const desc = await page.textContent("#diagram-desc");
  assert.ok(desc.startsWith(`Phase: update, iteration 1. The weights moved: now w1 ${spokenOf(after.w1)}`), desc);
  assert.ok(desc.includes(`at the weights before this step (w1 ${spokenOf(P.w1)}, b1 ${spokenOf(P.b1)}`), desc);
  const costAfter = core.meanGradient(after, DATA, "squared").cost;
  const said = await page.textContent("#announce");
  assert.ok(said.includes(`w2 ${spokenOf(after.w2)}, was ${spokenOf(P.w2)}`) && said.includes(`mean over 3 points, ${spokenOf(costAfter, false)}, was ${spokenOf(mean.cost, false)}`), said);
  await context.close();
});

test("a lesson step quoting numbers after an update says they are the pass that moved the weights", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}?${LINK}&lesson=2`, { reducedMotion: "reduce" });
  const after = core.update(P, core.meanGradient(P, DATA, "squared"), 3);
  for (const phase of ["forward", "backward", "update"]) await stepTo(page, phase);
  await page.waitForFunction(() => document.querySelector("#lesson-text").textContent.startsWith("These are the numbers of the pass that just moved the weights"));
  // The marker's weights are the new ones; the tangent's w₂ is the pass's.
  const quoted = await page.$$eval("#lesson-text .num[data-key]", (els) => els.map((e) => [e.dataset.key, e.dataset.exact]));
  assert.deepEqual(quoted.filter(([k]) => k === "w1Now" || k === "w2Now"), [["w1Now", String(after.w1)], ["w2Now", String(after.w2)]]);
  assert.deepEqual(quoted.filter(([k]) => k === "w2"), [["w2", String(P.w2)]]);
  await context.close();
});

test("a quiz draws no step arrow and no tangent until the answers are checked", async () => {
  const { page, context } = await open();
  await page.click("#quiz-button");
  await page.waitForFunction(() => window.backpropLab.surface.marks && !window.backpropLab.surface.marks.arrowTip &&
    window.backpropLab.sections.geometry.w1 && window.backpropLab.sections.geometry.w1.slope === undefined);
  await page.click("#quiz-check");
  await page.waitForFunction(() => window.backpropLab.surface.marks?.arrowTip && window.backpropLab.sections.geometry.w1?.slope !== undefined);
  await context.close();
});

test("a weight set by hand is spoken with the new moment, never the one before", async () => {
  const { page, context } = await open();
  await page.click("#step-iteration");
  await page.waitForFunction(() => /^Iteration 1, phase ready/.test(document.querySelector("#announce").textContent));
  await page.fill("#field-w2", "-1.25");
  await page.press("#field-w2", "Enter");
  const p = { ...core.update(P, core.meanGradient(P, DATA, "squared"), 3), w2: -1.25 };
  const g = core.meanGradient(p, DATA, "squared");
  // Briefly: the weight that changed, and the cost and gradients there.
  await page.waitForFunction(() => /^w2 /.test(document.querySelector("#announce").textContent));
  const said = await page.textContent("#announce");
  assert.equal(said, `w2 minus 1.250. Cost, mean over 3 points, ${spokenOf(g.cost, false)}. Mean gradient of w1 ${spokenOf(g.dCdW1)}, of w2 ${spokenOf(g.dCdW2)}.`);
  await context.close();
});

test("a slider's arrow keys and the map's are spoken: the new weight and the cost", async () => {
  const { page, context } = await open();
  await page.focus("#slider-w1");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => /^w1 plus 2\.0\d+\. Cost, mean over 3 points, /.test(document.querySelector("#announce").textContent));
  const w1 = await page.evaluate(() => window.backpropLab.lab.snapshot.params.w1);
  assert.ok(w1 > 2, "the key moved w1");
  await page.focus("#map-overlay");
  await page.keyboard.press("ArrowUp");
  await page.waitForFunction(() => /^w2 plus 1\.\d+\. Cost/.test(document.querySelector("#announce").textContent));
  const { params, cost } = await page.evaluate(() => window.backpropLab.lab.snapshot);
  assert.ok(params.w2 > 1.5, "the map's key moved w2");
  assert.ok((await page.textContent("#announce")).includes(`Cost, mean over 3 points, ${written(cost, { signed: false })}.`));
  await context.close();
});

test("on a phone, while a finger drags x, the tables far below wait; as it lifts, what is near is the new moment's at once and the rest in the frames after", async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const cdp = await context.newCDPSession(page);
  const slider = page.locator("#slider-x");
  await slider.evaluate((e) => e.scrollIntoView({ block: "center" }));
  assert.ok(await page.$eval(".dataset", (t) => t.getBoundingClientRect().top > innerHeight * 1.5), "the training table starts far below");
  const box = await slider.boundingBox();
  const { value, min, max } = await slider.evaluate((e) => ({ value: Number(e.value), min: Number(e.min), max: Number(e.max) }));
  const y = box.y + box.height / 2;
  const x0 = box.x + 8 + ((box.width - 16) * (value - min)) / (max - min);
  const touch = (type, x) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y }] });
  const tableX = () => page.$eval('.dataset input[data-field="x"][data-index="1"]', (i) => i.value);
  await touch("touchStart", x0);
  for (let k = 1; k <= 10; k++) await touch("touchMove", x0 + k * 8);
  // The finger is still down: x moved, and the training table (out of view) waits for it.
  await page.waitForFunction(() => window.backpropLab.lab.settings.samples[1].x !== 0.5 && window.backpropLab.pendingDraws().includes("dataset"));
  assert.equal(await tableX(), "0.5", "the table waits while the finger is down");
  // Lifted: at once (no frame, no timer in between) the chain rule beside the slider says the
  // new x; the table far below is written in the frames after, with every ŷ the core's at the
  // weights on screen.
  await page.evaluate(() => addEventListener("touchend", () => {
    window.__lifted = {
      x: window.backpropLab.lab.settings.samples[1].x,
      near: document.querySelector("#ledger").getBoundingClientRect().top < innerHeight * 1.25,
      ledgerX: document.querySelector('#ledger .equations .num[data-key="x"]').dataset.exact,
    };
  }, { once: true }));
  await touch("touchEnd", 0);
  const lifted = await page.evaluate(() => window.__lifted);
  assert.ok(lifted.near, "the chain rule is near the slider");
  assert.equal(lifted.ledgerX, String(lifted.x), "the chain rule near the view is the new moment's at once");
  await page.waitForFunction(() => !window.backpropLab.pendingDraws().some((k) => /dataset|ledger|network/.test(k)));
  const now = await page.evaluate(() => {
    const { lab } = window.backpropLab;
    return {
      x: lab.settings.samples[1].x, params: lab.snapshot.params, samples: lab.settings.samples,
      table: document.querySelector('.dataset input[data-field="x"][data-index="1"]').value,
      yHats: [...document.querySelectorAll(".dataset tbody .yhat")].map((c) => c.dataset.exact),
      ledgerX: document.querySelector('#ledger .equations .num[data-key="x"]').dataset.exact,
      pending: window.backpropLab.pendingDraws().filter((k) => ["dataset", "ledger", "network"].includes(k)),
    };
  });
  assert.notEqual(now.x, 0.5);
  assert.equal(now.table, String(now.x));
  assert.deepEqual(now.yHats, now.samples.map((s) => String(core.forward(now.params, s.x).yHat)));
  assert.equal(now.ledgerX, String(now.x));
  assert.deepEqual(now.pending, []);
  await context.close();
});

test("while a pointer is held, the folded numerical check waits; opened, it shows the moment on screen before it is painted", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}?v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.5_0.9&pick=0&cost=squared&lr=0.5`, { reducedMotion: "reduce" });
  // The folded check in the middle of the screen: it waits only because it is folded.
  await page.$eval("#check-box", (d) => d.scrollIntoView({ block: "center" }));
  const title = await page.locator("#ledger-title").boundingBox();
  await page.mouse.move(title.x + 4, title.y + title.height / 2);
  await page.mouse.down();
  // Weights set while the pointer is held (as a drag sets them).
  await page.evaluate(() => window.backpropLab.lab.setParam("w1", 1.25));
  await page.waitForFunction(() => window.backpropLab.pendingDraws().includes("ledger-check"));
  // Opened while held: when the <details> says it opened (its toggle event, before the next
  // frame), the check's back-prop column is the chain rule's, of the same moment (one point:
  // the mean gradient is that point's).
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const box = document.querySelector("#check-box");
    box.addEventListener("toggle", () => {
      const exact = (sel) => document.querySelector(sel).dataset.exact ?? document.querySelector(sel).textContent;
      resolve({
        check: ["dCdW1", "dCdW2"].map((k) => exact(`tr[data-row="${k}"] td[data-check="bp"]`)),
        chain: ["dCdW1", "dCdW2"].map((k) => exact(`#ledger .equations .num[data-key="${k}"]`)),
        waiting: window.backpropLab.pendingDraws().includes("ledger-check"),
      });
    }, { once: true });
    box.open = true;
  }));
  await page.mouse.up();
  assert.equal(seen.waiting, false);
  assert.deepEqual(seen.check, seen.chain);
  const truth = core.backward({ w1: 1.25, b1: -0.5, w2: 1.5, b2: 0.5 }, { x: 0.5, y: 0.9 }, "squared");
  assert.equal(seen.chain[0], String(truth.dCdW1), "the chain rule is at the weights just set");
  await context.close();
});

test("while a pointer is held, the sliders, the map's note and the forward line far below wait; focus or release brings them to the moment", async () => {
  const { page, context } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: false });
  await page.evaluate(() => scrollTo(0, 0));
  assert.ok(await page.$eval("#field-w2", (f) => f.getBoundingClientRect().top > innerHeight * 1.5), "the sliders start far below");
  const title = await page.locator("h1").boundingBox();
  await page.mouse.move(title.x + 4, title.y + title.height / 2);
  await page.mouse.down();
  // Weights set while the pointer is held (as a drag elsewhere sets them).
  await page.evaluate(() => window.backpropLab.lab.setParams({ ...window.backpropLab.lab.snapshot.params, w2: -1.25, b1: 0.75 }));
  await page.waitForFunction(() => ["slider-w2", "map-slice", "forward-line"].every((k) => window.backpropLab.pendingDraws().includes(k)));
  assert.equal(await page.$eval("#field-w2", (f) => f.value), "1.5", "the field far below waits");
  // Focused (Tab would do the same), the field is written before its own focus handler puts
  // the exact value in it for editing: never the value from before.
  const focused = await page.evaluate(() => {
    const field = document.querySelector("#field-w2");
    field.focus({ preventScroll: true });
    return { value: field.value, title: field.title };
  });
  assert.deepEqual(focused, { value: "-1.25", title: "exact: -1.25" });
  await page.mouse.up();
  // Released: in the frames after, the rest is the moment too.
  await page.waitForFunction(() => !window.backpropLab.pendingDraws().some((k) => /slider-|map-slice|forward-line/.test(k)));
  const after = await page.evaluate(() => ({
    slice: document.querySelector("#map-slice").textContent,
    forward: document.querySelector("#forward-line").textContent,
    words: window.backpropLab.lab.view().words.forward,
    b1: window.backpropLab.lab.view().entries["now.b1"].text,
    pending: window.backpropLab.pendingDraws().filter((k) => /^slider-|map-slice|forward-line/.test(k)),
  }));
  assert.equal(after.b1, "+0.7500");
  assert.ok(after.slice.includes(`b₁ = ${after.b1} `), after.slice);
  assert.equal(after.forward, after.words);
  assert.deepEqual(after.pending, []);
  await context.close();
});

test("Play's pause is summed up from the moment Play was pressed: the iterations since, and the cost then", async () => {
  const { page, context } = await open();
  await page.evaluate(() => window.backpropLab.player.setLevel(window.backpropLab.core.limits().speeds.length - 1));
  const pressed = await page.evaluate(() => ({ iteration: window.backpropLab.lab.snapshot.iteration, cost: window.backpropLab.lab.view().entries["now.cost"].spoken }));
  await page.click("#play");
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.iteration > 50);
  await page.click("#play");
  await page.waitForFunction(() => document.querySelector("#announce").textContent.startsWith("Paused"));
  const paused = await page.evaluate(() => ({ iteration: window.backpropLab.lab.snapshot.iteration, said: document.querySelector("#announce").textContent }));
  const ran = paused.iteration - pressed.iteration;
  assert.ok(paused.said.startsWith(`Paused at iteration ${paused.iteration}, after ${ran} iterations.`), paused.said);
  assert.ok(paused.said.endsWith(`from ${pressed.cost} when Play was pressed.`), paused.said);
  await context.close();
});

test("while Play runs, the panels out of view are still written, once a second (a screen reader reads them where they are); paused, in the frames after", async () => {
  const { page, context } = await openPage(env.browser, `${env.server.url}?${LINK}`, { reducedMotion: "reduce", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.evaluate(() => {
    window.backpropLab.player.setLevel(window.backpropLab.core.limits().speeds.length - 1);
    scrollTo(0, 0);
    document.querySelector("#play").click();
  });
  await page.waitForFunction(() => window.backpropLab.lab.snapshot.iteration > 20);
  const yHats = () => [...document.querySelectorAll(".dataset tbody .yhat")].map((c) => c.dataset.exact);
  const first = await page.evaluate(yHats);
  assert.ok(await page.$eval(".dataset", (t) => t.getBoundingClientRect().top > innerHeight * 1.5), "the training table is far below");
  // Far below and playing, the table is rewritten all the same (once a second)...
  await page.waitForFunction((before) => window.backpropLab.player.playing
    && JSON.stringify([...document.querySelectorAll(".dataset tbody .yhat")].map((c) => c.dataset.exact)) !== before, JSON.stringify(first));
  // Paused, it is the moment on screen in the frames after: every ŷ at the weights of the
  // pass shown.
  await page.click("#play");
  await page.waitForFunction(() => !window.backpropLab.pendingDraws().some((k) => k.includes("dataset")));
  const paused = await page.evaluate(() => {
    const { lab } = window.backpropLab;
    const e = lab.view().entries;
    return { shown: [...document.querySelectorAll(".dataset tbody .yhat")].map((c) => c.dataset.exact), view: [0, 1, 2].map((i) => String(e[`point.${i}.yHat`].value)) };
  });
  assert.deepEqual(paused.shown, paused.view);
  await context.close();
});
