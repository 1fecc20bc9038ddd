//! "The derivative is a slope": the mean cost along one weight, with the other three held at
//! their current values, and the tangent at the current point whose slope is the
//! back-propagated gradient.
//!
//! ```text
//! C(w1) with b1, w2, b2 fixed        or        C(w2) with w1, b1, b2 fixed
//! ```
//!
//! The curve is [`Model::mean_cost`] sampled at [`CURVE_POINTS`] weights (forward colour); the
//! tangent has slope `Model::mean_gradient(..).d_c_d_w1` (or `.d_c_d_w2`), the number the ledger shows,
//! and is drawn in the backward colour over ±[`TANGENT_HALF_SPAN`] of the x range around the
//! current point. A caption in the top-left corner of the plot spells the number out.
//!
//! [`draw_section`] is generic over the plotters backend, like the loss chart: a canvas in the
//! page, SVG in the tests. It returns a [`SectionGeometry`] with the layout and the tangent as
//! drawn, so tests (and the page) need not know how plotters laid the chart out.
//!
//! Ticks are computed here, as in [`super::loss`] (whose helpers are private to it): plotters'
//! own f64 key points cannot be given a label formatter together with chosen positions.

use super::plot_box::{PlotBox, Ranges};
use super::theme::{self, Pen};
use super::ticks::{
    Ticked, decimals_for, exponent_label, min_max, multiples, nice_step, pow10, text_width,
    trim_zeros,
};
use crate::net::{Gradient, Model, Params, Sample};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

/// The weight the section runs along. JS names: `"w1"`, `"w2"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Axis {
    #[default]
    W1,
    W2,
}

impl Axis {
    /// Both axes, for tests and pickers.
    pub const ALL: [Axis; 2] = [Axis::W1, Axis::W2];

    /// The parameter's name as the JS API writes it: `"w1"`, `"w2"`.
    pub fn name(self) -> &'static str {
        match self {
            Axis::W1 => "w1",
            Axis::W2 => "w2",
        }
    }

    /// The key of this weight's gradient in the page's view ("dCdW1").
    pub fn gradient_key(self) -> &'static str {
        match self {
            Axis::W1 => "dCdW1",
            Axis::W2 => "dCdW2",
        }
    }

    /// The name as drawn, with a Unicode subscript: "w₁", "w₂". U+2081 and U+2082 are in
    /// every common sans-serif font; where one is missing the browser substitutes a glyph
    /// from another font rather than dropping it.
    pub fn label(self) -> &'static str {
        match self {
            Axis::W1 => "w\u{2081}",
            Axis::W2 => "w\u{2082}",
        }
    }

    /// This weight's current value.
    pub fn get(self, p: &Params) -> f64 {
        match self {
            Axis::W1 => p.w1,
            Axis::W2 => p.w2,
        }
    }

    /// `p` with this weight replaced by `w`, the other three unchanged.
    pub fn with(self, p: &Params, w: f64) -> Params {
        match self {
            Axis::W1 => Params { w1: w, ..*p },
            Axis::W2 => Params { w2: w, ..*p },
        }
    }

    /// dC/dw for this weight.
    pub fn of(self, g: &Gradient) -> f64 {
        match self {
            Axis::W1 => g.d_c_d_w1,
            Axis::W2 => g.d_c_d_w2,
        }
    }
}

/// How to draw the chart. Every field may be left out when deserializing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SectionStyle {
    pub dark: bool,
    /// Backend pixels per CSS pixel (`window.devicePixelRatio`), as for the loss chart: text,
    /// lines and margins are scaled by it. Values outside 0.5..=4 are clamped, non-finite
    /// ones taken as 1.
    pub pixel_ratio: f64,
}

impl Default for SectionStyle {
    fn default() -> SectionStyle {
        SectionStyle {
            dark: false,
            pixel_ratio: 1.0,
        }
    }
}

/// What to draw: the cost along `axis` through `params`, over `range` of that weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Section<'a> {
    pub axis: Axis,
    pub params: Params,
    pub samples: &'a [Sample],
    /// The activations and the cost.
    pub model: Model,
    /// The weight values at the left and right edges. Either order; a non-finite range is
    /// replaced by ±1 around the current weight, and one narrower than 0.001 (relative to
    /// the values, at least 0.001 absolute) is widened about its middle. The current weight
    /// may lie outside it.
    pub range: (f64, f64),
    /// Whether the tangent (the back-propagated slope) is drawn.
    pub tangent: Tangent<'a>,
}

