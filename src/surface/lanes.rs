//! Four f32 lanes (and, with the charts, two f64 lanes): wasm SIMD (`v128`) when compiled
//! with `+simd128`, a plain `[f32; 4]` (`[f64; 2]`) otherwise. Every operation is the same
//! IEEE-754 operation lane by lane (no fused multiply-add, selects written as comparisons),
//! so both give bit-identical results.
//!
//! Why not leave it to the auto-vectorizer: the release profile is `opt-level = "s"`, at
//! which rustc switches LLVM's loop and SLP vectorizers off.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;
    use std::ops::{Add, Div, Mul, Neg, Sub};

    /// What F4 and F2 share, from the intrinsics of their lane type: splat, the selects, the
    /// exponent trick (integer lanes $isub, $iadd, $ishl by the mantissa's $bits) and the
    /// arithmetic.
    macro_rules! lanes {
        ($t:ident, $e:ty, $splat:ident, $pmin:ident, $pmax:ident, $isub:ident, $iadd:ident,
         $ishl:ident, $bits:literal, $add:ident, $sub:ident, $mul:ident, $div:ident) => {
            impl $t {
                #[inline(always)]
                pub fn splat(x: $e) -> $t {
                    $t($splat(x))
                }
                /// self < o ? self : o, lane by lane (pmin(a, b) is b < a ? b : a).
                #[inline(always)]
                pub fn min_lt(self, o: $t) -> $t {
                    $t($pmin(o.0, self.0))
                }
                /// self > o ? self : o, lane by lane (pmax(a, b) is a < b ? b : a).
                #[inline(always)]
                pub fn max_gt(self, o: $t) -> $t {
                    $t($pmax(o.0, self.0))
                }
                /// self * 2^k, where t = shifter + k (k in the low mantissa bits of t), by
                /// integer addition to the exponent field.
                #[inline(always)]
                pub fn add_exponent(self, t: $t, shifter: $e) -> $t {
                    let k = $isub(t.0, $splat(shifter));
                    $t($iadd(self.0, $ishl(k, $bits)))
                }
            }
            lanes!(@op $t, Add, add, $add);
            lanes!(@op $t, Sub, sub, $sub);
            lanes!(@op $t, Mul, mul, $mul);
            lanes!(@op $t, Div, div, $div);
        };
        (@op $t:ident, $tr:ident, $m:ident, $f:ident) => {
            impl $tr for $t {
                type Output = $t;
                #[inline(always)]
                fn $m(self, o: $t) -> $t {
                    $t($f(self.0, o.0))
                }
            }
        };
    }

    #[derive(Clone, Copy)]
    pub struct F4(v128);

    lanes!(
        F4,
        f32,
        f32x4_splat,
        f32x4_pmin,
        f32x4_pmax,
        i32x4_sub,
        i32x4_add,
        i32x4_shl,
        23,
        f32x4_add,
        f32x4_sub,
        f32x4_mul,
        f32x4_div
    );

    impl F4 {
        #[inline(always)]
        pub fn from_array(a: [f32; 4]) -> F4 {
            F4(f32x4(a[0], a[1], a[2], a[3]))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            let v = self.0;
            [
                f32x4_extract_lane::<0>(v),
                f32x4_extract_lane::<1>(v),
                f32x4_extract_lane::<2>(v),
                f32x4_extract_lane::<3>(v),
            ]
        }
        #[inline(always)]
        pub fn abs(self) -> F4 {
            F4(f32x4_abs(self.0))
        }
        /// z >= 0 ? a : b, lane by lane.
        #[inline(always)]
        pub fn select_nonneg(z: F4, a: F4, b: F4) -> F4 {
            F4(v128_bitselect(a.0, b.0, f32x4_ge(z.0, f32x4_splat(0.0))))
        }
    }

    impl Neg for F4 {
        type Output = F4;
        #[inline(always)]
        fn neg(self) -> F4 {
            F4(f32x4_neg(self.0))
        }
    }

    /// Two f64 lanes (the exact path, `super::exact`).
    #[cfg(feature = "charts")]
    #[derive(Clone, Copy)]
    pub struct F2(v128);

    #[cfg(feature = "charts")]
    lanes!(
        F2,
        f64,
        f64x2_splat,
        f64x2_pmin,
        f64x2_pmax,
        i64x2_sub,
        i64x2_add,
        i64x2_shl,
        52,
        f64x2_add,
        f64x2_sub,
        f64x2_mul,
        f64x2_div
    );

    #[cfg(feature = "charts")]
    impl F2 {
        #[inline(always)]
        pub fn from_array(a: [f64; 2]) -> F2 {
            F2(f64x2(a[0], a[1]))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use std::ops::{Add, Div, Mul, Neg, Sub};

    /// What F4 and F2 share, for $n lanes (indices $l) of $e (whose bits, $bits of them in
    /// the mantissa, are integers of the same width): splat, the arrays, the selects, the
    /// exponent trick and the arithmetic, all lane by lane.
    macro_rules! lanes {
        ($t:ident, $e:ty, $n:literal, $bits:literal, [$($l:literal),*]) => {
            impl $t {
                /// Lane by lane, each written out: `array::from_fn` here was not inlined at
                /// opt-level "s" and made the scalar build's picture path 15x slower.
                #[inline(always)]
                fn zip(self, o: $t, f: impl Fn($e, $e) -> $e) -> $t {
                    let (a, b) = (self.0, o.0);
                    $t([$(f(a[$l], b[$l])),*])
                }
                #[inline(always)]
                pub fn splat(x: $e) -> $t {
                    $t([x; $n])
                }
                #[inline(always)]
                pub fn from_array(a: [$e; $n]) -> $t {
                    $t(a)
                }
                #[inline(always)]
                pub fn to_array(self) -> [$e; $n] {
                    self.0
                }
                /// self < o ? self : o, lane by lane.
                #[inline(always)]
                pub fn min_lt(self, o: $t) -> $t {
                    self.zip(o, |a, b| if a < b { a } else { b })
                }
                /// self > o ? self : o, lane by lane.
                #[inline(always)]
                pub fn max_gt(self, o: $t) -> $t {
                    self.zip(o, |a, b| if a > b { a } else { b })
                }
                /// self * 2^k, where t = shifter + k (k in the low mantissa bits of t), by
                /// integer addition to the exponent field.
                #[inline(always)]
                pub fn add_exponent(self, t: $t, shifter: $e) -> $t {
                    self.zip(t, |p, t| {
                        let k = t.to_bits().wrapping_sub(shifter.to_bits());
                        <$e>::from_bits(p.to_bits().wrapping_add(k << $bits))
                    })
                }
            }
            lanes!(@op $t, Add, add, +);
            lanes!(@op $t, Sub, sub, -);
            lanes!(@op $t, Mul, mul, *);
            lanes!(@op $t, Div, div, /);
        };
        (@op $t:ident, $tr:ident, $m:ident, $op:tt) => {
            impl $tr for $t {
                type Output = $t;
                #[inline(always)]
                fn $m(self, o: $t) -> $t {
                    self.zip(o, |a, b| a $op b)
                }
            }
        };
    }

    #[derive(Clone, Copy)]
    pub struct F4([f32; 4]);

    lanes!(F4, f32, 4, 23, [0, 1, 2, 3]);

    impl F4 {
        #[inline(always)]
        fn map(self, f: impl Fn(f32) -> f32) -> F4 {
            F4(self.0.map(f))
        }
        #[inline(always)]
        pub fn abs(self) -> F4 {
            self.map(f32::abs)
        }
        /// z >= 0 ? a : b, lane by lane.
        #[inline(always)]
        pub fn select_nonneg(z: F4, a: F4, b: F4) -> F4 {
            let (z, a, b) = (z.0, a.0, b.0);
            F4(std::array::from_fn(
                |l| if z[l] >= 0.0 { a[l] } else { b[l] },
            ))
        }
    }

    impl Neg for F4 {
        type Output = F4;
        #[inline(always)]
        fn neg(self) -> F4 {
            self.map(|x| -x)
        }
    }

    /// Two f64 lanes (the exact path, `super::exact`).
    #[cfg(feature = "charts")]
    #[derive(Clone, Copy)]
    pub struct F2([f64; 2]);

    #[cfg(feature = "charts")]
    lanes!(F2, f64, 2, 52, [0, 1]);
}

#[cfg(feature = "charts")]
pub use imp::F2;
pub use imp::F4;
