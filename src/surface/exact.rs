//! The exact path, fast: the same mean-cost grid as [`super::cost_surface`] (the plain loop,
//! kept as the reference), in f64 to < 1e-9 relative (mostly ~1e-14), for `costSurface`.
//! Only in the whole core (the `charts` feature): the page's first part keeps the plain loop,
//! for size.
//!
//! # The idea
//!
//! The picture path's ([`super::fast`]), in f64: for a fixed column j (w1) and sample, a1 is
//! fixed and z2 is linear in the row i, so e_i = exp(-z2_i) = e_0 r^i with r = exp(-a1 dw2),
//! one multiplication per cell instead of an exponential. Two columns at a time ([`F2`]:
//! wasm `f64x2`, or a plain `[f64; 2]` natively, the same IEEE operations either way).
//!
//! * Order: GROUP column pairs at a time, every sample in turn down each whole column, so
//!   the group's sums (32 KB at n = 256) stay in cache and each row's means go out together.
//!   Down a column the recurrence restarts every [`BLOCK`] rows from the chain e_0 R^b,
//!   R = r^BLOCK, and inside a block takes four rows a pass (e, e r, e r^2, e r^3: only one
//!   multiplication, by r^4, between passes). With a few ulp per product the drift stays
//!   below ~(n / BLOCK + BLOCK) * 4e-16, about 1e-14 even at 2048 rows.
//! * Range ("tame"): a (sample, column) takes the recurrence only if
//!   |w2| |a1| + |b2| <= [`Z_TAME`] over the grid (times 2 for tanh), so that e, 1/e and the
//!   products below stay normal f64 and z2's own rounding is small. Otherwise its cells are
//!   computed one by one, as the plain loop does.
//! * Squared, sigmoid output: d = y_hat - y with y_hat = 1 / (1 + e); two rows share one
//!   division: 1 / ((1 + e0)(1 + e1)) times the other (one shared by four took more
//!   multiplications than the division it saved: 7% slower in Chromium). For y = 1 the
//!   form d = -e y_hat keeps every digit where y_hat rounds to 1 (the plain loop's s(z) - 1
//!   keeps none there). Where y_hat crosses y (0 < y < 1) the difference cancels: the rows
//!   where |d| can be below 2 [`CANCEL`] (a band of z2 around logit(y), found once per
//!   column) check every cell, and a cell with |d| < CANCEL is computed as the plain loop
//!   computes it, bit for bit. Elsewhere d's error (~1e-14 y_hat (1 - y_hat) + a few ulp) is
//!   < 1e-9 |d|.
//! * Squared, tanh output: tanh(z) = 2 s(2z) - 1, so tanh(z2) - y = 2 / (1 + exp(-2 z2)) -
//!   (1 + y): the sigmoid's kernel with z2 doubled, numerator 2 and target 1 + y.
//! * Cross-entropy (sigmoid output): C = max((1 - y) z2, -y z2) + ln(1 + exp(-|z2|)), both
//!   terms >= 0, so nothing cancels (see `fast.rs`); z2 per cell as the plain loop computes
//!   it; exp(-|z2|) = min(e, 1/e) enters only through s = m / (2 + m) =
//!   min(e, 1) / ((1 + e) + max(e, 1)), one division; ln(1 + m) = 2 atanh(s) by [`ln_1p`].
//! * ReLU and linear outputs: down a column the sum over the samples is a quadratic in w2
//!   between the rows where a sample's z2 changes sign (none for a linear output), found by
//!   bisection with the plain loop's own test: A w2^2 + 2 B w2 + C per cell, A, B, C from
//!   prefix and suffix sums over the samples ([`Plan::quadratic`]). Where that form could
//!   cancel (near a perfect fit) the cell is summed as the plain loop sums it, bit for bit;
//!   elsewhere it is within 1e-10 of it.
//! * Cross-entropy with another output (which `Model::check` refuses): the plain loop.
//!
//! Every term is >= 0, so the sums over samples keep each term's relative error.

