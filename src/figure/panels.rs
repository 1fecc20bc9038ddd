//! The figures' newer pictures: the loss curve of the run, and the chain rule worked on the
//! numbers of the point shown ([`crate::chain`], the same lines the page's LaTeX and
//! Markdown exports write); and the caption's line breaking.

use super::{FigureStyle, Scene};
use crate::chain::{Chain, Pass};
use crate::chart::RivalLine;
use crate::chart::loss::{self, LossGeometry, LossStyle};
use crate::chart::theme::{self, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Where the chain rule's text landed.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainGeometry {
    /// The lines' text size, in plotters' units.
    pub font_px: f64,
    /// Every line as drawn, top to bottom (headings included).
    pub lines: Vec<String>,
}

/// `text`, a caption whose parts are joined by " · ", on as few lines as fit `room` (as
/// `width` measures a line); a part wider than the room alone stays on its own line.
pub fn caption_lines(text: &str, room: f64, width: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in text.split(" · ") {
        match lines.last_mut() {
            Some(last) if width(&format!("{last} · {part}")) <= room => {
                last.push_str(" · ");
                last.push_str(part);
            }
            _ => lines.push(part.to_string()),
        }
    }
    lines
}

/// The run's loss curve (and its rivals') filling `area`, its text at least `min_text`; in a
/// race, a key above it names each curve in its colour and mark (as the page's legend does).
pub fn draw_loss_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    style: &FigureStyle,
    min_text: f64,
) -> Result<LossGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let t = Theme::pick(style.dark);
    let rivals = scene.session.race().rivals();
    let area = if rivals.is_empty() {
        area.clone()
    } else {
        let size = min_text.max(theme::FONT_PX);
        let font = TextStyle::from((theme::FONT, size).into_font())
            .pos(Pos::new(HPos::Left, VPos::Center));
        let lead = super::optimizer_label(scene.run().settings().optimizer.name());
        let mut key = vec![(format!("{lead} (this run)"), t.forward, None)];
        for r in rivals {
            let kind = r.settings().optimizer.name();
            key.push((
                super::optimizer_label(kind).to_string(),
                theme::rival_color(kind, style.dark),
                Some(crate::palette::rival_mark(kind)),
            ));
        }
        let y = (0.6 * size) as i32;
        let mut x = 0.0;
        for (name, color, mark) in key {
            let line = (1.6 * size) as i32;
            area.draw(&PathElement::new(
                vec![(x as i32, y), (x as i32 + line, y)],
                color.stroke_width((0.2 * size).round().max(1.0) as u32),
            ))?;
            // A rival's mark on its line, as the curve carries it: its shape names it too.
            if let Some(mark) = mark {
                let r = (0.3 * size).round().max(2.0) as u32;
                area.draw(&crate::chart::marks::MarkAt::new(
                    (x as i32 + line / 2, y),
                    mark,
                    r,
                    color.filled(),
                ))?;
            }
            x += 1.6 * size + 0.4 * size;
            area.draw(&Text::new(name.clone(), (x as i32, y), font.color(&t.text)))?;
            let w = area
                .estimate_text_size(&name, &font)
                .map_or(0.6 * size * name.chars().count() as f64, |(w, _)| w as f64);
            x += w + 1.5 * size;
        }
        area.margin((1.6 * size).round() as u32, 0, 0, 0)
    };
    let area = &area;
    let (aw, ah) = area.dim_in_pixel();
    // The page's chart is about 400 x 200 CSS pixels; a slide's is that, enlarged.
    let ratio = (aw as f64 / 800.0)
        .min(ah as f64 / 420.0)
        .max(min_text / theme::FONT_PX)
        .clamp(0.5, 4.0);
    let points = loss::loss_points(scene.run().history().points());
    let lines = crate::chart::rival_lines(scene.session.race(), style.dark, |p| {
        (p.iteration as f64, p.cost)
    });
    let rivals: Vec<_> = lines.iter().map(RivalLine::as_rival).collect();
    loss::draw_loss(
        area,
        &points,
        &rivals,
        None,
        &LossStyle {
            dark: style.dark,
            log_y: scene.state.view.log_loss,
            pixel_ratio: ratio,
        },
    )
}

