//! The 3D surface as the page draws it: faces rasterized into an RGBA buffer, axes, path and
//! marker drawn over it (here into SVG, for the geometry). No cracks, viridis colours that
//! follow the height, the marker on the surface, the same layout as the all-SVG chart, and
//! no panics on odd input.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::scene3d::{
    FAR_PATH, HUGE_COSTS, Scene, assert_the_marker_moves_with_yaw, costs_with_holes, grid,
    log_view, odd_grids, view, wild_view,
};
use common::svg::draw_svg;

use backprop_lab::chart::colormap;
use backprop_lab::chart::surface3d::{
    Geometry3d, Layout3d, PITCH_MAX, RASTER_QUADS, Surface3d, View3d, draw_surface3d,
    draw_surface3d_overlay, rasterize_surface3d,
};
use backprop_lab::chart::theme::{DARK, LIGHT};
use plotters::prelude::*;
use std::collections::HashMap;

const SIZE: (u32, u32) = (600, 480);

/// An RGBA image from [`rasterize_surface3d`].
struct Image {
    px: Vec<u8>,
    width: usize,
    height: usize,
}

impl Image {
    fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let o = (y * self.width + x) * 4;
        [self.px[o], self.px[o + 1], self.px[o + 2]]
    }

    fn pixels(&self) -> impl Iterator<Item = (usize, usize, [u8; 3])> + '_ {
        (0..self.height).flat_map(move |y| (0..self.width).map(move |x| (x, y, self.at(x, y))))
    }
}

/// Rasterizes, then draws the overlay (into SVG) for the geometry: what the page does.
fn render_sized(s: &Surface3d, view: &View3d, size: (u32, u32)) -> (Image, Geometry3d, Layout3d) {
    let mut px = vec![1, 2, 3];
    let layout = rasterize_surface3d(s, view, size.0, size.1, &mut px);
    let (svg, geometry) = draw_svg(size, |root| {
        draw_surface3d_overlay(root, s, &[], &layout).expect("overlay")
    });
    assert!(svg.trim_end().ends_with("</svg>"));
    let image = Image {
        px,
        width: size.0 as usize,
        height: size.1 as usize,
    };
    (image, geometry, layout)
}

fn render(s: &Surface3d, view: &View3d) -> (Image, Geometry3d) {
    let (image, g, _) = render_sized(s, view, SIZE);
    (image, g)
}

/// Colourfulness: the greys of the background, panels and grid lines are below 20, the
/// viridis colours (and the mesh lines, washed towards the background) above 40.
fn chroma([r, g, b]: [u8; 3]) -> u8 {
    r.max(g).max(b) - r.min(g).min(b)
}

fn is_surface(c: [u8; 3]) -> bool {
    chroma(c) >= 30
}

/// LUT colour -> LUT index.
fn lut_index() -> HashMap<[u8; 3], usize> {
    colormap::lut()
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect()
}

fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn views() -> Vec<View3d> {
    vec![
        View3d::default(),
        view(-2.2, 1.2),
        View3d {
            dark: true,
            ..view(2.4, 0.15)
        },
        View3d {
            log_color: true,
            ..view(3.1, 0.8)
        },
    ]
}

/// Which pixels have their sample point (as the rasterizer takes it: pixel (x, y) shows
/// what plotters would draw at (x + 1, y + 1), see chart::raster) inside a face.
fn silhouette(scene: &Scene, g: &Geometry3d, width: usize, height: usize) -> Vec<bool> {
    let n = scene.grid.resolution;
    let at = |i: usize, j: usize| g.to_pixel(scene.grid.w1(j), scene.grid.w2(i), scene.cost(i, j));
    let mut inside = vec![false; width * height];
    let mut mark = |t: [[f64; 2]; 3]| {
        let (x0, x1) = (
            t.iter().map(|p| p[0]).fold(f64::MAX, f64::min).floor() as i64 - 1,
            t.iter().map(|p| p[0]).fold(f64::MIN, f64::max).ceil() as i64,
        );
        let (y0, y1) = (
            t.iter().map(|p| p[1]).fold(f64::MAX, f64::min).floor() as i64 - 1,
            t.iter().map(|p| p[1]).fold(f64::MIN, f64::max).ceil() as i64,
        );
        let edge = |a: [f64; 2], b: [f64; 2], p: [f64; 2]| {
            (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
        };
        for y in y0.max(0)..=y1.min(height as i64 - 1) {
            for x in x0.max(0)..=x1.min(width as i64 - 1) {
                let p = [x as f64 + 1.0, y as f64 + 1.0];
                let e = [
                    edge(t[0], t[1], p),
                    edge(t[1], t[2], p),
                    edge(t[2], t[0], p),
                ];
                if e.iter().all(|&v| v >= -1e-9) || e.iter().all(|&v| v <= 1e-9) {
                    inside[y as usize * width + x as usize] = true;
                }
            }
        }
    };
    for i in 0..n - 1 {
        for j in 0..n - 1 {
            let q = [at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i + 1, j)];
            mark([q[0], q[1], q[2]]);
            mark([q[0], q[2], q[3]]);
        }
    }
    inside
}