use super::Grid;
use super::approx::{Lanes, exp_lanes};
use super::lanes::F2;

mod quadratic;
use crate::activation::Activation;
use crate::cost::Cost;
use crate::net::{Model, Sample};

/// Rows between restarts of the recurrence from the chain (a multiple of 4).
pub const BLOCK: usize = 64;

/// Column pairs done together (16 columns: a 64-byte line of f32 means per row).
const GROUP: usize = 8;

/// Largest |w2| |a1| + |b2| (|z2| and its parts) for which a (sample, column) takes the
/// recurrence: a product of two (1 + e), e <= e^170, stays far below f64's largest number
/// (e^709), and e^-170 far above its smallest normal one; z2's rounding (< 170 * 1.1e-16)
/// moves e by < 2e-14.
pub const Z_TAME: f64 = 170.0;

/// Where |y_hat - y| (times 2 for tanh) is below this, the cell is computed as the plain loop
/// does: d's error of ~1e-14 is then still < 1e-9 of d elsewhere (< 2e-10 relative in d^2).
pub const CANCEL: f64 = 1e-4;

/// The exact surface, fast: the same layout, meaning and accuracy as [`super::cost_surface`]
/// (`out[i * resolution + j]` is the mean cost at w1 = grid.w1(j), w2 = grid.w2(i)), each
/// mean within 1e-9 relative (mostly ~1e-14) of the plain loop's before both are rounded to
/// f32 (tested in `tests/surface_exact.rs`; where the plain loop's own s(z) - 1 has lost its
/// digits, y = 1 and y_hat near 1, this one is the closer to the exact value).
pub fn cost_surface_exact(
    b1: f64,
    b2: f64,
    samples: &[Sample],
    model: Model,
    grid: &Grid,
    out: &mut [f32],
) {
    let n = grid.resolution;
    assert_eq!(out.len(), n * n, "out must hold resolution^2 values");
    let Some(kernel) = Kernel::of(model) else {
        return super::cost_surface(b1, b2, samples, model, grid, out);
    };
    let plan = Plan::new(b1, b2, samples, model, kernel, grid);
    plan.means(samples, |i, j, m| {
        let m = m.to_array();
        out[i * n + j] = m[0] as f32;
        if j + 1 < n {
            out[i * n + j + 1] = m[1] as f32;
        }
    });
}

/// The means of [`cost_surface_exact`] before they are rounded to f32, row-major.
pub fn cost_means_exact(
    b1: f64,
    b2: f64,
    samples: &[Sample],
    model: Model,
    grid: &Grid,
) -> Vec<f64> {
    let Some(kernel) = Kernel::of(model) else {
        return super::cost_means(b1, b2, samples, model, grid);
    };
    let n = grid.resolution;
    let mut out = vec![0.0; n * n];
    let plan = Plan::new(b1, b2, samples, model, kernel, grid);
    plan.means(samples, |i, j, m| {
        let m = m.to_array();
        out[i * n + j] = m[0];
        if j + 1 < n {
            out[i * n + j + 1] = m[1];
        }
    });
    out
}

/// What one term costs to compute, by output and cost.
#[derive(Clone, Copy, PartialEq)]
enum Kernel {
    /// 1/2 (y_hat - y)^2 after a sigmoid (or, doubled, a tanh) output.
    Squared {
        doubled: bool,
    },
    CrossEntropy,
    /// 1/2 (y_hat - y)^2 after a ReLU or linear output.
    Piecewise {
        relu: bool,
    },
}

impl Kernel {
    /// The kernel for a model, or None for cross-entropy after an output other than the
    /// sigmoid (which `Model::check` refuses): the plain loop takes those.
    fn of(model: Model) -> Option<Kernel> {
        Some(match (model.output, model.cost) {
            (Activation::Sigmoid, Cost::Squared) => Kernel::Squared { doubled: false },
            (Activation::Tanh, Cost::Squared) => Kernel::Squared { doubled: true },
            (Activation::Sigmoid, Cost::CrossEntropy) => Kernel::CrossEntropy,
            (Activation::Relu, Cost::Squared) => Kernel::Piecewise { relu: true },
            (Activation::Linear, Cost::Squared) => Kernel::Piecewise { relu: false },
            _ => return None,
        })
    }
}

