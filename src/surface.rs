//! The cost surface: mean cost over a grid of (w1, w2), with b1 and b2 held fixed.

use crate::net::{Model, Sample};

pub mod approx;
#[cfg(feature = "charts")]
pub mod exact;
pub mod fast;
mod lanes;
#[cfg(feature = "charts")]
pub use exact::cost_surface_exact;
pub use fast::{Scratch, cost_surface_fast};

/// A grid as it arrives from outside (unchecked; see [`crate::check::grid`]). The drawings read
/// it from their options with serde (`web/draw.rs`); `costSurface` reads it by hand.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(
    feature = "charts",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "camelCase")
)]
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
/// a1 = g1(w1*x + b1) depends on w1 and the sample but not on w2, so it is computed once per
/// (column, sample): resolution * n hidden-layer activations instead of resolution^2 * n.
/// Costs are summed in f64 and stored as f32, which is ample for a picture and halves memory.
pub fn cost_surface(
    b1: f64,
    b2: f64,
    samples: &[Sample],
    model: impl Into<Model>,
    grid: &Grid,
    out: &mut [f32],
) {
    let n = grid.resolution;
    assert_eq!(out.len(), n * n, "out must hold resolution^2 values");
    each_mean(b1, b2, samples, model.into(), grid, |k, m| {
        out[k] = m as f32
    });
}

/// The means [`cost_surface`] rounds to f32, in f64: the reference the exact path's tests
/// compare with before rounding.
pub fn cost_means(b1: f64, b2: f64, samples: &[Sample], model: Model, grid: &Grid) -> Vec<f64> {
    let n = grid.resolution;
    let mut out = vec![0.0; n * n];
    each_mean(b1, b2, samples, model, grid, |k, m| out[k] = m);
    out
}

/// The same means by the fast exact path where the core has it (the whole core: within
/// 1e-9 relative of [`cost_means`]), else by the plain loop: for the map's words, which look
/// for its lowest point on a grid.
pub fn exact_means(b1: f64, b2: f64, samples: &[Sample], model: Model, grid: &Grid) -> Vec<f64> {
    #[cfg(feature = "charts")]
    return exact::cost_means_exact(b1, b2, samples, model, grid);
    #[cfg(not(feature = "charts"))]
    return cost_means(b1, b2, samples, model, grid);
}

/// The plain loop: `put(i * n + j, mean)` for every cell.
fn each_mean(
    b1: f64,
    b2: f64,
    samples: &[Sample],
    model: Model,
    grid: &Grid,
    mut put: impl FnMut(usize, f64),
) {
    let n = grid.resolution;
    let mut sum = vec![0.0f64; n * n];
    let mut a1 = vec![0.0f64; n];
    for s in samples {
        for (j, a) in a1.iter_mut().enumerate() {
            *a = model.hidden.apply(grid.w1(j) * s.x + b1);
        }
        for (i, row) in sum.chunks_exact_mut(n).enumerate() {
            let w2 = grid.w2(i);
            for (acc, a) in row.iter_mut().zip(&a1) {
                *acc += model.cost_at(w2 * a + b2, s.y);
            }
        }
    }
    let count = samples.len().max(1) as f64;
    for (k, s) in sum.iter().enumerate() {
        put(k, s / count);
    }
}

/// A contour segment in (w1, w2) coordinates.
pub type Segment = [(f64, f64); 2];

/// Contour segments of `values` (row-major over `grid`, as [`cost_surface`] fills it) at each
/// level, by marching squares: for every grid cell, where the level crosses an edge (found by
/// linear interpolation along it), join the crossings. Saddle cells are resolved by the
/// cell's mean, so lines never cross.
pub fn contours(values: &[f32], grid: &Grid, levels: &[f64]) -> Vec<(usize, Segment)> {
    keyed_segments(values, grid, levels)
        .into_iter()
        .map(|(k, [(_, a), (_, b)])| (k, [a, b]))
        .collect()
}

/// The same contours joined into polylines, one per connected line: `(level index, points)`.
/// Drawing a few polylines instead of thousands of two-point segments is what keeps the map
/// fast on a canvas, where every path is a separate call.
pub fn contour_lines(values: &[f32], grid: &Grid, levels: &[f64]) -> Vec<(usize, Vec<(f64, f64)>)> {
    use std::collections::HashMap;
    let segments = keyed_segments(values, grid, levels);
    let mut lines = Vec::new();
    for level in 0..levels.len() {
        let segs: Vec<&KeyedSegment> = segments
            .iter()
            .filter(|(k, _)| *k == level)
            .map(|(_, s)| s)
            .collect();
        // Each grid edge is shared by at most two cells, so by at most two segments.
        let mut at: HashMap<u64, Vec<usize>> = HashMap::with_capacity(segs.len() * 2);
        for (i, s) in segs.iter().enumerate() {
            at.entry(s[0].0).or_default().push(i);
            at.entry(s[1].0).or_default().push(i);
        }
        let mut used = vec![false; segs.len()];
        // From segment `i`, leaving through edge `key`, follow the chain.
        let walk = |mut i: usize, mut key: u64, used: &mut Vec<bool>, out: &mut Vec<(f64, f64)>| {
            loop {
                let next = at[&key].iter().copied().find(|&n| n != i && !used[n]);
                let Some(n) = next else { break };
                used[n] = true;
                let s = segs[n];
                let (far_key, far_point) = if s[0].0 == key { s[1] } else { s[0] };
                out.push(far_point);
                (i, key) = (n, far_key);
            }
        };
        for start in 0..segs.len() {
            if used[start] {
                continue;
            }
            used[start] = true;
            let s = segs[start];
            let mut forward = vec![s[0].1, s[1].1];
            walk(start, s[1].0, &mut used, &mut forward);
            let mut backward = Vec::new();
            walk(start, s[0].0, &mut used, &mut backward);
            backward.reverse();
            backward.extend(forward);
            lines.push((level, backward));
        }
    }
    lines
}

