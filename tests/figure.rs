//! The figure command (examples/figure.rs), run through the same code the command runs: its
//! options and their errors, the state it replays (the same path and numbers as the page),
//! a well-formed SVG with the path and the diagram's numbers, and a PNG that decodes to a
//! real picture (many colours, text in the diagram's colours).
#![cfg(not(target_arch = "wasm32"))]

mod common;

// The command itself: `cmd::native::run` is what its `main` calls.
#[allow(dead_code)]
#[path = "../examples/figure.rs"]
mod cmd;

use backprop_lab::chart::theme;
use backprop_lab::diagram;
use backprop_lab::figure::network::{
    BackwardValues, Diagram, ForwardValues, Layout, NetworkGeometry, NetworkStyle, draw_network,
    format_number,
};
use backprop_lab::figure::{self, ArgError, Command, Format, Panels, Scene, Title};
use backprop_lab::link;
use backprop_lab::train::{OnTrouble, Trainer};
use backprop_lab::{Params, Sample};
use cmd::native;
use common::figure::{LINK, options};
use common::svg::{draw_svg, elements, hex, texts, vertices};
use plotters::prelude::*;

fn error(args: &[&str]) -> ArgError {
    match figure::parse_args(args) {
        Err(e) => e,
        Ok(c) => panic!("{args:?} was accepted: {c:?}"),
    }
}

/// Renders through the command's own function, as the command does for that extension.
fn render(args: &[&str], format: Format) -> (Vec<u8>, figure::FigureGeometry, Scene) {
    let o = options(args);
    native::load_font().unwrap();
    let scene = Scene::from_options(&o).unwrap();
    let (bytes, g) = native::render(&scene, &o, format).unwrap();
    (bytes, g, scene)
}

/// Checks that every tag is closed in order, every attribute quoted: enough to catch a
/// broken SVG (plotters writes no comments, CDATA or entities other than the basic five).
fn assert_well_formed(svg: &str) {
    assert!(svg.starts_with("<svg"), "starts with <svg");
    assert!(svg.trim_end().ends_with("</svg>"), "ends with </svg>");
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert!(!text.contains('>'), "stray '>' in text: {text:?}");
        let close = rest[open..].find('>').expect("unterminated tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "'<' inside a tag: {tag:?}");
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes: {tag:?}"
        );
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop().expect("closing tag without opening");
            assert_eq!(top, name.trim(), "tags closed out of order");
        } else if !tag.ends_with('/') && !tag.starts_with('?') {
            let name = tag.split_whitespace().next().unwrap_or_default();
            stack.push(name.to_string());
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed tags: {stack:?}");
    for (i, _) in svg.match_indices('&') {
        let entity = &svg[i..(i + 6).min(svg.len())];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "bare & in {entity:?}"
        );
    }
}

#[test]
fn the_command_writes_a_valid_svg_and_png_from_a_link() {
    let dir = common::charts_dir();
    let (svg_path, png_path) = (dir.join("figure.svg"), dir.join("figure.png"));
    // The whole page address, as a teacher copies it.
    let url = format!("https://example.org/lab/?{LINK}");
    let report = native::run(&[
        "--out",
        svg_path.to_str().unwrap(),
        "--out",
        png_path.to_str().unwrap(),
        &url,
    ])
    .unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(report.written.len(), 2);
    assert!(report.written[0].contains("figure.svg") && report.written[0].contains("1600 x 900"));

    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert_well_formed(&svg);
    assert!(svg.contains("width=\"1600\"") && svg.contains("height=\"900\""));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // The heatmap is one PNG image, with a media type browsers and slide programs accept.
    let images = elements(&svg, "image");
    assert_eq!(images.len(), 1, "one heatmap image");
    assert!(images[0]["href"].starts_with("data:image/png;base64,iVBORw0KGgo"));
    // Text asks for the font it was measured with.
    assert!(!svg.contains("font-family=\"sans-serif\""));
    assert!(svg.contains("font-family=\"DejaVu Sans, Verdana, sans-serif\""));

    let png = std::fs::read(&png_path).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&png[12..16], b"IHDR");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), (1600, 900));
}

