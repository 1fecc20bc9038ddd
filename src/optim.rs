//! Optimizers: the rule that turns a gradient into a step, for the four parameters
//! [w1, b1, w2, b2], each parameter with its own memory.
//!
//! Plain gradient descent forgets everything between steps. The others remember:
//!
//! ```text
//! sgd        p <- p - lr * g
//! momentum   v <- beta * v + g;                      p <- p - lr * v
//! nesterov   v <- beta * v + g;                      p <- p - lr * (g + beta * v)
//! rmsprop    s <- rho * s + (1 - rho) * g^2;         p <- p - lr * g / (sqrt(s) + eps)
//! adam       m <- beta1 * m + (1 - beta1) * g;       m_hat = m / (1 - beta1^t)
//!            v <- beta2 * v + (1 - beta2) * g^2;     v_hat = v / (1 - beta2^t)
//!                                                    p <- p - lr * m_hat / (sqrt(v_hat) + eps)
//! ```
//!
//! g is dC/dp for one parameter, t counts steps from 1, and every memory starts at 0.
//! [`step`] is pure apart from the [`State`] it is handed: the same start, gradients and
//! settings always give the same parameters, bit for bit. Hyper-parameters from outside are
//! checked with [`Optimizer::check`]; [`step`] assumes they are valid.

use crate::check;
use crate::error::InputError;
use crate::net::{Gradient, Params};

/// Largest beta (or rho) accepted: a decay of 1 would never forget, and Adam's bias
/// correction 1 - beta^t would be 0.
pub const BETA_MAX: f64 = 0.999999;
/// Smallest eps accepted. eps keeps the division finite when sqrt(s) is 0, and bounds the
/// step when a gradient falls to 0 but Adam's m has not yet (lr * m_hat / eps): an eps near
/// the smallest float would let that step reach infinity.
pub const EPS_MIN: f64 = 1e-12;
/// Largest eps accepted. eps only guards the division against 0; a large one would quietly
/// turn RMSProp and Adam back into (slow) plain gradient descent.
pub const EPS_MAX: f64 = 0.1;

/// Which update rule, and its hyper-parameters. The learning rate is not here: every rule
/// takes it, and it stays a setting of its own.
///
/// In JS: `{ kind: "adam", beta1: 0.9, beta2: 0.999, eps: 1e-8 }`; `kind` is
/// [`Optimizer::name`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Optimizer {
    /// Plain gradient descent: p <- p - lr * g. The default.
    #[default]
    Sgd,
    /// Heavy-ball momentum, in the convention of PyTorch's SGD with momentum (dampening 0):
    /// v <- beta * v + g; p <- p - lr * v. The velocity v sums past gradients, fading by beta
    /// each step, so with a steady gradient the step grows towards lr * g / (1 - beta).
    /// (The other common form, v <- beta * v + lr * g; p <- p - v, gives the same steps while
    /// the learning rate stays fixed.)
    Momentum { beta: f64 },
    /// Nesterov momentum, in PyTorch's convention: v <- beta * v + g;
    /// p <- p - lr * (g + beta * v). It steps with the gradient plus the velocity it is about
    /// to have, a look-ahead that damps the overshoot of plain momentum.
    Nesterov { beta: f64 },
    /// RMSProp: s <- rho * s + (1 - rho) * g^2; p <- p - lr * g / (sqrt(s) + eps). Each
    /// parameter's step is divided by the recent size of its own gradient.
    RmsProp { rho: f64, eps: f64 },
    /// Adam: momentum on the gradient (m) and RMSProp's scale (v), each corrected for
    /// starting at 0: m_hat = m / (1 - beta1^t), v_hat = v / (1 - beta2^t);
    /// p <- p - lr * m_hat / (sqrt(v_hat) + eps), t counting from 1.
    Adam { beta1: f64, beta2: f64, eps: f64 },
}

impl Optimizer {
    /// Each optimizer once, with its usual hyper-parameters, in the order the page lists them.
    pub const DEFAULTS: [Optimizer; 5] = [
        Optimizer::Sgd,
        Optimizer::Momentum { beta: 0.9 },
        Optimizer::Nesterov { beta: 0.9 },
        Optimizer::RmsProp {
            rho: 0.9,
            eps: 1e-8,
        },
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    ];

