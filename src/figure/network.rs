//! The network diagram, drawn by plotters: x -> hidden node (z1 -> a1) -> output node
//! (z2 -> y_hat) -> cost C against the target y, with the weights and biases on their edges
//! and nodes, the forward values (teal) and the backward quantities (magenta: the activation
//! derivatives, delta2, delta1 and the weight gradients), in the page's visual language
//! (`www/js/network.js`, `www/style.css`): edge colour is the weight's sign (blue +, orange -
//! and dashed) and its thickness the weight's size. Laid out as the page lays it out, by
//! [`crate::diagram`]'s layouts, scaled to the area.
//!
//! Generic over the backend like the other charts (SVG and PNG for the figure command). It
//! takes plain numbers and names only ([`Diagram`]), so it knows nothing of how they were
//! computed: the activations are given by name ("sigmoid", "tanh", ...).

use crate::activation::Activation;
use crate::chart::theme::{self, Theme};
use crate::diagram::{self, Anchor};
use crate::net::{Params, Sample};
use crate::train::WEIGHT_RANGE;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The forward values for one sample, left to right.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ForwardValues {
    pub z1: f64,
    pub a1: f64,
    pub z2: f64,
    pub y_hat: f64,
}

/// The backward quantities for the same sample, right to left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BackwardValues {
    /// The cost C(y_hat, y) of this sample.
    pub cost: f64,
    /// dC/dy_hat.
    pub d_c_d_y_hat: f64,
    /// The output activation's derivative at z2 (sigma'(z2) for the sigmoid).
    pub d_y_hat_d_z2: f64,
    /// delta2 = dC/dz2 = dC/db2.
    pub delta2: f64,
    pub d_c_d_w2: f64,
    /// The hidden activation's derivative at z1.
    pub d_a1_d_z1: f64,
    /// delta1 = dC/dz1 = dC/db1 = delta2 * w2 * f'(z1).
    pub delta1: f64,
    pub d_c_d_w1: f64,
}

/// Everything the diagram shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diagram<'a> {
    /// The weights and biases now.
    pub params: Params,
    /// The sample the values are for.
    pub sample: Sample,
    pub forward: ForwardValues,
    pub backward: BackwardValues,
    /// Shown under the cost node, as given ("squared error", "cross-entropy").
    pub cost_name: &'a str,
    /// The activations of the hidden and output nodes.
    pub hidden_activation: Activation,
    pub output_activation: Activation,
    /// An exercise: the numbers a quiz withholds are shown as "?", by the page's own rule
    /// ([`crate::view::withheld_by_quiz`]).
    pub hide_answers: bool,
    /// Right after the forward phase: the backward pass has not run, so its numbers are "—",
    /// as on the page, not numbers computed ahead of it.
    pub backward_pending: bool,
}

/// Which arrangement: left to right, or top to bottom (the page's phone layout).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Whichever fits the area with larger text (wide unless tall is clearly better).
    #[default]
    Auto,
    Wide,
    Tall,
}

/// How to draw the diagram.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NetworkStyle {
    pub dark: bool,
    pub layout: Layout,
}

/// Where the diagram landed, in backend pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkGeometry {
    /// The layout used (never `Auto`).
    pub layout: Layout,
    /// Backend pixels per design unit (the page's diagram is drawn at 1).
    pub scale: f64,
    /// Where the layout's design point (0, 0) landed: a point (x, y) of
    /// [`crate::diagram`]'s layout is drawn at `origin + scale * (x, y)`.
    pub origin: (f64, f64),
    /// Font size of the value labels, in backend pixels.
    pub font_px: f64,
    /// Centres of x, the hidden node, the output node and the cost node.
    pub nodes: [(f64, f64); 4],
    /// Every label as drawn: its key (as in the page's diagram: "w1", "delta2", "dCdW1", ...),
    /// the text of its value, and the point it is anchored at (its text's middle row).
    pub labels: Vec<(&'static str, String, (f64, f64))>,
}

/// Colours the theme does not carry: the sign colours and the node fill, as `--pos`, `--neg`
/// and `--node` in `www/style.css`.
struct Palette {
    theme: Theme,
    pos: RGBColor,
    neg: RGBColor,
    node: RGBColor,
}

