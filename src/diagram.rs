//! The network diagram's layouts, the one copy: where the nodes and every label sit, wide
//! (left to right, for desktops) and tall (top to bottom, for phones), in whole design units
//! (the page's SVG viewBox units, text at 14 units; whole numbers keep the tables small in the
//! page's first wasm part). The page's SVG (`www/js/network.js`, through
//! `networkLayout()`) and the figure command's diagram ([`crate::figure::network`], scaled to
//! its area) both draw from them. `www/style.css` gives the page's diagram box each view
//! box's proportions (`aspect-ratio`): keep the two in step.

/// Where a label's text stands at its x: its start, its middle or its end (SVG's
/// `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    /// "start", "middle" or "end", as SVG's `text-anchor` says it.
    pub fn name(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One "symbol = value" label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Label {
    /// The value it shows, by its name in a view ("w1", "delta2", "dCdW1", ...).
    pub key: &'static str,
    /// Where its text is anchored; y is its baseline.
    pub x: i16,
    pub y: i16,
    pub anchor: Anchor,
    /// The room it owns on its row, [left, right]: clear of the nodes and of every other
    /// label there. A label longer than it (a number in powers of ten) is fitted into it,
    /// never drawn over its neighbour.
    pub slot: [i16; 2],
}

impl Label {
    /// Where a text `width` wide is anchored to stay inside the slot, and whether it fits:
    /// a centred one that fits is moved along its row as little as it takes (start and end
    /// ones stand at their slot's edge already); one that does not fit stands at the
    /// slot's middle (or edge), to be squeezed into it. The page's `fitLabels` does the same.
    pub fn fit(&self, width: f64) -> (f64, bool) {
        let [left, right] = self.slot.map(f64::from);
        if width > right - left {
            let at = match self.anchor {
                Anchor::Start => left,
                Anchor::Middle => (left + right) / 2.0,
                Anchor::End => right,
            };
            return (at, false);
        }
        let x = f64::from(self.x);
        let at = match self.anchor {
            Anchor::Middle => x.max(left + width / 2.0).min(right - width / 2.0),
            _ => x,
        };
        (at, true)
    }
}

/// One arrangement of the diagram.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// "wide" or "tall".
    pub name: &'static str,
    /// The SVG's viewBox: x, y, width, height.
    pub view_box: [i16; 4],
    /// Centres of x, the hidden node, the output node and the cost node.
    pub nodes: [[i16; 2]; 4],
    /// The neurons' radius, and the input node's (smaller: it computes nothing).
    pub r: i16,
    pub input_r: i16,
    /// The cost node, a rounded box: half its width, half its height, its corners' radius.
    pub cost_box: [i16; 3],
    /// The legend's arrows for the forward and the backward pass, the way they travel.
    pub arrows: [&'static str; 2],
    /// Every label, in the order the page reads them (its table's rows).
    pub labels: [Label; 18],
}

impl Layout {
    /// The label showing `key`.
    pub fn label(&self, key: &str) -> Option<&Label> {
        self.labels.iter().find(|l| l.key == key)
    }
}

const fn at(key: &'static str, x: i16, y: i16, anchor: Anchor, slot: [i16; 2]) -> Label {
    Label {
        key,
        x,
        y,
        anchor,
        slot,
    }
}

const M: Anchor = Anchor::Middle;
const E: Anchor = Anchor::End;

/// Left to right, for desktops: each value above or below its node or edge; the cost's
/// column right-aligned to the edge, ∂C/∂ŷ on a row of its own below it.
pub const WIDE: Layout = Layout {
    name: "wide",
    view_box: [0, 30, 720, 227],
    nodes: [[64, 140], [292, 140], [512, 140], [660, 140]],
    r: 34,
    input_r: 27,
    cost_box: [28, 24, 8],
    arrows: ["→", "←"],
    labels: [
        at("x", 64, 205, M, [2, 122]),
        at("w1", 178, 118, M, [84, 262]),
        at("b1", 292, 92, M, [96, 396]),
        at("z1", 292, 205, M, [126, 400]),
        at("a1", 292, 225, M, [126, 400]),
        at("w2", 402, 118, M, [320, 484]),
        at("b2", 512, 92, M, [412, 716]),
        at("z2", 512, 205, M, [406, 588]),
        at("yHat", 512, 225, M, [406, 588]),
        at("cost", 716, 205, E, [592, 716]),
        at("y", 716, 225, E, [592, 716]),
        at("dCdYHat", 716, 245, E, [406, 716]),
        at("dYHatdZ2", 512, 72, M, [412, 716]),
        at("delta2", 512, 52, M, [412, 716]),
        at("dCdW2", 402, 187, M, [302, 500]),
        at("dA1dZ1", 292, 72, M, [96, 396]),
        at("delta1", 292, 52, M, [96, 396]),
        at("dCdW1", 150, 187, M, [6, 256]),
    ],
};

/// A label of the tall layout: in the column right of the nodes, owning its row from the
/// column's left to the edge.
const fn row(key: &'static str, y: i16) -> Label {
    at(key, 118, y, Anchor::Start, [118, 358])
}

/// Top to bottom, for phones: the labels in a column right of the nodes, each beside its
/// node or edge.
pub const TALL: Layout = Layout {
    name: "tall",
    view_box: [0, 0, 360, 590],
    nodes: [[70, 44], [70, 222], [70, 400], [70, 548]],
    r: 30,
    input_r: 24,
    cost_box: [28, 24, 8],
    arrows: ["↓", "↑"],
    labels: [
        row("x", 49),
        row("w1", 122),
        row("b1", 190),
        row("z1", 210),
        row("a1", 230),
        row("w2", 310),
        row("b2", 368),
        row("z2", 388),
        row("yHat", 408),
        row("cost", 542),
        row("y", 562),
        row("dCdYHat", 486),
        row("dYHatdZ2", 428),
        row("delta2", 448),
        row("dCdW2", 330),
        row("dA1dZ1", 250),
        row("delta1", 270),
        row("dCdW1", 142),
    ],
};
