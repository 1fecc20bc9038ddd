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
use super::theme::{self, Pen, Theme};
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
/// The pitch's limits, the link's (the state holds what is drawn).
pub use crate::link::{PITCH_MAX, PITCH_MIN};
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

    /// The theme and the clamped pixel ratio the view draws with.
    fn pen(&self) -> Pen {
        Pen::new(self.dark, self.pixel_ratio)
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
    /// Each rival's path, with its bright colour and its mark.
    pub rivals: Vec<super::RivalLine<(f64, f64, f64)>>,
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
    pub mark: crate::palette::Mark,
}

mod axes;
mod layout;
mod mesh;

use axes::*;
pub use layout::Layout3d;
use mesh::*;
