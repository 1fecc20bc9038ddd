// The chain rule in words: each factor's rule with the learner's numbers, and each phase told
// with its arithmetic ("δ₂ = 0.7355 × 0.1374 = 0.1011"). Every number comes from the core's
// pass; only the spelled-out 1 − ŷ is worked out here, for the reader.

import { ACTIVATIONS, plain, slopeRule, term } from "./activation.js";

const P = { w1: "w₁", b1: "b₁", w2: "w₂", b2: "b₂" };
const OPT_NAMES = { momentum: "momentum", nesterov: "Nesterov momentum", rmsprop: "RMSProp", adam: "Adam" };

/** C and ∂C/∂ŷ for the chosen cost: { cost, rule, numbers }. */
export function costRule(settings, v) {
  if (settings.cost === "crossEntropy") {
    return {
      cost: "−[y ln ŷ + (1 − y) ln(1 − ŷ)]",
      rule: "−y/ŷ + (1 − y)/(1 − ŷ)",
      numbers: `−${term(v.y)}/${term(v.yHat)} + ${term(1 - v.y)}/${term(1 - v.yHat)}`,
    };
  }
  return { cost: "½(ŷ − y)²", rule: "ŷ − y", numbers: `${plain(v.yHat)} − ${term(v.y)}` };
}

/** Each factor's rule, short (under its number) and in full with numbers (hover, arithmetic):
 * { key: { short, full } } for the factors the panel shows. */
export function factorRules(settings, v) {
  const g1 = settings.hidden ?? "sigmoid";
  const g2 = settings.output ?? "sigmoid";
  const c = costRule(settings, v);
  const s2 = slopeRule(g2, v.z2, v.yHat, "z₂", "ŷ");
  const s1 = slopeRule(g1, v.z1, v.a1, "z₁", "a₁");
  const eq = (name, r, value) => `${name} = ${r.rule}${r.numbers ? ` = ${r.numbers}` : ""} = ${plain(value)}`;
  const slope2 = `${ACTIVATIONS[g2].slope}(z₂)`;
  const slope1 = `${ACTIVATIONS[g1].slope}(z₁)`;
  return {
    dCdYHat: { short: `= ${c.rule}`, full: `∂C/∂ŷ = ${c.rule} = ${c.numbers} = ${plain(v.dCdYHat)}` },
    dYHatdZ2: { short: `= ${shortSlope(g2, "ŷ", v.z2)}`, full: eq(slope2, s2, v.dYHatdZ2) },
    a1: { short: "= ∂z₂/∂w₂", full: `∂z₂/∂w₂ = a₁ = ${plain(v.a1)}: z₂ = w₂a₁ + b₂ grows by a₁ for each unit of w₂` },
    dZ2dA1: { short: "= ∂z₂/∂a₁", full: `∂z₂/∂a₁ = w₂ = ${plain(v.dZ2dA1)}: the error reaches a₁ through the weight w₂` },
    dA1dZ1: { short: `= ${shortSlope(g1, "a₁", v.z1)}`, full: eq(slope1, s1, v.dA1dZ1) },
    x: { short: "= ∂z₁/∂w₁", full: `∂z₁/∂w₁ = x = ${plain(v.x)}: z₁ = w₁x + b₁ grows by x for each unit of w₁` },
  };
}

function shortSlope(kind, name, z) {
  switch (kind) {
    case "tanh": return `1 − ${name}²`;
    case "relu": return z > 0 ? "1" : "0";
    case "linear": return "1";
    default: return `${name}(1 − ${name})`;
  }
}

/** The arithmetic of one backward pass, line by line, as the lesson derives it. */
export function arithmetic(settings, v) {
  const r = factorRules(settings, v);
  const ce = settings.cost === "crossEntropy";
  const lines = [r.dCdYHat.full, r.dYHatdZ2.full];
  if ((settings.output ?? "sigmoid") === "sigmoid") {
    lines.push(`σ′(z₂) is a product of two sigmoids: σ(z₂) = ŷ = ${plain(v.yHat)} and 1 − σ(z₂) = σ(−z₂) = ${plain(1 - v.yHat)}.`);
  }
  lines.push(ce
    ? `δ₂ = ∂C/∂ŷ × σ′(z₂) = ŷ − y = ${plain(v.yHat)} − ${term(v.y)} = ${plain(v.delta2)} (σ′(z₂) cancels)`
    : `δ₂ = ∂C/∂ŷ × ${slopeName(settings.output)}(z₂) = ${plain(v.dCdYHat)} × ${term(v.dYHatdZ2)} = ${plain(v.delta2)}`);
  lines.push(`∂C/∂w₂ = δ₂ × a₁ = ${plain(v.delta2)} × ${term(v.a1)} = ${plain(v.dCdW2)}`);
  lines.push(r.dA1dZ1.full);
  lines.push(`δ₁ = δ₂ × w₂ × ${slopeName(settings.hidden)}(z₁) = ${plain(v.delta2)} × ${term(v.dZ2dA1)} × ${term(v.dA1dZ1)} = ${plain(v.delta1)}`);
  lines.push(`∂C/∂w₁ = δ₁ × x = ${plain(v.delta1)} × ${term(v.x)} = ${plain(v.dCdW1)}`);
  return lines;
}

