//! The two-node network, forward and backward, each derivative written beside the forward
//! rule it differentiates, in the order the lesson derives them.
//!
//! ```text
//! x --w1,b1--> z1 --g1--> a1 --w2,b2--> z2 --g2--> y_hat --> C(y_hat, y)
//! ```
//!
//! g1 and g2 are sigmoids unless a [`Model`] says otherwise (`Model::default()` and
//! `Model::from(cost)` are the lesson's all-sigmoid network).

use crate::activation::Activation;
use crate::cost::{Cost, after_sigmoid};
use crate::error::InputError;

/// The four trainable numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub w1: f64,
    pub b1: f64,
    pub w2: f64,
    pub b2: f64,
}

/// One training example: input x and target y (0..1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub x: f64,
    pub y: f64,
}

/// The forward pass: every intermediate value, left to right.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Forward {
    pub z1: f64,
    pub a1: f64,
    pub z2: f64,
    pub y_hat: f64,
}

/// The backward pass for one sample: the cost and every factor of the chain rule.
///
/// dC/dw2 = dC/dy_hat * dy_hat/dz2 * a1 = delta2 * a1
/// dC/dw1 = delta2 * dz2/da1 * da1/dz1 * x = delta1 * x
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backward {
    pub cost: f64,
    /// dC/dy_hat: how the cost changes with the output.
    pub d_c_d_y_hat: f64,
    /// dy_hat/dz2 = s'(z2).
    pub d_y_hat_d_z2: f64,
    /// delta2 = dC/dz2: the error at the output node.
    pub delta2: f64,
    pub d_c_d_w2: f64,
    pub d_c_d_b2: f64,
    /// dz2/da1 = w2: the road the error takes back to the hidden node.
    pub d_z2_d_a1: f64,
    /// da1/dz1 = s'(z1).
    pub d_a1_d_z1: f64,
    /// delta1 = dC/dz1 = delta2 * w2 * s'(z1): built from delta2, hence "back-propagation".
    pub delta1: f64,
    pub d_c_d_w1: f64,
    pub d_c_d_b1: f64,
}

/// What gradient descent needs: dC/dp for each parameter (and the cost it came from).
/// The same field names as [`Backward`], so JS can pass either to `update`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Gradient {
    /// The (mean) cost at the point where the gradient was taken.
    pub cost: f64,
    pub d_c_d_w1: f64,
    pub d_c_d_b1: f64,
    pub d_c_d_w2: f64,
    pub d_c_d_b2: f64,
}

/// The network's shape: the activation of each node and the cost it is trained on.
/// The default (and what a bare [`Cost`] converts to) is the lesson's: sigmoid, sigmoid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Model {
    pub hidden: Activation,
    pub output: Activation,
    pub cost: Cost,
}

impl From<Cost> for Model {
    fn from(cost: Cost) -> Model {
        Model {
            cost,
            ..Model::default()
        }
    }
}

impl Model {
    /// Cross-entropy is -[y ln y_hat + (1 - y) ln(1 - y_hat)]: it needs a y_hat strictly
    /// between 0 and 1, which only a sigmoid output guarantees.
    pub fn check(&self, field: &str) -> Result<(), InputError> {
        if self.cost == Cost::CrossEntropy && self.output != Activation::Sigmoid {
            return Err(InputError::new(
                field,
                format!(
                    "must be squared error with a {} output: cross-entropy needs a sigmoid \
                     output node (y_hat must be a probability)",
                    self.output.name()
                ),
            ));
        }
        Ok(())
    }

    /// C for one sample, from the output pre-activation z2: C(g2(z2), y), in the stable form
    /// when g2 is the sigmoid ([`after_sigmoid`]). The surface calls this for every grid point.
    pub fn cost_at(&self, z2: f64, y: f64) -> f64 {
        match self.output {
            Activation::Sigmoid => after_sigmoid::value(self.cost, z2, y),
            g => self.cost.value(g.apply(z2), y),
        }
    }

    /// Runs the network left to right.
    pub fn forward(&self, p: &Params, x: f64) -> Forward {
        let z1 = p.w1 * x + p.b1;
        let a1 = self.hidden.apply(z1);
        let z2 = p.w2 * a1 + p.b2;
        let y_hat = self.output.apply(z2);
        Forward { z1, a1, z2, y_hat }
    }

    /// Differentiates a forward pass `f` of sample `s`: the chain rule, right to left.
    pub fn backward(&self, p: &Params, f: &Forward, s: Sample) -> Backward {
        let sigmoid_output = self.output == Activation::Sigmoid;
        // Output node: C(y_hat, y), y_hat = g2(z2), z2 = w2*a1 + b2.
        let d_c_d_y_hat = if sigmoid_output {
            after_sigmoid::d_y_hat(self.cost, f.z2, s.y)
        } else {
            self.cost.d_y_hat(f.y_hat, s.y)
        };
        let d_y_hat_d_z2 = self.output.prime(f.z2);
        let delta2 = if sigmoid_output {
            after_sigmoid::delta2(self.cost, f.z2, s.y) // the same product, kept finite
        } else {
            d_c_d_y_hat * d_y_hat_d_z2
        };
        let d_c_d_w2 = delta2 * f.a1; // dz2/dw2 = a1
        let d_c_d_b2 = delta2; // dz2/db2 = 1
        // Hidden node: a1 = g1(z1), z1 = w1*x + b1. The error arrives through w2.
        let d_z2_d_a1 = p.w2;
        let d_a1_d_z1 = self.hidden.prime(f.z1);
        let delta1 = delta2 * d_z2_d_a1 * d_a1_d_z1;
        let d_c_d_w1 = delta1 * s.x; // dz1/dw1 = x
        let d_c_d_b1 = delta1; // dz1/db1 = 1
        Backward {
            cost: self.cost_at(f.z2, s.y),
            d_c_d_y_hat,
            d_y_hat_d_z2,
            delta2,
            d_c_d_w2,
            d_c_d_b2,
            d_z2_d_a1,
            d_a1_d_z1,
            delta1,
            d_c_d_w1,
            d_c_d_b1,
        }
    }

