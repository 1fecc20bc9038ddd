//! The 2D cost map: the mean cost over (w1, w2) as a heatmap with contour lines, axes and a
//! colour legend (the base layer), and the marker, step arrow and descent path on top (the
//! overlay, redrawn on every change while the base stays put).
//!
//! The heatmap's pixels are not drawn through plotters (one call per pixel is far too slow on
//! a canvas): [`draw_map`] lays out the chart and hands the caller the plot rectangle to fill,
//! which the page does with one `putImageData` of an RGBA buffer from
//! [`crate::surface::fill_rgba`], and the SVG tests do with coarse rectangles.

use super::Rival;
use super::colormap::{self, Scale};
use super::marks::MarkAt;
use super::plot_box::PlotBox;
use super::theme::{Pen, Theme};
use crate::surface::{Grid, contour_lines};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

/// How to draw the map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MapStyle {
    pub dark: bool,
    /// Colour by log(cost): spreads out the shallow valleys where training ends up.
    pub log_color: bool,
    /// Backend pixels per CSS pixel; text, lines and margins scale with it.
    pub pixel_ratio: f64,
    /// The width of [`LEGEND_WIDEST`] in backend pixels, measured by the caller where the
    /// backend cannot (a canvas under a strict CSP: plotters measures text with a styled
    /// element there); `None`: plotters measures it.
    #[serde(skip)]
    pub legend_label_px: Option<f64>,
    /// Colour by this cost range, `[min, max]`, instead of the grid's own: training moves b1
    /// and b2 and so the whole surface, and a scale kept from the run's start lets the colours
    /// show that. Ignored unless finite with min < max.
    pub fixed_scale: Option<[f64; 2]>,
}

impl Default for MapStyle {
    fn default() -> MapStyle {
        MapStyle {
            dark: false,
            log_color: false,
            pixel_ratio: 1.0,
            legend_label_px: None,
            fixed_scale: None,
        }
    }
}

impl MapStyle {
    /// The theme and the clamped pixel ratio the map draws with.
    pub fn pen(&self) -> Pen {
        Pen::new(self.dark, self.pixel_ratio)
    }
}

/// Where the map landed, in backend pixels: the plot rectangle [left, right) x [top, bottom)
/// shows w1 from `w1_min` (left edge) to `w1_max` (right edge) and w2 from `w2_min` (bottom
/// edge) to `w2_max` (top edge), and the colour scale's range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MapGeometry {
    #[serde(flatten)]
    pub plot: PlotBox,
    pub w1_min: f64,
    pub w1_max: f64,
    pub w2_min: f64,
    pub w2_max: f64,
    pub cost_min: f64,
    pub cost_max: f64,
    pub log_color: bool,
}

impl MapGeometry {
    /// Backend pixel of the point (w1, w2); unclamped.
    pub fn to_pixel(&self, w1: f64, w2: f64) -> (f64, f64) {
        let tx = (w1 - self.w1_min) / (self.w1_max - self.w1_min);
        let ty = (w2 - self.w2_min) / (self.w2_max - self.w2_min);
        self.plot.place(tx, ty)
    }

    /// The weights under backend pixel (x, y); unclamped. (The page does this in JS from the
    /// geometry; the tests check the geometry with it.)
    pub fn to_weights(&self, x: f64, y: f64) -> (f64, f64) {
        let (tx, ty) = self.plot.fractions(x, y);
        (
            self.w1_min + tx * (self.w1_max - self.w1_min),
            self.w2_min + ty * (self.w2_max - self.w2_min),
        )
    }

    /// Width and height of the plot rectangle in whole pixels (the heatmap image's size).
    pub fn plot_size(&self) -> (usize, usize) {
        (
            self.plot.width().round().max(1.0) as usize,
            self.plot.height().round().max(1.0) as usize,
        )
    }

    /// The colour scale the heatmap and legend use.
    pub fn scale(&self) -> Scale {
        Scale {
            min: self.cost_min,
            max: self.cost_max,
            log: self.log_color,
        }
    }
}

/// Contour levels: evenly spaced in colour (so in log cost when colouring by log).
pub const CONTOUR_LEVELS: usize = 9;

