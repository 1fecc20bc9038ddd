// The JS API exactly as a page imports it (www/pkg/backprop_lab.js), exercised from Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCore } from "./harness.mjs";

const core = await loadCore();
const params = { w1: 0.5, b1: 0.1, w2: -0.3, b2: 0.2 };
const sample = { x: 1.5, y: 1 };

test("forward returns a plain object { z1, a1, z2, yHat }", () => {
  const f = core.forward(params, 1.5);
  assert.equal(Object.getPrototypeOf(f), Object.prototype);
  assert.deepEqual(Object.keys(f), ["z1", "a1", "z2", "yHat"]);
  assert.ok(Math.abs(f.yHat - 0.4974574862291463) < 1e-15);
});

test("backward returns every chain-rule factor, and the chain multiplies out", () => {
  const b = core.backward(params, sample, "squared");
  assert.deepEqual(Object.keys(b), ["cost", "dCdYHat", "dYHatdZ2", "delta2", "dCdW2", "dCdB2", "dZ2dA1", "dA1dZ1", "delta1", "dCdW1", "dCdB1"]);
  const f = core.forward(params, sample.x);
  const near = (a, b) => assert.ok(Math.abs(a - b) <= 1e-15 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
  near(b.delta2, b.dCdYHat * b.dYHatdZ2);
  near(b.dCdW2, b.delta2 * f.a1);
  near(b.delta1, b.delta2 * b.dZ2dA1 * b.dA1dZ1);
  near(b.dCdW1, b.delta1 * sample.x);
  const ce = core.backward(params, sample, "crossEntropy");
  assert.equal(ce.delta2, f.yHat - sample.y);
});

test("update moves each parameter by -learningRate * gradient", () => {
  const g = core.backward(params, sample, "squared");
  const next = core.update(params, g, 0.1);
  for (const [p, d] of [["w1", "dCdW1"], ["b1", "dCdB1"], ["w2", "dCdW2"], ["b2", "dCdB2"]]) {
    assert.equal(next[p], params[p] - 0.1 * g[d]);
  }
  const set = [sample, { x: -0.5, y: 0 }];
  const mean = core.meanGradient(params, set, "squared");
  const after = core.meanGradient(core.update(params, mean, 0.1), set, "squared");
  assert.ok(after.cost < mean.cost);
});

test("costSurface returns resolution^2 mean costs, row-major, w2 by row and w1 by column", () => {
  const set = [{ x: 0.2, y: 0 }, { x: 0.9, y: 1 }];
  const grid = { w1Min: -4, w1Max: 4, w2Min: -2, w2Max: 6, resolution: 9 };
  const s = core.costSurface(params, set, "crossEntropy", grid);
  assert.ok(s instanceof Float32Array || s instanceof Float64Array);
  assert.equal(s.length, 81);
  for (let i = 0; i < 9; i++) {
    for (let j = 0; j < 9; j++) {
      const p = { ...params, w1: -4 + j, w2: -2 + i };
      const want = set.reduce((sum, smp) => sum + core.backward(p, smp, "crossEntropy").cost, 0) / set.length;
      assert.ok(Math.abs(s[i * 9 + j] - want) <= 1e-5 * want, `(${i},${j}) ${s[i * 9 + j]} vs ${want}`);
    }
  }
});

test("bad input throws an Error naming the field and what is allowed", () => {
  const throwsWith = (fn, pattern) => assert.throws(fn, (e) => e instanceof Error && pattern.test(e.message), String(pattern));
  throwsWith(() => core.forward({ w1: 1, b1: 0, w2: 1 }, 1), /^params\.b2 is missing; expected an object \{ w1, b1, w2, b2 \}/);
  throwsWith(() => core.forward({ ...params, w1: NaN }, 1), /^params\.w1 must be a finite number between -1000000 and 1000000, got NaN$/);
  throwsWith(() => core.forward({ ...params, b1: "1" }, 1), /^params\.b1 must be a number, got the string "1"/);
  throwsWith(() => core.forward(params, Infinity), /^x must be a finite number .* got Infinity$/);
  throwsWith(() => core.backward(params, { x: 1, y: 3 }, "squared"), /^sample\.y must be between 0 and 1, got 3$/);
  throwsWith(() => core.backward(params, sample, "mse"), /^cost must be "squared" or "crossEntropy", got "mse"$/);
  throwsWith(() => core.update(params, core.backward(params, sample, "squared"), 0), /^learningRate must be greater than 0/);
  throwsWith(() => core.update(params, { dCdW1: 1e9, dCdB1: 0, dCdW2: 0, dCdB2: 0 }, 10), /too large/);
  const grid = { w1Min: -1, w1Max: 1, w2Min: -1, w2Max: 1, resolution: 8 };
  throwsWith(() => core.costSurface(params, [sample], "squared", { ...grid, resolution: 1 }), /^grid\.resolution must be a whole number from 2 to 2048, got 1$/);
  throwsWith(() => core.costSurface(params, [sample], "squared", { ...grid, resolution: 2049 }), /got 2049/);
  throwsWith(() => core.costSurface(params, [sample], "squared", { ...grid, w1Min: 1 }), /^grid\.w1Min must be less than w1Max/);
  throwsWith(() => core.costSurface(params, [], "squared", grid), /^samples must hold at least one sample/);
  const many = Array.from({ length: core.limits().maxSamples + 1 }, () => sample);
  throwsWith(() => core.meanGradient(params, many, "squared"), /^samples may hold at most 1000 samples, got 1001$/);
});

test("limits() and defaults() give what both sides need: Play's speeds, the seeds, the worksheet's size", () => {
  const limits = core.limits();
  assert.deepEqual(limits.speeds.map((s) => s.perSecond), [0.4, 1, 3, 10, 30, 100, 300, 1000]);
  assert.ok(limits.speeds.every((s) => typeof s.label === "string" && s.label.length > 0 && typeof s.animate === "boolean"));
  assert.equal(limits.maxSeed, Number.MAX_SAFE_INTEGER, "a seed a JS number holds exactly");
  assert.ok(Number.isInteger(limits.maxExercises) && limits.maxExercises >= core.defaults().exercises && core.defaults().exercises >= 1);
  // A link's speed is an index into them: one past the end is refused with the range.
  const { state, ignored } = core.decodeLink(`speed=${limits.speeds.length}`);
  assert.equal(state.speed, core.defaults().state.speed);
  assert.match(ignored[0].reason, new RegExp(`from 0 to ${limits.speeds.length - 1}`));
});

test("networkLayout() is the diagram's layouts as network.js reads them: wide and tall, every label inside its slot", () => {
  const layouts = core.networkLayout();
  assert.deepEqual(Object.keys(layouts), ["wide", "tall"]);
  assert.deepEqual(layouts.wide.viewBox, [0, 30, 720, 227]);
  assert.deepEqual(layouts.tall.arrows, ["↓", "↑"]);
  for (const [name, L] of Object.entries(layouts)) {
    assert.deepEqual(Object.keys(L), ["viewBox", "nodes", "r", "inputR", "costBox", "arrows", "labels"], name);
    assert.deepEqual(Object.keys(L.nodes), ["x", "h", "o", "c"]);
    assert.ok(Object.values(L.nodes).every((p) => p.length === 2 && p.every(Number.isFinite)));
    assert.ok(L.inputR < L.r && L.costBox.length === 3);
    const labels = Object.entries(L.labels);
    assert.equal(labels.length, 18, name);
    for (const [key, [x, y, anchor, left, right]] of labels) {
      assert.ok(["start", "middle", "end"].includes(anchor), `${name} ${key}: ${anchor}`);
      assert.ok(left <= x && x <= right && Number.isFinite(y), `${name} ${key}`);
    }
  }
  assert.deepEqual(Object.keys(layouts.wide.labels), Object.keys(layouts.tall.labels));
});

test("worksheet(link, firstSeed, count): the quiz's exercises with their links and worked answers; bad counts and seeds throw with the reason", () => {
  const sheet = core.worksheet("act2=sigmoid", 40, 2);
  assert.deepEqual(sheet.map((e) => e.seed), [40, 41]);
  for (const e of sheet) {
    const ex = core.quizExercise(e.seed, "sigmoid");
    assert.deepEqual(e.given.map(([, v]) => Number(v.replace("−", "-"))), [ex.params.w1, ex.params.b1, ex.params.w2, ex.params.b2, ex.sample.x, ex.sample.y]);
    assert.deepEqual(e.asked, ["δ₂", "δ₁", "∂C/∂w₂", "∂C/∂w₁"]);
    assert.equal(core.decodeLink(e.link).state.quiz, e.seed);
    assert.ok(e.worked.length >= 4);
  }
  assert.throws(() => core.worksheet("", 1, 0), /exercises must be a whole number from 1 to \d+, got 0/);
  assert.throws(() => core.worksheet("", 1, core.limits().maxExercises + 1), /exercises must be from 1 to/);
  assert.throws(() => core.worksheet("", -1, 2), /seed must be a whole number/);
  assert.throws(() => core.worksheet("", Number.MAX_SAFE_INTEGER, 2), /^Error: seed/);
});

test("a race's rivals carry their mark, as the charts draw it", () => {
  const s = new core.Session({ w1: 2, b1: -0.5, w2: 1.5, b2: 0.5 }, { samples: [{ x: 0.8, y: 0.1 }], cost: "squared", learningRate: 1 });
  s.setRace([{ kind: "momentum", beta: 0.9 }, { kind: "rmsprop", rho: 0.9, eps: 1e-8 }]);
  assert.deepEqual(s.snapshot().race.map((r) => [r.mark, r.markName]), [["■", "square"], ["◆", "diamond"]]);
});
