//! The loss chart rendered to SVG: labels, one vertex per point, geometry that matches what is
//! drawn, and no panics or broken output on degenerate input.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::plot::{assert_box_doubles, assert_plot_sane, assert_x_at_undoes_to_pixel};
use common::svg::{
    assert_background, assert_valid_svg, close_to, dots, draw_svg, elements, hex, num, stroked,
    texts, vertices,
};

use backprop_lab::Params;
use backprop_lab::chart::loss::{LossGeometry, LossStyle, draw_loss, loss_points, nearest};
use backprop_lab::chart::theme::{DARK, LIGHT, Theme};
use backprop_lab::train::{OnTrouble, Trainer};
use plotters::prelude::*;
use proptest::prelude::*;

const SIZE: (u32, u32) = (480, 180);
const LIGHT_LIN: LossStyle = LossStyle {
    dark: false,
    log_y: false,
    pixel_ratio: 1.0,
};
const LIGHT_LOG: LossStyle = LossStyle {
    dark: false,
    log_y: true,
    pixel_ratio: 1.0,
};
const DARK_LOG: LossStyle = LossStyle {
    dark: true,
    log_y: true,
    pixel_ratio: 1.0,
};

fn render_sized(
    points: &[(f64, f64)],
    highlight: Option<(f64, f64)>,
    style: &LossStyle,
    size: (u32, u32),
) -> (String, LossGeometry) {
    draw_svg(size, |root| {
        draw_loss(root, points, &[], highlight, style).expect("draw_loss")
    })
}

fn render(
    points: &[(f64, f64)],
    highlight: Option<(f64, f64)>,
    style: &LossStyle,
) -> (String, LossGeometry) {
    render_sized(points, highlight, style, SIZE)
}

/// A typical run: cost falling from ~0.7 towards 0.
fn falling(n: usize, every: f64) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let x = i as f64 * every;
            (x, 0.05 + 0.65 * (-(i as f64) / (n as f64 / 4.0)).exp())
        })
        .collect()
}

/// The curve: the (first) polyline stroked in the forward colour.
fn curve(svg: &str, theme: &Theme) -> Option<Vec<(f64, f64)>> {
    stroked(svg, theme.forward).into_iter().next()
}

fn assert_sane(g: &LossGeometry, size: (u32, u32)) {
    assert_plot_sane(g, size);
    if g.log_y {
        assert!(g.ranges.y_min > 0.0, "log axis needs y_min > 0: {g:?}");
    }
}

