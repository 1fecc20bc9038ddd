//! The cost surface in 3D: C(w1, w2) with b1 and b2 held fixed, w1 across, w2 into the depth,
//! cost up, faces coloured by height on the shared viridis scale. On it, the path gradient
//! descent took (magenta, its start a hollow ring) and the current weights (a white dot).
//!
//! [`draw_surface3d`] is generic over the plotters backend like the other charts. It uses
//! plotters' 3D coordinates (`build_cartesian_3d` + `with_projection`) for the projection but
//! draws the faces, panels and axes itself:
//! - `SurfaceSeries` paints its polygons in data order (it never sorts); a height field seen
//!   from any yaw needs them back to front (painter's algorithm), so the faces are sorted here,
//!   by their depth on the floor, and outlined in their own colour to hide antialiasing seams.
//! - `configure_axes` in plotters 0.3.7 has no setter for the axis line colour (always black,
//!   invisible on the dark theme), no axis descriptions, and picks tick counts itself.
//! - plotters' 3D box is a cube sized to 4/5 of the shorter side whatever the yaw, so at most
//!   angles it pokes out of the canvas; the scale is fitted here from the projected corners.
//!
//! Plotters' 3D axes are (x, y, z) = (across, up, depth), so points are (w1, cost, w2).

use super::colormap::{self, Scale};
use super::theme::{self, Theme};
use crate::surface::Grid;
use crate::train::Point;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// How to look at the surface, and how to draw it. Every field may be left out when
/// deserializing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct View3d {
    /// Rotation about the vertical (cost) axis, radians; any value, wrapped to (-pi, pi].
    pub yaw: f64,
    /// Elevation of the eye, radians: near 0 looks from the side, near pi/2 from above.
    /// Clamped to [`PITCH_MIN`]..=[`PITCH_MAX`].
    pub pitch: f64,
    pub dark: bool,
    /// Colour by log(cost), which spreads out the shallow valleys. Heights stay linear.
    pub log_color: bool,
    /// Backend pixels per CSS pixel, as in [`super::loss::LossStyle::pixel_ratio`].
    pub pixel_ratio: f64,
}

/// The view the page opens with: the valley floor and both walls visible.
pub const DEFAULT_YAW: f64 = 0.7;
pub const DEFAULT_PITCH: f64 = 0.45;
/// Lower limit of the pitch: looking from just above the horizon.
pub const PITCH_MIN: f64 = 0.05;
/// Upper limit of the pitch: looking almost straight down.
pub const PITCH_MAX: f64 = 1.5;
/// The surface is drawn with at most this many quads per side, whatever the grid resolution.
pub const MAX_QUADS: usize = 48;

impl Default for View3d {
    fn default() -> View3d {
        View3d {
            yaw: DEFAULT_YAW,
            pitch: DEFAULT_PITCH,
            dark: false,
            log_color: false,
            pixel_ratio: 1.0,
        }
    }
}

impl View3d {
    /// The yaw actually used: wrapped to (-pi, pi]; not finite gives [`DEFAULT_YAW`].
    pub fn yaw_used(&self) -> f64 {
        if !self.yaw.is_finite() {
            return DEFAULT_YAW;
        }
        let y = self.yaw.rem_euclid(2.0 * PI);
        if y > PI { y - 2.0 * PI } else { y }
    }

    /// The pitch actually used: clamped; not finite gives [`DEFAULT_PITCH`].
    pub fn pitch_used(&self) -> f64 {
        if self.pitch.is_finite() {
            self.pitch.clamp(PITCH_MIN, PITCH_MAX)
        } else {
            DEFAULT_PITCH
        }
    }

    fn scale(&self) -> f64 {
        if self.pixel_ratio.is_finite() {
            self.pixel_ratio.clamp(0.5, 4.0)
        } else {
            1.0
        }
    }
}

