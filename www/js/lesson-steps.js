// The guided lesson's words, in the lecture's order: each step's title, its text with the
// learner's live numbers, what it points at, how it sets the page up, and its try-it task.
//
// A step's text is paragraphs of parts: plain strings, and num(key) for a live number (shown
// with 4 significant digits, exact on hover, and checked against the core by the tests).
// A try-it task: its prompt, start(ctx) (what it starts from), done(ctx, start), `said` (what
// the task's status region announces once when it is done: no numbers, so it never goes
// stale) and praise(ctx) (shown under it, with live numbers; optional).
// `ctx` is { v (the core view's entries by key), value(key) (a known entry's value, else
// undefined), settings, snap, n (points), kind (optimizer), hidden (the controls a teacher
// hid: a step speaks only of what is on screen, and a task that needs a hidden one is not set) }.

import { ACTIVATIONS } from "./activation.js";

/** A live number in a step's text; `after` an operator, a negative one is put in brackets. */
export const num = (key) => ({ key });
const arg = (key) => ({ key, paren: true });

const g2 = (ctx) => ctx.settings.output;
const g1 = (ctx) => ctx.settings.hidden;
const sym = (kind) => ACTIVATIONS[kind].symbol;
const slope = (kind) => ACTIVATIONS[kind].slope;
const ce = (ctx) => ctx.settings.cost === "crossEntropy";
/** Whether a control is on screen (a teacher may have hidden it). */
const shown = (ctx, control) => !ctx.hidden.includes(control);
const costFormula = (ctx) => (ce(ctx) ? "C = −[y ln ŷ + (1 − y) ln(1 − ŷ)]" : "C = ½(ŷ − y)²");

/** "the sigmoid σ in both", or each node's. */
const activations = (ctx) => {
  const [a, b] = [ACTIVATIONS[g1(ctx)], ACTIVATIONS[g2(ctx)]];
  return a === b ? `here the ${a.name} ${a.symbol}, in both` : `here ${a.name} ${a.symbol} in the hidden node, ${b.name} ${b.symbol} in the output node`;
};

/** The row of the chain rule that writes ∂C/∂w₂ (or ∂C/∂w₁). */
const ROW2 = '#ledger .eq[data-eq="dCdW2"]';
const ROW1 = '#ledger .eq[data-eq="dCdW1"]';

