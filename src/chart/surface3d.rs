//! The cost surface in 3D: C(w1, w2) with b1 and b2 held fixed, w1 across, w2 into the depth,
//! cost up, faces coloured by height on the shared viridis scale. On it, the path gradient
//! descent took (magenta, its start a hollow ring) and the current weights (a white dot).
//!
//! [`draw_surface3d`] is generic over the plotters backend like the other charts. It uses
//! plotters' 3D coordinates (`Cartesian3d` and its projection matrix) for the projection but
//! draws the faces, panels and axes itself:
//! - `SurfaceSeries` paints its polygons in data order (it never sorts); a height field seen
//!   from any yaw needs them back to front (painter's algorithm), so the faces are ordered
//!   here, row by row from the far side, and outlined in their own colour to hide
//!   antialiasing seams.
//! - `configure_axes` in plotters 0.3.7 has no setter for the axis line colour (always black,
//!   invisible on the dark theme), no axis descriptions, and picks tick counts itself.
//! - plotters' 3D box is a cube sized to 4/5 of the shorter side whatever the yaw, so at most
//!   angles it pokes out of the canvas; the scale is fitted here from the projected corners.
//!
//! On a canvas, one canvas call per face is far too slow to redraw while the view turns, so
//! the page splits the same chart in two: [`rasterize_surface3d`] fills an RGBA buffer with
//! the background, the back panels and the faces (a small software rasterizer, see
//! [`super::raster`]), which goes on the canvas with one `putImageData`, and
//! [`draw_surface3d_overlay`] draws the axes, labels, path and marker over it with plotters.
//! Both halves, and [`draw_surface3d`], share one [`Layout3d`].
//!
//! Plotters' 3D axes are (x, y, z) = (across, up, depth), so points are (w1, cost, w2).

use super::colormap::{self, Scale};
use super::raster::{Canvas, Paint, Vertex};
use super::theme::{self, Theme};
use crate::net::Params;
use crate::session::Session;
use crate::surface::Grid;
use crate::train::Point;
use plotters::coord::Shift;
use plotters::coord::ranged3d::{Cartesian3d, ProjectionMatrixBuilder};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;
use std::ops::Range;

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
use crate::link::{DEFAULT_PITCH, DEFAULT_YAW};
/// Lower limit of the pitch: looking from just above the horizon.
pub const PITCH_MIN: f64 = 0.05;
/// Upper limit of the pitch: looking almost straight down.
pub const PITCH_MAX: f64 = 1.5;
/// [`draw_surface3d`] draws the surface with at most this many quads per side, whatever the
/// grid resolution.
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

/// A training history as the path [`Surface3d`] takes: (w1, w2, cost) per point, the costs as
/// recorded (the page lays paths on the surface with [`lift`]; tests and the bench use this).
pub fn surface_path(history: &[Point]) -> Vec<(f64, f64, f64)> {
    history
        .iter()
        .map(|p| (p.params.w1, p.params.w2, p.cost))
        .collect()
}

/// A session's paths laid on the surface the map shows, as (w1, w2, cost): each point's cost
/// with b1 and b2 held at the lead's current values, where the surface was computed (the
/// history's own costs had the b1 and b2 of their time, and would float off it).
#[derive(Clone, Debug, PartialEq)]
pub struct Lifted {
    pub path: Path3d,
    pub current: (f64, f64, f64),
    /// Each rival's path, with its bright colour.
    pub rivals: Vec<(Path3d, RGBColor)>,
}

/// Points (w1, w2, cost), oldest first.
pub type Path3d = Vec<(f64, f64, f64)>;

/// Lays `session`'s lead path, its current weights and its rivals' paths on the surface.
pub fn lift(session: &Session) -> Lifted {
    let t = session.run();
    let (p, s) = (t.params(), t.settings());
    let model = s.model();
    let on_surface = |w1: f64, w2: f64| {
        let q = Params { w1, w2, ..p };
        (w1, w2, model.mean_cost(&q, &s.samples))
    };
    let at = |q: &Point| on_surface(q.params.w1, q.params.w2);
    Lifted {
        path: t.history().points().iter().map(at).collect(),
        current: on_surface(p.w1, p.w2),
        rivals: super::rival_lines(session.race(), true, at),
    }
}

/// Where things landed, so the page can find the marker (and anything else) on the canvas.
///
/// Pixels are backend pixels (canvas or SVG units; CSS pixels times `pixel_ratio`).
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// Where each rival was drawn (a race), in the order given.
    pub rivals: Vec<crate::chart::map::RivalMark>,
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
/// Margin around the chart, CSS pixels.
const MARGIN: f64 = 4.0;