/// What to draw: the surface and what lies on it.
#[derive(Clone, Copy, Debug)]
pub struct Surface3d<'a> {
    pub grid: Grid,
    /// Mean cost per grid point, row-major as [`crate::surface::cost_surface`] fills it:
    /// `costs[i * resolution + j]` at (w1(j), w2(i)). Missing or non-finite values leave holes.
    pub costs: &'a [f32],
    /// The descent, oldest first, as (w1, w2, cost). Points off the grid are pulled onto its
    /// edge, costs outside the height axis onto its floor or ceiling; non-finite points are
    /// skipped. The cost is drawn as given: if b1 and b2 moved during the run it is not the
    /// height of this surface; pass [`Surface3d::height_at`] instead to lay the path on it.
    pub path: &'a [(f64, f64, f64)],
    /// The current weights and their cost (w1, w2, cost), placed like the path's points. Not
    /// drawn if any part is not finite.
    pub current: (f64, f64, f64),
}

impl Surface3d<'_> {
    /// The cost at grid point (row i, column j), if present and finite.
    fn cost(&self, i: usize, j: usize) -> Option<f64> {
        let n = self.grid.resolution;
        if i >= n || j >= n {
            return None;
        }
        let c = f64::from(*self.costs.get(i.checked_mul(n)?.checked_add(j)?)?);
        c.is_finite().then_some(c)
    }

    /// The surface's height at (w1, w2), interpolated between the four grid points around it
    /// (bilinearly); `None` outside the grid or next to a missing cost.
    pub fn height_at(&self, w1: f64, w2: f64) -> Option<f64> {
        let g = &self.grid;
        let n = g.resolution;
        if n < 2 || !valid_range(g.w1_min, g.w1_max) || !valid_range(g.w2_min, g.w2_max) {
            return None;
        }
        let u = (w1 - g.w1_min) / (g.w1_max - g.w1_min) * (n - 1) as f64;
        let v = (w2 - g.w2_min) / (g.w2_max - g.w2_min) * (n - 1) as f64;
        let last = (n - 1) as f64;
        if !(0.0..=last).contains(&u) || !(0.0..=last).contains(&v) {
            return None;
        }
        let (j, i) = (
            (u.floor() as usize).min(n - 2),
            (v.floor() as usize).min(n - 2),
        );
        let (fu, fv) = (u - j as f64, v - i as f64);
        let c00 = self.cost(i, j)?;
        let c01 = self.cost(i, j + 1)?;
        let c10 = self.cost(i + 1, j)?;
        let c11 = self.cost(i + 1, j + 1)?;
        let low = c00 + (c01 - c00) * fu;
        let high = c10 + (c11 - c10) * fu;
        Some(low + (high - low) * fv)
    }
}

/// A training history as the path [`Surface3d`] takes: (w1, w2, cost) per point.
pub fn surface_path(history: &[Point]) -> Vec<(f64, f64, f64)> {
    history
        .iter()
        .map(|p| (p.params.w1, p.params.w2, p.cost))
        .collect()
}

/// Where things landed, so the page can find the marker (and anything else) on the canvas.
///
/// Pixels are backend pixels (canvas or SVG units; CSS pixels times `pixel_ratio`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Geometry3d {
    /// Centre of the current-weights marker; `None` if it was not drawn.
    pub marker_px: Option<[f64; 2]>,
    /// Vertices of the drawn path (its finite points).
    pub path_points: usize,
    /// Surface quads drawn.
    pub faces: usize,
    /// The angles used, after wrapping and clamping.
    pub yaw: f64,
    pub pitch: f64,
    /// The box's ranges: w1 across, w2 into the depth, cost (linear) up.
    pub w1_range: [f64; 2],
    pub w2_range: [f64; 2],
    pub cost_range: [f64; 2],
    /// The projection's first two rows: (x, y) = M * (t_w1, t_cost, t_w2, 1), where each t is
    /// the position in its range, 0 to 1. Use [`Geometry3d::to_pixel`].
    pub projection: [[f64; 4]; 2],
}