impl Palette {
    fn pick(dark: bool) -> Palette {
        if dark {
            Palette {
                theme: theme::DARK,
                pos: RGBColor(0x6c, 0xb6, 0xff),
                neg: RGBColor(0xff, 0xa6, 0x57),
                node: RGBColor(0x0e, 0x12, 0x17),
            }
        } else {
            Palette {
                theme: theme::LIGHT,
                pos: RGBColor(0x0a, 0x58, 0xb8),
                neg: RGBColor(0xa8, 0x44, 0x00),
                node: RGBColor(0xff, 0xff, 0xff),
            }
        }
    }

    /// Blue for positive, orange for negative, muted for zero.
    fn sign(&self, v: f64) -> RGBColor {
        if v > 0.0 {
            self.pos
        } else if v < 0.0 {
            self.neg
        } else {
            self.theme.muted
        }
    }
}

/// What a label is, which decides its colours (as the page's CSS classes do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Forward,
    Target,
    Param,
    Backward,
}

/// Where plotters anchors a label: its digits' middle, this many ems above the layout's
/// baseline (DejaVu Sans's capitals and digits are 0.73 em tall).
const MIDDLE: f64 = 0.36;

fn hpos(a: Anchor) -> HPos {
    match a {
        Anchor::Start => HPos::Left,
        Anchor::Middle => HPos::Center,
        Anchor::End => HPos::Right,
    }
}

/// Where the legend ("→ forward pass  ← backward pass") goes, in design units: above the
/// page's view box (the page shows it in HTML above the diagram), from its left.
fn legend_at(g: &diagram::Layout) -> (f64, f64) {
    let [x, y, ..] = g.view_box.map(f64::from);
    (x + 8.0, y - 12.0)
}

/// Where the cost's name goes (the page names it in its controls): centred under the cost
/// node's box.
fn cost_name_at(g: &diagram::Layout) -> (f64, f64) {
    let [x, y] = g.nodes[3].map(f64::from);
    (x, y + f64::from(g.cost_box[1]) + 18.0)
}

/// Label font size in design units (the page's 14px) and the node names' (18px).
const LABEL_PX: f64 = 14.0;
const NODE_PX: f64 = 18.0;

/// A number for reading, as the page writes it ([`crate::format::signed`]).
pub use crate::format::signed as format_number;

