//! The cost map, natively: contours sit on their levels, the heatmap fill covers the grid, and
//! the chart and its overlay render to SVG through plotters' SVG backend with the geometry the
//! page relies on.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use backprop_lab::Model;
use backprop_lab::chart::colormap;
use backprop_lab::chart::map::{
    ARROW_MIN_CSS, MapGeometry, MapStyle, Overlay, draw_map, draw_overlay,
};
use backprop_lab::palette::{Mark, rival_mark};
use backprop_lab::surface::{Grid, bilinear, contours, cost_surface, fill_rgba};
use backprop_lab::train::{OnTrouble, Settings, Trainer};
use backprop_lab::{Cost, Params, Sample};
use common::svg::draw_svg;
use plotters::prelude::*;

const SIZE: (u32, u32) = (520, 460);

fn grid(n: usize) -> Grid {
    Grid {
        w1_min: -8.0,
        w1_max: 8.0,
        w2_min: -6.0,
        w2_max: 10.0,
        resolution: n,
    }
}

fn samples() -> Vec<Sample> {
    vec![
        Sample { x: 0.2, y: 0.1 },
        Sample { x: 0.7, y: 0.9 },
        Sample { x: 0.5, y: 0.4 },
    ]
}

/// A run from the corner (w1, w2) = (-3, 2) over the samples, by squared error.
fn trainer(learning_rate: f64) -> Trainer {
    let settings = Settings {
        samples: samples(),
        cost: Cost::Squared,
        learning_rate,
        chosen: 0,
        weight_range: 8.0,
        optimizer: Default::default(),
        hidden: Default::default(),
        output: Default::default(),
    };
    Trainer::new(Params::from_array([-3.0, -0.5, 2.0, 0.5]), settings)
}

fn costs(g: &Grid, cost: Cost) -> Vec<f32> {
    let mut out = vec![0.0f32; g.resolution * g.resolution];
    cost_surface(-0.5, 0.5, &samples(), cost, g, &mut out);
    out
}

/// The costs over `g`, the levels that cut their range into `parts` equal parts, and that
/// range: (costs, levels, lowest, highest).
fn costs_and_levels(g: &Grid, cost: Cost, parts: i32) -> (Vec<f32>, Vec<f64>, f64, f64) {
    let values = costs(g, cost);
    let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(a, b), &v| {
        (a.min(v as f64), b.max(v as f64))
    });
    let levels = (1..parts)
        .map(|k| lo + (hi - lo) * k as f64 / parts as f64)
        .collect();
    (values, levels, lo, hi)
}

#[test]
fn contour_points_lie_on_their_levels() {
    let g = grid(40);
    for cost in Cost::ALL {
        let (values, levels, lo, hi) = costs_and_levels(&g, cost, 8);
        let segs = contours(&values, &g, &levels);
        assert!(segs.len() > 50, "{cost:?}: {} segments", segs.len());
        let step1 = (g.w1_max - g.w1_min) / (g.resolution - 1) as f64;
        let step2 = (g.w2_max - g.w2_min) / (g.resolution - 1) as f64;
        for (k, seg) in &segs {
            for &(w1, w2) in seg {
                // On a cell edge the bilinear surface is the linear interpolation used.
                let v = bilinear(
                    &values,
                    g.resolution,
                    (w2 - g.w2_min) / step2,
                    (w1 - g.w1_min) / step1,
                );
                assert!(
                    (v - levels[*k]).abs() <= 1e-6 * (hi - lo),
                    "level {} got {v}",
                    levels[*k]
                );
            }
        }
    }
}

#[test]
fn joined_contour_lines_use_every_segment_once_and_connect_end_to_end() {
    let g = grid(48);
    for cost in Cost::ALL {
        let (values, levels, _, _) = costs_and_levels(&g, cost, 10);
        let lines = backprop_lab::surface::contour_lines(&values, &g, &levels);
        let segments = contours(&values, &g, &levels);
        let points: usize = lines.iter().map(|(_, p)| p.len() - 1).sum();
        assert_eq!(
            points,
            segments.len(),
            "{cost:?}: every segment appears once in a line"
        );
        assert!(
            lines.len() * 10 < segments.len(),
            "{cost:?}: {} lines for {} segments",
            lines.len(),
            segments.len()
        );
        // Consecutive points of a line are a grid cell apart at most.
        let cell = (g.w1_max - g.w1_min) / (g.resolution - 1) as f64 * 1.5;
        for (_, p) in &lines {
            assert!(
                p.windows(2)
                    .all(|w| (w[0].0 - w[1].0).hypot(w[0].1 - w[1].1) <= cell)
            );
        }
    }
}

