//! The 3D cost surface rendered to SVG: viridis faces painted back to front, the descent path
//! and the marker where the geometry says, and no panics or broken output on odd input.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::scene3d::{
    FAR_PATH, HUGE_COSTS, Scene, assert_the_marker_moves_with_yaw, costs_with_holes, grid,
    log_view, odd_grids, view, wild_view,
};
use common::svg::{assert_valid_svg, draw_svg, elements, hex, num, stroked, texts, vertices};

use backprop_lab::chart::colormap;
use backprop_lab::chart::surface3d::{
    Geometry3d, MAX_QUADS, PITCH_MAX, PITCH_MIN, Surface3d, View3d, draw_surface3d,
};
use backprop_lab::chart::theme::{DARK, LIGHT, Theme};
use backprop_lab::surface::Grid;
use plotters::prelude::*;
use proptest::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

const SIZE: (u32, u32) = (600, 480);

fn render_sized(s: &Surface3d, view: &View3d, size: (u32, u32)) -> (String, Geometry3d) {
    draw_svg(size, |root| {
        draw_surface3d(root, s, view).expect("draw_surface3d")
    })
}

fn render(s: &Surface3d, view: &View3d) -> (String, Geometry3d) {
    render_sized(s, view, SIZE)
}

/// LUT colour (as SVG writes it) -> LUT index.
fn lut_index() -> HashMap<String, usize> {
    colormap::lut()
        .iter()
        .enumerate()
        .map(|(i, &[r, g, b])| (hex(RGBColor(r, g, b)), i))
        .collect()
}

/// The surface's faces: (LUT index, vertices) of every polygon filled with a viridis colour.
fn faces(svg: &str) -> Vec<(usize, Vec<(f64, f64)>)> {
    let lut = lut_index();
    elements(svg, "polygon")
        .into_iter()
        .filter_map(|p| Some((*lut.get(p.get("fill")?)?, vertices(&p))))
        .collect()
}

/// The descent path: the polyline stroked in white (as on the map, whatever the theme).
fn path_line(svg: &str, _theme: &Theme) -> Option<Vec<(f64, f64)>> {
    stroked(svg, RGBColor(255, 255, 255)).into_iter().next()
}

fn circles(svg: &str) -> Vec<HashMap<String, String>> {
    elements(svg, "circle")
}

fn centroid(points: &[(f64, f64)]) -> (f64, f64) {
    let n = points.len() as f64;
    let (x, y) = points
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.0, y + p.1));
    (x / n, y / n)
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Where a path point should appear: pulled into the box, as the chart does.
fn placed(g: &Geometry3d, (w1, w2, c): (f64, f64, f64)) -> [f64; 2] {
    let clamp = |v: f64, [lo, hi]: [f64; 2]| v.clamp(lo, hi);
    g.to_pixel(
        clamp(w1, g.w1_range),
        clamp(w2, g.w2_range),
        clamp(c, g.cost_range),
    )
}

fn inside(p: [f64; 2], size: (u32, u32)) -> bool {
    (0.0..=f64::from(size.0)).contains(&p[0]) && (0.0..=f64::from(size.1)).contains(&p[1])
}

#[test]
fn a_real_surface_renders_valid_svg_with_labelled_axes() {
    let scene = Scene::new(61, 60);
    let (svg, g) = render(&scene.surface(), &View3d::default());
    assert_valid_svg(&svg);
    let texts = texts(&svg);
    for title in ["w₁", "w₂", "C"] {
        assert!(texts.iter().any(|t| t == title), "no {title} in {texts:?}");
    }
    // A few ticks per axis, not plotters' default ten.
    let numbers = texts.iter().filter(|t| t.parse::<f64>().is_ok()).count();
    assert!(
        (6..=15).contains(&numbers),
        "{numbers} tick labels: {texts:?}"
    );
    // The background is the theme's.
    let bg = hex(LIGHT.background);
    assert!(
        elements(&svg, "rect")
            .iter()
            .any(|r| r.get("fill") == Some(&bg))
    );
    assert_eq!((g.yaw, g.pitch), (0.7, 0.45));
    assert_eq!(g.w1_range, [-8.0, 8.0]);
    assert_eq!(g.w2_range, [-8.0, 8.0]);
    let (lo, hi) = scene.costs.iter().fold((f64::MAX, f64::MIN), |(a, b), &c| {
        (a.min(c.into()), b.max(c.into()))
    });
    assert_eq!(g.cost_range, [lo, hi]);
}

