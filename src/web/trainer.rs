//! The `Trainer` class: one training run (and its race) held in Rust, so stepping, replay and
//! history are deterministic; `snapshot()` gives the page everything it shows.

use super::args::*;
use crate::chart::theme::{hex, rival_color};
use crate::link;
use crate::net::{Gradient, Params};
use crate::optim::Optimizer;
use crate::race::{self, Race};
use crate::train::{self, Pass, Phase, Trouble};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A training run held in Rust, so stepping, replay and history are deterministic:
/// `new Trainer(params, { samples, cost, learningRate, chosen, weightRange })`.
#[wasm_bindgen]
pub struct Trainer {
    pub(super) inner: train::Trainer,
    /// Other optimizers racing this run (none unless `setRace` was called).
    pub(super) race: Race,
    /// The history, flattened for JS to read straight out of wasm memory.
    pub(super) history: Vec<f64>,
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

/// Fields per history point in `historyView`.
pub(super) const HISTORY_FIELDS: usize = 6;

pub(super) const RACE_SHAPE: &str = "an array of up to 4 optimizers { kind, ...hyper-parameters }, \
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
    pub(super) fn rival_lines<T>(
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
            numeric_sample: s.model().numerical_gradient(&at, &chosen),
            numeric_mean: s.model().numerical_gradient(&at, &s.samples),
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

pub(super) fn phase_name(p: Phase) -> String {
    match p {
        Phase::Ready => "ready",
        Phase::Forward => "forward",
        Phase::Backward => "backward",
        Phase::Update => "update",
    }
    .into()
}

/// The run's trajectory as CSV (iteration, w1, b1, w2, b2, cost and the four gradients).
#[wasm_bindgen(js_name = trajectoryCsv)]
pub fn trajectory_csv(trainer: &Trainer) -> String {
    let t = &trainer.inner;
    let s = t.settings();
    link::trajectory_csv(t.history().points(), &s.samples, s.model())
}
