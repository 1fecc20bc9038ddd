//! The slides the page's Export downloads are the figure command's: the same SVG, byte for
//! byte, from the page's own session (opened and replayed in slices, as the page does) as
//! from the command given its link; each with a caption line, labels at least 1.25% of the
//! width, light; a quiz's answers hidden; the chain rule as LaTeX and Markdown with the
//! view's numbers; and the pieces under them (the text table, the PNG encoder, the scale).
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[allow(dead_code)]
#[path = "../examples/figure.rs"]
mod cmd;

use ab_glyph::{Font, FontRef};
use backprop_lab::chain::Chain;
use backprop_lab::figure::{self, Format, MIN_LABEL, Panels, Scene};
use backprop_lab::format;
use backprop_lab::link;
use backprop_lab::session::Session;
use backprop_lab::train::OnTrouble;
use backprop_lab::view::View;
use cmd::native;
use common::figure::{LINK, options};
use common::svg::{elements, texts};

/// The command's SVG for these arguments.
fn command_svg(args: &[&str]) -> String {
    let o = options(args);
    native::load_font().unwrap();
    let scene = Scene::from_options(&o).unwrap();
    String::from_utf8(native::render(&scene, &o, Format::Svg).unwrap().0).unwrap()
}

/// The session as the page has it after opening `link`: opened at iteration 0, then replayed
/// in slices of 7 iterations.
fn page_session(link: &str) -> Session {
    let (state, ignored) = link::decode(link);
    assert!(ignored.is_empty(), "{ignored:?}");
    let mut s = Session::open(&state).unwrap();
    let mut left = state.iterations;
    while left > 0 {
        let n = left.min(7);
        s.change_run(|t| t.advance(n, OnTrouble::Continue));
        left -= n;
    }
    s
}

/// The smallest font size in an SVG and its width.
fn smallest_text(svg: &str) -> (f64, f64) {
    let root = &elements(svg, "svg")[0];
    let width: f64 = root["width"].parse().unwrap();
    let smallest = elements(svg, "text")
        .iter()
        .map(|t| t["font-size"].parse::<f64>().unwrap())
        .fold(f64::INFINITY, f64::min);
    (smallest, width)
}

#[test]
fn the_page_downloads_what_the_command_makes_byte_for_byte() {
    let session = page_session(LINK);
    for kind in Panels::ALL {
        for scale in ["1", "2"] {
            let (page, size) = figure::page_svg(&session, kind, scale.parse().unwrap()).unwrap();
            assert_eq!(size, kind.default_size());
            let command = command_svg(&[
                "--out",
                "x.svg",
                "--figure",
                kind.name(),
                "--scale",
                scale,
                LINK,
            ]);
            assert!(
                page == command,
                "{} at scale {scale}: the SVGs differ",
                kind.name()
            );
        }
    }
    // A quiz too, its answers hidden in both.
    let quiz = page_session("quiz=7");
    let (page, _) = figure::page_svg(&quiz, Panels::Chain, 2.0).unwrap();
    let command = command_svg(&[
        "--out", "q.svg", "--figure", "chain", "--scale", "2", "quiz=7",
    ]);
    assert!(page == command, "the quiz's chain rule differs");
}

