//! Predict, then reveal: reproducible exercises from a seed (so a teacher can give a whole
//! class the same one through a link) and the 1% grading rule.

use crate::activation::Activation;
use crate::cost::Cost;
use crate::net::{Backward, Forward, Params, Sample};

/// SplitMix64: a tiny, well-mixed generator; the same seed gives the same exercise everywhere.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A value in [lo, hi] on a grid of `step`, so the numbers are easy to type and read.
fn pick(state: &mut u64, lo: f64, hi: f64, step: f64) -> f64 {
    let n = ((hi - lo) / step).round() as u64 + 1;
    let k = next(state) % n;
    lo + k as f64 * step
}

/// An exercise (each value rounded to its grid's decimals, so 0.1 * 3 reads 0.3): weights
/// and biases of moderate size (nodes neither flat nor trivial), one
/// sample, and a cost, all from `seed`.
pub fn exercise(seed: u64) -> (Params, Sample, Cost) {
    let mut s = seed;
    let nonzero = |s: &mut u64, lo: f64, hi: f64| loop {
        let v = pick(s, lo, hi, 0.1);
        if v.abs() >= 0.2 {
            return (v * 10.0).round() / 10.0;
        }
    };
    let w1 = nonzero(&mut s, -3.0, 3.0);
    let b1 = (pick(&mut s, -2.0, 2.0, 0.1) * 10.0).round() / 10.0;
    let w2 = nonzero(&mut s, -3.0, 3.0);
    let b2 = (pick(&mut s, -2.0, 2.0, 0.1) * 10.0).round() / 10.0;
    let x = (pick(&mut s, 0.1, 1.0, 0.05) * 100.0).round() / 100.0;
    let y = (pick(&mut s, 0.0, 1.0, 0.1) * 10.0).round() / 10.0;
    let cost = if next(&mut s) % 2 == 0 {
        Cost::Squared
    } else {
        Cost::CrossEntropy
    };
    (Params { w1, b1, w2, b2 }, Sample { x, y }, cost)
}

/// The exercise for a network with this output activation: the same weights and sample, and
/// squared error where the exercise says cross-entropy but the output is not a sigmoid (which
/// cross-entropy needs).
pub fn exercise_for(seed: u64, output: Activation) -> (Params, Sample, Cost) {
    let (params, sample, cost) = exercise(seed);
    let cost = if output == Activation::Sigmoid {
        cost
    } else {
        Cost::Squared
    };
    (params, sample, cost)
}

/// A prediction is right within 1% of the true value (or 1e-6 absolute, for values near 0).
pub fn grade(predicted: f64, truth: f64) -> bool {
    predicted.is_finite() && (predicted - truth).abs() <= 0.01 * truth.abs() + 1e-6
}

/// The numbers a quiz asks for, in the order it asks: (key, how it is written).
pub const ASKED: [(&str, &str); 4] = [
    ("delta2", "δ₂"),
    ("delta1", "δ₁"),
    ("dCdW2", "∂C/∂w₂"),
    ("dCdW1", "∂C/∂w₁"),
];

/// One answer, checked: right within 1%, the true value, and for a wrong one which factor to
/// recheck.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub key: &'static str,
    pub right: bool,
    pub truth: f64,
    pub hint: Option<String>,
}

/// Checks the learner's answers (in [`ASKED`]'s order; `None`: nothing usable typed) against
/// the pass `b` of the exercise (the network's forward values `f`, input `x`). A wrong answer
/// gets a hint that names the factor to recheck, found by trying the usual slips: a factor left
/// out, the sign flipped, a later number built on a wrong earlier one.
pub fn check_answers(b: &Backward, f: &Forward, x: f64, answers: [Option<f64>; 4]) -> Vec<Checked> {
    let near = |a: Option<f64>, v: f64| a.is_some_and(|a| grade(a, v));
    let right = [
        near(answers[0], b.delta2),
        near(answers[1], b.delta1),
        near(answers[2], b.d_c_d_w2),
        near(answers[3], b.d_c_d_w1),
    ];
    let flipped = |a: Option<f64>, v: f64| v != 0.0 && near(a.map(|a| -a), v);
    let hint = |k: usize| -> String {
        let a = answers[k];
        match k {
            0 if near(a, b.d_c_d_y_hat) => {
                "That is ∂C/∂ŷ alone: δ₂ = ∂C/∂ŷ × σ′(z₂), so multiply by σ′(z₂).".into()
            }
            0 if flipped(a, b.delta2) => {
                "The size is right but not the sign: check the sign of ∂C/∂ŷ.".into()
            }
            0 => "δ₂ = ∂C/∂ŷ × σ′(z₂): recheck both factors.".into(),
            1 if near(a, b.delta2 * b.d_a1_d_z1) => {
                "Did you multiply by w₂? δ₁ = δ₂ × w₂ × σ′(z₁).".into()
            }
            1 if near(a, b.delta2 * b.d_z2_d_a1) => {
                "Did you multiply by σ′(z₁)? δ₁ = δ₂ × w₂ × σ′(z₁).".into()
            }
            1 if right[0] => "δ₂ is right, but δ₁ is off: δ₁ = δ₂ × w₂ × σ′(z₁).".into(),
            1 => "δ₁ is built from δ₂: get δ₂ right first, then δ₁ = δ₂ × w₂ × σ′(z₁).".into(),
            2 if near(a, b.delta2) => "That is δ₂: ∂C/∂w₂ = δ₂ × a₁, so multiply by a₁.".into(),
            2 if right[0] => "δ₂ is right, but ∂C/∂w₂ is off: did you multiply by a₁?".into(),
            2 => format!(
                "∂C/∂w₂ = δ₂ × a₁ (a₁ = {}): get δ₂ right first.",
                crate::format::plain(f.a1)
            ),
            _ if near(a, b.delta1) => "That is δ₁: ∂C/∂w₁ = δ₁ × x, so multiply by x.".into(),
            _ if right[1] => "δ₁ is right, but ∂C/∂w₁ is off: did you multiply by x?".into(),
            _ => format!(
                "∂C/∂w₁ = δ₁ × x (x = {}): get δ₁ right first.",
                crate::format::plain(x)
            ),
        }
    };
    let truths = [b.delta2, b.delta1, b.d_c_d_w2, b.d_c_d_w1];
    (0..4)
        .map(|k| Checked {
            key: ASKED[k].0,
            right: right[k],
            truth: truths[k],
            hint: (!right[k] && answers[k].is_some()).then(|| hint(k)),
        })
        .collect()
}
