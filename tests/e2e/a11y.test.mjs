// Accessibility and phones: axe-core finds no WCAG 2.2 AA violation in any view, everything is
// reachable by keyboard with a visible focus, the live region speaks, and on phones and
// tablets nothing scrolls sideways, targets are big enough and touch drags work.
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { openPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

async function audit(page, what) {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(found, [], `axe violations in ${what}`);
}

const VIEWS = {
  "the lesson page": async () => {},
  "the 3D view": async (page) => page.click("#view-3d"),
  "a phase in flight": async (page) => page.click("#step-phase"),
  "the trouble banner": async (page) => {
    await page.fill("#field-learningRate", "100");
    await page.$eval("#speed", (e) => { e.value = "6"; e.dispatchEvent(new Event("input", { bubbles: true })); });
    await page.click("#play");
    await page.waitForSelector("#trouble:not([hidden])", { timeout: 20000 });
  },
  "the link notice and open menus": async (page) => {
    await page.goto(`${page.url().split("?")[0]}?w1=zz&cost=nope`);
    await page.waitForSelector("html[data-ready=true]");
    await page.click("details.range summary");
    await page.click("#teacher summary");
    await page.click("#export summary");
  },
  "the quiz": async (page) => {
    await page.click("#quiz-button");
    await page.fill("#quiz-delta2", "0.1");
    await page.click("#quiz-check");
  },
  "a race and other activations": async (page) => {
    await page.click("#race-box summary");
    await page.click('input[data-race="momentum"]');
    await page.click('input[data-race="adam"]');
    await page.selectOption("#act-hidden", "relu");
    await page.selectOption("#cost", "crossEntropy");
    await page.selectOption("#act-output", "tanh"); // switches the cost, with a note
    await page.fill("#race-adam-eps", "5");
    await page.press("#race-adam-eps", "Tab"); // a field error
    for (let i = 0; i < 3; i++) await page.click("#step-iteration");
  },
  "a training set with a chosen point": async (page) => {
    await page.selectOption("#preset", "step");
    await page.click('.dataset button[data-choose="2"]');
  },
};

for (const scheme of ["light", "dark"]) {
  for (const [name, setup] of Object.entries(VIEWS)) {
    test(`axe: no violations in ${name} (${scheme})`, async () => {
      const { page, context } = await openPage(env.browser, env.server.url, { colorScheme: scheme });
      await setup(page);
      await audit(page, `${name}, ${scheme}`);
      await context.close();
    });
  }
}

test("axe: no violations at phone size", async () => {
  const { page, context } = await openPage(env.browser, env.server.url, { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  await audit(page, "phone");
  await context.close();
});

test("every control is reachable by Tab, in order, with a visible focus", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  const order = [];
  for (let k = 0; k < 200; k++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      const cs = getComputedStyle(e);
      return { id: e.id || e.dataset.key || e.dataset.choose || e.tagName, outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2 };
    });
    if (order.length && info.id === order[0].id) break;
    order.push(info);
  }
  const ids = order.map((o) => o.id);
  for (const id of ["play", "step-phase", "step-iteration", "reset", "speed", "slider-learningRate", "copy-link",
    "slider-w1", "field-w1", "slider-y", "cost", "view-2d", "view-3d", "range-toggle", "view-reset", "map-overlay", "loss-log", "preset"]) {
    assert.ok(ids.includes(id), `${id} is reachable by keyboard`);
  }
  // Reading order: the bar, then the network, the ledger, the surface, then the rest.
  assert.ok(ids.indexOf("play") < ids.indexOf("slider-w1"));
  assert.ok(ids.indexOf("slider-w1") < ids.indexOf("cost"));
  assert.ok(ids.indexOf("cost") < ids.indexOf("map-overlay"));
  assert.ok(ids.indexOf("map-overlay") < ids.indexOf("preset"));
  const unfocused = order.filter((o) => !o.outline && o.id !== "BODY").map((o) => o.id);
  assert.deepEqual(unfocused, [], "every focused control shows an outline");
  await context.close();
});

test("the play state is a real toggle, and a polite live region reports each step", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false");
  await page.focus("#play");
  await page.keyboard.press("Space");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "true");
  await page.keyboard.press("Space");
  assert.equal(await page.getAttribute("#play", "aria-pressed"), "false");
  await page.click("#reset");
  await page.click("#step-iteration");
  assert.equal(await page.getAttribute("#announce", "aria-live"), "polite");
  assert.match(await page.textContent("#announce"), /^Iteration 1, phase ready\. Cost, 0\.\d+\. Gradient of w1 (plus|minus) [\d.]+, of w2 (plus|minus) [\d.]+\.$/);
  // The diagram's text alternative describes the current values.
  assert.match(await page.textContent("#diagram-desc"), /Output node \(sigmoid\): z2 = .* y-hat = /);
  await context.close();
});