#[test]
fn every_slide_has_its_caption_and_labels_of_at_least_one_eightieth_of_its_width() {
    let session = page_session(LINK);
    let t = session.run();
    let p = t.params();
    for kind in Panels::ALL {
        let (svg, _) = figure::page_svg(&session, kind, 2.0).unwrap();
        let all = texts(&svg).join("\n");
        // What it shows, the parameters, the iteration.
        let caption = format!(
            "Iteration 60 · w₁ = {}, b₁ = {}, w₂ = {}, b₂ = {} · x = 0.2, y = 0.9 (point 1 of 2) · η = 3",
            format::plain(p.w1),
            format::plain(p.b1),
            format::plain(p.w2),
            format::plain(p.b2)
        );
        let flat = all.replace('\n', " · ");
        assert!(
            flat.contains(&caption),
            "{}: {caption} in {all}",
            kind.name()
        );
        for part in [
            "squared error",
            "gradient descent",
            "sigmoid nodes",
            "mean cost",
        ] {
            assert!(all.contains(part), "{}: {part}", kind.name());
        }
        assert!(all.contains("after 60 iterations") || all.contains("After 60 iterations"));
        // Light: the first thing drawn is a white background over the whole slide.
        let rects = elements(&svg, "rect");
        assert_eq!(rects[0]["fill"], "#FFFFFF", "{}: light", kind.name());
        let (smallest, width) = smallest_text(&svg);
        if kind == Panels::Both {
            continue; // two pictures share one slide
        }
        assert!(
            smallest >= MIN_LABEL * width,
            "{}: text of {smallest} on a slide {width} wide",
            kind.name()
        );
    }
    // At other sizes the command accepts, too: a 4:3 slide and a small one.
    for (w, h) in [("1024", "768"), ("800", "450"), ("2400", "1350")] {
        for kind in ["map", "loss", "chain"] {
            let svg = command_svg(&[
                "--out", "s.svg", "--figure", kind, "--width", w, "--height", h, LINK,
            ]);
            let (smallest, width) = smallest_text(&svg);
            assert!(
                smallest >= MIN_LABEL * width,
                "{kind} at {w} x {h}: text of {smallest}"
            );
        }
    }
}

#[test]
fn a_quiz_keeps_its_answers_hidden_and_the_answer_key_shows_them() {
    let mut quiz = page_session("quiz=7");
    let truth = {
        let t = quiz.run();
        let pass = backprop_lab::train::Pass::at(t.params(), t.settings());
        let b = pass.backward;
        [b.delta2, b.delta1, b.d_c_d_w2, b.d_c_d_w1].map(format::plain)
    };
    let strip = |s: &str| s.trim_start_matches('−').to_string();
    for kind in [Panels::Chain, Panels::Network, Panels::Map, Panels::Loss] {
        let (svg, _) = figure::page_svg(&quiz, kind, 2.0).unwrap();
        for t in &truth {
            assert!(!svg.contains(&strip(t)), "{}: {t} given away", kind.name());
        }
    }
    let (chain, _) = figure::page_svg(&quiz, Panels::Chain, 2.0).unwrap();
    let lines = texts(&chain);
    for name in ["δ₂", "∂C/∂w₂", "δ₁", "∂C/∂w₁"] {
        let at = lines.iter().position(|l| l == name).unwrap();
        assert!(lines[at + 1].ends_with("= ?"), "{name}: {}", lines[at + 1]);
    }
    for markdown in [false, true] {
        let text = figure::chain_text(&quiz, markdown);
        for t in &truth {
            assert!(!text.contains(&strip(t)), "{t} given away in {text}");
        }
        assert!(text.contains("hidden until they are checked"));
    }
    // Checked, the answers show, in the slide and the text.
    quiz.check_quiz([None; 4]).unwrap();
    let (chain, _) = figure::page_svg(&quiz, Panels::Chain, 2.0).unwrap();
    let text = figure::chain_text(&quiz, true);
    for t in &truth {
        assert!(
            chain.contains(t.as_str()) && text.contains(t.as_str()),
            "{t}"
        );
    }
    // The command's answer key is the checked page's slide.
    let key = command_svg(&["--out", "k.svg", "--figure", "chain", "--answers", "quiz=7"]);
    for t in &truth {
        assert!(key.contains(t.as_str()), "{t} in the answer key");
    }
}

