//! Helpers shared by the native tests (each test file is its own crate: `mod common;`).
#![allow(dead_code)]

pub mod svg;

/// Asserts `got` is within `tol` of `want` (or equal: infinities), naming the quantity.
pub fn assert_close(name: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol || got == want,
        "{name}: got {got:e}, want {want:e} (diff {:e}, allowed {tol:e})",
        got - want
    );
}
