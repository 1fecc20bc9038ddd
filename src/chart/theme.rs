//! Colours and text sizes shared by the charts.
//!
//! They mirror the CSS variables in `www/style.css` (`--panel`, `--line`, `--text`, `--muted`,
//! `--forward`, `--backward`) so a chart drawn on a canvas sits in the page as if it were HTML.
//! Keep the two in step when either changes.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::element::Circle;
use plotters::prelude::DrawingBackend;
use plotters::style::{Color, IntoFont, RGBColor, TextStyle};

/// One colour scheme (the page follows the system's light or dark preference).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// The chart's own background: the panel it sits on.
    pub background: RGBColor,
    /// Axis labels and descriptions.
    pub text: RGBColor,
    /// Secondary marks, such as the hover guide.
    pub muted: RGBColor,
    /// Grid and axis lines.
    pub line: RGBColor,
    /// The forward pass (values, costs): teal.
    pub forward: RGBColor,
    /// The backward pass (deltas, gradients): magenta.
    pub backward: RGBColor,
}

pub const LIGHT: Theme = Theme {
    background: RGBColor(0xff, 0xff, 0xff),
    text: RGBColor(0x1b, 0x1f, 0x24),
    muted: RGBColor(0x57, 0x60, 0x6a),
    line: RGBColor(0xd0, 0xd7, 0xde),
    forward: RGBColor(0x0d, 0x6e, 0x66),
    backward: RGBColor(0x9b, 0x2a, 0x78),
};

pub const DARK: Theme = Theme {
    background: RGBColor(0x16, 0x1b, 0x22),
    text: RGBColor(0xe6, 0xed, 0xf3),
    muted: RGBColor(0x9b, 0xa7, 0xb4),
    line: RGBColor(0x30, 0x36, 0x3d),
    forward: RGBColor(0x3c, 0xc3, 0xb1),
    backward: RGBColor(0xf0, 0x7c, 0xc8),
};

impl Theme {
    pub fn pick(dark: bool) -> Theme {
        if dark { DARK } else { LIGHT }
    }
}

/// What a chart draws with: its theme, and the page's pixel ratio, which turns the design's
/// lengths (CSS pixels) into backend pixels: a canvas is drawn at devicePixelRatio times its
/// CSS size, so that lines and text stay sharp.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    pub theme: Theme,
    pub ratio: f64,
}

impl Pen {
    /// `pixel_ratio` is clamped to [0.5, 4] (1 if it is not a number): beyond that a canvas
    /// would be unreadably small or needlessly huge.
    pub fn new(dark: bool, pixel_ratio: f64) -> Pen {
        let ratio = if pixel_ratio.is_finite() {
            pixel_ratio.clamp(0.5, 4.0)
        } else {
            1.0
        };
        Pen {
            theme: Theme::pick(dark),
            ratio,
        }
    }

    /// A length in CSS pixels as whole backend pixels, at least one.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.ratio).round().max(1.0) as u32
    }

    /// The chart text's size in backend pixels.
    pub fn font(&self) -> f64 {
        FONT_PX * self.ratio
    }

    /// A dot of `color` (4 CSS px) in a ring of the background (6 px), which keeps it readable
    /// on top of the lines it sits on.
    pub fn ringed_dot<C: Copy>(&self, at: C, color: RGBColor) -> [Circle<C, u32>; 2] {
        [
            Circle::new(at, self.px(6.0), self.theme.background.filled()),
            Circle::new(at, self.px(4.0), color.filled()),
        ]
    }

    /// A 2D chart's grid and axes as every chart draws them: bold and light grid lines, the
    /// axis lines, the labels and descriptions in [`Pen::text`], ticks `tick` pixels long.
    /// The caller adds its descriptions and label formatters, then draws.
    pub fn style_mesh<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
        &'b self,
        mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
        tick: u32,
    ) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
        let t = &self.theme;
        mesh.bold_line_style(t.line.stroke_width(self.px(1.0)))
            .light_line_style(t.line.mix(0.5).stroke_width(self.px(1.0)))
            .axis_style(t.muted.stroke_width(self.px(1.0)))
            .label_style(self.text())
            .axis_desc_style(self.text())
            .set_all_tick_mark_size(tick)
    }

    /// The chart text's style: [`FONT`] at [`Pen::font`], in the theme's text colour.
    pub fn text(&self) -> TextStyle<'_> {
        TextStyle::from((FONT, self.font()).into_font()).color(&self.theme.text)
    }
}

/// Font family for all chart text: the browser's default sans, like the page.
pub const FONT: &str = "sans-serif";
/// Font size in pixels for tick labels and axis descriptions; small charts (~400 x 160) need
/// small text. The canvas backend uses it as CSS px; the SVG backend writes it divided by 1.24.
pub const FONT_PX: f64 = 12.0;

/// Each optimizer's colour when it races ([`crate::palette::rival_rgb`], which the page's
/// race legend takes too).
pub fn rival_color(kind: &str, bright: bool) -> RGBColor {
    let [r, g, b] = crate::palette::rival_rgb(kind, bright);
    RGBColor(r, g, b)
}