/// The tangent of a cross-section: drawn, or not yet known to the page (the backward pass has
/// not run, or a quiz hides it), in which case no slope is drawn, written or returned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tangent<'a> {
    Drawn,
    /// Not drawn; the caption says why ("after the backward pass").
    Hidden(&'a str),
}

impl Section<'_> {
    /// The current weight.
    pub fn weight(&self) -> f64 {
        self.axis.get(&self.params)
    }

    /// The mean cost with the section's weight set to `w`, the other parameters unchanged.
    pub fn cost_at(&self, w: f64) -> f64 {
        self.model
            .mean_cost(&self.axis.with(&self.params, w), self.samples)
    }

    /// The back-propagated slope dC/dw at the current parameters: the tangent's slope.
    pub fn slope(&self) -> f64 {
        self.axis
            .of(&self.model.mean_gradient(&self.params, self.samples))
    }

    /// The weight range actually drawn (see [`Section::range`]): lo < hi, both finite.
    pub fn x_range(&self) -> (f64, f64) {
        let (mut lo, mut hi) = self.range;
        if !(lo.is_finite() && hi.is_finite()) {
            let w = self.weight();
            let c = if w.is_finite() {
                w.clamp(-MAX_ABS, MAX_ABS)
            } else {
                0.0
            };
            (lo, hi) = (c - 1.0, c + 1.0);
        }
        if lo > hi {
            (lo, hi) = (hi, lo);
        }
        let (lo, hi) = (lo.clamp(-MAX_ABS, MAX_ABS), hi.clamp(-MAX_ABS, MAX_ABS));
        let min_span = MIN_X_SPAN * lo.abs().max(hi.abs()).max(1.0);
        if hi - lo < min_span {
            let mid = lo / 2.0 + hi / 2.0;
            (mid - min_span / 2.0, mid + min_span / 2.0)
        } else {
            (lo, hi)
        }
    }

    /// The curve as drawn: [`CURVE_POINTS`] (weight, mean cost) pairs, evenly spaced over
    /// [`Section::x_range`], both ends included. Non-finite costs (possible only for absurd
    /// parameters) are left out.
    pub fn curve(&self) -> Vec<(f64, f64)> {
        let (lo, hi) = self.x_range();
        let last = (CURVE_POINTS - 1) as f64;
        (0..CURVE_POINTS)
            .map(|i| {
                let w = if i + 1 == CURVE_POINTS {
                    hi
                } else {
                    lo + (hi - lo) * (i as f64 / last)
                };
                (w, self.cost_at(w))
            })
            .filter(|(_, c)| c.is_finite())
            .collect()
    }
}

/// How many weights the curve is sampled at.
pub const CURVE_POINTS: usize = 240;
/// The tangent reaches this fraction of the x range to each side of the current point
/// (before clipping to the plot).
pub const TANGENT_HALF_SPAN: f64 = 0.12;

/// Where everything landed.
///
/// `x_min` is drawn at the plot box's left edge, `x_max` at its right, `y_max` at its top,
/// `y_min` at its bottom, linearly in between (see [`SectionGeometry::to_pixel`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionGeometry {
    #[serde(flatten)]
    pub plot: PlotBox,
    #[serde(flatten)]
    pub ranges: Ranges,
    /// The current (weight, mean cost), in data units, whether or not it is on the chart.
    pub point: [f64; 2],
    /// The back-propagated gradient dC/dw: the tangent's slope in data units; `None` when
    /// the tangent is hidden ([`Tangent::Hidden`]).
    pub slope: Option<f64>,
    /// The tangent's end points in data units, clipped to the plot. `None` when it is not
    /// drawn: the current weight lies outside the x range, or something is not finite.
    pub tangent: Option<[[f64; 2]; 2]>,
    /// The same end points in backend pixels, exactly as drawn.
    pub tangent_px: Option<[[f64; 2]; 2]>,
    /// The centre of the point marker in backend pixels; `None` when the current weight lies
    /// outside the x range (the marker is then omitted and the caption says so).
    pub point_px: Option<[f64; 2]>,
}

