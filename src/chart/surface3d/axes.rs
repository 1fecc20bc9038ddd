//! What the 3D chart draws over the surface: the box's axes with ticks and labels, the path,
//! the marker and the rivals, and the small helpers they share.

use super::*;
use crate::chart::marks::MarkAt;

/// What [`draw_on_top`] drew: where the marker is (as drawn), how many path points, and where
/// each rival is.
pub(super) type OnTop = (Option<[f64; 2]>, usize, Vec<crate::chart::map::RivalMark>);

/// Draws the axes with ticks and labels, the path and the marker on `area`.
pub(super) fn draw_on_top<DB: DrawingBackend>(
    area: &DrawingArea<DB, Coord3>,
    s: &Surface3d,
    rivals: &[Rival3d],
    layout: &Layout3d,
) -> Result<OnTop, DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = layout.theme;
    let ((w1_lo, w1_hi), (w2_lo, w2_hi), (c_lo, c_hi)) = (layout.w1, layout.w2, layout.cost);
    let (x_back, x_front, z_back, z_front) =
        (layout.x_back, layout.x_front, layout.z_back, layout.z_front);
    let (w1_mid, w2_mid) = ((w1_lo + w1_hi) / 2.0, (w2_lo + w2_hi) / 2.0);
    let (font, tick) = (layout.font, layout.tick);
    let px = |css: f64| layout.px(css);

    // Axes on the front edges of the floor, and the cost axis on the leftmost vertical edge,
    // whose labels can never run into the surface.
    let axis_style = theme.muted.stroke_width(px(1.0));
    let label_style = TextStyle::from((theme::FONT, font).into_font()).color(&theme.text);
    let title_style =
        TextStyle::from((theme::FONT, layout.title_font).into_font()).color(&theme.text);
    let outward = |from: P3, to: P3| {
        let (a, b) = (layout.screen(from), layout.screen(to));
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = dx.hypot(dy);
        if len < 1e-6 {
            (0.0, 1.0)
        } else {
            (dx / len, dy / len)
        }
    };
    let corners = [
        (w1_lo, w2_lo),
        (w1_hi, w2_lo),
        (w1_hi, w2_hi),
        (w1_lo, w2_hi),
    ];
    let (cx, cz) = corners
        .into_iter()
        .min_by(|p, q| {
            let (p3, q3) = ((p.0, c_lo, p.1), (q.0, c_lo, q.1));
            let (sp, sq) = (layout.screen(p3).0, layout.screen(q3).0);
            sp.total_cmp(&sq)
                .then(layout.depth(q3).total_cmp(&layout.depth(p3)))
        })
        .unwrap_or((w1_lo, w2_lo));
    let axes = [
        Axis {
            ticks: &layout.w1_ticks,
            at: &|v| (v, c_lo, z_front),
            dir: outward((w1_mid, c_lo, z_back), (w1_mid, c_lo, z_front)),
            title: "w₁",
        },
        Axis {
            ticks: &layout.w2_ticks,
            at: &|v| (x_front, c_lo, v),
            dir: outward((x_back, c_lo, w2_mid), (x_front, c_lo, w2_mid)),
            title: "w₂",
        },
        Axis {
            ticks: &layout.c_ticks,
            at: &|v| (cx, v, cz),
            dir: (-1.0, 0.0),
            title: "C",
        },
    ];
    for axis in &axes {
        let (lo, hi) = (axis.ticks.lo, axis.ticks.hi);
        area.draw(&PathElement::new(
            vec![(axis.at)(lo), (axis.at)(hi)],
            axis_style,
        ))?;
        let (dx, dy) = axis.dir;
        let anchor = anchor_for(axis.dir);
        let mut extent: f64 = 0.0;
        for (&v, label) in axis.ticks.values.iter().zip(axis.ticks.labels()) {
            let w = text_width(&label, font);
            extent = extent.max(dx.abs() * w + dy.abs() * font);
            let end = ((dx * tick).round() as i32, (dy * tick).round() as i32);
            let at = (
                (dx * 2.0 * tick).round() as i32,
                (dy * 2.0 * tick).round() as i32,
            );
            area.draw(
                &(EmptyElement::at((axis.at)(v))
                    + PathElement::new(vec![(0, 0), end], axis_style)
                    + Text::new(label, at, label_style.pos(anchor))),
            )?;
        }
        let off = 2.0 * tick + extent + layout.title_gap;
        let at = ((dx * off).round() as i32, (dy * off).round() as i32);
        area.draw(
            &(EmptyElement::at((axis.at)((lo + hi) / 2.0))
                + Text::new(axis.title, at, title_style.pos(anchor))),
        )?;
    }

    // The path and the marker, lifted a little so the faces around them do not cut them.
    let lift = LIFT * (c_hi - c_lo);
    let place = |(w1, w2, c): (f64, f64, f64)| {
        (w1.is_finite() && w2.is_finite() && c.is_finite()).then(|| {
            (
                w1.clamp(w1_lo, w1_hi),
                c.clamp(c_lo, c_hi) + lift,
                w2.clamp(w2_lo, w2_hi),
            )
        })
    };
    let translate = |p: &P3| {
        let (u, v) = area.as_coord_spec().translate(p);
        [f64::from(u), f64::from(v)]
    };
    // The vertices worth stroking (see `super::path`): settled runs pile up on one pixel.
    let stroke = |path: &[P3]| -> Vec<P3> {
        let pixels: Vec<(f64, f64)> = path.iter().map(|&p| layout.screen(p)).collect();
        crate::chart::path::thin(&pixels, crate::chart::path::TOLERANCE_PX * layout.ratio)
            .into_iter()
            .map(|i| path[i])
            .collect()
    };
    // Rivals under the lead: a coloured line on a dark casing, its mark where each is.
    let casing = RGBColor(20, 20, 30).mix(0.6);
    let mut marks = Vec::with_capacity(rivals.len());
    for rival in rivals {
        let path: Vec<P3> = rival.path.iter().filter_map(|&p| place(p)).collect();
        if path.len() >= 2 {
            let line = stroke(&path);
            area.draw(&PathElement::new(
                line.clone(),
                casing.stroke_width(px(4.5)),
            ))?;
            area.draw(&PathElement::new(line, rival.color.stroke_width(px(2.5))))?;
        }
        let ball = path.last().copied();
        if let Some(b) = ball {
            area.draw(&MarkAt::new(b, rival.mark, px(6.0), casing.filled()))?;
            area.draw(&MarkAt::new(b, rival.mark, px(4.5), rival.color.filled()))?;
        }
        marks.push(crate::chart::map::RivalMark {
            ball: ball.as_ref().map(translate),
            path_segments: path.len().saturating_sub(1),
        });
    }
    let path: Vec<P3> = s.path.iter().filter_map(|&p| place(p)).collect();
    if path.len() >= 2 {
        let line = stroke(&path);
        // White on a dark casing, as on the map: it reads on every colour of the surface.
        area.draw(&PathElement::new(
            line.clone(),
            casing.stroke_width(px(5.0)),
        ))?;
        area.draw(&PathElement::new(line, WHITE.stroke_width(px(2.5))))?;
    }
    if let Some(&start) = path.first() {
        area.draw(&Circle::new(start, px(5.5), casing.stroke_width(px(4.5))))?;
        area.draw(&Circle::new(start, px(5.5), WHITE.stroke_width(px(2.0))))?;
    }
    let marker = place(s.current);
    if let Some(p) = marker {
        area.draw(&Circle::new(p, px(6.5), LIGHT_TEXT.filled()))?;
        area.draw(&Circle::new(p, px(4.5), WHITE.filled()))?;
    }
    // Where plotters drew it: its whole-pixel translation of the point.
    let marker_px = marker.as_ref().map(translate);
    Ok((marker_px, path.len(), marks))
}

