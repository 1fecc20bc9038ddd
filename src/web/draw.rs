//! The drawing bindings (canvas only, so wasm32 only): the loss curve, the cost map with its
//! overlay and 3D view, and the cross-sections, each drawn by `crate::chart`.

use super::args::*;
use super::session::Session;
use crate::chart::{self, loss::LossStyle};
use crate::check;
use crate::surface::{self, GridSpec};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// An options argument through serde-wasm-bindgen: "view: invalid type: ...; expected {shape}".
fn from_js<T: DeserializeOwned>(value: JsValue, name: &str, shape: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Err(JsError::new(&format!(
            "{name} is missing; expected {shape}"
        )));
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        // serde-wasm-bindgen's errors wrap a JS Error, whose text starts "Error: ".
        let inner = e.to_string();
        let problem = inner.strip_prefix("Error: ").unwrap_or(&inner);
        JsError::new(&format!("{name}: {problem}; expected {shape}"))
    })
}

/// A geometry to JS as a plain object: maps as objects too, since a geometry flattens its
/// plot box in (serde writes a flattened struct as a map).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let objects = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    Ok(value.serialize(&objects)?)
}

/// What the map's last `draw` left (its geometry or grid), which `what` is drawn over: an
/// error if the map has not been drawn yet.
fn drawn_first<T>(left: Option<T>, what: &str) -> Result<T, JsError> {
    left.ok_or_else(|| JsError::new(&format!("draw the map before {what}")))
}

/// What `drawLossCurve` accepts besides the canvas and the run.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct LossOptions {
    #[serde(flatten)]
    style: LossStyle,
    /// The iteration under the pointer, for the hover guide.
    #[serde(default)]
    highlight: Option<f64>,
}

/// Draws the run's loss curve on a canvas with plotters:
/// `drawLossCurve(canvas, session, { logY, dark, pixelRatio, highlight? })` -> the plot's
/// geometry `{ plotLeft, plotRight, plotTop, plotBottom, xMin, xMax, yMin, yMax, logY }` in
/// canvas pixels, so the page can map the pointer back to an iteration.
#[wasm_bindgen(js_name = drawLossCurve)]
pub fn draw_loss_curve(
    canvas: web_sys::HtmlCanvasElement,
    session: &Session,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let o: LossOptions = if options.is_undefined() {
        LossOptions {
            style: LossStyle::default(),
            highlight: None,
        }
    } else {
        from_js(
            options,
            "options",
            "an object { logY, dark, pixelRatio, highlight? }",
        )?
    };
    let root = canvas_root(canvas)?;
    let points = chart::loss::loss_points(session.inner.run().history().points());
    let highlight = o.highlight.and_then(|it| chart::loss::nearest(&points, it));
    let lines = chart::rival_lines(session.inner.race(), o.style.dark, |p| {
        (p.iteration as f64, p.cost)
    });
    let rivals: Vec<_> = lines.iter().map(chart::RivalLine::as_rival).collect();
    let geometry = chart::loss::draw_loss(&root, &points, &rivals, highlight, &o.style)
        .map_err(|e| JsError::new(&format!("drawing the loss curve failed: {e}")))?;
    root.present()
        .map_err(|e| JsError::new(&format!("drawing the loss curve failed: {e}")))?;
    to_js(&geometry)
}

/// What `CostMap.draw` accepts: the grid and how to draw it.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct MapView {
    #[serde(flatten)]
    grid: GridSpec,
    #[serde(flatten)]
    style: chart::map::MapStyle,
    /// Keep the axes drawn last time (range, size and colours unchanged).
    #[serde(default)]
    keep_frame: bool,
    /// Draw the axes only; a later draw with `keep_frame` adds the data. The page's first
    /// picture comes in these two halves, each a short task (the first call of each part
    /// also compiles its code).
    #[serde(default)]
    frame_only: bool,
}

