//! The cost section chart rendered to SVG: the tangent's slope is the back-propagated gradient
//! (and the numerical one), it is drawn where the geometry says, the curve has one vertex per
//! sample, and degenerate input gives valid SVG.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::plot::{assert_box_doubles, assert_plot_sane, assert_x_at_undoes_to_pixel};
use common::svg::{
    assert_background, assert_valid_svg, close_to, dots, draw_svg, hex, stroked, texts,
};

use backprop_lab::Cost;
use backprop_lab::chart::section::{
    Axis, CURVE_POINTS, Section, SectionGeometry, SectionStyle, TANGENT_HALF_SPAN, Tangent,
    draw_section, format_signed, slope_caption,
};
use backprop_lab::chart::theme::{DARK, LIGHT, Theme};
use backprop_lab::net::{Params, Sample};
use proptest::prelude::*;

/// 300 x 150 CSS pixels.
const SIZE: (u32, u32) = (300, 150);
const LIGHT_1X: SectionStyle = SectionStyle {
    dark: false,
    pixel_ratio: 1.0,
};
const DARK_1X: SectionStyle = SectionStyle {
    dark: true,
    ..LIGHT_1X
};
/// Each style with the theme it draws in.
const THEMED: [(SectionStyle, Theme); 2] = [(LIGHT_1X, LIGHT), (DARK_1X, DARK)];

const SAMPLES: [Sample; 3] = [
    Sample { x: 0.2, y: 0.1 },
    Sample { x: 0.5, y: 0.7 },
    Sample { x: 0.8, y: 0.9 },
];

/// A few places a lesson passes through: the start, mid-training, near a minimum.
const PARAMS: [Params; 3] = [
    Params {
        w1: 0.5,
        b1: 0.0,
        w2: -0.5,
        b2: 0.0,
    },
    Params {
        w1: 2.3,
        b1: -0.8,
        w2: 3.1,
        b2: -1.2,
    },
    Params {
        w1: 6.0,
        b1: -3.0,
        w2: 5.5,
        b2: -2.5,
    },
];

fn section(axis: Axis, params: Params, cost: Cost, range: (f64, f64)) -> Section<'static> {
    Section {
        axis,
        params,
        samples: &SAMPLES,
        model: cost.into(),
        range,
        tangent: Tangent::Drawn,
    }
}

fn render_sized(s: &Section, style: &SectionStyle, size: (u32, u32)) -> (String, SectionGeometry) {
    draw_svg(size, |root| {
        draw_section(root, s, style).expect("draw_section")
    })
}

fn render(s: &Section, style: &SectionStyle) -> (String, SectionGeometry) {
    render_sized(s, style, SIZE)
}

/// Every axis, cost and parameter set, over the sliders' range.
fn cases() -> Vec<Section<'static>> {
    let mut out = Vec::new();
    for axis in Axis::ALL {
        for cost in Cost::ALL {
            for p in PARAMS {
                out.push(section(axis, p, cost, (-8.0, 8.0)));
            }
        }
    }
    out
}

/// The curve: the one polyline in the forward colour.
fn curve(svg: &str, theme: &Theme) -> Vec<(f64, f64)> {
    let mut found = stroked(svg, theme.forward);
    assert_eq!(found.len(), 1, "one curve");
    found.pop().unwrap()
}

/// The tangent: the polylines in the backward colour (zero or one).
fn tangents(svg: &str, theme: &Theme) -> Vec<Vec<(f64, f64)>> {
    stroked(svg, theme.backward)
}

fn assert_sane(g: &SectionGeometry, size: (u32, u32)) {
    assert!(g.slope.unwrap().is_finite(), "{g:?}");
    assert_plot_sane(g, size);
    // Whatever is drawn is inside the plot.
    let inside = |[x, y]: [f64; 2], what: &str| {
        assert!(
            g.plot.left - 1.0 <= x
                && x <= g.plot.right + 1.0
                && g.plot.top - 1.0 <= y
                && y <= g.plot.bottom + 1.0,
            "{what} at {x},{y} outside the plot: {g:?}"
        );
    };
    for end in g.tangent_px.into_iter().flatten() {
        inside(end, "tangent end");
    }
    if let Some(p) = g.point_px {
        inside(p, "point");
    }
    for [x, y] in g.tangent.into_iter().flatten() {
        assert!(
            g.ranges.x_min <= x && x <= g.ranges.x_max,
            "tangent x {x} outside {g:?}"
        );
        let tol = 1e-9 * (g.ranges.y_max - g.ranges.y_min);
        assert!(
            g.ranges.y_min - tol <= y && y <= g.ranges.y_max + tol,
            "tangent y {y} outside {g:?}"
        );
    }
}