/// A point in data coordinates as plotters' 3D axes take it: (w1, cost, w2).
type P3 = (f64, f64, f64);
/// The chart's coordinates: w1 across, cost up, w2 into the depth.
type Coord3 = Cartesian3d<RangedCoordf64, RangedCoordf64, RangedCoordf64>;

/// Draws the surface filling `root`: background, back panels with grid lines, the faces
/// (back to front), the axes with ticks and labels, the path and the marker.
///
/// Never panics on odd input: a resolution below 2, a `costs` slice of the wrong length, NaN
/// or infinite costs (holes), a flat surface (given a unit of height), a reversed or
/// non-finite grid range (axes only, -1 to 1) and any angles are all drawn as well as they can
/// be. Nothing is presented: call `root.present()` when everything on it is drawn.
///
/// Every face is a polygon (at most [`MAX_QUADS`] per side), which suits SVG; on a canvas,
/// [`rasterize_surface3d`] and [`draw_surface3d_overlay`] draw the same chart much faster.
pub fn draw_surface3d<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Surface3d,
    view: &View3d,
) -> Result<Geometry3d, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut layout = Layout3d::in_area(s, view, root.get_pixel_range());
    let theme = layout.theme;
    root.fill(&theme.background)?;
    let area = layout.area(root);
    let screen = |p: P3| layout.screen(p);

    // Back panels: the floor and the two far walls, with grid lines at the ticks.
    let panel = theme.line.mix(layout.panel_alpha());
    let grid_line = theme.line.stroke_width(layout.px(1.0));
    for corners in layout.panels() {
        area.draw(&Polygon::new(corners.to_vec(), panel.filled()))?;
    }
    for [a, b] in layout.panel_lines() {
        area.draw(&PathElement::new(vec![a, b], grid_line))?;
    }

    // The surface, back to front; each block of faces, then its outline.
    let mesh = Mesh::new(s, &layout, MAX_QUADS);
    let draw_block_outline = |block: (usize, usize)| {
        for (p, q) in mesh.outline(block) {
            let (p, q) = (
                mesh.verts[p].unwrap_or_default(),
                mesh.verts[q].unwrap_or_default(),
            );
            let color = layout.mesh_color(p.1, q.1);
            area.draw(&PathElement::new(
                vec![p, q],
                color.stroke_width(layout.px(1.0)),
            ))?;
        }
        Ok(())
    };
    let mut current_block = None;
    for face in &mesh.faces {
        if current_block != Some(face.block) {
            if let Some(done) = current_block {
                draw_block_outline(done)?;
            }
            current_block = Some(face.block);
        }
        let corners = mesh.corners(face);
        let t = corners.iter().map(|p| layout.colors.t(p.1)).sum::<f64>() / 4.0;
        let fill = colormap::color(t);
        area.draw(&Polygon::new(corners.to_vec(), fill.filled()))?;
        // Outlined in its own colour: antialiased neighbours otherwise leave hairline seams
        // of background between them (in SVG and on a canvas alike). As two open halves
        // that meet only at the obtuse corners: a mitred join at an acute one would poke a
        // few pixels into the neighbours.
        let [p0, p1, p2, p3] = corners;
        let [q0, q1, q2] = [p0, p1, p2].map(screen);
        let obtuse_at_p1 = (q0.0 - q1.0) * (q2.0 - q1.0) + (q0.1 - q1.1) * (q2.1 - q1.1) <= 0.0;
        let halves = if obtuse_at_p1 {
            [[p0, p1, p2], [p2, p3, p0]]
        } else {
            [[p1, p2, p3], [p3, p0, p1]]
        };
        for half in halves {
            area.draw(&PathElement::new(
                half.to_vec(),
                fill.stroke_width(layout.px(1.0)),
            ))?;
        }
    }
    if let Some(done) = current_block {
        draw_block_outline(done)?;
    }
    layout.faces = mesh.faces.len();

    let (marker_px, path_points, _) = draw_on_top(&area, s, &[], &layout)?;
    Ok(layout.geometry(marker_px, path_points))
}

/// The surface is rasterized with at most this many quads per side (two triangles each).
pub const RASTER_QUADS: usize = 64;

