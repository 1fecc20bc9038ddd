//! The colours the page's legends and the charts agree on: each optimizer's when it races.
//! Plain bytes, so the first module (built without the charts) can name them too.

/// Each optimizer's colour when it races, by [`crate::optim::Optimizer::name`]: bright
/// (for the viridis map, the 3D view and dark charts) and deep (for light charts). None is
/// white, the lead's colour on the map and in 3D; gold comes close to viridis' top yellow, so
/// every rival is drawn over a dark casing, which keeps it visible on any colour.
pub fn rival_rgb(kind: &str, bright: bool) -> [u8; 3] {
    let (b, d) = match kind {
        "sgd" => ([0xff, 0xd2, 0x3f], [0x9a, 0x6b, 0x00]),
        "momentum" => ([0xff, 0x8c, 0x42], [0xc2, 0x4e, 0x00]),
        "nesterov" => ([0xff, 0x4d, 0x6d], [0xc8, 0x1d, 0x3f]),
        "rmsprop" => ([0x3e, 0xd1, 0xff], [0x00, 0x7a, 0xb8]),
        _ => ([0xd6, 0x6b, 0xff], [0x8e, 0x2c, 0xc2]),
    };
    if bright { b } else { d }
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
        assert_eq!(hex(rival_rgb("rmsprop", true)), "#3ed1ff");
        assert_eq!(hex(rival_rgb("sgd", false)), "#9a6b00");
        assert_ne!(rival_rgb("adam", true), rival_rgb("adam", false));
    }
}