/// The chain rule on the numbers of the point shown, filling `area`: whose numbers, then the
/// forward pass and the backward pass line by line, each line's name in its pass's colour
/// (teal forward, magenta backward, as on the page), its text at least `min_text` and as
/// large as fits.
pub fn draw_chain_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    style: &FigureStyle,
    min_text: f64,
) -> Result<ChainGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let t = Theme::pick(style.dark);
    let chain = Chain::of(&scene.view(), scene.run().settings());
    enum Row<'a> {
        Plain(String),
        Heading(&'static str),
        Line(&'a crate::chain::Line),
    }
    let mut rows = vec![Row::Plain(chain.sample.clone())];
    if let Some(h) = chain.hidden {
        rows.push(Row::Plain(h.to_string()));
    }
    for (pass, heading) in [
        (Pass::Forward, "Forward pass"),
        (Pass::Backward, "Backward pass, by the chain rule"),
    ] {
        rows.push(Row::Heading(heading));
        rows.extend(chain.lines.iter().filter(|l| l.pass == pass).map(Row::Line));
    }
    let font =
        |size: f64, weight: FontStyle| TextStyle::from((theme::FONT, size, weight).into_font());
    let width = |text: &str, size: f64, weight: FontStyle| {
        area.estimate_text_size(text, &font(size, weight))
            .map_or(0.6 * size * text.chars().count() as f64, |(w, _)| w as f64)
    };
    let note = |l: &crate::chain::Line| {
        if l.note.is_empty() {
            String::new()
        } else {
            format!("   ({})", l.note)
        }
    };
    // Sizes: one line of text is 1.5 sizes high; the widest row at 100 px fixes the width's
    // limit (widths grow with the size).
    let (aw, ah) = area.dim_in_pixel();
    let indent = 1.2;
    let widest = rows
        .iter()
        .map(|r| match r {
            Row::Plain(s) => width(s, 100.0, FontStyle::Normal),
            Row::Heading(s) => width(s, 100.0, FontStyle::Bold),
            Row::Line(l) => {
                100.0 * indent
                    + width(&l.lhs, 100.0, FontStyle::Bold)
                    + width(
                        &format!(" = {}{}", l.rhs, note(l)),
                        100.0,
                        FontStyle::Normal,
                    )
            }
        })
        .fold(1.0, f64::max);
    let gaps = 2.0; // the space before each heading, in lines' heights
    let size = (aw as f64 / widest * 100.0)
        .min(ah as f64 / ((rows.len() as f64 + gaps) * 1.5))
        .min(40.0 * aw as f64 / 1600.0)
        .max(min_text);
    let top = Pos::new(HPos::Left, VPos::Top);
    // One piece of text, its top left at (x, y).
    let put = |text: String, (x, y): (f64, f64), weight: FontStyle, color: &RGBColor| {
        let style = font(size, weight).color(color).pos(top);
        area.draw(&Text::new(text, (x as i32, y as i32), style))
    };
    let mut y = 0.0;
    let mut drawn = Vec::new();
    for row in &rows {
        match row {
            Row::Plain(s) => {
                put(s.clone(), (0.0, y), FontStyle::Normal, &t.muted)?;
                drawn.push(s.clone());
            }
            Row::Heading(s) => {
                y += 0.75 * size * 1.5;
                put(s.to_string(), (0.0, y), FontStyle::Bold, &t.text)?;
                drawn.push(s.to_string());
            }
            Row::Line(l) => {
                let x = size * indent;
                let color = match l.pass {
                    Pass::Forward => t.forward,
                    Pass::Backward => t.backward,
                };
                put(l.lhs.clone(), (x, y), FontStyle::Bold, &color)?;
                // Each piece starts at its first visible character: an SVG viewer drops a
                // text's leading spaces, so the spaces are room left before it.
                let space = width(" ", size, FontStyle::Normal);
                let x = x + width(&l.lhs, size, FontStyle::Bold) + space;
                let rest = format!("= {}", l.rhs);
                put(rest.clone(), (x, y), FontStyle::Normal, &t.text)?;
                if !l.note.is_empty() {
                    let x = x + width(&rest, size, FontStyle::Normal) + 3.0 * space;
                    let words = note(l).trim_start().to_string();
                    put(words, (x, y), FontStyle::Normal, &t.muted)?;
                }
                drawn.push(format!("{}{}", l.text(), note(l)));
            }
        }
        y += size * 1.5;
    }
    Ok(ChainGeometry {
        font_px: size,
        lines: drawn,
    })
}