/// Lays out the chart for `s` and `view` on a `width` x `height` canvas (backend pixels) and
/// fills `rgba` (resized to `width * height * 4`, row-major RGBA, opaque) with what lies
/// under the axes: the background, the back panels with their grid lines, and the surface's
/// faces (at most [`RASTER_QUADS`] per side, coloured by height across each face) with its
/// mesh lines, back to front. Put the image on the canvas at (0, 0), then draw the rest over
/// it with [`draw_surface3d_overlay`] and the returned layout.
///
/// The picture matches [`draw_surface3d`]'s, except that the colour runs smoothly across the
/// faces instead of one colour per face. Never panics (see [`draw_surface3d`]); an empty
/// canvas gives an empty buffer.
pub fn rasterize_surface3d(
    s: &Surface3d,
    view: &View3d,
    width: u32,
    height: u32,
    rgba: &mut Vec<u8>,
) -> Layout3d {
    let mut layout = Layout3d::new(s, view, width, height);
    let (w, h) = (width as usize, height as usize);
    let Some(len) = w.checked_mul(h).and_then(|n| n.checked_mul(4)) else {
        rgba.clear();
        return layout;
    };
    rgba.resize(len, 0);
    let mut canvas = Canvas::new(rgba, w, h);
    let theme = layout.theme;
    let rgb = |c: RGBColor| [c.0, c.1, c.2];
    let bg = rgb(theme.background);
    canvas.fill([bg[0], bg[1], bg[2], 255]);
    let at = |p: P3| {
        let (u, v) = layout.screen(p);
        [u, v]
    };

    let panel = blend(theme.background, theme.line, layout.panel_alpha());
    let panel = Paint::Solid([panel.0, panel.1, panel.2, 255]);
    for [a, b, c, d] in layout.panels() {
        canvas.triangle([at(a), at(b), at(c)], panel);
        canvas.triangle([at(a), at(c), at(d)], panel);
    }
    let line_width = f64::from(layout.px(1.0));
    for [a, b] in layout.panel_lines() {
        canvas.line(at(a), at(b), line_width, rgb(theme.line));
    }

    let mesh = Mesh::new(s, &layout, RASTER_QUADS);
    let ramp = {
        let mut ramp = [[0u8; 4]; 256];
        for (r, [red, green, blue]) in ramp.iter_mut().zip(colormap::lut()) {
            *r = [*red, *green, *blue, 255];
        }
        ramp
    };
    // Each vertex once: where it lands and its position on the colour ramp.
    let projected: Vec<Option<([f64; 2], f32)>> = mesh
        .verts
        .iter()
        .map(|v| v.map(|p| (at(p), (layout.colors.t(p.1) * 255.0) as f32)))
        .collect();
    let placed: Vec<Option<(Vertex, f32)>> = projected
        .iter()
        .map(|v| v.and_then(|(xy, t)| Some((Vertex::new(xy)?, t))))
        .collect();
    let draw_block_outline = |canvas: &mut Canvas, block: (usize, usize)| {
        for (p, q) in mesh.outline(block) {
            if let (Some((a, ta)), Some((b, tb))) = (projected[p], projected[q]) {
                let t = (f64::from(ta) + f64::from(tb)) / (2.0 * 255.0);
                canvas.line(a, b, line_width, rgb(layout.mesh_color_at(t)));
            }
        }
    };
    let mut current_block = None;
    for face in &mesh.faces {
        if current_block != Some(face.block) {
            if let Some(done) = current_block {
                draw_block_outline(&mut canvas, done);
            }
            current_block = Some(face.block);
        }
        let (a, b) = face.at;
        let corner = |a: usize, b: usize| placed[a * mesh.m + b];
        let quad = [
            corner(a, b),
            corner(a, b + 1),
            corner(a + 1, b + 1),
            corner(a + 1, b),
        ];
        let [Some(q0), Some(q1), Some(q2), Some(q3)] = quad else {
            continue;
        };
        // Split along the diagonal q0-q2; the half farther away first.
        let halves = [[q0, q1, q2], [q0, q2, q3]];
        let order = if face.first_half_farther {
            [0, 1]
        } else {
            [1, 0]
        };
        for k in order {
            let [r0, r1, r2] = halves[k];
            canvas.triangle_at(
                [r0.0, r1.0, r2.0],
                Paint::Ramp {
                    at: [r0.1, r1.1, r2.1],
                    ramp: &ramp,
                },
            );
        }
    }
    if let Some(done) = current_block {
        draw_block_outline(&mut canvas, done);
    }
    layout.faces = mesh.faces.len();
    layout
}

/// Draws what goes over the image from [`rasterize_surface3d`] (which `layout` came from,
/// for the same surface): the axes with ticks and labels, the descent path and the marker.
/// Fills nothing else, so the image stays visible. Nothing is presented.
pub fn draw_surface3d_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Surface3d,
    rivals: &[Rival3d],
    layout: &Layout3d,
) -> Result<Geometry3d, DrawingAreaErrorKind<DB::ErrorType>> {
    let area = layout.area(root);
    let (marker_px, path_points, marks) = draw_on_top(&area, s, rivals, layout)?;
    let mut g = layout.geometry(marker_px, path_points);
    g.rivals = marks;
    Ok(g)
}

