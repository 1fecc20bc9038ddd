//! The chain rule in words, written from one [`View`]: the forward pass in one line, each
//! factor's rule with the learner's numbers, the backward pass's arithmetic line by line, what
//! the phase just did, and notes on saturated or dead nodes. Every number is the view's, so
//! the words never quote a number the view does not show (pending, or withheld by a quiz) nor
//! one from another moment; the few worked out here for the reader (1 − ŷ, 1 − y) are written
//! from the view's own values.

use crate::activation::Activation;
use crate::cost::Cost;
use crate::format;
use crate::optim::Optimizer;
use crate::train::{Phase, Settings};
use crate::view::{Status, View};

/// What a quiz puts in place of the arithmetic and the phase's story until it is checked.
pub const QUIZ_LINE: &str = "Work out δ₂, δ₁, ∂C/∂w₂ and ∂C/∂w₁ from the numbers shown, then check your answers: the arithmetic appears with them.";

/// One factor's rule: `short` under its number ("= ŷ − y"; empty while the factor is not
/// computed), `full` with the numbers (hover, the arithmetic), only when the factor is known.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub key: &'static str,
    pub short: String,
    pub full: Option<String>,
}

/// Every sentence the page writes about the pass on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Words {
    /// The forward pass in one line ("Before this step: " after the update).
    pub forward: String,
    /// The backward pass's arithmetic, line by line (or why it is not there).
    pub arithmetic: Vec<String>,
    /// What the phase just did, then the notes (saturated, dead, a kink).
    pub story: Vec<String>,
    /// The factors' rules, in the chain rule's order.
    pub rules: Vec<Rule>,
    /// Whose numbers the chain rule shows: the point, and the moment after an update.
    pub sample: String,
    /// "Means over all 8 points." with several points, else empty.
    pub scope: String,
}

impl Words {
    /// The words for `view`, a view of a run with `settings`.
    pub fn of(view: &View, settings: &Settings) -> Words {
        let w = Writer { view, s: settings };
        // Built once: the chain rule's cells and the arithmetic both quote them (a view is
        // made on every frame while playing).
        let rules = w.rules();
        let hiding = w.status("delta2") == Status::Withheld;
        let backward = view.phase != Phase::Forward;
        let arithmetic = if hiding {
            vec![QUIZ_LINE.to_string()]
        } else if backward {
            w.arithmetic(&rules)
        } else {
            vec!["The backward pass has not run yet: step once more.".to_string()]
        };
        let story = if hiding {
            vec![QUIZ_LINE.to_string()]
        } else {
            let mut story = w.story();
            if backward {
                story.extend(w.notes());
            }
            story
        };
        let forward = if view.phase == Phase::Update {
            format!("Before this step: {}", w.forward_line())
        } else {
            w.forward_line()
        };
        Words {
            forward,
            arithmetic,
            story,
            rules,
            sample: w.sample(),
            scope: match view.points {
                1 => String::new(),
                _ => w.fill("Means over all {n} points."),
            },
        }
    }
}

/// The view and the settings it was made with: what the templates' names stand for.
struct Writer<'a> {
    view: &'a View,
    s: &'a Settings,
}

// The sentences are templates: `{key}` is the view's number `key` as a sentence writes it
// (no "+"), `{(key)}` the same in brackets when negative (after an operator), `{±key}` with
// its sign; `{g1}`, `{g2}` name the nodes' activations, `{g1'}`, `{g2'}` their slopes, `{n}`
// the number of points and `{k}` the chosen one; `{forward}`, `{delta2line}`, `{delta1line}`
// are whole lines. One filler, rather than a format! per
// sentence, keeps the page's first wasm part small.