/// Draws the diagram centred in `root`, scaled to fit it (the whole area is painted with the
/// theme's background first).
pub fn draw_network<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    d: &Diagram,
    style: &NetworkStyle,
) -> Result<NetworkGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = Palette::pick(style.dark);
    let t = palette.theme;
    root.fill(&t.background)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);

    // Every label's text, the same in both layouts, measured at the design size: the layout
    // is scaled so that the nodes and all the text fit (long numbers included).
    let symbols = Symbols::new(d);
    let texts: Vec<LabelText> = diagram::WIDE
        .labels
        .iter()
        .map(|&diagram::Label { key, .. }| {
            let (symbol, kind, value) = symbols.get(key, d);
            let hidden = d.hide_answers && crate::view::withheld_by_quiz(key);
            let pending = d.backward_pending && matches!(kind, Kind::Backward);
            LabelText {
                key,
                symbol: format!("{symbol} ="),
                value: if hidden {
                    "?".to_string()
                } else if pending {
                    "—".to_string()
                } else {
                    format_number(value)
                },
                number: value,
                kind,
            }
        })
        .collect();
    let design =
        |size: f64, weight: FontStyle| TextStyle::from((theme::FONT, size, weight).into_font());
    let width = |text: &str, size: f64, weight: FontStyle| {
        text_size(root, text, &design(size, weight), size).0 as f64
    };
    let pair_width = |l: &LabelText| {
        width(&l.symbol, LABEL_PX, FontStyle::Bold)
            + 0.3 * LABEL_PX
            + width(&l.value, LABEL_PX, FontStyle::Bold)
    };
    let widths: Vec<f64> = texts.iter().map(pair_width).collect();
    // "→ forward pass", "← backward pass": the arrows the way the layout's passes travel.
    let legend = |g: &diagram::Layout| [0, 1].map(|i| format!("{} {}", g.arrows[i], LEGEND[i]));
    let legend_w = |g: &diagram::Layout| {
        let [f, b] = legend(g).map(|t| width(&t, LABEL_PX, FontStyle::Bold));
        f + LEGEND_GAP + b
    };
    let cost_name_w = width(d.cost_name, LABEL_PX * 0.9, FontStyle::Normal);
    // Each label where it stands in a layout: its text's width fitted into its slot as the
    // page fits it, the x of its anchor and the y of its middle.
    let placed = |g: &diagram::Layout| -> Vec<(usize, f64, f64, HPos)> {
        g.labels
            .iter()
            .filter_map(|l| {
                let i = texts.iter().position(|t| t.key == l.key)?;
                let (x, _) = l.fit(widths[i]);
                Some((i, x, f64::from(l.y) - MIDDLE * LABEL_PX, hpos(l.anchor)))
            })
            .collect()
    };
    let bounds = |g: &diagram::Layout| {
        let mut b = Bounds::default();
        let [bw, bh, _] = g.cost_box.map(f64::from);
        let r = f64::from(g.r);
        for (i, p) in g.nodes.iter().enumerate() {
            let [x, y] = p.map(f64::from);
            let (rx, ry) = if i == 3 { (bw, bh) } else { (r, r) };
            b.add(x - rx, y - ry);
            b.add(x + rx, y + ry);
        }
        let half = 0.6 * LABEL_PX;
        let mut text = |x: f64, y: f64, anchor: HPos, tw: f64| {
            let x0 = match anchor {
                HPos::Left => x,
                HPos::Center => x - tw / 2.0,
                HPos::Right => x - tw,
            };
            b.add(x0, y - half);
            b.add(x0 + tw, y + half);
        };
        for (i, x, y, anchor) in placed(g) {
            text(x, y, anchor, widths[i]);
        }
        let (lx, ly) = legend_at(g);
        text(lx, ly, HPos::Left, legend_w(g));
        let (cx, cy) = cost_name_at(g);
        text(cx, cy, HPos::Center, cost_name_w);
        b.pad(6.0)
    };
    let fit = |b: &Bounds| (w / b.width()).min(h / b.height());
    let (wide, tall) = (bounds(&diagram::WIDE), bounds(&diagram::TALL));
    let layout = match style.layout {
        // Whichever shows the text larger; wide (the page's desktop look) unless tall wins
        // clearly.
        Layout::Auto if fit(&tall) > 1.1 * fit(&wide) => Layout::Tall,
        Layout::Auto => Layout::Wide,
        l => l,
    };
    let (g, b) = if layout == Layout::Tall {
        (&diagram::TALL, tall)
    } else {
        (&diagram::WIDE, wide)
    };
    let s = fit(&b).max(0.05);
    let origin = (
        (w - b.width() * s) / 2.0 - b.x0 * s,
        (h - b.height() * s) / 2.0 - b.y0 * s,
    );
    let at = |x: f64, y: f64| (origin.0 + x * s, origin.1 + y * s);
    let ip = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
    let px = |v: f64| (v * s).round().max(1.0) as u32;
    let nodes = g.nodes.map(|[x, y]| at(x.into(), y.into()));
    let (r, r_in) = (f64::from(g.r), f64::from(g.input_r));
    let [xn, hn, on, cn] = nodes;

    // Edges first, centre to centre; the nodes cover their ends.
    draw_edge(root, xn, hn, d.params.w1, &palette, s)?;
    draw_edge(root, hn, on, d.params.w2, &palette, s)?;
    root.draw(&PathElement::new(
        vec![ip(on), ip(cn)],
        t.line.stroke_width(px(3.0)),
    ))?;

    // Nodes: white (dark: near black) discs with a text-coloured ring; the cost a rounded box.
    let fill = palette.node.filled();
    let ring = t.text.stroke_width(px(2.0));
    let font = |size: f64, weight: FontStyle| {
        TextStyle::from((theme::FONT, size * s, weight).into_font())
            .pos(Pos::new(HPos::Center, VPos::Center))
    };
    let node_text = |size: f64| font(size, FontStyle::Bold).color(&t.text);
    root.draw(&Circle::new(ip(xn), px(r_in), fill))?;
    root.draw(&Circle::new(ip(xn), px(r_in), ring))?;
    root.draw(&Text::new("x", ip(xn), node_text(NODE_PX)))?;
    // A neuron shows its activation as the page does: the symbol, and a small plot of g(z)
    // with a dot at the current z, so a flat (saturated or dead) stretch shows where it sits.
    for (c, name, z) in [
        (hn, d.hidden_activation, d.forward.z1),
        (on, d.output_activation, d.forward.z2),
    ] {
        root.draw(&Circle::new(ip(c), px(r), fill))?;
        root.draw(&Circle::new(ip(c), px(r), ring))?;
        let symbol = name.symbol();
        let glyph = Glyph::new(name, c, r * s);
        let size = if symbol.chars().count() > 2 {
            13.0
        } else {
            15.0
        };
        root.draw(&Text::new(
            symbol.to_string(),
            ip((c.0, c.1 - 0.3 * r * s)),
            node_text(size),
        ))?;
        root.draw(&PathElement::new(
            glyph.curve(),
            t.muted.stroke_width(px(1.6)),
        ))?;
        let (dot, off_scale) = glyph.dot(z);
        if off_scale {
            root.draw(&Circle::new(ip(dot), px(3.2), fill))?;
            root.draw(&Circle::new(
                ip(dot),
                px(3.2),
                t.forward.stroke_width(px(1.5)),
            ))?;
        } else {
            root.draw(&Circle::new(ip(dot), px(3.2), t.forward.filled()))?;
        }
    }
    let [bw, bh, br] = g.cost_box.map(f64::from);
    let corners = rounded_rect(cn, bw * s, bh * s, br * s);
    root.draw(&Polygon::new(corners.clone(), fill))?;
    let mut outline = corners;
    outline.push(outline[0]);
    root.draw(&PathElement::new(outline, ring))?;
    root.draw(&Text::new("C", ip(cn), node_text(NODE_PX)))?;

    // Labels: "symbol = value", symbol and value coloured by kind as on the page.
    let mut labels = Vec::new();
    for (i, x, y, anchor) in placed(g) {
        let l = &texts[i];
        let (sym_color, val_color, sym_weight) = match l.kind {
            Kind::Forward | Kind::Target => (t.muted, t.forward, FontStyle::Normal),
            Kind::Backward => (t.backward, t.backward, FontStyle::Normal),
            Kind::Param => (t.text, palette.sign(l.number), FontStyle::Bold),
        };
        let sym_style = font(LABEL_PX, sym_weight).color(&sym_color);
        let val_style = font(LABEL_PX, FontStyle::Bold).color(&val_color);
        draw_pair(
            root,
            at(x, y),
            anchor,
            (&l.symbol, &sym_style),
            (&l.value, &val_style),
            LABEL_PX * s,
        )?;
        labels.push((l.key, l.value.clone(), at(x, y)));
    }

    // The cost's name under the cost node, and the legend of the two colours.
    let (cx, cy) = cost_name_at(g);
    root.draw(&Text::new(
        d.cost_name.to_string(),
        ip(at(cx, cy)),
        font(LABEL_PX * 0.9, FontStyle::Normal).color(&t.muted),
    ))?;
    let [forward, backward] = legend(g);
    let left = Pos::new(HPos::Left, VPos::Center);
    let fwd = font(LABEL_PX, FontStyle::Bold).color(&t.forward).pos(left);
    let bwd = font(LABEL_PX, FontStyle::Bold).color(&t.backward).pos(left);
    let (fw, _) = text_size(root, &forward, &fwd, LABEL_PX * s);
    let (lx, ly) = legend_at(g);
    let (lx, ly) = at(lx, ly);
    root.draw(&Text::new(forward, ip((lx, ly)), fwd))?;
    root.draw(&Text::new(
        backward,
        ip((lx + fw as f64 + LEGEND_GAP * s, ly)),
        bwd,
    ))?;

    Ok(NetworkGeometry {
        layout,
        scale: s,
        origin,
        font_px: LABEL_PX * s,
        nodes,
        labels,
    })
}

