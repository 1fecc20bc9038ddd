//! The rectangle a chart's data lands in, in backend pixels, and the linear map between it
//! and the fractions of the data ranges: one home for the arithmetic every 2D chart shares.

use serde::{Deserialize, Serialize};

/// A plot rectangle in backend pixels (canvas or SVG units: CSS pixels times the pixel
/// ratio). Flattened into each chart's geometry, so the page reads `plotLeft`, `plotRight`,
/// `plotTop` and `plotBottom` beside the chart's own ranges.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlotBox {
    #[serde(rename = "plotLeft")]
    pub left: f64,
    #[serde(rename = "plotRight")]
    pub right: f64,
    #[serde(rename = "plotTop")]
    pub top: f64,
    #[serde(rename = "plotBottom")]
    pub bottom: f64,
}

/// The data ranges a 2D chart draws at its plot box's edges: `x_min` at the left, `x_max` at
/// the right, `y_min` at the bottom, `y_max` at the top. Flattened into the geometry too.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranges {
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl Ranges {
    /// The x at fraction `t` of the x range.
    pub fn x_at(&self, t: f64) -> f64 {
        self.x_min + t * (self.x_max - self.x_min)
    }

    /// The fractions of the ranges at the data point (x, y), linearly.
    pub fn fractions(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.x_min) / (self.x_max - self.x_min),
            (y - self.y_min) / (self.y_max - self.y_min),
        )
    }
}

impl PlotBox {
    /// The box whose top-left and bottom-right corners are these backend pixels.
    pub fn from_corners((left, top): (i32, i32), (right, bottom): (i32, i32)) -> PlotBox {
        PlotBox {
            left: f64::from(left),
            right: f64::from(right),
            top: f64::from(top),
            bottom: f64::from(bottom),
        }
    }

    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    /// The pixel at fractions (tx, ty) of the ranges: (0, 0) is the bottom-left corner, where
    /// both ranges start (pixel y grows downwards, data y upwards). Unclamped.
    pub fn place(&self, tx: f64, ty: f64) -> (f64, f64) {
        (
            self.left + tx * self.width(),
            self.bottom - ty * self.height(),
        )
    }

    /// The fractions of the ranges at pixel (x, y): the inverse of [`PlotBox::place`].
    pub fn fractions(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.left) / self.width(),
            (self.bottom - y) / self.height(),
        )
    }

    /// The fraction of the x range under pixel column `px`, clamped to [0, 1]; 0 when the
    /// box has no width or `px` is not a number (a pointer read back off the chart).
    pub fn column_fraction(&self, px: f64) -> f64 {
        if self.width().abs() < f64::EPSILON || !px.is_finite() {
            return 0.0;
        }
        ((px - self.left) / self.width()).clamp(0.0, 1.0)
    }
}
