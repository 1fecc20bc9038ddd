//! The page's slide exports (wasm32 only, with the `charts` feature): the figures the figure
//! command makes, drawn by the same code ([`crate::figure`]) from the page's own session, and
//! the chain rule as LaTeX or Markdown.
//!
//! Only the SVG is made here. The page turns it into a PNG itself, drawing it on a canvas at
//! the chosen scale: the PNG is then exactly the SVG's picture (no second renderer whose text
//! or lines could differ), text stays sharp at any scale, and the wasm carries no PNG
//! rasteriser or font. The SVG's heatmap is already drawn at that scale's pixel density.

use super::js::{Arg, Obj};
use super::session::Session;
use crate::figure::{self, MAX_SCALE, Panels};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Session {
    /// A slide of what is on screen, as the figure command draws it: `figureSvg(kind,
    /// { scale })` with `kind` one of "map", "network", "both" (the command's composite, whose
    /// diagram labels are under 1.25% of the width; the page does not offer it), "loss",
    /// "chain" and `scale`
    /// (1 to 4, default 2) the PNG's pixels per unit the SVG is made for (its heatmap's
    /// density) -> `{ svg, width, height, kind }`: the SVG text and its size in units (CSS
    /// pixels). Always the light theme, with a heading and a caption line; a quiz's answers
    /// stay "?" until checked.
    #[wasm_bindgen(js_name = figureSvg)]
    pub fn figure_svg(&self, kind: &str, options: JsValue) -> Result<JsValue, JsError> {
        let panels = Panels::named(kind).ok_or_else(|| {
            JsError::new(&format!(
                "kind must be \"map\", \"network\", \"both\", \"loss\" or \"chain\", got {kind:?}"
            ))
        })?;
        let o = Arg::new(options, "options", "an object { scale? }");
        let scale = match o.is_absent() {
            true => 2.0,
            false => match o.maybe("scale")? {
                Some(s) => s.number()?,
                None => 2.0,
            },
        };
        if !(1.0..=MAX_SCALE).contains(&scale) {
            return Err(JsError::new(&format!(
                "options.scale must be a number from 1 to {MAX_SCALE}, got {scale}"
            )));
        }
        let (svg, (w, h)) =
            figure::page_svg(&self.inner, panels, scale).map_err(|e| JsError::new(&e))?;
        Ok(Obj::new()
            .str("svg", &svg)
            .num("width", w as f64)
            .num("height", h as f64)
            .str("kind", panels.name())
            .done())
    }

    /// The chain rule worked on the numbers on screen, for notes: `chainRule("latex")` (an
    /// amsmath `align*`) or `chainRule("markdown")`. The same lines as the chain-rule slide;
    /// a quiz's answers stay "?" until checked.
    #[wasm_bindgen(js_name = chainRule)]
    pub fn chain_rule(&self, format: &str) -> Result<String, JsError> {
        match format {
            "latex" => Ok(figure::chain_text(&self.inner, false)),
            "markdown" => Ok(figure::chain_text(&self.inner, true)),
            other => Err(JsError::new(&format!(
                "format must be \"latex\" or \"markdown\", got {other:?}"
            ))),
        }
    }
}
