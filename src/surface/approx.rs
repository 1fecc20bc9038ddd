//! The fast path's approximations, each with its error bound (tested in
//! tests/surface_fast.rs): e^x in f64 and in four f32 lanes, and ln(1 + m) for m in [0, 1].

use super::lanes::F4;
use std::ops::{Add, Mul, Sub};

/// e^x in f64 for x in [-708, 709] (clamped to it outside), relative error < 1e-15: for
/// the per-column set-up (r and the f64 chain), about twice as fast as `f64::exp` in wasm.
/// Branch-free.
///
/// The same Cody-Waite reduction as [`exp_f32`], e^f by its Taylor series to f^12
/// (|f| <= ln2/2: truncation < 2e-16).
pub fn exp_f64(x: f64) -> f64 {
    exp_lanes(x)
}

/// What [`exp_lanes`] needs of a number type: f64 here, two f64 lanes in the exact path.
pub(super) trait Lanes:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self>
{
    fn splat(x: f64) -> Self;
    /// x clamped to [lo, hi] (lo if below, hi if above).
    fn clamp_to(self, lo: f64, hi: f64) -> Self;
    /// self * 2^k, where t = shifter + k (k in the low mantissa bits of t), by integer
    /// addition to the exponent field.
    fn add_exponent(self, t: Self, shifter: f64) -> Self;
}

impl Lanes for f64 {
    #[inline(always)]
    fn splat(x: f64) -> f64 {
        x
    }
    #[inline(always)]
    fn clamp_to(self, lo: f64, hi: f64) -> f64 {
        let x = if self < lo { lo } else { self };
        if x > hi { hi } else { x }
    }
    #[inline(always)]
    fn add_exponent(self, t: f64, shifter: f64) -> f64 {
        let k_bits = t.to_bits().wrapping_sub(shifter.to_bits());
        f64::from_bits(self.to_bits().wrapping_add(k_bits << 52))
    }
}

/// [`exp_f64`] lane by lane.
#[inline(always)]
pub(super) fn exp_lanes<T: Lanes>(x: T) -> T {
    // 1.5 * 2^52: adding it rounds to an integer, which lands in the low mantissa bits.
    const SHIFTER: f64 = 6_755_399_441_055_744.0;
    const LN2_HI: f64 = 6.931_471_803_691_238e-1; // 32 trailing zero bits: k * LN2_HI is exact
    const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
    let c = T::splat;
    let x = x.clamp_to(-708.0, 709.0);
    let t = x * c(std::f64::consts::LOG2_E) + c(SHIFTER);
    let k = t - c(SHIFTER);
    let f = (x - k * c(LN2_HI)) - k * c(LN2_LO);
    let mut p = c(1.0 / 479_001_600.0); // 1/12!
    for q in [
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
        1.0,
        1.0,
    ] {
        p = p * f + c(q);
    }
    p.add_exponent(t, SHIFTER)
}

/// e^x in f32 for x in [-86, 88] (clamped to it outside), relative error < 3e-7.
///
/// Cody-Waite: x = k ln2 + f with k = round(x / ln2) and |f| <= ln2/2, e^f by the Cephes
/// `expf` polynomial, then 2^k added straight into the exponent bits. Branch-free; the clamp
/// keeps 2^k e^f a normal number.
pub fn exp_f32(x: f32) -> f32 {
    exp4(F4::splat(x)).to_array()[0]
}

#[inline(always)]
pub(super) fn exp4(x: F4) -> F4 {
    // 1.5 * 2^23: adding it rounds to an integer, which lands in the low mantissa bits.
    const SHIFTER: f32 = 12_582_912.0;
    let c = F4::splat;
    // e^-86 ~ 4.5e-38: even ln_1p_unit's s = m / (2 + m) of it is a normal f32.
    let x = x.max_gt(c(-86.0)).min_lt(c(88.0));
    let t = x * c(std::f32::consts::LOG2_E) + c(SHIFTER);
    let k = t - c(SHIFTER);
    // ln 2 = 0.693359375 (few bits, so k * it is exact) - 2.12194440e-4
    let f = x - k * c(0.693_359_4) - k * c(-2.121_944_4e-4);
    let p = (((((c(1.987_569_2e-4) * f + c(1.398_199_9e-3)) * f + c(8.333_452e-3)) * f
        + c(4.166_579_6e-2))
        * f
        + c(1.666_666_5e-1))
        * f
        + c(0.5))
        * (f * f)
        + f
        + c(1.0);
    p.add_exponent(t, SHIFTER)
}

/// ln(1 + m) for m = 0 or in [2^-125, 1], with relative error < 5e-7 even for tiny m (below
/// 2^-125, s = m / (2 + m) is subnormal and loses bits).
///
/// ln(1 + m) = 2 atanh(s) with s = m / (2 + m) in [0, 1/3]; 2 atanh(s) = 2s (1 + w P(w)),
/// w = s^2 <= 1/9, P a degree-3 least-squares fit on Chebyshev nodes (truncation < 5e-9).
/// 1 + m is never rounded before the logarithm, so m = 1e-30 gives 1e-30, not 0, and no
/// intermediate is subnormal.
pub fn ln_1p_unit(m: f32) -> f32 {
    ln_1p_unit4(F4::splat(m)).to_array()[0]
}

#[inline(always)]
pub(super) fn ln_1p_unit4(m: F4) -> F4 {
    let c = F4::splat;
    let s = m / (c(2.0) + m);
    // For s < 2^-60, w P(w) < 2^-120 is far below rounding: w is taken from max(s, 2^-60),
    // the same result without an underflow in w or P(w) (subnormals are slow, see `tame`).
    let sc = s.max_gt(c(8.673_617_4e-19));
    let w = sc * sc;
    let p = ((c(0.140_138_2) * w + c(0.139_990_87)) * w + c(0.200_108_95)) * w + c(0.333_332_05);
    (s + s) * (c(1.0) + w * p)
}