for (const [name, viewport] of Object.entries({ phone: { width: 375, height: 667 }, tablet: { width: 768, height: 1024 } })) {
  test(`${name}: no sideways scroll, touch targets of at least 24 px, touch drags work`, async () => {
    const { page, context } = await openPage(env.browser, env.server.url, { viewport, isMobile: true, hasTouch: true });
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, "no sideways scroll");
    const small = await page.$$eval("button, select, input, summary, canvas[tabindex]", (els) => els
      .filter((e) => e.offsetParent !== null)
      .map((e) => {
        // A checkbox's target is its whole label.
        const r = (e.type === "checkbox" && e.closest("label") ? e.closest("label") : e).getBoundingClientRect();
        return { id: e.id || e.getAttribute("aria-label") || e.textContent.trim().slice(0, 20), w: r.width, h: r.height };
      })
      .filter((r) => r.w < 24 || r.h < 24));
    assert.deepEqual(small, [], "targets under 24x24");
    // Drag a slider by touch (CDP touch events through the page).
    const box = await page.locator("#slider-w2").boundingBox();
    const before = await page.inputValue("#field-w2");
    const cdp = await context.newCDPSession(page);
    const touch = (type, x) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ x, y: box.y + box.height / 2 }] });
    await page.locator("#slider-w2").scrollIntoViewIfNeeded();
    const b2 = await page.locator("#slider-w2").boundingBox();
    box.y = b2.y;
    const from = b2.x + b2.width * ((Number(before) + 8) / 16);
    await touch("touchStart", from);
    for (let k = 1; k <= 8; k++) await touch("touchMove", from - (k * b2.width) / 40);
    await touch("touchEnd", 0);
    assert.ok(Number(await page.inputValue("#field-w2")) < Number(before), "the w2 slider moved by touch");
    // A tap on the track away from the thumb (a stray one, while scrolling) moves nothing.
    const moved = await page.inputValue("#field-w2");
    const thumbAt = b2.x + b2.width * ((Number(moved) + 8) / 16);
    const away = thumbAt > b2.x + b2.width / 2 ? b2.x + 12 : b2.x + b2.width - 12;
    await touch("touchStart", away);
    await touch("touchEnd", 0);
    assert.equal(await page.inputValue("#field-w2"), moved, "a tap on the track leaves w2 alone");
    // The map's help speaks of taps and pinches, not clicks, wheels and Shift.
    const help = await page.textContent("#map-help");
    assert.match(help, /^Tap or drag on the map to set w₁ and w₂\. Pinch with two fingers to zoom/);
    assert.doesNotMatch(help, /Click|Wheel|Shift/);
    await context.close();
  });
}

test("tablet in landscape (1024 × 768): the network spans the width, drawn left to right, the chain rule and the map side by side", async () => {
  const { page, context } = await openPage(env.browser, env.server.url, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  await page.waitForSelector("#diagram svg");
  const box = (sel) => page.locator(sel).boundingBox();
  const [main, network, ledger, surface] = [await box("main"), await box(".network"), await box(".ledger"), await box(".surface")];
  assert.ok(network.width > 0.9 * main.width, `the network spans the width (${network.width} of ${main.width})`);
  assert.equal(await page.getAttribute("#diagram svg", "viewBox"), "0 30 720 227", "the wide diagram, not the phone's tall one");
  assert.ok(Math.abs(ledger.y - surface.y) < 2 && ledger.x + ledger.width <= surface.x, "the chain rule and the map share a row");
  assert.ok(ledger.y >= network.y + network.height, "under the network");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scroll");
  await context.close();
});

test("the chain rule is one tab stop a row; arrow keys reach every number, each named, each row's formula spoken", async () => {
  const { page, context } = await openPage(env.browser, env.server.url);
  assert.equal(await page.$$eval("#ledger .equations [tabindex='0']", (els) => els.length), 4, "a tab stop a row");
  await page.focus('#ledger .eq[data-eq="dCdW2"] [tabindex="0"]');
  const focused = () => page.evaluate(() => ({ key: document.activeElement.dataset.key, name: document.activeElement.getAttribute("aria-label"), text: document.activeElement.textContent }));
  let f = await focused();
  assert.equal(f.key, "dCdYHat");
  assert.match(f.name, /^d C by d y-hat, the cost's slope: (plus|minus) 0\.\d{4}$/);
  await page.keyboard.press("ArrowRight");
  f = await focused();
  assert.equal(f.key, "dYHatdZ2");
  assert.match(f.name, /^sigma prime of z2, the output node's slope: plus 0\.\d{4}$/);
  await page.keyboard.press("End");
  f = await focused();
  assert.equal(f.key, "dCdW2");
  assert.ok(f.name.startsWith("d C by d w2: "));
  await page.keyboard.press("ArrowDown");
  f = await focused();
  assert.equal(f.key, "dCdYHat", "the next row's first number");
  assert.equal(await page.evaluate(() => document.activeElement.closest(".eq").dataset.eq), "dCdW1");
  // Still one tab stop a row: the first row's on the number last visited there.
  assert.equal(await page.$$eval("#ledger .equations [tabindex='0']", (els) => els.length), 4);
  assert.equal(await page.$eval('#ledger .eq[data-eq="dCdW2"] [tabindex="0"]', (c) => c.dataset.key), "dCdW2");
  const row = await page.getAttribute('#ledger .eq[data-eq="dCdW2"]', "aria-label");
  assert.match(row, /^d C by d w2 equals delta 2 times a1, where delta 2 is d C by d y-hat times sigma prime of z2: (plus|minus) 0\.\d+ times plus 0\.\d+ times plus 0\.\d+ equals (plus|minus) 0\.\d+$/);
  const spoken = await page.locator("#ledger").ariaSnapshot();
  assert.ok(spoken.includes("d C by d w2 equals delta 2 times a1"), spoken.slice(0, 400));
  await context.close();
});