#[test]
fn no_background_shows_through_the_surface() {
    // 65 points per side: exactly RASTER_QUADS quads, no downsampling, so the test knows
    // every triangle.
    let scene = Scene::laid_on_surface(RASTER_QUADS + 1, 60);
    for view in views() {
        let (image, g) = render(&scene.surface(), &view);
        assert_eq!(g.faces, RASTER_QUADS * RASTER_QUADS);
        let (w, h) = (image.width, image.height);
        let inside = silhouette(&scene, &g, w, h);
        // Deep inside: the pixel and its eight neighbours all in. Pixels along the
        // silhouette are left out (the sample point may sit just either side of it), those
        // along the edges between faces are not: that is where cracks would be.
        let mut deep = 0;
        let mut holes = Vec::new();
        for y in 1..h - 1 {
            for x in 1..w - 1 {
                let all = (y - 1..=y + 1).all(|v| (x - 1..=x + 1).all(|u| inside[v * w + u]));
                if all {
                    deep += 1;
                    if !is_surface(image.at(x, y)) {
                        holes.push((x, y, image.at(x, y)));
                    }
                }
            }
        }
        assert!(deep > 20_000, "{view:?}: only {deep} pixels inside");
        assert!(
            holes.is_empty(),
            "{view:?}: {} pixels inside the surface show what is behind it, e.g. {:?}",
            holes.len(),
            &holes[..holes.len().min(10)]
        );
        // And outside the silhouette, no surface colour (nothing drawn off the mesh), but
        // for a fringe of mesh lines and rounding along it.
        let stray = image
            .pixels()
            .filter(|&(x, y, c)| {
                is_surface(c)
                    && !(y.saturating_sub(2)..=(y + 2).min(h - 1)).any(|v| {
                        (x.saturating_sub(2)..=(x + 2).min(w - 1)).any(|u| inside[v * w + u])
                    })
            })
            .count();
        assert_eq!(stray, 0, "{view:?}: surface colour off the surface");
    }
}

#[test]
fn faces_are_viridis_and_the_darkest_is_at_the_lowest_vertex() {
    let scene = Scene::laid_on_surface(RASTER_QUADS + 1, 60);
    let lut = lut_index();
    let n = scene.grid.resolution;
    let (i, j) = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .min_by(|a, b| scene.cost(a.0, a.1).total_cmp(&scene.cost(b.0, b.1)))
        .unwrap();
    for view in [
        View3d::default(),
        view(-2.2, 1.2),
        log_view(),
        View3d {
            dark: true,
            yaw: 0.2,
            ..View3d::default()
        },
    ] {
        let (image, g) = render(&scene.surface(), &view);
        // The surface is viridis: most of its pixels exactly LUT colours (the rest are the
        // mesh lines and their antialiasing).
        let surface: Vec<_> = image.pixels().filter(|p| is_surface(p.2)).collect();
        let exact: Vec<(usize, usize, usize)> = surface
            .iter()
            .filter_map(|&(x, y, c)| Some((x, y, *lut.get(&c)?)))
            .collect();
        assert!(
            exact.len() * 100 >= surface.len() * 85,
            "{view:?}: {} of {} surface pixels are LUT colours",
            exact.len(),
            surface.len()
        );
        // Both ends of the scale appear.
        let darkest = exact.iter().map(|p| p.2).min().unwrap();
        let brightest = exact.iter().map(|p| p.2).max().unwrap();
        assert!(
            darkest <= 3 && brightest >= 250,
            "{view:?}: {darkest}..{brightest}"
        );
        // The lowest vertex is drawn in the darkest colour: the LUT pixel nearest to it.
        let want = g.to_pixel(scene.grid.w1(j), scene.grid.w2(i), scene.cost(i, j));
        let sample = |x: usize, y: usize| [x as f64 + 1.0, y as f64 + 1.0];
        let &(x, y, index) = exact
            .iter()
            .min_by(|a, b| dist(sample(a.0, a.1), want).total_cmp(&dist(sample(b.0, b.1), want)))
            .unwrap();
        assert!(
            dist(sample(x, y), want) < 3.0,
            "{view:?}: {want:?} not drawn"
        );
        assert!(
            index <= darkest + 2,
            "{view:?}: the lowest vertex has LUT index {index}, the darkest pixel {darkest}"
        );
    }
}

