//! What the page shows at one moment, as data: every number the page can show, whether it is
//! known yet in this phase, which moment it belongs to, whether it is one sample's or a mean,
//! and its text and spoken text, written once by [`crate::format`]. Every view of the page
//! (drawn, written, spoken) renders from one [`View`], so no two of them can show numbers
//! from different moments, and a number not computed yet (or withheld by the quiz) is not in
//! the view at all: nothing downstream can leak it.
//!
//! The phases unfold one pass (see [`crate::train::Phase`]):
//!
//! | phase    | forward values | δs, gradients, check, step | the pass's moment         |
//! |----------|----------------|----------------------------|---------------------------|
//! | ready    | known          | known                      | now                       |
//! | forward  | known          | pending                    | now                       |
//! | backward | known          | known                      | now                       |
//! | update   | known          | known                      | before the step (it moved the weights) |

use crate::format::{Num, Sign};
use crate::optim::Optimizer;
use crate::session::Session;
use crate::train::{Pass, Phase, Trainer};

/// Whether a number can be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Known,
    /// Not computed yet in this phase (the backward pass has not run).
    Pending,
    /// Hidden by the quiz until the learner checks their answers.
    Withheld,
}

/// Which moment a number belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moment {
    /// The current weights.
    Now,
    /// The pass that has just moved the weights (phase "update"): the weights before the step.
    BeforeStep,
}

/// Whose number it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The network's: a weight or bias, the same for every point.
    Shared,
    /// One data point's (0-based index).
    Sample(usize),
    /// A mean over this many points.
    Mean(usize),
}

/// One number of the view.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub status: Status,
    pub moment: Moment,
    pub scope: Scope,
    /// The value, only when known: a pending or withheld number is never built.
    pub value: Option<f64>,
    /// Its text and spoken text; for a number not shown, what stands in its place.
    pub num: Num,
}

/// What the quiz hides until the learner checks their answers: the four numbers it asks
/// for, and every number they can be read from (a bias gradient is a δ; the means, the
/// numerical check, the step and the weights after it are the gradients in other forms).
pub fn withheld_by_quiz(key: &str) -> bool {
    const ASKED: [&str; 6] = ["delta2", "delta1", "dCdW2", "dCdW1", "dCdB2", "dCdB1"];
    ASKED.contains(&key)
        || key.starts_with("mean.d")
        || key.starts_with("check.")
        || key.starts_with("step.")
        || key.starts_with("next.")
}

/// The backward pass's numbers: pending until it has run.
fn computed_backward(key: &str) -> bool {
    const FACTORS: [&str; 9] = [
        "dCdYHat", "dYHatdZ2", "delta2", "dCdW2", "dCdB2", "dA1dZ1", "delta1", "dCdW1", "dCdB1",
    ];
    FACTORS.contains(&key)
        || key.starts_with("mean.d")
        || key.starts_with("check.")
        || key.starts_with("step.")
        || key.starts_with("next.")
}

/// Whether the number `key` can be shown in `phase` (`quiz_hidden`: a quiz withholds its
/// answers): the rule every entry of a [`View`] follows.
pub fn status_in(phase: Phase, quiz_hidden: bool, key: &str) -> Status {
    if quiz_hidden && withheld_by_quiz(key) {
        Status::Withheld
    } else if phase == Phase::Forward && computed_backward(key) {
        Status::Pending
    } else {
        Status::Known
    }
}

/// The status of `key` in `session`'s view now, without building the view (the drawings ask
/// for one or two numbers on every frame while playing).
pub fn status(session: &Session, key: &str) -> Status {
    status_in(session.run().phase(), session.quiz_hidden(), key)
}

/// The weights of the pass on screen: during "update" those the step was taken from.
pub fn pass_params(session: &Session) -> crate::net::Params {
    let t = session.run();
    t.pass().map_or(t.params(), |p| p.params)
}

/// The one model of what is shown at a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub iteration: u64,
    pub phase: Phase,
    /// The point whose chain rule is written out (0-based).
    pub chosen: usize,
    /// How many data points there are (means are over all of them).
    pub points: usize,
    pub entries: Vec<Entry>,
}

impl View {
    /// The view of `session` now (a quiz's answers withheld until they are checked).
    pub fn of(session: &Session) -> View {
        View::of_run(session.run(), session.quiz_hidden())
    }