#[test]
fn faces_are_viridis_and_large_grids_are_downsampled() {
    for (resolution, quads) in [(61, MAX_QUADS), (200, MAX_QUADS), (41, 40), (2, 1)] {
        let scene = Scene::new(resolution, 20);
        let (svg, g) = render(&scene.surface(), &View3d::default());
        let drawn = faces(&svg);
        assert_eq!(g.faces, quads * quads, "resolution {resolution}");
        assert_eq!(drawn.len(), g.faces, "resolution {resolution}");
        // Every other polygon is one of the three back panels, in the theme's line colour.
        let line = hex(LIGHT.line);
        let others: Vec<_> = elements(&svg, "polygon")
            .into_iter()
            .filter(|p| !lut_index().contains_key(&p["fill"]))
            .collect();
        assert_eq!(others.len(), 3);
        assert!(others.iter().all(|p| p["fill"] == line));
        // The colours span the scale: the grid's lowest cost is dark, its highest bright.
        let lo = drawn.iter().map(|f| f.0).min().unwrap();
        let hi = drawn.iter().map(|f| f.0).max().unwrap();
        if resolution > 2 {
            assert!(lo < 40 && hi > 200, "resolution {resolution}: {lo}..{hi}");
        }
    }
}

#[test]
fn the_lowest_cost_face_gets_the_darkest_colour() {
    // 41 points per side: one face per grid cell, no downsampling.
    let scene = Scene::new(41, 60);
    for view in [View3d::default(), view(-2.2, 1.2), log_view()] {
        let (svg, g) = render(&scene.surface(), &view);
        let drawn = faces(&svg);
        let n = scene.grid.resolution;
        let (cell_min, _) = (0..n - 1)
            .flat_map(|i| (0..n - 1).map(move |j| (i, j)))
            .map(|(i, j)| {
                let c = |i: usize, j: usize| f64::from(scene.costs[i * n + j]);
                (
                    (i, j),
                    c(i, j) + c(i, j + 1) + c(i + 1, j) + c(i + 1, j + 1),
                )
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        // Where that cell is drawn, and the drawn face nearest there.
        let (i, j) = cell_min;
        let corners = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)].map(|(i, j)| {
            let p = g.to_pixel(
                scene.grid.w1(j),
                scene.grid.w2(i),
                f64::from(scene.costs[i * n + j]),
            );
            (p[0], p[1])
        });
        let want = centroid(&corners);
        let (index, _) = drawn
            .iter()
            .min_by(|a, b| dist(centroid(&a.1), want).total_cmp(&dist(centroid(&b.1), want)))
            .unwrap();
        let darkest = drawn.iter().map(|f| f.0).min().unwrap();
        assert_eq!(*index, darkest, "{view:?}");
        assert!(
            darkest <= 8,
            "{view:?}: darkest face has LUT index {darkest}"
        );
    }
}

#[test]
fn the_path_has_a_vertex_per_point_a_pixel_apart_and_starts_at_a_ring() {
    let scene = Scene::new(61, 80);
    assert!(scene.path.len() > 50);
    for (theme, dark) in [(LIGHT, false), (DARK, true)] {
        let view = View3d {
            dark,
            ..View3d::default()
        };
        let (svg, g) = render(&scene.surface(), &view);
        let line = path_line(&svg, &theme).expect("path polyline");
        assert_eq!(g.path_points, scene.path.len());
        // Points within half a pixel of the last vertex are left out; the ends never are.
        assert!(line.len() >= 2 && line.len() <= scene.path.len());
        // Each vertex near where the geometry puts one of the points, in order (lifted a
        // little above it), from the first point to the last.
        let mut k = 0;
        for &px in &line {
            while k < scene.path.len() && {
                let [x, y] = placed(&g, scene.path[k]);
                dist(px, (x, y)) >= 6.0
            } {
                k += 1;
            }
            assert!(k < scene.path.len(), "vertex {px:?} is not on the path");
        }
        let [x, y] = placed(&g, scene.path[scene.path.len() - 1]);
        assert!(
            dist(line[line.len() - 1], (x, y)) < 6.0,
            "the path ends where the run is"
        );
        // The start: a hollow white ring around the first vertex.
        let stroke = hex(RGBColor(255, 255, 255));
        let ring = circles(&svg)
            .into_iter()
            .find(|c| c.get("stroke") == Some(&stroke))
            .expect("start ring");
        assert_eq!(ring["fill"], "none");
        assert!(dist((num(&ring, "cx"), num(&ring, "cy")), line[0]) <= 1.0);
    }
}