const FORWARD: &str = "z₁ = w₁x + b₁ = {w1} × {(x)} + {(b1)} = {z1}; a₁ = {g1}(z₁) = {a1}; z₂ = w₂a₁ + b₂ = {w2} × {(a1)} + {(b2)} = {z2}; ŷ = {g2}(z₂) = {yHat}; C = {C} = {cost}";
const DELTA2: &str = "δ₂ = ∂C/∂ŷ × {g2'}(z₂) = {dCdYHat} × {(dYHatdZ2)} = {delta2}";
const DELTA2_CE: &str = "δ₂ = ŷ − y = {yHat} − {(y)} = {delta2}";
const DELTA1: &str = "δ₁ = δ₂ × w₂ × {g1'}(z₁) = {delta2} × {(dZ2dA1)} × {(dA1dZ1)} = {delta1}";
const SIGMOID_PRODUCT: &str = "σ′(z₂) is a product of two sigmoids: σ(z₂) = ŷ = {yHat} and 1 − σ(z₂) = σ(−z₂) = {oneMinusYHat}.";
const W2_LINE: &str = "∂C/∂w₂ = δ₂ × a₁ = {delta2} × {(a1)} = {dCdW2}";
const W1_LINE: &str = "∂C/∂w₁ = δ₁ × x = {delta1} × {(x)} = {dCdW1}";
const COST_SQUARED: [&str; 3] = ["½(ŷ − y)²", "ŷ − y", "{yHat} − {(y)}"];
const COST_CE: [&str; 3] = [
    "−[y ln ŷ + (1 − y) ln(1 − ŷ)]",
    "−y/ŷ + (1 − y)/(1 − ŷ)",
    "−{(y)}/{(yHat)} + {(oneMinusY)}/{(oneMinusYHat)}",
];
const READY: &str = "δ (delta) is the error signal at a node: δ₂ = ∂C/∂z₂ at the output node, δ₁ = ∂C/∂z₁ at the hidden node. Step one phase at a time to watch them computed.";
const FORWARD_DONE: &str = "Forward pass done: the values flowed from the input to the cost. {forward}. The backward pass comes next.";
const BACKWARD_DONE: &str = "Backward pass done: the error flowed back from the cost towards the input. {delta2line}: the error signal at the output node, how much C changes when z₂ changes. It is computed once and reused for the first layer: {delta1line}. Passing the error back from the layer after, instead of working each weight out from scratch, is back-propagation.";
const SGD_STEPS: &str = "w₂ ← {w2} − {learningRate} × {(mean.dCdW2)} = {now.w2}; b₂ ← {b2} − {learningRate} × {(mean.dCdB2)} = {now.b2}; w₁ ← {w1} − {learningRate} × {(mean.dCdW1)} = {now.w1}; b₁ ← {b1} − {learningRate} × {(mean.dCdB1)} = {now.b1}";
const RULE_STEPS: &str = "w₂ ← {w2} + {(step.w2)} = {now.w2}; b₂ ← {b2} + {(step.b2)} = {now.b2}; w₁ ← {w1} + {(step.w1)} = {now.w1}; b₁ ← {b1} + {(step.b1)} = {now.b1}";
const CE_NOTE: &str = "With cross-entropy, ∂C/∂ŷ = (ŷ − y) / σ′(z₂), so σ′(z₂) cancels: δ₂ = ŷ − y = {±delta2}. A saturated output no longer slows learning.";
const DEAD_HIDDEN: &str = "{g1'}(z₁) = 0: the hidden node is dead (z₁ = {±z1} ≤ 0, where ReLU is flat). No error gets back through it: ∂C/∂w₁ and ∂C/∂b₁ are exactly 0, and since a₁ = 0, w₂ learns nothing from this sample either.";
const SATURATED_HIDDEN: &str = "{g1'}(z₁) = {±dA1dZ1} is tiny: the hidden node is saturated (z₁ = {±z1} is far from 0, where {g1name} is flat). Every gradient through it, ∂C/∂w₁ and ∂C/∂b₁, is scaled down by it: this is why learning is slow here.";
const KINK_NOTE: &str = " sits on ReLU's kink, where its slope jumps from 0 to 1. Back-propagation uses 0 (the flat side, as most libraries do); the central difference straddles the kink and sees about the average, so the gradient check disagrees here. Neither is wrong: the derivative does not exist at the kink.";
const DEAD_OUTPUT: &str = "{g2'}(z₂) = 0: the output node is dead (z₂ = {±z2} ≤ 0), so δ₂ = 0 and no weight learns from this sample, however wrong ŷ is.";
const SATURATED_OUTPUT: &str = "{g2'}(z₂) = {±dYHatdZ2} is tiny: the output node is saturated (z₂ = {±z2}), so δ₂ and every gradient are small and learning is slow.";
const ONE_SAMPLE: &str = "For the sample x = {x}, y = {y}.";
const ONE_POINT: &str =
    "For point {k} of {n} (x = {x}, y = {y}). The step uses the mean over all {n} points.";
const MOVED: &str = " These are the numbers of the pass that just moved the weights, at the weights before this step (w₁ = {±w1}, w₂ = {±w2}; now {±now.w1} and {±now.w2}).";

