//! The exact path's kernel after a ReLU or linear output: down a column the sum over the
//! samples is a quadratic in w2 between the rows where a sample's z2 changes sign (see
//! [`Plan::quadratic`]).

use super::{F2, GROUP, Plan};
use crate::net::Sample;

/// The quadratic form's guard, per sample (plus 8): a ReLU or linear output's sum is taken
/// from A w2^2 + 2 B w2 + C only where it is at least (count + 8) times this of its terms'
/// sizes (see [`Plan::quadratic`]); there its error, below (count + 8) eps/2 of those sizes,
/// is under 1e-10 of the sum (eps/2 / 1e-10 = 1.1e-6).
pub const QUADRATIC_GUARD: f64 = 1.2e-6;

impl Plan {
    /// ReLU or linear output, by quadratics: `put(i, j, sums)` for the pair at columns j,
    /// j + 1, GROUP pairs at a time (each column's sums of d^2 down its rows first).
    pub(super) fn piecewise<const RELU: bool>(
        &self,
        samples: &[Sample],
        mut put: impl FnMut(usize, usize, F2),
    ) {
        let n = self.n;
        let mut sums = vec![0.0; 2 * GROUP * n];
        let mut scratch = Scratch::default();
        for k0 in (0..self.pairs).step_by(GROUP) {
            let ks = k0..self.pairs.min(k0 + GROUP);
            for (c, col) in sums.chunks_exact_mut(n).take(2 * ks.len()).enumerate() {
                self.quadratic::<RELU>(samples, 2 * k0 + c, col, &mut scratch);
            }
            for i in 0..n {
                for k in ks.clone() {
                    let c = 2 * (k - k0);
                    put(
                        i,
                        2 * k,
                        F2::from_array([sums[c * n + i], sums[(c + 1) * n + i]]),
                    );
                }
            }
        }
    }

    /// Column j's sums of d^2, one per row, after a ReLU or linear output. Down a column the
    /// rows where a sample's z2 > 0 are a prefix or a suffix (z2 = w2 a1 + b2 is monotone in
    /// w2, and so is its rounding), found by bisection with the plain loop's own test; between
    /// the rows where one changes, the set of active samples is fixed and the sum is a
    /// quadratic in w2: sum of (a w2 + t)^2 over the active (t = b2 - y) and y^2 over the
    /// others, A w2^2 + 2 B w2 + C, a few operations a cell instead of a pass over the samples.
    /// With the samples in the order of the row where they change, each stretch's A, B, C
    /// are a prefix sum plus a suffix sum (additions only). Where that form could cancel (the
    /// sum below [`QUADRATIC_GUARD`] times the number of samples, relative to its terms' sizes
    /// M = A w2^2 + 2 |B|' |w2| + C, |B|' the sum of |a t|) the cell is summed sample by
    /// sample as the plain loop does; elsewhere its error (< (count + 8) eps/2 M) is < 1e-10
    /// of the sum.
    fn quadratic<const RELU: bool>(
        &self,
        samples: &[Sample],
        j: usize,
        col: &mut [f64],
        scratch: &mut Scratch,
    ) {
        let (n, b2, w2) = (self.n, self.b2, &self.w2[..self.n]);
        let Scratch {
            order,
            prefix,
            suffix,
        } = scratch;
        // Each sample: (the row where its activity changes, or n; its terms [a^2, a t, |a t|,
        // t^2] or, while not active, [0, 0, 0, y^2], before that row; after it).
        order.clear();
        for (s, sample) in samples.iter().enumerate() {
            let a = self.a1_at(s, j);
            // The ReLU's max(z, 0) as Activation::Relu has it: z > 0 ? z : 0.
            let active = |i: usize| !RELU || w2[i] * a + b2 > 0.0;
            let first = active(0);
            let mut change = n;
            if active(n - 1) != first {
                // active(lo) == first != active(hi).
                let (mut lo, mut hi) = (0, n - 1);
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2;
                    if active(mid) == first {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                change = hi;
            }
            let t = b2 - sample.y;
            let on = [a * a, a * t, (a * t).abs(), t * t];
            let off = [0.0, 0.0, 0.0, sample.y * sample.y];
            let (before, after) = if first { (on, off) } else { (off, on) };
            order.push((change, before, after));
        }
        order.sort_unstable_by_key(|o| o.0);
        // prefix[p]: the terms after their change of the first p samples in that order;
        // suffix[p]: the terms before it of the others.
        // (Written out: `array::from_fn` is not inlined at opt-level "s", see lanes.rs.)
        let add = |x: [f64; 4], y: [f64; 4]| [x[0] + y[0], x[1] + y[1], x[2] + y[2], x[3] + y[3]];
        prefix.clear();
        prefix.push([0.0; 4]);
        for o in order.iter() {
            prefix.push(add(*prefix.last().unwrap(), o.2));
        }
        suffix.clear();
        suffix.resize(order.len() + 1, [0.0; 4]);
        for (p, o) in order.iter().enumerate().rev() {
            suffix[p] = add(suffix[p + 1], o.1);
        }
        let guard = (samples.len() + 8) as f64 * QUADRATIC_GUARD;
        let (mut lo, mut p) = (0, 0);
        while lo < n {
            while p < order.len() && order[p].0 <= lo {
                p += 1;
            }
            let hi = order.get(p).map_or(n, |o| o.0);
            let [qa, qb, qb_abs, qc] = add(prefix[p], suffix[p]);
            let v = |w: f64| (qa * w + 2.0 * qb) * w + qc;
            let size = |w: f64| (qa * w.abs() + 2.0 * qb_abs) * w.abs() + qc;
            // The least sum over these rows (a convex quadratic: at an end or the vertex)
            // against the largest size (at an end): far enough apart, no cell needs a check.
            let (w_lo, w_hi) = (w2[lo], w2[hi - 1]);
            let mut least = v(w_lo).min(v(w_hi));
            if qa > 0.0 && w_lo < -qb / qa && -qb / qa < w_hi {
                least = least.min(v(-qb / qa));
            }
            let cells = col[lo..hi].iter_mut().zip(&w2[lo..hi]);
            if least >= 2.0 * guard * size(w_lo).max(size(w_hi)) {
                cells.for_each(|(c, &w)| *c = v(w));
            } else {
                for (i, (c, &w)) in (lo..).zip(cells) {
                    let sum = v(w);
                    *c = if sum >= guard * size(w) {
                        sum
                    } else {
                        self.summed(samples, j, i)
                    };
                }
            }
            lo = hi;
        }
    }

    /// The plain loop's sum of d^2 at row i of column j, bit for bit (the samples in order).
    fn summed(&self, samples: &[Sample], j: usize, i: usize) -> f64 {
        samples.iter().enumerate().fold(0.0, |sum, (s, sample)| {
            let z = self.w2[i] * self.a1_at(s, j) + self.b2;
            let d = self.model.output.apply(z) - sample.y;
            sum + d * d
        })
    }
}

/// The ReLU and linear kernel's buffers, kept from column to column: each sample's (row of
/// change, terms before, terms after) in the order of the change, and the prefix and suffix
/// sums of those terms (see [`Plan::quadratic`]).
#[derive(Default)]
struct Scratch {
    order: Vec<(usize, [f64; 4], [f64; 4])>,
    prefix: Vec<[f64; 4]>,
    suffix: Vec<[f64; 4]>,
}
