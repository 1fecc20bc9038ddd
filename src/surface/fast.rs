//! The fast picture path: the same mean-cost grid as [`super::cost_surface`], in f32, with
//! no `exp` in the inner loop for ordinary views. Used to draw; the exact f64 path stays the
//! reference for tests and the ledger.
//!
//! # The idea
//!
//! For a fixed column j (w1) and sample, a1 is fixed and z2 is linear in the row index i:
//! z2_i = z2_0 + i * a1 * dw2. So e_i = exp(-z2_i) = e_0 * r^i with r = exp(-a1 * dw2):
//! one multiplication per cell instead of an exponential. The inner loops run across the
//! columns of one row, which are contiguous in memory, four columns at a time: wasm SIMD
//! (`f32x4`) when built with `+simd128` (see `.cargo/config.toml`), a plain `[f32; 4]`
//! elsewhere, bit-for-bit the same arithmetic (see the `lanes` module below for why these
//! are written by hand rather than left to LLVM's auto-vectorizer).
//!
//! * Drift: the f32 product e * r gains at most ~2 ulp of relative error per row, so e is
//!   re-synchronised every [`BLOCK`] rows from an f64 chain (E at each block start, advanced
//!   by the f64 factor r^BLOCK), which keeps e within ~2e-6 of its true relative value.
//! * Range: the recurrence is used for a sample only if |z2| <= [`Z_RECURRENCE`] at both
//!   ends of every column (z2 is linear in i, so the ends bound the whole column) and for
//!   the step per row, so that e, 1/e, r and 1/r all stay far inside f32's normal range.
//!   Otherwise that sample takes the direct path: z2 = w2 a1 + b2 per cell in f64, as the
//!   exact path computes it, then a fast f32 exp per cell ([`super::approx::exp_f32`]).
//! * Set-up per (column, sample), where `f64::exp` (3 x 256 x 16 of them a frame took
//!   ~0.33 ms in wasm, as long as the squared cost's whole inner loop) is avoided too: a1 = s(w1 x + b1) in
//!   f64 by the same geometric trick along the row (e^-z1 = e^-z1_0 R^j); r by [`super::approx::exp_f64`]
//!   (branch-free, about twice as fast, within 1e-15); e at row 0 by the f32 exp of z2
//!   split into f32 hi + lo (a constant relative offset of ~2e-7 per column).
//! * Rows are done two at a time, so e, r and the rest are loaded once for both.
//! * No subnormal f32 enters the inner loops (see `tame`, `TINY`, [`super::approx::ln_1p_unit`]):
//!   wasm keeps IEEE subnormals, and on x86 each operation on one costs ~100 cycles.
//! * Squared: y_hat = 1 / (1 + e), C = 1/2 (y_hat - y)^2.
//! * Cross-entropy: C = y softplus(-z2) + (1 - y) softplus(z2)
//!   = max((1 - y) z2, -y z2) + ln(1 + exp(-|z2|)): every term is >= 0, so nothing cancels
//!   (the form (1 - y) z2 + ln(1 + e) loses every digit where y = 0 and z2 << 0, the
//!   bottom of a valley). exp(-|z2|) = min(e, 1/e), with 1/e tracked by its own recurrence,
//!   and ln(1 + m) for m in [0, 1] by [`super::approx::ln_1p_unit`], accurate relative to its (possibly
//!   tiny) value.
//!
//! # Browser floor
//!
//! The wasm build is compiled with `+simd128` (fixed-width SIMD), so the page needs a browser
//! with WebAssembly SIMD: Chrome/Edge 91+, Firefox 89+, Safari 16.4+. Older browsers refuse
//! to compile the module at all.

use super::Grid;
use super::approx::{exp_f64, exp4, ln_1p_unit4};
use super::lanes::F4;
use crate::activation::Activation;
use crate::cost::Cost;
use crate::net::{Model, Sample};

/// 2^-62: y_hat is kept at least this, so (y_hat - y)^2 with y = 0 stays a normal f32
/// (>= 2^-124). An error of < 2^-62 in y_hat, far inside the bound.
const TINY: f32 = 2.168_404_3e-19;

