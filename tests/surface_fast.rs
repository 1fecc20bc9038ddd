#![cfg(not(target_arch = "wasm32"))]
//! The fast picture path (`cost_surface_fast`) against the exact f64 `cost_surface`, and its
//! f32 helpers against std.
//!
//! The bound, for the mean cost of every cell (exact value C, fast value F):
//!
//! |F - C| <= 1e-4 C + 1e-37                      (cross-entropy)
//! |F - C| <= 1e-4 C + 2e-6 sqrt(2 C) + 1e-37     (squared)
//!
//! * 1e-4 C: every term of both costs is >= 0 (cross-entropy is summed as
//!   max((1-y) z2, -y z2) + ln(1 + e^-|z2|), so nothing cancels) and is computed to a
//!   relative error of a few 1e-6 at worst: e re-synchronised every 16 rows drifts < 2e-6;
//!   z2 in f32 is off by < 2e-5 absolute, which only matters near z2 = 0, where each
//!   sample's cost is >= ln(1 + 1/e) > 0.3; a1 is within 1e-13 and e at row 0 within 2e-7;
//!   f32 rounding of y and of the sum over samples adds ~1e-6.
//! * 2e-6 sqrt(2 C), squared cost only: y_hat carries an absolute error of < 8e-7, and
//!   1/2 (y_hat - y)^2 turns that into |y_hat - y| 8e-7 <= 8e-7 sqrt(2 C) (for the mean over
//!   samples by Cauchy-Schwarz). Not relative to C where y_hat crosses y and C -> 0. At most
//!   2e-6 absolute, 4e-6 of the squared cost's full scale of 0.5: far below one step of the
//!   256-entry colour map.
//! * 1e-37: below f32's normal range (1.2e-38) neither path has relative precision, and the
//!   fast path keeps subnormals out of its loops (exp(-|z2|) >= e^-86 ~ 4.5e-38 on the
//!   direct path, y_hat >= 2^-62), which moves such tiny costs by up to ~5e-38.
//!
//! No term scales with the grid's range, so zoomed-out grids (range ~1e6) are held to the
//! same relative standard as the default view. Measured over 3000 random cases like the
//! property test's: cross-entropy within 4e-6 relative (where C > 1e-30), squared within
//! 3e-7 sqrt(2 C); the worst cell used 0.45 of the bound, in the 1e-37 floor (0.24 for
//! squared).

mod common;
use backprop_lab::Cost;
use backprop_lab::net::Sample;
use backprop_lab::surface::approx::{exp_f32, exp_f64, ln_1p_unit};
use backprop_lab::surface::{Grid, Scratch, cost_surface_fast};
use common::exact_and_fast;
use proptest::prelude::*;

fn tolerance(cost: Cost, exact: f64) -> f64 {
    let cancellation = match cost {
        Cost::Squared => 2e-6 * (2.0 * exact).sqrt(),
        Cost::CrossEntropy => 0.0,
    };
    1e-4 * exact + cancellation + 1e-37
}

/// The largest |fast - exact| / tolerance over the grid (<= 1 passes), after checking that
/// every fast value is finite and >= 0.
fn worst_ratio(b1: f64, b2: f64, set: &[Sample], cost: Cost, grid: &Grid) -> f64 {
    let n = grid.resolution;
    let (exact, fast) = exact_and_fast(b1, b2, set, cost, grid);
    let mut worst = 0.0f64;
    for (k, (&e, &f)) in exact.iter().zip(&fast).enumerate() {
        assert!(
            f.is_finite() && f >= 0.0,
            "cell {k} (row {}, column {}): fast {f}, exact {e}",
            k / n,
            k % n
        );
        let (e, f) = (e as f64, f as f64);
        worst = worst.max((f - e).abs() / tolerance(cost, e));
    }
    worst
}

fn page_samples() -> Vec<Sample> {
    (0..16)
        .map(|k| {
            let x = -2.0 + 4.0 * k as f64 / 15.0;
            Sample {
                x,
                y: if x > 0.3 { 1.0 } else { 0.0 },
            }
        })
        .collect()
}

fn square(lo: f64, hi: f64, resolution: usize) -> Grid {
    Grid {
        w1_min: lo,
        w1_max: hi,
        w2_min: lo,
        w2_max: hi,
        resolution,
    }
}