impl SectionGeometry {
    /// Where the data point (w, c) is drawn, in backend pixels (not clamped).
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let (tx, ty) = self.ranges.fractions(x, y);
        self.plot.place(tx, ty)
    }

    /// The weight under pixel column `px`, clamped to the x range. (The page does this sum
    /// in JS from the geometry; the tests check the geometry with it.)
    pub fn x_at(&self, px: f64) -> f64 {
        self.ranges.x_at(self.plot.column_fraction(px))
    }

    /// The tangent's slope on screen: backend pixels down per pixel right (pixel y grows
    /// downwards, so a rising cost has a negative pixel slope). For the tests.
    pub fn pixel_slope(&self) -> f64 {
        let r = &self.ranges;
        let per_x = self.plot.width() / (r.x_max - r.x_min);
        let per_y = self.plot.height() / (r.y_max - r.y_min);
        -self.slope.unwrap_or(f64::NAN) * per_y / per_x
    }
}

/// A number with its sign, as the page writes it ([`crate::format::signed`]).
pub use crate::format::signed as format_signed;

/// The caption: "slope ∂C/∂w₁ = +0.0227".
pub fn slope_caption(axis: Axis, slope: f64) -> String {
    format!(
        "slope \u{2202}C/\u{2202}{} = {}",
        axis.label(),
        format_signed(slope)
    )
}