impl Geometry3d {
    /// Where (w1, w2, cost) is drawn, in backend pixels (not clamped; plotters rounds the
    /// pixels it draws to whole numbers, so they may differ from this by about one).
    pub fn to_pixel(&self, w1: f64, w2: f64, cost: f64) -> [f64; 2] {
        let t = |v: f64, [lo, hi]: [f64; 2]| (v - lo) / (hi - lo);
        let p = [
            t(w1, self.w1_range),
            t(cost, self.cost_range),
            t(w2, self.w2_range),
            1.0,
        ];
        let row = |r: &[f64; 4]| r.iter().zip(&p).map(|(a, b)| a * b).sum();
        [row(&self.projection[0]), row(&self.projection[1])]
    }
}

/// The box in plotters' 3D pixel units: w1 and w2 sides, and the (lower) cost side. Large so
/// that plotters' whole-number 3D coordinates are fine enough; the projection scales it down.
const SIDE: i32 = 4000;
const HEIGHT: i32 = 2600;
/// Tick mark length in CSS pixels; labels sit twice this far from the axis.
const TICK: f64 = 4.0;
/// How far the path and marker float above their cost, as a share of the height axis, so the
/// surface does not cut through them.
const LIFT: f64 = 0.012;
/// About this many mesh lines per side are drawn on the surface.
const MESH_LINES: usize = 8;

