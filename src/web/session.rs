//! The `Session` class: the page's one [`crate::session::Session`] (the lead run, its race and
//! its screen) held in Rust, so stepping, replay and history are deterministic; `snapshot()`
//! gives the page everything it shows, `toLink()` the link that reopens it.

use super::args::*;
use super::convert::{ToJs, phase_name, state_to_js};
use super::js::{Arg, Obj, array};
use crate::link::{self, State};
use crate::optim::Optimizer;
use crate::palette::{hex, rival_mark, rival_rgb};
use crate::session::{self, Screen};
use crate::train::Pass;
use wasm_bindgen::prelude::*;

/// The session held in Rust: `new Session(params, { samples, cost, learningRate, chosen,
/// weightRange })` for a plain run, `session.open(state)` for a link's.
#[wasm_bindgen]
pub struct Session {
    pub(super) inner: session::Session,
    /// The history, flattened for JS to read straight out of wasm memory.
    pub(super) history: Vec<f64>,
}

/// Fields per history point in `historyView`.
pub(super) const HISTORY_FIELDS: usize = 6;

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new(params: JsValue, settings: JsValue) -> Result<Session, JsError> {
        let p = params_arg(params)?;
        let s = settings_arg(settings)?;
        Ok(Session {
            inner: session::Session::new(p, s),
            history: Vec::new(),
        })
    }

    /// Opens a link's state (from `decodeLink`) at iteration 0: its start, settings, race
    /// and screen. The page then replays `state.iterations` with `advance(n, "continue")`,
    /// in slices when long.
    pub fn open(&mut self, state: JsValue) -> Result<(), JsError> {
        let state: State = read(state, "state", STATE_SHAPE)?;
        self.inner = session::Session::open(&state).map_err(err)?;
        Ok(())
    }

    /// Sets how the session is shown: `{ view, speed, hide, embed, quiz, lesson }` as a
    /// link's state holds them; refused (naming the part) if a link could not carry it.
    #[wasm_bindgen(js_name = setScreen)]
    pub fn set_screen(&mut self, screen: JsValue) -> Result<(), JsError> {
        let screen: Screen = read(screen, "screen", SCREEN_SHAPE)?;
        self.inner.set_screen(screen).map_err(err)
    }

    /// The share link's query string (without `?`) that reopens this session exactly.
    #[wasm_bindgen(js_name = toLink)]
    pub fn to_link(&self) -> String {
        self.inner.to_link()
    }

    /// This session as the codec's state (what `decodeLink` of `toLink()` gives), with
    /// `null` for an absent quiz or lesson so a saved JSON file keeps every key.
    #[wasm_bindgen(js_name = toState)]
    pub fn to_state(&self) -> Result<JsValue, JsError> {
        Ok(state_to_js(&self.inner.to_state(), &JsValue::NULL))
    }

    /// Advances one phase (forward, backward, update); returns the new phase's name.
    #[wasm_bindgen(js_name = stepPhase)]
    pub fn step_phase(&mut self) -> String {
        phase_name(self.inner.change_run(|t| t.step_phase())).into()
    }

    /// Runs up to `n` whole iterations (finishing a phase-stepped one first); returns how many
    /// ran. `advance(n, "pause")` stops at trouble, as Play does; `advance(n, "continue")`
    /// goes on through it, as a share link's replay does. A step that would overflow always
    /// stops it.
    pub fn advance(&mut self, n: f64, on_trouble: &str) -> Result<f64, JsError> {
        let rule = on_trouble_arg(on_trouble)?;
        Ok(self.inner.change_run(|t| t.advance(count(n), rule)) as f64)
    }

    /// Back to exactly this run's starting weights.
    pub fn reset(&mut self) {
        self.inner.change_run(|t| t.reset());
    }

    /// Weights set by hand: a new run starts here (refused during a quiz: the exercise's).
    #[wasm_bindgen(js_name = setParams)]
    pub fn set_params(&mut self, params: JsValue) -> Result<(), JsError> {
        let p = params_arg(params)?;
        self.inner.set_params(p).map_err(err)
    }

    /// New settings: a new run starts from the current weights (during a quiz, from the
    /// exercise's, its sample, cost and network kept).
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, settings: JsValue) -> Result<(), JsError> {
        let s = settings_arg(settings)?;
        self.inner.set_settings(s);
        Ok(())
    }

    /// Optimizers to race against this run, from the same start with the same settings:
    /// `setRace([{ kind: "momentum", beta: 0.9 }, { kind: "adam", ... }])`; `[]` ends the
    /// race. They are brought to this run's iteration at once. Does not restart this run.
    #[wasm_bindgen(js_name = setRace)]
    pub fn set_race(&mut self, optimizers: JsValue) -> Result<(), JsError> {
        let list: Vec<Optimizer> = read(optimizers, "race", RACE_SHAPE)?;
        self.inner.set_race(&list).map_err(err)?;
        Ok(())
    }

    /// Goes back to the last state before the trouble began.
    #[wasm_bindgen(js_name = restoreLastGood)]
    pub fn restore_last_good(&mut self) {
        self.inner.change_run(|t| t.restore_last_good());
    }

    /// Forgets the trouble and lets training continue from here.
    #[wasm_bindgen(js_name = dismissTrouble)]
    pub fn dismiss_trouble(&mut self) {
        self.inner.change_run(|t| t.dismiss_trouble());
    }

    /// Everything the page shows, in one object: `{ iteration, phase, params, start, cost,
    /// pass, live, numericMean, trouble, lastGoodIteration, historyLength, historyStride,
    /// next, race, quiz }`. `pass`: the pass being stepped through (phases forward, backward,
    /// update), else undefined; `live`: everything at the current weights; `numericMean`: the
    /// central-difference estimate of the mean gradient for the pass on screen (`pass`, else
    /// `live`), the numerical check's independent number; `trouble`: why training paused, or
    /// undefined; `next`: where the next update will move the weights (with the chosen
    /// optimizer's state); `race`: the rivals, each `{ optimizer, iteration, params, cost,
    /// stuck, color, mapColor, mark, markName }` (`mark`: its shape as a glyph, "■", and
    /// `markName` in words, "square", as the charts draw it; `stuck`: a step would have
    /// overflowed, so it stopped there; `color`, `mapColor`: its colours as `#rrggbb`, for charts on this page's light background and the bright one
    /// used on the map, the 3D view and dark charts); `quiz`: `{ seed, revealed }` while a
    /// quiz is on, else undefined.
    pub fn snapshot(&self) -> Result<JsValue, JsError> {
        let t = self.inner.run();
        let s = t.settings();
        let h = t.history();
        // The check is for the pass on screen, which during "update" is the one before the step.
        let at = t.pass().map_or(t.params(), |p| p.params);
        let rivals = self.inner.race().rivals().iter().map(|r| {
            let o = r.settings().optimizer;
            Obj::new()
                .set("optimizer", o.to_js())
                .num("iteration", r.iteration() as f64)
                .set("params", r.params().to_js())
                .num("cost", r.cost())
                .flag("stuck", r.stuck())
                .str("color", &hex(rival_rgb(o.name(), false)))
                .str("mapColor", &hex(rival_rgb(o.name(), true)))
                .str("mark", rival_mark(o.name()).glyph())
                .str("markName", rival_mark(o.name()).name())
                .done()
        });
        let absent = || JsValue::UNDEFINED;
        Ok(Obj::new()
            .num("iteration", t.iteration() as f64)
            .str("phase", phase_name(t.phase()))
            .set("params", t.params().to_js())
            .set("start", t.start().to_js())
            .num("cost", t.cost())
            .set("pass", t.pass().map_or_else(absent, Pass::to_js))
            .set("live", Pass::at(t.params(), s).to_js())
            .set(
                "numericMean",
                s.model().numerical_gradient(&at, &s.samples).to_js(),
            )
            .set("trouble", t.trouble().map_or_else(absent, |x| x.to_js()))
            .num("lastGoodIteration", t.last_good_iteration() as f64)
            .num("historyLength", h.points().len() as f64)
            .num("historyStride", h.stride() as f64)
            .set("next", t.next_params().to_js())
            .set("race", array(rivals))
            .set(
                "quiz",
                self.inner.quiz().map_or_else(absent, |q| {
                    Obj::new()
                        .num("seed", q.seed as f64)
                        .flag("revealed", q.revealed)
                        .done()
                }),
            )
            .done())
    }

    /// The run's settings, as `setSettings` takes them: `{ samples, cost, learningRate, chosen,
    /// weightRange, optimizer, hidden, output }`. The page keeps no copy: it asks.
    pub fn settings(&self) -> JsValue {
        self.inner.run().settings().to_js()
    }

    /// Every number on screen at this moment, written once (`crate::view`): `{ iteration,
    /// phase, chosen, points, entries }`, each entry `{ text, spoken, status, moment, scope,
    /// value? }` by key ("delta2", "mean.dCdW1", "point.3.yHat", ...). A number the phase has
    /// not computed yet is "pending", one a quiz hides until its answers are checked
    /// "withheld": neither has a value or its digits anywhere in the view.
    /// With it, `words`: the chain rule in words for the same moment (`crate::narration`):
    /// `{ forward, arithmetic, story, rules, sample, scope }`.
    pub fn view(&self) -> JsValue {
        let view = crate::view::View::of(&self.inner);
        let words = crate::narration::Words::of(&view, self.inner.run().settings());
        let js = view.to_js();
        let _ = js_sys::Reflect::set(&js, &"words".into(), &words.to_js());
        js
    }

    /// Starts the quiz of exercise `seed` (a whole number up to 2^53 − 1): the seed's weights,
    /// sample and cost, answers withheld until `checkQuiz`. `keepRun`: give the current run
    /// back when the quiz ends (false for a quiz a link opened).
    #[wasm_bindgen(js_name = startQuiz)]
    pub fn start_quiz(&mut self, seed: f64, keep_run: bool) -> Result<(), JsError> {
        let seed = super::api::seed_arg(seed)?;
        self.inner.start_quiz(seed, keep_run);
        Ok(())
    }

    /// Ends the quiz, giving back the run it replaced (if it kept one).
    #[wasm_bindgen(js_name = stopQuiz)]
    pub fn stop_quiz(&mut self) {
        self.inner.stop_quiz();
    }

    /// Checks a quiz's answers against this session's pass at its weights (the exercise), in
    /// the core, so the page never reads the true values before the learner has answered,
    /// and reveals them: `checkQuiz([delta2, delta1, dCdW2, dCdW1])`, each a number or null
    /// (nothing usable typed) -> `[{ key, right, truth, truthText, hint }]` (`hint`: which
    /// factor to recheck, for a wrong answer). Throws when no quiz is on.
    #[wasm_bindgen(js_name = checkQuiz)]
    pub fn check_quiz(&mut self, answers: JsValue) -> Result<JsValue, JsError> {
        let items = Arg::new(answers, "answers", "an array of 4 numbers or nulls").items()?;
        if items.len() != 4 {
            return Err(JsError::new(&format!(
                "answers must hold 4 numbers or nulls, got {}",
                items.len()
            )));
        }
        let mut answers = [None; 4];
        for (a, item) in answers.iter_mut().zip(&items) {
            if !item.value().is_null() {
                *a = Some(item.number()?);
            }
        }
        let checked = self
            .inner
            .check_quiz(answers)
            .ok_or_else(|| JsError::new("checkQuiz: no quiz is on"))?;
        Ok(array(checked.iter().map(|c| {
            let o = Obj::new()
                .str("key", c.key)
                .flag("right", c.right)
                .num("truth", c.truth)
                .str("truthText", &crate::format::signed(c.truth));
            match &c.hint {
                Some(h) => o.str("hint", h),
                None => o,
            }
            .done()
        })))
    }

    /// Fills the history buffer and returns its address in wasm memory: `historyLength`
    /// points of [iteration, w1, b1, w2, b2, cost] as f64. Read it as
    /// `new Float64Array(memory.buffer, ptr, 6 * length)` before the next call into wasm.
    #[wasm_bindgen(js_name = historyView)]
    pub fn history_view(&mut self) -> *const f64 {
        self.history.clear();
        for p in self.inner.run().history().points() {
            let q = p.params;
            self.history
                .extend_from_slice(&[p.iteration as f64, q.w1, q.b1, q.w2, q.b2, p.cost]);
        }
        debug_assert_eq!(self.history.len() % HISTORY_FIELDS, 0);
        self.history.as_ptr()
    }

    /// The run's trajectory as CSV (iteration, w1, b1, w2, b2, cost and the four gradients).
    #[wasm_bindgen(js_name = trajectoryCsv)]
    pub fn trajectory_csv(&self) -> String {
        let t = self.inner.run();
        let s = t.settings();
        link::trajectory_csv(t.history().points(), &s.samples, s.model())
    }

    /// Points in the history (after `historyView`).
    #[wasm_bindgen(js_name = historyLength)]
    pub fn history_length(&self) -> usize {
        self.inner.run().history().points().len()
    }
}