#[test]
fn the_path_and_numbers_are_those_the_page_replays() {
    let (svg, g, scene) = render(&["--out", "x.svg", LINK], Format::Svg);
    let svg = String::from_utf8(svg).unwrap();
    let o = options(&["--out", "x.svg", LINK]);
    assert_eq!(o.state.iterations, 60);

    // The same run, built here step by step as the page's session runs it.
    let (state, ignored) = link::decode(LINK);
    assert!(ignored.is_empty());
    let mut t = Trainer::new(state.start, backprop_lab::session::settings(&state));
    for _ in 0..60 {
        assert_eq!(t.advance(1, OnTrouble::Pause), 1);
        t.dismiss_trouble();
    }
    assert_eq!(scene.run().params(), t.params(), "replayed bit for bit");
    assert_eq!(scene.run().iteration(), 60);

    // The path: one white polyline through every kept point, from the start to now.
    let panel = g.map.expect("a map");
    let (map, overlay) = (panel.geometry, panel.overlay);
    let path = scene.path();
    assert_eq!(path.len(), 61);
    assert_eq!(overlay.path_segments, 60);
    let white = hex(RGBColor(255, 255, 255));
    let (start, end) = (
        map.to_pixel(path[0].0, path[0].1),
        map.to_pixel(path[60].0, path[60].1),
    );
    let line = elements(&svg, "polyline")
        .into_iter()
        .find(|p| {
            let v = vertices(p);
            let near =
                |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() <= 1.0 && (a.1 - b.1).abs() <= 1.0;
            p.get("stroke") == Some(&white) && near(v[0], start) && near(v[v.len() - 1], end)
        })
        .expect("the descent path (white, from the start to the current weights)");
    let v = vertices(&line);
    assert_on_path(&v, &path, &map);
    let p = t.params();
    assert_eq!(path[60], (p.w1, p.w2));
    let (mx, my) = map.to_pixel(p.w1, p.w2);
    assert_eq!(
        overlay.marker,
        [mx, my],
        "the marker is at the current weights"
    );

    // The diagram's numbers: the core's values for the chosen point at the current weights.
    let s = t.settings();
    let sample = s.samples[s.chosen];
    let model = s.model();
    let f = model.forward(&p, sample.x);
    let b = model.pass(&p, sample).1;
    let all = texts(&svg);
    // Each value by the name the page and the JS API give it (the core's `fields()`), and
    // every label of the page's diagram showing its own: the figure reads the values by
    // their Rust fields, so a name given to the wrong value shows here.
    let values: Vec<(&str, f64)> = [("x", sample.x), ("y", sample.y)]
        .into_iter()
        .chain(p.fields())
        .chain(f.fields())
        .chain(b.fields())
        .collect();
    let (_, net) = g.network.as_ref().unwrap();
    for l in &diagram::WIDE.labels {
        let name = l.key;
        let (_, value) = values.iter().find(|(k, _)| *k == name).unwrap();
        let shown = format_number(*value);
        assert!(all.contains(&shown), "{name} = {shown} is in the SVG");
        let label = net.labels.iter().find(|(k, ..)| *k == name).unwrap();
        assert_eq!(label.1, shown, "{name}");
    }
    assert_drawn_from_the_pages_layout(&g.network.as_ref().unwrap().1);
    // The chain rule, as drawn: delta1 = delta2 * w2 * s'(z1), dC/dw1 = delta1 * x.
    assert!((b.delta1 - b.delta2 * p.w2 * b.d_a1_d_z1).abs() <= 1e-15);
    assert!((b.d_c_d_w1 - b.delta1 * sample.x).abs() <= 1e-15);
    for symbol in [
        "δ₂ = ∂C/∂z₂ =",
        "δ₁ = ∂C/∂z₁ =",
        "∂C/∂w₂ =",
        "∂C/∂w₁ =",
        "σ′(z₁) =",
    ] {
        assert!(all.iter().any(|t| t == symbol), "{symbol}");
    }
    // The heading says what is shown; the caption what the map holds fixed.
    assert!(all.contains(&"After 60 iterations of gradient descent".to_string()));
    let caption = format!(
        "Cost C(w₁, w₂) with b₁ = {} and b₂ = {} held",
        format_number(p.b1),
        format_number(p.b2)
    );
    assert!(all.contains(&caption), "{caption}");
}