/// Lays out and draws the base layer: background, axes, the heatmap (through `fill`, given
/// the geometry with the plot rectangle), contour lines and the colour legend.
/// `costs` is row-major over `grid` as [`crate::surface::cost_surface`] fills it.
pub fn draw_map<DB, F>(
    root: &DrawingArea<DB, Shift>,
    grid: &Grid,
    costs: &[f32],
    style: &MapStyle,
    fill: F,
) -> Result<MapGeometry, DrawingAreaErrorKind<DB::ErrorType>>
where
    DB: DrawingBackend,
    F: FnOnce(&MapGeometry) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>,
{
    let frame = draw_map_frame(root, grid, style)?;
    draw_map_data(root, &frame, grid, costs, style, fill)
}

/// The part of the base layer that depends only on the range, size and colours: background
/// and labelled axes. Its geometry's cost range is a placeholder until [`draw_map_data`].
pub fn draw_map_frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    grid: &Grid,
    style: &MapStyle,
) -> Result<MapGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = style.pen();
    let theme = &pen.theme;
    let px = |css: f64| pen.px(css);
    root.fill(&theme.background)?;
    let text = pen.text();
    // Room right of the plot for the colour bar (24 px to the labels' start) and its widest
    // label, measured in this engine's font: fonts differ between browsers, and a clipped
    // "3.9 × 10⁻¹²" reads as "3.9 × 10⁻¹", a wrong number.
    let widest = match style.legend_label_px {
        Some(w) => w.ceil() as u32,
        None => root
            .estimate_text_size(LEGEND_WIDEST, &text)
            .map_or(40, |(w, _)| w),
    };
    let legend = px(LEGEND_GAP + 6.0) + widest;
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(18.0))
        .margin_left(px(4.0))
        .margin_bottom(px(4.0))
        .margin_right(legend)
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(40.0))
        .build_cartesian_2d(grid.w1_min..grid.w1_max, grid.w2_min..grid.w2_max)?;
    let fmt = |v: &f64| tick_label(*v);
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(theme.muted.stroke_width(px(1.0)))
        .label_style(text.clone())
        .axis_desc_style(text)
        .x_desc("w₁")
        .y_desc("w₂")
        .x_labels(7)
        .y_labels(7)
        .x_label_formatter(&fmt)
        .y_label_formatter(&fmt)
        .set_all_tick_mark_size(px(4.0))
        .draw()?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    Ok(MapGeometry {
        plot: PlotBox::from_corners((xr.start, yr.start), (xr.end, yr.end)),
        w1_min: grid.w1_min,
        w1_max: grid.w1_max,
        w2_min: grid.w2_min,
        w2_max: grid.w2_max,
        cost_min: 0.0,
        cost_max: 1.0,
        log_color: style.log_color,
    })
}

/// The grid as an n x n RGBA image, one pixel per grid point coloured through `scale` and the
/// colormap, top row = w2_max: what the page puts on a small canvas and lets the browser
/// scale into the plot (bilinear smoothing). `rgba` is resized to fit and reused.
pub fn grid_image(costs: &[f32], n: usize, scale: &Scale, rgba: &mut Vec<u8>) {
    rgba.resize(n * n * 4, 0);
    let lut = colormap::lut();
    for (row, out) in rgba.chunks_exact_mut(n * 4).enumerate() {
        let i = n - 1 - row;
        for (j, pixel) in out.chunks_exact_mut(4).enumerate() {
            let [r, g, b] = lut[colormap::index(scale.t(costs[i * n + j] as f64))];
            pixel.copy_from_slice(&[r, g, b, 255]);
        }
    }
}