/// Rows between re-synchronisations of the recurrence from the f64 chain.
pub const BLOCK: usize = 16;

/// Largest |z2| for which a sample uses the recurrence. e^80 ~ 5.5e34 and e^-80 ~ 1.8e-35
/// leave a factor of more than 1000 to the ends of f32's normal range (3.4e38, 1.2e-38),
/// far more than the drift between re-synchronisations (< 1e-5).
pub const Z_RECURRENCE: f64 = 80.0;

/// Reusable buffers, so a frame allocates nothing (after the first at a given resolution).
///
/// Columns are padded to a multiple of 4 (the padding repeats the last column and is never
/// written out); per-column f32 state is held four columns to a lane vector.
#[derive(Clone, Default)]
pub struct Scratch {
    /// Sums per cell, rows of `chunks` F4s.
    acc: Vec<F4>,
    /// a1 per column, in f64 (within ~1e-13 of the exact path's).
    a1: Vec<f64>,
    /// exp(-z2) at the start of the current block, per column (f64 chain).
    chain: Vec<f64>,
    /// The chain's factor per block, exp(-a1 dw2)^BLOCK.
    chain_step: Vec<f64>,
    /// e = exp(-z2) and its factor per row r.
    e: Vec<F4>,
    r: Vec<F4>,
    /// q = exp(z2) = 1/e and its factor per row 1/r (cross-entropy).
    q: Vec<F4>,
    rq: Vec<F4>,
    /// z2 at the start of the block and its step per row (cross-entropy); z2 of the current
    /// row on the direct path.
    z: Vec<F4>,
    dz: Vec<F4>,
}

impl Scratch {
    /// Sizes every buffer for `n` columns (`chunks` F4s per row) and zeroes the sums.
    fn fit(&mut self, n: usize, chunks: usize) {
        let zero = F4::splat(0.0);
        self.acc.clear();
        self.acc.resize(chunks * n, zero);
        for v in [&mut self.a1, &mut self.chain, &mut self.chain_step] {
            v.resize(chunks * 4, 0.0);
        }
        for v in [
            &mut self.e,
            &mut self.r,
            &mut self.q,
            &mut self.rq,
            &mut self.z,
            &mut self.dz,
        ] {
            v.resize(chunks, zero);
        }
    }
}