#[test]
fn the_png_is_a_picture_with_the_diagrams_text() {
    let (png, g, _) = render(
        &["--out", "x.png", "--width", "1200", "--height", "700", LINK],
        Format::Png,
    );
    let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
        .expect("decodes")
        .to_rgb8();
    assert_eq!(img.dimensions(), (1200, 700));
    let mut colours = std::collections::HashSet::new();
    let near = |p: &image::Rgb<u8>, c: RGBColor| {
        (p[0] as i32 - c.0 as i32).abs()
            + (p[1] as i32 - c.1 as i32).abs()
            + (p[2] as i32 - c.2 as i32).abs()
            <= 30
    };
    let (mut background, mut forward, mut backward) = (0, 0, 0);
    for p in img.pixels() {
        colours.insert(p.0);
        background += near(p, theme::LIGHT.background) as usize;
        forward += near(p, theme::LIGHT.forward) as usize;
        backward += near(p, theme::LIGHT.backward) as usize;
    }
    let total = 1200 * 700;
    assert!(colours.len() > 500, "{} colours: a heatmap", colours.len());
    assert!(
        background < total * 8 / 10,
        "not blank: {background} of {total} background"
    );
    // Forward values are teal text, backward ones magenta: glyph pixels in those colours.
    assert!(forward > 400, "{forward} teal pixels");
    assert!(backward > 400, "{backward} magenta pixels");
    // The heatmap fills the plot: its centre is a viridis colour, not the background.
    let map = g.map.unwrap().geometry;
    let centre = img.get_pixel(
        ((map.plot.left + map.plot.right) / 2.0) as u32,
        ((map.plot.top + map.plot.bottom) / 2.0 + 40.0) as u32,
    );
    assert!(!near(centre, theme::LIGHT.background), "{centre:?}");
}

#[test]
fn the_dark_theme_and_every_panel_choice_render() {
    for (panels, size) in [
        ("map", (1000, 900)),
        ("network", (1400, 560)),
        ("both", (1600, 900)),
    ] {
        let o = options(&["--out", "x.png", "--figure", panels, "--theme", "dark"]);
        assert_eq!((o.width, o.height), size, "{panels}: default size");
        assert!(o.style.dark);
        let (png, g, _) = render(
            &[
                "--out", "x.png", "--figure", panels, "--theme", "dark", "--width", "640",
                "--height", "480",
            ],
            Format::Png,
        );
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (640, 480));
        let bg = theme::DARK.background;
        assert_eq!(
            img.get_pixel(1, 1).0,
            [bg.0, bg.1, bg.2],
            "{panels}: dark background"
        );
        assert_eq!(g.map.is_some(), panels != "network", "{panels}");
        assert_eq!(g.network.is_some(), panels != "map", "{panels}");
    }
    // A square canvas stacks them: the diagram above the map.
    let (_, g, _) = render(
        &["--out", "x.svg", "--width", "1000", "--height", "1000"],
        Format::Svg,
    );
    let (net_origin, _) = g.network.unwrap();
    let map = g.map.unwrap().geometry;
    assert!(map.plot.top > net_origin.1 as f64 + 200.0);
}