/// The cost map over (w1, w2) for the page: keeps its cost grid and pixel buffer between
/// frames (nothing allocates while a slider is dragged) and its geometry for the overlay.
#[wasm_bindgen]
pub struct CostMap {
    costs: Vec<f32>,
    rgba: Vec<u8>,
    /// The 3D view's pixels (whole canvas), kept between frames like `rgba`.
    rgba3d: Vec<u8>,
    grid: Option<surface::Grid>,
    geometry: Option<chart::map::MapGeometry>,
    /// Buffers of the fast cost-surface path, kept between frames.
    scratch: surface::Scratch,
}

impl CostMap {
    /// The run's mean cost over `grid` (at its b1 and b2) into `costs`, by the fast path.
    fn fill_costs(&mut self, session: &Session, grid: &surface::Grid) {
        let s = session.inner.run().settings();
        let p = session.inner.run().params();
        self.costs.resize(grid.resolution * grid.resolution, 0.0);
        surface::cost_surface_fast(
            p.b1,
            p.b2,
            &s.samples,
            s.model(),
            grid,
            &mut self.costs,
            &mut self.scratch,
        );
    }
}

impl Default for CostMap {
    fn default() -> Self {
        Self::new()
    }
}

fn context_2d(
    canvas: &web_sys::HtmlCanvasElement,
) -> Result<web_sys::CanvasRenderingContext2d, JsError> {
    use wasm_bindgen::JsCast;
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))
}

/// A plotters drawing area over a page canvas.
fn canvas_root(
    canvas: web_sys::HtmlCanvasElement,
) -> Result<
    plotters::drawing::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>,
    JsError,
> {
    use plotters::prelude::IntoDrawingArea;
    plotters_canvas::CanvasBackend::with_canvas_object(canvas)
        .map(IntoDrawingArea::into_drawing_area)
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))
}

fn draw_error(what: &str, e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("drawing the {what} failed: {e}"))
}

#[wasm_bindgen]
impl CostMap {
    #[wasm_bindgen(constructor)]
    pub fn new() -> CostMap {
        CostMap {
            costs: Vec::new(),
            rgba: Vec::new(),
            rgba3d: Vec::new(),
            grid: None,
            geometry: None,
            scratch: surface::Scratch::default(),
        }
    }

