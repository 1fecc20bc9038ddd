//! The colours the page's legends and the charts agree on: each optimizer's when it races.
//! Plain bytes, so the first module (built without the charts) can name them too.

/// Each optimizer's colour when it races, by [`crate::optim::Optimizer::name`]: bright
/// (for the viridis map, the 3D view and dark charts) and deep (for light charts). None is
/// white, the lead's colour on the map and in 3D, nor near the charts' teal lead; lime and
/// cream come close to viridis' top yellow, so every rival is drawn over a dark casing, which
/// keeps it visible on any colour.
///
/// Chosen so that any two (and the lead's) stay apart for every learner: at least 12 CIEDE2000
/// units with normal vision and with protanopia, deuteranopia and tritanopia simulated
/// (`tests/palette.rs`); the bright ones have at least 7:1 contrast on the dark theme, the
/// deep ones at least 3:1 on white. (The earlier red and orange came within 2 units for a
/// deuteranope.)
pub fn rival_rgb(kind: &str, bright: bool) -> [u8; 3] {
    let (b, d) = match kind {
        "sgd" => ([0xc1, 0xe5, 0x1f], [0xc0, 0x8b, 0x08]),
        "momentum" => ([0xf9, 0xe0, 0xb8], [0x85, 0x5e, 0x08]),
        "nesterov" => ([0xec, 0x82, 0x70], [0x63, 0x0d, 0x13]),
        "rmsprop" => ([0xb7, 0xd0, 0xf9], [0x05, 0x96, 0xc8]),
        _ => ([0xc5, 0x81, 0xf6], [0x3f, 0x09, 0x82]),
    };
    if bright { b } else { d }
}

/// A racing optimizer's mark: a shape as well as a colour, so no learner has to tell the
/// rivals apart by colour alone (WCAG 1.4.1). The lead is the white ring and dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Circle,
    Square,
    Triangle,
    Diamond,
    Plus,
}

impl Mark {
    /// The mark in a line of text (the legends): the same shape, filled.
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Circle => "●",
            Mark::Square => "■",
            Mark::Triangle => "▲",
            Mark::Diamond => "◆",
            Mark::Plus => "✚",
        }
    }

    /// Several of them, in words: a curve carries its mark along it.
    pub fn plural(self) -> &'static str {
        match self {
            Mark::Circle => "circles",
            Mark::Square => "squares",
            Mark::Triangle => "triangles",
            Mark::Diamond => "diamonds",
            Mark::Plus => "plus signs",
        }
    }

    /// The mark in words, for the pictures' descriptions.
    pub fn name(self) -> &'static str {
        match self {
            Mark::Circle => "circle",
            Mark::Square => "square",
            Mark::Triangle => "triangle",
            Mark::Diamond => "diamond",
            Mark::Plus => "plus",
        }
    }
}

/// Each optimizer's mark when it races, by [`crate::optim::Optimizer::name`]: every optimizer
/// has its own, so any race tells its runs apart by shape.
pub fn rival_mark(kind: &str) -> Mark {
    match kind {
        "sgd" => Mark::Circle,
        "momentum" => Mark::Square,
        "nesterov" => Mark::Triangle,
        "rmsprop" => Mark::Diamond,
        _ => Mark::Plus,
    }
}

/// `#rrggbb` for a colour, for the page's legends.
pub fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legends_name_the_colours_the_charts_draw() {
        assert_eq!(hex(rival_rgb("rmsprop", true)), "#b7d0f9");
        assert_eq!(hex(rival_rgb("sgd", false)), "#c08b08");
        assert_ne!(rival_rgb("adam", true), rival_rgb("adam", false));
    }
}
