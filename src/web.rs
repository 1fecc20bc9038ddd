//! The JavaScript API: the only module that knows about `JsValue`.
//!
//! Each export converts its arguments with serde-wasm-bindgen, validates them with
//! [`crate::check`], calls the core and converts the result back to a plain JS object with
//! camelCase fields. Bad input becomes a thrown JS `Error` whose message names the field.

use crate::activation::Activation;
use crate::chart::theme::{hex, rival_color};
#[cfg(target_arch = "wasm32")]
use crate::chart::{self, loss::LossStyle};
use crate::check;
use crate::cost::Cost;
use crate::error::InputError;
use crate::link;
use crate::net::{self, Gradient, Model, Params, Sample};
use crate::optim::Optimizer;
use crate::race::{self, Race};
use crate::surface::{self, GridSpec};
use crate::train::{self, Pass, Phase, Settings, Trouble};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What each kind of argument should look like, quoted in error messages.
const PARAMS_SHAPE: &str = "an object { w1, b1, w2, b2 } of finite numbers";
const SAMPLE_SHAPE: &str = "an object { x, y } with x a finite number and y in [0, 1]";
const SAMPLES_SHAPE: &str = "an array of { x, y } objects";
const COST_SHAPE: &str = "\"squared\" or \"crossEntropy\"";
const GRADS_SHAPE: &str = "an object { dCdW1, dCdB1, dCdW2, dCdB2 } (what backward returns)";
const GRID_SHAPE: &str = "an object { w1Min, w1Max, w2Min, w2Max, resolution }";

fn err(e: InputError) -> JsError {
    JsError::new(&e.to_string())
}

/// Deserializes `value`, naming the exact field that failed: "params.w1: invalid type: ...".
fn from_js<T: DeserializeOwned>(value: JsValue, name: &str, shape: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Err(JsError::new(&format!(
            "{name} is missing: expected {shape}"
        )));
    }
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        let field = match e.path().to_string() {
            path if path == "." => name.to_string(),
            path if path.starts_with('[') => format!("{name}{path}"),
            path => format!("{name}.{path}"),
        };
        // serde-wasm-bindgen's errors wrap a JS Error, whose text starts "Error: ".
        let inner = e.into_inner().to_string();
        let problem = inner.strip_prefix("Error: ").unwrap_or(&inner);
        JsError::new(&format!("{field}: {problem}; expected {shape}"))
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(serde_wasm_bindgen::to_value(value)?)
}

fn number(value: &JsValue, name: &str) -> Result<f64, JsError> {
    value.as_f64().ok_or_else(|| {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        JsError::new(&format!("{name} must be a number, got {kind}"))
    })
}

fn params_arg(value: JsValue) -> Result<Params, JsError> {
    let p: Params = from_js(value, "params", PARAMS_SHAPE)?;
    check::params(&p, "params").map_err(err)?;
    Ok(p)
}

fn cost_arg(value: JsValue) -> Result<Cost, JsError> {
    if let Some(name) = value.as_string() {
        return Cost::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| {
                let shown: String = name.chars().take(40).collect();
                JsError::new(&format!("cost must be {COST_SHAPE}, got \"{shown}\""))
            });
    }
    from_js(value, "cost", COST_SHAPE)
}

/// The optional `{ hidden, output }` activations argument (sigmoid where left out).
fn activations_arg(activations: JsValue) -> Result<Activations, JsError> {
    if activations.is_undefined() || activations.is_null() {
        return Ok(Activations::default());
    }
    // serde-wasm-bindgen only reads the fields it knows, so a typo would pass unseen.
    if activations.is_object() {
        for key in js_sys::Object::keys(activations.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if key != "hidden" && key != "output" {
                let shown: String = key.chars().take(24).collect();
                return Err(JsError::new(&format!(
                    "activations.{shown} is not a node: use hidden or output"
                )));
            }
        }
    }
    from_js(activations, "activations", ACTIVATIONS_SHAPE)
}