#[test]
fn the_fill_puts_low_costs_in_dark_pixels_with_the_top_row_at_w2_max() {
    let g = grid(24);
    let values = costs(&g, Cost::Squared);
    let scale = colormap::Scale::covering(values.iter().map(|&v| v as f64), false);
    let (w, h) = (60, 50);
    let mut rgba = vec![0u8; w * h * 4];
    fill_rgba(&values, g.resolution, w, h, &mut rgba, |c| {
        colormap::lut()[colormap::index(scale.t(c))]
    });
    assert!(rgba.chunks_exact(4).all(|p| p[3] == 255));
    // The image's top-left pixel shows the grid's top-left corner: w1_min, w2_max.
    let n = g.resolution;
    let top_left = values[(n - 1) * n] as f64;
    let want = colormap::lut()[colormap::index(scale.t(top_left))];
    let got = &rgba[0..3];
    let near = |a: u8, b: u8| (a as i32 - b as i32).abs() <= 6;
    assert!(
        near(got[0], want[0]) && near(got[1], want[1]) && near(got[2], want[2]),
        "{got:?} vs {want:?}"
    );
}

/// The map of the costs by squared error over a 16 x 16 grid, as drawn: what the overlays are
/// drawn over.
fn map_geometry() -> MapGeometry {
    let g = grid(16);
    render(&g, &costs(&g, Cost::Squared), &MapStyle::default()).1
}

fn render(g: &Grid, values: &[f32], style: &MapStyle) -> (String, MapGeometry) {
    draw_svg(SIZE, |root| {
        let n = g.resolution;
        let root2 = root.clone();
        draw_map(root, g, values, style, |geo| {
            // Coarse rectangles in SVG; the page uses one putImageData instead.
            let scale = geo.scale();
            for i in 0..n {
                for j in 0..n {
                    let (x0, y0) = geo.to_pixel(g.w1(j), g.w2(i));
                    let c = colormap::color(scale.t(values[i * n + j] as f64));
                    root2.draw(&Rectangle::new(
                        [(x0 as i32, y0 as i32), (x0 as i32 + 3, y0 as i32 - 3)],
                        c.filled(),
                    ))?;
                }
            }
            Ok(())
        })
        .unwrap()
    })
}

#[test]
fn the_map_renders_to_svg_with_axes_legend_and_contours() {
    let g = grid(32);
    for (cost, log) in [(Cost::Squared, false), (Cost::CrossEntropy, true)] {
        let values = costs(&g, cost);
        let (svg, geo) = render(
            &g,
            &values,
            &MapStyle {
                log_color: log,
                ..MapStyle::default()
            },
        );
        let name = format!("map-{}.svg", cost.name());
        std::fs::write(common::charts_dir().join(name), &svg).unwrap();
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(
            svg.contains("w₁") && svg.contains("w₂"),
            "axis descriptions"
        );
        assert!(
            svg.contains(if log { "C (log)" } else { "\nC\n" }),
            "legend title"
        );
        assert!(
            svg.matches("stroke=\"#FFFFFF\"").count() >= 5,
            "contour lines"
        );
        // Geometry: inside the canvas, inverse mappings agree, corners map to the range.
        assert!(
            geo.plot.left > 0.0
                && geo.plot.right < 520.0
                && geo.plot.top > 0.0
                && geo.plot.bottom < 460.0
        );
        let (x, y) = geo.to_pixel(1.5, -2.0);
        let (w1, w2) = geo.to_weights(x, y);
        assert!((w1 - 1.5).abs() < 1e-12 && (w2 + 2.0).abs() < 1e-12);
        assert_eq!(
            geo.to_pixel(g.w1_min, g.w2_max),
            (geo.plot.left, geo.plot.top)
        );
    }
}

