//! Tick and label helpers shared by the 2D charts (the loss curve and the cross-sections):
//! "nice" steps (1, 2, 5 times a power of ten), their multiples in a range, compact labels, and
//! [`Ticked`], the axis that hands our ticks to plotters.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// An axis with our own ticks: `bold` labelled, `light` the finer grid (may be empty).
/// plotters' `with_key_points` would do, but for f64 it drops the label-formatter support
/// (`WithKeyPoints<RangedCoordf64>` is not a `ValueFormatter`), which `configure_mesh` requires
/// even when a formatter is given.
pub(super) struct Ticked<R> {
    inner: R,
    bold: Vec<f64>,
    light: Vec<f64>,
}

impl<R> Ticked<R> {
    pub(super) fn new(inner: R, bold: &[f64], light: &[f64]) -> Ticked<R> {
        Ticked {
            inner,
            bold: bold.to_vec(),
            light: light.to_vec(),
        }
    }
}

impl<R: Ranged<ValueType = f64>> Ranged for Ticked<R> {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            self.light.clone()
        } else {
            self.bold.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.inner.range()
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> std::ops::Range<i32> {
        self.inner.axis_pixel_range(limit)
    }
}

/// `v` as mantissa and power of ten, with as many mantissa digits as `step` resolves:
/// "2.5 × 10⁻⁴" (the one way powers of ten are written, [`crate::format::power_of_ten`]).
pub(super) fn exponent_label(v: f64, step: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits = (v.abs().log10().floor() - step.abs().log10().floor()).clamp(0.0, 6.0) as usize;
    let s = format!("{:.*e}", digits, v);
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            crate::format::power_of_ten(&trim_zeros(mantissa.to_string()), exp.parse().unwrap_or(0))
        }
        None => s,
    }
}

/// Decimal places that resolve multiples of `step` (steps are 1, 2 or 5 times a power of 10).
pub(super) fn decimals_for(step: f64) -> usize {
    if step.is_nan() || step <= 0.0 || step >= 1.0 {
        return 0;
    }
    (-step.log10() - 1e-9).ceil().clamp(0.0, 12.0) as usize
}

/// "1.50" -> "1.5", "2.0" -> "2", "-0" -> "0".
pub(super) fn trim_zeros(s: String) -> String {
    let t = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if t == "-0" { "0".into() } else { t.into() }
}

pub(super) fn pow10(e: i32) -> f64 {
    // Dividing by an exact power of ten rounds correctly; multiplying by 10^-k would not.
    if e >= 0 {
        10f64.powi(e)
    } else {
        1.0 / 10f64.powi(-e)
    }
}

/// The nicest step m * 10^k (m = 1, 2 or 5) giving at most `max_n` ticks in [lo, hi].
/// Needs lo < hi, both finite.
pub(super) fn nice_step(lo: f64, hi: f64, max_n: usize) -> (f64, i32) {
    let k = ((hi - lo) / max_n as f64).log10().floor() as i32;
    for (m, dk) in [(1.0, 0), (2.0, 0), (5.0, 0), (1.0, 1), (2.0, 1), (5.0, 1)] {
        let step = m * pow10(k + dk);
        let count = (hi / step).floor() - (lo / step).ceil() + 1.0;
        if count <= max_n as f64 {
            return (m, k + dk);
        }
    }
    (1.0, k + 2)
}

/// The multiples of m * 10^k in [lo, hi], computed so that 0.3 comes out as 0.3.
pub(super) fn multiples(lo: f64, hi: f64, m: f64, k: i32, limit: usize) -> Vec<f64> {
    let step = m * pow10(k);
    let value = |i: f64| {
        if k >= 0 {
            i * m * pow10(k)
        } else {
            i * m / pow10(-k)
        }
    };
    let mut i = (lo / step - 1e-9).ceil();
    let mut out = Vec::new();
    while out.len() < limit {
        let v = value(i);
        if v > hi + step * 1e-9 {
            break;
        }
        out.push(v);
        i += 1.0;
    }
    out
}

pub(super) fn min_max(values: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    values.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// A rough label width in pixels. Deliberately not measured: the canvas backend measures
/// text through the DOM, a forced layout per call, and this runs on every hover.
pub(super) fn text_width(text: &str, font_px: f64) -> u32 {
    (text.chars().count() as f64 * 0.6 * font_px).ceil() as u32
}
