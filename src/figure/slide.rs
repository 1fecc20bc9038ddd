//! The backend a figure is drawn on: [`Slide`] wraps plotters' SVG or bitmap backend so that
//! the figure is laid out in figure units (its SVG's user units) whatever the output:
//!
//! - text is measured with DejaVu Sans's table ([`super::metrics`]), not with the font
//!   backend plotters was built with (ab_glyph natively, a hidden span's layout in the page),
//!   so the command and the page lay a figure out alike, to the pixel;
//! - a bitmap can be drawn at `scale` device pixels per unit (a PNG at 2× is the same figure
//!   twice as sharp, not a different layout with smaller text);
//! - an image (the map's heatmap, a [`Picture`]) becomes, in an SVG, one `<image>` holding a
//!   PNG ([`super::png`]), and in a bitmap a copy of its pixels.
//!
//! [`svg`] and [`bitmap`] are the two ways the figure command and the page render a figure.

use super::metrics;
use super::png;
use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::{FontDesc, FontFamily, FontStyle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::cell::RefCell;
use std::rc::Rc;

/// An image at a position, `pixels` of it per figure unit in each direction: `rgb` is 3 bytes
/// a pixel, rows top to bottom, `size` pixels.
pub struct Picture<'a> {
    pub pos: (i32, i32),
    pub size: (u32, u32),
    pub rgb: &'a [u8],
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Picture<'a> {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.pos)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Picture<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(pos) => backend.blit_bitmap(pos, self.size, self.rgb),
            None => Ok(()),
        }
    }
}

/// An image kept aside while an SVG is drawn, and written in at the end.
struct Kept {
    pos: BackendCoord,
    units: (f64, f64),
    png: Vec<u8>,
}

/// The colour of an image's stand-in rectangle in the SVG being drawn (replaced at the end).
const STAND_IN: BackendColor = BackendColor {
    alpha: 0.5,
    rgb: (0xff, 0x00, 0xfe),
};

/// See the module's doc.
pub struct Slide<DB: DrawingBackend> {
    inner: DB,
    /// Device pixels per figure unit (1 for an SVG).
    scale: f64,
    /// Image pixels per figure unit.
    density: f64,
    /// The figure's size in units.
    size: (u32, u32),
    /// An SVG's images, kept aside (None: a bitmap, which copies them in).
    kept: Option<Rc<RefCell<Vec<Kept>>>>,
}

impl<DB: DrawingBackend> Slide<DB> {
    fn px(&self, (x, y): BackendCoord) -> BackendCoord {
        if self.scale == 1.0 {
            return (x, y);
        }
        (
            (x as f64 * self.scale).round() as i32,
            (y as f64 * self.scale).round() as i32,
        )
    }

    fn width(&self, w: u32) -> u32 {
        ((w as f64 * self.scale).round() as u32).max(1)
    }
}

/// A style with its stroke width scaled.
struct Stroke(BackendColor, u32);

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.0
    }
    fn stroke_width(&self) -> u32 {
        self.1
    }
}