/// The marker's outline: the light theme's text colour, dark on every viridis colour.
pub(super) const LIGHT_TEXT: RGBColor = theme::LIGHT.text;

pub(super) fn valid_range(lo: f64, hi: f64) -> bool {
    lo.is_finite() && hi.is_finite() && lo < hi && (hi - lo).is_finite()
}

/// The height axis: the costs' range, or one unit of height around a flat (or empty) surface,
/// not below zero for costs that are not.
pub(super) fn height_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let span = hi - lo;
    if span > lo.abs().max(hi.abs()) * 1e-9 && span > 1e-300 && span.is_finite() {
        return (lo, hi);
    }
    let pad = (lo.abs() * 0.5).max(0.5);
    let bottom = if lo >= 0.0 {
        (lo - pad).max(0.0)
    } else {
        lo - pad
    };
    (bottom, hi + pad)
}

/// Up to max_quads + 1 indices from 0 to n - 1, evenly spread, both ends included.
pub(super) fn sample(n: usize, max_quads: usize) -> Vec<usize> {
    let max_quads = max_quads.max(1);
    if n <= max_quads + 1 {
        return (0..n).collect();
    }
    let (last, quads) = ((n - 1) as u128, max_quads as u128);
    (0..=quads)
        .map(|k| ((k * last + quads / 2) / quads) as usize)
        .collect()
}