/// Draws the section filling `root`: background, mesh, axes labelled "w₁" (or "w₂") and "C",
/// the cost curve, the tangent at the current point with the back-propagated slope, the point
/// itself, and the caption. Nothing is presented: call `root.present()` (or drop the backend)
/// when everything on it is drawn.
///
/// The y range covers the curve (and the current point) with some headroom, plus a band at
/// the top kept free for the caption; it never goes below 0 when the costs do not. The
/// tangent is clipped to the plot. If the current weight lies outside the x range the curve
/// is still drawn but the point and tangent are not, and a second caption line says where
/// the weight is.
pub fn draw_section<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Section,
    style: &SectionStyle,
) -> Result<SectionGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = Pen::new(style.dark, style.pixel_ratio);
    let (theme, font) = (&pen.theme, pen.font());
    let px = |css: f64| pen.px(css);

    let (x_lo, x_hi) = s.x_range();
    let curve = s.curve();
    let w0 = s.weight();
    let c0 = s.model.mean_cost(&s.params, s.samples);
    let (slope, first_line) = match s.tangent {
        Tangent::Drawn => {
            let slope = s.slope();
            (Some(slope), slope_caption(s.axis, slope))
        }
        Tangent::Hidden(why) => (
            None,
            format!("slope \u{2202}C/\u{2202}{}: {why}", s.axis.label()),
        ),
    };
    let on_chart = w0.is_finite() && c0.is_finite() && x_lo <= w0 && w0 <= x_hi;
    let point = on_chart.then_some((w0, c0));

    let mut caption = vec![first_line];
    if !on_chart && w0.is_finite() {
        let value = crate::format::plain(w0);
        let name = s.axis.label();
        caption.push(if w0 < x_lo {
            format!("\u{2190} {name} = {value} is off the chart")
        } else {
            format!("{name} = {value} is off the chart \u{2192}")
        });
    }

    // The layout, in backend pixels, known before the chart is built so that the y range can
    // leave the caption's band free.
    let tick = px(TICK);
    let line_h = font * 1.2;
    let caption_h = line_h * caption.len() as f64 + f64::from(px(CAPTION_INSET)) * 2.0;
    let x_area = 2 * tick + px(theme::FONT_PX + 4.0) + px(theme::FONT_PX + 2.0);
    let (margin_top, margin_bottom) = (px(8.0), px(2.0));
    let (_, height) = root.dim_in_pixel();
    let plot_h = f64::from(height) - f64::from(margin_top + margin_bottom + x_area);
    let top_band = if plot_h > 0.0 {
        ((caption_h + f64::from(px(2.0))) / plot_h).clamp(0.1, 0.5)
    } else {
        0.2
    };

    let x = x_axis(x_lo, x_hi);
    let y = y_axis(
        curve.iter().map(|p| p.1).chain(point.map(|p| p.1)),
        top_band,
    );

    root.fill(&theme.background)?;
    let widest_y = y
        .bold
        .iter()
        .map(|&v| text_width(&y.label(v), font))
        .max()
        .unwrap_or(0);
    let last_x = x.bold.last().map_or(0, |&v| text_width(&x.label(v), font));
    // Left: tick labels right-aligned at twice the tick length, then "C" upright at the edge
    // (plotters would rotate a y description, and a rotated C reads as a U).
    let desc_w = px(theme::FONT_PX * 0.8 + 4.0);
    let y_area = 2 * tick + widest_y + px(4.0) + desc_w;
    let mut chart = ChartBuilder::on(root)
        .margin_top(margin_top)
        .margin_left(px(2.0))
        .margin_bottom(margin_bottom)
        .margin_right((last_x / 2 + px(2.0)).max(px(8.0)))
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            Ticked::new(RangedCoordf64::from(x.lo..x.hi), &x.bold, &[]),
            Ticked::new(RangedCoordf64::from(y.lo..y.hi), &y.bold, &[]),
        )?;

    let text = pen.text();
    let x_fmt = |v: &f64| x.label(*v);
    let y_fmt = |v: &f64| y.label(*v);
    pen.style_mesh(&mut chart.configure_mesh(), tick)
        .x_desc(s.axis.label())
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()?;

    let (left, top) = chart.backend_coord(&(x.lo, y.hi));
    let (right, bottom) = chart.backend_coord(&(x.hi, y.lo));
    // "C", upright and centred in its column, level with the middle of the plot.
    let (_, base_y) = root.get_base_pixel();
    let c_x = i32::try_from(px(2.0) + desc_w / 2).unwrap_or(0);
    root.draw_text(
        "C",
        &text.pos(Pos::new(HPos::Center, VPos::Center)),
        (c_x, (top + bottom) / 2 - base_y),
    )?;

    chart.draw_series(LineSeries::new(
        curve.iter().copied(),
        theme.forward.stroke_width(px(2.0)),
    ))?;

    let tangent = point.zip(slope).and_then(|((w, c), slope)| {
        let half = TANGENT_HALF_SPAN * (x.hi - x.lo);
        let (t0, t1) = clip_tangent(w, c, slope, half, (x.lo, x.hi), (y.lo, y.hi))?;
        // Clamped only against rounding (w + t can miss the edge by an ulp).
        let end = |t: f64| [(w + t).clamp(x.lo, x.hi), (c + slope * t).clamp(y.lo, y.hi)];
        let ends = [end(t0), end(t1)];
        ends.iter().flatten().all(|v| v.is_finite()).then_some(ends)
    });
    let tangent_px = tangent.map(|ends| {
        ends.map(|[tx, ty]| {
            let (bx, by) = chart.backend_coord(&(tx, ty));
            [f64::from(bx), f64::from(by)]
        })
    });
    if let Some(ends) = tangent {
        chart.draw_series(std::iter::once(PathElement::new(
            ends.map(|[tx, ty]| (tx, ty)).to_vec(),
            theme.backward.stroke_width(px(2.0)),
        )))?;
    }
    if let Some(p) = point {
        chart.draw_series(pen.ringed_dot(p, theme.forward))?;
    }
    let point_px = point.map(|p| {
        let (bx, by) = chart.backend_coord(&p);
        [f64::from(bx), f64::from(by)]
    });

    // The caption, top left inside the plot, on a translucent backing in case the tangent
    // passes under it.
    let plot = chart.plotting_area().strip_coord_spec();
    let inset = px(CAPTION_INSET) as i32;
    let widest = caption
        .iter()
        .map(|l| text_width(l, font))
        .max()
        .unwrap_or(0);
    plot.draw(&Rectangle::new(
        [
            (inset / 2, inset / 2),
            (
                inset + widest as i32 + inset / 2,
                (caption_h - f64::from(inset) / 2.0).round() as i32,
            ),
        ],
        theme.background.mix(0.85).filled(),
    ))?;
    for (i, line) in caption.iter().enumerate() {
        let color = if i == 0 { theme.backward } else { theme.muted };
        let style = TextStyle::from((theme::FONT, font).into_font())
            .color(&color)
            .pos(Pos::new(HPos::Left, VPos::Top));
        let y = inset + (line_h * i as f64).round() as i32;
        plot.draw_text(line, &style, (inset, y))?;
    }

    Ok(SectionGeometry {
        plot: PlotBox::from_corners((left, top), (right, bottom)),
        ranges: Ranges {
            x_min: x.lo,
            x_max: x.hi,
            y_min: y.lo,
            y_max: y.hi,
        },
        point: [w0, c0],
        slope,
        tangent,
        tangent_px,
        point_px,
    })
}