#[test]
fn the_colour_follows_the_height_across_the_faces() {
    // Seen from straight above nothing hides anything, so each pixel shows the surface
    // around the vertices nearest to it in the picture, and its colour lies between theirs.
    let scene = Scene::laid_on_surface(RASTER_QUADS + 1, 60);
    let lut = lut_index();
    let n = scene.grid.resolution;
    for view in [
        view(0.3, PITCH_MAX),
        View3d {
            log_color: true,
            ..view(-2.0, PITCH_MAX)
        },
    ] {
        let (image, g) = render(&scene.surface(), &view);
        let scale =
            colormap::Scale::covering(scene.costs.iter().map(|&c| f64::from(c)), view.log_color);
        let verts: Vec<([f64; 2], f64)> = (0..n)
            .flat_map(|i| (0..n).map(move |j| (i, j)))
            .map(|(i, j)| {
                let c = scene.cost(i, j);
                let at = g.to_pixel(scene.grid.w1(j), scene.grid.w2(i), c);
                (at, scale.t(c) * 255.0)
            })
            .collect();
        let mut checked = 0;
        for (x, y, c) in image.pixels().step_by(37) {
            let Some(&index) = lut.get(&c) else {
                continue;
            };
            let p = [x as f64 + 1.0, y as f64 + 1.0];
            // The three vertices nearest in the picture: the corners of the triangle it is
            // in, or close neighbours of them.
            let mut near: Vec<(f64, f64)> = Vec::with_capacity(4);
            for v in &verts {
                let d = dist(v.0, p);
                if near.len() < 3 || d < near[2].0 {
                    near.push((d, v.1));
                    near.sort_by(|a, b| a.0.total_cmp(&b.0));
                    near.truncate(3);
                }
            }
            let (lo, hi) = near
                .iter()
                .fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v.1), h.max(v.1)));
            let i = index as f64;
            // The spread of a quad's other corner, and rounding.
            let slack = (hi - lo).max(2.0);
            assert!(
                i >= lo - slack && i <= hi + slack,
                "{view:?}: pixel ({x}, {y}) has LUT index {i}, the vertices nearest to it {near:?}"
            );
            checked += 1;
        }
        assert!(checked > 1000, "{view:?}: only {checked} pixels checked");
    }
}

#[test]
fn the_marker_lies_on_the_surface_and_moves_with_yaw() {
    let scene = Scene::laid_on_surface(128, 60);
    assert_the_marker_moves_with_yaw(|yaw, view| {
        let (image, g) = render(&scene.surface(), view);
        let [mx, my] = g.marker_px.expect("marker drawn");
        assert!(mx >= 1.0 && my >= 1.0 && mx < SIZE.0 as f64 && my < SIZE.1 as f64);
        // Plotters draws it centred on the corner between these four pixels.
        let (x, y) = (mx as usize, my as usize);
        for (u, v) in [(x - 1, y - 1), (x, y - 1), (x - 1, y), (x, y)] {
            assert!(
                is_surface(image.at(u, v)),
                "yaw {yaw}: the marker at {:?} is over {:?}",
                [mx, my],
                image.at(u, v)
            );
        }
        [mx, my]
    });
}

#[test]
fn the_layout_is_the_svg_charts() {
    // The canvas and the SVG chart put everything in the same place.
    let scene = Scene::laid_on_surface(128, 60);
    for view in views() {
        for size in [SIZE, (300, 200), (1200, 960)] {
            let view = View3d {
                pixel_ratio: f64::from(size.0) / 600.0,
                ..view
            };
            let (_, raster, layout) = render_sized(&scene.surface(), &view, size);
            let mut svg = String::new();
            let whole = {
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                draw_surface3d(&root, &scene.surface(), &view).expect("draw_surface3d")
            };
            assert_eq!(raster.faces, RASTER_QUADS * RASTER_QUADS);
            assert_eq!(layout.faces(), raster.faces);
            assert_eq!(
                Geometry3d {
                    faces: whole.faces,
                    ..raster
                },
                whole,
                "{view:?} {size:?}"
            );
        }
    }
}