/// The cost and the optional activations: together, what is being trained (checked: cross-
/// entropy needs a sigmoid output).
fn model_arg(cost: JsValue, activations: JsValue) -> Result<Model, JsError> {
    let cost = cost_arg(cost)?;
    let a = activations_arg(activations)?;
    let model = Model {
        hidden: a.hidden,
        output: a.output,
        cost,
    };
    model.check("cost").map_err(err)?;
    Ok(model)
}

#[derive(Default, Deserialize)]
struct Activations {
    #[serde(default)]
    hidden: Activation,
    #[serde(default)]
    output: Activation,
}

const ACTIVATIONS_SHAPE: &str =
    "an object { hidden?, output? }, each \"sigmoid\", \"tanh\", \"relu\" or \"linear\"";

fn samples_arg(value: JsValue) -> Result<Vec<Sample>, JsError> {
    let samples: Vec<Sample> = from_js(value, "samples", SAMPLES_SHAPE)?;
    check::samples(&samples, "samples").map_err(err)?;
    Ok(samples)
}

/// Runs the network forward: `forward({ w1, b1, w2, b2 }, x, activations?)` ->
/// `{ z1, a1, z2, yHat }`; `activations` is `{ hidden, output }` (both sigmoid if left out).
#[wasm_bindgen]
pub fn forward(params: JsValue, x: JsValue, activations: JsValue) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let x = number(&x, "x")?;
    check::input(x, "x").map_err(err)?;
    let a = activations_arg(activations)?;
    let model = Model {
        hidden: a.hidden,
        output: a.output,
        ..Model::default()
    };
    to_js(&model.forward(&p, x))
}

/// Forward then backward for one sample: `backward(params, { x, y }, cost, activations?)` ->
/// `{ cost, dCdYHat, dYHatdZ2, delta2, dCdW2, dCdB2, dZ2dA1, dA1dZ1, delta1, dCdW1, dCdB1 }`.
#[wasm_bindgen]
pub fn backward(
    params: JsValue,
    sample: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let s: Sample = from_js(sample, "sample", SAMPLE_SHAPE)?;
    check::sample(&s, "sample").map_err(err)?;
    let model = model_arg(cost, activations)?;
    to_js(&model.backward(&p, s))
}

/// One gradient-descent step: `update(params, grads, learningRate)` -> new params.
#[wasm_bindgen]
pub fn update(params: JsValue, grads: JsValue, learning_rate: JsValue) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let g: Gradient = from_js(grads, "grads", GRADS_SHAPE)?;
    check::gradient(&g, "grads").map_err(err)?;
    let lr = number(&learning_rate, "learningRate")?;
    check::learning_rate(lr, "learningRate").map_err(err)?;
    let next = net::update(&p, &g, lr);
    check::stepped(&next, lr).map_err(err)?;
    to_js(&next)
}

/// Mean cost and gradient over a training set:
/// `meanGradient(params, samples, cost, activations?)` ->
/// `{ cost, dCdW1, dCdB1, dCdW2, dCdB2 }`, ready for `update`.
#[wasm_bindgen(js_name = meanGradient)]
pub fn mean_gradient(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let samples = samples_arg(samples)?;
    let model = model_arg(cost, activations)?;
    to_js(&model.mean_gradient(&p, &samples))
}

/// The same shape as `meanGradient`, estimated by central differences (the gradient check).
#[wasm_bindgen(js_name = numericalGradient)]
pub fn numerical_gradient(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let samples = samples_arg(samples)?;
    let model = model_arg(cost, activations)?;
    to_js(&model.numerical_gradient(&p, &samples))
}

/// Mean cost over a (w1, w2) grid, b1 and b2 taken from `params`:
/// `costSurface(params, samples, cost, { w1Min, w1Max, w2Min, w2Max, resolution },
/// activations?)` -> a `Float32Array` of resolution^2 costs, row i at w2 = w2Min + i*step,
/// column j at w1.
#[wasm_bindgen(js_name = costSurface)]
pub fn cost_surface(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    grid: JsValue,
    activations: JsValue,
) -> Result<js_sys::Float32Array, JsError> {
    let p = params_arg(params)?;
    let samples = samples_arg(samples)?;
    let model = model_arg(cost, activations)?;
    let spec: GridSpec = from_js(grid, "grid", GRID_SHAPE)?;
    let grid = check::grid(&spec, "grid").map_err(err)?;
    let mut out = vec![0.0f32; grid.resolution * grid.resolution];
    surface::cost_surface(p.b1, p.b2, &samples, model, &grid, &mut out);
    Ok(js_sys::Float32Array::from(&out[..]))
}