#[test]
fn options_override_the_link_and_checks_name_the_option() {
    let o = options(&[
        "--out",
        "a.svg",
        "--out=b.PNG",
        "--w1",
        "-2.5",
        "--b2=0.25",
        "--x",
        "0.3",
        "--y",
        "1",
        "--lr",
        "0.5",
        "--iterations",
        "7",
        "--cost",
        "cross-entropy",
        "--log-color",
        "--range",
        "-4_4_-3_5",
        "--title",
        "Slide 3",
        LINK,
    ]);
    assert_eq!(o.outputs, ["a.svg", "b.PNG"]);
    let s = &o.state;
    assert_eq!(
        (s.start.w1, s.start.b1, s.start.w2, s.start.b2),
        (-2.5, 1.0, -5.0, 0.25)
    );
    assert_eq!(
        s.samples,
        [Sample { x: 0.3, y: 1.0 }, Sample { x: 0.9, y: 0.1 }]
    );
    assert_eq!((s.learning_rate, s.iterations), (0.5, 7));
    assert_eq!(s.cost, backprop_lab::Cost::CrossEntropy);
    assert!(s.view.log_color);
    assert_eq!(
        (s.view.w1_min, s.view.w1_max, s.view.w2_min, s.view.w2_max),
        (-4.0, 4.0, -3.0, 5.0)
    );
    assert_eq!(o.style.title, Title::Text("Slide 3".into()));
    // --range sets the range only; the link's colour scale stays.
    let ranged = options(&["--out", "a.svg", "--range", "-1_1_-2_2", "logc=1&view=3d"]);
    assert!(ranged.state.view.log_color && ranged.state.view.w2_max == 2.0);
    assert_eq!(
        options(&["--out", "a.svg", "--title", ""]).style.title,
        Title::None
    );
    // --data replaces the set, and --x edits its first point; a Unicode minus is fine.
    let o = options(&["--out", "a.svg", "--data", "0.1_0,0.5_1", "--x", "−0.75"]);
    assert_eq!(
        o.state.samples,
        [Sample { x: -0.75, y: 0.0 }, Sample { x: 0.5, y: 1.0 }]
    );
    assert_eq!(
        options(&["--out", "a.svg", "--figure", "map"]).style.panels,
        Panels::Map
    );
    assert_eq!(figure::parse_args(&["--help"]).unwrap(), Command::Help);
    assert!(figure::USAGE.contains("--out FILE"));

    // A line a case: the arguments (none has a space in it) | the option the error names: what
    // its message says.
    let cases = "
        --w1 abc --out a.svg                       | --w1: is not one
        --out a.svg --w1 1,500                     | --w1: a decimal comma or a thousands separator
        --out a.svg --w2 2e6                       | --w2: between
        --out a.svg --y 2                          | --y: between 0 and 1
        --out a.svg --lr 0                         | --lr: greater than 0
        --out a.svg --iterations 1.5               | --iterations: whole number
        --out a.svg --iterations 2000000           | --iterations: between
        --out a.svg --cost hinge                   | --cost: squared or cross-entropy
        --out a.svg --data 0.5_2                   | --data: y from 0 to 1
        --out a.svg --range 1_0_0_1                | --range: w1min_w1max_w2min_w2max
        --out a.svg --figure 3d                    | --figure: map, network, both, loss or chain
        --out a.svg --theme blue                   | --theme: light or dark
        --out a.svg --width 50                     | --width: between
        --out a.svg --height                       | --height: needs a value
        --out a.svg --w1 --b1 2                    | --w1: needs a value
        --out fig.jpg                              | --out: must end in .svg or .png
        --w1 2                                     | --out: is missing
        --out a.svg --colour red                   | --colour: not an option
        --out a.svg -o b.svg                       | -o: not an option
        --out a.svg --log-color=1                  | --log-color: takes no value
        --out a.svg w1=1 w1=2                      | w1=2: second link
        --out a.svg --cost cross-entropy act2=relu | --cost: sigmoid
    ";
    for case in cases.lines().filter(|l| !l.trim().is_empty()) {
        let (args, error_says) = case.split_once('|').unwrap();
        let (option, says) = error_says.trim().split_once(": ").unwrap();
        let args: Vec<&str> = args.split_whitespace().collect();
        let e = error(&args);
        assert_eq!(e.field, option, "{args:?}: {e}");
        assert!(e.to_string().contains(says), "{args:?}: {e}");
    }
    // The command reports the same messages, never a panic.
    let e = native::run(&["--out", "a.svg", "--lr", "fast"]).unwrap_err();
    assert!(e.contains("--lr") && e.contains("\"fast\""), "{e}");
}