/// Draws the surface filling `root`: background, back panels with grid lines, the faces
/// (back to front), the axes with ticks and labels, the path and the marker.
///
/// Never panics on odd input: a resolution below 2, a `costs` slice of the wrong length, NaN
/// or infinite costs (holes), a flat surface (given a unit of height), a reversed or
/// non-finite grid range (axes only, -1 to 1) and any angles are all drawn as well as they can
/// be. Nothing is presented: call `root.present()` when everything on it is drawn.
pub fn draw_surface3d<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Surface3d,
    view: &View3d,
) -> Result<Geometry3d, DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = Theme::pick(view.dark);
    let ratio = view.scale();
    let (yaw, pitch) = (view.yaw_used(), view.pitch_used());
    let px = |css: f64| (css * ratio).round().max(1.0) as u32;
    let font = theme::FONT_PX * ratio;
    root.fill(&theme.background)?;

    let g = &s.grid;
    let grid_ok =
        g.resolution >= 2 && valid_range(g.w1_min, g.w1_max) && valid_range(g.w2_min, g.w2_max);
    let (w1_lo, w1_hi) = if grid_ok {
        (g.w1_min, g.w1_max)
    } else {
        (-1.0, 1.0)
    };
    let (w2_lo, w2_hi) = if grid_ok {
        (g.w2_min, g.w2_max)
    } else {
        (-1.0, 1.0)
    };
    let n = if grid_ok { g.resolution } else { 0 };
    let finite = || {
        s.costs
            .iter()
            .take(n.saturating_mul(n))
            .map(|&c| f64::from(c))
            .filter(|c| c.is_finite())
    };
    let (c_lo, c_hi) = height_range(finite());
    let colors = Scale::covering(finite(), view.log_color);

    // Ticks first: their labels decide the margins.
    let w1_ticks = Ticks::new(w1_lo, w1_hi, 5);
    let w2_ticks = Ticks::new(w2_lo, w2_hi, 5);
    let c_ticks = Ticks::new(c_lo, c_hi, 4);
    let tick = f64::from(px(TICK));
    let widest = |t: &Ticks| t.labels().map(|l| text_width(&l, font)).fold(0.0, f64::max);
    let title_font = font * 1.25;
    let title_gap = 6.0 * ratio;
    // Floor axes: labels go out and down (or sideways), then the title; the cost axis: labels
    // to the left, then its title.
    let floor_out = 2.0 * tick + font + title_gap + title_font;
    let side_out = 2.0 * tick + widest(&c_ticks) + title_gap + text_width("C", title_font);
    let floor_side = 2.0 * tick + widest(&w1_ticks).max(widest(&w2_ticks)) + title_gap;
    // Room around the box: labels hang off the front edges of the floor (always the lowest
    // on screen), off the leftmost vertical edge, and never above the box.
    let edge = 4.0 * ratio;
    let (left, right) = (side_out.max(floor_side) + edge, floor_side + edge);
    let (top, bottom) = (edge, floor_out + edge);

    // w2 runs from the front (w2_min) into the depth, as if the 2D map lay on the floor.
    let mut chart = ChartBuilder::on(root).margin(px(4.0)).build_cartesian_3d(
        w1_lo..w1_hi,
        c_lo..c_hi,
        w2_hi..w2_lo,
    )?;
    chart.set_3d_pixel_range((SIDE, HEIGHT, SIDE));
    let (x_range, y_range) = chart.plotting_area().get_pixel_range();
    let avail_w = (f64::from(x_range.end - x_range.start) - left - right).max(8.0);
    let avail_h = (f64::from(y_range.end - y_range.start) - top - bottom).max(8.0);
    let centre_2d = (
        (f64::from(x_range.start) + left + avail_w / 2.0).round() as i32,
        (f64::from(y_range.start) + top + avail_h / 2.0).round() as i32,
    );
    chart.with_projection(|mut p| {
        p.yaw = yaw;
        p.pitch = pitch;
        p.scale = 1.0;
        p.set_pivot((SIDE / 2, HEIGHT / 2, SIDE / 2), centre_2d);
        // The box is symmetric about its centre, which lands on the middle of the room left
        // for it: fit its half extents into half the room.
        let m = p.into_matrix();
        let (mut half_w, mut half_h) = (1.0f64, 1.0f64);
        for x in [0, SIDE] {
            for y in [0, HEIGHT] {
                for z in [0, SIDE] {
                    let (u, v) = m * (x, y, z);
                    half_w = half_w.max(f64::from((u - centre_2d.0).abs()));
                    half_h = half_h.max(f64::from((v - centre_2d.1).abs()));
                }
            }
        }
        p.scale = (avail_w / 2.0 / half_w)
            .min(avail_h / 2.0 / half_h)
            .max(1e-4);
        p.into_matrix()
    });

    let area = chart.plotting_area();
    let coord = area.as_coord_spec();
    let depth = |x: f64, y: f64, z: f64| coord.projected_depth(&x, &y, &z);
    let screen = |x: f64, y: f64, z: f64| {
        let (u, v) = coord.translate(&(x, y, z));
        (f64::from(u), f64::from(v))
    };

    // The box: which sides are at the back, which corner is in front.
    let (c_mid, w1_mid, w2_mid) = (
        (c_lo + c_hi) / 2.0,
        (w1_lo + w1_hi) / 2.0,
        (w2_lo + w2_hi) / 2.0,
    );
    let (x_back, x_front) = if depth(w1_lo, c_mid, w2_mid) > depth(w1_hi, c_mid, w2_mid) {
        (w1_lo, w1_hi)
    } else {
        (w1_hi, w1_lo)
    };
    let (z_back, z_front) = if depth(w1_mid, c_mid, w2_lo) > depth(w1_mid, c_mid, w2_hi) {
        (w2_lo, w2_hi)
    } else {
        (w2_hi, w2_lo)
    };

    // Back panels: the floor and the two far walls, with grid lines at the ticks.
    let panel = theme.line.mix(if view.dark { 0.45 } else { 0.3 });
    let grid_line = theme.line.stroke_width(px(1.0));
    let panels = [
        vec![
            (w1_lo, c_lo, w2_lo),
            (w1_hi, c_lo, w2_lo),
            (w1_hi, c_lo, w2_hi),
            (w1_lo, c_lo, w2_hi),
        ],
        vec![
            (x_back, c_lo, w2_lo),
            (x_back, c_hi, w2_lo),
            (x_back, c_hi, w2_hi),
            (x_back, c_lo, w2_hi),
        ],
        vec![
            (w1_lo, c_lo, z_back),
            (w1_hi, c_lo, z_back),
            (w1_hi, c_hi, z_back),
            (w1_lo, c_hi, z_back),
        ],
    ];
    let mut lines: Vec<[(f64, f64, f64); 2]> = Vec::new();
    for corners in panels {
        // The edges one by one: a closed polyline would mitre its acute corners into spikes.
        lines.extend((0..4).map(|k| [corners[k], corners[(k + 1) % 4]]));
        area.draw(&Polygon::new(corners, panel.filled()))?;
    }
    for &w1 in &w1_ticks.values {
        lines.push([(w1, c_lo, w2_lo), (w1, c_lo, w2_hi)]);
        lines.push([(w1, c_lo, z_back), (w1, c_hi, z_back)]);
    }
    for &w2 in &w2_ticks.values {
        lines.push([(w1_lo, c_lo, w2), (w1_hi, c_lo, w2)]);
        lines.push([(x_back, c_lo, w2), (x_back, c_hi, w2)]);
    }
    for &c in &c_ticks.values {
        lines.push([(x_back, c, w2_lo), (x_back, c, w2_hi)]);
        lines.push([(w1_lo, c, z_back), (w1_hi, c, z_back)]);
    }
    for [a, b] in lines {
        area.draw(&PathElement::new(vec![a, b], grid_line))?;
    }

    // The surface, at most MAX_QUADS x MAX_QUADS quads, back to front.
    let rows = sample(n);
    let m = rows.len();
    let verts: Vec<Option<(f64, f64, f64)>> = rows
        .iter()
        .flat_map(|&i| rows.iter().map(move |&j| (i, j)))
        .map(|(i, j)| s.cost(i, j).map(|c| (g.w1(j), c, g.w2(i))))
        .collect();
    let vert = |a: usize, b: usize| verts[a * m + b];
    // Depth on the floor, ignoring height: for a height field seen from above, a point can
    // only hide points farther away in this sense, so it orders the faces exactly (a depth
    // that includes the height can put a steep face behind one it covers). In f64: plotters'
    // own depth is in whole pixels, too coarse to order quads a few pixels apart.
    let ground_depth = {
        let r = coord.projection().as_ref()[2];
        let (sx, sz) = (
            f64::from(SIDE) / (w1_hi - w1_lo),
            f64::from(SIDE) / (w2_lo - w2_hi),
        );
        let y = f64::from(HEIGHT) / 2.0;
        move |w1: f64, w2: f64| r[0] * (w1 - w1_lo) * sx + r[1] * y + r[2] * (w2 - w2_hi) * sz
    };
    // The mesh divides the surface into blocks of `every` x `every` quads. Blocks are drawn
    // back to front, each with its faces back to front and then its outline: a line drawn
    // with each face would be nicked at every vertex by the faces painted after it.
    let every = (m.saturating_sub(1)).div_ceil(MESH_LINES).max(1);
    let mut faces = Vec::new();
    for a in 0..m.saturating_sub(1) {
        for b in 0..m - 1 {
            let quad = [
                vert(a, b),
                vert(a, b + 1),
                vert(a + 1, b + 1),
                vert(a + 1, b),
            ];
            if let [Some(p0), Some(p1), Some(p2), Some(p3)] = quad {
                let corners = [p0, p1, p2, p3];
                let t = corners.iter().map(|p| colors.t(p.1)).sum::<f64>() / 4.0;
                let (a0, b0) = (a / every * every, b / every * every);
                let (a1, b1) = ((a0 + every).min(m - 1), (b0 + every).min(m - 1));
                let block = ground_depth(
                    (g.w1(rows[b0]) + g.w1(rows[b1])) / 2.0,
                    (g.w2(rows[a0]) + g.w2(rows[a1])) / 2.0,
                );
                let own = ground_depth((p0.0 + p2.0) / 2.0, (p0.2 + p2.2) / 2.0);
                faces.push((block, own, (a0, b0), corners, t));
            }
        }
    }
    // Farther has the larger depth: draw it first.
    faces.sort_by(|x, y| y.0.total_cmp(&x.0).then(y.1.total_cmp(&x.1)));
    let mesh_segment = |p: (f64, f64, f64), q: (f64, f64, f64)| {
        // The surface's own colour there, washed towards the background: visible on every
        // colour, never louder than the surface around it.
        let t = (colors.t(p.1) + colors.t(q.1)) / 2.0;
        let wash = if view.dark { 0.45 } else { 0.4 };
        let color = blend(colormap::color(t), theme.background, wash);
        PathElement::new(vec![p, q], color.stroke_width(px(1.0)))
    };
    let draw_block_outline = |(a0, b0): (usize, usize)| {
        let (a1, b1) = ((a0 + every).min(m - 1), (b0 + every).min(m - 1));
        let mut edges = Vec::new();
        for b in b0..b1 {
            edges.push(((a0, b), (a0, b + 1)));
            edges.push(((a1, b), (a1, b + 1)));
        }
        for a in a0..a1 {
            edges.push(((a, b0), (a + 1, b0)));
            edges.push(((a, b1), (a + 1, b1)));
        }
        for ((a, b), (c, d)) in edges {
            if let (Some(p), Some(q)) = (vert(a, b), vert(c, d)) {
                area.draw(&mesh_segment(p, q))?;
            }
        }
        Ok(())
    };
    let mut current_block = None;
    for &(_, _, block, corners, t) in &faces {
        if current_block != Some(block) {
            if let Some(done) = current_block {
                draw_block_outline(done)?;
            }
            current_block = Some(block);
        }
        let fill = colormap::color(t);
        area.draw(&Polygon::new(corners.to_vec(), fill.filled()))?;
        // Outlined in its own colour: antialiased neighbours otherwise leave hairline seams
        // of background between them (in SVG and on a canvas alike). As two open halves
        // that meet only at the obtuse corners: a mitred join at an acute one would poke a
        // few pixels into the neighbours.
        let [p0, p1, p2, p3] = corners;
        let [q0, q1, q2] = [p0, p1, p2].map(|p| screen(p.0, p.1, p.2));
        let obtuse_at_p1 = (q0.0 - q1.0) * (q2.0 - q1.0) + (q0.1 - q1.1) * (q2.1 - q1.1) <= 0.0;
        let halves = if obtuse_at_p1 {
            [[p0, p1, p2], [p2, p3, p0]]
        } else {
            [[p1, p2, p3], [p3, p0, p1]]
        };
        for half in halves {
            area.draw(&PathElement::new(half.to_vec(), fill.stroke_width(px(1.0))))?;
        }
    }
    if let Some(done) = current_block {
        draw_block_outline(done)?;
    }

    // Axes on the front edges of the floor, and the cost axis on the leftmost vertical edge,
    // whose labels can never run into the surface.
    let axis_style = theme.muted.stroke_width(px(1.0));
    let label_style = TextStyle::from((theme::FONT, font).into_font()).color(&theme.text);
    let title_style = TextStyle::from((theme::FONT, title_font).into_font()).color(&theme.text);
    let outward = |from: (f64, f64, f64), to: (f64, f64, f64)| {
        let (a, b) = (screen(from.0, from.1, from.2), screen(to.0, to.1, to.2));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = dx.hypot(dy);
        if len < 1e-6 {
            (0.0, 1.0)
        } else {
            (dx / len, dy / len)
        }
    };
    let corners = [
        (w1_lo, w2_lo),
        (w1_hi, w2_lo),
        (w1_hi, w2_hi),
        (w1_lo, w2_hi),
    ];
    let (cx, cz) = corners
        .into_iter()
        .min_by(|p, q| {
            let (sp, sq) = (screen(p.0, c_lo, p.1).0, screen(q.0, c_lo, q.1).0);
            sp.total_cmp(&sq)
                .then(depth(q.0, c_lo, q.1).cmp(&depth(p.0, c_lo, p.1)))
        })
        .unwrap_or((w1_lo, w2_lo));
    let axes = [
        Axis {
            ticks: &w1_ticks,
            at: &|v| (v, c_lo, z_front),
            dir: outward((w1_mid, c_lo, z_back), (w1_mid, c_lo, z_front)),
            title: "w₁",
        },
        Axis {
            ticks: &w2_ticks,
            at: &|v| (x_front, c_lo, v),
            dir: outward((x_back, c_lo, w2_mid), (x_front, c_lo, w2_mid)),
            title: "w₂",
        },
        Axis {
            ticks: &c_ticks,
            at: &|v| (cx, v, cz),
            dir: (-1.0, 0.0),
            title: "C",
        },
    ];
    for axis in &axes {
        let (lo, hi) = (axis.ticks.lo, axis.ticks.hi);
        area.draw(&PathElement::new(
            vec![(axis.at)(lo), (axis.at)(hi)],
            axis_style,
        ))?;
        let (dx, dy) = axis.dir;
        let anchor = anchor_for(axis.dir);
        let mut extent: f64 = 0.0;
        for (&v, label) in axis.ticks.values.iter().zip(axis.ticks.labels()) {
            let w = text_width(&label, font);
            extent = extent.max(dx.abs() * w + dy.abs() * font);
            let end = ((dx * tick).round() as i32, (dy * tick).round() as i32);
            let at = (
                (dx * 2.0 * tick).round() as i32,
                (dy * 2.0 * tick).round() as i32,
            );
            area.draw(
                &(EmptyElement::at((axis.at)(v))
                    + PathElement::new(vec![(0, 0), end], axis_style)
                    + Text::new(label, at, label_style.pos(anchor))),
            )?;
        }
        let off = 2.0 * tick + extent + title_gap;
        let at = ((dx * off).round() as i32, (dy * off).round() as i32);
        area.draw(
            &(EmptyElement::at((axis.at)((lo + hi) / 2.0))
                + Text::new(axis.title, at, title_style.pos(anchor))),
        )?;
    }

    // The path and the marker, lifted a little so the faces around them do not cut them.
    let lift = LIFT * (c_hi - c_lo);
    let place = |(w1, w2, c): (f64, f64, f64)| {
        (w1.is_finite() && w2.is_finite() && c.is_finite()).then(|| {
            (
                w1.clamp(w1_lo, w1_hi),
                c.clamp(c_lo, c_hi) + lift,
                w2.clamp(w2_lo, w2_hi),
            )
        })
    };
    let path: Vec<(f64, f64, f64)> = s.path.iter().filter_map(|&p| place(p)).collect();
    if path.len() >= 2 {
        // A halo in the background colour keeps the line readable on the darkest faces.
        area.draw(&PathElement::new(
            path.clone(),
            theme.background.mix(0.85).stroke_width(px(5.0)),
        ))?;
        area.draw(&PathElement::new(
            path.clone(),
            theme.backward.stroke_width(px(2.5)),
        ))?;
    }
    if let Some(&start) = path.first() {
        area.draw(&Circle::new(
            start,
            px(5.5),
            theme.background.stroke_width(px(4.5)),
        ))?;
        area.draw(&Circle::new(
            start,
            px(5.5),
            theme.backward.stroke_width(px(2.0)),
        ))?;
    }
    let marker = place(s.current);
    if let Some(p) = marker {
        area.draw(&Circle::new(p, px(6.5), LIGHT_TEXT.filled()))?;
        area.draw(&Circle::new(p, px(4.5), WHITE.filled()))?;
    }

    let matrix: &[[f64; 4]; 4] = coord.projection().as_ref();
    let size = [f64::from(SIDE), f64::from(HEIGHT), f64::from(SIDE)];
    // Plotters' z runs from w2_max (0) to w2_min (SIDE): z = (1 - t_w2) * SIDE.
    let row = |r: usize| {
        let m = matrix[r];
        [
            m[0] * size[0],
            m[1] * size[1],
            -m[2] * size[2],
            m[3] + m[2] * size[2],
        ]
    };
    Ok(Geometry3d {
        marker_px: marker.map(|p| {
            let (u, v) = screen(p.0, p.1, p.2);
            [u, v]
        }),
        path_points: path.len(),
        faces: faces.len(),
        yaw,
        pitch,
        w1_range: [w1_lo, w1_hi],
        w2_range: [w2_lo, w2_hi],
        cost_range: [c_lo, c_hi],
        projection: [row(0), row(1)],
    })
}

