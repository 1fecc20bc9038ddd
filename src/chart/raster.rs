//! A small software rasterizer for RGBA buffers: solid fills, triangles (flat or coloured
//! through a 256-entry ramp, interpolated across the triangle) and antialiased lines.
//!
//! It exists for the 3D surface on a canvas: thousands of faces drawn one canvas call each
//! are far too slow to redraw while the view turns, so they are filled here and put on the
//! canvas with one `putImageData` (see [`super::surface3d::rasterize_surface3d`]).
//!
//! Coordinates are backend pixels, as plotters uses: pixel (x, y) covers [x, x + 1) x
//! [y, y + 1). Plotters truncates every point to whole pixels before a canvas draws it, which
//! puts it on average half a pixel up and left of the exact point; the rasterizer shifts
//! every point by the same half pixel so that what it fills lines up with what plotters
//! draws on top.
//!
//! Triangles are filled by exact integer edge functions on a 1/16-pixel grid, a pixel being
//! in when its centre is, with a consistent tie rule for centres exactly on an edge: two
//! triangles that share an edge fill every pixel along it exactly once, so a mesh has no
//! cracks and no doubly drawn seams.

/// Subpixel steps per pixel for the triangle edges.
const SUB: i64 = 16;
/// The centre of a pixel, in subpixel steps from its corner.
const HALF: i64 = SUB / 2;
/// Points are clamped to this many pixels from the origin, which keeps every edge function
/// well inside i64 (a point that far out is off any canvas anyway).
const LIMIT: f64 = 1e6;
/// The shift that lines points up with plotters' truncated ones (see the module docs).
const SHIFT: f64 = -0.5;
/// One ramp entry in the 16.16 fixed point the triangle fill steps through the ramp in.
const RAMP_ONE: f64 = 65536.0;

/// How a triangle is coloured.
#[derive(Clone, Copy, Debug)]
pub enum Paint<'a> {
    /// One colour.
    Solid([u8; 4]),
    /// A position on `ramp` (0 to 255) at each vertex, interpolated linearly across the
    /// triangle; each pixel takes the nearest entry.
    Ramp {
        at: [f32; 3],
        ramp: &'a [[u8; 4]; 256],
    },
}

/// A triangle corner, placed on the rasterizer's subpixel grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vertex([i64; 2]);

impl Vertex {
    /// The point at (x, y) backend pixels; `None` unless both are finite.
    pub fn new([x, y]: [f64; 2]) -> Option<Vertex> {
        let fixed = |c: f64| ((c + SHIFT).clamp(-LIMIT, LIMIT) * SUB as f64 + 0.5).floor() as i64;
        (x.is_finite() && y.is_finite()).then(|| Vertex([fixed(x), fixed(y)]))
    }
}

/// One edge of a triangle being filled: on the current row, E at pixel x is c - k x.
struct Edge {
    c: i64,
    /// How much c grows from one row to the next.
    step: i64,
    k: i64,
    /// 1 / k, for the quotient's first guess.
    inv: f64,
}

/// An RGBA image, row-major, 4 bytes per pixel, drawn into in place.
pub struct Canvas<'a> {
    px: &'a mut [u8],
    width: usize,
    height: usize,
}