/// Another optimizer's run in the 3D view (a race): its path as (w1, w2, cost), oldest first,
/// the last point where it is now, placed like [`Surface3d::path`]; and its colour.
#[derive(Clone, Copy, Debug)]
pub struct Rival3d<'a> {
    pub path: &'a [(f64, f64, f64)],
    pub color: RGBColor,
}

/// Everything about the chart that does not depend on the backend, worked out once per
/// frame from the surface, the view and the canvas: ranges, ticks, colour scale, room for
/// labels, and the projection fitted to the canvas.
#[derive(Clone, Debug)]
pub struct Layout3d {
    theme: Theme,
    dark: bool,
    ratio: f64,
    yaw: f64,
    pitch: f64,
    /// The grid's resolution, 0 if the grid is unusable.
    n: usize,
    w1: (f64, f64),
    w2: (f64, f64),
    cost: (f64, f64),
    colors: Scale,
    w1_ticks: Ticks,
    w2_ticks: Ticks,
    c_ticks: Ticks,
    font: f64,
    title_font: f64,
    title_gap: f64,
    tick: f64,
    /// Plotters' projection matrix: backend pixel (x, y) and depth from its 3D pixels.
    matrix: [[f64; 4]; 4],
    /// Which w1 side (and w2 side) of the box is at the back, which at the front.
    x_back: f64,
    x_front: f64,
    z_back: f64,
    z_front: f64,
    /// Surface quads drawn.
    faces: usize,
}

impl Layout3d {
    /// The layout on a `width` x `height` canvas.
    pub fn new(s: &Surface3d, view: &View3d, width: u32, height: u32) -> Layout3d {
        let side = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
        Layout3d::in_area(s, view, (0..side(width), 0..side(height)))
    }

    /// Surface quads drawn (0 until the surface is).
    pub fn faces(&self) -> usize {
        self.faces
    }

