#![cfg(not(target_arch = "wasm32"))]
//! The exact path, fast (`cost_surface_exact`, what `costSurface` runs) against the plain loop
//! (`cost_means`, the means `cost_surface` rounds), for every (hidden, output, cost) the crate
//! allows, the hard places and random grids.
//!
//! The bound: every mean within [`REL`] relative of the plain loop's, in f64, before either
//! is rounded to f32 (every term is >= 0, so a relative bound per term holds for the mean).
//! One exception, on purpose: with y = 1 after a sigmoid or tanh output the plain loop's
//! s(z) - 1 has lost its digits once s(z) is near 1, and the exact path keeps them
//! (d = -e y_hat), so those terms are compared with the careful formula instead
//! ([`careful_means`]).

mod common;
use backprop_lab::activation::Activation;
use backprop_lab::net::{Model, Sample};
use backprop_lab::surface::exact::{BLOCK, cost_means_exact, cost_surface_exact, ln_1p};
use backprop_lab::surface::{Grid, cost_means};
use backprop_lab::{Cost, Params};
use proptest::prelude::*;

/// Far inside the 1e-7 the API promises: rounding to f32 alone is up to 6e-8.
const REL: f64 = 1e-9;

/// Every model the JS API accepts (cross-entropy needs a sigmoid output).
fn models() -> Vec<Model> {
    let mut out = squared(&Activation::ALL);
    out.extend(Activation::ALL.map(|hidden| Model {
        hidden,
        output: Activation::Sigmoid,
        cost: Cost::CrossEntropy,
    }));
    out
}

/// The squared cost with every hidden activation and these outputs.
fn squared(outputs: &[Activation]) -> Vec<Model> {
    (Activation::ALL.iter())
        .flat_map(|&hidden| outputs.iter().map(move |&output| (hidden, output)))
        .map(|(hidden, output)| Model {
            hidden,
            output,
            cost: Cost::Squared,
        })
        .collect()
}

/// Samples from (x, y) pairs.
fn set(xy: &[(f64, f64)]) -> Vec<Sample> {
    xy.iter().map(|&(x, y)| Sample { x, y }).collect()
}

/// The plain loop's means, with y = 1 after a sigmoid or tanh output (squared cost) taken in
/// the form that keeps its digits: 1 - s(z) = 1 / (1 + e^z), 1 - tanh(z) = 2 / (1 + e^2z).
fn careful_means(b1: f64, b2: f64, set: &[Sample], model: Model, grid: &Grid) -> Vec<f64> {
    let saturating = model.cost == Cost::Squared
        && matches!(model.output, Activation::Sigmoid | Activation::Tanh);
    let (ones, rest): (Vec<Sample>, Vec<Sample>) =
        set.iter().partition(|s| saturating && s.y == 1.0);
    let n = grid.resolution;
    let mut sum: Vec<f64> = cost_means(b1, b2, &rest, model, grid)
        .into_iter()
        .map(|m| m * rest.len() as f64)
        .collect();
    for s in &ones {
        for i in 0..n {
            for j in 0..n {
                let a = model.hidden.apply(grid.w1(j) * s.x + b1);
                let z = grid.w2(i) * a + b2;
                let d = match model.output {
                    Activation::Sigmoid => 1.0 / (1.0 + z.exp()),
                    _ => 2.0 / (1.0 + (2.0 * z).exp()),
                };
                sum[i * n + j] += 0.5 * d * d;
            }
        }
    }
    // The plain loop's order of summation differs here, by a few ulp at most.
    sum.iter().map(|s| s / set.len().max(1) as f64).collect()
}

/// The largest relative difference over the grid between the exact path's means and the
/// careful plain loop's (asserting every one is finite and >= 0), and the f32 output's.
fn worst(b1: f64, b2: f64, set: &[Sample], model: Model, grid: &Grid) -> f64 {
    let n = grid.resolution;
    let want = careful_means(b1, b2, set, model, grid);
    let got = cost_means_exact(b1, b2, set, model, grid);
    let mut worst = 0.0f64;
    for (k, (&g, &w)) in got.iter().zip(&want).enumerate() {
        assert!(g.is_finite() && g >= 0.0, "cell {k}: {g} (want {w})");
        // Below f64's normal range nothing is relative (and f32 shows 0 there anyway).
        let rel = (g - w).abs() / w.max(1e-300);
        assert!(
            rel <= REL,
            "{model:?} b1 {b1} b2 {b2} {grid:?} cell {k} (row {}, col {}): \
             exact path {g:e}, plain {w:e}, rel {rel:e}",
            k / n,
            k % n
        );
        worst = worst.max(rel);
    }
    // The f32 output: the same means rounded.
    let mut out = vec![f32::NAN; n * n];
    cost_surface_exact(b1, b2, set, model, grid, &mut out);
    for (o, g) in out.iter().zip(&got) {
        assert_eq!(*o, *g as f32);
    }
    worst
}