/// The fast picture path: same layout and meaning as [`super::cost_surface`]
/// (`out[i * resolution + j]` is the mean cost at w1 = grid.w1(j), w2 = grid.w2(i)), in f32.
///
/// Error (checked by `tests/surface_fast.rs`, which explains the terms), for the mean cost
/// C of every cell: |fast - exact| <= 1e-4 C + 1e-37 for cross-entropy, plus 2e-6 sqrt(2 C)
/// for the squared cost, whose y_hat - y cancels where y_hat crosses y: an absolute error of
/// < 8e-7 in y_hat moves 1/2 (y_hat - y)^2 by |y_hat - y| 8e-7 <= 8e-7 sqrt(2 C).
///
/// `out` must hold resolution^2 values; `scratch` can be any [`Scratch`] (reuse one).
pub fn cost_surface_fast(
    b1: f64,
    b2: f64,
    samples: &[Sample],
    model: impl Into<Model>,
    grid: &Grid,
    out: &mut [f32],
    scratch: &mut Scratch,
) {
    let model = model.into();
    let n = grid.resolution;
    assert_eq!(out.len(), n * n, "out must hold resolution^2 values");
    if n == 0 {
        return;
    }
    // tanh(z) = 2 s(2z) - 1, so 1/2 (tanh(z2) - y)^2 = 4 * 1/2 (s(2 z2) - (1 + y)/2)^2: the
    // sigmoid's path on a grid with w2 and b2 doubled (2 z2 = 2 w2 a1 + 2 b2) and the targets
    // moved to (1 + y)/2, times 4.
    if model.output == Activation::Tanh && model.cost == Cost::Squared {
        let doubled = Grid {
            w2_min: 2.0 * grid.w2_min,
            w2_max: 2.0 * grid.w2_max,
            ..*grid
        };
        let moved: Vec<Sample> = samples
            .iter()
            .map(|s| Sample {
                x: s.x,
                y: (1.0 + s.y) / 2.0,
            })
            .collect();
        let sigmoid = Model {
            output: Activation::Sigmoid,
            ..model
        };
        cost_surface_fast(b1, 2.0 * b2, &moved, sigmoid, &doubled, out, scratch);
        out.iter_mut().for_each(|c| *c *= 4.0);
        return;
    }
    // The recurrence below is the sigmoid output's. ReLU and linear outputs take the exact
    // path, which needs no exponential per cell for them: with the charts its fast form
    // (quadratics in w2 between the rows where a sample's z2 changes sign, to 1e-10 of the
    // plain loop), else the plain loop.
    if model.output != Activation::Sigmoid {
        #[cfg(feature = "charts")]
        return super::exact::cost_surface_exact(b1, b2, samples, model, grid, out);
        #[cfg(not(feature = "charts"))]
        return super::cost_surface(b1, b2, samples, model, grid, out);
    }
    let cost = model.cost;
    let chunks = n.div_ceil(4);
    scratch.fit(n, chunks);
    let dw2 = if n > 1 {
        (grid.w2_max - grid.w2_min) / (n - 1) as f64
    } else {
        0.0
    };
    let (w2_first, w2_last) = (grid.w2(0), grid.w2(n - 1));
    for s in samples {
        hidden(&mut scratch.a1, grid, s.x, b1, model.hidden);
        // z2 is linear in the row, so its ends bound it; the step per row bounds r and 1/r.
        let tame = scratch.a1.iter().all(|&a| {
            (w2_first * a + b2).abs() <= Z_RECURRENCE
                && (w2_last * a + b2).abs() <= Z_RECURRENCE
                && (a * dw2).abs() <= Z_RECURRENCE
        });
        if tame {
            recurrence(b2, s.y, cost, grid, dw2, scratch);
        } else {
            direct(b2, s.y, cost, grid, scratch);
        }
    }
    let count = samples.len().max(1) as f64;
    let scale = match cost {
        Cost::Squared => 0.5 / count,
        Cost::CrossEntropy => 1.0 / count,
    } as f32;
    for (row, acc) in out
        .chunks_exact_mut(n)
        .zip(scratch.acc.chunks_exact(chunks))
    {
        for (o4, a) in row.chunks_mut(4).zip(acc) {
            for (o, v) in o4.iter_mut().zip(a.to_array()) {
                *o = v * scale;
            }
        }
    }
}

/// a1 = s(w1 x + b1) for every column (and the padding, which repeats the last one).
///
/// z1 is linear in the column, so e^-z1 is geometric along the row: one f64 multiplication
/// per column (relative error < 1e-13 after 2048 columns) instead of an exponential, as
/// long as every e^-z1 stays finite; otherwise an exponential per column, clamped.
fn hidden(a1: &mut [f64], grid: &Grid, x: f64, b1: f64, g: Activation) {
    let n = grid.resolution;
    if g != Activation::Sigmoid {
        // tanh, ReLU and linear: computed exactly, once per column.
        for (j, a) in a1[..n].iter_mut().enumerate() {
            *a = g.apply(grid.w1(j) * x + b1);
        }
        let last = a1[n - 1];
        a1[n..].fill(last);
        return;
    }
    let (first, last) = (grid.w1(0) * x + b1, grid.w1(n - 1) * x + b1);
    let step = if n > 1 {
        (last - first) / (n - 1) as f64
    } else {
        0.0
    };
    let (cols, pad) = a1.split_at_mut(n);
    if first.abs() <= 700.0 && last.abs() <= 700.0 && step.abs() <= 700.0 {
        let (mut e, r) = (exp_f64(-first), exp_f64(-step));
        for a in cols.iter_mut() {
            *a = 1.0 / (1.0 + e);
            e *= r;
        }
    } else {
        for (j, a) in cols.iter_mut().enumerate() {
            // s(z1) = 1 / (1 + e^-z1), with exp clamped so that it stays finite.
            *a = 1.0 / (1.0 + exp_f64(-(grid.w1(j) * x + b1)));
        }
    }
    pad.fill(cols[n - 1]);
}