/// a, moved towards b by t (0 to 1).
pub(super) fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A rough label width in pixels (not measured: see the loss chart's `text_width`).
pub(super) fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * 0.6 * font_px
}

/// Where a label hangs off its point when pushed out in screen direction `dir`.
pub(super) fn anchor_for((dx, dy): (f64, f64)) -> Pos {
    let h = if dx > 0.38 {
        HPos::Left
    } else if dx < -0.38 {
        HPos::Right
    } else {
        HPos::Center
    };
    let v = if dy > 0.38 {
        VPos::Top
    } else if dy < -0.38 {
        VPos::Bottom
    } else {
        VPos::Center
    };
    Pos::new(h, v)
}

pub(super) struct Axis<'a> {
    pub(super) ticks: &'a Ticks,
    /// The point on the axis at value v.
    pub(super) at: &'a dyn Fn(f64) -> (f64, f64, f64),
    /// The screen direction ticks and labels go, away from the box.
    pub(super) dir: (f64, f64),
    pub(super) title: &'static str,
}

/// A few round values inside [lo, hi], and how to write them.
#[derive(Clone, Debug)]
pub(super) struct Ticks {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) values: Vec<f64>,
    pub(super) step: f64,
}

impl Ticks {
    /// At most `max_n` multiples of 1, 2 or 5 times a power of ten (needs lo < hi, finite).
    pub(super) fn new(lo: f64, hi: f64, max_n: usize) -> Ticks {
        let k = ((hi - lo) / max_n as f64).log10().floor() as i32;
        let pow10 = |e: i32| {
            if e >= 0 {
                10f64.powi(e)
            } else {
                1.0 / 10f64.powi(-e)
            }
        };
        let mut values = Vec::new();
        let mut step = hi - lo;
        for (m, dk) in [(1.0, 0), (2.0, 0), (5.0, 0), (1.0, 1), (2.0, 1), (5.0, 1)] {
            let e = k + dk;
            let st = m * pow10(e);
            let first = (lo / st - 1e-9).ceil();
            let last = (hi / st + 1e-9).floor();
            if last - first + 1.0 <= max_n as f64 {
                // i * m / 10^-e rather than i * step, so that 0.3 comes out as 0.3.
                let value = |i: f64| {
                    if e >= 0 {
                        i * m * pow10(e)
                    } else {
                        i * m / pow10(-e)
                    }
                };
                let mut i = first;
                while i <= last && values.len() < max_n {
                    values.push(value(i));
                    i += 1.0;
                }
                step = st;
                break;
            }
        }
        Ticks {
            lo,
            hi,
            values,
            step,
        }
    }

    pub(super) fn labels(&self) -> impl Iterator<Item = String> + '_ {
        let step = self.step;
        let exponent = step < 1e-3 || self.lo.abs().max(self.hi.abs()) >= 1e5;
        self.values.iter().map(move |&v| {
            if v.abs() < step * 1e-6 {
                "0".into()
            } else if exponent {
                let s = format!("{v:.1e}");
                s.replace(".0e", "e")
            } else {
                let decimals = if step >= 1.0 {
                    0
                } else {
                    (-step.log10() - 1e-9).ceil() as usize
                };
                format!("{v:.decimals$}")
            }
        })
    }
}