/// Inputs beyond this are clamped, so that spans and paddings stay finite.
const MAX_ABS: f64 = 1e300;
/// The narrowest x range, relative to the weights (and at least this much absolute).
const MIN_X_SPAN: f64 = 1e-3;
/// The flattest y range, relative to the largest cost shown.
const MIN_Y_SPAN: f64 = 0.05;
/// Room below the lowest cost, as a fraction of the plot height.
const BOTTOM_BAND: f64 = 0.06;
/// At most this many labelled ticks across and up (a ~300 x 150 chart).
const X_TICKS: usize = 5;
const Y_TICKS: usize = 4;
/// Tick mark length in CSS pixels; plotters puts labels twice this far from the axis.
const TICK: f64 = 4.0;
/// The caption's distance from the plot's corner, in CSS pixels.
const CAPTION_INSET: f64 = 4.0;

/// The tangent through (w, c) with slope `k`, over w ± `half`, clipped to the box `xs` x `ys`:
/// the range of t = w' - w it covers, or `None` if it misses the box. Written with divisions
/// by the slope rather than multiplications, so a huge slope cannot overflow.
fn clip_tangent(
    w: f64,
    c: f64,
    k: f64,
    half: f64,
    xs: (f64, f64),
    ys: (f64, f64),
) -> Option<(f64, f64)> {
    if !(w.is_finite() && c.is_finite() && k.is_finite() && half.is_finite()) {
        return None;
    }
    let mut t0 = (-half).max(xs.0 - w);
    let mut t1 = half.min(xs.1 - w);
    if k > 0.0 {
        t0 = t0.max((ys.0 - c) / k);
        t1 = t1.min((ys.1 - c) / k);
    } else if k < 0.0 {
        t0 = t0.max((ys.1 - c) / k);
        t1 = t1.min((ys.0 - c) / k);
    } else if !(ys.0 <= c && c <= ys.1) {
        return None;
    }
    (t0 <= t1 && t0.is_finite() && t1.is_finite()).then_some((t0, t1))
}

/// One axis: its range and labelled ticks.
struct TickAxis {
    lo: f64,
    hi: f64,
    bold: Vec<f64>,
    step: f64,
    exponent: bool,
}

impl TickAxis {
    fn new(lo: f64, hi: f64, max_ticks: usize) -> TickAxis {
        let (m, k) = nice_step(lo, hi, max_ticks);
        let step = m * pow10(k);
        let bold = multiples(lo, hi, m, k, max_ticks + 2);
        let big = lo.abs().max(hi.abs());
        TickAxis {
            lo,
            hi,
            bold,
            step,
            // Plain decimals while they stay short; exponents for tiny or huge values.
            exponent: big >= 1e5 || decimals_for(step) > 5,
        }
    }

    fn label(&self, v: f64) -> String {
        if !v.is_finite() {
            return String::new();
        }
        let s = if self.exponent {
            if v.abs() < self.step * 1e-6 {
                "0".into()
            } else {
                exponent_label(v, self.step)
            }
        } else {
            plain_label(v, self.step)
        };
        crate::format::true_minus(&s)
    }
}

/// The weights: the given range (already sanitized), no padding.
fn x_axis(lo: f64, hi: f64) -> TickAxis {
    TickAxis::new(lo, hi, X_TICKS)
}