impl<DB: DrawingBackend> DrawingBackend for Slide<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        if self.scale == 1.0 {
            return self.inner.draw_pixel(p, color);
        }
        let (a, b) = (self.px(p), self.px((p.0 + 1, p.1 + 1)));
        self.inner.draw_rect(a, (b.0 - 1, b.1 - 1), &color, true)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let s = Stroke(style.color(), self.width(style.stroke_width()));
        self.inner.draw_line(self.px(from), self.px(to), &s)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let s = Stroke(style.color(), self.width(style.stroke_width()));
        self.inner.draw_rect(self.px(a), self.px(b), &s, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let s = Stroke(style.color(), self.width(style.stroke_width()));
        let points: Vec<BackendCoord> = path.into_iter().map(|p| self.px(p)).collect();
        self.inner.draw_path(points, &s)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let s = Stroke(style.color(), self.width(style.stroke_width()));
        let r = (radius as f64 * self.scale).round() as u32;
        self.inner.draw_circle(self.px(center), r, &s, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let points: Vec<BackendCoord> = vert.into_iter().map(|p| self.px(p)).collect();
        self.inner.fill_polygon(points, &style.color())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let family = style.family();
        let font = FontDesc::new(
            FontFamily::Name(family.as_str()),
            style.size() * self.scale,
            style.style(),
        )
        .transform(style.transform());
        let scaled = TextStyle {
            font,
            color: style.color(),
            pos: style.anchor(),
        };
        self.inner.draw_text(text, &scaled, self.px(pos))
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<DB::ErrorType>> {
        let size = style.size();
        let bold = matches!(style.style(), FontStyle::Bold);
        // As plotters measures with ab_glyph: the width truncated, the height size / 1.24.
        Ok((
            metrics::text_width(text, size, bold) as u32,
            (size / 1.24) as u32,
        ))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (w, h): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let units = (w as f64 / self.density, h as f64 / self.density);
        match &mut self.kept {
            Some(kept) => {
                kept.borrow_mut().push(Kept {
                    pos,
                    units,
                    png: png::encode_rgb(w, h, src),
                });
                let end = (
                    pos.0 + units.0.round() as i32,
                    pos.1 + units.1.round() as i32,
                );
                self.inner.draw_rect(pos, end, &STAND_IN, true)
            }
            None if self.density == self.scale => self.inner.blit_bitmap(self.px(pos), (w, h), src),
            None => {
                // Resampled (nearest pixel) to the device's pixels.
                let (dw, dh) = (
                    (units.0 * self.scale).round() as u32,
                    (units.1 * self.scale).round() as u32,
                );
                let mut out = vec![0u8; dw as usize * dh as usize * 3];
                for y in 0..dh as usize {
                    let sy = ((y as f64 + 0.5) / dh as f64 * h as f64) as usize;
                    for x in 0..dw as usize {
                        let sx = ((x as f64 + 0.5) / dw as f64 * w as f64) as usize;
                        let i = (sy.min(h as usize - 1) * w as usize + sx.min(w as usize - 1)) * 3;
                        let o = (y * dw as usize + x) * 3;
                        out[o..o + 3].copy_from_slice(&src[i..i + 3]);
                    }
                }
                self.inner.blit_bitmap(self.px(pos), (dw, dh), &out)
            }
        }
    }
}

/// What drawing a figure gives back: its geometry, or plotters' error.
pub type Drawn<G, E> = Result<G, DrawingAreaErrorKind<E>>;

impl<DB: DrawingBackend> Slide<DB> {
    /// A bitmap backend `inner` of `size × scale` pixels, for a figure of `size` units with
    /// its images at `density` pixels per unit.
    pub fn bitmap(inner: DB, size: (u32, u32), scale: f64, density: f64) -> Slide<DB> {
        Slide {
            inner,
            scale,
            density,
            size,
            kept: None,
        }
    }
}

/// A figure of `size` units as an SVG document: `draw` draws it on the area it is given
/// (images at `density` pixels per unit), then the SVG is made to show what the PNG shows
/// and its images are written in ([`fix_svg`]).
pub fn svg<G>(
    size: (u32, u32),
    density: f64,
    draw: impl for<'a> FnOnce(
        &DrawingArea<Slide<SVGBackend<'a>>, Shift>,
    ) -> Drawn<G, <SVGBackend<'a> as DrawingBackend>::ErrorType>,
) -> Result<(String, G), String> {
    let failed = |e: &dyn std::fmt::Display| format!("drawing the figure failed: {e}");
    let mut text = String::new();
    let kept = Rc::new(RefCell::new(Vec::new()));
    let geometry = {
        let slide = Slide {
            inner: SVGBackend::with_string(&mut text, size),
            scale: 1.0,
            density,
            size,
            kept: Some(kept.clone()),
        };
        let root = slide.into_drawing_area();
        let g = draw(&root).map_err(|e| failed(&e))?;
        root.present().map_err(|e| failed(&e))?;
        g
    };
    let images = kept.take();
    Ok((fix_svg(text, &images), geometry))
}

/// How much larger plotters draws text in a PNG than it writes it in an SVG: ab_glyph
/// scales DejaVu Sans so that ascent − descent (1.1641 em) is the font size, the SVG
/// backend writes the size / 1.24 as the em.
const SVG_TEXT_SCALE: f64 = 1.24 / (metrics::HEIGHT_UNITS / 2048.0);

/// Three touches to plotters' SVG, so it shows what the PNG shows: the text was laid out
/// with DejaVu Sans's measurements, so it asks for DejaVu Sans first (Verdana, where it is
/// missing, has nearly the same widths); font sizes are those of the PNG's text; and each
/// image's stand-in becomes the image, a PNG as a `data:image/png` URL.
fn fix_svg(svg: String, images: &[Kept]) -> String {
    let svg = svg.replace(
        "font-family=\"sans-serif\"",
        "font-family=\"DejaVu Sans, Verdana, sans-serif\"",
    );
    let key = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(i) = rest.find(key) {
        let start = i + key.len();
        out.push_str(&rest[..start]);
        let len = rest[start..].find('"').unwrap_or(0);
        let value = &rest[start..start + len];
        match value.parse::<f64>() {
            Ok(v) => out.push_str(&format!("{:.2}", v * SVG_TEXT_SCALE)),
            Err(_) => out.push_str(value),
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    // The stand-ins, in the order the images were drawn.
    let mark = format!(
        "opacity=\"{}\" fill=\"#{:02X}{:02X}{:02X}\"",
        STAND_IN.alpha, STAND_IN.rgb.0, STAND_IN.rgb.1, STAND_IN.rgb.2
    );
    for image in images {
        let Some(at) = out.find(&mark) else { break };
        let (Some(open), Some(close)) = (out[..at].rfind("<rect"), out[at..].find("/>")) else {
            break;
        };
        let tag = format!(
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" \
             href=\"data:image/png;base64,{}\"/>",
            image.pos.0,
            image.pos.1,
            image.units.0,
            image.units.1,
            png::base64(&image.png)
        );
        out.replace_range(open..at + close + 2, &tag);
    }
    out
}
