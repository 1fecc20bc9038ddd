//! The figure command's fixtures, for tests/figure.rs and tests/slides.rs.

use backprop_lab::figure::{self, Command, FigureOptions};

/// A run with some shape to it: 60 iterations from a corner of the map, two points (a share
/// link's query).
pub const LINK: &str = "v=1&w1=-6&b1=1&w2=-5&b2=2&data=0.2_0.9,0.9_0.1&cost=squared&lr=3&it=60";

/// The command's options for these arguments (which must not ask for help).
pub fn options(args: &[&str]) -> FigureOptions {
    match figure::parse_args(args).unwrap() {
        Command::Render(o) => *o,
        Command::Help => panic!("asked for help"),
    }
}
