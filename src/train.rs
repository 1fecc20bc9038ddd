//! A training run: the settings, the weights, the iteration count, the phase of the current
//! iteration (forward -> backward -> update), a bounded history, and what went wrong if
//! anything did. The page holds exactly one; a share link replays one from its start.
//!
//! Training is deterministic: the same start, settings and iteration count always give the
//! same weights, bit for bit. Setting the weights or any setting by hand starts a new run from
//! the current weights (iteration 0, empty history), so "start + settings + iterations" always
//! describes what is on screen.

use crate::activation::Activation;
use crate::check;
use crate::cost::Cost;
use crate::error::InputError;
use crate::net::{Backward, Forward, Gradient, Model, Params, Sample};
use crate::optim::{self, Optimizer};

/// Everything gradient descent depends on besides the weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub samples: Vec<Sample>,
    pub cost: Cost,
    pub learning_rate: f64,
    /// Which sample the ledger breaks down factor by factor (the step uses the mean).
    pub chosen: usize,
    /// A weight leaving [-range, range] pauses training (the sliders' range on the page).
    pub weight_range: f64,
    /// How a step uses the gradient: plain gradient descent unless chosen otherwise.
    pub optimizer: Optimizer,
    /// The hidden node's activation (sigmoid unless chosen otherwise).
    pub hidden: Activation,
    /// The output node's activation; cross-entropy needs the sigmoid.
    pub output: Activation,
}

/// The sliders' range for every weight and bias, ±this: leaving it pauses training with a
/// notice, and the map opens on it. The page asks the core for it (`defaults()`).
pub const WEIGHT_RANGE: f64 = 8.0;

impl Settings {
    /// The activations and the cost, which together define what is trained.
    pub fn model(&self) -> Model {
        Model {
            hidden: self.hidden,
            output: self.output,
            cost: self.cost,
        }
    }

    /// Checks every field, naming the first bad one.
    pub fn check(&self) -> Result<(), InputError> {
        check::samples(&self.samples, "settings.samples")?;
        check::learning_rate(self.learning_rate, "settings.learningRate")?;
        if self.chosen >= self.samples.len() {
            return Err(InputError::new(
                "settings.chosen",
                format!(
                    "must be a sample index from 0 to {}, got {}",
                    self.samples.len() - 1,
                    self.chosen
                ),
            ));
        }
        self.optimizer.check("settings.optimizer")?;
        self.model().check("settings.cost")?;
        check::number_in(
            "settings.weightRange",
            self.weight_range,
            1e-3,
            check::VALUE_LIMIT,
        )?;
        Ok(())
    }
}

/// Where the current iteration stands. `Ready` means nothing is in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Ready,
    /// Forward values computed; the backward pass has not run yet.
    Forward,
    /// Gradients computed; the weights have not moved yet.
    Backward,
    /// The weights moved; the values shown are those of the pass that moved them.
    Update,
}

/// One full pass at some weights: what the ledger and the diagram show.
#[derive(Clone, Debug, PartialEq)]
pub struct Pass {
    pub params: Params,
    /// Forward values for the chosen sample.
    pub forward: Forward,
    /// Every chain-rule factor for the chosen sample.
    pub backward: Backward,
    /// Mean cost and gradient over all samples: what the update uses.
    pub mean: Gradient,
}

impl Pass {
    pub fn at(params: Params, settings: &Settings) -> Pass {
        let (forward, backward) = settings
            .model()
            .pass(&params, settings.samples[settings.chosen]);
        Pass {
            params,
            forward,
            backward,
            mean: settings.model().mean_gradient(&params, &settings.samples),
        }
    }
}

/// Why training paused.
#[derive(Clone, Debug, PartialEq)]
pub enum Trouble {
    /// The cost rose [`RISING_LIMIT`] iterations in a row, or more than doubled in one step:
    /// it went from `from_cost` (after iteration `from_iteration`) up to `to_cost` in `rises`
    /// rising steps, each one higher than the last (so `to_cost > from_cost`, always).
    Diverging {
        from_iteration: u64,
        from_cost: f64,
        to_cost: f64,
        rises: u32,
    },
    /// A weight or bias left [-weightRange, weightRange] in the last step, which took the
    /// cost from `from_cost` to `to_cost`: leaving the sliders' range is not divergence, and
    /// the page says which it was.
    LeftRange {
        param: String,
        value: f64,
        from_cost: f64,
        to_cost: f64,
    },
    /// The step would move a parameter beyond what the core accepts; it was not taken.
    Overflow { param: String },
}