#[test]
fn latex_and_markdown_carry_the_views_numbers() {
    let session = page_session(LINK);
    let view = View::of(&session);
    let markdown = figure::chain_text(&session, true);
    let latex = figure::chain_text(&session, false);
    let keys = [
        "w1", "b1", "x", "z1", "a1", "w2", "b2", "z2", "yHat", "cost", "dCdYHat", "dYHatdZ2",
        "delta2", "dCdW2", "dA1dZ1", "delta1", "dCdW1",
    ];
    for key in keys {
        let text = format::plain(view.value(key).unwrap());
        assert!(markdown.contains(&text), "Markdown: {key} = {text}");
        let tex = text.replace('−', "-");
        assert!(latex.contains(&tex), "LaTeX: {key} = {tex}");
    }
    assert!(markdown.starts_with("**The chain rule on the network's numbers, after 60 iterations"));
    assert!(markdown.contains("\n- δ₂ = ∂C/∂ŷ × σ′(z₂) = "));
    assert!(latex.contains("\\begin{align*}\n") && latex.ends_with("\\end{align*}\n"));
    assert!(
        latex.contains("\\delta_{2} &= \\partial C/\\partial \\hat{y} \\times \\sigma'(z_{2})")
    );
    // Every line's braces balance, and no Unicode math is left for LaTeX to choke on.
    for line in latex.lines().filter(|l| !l.starts_with('%')) {
        assert_eq!(
            line.matches('{').count(),
            line.matches('}').count(),
            "{line}"
        );
        assert!(line.is_ascii(), "not ASCII: {line}");
    }
    // The same numbers as the narration's arithmetic (the page's words).
    let words = backprop_lab::narration::Words::of(&view, session.run().settings());
    let chain = Chain::of(&view, session.run().settings());
    let delta1 = chain.lines.iter().find(|l| l.lhs == "δ₁").unwrap();
    assert!(words.arithmetic.iter().any(|l| l.ends_with(&format!(
        "= {}",
        format::plain(view.value("delta1").unwrap())
    ))));
    assert!(
        delta1
            .text()
            .ends_with(&format::plain(view.value("delta1").unwrap()))
    );
}

#[test]
fn every_activation_and_cost_writes_its_chain_rule() {
    for link in [
        "act1=tanh&act2=sigmoid&cost=crossEntropy&data=0.5_1",
        "act1=relu&act2=linear&w1=-1&data=2_0.5",
        "act1=linear&act2=tanh&it=3",
        "act1=relu&act2=relu&w1=2&w2=1&data=0.5_0.3",
    ] {
        let session = page_session(link);
        let view = View::of(&session);
        let chain = Chain::of(&view, session.run().settings());
        assert_eq!(chain.lines.len(), 14, "{link}");
        assert!(chain.hidden.is_none());
        for l in &chain.lines {
            assert!(
                !l.text().contains('?') && !l.text().contains("NaN"),
                "{link}: {}",
                l.text()
            );
        }
        let latex = chain.latex("caption");
        for line in latex.lines().filter(|l| !l.starts_with('%')) {
            assert!(line.is_ascii(), "{link}: not ASCII: {line}");
        }
        let (svg, _) = figure::page_svg(&session, Panels::Chain, 1.0).unwrap();
        assert!(svg.contains("Backward pass, by the chain rule"));
    }
}

#[test]
fn the_text_table_is_dejavu_sans_and_knows_every_character_drawn() {
    let read = |p: &str| native::read_font(p).unwrap();
    let (regular, bold) = (read(native::FONT), read(native::FONT_BOLD));
    let regular = FontRef::try_from_slice(&regular).unwrap();
    let bold = FontRef::try_from_slice(&bold).unwrap();
    for &(c, r, b) in figure::metrics::table() {
        assert_eq!(
            regular.h_advance_unscaled(regular.glyph_id(c)),
            r as f32,
            "{c:?}"
        );
        assert_eq!(
            bold.h_advance_unscaled(bold.glyph_id(c)),
            b as f32,
            "{c:?} bold"
        );
    }
    let height = regular.ascent_unscaled() - regular.descent_unscaled();
    assert_eq!(height as f64, figure::metrics::HEIGHT_UNITS);
    // Every character of every slide's text is in the table (so it is measured truly).
    let session = page_session(&format!("{LINK}&race=momentum_0.9,adam"));
    for kind in Panels::ALL {
        let (svg, _) = figure::page_svg(&session, kind, 1.0).unwrap();
        if kind == Panels::Loss {
            // A race's loss slide names each curve, as the page's legend does.
            let all = texts(&svg);
            for name in ["Gradient descent (this run)", "Momentum", "Adam"] {
                assert!(all.iter().any(|t| t == name), "the key names {name}");
            }
        }
        for t in texts(&svg) {
            for c in t.chars() {
                assert!(figure::metrics::knows(c), "{}: {c:?} in {t:?}", kind.name());
            }
        }
    }
}