/// dC/dw by central differences, without the chain rule.
fn numerical_slope(s: &Section) -> f64 {
    let w = s.weight();
    let h = 1e-5 * w.abs().max(1.0);
    let (up, down) = (w + h, w - h);
    (s.cost_at(up) - s.cost_at(down)) / (up - down)
}

#[test]
fn the_tangent_slope_is_the_back_propagated_gradient() {
    for s in cases() {
        let (_, g) = render(&s, &LIGHT_1X);
        let gradient = s.model.mean_gradient(&s.params, s.samples);
        let backprop = match s.axis {
            Axis::W1 => gradient.d_c_d_w1,
            Axis::W2 => gradient.d_c_d_w2,
        };
        assert_eq!(g.slope, Some(backprop));
        assert_eq!(g.point, [s.weight(), gradient.cost]);
        let [[x0, y0], [x1, y1]] = g.tangent.expect("tangent drawn");
        assert!(x1 > x0, "{g:?}");
        let drawn = (y1 - y0) / (x1 - x0);
        assert!(
            (drawn - backprop).abs() <= 1e-9 * backprop.abs().max(1e-3),
            "{:?} {:?}: tangent slope {drawn}, backprop {backprop}",
            s.axis,
            s.model
        );
        // The chain rule's number is the slope of the cost curve itself.
        let numerical = numerical_slope(&s);
        assert!(
            (drawn - numerical).abs() <= 1e-5 * numerical.abs().max(1.0),
            "{:?} {:?} at {:?}: tangent {drawn}, central difference {numerical}",
            s.axis,
            s.model,
            s.params
        );
        // And the line passes through the current point.
        let [w, c] = g.point;
        let at_w = y0 + drawn * (w - x0);
        assert!(
            (at_w - c).abs() <= 1e-9 * c.abs().max(1e-3),
            "{at_w} vs {c}"
        );
    }
}

#[test]
fn the_tangent_spans_a_fixed_fraction_of_the_range_unless_clipped() {
    let mut unclipped = 0;
    for s in cases() {
        let (_, g) = render(&s, &LIGHT_1X);
        let half = TANGENT_HALF_SPAN * (g.ranges.x_max - g.ranges.x_min);
        let w = g.point[0];
        let [start, end] = g.tangent.unwrap();
        // Each end is at w -/+ half, or where the tangent leaves the plot.
        let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + b.abs());
        for ([x, y], full) in [(start, w - half), (end, w + half)] {
            assert!(
                near(x, full)
                    || near(x, g.ranges.x_min)
                    || near(x, g.ranges.x_max)
                    || near(y, g.ranges.y_min)
                    || near(y, g.ranges.y_max),
                "end {x},{y} neither at {full} nor on the frame: {g:?}"
            );
        }
        if near(start[0], w - half) && near(end[0], w + half) {
            unclipped += 1;
            // Long enough to read: tens of pixels.
            let [[px0, _], [px1, _]] = g.tangent_px.unwrap();
            assert!(px1 - px0 > 40.0, "{g:?}");
        }
    }
    assert!(unclipped >= 3, "only {unclipped} whole tangents");
    // Next to the edge it is cut at the edge.
    let edge = section(Axis::W1, PARAMS[0], Cost::Squared, (0.2, 12.0));
    let (_, g) = render(&edge, &LIGHT_1X);
    let [[x0, _], _] = g.tangent.unwrap();
    assert_eq!(x0, 0.2);
}