/// A point of the history: the state after `iteration` updates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub iteration: u64,
    pub params: Params,
    pub cost: f64,
}

/// The run so far, in bounded memory: every point up to `capacity`, then every 2nd, 4th, ...
/// so a million iterations keep as many points as a thousand.
#[derive(Clone, Debug)]
pub struct History {
    capacity: usize,
    stride: u64,
    points: Vec<Point>,
}

impl History {
    pub fn new(capacity: usize) -> History {
        History {
            capacity: capacity.max(4),
            stride: 1,
            points: Vec::new(),
        }
    }

    /// Records a point if it falls on the current stride; halves the history when full.
    pub fn push(&mut self, p: Point) {
        if p.iteration % self.stride != 0 {
            return;
        }
        if self.points.len() == self.capacity {
            self.stride *= 2;
            let stride = self.stride;
            self.points.retain(|q| q.iteration % stride == 0);
            if p.iteration % stride != 0 {
                return;
            }
        }
        self.points.push(p);
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    /// Only iterations divisible by this are kept.
    pub fn stride(&self) -> u64 {
        self.stride
    }

    /// Forgets everything after `iteration` (for going back to a good state).
    pub fn truncate_after(&mut self, iteration: u64) {
        self.points.retain(|q| q.iteration <= iteration);
    }
}

/// A point of a run to come back to (see [`Trainer::checkpoint`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    params: Params,
    iteration: u64,
    cost: f64,
    rising: Rising,
    trouble: Option<Trouble>,
    last_good: LastGood,
    opt_state: optim::State,
}

/// The last state before trouble: weights, iteration and the optimizer's memory, so going back
/// lands exactly where a replay to that iteration would.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LastGood {
    params: Params,
    iteration: u64,
    opt_state: optim::State,
}

/// The iterations in a row on which the cost rose, and where that climb began.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Rising {
    count: u32,
    from_iteration: u64,
    from_cost: f64,
}

impl Checkpoint {
    pub fn iteration(&self) -> u64 {
        self.iteration
    }
}

/// What [`Trainer::advance`] does when trouble (divergence, leaving the range) arises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnTrouble {
    /// Stop there, with the trouble on screen: what Play does.
    Pause,
    /// Dismiss it and go on: what a share link's replay does.
    Continue,
}

/// How many rising iterations in a row count as diverging.
pub const RISING_LIMIT: u32 = 3;
/// Points kept in the history before it starts thinning.
pub const HISTORY_CAPACITY: usize = 4096;

/// The training run.
#[derive(Clone, Debug)]
pub struct Trainer {
    settings: Settings,
    start: Params,
    params: Params,
    iteration: u64,
    phase: Phase,
    /// The pass being stepped through (phases Forward, Backward, Update).
    pass: Option<Pass>,
    cost: f64,
    history: History,
    rising: Rising,
    trouble: Option<Trouble>,
    /// The last state before trouble: weights, iteration and the optimizer's state, so going
    /// back lands exactly where a replay to that iteration would.
    last_good: LastGood,
    /// The optimizer's memory (velocity, moment estimates); empty for plain descent.
    opt_state: optim::State,
    /// The mean gradient at some weights, kept from the step that moved there: its cost is
    /// the new cost, and the next step needs the gradient anyway, so one pass over the data
    /// serves both. Valid while the weights are those and the settings have not changed.
    ahead: Option<(Params, Gradient)>,
}

impl Trainer {
    /// A run starting at `start`. Both must already be checked.
    pub fn new(start: Params, settings: Settings) -> Trainer {
        let mut t = Trainer {
            settings,
            start,
            params: start,
            iteration: 0,
            phase: Phase::Ready,
            pass: None,
            cost: 0.0,
            history: History::new(HISTORY_CAPACITY),
            rising: Rising::default(),
            trouble: None,
            last_good: LastGood {
                params: start,
                iteration: 0,
                opt_state: optim::State::default(),
            },
            opt_state: optim::State::default(),
            ahead: None,
        };
        t.restart(start);
        t
    }

    /// A new run from `params`: iteration 0, fresh history, no trouble.
    fn restart(&mut self, params: Params) {
        self.start = params;
        self.params = params;
        self.iteration = 0;
        self.phase = Phase::Ready;
        self.pass = None;
        self.cost = self
            .settings
            .model()
            .mean_cost(&params, &self.settings.samples);
        self.history = History::new(HISTORY_CAPACITY);
        self.history.push(Point {
            iteration: 0,
            params,
            cost: self.cost,
        });
        self.rising = Rising::default();
        self.trouble = None;
        self.opt_state = optim::State::default();
        self.last_good = LastGood {
            params,
            iteration: 0,
            opt_state: self.opt_state,
        };
        self.ahead = None;
    }