fn grid(w1: (f64, f64), w2: (f64, f64), resolution: usize) -> Grid {
    Grid {
        w1_min: w1.0,
        w1_max: w1.1,
        w2_min: w2.0,
        w2_max: w2.1,
        resolution,
    }
}

/// The benchmark's set: 16 points, y = 0.1 or 0.9.
fn bench_set() -> Vec<Sample> {
    (0..16)
        .map(|i| Sample {
            x: i as f64 / 15.0,
            y: if i < 8 { 0.1 } else { 0.9 },
        })
        .collect()
}

#[test]
fn every_model_on_the_benchmark_grid() {
    let g = grid((-8.0, 8.0), (-8.0, 8.0), 256);
    let mut seen = 0.0f64;
    for model in models() {
        seen = seen.max(worst(-0.5, 0.5, &bench_set(), model, &g));
    }
    println!("worst relative difference: {seen:e}");
}

/// ReLU and linear outputs take quadratics in w2 between the rows where a sample's z2 changes
/// sign: within REL of the plain loop on a grid with kinks in every column, with 16 samples
/// (a power of 2, where the mean is a product) and 5 (a quotient).
#[test]
fn relu_and_linear_outputs_by_quadratics() {
    let g = grid((-3.0, 5.0), (-2.0, 7.0), 37);
    for samples in [bench_set(), bench_set()[3..8].to_vec()] {
        for model in squared(&[Activation::Relu, Activation::Linear]) {
            worst(0.3, -0.7, &samples, model, &g);
        }
    }
}

/// Where the quadratic form would cancel (a perfect fit: the cost is 0 at a cell and tiny
/// around it), the cells are summed as the plain loop sums them: 0 exactly, and every cell
/// within REL; a z2 of exactly 0 (a ReLU's kink on a row) counts as inactive, as there.
#[test]
fn relu_and_linear_outputs_at_a_perfect_fit() {
    // w1 = j - 3 and w2 = i - 2 exactly; with b1 = b2 = 0 and a linear hidden node, a1 = w1 x
    // and at (w1, w2) = (1, 3) every y = 3x (as f64 computes it) is met exactly, while the
    // quadratic's A, B and C round (at y = 2x they would not: doubling is exact).
    let g = grid((-3.0, 5.0), (-2.0, 6.0), 9);
    let fit: Vec<Sample> = set(&[(0.1, 0.0), (0.3, 0.0), (0.7, 0.0), (1.3, 0.0)])
        .into_iter()
        .map(|s| Sample { y: 3.0 * s.x, ..s })
        .collect();
    // Two more samples whose z2 is 0 on rows of the grid (w2 = 0, and w2 = 2 with b2 = -1 below).
    let kinks = set(&[(0.5, 1.0), (1.0, 2.0), (-0.5, 0.0), (0.25, 0.5)]);
    for (samples, b2, exact_fit) in [
        (&fit, 0.0, true),
        (&kinks, 0.0, false),
        (&kinks, -1.0, false),
    ] {
        for output in [Activation::Relu, Activation::Linear] {
            let model = Model {
                hidden: Activation::Linear,
                output,
                cost: Cost::Squared,
            };
            worst(0.0, b2, samples, model, &g);
            if exact_fit {
                let at = 5 * 9 + 4;
                assert_eq!(cost_means(0.0, 0.0, samples, model, &g)[at], 0.0);
                assert_eq!(cost_means_exact(0.0, 0.0, samples, model, &g)[at], 0.0);
            }
        }
    }
}

/// Cross-entropy after another output (refused by `Model::check`, so never from the JS API)
/// takes the plain loop: the same numbers, NaN where ln meets a y_hat outside (0, 1).
#[test]
fn refused_models_take_the_plain_loop() {
    let g = grid((-3.0, 3.0), (-2.0, 2.0), 9);
    for hidden in Activation::ALL {
        for output in [Activation::Tanh, Activation::Relu, Activation::Linear] {
            let model = Model {
                hidden,
                output,
                cost: Cost::CrossEntropy,
            };
            let want = cost_means(0.1, 0.2, &bench_set(), model, &g);
            let got = cost_means_exact(0.1, 0.2, &bench_set(), model, &g);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&want), "{model:?}");
        }
    }
}