#[test]
fn the_png_at_a_scale_is_the_same_figure_sharper() {
    let o = options(&["--out", "m.png", "--figure", "map", "--scale", "2", LINK]);
    native::load_font().unwrap();
    let scene = Scene::from_options(&o).unwrap();
    let (png, g2) = native::render(&scene, &o, Format::Png).unwrap();
    let img = image::load_from_memory(&png).unwrap().to_rgb8();
    assert_eq!(img.dimensions(), (2000, 1800));
    let corner = img.get_pixel(2, 2);
    assert!(corner.0.iter().all(|&c| c >= 240), "light: {corner:?}");
    // The layout is the SVG's (figure units), only the pixels are more.
    let (_, g1) = native::render(&scene, &o, Format::Svg).unwrap();
    assert_eq!(g1, g2);
    // The heatmap inside the SVG has 2 pixels per unit.
    let svg = figure::svg(&scene, &o.style, (o.width, o.height))
        .unwrap()
        .0;
    let image_tag = &elements(&svg, "image")[0];
    let data = image_tag["href"].trim_start_matches("data:image/png;base64,");
    let bytes = decode64(data);
    let heat = image::load_from_memory(&bytes).unwrap();
    let w: f64 = image_tag["width"].parse().unwrap();
    assert_eq!(heat.width() as f64, (w * 2.0).round());
}

#[test]
fn the_png_encoder_round_trips() {
    let (w, h) = (37u32, 11u32);
    let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 7 % 251) as u8).collect();
    let png = figure::png::encode_rgb(w, h, &rgb);
    let back = image::load_from_memory(&png).unwrap().to_rgb8();
    assert_eq!(back.dimensions(), (w, h));
    assert_eq!(back.into_raw(), rgb);
    assert_eq!(figure::png::base64(b"Man"), "TWFu");
    assert_eq!(figure::png::base64(b"Ma"), "TWE=");
    assert_eq!(figure::png::base64(b"M"), "TQ==");
}

fn decode64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != b'=')
            .fold(0u32, |n, (i, &c)| n | u32::from(value(c)) << (18 - 6 * i));
        let bytes = chunk.iter().filter(|c| **c != b'=').count() - 1;
        out.extend_from_slice(&n.to_be_bytes()[1..1 + bytes]);
    }
    out
}

/// The network slide shows what the page's diagram shows at that moment: after the forward
/// phase the backward pass's numbers are "—" (not computed yet), never numbers worked out
/// ahead of it; after the backward phase they are there.
#[test]
fn the_network_slide_waits_for_the_backward_pass_as_the_page_does() {
    let mut s = page_session(LINK);
    let gradient = |s: &Session| format::signed(View::of(s).value("dCdW1").unwrap());
    let before = gradient(&s);
    s.change_run(|t| {
        t.step_phase();
    });
    let (svg, _) = figure::page_svg(&s, Panels::Network, 2.0).unwrap();
    let words = texts(&svg).join(" ");
    assert!(
        words.contains('—'),
        "pending numbers as on the page: {words}"
    );
    assert!(
        !words.contains(before.trim_start_matches('+')),
        "{before} before it is computed: {words}"
    );
    s.change_run(|t| {
        t.step_phase();
    });
    let (svg, _) = figure::page_svg(&s, Panels::Network, 2.0).unwrap();
    let words = texts(&svg).join(" ");
    assert!(!words.contains('—'), "{words}");
    assert!(
        words.contains(gradient(&s).trim_start_matches('+')),
        "{words}"
    );
}