#[test]
fn the_tangent_is_drawn_where_the_geometry_says() {
    for s in cases() {
        for (style, theme) in THEMED {
            let (svg, g) = render(&s, &style);
            assert_sane(&g, SIZE);
            let ends = g.tangent_px.expect("tangent drawn");
            let drawn = tangents(&svg, &theme);
            assert_eq!(drawn.len(), 1, "one tangent");
            assert_eq!(
                drawn[0],
                vec![(ends[0][0], ends[0][1]), (ends[1][0], ends[1][1])],
                "tangent_px is what was drawn"
            );
            // Both ends on the line through the point with the slope the geometry implies.
            let p = g.point_px.expect("point drawn");
            let k = g.pixel_slope();
            for [x, y] in ends {
                let off = ((y - p[1]) - k * (x - p[0])).abs() / (1.0 + k * k).sqrt();
                assert!(
                    off <= 2.0,
                    "end {x},{y} is {off} px off the line through {p:?} with slope {k}"
                );
            }
            // The data ends map onto the pixel ends.
            for ([x, y], [bx, by]) in g.tangent.unwrap().into_iter().zip(ends) {
                close_to((bx, by), g.to_pixel(x, y), "tangent end");
            }
            // On screen, a positive gradient rises to the right (pixel y decreases).
            if g.slope.unwrap() > 1e-6 {
                assert!(ends[1][1] <= ends[0][1], "{ends:?}");
            } else if g.slope.unwrap() < -1e-6 {
                assert!(ends[1][1] >= ends[0][1], "{ends:?}");
            }
        }
    }
}

#[test]
fn the_curve_has_one_vertex_per_sample_and_fits_the_y_range() {
    for s in cases() {
        let (svg, g) = render(&s, &LIGHT_1X);
        let drawn = curve(&svg, &LIGHT);
        assert_eq!(drawn.len(), CURVE_POINTS);
        let data = s.curve();
        assert_eq!(data.len(), CURVE_POINTS);
        assert_eq!(data[0].0, -8.0);
        assert_eq!(data[CURVE_POINTS - 1].0, 8.0);
        assert!(data.windows(2).all(|w| w[0].0 < w[1].0));
        for (&(w, c), &px) in data.iter().zip(&drawn) {
            assert_eq!(c, s.cost_at(w));
            assert!(
                g.ranges.y_min <= c && c <= g.ranges.y_max,
                "{c} outside {g:?}"
            );
            close_to(px, g.to_pixel(w, c), "curve vertex");
        }
        assert_eq!((g.ranges.x_min, g.ranges.x_max), (-8.0, 8.0));
        // Costs are never negative, and neither is the axis.
        assert!(g.ranges.y_min >= 0.0, "{g:?}");
        // The curve uses most of the plot's height, leaving the caption's band at the top.
        let (lo, hi) = data.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
        let used = (hi - lo) / (g.ranges.y_max - g.ranges.y_min);
        assert!(used > 0.4, "the curve fills {used} of the height: {g:?}");
        let (_, top_px) = g.to_pixel(0.0, hi);
        assert!(
            top_px - g.plot.top >= 16.0,
            "the curve's top is {} px under the plot's top",
            top_px - g.plot.top
        );
    }
}

#[test]
fn the_point_is_marked_where_the_geometry_says() {
    for s in cases() {
        for (style, theme) in THEMED {
            let (svg, g) = render(&s, &style);
            let p = g.point_px.expect("point on the chart");
            close_to((p[0], p[1]), g.to_pixel(g.point[0], g.point[1]), "point_px");
            let marker = dots(&svg, theme.forward);
            assert_eq!(marker.len(), 1, "{marker:?}");
            close_to(marker[0], (p[0], p[1]), "marker");
            // Its halo in the background colour, at the same place.
            let halo = dots(&svg, theme.background);
            assert_eq!(halo, marker);
        }
    }
}