#[test]
fn a_damaged_link_still_draws_and_says_what_was_ignored() {
    let o = options(&["--out", "a.svg", "?w1=abc&zoom=3&it=5&lr=-1"]);
    assert_eq!(o.warnings.len(), 3, "{:?}", o.warnings);
    assert!(
        o.warnings
            .iter()
            .any(|w| w.contains("w1") && w.contains("\"abc\""))
    );
    assert!(o.warnings.iter().any(|w| w.contains("zoom")));
    assert_eq!(o.state.iterations, 5);
    assert_eq!(o.state.start.w1, link::State::default().start.w1);
    // Arbitrary arguments never panic: they parse or give an error that names something.
    let words = [
        "--out",
        "a.svg",
        "b.png",
        "--w1",
        "--x",
        "-",
        "--",
        "1e308",
        "NaN",
        "--data",
        "0_0",
        "it=99999999",
        "%ZZ&&==",
        "--figure",
        "both",
        "--range",
        "--iterations",
        "−3",
        "",
        "--theme",
        "dark",
        "quiz=18446744073709551615",
        "\u{0}",
        "--title",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..3000 {
        let n = (seed % 7) as usize;
        let args: Vec<&str> = (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                words[(seed % words.len() as u64) as usize]
            })
            .collect();
        if let Err(e) = figure::parse_args(&args) {
            assert!(!e.field.is_empty() && !e.problem.is_empty(), "{args:?}");
        }
    }
}

#[test]
fn a_quiz_link_draws_the_exercise_with_the_answers_hidden_or_shown() {
    let (params, sample, _) = backprop_lab::quiz::exercise(7);
    let (svg, g, scene) = render(&["--out", "q.svg", "quiz=7"], Format::Svg);
    let svg = String::from_utf8(svg).unwrap();
    assert_eq!(scene.run().params(), params);
    assert_eq!(scene.run().settings().samples, [sample]);
    let (_, net) = g.network.unwrap();
    for key in ["delta2", "delta1", "dCdW2", "dCdW1"] {
        let label = net.labels.iter().find(|(k, ..)| *k == key).unwrap();
        assert_eq!(label.1, "?", "{key} hidden");
    }
    let b = scene.pass().backward;
    let all = texts(&svg);
    assert!(
        !all.contains(&format_number(b.delta2)),
        "delta2 not given away"
    );
    assert!(all.iter().any(|t| t.starts_with("Exercise 7: predict")));
    // No step arrow either: its direction would give the gradients' signs away.
    let overlay = g.map.unwrap().overlay;
    assert_eq!(overlay.arrow_end, overlay.marker);

    let (svg, g, _) = render(&["--out", "q.svg", "--answers", "quiz=7"], Format::Svg);
    let all = texts(&String::from_utf8(svg).unwrap());
    assert!(
        all.contains(&format_number(b.delta2)),
        "the answer key shows delta2"
    );
    let (_, net) = g.network.unwrap();
    assert!(net.labels.iter().all(|(_, v, _)| v != "?"));
}