    /// The layout filling `area` (backend pixels).
    fn in_area(s: &Surface3d, view: &View3d, area: (Range<i32>, Range<i32>)) -> Layout3d {
        let theme = Theme::pick(view.dark);
        let ratio = view.scale();
        let (yaw, pitch) = (view.yaw_used(), view.pitch_used());
        let font = theme::FONT_PX * ratio;

        let g = &s.grid;
        let grid_ok =
            g.resolution >= 2 && valid_range(g.w1_min, g.w1_max) && valid_range(g.w2_min, g.w2_max);
        let w1 = if grid_ok {
            (g.w1_min, g.w1_max)
        } else {
            (-1.0, 1.0)
        };
        let w2 = if grid_ok {
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
        let cost = height_range(finite());
        let colors = Scale::covering(finite(), view.log_color);

        // Ticks first: their labels decide the margins.
        let w1_ticks = Ticks::new(w1.0, w1.1, 5);
        let w2_ticks = Ticks::new(w2.0, w2.1, 5);
        let c_ticks = Ticks::new(cost.0, cost.1, 4);
        let tick = f64::from(px(TICK, ratio));
        let widest = |t: &Ticks| t.labels().map(|l| text_width(&l, font)).fold(0.0, f64::max);
        let title_font = font * 1.25;
        let title_gap = 6.0 * ratio;
        // Floor axes: labels go out and down (or sideways), then the title; the cost axis:
        // labels to the left, then its title.
        let floor_out = 2.0 * tick + font + title_gap + title_font;
        let side_out = 2.0 * tick + widest(&c_ticks) + title_gap + text_width("C", title_font);
        let floor_side = 2.0 * tick + widest(&w1_ticks).max(widest(&w2_ticks)) + title_gap;
        // Room around the box: labels hang off the front edges of the floor (always the
        // lowest on screen), off the leftmost vertical edge, and never above the box.
        let edge = 4.0 * ratio;
        let (left, right) = (side_out.max(floor_side) + edge, floor_side + edge);
        let (top, bottom) = (edge, floor_out + edge);

        // As plotters' ChartBuilder with a margin would: the plot is the area inset by it.
        let margin = px(MARGIN, ratio) as i32;
        let (x_range, y_range) = (
            area.0.start.saturating_add(margin)..area.0.end.saturating_sub(margin),
            area.1.start.saturating_add(margin)..area.1.end.saturating_sub(margin),
        );
        let avail_w = (f64::from(x_range.end) - f64::from(x_range.start) - left - right).max(8.0);
        let avail_h = (f64::from(y_range.end) - f64::from(y_range.start) - top - bottom).max(8.0);
        let centre_2d = (
            (f64::from(x_range.start) + left + avail_w / 2.0).round() as i32,
            (f64::from(y_range.start) + top + avail_h / 2.0).round() as i32,
        );
        let mut p = ProjectionMatrixBuilder::new();
        p.yaw = yaw;
        p.pitch = pitch;
        p.scale = 1.0;
        p.set_pivot((SIDE / 2, HEIGHT / 2, SIDE / 2), centre_2d);
        // plotters' 3D box is a cube sized to 4/5 of the shorter side whatever the yaw; the
        // box is symmetric about its centre, which lands on the middle of the room left for
        // it: fit its half extents into half the room.
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
        let matrix = *p.into_matrix().as_ref();

        let mut layout = Layout3d {
            theme,
            dark: view.dark,
            ratio,
            yaw,
            pitch,
            n,
            w1,
            w2,
            cost,
            colors,
            w1_ticks,
            w2_ticks,
            c_ticks,
            font,
            title_font,
            title_gap,
            tick,
            matrix,
            x_back: w1.0,
            x_front: w1.1,
            z_back: w2.0,
            z_front: w2.1,
            faces: 0,
        };
        // The box: which sides are at the back, which corner is in front.
        let (c_mid, w1_mid, w2_mid) = (
            (cost.0 + cost.1) / 2.0,
            (w1.0 + w1.1) / 2.0,
            (w2.0 + w2.1) / 2.0,
        );
        if layout.depth((w1.0, c_mid, w2_mid)) <= layout.depth((w1.1, c_mid, w2_mid)) {
            (layout.x_back, layout.x_front) = (w1.1, w1.0);
        }
        if layout.depth((w1_mid, c_mid, w2.0)) <= layout.depth((w1_mid, c_mid, w2.1)) {
            (layout.z_back, layout.z_front) = (w2.1, w2.0);
        }
        layout
    }

    /// `css` CSS pixels in whole backend pixels, at least one.
    fn px(&self, css: f64) -> u32 {
        px(css, self.ratio)
    }

    /// Plotters' 3D pixel coordinates of a point, unrounded.
    fn guest(&self, (w1, c, w2): P3) -> [f64; 3] {
        [
            (w1 - self.w1.0) / (self.w1.1 - self.w1.0) * f64::from(SIDE),
            (c - self.cost.0) / (self.cost.1 - self.cost.0) * f64::from(HEIGHT),
            // w2 runs from the front (w2_min) into the depth, as if the 2D map lay on the
            // floor: plotters' z goes from w2_max (0) to w2_min (SIDE).
            (self.w2.1 - w2) / (self.w2.1 - self.w2.0) * f64::from(SIDE),
        ]
    }

    /// Row r of the projection applied to guest coordinates g.
    fn row(&self, r: usize, g: [f64; 3]) -> f64 {
        let m = &self.matrix[r];
        m[0] * g[0] + m[1] * g[1] + m[2] * g[2] + m[3]
    }

    /// Where a point lands, backend pixels, unrounded.
    fn screen(&self, p: P3) -> (f64, f64) {
        let g = self.guest(p);
        (self.row(0, g), self.row(1, g))
    }

    /// How far a point is from the viewer (larger is farther), in plotters' units.
    fn depth(&self, p: P3) -> f64 {
        self.row(2, self.guest(p))
    }

    /// The chart's drawing area on `root`, with this layout's projection.
    fn area<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawingArea<DB, Coord3> {
        let m = self.px(MARGIN) as i32;
        let inner = root.margin(m, m, m, m);
        let (x, y) = inner.get_pixel_range();
        let mut coord = Coord3::new(
            self.w1.0..self.w1.1,
            self.cost.0..self.cost.1,
            self.w2.1..self.w2.0,
            (x.clone(), y.clone()),
        );
        coord.set_coord_pixel_range(x.clone(), y.clone(), (SIDE, HEIGHT, SIDE));
        let matrix = self.matrix;
        coord.set_projection(x, y, |_| matrix.into());
        inner.apply_coord_spec(coord)
    }

    /// How strongly the back panels are tinted with the theme's line colour.
    fn panel_alpha(&self) -> f64 {
        if self.dark { 0.45 } else { 0.3 }
    }

    /// The back panels: the floor and the two far walls.
    fn panels(&self) -> [[P3; 4]; 3] {
        let ((w1_lo, w1_hi), (w2_lo, w2_hi), (c_lo, c_hi)) = (self.w1, self.w2, self.cost);
        let (x_back, z_back) = (self.x_back, self.z_back);
        [
            [
                (w1_lo, c_lo, w2_lo),
                (w1_hi, c_lo, w2_lo),
                (w1_hi, c_lo, w2_hi),
                (w1_lo, c_lo, w2_hi),
            ],
            [
                (x_back, c_lo, w2_lo),
                (x_back, c_hi, w2_lo),
                (x_back, c_hi, w2_hi),
                (x_back, c_lo, w2_hi),
            ],
            [
                (w1_lo, c_lo, z_back),
                (w1_hi, c_lo, z_back),
                (w1_hi, c_hi, z_back),
                (w1_lo, c_hi, z_back),
            ],
        ]
    }

    /// The panels' edges and their grid lines at the ticks.
    fn panel_lines(&self) -> Vec<[P3; 2]> {
        let ((w1_lo, w1_hi), (w2_lo, w2_hi), (c_lo, c_hi)) = (self.w1, self.w2, self.cost);
        let (x_back, z_back) = (self.x_back, self.z_back);
        let mut lines = Vec::new();
        for corners in self.panels() {
            // The edges one by one: a closed polyline would mitre its acute corners into
            // spikes.
            lines.extend((0..4).map(|k| [corners[k], corners[(k + 1) % 4]]));
        }
        for &w1 in &self.w1_ticks.values {
            lines.push([(w1, c_lo, w2_lo), (w1, c_lo, w2_hi)]);
            lines.push([(w1, c_lo, z_back), (w1, c_hi, z_back)]);
        }
        for &w2 in &self.w2_ticks.values {
            lines.push([(w1_lo, c_lo, w2), (w1_hi, c_lo, w2)]);
            lines.push([(x_back, c_lo, w2), (x_back, c_hi, w2)]);
        }
        for &c in &self.c_ticks.values {
            lines.push([(x_back, c, w2_lo), (x_back, c, w2_hi)]);
            lines.push([(w1_lo, c, z_back), (w1_hi, c, z_back)]);
        }
        lines
    }

    /// A mesh line's colour between two surface points (their costs): the surface's own
    /// colour there, washed towards the background, visible on every colour and never louder
    /// than the surface around it.
    fn mesh_color(&self, cost_p: f64, cost_q: f64) -> RGBColor {
        self.mesh_color_at((self.colors.t(cost_p) + self.colors.t(cost_q)) / 2.0)
    }

    /// The mesh line's colour where the colour scale is at t.
    fn mesh_color_at(&self, t: f64) -> RGBColor {
        let wash = if self.dark { 0.45 } else { 0.4 };
        blend(colormap::color(t), self.theme.background, wash)
    }

    fn geometry(&self, marker_px: Option<[f64; 2]>, path_points: usize) -> Geometry3d {
        let size = [f64::from(SIDE), f64::from(HEIGHT), f64::from(SIDE)];
        // Plotters' z runs from w2_max (0) to w2_min (SIDE): z = (1 - t_w2) * SIDE.
        let row = |r: usize| {
            let m = self.matrix[r];
            [
                m[0] * size[0],
                m[1] * size[1],
                -m[2] * size[2],
                m[3] + m[2] * size[2],
            ]
        };
        Geometry3d {
            marker_px,
            path_points,
            faces: self.faces,
            yaw: self.yaw,
            pitch: self.pitch,
            w1_range: [self.w1.0, self.w1.1],
            w2_range: [self.w2.0, self.w2.1],
            cost_range: [self.cost.0, self.cost.1],
            projection: [row(0), row(1)],
            rivals: Vec::new(),
        }
    }
}

/// `css` CSS pixels at `ratio` backend pixels each, in whole backend pixels, at least one.
fn px(css: f64, ratio: f64) -> u32 {
    (css * ratio).round().max(1.0) as u32
}

/// The surface's vertices and quads, the quads in the order to paint them.
struct Mesh {
    /// Vertices per side.
    m: usize,
    /// Row-major, m x m: (w1, cost, w2), `None` where the cost is missing.
    verts: Vec<Option<P3>>,
    /// Quads per side of a mesh-line block.
    every: usize,
    /// The quads with all four corners, back to front.
    faces: Vec<Face>,
}

#[derive(Clone, Copy, Debug)]
struct Face {
    /// The quad's first vertex (row, column), in mesh vertices.
    at: (usize, usize),
    /// The first vertex of its block.
    block: (usize, usize),
    /// Whether, cut along the diagonal from its first vertex, the half with its second
    /// vertex is the one farther away.
    first_half_farther: bool,
}

impl Mesh {
    /// The surface with at most `max_quads` quads per side, sampled evenly from the grid.
    fn new(s: &Surface3d, layout: &Layout3d, max_quads: usize) -> Mesh {
        let g = &s.grid;
        let rows = sample(layout.n, max_quads);
        let m = rows.len();
        let verts: Vec<Option<P3>> = rows
            .iter()
            .flat_map(|&i| rows.iter().map(move |&j| (i, j)))
            .map(|(i, j)| s.cost(i, j).map(|c| (g.w1(j), c, g.w2(i))))
            .collect();
        let quads = m.saturating_sub(1);
        // Back to front. Seen from above, a point can only hide points farther away on the
        // floor, beyond it in the direction the eye looks: a quad can only hide quads in the
        // same or farther rows and the same or farther columns. So rows from the far side
        // to the near one, each from its far end to its near end, is an exact painter's
        // order (whatever the quads' sizes), and so is the same order over blocks of quads,
        // then within each block. The mesh divides the surface into blocks of `every` x
        // `every` quads, each drawn with its outline after its faces: a line drawn with each
        // face would be nicked at every vertex by the faces painted after it.
        let every = quads.div_ceil(MESH_LINES).max(1);
        let far_w1_last = layout.x_back > layout.x_front;
        let far_w2_last = layout.z_back > layout.z_front;
        let order = |count: usize, reverse: bool| {
            (0..count).map(move |k| if reverse { count - 1 - k } else { k })
        };
        let blocks = quads.div_ceil(every);
        let c_mid = (layout.cost.0 + layout.cost.1) / 2.0;
        let ground = |w1: f64, w2: f64| layout.depth((w1, c_mid, w2));
        let mut faces = Vec::with_capacity(quads * quads);
        for ba in order(blocks, far_w2_last) {
            for bb in order(blocks, far_w1_last) {
                let (a0, b0) = (ba * every, bb * every);
                let (na, nb) = (every.min(quads - a0), every.min(quads - b0));
                for a in order(na, far_w2_last).map(|k| a0 + k) {
                    for b in order(nb, far_w1_last).map(|k| b0 + k) {
                        let vert = |a: usize, b: usize| verts[a * m + b];
                        let quad = [
                            vert(a, b),
                            vert(a, b + 1),
                            vert(a + 1, b + 1),
                            vert(a + 1, b),
                        ];
                        let [Some(p0), Some(p1), Some(p2), Some(p3)] = quad else {
                            continue;
                        };
                        // Cut along p0-p2, the halves lie on either side of the cut: the one
                        // whose centre is farther on the floor goes first.
                        let centre = |[x, y, z]: [P3; 3]| {
                            ground((x.0 + y.0 + z.0) / 3.0, (x.2 + y.2 + z.2) / 3.0)
                        };
                        faces.push(Face {
                            at: (a, b),
                            block: (a0, b0),
                            first_half_farther: centre([p0, p1, p2]) >= centre([p0, p2, p3]),
                        });
                    }
                }
            }
        }
        Mesh {
            m,
            verts,
            every,
            faces,
        }
    }