    /// Computes the mean cost over the grid (b1, b2, data and cost from the session) and draws
    /// the base layer: heatmap, contours, axes and legend. The heatmap is filled at the grid's
    /// resolution into `scratch` (a canvas kept by the page) and scaled into the plot with
    /// smoothing, which is bilinear interpolation done by the browser.
    /// `view`: `{ w1Min, w1Max, w2Min, w2Max, resolution, logColor, dark, pixelRatio,
    /// keepFrame }`; with `keepFrame` (the range, size and colours unchanged since the last
    /// draw) the axes are kept and only the heatmap, contours and legend are redrawn; with
    /// `frameOnly` only the axes are drawn (no costs computed), for a `keepFrame` draw to fill.
    /// Returns the geometry `{ plotLeft, plotTop, plotRight, plotBottom, w1Min, ..., costMin,
    /// costMax, logColor }` in canvas pixels.
    pub fn draw(
        &mut self,
        canvas: web_sys::HtmlCanvasElement,
        scratch: web_sys::HtmlCanvasElement,
        session: &Session,
        view: JsValue,
    ) -> Result<JsValue, JsError> {
        let v: MapView = from_js(view, "view", GRID_SHAPE)?;
        let grid = check::grid(&v.grid, "view").map_err(err)?;

        let ctx = context_2d(&canvas)?;
        let small = context_2d(&scratch)?;
        let root = canvas_root(canvas)?;
        let frame = match self.geometry {
            Some(g) if v.keep_frame && self.grid == Some(grid) => g,
            _ => {
                // The legend's room, measured by the canvas in the font plotters draws with.
                let mut style = v.style;
                let px = style.pen().font();
                ctx.set_font(&format!("{px}px {}", chart::theme::FONT));
                style.legend_label_px = ctx
                    .measure_text(chart::map::LEGEND_WIDEST)
                    .ok()
                    .map(|m| m.width());
                chart::map::draw_map_frame(&root, &grid, &style)
                    .map_err(|e| draw_error("cost map", e))?
            }
        };
        if v.frame_only {
            root.present().map_err(|e| draw_error("cost map", e))?;
            self.grid = Some(grid);
            self.geometry = Some(frame);
            return to_js(&frame);
        }
        self.fill_costs(session, &grid);
        let n = grid.resolution;
        let (costs, rgba) = (&self.costs, &mut self.rgba);
        let mut put_error = None;
        let geometry = chart::map::draw_map_data(&root, &frame, &grid, costs, &v.style, |g| {
            chart::map::grid_image(costs, n, &g.scale(), rgba);
            if scratch.width() != n as u32 || scratch.height() != n as u32 {
                scratch.set_width(n as u32);
                scratch.set_height(n as u32);
            }
            let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
                wasm_bindgen::Clamped(&rgba[..]),
                n as u32,
                n as u32,
            );
            // Half a texel in from each edge: grid points sit on the plot's edges, not inside.
            let (w, h) = (g.plot.width(), g.plot.height());
            ctx.set_image_smoothing_enabled(true);
            let drawn = image.and_then(|img| small.put_image_data(&img, 0.0, 0.0)).and_then(|()| {
                ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    &scratch,
                    0.5,
                    0.5,
                    (n - 1) as f64,
                    (n - 1) as f64,
                    g.plot.left,
                    g.plot.top,
                    w,
                    h,
                )
            });
            if let Err(e) = drawn {
                put_error = Some(format!("{e:?}"));
            }
            Ok(())
        })
        .map_err(|e| draw_error("cost map", e))?;
        root.present().map_err(|e| draw_error("cost map", e))?;
        if let Some(e) = put_error {
            return Err(draw_error("heatmap", e));
        }
        self.grid = Some(grid);
        self.geometry = Some(geometry);
        to_js(&geometry)
    }

    /// Draws the overlay (path, step arrow, marker) on a transparent canvas the size of the
    /// base. `view`: `{ dark, pixelRatio }`. Returns `{ marker, start, arrowEnd,
    /// arrowTip, pathSegments }` in canvas pixels. The arrow is the step to come, from the
    /// session's view of the moment: drawn only when it is known at the current weights (at
    /// rest, or after the backward pass; not after the forward phase alone, not after the
    /// update, whose step the path shows, and not while a quiz hides it): otherwise `arrowTip`
    /// is absent and `arrowEnd` is the marker.
    #[wasm_bindgen(js_name = drawOverlay)]
    pub fn draw_overlay(
        &self,
        canvas: web_sys::HtmlCanvasElement,
        session: &Session,
        view: JsValue,
    ) -> Result<JsValue, JsError> {
        let g = drawn_first(self.geometry, "its overlay")?;
        let style: chart::map::MapStyle = from_js(view, "view", "an object { dark, pixelRatio }")?;
        let ctx = context_2d(&canvas)?;
        ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
        let t = session.inner.run();
        let p = t.params();
        let path = t.path();
        // The step the next update will take, with the chosen optimizer, if the page knows it.
        // (After the update the pass is the one before the step: the path shows that step.)
        let known = crate::view::status(&session.inner, "next.w1") == crate::view::Status::Known;
        let next = if known && t.phase() != crate::train::Phase::Update {
            t.next_params()
        } else {
            p
        };
        let root = canvas_root(canvas)?;
        let overlay = chart::map::Overlay {
            path: &path,
            current: (p.w1, p.w2),
            next: (next.w1, next.w2),
        };
        let lines = chart::rival_lines(session.inner.race(), true, |q| (q.params.w1, q.params.w2));
        let rivals: Vec<_> = lines.iter().map(chart::RivalLine::as_rival).collect();
        let o = chart::map::draw_race_overlay(&root, &g, &overlay, &rivals, &style)
            .map_err(|e| draw_error("overlay", e))?;
        root.present().map_err(|e| draw_error("overlay", e))?;
        to_js(&o)
    }

    /// Draws the same surface in 3D, with the path and the marker, from the grid of the last
    /// `draw`: background, panels and faces rasterized in Rust and put on the canvas with one
    /// putImageData, then axes, labels, path and marker over them (plotters).
    /// `view`: `{ yaw, pitch, dark, logColor, pixelRatio }`. Returns
    /// `{ markerPx, pathPoints, faces, yaw, pitch, ... }`.
    #[wasm_bindgen(js_name = draw3d)]
    pub fn draw_3d(
        &mut self,
        canvas: web_sys::HtmlCanvasElement,
        session: &Session,
        view: JsValue,
    ) -> Result<JsValue, JsError> {
        let grid = drawn_first(self.grid, "its 3D view")?;
        let v: chart::surface3d::View3d = from_js(
            view,
            "view",
            "an object { yaw, pitch, dark, logColor, pixelRatio }",
        )?;
        let lifted = chart::surface3d::lift(&session.inner);
        let surface = chart::surface3d::Surface3d {
            grid,
            costs: &self.costs,
            path: &lifted.path,
            current: lifted.current,
        };
        let rivals: Vec<_> = lifted
            .rivals
            .iter()
            .map(|r| chart::surface3d::Rival3d {
                path: &r.line,
                color: r.color,
                mark: r.mark,
            })
            .collect();
        let ctx = context_2d(&canvas)?;
        let (w, h) = (canvas.width(), canvas.height());
        let layout = chart::surface3d::rasterize_surface3d(&surface, &v, w, h, &mut self.rgba3d);
        if w > 0 && h > 0 {
            web_sys::ImageData::new_with_u8_clamped_array_and_sh(
                wasm_bindgen::Clamped(&self.rgba3d[..]),
                w,
                h,
            )
            .and_then(|img| ctx.put_image_data(&img, 0.0, 0.0))
            .map_err(|e| draw_error("3D surface", format!("{e:?}")))?;
        }
        let root = canvas_root(canvas)?;
        let g = chart::surface3d::draw_surface3d_overlay(&root, &surface, &rivals, &layout)
            .map_err(|e| draw_error("3D surface", e))?;
        root.present().map_err(|e| draw_error("3D surface", e))?;
        to_js(&g)
    }

    /// Computes the grid only (no drawing), with the fast picture path: what the benchmark
    /// times. `grid`: `{ w1Min, w1Max, w2Min, w2Max, resolution }`; read the result with
    /// `costsView()`.
    pub fn compute(&mut self, session: &Session, grid: JsValue) -> Result<(), JsError> {
        let spec: GridSpec = from_js(grid, "grid", GRID_SHAPE)?;
        let grid = check::grid(&spec, "grid").map_err(err)?;
        self.fill_costs(session, &grid);
        self.grid = Some(grid);
        Ok(())
    }

    /// The last computed costs (row-major, `resolution()` per side), as a view into wasm
    /// memory: `new Float32Array(memory.buffer, map.costsView(), n * n)`.
    #[wasm_bindgen(js_name = costsView)]
    pub fn costs_view(&self) -> *const f32 {
        self.costs.as_ptr()
    }

    /// Points per side of the last grid (0 before the first draw).
    pub fn resolution(&self) -> usize {
        self.grid.map_or(0, |g| g.resolution)
    }
}