/// A (sample, column pair)'s recurrence: e at the current block's first row, its factors per
/// row (r) and per block (big = r^BLOCK); whether it is tame; the rows where y_hat - y may
/// cancel (`check.0..check.1`, empty if it cannot).
#[derive(Clone, Copy)]
struct State {
    e: F2,
    r: F2,
    big: F2,
    tame: bool,
    check: (usize, usize),
}

/// Everything fixed for one call: the grid's rows, the hidden activations per sample.
struct Plan {
    model: Model,
    kernel: Kernel,
    b2: f64,
    /// Column pairs (columns padded to even; the padding repeats the last column).
    pairs: usize,
    n: usize,
    /// w2 at each row, as the plain loop has it (and the last three times more, for the
    /// rows past the end of a last pass of four, whose terms are dropped).
    w2: Vec<f64>,
    /// The step of w2 per row.
    dw2: f64,
    /// a1 per sample and column (padded), as the plain loop computes it.
    a1: Vec<f64>,
}

impl Plan {
    fn new(
        b1: f64,
        b2: f64,
        samples: &[Sample],
        model: Model,
        kernel: Kernel,
        grid: &Grid,
    ) -> Plan {
        let n = grid.resolution;
        let pairs = n.div_ceil(2);
        let mut a1 = Vec::with_capacity(samples.len() * pairs * 2);
        for s in samples {
            a1.extend((0..pairs * 2).map(|j| model.hidden.apply(grid.w1(j.min(n - 1)) * s.x + b1)));
        }
        let dw2 = if n > 1 {
            (grid.w2_max - grid.w2_min) / (n - 1) as f64
        } else {
            0.0
        };
        Plan {
            model,
            kernel,
            b2,
            pairs,
            n,
            w2: (0..n + 3).map(|i| grid.w2(i.min(n - 1))).collect(),
            dw2,
            a1,
        }
    }

    /// The means, a column pair at a time: `put(i, j, means at columns j and j + 1)` for
    /// every row i and even j (the second lane past the last column is to be dropped).
    fn means(&self, samples: &[Sample], mut put: impl FnMut(usize, usize, F2)) {
        let (n, kernel, plan) = (self.n, self.kernel, self);
        if samples.is_empty() {
            // The plain loop's 0 / 1.
            let zero = F2::splat(0.0);
            return (0..n).for_each(|i| (0..n).step_by(2).for_each(|j| put(i, j, zero)));
        }
        // Squared sums hold 2C (d^2); (sum * 0.5) / count is the plain loop's sum / count,
        // and so is sum * (0.5 / count) when count is a power of 2 (no product here rounds).
        let half = if kernel == Kernel::CrossEntropy {
            1.0
        } else {
            0.5
        };
        let half = F2::splat(half);
        let count = samples.len();
        let (by, scale) = (
            F2::splat(count as f64),
            half * F2::splat(1.0 / count as f64),
        );
        let mean = |sum: F2| {
            if count.is_power_of_two() {
                sum * scale
            } else {
                (sum * half) / by
            }
        };
        if let Kernel::Piecewise { relu } = kernel {
            let put = |i, j, sum| put(i, j, mean(sum));
            return match relu {
                true => plan.piecewise::<true>(samples, put),
                false => plan.piecewise::<false>(samples, put),
            };
        }
        let bands: Vec<_> = samples.iter().map(|s| plan.cancelling(s.y)).collect();
        // GROUP column pairs at a time, every sample in turn: their sums (GROUP x n F2s, 32 KB
        // at n = 256) stay in cache, and each row's 2 GROUP means go out together.
        let mut acc = vec![F2::splat(0.0); GROUP * n];
        for k0 in (0..plan.pairs).step_by(GROUP) {
            let ks = k0..plan.pairs.min(k0 + GROUP);
            acc.fill(F2::splat(0.0));
            for (s, sample) in samples.iter().enumerate() {
                for (k, acc) in ks.clone().zip(acc.chunks_exact_mut(n)) {
                    let st = plan.state(s, bands[s], k);
                    plan.column(s, sample.y, &st, k, acc);
                }
            }
            for i in 0..n {
                for (k, acc) in ks.clone().zip(acc.chunks_exact(n)) {
                    put(i, 2 * k, mean(acc[i]));
                }
            }
        }
    }