#[test]
fn the_back_panels_are_behind_and_the_view_changes_the_picture() {
    let scene = Scene::laid_on_surface(128, 40);
    let s = scene.surface();
    let at = |yaw: f64, pitch: f64| render(&s, &view(yaw, pitch)).0.px;
    let base = at(0.7, 0.45);
    assert_ne!(base, at(1.2, 0.45), "yaw changes nothing");
    assert_ne!(base, at(0.7, 0.9), "pitch changes nothing");
    assert_eq!(base, at(0.7 + 4.0 * std::f64::consts::PI, 0.45));
    assert_eq!(
        base,
        at(f64::NAN, f64::INFINITY),
        "non-finite angles: the default view"
    );
    // Every pixel opaque; background, panel tint and grid lines all there.
    for (dark, theme) in [(false, LIGHT), (true, DARK)] {
        let view = View3d {
            dark,
            ..View3d::default()
        };
        let (image, g) = render(&s, &view);
        assert!(image.px.chunks_exact(4).all(|p| p[3] == 255));
        let count = |c: [u8; 3]| image.pixels().filter(|p| p.2 == c).count();
        let rgb = |c: RGBColor| [c.0, c.1, c.2];
        let alpha = if dark { 0.45 } else { 0.3 };
        let mix =
            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * alpha).round() as u8;
        let (bg, line) = (theme.background, theme.line);
        let panel = [mix(bg.0, line.0), mix(bg.1, line.1), mix(bg.2, line.2)];
        assert!(count(rgb(bg)) > 10_000, "dark {dark}: background");
        assert!(count(panel) > 10_000, "dark {dark}: panels");
        // Grid lines: between the panel's tint and the line colour.
        let on_line = |c: [u8; 3]| {
            (0..3).all(|k| c[k].min(panel[k]) >= rgb(line)[k].min(panel[k]))
                && (0..3).all(|k| c[k].max(panel[k]) <= rgb(line)[k].max(panel[k]))
                && c != panel
        };
        assert!(
            image.pixels().filter(|p| on_line(p.2)).count() > 1000,
            "dark {dark}: grid lines"
        );
        // The top far corner of the box, highest on the screen: the walls meet there, and
        // nothing covers them.
        let corner = [g.w1_range, g.w2_range]
            .iter()
            .flat_map(|_| [0, 1])
            .flat_map(|a| [0, 1].map(|b| (a, b)))
            .map(|(a, b)| g.to_pixel(g.w1_range[a], g.w2_range[b], g.cost_range[1]))
            .min_by(|p, q| p[1].total_cmp(&q[1]))
            .unwrap();
        let near = image
            .pixels()
            .filter(|p| dist([p.0 as f64 + 1.0, p.1 as f64 + 1.0], corner) < 16.0)
            .filter(|p| p.2 == panel || on_line(p.2))
            .count();
        assert!(
            near > 40,
            "dark {dark}: no wall at the far corner {corner:?}"
        );
    }
}