/// The limits the checks enforce, so the page can say them before the core refuses.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    value_limit: f64,
    learning_rate_limit: f64,
    max_samples: usize,
    min_resolution: usize,
    max_resolution: usize,
    lesson_steps: u32,
    max_points: usize,
}

/// `limits()` -> `{ valueLimit, learningRateLimit, maxSamples, minResolution, maxResolution,
/// lessonSteps, maxPoints }` (maxPoints: the training-set editor's and a link's limit).
#[wasm_bindgen]
pub fn limits() -> Result<JsValue, JsError> {
    to_js(&Limits {
        value_limit: check::VALUE_LIMIT,
        learning_rate_limit: check::LEARNING_RATE_LIMIT,
        max_samples: check::MAX_SAMPLES,
        min_resolution: check::MIN_RESOLUTION,
        max_resolution: check::MAX_RESOLUTION,
        lesson_steps: link::LESSON_STEPS,
        max_points: link::MAX_POINTS,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Defaults {
    state: link::State,
    weight_range: f64,
}

/// `defaults()` -> `{ state, weightRange }`: the state a page opens in (the link codec's
/// default: start weights, data, cost, η, view, ...) and the sliders' weight range. The page
/// keeps no copy of these; it asks.
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsError> {
    to_js(&Defaults {
        state: link::State::default(),
        weight_range: train::WEIGHT_RANGE,
    })
}

/// A training run held in Rust, so stepping, replay and history are deterministic:
/// `new Trainer(params, { samples, cost, learningRate, chosen, weightRange })`.
#[wasm_bindgen]
pub struct Trainer {
    inner: train::Trainer,
    /// Other optimizers racing this run (none unless `setRace` was called).
    race: Race,
    /// The history, flattened for JS to read straight out of wasm memory.
    history: Vec<f64>,
}

/// What the page shows, in one object (see `Trainer.snapshot`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Snapshot<'a> {
    iteration: f64,
    phase: Phase,
    params: Params,
    start: Params,
    cost: f64,
    /// The pass being stepped through (phases forward, backward, update), else null.
    pass: Option<&'a Pass>,
    /// Everything at the current weights.
    live: Pass,
    /// Central-difference estimates for the pass on screen (`pass`, else `live`):
    /// the chosen sample, and the mean over all samples.
    numeric_sample: Gradient,
    numeric_mean: Gradient,
    trouble: Option<&'a Trouble>,
    last_good_iteration: f64,
    history_length: usize,
    history_stride: f64,
    /// Where the next update will move the weights (with the chosen optimizer's state).
    next: Params,
    /// The rivals, if racing: each `{ optimizer, iteration, params, cost, stuck, color,
    /// mapColor }` (colours as `#rrggbb`: for charts on this page's light background, and
    /// the bright one used on the map, the 3D view and dark charts).
    race: Vec<RivalView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RivalView {
    optimizer: Optimizer,
    iteration: f64,
    params: Params,
    cost: f64,
    /// A step would have overflowed: this rival stopped here.
    stuck: bool,
    color: String,
    map_color: String,
}

fn settings_arg(value: JsValue) -> Result<Settings, JsError> {
    let s: Settings = from_js(value, "settings", SETTINGS_SHAPE)?;
    s.check().map_err(err)?;
    Ok(s)
}

const SETTINGS_SHAPE: &str = "an object { samples, cost, learningRate, chosen?, weightRange?, \
     optimizer?, hidden?, output? } (chosen: a sample index)";

/// Fields per history point in `historyView`.
const HISTORY_FIELDS: usize = 6;

const RACE_SHAPE: &str = "an array of up to 4 optimizers { kind, ...hyper-parameters }, \
     each kind once";

impl Trainer {
    /// Changes the lead run with `f`, then brings the rivals level with it: every call that
    /// changes the run goes through here.
    fn lead<R>(&mut self, f: impl FnOnce(&mut train::Trainer) -> R) -> R {
        let r = f(&mut self.inner);
        self.race.follow(&self.inner);
        r
    }

    /// Each rival's history, one `point(p)` per kept point, with its colour (`bright`: on the
    /// map, in 3D and on dark charts).
    #[cfg(target_arch = "wasm32")]
    fn rival_lines<T>(
        &self,
        bright: bool,
        point: impl Fn(&train::Point) -> T,
    ) -> Vec<(Vec<T>, plotters::style::RGBColor)> {
        self.race
            .rivals()
            .iter()
            .map(|r| {
                let line = r.history().points().iter().map(&point).collect();
                (line, rival_color(r.settings().optimizer.name(), bright))
            })
            .collect()
    }
}

#[wasm_bindgen]
impl Trainer {
    #[wasm_bindgen(constructor)]
    pub fn new(params: JsValue, settings: JsValue) -> Result<Trainer, JsError> {
        let p = params_arg(params)?;
        let s = settings_arg(settings)?;
        Ok(Trainer {
            inner: train::Trainer::new(p, s),
            race: Race::default(),
            history: Vec::new(),
        })
    }

    /// Advances one phase (forward, backward, update); returns the new phase's name.
    #[wasm_bindgen(js_name = stepPhase)]
    pub fn step_phase(&mut self) -> String {
        phase_name(self.lead(|t| t.step_phase()))
    }

    /// Finishes the current iteration (or runs a whole one). False if the step was refused.
    #[wasm_bindgen(js_name = stepIteration)]
    pub fn step_iteration(&mut self) -> bool {
        self.lead(|t| t.step_iteration())
    }

    /// Runs up to `n` iterations, stopping at trouble; returns how many ran.
    pub fn run(&mut self, n: f64) -> f64 {
        self.lead(|t| t.run(count(n))) as f64
    }

    /// Resets, then runs `n` iterations: the deterministic replay a share link uses.
    pub fn replay(&mut self, n: f64) -> f64 {
        self.lead(|t| t.replay(count(n))) as f64
    }

    /// Runs `n` more iterations the way `replay` does (through trouble, stopping only where a
    /// step would overflow): a long replay in slices. Returns how many ran.
    pub fn advance(&mut self, n: f64) -> f64 {
        self.lead(|t| t.advance(count(n))) as f64
    }

    /// Back to exactly this run's starting weights.
    pub fn reset(&mut self) {
        self.lead(|t| t.reset());
    }

    /// Weights set by hand: a new run starts here.
    #[wasm_bindgen(js_name = setParams)]
    pub fn set_params(&mut self, params: JsValue) -> Result<(), JsError> {
        let p = params_arg(params)?;
        self.lead(|t| t.set_params(p));
        Ok(())
    }

    /// New settings: a new run starts from the current weights.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, settings: JsValue) -> Result<(), JsError> {
        let s = settings_arg(settings)?;
        self.lead(|t| t.set_settings(s));
        Ok(())
    }

    /// Optimizers to race against this run, from the same start with the same settings:
    /// `setRace([{ kind: "momentum", beta: 0.9 }, { kind: "adam", ... }])`; `[]` ends the
    /// race. They are brought to this run's iteration at once. Does not restart this run.
    #[wasm_bindgen(js_name = setRace)]
    pub fn set_race(&mut self, optimizers: JsValue) -> Result<(), JsError> {
        let list: Vec<Optimizer> = from_js(optimizers, "race", RACE_SHAPE)?;
        race::check(&list, &self.inner.settings().optimizer, "race").map_err(err)?;
        self.race.set(&list, &self.inner);
        Ok(())
    }

    /// Goes back to the last state before the trouble began.
    #[wasm_bindgen(js_name = restoreLastGood)]
    pub fn restore_last_good(&mut self) {
        self.lead(|t| t.restore_last_good());
    }

    /// Forgets the trouble and lets training continue from here.
    #[wasm_bindgen(js_name = dismissTrouble)]
    pub fn dismiss_trouble(&mut self) {
        self.inner.dismiss_trouble();
    }

    /// `{ iteration, phase, params, start, cost, pass, live, numericSample, numericMean,
    /// trouble, lastGoodIteration, historyLength, historyStride }`.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        let t = &self.inner;
        let s = t.settings();
        let chosen = [s.samples[s.chosen]];
        let h = t.history();
        // The check is for the pass on screen, which during "update" is the one before the step.
        let at = t.pass().map_or(t.params(), |p| p.params);
        to_js(&Snapshot {
            iteration: t.iteration() as f64,
            phase: t.phase(),
            params: t.params(),
            start: t.start(),
            cost: t.cost(),
            pass: t.pass(),
            live: Pass::at(t.params(), s),
            numeric_sample: net::numerical_gradient(&at, &chosen, s.model()),
            numeric_mean: net::numerical_gradient(&at, &s.samples, s.model()),
            trouble: t.trouble(),
            last_good_iteration: t.last_good_iteration() as f64,
            history_length: h.points().len(),
            history_stride: h.stride() as f64,
            next: t.next_params(),
            race: self
                .race
                .rivals()
                .iter()
                .map(|r| {
                    let o = r.settings().optimizer;
                    RivalView {
                        optimizer: o,
                        iteration: r.iteration() as f64,
                        params: r.params(),
                        cost: r.cost(),
                        stuck: r.stuck(),
                        color: hex(rival_color(o.name(), false)),
                        map_color: hex(rival_color(o.name(), true)),
                    }
                })
                .collect(),
        })
    }

    /// Fills the history buffer and returns its address in wasm memory: `historyLength`
    /// points of [iteration, w1, b1, w2, b2, cost] as f64. Read it as
    /// `new Float64Array(memory.buffer, ptr, 6 * length)` before the next call into wasm.
    #[wasm_bindgen(js_name = historyView)]
    pub fn history_view(&mut self) -> *const f64 {
        self.history.clear();
        for p in self.inner.history().points() {
            let q = p.params;
            self.history
                .extend_from_slice(&[p.iteration as f64, q.w1, q.b1, q.w2, q.b2, p.cost]);
        }
        debug_assert_eq!(self.history.len() % HISTORY_FIELDS, 0);
        self.history.as_ptr()
    }

    /// Points in the history (after `historyView`).
    #[wasm_bindgen(js_name = historyLength)]
    pub fn history_length(&self) -> usize {
        self.inner.history().points().len()
    }
}

fn phase_name(p: Phase) -> String {
    match p {
        Phase::Ready => "ready",
        Phase::Forward => "forward",
        Phase::Backward => "backward",
        Phase::Update => "update",
    }
    .into()
}

/// A JS iteration count as u64: non-finite or negative counts run nothing.
fn count(n: f64) -> u64 {
    if n.is_finite() && n > 0.0 {
        n.min(1e12) as u64
    } else {
        0
    }
}

/// What `drawLossCurve` accepts besides the canvas and the run.
#[cfg(target_arch = "wasm32")]
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
/// `drawLossCurve(canvas, trainer, { logY, dark, pixelRatio, highlight? })` -> the plot's
/// geometry `{ plotLeft, plotRight, plotTop, plotBottom, xMin, xMax, yMin, yMax, logY }` in
/// canvas pixels, so the page can map the pointer back to an iteration.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = drawLossCurve)]
pub fn draw_loss_curve(
    canvas: web_sys::HtmlCanvasElement,
    trainer: &Trainer,
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
    let points = chart::loss::loss_points(trainer.inner.history().points());
    let highlight = o.highlight.and_then(|it| chart::loss::nearest(&points, it));
    let lines = trainer.rival_lines(o.style.dark, |p| (p.iteration as f64, p.cost));
    let rivals: Vec<_> = lines
        .iter()
        .map(|(points, color)| chart::loss::Rival {
            points,
            color: *color,
        })
        .collect();
    let geometry = chart::loss::draw_loss(&root, &points, &rivals, highlight, &o.style)
        .map_err(|e| JsError::new(&format!("drawing the loss curve failed: {e}")))?;
    root.present()
        .map_err(|e| JsError::new(&format!("drawing the loss curve failed: {e}")))?;
    to_js(&geometry)
}

/// What `CostMap.draw` accepts: the grid and how to draw it.
#[cfg(target_arch = "wasm32")]
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
}