#[test]
fn the_diagram_alone_fits_its_area_wide_or_tall_and_takes_activation_names() {
    native::load_font().unwrap();
    let diagram = Diagram {
        params: Params {
            w1: 2.0,
            b1: -0.5,
            w2: -1.5,
            b2: 0.5,
        },
        sample: Sample { x: 0.8, y: 0.1 },
        forward: ForwardValues {
            z1: 1.1,
            a1: 0.8,
            z2: -0.7,
            y_hat: 0.33,
        },
        backward: BackwardValues {
            cost: 0.026,
            d_c_d_y_hat: 0.23,
            d_y_hat_d_z2: 0.22,
            delta2: 0.05,
            d_c_d_w2: 0.04,
            d_a1_d_z1: 0.16,
            delta1: -0.012,
            d_c_d_w1: -0.0096,
        },
        cost_name: "squared error",
        hidden_activation: backprop_lab::Activation::Tanh,
        output_activation: backprop_lab::Activation::Relu,
        hide_answers: false,
        backward_pending: false,
    };
    for (size, want) in [((900, 320), Layout::Wide), ((360, 640), Layout::Tall)] {
        let (svg, geo) = draw_svg(size, |root| {
            draw_network(root, &diagram, &NetworkStyle::default()).unwrap()
        });
        assert_eq!(geo.layout, want);
        assert_eq!(geo.labels.len(), 18);
        let (w, h) = (size.0 as f64, size.1 as f64);
        for (x, y) in geo.nodes {
            assert!(x > 0.0 && x < w && y > 0.0 && y < h, "node inside");
        }
        let [a, b, c, d] = geo.nodes;
        if want == Layout::Wide {
            assert!(a.0 < b.0 && b.0 < c.0 && c.0 < d.0, "left to right");
        } else {
            assert!(a.1 < b.1 && b.1 < c.1 && c.1 < d.1, "top to bottom");
        }
        assert_drawn_from_the_pages_layout(&geo);
        let all = texts(&svg);
        for t in [
            "tanh",
            "ReLU",
            "tanh′(z₁) =",
            "ReLU′(z₂) =",
            "−1.500",
            "−0.01200",
            "squared error",
        ] {
            assert!(all.contains(&t.to_string()), "{t}");
        }
        // The negative weight's edge is dashed (many short segments), in the negative colour.
        let neg = hex(RGBColor(0xa8, 0x44, 0x00));
        let dashes = elements(&svg, "polyline")
            .iter()
            .filter(|p| p.get("stroke") == Some(&neg))
            .count();
        assert!(dashes >= 4, "{dashes} dashes");
    }
}

/// The figure's diagram is the page's, scaled: its nodes stand at the layout's centres (the
/// page's `networkLayout()`, [`diagram`]) times the scale, and every label on its layout's
/// row, inside the room the layout gives it there.
fn assert_drawn_from_the_pages_layout(geo: &NetworkGeometry) {
    let layout = if geo.layout == Layout::Tall {
        &diagram::TALL
    } else {
        &diagram::WIDE
    };
    let (s, (ox, oy)) = (geo.scale, geo.origin);
    let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
    for (drawn, p) in geo.nodes.iter().zip(layout.nodes) {
        let [x, y] = p.map(f64::from);
        let at = (ox + s * x, oy + s * y);
        assert!(near(drawn.0, at.0) && near(drawn.1, at.1), "{drawn:?}");
    }
    assert_eq!(geo.labels.len(), layout.labels.len());
    for ((key, _, (x, y)), l) in geo.labels.iter().zip(&layout.labels) {
        assert_eq!(*key, l.key, "in the layout's order");
        let (x, y) = ((x - ox) / s, (y - oy) / s);
        let [left, right] = l.slot.map(f64::from);
        assert!(
            left - 1e-9 <= x && x <= right + 1e-9,
            "{key}: {x} in {left}..{right}"
        );
        // Anchored at its text's middle row: above the layout's baseline, by less than a line.
        let baseline = f64::from(l.y);
        assert!(
            y < baseline && y > baseline - 14.0,
            "{key}: {y} on {baseline}"
        );
    }
}

#[test]
fn numbers_read_as_on_the_page() {
    for (v, want) in [
        (0.12634, "+0.1263"),
        (-2.5, "−2.500"),
        (1.256e-7, "+1.256 × 10⁻⁷"),
        (0.0, "0"),
        (12345.6, "+12346"),
        (99999.7, "+100000"),
        (9.99996, "+10.00"),
        (0.001, "+0.001000"),
        (f64::INFINITY, "+∞ (too large for a float)"),
        (f64::NAN, "undefined (not a number)"),
    ] {
        assert_eq!(format_number(v), want, "{v}");
    }
}

