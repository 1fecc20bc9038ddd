//! The 3D chart's layout: ranges, ticks, colour scale, room for labels, and the camera (yaw,
//! pitch and plotters' projection fitted to the canvas), worked out once per frame.

use super::*;

/// Everything about the chart that does not depend on the backend, worked out once per
/// frame from the surface, the view and the canvas: ranges, ticks, colour scale, room for
/// labels, and the projection fitted to the canvas.
#[derive(Clone, Debug)]
pub struct Layout3d {
    pub(super) theme: Theme,
    pub(super) dark: bool,
    pub(super) ratio: f64,
    pub(super) yaw: f64,
    pub(super) pitch: f64,
    /// The grid's resolution, 0 if the grid is unusable.
    pub(super) n: usize,
    pub(super) w1: (f64, f64),
    pub(super) w2: (f64, f64),
    pub(super) cost: (f64, f64),
    pub(super) colors: Scale,
    pub(super) w1_ticks: Ticks,
    pub(super) w2_ticks: Ticks,
    pub(super) c_ticks: Ticks,
    pub(super) font: f64,
    pub(super) title_font: f64,
    pub(super) title_gap: f64,
    pub(super) tick: f64,
    /// Plotters' projection matrix: backend pixel (x, y) and depth from its 3D pixels.
    pub(super) matrix: [[f64; 4]; 4],
    /// Which w1 side (and w2 side) of the box is at the back, which at the front.
    pub(super) x_back: f64,
    pub(super) x_front: f64,
    pub(super) z_back: f64,
    pub(super) z_front: f64,
    /// Surface quads drawn.
    pub(super) faces: usize,
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
    pub(super) fn in_area(
        s: &Surface3d,
        view: &View3d,
        area: (Range<i32>, Range<i32>),
    ) -> Layout3d {
        let pen = view.pen();
        let (theme, ratio, font) = (pen.theme, pen.ratio, pen.font());
        let (yaw, pitch) = (view.yaw_used(), view.pitch_used());

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
    pub(super) fn px(&self, css: f64) -> u32 {
        px(css, self.ratio)
    }

    /// Plotters' 3D pixel coordinates of a point, unrounded.
    pub(super) fn guest(&self, (w1, c, w2): P3) -> [f64; 3] {
        [
            (w1 - self.w1.0) / (self.w1.1 - self.w1.0) * f64::from(SIDE),
            (c - self.cost.0) / (self.cost.1 - self.cost.0) * f64::from(HEIGHT),
            // w2 runs from the front (w2_min) into the depth, as if the 2D map lay on the
            // floor: plotters' z goes from w2_max (0) to w2_min (SIDE).
            (self.w2.1 - w2) / (self.w2.1 - self.w2.0) * f64::from(SIDE),
        ]
    }

    /// Row r of the projection applied to guest coordinates g.
    pub(super) fn row(&self, r: usize, g: [f64; 3]) -> f64 {
        let m = &self.matrix[r];
        m[0] * g[0] + m[1] * g[1] + m[2] * g[2] + m[3]
    }

    /// Where a point lands, backend pixels, unrounded.
    pub(super) fn screen(&self, p: P3) -> (f64, f64) {
        let g = self.guest(p);
        (self.row(0, g), self.row(1, g))
    }

    /// How far a point is from the viewer (larger is farther), in plotters' units.
    pub(super) fn depth(&self, p: P3) -> f64 {
        self.row(2, self.guest(p))
    }

    /// The chart's drawing area on `root`, with this layout's projection.
    pub(super) fn area<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> DrawingArea<DB, Coord3> {
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
    pub(super) fn panel_alpha(&self) -> f64 {
        if self.dark { 0.45 } else { 0.3 }
    }

    /// The back panels: the floor and the two far walls.
    pub(super) fn panels(&self) -> [[P3; 4]; 3] {
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
    pub(super) fn panel_lines(&self) -> Vec<[P3; 2]> {
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
    pub(super) fn mesh_color(&self, cost_p: f64, cost_q: f64) -> RGBColor {
        self.mesh_color_at((self.colors.t(cost_p) + self.colors.t(cost_q)) / 2.0)
    }

    /// The mesh line's colour where the colour scale is at t.
    pub(super) fn mesh_color_at(&self, t: f64) -> RGBColor {
        let wash = if self.dark { 0.45 } else { 0.4 };
        blend(colormap::color(t), self.theme.background, wash)
    }

    pub(super) fn geometry(&self, marker_px: Option<[f64; 2]>, path_points: usize) -> Geometry3d {
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
pub(super) fn px(css: f64, ratio: f64) -> u32 {
    (css * ratio).round().max(1.0) as u32
}