/// The legend's words, after each pass's arrow.
const LEGEND: [&str; 2] = ["forward pass", "backward pass"];
/// Space between the legend's two parts, in design units.
const LEGEND_GAP: f64 = 16.0;

/// A label's texts: "w₁ =" and "+2.000".
struct LabelText {
    key: &'static str,
    symbol: String,
    value: String,
    number: f64,
    kind: Kind,
}

/// A box growing to hold points, in design units.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
        }
    }
}

impl Bounds {
    fn add(&mut self, x: f64, y: f64) {
        self.x0 = self.x0.min(x);
        self.y0 = self.y0.min(y);
        self.x1 = self.x1.max(x);
        self.y1 = self.y1.max(y);
    }
    fn pad(self, p: f64) -> Bounds {
        Bounds {
            x0: self.x0 - p,
            y0: self.y0 - p,
            x1: self.x1 + p,
            y1: self.y1 + p,
        }
    }
    fn width(&self) -> f64 {
        (self.x1 - self.x0).max(1.0)
    }
    fn height(&self) -> f64 {
        (self.y1 - self.y0).max(1.0)
    }
}

/// Label symbols, which depend on the activations' names.
struct Symbols {
    d_out: String,
    d_hidden: String,
}

impl Symbols {
    fn new(d: &Diagram) -> Symbols {
        Symbols {
            d_out: format!("{}′(z₂)", d.output_activation.symbol()),
            d_hidden: format!("{}′(z₁)", d.hidden_activation.symbol()),
        }
    }