/// The cost map over (w1, w2) for the page: keeps its cost grid and pixel buffer between
/// frames (nothing allocates while a slider is dragged) and its geometry for the overlay.
#[cfg(target_arch = "wasm32")]
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

#[cfg(target_arch = "wasm32")]
impl Default for CostMap {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(target_arch = "wasm32")]
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
#[cfg(target_arch = "wasm32")]
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

#[cfg(target_arch = "wasm32")]
fn draw_error(what: &str, e: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("drawing the {what} failed: {e}"))
}

#[cfg(target_arch = "wasm32")]
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

    /// Computes the mean cost over the grid (b1, b2, data and cost from the trainer) and draws
    /// the base layer: heatmap, contours, axes and legend. The heatmap is filled at the grid's
    /// resolution into `scratch` (a canvas kept by the page) and scaled into the plot with
    /// smoothing, which is bilinear interpolation done by the browser.
    /// `view`: `{ w1Min, w1Max, w2Min, w2Max, resolution, logColor, dark, pixelRatio,
    /// keepFrame }`; with `keepFrame` (the range, size and colours unchanged since the last
    /// draw) the axes are kept and only the heatmap, contours and legend are redrawn.
    /// Returns the geometry `{ plotLeft, plotTop, plotRight, plotBottom, w1Min, ..., costMin,
    /// costMax, logColor }` in canvas pixels.
    pub fn draw(
        &mut self,
        canvas: web_sys::HtmlCanvasElement,
        scratch: web_sys::HtmlCanvasElement,
        trainer: &Trainer,
        view: JsValue,
    ) -> Result<JsValue, JsError> {
        let v: MapView = from_js(view, "view", GRID_SHAPE)?;
        let grid = check::grid(&v.grid, "view").map_err(err)?;
        let (p, s) = (trainer.inner.params(), trainer.inner.settings());
        let n = grid.resolution;
        self.costs.resize(n * n, 0.0);
        surface::cost_surface_fast(
            p.b1,
            p.b2,
            &s.samples,
            s.model(),
            &grid,
            &mut self.costs,
            &mut self.scratch,
        );

        let ctx = context_2d(&canvas)?;
        let small = context_2d(&scratch)?;
        let root = canvas_root(canvas)?;
        let frame = match self.geometry {
            Some(g) if v.keep_frame && self.grid == Some(grid) => g,
            _ => {
                // The legend's room, measured by the canvas in the font plotters draws with.
                let mut style = v.style;
                let px = chart::theme::FONT_PX * style.ratio();
                ctx.set_font(&format!("{px}px {}", chart::theme::FONT));
                style.legend_label_px = ctx
                    .measure_text(chart::map::LEGEND_WIDEST)
                    .ok()
                    .map(|m| m.width());
                chart::map::draw_map_frame(&root, &grid, &style)
                    .map_err(|e| draw_error("cost map", e))?
            }
        };
        let (costs, rgba) = (&self.costs, &mut self.rgba);
        let mut put_error = None;
        let geometry = chart::map::draw_map_data(&root, &frame, &grid, costs, &v.style, |g| {
            // The grid as an n x n image, top row = w2_max.
            rgba.resize(n * n * 4, 0);
            let scale = g.scale();
            let lut = chart::colormap::lut();
            for (row, out) in rgba.chunks_exact_mut(n * 4).enumerate() {
                let i = n - 1 - row;
                for (j, pixel) in out.chunks_exact_mut(4).enumerate() {
                    let [r, gr, b] = lut[chart::colormap::index(scale.t(costs[i * n + j] as f64))];
                    pixel.copy_from_slice(&[r, gr, b, 255]);
                }
            }
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
            let (w, h) = (g.plot_right - g.plot_left, g.plot_bottom - g.plot_top);
            ctx.set_image_smoothing_enabled(true);
            let drawn = image.and_then(|img| small.put_image_data(&img, 0.0, 0.0)).and_then(|()| {
                ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    &scratch,
                    0.5,
                    0.5,
                    (n - 1) as f64,
                    (n - 1) as f64,
                    g.plot_left,
                    g.plot_top,
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
    /// base. `view`: `{ dark, pixelRatio }`. Returns `{ marker, start, arrowEnd, pathSegments }`
    /// in canvas pixels.
    #[wasm_bindgen(js_name = drawOverlay)]
    pub fn draw_overlay(
        &self,
        canvas: web_sys::HtmlCanvasElement,
        trainer: &Trainer,
        view: JsValue,
    ) -> Result<JsValue, JsError> {
        let g = self
            .geometry
            .ok_or_else(|| JsError::new("draw the map before its overlay"))?;
        let style: chart::map::MapStyle = from_js(view, "view", "an object { dark, pixelRatio }")?;
        let ctx = context_2d(&canvas)?;
        ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
        let t = &trainer.inner;
        let p = t.params();
        let path = t.path();
        // The step the next update will take, with the chosen optimizer.
        let next = t.next_params();
        let root = canvas_root(canvas)?;
        let overlay = chart::map::Overlay {
            path: &path,
            current: (p.w1, p.w2),
            next: (next.w1, next.w2),
        };
        let lines = trainer.rival_lines(true, |q| (q.params.w1, q.params.w2));
        let rivals: Vec<_> = lines
            .iter()
            .map(|(path, color)| chart::map::Rival {
                path,
                color: *color,
            })
            .collect();
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
        trainer: &Trainer,
        view: JsValue,
    ) -> Result<JsValue, JsError> {
        let grid = self
            .grid
            .ok_or_else(|| JsError::new("draw the map before its 3D view"))?;
        let v: chart::surface3d::View3d = from_js(
            view,
            "view",
            "an object { yaw, pitch, dark, logColor, pixelRatio }",
        )?;
        let t = &trainer.inner;
        let (p, s) = (t.params(), t.settings());
        // The path on this surface: b1 and b2 held at their current values, as in the map.
        let on_surface = |w1: f64, w2: f64| {
            let q = Params { w1, w2, ..p };
            (w1, w2, net::mean_cost(&q, &s.samples, s.model()))
        };
        let path: Vec<(f64, f64, f64)> = t
            .history()
            .points()
            .iter()
            .map(|q| on_surface(q.params.w1, q.params.w2))
            .collect();
        let surface = chart::surface3d::Surface3d {
            grid,
            costs: &self.costs,
            path: &path,
            current: on_surface(p.w1, p.w2),
        };
        // Rivals on the same surface (b1 and b2 of the lead, where the surface was computed).
        let lines = trainer.rival_lines(true, |q| on_surface(q.params.w1, q.params.w2));
        let rivals: Vec<_> = lines
            .iter()
            .map(|(path, color)| chart::surface3d::Rival3d {
                path,
                color: *color,
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
    pub fn compute(&mut self, trainer: &Trainer, grid: JsValue) -> Result<(), JsError> {
        let spec: GridSpec = from_js(grid, "grid", GRID_SHAPE)?;
        let grid = check::grid(&spec, "grid").map_err(err)?;
        let (p, s) = (trainer.inner.params(), trainer.inner.settings());
        self.costs.resize(grid.resolution * grid.resolution, 0.0);
        surface::cost_surface_fast(
            p.b1,
            p.b2,
            &s.samples,
            s.model(),
            &grid,
            &mut self.costs,
            &mut self.scratch,
        );
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
#[cfg(target_arch = "wasm32")]
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct SectionOptions {
    /// [min, max] of the weight across the chart (the map's range on that axis).
    range: [f64; 2],
    #[serde(flatten)]
    style: chart::section::SectionStyle,
}

/// Draws the cost along one weight with the others held, and the tangent whose slope is the
/// back-propagated gradient: `drawSection(canvas, trainer, "w1" | "w2", { range: [min, max],
/// dark, pixelRatio })` -> `{ plotLeft, ..., point, slope, tangent, tangentPx, pointPx }`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = drawSection)]
pub fn draw_section(
    canvas: web_sys::HtmlCanvasElement,
    trainer: &Trainer,
    axis: JsValue,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let axis: chart::section::Axis = from_js(axis, "axis", "\"w1\" or \"w2\"")?;
    let o: SectionOptions = from_js(
        options,
        "options",
        "an object { range: [min, max], dark, pixelRatio }",
    )?;
    let t = &trainer.inner;
    let s = t.settings();
    // The pass on screen, as the chain-rule panel shows it: during "update", the weights the
    // step was taken from, so the tangent is the gradient that moved them.
    let section = chart::section::Section {
        axis,
        params: t.pass().map_or(t.params(), |p| p.params),
        samples: &s.samples,
        model: s.model(),
        range: (o.range[0], o.range[1]),
    };
    let root = canvas_root(canvas)?;
    let g = chart::section::draw_section(&root, &section, &o.style)
        .map_err(|e| draw_error("cross-section", e))?;
    root.present().map_err(|e| draw_error("cross-section", e))?;
    to_js(&g)
}

/// Writes a share-link query string (no leading `?`) for a state
/// `{ version, start, samples, chosen, cost, learningRate, iterations, speed, view, hide, embed }`.
#[wasm_bindgen(js_name = encodeLink)]
pub fn encode_link(state: JsValue) -> Result<String, JsError> {
    let s: link::State = from_js(state, "state", "a state object as decodeLink returns it")?;
    Ok(link::encode(&s))
}

/// The result of reading a link.
#[derive(Serialize)]
struct Decoded {
    state: link::State,
    ignored: Vec<link::Ignored>,
}

/// Reads a link (query string, hash or whole URL). Never throws for any string: returns
/// `{ state, ignored: [{ key, reason }] }`, bad parts replaced by defaults.
#[wasm_bindgen(js_name = decodeLink)]
pub fn decode_link(text: JsValue) -> Result<JsValue, JsError> {
    let text = text.as_string().unwrap_or_default();
    let (state, ignored) = link::decode(&text);
    to_js(&Decoded { state, ignored })
}

/// The run's trajectory as CSV (iteration, w1, b1, w2, b2, cost and the four gradients).
#[wasm_bindgen(js_name = trajectoryCsv)]
pub fn trajectory_csv(trainer: &Trainer) -> String {
    let t = &trainer.inner;
    let s = t.settings();
    link::trajectory_csv(t.history().points(), &s.samples, s.model())
}

/// Reads a number a person typed: `parseNumber(text, field, lo, hi)` -> `{ value }` or
/// `{ error }` (a sentence naming the field). Never throws, whatever the text.
#[wasm_bindgen(js_name = parseNumber)]
pub fn parse_number(text: JsValue, field: &str, lo: f64, hi: f64) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Parsed {
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    }
    let text = text.as_string().unwrap_or_default();
    let parsed = match check::parse_number(&text, field, lo, hi) {
        Ok(v) => Parsed {
            value: Some(v),
            error: None,
        },
        Err(e) => Parsed {
            value: None,
            error: Some(e.to_string()),
        },
    };
    to_js(&parsed)
}

/// A quiz exercise from its seed: `quizExercise(seed, output?)` -> `{ params, sample, cost }`.
/// `output` is the output node's activation (default `"sigmoid"`); with another, the cost is
/// squared error, since cross-entropy needs a sigmoid output.
#[wasm_bindgen(js_name = quizExercise)]
pub fn quiz_exercise(seed: f64, output: JsValue) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Exercise {
        params: Params,
        sample: Sample,
        cost: Cost,
    }
    if !(seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed <= 9.007_199_254_740_991e15)
    {
        return Err(JsError::new(&format!(
            "seed must be a whole number from 0 to 2^53 - 1, got {}",
            check::js_number(seed)
        )));
    }
    let output: Activation = if output.is_undefined() || output.is_null() {
        Activation::Sigmoid
    } else {
        from_js(
            output,
            "output",
            "\"sigmoid\", \"tanh\", \"relu\" or \"linear\"",
        )?
    };
    let (params, sample, cost) = crate::quiz::exercise_for(seed as u64, output);
    to_js(&Exercise {
        params,
        sample,
        cost,
    })
}

/// Whether a predicted value is within 1% of the true one: `quizGrade(predicted, truth)`.
#[wasm_bindgen(js_name = quizGrade)]
pub fn quiz_grade(predicted: f64, truth: f64) -> bool {
    crate::quiz::grade(predicted, truth)
}
