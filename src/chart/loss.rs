//! The loss curve: mean cost against iteration, so the learner sees training converge, stall
//! or blow up.
//!
//! [`draw_loss`] is generic over the plotters backend: the page draws on a canvas, the tests
//! render SVG. It returns a [`LossGeometry`] so the page can map a pointer back to an
//! iteration (its hover read-out) without knowing how plotters laid the chart out.
//!
//! Ticks are computed here rather than by plotters: plotters' log axis puts no tick at all on
//! a range inside one decade and can drop the end decades to rounding, and knowing the labels
//! up front lets the left margin fit them. [`super::ticks::Ticked`] hands them to plotters.

use super::Rival;
use super::marks::MarkAt;
use super::plot_box::{PlotBox, Ranges};
use super::theme::{self, Pen};
use super::ticks::{
    Ticked, decimals_for, exponent_label, min_max, multiples, nice_step, pow10, text_width,
    trim_zeros,
};
use crate::palette::Mark;
use crate::train::Point;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

/// How to draw the chart: the page's colour scheme, the y scale the learner picked, and the
/// display's pixel ratio. Every field may be left out when deserializing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LossStyle {
    pub dark: bool,
    /// Logarithmic cost axis: shows the slow tail of training that a linear axis flattens.
    pub log_y: bool,
    /// Backend pixels per CSS pixel (`window.devicePixelRatio`). A sharp canvas has
    /// `width = css width * ratio`; text, lines and margins are scaled by it so they keep
    /// their CSS size. Values outside 0.5..=4 (or not finite) are clamped (or taken as 1).
    pub pixel_ratio: f64,
}

impl Default for LossStyle {
    fn default() -> LossStyle {
        LossStyle {
            dark: false,
            log_y: false,
            pixel_ratio: 1.0,
        }
    }
}

/// Where the plot landed, so the page can map a pointer x back to an iteration.
///
/// `x_min` is drawn at the plot box's left edge, `x_max` at its right, `y_max` at its top,
/// `y_min` at its bottom. Between them the mapping is linear, in log10(cost) when `log_y`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LossGeometry {
    #[serde(flatten)]
    pub plot: PlotBox,
    #[serde(flatten)]
    pub ranges: Ranges,
    pub log_y: bool,
}

impl LossGeometry {
    /// The iteration under pixel column `px`, clamped to the plotted range. (The page does
    /// this in JS from the geometry; the tests check the geometry with it.)
    pub fn x_at(&self, px: f64) -> f64 {
        self.ranges.x_at(self.plot.column_fraction(px))
    }

    /// Where the data point (x, y) is drawn, in backend pixels (not clamped, except that a
    /// non-positive cost on a log axis goes to the bottom edge).
    pub fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
        let (tx, linear_ty) = self.ranges.fractions(x, y);
        let r = &self.ranges;
        let ty = if !self.log_y {
            linear_ty
        } else if y > 0.0 {
            (y.ln() - r.y_min.ln()) / (r.y_max.ln() - r.y_min.ln())
        } else {
            0.0
        };
        self.plot.place(tx, ty)
    }
}

/// The history as (iteration, cost) pairs, the form [`draw_loss`] takes.
pub fn loss_points(history: &[Point]) -> Vec<(f64, f64)> {
    history
        .iter()
        .map(|p| (p.iteration as f64, p.cost))
        .collect()
}

/// The point whose iteration is closest to `x` (the first on a tie), for the hover read-out.
/// Non-finite points are skipped, as [`draw_loss`] skips them.
pub fn nearest(points: &[(f64, f64)], x: f64) -> Option<(f64, f64)> {
    points
        .iter()
        .copied()
        .filter(|(px, py)| px.is_finite() && py.is_finite())
        .fold(None, |best: Option<(f64, f64)>, p| match best {
            Some(b) if (b.0 - x).abs() <= (p.0 - x).abs() => Some(b),
            _ => Some(p),
        })
}