    /// Back to exactly the start of this run.
    pub fn reset(&mut self) {
        self.restart(self.start);
    }

    /// Weights set by hand: a new run starts here.
    pub fn set_params(&mut self, params: Params) {
        self.restart(params);
    }

    /// New settings: a new run starts from the current weights.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.restart(self.params);
    }

    /// Runs up to `n` whole iterations (finishing a phase-stepped one first) and returns how
    /// many ran. A refused step (overflow) always stops it; `on_trouble` says what other
    /// trouble does: [`OnTrouble::Pause`] stops there, as the Play button does;
    /// [`OnTrouble::Continue`] dismisses it and goes on, as a share link's replay does (a
    /// learner who shared a link past a pause had dismissed it), leaving trouble at the last
    /// iteration on screen.
    pub fn advance(&mut self, n: u64, on_trouble: OnTrouble) -> u64 {
        let mut done = 0;
        while done < n {
            if on_trouble == OnTrouble::Continue && self.trouble.is_some() {
                self.dismiss_trouble();
            }
            if !self.finish_iteration() {
                break;
            }
            done += 1;
            if on_trouble == OnTrouble::Pause && self.trouble.is_some() {
                break;
            }
        }
        done
    }

    /// True when the last step was refused (it would overflow): from here the same step
    /// would be refused again.
    pub fn stuck(&self) -> bool {
        matches!(self.trouble, Some(Trouble::Overflow { .. }))
    }

    /// Advances one phase: Ready/Update -> Forward -> Backward -> Update.
    pub fn step_phase(&mut self) -> Phase {
        self.phase = match self.phase {
            Phase::Ready | Phase::Update => {
                self.pass = Some(Pass::at(self.params, &self.settings));
                Phase::Forward
            }
            Phase::Forward => Phase::Backward,
            Phase::Backward => {
                let g = self.pass.as_ref().map(|p| p.mean).unwrap_or_default();
                if !self.apply(&g) {
                    // Refused (overflow): the pass stays on screen, nothing moved.
                    return self.phase;
                }
                Phase::Update
            }
        };
        self.phase
    }

    /// Finishes the current iteration (or does a whole one), ending Ready.
    /// Returns false if the step was refused.
    fn finish_iteration(&mut self) -> bool {
        let moved = match self.phase {
            Phase::Forward | Phase::Backward => {
                let g = self.pass.as_ref().map(|p| p.mean).unwrap_or_default();
                self.apply(&g)
            }
            Phase::Ready | Phase::Update => {
                let g = self.gradient_here();
                self.apply(&g)
            }
        };
        if moved {
            self.phase = Phase::Ready;
            self.pass = None;
        }
        moved
    }

    /// One gradient-descent step with gradient `g` (taken at the current weights). Watches for
    /// divergence and range. Returns false, changing nothing, if the step would overflow.
    fn apply(&mut self, g: &Gradient) -> bool {
        let lr = self.settings.learning_rate;
        let mut state = self.opt_state;
        let next = optim::step(&self.settings.optimizer, &mut state, &self.params, g, lr);
        if let Err(e) = check::params(&next, "params") {
            let param = e
                .field
                .strip_prefix("params.")
                .unwrap_or(&e.field)
                .to_string();
            self.trouble = Some(Trouble::Overflow { param });
            return false;
        }
        let before = self.cost;
        // The gradient there gives the new cost (the same sum, bit for bit, as mean_cost) and
        // is what the next step starts from.
        let ahead = self
            .settings
            .model()
            .mean_gradient(&next, &self.settings.samples);
        let after = ahead.cost;
        self.ahead = Some((next, ahead));
        let was_in_range = first_out_of_range(&self.params, self.settings.weight_range).is_none();
        self.params = next;
        self.opt_state = state;
        self.cost = after;
        self.iteration += 1;
        self.history.push(Point {
            iteration: self.iteration,
            params: next,
            cost: after,
        });

        let rose = after > before * (1.0 + 1e-12);
        self.rising = match (rose, self.rising.count) {
            (false, _) => Rising::default(),
            (true, 0) => Rising {
                count: 1,
                from_iteration: self.iteration - 1,
                from_cost: before,
            },
            (true, n) => Rising {
                count: n + 1,
                ..self.rising
            },
        };
        let left = if was_in_range {
            first_out_of_range(&next, self.settings.weight_range)
        } else {
            None
        };
        if let Some((param, value)) = left {
            self.trouble = Some(Trouble::LeftRange {
                param: param.to_string(),
                value,
                from_cost: before,
                to_cost: after,
            });
        } else if self.rising.count >= RISING_LIMIT
            || (rose && after > 2.0 * before && after > 1e-9)
        {
            self.trouble = Some(Trouble::Diverging {
                from_iteration: self.rising.from_iteration,
                from_cost: self.rising.from_cost,
                to_cost: after,
                rises: self.rising.count,
            });
        } else if !rose {
            self.last_good = LastGood {
                params: next,
                iteration: self.iteration,
                opt_state: self.opt_state,
            };
        }
        true
    }

    /// Everything but the history about where this run stands, to come back to with
    /// [`Trainer::rewind`] (small: no history is copied).
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            params: self.params,
            iteration: self.iteration,
            cost: self.cost,
            rising: self.rising,
            trouble: self.trouble.clone(),
            last_good: self.last_good,
            opt_state: self.opt_state,
        }
    }

    /// Back to a checkpoint this run passed (the history after it is dropped), as
    /// [`Trainer::restore_last_good`] goes back: in an instant rather than by a replay.
    pub fn rewind(&mut self, c: &Checkpoint) {
        self.params = c.params;
        self.iteration = c.iteration;
        self.cost = c.cost;
        self.rising = c.rising;
        self.trouble = c.trouble.clone();
        self.last_good = c.last_good;
        self.opt_state = c.opt_state;
        self.history.truncate_after(c.iteration);
        self.phase = Phase::Ready;
        self.pass = None;
    }

    /// Goes back to the last state before the trouble began (or the start).
    pub fn restore_last_good(&mut self) {
        let LastGood {
            params,
            iteration,
            opt_state,
        } = self.last_good;
        self.opt_state = opt_state;
        self.params = params;
        self.iteration = iteration;
        self.cost = self
            .settings
            .model()
            .mean_cost(&params, &self.settings.samples);
        self.history.truncate_after(iteration);
        self.phase = Phase::Ready;
        self.pass = None;
        self.rising = Rising::default();
        self.trouble = None;
    }

    /// Forgets the trouble (training may continue from where it is).
    pub fn dismiss_trouble(&mut self) {
        self.trouble = None;
        self.rising = Rising::default();
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    pub fn start(&self) -> Params {
        self.start
    }
    pub fn params(&self) -> Params {
        self.params
    }
    pub fn iteration(&self) -> u64 {
        self.iteration
    }
    pub fn phase(&self) -> Phase {
        self.phase
    }
    /// The pass being stepped through, if a phase is in flight.
    pub fn pass(&self) -> Option<&Pass> {
        self.pass.as_ref()
    }
    /// Mean cost at the current weights.
    pub fn cost(&self) -> f64 {
        self.cost
    }
    pub fn history(&self) -> &History {
        &self.history
    }
    /// (w1, w2) at each kept point of the history: the path drawn on the cost map.
    pub fn path(&self) -> Vec<(f64, f64)> {
        self.history
            .points()
            .iter()
            .map(|p| (p.params.w1, p.params.w2))
            .collect()
    }
    pub fn trouble(&self) -> Option<&Trouble> {
        self.trouble.as_ref()
    }
    /// Where the next update will move the weights from here (gradient at the current
    /// weights, the optimizer's current state): for the page's step arrow and step column.
    pub fn next_params(&self) -> Params {
        let g = self.gradient_here();
        let mut state = self.opt_state;
        optim::step(
            &self.settings.optimizer,
            &mut state,
            &self.params,
            &g,
            self.settings.learning_rate,
        )
    }

    /// The mean gradient (and cost) at the current weights: kept from the step that moved
    /// here, or computed.
    fn gradient_here(&self) -> Gradient {
        match self.ahead {
            Some((at, g)) if at == self.params => g,
            _ => self
                .settings
                .model()
                .mean_gradient(&self.params, &self.settings.samples),
        }
    }

    /// The iteration training would go back to.
    pub fn last_good_iteration(&self) -> u64 {
        self.last_good.iteration
    }
}

/// The first parameter outside [-range, range], if any.
fn first_out_of_range(p: &Params, range: f64) -> Option<(&'static str, f64)> {
    p.fields().into_iter().find(|(_, v)| v.abs() > range)
}
