//! What the page draws with plotters, generic over `DrawingBackend`: on a canvas in the page
//! (plotters-canvas), to SVG in the native tests. The figure command's own drawings (its
//! layout and the network diagram) live apart, in [`crate::figure`], built only natively.

pub mod colormap;
pub mod loss;
pub mod map;
pub mod marks;
pub mod path;
pub mod plot_box;
pub mod raster;
pub mod section;
pub mod surface3d;
pub mod theme;
mod ticks;

use crate::palette::{Mark, rival_mark};
use crate::race::Race;
use crate::train::Point;
use plotters::style::RGBColor;

/// A rival's history as the charts draw it: its line, colour and mark.
#[derive(Clone, Debug, PartialEq)]
pub struct RivalLine<T> {
    pub line: Vec<T>,
    pub color: RGBColor,
    pub mark: Mark,
}

/// A rival as a chart draws it: its line (borrowed), colour and mark. The loss curve's line is
/// (iteration, cost), the map's (w1, w2), oldest first: its last point is where it is now.
#[derive(Clone, Copy, Debug)]
pub struct Rival<'a> {
    pub line: &'a [(f64, f64)],
    pub color: RGBColor,
    /// Its shape, so it is told apart by more than colour.
    pub mark: Mark,
}

impl<'a> Rival<'a> {
    /// Optimizer `kind`'s line, in its colour (`bright`: on the map, in 3D and on dark
    /// charts) and its mark.
    pub fn of(line: &'a [(f64, f64)], kind: &str, bright: bool) -> Rival<'a> {
        Rival {
            line,
            color: theme::rival_color(kind, bright),
            mark: rival_mark(kind),
        }
    }
}

impl RivalLine<(f64, f64)> {
    pub fn as_rival(&self) -> Rival<'_> {
        Rival {
            line: &self.line,
            color: self.color,
            mark: self.mark,
        }
    }
}

/// Each rival's history as a line of `point(p)` per kept point, with its colour (`bright`: on
/// the map, in 3D and on dark charts) and its mark: what the loss curve, the map and the 3D
/// view draw.
pub fn rival_lines<T>(race: &Race, bright: bool, point: impl Fn(&Point) -> T) -> Vec<RivalLine<T>> {
    race.rivals()
        .iter()
        .map(|r| {
            let kind = r.settings().optimizer.name();
            RivalLine {
                line: r.history().points().iter().map(&point).collect(),
                color: theme::rival_color(kind, bright),
                mark: rival_mark(kind),
            }
        })
        .collect()
}