/// Draws the loss curve filling `root`: background, mesh, labelled axes, the rivals' curves
/// (if racing), the lead's curve, a dot on each last point and, if `highlight` is set, a guide
/// line and dot there (the hover read-out).
///
/// `points` are (iteration, cost) in drawing order; non-finite ones are skipped. The axes
/// cover the lead's curve and the rivals' up to twice the lead's highest cost (100 times on a
/// log axis); above that a rival runs along the top edge. With no points the axes still show (iterations 0 to 10). Nothing is
/// presented: call `root.present()` (or drop the backend) when everything on it is drawn.
pub fn draw_loss<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &[(f64, f64)],
    rivals: &[Rival],
    highlight: Option<(f64, f64)>,
    style: &LossStyle,
) -> Result<LossGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = Pen::new(style.dark, style.pixel_ratio);
    let clean = |points: &[(f64, f64)]| -> Vec<(f64, f64)> {
        points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(x, y)| (x.clamp(-MAX_ABS, MAX_ABS), y.clamp(-MAX_ABS, MAX_ABS)))
            .collect()
    };
    let data = clean(points);
    // The axes are the lead's: a rival far above it (diverging) would squash the lead's
    // curve flat, so rivals are capped a little above the lead's highest cost (more on a log
    // axis) and a diverging one runs along the top edge.
    let lead_top = data.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let cap = if lead_top > 0.0 {
        lead_top * if style.log_y { 100.0 } else { 2.0 }
    } else {
        f64::INFINITY
    };
    let others: Vec<RivalCurve> = rivals
        .iter()
        .map(|r| {
            let capped = clean(r.line)
                .into_iter()
                .map(|(x, y)| (x, y.min(cap)))
                .collect();
            (capped, r.color, r.mark)
        })
        .collect();
    let all: Vec<(f64, f64)> = data
        .iter()
        .chain(others.iter().flat_map(|o| &o.0))
        .copied()
        .collect();
    let x = x_axis(&all);
    if style.log_y {
        let y = log_y_axis(&all);
        // Zero (or negative) costs cannot sit on a log axis: they go to the floor, which is
        // the bottom edge, one decade or more below the smallest positive cost.
        let fit = |d: &[(f64, f64)]| -> Vec<(f64, f64)> {
            d.iter().map(|&(px, py)| (px, y.fit(py))).collect()
        };
        let data = fit(&data);
        let others: Vec<_> = others.iter().map(|(d, c, m)| (fit(d), *c, *m)).collect();
        let coord = Ticked::new(LogCoord::from((y.lo..y.hi).log_scale()), &y.bold, &y.light);
        draw_chart(root, &pen, &x, &y, coord, &data, &others, highlight)
    } else {
        let y = linear_y_axis(&all);
        let coord = Ticked::new(RangedCoordf64::from(y.lo..y.hi), &y.bold, &y.light);
        draw_chart(root, &pen, &x, &y, coord, &data, &others, highlight)
    }
}

/// A rival's curve as drawn: its points (capped, and fitted to a log axis), colour and mark.
type RivalCurve = (Vec<(f64, f64)>, RGBColor, Mark);

/// How many marks each rival's curve carries besides the one on its last point.
const RIVAL_MARKS: usize = 4;
/// Inputs beyond this are clamped, so that spans and paddings stay finite.
const MAX_ABS: f64 = 1e300;
/// The smallest cost a log axis shows.
const LOG_MIN: f64 = 1e-300;
/// At most this many labelled ticks across and up (a ~400 x 160 chart).
const X_TICKS: usize = 6;
const Y_TICKS: usize = 5;
/// Tick mark length in CSS pixels; plotters puts labels twice this far from the axis.
const TICK: f64 = 4.0;

/// One axis: its range, labelled ticks, unlabelled grid lines and how to write labels.
struct Axis {
    lo: f64,
    hi: f64,
    bold: Vec<f64>,
    light: Vec<f64>,
    format: Format,
    /// For a log axis: where zero and negative costs are drawn.
    floor: f64,
}