    /// "sgd", "momentum", "nesterov", "rmsprop" or "adam" (also the JS `kind`).
    pub fn name(&self) -> &'static str {
        match self {
            Optimizer::Sgd => "sgd",
            Optimizer::Momentum { .. } => "momentum",
            Optimizer::Nesterov { .. } => "nesterov",
            Optimizer::RmsProp { .. } => "rmsprop",
            Optimizer::Adam { .. } => "adam",
        }
    }

    /// The optimizer called `name`, with its default hyper-parameters.
    pub fn named(name: &str) -> Option<Optimizer> {
        Optimizer::DEFAULTS.into_iter().find(|o| o.name() == name)
    }

    /// Checks the hyper-parameters, naming the first bad one as `{field}.beta` and so on:
    /// every beta and rho finite in [0, [`BETA_MAX`]], every eps finite in
    /// [[`EPS_MIN`], [`EPS_MAX`]].
    pub fn check(&self, field: &str) -> Result<(), InputError> {
        let decay = |name: &str, value: f64| {
            check::number_in(&format!("{field}.{name}"), value, 0.0, BETA_MAX).map(|_| ())
        };
        let eps = |value: f64| {
            check::number_in(&format!("{field}.eps"), value, EPS_MIN, EPS_MAX).map(|_| ())
        };
        match *self {
            Optimizer::Sgd => Ok(()),
            Optimizer::Momentum { beta } | Optimizer::Nesterov { beta } => decay("beta", beta),
            Optimizer::RmsProp { rho, eps: e } => {
                decay("rho", rho)?;
                eps(e)
            }
            Optimizer::Adam {
                beta1,
                beta2,
                eps: e,
            } => {
                decay("beta1", beta1)?;
                decay("beta2", beta2)?;
                eps(e)
            }
        }
    }
}

/// What an optimizer remembers between steps, one entry per parameter in the order
/// [w1, b1, w2, b2]. Starts at zero ([`State::default`]); start a new one whenever the run,
/// the optimizer or its hyper-parameters change.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct State {
    /// Momentum and Nesterov: v, the decaying sum of past gradients.
    pub velocity: [f64; 4],
    /// Adam: m, the decaying mean of past gradients (the first moment).
    pub mean: [f64; 4],
    /// RMSProp: s; Adam: v. The decaying mean of past squared gradients (the second moment).
    pub mean_square: [f64; 4],
    /// Steps taken so far, by any optimizer (Adam's t after its step).
    pub steps: u64,
}

/// One step: returns the new parameters and updates `state`.
///
/// `g` is the gradient at `p`; `state` must have come from earlier steps of this same
/// optimizer (or be fresh). Inputs are assumed valid ([`Optimizer::check`],
/// [`check::learning_rate`]), and gradients finite and modest (|g| < 1e150, so g^2 stays
/// finite; the network's own are far smaller).
pub fn step(
    opt: &Optimizer,
    state: &mut State,
    p: &Params,
    g: &Gradient,
    learning_rate: f64,
) -> Params {
    let lr = learning_rate;
    let p = p.to_array();
    let g = [g.d_c_d_w1, g.d_c_d_b1, g.d_c_d_w2, g.d_c_d_b2];
    state.steps = state.steps.saturating_add(1);
    let State {
        velocity,
        mean,
        mean_square,
        steps,
    } = state;
    // Each parameter k is updated from its own p, g and memory alone.
    let next: [f64; 4] = std::array::from_fn(|k| match *opt {
        Optimizer::Sgd => {
            p[k] - lr * g[k] // downhill, in proportion to the slope
        }
        Optimizer::Momentum { beta } => {
            let v = &mut velocity[k];
            *v = beta * *v + g[k]; // keep the past direction, fading by beta each step
            p[k] - lr * *v // move along the accumulated direction, not just today's slope
        }
        Optimizer::Nesterov { beta } => {
            let v = &mut velocity[k];
            *v = beta * *v + g[k]; // the same velocity as momentum
            p[k] - lr * (g[k] + beta * *v) // but step with where it is heading: look ahead
        }
        Optimizer::RmsProp { rho, eps } => {
            let s = &mut mean_square[k];
            *s = rho * *s + (1.0 - rho) * g[k] * g[k]; // recent size of this gradient, squared
            p[k] - lr * g[k] / (s.sqrt() + eps) // divide by it: a similar pace for every parameter
        }
        Optimizer::Adam { beta1, beta2, eps } => {
            let t = i32::try_from(*steps).unwrap_or(i32::MAX); // t = 1 on the first step
            let (m, v) = (&mut mean[k], &mut mean_square[k]);
            *m = beta1 * *m + (1.0 - beta1) * g[k]; // momentum: a running mean of g
            *v = beta2 * *v + (1.0 - beta2) * g[k] * g[k]; // RMSProp: a running mean of g^2
            let m_hat = *m / (1.0 - beta1.powi(t)); // both started at 0, so early means are too
            let v_hat = *v / (1.0 - beta2.powi(t)); // small; dividing out the deficit fixes it
            p[k] - lr * m_hat / (v_hat.sqrt() + eps) // a step of about lr, in the sign of m
        }
    });
    Params::from_array(next)
}