/// What each optimizer is called in a sentence.
pub fn optimizer_words(o: &Optimizer) -> &'static str {
    match o {
        Optimizer::Sgd => "gradient descent",
        Optimizer::Momentum { .. } => "momentum",
        Optimizer::Nesterov { .. } => "Nesterov momentum",
        Optimizer::RmsProp { .. } => "RMSProp",
        Optimizer::Adam { .. } => "Adam",
    }
}

/// C as the chain rule writes it: "½(ŷ − y)²" or "−[y ln ŷ + (1 − y) ln(1 − ŷ)]".
pub fn cost_formula(cost: Cost) -> &'static str {
    cost_rule(cost)[0]
}

/// C, ∂C/∂ŷ's rule, and its numbers (a template): the sentences' and the chain rule's
/// ([`crate::chain`]) alike.
pub fn cost_rule(cost: Cost) -> [&'static str; 3] {
    match cost {
        Cost::Squared => COST_SQUARED,
        Cost::CrossEntropy => COST_CE,
    }
}

/// The view's number `key`, or one the templates derive from it: `oneMinusY` (1 − y) and
/// `oneMinusA1` (1 − a₁). None where the view does not show it.
pub fn value(view: &View, key: &str) -> Option<f64> {
    match key {
        "oneMinusY" => value(view, "y").map(|y| 1.0 - y),
        "oneMinusA1" => value(view, "a1").map(|a| 1.0 - a),
        _ => view.value(key),
    }
}

