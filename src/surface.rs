//! The cost surface: mean cost over a grid of (w1, w2), with b1 and b2 held fixed.

use crate::activation::sigmoid;
use crate::cost::Cost;
use crate::net::Sample;
use serde::{Deserialize, Serialize};

/// A grid as it arrives from outside (unchecked; see [`crate::check::grid`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GridSpec {
    pub w1_min: f64,
    pub w1_max: f64,
    pub w2_min: f64,
    pub w2_max: f64,
    pub resolution: f64,
}

/// A checked grid: `resolution` points per side, min < max on both axes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub w1_min: f64,
    pub w1_max: f64,
    pub w2_min: f64,
    pub w2_max: f64,
    pub resolution: usize,
}

impl Grid {
    /// w1 at column j (left to right).
    pub fn w1(&self, j: usize) -> f64 {
        lerp(self.w1_min, self.w1_max, j, self.resolution)
    }

    /// w2 at row i (row 0 is w2_min).
    pub fn w2(&self, i: usize) -> f64 {
        lerp(self.w2_min, self.w2_max, i, self.resolution)
    }
}

/// The k-th of n evenly spaced points from lo to hi, hitting both ends exactly.
fn lerp(lo: f64, hi: f64, k: usize, n: usize) -> f64 {
    if k + 1 == n {
        hi
    } else {
        lo + (hi - lo) * (k as f64 / (n - 1) as f64)
    }
}

/// Mean cost at each grid point, row-major: `out[i * resolution + j]` is the cost at
/// (w1 = grid.w1(j), w2 = grid.w2(i)). `out` must hold resolution^2 values.
///
/// a1 = s(w1*x + b1) depends on w1 and the sample but not on w2, so it is computed once per
/// (column, sample): resolution * n hidden-layer sigmoids instead of resolution^2 * n.
/// Costs are summed in f64 and stored as f32, which is ample for a picture and halves memory.
pub fn cost_surface(
    b1: f64,
    b2: f64,
    samples: &[Sample],
    cost: Cost,
    grid: &Grid,
    out: &mut [f32],
) {
    let n = grid.resolution;
    assert_eq!(out.len(), n * n, "out must hold resolution^2 values");
    let mut sum = vec![0.0f64; n * n];
    let mut a1 = vec![0.0f64; n];
    for s in samples {
        for (j, a) in a1.iter_mut().enumerate() {
            *a = sigmoid(grid.w1(j) * s.x + b1);
        }
        for (i, row) in sum.chunks_exact_mut(n).enumerate() {
            let w2 = grid.w2(i);
            for (acc, a) in row.iter_mut().zip(&a1) {
                *acc += cost.value(w2 * a + b2, s.y);
            }
        }
    }
    let count = samples.len().max(1) as f64;
    for (o, s) in out.iter_mut().zip(&sum) {
        *o = (s / count) as f32;
    }
}