const slopeName = (kind) => ACTIVATIONS[kind ?? "sigmoid"].slope;
const gName = (kind) => ACTIVATIONS[kind ?? "sigmoid"].symbol;

/** The forward pass in one line: z₁ = w₁x + b₁ = 2.000 × 0.8000 + (−0.5000) = 1.100; ... */
export function forwardLine(settings, v, p) {
  const c = costRule(settings, v);
  return `z₁ = w₁x + b₁ = ${plain(p.w1)} × ${term(v.x)} + ${term(p.b1)} = ${plain(v.z1)}; ` +
    `a₁ = ${gName(settings.hidden)}(z₁) = ${plain(v.a1)}; ` +
    `z₂ = w₂a₁ + b₂ = ${plain(p.w2)} × ${term(v.a1)} + ${term(p.b2)} = ${plain(v.z2)}; ` +
    `ŷ = ${gName(settings.output)}(z₂) = ${plain(v.yHat)}; C = ${c.cost} = ${plain(v.cost)}`;
}

/**
 * What the phase just did, in sentences with its numbers. view: { phase, values (the pass on
 * screen, chosen point), pass, params (now), cost (now), settings }.
 */
export function phaseStory({ phase, values: v, pass, params, cost, settings }) {
  const n = settings.samples.length;
  if (phase === "forward") {
    return [`Forward pass done: the values flowed from the input to the cost. ${forwardLine(settings, v, pass.params)}. The backward pass comes next.`];
  }
  if (phase === "backward") {
    const ce = settings.cost === "crossEntropy";
    const d2 = ce
      ? `δ₂ = ŷ − y = ${plain(v.yHat)} − ${term(v.y)} = ${plain(v.delta2)}`
      : `δ₂ = ∂C/∂ŷ × ${slopeName(settings.output)}(z₂) = ${plain(v.dCdYHat)} × ${term(v.dYHatdZ2)} = ${plain(v.delta2)}`;
    return [
      `Backward pass done: the error flowed back from the cost towards the input. ${d2}: the error signal at the output node, how much C changes when z₂ changes. ` +
      `It is computed once and reused for the first layer: δ₁ = δ₂ × w₂ × ${slopeName(settings.hidden)}(z₁) = ${plain(v.delta2)} × ${term(v.dZ2dA1)} × ${term(v.dA1dZ1)} = ${plain(v.delta1)}. ` +
      "Passing the error back from the layer after, instead of working each weight out from scratch, is back-propagation.",
    ];
  }
  if (phase === "update") {
    const kind = settings.optimizer?.kind ?? "sgd";
    const lr = settings.learningRate;
    const before = pass.params;
    const grads = { w1: pass.mean.dCdW1, b1: pass.mean.dCdB1, w2: pass.mean.dCdW2, b2: pass.mean.dCdB2 };
    const steps = ["w2", "b2", "w1", "b1"].map((k) => kind === "sgd"
      ? `${P[k]} ← ${plain(before[k])} − ${lr} × ${term(grads[k])} = ${plain(params[k])}`
      : `${P[k]} ← ${plain(before[k])} + ${term(params[k] - before[k])} = ${plain(params[k])}`);
    const rule = kind === "sgd"
      ? `each weight took one step downhill, w ← w − η × ∂C/∂w${n > 1 ? ` (with the mean gradient over all ${n} points)` : ""}`
      : `each weight took the step ${OPT_NAMES[kind]}'s rule gives (from this gradient and its memory of earlier ones)`;
    return [`Update done: ${rule}: ${steps.join("; ")}. The ${n > 1 ? "mean " : ""}cost went from ${plain(pass.mean.cost)} to ${plain(cost)}.`];
  }
  return ["δ (delta) is the error signal at a node: δ₂ = ∂C/∂z₂ at the output node, δ₁ = ∂C/∂z₁ at the hidden node. Step one phase at a time to watch them computed."];
}