#[test]
fn odd_input_never_panics_and_fills_the_whole_buffer() {
    let flat = vec![0.3f32; 25];
    let holes = costs_with_holes();
    let all_nan = vec![f32::NAN; 9];
    let case = |grid, costs, current| Surface3d {
        grid,
        costs,
        path: &FAR_PATH,
        current,
    };
    let mut cases = vec![
        case(grid(2), &[0.1, 0.5, 0.9, 0.2], (0.0, 0.0, 0.5)),
        case(grid(5), &flat, (100.0, -100.0, 0.3)),
        case(grid(30), &holes, (f64::NAN, 0.0, 0.0)),
        case(grid(3), &all_nan, (0.0, 0.0, f64::NAN)),
        case(grid(40), &[], (0.0, 0.0, 0.0)),
        case(grid(5), &HUGE_COSTS, (0.0, 0.0, 1e30)),
    ];
    for g in odd_grids() {
        cases.push(case(g, &flat, (0.0, 0.0, 0.3)));
    }
    let views = [
        View3d::default(),
        wild_view(),
        View3d {
            yaw: 0.0,
            pitch: 0.0,
            dark: false,
            log_color: true,
            pixel_ratio: 100.0,
        },
    ];
    // One buffer for everything, as the page keeps one: it follows the canvas's size.
    let mut px = Vec::new();
    for s in &cases {
        for view in &views {
            for size in [SIZE, (40, 30), (1, 1), (0, 0), (0, 7)] {
                let layout = rasterize_surface3d(s, view, size.0, size.1, &mut px);
                assert_eq!(px.len(), (size.0 * size.1 * 4) as usize);
                assert!(px.chunks_exact(4).all(|p| p[3] == 255));
                let mut svg = String::new();
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                let g = draw_surface3d_overlay(&root, s, &[], &layout).expect("overlay");
                assert!(g.projection.iter().flatten().all(|v| v.is_finite()));
                assert!(g.cost_range[0] < g.cost_range[1]);
                if let Some(m) = g.marker_px {
                    assert!(m[0].is_finite() && m[1].is_finite());
                }
            }
        }
    }
    // Resolution 2: one quad, two triangles; flat costs: one colour all over.
    let two = case(grid(2), &[0.1, 0.5, 0.9, 0.2], (0.0, 0.0, 0.5));
    let (image, g) = render(&two, &View3d::default());
    assert_eq!(g.faces, 1);
    assert!(image.pixels().filter(|p| is_surface(p.2)).count() > 10_000);
    let (image, g) = render(&case(grid(5), &flat, (0.0, 0.0, 0.3)), &View3d::default());
    assert_eq!(g.faces, 16);
    let lut = lut_index();
    let colours: std::collections::HashSet<usize> = image
        .pixels()
        .filter_map(|p| lut.get(&p.2).copied())
        .collect();
    assert_eq!(colours.len(), 1, "flat: {colours:?}");
}

#[test]
fn rivals_are_laid_on_the_surface_with_a_ball_at_each_end() {
    use backprop_lab::chart::surface3d::Rival3d;
    use backprop_lab::chart::theme::rival_color;
    use backprop_lab::palette::rival_mark;
    let scene = Scene::laid_on_surface(48, 30);
    let s = scene.surface();
    // Two made-up rivals on this surface: a straight path each, costs taken from the grid's
    // own interpolation so they lie on it.
    let on = |w1: f64, w2: f64| (w1, w2, s.height_at(w1, w2).unwrap());
    let a: Vec<_> = (0..=10).map(|k| on(-4.0 + 0.5 * k as f64, 3.0)).collect();
    let b: Vec<_> = (0..=10).map(|k| on(2.0, 5.0 - 0.8 * k as f64)).collect();
    let (orange, orchid) = (rival_color("momentum", true), rival_color("adam", true));
    let rivals = [
        Rival3d {
            path: &a,
            color: orange,
            mark: rival_mark("momentum"),
        },
        Rival3d {
            path: &b,
            color: orchid,
            mark: rival_mark("adam"),
        },
    ];
    let view = View3d::default();
    let mut px = Vec::new();
    let layout = rasterize_surface3d(&s, &view, SIZE.0, SIZE.1, &mut px);
    let (svg, g) = draw_svg(SIZE, |root| {
        draw_surface3d_overlay(root, &s, &rivals, &layout).expect("overlay")
    });
    assert_eq!(g.rivals.len(), 2);
    for (rival, mark) in rivals.iter().zip(&g.rivals) {
        let &(w1, w2, c) = rival.path.last().unwrap();
        let want = g.to_pixel(w1, w2, c);
        let [bx, by] = mark.ball.expect("ball drawn");
        // Lifted a little above the surface (LIFT), and rounded to whole pixels by plotters.
        assert!(
            (bx - want[0]).abs() <= 2.0 && (by - want[1]).abs() <= 12.0,
            "{:?} vs {want:?}",
            [bx, by]
        );
        assert_eq!(mark.path_segments, 10);
        let color = format!(
            "#{:02X}{:02X}{:02X}",
            rival.color.0, rival.color.1, rival.color.2
        );
        assert!(svg.contains(&format!("stroke=\"{color}\"")), "{color} path");
        assert!(svg.contains(&format!("fill=\"{color}\"")), "{color} ball");
    }
    assert_ne!(g.rivals[0].ball, g.rivals[1].ball);
}