/// The part that changes with b1, b2, the data and the cost: the heatmap (through `fill`),
/// contours and the legend, drawn inside a frame from [`draw_map_frame`]. While training
/// moves b1 and b2 every frame, only this part is redrawn.
pub fn draw_map_data<DB, F>(
    root: &DrawingArea<DB, Shift>,
    frame: &MapGeometry,
    grid: &Grid,
    costs: &[f32],
    style: &MapStyle,
    fill: F,
) -> Result<MapGeometry, DrawingAreaErrorKind<DB::ErrorType>>
where
    DB: DrawingBackend,
    F: FnOnce(&MapGeometry) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>,
{
    let pen = style.pen();
    let (theme, r) = (&pen.theme, pen.ratio);
    let px = |css: f64| pen.px(css);
    let text = pen.text();
    let scale = match style.fixed_scale {
        Some([lo, hi]) if lo.is_finite() && hi.is_finite() && lo < hi => {
            Scale::covering([lo, hi], style.log_color)
        }
        _ => Scale::covering(costs.iter().map(|&c| c as f64), style.log_color),
    };
    let geometry = MapGeometry {
        cost_min: scale.min,
        cost_max: scale.max,
        log_color: scale.log,
        ..*frame
    };
    fill(&geometry)?;

    // Contours: light lines that read on every viridis colour.
    let levels: Vec<f64> = (1..=CONTOUR_LEVELS)
        .map(|k| scale.value(k as f64 / (CONTOUR_LEVELS + 1) as f64))
        .collect();
    let line = RGBColor(255, 255, 255).mix(0.55).stroke_width(px(1.0));
    let to_px = |(w1, w2): (f64, f64)| {
        let (x, y) = geometry.to_pixel(w1, w2);
        (x.round() as i32, y.round() as i32)
    };
    for (_, points) in contour_lines(costs, grid, &levels) {
        root.draw(&PathElement::new(
            points.into_iter().map(to_px).collect::<Vec<_>>(),
            line,
        ))?;
    }

    // The legend's old labels go first: its area right of the plot is repainted.
    let (w, h) = root.dim_in_pixel();
    let x0 = (geometry.plot.right + 2.0 * r).round() as i32;
    // Down to just below the legend's last label, above the x axis's tick labels.
    let y1 = ((geometry.plot.bottom + 7.0 * r).round() as i32).min(h as i32);
    root.draw(&Rectangle::new(
        [(x0, 0), (w as i32, y1)],
        theme.background.filled(),
    ))?;
    draw_legend(root, &geometry, &scale, theme, r, &text)?;
    Ok(geometry)
}

/// The widest text [`cost_label`] writes ("−8.8 × 10⁻⁸⁸" and "C (log)" are narrower).
pub const LEGEND_WIDEST: &str = "8.8 × 10⁻⁸⁸⁸";
/// CSS pixels from the plot's right edge to the legend labels (bar from 10 to 20).
const LEGEND_GAP: f64 = 24.0;

/// The colour bar right of the plot, with four or five cost labels.
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &MapGeometry,
    scale: &Scale,
    theme: &Theme,
    r: f64,
    text: &TextStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let x0 = (g.plot.right + 10.0 * r).round() as i32;
    let x1 = x0 + (10.0 * r).round() as i32;
    let (top, bottom) = (g.plot.top, g.plot.bottom);
    let steps = 64;
    for k in 0..steps {
        let t0 = k as f64 / steps as f64;
        let t1 = (k + 1) as f64 / steps as f64;
        let y1 = (bottom - t0 * (bottom - top)).round() as i32;
        let y0 = (bottom - t1 * (bottom - top)).round() as i32;
        let c = colormap::color((t0 + t1) / 2.0);
        root.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))?;
    }
    root.draw(&Rectangle::new(
        [(x0, top.round() as i32), (x1, bottom.round() as i32)],
        theme.muted.stroke_width((r.round() as u32).max(1)),
    ))?;
    let label_style = text.pos(Pos::new(HPos::Left, VPos::Center));
    for k in 0..=4 {
        let t = k as f64 / 4.0;
        let y = (bottom - t * (bottom - top)).round() as i32;
        root.draw(&Text::new(
            cost_label(scale.value(t)),
            ((g.plot.right + LEGEND_GAP * r).round() as i32, y),
            label_style.clone(),
        ))?;
    }
    root.draw(&Text::new(
        if scale.log { "C (log)" } else { "C" },
        (x0, (top - 4.0 * r).round() as i32),
        text.pos(Pos::new(HPos::Left, VPos::Bottom)),
    ))?;
    Ok(())
}

