//! Four f32 lanes: wasm SIMD (`v128`) when compiled with `+simd128`, a plain `[f32; 4]`
//! otherwise. Every operation is the same IEEE-754 operation lane by lane (no fused
//! multiply-add, selects written as comparisons), so both give bit-identical results.
//!
//! Why not leave it to the auto-vectorizer: the release profile is `opt-level = "s"`, at
//! which rustc switches LLVM's loop and SLP vectorizers off.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;
    use std::ops::{Add, Div, Mul, Neg, Sub};

    #[derive(Clone, Copy)]
    pub struct F4(v128);

    impl F4 {
        #[inline(always)]
        pub fn splat(x: f32) -> F4 {
            F4(f32x4_splat(x))
        }
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
        /// self < o ? self : o, lane by lane (pmin(a, b) is b < a ? b : a).
        #[inline(always)]
        pub fn min_lt(self, o: F4) -> F4 {
            F4(f32x4_pmin(o.0, self.0))
        }
        /// self > o ? self : o, lane by lane (pmax(a, b) is a < b ? b : a).
        #[inline(always)]
        pub fn max_gt(self, o: F4) -> F4 {
            F4(f32x4_pmax(o.0, self.0))
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
        /// self * 2^k, where t = shifter + k (k in the low mantissa bits of t), by
        /// integer addition to the exponent field.
        #[inline(always)]
        pub fn add_exponent(self, t: F4, shifter: f32) -> F4 {
            let k = i32x4_sub(t.0, f32x4_splat(shifter));
            F4(i32x4_add(self.0, i32x4_shl(k, 23)))
        }
    }

    macro_rules! binop {
        ($tr:ident, $m:ident, $f:ident) => {
            impl $tr for F4 {
                type Output = F4;
                #[inline(always)]
                fn $m(self, o: F4) -> F4 {
                    F4($f(self.0, o.0))
                }
            }
        };
    }
    binop!(Add, add, f32x4_add);
    binop!(Sub, sub, f32x4_sub);
    binop!(Mul, mul, f32x4_mul);
    binop!(Div, div, f32x4_div);

    impl Neg for F4 {
        type Output = F4;
        #[inline(always)]
        fn neg(self) -> F4 {
            F4(f32x4_neg(self.0))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use std::ops::{Add, Div, Mul, Neg, Sub};

    #[derive(Clone, Copy)]
    pub struct F4([f32; 4]);

    impl F4 {
        #[inline(always)]
        fn map(self, f: impl Fn(f32) -> f32) -> F4 {
            F4(self.0.map(f))
        }
        #[inline(always)]
        fn zip(self, o: F4, f: impl Fn(f32, f32) -> f32) -> F4 {
            let (a, b) = (self.0, o.0);
            F4([f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3])])
        }
        #[inline(always)]
        pub fn splat(x: f32) -> F4 {
            F4([x; 4])
        }
        #[inline(always)]
        pub fn from_array(a: [f32; 4]) -> F4 {
            F4(a)
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
        /// self < o ? self : o, lane by lane.
        #[inline(always)]
        pub fn min_lt(self, o: F4) -> F4 {
            self.zip(o, |a, b| if a < b { a } else { b })
        }
        /// self > o ? self : o, lane by lane.
        #[inline(always)]
        pub fn max_gt(self, o: F4) -> F4 {
            self.zip(o, |a, b| if a > b { a } else { b })
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
        /// self * 2^k, where t = shifter + k (k in the low mantissa bits of t), by
        /// integer addition to the exponent field.
        #[inline(always)]
        pub fn add_exponent(self, t: F4, shifter: f32) -> F4 {
            self.zip(t, |p, t| {
                let k = t.to_bits().wrapping_sub(shifter.to_bits());
                f32::from_bits(p.to_bits().wrapping_add(k << 23))
            })
        }
    }

    macro_rules! binop {
        ($tr:ident, $m:ident, $op:tt) => {
            impl $tr for F4 {
                type Output = F4;
                #[inline(always)]
                fn $m(self, o: F4) -> F4 {
                    self.zip(o, |a, b| a $op b)
                }
            }
        };
    }
    binop!(Add, add, +);
    binop!(Sub, sub, -);
    binop!(Mul, mul, *);
    binop!(Div, div, /);

    impl Neg for F4 {
        type Output = F4;
        #[inline(always)]
        fn neg(self) -> F4 {
            self.map(|x| -x)
        }
    }
}

pub use imp::F4;