/// A contour segment whose two ends are tagged with the grid edge they lie on.
type KeyedSegment = [(u64, (f64, f64)); 2];

/// Marching squares, each crossing tagged with the grid edge it lies on (so that segments of
/// neighbouring cells can be joined exactly).
fn keyed_segments(values: &[f32], grid: &Grid, levels: &[f64]) -> Vec<(usize, KeyedSegment)> {
    let n = grid.resolution;
    let mut out = Vec::new();
    if values.len() != n * n || n < 2 {
        return out;
    }
    let at = |i: usize, j: usize| values[i * n + j] as f64;
    for (k, &level) in levels.iter().enumerate() {
        for i in 0..n - 1 {
            for j in 0..n - 1 {
                // Corners counter-clockwise from bottom-left: (i, j), (i, j+1), (i+1, j+1), (i+1, j).
                let c = [at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i + 1, j)];
                if c.iter().any(|v| !v.is_finite()) {
                    continue;
                }
                let case = c
                    .iter()
                    .enumerate()
                    .fold(0, |m, (b, &v)| m | (((v > level) as u8) << b));
                if case == 0 || case == 15 {
                    continue;
                }
                let corner = |b: usize| match b {
                    0 => (grid.w1(j), grid.w2(i)),
                    1 => (grid.w1(j + 1), grid.w2(i)),
                    2 => (grid.w1(j + 1), grid.w2(i + 1)),
                    _ => (grid.w1(j), grid.w2(i + 1)),
                };
                // Edge e runs from corner e to corner (e + 1) % 4. Its key names the grid edge:
                // horizontal edges (bottom, top) and vertical ones (right, left).
                let key = |e: usize| -> u64 {
                    let (r, col, vertical) = match e {
                        0 => (i, j, 0),
                        1 => (i, j + 1, 1),
                        2 => (i + 1, j, 0),
                        _ => (i, j, 1),
                    };
                    ((r * n + col) as u64) * 2 + vertical
                };
                let cross = |e: usize| {
                    let (a, b) = (e, (e + 1) % 4);
                    let t = ((level - c[a]) / (c[b] - c[a])).clamp(0.0, 1.0);
                    let (pa, pb) = (corner(a), corner(b));
                    (key(e), (pa.0 + (pb.0 - pa.0) * t, pa.1 + (pb.1 - pa.1) * t))
                };
                let mut seg = |e1: usize, e2: usize| out.push((k, [cross(e1), cross(e2)]));
                match case {
                    1 | 14 => seg(3, 0),
                    2 | 13 => seg(0, 1),
                    3 | 12 => seg(3, 1),
                    4 | 11 => seg(1, 2),
                    6 | 9 => seg(0, 2),
                    7 | 8 => seg(3, 2),
                    5 | 10 => {
                        let high_centre = c.iter().sum::<f64>() / 4.0 > level;
                        // Corners 0 and 2 share a side of the level; the centre decides
                        // whether the crossings connect around corners 1 and 3 or 0 and 2.
                        if (case == 5) == high_centre {
                            seg(3, 2);
                            seg(0, 1);
                        } else {
                            seg(3, 0);
                            seg(1, 2);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// Samples `values` (row-major over an n x n grid, row 0 at the bottom) at fractional grid
/// coordinates (row `fi`, column `fj`) by bilinear interpolation, clamped to the grid.
pub fn bilinear(values: &[f32], n: usize, fi: f64, fj: f64) -> f64 {
    let max = (n - 1) as f64;
    let (fi, fj) = (fi.clamp(0.0, max), fj.clamp(0.0, max));
    let (i0, j0) = (fi.floor() as usize, fj.floor() as usize);
    let (i1, j1) = ((i0 + 1).min(n - 1), (j0 + 1).min(n - 1));
    let (ti, tj) = (fi - i0 as f64, fj - j0 as f64);
    let v = |i: usize, j: usize| values[i * n + j] as f64;
    let bottom = v(i0, j0) * (1.0 - tj) + v(i0, j1) * tj;
    let top = v(i1, j0) * (1.0 - tj) + v(i1, j1) * tj;
    bottom * (1.0 - ti) + top * ti
}

/// Fills an RGBA image of `width` x `height` pixels covering the whole grid (top row of the
/// image = w2_max), each pixel coloured by the bilinearly interpolated cost at its centre
/// through `color(cost) -> [r, g, b]`. One pass, no allocation: the caller owns `rgba`.
pub fn fill_rgba(
    values: &[f32],
    n: usize,
    width: usize,
    height: usize,
    rgba: &mut [u8],
    color: impl Fn(f64) -> [u8; 3],
) {
    assert_eq!(
        rgba.len(),
        width * height * 4,
        "rgba must hold width*height pixels"
    );
    let max = (n - 1) as f64;
    for (py, row) in rgba.chunks_exact_mut(width * 4).enumerate() {
        let fi = max * (1.0 - (py as f64 + 0.5) / height as f64);
        for (px, pixel) in row.chunks_exact_mut(4).enumerate() {
            let fj = max * ((px as f64 + 0.5) / width as f64);
            let [r, g, b] = color(bilinear(values, n, fi, fj));
            pixel.copy_from_slice(&[r, g, b, 255]);
        }
    }
}