    /// a1 of sample s at column pair k.
    fn a(&self, s: usize, k: usize) -> [f64; 2] {
        [self.a1_at(s, 2 * k), self.a1_at(s, 2 * k + 1)]
    }

    /// a1 of sample s at (padded) column j.
    #[inline(always)]
    fn a1_at(&self, s: usize, j: usize) -> f64 {
        self.a1[s * 2 * self.pairs + j]
    }

    /// Sample s's recurrence down column pair k; `band` is [`Plan::cancelling`]'s for it.
    #[inline(always)]
    fn state(&self, s: usize, band: Option<(f64, f64)>, k: usize) -> State {
        let zs = if self.kernel == (Kernel::Squared { doubled: true }) {
            2.0
        } else {
            1.0
        };
        let w2_abs = self.w2[0].abs().max(self.w2[self.n - 1].abs());
        let a = self.a(s, k);
        let tame = a
            .iter()
            .all(|a| zs * (w2_abs * a.abs() + self.b2.abs()) <= Z_TAME);
        let z0 = a.map(|a| zs * (self.w2[0] * a + self.b2));
        let step = a.map(|a| zs * (a * self.dw2));
        let r = exp_lanes(F2::from_array(step.map(|x| -x)));
        let mut big = r;
        for _ in 0..BLOCK.trailing_zeros() {
            big = big * big;
        }
        State {
            e: exp_lanes(F2::from_array(z0.map(|z| -z))),
            r,
            big,
            tame,
            check: band.map_or((0, 0), |band| self.rows_in(band, z0, step)),
        }
    }

    /// For the squared cost after a sigmoid or tanh output, the band of (scaled) z2 where
    /// |d| may be below 2 CANCEL, if y_hat can cross y at all (0 < target < num).
    fn cancelling(&self, y: f64) -> Option<(f64, f64)> {
        let (num, target) = match self.kernel {
            Kernel::Squared { doubled: false } => (1.0, y),
            Kernel::Squared { doubled: true } => (2.0, 1.0 + y),
            _ => return None,
        };
        if !(0.0 < target && target < num) {
            return None;
        }
        // num s(z) - target = +-2 CANCEL at z = logit((target -+ 2 CANCEL) / num).
        let logit = |p: f64| match p {
            p if p <= 0.0 => f64::NEG_INFINITY,
            p if p >= 1.0 => f64::INFINITY,
            p => (p / (1.0 - p)).ln(),
        };
        Some((
            logit((target - 2.0 * CANCEL) / num),
            logit((target + 2.0 * CANCEL) / num),
        ))
    }

    /// The rows (a range, one row of margin each side) where z0 + i step is in the band,
    /// for either column of a pair.
    fn rows_in(&self, band: (f64, f64), z0: [f64; 2], step: [f64; 2]) -> (usize, usize) {
        let mut rows = (self.n, 0);
        for l in 0..2 {
            let (lo, hi) = if step[l] == 0.0 {
                if band.0 <= z0[l] && z0[l] <= band.1 {
                    (0.0, self.n as f64)
                } else {
                    continue;
                }
            } else {
                let (i0, i1) = ((band.0 - z0[l]) / step[l], (band.1 - z0[l]) / step[l]);
                (i0.min(i1), i0.max(i1))
            };
            // `as usize` saturates (-inf to 0, +inf to usize::MAX).
            let from = (lo.floor() - 1.0).max(0.0) as usize;
            let to = ((hi.ceil() + 2.0).max(0.0) as usize).min(self.n);
            if from < to {
                rows = (rows.0.min(from), rows.1.max(to));
            }
        }
        if rows.0 < rows.1 { rows } else { (0, 0) }
    }