/// What `drawSection` accepts besides the canvas, the run and the axis.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct SectionOptions {
    /// [min, max] of the weight across the chart (the map's range on that axis).
    range: [f64; 2],
    #[serde(flatten)]
    style: chart::section::SectionStyle,
}

/// Draws the cost along one weight with the others held, and the tangent whose slope is the
/// back-propagated gradient: `drawSection(canvas, session, "w1" | "w2", { range: [min, max],
/// dark, pixelRatio })` -> `{ plotLeft, ..., point, slope, tangent, tangentPx,
/// pointPx }`. It draws the session's view of the moment (`crate::view`): at the pass's
/// weights, and the tangent only when the gradient is known (not after the forward phase
/// alone, nor while a quiz hides it: then `slope` and `tangent` are absent and the caption
/// says why).
#[wasm_bindgen(js_name = drawSection)]
pub fn draw_section(
    canvas: web_sys::HtmlCanvasElement,
    session: &Session,
    axis: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let axis: chart::section::Axis = from_js(axis, "axis", "\"w1\" or \"w2\"")?;
    let o: SectionOptions = from_js(
        options,
        "options",
        "an object { range: [min, max], dark, pixelRatio }",
    )?;
    let s = session.inner.run().settings();
    // The pass on screen, as the chain-rule panel shows it: during "update", the weights the
    // step was taken from, so the tangent is the gradient that moved them.
    let gradient = crate::view::status(&session.inner, &format!("mean.{}", axis.gradient_key()));
    let section = chart::section::Section {
        axis,
        params: crate::view::pass_params(&session.inner),
        samples: &s.samples,
        model: s.model(),
        range: (o.range[0], o.range[1]),
        tangent: match gradient {
            crate::view::Status::Known => chart::section::Tangent::Drawn,
            crate::view::Status::Withheld => {
                chart::section::Tangent::Hidden("hidden until you check your answers")
            }
            crate::view::Status::Pending => {
                chart::section::Tangent::Hidden("after the backward pass")
            }
        },
    };
    let root = canvas_root(canvas)?;
    let g = chart::section::draw_section(&root, &section, &o.style)
        .map_err(|e| draw_error("cross-section", e))?;
    root.present().map_err(|e| draw_error("cross-section", e))?;
    to_js(&g)
}