#[test]
fn the_svg_is_touched_up_for_browsers_and_slide_programs() {
    let (svg, _, _) = render(&["--out", "m.svg", "--figure", "map", LINK], Format::Svg);
    let svg = String::from_utf8(svg).unwrap();
    // The heatmap is one PNG with a media type browsers and slide programs accept, of the
    // plot's size in units (its pixels at --scale per unit), and no stand-in is left.
    let images = elements(&svg, "image");
    assert_eq!(images.len(), 1);
    assert!(images[0]["href"].starts_with("data:image/png;base64,iVBORw0KGgo"));
    assert!(
        !svg.contains("#FF00FE"),
        "the heatmap's stand-in was replaced"
    );
    assert!(svg.contains("font-family=\"DejaVu Sans, Verdana, sans-serif\""));
    // Font sizes are the PNG's: plotters' size / 1.1641, not its SVG's size / 1.24.
    assert!(!svg.contains("font-family=\"sans-serif\""));
    let err = native::read_font("/nonexistent/DejaVuSans.ttf").unwrap_err();
    assert!(err.contains("fonts-dejavu-core"), "{err}");
}

#[test]
fn a_race_link_draws_every_rival_with_its_ball_at_its_own_weights() {
    // A gentler rate than LINK's, so every rival stays on the map (off it, balls sit on the edge).
    let link = format!("{LINK}&lr=0.05&race=momentum_0.9,adam");
    let (bytes, g, scene) = render(&["--out", "r.svg", &link, "--figure", "map"], Format::Svg);
    let svg = String::from_utf8(bytes).unwrap();
    assert_well_formed(&svg);
    assert_eq!(scene.session.race().rivals().len(), 2);
    let map = g.map.as_ref().expect("map drawn");
    assert_eq!(map.overlay.rivals.len(), 2);
    let lines = elements(&svg, "polyline");
    for (rival, mark) in scene
        .session
        .race()
        .rivals()
        .iter()
        .zip(&map.overlay.rivals)
    {
        // Level with the lead, where it would be alone.
        assert_eq!(rival.iteration(), scene.run().iteration());
        let mut alone = Trainer::new(scene.run().start(), rival.settings().clone());
        alone.reset();
        alone.advance(60, OnTrouble::Continue);
        assert_eq!(rival.params(), alone.params());
        let q = rival.params();
        let (x, y) = map.geometry.to_pixel(q.w1, q.w2);
        let [bx, by] = mark.ball.expect("ball");
        assert!(
            (bx - x).abs() < 1e-9 && (by - y).abs() < 1e-9,
            "{:?} {q:?}: {:?} vs {:?}",
            rival.settings().optimizer,
            [bx, by],
            [x, y]
        );
        let color = hex(theme::rival_color(rival.settings().optimizer.name(), true));
        let line = lines
            .iter()
            .find(|l| l.get("stroke") == Some(&color))
            .unwrap_or_else(|| panic!("{color} path"));
        let path: Vec<(f64, f64)> = rival
            .history()
            .points()
            .iter()
            .map(|p| (p.params.w1, p.params.w2))
            .collect();
        assert_eq!(path.len(), 61);
        assert_on_path(&vertices(line), &path, &map.geometry);
    }
    // The key names them.
    let words = texts(&svg).join(" ");
    assert!(
        words.contains("Momentum") && words.contains("Adam"),
        "{words}"
    );
}

/// A drawn polyline follows the path: its vertices are path points, in order (those within
/// half a pixel of the last vertex are left out), from the first point to the last.
fn assert_on_path(
    drawn: &[(f64, f64)],
    path: &[(f64, f64)],
    map: &backprop_lab::chart::map::MapGeometry,
) {
    let px: Vec<(f64, f64)> = path.iter().map(|&(a, b)| map.to_pixel(a, b)).collect();
    let near = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).abs() <= 1.0 && (p.1 - q.1).abs() <= 1.0;
    assert!(
        drawn.len() >= 2 && drawn.len() <= path.len(),
        "{} vertices",
        drawn.len()
    );
    assert!(near(drawn[0], px[0]), "starts at the start");
    assert!(
        near(drawn[drawn.len() - 1], px[px.len() - 1]),
        "ends where the run is"
    );
    let mut k = 0;
    for &q in drawn {
        while k < px.len() && !near(px[k], q) {
            k += 1;
        }
        assert!(k < px.len(), "vertex {q:?} is not on the path");
    }
}