    /// The view of a run; `quiz_hidden`: withhold what a quiz asks for.
    pub fn of_run(t: &Trainer, quiz_hidden: bool) -> View {
        let s = t.settings();
        let model = s.model();
        let n = s.samples.len();
        let chosen = s.chosen;
        let phase = t.phase();
        let live;
        let pass: &Pass = match t.pass() {
            Some(p) => p,
            None => {
                live = Pass::at(t.params(), s);
                &live
            }
        };
        let moment = if phase == Phase::Update {
            Moment::BeforeStep
        } else {
            Moment::Now
        };
        let mut b = Builder {
            entries: Vec::with_capacity(64 + n),
            phase,
            quiz_hidden,
        };
        let one = Scope::Sample(chosen);
        let mean = Scope::Mean(n);
        let sample = s.samples[chosen];
        let f = &pass.forward;
        let d = &pass.backward;

        b.put("x", sample.x, Moment::Now, one);
        b.put("y", sample.y, Moment::Now, one);
        for (name, v) in pass.params.fields() {
            b.put(name, v, moment, Scope::Shared);
        }
        // 1 − ŷ = σ(−z₂), the second factor of σ′(z₂) that the lesson writes out.
        b.put_plain("oneMinusYHat", 1.0 - f.y_hat, moment, one);
        for (key, v) in f.fields() {
            b.put(key, v, moment, one);
        }
        for (key, v) in d.fields() {
            b.put(key, v, moment, one);
        }

        let g = &pass.mean;
        let numeric = model.numerical_gradient(&pass.params, &s.samples);
        b.put_plain("mean.cost", g.cost, moment, mean);
        // The weights after the step: the step taken (update), else the one to come.
        let after = if phase == Phase::Update {
            t.params()
        } else {
            t.next_params()
        };
        for ((name, before), (bp, cd)) in pass.params.fields().into_iter().zip([
            (g.d_c_d_w1, numeric.d_c_d_w1),
            (g.d_c_d_b1, numeric.d_c_d_b1),
            (g.d_c_d_w2, numeric.d_c_d_w2),
            (g.d_c_d_b2, numeric.d_c_d_b2),
        ]) {
            let grad = gradient_key(name);
            b.put(&format!("mean.{grad}"), bp, moment, mean);
            b.put(&format!("check.{grad}"), cd, moment, mean);
            b.put_plain(
                &format!("check.rel.{grad}"),
                relative_error(bp, cd),
                moment,
                mean,
            );
            let next = after
                .fields()
                .into_iter()
                .find(|(k, _)| *k == name)
                .map_or(0.0, |x| x.1);
            // Plain descent's step is −η × the gradient, as its column says; another
            // optimizer's is what its own rule moved (or will move) the weight by.
            let step = match s.optimizer {
                Optimizer::Sgd => -s.learning_rate * bp,
                _ => next - before,
            };
            b.put(&format!("step.{name}"), step, moment, mean);
            b.put(&format!("next.{name}"), next, moment, mean);
        }

        // Every point's ŷ at the pass's weights (the training table).
        for (k, p) in s.samples.iter().enumerate() {
            let y_hat = model.forward(&pass.params, p.x).y_hat;
            b.put_plain(&format!("point.{k}.yHat"), y_hat, moment, Scope::Sample(k));
        }

        // Where the run is now, whatever the phase: the sliders and the cost at them.
        for (name, v) in t.params().fields() {
            b.put(&format!("now.{name}"), v, Moment::Now, Scope::Shared);
        }
        b.put_plain("now.cost", t.cost(), Moment::Now, mean);
        b.put_plain("learningRate", s.learning_rate, Moment::Now, Scope::Shared);

        View {
            iteration: t.iteration(),
            phase,
            chosen,
            points: n,
            entries: b.entries,
        }
    }

    /// The entry named `key`, if the view has one.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The value of `key` if it is known.
    pub fn value(&self, key: &str) -> Option<f64> {
        self.get(key).and_then(|e| e.value)
    }
}

/// "dCdW1" for "w1": the gradient's key for a parameter.
fn gradient_key(param: &str) -> &'static str {
    match param {
        "w1" => "dCdW1",
        "b1" => "dCdB1",
        "w2" => "dCdW2",
        _ => "dCdB2",
    }
}

/// |a − b| over the larger of the two (0 when both are 0): how far back-propagation and the
/// numerical check disagree.
pub fn relative_error(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (a - b).abs() / scale
    }
}

struct Builder {
    entries: Vec<Entry>,
    phase: Phase,
    quiz_hidden: bool,
}

impl Builder {
    fn put(&mut self, key: &str, v: f64, moment: Moment, scope: Scope) {
        self.push(key, v, moment, scope, Sign::Always);
    }

    /// A number whose sign is not the point (a ŷ, a cost, a relative error): no "+".
    fn put_plain(&mut self, key: &str, v: f64, moment: Moment, scope: Scope) {
        self.push(key, v, moment, scope, Sign::Negative);
    }

    fn push(&mut self, key: &str, v: f64, moment: Moment, scope: Scope, sign: Sign) {
        let status = status_in(self.phase, self.quiz_hidden, key);
        let (value, num) = match status {
            Status::Known => (Some(v), Num::of(v, sign)),
            Status::Pending => (
                None,
                Num {
                    text: "—".into(),
                    spoken: "not computed yet: it comes with the backward pass".into(),
                },
            ),
            Status::Withheld => (
                None,
                Num {
                    text: "?".into(),
                    spoken: "hidden until you check your answers".into(),
                },
            ),
        };
        self.entries.push(Entry {
            key: key.to_string(),
            status,
            moment,
            scope,
            value,
            num,
        });
    }
}