/// `template` with each `{name}` replaced by what `word` says it stands for: the one
/// template filler, for the sentences here and the chain rule's lines ([`crate::chain`]).
pub fn fill(template: &str, word: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap_or(rest.len() - open);
        out.push_str(&word(&rest[open + 1..close]));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

impl Writer<'_> {
    fn status(&self, key: &str) -> Status {
        self.view.get(key).map_or(Status::Pending, |e| e.status)
    }

    /// The value of `key`; NaN when the view does not show it (no sentence quotes one: each
    /// is written only where its numbers are known).
    fn v(&self, key: &str) -> f64 {
        value(self.view, key).unwrap_or(f64::NAN)
    }

    /// What a template's `{name}` stands for.
    fn word(&self, name: &str) -> String {
        let act = |a: Activation, slope: bool| {
            let mut s = a.symbol().to_string();
            if slope {
                s.push('′');
            }
            s
        };
        match name {
            "g1" => act(self.s.hidden, false),
            "g2" => act(self.s.output, false),
            "g1'" => act(self.s.hidden, true),
            "g2'" => act(self.s.output, true),
            "g1name" => self.s.hidden.name().to_string(),
            "n" => self.view.points.to_string(),
            "k" => (self.view.chosen + 1).to_string(),
            "C" => self.cost_rule()[0].to_string(),
            "forward" => self.forward_line(),
            "delta2line" => self.delta2_line(),
            "delta1line" => self.fill(DELTA1),
            _ => {
                if let Some(key) = name.strip_prefix('±') {
                    format::signed(self.v(key))
                } else if let Some(key) = name.strip_prefix('(').and_then(|k| k.strip_suffix(')')) {
                    let v = self.v(key);
                    let text = format::plain(v);
                    if v < 0.0 { format!("({text})") } else { text }
                } else {
                    format::plain(self.v(name))
                }
            }
        }
    }

    /// `template` with each `{name}` replaced by what it stands for.
    fn fill(&self, template: &str) -> String {
        fill(template, |name| self.word(name))
    }

    fn ce(&self) -> bool {
        self.s.cost == Cost::CrossEntropy
    }

    /// C, ∂C/∂ŷ's rule, and its numbers (a template).
    fn cost_rule(&self) -> [&'static str; 3] {
        cost_rule(self.s.cost)
    }

    /// The slope of `a` at a node: its rule, and the numbers to multiply (a template; none
    /// where there is nothing to multiply). `hidden`: the hidden node (z₁, a₁), else the
    /// output node (z₂, ŷ).
    fn slope_rule(&self, a: Activation, hidden: bool) -> (&'static str, Option<&'static str>) {
        let positive = self.v(if hidden { "z1" } else { "z2" }) > 0.0;
        match (a, hidden) {
            (Activation::Tanh, true) => ("1 − tanh²(z₁) = 1 − a₁²", Some("1 − {(a1)}²")),
            (Activation::Tanh, false) => ("1 − tanh²(z₂) = 1 − ŷ²", Some("1 − {(yHat)}²")),
            (Activation::Relu, true) if positive => ("1, since z₁ > 0", None),
            (Activation::Relu, false) if positive => ("1, since z₂ > 0", None),
            (Activation::Relu, true) => ("0, since z₁ ≤ 0 (ReLU is flat there)", None),
            (Activation::Relu, false) => ("0, since z₂ ≤ 0 (ReLU is flat there)", None),
            (Activation::Linear, _) => ("1 (the identity's slope)", None),
            (Activation::Sigmoid, true) => {
                ("σ(z₁)(1 − σ(z₁)) = a₁(1 − a₁)", Some("{a1} × {oneMinusA1}"))
            }
            (Activation::Sigmoid, false) => (
                "σ(z₂)(1 − σ(z₂)) = ŷ(1 − ŷ)",
                Some("{yHat} × {oneMinusYHat}"),
            ),
        }
    }

    /// The short rule under a slope's number.
    fn short_slope(&self, a: Activation, hidden: bool) -> &'static str {
        let positive = self.v(if hidden { "z1" } else { "z2" }) > 0.0;
        match (a, hidden) {
            (Activation::Tanh, true) => "= 1 − a₁²",
            (Activation::Tanh, false) => "= 1 − ŷ²",
            (Activation::Relu, _) if positive => "= 1",
            (Activation::Relu, _) => "= 0",
            (Activation::Linear, _) => "= 1",
            (Activation::Sigmoid, true) => "= a₁(1 − a₁)",
            (Activation::Sigmoid, false) => "= ŷ(1 − ŷ)",
        }
    }

    /// "σ′(z₂) = rule = numbers = value" for a node's slope.
    fn slope_line(&self, a: Activation, hidden: bool) -> String {
        let (rule, numbers) = self.slope_rule(a, hidden);
        let (name, key) = if hidden {
            ("{g1'}(z₁) = ", "dA1dZ1")
        } else {
            ("{g2'}(z₂) = ", "dYHatdZ2")
        };
        let mut out = self.fill(name);
        out.push_str(rule);
        if let Some(n) = numbers {
            out.push_str(" = ");
            out.push_str(&self.fill(n));
        }
        out.push_str(" = ");
        out.push_str(&format::plain(self.v(key)));
        out
    }

    fn rules(&self) -> Vec<Rule> {
        let (g1, g2) = (self.s.hidden, self.s.output);
        let [_, cost_rule, cost_numbers] = self.cost_rule();
        // A slope's row, and the row of a factor that is a value of the pass: the name of the
        // derivative it is, then the rest of its line (a template).
        let slope = |key, a, hidden| {
            let short = self.short_slope(a, hidden).to_string();
            (key, short, self.slope_line(a, hidden))
        };
        let factor = |key, name: &str, rest: &str| {
            (
                key,
                format!("= {name}"),
                format!("{name} = {}", self.fill(rest)),
            )
        };
        let rows: [(&'static str, String, String); 6] = [
            (
                "dCdYHat",
                format!("= {cost_rule}"),
                format!(
                    "∂C/∂ŷ = {cost_rule} = {} = {}",
                    self.fill(cost_numbers),
                    self.fill("{dCdYHat}")
                ),
            ),
            slope("dYHatdZ2", g2, false),
            factor(
                "a1",
                "∂z₂/∂w₂",
                "a₁ = {a1}: z₂ = w₂a₁ + b₂ grows by a₁ for each unit of w₂",
            ),
            factor(
                "dZ2dA1",
                "∂z₂/∂a₁",
                "w₂ = {dZ2dA1}: the error reaches a₁ through the weight w₂",
            ),
            slope("dA1dZ1", g1, true),
            factor(
                "x",
                "∂z₁/∂w₁",
                "x = {x}: z₁ = w₁x + b₁ grows by x for each unit of w₁",
            ),
        ];
        rows.into_iter()
            .map(|(key, short, full)| {
                let known = self.status(key) == Status::Known;
                Rule {
                    key,
                    // A slope's rule says its value for ReLU ("= 0"): not before it is computed.
                    short: if known { short } else { String::new() },
                    full: known.then_some(full),
                }
            })
            .collect()
    }

    fn delta2_line(&self) -> String {
        self.fill(if self.ce() { DELTA2_CE } else { DELTA2 })
    }

    /// The arithmetic of one backward pass, line by line, as the lesson derives it.
    fn arithmetic(&self, rules: &[Rule]) -> Vec<String> {
        let mut rules = rules.iter().filter_map(|r| match r.key {
            "dCdYHat" | "dYHatdZ2" | "dA1dZ1" => r.full.clone(),
            _ => None,
        });
        let mut lines: Vec<String> = rules.by_ref().take(2).collect();
        if self.s.output == Activation::Sigmoid {
            lines.push(self.fill(SIGMOID_PRODUCT));
        }
        let mut d2 = self.delta2_line();
        if self.ce() {
            d2.push_str(" (σ′(z₂) cancels)");
        }
        lines.push(d2);
        lines.push(self.fill(W2_LINE));
        lines.extend(rules);
        lines.push(self.fill(DELTA1));
        lines.push(self.fill(W1_LINE));
        lines
    }

    /// z₁ = w₁x + b₁ = 2.000 × 0.8000 + (−0.5000) = 1.100; ... (the pass's weights).
    fn forward_line(&self) -> String {
        self.fill(FORWARD)
    }

    /// What the phase just did, in sentences with its numbers.
    fn story(&self) -> Vec<String> {
        let n = self.view.points;
        let text = match self.view.phase {
            Phase::Ready => READY.to_string(),
            Phase::Forward => self.fill(FORWARD_DONE),
            Phase::Backward => self.fill(BACKWARD_DONE),
            Phase::Update => {
                let sgd = self.s.optimizer == Optimizer::Sgd;
                let mut out = String::from("Update done: ");
                if sgd {
                    out.push_str("each weight took one step downhill, w ← w − η × ∂C/∂w");
                    if n > 1 {
                        out.push_str(&self.fill(" (with the mean gradient over all {n} points)"));
                    }
                } else {
                    out.push_str("each weight took the step ");
                    out.push_str(optimizer_words(&self.s.optimizer));
                    out.push_str(
                        "'s rule gives (from this gradient and its memory of earlier ones)",
                    );
                }
                out.push_str(": ");
                out.push_str(&self.fill(if sgd { SGD_STEPS } else { RULE_STEPS }));
                out.push_str(if n > 1 {
                    ". The mean cost went from "
                } else {
                    ". The cost went from "
                });
                out.push_str(&self.fill("{mean.cost} to {now.cost}."));
                out
            }
        };
        vec![text]
    }

    /// Plain-words notes: cross-entropy's cancellation, saturated or dead nodes, ReLU's kink.
    fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.ce() {
            out.push(self.fill(CE_NOTE));
        }
        // σ′ is at most 0.25 and tanh′ at most 1; below 0.01 the node is far into its flat tails.
        const SMALL: f64 = 0.01;
        let (g1, g2) = (self.s.hidden, self.s.output);
        if self.v("dA1dZ1") == 0.0 && g1 == Activation::Relu {
            out.push(self.fill(DEAD_HIDDEN));
        } else if self.v("dA1dZ1") < SMALL {
            out.push(self.fill(SATURATED_HIDDEN));
        }
        // At ReLU's kink the slope jumps from 0 to 1. Back-propagation takes the flat side's 0;
        // the central difference straddles the kink and sees about the average, so the check
        // disagrees there without either being wrong.
        const KINK: f64 = 1e-4;
        let kink = |a: Activation, z: &str| a == Activation::Relu && self.v(z).abs() < KINK;
        if kink(g1, "z1") || kink(g2, "z2") {
            let mut note = self.fill(if kink(g1, "z1") {
                "z₁ = {±z1}"
            } else {
                "z₂ = {±z2}"
            });
            note.push_str(KINK_NOTE);
            out.push(note);
        }
        if self.v("dYHatdZ2") == 0.0 && g2 == Activation::Relu {
            out.push(self.fill(DEAD_OUTPUT));
        } else if self.s.cost == Cost::Squared && self.v("dYHatdZ2") < SMALL {
            let mut note = self.fill(SATURATED_OUTPUT);
            if g2 == Activation::Sigmoid {
                note.push_str(" Cross-entropy avoids this.");
            }
            out.push(note);
        }
        out
    }

    /// Whose numbers the chain rule shows: the point, and after an update the moment.
    fn sample(&self) -> String {
        let mut out = self.fill(if self.view.points == 1 {
            ONE_SAMPLE
        } else {
            ONE_POINT
        });
        if self.view.phase == Phase::Update {
            out.push_str(&self.fill(MOVED));
        }
        out
    }
}
