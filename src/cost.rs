//! The two costs, per sample: each value written beside its derivative, and a stable delta2.

use crate::activation::{sigmoid, sigmoid_prime, softplus};
use serde::{Deserialize, Serialize};

/// Which cost C(y_hat, y) the network is trained on. JS names: `"squared"`, `"crossEntropy"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cost {
    /// C = 1/2 (y_hat - y)^2
    #[default]
    Squared,
    /// C = -[y ln y_hat + (1 - y) ln(1 - y_hat)]
    CrossEntropy,
}

impl Cost {
    /// Every cost, for tests and pickers.
    pub const ALL: [Cost; 2] = [Cost::Squared, Cost::CrossEntropy];

    /// The name the JS API and the share link use.
    pub fn name(self) -> &'static str {
        match self {
            Cost::Squared => "squared",
            Cost::CrossEntropy => "crossEntropy",
        }
    }

    /// C for one sample, given the output pre-activation z2 (y_hat = s(z2)).
    ///
    /// Cross-entropy is computed from z2 in softplus form, since ln(y_hat) is -inf once
    /// y_hat rounds to 0 even though the true cost is finite.
    pub fn value(self, z2: f64, y: f64) -> f64 {
        match self {
            Cost::Squared => {
                let e = sigmoid(z2) - y;
                0.5 * e * e
            }
            // -ln s(z2) = softplus(-z2);  -ln(1 - s(z2)) = -ln s(-z2) = softplus(z2)
            Cost::CrossEntropy => y * softplus(-z2) + (1.0 - y) * softplus(z2),
        }
    }

    /// dC/dy_hat, the first factor of the chain rule.
    ///
    /// For cross-entropy this is -y/y_hat + (1-y)/(1-y_hat), with 1 - y_hat computed as
    /// s(-z2) so it keeps its precision. It is honestly +-infinite once y_hat rounds to
    /// exactly 0 or 1 (|z2| > ~745); `delta2` stays finite even then.
    pub fn d_y_hat(self, z2: f64, y: f64) -> f64 {
        match self {
            Cost::Squared => sigmoid(z2) - y,
            Cost::CrossEntropy => {
                // A term whose coefficient is 0 contributes 0, even where its divisor underflowed.
                let to_one = if y == 0.0 { 0.0 } else { -y / sigmoid(z2) };
                let to_zero = if y == 1.0 {
                    0.0
                } else {
                    (1.0 - y) / sigmoid(-z2)
                };
                to_one + to_zero
            }
        }
    }

    /// delta2 = dC/dz2 = dC/dy_hat * s'(z2).
    ///
    /// For cross-entropy the s'(z2) factor cancels exactly and delta2 = y_hat - y: computed
    /// that way it is finite where the product would be infinity * 0.
    pub fn delta2(self, z2: f64, y: f64) -> f64 {
        match self {
            Cost::Squared => (sigmoid(z2) - y) * sigmoid_prime(z2),
            Cost::CrossEntropy => sigmoid(z2) - y,
        }
    }
}