#[test]
fn the_overlay_marks_the_path_the_step_and_the_current_weights() {
    let geo = map_geometry();
    let mut t = trainer(4.0);
    t.advance(12, OnTrouble::Pause);
    let (path, settings) = (t.path(), t.settings());
    let p = t.params();
    let step = Model::from(settings.cost).mean_gradient(&p, &settings.samples);
    let next = backprop_lab::update(&p, &step, settings.learning_rate);
    // A step long enough to see (the real one here is a few pixels): the arrow is to scale.
    let next = backprop_lab::Params {
        w1: next.w1 + 2.0,
        w2: next.w2 - 1.5,
        ..next
    };
    let overlay = Overlay {
        path: &path,
        current: (p.w1, p.w2),
        next: (next.w1, next.w2),
    };
    let (svg, o) = draw_svg(SIZE, |root| {
        draw_overlay(root, &geo, &overlay, &MapStyle::default()).unwrap()
    });
    assert_eq!(o.path_segments, 12);
    let (mx, my) = geo.to_pixel(p.w1, p.w2);
    assert_eq!(o.marker, [mx, my]);
    let (sx, sy) = geo.to_pixel(-3.0, 2.0);
    assert_eq!(o.start, Some([sx, sy]));
    let (ax, ay) = geo.to_pixel(next.w1, next.w2);
    assert_eq!(o.arrow_end, [ax, ay]);
    assert_eq!(o.arrow_tip, Some([ax, ay]), "a long step is drawn to scale");
    assert!(svg.contains("<circle"), "markers drawn");
    assert!(svg.contains("<polygon"), "arrow head drawn");

    // A step of a fraction of a pixel is drawn ARROW_MIN_CSS long, in its own direction.
    let tiny = (p.w1 + 1e-4, p.w2 - 2e-4);
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
    let overlay = Overlay {
        next: tiny,
        ..overlay
    };
    let o = draw_overlay(&root, &geo, &overlay, &MapStyle::default()).unwrap();
    let (ex, ey) = geo.to_pixel(tiny.0, tiny.1);
    let tip = o.arrow_tip.expect("a tiny step still gets an arrow");
    let (dx, dy) = (tip[0] - mx, tip[1] - my);
    assert!((dx.hypot(dy) - ARROW_MIN_CSS).abs() < 1e-9);
    let (sx, sy) = (ex - mx, ey - my);
    assert!(
        (dx * sy - dy * sx).abs() < 1e-9 && dx * sx + dy * sy > 0.0,
        "same direction"
    );
    // No step, no arrow.
    let still = Overlay {
        next: (p.w1, p.w2),
        ..overlay
    };
    assert_eq!(
        draw_overlay(&root, &geo, &still, &MapStyle::default())
            .unwrap()
            .arrow_tip,
        None
    );
}

#[test]
fn a_fixed_colour_scale_is_kept_whatever_the_costs() {
    let g = grid(16);
    let values = costs(&g, Cost::Squared);
    let (_, own) = render(&g, &values, &MapStyle::default());
    let fixed = MapStyle {
        fixed_scale: Some([0.05, 0.9]),
        ..MapStyle::default()
    };
    let (_, geo) = render(&g, &values, &fixed);
    assert_eq!((geo.cost_min, geo.cost_max), (0.05, 0.9));
    assert_ne!((own.cost_min, own.cost_max), (0.05, 0.9));
    // A nonsense range falls back to the grid's own.
    let bad = MapStyle {
        fixed_scale: Some([1.0, f64::NAN]),
        ..MapStyle::default()
    };
    let (_, geo) = render(&g, &values, &bad);
    assert_eq!((geo.cost_min, geo.cost_max), (own.cost_min, own.cost_max));
}