/// F4 from four consecutive columns starting at chunk k.
#[inline(always)]
fn gather(k: usize, f: impl Fn(usize) -> f32) -> F4 {
    F4::from_array([f(4 * k), f(4 * k + 1), f(4 * k + 2), f(4 * k + 3)])
}

/// e^x for four consecutive columns' x (f64, |x| <= ~86) to ~2e-7: x is split into
/// hi = x as f32 and lo = x - hi (|lo| <= 2^-24 |x|), and e^x = e^hi (1 + lo), whose error
/// lo^2 / 2 is below 1e-11.
#[inline(always)]
fn exp_of(k: usize, x: impl Fn(usize) -> f64) -> F4 {
    let hi = gather(k, |j| tame(x(j)));
    let lo = gather(k, |j| tame(x(j) - tame(x(j)) as f64));
    exp4(hi) * (F4::splat(1.0) + lo)
}

/// Adds one sample's cost (unscaled: d^2 for squared) to every cell, by the recurrence.
fn recurrence(b2: f64, y: f64, cost: Cost, grid: &Grid, dw2: f64, s: &mut Scratch) {
    let chunks = s.e.len();
    let ce = cost == Cost::CrossEntropy;
    let w2_first = grid.w2(0);
    for (j, &a) in s.a1.iter().enumerate() {
        s.chain_step[j] = exp_f64(-a * dw2); // r, for now
    }
    // e at row 0 to ~2e-7 (the f32 exp): a constant relative offset for the whole column.
    for (k, c) in s.chain.chunks_exact_mut(4).enumerate() {
        let e0 = exp_of(k, |j| -(w2_first * s.a1[j] + b2)).to_array();
        for (c, e0) in c.iter_mut().zip(e0) {
            *c = e0 as f64;
        }
    }
    let one = F4::splat(1.0);
    for k in 0..chunks {
        s.r[k] = gather(k, |j| s.chain_step[j] as f32);
    }
    if ce {
        for k in 0..chunks {
            s.rq[k] = one / s.r[k];
            s.dz[k] = gather(k, |j| tame(s.a1[j] * dw2));
        }
    }
    for r in &mut s.chain_step {
        *r = r.powi(BLOCK as i32);
    }
    let (y, a, nb) = (
        F4::splat(tame(y)),
        F4::splat(tame(1.0 - y)),
        F4::splat(-tame(y)),
    );
    let tiny = F4::splat(TINY);
    for (b, rows) in s.acc.chunks_mut(BLOCK * chunks).enumerate() {
        // Re-synchronise e (and q, z) from f64, and advance the chain to the next block.
        for k in 0..chunks {
            s.e[k] = gather(k, |j| s.chain[j] as f32);
        }
        for (c, st) in s.chain.iter_mut().zip(&s.chain_step) {
            *c *= st;
        }
        if ce {
            let w2 = grid.w2(b * BLOCK);
            for k in 0..chunks {
                s.q[k] = one / s.e[k];
                // |z2| <= Z_RECURRENCE here, so no clamp is needed.
                s.z[k] = gather(k, |j| (w2 * s.a1[j] + b2) as f32);
            }
        }
        let (e, r, q, rq, z, dz) = (
            &mut s.e[..chunks],
            &s.r[..chunks],
            &mut s.q[..chunks],
            &s.rq[..chunks],
            &s.z[..chunks],
            &s.dz[..chunks],
        );
        // Two rows per pass where possible: e, q and their factors are loaded once for both.
        let last = rows.len() / chunks - 1;
        let mut pairs = rows.chunks_exact_mut(2 * chunks);
        for (t, pair) in pairs.by_ref().enumerate() {
            let (row0, row1) = pair.split_at_mut(chunks);
            match cost {
                Cost::Squared => {
                    for k in 0..chunks {
                        let e0 = e[k];
                        let e1 = e0 * r[k];
                        e[k] = e1 * r[k];
                        row0[k] = row0[k] + squared(e0, y, one, tiny);
                        row1[k] = row1[k] + squared(e1, y, one, tiny);
                    }
                }
                Cost::CrossEntropy => {
                    let (t0, t1) = (F4::splat((2 * t) as f32), F4::splat((2 * t + 1) as f32));
                    for k in 0..chunks {
                        let (e0, q0) = (e[k], q[k]);
                        let (e1, q1) = (e0 * r[k], q0 * rq[k]);
                        e[k] = e1 * r[k];
                        q[k] = q1 * rq[k];
                        let (zb, dzk) = (z[k], dz[k]);
                        row0[k] = row0[k] + cross(e0, q0, zb + t0 * dzk, a, nb);
                        row1[k] = row1[k] + cross(e1, q1, zb + t1 * dzk, a, nb);
                    }
                }
            }
        }
        // An odd block (only the last can be) ends with a single row.
        let row = pairs.into_remainder();
        if !row.is_empty() {
            match cost {
                Cost::Squared => {
                    for k in 0..chunks {
                        row[k] = row[k] + squared(e[k], y, one, tiny);
                    }
                }
                Cost::CrossEntropy => {
                    let t = F4::splat(last as f32);
                    for k in 0..chunks {
                        row[k] = row[k] + cross(e[k], q[k], z[k] + t * dz[k], a, nb);
                    }
                }
            }
        }
    }
}