#[test]
fn axes_and_caption_are_labelled() {
    for s in cases() {
        let (svg, g) = render(&s, &LIGHT_1X);
        assert_valid_svg(&svg);
        let t = texts(&svg);
        let name = match s.axis {
            Axis::W1 => "w\u{2081}",
            Axis::W2 => "w\u{2082}",
        };
        assert!(t.iter().any(|l| l == name), "no {name} in {t:?}");
        assert!(t.iter().any(|l| l == "C"), "no C in {t:?}");
        let caption = slope_caption(s.axis, g.slope.unwrap());
        assert!(t.contains(&caption), "no {caption:?} in {t:?}");
        assert!(caption.starts_with(&format!("slope \u{2202}C/\u{2202}{name} = ")));
        // Weights -8..8: ticks at -5, 0, 5, with a true minus sign.
        for label in ["\u{2212}5", "0", "5"] {
            assert!(t.iter().any(|l| l == label), "no {label} in {t:?}");
        }
        // The caption is in the backward colour, like the tangent.
        let fill = format!(r#"fill="{}""#, hex(LIGHT.backward));
        let caption_line = svg
            .lines()
            .position(|l| l.contains(&caption))
            .expect("caption");
        let open = svg.lines().nth(caption_line - 1).unwrap();
        assert!(open.starts_with("<text") && open.contains(&fill), "{open}");
    }
    assert_eq!(format_signed(0.022734), "+0.02273");
    assert_eq!(format_signed(-0.0227), "\u{2212}0.02270");
}

#[test]
fn the_background_is_the_theme_background() {
    for (style, theme) in THEMED {
        let (svg, _) = render(&cases()[0], &style);
        assert_background(&svg, theme.background, SIZE);
        assert!(svg.contains(&format!(r#"fill="{}""#, hex(theme.text))));
    }
}

#[test]
fn a_weight_outside_the_range_still_draws_the_curve() {
    for axis in Axis::ALL {
        for (range, arrow) in [((-8.0, -1.0), '\u{2192}'), ((3.0, 8.0), '\u{2190}')] {
            let s = section(axis, PARAMS[0], Cost::CrossEntropy, range);
            let (svg, g) = render(&s, &LIGHT_1X);
            assert_valid_svg(&svg);
            assert_sane(&g, SIZE);
            assert_eq!(curve(&svg, &LIGHT).len(), CURVE_POINTS);
            assert_eq!((g.point_px, g.tangent, g.tangent_px), (None, None, None));
            assert!(tangents(&svg, &LIGHT).is_empty());
            assert!(dots(&svg, LIGHT.forward).is_empty());
            // The caption still gives the slope, and says where the weight went.
            let t = texts(&svg);
            assert!(t.contains(&slope_caption(axis, g.slope.unwrap())), "{t:?}");
            assert!(
                t.iter()
                    .any(|l| l.contains("off the chart") && l.contains(arrow)),
                "{t:?}"
            );
        }
    }
}

#[test]
fn degenerate_inputs_give_valid_svg() {
    let p = PARAMS[1];
    let saturated_w1 = Params {
        w1: 1e4,
        ..PARAMS[0]
    };
    let saturated_w2 = Params {
        w2: 2000.0,
        ..PARAMS[0]
    };
    let ranges = [
        (-8.0, 8.0),
        (8.0, -8.0),
        (2.3, 2.3),
        (3.1, 3.1 + 1e-12),
        (f64::NAN, 1.0),
        (f64::NEG_INFINITY, f64::INFINITY),
        (-f64::MAX, f64::MAX),
        (1e300, 1e300),
        (1e6, 2e6),
    ];
    let mut all = Vec::new();
    for axis in Axis::ALL {
        for cost in Cost::ALL {
            for range in ranges {
                all.push(section(axis, p, cost, range));
            }
            for params in [saturated_w1, saturated_w2] {
                let w = axis.get(&params);
                all.push(section(axis, params, cost, (w - 10.0, w + 10.0)));
            }
            all.push(Section {
                samples: &[],
                ..section(axis, p, cost, (-8.0, 8.0))
            });
            let huge = Params {
                w1: 1e300,
                b1: -1e300,
                w2: 1e300,
                b2: 1e300,
            };
            all.push(section(axis, huge, cost, (-8.0, 8.0)));
            all.push(section(axis, huge, cost, (-f64::MAX, f64::MAX)));
            let nan = Params {
                w1: f64::NAN,
                w2: f64::NAN,
                ..p
            };
            all.push(section(axis, nan, cost, (-8.0, 8.0)));
        }
    }
    for s in &all {
        for style in [
            LIGHT_1X,
            SectionStyle {
                dark: true,
                pixel_ratio: 2.0,
            },
        ] {
            let size = if style.pixel_ratio == 2.0 {
                (600, 300)
            } else {
                SIZE
            };
            let (svg, g) = render_sized(s, &style, size);
            assert_valid_svg(&svg);
            if s.weight().is_finite() && g.point[1].is_finite() {
                assert_sane(&g, size);
            }
            let theme = if style.dark { DARK } else { LIGHT };
            assert!(
                stroked(&svg, theme.forward).len() <= 1,
                "{:?} {:?}",
                s.axis,
                s.range
            );
        }
    }
}

#[test]
fn a_saturated_network_has_a_flat_tangent() {
    for cost in Cost::ALL {
        let s = section(
            Axis::W1,
            // z1 = w1 x >= 2000 for every sample: s'(z1) underflows to exactly 0.
            Params {
                w1: 1e4,
                ..PARAMS[0]
            },
            cost,
            (9990.0, 10010.0),
        );
        let (svg, g) = render(&s, &LIGHT_1X);
        assert_eq!(g.slope, Some(0.0));
        let [[_, y0], [_, y1]] = g.tangent.unwrap();
        assert_eq!(y0, y1);
        let [[_, py0], [_, py1]] = g.tangent_px.unwrap();
        assert_eq!(py0, py1, "horizontal on screen");
        // The flat curve sits inside a y range with height.
        assert!(
            g.ranges.y_min < g.point[1] && g.point[1] < g.ranges.y_max,
            "{g:?}"
        );
        assert_eq!(curve(&svg, &LIGHT).len(), CURVE_POINTS);
        assert!(texts(&svg).contains(&"slope \u{2202}C/\u{2202}w\u{2081} = 0".to_string()));
    }
}

#[test]
fn a_tiny_range_is_widened() {
    let s = section(Axis::W2, PARAMS[1], Cost::Squared, (3.1, 3.1));
    let (svg, g) = render(&s, &LIGHT_1X);
    assert!(
        g.ranges.x_min < 3.1
            && 3.1 < g.ranges.x_max
            && g.ranges.x_max - g.ranges.x_min >= 3.1e-3 * 0.999
    );
    assert_eq!(curve(&svg, &LIGHT).len(), CURVE_POINTS);
    // So close in, the curve is its own tangent: both ends lie on the curve.
    let [[x0, y0], [x1, y1]] = g.tangent.unwrap();
    for (x, y) in [(x0, y0), (x1, y1)] {
        let c = s.cost_at(x);
        assert!(
            (c - y).abs() <= 1e-3 * (g.ranges.y_max - g.ranges.y_min),
            "{c} vs {y}"
        );
    }
}

#[test]
fn tiny_canvases_do_not_panic() {
    for size in [(0, 0), (1, 1), (10, 10), (60, 30), (300, 20), (20, 150)] {
        let (svg, g) = render_sized(&cases()[1], &LIGHT_1X, size);
        assert_valid_svg(&svg);
        assert!(g.ranges.x_min < g.ranges.x_max && g.ranges.y_min < g.ranges.y_max);
    }
}

#[test]
fn pixel_ratio_scales_the_layout_not_the_data() {
    let s = cases()[4];
    let (svg1, g1) = render_sized(&s, &LIGHT_1X, SIZE);
    let hidpi = SectionStyle {
        pixel_ratio: 2.0,
        ..LIGHT_1X
    };
    let (svg2, g2) = render_sized(&s, &hidpi, (600, 300));
    assert_box_doubles(&g1, &g2);
    assert_eq!(
        (g1.ranges.x_min, g1.ranges.x_max),
        (g2.ranges.x_min, g2.ranges.x_max)
    );
    assert!(
        (g1.ranges.y_max - g2.ranges.y_max).abs() <= 0.02 * (g1.ranges.y_max - g1.ranges.y_min)
    );
    assert_eq!((g1.slope, g1.tangent), (g2.slope, g2.tangent));
    assert_eq!(texts(&svg1), texts(&svg2), "same labels");
    let odd = SectionStyle {
        pixel_ratio: f64::NAN,
        ..LIGHT_1X
    };
    assert_eq!(render(&s, &odd).1, g1);
    assert_eq!(SectionStyle::default(), LIGHT_1X);
}

#[test]
fn geometry_maps_pixels_back_to_weights() {
    let (_, g) = render(&cases()[0], &LIGHT_1X);
    assert_x_at_undoes_to_pixel(&g, [-8.0, -2.5, 0.0, 7.75, 8.0]);
}

#[test]
fn writes_svgs_for_eyeballing() {
    let dir = common::charts_dir();
    // section-{tag}.svg: along `axis` through PARAMS[p], by `cost`, over -8..hi.
    for (tag, axis, p, cost, hi, style) in [
        ("w1", Axis::W1, 1, Cost::CrossEntropy, 8.0, LIGHT_1X),
        ("w2", Axis::W2, 1, Cost::CrossEntropy, 8.0, LIGHT_1X),
        ("w1-dark", Axis::W1, 0, Cost::Squared, 8.0, DARK_1X),
        ("w2-off-chart", Axis::W2, 2, Cost::Squared, 4.0, LIGHT_1X),
    ] {
        let (svg, _) = render(&section(axis, PARAMS[p], cost, (-8.0, hi)), &style);
        std::fs::write(dir.join(format!("section-{tag}.svg")), svg).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any finite parameters and range: no panic, valid SVG, a usable geometry, and a tangent
    /// (when drawn) whose slope is the gradient.
    #[test]
    fn never_panics(
        w1 in -1e6f64..1e6, b1 in -1e6f64..1e6, w2 in -1e6f64..1e6, b2 in -1e6f64..1e6,
        lo in prop_oneof![Just(-8.0), -1e6f64..1e6, any::<f64>()],
        hi in prop_oneof![Just(8.0), -1e6f64..1e6, any::<f64>()],
        w2_axis in any::<bool>(),
        cross_entropy in any::<bool>(),
        dark in any::<bool>(),
        pixel_ratio in prop_oneof![Just(1.0), Just(2.0), any::<f64>()],
    ) {
        let s = Section {
            axis: if w2_axis { Axis::W2 } else { Axis::W1 },
            params: Params { w1, b1, w2, b2 },
            samples: &SAMPLES,
            model: if cross_entropy { Cost::CrossEntropy } else { Cost::Squared }.into(),
            range: (lo, hi),
            tangent: Tangent::Drawn,
        };
        let style = SectionStyle { dark, pixel_ratio };
        let r = if pixel_ratio.is_finite() { pixel_ratio.clamp(0.5, 4.0) } else { 1.0 };
        let size = ((300.0 * r) as u32, (150.0 * r) as u32);
        let (svg, g) = render_sized(&s, &style, size);
        assert_valid_svg(&svg);
        assert_sane(&g, size);
        let theme = if dark { DARK } else { LIGHT };
        prop_assert_eq!(curve(&svg, &theme).len(), CURVE_POINTS);
        if let Some([[x0, y0], [x1, y1]]) = g.tangent {
            prop_assert!(g.point_px.is_some());
            // Where the tangent has length, its slope is the gradient.
            if x1 - x0 > 1e-6 * (g.ranges.x_max - g.ranges.x_min) && g.slope.unwrap().abs() > 1e-9 {
                let drawn = (y1 - y0) / (x1 - x0);
                prop_assert!((drawn - g.slope.unwrap()).abs() <= 1e-6 * g.slope.unwrap().abs(),
                    "{} vs {}", drawn, g.slope.unwrap());
            }
        } else {
            prop_assert!(g.point_px.is_none());
        }
    }
}

#[test]
fn a_hidden_tangent_draws_no_slope_and_says_why() {
    let s = Section {
        tangent: Tangent::Hidden("after the backward pass"),
        ..section(Axis::W2, PARAMS[1], Cost::Squared, (-8.0, 8.0))
    };
    let (svg, g) = render(&s, &LIGHT_1X);
    assert_eq!((g.slope, g.tangent, g.tangent_px), (None, None, None));
    assert!(g.point_px.is_some(), "the point is still drawn");
    let t = texts(&svg);
    assert!(
        t.contains(&"slope \u{2202}C/\u{2202}w\u{2082}: after the backward pass".to_string()),
        "{t:?}"
    );
    let slope = section(Axis::W2, PARAMS[1], Cost::Squared, (-8.0, 8.0)).slope();
    assert!(
        !svg.contains(&format_signed(slope)),
        "the slope's digits are not in the picture"
    );
}
