//! One colour scale for cost everywhere (heatmap, legend, 3D surface): viridis, which is
//! perceptually uniform and colour-blind safe, dark for low cost and bright for high.

use plotters::style::RGBColor;
use plotters::style::colors::colormaps::{ColorMap, ViridisRGB};
use std::sync::OnceLock;

/// 256 viridis colours, from plotters' colormap, sampled once: per-pixel fills index this
/// table instead of interpolating for every pixel.
pub fn lut() -> &'static [[u8; 3]; 256] {
    static LUT: OnceLock<[[u8; 3]; 256]> = OnceLock::new();
    LUT.get_or_init(|| {
        let mut t = [[0u8; 3]; 256];
        for (i, c) in t.iter_mut().enumerate() {
            let RGBColor(r, g, b) = ViridisRGB.get_color_normalized(i as f64, 0.0, 255.0);
            *c = [r, g, b];
        }
        t
    })
}

/// The colour at t in [0, 1] (clamped; NaN counts as 0).
pub fn color(t: f64) -> RGBColor {
    let [r, g, b] = lut()[index(t)];
    RGBColor(r, g, b)
}

/// The LUT index for t in [0, 1].
pub fn index(t: f64) -> usize {
    if t.is_nan() {
        return 0;
    }
    (t.clamp(0.0, 1.0) * 255.0).round() as usize
}

/// Maps a cost to [0, 1] over [min, max], linearly or by its logarithm (the interesting
/// valleys are shallow, and a log scale spreads them out).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub log: bool,
}

impl Scale {
    /// A scale covering `values` (finite ones only); a flat or empty set gets a unit range.
    pub fn covering(values: impl IntoIterator<Item = f64>, log: bool) -> Scale {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.into_iter().filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if log {
            // Costs are >= 0; a floor keeps ln finite and the deepest valley visible.
            lo = lo.max(hi * 1e-9).max(1e-300);
            if hi <= lo {
                hi = lo * 10.0;
            }
        } else if hi <= lo {
            hi = lo + 1.0;
        }
        Scale {
            min: lo,
            max: hi,
            log,
        }
    }

    /// Where `v` falls on the scale, 0 to 1.
    pub fn t(&self, v: f64) -> f64 {
        let t = if self.log {
            (v.max(self.min).ln() - self.min.ln()) / (self.max.ln() - self.min.ln())
        } else {
            (v - self.min) / (self.max - self.min)
        };
        t.clamp(0.0, 1.0)
    }

    /// The value at position t (the inverse of [`Scale::t`]), for legend ticks.
    pub fn value(&self, t: f64) -> f64 {
        if self.log {
            (self.min.ln() + t * (self.max.ln() - self.min.ln())).exp()
        } else {
            self.min + t * (self.max - self.min)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_cost_is_dark_and_high_cost_is_bright() {
        let luma = |c: RGBColor| 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
        let mut last = -1.0;
        for i in 0..=10 {
            let l = luma(color(i as f64 / 10.0));
            assert!(l > last, "viridis brightens monotonically");
            last = l;
        }
    }

    #[test]
    fn scales_map_and_invert() {
        let s = Scale::covering([0.5, 2.0, 8.0], false);
        assert_eq!((s.t(0.5), s.t(8.0), s.t(100.0)), (0.0, 1.0, 1.0));
        assert!((s.value(s.t(3.0)) - 3.0).abs() < 1e-12);
        let l = Scale::covering([1e-6, 1e-2, 1.0], true);
        assert!((l.t(1e-3) - 0.5).abs() < 1e-12);
        assert!((l.value(0.5) / 1e-3 - 1.0).abs() < 1e-9);
        let zero = Scale::covering([0.0, 0.0], true);
        assert!(zero.min > 0.0 && zero.max > zero.min);
        assert_eq!(
            Scale::covering([], false),
            Scale {
                min: 0.0,
                max: 1.0,
                log: false
            }
        );
    }
}