#[test]
fn page_default_view_is_within_the_bound() {
    let set = page_samples();
    for cost in Cost::ALL {
        for (b1, b2) in [(0.0, 0.0), (0.5, -0.25), (-8.0, 8.0), (8.0, -8.0)] {
            let r = worst_ratio(b1, b2, &set, cost, &square(-8.0, 8.0, 256));
            println!(
                "{}: b1 {b1}, b2 {b2}: worst error / bound {r:.3e}",
                cost.name()
            );
            assert!(r <= 1.0, "{}: {r}", cost.name());
        }
    }
}

#[test]
fn extreme_views_take_the_direct_path_and_stay_within_the_bound() {
    let set = [
        Sample { x: 1e6, y: 0.0 },
        Sample { x: -1e6, y: 1.0 },
        Sample { x: 3.0, y: 0.3 },
    ];
    for cost in Cost::ALL {
        for (grid, b1, b2) in [
            (square(-1e6, 1e6, 257), 1e6, -1e6),
            (square(-1e6, 1e6, 64), 0.0, 0.0),
            (square(59.0, 61.0, 31), 0.0, 0.5),
            (square(-100.0, 100.0, 101), 0.0, -100.0),
        ] {
            let r = worst_ratio(b1, b2, &set, cost, &grid);
            assert!(r <= 1.0, "{}: {grid:?}: {r}", cost.name());
        }
        // |z2| <= 79 at both ends, but a step of ~158 per row: r = e^-158 is no f32.
        for (y, n) in [(1.0, 2), (0.0, 2), (1.0, 3), (0.0, 3)] {
            let set = [Sample { x: 0.0, y }];
            let r = worst_ratio(20.0, 0.0, &set, cost, &square(-79.0, 79.0, n));
            assert!(r <= 1.0, "{} at y = {y}, n = {n}: {r}", cost.name());
        }
    }
}

#[test]
fn tiny_and_odd_grids_match() {
    let set = page_samples();
    for cost in Cost::ALL {
        for n in [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33] {
            let r = worst_ratio(0.1, -0.2, &set, cost, &square(-3.0, 5.0, n));
            assert!(r <= 1.0, "{} at n = {n}: {r}", cost.name());
        }
    }
    // No samples: zero everywhere, as in the exact path.
    let mut out = vec![1.0f32; 9];
    cost_surface_fast(
        0.0,
        0.0,
        &[],
        Cost::Squared,
        &square(-1.0, 1.0, 3),
        &mut out,
        &mut Scratch::default(),
    );
    assert_eq!(out, vec![0.0; 9]);
}

