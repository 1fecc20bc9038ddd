//! What the 2D charts (the loss chart and the cost section) have in common: a plot box in
//! pixels over an x and a y range, and the mappings between them.

use backprop_lab::chart::loss::LossGeometry;
use backprop_lab::chart::section::SectionGeometry;
use std::fmt::Debug;

pub trait Plot: Debug {
    /// left, right, top, bottom, in pixels.
    fn plot_box(&self) -> [f64; 4];
    /// x_min, x_max, y_min, y_max.
    fn ranges(&self) -> [f64; 4];
    fn to_pixel(&self, x: f64, y: f64) -> (f64, f64);
    fn x_at(&self, px: f64) -> f64;
}

macro_rules! plot {
    ($geometry:ty) => {
        impl Plot for $geometry {
            fn plot_box(&self) -> [f64; 4] {
                [
                    self.plot.left,
                    self.plot.right,
                    self.plot.top,
                    self.plot.bottom,
                ]
            }
            fn ranges(&self) -> [f64; 4] {
                let r = &self.ranges;
                [r.x_min, r.x_max, r.y_min, r.y_max]
            }
            fn to_pixel(&self, x: f64, y: f64) -> (f64, f64) {
                <$geometry>::to_pixel(self, x, y)
            }
            fn x_at(&self, px: f64) -> f64 {
                <$geometry>::x_at(self, px)
            }
        }
    };
}
plot!(LossGeometry);
plot!(SectionGeometry);

/// Every number finite, both ranges with room in them, and on a canvas of `size` large enough
/// for a plot (200 x 100 or more), the plot box inside it.
pub fn assert_plot_sane(g: &impl Plot, size: (u32, u32)) {
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    for v in g.plot_box() {
        assert!(v.is_finite(), "{g:?}");
    }
    for v in g.ranges() {
        assert!(v.is_finite(), "{g:?}");
    }
    let [x_min, x_max, y_min, y_max] = g.ranges();
    assert!(x_min < x_max && y_min < y_max, "empty range: {g:?}");
    if w >= 200.0 && h >= 100.0 {
        let [left, right, top, bottom] = g.plot_box();
        assert!(0.0 <= left && left < right && right <= w);
        assert!(0.0 <= top && top < bottom && bottom <= h);
    }
}

/// `x_at` undoes `to_pixel` at each of `xs`, and gives the range's ends beyond the plot's
/// sides and for NaN.
pub fn assert_x_at_undoes_to_pixel(g: &impl Plot, xs: [f64; 5]) {
    for x in xs {
        let (px, _) = g.to_pixel(x, 0.5);
        assert!((g.x_at(px) - x).abs() < 1e-9, "{x}");
    }
    let [left, right, ..] = g.plot_box();
    let [x_min, x_max, ..] = g.ranges();
    assert_eq!(g.x_at(left - 50.0), x_min);
    assert_eq!(g.x_at(right + 50.0), x_max);
    assert_eq!(g.x_at(f64::NAN), x_min);
}

/// At twice the pixel ratio (on twice the canvas), the plot box is twice as far from the
/// corner, give or take 2 px.
pub fn assert_box_doubles<G: Plot>(g1: &G, g2: &G) {
    for (a, b) in g1.plot_box().into_iter().zip(g2.plot_box()) {
        assert!((2.0 * a - b).abs() <= 2.0, "{g1:?} vs {g2:?}");
    }
}