#[test]
fn the_marker_is_where_the_geometry_says_and_moves_with_yaw() {
    let scene = Scene::new(61, 60);
    assert_the_marker_moves_with_yaw(|yaw, view| {
        let (svg, g) = render(&scene.surface(), view);
        let m = g.marker_px.expect("marker drawn");
        assert!(inside(m, SIZE), "yaw {yaw}: marker at {m:?}");
        // A white dot, centred on the reported pixel.
        let white = circles(&svg)
            .into_iter()
            .find(|c| c.get("fill").map(String::as_str) == Some("#FFFFFF"))
            .expect("white marker");
        assert_eq!([num(&white, "cx"), num(&white, "cy")], m);
        let (w1, w2, c) = scene.current;
        let [x, y] = g.to_pixel(w1, w2, c);
        assert!(
            dist((x, y), (m[0], m[1])) < 6.0,
            "yaw {yaw}: {m:?} vs {:?}",
            (x, y)
        );
        m
    });
}

#[test]
fn everything_is_inside_the_canvas() {
    let scene = Scene::new(61, 60);
    for yaw in [-3.0, -1.5, 0.0, 0.7, 2.4] {
        for pitch in [PITCH_MIN, 0.45, 1.0, PITCH_MAX] {
            for size in [SIZE, (300, 200), (200, 400)] {
                let view = view(yaw, pitch);
                let (svg, g) = render_sized(&scene.surface(), &view, size);
                for w1 in g.w1_range {
                    for w2 in g.w2_range {
                        for c in g.cost_range {
                            let p = g.to_pixel(w1, w2, c);
                            assert!(inside(p, size), "{view:?} {size:?}: corner at {p:?}");
                        }
                    }
                }
                for p in elements(&svg, "polygon") {
                    for v in vertices(&p) {
                        assert!(inside([v.0, v.1], size), "{view:?} {size:?}: vertex {v:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn different_angles_draw_different_pictures_and_angles_are_normalised() {
    let scene = Scene::new(41, 30);
    let s = scene.surface();
    let at = |yaw: f64, pitch: f64| render(&s, &view(yaw, pitch));
    let (base, g) = at(0.7, 0.45);
    assert_ne!(base, at(1.2, 0.45).0, "yaw changes nothing");
    assert_ne!(base, at(0.7, 0.9).0, "pitch changes nothing");
    // Yaw wraps around; pitch stops at its limits; non-finite angles fall back to the defaults.
    let (wrapped, gw) = at(0.7 + 4.0 * std::f64::consts::PI, 0.45);
    assert!((gw.yaw - 0.7).abs() < 1e-9);
    assert_eq!(g.marker_px, gw.marker_px);
    assert_eq!(faces(&base).len(), faces(&wrapped).len());
    let (_, high) = at(0.7, 40.0);
    assert_eq!(high.pitch, PITCH_MAX);
    let (_, low) = at(0.7, -3.0);
    assert_eq!(low.pitch, PITCH_MIN);
    let (fallback, gf) = at(f64::NAN, f64::INFINITY);
    assert_eq!((gf.yaw, gf.pitch), (g.yaw, g.pitch));
    assert_eq!(fallback, base);
    let (_, gy) = at(-4.0, 0.45);
    assert!(gy.yaw > -std::f64::consts::PI && gy.yaw <= std::f64::consts::PI);
}

#[test]
fn log_colouring_changes_colours_not_heights() {
    let scene = Scene::new(41, 60);
    let (lin, g_lin) = render(&scene.surface(), &View3d::default());
    let (log, g_log) = render(&scene.surface(), &log_view());
    assert_eq!(g_lin, g_log);
    let (f_lin, f_log) = (faces(&lin), faces(&log));
    assert_eq!(f_lin.len(), f_log.len());
    // Same shapes; the log scale brightens the low faces.
    let mean =
        |f: &[(usize, Vec<(f64, f64)>)]| f.iter().map(|x| x.0 as f64).sum::<f64>() / f.len() as f64;
    assert!(mean(&f_log) > mean(&f_lin) + 10.0);
}

#[test]
fn height_at_interpolates_the_grid() {
    let scene = Scene::new(21, 10);
    let s = scene.surface();
    let g = scene.grid;
    let n = g.resolution;
    for (i, j) in [(0, 0), (3, 7), (20, 20), (20, 0), (11, 5)] {
        let want = f64::from(scene.costs[i * n + j]);
        let got = s.height_at(g.w1(j), g.w2(i)).unwrap();
        assert!((got - want).abs() < 1e-9, "({i}, {j}): {got} vs {want}");
    }
    // Halfway between two grid points: their mean.
    let half = s.height_at((g.w1(4) + g.w1(5)) / 2.0, g.w2(2)).unwrap();
    let want = (f64::from(scene.costs[2 * n + 4]) + f64::from(scene.costs[2 * n + 5])) / 2.0;
    assert!((half - want).abs() < 1e-9);
    assert_eq!(s.height_at(g.w1_max + 0.1, 0.0), None);
    assert_eq!(s.height_at(0.0, f64::NAN), None);
}

#[test]
fn degenerate_inputs_give_valid_svg() {
    let g2 = grid(2);
    let flat = vec![0.3f32; 25];
    let holes = costs_with_holes();
    let all_nan = vec![f32::NAN; 9];
    // The far path, and a point off the grid's corner at a negative cost too.
    let far_path = [&FAR_PATH[..3], &[(-50.0, 50.0, -3.0)], &FAR_PATH[3..]].concat();
    let no_w1_min = Grid {
        w1_min: f64::NEG_INFINITY,
        ..grid(5)
    };
    let case = |grid, costs, path, current| Surface3d {
        grid,
        costs,
        path,
        current,
    };
    let mut cases = vec![
        case(g2, &[0.1, 0.5, 0.9, 0.2], &far_path, (0.0, 0.0, 0.5)),
        case(grid(5), &flat, &far_path, (100.0, -100.0, 0.3)),
        case(grid(30), &holes, &far_path, (f64::NAN, 0.0, 0.0)),
        case(grid(3), &all_nan, &[], (0.0, 0.0, f64::NAN)),
        case(grid(40), &[], &[], (0.0, 0.0, 0.0)),
        case(grid(5), &HUGE_COSTS, &far_path, (0.0, 0.0, 1e30)),
    ];
    for g in odd_grids().into_iter().chain([no_w1_min]) {
        cases.push(case(g, &flat, &far_path, (0.0, 0.0, 0.3)));
    }
    let views = [
        View3d::default(),
        wild_view(),
        View3d {
            yaw: f64::NEG_INFINITY,
            pitch: f64::NAN,
            dark: false,
            log_color: true,
            pixel_ratio: 100.0,
        },
        view(0.0, 0.0),
    ];
    for s in cases {
        let grid = s.grid;
        for view in &views {
            for size in [SIZE, (40, 30), (1, 1)] {
                let (svg, g) = render_sized(&s, view, size);
                assert_valid_svg(&svg);
                assert!(
                    g.cost_range[0] < g.cost_range[1],
                    "{grid:?}: {:?}",
                    g.cost_range
                );
                assert!(g.w1_range[0] < g.w1_range[1] && g.w2_range[0] < g.w2_range[1]);
                assert!(g.projection.iter().flatten().all(|v| v.is_finite()));
                if let Some(m) = g.marker_px {
                    assert!(m[0].is_finite() && m[1].is_finite());
                }
            }
        }
    }
}

#[test]
fn flat_costs_get_height_and_points_off_the_grid_are_pulled_onto_it() {
    let flat = vec![0.3f32; 16];
    let path = [(-100.0, 0.0, 0.3), (0.0, 0.0, 0.3), (100.0, 100.0, 0.3)];
    let s = Surface3d {
        grid: grid(4),
        costs: &flat,
        path: &path,
        current: (100.0, 100.0, 0.3),
    };
    let (svg, g) = render(&s, &View3d::default());
    assert!(g.cost_range[0] < 0.3 && g.cost_range[1] > 0.3);
    assert_eq!(g.faces, 9);
    // Flat: every face the same colour.
    let drawn = faces(&svg);
    assert!(drawn.iter().all(|f| f.0 == drawn[0].0));
    let line = path_line(&svg, &LIGHT).unwrap();
    assert_eq!(line.len(), 3);
    let on_edge = g.to_pixel(-8.0, 0.0, 0.3);
    assert!(dist(line[0], (on_edge[0], on_edge[1])) < 6.0);
    let corner = g.to_pixel(8.0, 8.0, 0.3);
    let m = g.marker_px.unwrap();
    assert!(dist((m[0], m[1]), (corner[0], corner[1])) < 6.0);
    // Non-finite points are skipped, not drawn at 0.
    let broken = [
        (0.0, 0.0, 0.3),
        (f64::NAN, 1.0, 0.3),
        (1.0, 1.0, f64::INFINITY),
        (2.0, 2.0, 0.3),
    ];
    let s = Surface3d {
        path: &broken,
        current: (f64::NAN, 0.0, 0.3),
        ..s
    };
    let (svg, g) = render(&s, &View3d::default());
    assert_eq!(g.path_points, 2);
    assert_eq!(path_line(&svg, &LIGHT).unwrap().len(), 2);
    assert_eq!(g.marker_px, None);
    assert!(
        !circles(&svg)
            .iter()
            .any(|c| c.get("fill").map(String::as_str) == Some("#FFFFFF"))
    );
}

#[test]
fn pixel_ratio_scales_the_picture() {
    let scene = Scene::new(41, 40);
    let (_, g1) = render_sized(&scene.surface(), &View3d::default(), SIZE);
    let view2 = View3d {
        pixel_ratio: 2.0,
        ..View3d::default()
    };
    let (svg2, g2) = render_sized(&scene.surface(), &view2, (SIZE.0 * 2, SIZE.1 * 2));
    let (m1, m2) = (g1.marker_px.unwrap(), g2.marker_px.unwrap());
    assert!((m2[0] - 2.0 * m1[0]).abs() <= 3.0 && (m2[1] - 2.0 * m1[1]).abs() <= 3.0);
    let sizes: Vec<String> = elements(&svg2, "text")
        .into_iter()
        .filter_map(|t| t.get("font-size").cloned())
        .collect();
    assert!(!sizes.is_empty());
}

#[test]
fn one_draw_is_quick_and_writes_svgs_for_eyeballing() {
    let dir = common::charts_dir();
    let scene = Scene::new(101, 120);
    // b1 and b2 moved during the run, so the recorded costs belong to other surfaces: for the
    // picture, lay the path on the one drawn.
    let on = scene.surface();
    let drape = |(w1, w2, _): (f64, f64, f64)| (w1, w2, on.height_at(w1, w2).unwrap_or(f64::NAN));
    let path: Vec<_> = scene.path.iter().map(|&p| drape(p)).collect();
    let s = Surface3d {
        path: &path,
        current: drape(scene.current),
        ..on
    };
    let t = Instant::now();
    let rounds = 5;
    for _ in 0..rounds {
        render(&s, &View3d::default());
    }
    let each = t.elapsed() / rounds;
    eprintln!("one 3D surface draw to SVG (101x101 grid, 48x48 quads): {each:?}");
    assert!(each.as_secs_f64() < 2.0, "{each:?}");
    let dark = View3d {
        dark: true,
        ..View3d::default()
    };
    let log = View3d {
        log_color: true,
        ..view(-0.5, 0.7)
    };
    let views = [
        ("surface3d.svg", View3d::default()),
        ("surface3d-dark.svg", dark),
        ("surface3d-log.svg", log),
        ("surface3d-side.svg", view(2.4, 0.15)),
    ];
    for (name, view) in views {
        let (svg, _) = render(&s, &view);
        std::fs::write(dir.join(name), svg).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// Any angles, any path, any costs: no panic, valid SVG, a path line if two points are finite.
    #[test]
    fn never_panics(
        yaw in any::<f64>(),
        pitch in any::<f64>(),
        dark in any::<bool>(),
        log_color in any::<bool>(),
        resolution in 0usize..12,
        costs in prop::collection::vec(any::<f32>(), 0..150),
        path in prop::collection::vec((any::<f64>(), any::<f64>(), any::<f64>()), 0..20),
        current in (any::<f64>(), any::<f64>(), any::<f64>()),
    ) {
        let s = Surface3d { grid: grid(resolution), costs: &costs, path: &path, current };
        let view = View3d { yaw, pitch, dark, log_color, pixel_ratio: 1.0 };
        let (svg, g) = render(&s, &view);
        assert_valid_svg(&svg);
        let finite = path
            .iter()
            .filter(|p| p.0.is_finite() && p.1.is_finite() && p.2.is_finite())
            .count();
        prop_assert_eq!(g.path_points, finite);
        let theme = if dark { DARK } else { LIGHT };
        let drawn = path_line(&svg, &theme).map_or(0, |l| l.len());
        // Points within half a pixel of the last vertex are left out; the ends never are.
        prop_assert!(drawn <= finite);
        prop_assert_eq!(drawn >= 2, finite >= 2);
    }
}