impl<'a> Canvas<'a> {
    /// Draws into `px`, which must hold exactly `width * height * 4` bytes (an empty canvas
    /// otherwise: every drawing call then does nothing).
    pub fn new(px: &'a mut [u8], width: usize, height: usize) -> Canvas<'a> {
        let fits = width.checked_mul(height).and_then(|n| n.checked_mul(4)) == Some(px.len());
        if fits {
            Canvas { px, width, height }
        } else {
            Canvas {
                px,
                width: 0,
                height: 0,
            }
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// The colour of pixel (x, y), if it exists.
    pub fn pixel(&self, x: usize, y: usize) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let o = (y * self.width + x) * 4;
        Some([self.px[o], self.px[o + 1], self.px[o + 2], self.px[o + 3]])
    }

    /// Every pixel `color`.
    pub fn fill(&mut self, color: [u8; 4]) {
        // One row pixel by pixel, then copies of it (memcpy is far quicker).
        let row = self.width * 4;
        if row == 0 || self.height == 0 {
            return;
        }
        fill_span(&mut self.px[..row], color);
        for y in 1..self.height {
            self.px.copy_within(..row, y * row);
        }
    }

    /// Fills the triangle with corners `v` (backend pixels). Triangles with a non-finite or
    /// repeated corner, or no area, fill nothing.
    pub fn triangle(&mut self, v: [[f64; 2]; 3], paint: Paint) {
        if let [Some(a), Some(b), Some(c)] = v.map(Vertex::new) {
            self.triangle_at([a, b, c], paint);
        }
    }

    /// [`Canvas::triangle`] with its corners already placed: a mesh places each vertex once,
    /// not once for every triangle around it.
    pub fn triangle_at(&mut self, corners: [Vertex; 3], paint: Paint) {
        if self.width == 0 || self.height == 0 {
            return;
        }
        let mut p = corners.map(|c| c.0);
        let mut at = match paint {
            Paint::Ramp { at, .. } => at,
            Paint::Solid(_) => [0.0; 3],
        };
        let cross = |p: &[[i64; 2]; 3]| {
            (p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[1][1] - p[0][1]) * (p[2][0] - p[0][0])
        };
        let mut area = cross(&p);
        if area == 0 {
            return;
        }
        if area < 0 {
            p.swap(1, 2);
            at.swap(1, 2);
            area = -area;
        }
        // Pixels whose centres lie in the bounding box.
        let lo = |k: usize| p[0][k].min(p[1][k]).min(p[2][k]);
        let hi = |k: usize| p[0][k].max(p[1][k]).max(p[2][k]);
        let first = |v: i64| ceil_div(v - HALF, SUB).max(0);
        let last = |v: i64, n: usize| (v - HALF).div_euclid(SUB).min(n as i64 - 1);
        let (x0, x1) = (first(lo(0)), last(hi(0), self.width));
        let (y0, y1) = (first(lo(1)), last(hi(1), self.height));
        if x0 > x1 || y0 > y1 {
            return;
        }
        // Edge a -> b: E(P) = dx (Py - ay) - dy (Px - ax), >= 0 inside (the corners now run
        // so that the area is positive). A centre exactly on an edge (E = 0) is in for edges
        // with dy > 0, or dy = 0 and dx < 0, and out for the opposite direction: the
        // neighbour across a shared edge sees it reversed, so exactly one of them fills it.
        // Row by row, E at pixel x is c - k x, c growing by dx SUB a row.
        let edges = [(0, 1), (1, 2), (2, 0)].map(|(a, b)| {
            let ([ax, ay], [bx, by]) = (p[a], p[b]);
            let (dx, dy) = (bx - ax, by - ay);
            let bias = if dy > 0 || (dy == 0 && dx < 0) { 0 } else { -1 };
            let k = dy * SUB;
            Edge {
                c: dx * (y0 * SUB + HALF - ay) - dy * (HALF - ax) + bias,
                step: dx * SUB,
                k,
                inv: if k == 0 { 0.0 } else { 1.0 / k as f64 },
            }
        });
        // The ramp position is a plane over the triangle: at + gx (Px - X0) + gy (Py - Y0).
        let (gx, gy) = {
            let (d1, d2) = (f64::from(at[1] - at[0]), f64::from(at[2] - at[0]));
            let (ex1, ey1) = ((p[1][0] - p[0][0]) as f64, (p[1][1] - p[0][1]) as f64);
            let (ex2, ey2) = ((p[2][0] - p[0][0]) as f64, (p[2][1] - p[0][1]) as f64);
            let area = area as f64;
            ((d1 * ey2 - d2 * ey1) / area, (d2 * ex1 - d1 * ex2) / area)
        };
        let step = (gx * SUB as f64 * RAMP_ONE) as i32;
        let width = self.width;
        for (row, y) in (y0..=y1).enumerate() {
            let (mut from, mut to) = (x0, x1);
            for e in &edges {
                let c = e.c + e.step * row as i64;
                let k = e.k;
                // The quotient c / k in f64 (far quicker than i64 division, in wasm too),
                // then made exact: it is at most one off.
                if k == 0 {
                    if c < 0 {
                        to = -1;
                    }
                } else if k > 0 {
                    // The last x with c - k x >= 0.
                    let mut x = (c as f64 * e.inv).floor() as i64;
                    if c - k * x < 0 {
                        x -= 1;
                    } else if c - k * (x + 1) >= 0 {
                        x += 1;
                    }
                    to = to.min(x);
                } else {
                    // The first x with c - k x >= 0.
                    let mut x = (c as f64 * e.inv).ceil() as i64;
                    if c - k * x < 0 {
                        x += 1;
                    } else if c - k * (x - 1) >= 0 {
                        x -= 1;
                    }
                    from = from.max(x);
                }
            }
            if from > to {
                continue;
            }
            let start = (y as usize * width + from as usize) * 4;
            let span = &mut self.px[start..start + (to - from + 1) as usize * 4];
            match paint {
                Paint::Solid(color) => fill_span(span, color),
                Paint::Ramp { ramp, .. } => {
                    let t = f64::from(at[0])
                        + gx * ((from * SUB + HALF - p[0][0]) as f64)
                        + gy * ((y * SUB + HALF - p[0][1]) as f64);
                    // In 16.16 fixed point: integer steps are quicker than float-to-index
                    // conversions. Saturating casts keep NaN and overshoots in range.
                    let mut t = (t * RAMP_ONE + RAMP_ONE / 2.0) as i32;
                    for q in span.chunks_exact_mut(4) {
                        q.copy_from_slice(&ramp[(t >> 16).clamp(0, 255) as usize]);
                        t = t.saturating_add(step);
                    }
                }
            }
        }
    }

    /// A straight line from `a` to `b`, `width` pixels wide with square-cut ends, blended
    /// over what is there by how much of each pixel it covers (lines that continue one
    /// another meet without a gap or a doubled joint).
    pub fn line(&mut self, a: [f64; 2], b: [f64; 2], width: f64, color: [u8; 3]) {
        if self.width == 0 || self.height == 0 {
            return;
        }
        let ([ax, ay], [bx, by]) = (a.map(|c| c + SHIFT), b.map(|c| c + SHIFT));
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt();
        if !(len > 1e-9 && len < LIMIT && width > 0.0 && ax.abs().max(ay.abs()) < LIMIT) {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        // Along the longer direction (major) pixel by pixel; across it (minor), the pixels
        // the line touches.
        let x_major = ux.abs() >= uy.abs();
        let (a_major, a_minor, b_major, u_major, u_minor, n_major, n_minor) = if x_major {
            (ax, ay, bx, ux, uy, self.width, self.height)
        } else {
            (ay, ax, by, uy, ux, self.height, self.width)
        };
        // A pixel is touched when its centre is less than `reach` from the line, and less
        // than half a pixel beyond either end.
        let half = width / 2.0;
        let reach = half + 0.5;
        let ext = 0.5 * u_major.abs() + reach * u_minor.abs();
        let m0 = (a_major.min(b_major) - ext - 0.5).ceil().max(0.0);
        let m1 = (a_major.max(b_major) + ext - 0.5)
            .floor()
            .min(n_major as f64 - 1.0);
        // All finite here (the ends and the width are), so a plain comparison will do.
        if m0 > m1 {
            return;
        }
        let cos = u_major.abs();
        let (slope, spread) = (u_minor / u_major, reach / cos);
        for m in m0 as usize..=m1 as usize {
            let mc = m as f64 + 0.5;
            let centre = a_minor + (mc - a_major) * slope;
            let n0 = (centre - spread - 0.5).ceil().max(0.0);
            let n1 = (centre + spread - 0.5).floor().min(n_minor as f64 - 1.0);
            if n0 > n1 {
                continue;
            }
            let along_m = (mc - a_major) * u_major;
            for n in n0 as usize..=n1 as usize {
                let nc = n as f64 + 0.5;
                // Distance from the line: the offset across the major direction, times cos.
                let across = (nc - centre).abs() * cos;
                let along = along_m + (nc - a_minor) * u_minor;
                let cover = (reach - across).clamp(0.0, 1.0)
                    * (along + 0.5).clamp(0.0, 1.0)
                    * (len - along + 0.5).clamp(0.0, 1.0);
                if cover > 0.0 {
                    let (x, y) = if x_major { (m, n) } else { (n, m) };
                    let o = (y * self.width + x) * 4;
                    blend(&mut self.px[o..o + 3], color, cover as f32);
                }
            }
        }
    }
}

/// Every pixel of `span` (whole pixels) `color`.
fn fill_span(span: &mut [u8], color: [u8; 4]) {
    // A block of pixels at a time: copies of a block are far quicker than pixel by pixel.
    const BLOCK: usize = 32;
    let block: [u8; BLOCK * 4] = std::array::from_fn(|k| color[k % 4]);
    let mut chunks = span.chunks_exact_mut(BLOCK * 4);
    for c in &mut chunks {
        c.copy_from_slice(&block);
    }
    let rest = chunks.into_remainder();
    rest.copy_from_slice(&block[..rest.len()]);
}

/// dst moved towards src by `cover` (0 to 1), rounded.
fn blend(dst: &mut [u8], src: [u8; 3], cover: f32) {
    for (d, s) in dst.iter_mut().zip(src) {
        let (d0, s) = (f32::from(*d), f32::from(s));
        *d = (d0 + (s - d0) * cover + 0.5) as u8;
    }
}

/// ceil(a / b) for b > 0.
fn ceil_div(a: i64, b: i64) -> i64 {
    -((-a).div_euclid(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BG: [u8; 4] = [0, 0, 0, 255];
    const RED: [u8; 4] = [255, 0, 0, 255];
    const BLUE: [u8; 4] = [0, 0, 255, 255];

    fn image(w: usize, h: usize) -> Vec<u8> {
        let mut px = vec![0; w * h * 4];
        Canvas::new(&mut px, w, h).fill(BG);
        px
    }

    fn count(px: &[u8], color: [u8; 4]) -> usize {
        px.chunks_exact(4).filter(|p| **p == color).count()
    }

    #[test]
    fn two_triangles_sharing_an_edge_fill_every_pixel_once() {
        // Odd corners (quarter pixels, a slanted diagonal): every pixel of the quad's
        // inside is filled, whichever triangle it falls in, with none left over.
        for (w, h, quad) in [
            (
                40,
                30,
                [[3.25, 2.5], [37.75, 4.0], [35.5, 27.25], [2.0, 26.0]],
            ),
            (
                40,
                40,
                [[20.0, 1.0], [39.0, 20.0], [20.0, 39.0], [1.0, 20.0]],
            ),
            (9, 9, [[0.5, 0.5], [8.5, 0.5], [8.5, 8.5], [0.5, 8.5]]),
        ] {
            let mut both = image(w, h);
            let mut c = Canvas::new(&mut both, w, h);
            c.triangle([quad[0], quad[1], quad[2]], Paint::Solid(RED));
            c.triangle([quad[0], quad[2], quad[3]], Paint::Solid(BLUE));
            // The same quad as one piece, split the other way: the same pixels, in total.
            let mut whole = image(w, h);
            let mut c = Canvas::new(&mut whole, w, h);
            c.triangle([quad[1], quad[2], quad[3]], Paint::Solid(RED));
            c.triangle([quad[1], quad[3], quad[0]], Paint::Solid(RED));
            assert_eq!(
                count(&both, RED) + count(&both, BLUE),
                count(&whole, RED),
                "{quad:?}"
            );
            // Drawn one after the other, the second would overwrite any pixel the first
            // already had: count them separately.
            let mut a = image(w, h);
            Canvas::new(&mut a, w, h).triangle([quad[0], quad[1], quad[2]], Paint::Solid(RED));
            let mut b = image(w, h);
            Canvas::new(&mut b, w, h).triangle([quad[0], quad[2], quad[3]], Paint::Solid(RED));
            let shared = a
                .chunks_exact(4)
                .zip(b.chunks_exact(4))
                .filter(|(p, q)| **p == RED && **q == RED)
                .count();
            assert_eq!(shared, 0, "{quad:?}: pixels filled twice");
        }
        // An axis-aligned 8 x 8 square on pixel corners: exactly 64 pixels.
        let mut px = image(12, 12);
        let mut c = Canvas::new(&mut px, 12, 12);
        let q = [[2.5, 2.5], [10.5, 2.5], [10.5, 10.5], [2.5, 10.5]];
        c.triangle([q[0], q[1], q[2]], Paint::Solid(RED));
        c.triangle([q[2], q[3], q[0]], Paint::Solid(RED));
        assert_eq!(count(&px, RED), 64);
    }

    #[test]
    fn ramps_interpolate_and_odd_input_is_ignored() {
        let mut ramp = [[0u8; 4]; 256];
        for (i, e) in ramp.iter_mut().enumerate() {
            *e = [i as u8, 0, 0, 255];
        }
        let mut px = image(101, 3);
        let mut c = Canvas::new(&mut px, 101, 3);
        let at = [0.0, 200.0, 200.0];
        // Corners at x = 1 and 101: after the half-pixel shift, the edges of pixels 0 and 100.
        c.triangle(
            [[1.0, -10.0], [101.0, -10.0], [101.0, 20.0]],
            Paint::Ramp { at, ramp: &ramp },
        );
        c.triangle(
            [[1.0, -10.0], [101.0, 20.0], [1.0, 20.0]],
            Paint::Ramp {
                at: [0.0, 200.0, 0.0],
                ramp: &ramp,
            },
        );
        // Along row 1, the ramp runs 0 to 200 over 100 pixels: 2 per pixel.
        for x in [0, 10, 50, 99] {
            assert_eq!(c.pixel(x, 1).unwrap()[0], (2 * x) as u8, "x = {x}");
        }
        let before = px.clone();
        let mut c = Canvas::new(&mut px, 101, 3);
        c.triangle(
            [[f64::NAN, 0.0], [1.0, 1.0], [2.0, 0.0]],
            Paint::Solid(BLUE),
        );
        c.triangle([[1.0, 1.0], [1.0, 1.0], [5.0, 2.0]], Paint::Solid(BLUE));
        c.triangle(
            [[1e300, 0.0], [2e300, 1.0], [3e300, 0.0]],
            Paint::Solid(BLUE),
        );
        c.line([0.0, 0.0], [f64::INFINITY, 1.0], 1.0, [0, 0, 255]);
        c.line([3.0, 1.0], [3.0, 1.0], 1.0, [0, 0, 255]);
        assert_eq!(px, before);
        // A buffer of the wrong size draws nothing; 1 x 1 works.
        let mut short = vec![7u8; 10];
        let mut c = Canvas::new(&mut short, 3, 3);
        c.fill(RED);
        c.triangle([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0]], Paint::Solid(RED));
        assert_eq!(short, vec![7u8; 10]);
        let mut one = image(1, 1);
        Canvas::new(&mut one, 1, 1)
            .triangle([[-5.0, -5.0], [5.0, -5.0], [0.0, 5.0]], Paint::Solid(RED));
        assert_eq!(one, RED);
    }

    #[test]
    fn lines_cover_their_pixels_and_join_without_beads() {
        // Horizontal, 1 px wide, through pixel centres (after the half-pixel shift): one
        // solid row.
        let mut px = image(20, 5);
        let mut c = Canvas::new(&mut px, 20, 5);
        c.line([2.5, 3.0], [12.5, 3.0], 1.0, [255, 0, 0]);
        let row: Vec<u8> = (0..20).map(|x| c.pixel(x, 2).unwrap()[0]).collect();
        assert!(row[3..12].iter().all(|&r| r == 255), "{row:?}");
        assert!(row[14..].iter().all(|&r| r == 0), "{row:?}");
        assert_eq!(c.pixel(5, 1).unwrap()[0], 0);
        assert_eq!(c.pixel(5, 3).unwrap()[0], 0);
        // Two halves of one slanted line blend to nearly the same picture as the whole (two
        // partial covers blended one after the other add up to a little less than their sum).
        let mut whole = image(30, 30);
        Canvas::new(&mut whole, 30, 30).line([2.0, 3.0], [27.0, 21.0], 1.0, [0, 200, 0]);
        let mut halves = image(30, 30);
        let mut c = Canvas::new(&mut halves, 30, 30);
        let mid = [14.5, 12.0];
        c.line([2.0, 3.0], mid, 1.0, [0, 200, 0]);
        c.line(mid, [27.0, 21.0], 1.0, [0, 200, 0]);
        let diff = whole
            .iter()
            .zip(&halves)
            .map(|(a, b)| (i32::from(*a) - i32::from(*b)).abs())
            .max()
            .unwrap();
        assert!(diff <= 20, "joint differs by {diff} of 200");
        let mut px = image(10, 40);
        Canvas::new(&mut px, 10, 40).line([5.0, 1.0], [6.0, 39.0], 2.0, [0, 0, 255]);
        // Steep lines work too, and cover their area: 2 px wide, about 38 long.
        let covered: f64 = px.chunks_exact(4).map(|p| f64::from(p[2]) / 255.0).sum();
        let want = 2.0 * (1.0f64 + 38.0 * 38.0).sqrt();
        assert!((covered - want).abs() < 2.0, "{covered} vs {want}");
    }
}