    fn vert(&self, a: usize, b: usize) -> Option<P3> {
        self.verts[a * self.m + b]
    }

    /// A face's corners, around it. Faces only exist where all four do.
    fn corners(&self, f: &Face) -> [P3; 4] {
        let (a, b) = f.at;
        [(a, b), (a, b + 1), (a + 1, b + 1), (a + 1, b)]
            .map(|(a, b)| self.vert(a, b).unwrap_or_default())
    }

    /// The mesh lines around the block starting at `(a0, b0)`, segment by segment, as
    /// indices into `verts`, where both ends exist.
    fn outline(&self, (a0, b0): (usize, usize)) -> impl Iterator<Item = (usize, usize)> + '_ {
        let m = self.m;
        let (a1, b1) = ((a0 + self.every).min(m - 1), (b0 + self.every).min(m - 1));
        let across = (b0..b1)
            .flat_map(move |b| [(a0 * m + b, a0 * m + b + 1), (a1 * m + b, a1 * m + b + 1)]);
        let down = (a0..a1).flat_map(move |a| {
            [
                (a * m + b0, (a + 1) * m + b0),
                (a * m + b1, (a + 1) * m + b1),
            ]
        });
        across
            .chain(down)
            .filter(|&(p, q)| self.verts[p].is_some() && self.verts[q].is_some())
    }
}