/// What the overlay shows: the descent path, the current weights and the next step.
pub struct Overlay<'a> {
    /// (w1, w2) after each kept iteration, oldest first; the last is the current weights.
    pub path: &'a [(f64, f64)],
    pub current: (f64, f64),
    /// Where the next update will move (w1, w2): current - learning_rate * gradient.
    pub next: (f64, f64),
}

/// Where a rival was drawn: its ball (the current weights) and its path.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RivalMark {
    /// Centre of the ball; `None` if the rival has no finite point.
    pub ball: Option<[f64; 2]>,
    /// Segments in the drawn path (points - 1).
    pub path_segments: usize,
}

/// Pixel positions of what the overlay drew, for the page's tests and hit testing.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverlayGeometry {
    pub marker: [f64; 2],
    pub start: Option<[f64; 2]>,
    pub arrow_end: [f64; 2],
    /// Where the drawn arrow's tip is: `arrow_end`, or further along the same direction when
    /// the step is shorter than [`ARROW_MIN_CSS`]; `None` when there is no step.
    pub arrow_tip: Option<[f64; 2]>,
    /// Segments in the drawn path (points - 1).
    pub path_segments: usize,
    /// The rivals, in the order given.
    pub rivals: Vec<RivalMark>,
}

/// Draws the overlay on a transparent layer of the same size as the base: the path (white
/// with a dark halo, so it reads on every colour, its start a hollow ring), the step arrow
/// (magenta, the backward pass's colour, to scale) and the current marker. The caller clears
/// the layer first.
pub fn draw_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &MapGeometry,
    o: &Overlay,
    style: &MapStyle,
) -> Result<OverlayGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    draw_race_overlay(root, g, o, &[], style)
}

/// [`draw_overlay`] with a race: the rivals' paths, each a coloured line on a dark casing,
/// and its mark (a shape of its own) where each rival is now, all under the lead's path, arrow and marker.
pub fn draw_race_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    g: &MapGeometry,
    o: &Overlay,
    rivals: &[Rival],
    style: &MapStyle,
) -> Result<OverlayGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let pen = style.pen();
    let (theme, r) = (&pen.theme, pen.ratio);
    let w = |css: f64| pen.px(css);
    let ipx = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    // Keep everything inside the plot, a little beyond its edge at most.
    let clamp = |(x, y): (f64, f64)| {
        (
            x.clamp(g.plot.left - 6.0 * r, g.plot.right + 6.0 * r),
            y.clamp(g.plot.top - 6.0 * r, g.plot.bottom + 6.0 * r),
        )
    };
    let to_px = |p: (f64, f64)| clamp(g.to_pixel(p.0, p.1));
    let halo = RGBColor(20, 20, 30).mix(0.6);
    let white = RGBColor(255, 255, 255);

    let finite = |path: &[(f64, f64)]| -> Vec<(f64, f64)> {
        path.iter()
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .map(|&p| to_px(p))
            .collect()
    };
    // The vertices worth stroking (see `super::path`), in whole pixels.
    let stroke = |points: &[(f64, f64)]| -> Vec<(i32, i32)> {
        super::path::thin(points, super::path::TOLERANCE_PX * r)
            .into_iter()
            .map(|i| ipx(points[i]))
            .collect()
    };
    // Rivals first, under the lead: a coloured line on a dark casing, a ball where each is.
    let drawn: Vec<Vec<(f64, f64)>> = rivals.iter().map(|r| finite(r.line)).collect();
    for (points, rival) in drawn.iter().zip(rivals) {
        if points.len() >= 2 {
            let path = stroke(points);
            root.draw(&PathElement::new(path.clone(), halo.stroke_width(w(4.0))))?;
            root.draw(&PathElement::new(path, rival.color.stroke_width(w(2.0))))?;
        }
    }
    let mut marks = Vec::with_capacity(rivals.len());
    for (points, rival) in drawn.iter().zip(rivals) {
        let ball = points.last().copied();
        if let Some(b) = ball {
            root.draw(&MarkAt::new(ipx(b), rival.mark, w(6.0), halo.filled()))?;
            root.draw(&MarkAt::new(
                ipx(b),
                rival.mark,
                w(4.5),
                rival.color.filled(),
            ))?;
        }
        marks.push(RivalMark {
            ball: ball.map(|b| [b.0, b.1]),
            path_segments: points.len().saturating_sub(1),
        });
    }

    let points = finite(o.path);
    if points.len() >= 2 {
        let path = stroke(&points);
        root.draw(&PathElement::new(path.clone(), halo.stroke_width(w(4.0))))?;
        root.draw(&PathElement::new(path, white.stroke_width(w(2.0))))?;
    }
    let start = points.first().copied();
    if let Some(s) = start {
        root.draw(&Circle::new(ipx(s), w(5.0), halo.stroke_width(w(4.0))))?;
        root.draw(&Circle::new(ipx(s), w(5.0), white.stroke_width(w(2.0))))?;
    }

    let marker = to_px(o.current);
    let arrow_end = to_px(o.next);
    let arrow_tip = draw_arrow(root, marker, arrow_end, theme.backward, halo, r)?;
    root.draw(&Circle::new(ipx(marker), w(6.5), halo.filled()))?;
    root.draw(&Circle::new(ipx(marker), w(5.0), white.filled()))?;
    root.draw(&Circle::new(ipx(marker), w(2.5), theme.forward.filled()))?;
    Ok(OverlayGeometry {
        marker: [marker.0, marker.1],
        start: start.map(|s| [s.0, s.1]),
        arrow_end: [arrow_end.0, arrow_end.1],
        arrow_tip: arrow_tip.map(|t| [t.0, t.1]),
        path_segments: points.len().saturating_sub(1),
        rivals: marks,
    })
}