/// The marker's outline: the light theme's text colour, dark on every viridis colour.
const LIGHT_TEXT: RGBColor = theme::LIGHT.text;

fn valid_range(lo: f64, hi: f64) -> bool {
    lo.is_finite() && hi.is_finite() && lo < hi && (hi - lo).is_finite()
}

/// The height axis: the costs' range, or one unit of height around a flat (or empty) surface,
/// not below zero for costs that are not.
fn height_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let span = hi - lo;
    if span > lo.abs().max(hi.abs()) * 1e-9 && span > 1e-300 && span.is_finite() {
        return (lo, hi);
    }
    let pad = (lo.abs() * 0.5).max(0.5);
    let bottom = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    (bottom, hi + pad)
}

/// Up to MAX_QUADS + 1 indices from 0 to n - 1, evenly spread, both ends included.
fn sample(n: usize) -> Vec<usize> {
    if n <= MAX_QUADS + 1 {
        return (0..n).collect();
    }
    let (last, quads) = ((n - 1) as u128, MAX_QUADS as u128);
    (0..=quads)
        .map(|k| ((k * last + quads / 2) / quads) as usize)
        .collect()
}

/// a, moved towards b by t (0 to 1).
fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A rough label width in pixels (not measured: see the loss chart's `text_width`).
fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * 0.6 * font_px
}

