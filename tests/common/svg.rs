//! Reading the SVG that plotters writes, to check what a chart drew and where.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};
use plotters::style::RGBColor;
use std::collections::HashMap;

/// Draws on an SVG canvas of `size` with `draw`, then returns the SVG and what `draw` returned.
pub fn draw_svg<T>(
    size: (u32, u32),
    draw: impl for<'a> FnOnce(&DrawingArea<SVGBackend<'a>, Shift>) -> T,
) -> (String, T) {
    let mut svg = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let drawn = draw(&root);
        root.present().expect("present");
        drawn
    };
    (svg, drawn)
}

/// SVG color as plotters writes it: "#0D6E66".
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The attributes of every `<tag .../>` element (plotters writes one element per line).
pub fn elements(svg: &str, tag: &str) -> Vec<HashMap<String, String>> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let end = after.find('>').expect("unterminated element");
        let mut attrs = HashMap::new();
        let mut body = &after[..end];
        while let Some(eq) = body.find("=\"") {
            let name = body[..eq].trim().to_string();
            let value_start = eq + 2;
            let close = body[value_start..]
                .find('"')
                .expect("unterminated attribute");
            attrs.insert(name, body[value_start..value_start + close].to_string());
            body = &body[value_start + close + 1..];
        }
        out.push(attrs);
        rest = &after[end..];
    }
    out
}

/// The text content of every `<text>` element.
pub fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let start = t.find('>')? + 1;
            let end = t.find("</text>")?;
            Some(t[start..end].trim().to_string())
        })
        .collect()
}

pub fn num(attrs: &HashMap<String, String>, name: &str) -> f64 {
    attrs[name].parse().expect("numeric attribute")
}

pub fn vertices(polyline: &HashMap<String, String>) -> Vec<(f64, f64)> {
    polyline["points"]
        .split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').expect("x,y");
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

/// The vertices of every polyline stroked in one colour.
pub fn stroked(svg: &str, stroke: RGBColor) -> Vec<Vec<(f64, f64)>> {
    let stroke = hex(stroke);
    elements(svg, "polyline")
        .into_iter()
        .filter(|p| p.get("stroke") == Some(&stroke))
        .map(|p| vertices(&p))
        .collect()
}

/// Centres of the filled circles of one colour.
pub fn dots(svg: &str, fill: RGBColor) -> Vec<(f64, f64)> {
    let fill = hex(fill);
    elements(svg, "circle")
        .into_iter()
        .filter(|c| c.get("fill") == Some(&fill))
        .map(|c| (num(&c, "cx"), num(&c, "cy")))
        .collect()
}

/// The background: a rect filled in `fill`, as large as the canvas.
pub fn assert_background(svg: &str, fill: RGBColor, size: (u32, u32)) {
    let background = elements(svg, "rect")
        .into_iter()
        .find(|r| r.get("fill") == Some(&hex(fill)))
        .expect("background rect");
    assert_eq!(num(&background, "width"), f64::from(size.0));
    assert_eq!(num(&background, "height"), f64::from(size.1));
}

/// The SVG is whole (opened and closed) and has no non-finite number in it.
pub fn assert_valid_svg(svg: &str) {
    assert!(
        svg.starts_with("<svg"),
        "does not start with <svg: {svg:.80}"
    );
    assert!(svg.trim_end().ends_with("</svg>"), "not closed");
    assert!(
        !svg.contains("NaN") && !svg.contains("inf"),
        "non-finite number in SVG"
    );
}

/// A point was drawn within 1.5 px of where the geometry says it is.
pub fn close_to(got: (f64, f64), want: (f64, f64), what: &str) {
    assert!(
        (got.0 - want.0).abs() <= 1.5 && (got.1 - want.1).abs() <= 1.5,
        "{what}: drawn at {got:?}, geometry says {want:?}"
    );
}