#[test]
fn a_reused_scratch_gives_the_same_bits_as_a_fresh_one() {
    let set = page_samples();
    let mut reused = Scratch::default();
    for (n, cost) in [
        (300, Cost::CrossEntropy),
        (7, Cost::Squared),
        (64, Cost::CrossEntropy),
        (5, Cost::Squared),
    ] {
        let grid = square(-6.0, 4.0, n);
        let (mut a, mut b) = (vec![0.0f32; n * n], vec![0.0f32; n * n]);
        cost_surface_fast(0.3, 0.7, &set, cost, &grid, &mut a, &mut reused);
        cost_surface_fast(0.3, 0.7, &set, cost, &grid, &mut b, &mut Scratch::default());
        assert_eq!(
            a.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            b.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
    }
}

/// 2,000,001 evenly spaced points from `lo` to `hi`, both included.
fn sweep(lo: f64, hi: f64) -> impl Iterator<Item = f64> {
    let steps = 2_000_000;
    (0..=steps).map(move |k| lo + (hi - lo) * k as f64 / steps as f64)
}

#[test]
fn exp_f32_matches_std_over_its_whole_range() {
    let mut worst = 0.0f64;
    for x in sweep(-86.0, 88.0) {
        let x = x as f32;
        let want = (x as f64).exp();
        let got = exp_f32(x) as f64;
        worst = worst.max((got - want).abs() / want);
    }
    for x in [
        -86.0f32, -85.99, -0.0, 0.0, 1e-30, -1e-30, 0.3466, -0.3466, 87.9, 88.0,
    ] {
        let want = (x as f64).exp();
        worst = worst.max((exp_f32(x) as f64 - want).abs() / want);
    }
    println!("exp_f32: worst relative error {worst:.3e}");
    assert!(worst <= 3e-7, "{worst}");
    // Outside the range it clamps, and stays normal and finite.
    assert_eq!(exp_f32(-1e30), exp_f32(-86.0));
    assert_eq!(exp_f32(1e30), exp_f32(88.0));
    assert!(exp_f32(f32::NEG_INFINITY).is_normal() && exp_f32(f32::INFINITY).is_finite());
}

#[test]
fn exp_f64_matches_std_over_its_whole_range() {
    let mut worst = 0.0f64;
    for x in sweep(-708.0, 709.0) {
        worst = worst.max((exp_f64(x) - x.exp()).abs() / x.exp());
    }
    for x in [
        -708.0,
        -1e-300,
        0.0,
        1e-300,
        0.34657359,
        -0.34657359,
        1.0,
        709.0,
    ] {
        worst = worst.max((exp_f64(x) - f64::exp(x)).abs() / f64::exp(x));
    }
    println!("exp_f64: worst relative error {worst:.3e}");
    assert!(worst <= 1e-15, "{worst}");
    assert_eq!(exp_f64(0.0), 1.0);
    assert_eq!(exp_f64(-1e300), exp_f64(-708.0));
    assert_eq!(exp_f64(1e300), exp_f64(709.0));
    assert!(exp_f64(-1e300).is_normal() && exp_f64(1e300).is_finite());
}

#[test]
fn ln_1p_unit_matches_std_including_tiny_arguments() {
    let mut worst = 0.0f64;
    let mut check = |m: f32| {
        let want = (m as f64).ln_1p();
        let got = ln_1p_unit(m) as f64;
        let err = if want == 0.0 {
            got.abs()
        } else {
            (got - want).abs() / want
        };
        worst = worst.max(err);
    };
    let steps = 2_000_000;
    for k in 0..=steps {
        check(k as f32 / steps as f32);
    }
    // Log-spaced from the smallest normal f32 up to 1.
    for k in 0..=100_000 {
        check(10f64.powf(-37.9 + 37.9 * k as f64 / 100_000.0) as f32);
    }
    check(f32::MIN_POSITIVE);
    check(1.0);
    println!("ln_1p_unit: worst relative error {worst:.3e}");
    assert!(worst <= 5e-7, "{worst}");
    assert_eq!(ln_1p_unit(0.0), 0.0);
}

/// An axis: centre and half-width, from zoomed far in (1e-6) to the whole +-1e6.
fn axis() -> impl Strategy<Value = (f64, f64)> {
    (
        prop_oneof![Just(0.0), -8.0..8.0f64, -1e3..1e3f64],
        -6.0..=6.0f64,
    )
        .prop_map(|(c, log_half)| {
            let half = 10f64.powf(log_half);
            ((c - half).max(-1e6), (c + half).min(1e6))
        })
}

fn grid() -> impl Strategy<Value = Grid> {
    (axis(), axis(), 2..=300usize).prop_map(|((w1_min, w1_max), (w2_min, w2_max), resolution)| {
        Grid {
            w1_min,
            w1_max,
            w2_min,
            w2_max,
            resolution,
        }
    })
}

fn bias() -> impl Strategy<Value = f64> {
    prop_oneof![-8.0..8.0f64, -1e3..1e3f64]
}

fn samples() -> impl Strategy<Value = Vec<Sample>> {
    prop::collection::vec(
        (
            prop_oneof![-4.0..4.0f64, -1e3..1e3f64],
            prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64],
        )
            .prop_map(|(x, y)| Sample { x, y }),
        1..=16,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Random views, zoomed in and out, large biases and inputs (so the direct path runs
    /// too), odd resolutions: within the bound, finite, never negative.
    #[test]
    fn fast_matches_exact_within_the_bound(g in grid(), b1 in bias(), b2 in bias(), set in samples()) {
        for cost in Cost::ALL {
            let r = worst_ratio(b1, b2, &set, cost, &g);
            prop_assert!(r <= 1.0, "{}: worst error / bound = {r}", cost.name());
        }
    }
}