#[test]
fn axes_are_labelled_in_the_theme_colours() {
    for (style, theme) in [(LIGHT_LIN, LIGHT), (DARK_LOG, DARK)] {
        let (svg, _) = render(&falling(101, 1.0), None, &style);
        assert_valid_svg(&svg);
        let t = texts(&svg);
        assert!(t.iter().any(|s| s == "iteration"), "{t:?}");
        assert!(t.iter().any(|s| s == "mean cost"), "{t:?}");
        // Iterations 0..100: ticks every 20.
        for label in ["0", "20", "40", "60", "80", "100"] {
            assert!(
                t.iter().any(|s| s == label),
                "missing x label {label}: {t:?}"
            );
        }
        assert!(svg.contains(r#"font-family="sans-serif""#));
        let text_fill = format!(r#"fill="{}""#, hex(theme.text));
        assert!(svg.contains(&text_fill), "text not in {text_fill}");
        assert_background(&svg, theme.background, SIZE);
    }
}

#[test]
fn linear_cost_labels_are_compact_and_start_at_zero() {
    let (svg, g) = render(&falling(101, 1.0), None, &LIGHT_LIN);
    let t = texts(&svg);
    // Costs 0.05..0.7 with headroom: 0 to 0.8 in steps of 0.2.
    for label in ["0.2", "0.4", "0.6", "0.8"] {
        assert!(
            t.iter().any(|s| s == label),
            "missing y label {label}: {t:?}"
        );
    }
    assert_eq!((g.ranges.y_min, g.ranges.y_max), (0.0, 0.8));
    assert!(!g.log_y);
}

#[test]
fn the_curve_has_a_vertex_per_point_a_pixel_apart() {
    for n in [1, 2, 50, 4096] {
        for (style, theme) in [(LIGHT_LIN, LIGHT), (DARK_LOG, DARK)] {
            let points = falling(n, 3.0);
            let (svg, _) = render(&points, None, &style);
            let drawn = curve(&svg, &theme).expect("curve polyline");
            if n <= 50 {
                // Several pixels apart: every point is a vertex.
                assert_eq!(drawn.len(), n, "n = {n}, log = {}", style.log_y);
            } else {
                // 4096 points on ~430 pixels: those within half a pixel of the last vertex
                // are left out, and the line looks the same.
                assert!(
                    drawn.len() < n / 2 && drawn.len() > 100,
                    "{} vertices",
                    drawn.len()
                );
                assert!(
                    drawn
                        .windows(2)
                        .rev()
                        .skip(1)
                        .all(|w| { (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1) >= 0.5 - 1e-9 })
                );
            }
            // Left to right, as the iterations go.
            assert!(drawn.windows(2).all(|w| w[0].0 <= w[1].0));
        }
    }
}

#[test]
fn geometry_is_inside_the_canvas_and_covers_the_data() {
    for style in [LIGHT_LIN, LIGHT_LOG] {
        let points = falling(300, 7.0);
        let (_, g) = render(&points, None, &style);
        assert_sane(&g, SIZE);
        assert_eq!(g.ranges.x_min, 0.0);
        assert_eq!(g.ranges.x_max, 299.0 * 7.0);
        for &(_, c) in &points {
            assert!(
                g.ranges.y_min <= c && c <= g.ranges.y_max,
                "{c} outside {g:?}"
            );
        }
        assert_eq!(g.log_y, style.log_y);
        // The plot takes most of the canvas.
        assert!(
            g.plot.right - g.plot.left > 0.7 * f64::from(SIZE.0),
            "{g:?}"
        );
        assert!(
            g.plot.bottom - g.plot.top > 0.6 * f64::from(SIZE.1),
            "{g:?}"
        );
    }
}

#[test]
fn the_last_point_is_drawn_where_the_geometry_maps_it() {
    for (style, theme) in [(LIGHT_LIN, LIGHT), (LIGHT_LOG, LIGHT), (DARK_LOG, DARK)] {
        let points = falling(77, 13.0);
        let (svg, g) = render(&points, None, &style);
        let last = *points.last().unwrap();
        let dots = dots(&svg, theme.forward);
        assert_eq!(dots.len(), 1, "one dot on the last point");
        close_to(dots[0], g.to_pixel(last.0, last.1), "last point");
        // And the curve's vertices agree with the geometry too.
        let drawn = curve(&svg, &theme).unwrap();
        for (&(x, y), &px) in points.iter().zip(&drawn) {
            close_to(px, g.to_pixel(x, y), "curve vertex");
        }
        // The corners.
        close_to(
            (g.plot.left, g.plot.bottom),
            g.to_pixel(g.ranges.x_min, g.ranges.y_min),
            "bottom left",
        );
        close_to(
            (g.plot.right, g.plot.top),
            g.to_pixel(g.ranges.x_max, g.ranges.y_max),
            "top right",
        );
    }
}

#[test]
fn the_highlight_gets_a_guide_and_a_dot() {
    for (style, theme) in [(LIGHT_LIN, LIGHT), (DARK_LOG, DARK)] {
        let points = falling(200, 5.0);
        let hover = points[40];
        let (plain, _) = render(&points, None, &style);
        let (svg, g) = render(&points, Some(hover), &style);
        let want = g.to_pixel(hover.0, hover.1);
        let dots = dots(&svg, theme.text);
        assert_eq!(dots.len(), 1, "{dots:?}");
        close_to(dots[0], want, "highlight");
        // One more polyline than without the highlight: the vertical guide through it.
        let lines = elements(&svg, "polyline");
        assert_eq!(lines.len(), elements(&plain, "polyline").len() + 1);
        let guide = lines
            .iter()
            .map(vertices)
            .find(|v| {
                v.len() == 2
                    && v[0].0 == v[1].0
                    && (v[0].0 - want.0).abs() <= 1.5
                    && (v[0].1 - v[1].1).abs() > 10.0
            })
            .expect("vertical guide at the highlight");
        assert!(
            (guide[0].1 - g.plot.bottom).abs() <= 1.5 && (guide[1].1 - g.plot.top).abs() <= 1.5,
            "guide {guide:?} in {g:?}"
        );
    }
}

#[test]
fn a_highlight_outside_the_data_stays_inside_the_plot() {
    let points = falling(10, 1.0);
    let (svg, g) = render(&points, Some((1e9, -5.0)), &LIGHT_LOG);
    let dot = dots(&svg, LIGHT.text)[0];
    assert!(
        g.plot.left - 1.0 <= dot.0 && dot.0 <= g.plot.right + 1.0,
        "{dot:?} {g:?}"
    );
    assert!(
        g.plot.top - 1.0 <= dot.1 && dot.1 <= g.plot.bottom + 1.0,
        "{dot:?} {g:?}"
    );
    let (svg, _) = render(&points, Some((f64::NAN, 0.5)), &LIGHT_LIN);
    assert!(
        dots(&svg, LIGHT.text).is_empty(),
        "a NaN highlight is not drawn"
    );
}

#[test]
fn degenerate_inputs_give_valid_svg() {
    let cases: Vec<(&str, Vec<(f64, f64)>)> = vec![
        ("empty", vec![]),
        ("one point", vec![(0.0, 0.69)]),
        ("one zero point", vec![(0.0, 0.0)]),
        ("constant", (0..20).map(|i| (f64::from(i), 0.25)).collect()),
        ("all zero", (0..20).map(|i| (f64::from(i), 0.0)).collect()),
        ("ends at zero", vec![(0.0, 0.5), (1.0, 0.1), (2.0, 0.0)]),
        ("tiny", vec![(0.0, 3e-310), (1.0, 1e-300)]),
        ("huge", vec![(0.0, 1e308), (1.0, f64::MAX)]),
        ("negative", vec![(0.0, -1.0), (1.0, 2.0)]),
        ("flat and tiny", vec![(0.0, 1e-9), (5.0, 1e-9)]),
        ("same iteration", vec![(7.0, 0.3), (7.0, 0.2)]),
        ("far iterations", vec![(1e18, 0.3), (1e18 + 4096.0, 0.2)]),
        (
            "extreme iterations",
            vec![(-f64::MAX, 0.3), (f64::MAX, 0.2)],
        ),
        (
            "non-finite",
            vec![
                (f64::NAN, 0.5),
                (0.0, f64::INFINITY),
                (1.0, 0.4),
                (2.0, f64::NAN),
                (f64::NEG_INFINITY, 0.1),
            ],
        ),
    ];
    for (name, points) in &cases {
        for style in [LIGHT_LIN, LIGHT_LOG, DARK_LOG] {
            let (svg, g) = render(points, points.first().copied(), &style);
            assert_valid_svg(&svg);
            assert_sane(&g, SIZE);
            let finite = points
                .iter()
                .filter(|(x, y)| x.is_finite() && y.is_finite())
                .count();
            let theme = if style.dark { DARK } else { LIGHT };
            let drawn = curve(&svg, &theme).map_or(0, |c| c.len());
            assert_eq!(drawn, finite, "{name}, log = {}", style.log_y);
        }
    }
}

#[test]
fn empty_chart_has_axes_and_default_ranges() {
    let (svg, g) = render(&[], None, &LIGHT_LIN);
    assert_eq!(
        (
            g.ranges.x_min,
            g.ranges.x_max,
            g.ranges.y_min,
            g.ranges.y_max
        ),
        (0.0, 10.0, 0.0, 1.0)
    );
    let t = texts(&svg);
    assert!(
        t.iter().any(|s| s == "10") && t.iter().any(|s| s == "1"),
        "{t:?}"
    );
    assert!(curve(&svg, &LIGHT).is_none());
    assert!(dots(&svg, LIGHT.forward).is_empty());

    let (_, g) = render(&[], None, &LIGHT_LOG);
    assert!(
        g.log_y && g.ranges.y_min > 0.0 && g.ranges.y_min < g.ranges.y_max,
        "{g:?}"
    );
}

#[test]
fn constant_cost_gets_a_range_with_height() {
    let points: Vec<_> = (0..20).map(|i| (f64::from(i), 0.25)).collect();
    for style in [LIGHT_LIN, LIGHT_LOG] {
        let (_, g) = render(&points, None, &style);
        assert!(g.ranges.y_min < 0.25 && 0.25 < g.ranges.y_max, "{g:?}");
    }
}

#[test]
fn zero_cost_on_a_log_axis_sits_on_the_bottom_edge() {
    let points = vec![(0.0, 0.5), (1.0, 0.01), (2.0, 0.0)];
    let (svg, g) = render(&points, None, &LIGHT_LOG);
    // A decade below the smallest positive cost, on a whole decade.
    assert_eq!((g.ranges.y_min, g.ranges.y_max), (1e-3, 1.0));
    let drawn = curve(&svg, &LIGHT).unwrap();
    assert!((drawn[2].1 - g.plot.bottom).abs() <= 1.0, "{drawn:?} {g:?}");
    assert!(drawn[1].1 < drawn[2].1 - 10.0, "0.01 well above the floor");
}

#[test]
fn log_labels_are_decades_in_compact_form() {
    let points: Vec<_> = (0..=55)
        .map(|i| (f64::from(i), 0.7 * 10f64.powf(-f64::from(i) / 10.0)))
        .collect();
    let (svg, g) = render(&points, None, &LIGHT_LOG);
    assert_eq!((g.ranges.y_min, g.ranges.y_max), (1e-6, 1.0));
    let t = texts(&svg);
    for label in ["1", "0.01", "10⁻⁴", "10⁻⁶"] {
        assert!(t.iter().any(|s| s == label), "missing {label}: {t:?}");
    }
    // Twelve decades: labels thinned to at most five.
    let points = vec![(0.0, 0.9), (1.0, 1e-12)];
    let (svg, g) = render(&points, None, &LIGHT_LOG);
    assert_eq!((g.ranges.y_min, g.ranges.y_max), (1e-12, 1.0));
    let t = texts(&svg);
    for label in ["1", "10⁻³", "10⁻⁶", "10⁻⁹", "10⁻¹²"] {
        assert!(t.iter().any(|s| s == label), "missing {label}: {t:?}");
    }
    // Inside one decade there are still labels at both ends.
    let points = vec![(0.0, 0.35), (1.0, 0.3)];
    let (svg, g) = render(&points, None, &LIGHT_LOG);
    assert_eq!((g.ranges.y_min, g.ranges.y_max), (0.1, 1.0));
    let t = texts(&svg);
    assert!(
        t.iter().any(|s| s == "0.1") && t.iter().any(|s| s == "1"),
        "{t:?}"
    );
}

#[test]
fn long_runs_get_short_tick_labels() {
    let points: Vec<_> = (0..=1000)
        .map(|i| (f64::from(i) * 1000.0, 0.7 / (1.0 + f64::from(i))))
        .collect();
    for style in [LIGHT_LIN, LIGHT_LOG] {
        let (svg, g) = render(&points, None, &style);
        assert_eq!(g.ranges.x_max, 1e6);
        let t = texts(&svg);
        for label in ["0", "200k", "400k", "1M"] {
            assert!(t.iter().any(|s| s == label), "missing {label}: {t:?}");
        }
        for label in t.iter().filter(|s| !s.contains(' ') && *s != "iteration") {
            assert!(label.chars().count() <= 5, "long tick label {label:?}");
        }
    }
    let points = vec![(0.0, 0.5), (2.5e6, 0.1)];
    let t = texts(&render(&points, None, &LIGHT_LIN).0);
    assert!(t.iter().any(|s| s == "1.5M"), "{t:?}");
    // Small costs switch to exponent form rather than growing decimals.
    let points = vec![(0.0, 4e-4), (10.0, 1e-4)];
    let t = texts(&render(&points, None, &LIGHT_LIN).0);
    assert!(
        t.iter().any(|s| s == "2 × 10⁻⁴") && t.iter().any(|s| s == "4 × 10⁻⁴"),
        "{t:?}"
    );
}

#[test]
fn tiny_canvases_do_not_panic() {
    for size in [(0, 0), (1, 1), (10, 10), (60, 30), (480, 20), (20, 180)] {
        for style in [LIGHT_LIN, LIGHT_LOG] {
            let (svg, g) = render_sized(&falling(30, 1.0), Some((3.0, 0.4)), &style, size);
            assert_valid_svg(&svg);
            assert_sane(&g, size);
        }
    }
}

#[test]
fn pixel_ratio_scales_the_layout_not_the_data() {
    let points = falling(100, 10.0);
    let (svg1, g1) = render_sized(&points, None, &LIGHT_LIN, (480, 180));
    let hidpi = LossStyle {
        pixel_ratio: 2.0,
        ..LIGHT_LIN
    };
    let (svg2, g2) = render_sized(&points, None, &hidpi, (960, 360));
    assert_box_doubles(&g1, &g2);
    assert_eq!(
        (
            g1.ranges.x_min,
            g1.ranges.x_max,
            g1.ranges.y_min,
            g1.ranges.y_max
        ),
        (
            g2.ranges.x_min,
            g2.ranges.x_max,
            g2.ranges.y_min,
            g2.ranges.y_max
        )
    );
    assert_eq!(texts(&svg1), texts(&svg2), "same labels");
    let size = |svg: &str| -> f64 { num(&elements(svg, "text")[0], "font-size") };
    assert!((size(&svg2) - 2.0 * size(&svg1)).abs() < 1e-9);
    // A nonsense ratio is harmless.
    let odd = LossStyle {
        pixel_ratio: f64::NAN,
        ..LIGHT_LIN
    };
    assert_eq!(render(&points, None, &odd).1, g1);
    assert_eq!(LossStyle::default().pixel_ratio, 1.0);
}

#[test]
fn geometry_maps_pixels_back_to_iterations() {
    let (_, g) = render(&falling(500, 2.0), None, &LIGHT_LIN);
    assert_x_at_undoes_to_pixel(&g, [0.0, 1.0, 250.0, 997.0, 998.0]);
}

#[test]
fn nearest_finds_the_hovered_point() {
    let points = vec![(0.0, 0.7), (10.0, 0.5), (f64::NAN, 0.1), (20.0, 0.3)];
    assert_eq!(nearest(&points, 4.0), Some((0.0, 0.7)));
    assert_eq!(nearest(&points, 5.0), Some((0.0, 0.7)), "first on a tie");
    assert_eq!(nearest(&points, 14.0), Some((10.0, 0.5)));
    assert_eq!(nearest(&points, 1e9), Some((20.0, 0.3)));
    assert_eq!(nearest(&[], 1.0), None);
}

#[test]
fn a_real_training_run_draws_its_whole_history() {
    // The 3D surface's run (two samples, cross-entropy), from another start.
    let settings = common::scene3d::settings();
    let start = Params {
        w1: 0.5,
        b1: 0.0,
        w2: -0.5,
        b2: 0.0,
    };
    let mut trainer = Trainer::new(start, settings);
    trainer.advance(300, OnTrouble::Pause);
    let points = loss_points(trainer.history().points());
    assert_eq!(points.len(), trainer.history().points().len());
    assert_eq!(points.last().unwrap().0, trainer.iteration() as f64);
    for style in [LIGHT_LIN, LIGHT_LOG] {
        let (svg, g) = render(&points, None, &style);
        assert_eq!(curve(&svg, &LIGHT).unwrap().len(), points.len());
        assert_eq!(g.ranges.x_max, trainer.iteration() as f64);
    }
}

#[test]
fn writes_svgs_for_eyeballing() {
    let dir = common::charts_dir();
    let points = falling(400, 25.0);
    let hover = Some(points[120]);
    // A long run that reaches a cost of exactly 0 (drawn on the log axis's floor).
    let long: Vec<_> = (0..=2000)
        .map(|i| {
            let x = f64::from(i) * 600.0;
            (
                x,
                if i < 1900 {
                    0.7 * (-x / 4e4).exp()
                } else {
                    0.0
                },
            )
        })
        .collect();
    let empty: &[(f64, f64)] = &[];
    let cases = [
        ("loss.svg", &points[..], hover, LIGHT_LIN),
        ("loss-log.svg", &points, hover, LIGHT_LOG),
        ("loss-dark-log.svg", &points, hover, DARK_LOG),
        ("loss-empty.svg", empty, None, LIGHT_LIN),
        ("loss-long-log.svg", &long, Some(long[1000]), LIGHT_LOG),
    ];
    for (name, points, hover, style) in cases {
        let (svg, _) = render(points, hover, &style);
        std::fs::write(dir.join(name), svg).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any input at all: no panic, valid SVG, a usable geometry, a curve if any point is finite.
    #[test]
    fn never_panics(
        points in prop::collection::vec((any::<f64>(), any::<f64>()), 0..40),
        highlight in proptest::option::of((any::<f64>(), any::<f64>())),
        dark in any::<bool>(),
        log_y in any::<bool>(),
        pixel_ratio in prop_oneof![Just(1.0), Just(2.0), any::<f64>()],
    ) {
        let style = LossStyle { dark, log_y, pixel_ratio };
        // The page sizes its canvas by the ratio the chart is drawn for (which is clamped).
        let r = if pixel_ratio.is_finite() { pixel_ratio.clamp(0.5, 4.0) } else { 1.0 };
        let size = ((480.0 * r) as u32, (180.0 * r) as u32);
        let (svg, g) = render_sized(&points, highlight, &style, size);
        assert_valid_svg(&svg);
        assert_sane(&g, size);
        let finite = points.iter().filter(|(x, y)| x.is_finite() && y.is_finite()).count();
        let theme = if dark { DARK } else { LIGHT };
        // Points within half a pixel of the last vertex are not drawn; the ends always are.
        let drawn = curve(&svg, &theme).map_or(0, |c| c.len());
        prop_assert!(drawn <= finite);
        prop_assert_eq!(drawn == 0, finite == 0);
    }

    /// Realistic costs: every vertex lands where the geometry says.
    #[test]
    fn vertices_follow_the_geometry(
        costs in prop::collection::vec(0.0f64..5.0, 1..60),
        stride in 1u32..5000,
        log_y in any::<bool>(),
    ) {
        let points: Vec<_> = costs
            .iter()
            .enumerate()
            .map(|(i, &c)| (i as f64 * f64::from(stride), c))
            .collect();
        let (svg, g) = render(&points, None, &LossStyle { log_y, ..LossStyle::default() });
        let drawn = curve(&svg, &LIGHT).unwrap();
        for (&(x, y), &px) in points.iter().zip(&drawn) {
            let want = g.to_pixel(x, if log_y && y <= 0.0 { g.ranges.y_min } else { y });
            prop_assert!((px.0 - want.0).abs() <= 1.5 && (px.1 - want.1).abs() <= 1.5,
                "{:?} drawn at {:?}, geometry says {:?}", (x, y), px, want);
        }
    }
}

#[test]
fn rivals_get_their_own_curves_and_a_diverging_one_does_not_squash_the_lead() {
    use backprop_lab::chart::Rival;
    use backprop_lab::chart::theme::rival_color;
    use backprop_lab::palette::rival_mark;
    let lead = falling(50, 1.0);
    let lead_top = lead.iter().map(|p| p.1).fold(0.0, f64::max);
    // A rival that diverges far above the lead, and one that is already done.
    let high: Vec<(f64, f64)> = (0..50).map(|i| (i as f64, 0.7 * 1.5f64.powi(i))).collect();
    let low: Vec<(f64, f64)> = (0..50)
        .map(|i| (i as f64, 0.5 / (1.0 + i as f64)))
        .collect();
    let (orange, sky) = (
        rival_color("momentum", false),
        rival_color("rmsprop", false),
    );
    let rivals = [
        Rival {
            line: &high,
            color: orange,
            mark: rival_mark("momentum"),
        },
        Rival {
            line: &low,
            color: sky,
            mark: rival_mark("rmsprop"),
        },
    ];
    for style in [LIGHT_LIN, LIGHT_LOG] {
        let (svg, g) = draw_svg(SIZE, |root| {
            draw_loss(root, &lead, &rivals, None, &style).expect("draw_loss")
        });
        let line = |color: RGBColor| {
            let found = stroked(&svg, color).into_iter().next();
            found.unwrap_or_else(|| panic!("a {} curve", hex(color)))
        };
        assert_eq!(line(sky).len(), low.len());
        // The axis is the lead's (capped at 2x its top, 100x on a log axis), not 0.7 * 1.5^49.
        let cap = lead_top * if style.log_y { 100.0 } else { 2.0 };
        assert!(
            g.ranges.y_max <= 2.0 * cap && g.ranges.y_max >= lead_top,
            "y axis to {}",
            g.ranges.y_max
        );
        // The diverging rival ends on the top edge.
        let top = line(orange)
            .iter()
            .map(|v| v.1)
            .fold(f64::INFINITY, f64::min);
        assert!(
            top >= g.plot.top - 1.0,
            "{top} vs the plot's top {}",
            g.plot.top
        );
        // The lead (teal) is drawn last, on top.
        let teal = svg.rfind(&hex(LIGHT.forward)).unwrap();
        assert!(svg.rfind(&hex(orange)).unwrap() < teal);
        // Each rival carries its mark along its curve and on its last point, so its shape
        // tells it apart too: squares for momentum, diamonds for RMSProp.
        let filled = |tag: &str, color: RGBColor| {
            elements(&svg, tag)
                .into_iter()
                .filter(|e| e.get("fill") == Some(&hex(color)))
                .count()
        };
        assert!(filled("rect", orange) >= 3, "momentum's squares");
        assert!(filled("polygon", sky) >= 3, "RMSProp's diamonds");
        assert_eq!(filled("circle", orange) + filled("circle", sky), 0);
    }
}