    /// Forward then backward for one sample: the pass the page shows.
    pub fn pass(&self, p: &Params, s: Sample) -> (Forward, Backward) {
        let f = self.forward(p, s.x);
        (f, self.backward(p, &f, s))
    }

    /// The mean cost over a training set (0 for an empty one).
    pub fn mean_cost(&self, p: &Params, samples: &[Sample]) -> f64 {
        if samples.is_empty() {
            return 0.0;
        }
        let total: f64 = samples
            .iter()
            .map(|s| self.cost_at(self.forward(p, s.x).z2, s.y))
            .sum();
        total / samples.len() as f64
    }

    /// The mean cost and mean gradient over a training set: what gradient descent follows.
    pub fn mean_gradient(&self, p: &Params, samples: &[Sample]) -> Gradient {
        let mut g = Gradient::default();
        if samples.is_empty() {
            return g;
        }
        for s in samples {
            let (_, b) = self.pass(p, *s);
            g.cost += b.cost;
            g.d_c_d_w1 += b.d_c_d_w1;
            g.d_c_d_b1 += b.d_c_d_b1;
            g.d_c_d_w2 += b.d_c_d_w2;
            g.d_c_d_b2 += b.d_c_d_b2;
        }
        let n = samples.len() as f64;
        Gradient {
            cost: g.cost / n,
            d_c_d_w1: g.d_c_d_w1 / n,
            d_c_d_b1: g.d_c_d_b1 / n,
            d_c_d_w2: g.d_c_d_w2 / n,
            d_c_d_b2: g.d_c_d_b2 / n,
        }
    }

    /// The gradient estimated without calculus, by central differences:
    /// dC/dp ~ (C(p + h) - C(p - h)) / 2h, with h scaled to |p|.
    ///
    /// It needs no chain rule at all, which is what makes it an independent check of
    /// `backward`. (At a ReLU's kink it sees the average of the two one-sided slopes.)
    pub fn numerical_gradient(&self, p: &Params, samples: &[Sample]) -> Gradient {
        let at = |v: [f64; 4]| self.mean_cost(&Params::from_array(v), samples);
        let base = p.to_array();
        let slope = |k: usize| {
            // ~cbrt(machine epsilon) balances truncation error against rounding error.
            let h = 6e-6 * base[k].abs().max(1.0);
            let (mut up, mut down) = (base, base);
            up[k] += h;
            down[k] -= h;
            // Divide by the step actually taken, which rounding may have changed slightly.
            (at(up) - at(down)) / (up[k] - down[k])
        };
        Gradient {
            cost: at(base),
            d_c_d_w1: slope(0),
            d_c_d_b1: slope(1),
            d_c_d_w2: slope(2),
            d_c_d_b2: slope(3),
        }
    }
}

impl Params {
    /// [w1, b1, w2, b2]
    pub fn to_array(&self) -> [f64; 4] {
        [self.w1, self.b1, self.w2, self.b2]
    }

    /// From [w1, b1, w2, b2].
    pub fn from_array([w1, b1, w2, b2]: [f64; 4]) -> Self {
        Params { w1, b1, w2, b2 }
    }

    /// The parameters as (name, value) pairs, in the order the page lists them.
    pub fn fields(&self) -> [(&'static str, f64); 4] {
        [
            ("w1", self.w1),
            ("b1", self.b1),
            ("w2", self.w2),
            ("b2", self.b2),
        ]
    }
}

impl Forward {
    /// The values as (name, value) pairs, left to right, named as the page and the JS API
    /// name them.
    pub fn fields(&self) -> [(&'static str, f64); 4] {
        [
            ("z1", self.z1),
            ("a1", self.a1),
            ("z2", self.z2),
            ("yHat", self.y_hat),
        ]
    }
}

impl Backward {
    /// The cost and every chain-rule factor as (name, value) pairs, right to left, named as
    /// the page and the JS API name them.
    pub fn fields(&self) -> [(&'static str, f64); 11] {
        [
            ("cost", self.cost),
            ("dCdYHat", self.d_c_d_y_hat),
            ("dYHatdZ2", self.d_y_hat_d_z2),
            ("delta2", self.delta2),
            ("dCdW2", self.d_c_d_w2),
            ("dCdB2", self.d_c_d_b2),
            ("dZ2dA1", self.d_z2_d_a1),
            ("dA1dZ1", self.d_a1_d_z1),
            ("delta1", self.delta1),
            ("dCdW1", self.d_c_d_w1),
            ("dCdB1", self.d_c_d_b1),
        ]
    }

    /// Just the four weight and bias gradients (and the cost).
    pub fn gradient(&self) -> Gradient {
        Gradient {
            cost: self.cost,
            d_c_d_w1: self.d_c_d_w1,
            d_c_d_b1: self.d_c_d_b1,
            d_c_d_w2: self.d_c_d_w2,
            d_c_d_b2: self.d_c_d_b2,
        }
    }
}

/// One step of gradient descent: p <- p - learning_rate * dC/dp, for each parameter.
pub fn update(p: &Params, g: &Gradient, learning_rate: f64) -> Params {
    Params {
        w1: p.w1 - learning_rate * g.d_c_d_w1,
        b1: p.b1 - learning_rate * g.d_c_d_b1,
        w2: p.w2 - learning_rate * g.d_c_d_w2,
        b2: p.b2 - learning_rate * g.d_c_d_b2,
    }
}
