//! Helpers shared by the native tests (each test file is its own crate: `mod common;`).
#![allow(dead_code)]

// The drawings' helpers are native only: the SVG backend is a native dev-dependency, and the
// tests that draw do not build for wasm32.
#[cfg(not(target_arch = "wasm32"))]
pub mod figure;
#[cfg(not(target_arch = "wasm32"))]
pub mod plot;
#[cfg(not(target_arch = "wasm32"))]
pub mod scene3d;
#[cfg(not(target_arch = "wasm32"))]
pub mod svg;

use backprop_lab::activation::Activation;
use backprop_lab::surface::{Grid, Scratch, cost_surface, cost_surface_fast};
use backprop_lab::train::{Settings, WEIGHT_RANGE};
use backprop_lab::{Cost, Gradient, Model, Params, Sample};
use std::path::PathBuf;

/// Settings as most tests want them: squared error, η = 0.5, the first point chosen, the
/// default weight range, optimizer and activations.
pub fn settings(samples: Vec<Sample>) -> Settings {
    Settings {
        samples,
        cost: Cost::Squared,
        learning_rate: 0.5,
        chosen: 0,
        weight_range: WEIGHT_RANGE,
        optimizer: Default::default(),
        hidden: Default::default(),
        output: Default::default(),
    }
}

/// The lecture's example weights (the page opens with them): w₁ = 2, b₁ = −0.5, w₂ = 1.5,
/// b₂ = 0.5.
pub const LECTURE: Params = Params {
    w1: 2.0,
    b1: -0.5,
    w2: 1.5,
    b2: 0.5,
};

/// Where the tests leave pictures for eyeballing: target/charts/ (or
/// $CARGO_TARGET_DIR/charts/), next to the build's other output; made if missing.
pub fn charts_dir() -> PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The cost surface both ways, (exact, fast): `cost_surface` and `cost_surface_fast` over the
/// same grid, biases, samples and model. The fast one starts from NaN, so a cell it misses shows.
pub fn exact_and_fast(
    b1: f64,
    b2: f64,
    samples: &[Sample],
    model: impl Into<Model>,
    grid: &Grid,
) -> (Vec<f32>, Vec<f32>) {
    let (model, n) = (model.into(), grid.resolution);
    let (mut exact, mut fast) = (vec![0.0f32; n * n], vec![f32::NAN; n * n]);
    cost_surface(b1, b2, samples, model, grid, &mut exact);
    cost_surface_fast(
        b1,
        b2,
        samples,
        model,
        grid,
        &mut fast,
        &mut Scratch::default(),
    );
    (exact, fast)
}

/// Two gradients side by side, a row per parameter: (name, from `a`, from `b`).
pub fn side_by_side(a: &Gradient, b: &Gradient) -> [(&'static str, f64, f64); 4] {
    [
        ("w1", a.d_c_d_w1, b.d_c_d_w1),
        ("b1", a.d_c_d_b1, b.d_c_d_b1),
        ("w2", a.d_c_d_w2, b.d_c_d_w2),
        ("b2", a.d_c_d_b2, b.d_c_d_b2),
    ]
}

/// Asserts `got` is within `tol` of `want` (or equal: infinities), naming the quantity.
pub fn assert_close(name: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol || got == want,
        "{name}: got {got:e}, want {want:e} (diff {:e}, allowed {tol:e})",
        got - want
    );
}

/// The exact path's means (`cost_means_exact`) on a fixed case, hashed (FNV-1a over their
/// bits): tests/surface_exact.rs checks [`FINGERPRINTS`] natively (plain `[f64; 2]` lanes) and
/// tests/web.rs in the browser (wasm `f64x2`), so both builds compute the same numbers, bit
/// for bit. The cases call no library exp or tanh (whose last bit differs between the
/// platform's libm and Rust's for wasm): a linear or ReLU hidden node, and targets 0 and 1,
/// where no cell falls back to the plain loop's formula.
pub fn fingerprint(model: Model) -> u64 {
    let grid = Grid {
        w1_min: -8.0,
        w1_max: 8.0,
        w2_min: -8.0,
        w2_max: 8.0,
        resolution: 33,
    };
    let set: Vec<Sample> = (0..16)
        .map(|i| Sample {
            x: i as f64 / 15.0,
            y: (i % 2) as f64,
        })
        .collect();
    backprop_lab::surface::exact::cost_means_exact(-0.5, 0.5, &set, model, &grid)
        .iter()
        .flat_map(|m| m.to_bits().to_le_bytes())
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        })
}

/// One case per kernel of the exact path, with its [`fingerprint`].
pub const FINGERPRINTS: [(Model, u64); 5] = {
    use backprop_lab::Cost::{CrossEntropy, Squared};
    use backprop_lab::activation::Activation::{Linear, Relu, Sigmoid, Tanh};
    const fn m(hidden: Activation, output: Activation, cost: Cost) -> Model {
        Model {
            hidden,
            output,
            cost,
        }
    }
    [
        (m(Linear, Sigmoid, Squared), 0x4996_410e_326b_2601),
        (m(Relu, Sigmoid, CrossEntropy), 0x6d01_e864_224e_b82a),
        (m(Linear, Tanh, Squared), 0xf34d_78a8_5692_b7aa),
        (m(Relu, Relu, Squared), 0x47ec_8291_9e88_463c),
        (m(Linear, Linear, Squared), 0x9f7a_e4c0_4164_8f50),
    ]
};
