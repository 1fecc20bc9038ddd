//! Predict, then reveal: reproducible exercises from a seed (so a teacher can give a whole
//! class the same one through a link) and the 1% grading rule.

use crate::activation::Activation;
use crate::cost::Cost;
use crate::net::{Params, Sample};

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