impl Axis {
    /// A value as drawn on this axis: at least the floor, inside the range.
    fn fit(&self, v: f64) -> f64 {
        v.max(self.floor).clamp(self.lo, self.hi)
    }
}

#[derive(Clone, Copy)]
enum Format {
    /// Iteration counts: 0, 500, 1.5k, 20k, 1M.
    Count { step: f64 },
    /// Linear costs: 0.25, or 2 × 10⁻⁴ throughout when the step is that small.
    Plain { step: f64, exponent: bool },
    /// Decades on a log axis: 10⁻⁶, 0.01, 1, 100.
    Decade,
}

impl Format {
    fn label(self, v: f64) -> String {
        if !v.is_finite() {
            return String::new();
        }
        match self {
            Format::Count { step } => count_label(v, step),
            Format::Plain { step, exponent } => plain_label(v, step, exponent),
            Format::Decade => decade_label(v),
        }
    }
}

fn count_label(v: f64, step: f64) -> String {
    let a = v.abs();
    if a >= 1e15 {
        return exponent_label(v, step);
    }
    let (unit, suffix) = match a {
        a if a >= 1e12 => (1e12, "T"),
        a if a >= 1e9 => (1e9, "G"),
        a if a >= 1e6 => (1e6, "M"),
        a if a >= 1e3 => (1e3, "k"),
        _ => (1.0, ""),
    };
    let decimals = decimals_for(step / unit);
    format!(
        "{}{suffix}",
        trim_zeros(format!("{:.*}", decimals, v / unit))
    )
}

fn plain_label(v: f64, step: f64, exponent: bool) -> String {
    if v.abs() < step * 1e-6 {
        return "0".into();
    }
    if exponent {
        exponent_label(v, step)
    } else {
        trim_zeros(format!("{:.*}", decimals_for(step), v))
    }
}

fn decade_label(v: f64) -> String {
    let e = v.log10().round();
    if (v / pow10(e as i32) - 1.0).abs() > 1e-9 {
        return exponent_label(v, v / 100.0);
    }
    if (-2.0..=3.0).contains(&e) {
        trim_zeros(format!("{:.*}", decimals_for(v), v))
    } else {
        crate::format::power_of_ten("1", e as i32)
    }
}

/// Iterations: the data's span, at least 10 wide so a fresh run does not stretch one step
/// across the chart and labels stay whole numbers.
fn x_axis(data: &[(f64, f64)]) -> Axis {
    let (lo, hi) = min_max(data.iter().map(|p| p.0)).unwrap_or((0.0, 10.0));
    let min_span = 10f64.max(lo.abs().max(hi.abs()) * 1e-9);
    let hi = if hi - lo < min_span {
        lo + min_span
    } else {
        hi
    };
    let (m, k) = nice_step(lo, hi, X_TICKS);
    let step = m * pow10(k);
    let bold = multiples(lo, hi, m, k, X_TICKS + 2);
    Axis {
        lo,
        hi,
        bold,
        light: Vec::new(),
        format: Format::Count { step },
        floor: lo,
    }
}

/// Linear cost: from 0 (costs are never negative, and a zero baseline shows how far training
/// has come) up to a round step above the largest cost. All-equal costs are no problem: the
/// range always includes 0; all zero gives 0..1.
fn linear_y_axis(data: &[(f64, f64)]) -> Axis {
    let (mut lo, mut hi) = match min_max(data.iter().map(|p| p.1)) {
        Some((lo, hi)) => (lo.min(0.0), hi.max(0.0)),
        None => (0.0, 0.0),
    };
    if hi - lo < 1e-300 {
        // Nothing to show (no points, or all zero): 0 to 1, as a cost usually starts below 1.
        (lo, hi) = (0.0, 1.0);
    } else {
        // Headroom so the curve's top does not run along the frame.
        let pad = 0.05 * (hi - lo);
        if hi > 0.0 {
            hi += pad;
        }
        if lo < 0.0 {
            lo -= pad;
        }
    }
    let (m, k) = nice_step(lo, hi, Y_TICKS);
    let step = m * pow10(k);
    // Round the ends out to the step, so the top gridline is labelled.
    hi = ((hi / step - 1e-9).ceil() * step).min(MAX_ABS * 1.1);
    if lo < 0.0 {
        lo = ((lo / step + 1e-9).floor() * step).max(-MAX_ABS * 1.1);
    }
    let bold = multiples(lo, hi, m, k, Y_TICKS + 3);
    let exponent = step < 1e-3 || lo.abs().max(hi.abs()) >= 1e4;
    Axis {
        lo,
        hi,
        bold,
        light: Vec::new(),
        format: Format::Plain { step, exponent },
        floor: lo,
    }
}