#[test]
fn the_hard_places() {
    let ones_and_zeros = set(&[(0.2, 0.0), (0.9, 1.0), (-0.4, 1.0)]);
    // A wild mix: large and tiny x, y at 0, 1 and in between.
    let wild = set(&[
        (1e3, 0.0),
        (-3e-7, 0.5),
        (0.7, 1.0),
        (-40.0, 0.999),
        (5.0, 1e-9),
    ]);
    let mut seen = 0.0f64;
    for model in models() {
        for (b1, b2, samples, g) in [
            // Saturated: |z2| up to a few hundred, past the tame range, up to overflow range.
            (
                0.0,
                0.0,
                &ones_and_zeros[..],
                grid((-50.0, 50.0), (-60.0, 60.0), 64),
            ),
            (
                1.0,
                -250.0,
                &ones_and_zeros[..],
                grid((-5.0, 5.0), (-100.0, 400.0), 33),
            ),
            (0.0, 3e5, &wild[..], grid((-1e6, 1e6), (-1e6, 1e6), 40)),
            // y = 0 or 1 at the bottom of a valley: the cost goes to 0 along w2.
            (
                0.0,
                0.0,
                &ones_and_zeros[..],
                grid((0.0, 30.0), (-200.0, 200.0), 101),
            ),
            // w2 crossing 0, resolution 1 and 2, an odd resolution against the blocks.
            (-0.5, 0.5, &wild[..], grid((-8.0, 8.0), (-1.0, 1.0), 2)),
            (-0.5, 0.5, &wild[..], grid((-8.0, 8.0), (-1.0, 1.0), 1)),
            (
                0.2,
                -0.1,
                &wild[..],
                grid((-8.0, 8.0), (-3.0, 2.0), 2 * BLOCK + 3),
            ),
        ] {
            seen = seen.max(worst(b1, b2, samples, model, &g));
        }
    }
    println!("worst relative difference: {seen:e}");
}

/// Squared cost where y_hat meets y: data made by the network itself at a grid point, so the
/// cost there is (up to rounding) 0 and around it y_hat - y cancels.
#[test]
fn squared_where_y_hat_meets_y() {
    let g = grid((-4.0, 4.0), (-4.0, 4.0), 81);
    let (w1, w2) = (g.w1(50), g.w2(30));
    for model in squared(&[Activation::Sigmoid, Activation::Tanh]) {
        let p = Params {
            w1,
            b1: 0.3,
            w2,
            b2: -0.2,
        };
        // Targets must lie in [0, 1]: tanh's y_hat can be negative, so clamp it there.
        let xy: Vec<(f64, f64)> = (0..12)
            .map(|k| -1.5 + 0.25 * k as f64)
            .map(|x| (x, model.forward(&p, x).y_hat.clamp(0.0, 1.0)))
            .collect();
        worst(0.3, -0.2, &set(&xy), model, &g);
    }
}

#[test]
fn the_last_rows_stay_inside_the_tame_range() {
    let g = grid((-6.27, -4.35), (-3.24, 3.4), 5);
    for model in squared(&[Activation::Sigmoid, Activation::Tanh]) {
        worst(0.0, 0.0, &set(&[(2.8, 1.0)]), model, &g);
    }
}

#[test]
fn no_samples_cost_nothing() {
    let g = grid((-1.0, 1.0), (-1.0, 1.0), 5);
    for model in models() {
        let mut out = vec![f32::NAN; 25];
        cost_surface_exact(0.0, 0.0, &[], model, &g, &mut out);
        assert_eq!(out, vec![0.0; 25]);
    }
}

#[test]
fn ln_1p_is_within_2e_14_relative_on_0_to_1() {
    let mut m = 1.0f64;
    let mut worst = 0.0f64;
    while m > 1e-300 {
        for f in [1.0, 0.93, 0.71, 0.5, 0.333, 0.17, 0.0123] {
            let x = m * f;
            let rel = (ln_1p(x) - x.ln_1p()).abs() / x.ln_1p();
            worst = worst.max(rel);
        }
        m *= 0.5;
    }
    assert_eq!(ln_1p(0.0), 0.0);
    println!("ln_1p worst relative error: {worst:e}");
    assert!(worst < 2e-14, "{worst:e}");
}

fn sample() -> impl Strategy<Value = Sample> {
    let y = prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64];
    let x = prop_oneof![-3.0..3.0f64, -1e3..1e3f64];
    (x, y).prop_map(|(x, y)| Sample { x, y })
}

fn range() -> impl Strategy<Value = (f64, f64)> {
    let scale = prop_oneof![Just(1.0), Just(10.0), Just(1e3), Just(1e6)];
    (-1.0..1.0f64, 0.01..1.0f64, scale).prop_map(|(lo, width, s)| {
        let lo = lo * s;
        (lo, (lo + width * s).min(1e6))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_grids_samples_and_models(
        set in prop::collection::vec(sample(), 1..12),
        w1 in range(),
        w2 in range(),
        resolution in 1usize..40,
        b1 in -20.0..20.0f64,
        b2 in prop_oneof![-20.0..20.0f64, -1e3..1e3f64],
        which in 0usize..29,
    ) {
        let models = models();
        let model = models[which % models.len()];
        worst(b1, b2, &set, model, &grid(w1, w2, resolution));
    }
}

#[test]
fn the_fingerprints_the_browser_test_checks() {
    for (model, want) in common::FINGERPRINTS {
        assert_eq!(common::fingerprint(model), want, "{model:?}");
    }
}