export const STEPS = [
  {
    title: "The network and the forward pass",
    highlight: ["#diagram", "#forward-line"],
    setup: (page) => page.play("forward"),
    text: (ctx) => [
      ["This is the smallest network that needs back-propagation: an input x, a hidden node, an output node, and the cost C that scores the output. " +
        `Each node adds up what comes in, weighted, and passes the sum through its activation (${activations(ctx)}).`],
      ["The forward pass just played, from the input to the cost, with your numbers: z₁ = w₁x + b₁ = ", num("w1"), " × ", arg("x"), " + ", arg("b1"), " = ", num("z1"),
        `; the hidden node's output a₁ = ${sym(g1(ctx))}(z₁) = `, num("a1"), "; z₂ = w₂a₁ + b₂ = ", num("z2"),
        `; the prediction ŷ = ${sym(g2(ctx))}(z₂) = `, num("yHat"), "; and the cost C = ", num("cost"), "."],
    ],
  },
  {
    title: "The cost, and the question",
    highlight: ['#diagram text[data-key="cost"]', "#map-stack", "#section-w2"],
    setup: (page) => page.map(),
    text: (ctx) => [
      ["The cost compares the prediction ŷ = ", num("yHat"), " with the target y = ", num("y"), `: ${costFormula(ctx)} = `, num("cost"),
        ". Training means making C small."],
      ["C depends on the weights. The map colours C for every pair (w₁, w₂) (b₁ and b₂ held where they are); the marker, a white ring, is at your weights, w₁ = ",
        num("w1Now"), " and w₂ = ", num("w2Now"), "."],
      ["The question of this lesson: how does C change when w₂ changes? The plot of C along w₂ (under “The derivative is a slope”) cuts the surface there, " +
        "and the slope of its tangent at w₂ = ", num("w2"), " is the answer we are after."],
    ],
  },
  {
    title: "By the chain rule: three factors",
    highlight: [`${ROW2} [data-factor="dCdYHat"]`, `${ROW2} [data-factor="dYHatdZ2"]`, `${ROW2} [data-factor="a1"]`],
    setup: (page) => page.play("backward"),
    text: (ctx) => [
      ["C depends on w₂ only through a chain: w₂ changes z₂, z₂ changes ŷ, and ŷ changes C. By the chain rule, the rate at which C changes with w₂ is the product of the rates along the chain:"],
      ["∂C/∂w₂ = ∂C/∂ŷ × ∂ŷ/∂z₂ × ∂z₂/∂w₂."],
      ["The backward pass just worked out all three; they are the first row of the chain rule (each framed with a dashed line): ∂C/∂ŷ = ", num("dCdYHat"),
        `, ${slope(g2(ctx))}(z₂) = `, num("dYHatdZ2"), " and a₁ = ", num("a1"), ". The next steps take them one at a time."],
    ],
  },
  {
    title: "Factor one: ∂C/∂ŷ depends on the cost",
    highlight: ["#cost", `${ROW2} [data-factor="dCdYHat"]`, `${ROW2} .delta2 > .group-label`],
    setup: (page) => page.showBackward(),
    text: (ctx) => [
      ce(ctx)
        ? ["With cross-entropy, C = −[y ln ŷ + (1 − y) ln(1 − ŷ)], so ∂C/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ) = ", num("dCdYHat"),
          ". Multiply it by σ′(z₂) = ŷ(1 − ŷ) and everything but ŷ − y cancels: δ₂ = ŷ − y = ", num("delta2"),
          ". That is why σ′(z₂) is struck through: a saturated output, whose σ′ is tiny, still learns."]
        : ["With squared error, C = ½(ŷ − y)², so ∂C/∂ŷ = ŷ − y = ", num("yHat"), " − ", arg("y"), " = ", num("dCdYHat"),
          ": how far the prediction is off, and in which direction."],
      ["This is the only factor that depends on the cost function; the rest of the chain is the same whatever the cost."],
      ...(g2(ctx) === "sigmoid" ? [] : [["(Cross-entropy needs a sigmoid output, since ŷ must be a probability; with this output node only squared error is offered.)"]]),
    ],
    task: {
      when: (ctx) => g2(ctx) === "sigmoid" && shown(ctx, "cost"),
      prompt: "Switch the Cost picker and watch: only ∂C/∂ŷ and δ₂ change (and what is built from them); σ′(z₂) and a₁ stay as they are.",
      start: (ctx) => ctx.settings.cost,
      done: (ctx, cost) => ctx.settings.cost !== cost,
      said: "Done: the cost changed, and with it only ∂C/∂ŷ and δ₂.",
      praise: (ctx) => ["With ", ce(ctx) ? "cross-entropy" : "squared error", " ∂C/∂ŷ is now ", num("dCdYHat"), " and δ₂ = ", num("delta2"), ", while σ′(z₂) is still ", num("dYHatdZ2"), "."],
    },
  },
  {
    title: "Factor two: the activation's slope",
    highlight: [`${ROW2} [data-factor="dYHatdZ2"]`, "#arithmetic"],
    setup: (page) => {
      page.showBackward();
      page.openArithmetic();
    },
    text: (ctx) => {
      const kind = g2(ctx);
      if (kind === "sigmoid") {
        return [
          ["The second factor is the slope of the output node's sigmoid at z₂ = ", num("z2"), ". The sigmoid's derivative turns out to be a product of two sigmoids: σ′(z) = σ(z)·(1 − σ(z)), and 1 − σ(z) = σ(−z)."],
          ["With your numbers: σ(z₂) = ŷ = ", num("yHat"), ", 1 − σ(z₂) = ", num("oneMinusYHat"), ", and their product is σ′(z₂) = ", num("dYHatdZ2"), "."],
          ["It is never more than 0.25 (at z = 0) and tiny when z is far from 0: a saturated node passes little error back. “Show the arithmetic” in the chain rule writes the same product."],
        ];
      }
      const rule = {
        tanh: ["The output node uses tanh, whose slope is tanh′(z) = 1 − tanh²(z). With your numbers tanh(z₂) = ŷ = ", num("yHat"), ", so tanh′(z₂) = 1 − ŷ² = ", num("dYHatdZ2"), "."],
        relu: ["The output node uses ReLU, whose slope is 1 where z > 0 and 0 where z ≤ 0. Here z₂ = ", num("z2"), ", so ReLU′(z₂) = ", num("dYHatdZ2"), "."],
        linear: ["The output node is linear (the identity), whose slope is always 1: id′(z₂) = ", num("dYHatdZ2"), "."],
      }[kind];
      return [
        ["The second factor is the slope of the output node's activation at z₂ = ", num("z2"), "."],
        rule,
        ["(For the sigmoid of the lecture it is a product of two sigmoids, σ′(z) = σ(z)·(1 − σ(z)): pick sigmoid for the output node to see it with your numbers.)"],
      ];
    },
  },
  {
    title: "Factor three: a₁, the activation coming in",
    highlight: [`${ROW2} [data-factor="a1"]`, '#diagram text[data-key="a1"]', '#ledger .eq[data-eq="dCdB2"]'],
    setup: (page) => page.showBackward(),
    text: () => [
      ["z₂ = w₂a₁ + b₂ is a straight line in w₂: when w₂ grows by one, z₂ grows by a₁. So the third factor, ∂z₂/∂w₂, is a₁ = ", num("a1"),
        ": the activation coming out of the previous node, the hidden one."],
      ["Only for the bias is the same derivative 1 (z₂ grows by 1 when b₂ does), which is why ∂C/∂b₂ = δ₂ × 1 = ", num("dCdB2"), "."],
    ],
  },
  {
    title: "One number: the slope",
    highlight: [`${ROW2} .result`, "#section-w2"],
    setup: (page) => page.showBackward(),
    text: (ctx) => [
      ["Put in your numbers and the product is one number: ∂C/∂w₂ = ", num("dCdYHat"), " × ", arg("dYHatdZ2"), " × ", arg("a1"), " = ", num("dCdW2"), "."],
      [ctx.value("dCdW2") === undefined
        ? "It is the slope of the tangent in the plot of C along w₂, once the backward pass has computed it."
        : ctx.value("dCdW2") >= 0
        ? "It is the slope of the tangent in the plot of C along w₂: positive, so C rises as w₂ grows, and w₂ should go down."
        : "It is the slope of the tangent in the plot of C along w₂: negative, so C falls as w₂ grows, and w₂ should go up."],
      ...(ctx.n > 1 ? [[`With ${ctx.n} points the plot shows the mean cost, and its slope is the mean of this number over all of them: `, num("meanDW2"), "."]] : []),
    ],
    task: {
      when: (ctx) => shown(ctx, "inputs") || shown(ctx, "weights"),
      prompt: "Make ∂C/∂w₂ change sign: drag y above ŷ (or move ŷ below y with w₂ or b₂). The error flips, and so does the slope.",
      // (null: the slope was not computed when the step opened; the task waits for it.)
      start: (ctx) => (ctx.value("dCdW2") === undefined ? null : Math.sign(ctx.value("dCdW2"))),
      done: (ctx, sign) => {
        const g = ctx.value("dCdW2");
        return sign !== null && g !== undefined && g !== 0 && Math.sign(g) !== sign;
      },
      said: "Done: ∂C/∂w₂ changed sign.",
      praise: () => ["∂C/∂w₂ = ", num("dCdW2"), " now has the other sign, and the tangent tilts the other way."],
    },
  },
  {
    title: "Subtract it: one step downhill",
    tellsUpdate: true,
    highlight: ["#map-stack", '#diagram text[data-key="w2"]', "#step-phase"],
    action: { label: "Take the step", run: (page) => page.stepPhase() },
    setup: (page) => page.readyToUpdate(),
    text: (ctx) => {
      const moved = ctx.snap.phase === "update";
      const rule = ctx.kind === "sgd" ? [] : [[`(With ${ctx.settings.optimizer.kind} chosen as the optimizer, the step follows its own rule; plain gradient descent subtracts η × the gradient.)`]];
      if (!moved) {
        return [
          ["Gradient descent subtracts the learning rate η times this number from w₂, to lower the cost: w₂ ← w₂ − η × ∂C/∂w₂", ctx.n > 1 ? ` (with ${ctx.n} points, the mean gradient)` : "",
            " = ", num("w2"), " − ", arg("lr"), " × ", arg("meanDW2"), ctx.kind === "sgd" ? [" = ", num("w2Next")] : "", "."],
          ["Take the step (“Take the step” here, or Step phase): the weights move, the marker on the map steps downhill, and the cost changes; this panel then tells the numbers before and after."],
          ...rule,
        ];
      }
      return [
        ["The update played: w₂ went from ", num("w2"), " to ", num("w2Now"), " (and w₁, b₁, b₂ likewise), the marker on the map stepped downhill, and the cost went from ",
          num("costBefore"), " to ", num("costNow"), "."],
        [ctx.value("costNow") <= ctx.value("costBefore")
          ? "The cost went down: that is what subtracting the slope does, for a small enough η."
          : "The cost went up: η is too large here, and the step overshot the valley. The last step of this lesson says more."],
        ...rule,
      ];
    },
    task: {
      prompt: "Take one step: “Take the step”, or Step phase (the update).",
      start: (ctx) => ctx.snap.iteration,
      done: (ctx, iteration) => ctx.snap.iteration > iteration,
      said: "Done: one step of gradient descent.",
    },
  },
  {
    title: "δ₂: the error at the output node",
    highlight: [`${ROW2} .delta2`, `${ROW2} [data-factor="a1"]`, "#slider-b1"],
    setup: (page) => page.showBackward(),
    text: () => [
      ["The first two factors together are δ₂ = ∂C/∂ŷ × ∂ŷ/∂z₂ = ∂C/∂z₂ = ", num("delta2"),
        ": how much the cost changes when the output node's input sum z₂ changes, the error signal at that node. It is made only of parts downstream of w₂: the cost and the output node."],
      ["So ∂C/∂w₂ = δ₂ × a₁ = ", num("delta2"), " × ", arg("a1"), " = ", num("dCdW2"), ": the correction to w₂ is proportional to a₁, the input it multiplies."],
    ],
    task: {
      when: (ctx) => shown(ctx, "weights"),
      prompt: "Make a₁ small: drag b₁ (or w₁) down until a₁ is below 0.05, and watch ∂C/∂w₂ shrink with it.",
      start: () => null,
      done: (ctx) => Math.abs(ctx.value("a1")) < 0.05,
      said: "Done: a₁ is below 0.05.",
      praise: () => ["a₁ = ", num("a1"), ", and ∂C/∂w₂ = ", num("dCdW2"), " shrank with it: a weight whose input is near 0 hardly learns."],
    },
  },
  {
    title: "δ₁ is built from δ₂",
    highlight: [`${ROW1} .delta1 > .group-label`, `${ROW1} .delta2`, `${ROW2} .delta2`],
    setup: (page) => page.showBackward(),
    text: (ctx) => [
      ["The same chain rule, one node further back: ∂C/∂w₁ = ∂C/∂ŷ × ∂ŷ/∂z₂ × ∂z₂/∂a₁ × ∂a₁/∂z₁ × ∂z₁/∂w₁ = δ₂ × w₂ × ", `${slope(g1(ctx))}(z₁)`, " × x."],
      ["Everything before x is δ₁ = ∂C/∂z₁ = δ₂ × w₂ × ", `${slope(g1(ctx))}(z₁) = `, num("delta2"), " × ", arg("w2"), " × ", arg("dA1dZ1"), " = ", num("delta1"),
        ", the error signal at the hidden node; so ∂C/∂w₁ = δ₁ × x = ", num("delta1"), " × ", arg("x"), " = ", num("dCdW1"), ", proportional to its input x."],
      ["δ₁ does not start from scratch: it contains δ₂, the very same ", num("delta2"), " (framed with a dashed line in both rows), carried back through w₂ and the hidden node's slope."],
    ],
  },
  {
    title: "Backwards: back-propagation",
    highlight: ["#diagram", "#legend-backward"],
    setup: (page) => page.play("backward"),
    text: () => [
      ["Watch the backward pass once more. It starts where the error is, at the output: C compares ŷ with y, giving ∂C/∂ŷ = ", num("dCdYHat"),
        ". Then δ₂ = ", num("delta2"), " at the output node and w₂'s gradient, then δ₁ = ", num("delta1"), " at the hidden node and w₁'s gradient."],
      ["Each layer's error is computed from the layer after it, so the corrections are worked out from the output back towards the input, layer by layer. " +
        "That is why the procedure is called back-propagation: the error is propagated backwards, from the output to the input."],
    ],
  },
  {
    title: "Training is this, repeated",
    highlight: ["#map-stack", "#loss-canvas", "#play"],
    action: { label: "Play / Pause", run: (page) => page.togglePlay() },
    setup: (page) => page.speed(4),
    text: (ctx) => [
      [`One iteration is a forward pass, a backward pass and an update. Training repeats it: press Play (here${shown(ctx, "play") ? " or in the bar" : ""}), and the path walks down the surface on the map${shown(ctx, "loss") ? " while the loss curve falls" : ""}.`],
      ...(ctx.snap.iteration > 0 ? [[`After ${ctx.snap.iteration} iterations the ${ctx.n > 1 ? "mean " : ""}cost is `, num("costNow"), "."]] : []),
    ],
    task: {
      prompt: "Press Play, and Pause when you have seen enough.",
      start: (ctx) => ctx.snap.iteration,
      done: (ctx, iteration) => ctx.snap.iteration >= iteration + 10,
      said: "Done: ten iterations and more.",
      praise: () => ["Every one of those iterations was the forward pass, the backward pass and the update you just took apart."],
    },
  },
  {
    title: "What can go wrong",
    highlight: ["#lr-slot", "#lr-readonly"],
    setup: (page) => page.pause(),
    text: (ctx) => [
      ["A learning rate that is too large overshoots: each step lands on the far side of the valley, higher up, and the cost climbs; the page pauses and says so. " +
        (shown(ctx, "teacher") ? "Try it with For teachers › “Training diverges” (8 points, η = 50)." : "Your teacher can show it with the scene “Training diverges” (8 points, η = 50).")],
      ["A saturated node learns slowly: when z is far from 0, σ′(z) is tiny, and every gradient that passes through that node is multiplied by it. " +
        "Cross-entropy takes the output's σ′ out of δ₂, which helps a saturated output; a saturated hidden node still learns slowly."],
      [`That is the whole derivation: the chain rule, applied from the output back, layer by layer. Leave the lesson to explore on your own; every control${ctx.hidden.length ? " on the page" : ""} is yours.`],
    ],
  },
];