#[test]
fn a_race_draws_every_rival_path_ending_in_its_own_mark_at_its_own_weights() {
    use backprop_lab::chart::Rival;
    use backprop_lab::chart::map::draw_race_overlay;
    use backprop_lab::chart::theme::rival_color;
    use backprop_lab::optim::Optimizer;
    use backprop_lab::race::Race;
    let geo = map_geometry();
    let mut lead = trainer(0.2);
    let mut race = Race::default();
    // Each with its usual hyper-parameters.
    let kinds = ["momentum", "rmsprop", "adam"].map(|k| Optimizer::named(k).unwrap());
    race.set(&kinds, &lead);
    lead.advance(20, OnTrouble::Pause);
    race.follow(&lead);
    let lead_path = lead.path();
    let paths: Vec<_> = race.rivals().iter().map(Trainer::path).collect();
    let rivals: Vec<Rival> = race
        .rivals()
        .iter()
        .zip(&paths)
        .map(|(r, path)| Rival::of(path, r.settings().optimizer.name(), true))
        .collect();
    let p = lead.params();
    let overlay = Overlay {
        path: &lead_path,
        current: (p.w1, p.w2),
        next: (p.w1, p.w2),
    };
    let (svg, o) = draw_svg(SIZE, |root| {
        draw_race_overlay(root, &geo, &overlay, &rivals, &MapStyle::default()).unwrap()
    });
    assert_eq!(o.rivals.len(), 3);
    let lines = common::svg::elements(&svg, "polyline");
    let circles = common::svg::elements(&svg, "circle");
    for (rival, mark) in race.rivals().iter().zip(&o.rivals) {
        let q = rival.params();
        let (bx, by) = geo.to_pixel(q.w1, q.w2);
        // Every rival moved somewhere else than the lead, and is drawn where it is.
        assert_ne!(q, p);
        assert_eq!(
            mark.ball,
            Some([bx, by]),
            "{:?}",
            rival.settings().optimizer
        );
        assert_eq!(mark.path_segments, 20);
        let color = common::svg::hex(rival_color(rival.settings().optimizer.name(), true));
        let line = lines
            .iter()
            .find(|l| l.get("stroke") == Some(&color))
            .unwrap_or_else(|| panic!("a {color} path"));
        let last = *common::svg::vertices(line).last().unwrap();
        assert!(
            (last.0 - bx).abs() <= 0.5 && (last.1 - by).abs() <= 0.5,
            "the path ends at the ball"
        );
        // Its mark, in its own shape and colour, centred where it is: a square (momentum),
        // a diamond (RMSProp), a plus of two bars (Adam).
        let filled = |tag: &str| -> Vec<_> {
            common::svg::elements(&svg, tag)
                .into_iter()
                .filter(|e| e.get("fill") == Some(&color))
                .collect()
        };
        let centre_of_rect = |r: &std::collections::HashMap<String, String>| {
            let n = |k: &str| common::svg::num(r, k);
            (n("x") + n("width") / 2.0, n("y") + n("height") / 2.0)
        };
        let near = |c: (f64, f64)| (c.0 - bx).abs() <= 1.0 && (c.1 - by).abs() <= 1.0;
        match rival_mark(rival.settings().optimizer.name()) {
            Mark::Square => {
                let rects = filled("rect");
                assert_eq!(rects.len(), 1, "one {color} square");
                assert!(near(centre_of_rect(&rects[0])));
            }
            Mark::Plus => {
                let rects = filled("rect");
                assert_eq!(rects.len(), 2, "a {color} plus: two bars");
                assert!(rects.iter().all(|r| near(centre_of_rect(r))));
            }
            Mark::Diamond => {
                let polygons = filled("polygon");
                assert_eq!(polygons.len(), 1, "one {color} diamond");
                let v = common::svg::vertices(&polygons[0]);
                assert_eq!(v.len(), 4);
                let mid = (
                    v.iter().map(|p| p.0).sum::<f64>() / 4.0,
                    v.iter().map(|p| p.1).sum::<f64>() / 4.0,
                );
                assert!(near(mid));
            }
            other => panic!("this race has no {other:?}"),
        }
        assert!(
            circles.iter().all(|c| c.get("fill") != Some(&color)),
            "a shape, not a coloured ball like the others"
        );
    }
    // The rivals go under the lead: the lead's white path is drawn after every rival's.
    let white = svg.rfind("stroke=\"#FFFFFF\"").unwrap();
    for kind in ["momentum", "rmsprop", "adam"] {
        let mark_color =
            backprop_lab::palette::hex(backprop_lab::palette::rival_rgb(kind, true)).to_uppercase();
        assert!(
            svg.find(&mark_color).unwrap() < white,
            "{mark_color} under the lead"
        );
    }
}

#[test]
fn the_page_heatmap_is_one_pixel_per_grid_point_with_w2_max_on_top() {
    use backprop_lab::chart::colormap::{Scale, index, lut};
    let n = 3;
    // costs[i * n + j] at (w1(j), w2(i)): row i = 0 is w2_min, so it is the image's last row.
    let costs: Vec<f32> = (0..n * n).map(|k| k as f32).collect();
    let scale = Scale {
        min: 0.0,
        max: 8.0,
        log: false,
    };
    let mut rgba = vec![7u8; 5];
    backprop_lab::chart::map::grid_image(&costs, n, &scale, &mut rgba);
    assert_eq!(rgba.len(), n * n * 4);
    let pixel = |row: usize, col: usize| &rgba[(row * n + col) * 4..][..4];
    for i in 0..n {
        for j in 0..n {
            let [r, g, b] = lut()[index(scale.t(costs[i * n + j] as f64))];
            assert_eq!(pixel(n - 1 - i, j), [r, g, b, 255]);
        }
    }
    assert_ne!(
        pixel(0, 0),
        pixel(n - 1, 0),
        "the top row is not the bottom row"
    );
}