    /// (symbol, kind, value) of a label.
    fn get<'a>(&'a self, key: &str, d: &Diagram) -> (&'a str, Kind, f64) {
        let (p, f, b) = (&d.params, &d.forward, &d.backward);
        match key {
            "x" => ("x", Kind::Forward, d.sample.x),
            "y" => ("y", Kind::Target, d.sample.y),
            "w1" => ("w₁", Kind::Param, p.w1),
            "b1" => ("b₁", Kind::Param, p.b1),
            "w2" => ("w₂", Kind::Param, p.w2),
            "b2" => ("b₂", Kind::Param, p.b2),
            "z1" => ("z₁", Kind::Forward, f.z1),
            "a1" => ("a₁", Kind::Forward, f.a1),
            "z2" => ("z₂", Kind::Forward, f.z2),
            "yHat" => ("ŷ", Kind::Forward, f.y_hat),
            "cost" => ("C", Kind::Forward, b.cost),
            "dCdYHat" => ("∂C/∂ŷ", Kind::Backward, b.d_c_d_y_hat),
            "dYHatdZ2" => (&self.d_out, Kind::Backward, b.d_y_hat_d_z2),
            "delta2" => ("δ₂ = ∂C/∂z₂", Kind::Backward, b.delta2),
            "dCdW2" => ("∂C/∂w₂", Kind::Backward, b.d_c_d_w2),
            "dA1dZ1" => (&self.d_hidden, Kind::Backward, b.d_a1_d_z1),
            "delta1" => ("δ₁ = ∂C/∂z₁", Kind::Backward, b.delta1),
            _ => ("∂C/∂w₁", Kind::Backward, b.d_c_d_w1),
        }
    }
}

/// The z range of a neuron's glyph.
const GLYPH_Z: f64 = 5.0;

/// A neuron's activation glyph: where g(z) is plotted inside the circle (in backend pixels).
struct Glyph {
    kind: Activation,
    left: f64,
    width: f64,
    top: f64,
    height: f64,
    lo: f64,
    hi: f64,
}

impl Glyph {
    fn new(kind: Activation, (cx, cy): (f64, f64), r: f64) -> Glyph {
        Glyph {
            kind,
            left: cx - 0.55 * r,
            width: 1.1 * r,
            top: cy + 0.12 * r,
            height: 0.42 * r,
            lo: kind.apply(-GLYPH_Z),
            hi: kind.apply(GLYPH_Z),
        }
    }

    fn at(&self, z: f64) -> (f64, f64) {
        let v = self.kind.apply(z);
        (
            self.left + (z + GLYPH_Z) / (2.0 * GLYPH_Z) * self.width,
            self.top + self.height - (v - self.lo) / (self.hi - self.lo) * self.height,
        )
    }

