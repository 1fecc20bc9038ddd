//! The racing optimizers' marks ([`crate::palette::Mark`]) as a plotters element, so the map,
//! the 3D view and the loss curve draw the same shape for the same rival, in any coordinates.

use crate::palette::Mark;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters_backend::{BackendCoord, DrawingErrorKind};

/// A mark centred on a point of the chart's coordinates, `r` pixels from its centre to its
/// sides (a triangle and a diamond reach a little further, so every shape looks the same size).
pub struct MarkAt<C> {
    at: C,
    mark: Mark,
    r: i32,
    style: ShapeStyle,
}

impl<C> MarkAt<C> {
    pub fn new(at: C, mark: Mark, r: u32, style: impl Into<ShapeStyle>) -> MarkAt<C> {
        MarkAt {
            at,
            mark,
            r: r.max(1) as i32,
            style: style.into(),
        }
    }
}

impl<'a, C> PointCollection<'a, C> for &'a MarkAt<C> {
    type Point = &'a C;
    type IntoIter = std::iter::Once<&'a C>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<C, DB: DrawingBackend> Drawable<DB> for MarkAt<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let Some((x, y)) = points.next() else {
            return Ok(());
        };
        let (r, s) = (self.r, &self.style);
        match self.mark {
            Mark::Circle => backend.draw_circle((x, y), r as u32, s, true),
            Mark::Square => backend.draw_rect((x - r, y - r), (x + r, y + r), s, true),
            Mark::Triangle => {
                let t = r + r / 3;
                backend.fill_polygon([(x, y - t), (x + t, y + r), (x - t, y + r)], s)
            }
            Mark::Diamond => {
                let d = r + r / 3;
                backend.fill_polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], s)
            }
            Mark::Plus => {
                let (a, t) = (r + r / 4, (r / 2).max(1));
                backend.draw_rect((x - a, y - t), (x + a, y + t), s, true)?;
                backend.draw_rect((x - t, y - a), (x + t, y + a), s, true)
            }
        }
    }
}
