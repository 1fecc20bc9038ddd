//! Helpers shared by the native tests (each test file is its own crate: `mod common;`).
#![allow(dead_code)]

pub mod svg;

use backprop_lab::Params;

/// The lecture's example weights (the page opens with them): w₁ = 2, b₁ = −0.5, w₂ = 1.5,
/// b₂ = 0.5.
pub const LECTURE: Params = Params {
    w1: 2.0,
    b1: -0.5,
    w2: 1.5,
    b2: 0.5,
};

/// Asserts `got` is within `tol` of `want` (or equal: infinities), naming the quantity.
pub fn assert_close(name: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol || got == want,
        "{name}: got {got:e}, want {want:e} (diff {:e}, allowed {tol:e})",
        got - want
    );
}