/// Log cost: whole decades around the data, so every axis has labelled ticks. Zero costs sit
/// on a floor one decade below the smallest positive cost.
fn log_y_axis(data: &[(f64, f64)]) -> Axis {
    let positive = data.iter().map(|p| p.1).filter(|&c| c > 0.0);
    let (ea, eb) = match min_max(positive) {
        Some((min_pos, max)) => {
            let has_floor = data.iter().any(|p| p.1 <= 0.0);
            let min = if has_floor { min_pos / 10.0 } else { min_pos };
            let (min, max) = (min.clamp(LOG_MIN, MAX_ABS), max.clamp(LOG_MIN, MAX_ABS));
            let mut ea = min.log10().floor() as i32;
            while pow10(ea) > min {
                ea -= 1;
            }
            let mut eb = max.log10().ceil() as i32;
            while pow10(eb) < max {
                eb += 1;
            }
            (ea, eb.max(ea + 1))
        }
        // No positive cost (none at all, or only zeros): 0.001 to 1, zeros on the bottom edge.
        None => (-3, 0),
    };
    let (lo, hi) = (pow10(ea), pow10(eb));
    let n = eb - ea;
    // Label every `stride`-th decade counting down from the top, at most Y_TICKS of them.
    let stride = ((n as usize).div_ceil(Y_TICKS - 1)).max(1) as i32;
    let labelled = |e: i32| (eb - e) % stride == 0;
    let bold: Vec<f64> = (ea..=eb)
        .rev()
        .filter(|&e| labelled(e))
        .map(pow10)
        .collect();
    let mut light = Vec::new();
    if n <= 30 {
        light.extend((ea..=eb).filter(|&e| !labelled(e)).map(pow10));
    }
    if n <= 3 {
        for e in ea..eb {
            light.extend((2..=9).map(|m| f64::from(m) * pow10(e)));
        }
    }
    Axis {
        lo,
        hi,
        bold,
        light,
        format: Format::Decade,
        floor: lo,
    }
}