/// The map's range, as `describePictures` takes it.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct RangeArg {
    w1_min: f64,
    w1_max: f64,
    w2_min: f64,
    w2_max: f64,
}

/// Each picture in words (`crate::pictures`), for the canvases' text alternatives and the
/// tables behind them: `describePictures(session, { w1Min, w1Max, w2Min, w2Max })` ->
/// `{ loss, w1, w2, map }`, each `{ said, head: [..], rows: [[..], ..] }`.
#[wasm_bindgen(js_name = describePictures)]
pub fn describe_pictures(session: &Session, range: JsValue) -> Result<JsValue, JsError> {
    let r: RangeArg = from_js(range, "range", "an object { w1Min, w1Max, w2Min, w2Max }")?;
    for (name, v) in [
        ("range.w1Min", r.w1_min),
        ("range.w1Max", r.w1_max),
        ("range.w2Min", r.w2_min),
        ("range.w2Max", r.w2_max),
    ] {
        check::number_in(name, v, -check::VALUE_LIMIT, check::VALUE_LIMIT).map_err(err)?;
    }
    if r.w1_min >= r.w1_max || r.w2_min >= r.w2_max {
        return Err(JsError::new(
            "range: each minimum must be below its maximum",
        ));
    }
    let range = crate::pictures::Range {
        w1: (r.w1_min, r.w1_max),
        w2: (r.w2_min, r.w2_max),
    };
    to_js(&crate::pictures::Pictures::of(&session.inner, range))
}

/// The loss curve as sound (`crate::pictures::loss_tone`): `lossTone(session)` ->
/// `{ hz: [..], seconds }`, the pitches to glide through, first iteration to last.
#[wasm_bindgen(js_name = lossTone)]
pub fn loss_tone(session: &Session) -> Result<JsValue, JsError> {
    to_js(&crate::pictures::loss_tone(&session.inner))
}