/// The shortest arrow drawn, in CSS pixels: a step smaller than this on screen (a small η, a
/// gentle slope) still shows which way it goes, at this length.
pub const ARROW_MIN_CSS: f64 = 18.0;

/// An arrow from `a` towards `b` with a head scaled to the line, at least [`ARROW_MIN_CSS`]
/// long (its direction always true), or nothing when `b` is `a` (no step to show).
fn draw_arrow<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    color: RGBColor,
    halo: RGBAColor,
    r: f64,
) -> Result<Option<(f64, f64)>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let to_scale = dx.hypot(dy);
    if to_scale.is_nan() || to_scale <= 1e-9 {
        return Ok(None);
    }
    let (ux, uy) = (dx / to_scale, dy / to_scale);
    let len = to_scale.max(ARROW_MIN_CSS * r);
    let b = (a.0 + ux * len, a.1 + uy * len);
    let head = (9.0 * r).min(len * 0.6);
    let base = (b.0 - ux * head, b.1 - uy * head);
    let side = head * 0.5;
    let left = (base.0 - uy * side, base.1 + ux * side);
    let right = (base.0 + uy * side, base.1 - ux * side);
    let p = |q: (f64, f64)| (q.0.round() as i32, q.1.round() as i32);
    let shaft = vec![p(a), p(base)];
    let w = |css: f64| (css * r).round().max(1.0) as u32;
    root.draw(&PathElement::new(shaft.clone(), halo.stroke_width(w(5.0))))?;
    root.draw(&Polygon::new(vec![p(b), p(left), p(right)], halo.filled()))?;
    root.draw(&PathElement::new(shaft, color.stroke_width(w(2.5))))?;
    root.draw(&Polygon::new(vec![p(b), p(left), p(right)], color.filled()))?;
    Ok(Some(b))
}

/// Axis labels for weights: -8, -4, 0, 2.5 — no trailing zeros.
fn tick_label(v: f64) -> String {
    if v.abs() < 1e-9 {
        return "0".into();
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('-', "\u{2212}")
}

/// Legend labels for costs: 3 significant digits, a power of ten when small or large
/// ("3.9 × 10⁻¹²", written as every number is: [`crate::format::power_of_ten`]).
pub fn cost_label(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if (1e-2..1e4).contains(&a) {
        let digits = (2 - a.log10().floor() as i32).max(0) as usize;
        let s = format!("{v:.digits$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        let s = format!("{v:.1e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        crate::format::power_of_ten(
            &mantissa.replace(".0", "").replace('-', "\u{2212}"),
            exponent.parse().unwrap_or(0),
        )
    }
}