/// The part of [`draw_loss`] that depends on the y coordinate type (linear or log).
#[allow(clippy::too_many_arguments)]
fn draw_chart<DB, Y>(
    root: &DrawingArea<DB, Shift>,
    pen: &Pen,
    x: &Axis,
    y: &Axis,
    y_coord: Y,
    data: &[(f64, f64)],
    rivals: &[RivalCurve],
    highlight: Option<(f64, f64)>,
) -> Result<LossGeometry, DrawingAreaErrorKind<DB::ErrorType>>
where
    DB: DrawingBackend,
    Y: Ranged<ValueType = f64, FormatOption = DefaultFormatting> + ValueFormatter<f64>,
{
    let theme = &pen.theme;
    root.fill(&theme.background)?;
    let px = |css: f64| pen.px(css);
    let font = pen.font();
    let tick = px(TICK);
    let widest_y = y
        .bold
        .iter()
        .map(|&v| text_width(&y.format.label(v), font))
        .max();
    let last_x = x
        .bold
        .last()
        .map_or(0, |&v| text_width(&x.format.label(v), font));
    // Left: tick labels right-aligned at twice the tick length, then the rotated description
    // at the edge.
    let y_area = 2 * tick + widest_y.unwrap_or(0) + px(4.0) + px(theme::FONT_PX + 2.0);
    // Bottom: tick labels below twice the tick length, then the description.
    let x_area = 2 * tick + px(theme::FONT_PX + 4.0) + px(theme::FONT_PX + 2.0);

    let mut chart = ChartBuilder::on(root)
        .margin_top(px(8.0))
        .margin_left(px(2.0))
        .margin_bottom(px(2.0))
        // Room for half of the last x label, centred on the right edge.
        .margin_right((last_x / 2 + px(2.0)).max(px(8.0)))
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            Ticked::new(RangedCoordf64::from(x.lo..x.hi), &x.bold, &x.light),
            y_coord,
        )?;

    let x_fmt = |v: &f64| x.format.label(*v);
    let y_fmt = |v: &f64| y.format.label(*v);
    pen.style_mesh(&mut chart.configure_mesh(), tick)
        .x_desc("iteration")
        .y_desc("mean cost")
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .draw()?;

    let hover = highlight
        .filter(|(hx, hy)| hx.is_finite() && hy.is_finite())
        .map(|(hx, hy)| (hx.clamp(x.lo, x.hi), y.fit(hy)));
    if let Some((hx, _)) = hover {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(hx, y.lo), (hx, y.hi)],
            theme.muted.mix(0.6).stroke_width(px(1.0)),
        )))?;
    }
    // Only the points a pixel apart are stroked (see `super::path`): long runs settle into
    // thousands of points on top of each other.
    let visible = |points: &[(f64, f64)]| -> Vec<(f64, f64)> {
        let pixels: Vec<(f64, f64)> = points
            .iter()
            .map(|p| {
                let (u, v) = chart.backend_coord(p);
                (f64::from(u), f64::from(v))
            })
            .collect();
        super::path::thin(&pixels, super::path::TOLERANCE_PX * pen.ratio)
            .into_iter()
            .map(|i| points[i])
            .collect()
    };
    let lead_line = visible(data);
    let rival_lines: Vec<(Vec<(f64, f64)>, &RGBColor)> =
        rivals.iter().map(|(p, c, _)| (visible(p), c)).collect();
    for (line, color) in rival_lines {
        chart.draw_series(LineSeries::new(line, color.stroke_width(px(2.0))))?;
    }
    // Each rival's mark along its curve, at a few iterations staggered from one rival to the
    // next (so marks on curves that run together do not hide each other), and on its last
    // point: its shape tells it apart where the colours do not.
    for (k, (points, color, mark)) in rivals.iter().enumerate() {
        let n = points.len();
        let along = (0..RIVAL_MARKS).filter_map(|j| {
            let f =
                (j as f64 + (k as f64 + 1.0) / (rivals.len() as f64 + 1.0)) / RIVAL_MARKS as f64;
            points.get((f * (n.saturating_sub(1)) as f64).round() as usize)
        });
        let at: Vec<(f64, f64)> = along.chain(points.last()).copied().collect();
        chart.draw_series(
            at.into_iter()
                .map(|p| MarkAt::new(p, *mark, px(3.5), color.filled())),
        )?;
    }
    chart.draw_series(LineSeries::new(
        lead_line,
        theme.forward.stroke_width(px(2.0)),
    ))?;
    if let Some(&last) = data.last() {
        chart.draw_series(std::iter::once(Circle::new(
            last,
            px(3.0),
            theme.forward.filled(),
        )))?;
    }
    if let Some(p) = hover {
        chart.draw_series(pen.ringed_dot(p, theme.text))?;
    }

    Ok(LossGeometry {
        plot: PlotBox::from_corners(
            chart.backend_coord(&(x.lo, y.hi)),
            chart.backend_coord(&(x.hi, y.lo)),
        ),
        ranges: Ranges {
            x_min: x.lo,
            x_max: x.hi,
            y_min: y.lo,
            y_max: y.hi,
        },
        log_y: matches!(y.format, Format::Decade),
    })
}