/// What [`draw_on_top`] drew: where the marker is (as drawn), how many path points, and where
/// each rival is.
type OnTop = (Option<[f64; 2]>, usize, Vec<crate::chart::map::RivalMark>);

/// Draws the axes with ticks and labels, the path and the marker on `area`.
fn draw_on_top<DB: DrawingBackend>(
    area: &DrawingArea<DB, Coord3>,
    s: &Surface3d,
    rivals: &[Rival3d],
    layout: &Layout3d,
) -> Result<OnTop, DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = layout.theme;
    let ((w1_lo, w1_hi), (w2_lo, w2_hi), (c_lo, c_hi)) = (layout.w1, layout.w2, layout.cost);
    let (x_back, x_front, z_back, z_front) =
        (layout.x_back, layout.x_front, layout.z_back, layout.z_front);
    let (w1_mid, w2_mid) = ((w1_lo + w1_hi) / 2.0, (w2_lo + w2_hi) / 2.0);
    let (font, tick) = (layout.font, layout.tick);
    let px = |css: f64| layout.px(css);

    // Axes on the front edges of the floor, and the cost axis on the leftmost vertical edge,
    // whose labels can never run into the surface.
    let axis_style = theme.muted.stroke_width(px(1.0));
    let label_style = TextStyle::from((theme::FONT, font).into_font()).color(&theme.text);
    let title_style =
        TextStyle::from((theme::FONT, layout.title_font).into_font()).color(&theme.text);
    let outward = |from: P3, to: P3| {
        let (a, b) = (layout.screen(from), layout.screen(to));
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
            let (p3, q3) = ((p.0, c_lo, p.1), (q.0, c_lo, q.1));
            let (sp, sq) = (layout.screen(p3).0, layout.screen(q3).0);
            sp.total_cmp(&sq)
                .then(layout.depth(q3).total_cmp(&layout.depth(p3)))
        })
        .unwrap_or((w1_lo, w2_lo));
    let axes = [
        Axis {
            ticks: &layout.w1_ticks,
            at: &|v| (v, c_lo, z_front),
            dir: outward((w1_mid, c_lo, z_back), (w1_mid, c_lo, z_front)),
            title: "w₁",
        },
        Axis {
            ticks: &layout.w2_ticks,
            at: &|v| (x_front, c_lo, v),
            dir: outward((x_back, c_lo, w2_mid), (x_front, c_lo, w2_mid)),
            title: "w₂",
        },
        Axis {
            ticks: &layout.c_ticks,
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
        let off = 2.0 * tick + extent + layout.title_gap;
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
    let translate = |p: &P3| {
        let (u, v) = area.as_coord_spec().translate(p);
        [f64::from(u), f64::from(v)]
    };
    // The vertices worth stroking (see `super::path`): settled runs pile up on one pixel.
    let stroke = |path: &[P3]| -> Vec<P3> {
        let pixels: Vec<(f64, f64)> = path.iter().map(|&p| layout.screen(p)).collect();
        super::path::thin(&pixels, super::path::TOLERANCE_PX * layout.ratio)
            .into_iter()
            .map(|i| path[i])
            .collect()
    };
    // Rivals under the lead: a coloured line on a dark casing, a ball where each is.
    let casing = RGBColor(20, 20, 30).mix(0.6);
    let mut marks = Vec::with_capacity(rivals.len());
    for rival in rivals {
        let path: Vec<P3> = rival.path.iter().filter_map(|&p| place(p)).collect();
        if path.len() >= 2 {
            let line = stroke(&path);
            area.draw(&PathElement::new(
                line.clone(),
                casing.stroke_width(px(4.5)),
            ))?;
            area.draw(&PathElement::new(line, rival.color.stroke_width(px(2.5))))?;
        }
        let ball = path.last().copied();
        if let Some(b) = ball {
            area.draw(&Circle::new(b, px(6.0), casing.filled()))?;
            area.draw(&Circle::new(b, px(4.5), rival.color.filled()))?;
        }
        marks.push(crate::chart::map::RivalMark {
            ball: ball.as_ref().map(translate),
            path_segments: path.len().saturating_sub(1),
        });
    }
    let path: Vec<P3> = s.path.iter().filter_map(|&p| place(p)).collect();
    if path.len() >= 2 {
        let line = stroke(&path);
        // White on a dark casing, as on the map: it reads on every colour of the surface.
        area.draw(&PathElement::new(
            line.clone(),
            casing.stroke_width(px(5.0)),
        ))?;
        area.draw(&PathElement::new(line, WHITE.stroke_width(px(2.5))))?;
    }
    if let Some(&start) = path.first() {
        area.draw(&Circle::new(start, px(5.5), casing.stroke_width(px(4.5))))?;
        area.draw(&Circle::new(start, px(5.5), WHITE.stroke_width(px(2.0))))?;
    }
    let marker = place(s.current);
    if let Some(p) = marker {
        area.draw(&Circle::new(p, px(6.5), LIGHT_TEXT.filled()))?;
        area.draw(&Circle::new(p, px(4.5), WHITE.filled()))?;
    }
    // Where plotters drew it: its whole-pixel translation of the point.
    let marker_px = marker.as_ref().map(translate);
    Ok((marker_px, path.len(), marks))
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

/// Up to max_quads + 1 indices from 0 to n - 1, evenly spread, both ends included.
fn sample(n: usize, max_quads: usize) -> Vec<usize> {
    let max_quads = max_quads.max(1);
    if n <= max_quads + 1 {
        return (0..n).collect();
    }
    let (last, quads) = ((n - 1) as u128, max_quads as u128);
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
#[derive(Clone, Debug)]
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