    /// Adds sample s's terms to column pair k's sums (`acc`, one per row).
    fn column(&self, s: usize, y: f64, st: &State, k: usize, acc: &mut [F2]) {
        let a = self.a(s, k);
        if !st.tame {
            return self.direct(y, a, acc);
        }
        match self.kernel {
            Kernel::Piecewise { .. } => unreachable!("the piecewise kernel has its own loop"),
            Kernel::CrossEntropy => cross_entropy(y, st, self.z_of(a), acc),
            Kernel::Squared { doubled } => self.squared(doubled, y, st, a, acc),
        }
    }

    /// z2 at row i for columns a, as the plain loop computes it.
    #[inline(always)]
    fn z_of(&self, a: [f64; 2]) -> impl Fn(usize) -> F2 + '_ {
        let (a, b2) = (F2::from_array(a), F2::splat(self.b2));
        move |i| F2::splat(self.w2[i]) * a + b2
    }

    /// Twice the plain loop's term (the squared sums hold 2C), or once for cross-entropy;
    /// for y = 1 after a sigmoid or tanh, in the form that keeps its digits.
    fn term(&self, z: f64, y: f64) -> f64 {
        let m = self.model;
        match (m.cost, m.output) {
            // 1 - s(z) = 1 / (1 + e^z); 1 - tanh(z) = 2 / (1 + e^2z).
            (Cost::Squared, Activation::Sigmoid) if y == 1.0 => (1.0 / (1.0 + z.exp())).powi(2),
            (Cost::Squared, Activation::Tanh) if y == 1.0 => {
                (2.0 / (1.0 + (2.0 * z).exp())).powi(2)
            }
            (Cost::Squared, _) => 2.0 * m.cost_at(z, y),
            (Cost::CrossEntropy, _) => m.cost_at(z, y),
        }
    }

    /// Every cell one by one, as the plain loop does (a column pair outside the tame range).
    fn direct(&self, y: f64, a: [f64; 2], acc: &mut [F2]) {
        for (acc, &w2) in acc.iter_mut().zip(&self.w2) {
            let v = a.map(|a| self.term(w2 * a + self.b2, y));
            *acc = *acc + F2::from_array(v);
        }
    }

    /// Squared cost after a sigmoid (or tanh, `doubled`) output, by the recurrence.
    fn squared(&self, doubled: bool, y: f64, st: &State, a: [f64; 2], acc: &mut [F2]) {
        // d = num y_hat - target, y_hat = 1 / (1 + e); two rows share one division:
        // 1 / (p0 p1), p = 1 + e <= 1 + e^Z_TAME, so the product stays finite.
        let (num, target) = if doubled { (2.0, 1.0 + y) } else { (1.0, y) };
        let one = F2::splat(1.0);
        let (numv, tv) = (F2::splat(num), F2::splat(target));
        let y_hats = |e: &Quad| {
            let p = Quad(one + e.0, one + e.1, one + e.2, one + e.3);
            let (i01, i23) = (numv / (p.0 * p.1), numv / (p.2 * p.3));
            Quad(p.1 * i01, p.0 * i01, p.3 * i23, p.2 * i23)
        };
        if target == num {
            // y = 1: d = -num e y_hat, no cancellation.
            return run(
                st,
                acc,
                |_, e| {
                    let h = y_hats(&e);
                    let d = Quad(e.0 * h.0, e.1 * h.1, e.2 * h.2, e.3 * h.3);
                    Quad(d.0 * d.0, d.1 * d.1, d.2 * d.2, d.3 * d.3)
                },
                no_check,
            );
        }
        let d_of = |e: &Quad| {
            let h = y_hats(e);
            Quad(h.0 - tv, h.1 - tv, h.2 - tv, h.3 - tv)
        };
        // Rows where d may cancel, from..to, are checked (in the blocks that meet them); the
        // others need not be.
        let (from, to) = st.check;
        run(
            st,
            acc,
            |_, e| {
                let d = d_of(&e);
                // The band is a superset of where |d| < CANCEL (tested in debug builds).
                debug_assert!(target <= 0.0 || [d.0, d.1, d.2, d.3].iter().all(|d| !small(*d)));
                Quad(d.0 * d.0, d.1 * d.1, d.2 * d.2, d.3 * d.3)
            },
            |i, e| {
                let d = d_of(&e);
                if i + 3 >= from && i < to {
                    return self.checked(d, i, a, y);
                }
                Quad(d.0 * d.0, d.1 * d.1, d.2 * d.2, d.3 * d.3)
            },
        );
    }

    /// d^2 for rows i to i + 3, or where |d| < CANCEL, the plain loop's term (times 2), bit
    /// for bit.
    #[inline(never)]
    fn checked(&self, d: Quad, i: usize, a: [f64; 2], y: f64) -> Quad {
        let one = |d: F2, i: usize| {
            if !small(d) {
                return d * d;
            }
            let d = d.to_array();
            let mut v = [d[0] * d[0], d[1] * d[1]];
            for l in 0..2 {
                if d[l].abs() < CANCEL {
                    v[l] = self.term(self.w2[i] * a[l] + self.b2, y);
                }
            }
            F2::from_array(v)
        };
        Quad(
            one(d.0, i),
            one(d.1, i + 1),
            one(d.2, i + 2),
            one(d.3, i + 3),
        )
    }
}