/// Where a label hangs off its point when pushed out in screen direction `dir`.
fn anchor_for((dx, dy): (f64, f64)) -> Pos {
    let h = if dx > 0.38 {
        HPos::Left
    } else if dx < -0.38 {
        HPos::Right
    } else {
        HPos::Center
    };
    let v = if dy > 0.38 {
        VPos::Top
    } else if dy < -0.38 {
        VPos::Bottom
    } else {
        VPos::Center
    };
    Pos::new(h, v)
}

struct Axis<'a> {
    ticks: &'a Ticks,
    /// The point on the axis at value v.
    at: &'a dyn Fn(f64) -> (f64, f64, f64),
    /// The screen direction ticks and labels go, away from the box.
    dir: (f64, f64),
    title: &'static str,
}

/// A few round values inside [lo, hi], and how to write them.
struct Ticks {
    lo: f64,
    hi: f64,
    values: Vec<f64>,
    step: f64,
}

impl Ticks {
    /// At most `max_n` multiples of 1, 2 or 5 times a power of ten (needs lo < hi, finite).
    fn new(lo: f64, hi: f64, max_n: usize) -> Ticks {
        let k = ((hi - lo) / max_n as f64).log10().floor() as i32;
        let pow10 = |e: i32| {
            if e >= 0 {
                10f64.powi(e)
            } else {
                1.0 / 10f64.powi(-e)
            }
        };
        let mut values = Vec::new();
        let mut step = hi - lo;
        for (m, dk) in [(1.0, 0), (2.0, 0), (5.0, 0), (1.0, 1), (2.0, 1), (5.0, 1)] {
            let e = k + dk;
            let st = m * pow10(e);
            let first = (lo / st - 1e-9).ceil();
            let last = (hi / st + 1e-9).floor();
            if last - first + 1.0 <= max_n as f64 {
                // i * m / 10^-e rather than i * step, so that 0.3 comes out as 0.3.
                let value = |i: f64| {
                    if e >= 0 {
                        i * m * pow10(e)
                    } else {
                        i * m / pow10(-e)
                    }
                };
                let mut i = first;
                while i <= last && values.len() < max_n {
                    values.push(value(i));
                    i += 1.0;
                }
                step = st;
                break;
            }
        }
        Ticks {
            lo,
            hi,
            values,
            step,
        }
    }

    fn labels(&self) -> impl Iterator<Item = String> + '_ {
        let step = self.step;
        let exponent = step < 1e-3 || self.lo.abs().max(self.hi.abs()) >= 1e5;
        self.values.iter().map(move |&v| {
            if v.abs() < step * 1e-6 {
                "0".into()
            } else if exponent {
                let s = format!("{v:.1e}");
                s.replace(".0e", "e")
            } else {
                let decimals = if step >= 1.0 {
                    0
                } else {
                    (-step.log10() - 1e-9).ceil() as usize
                };
                format!("{v:.decimals$}")
            }
        })
    }
}
