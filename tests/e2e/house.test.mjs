// The house rules a newcomer can rely on, checked on the sources (no browser): the page holds
// no copy of a default or limit the core owns, talks to its own modules without synthetic DOM
// events, its modules come in layers and import one way (down, no cycles), and no source file
// grows past 800 lines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { ROOT, loadCore } from "./harness.mjs";

const core = await loadCore();
const JS = `${ROOT}www/js`;
const modules = readdirSync(JS).filter((f) => f.endsWith(".js"));
const source = (f) => readFileSync(`${JS}/${f}`, "utf8");

/** Every number and string in limits() and defaults(), with where it is. */
function coreValues() {
  const values = new Map();
  const walk = (o, path) => {
    if (typeof o === "number" || typeof o === "string") {
      if (!values.has(o)) values.set(o, path);
    } else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  walk(core.limits(), "limits()");
  walk(core.defaults(), "defaults()");
  return values;
}

/** Literals that equal a core value by coincidence, each with why it is not a copy. */
const ALLOWED = {
  "dataset.js 0.9": "a point of the training-set presets (their data, not a limit)",
  "dataset.js 0.5": "the step preset's threshold between y = 0 and y = 1",
  "dataset.js 0.05": "a point's noise in the noisy-line preset",
  "lesson-steps.js 0.05": "the lesson's own bar for 'a₁ is small' (its task)",
  "network.js 0.5": "the easing curve's midpoint",
  "player.js 1000": "milliseconds in a second",
  "exports.js 1000": "milliseconds before a download's object URL is released",
  "announce.js 4": "how many moved weights are still named one by one",
  "exact.js 4": "the tip's margin from the window's edge (px)",
  "surface.js 4": "the map's furthest zoom out at once, as a factor",
  "losscurve.js 100": "the loss curve's smallest canvas height (px)",
  "network.js 3": "the last of the four nodes the pulse lights (0 to 3)",
  "player.js 100": "the longest frame Play catches up on (ms)",
  "share.js 100": "the fewest iterations a link's replay runs per slice",
};

test("the page holds no copy of a default or a limit: no literal fallback or clamp equal to a value of limits()/defaults()", () => {
  const values = coreValues();
  const TRIVIAL = new Set([0, 1, 2, -1]);
  const NUM = String.raw`-?\d+(?:\.\d+)?(?:e-?\d+)?`;
  // Where a copied default or limit shows: a fallback, a comparison, a clamp, a list.
  const context = new RegExp(String.raw`(?:\?\?|\|\||[<>]=?|===|!==|Math\.(?:min|max)\(|,)\s*(${NUM})(?![\w.])`, "g");
  const found = [];
  for (const f of modules) {
    source(f).split("\n").forEach((line, i) => {
      if (/^\s*(\*|\/\/)/.test(line)) return;
      const code = line.replace(/\/\/.*$/, "").replace(/`[^`]*`|'[^']*'/g, '""');
      if (/Math\.(min|max)\(|[<>]=?|===|\?\?|\|\|/.test(code)) {
        for (const m of code.matchAll(context)) {
          const v = Number(m[1]);
          if (!TRIVIAL.has(v) && values.has(v) && !ALLOWED[`${f} ${m[1]}`]) found.push(`${f}:${i + 1}: ${m[1]} is ${values.get(v)}`);
        }
      }
      for (const m of code.matchAll(/(?:\?\?|\|\|)\s*"([^"]+)"/g)) {
        if (values.has(m[1])) found.push(`${f}:${i + 1}: the fallback "${m[1]}" is ${values.get(m[1])}`);
      }
    });
  }
  assert.deepEqual(found, [], "ask the core (limits(), defaults()), or add the literal to ALLOWED with why");
  // The allow-list stays true: each entry still matches something.
  for (const key of Object.keys(ALLOWED)) {
    const [f, literal] = key.split(" ");
    assert.ok(source(f).includes(literal), `ALLOWED ${key} no longer matches: remove it`);
  }
});

test("the page's modules talk through calls, not synthetic DOM events", () => {
  for (const f of modules) {
    assert.doesNotMatch(source(f), /dispatchEvent\(|new (Custom)?Event\(/, `${f} dispatches a synthetic event`);
  }
});

/** The page's modules in layers, lowest first, as docs/architecture.md draws them. A module
 * imports only from a lower layer, or from one listed before it in its own layer. */
const PAGE_LAYERS = {
  // Helpers that know no part of the page: writing to the DOM, numbers, the change table,
  // frames, sizes, the theme, presentation mode, the player's clock, the core's builds.
  foundations: ["dom", "format", "changes", "exact", "messages", "boxes", "frames", "cores", "theme", "present", "player", "reveal", "sound", "menus", "offline", "prerendered"],
  // One part of the page each: a control, a view, a menu; they never reach the session or
  // the page's assembly.
  parts: ["activation", "controls", "dataset", "ledger", "network", "optimizer", "race", "pictures", "quiz", "trouble", "losscurve", "surface", "sections", "lesson-steps", "lesson", "announce", "exports", "share", "teacher", "starthere", "worksheet"],
  // The one session, and one snapshot put on the page.
  state: ["lab", "render"],
  // The boot: builds the page from all of the above in named stages.
  boot: ["main"],
};

test("the page's modules come in layers: each imports only from below it, or from before it in its own layer", () => {
  const order = Object.values(PAGE_LAYERS).flat().map((m) => `${m}.js`);
  assert.deepEqual([...order].sort(), [...modules].sort(), "every module of www/js is in one layer, once (PAGE_LAYERS)");
  for (const f of modules) {
    for (const [, m] of source(f).matchAll(/^import [^;]*? from "\.\/([\w-]+\.js)";/gm)) {
      assert.ok(order.indexOf(m) < order.indexOf(f), `${f} imports ${m}, which is above it in PAGE_LAYERS`);
    }
  }
});

test("the page's modules import one way: no cycles", () => {
  const imports = Object.fromEntries(modules.map((f) => [f, [...source(f).matchAll(/^import [^;]*? from "\.\/([\w-]+\.js)";/gm)].map((m) => m[1])]));
  for (const [f, list] of Object.entries(imports)) for (const m of list) assert.ok(m in imports, `${f} imports ${m}, which is not a module`);
  const state = {};
  const visit = (f, path) => {
    if (state[f] === "done") return;
    assert.notEqual(state[f], "open", `an import cycle: ${[...path, f].join(" → ")}`);
    state[f] = "open";
    for (const m of imports[f]) visit(m, [...path, f]);
    state[f] = "done";
  };
  for (const f of modules) visit(f, []);
});

test("no source file is over 800 lines", () => {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === "node_modules" || name === "pkg" || name === "artifacts") continue;
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(rs|js|mjs)$/.test(name)) files.push(path);
    }
  };
  for (const dir of ["src", "www/js", "tests", "examples", "scripts"]) walk(`${ROOT}${dir}`);
  const long = files.map((f) => [f.slice(ROOT.length), readFileSync(f, "utf8").split("\n").length]).filter(([, n]) => n > 800);
  assert.deepEqual(long, [], "split a file that has more than one job");
});

test("change kinds come from one table: every kind the page names is in www/js/changes.js, and no string stands in for one", () => {
  const table = source("changes.js");
  const kinds = new Set([...table.slice(table.indexOf("const KINDS"), table.indexOf("};")).matchAll(/^\s+(\w+): "/gm)].map((m) => m[1]));
  assert.ok(kinds.size >= 10, [...kinds].join(", "));
  const used = new Set();
  const strays = [];
  for (const f of modules.filter((m) => m !== "changes.js")) {
    const code = source(f);
    for (const m of code.matchAll(/CHANGE\.(\w+)/g)) used.add(m[1]);
    // A bare string where a kind goes: changed("…"), render(…, "…"), what === "…".
    for (const m of code.matchAll(/(?:changed\(|render\([^,()]+,\s*|what\s*[!=]==\s*)"(\w+)"/g)) strays.push(`${f}: "${m[1]}"`);
  }
  assert.deepEqual(strays, [], "use CHANGE.<kind>");
  assert.deepEqual([...used].filter((k) => !kinds.has(k)), [], "kinds used but not in the table");
  assert.deepEqual([...kinds].filter((k) => !used.has(k)), [], "kinds in the table that nothing sends or reads");
});