    fn curve(&self) -> Vec<(i32, i32)> {
        (0..=24)
            .map(|i| {
                let (x, y) = self.at(-GLYPH_Z + i as f64 / 24.0 * 2.0 * GLYPH_Z);
                (x.round() as i32, y.round() as i32)
            })
            .collect()
    }

    /// The dot at z, and whether z was beyond the glyph's range (then drawn hollow at its end).
    fn dot(&self, z: f64) -> ((f64, f64), bool) {
        let zc = if z.is_finite() {
            z.clamp(-GLYPH_Z, GLYPH_Z)
        } else {
            0.0
        };
        (self.at(zc), zc != z)
    }
}

/// An edge coloured by the weight's sign (dashed when negative), as thick as the weight is
/// large (up to the sliders' range, |w| = [`WEIGHT_RANGE`]), as on the page.
fn draw_edge<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (f64, f64),
    b: (f64, f64),
    w: f64,
    palette: &Palette,
    s: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let m = if w.is_finite() {
        w.abs().min(WEIGHT_RANGE) / WEIGHT_RANGE
    } else {
        1.0
    };
    let width = ((1.5 + 7.0 * m.sqrt()) * s).round().max(1.0) as u32;
    let style = palette.sign(w).stroke_width(width);
    let points = [
        (a.0.round() as i32, a.1.round() as i32),
        (b.0.round() as i32, b.1.round() as i32),
    ];
    if w < 0.0 {
        // The page's 7/4 dashes, lengthened with the line so thick ones stay dashes.
        let dash = (7.0 * s + 1.2 * width as f64).round() as i32;
        let gap = (4.0 * s + 0.6 * width as f64).round() as i32;
        root.draw(&DashedPathElement::new(
            points,
            dash.max(2),
            gap.max(1),
            style,
        ))
    } else {
        root.draw(&PathElement::new(points.to_vec(), style))
    }
}

/// The outline of a w x h box (half sizes `hw`, `hh`) centred on `c`, corners rounded by `r`.
fn rounded_rect(c: (f64, f64), hw: f64, hh: f64, r: f64) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    let corners = [
        (c.0 + hw - r, c.1 - hh + r, -90.0f64),
        (c.0 + hw - r, c.1 + hh - r, 0.0),
        (c.0 - hw + r, c.1 + hh - r, 90.0),
        (c.0 - hw + r, c.1 - hh + r, 180.0),
    ];
    for (x, y, start) in corners {
        for k in 0..=6 {
            let a = (start + 15.0 * k as f64).to_radians();
            out.push((
                (x + r * a.cos()).round() as i32,
                (y + r * a.sin()).round() as i32,
            ));
        }
    }
    out
}

/// Text size in backend pixels; a rough estimate if the backend cannot measure.
fn text_size<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    font_px: f64,
) -> (u32, u32) {
    root.estimate_text_size(text, style).unwrap_or_else(|_| {
        (
            (text.chars().count() as f64 * 0.6 * font_px).ceil() as u32,
            font_px.ceil() as u32,
        )
    })
}

/// "symbol = value" in two colours. The symbol ends and the value starts at the same point
/// whatever font the viewer substitutes (SVG), so they never overlap; a centred pair is
/// centred on `p` as measured here.
fn draw_pair<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    p: (f64, f64),
    anchor: HPos,
    (sym, sym_style): (&str, &TextStyle),
    (val, val_style): (&str, &TextStyle),
    font_px: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let gap = 0.3 * font_px;
    let (ws, _) = text_size(root, sym, sym_style, font_px);
    let (wv, _) = text_size(root, val, val_style, font_px);
    let split = match anchor {
        HPos::Left => p.0 + ws as f64 + gap / 2.0,
        HPos::Right => p.0 - wv as f64 - gap / 2.0,
        HPos::Center => p.0 - (ws as f64 + gap + wv as f64) / 2.0 + ws as f64 + gap / 2.0,
    };
    let y = p.1.round() as i32;
    root.draw(&Text::new(
        sym.to_string(),
        ((split - gap / 2.0).round() as i32, y),
        sym_style.pos(Pos::new(HPos::Right, VPos::Center)),
    ))?;
    root.draw(&Text::new(
        val.to_string(),
        ((split + gap / 2.0).round() as i32, y),
        val_style.pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    Ok(())
}