/// (y_hat - y)^2 with y_hat = 1 / (1 + e), kept >= 2^-62.
#[inline(always)]
fn squared(e: F4, y: F4, one: F4, tiny: F4) -> F4 {
    let d = (one / (one + e)).max_gt(tiny) - y;
    d * d
}

/// Cross-entropy from e = exp(-z2), q = exp(z2) and z2.
#[inline(always)]
fn cross(e: F4, q: F4, z: F4, a: F4, nb: F4) -> F4 {
    linear_part(z, a, nb) + ln_1p_unit4(e.min_lt(q))
}

/// Adds one sample's cost (unscaled) to every cell with z2 computed per cell in f64, as the
/// exact path does, for samples whose |z2| gets too large for the recurrence.
fn direct(b2: f64, y: f64, cost: Cost, grid: &Grid, s: &mut Scratch) {
    let chunks = s.z.len();
    let (y, a, nb) = (
        F4::splat(tame(y)),
        F4::splat(tame(1.0 - y)),
        F4::splat(-tame(y)),
    );
    let (one, tiny) = (F4::splat(1.0), F4::splat(TINY));
    for (i, row) in s.acc.chunks_exact_mut(chunks).enumerate() {
        let w2 = grid.w2(i);
        for (k, z) in s.z.iter_mut().enumerate() {
            *z = gather(k, |j| tame(w2 * s.a1[j] + b2));
        }
        match cost {
            Cost::Squared => {
                for (acc, &z) in row.iter_mut().zip(&s.z) {
                    let m = exp4(-z.abs());
                    let inv = one / (one + m);
                    let d = F4::select_nonneg(z, inv, m * inv).max_gt(tiny) - y;
                    *acc = *acc + d * d;
                }
            }
            Cost::CrossEntropy => {
                for (acc, &z) in row.iter_mut().zip(&s.z) {
                    *acc = *acc + (linear_part(z, a, nb) + ln_1p_unit4(exp4(-z.abs())));
                }
            }
        }
    }
}

/// v as f32, kept finite (|v| <= 1e30, so that 0 * v is 0, never NaN) and flushed to 0 below
/// 1e-30, so that no subnormal f32 ever enters the inner loops: wasm keeps IEEE subnormals,
/// and on x86 every operation that meets one costs a microcode assist (~100 cycles).
#[inline(always)]
fn tame(v: f64) -> f32 {
    if v.abs() < 1e-30 {
        0.0
    } else {
        v.clamp(-1e30, 1e30) as f32
    }
}

/// y softplus(-z) + (1 - y) softplus(z) - ln(1 + exp(-|z|)) = max((1 - y) z, -y z),
/// given a = 1 - y and nb = -y.
#[inline(always)]
fn linear_part(z: F4, a: F4, nb: F4) -> F4 {
    (a * z).max_gt(nb * z)
}