impl Lanes for F2 {
    #[inline(always)]
    fn splat(x: f64) -> F2 {
        F2::splat(x)
    }
    #[inline(always)]
    fn clamp_to(self, lo: f64, hi: f64) -> F2 {
        self.max_gt(F2::splat(lo)).min_lt(F2::splat(hi))
    }
    #[inline(always)]
    fn add_exponent(self, t: F2, shifter: f64) -> F2 {
        F2::add_exponent(self, t, shifter)
    }
}

/// Whether either lane of d is below CANCEL in size.
#[inline(always)]
fn small(d: F2) -> bool {
    d.to_array().iter().any(|d| d.abs() < CANCEL)
}

/// Runs the recurrence down a column (`acc` holds its rows' sums) four rows at a pass,
/// adding `terms(i, [e_i, .., e_i+3])` to rows i to i + 3 (a last pass of fewer rows keeps
/// only theirs). e restarts at every block from the chain e_0 big^b; inside a block e r,
/// e r^2, e r^3 are independent products and e steps by r^4, so one multiplication lies
/// between passes. A block that meets the rows `st.check` takes `careful` instead of
/// `terms`, so the others carry no test at all (a test in every pass kept each pass's values
/// on the stack for the careful call: 4 stores a pass, 5-7% of the time).
#[inline(always)]
fn run(
    st: &State,
    acc: &mut [F2],
    mut terms: impl FnMut(usize, Quad) -> Quad,
    mut careful: impl FnMut(usize, Quad) -> Quad,
) {
    let r = st.r;
    let r2 = r * r;
    let powers = (r, r2, r2 * r, r2 * r2);
    let (from, to) = st.check;
    let mut chain = st.e;
    for (b, block) in acc.chunks_mut(BLOCK).enumerate() {
        let i = b * BLOCK;
        if i < to && from < i + block.len() {
            passes(chain, powers, i, block, &mut careful);
        } else {
            passes(chain, powers, i, block, &mut terms);
        }
        chain = chain * st.big;
    }
}