/// The costs: the values' range, at least [`MIN_Y_SPAN`] of their size tall, with a little
/// room below and `top_band` of the plot kept free above (for the caption). It stops at 0 when
/// no value is negative (costs never are).
fn y_axis(values: impl Iterator<Item = f64>, top_band: f64) -> TickAxis {
    let finite = values
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(-MAX_ABS, MAX_ABS));
    let (mut lo, mut hi) = min_max(finite).unwrap_or((0.0, 0.0));
    // Widening a non-negative range about its middle keeps it non-negative.
    let non_negative = lo >= 0.0;
    let big = lo.abs().max(hi.abs());
    if big < 1e-300 {
        // Nothing to show (no values, or all zero): 0 to 1.
        (lo, hi) = (0.0, 1.0);
    } else if hi - lo < MIN_Y_SPAN * big {
        let mid = lo / 2.0 + hi / 2.0;
        let half = MIN_Y_SPAN * big / 2.0;
        (lo, hi) = (mid - half, mid + half);
    }
    let total = (hi - lo) / (1.0 - top_band - BOTTOM_BAND);
    let mut y_lo = lo - BOTTOM_BAND * total;
    let mut y_hi = hi + top_band * total;
    if non_negative && y_lo < 0.0 {
        y_lo = 0.0;
        y_hi = hi / (1.0 - top_band);
    }
    if !(y_hi - y_lo).is_finite() || y_hi <= y_lo {
        (y_lo, y_hi) = (lo, hi);
    }
    TickAxis::new(y_lo, y_hi, Y_TICKS)
}

fn plain_label(v: f64, step: f64) -> String {
    if v.abs() < step * 1e-6 {
        return "0".into();
    }
    trim_zeros(format!("{:.*}", decimals_for(step), v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_numbers_have_four_digits_and_a_true_minus() {
        assert_eq!(format_signed(0.022734), "+0.02273");
        assert_eq!(format_signed(-1.5), "\u{2212}1.500");
        assert_eq!(format_signed(-1.23456e-7), "\u{2212}1.235 × 10⁻⁷");
        assert_eq!(format_signed(-0.0), "0");
        assert_eq!(
            slope_caption(Axis::W1, 0.0227),
            "slope \u{2202}C/\u{2202}w\u{2081} = +0.02270"
        );
    }

    #[test]
    fn the_tangent_is_clipped_to_the_box() {
        // Flat: the whole half width, clipped by the x range on the left.
        assert_eq!(
            clip_tangent(0.0, 0.5, 0.0, 1.0, (-0.5, 2.0), (0.0, 1.0)),
            Some((-0.5, 1.0))
        );
        // Steep: the y range binds, t = (1 - 0.5) / 10 = 0.05 each way.
        let (t0, t1) = clip_tangent(0.0, 0.5, 10.0, 1.0, (-2.0, 2.0), (0.0, 1.0)).unwrap();
        assert!((t0 + 0.05).abs() < 1e-15 && (t1 - 0.05).abs() < 1e-15);
        let (t0, t1) = clip_tangent(0.0, 0.5, -1e308, 1.0, (-2.0, 2.0), (0.0, 1.0)).unwrap();
        assert!(t0 < 0.0 && t1 > 0.0 && t1 < 1e-300);
        assert_eq!(
            clip_tangent(0.0, 5.0, 0.0, 1.0, (-2.0, 2.0), (0.0, 1.0)),
            None
        );
        assert_eq!(
            clip_tangent(0.0, 0.5, f64::NAN, 1.0, (-2.0, 2.0), (0.0, 1.0)),
            None
        );
    }

    #[test]
    fn the_y_range_leaves_the_top_band_free_and_stays_non_negative() {
        let y = y_axis([0.2, 0.3].into_iter(), 0.2);
        let band = (y.hi - 0.3) / (y.hi - y.lo);
        assert!((band - 0.2).abs() < 1e-12, "{band}");
        assert!(y.lo < 0.2 && y.lo > 0.15);
        let y = y_axis([0.01, 0.5].into_iter(), 0.2);
        assert_eq!(y.lo, 0.0);
        assert!(((y.hi - 0.5) / y.hi - 0.2).abs() < 1e-12);
        // Flat: widened about the value, still above 0.
        let y = y_axis([0.125, 0.125].into_iter(), 0.2);
        assert!(
            y.lo > 0.0 && y.lo < 0.125 && 0.125 < y.hi,
            "{} {}",
            y.lo,
            y.hi
        );
        let y = y_axis(std::iter::empty(), 0.2);
        assert!(y.lo == 0.0 && y.hi > 1.0);
    }
}