/// One block of [`run`]: its rows from i, e at the first, with r, r^2, r^3 and r^4.
#[inline(always)]
fn passes(
    mut e: F2,
    (r, r2, r3, r4): (F2, F2, F2, F2),
    mut i: usize,
    block: &mut [F2],
    terms: &mut impl FnMut(usize, Quad) -> Quad,
) {
    let mut four = block.chunks_exact_mut(4);
    for rows in four.by_ref() {
        let v = terms(i, Quad(e, e * r, e * r2, e * r3));
        rows[0] = rows[0] + v.0;
        rows[1] = rows[1] + v.1;
        rows[2] = rows[2] + v.2;
        rows[3] = rows[3] + v.3;
        e = e * r4;
        i += 4;
    }
    let rest = four.into_remainder();
    if !rest.is_empty() {
        // Rows past the end repeat the last one: extrapolated, e could leave the tame
        // range, and the squared kernel's shared product with it.
        let (e1, e2) = (e * r, e * r2);
        let e1 = if rest.len() > 1 { e1 } else { e };
        let e2 = if rest.len() > 2 { e2 } else { e1 };
        let v = terms(i, Quad(e, e1, e2, e2));
        for (acc, v) in rest.iter_mut().zip([v.0, v.1, v.2]) {
            *acc = *acc + v;
        }
    }
}

/// Four rows' values (of one column pair).
struct Quad(F2, F2, F2, F2);

/// Cross-entropy after a sigmoid output: max((1 - y) z, -y z) + ln(1 + exp(-|z|)).
fn cross_entropy(y: f64, st: &State, z: impl Fn(usize) -> F2, acc: &mut [F2]) {
    let (ay, ny, one) = (F2::splat(1.0 - y), F2::splat(-y), F2::splat(1.0));
    let term = |i: usize, e: F2| {
        let z = z(i);
        // m = exp(-|z|) = min(e, 1/e); s = m / (2 + m) = min(e, 1) / ((1 + e) + max(e, 1)).
        let s = e.min_lt(one) / ((one + e) + e.max_gt(one));
        (ay * z).max_gt(ny * z) + ln_1p_s(s)
    };
    run(
        st,
        acc,
        |i, e| {
            Quad(
                term(i, e.0),
                term(i + 1, e.1),
                term(i + 2, e.2),
                term(i + 3, e.3),
            )
        },
        no_check,
    );
}

/// The careful terms of a kernel that never cancels (its [`State::check`] is empty).
fn no_check(_: usize, _: Quad) -> Quad {
    unreachable!("only the squared kernel with 0 < y < 1 has rows to check")
}

/// ln(1 + m) from s = m / (2 + m) in [0, 1/3]: 2 atanh(s) = 2s (1 + w/3 + w^2/5 + ...),
/// w = s^2 <= 1/9, the series to w^12. Truncation: the rest is < w^13 / 27 / (1 - w)
/// <= 9^-13 / 27 * 9/8 < 1.7e-14 relative; with rounding the error is < 2e-14 relative, for
/// every m in [0, 1] however small (tested in tests/surface_exact.rs through [`ln_1p`]).
#[inline(always)]
fn ln_1p_s(s: F2) -> F2 {
    // 1 / (2k + 1), k = 12 down to 0.
    const C: [f64; 13] = [
        1.0 / 25.0,
        1.0 / 23.0,
        1.0 / 21.0,
        1.0 / 19.0,
        1.0 / 17.0,
        1.0 / 15.0,
        1.0 / 13.0,
        1.0 / 11.0,
        1.0 / 9.0,
        1.0 / 7.0,
        1.0 / 5.0,
        1.0 / 3.0,
        1.0,
    ];
    let w = s * s;
    let mut p = F2::splat(C[0]);
    for c in &C[1..] {
        p = p * w + F2::splat(*c);
    }
    (s + s) * p
}

/// ln(1 + m) for m in [0, 1], as the cross-entropy kernel computes it (relative error
/// < 2e-14, see `ln_1p_s`).
pub fn ln_1p(m: f64) -> f64 {
    ln_1p_s(F2::splat(m / (2.0 + m))).to_array()[0]
}
