//! The two costs C(y_hat, y), each written beside its derivative dC/dy_hat as the lesson
//! writes them; then, in [`after_sigmoid`], the forms that stay finite when y_hat comes out
//! of a sigmoid and is rounded to 0 or 1.

use crate::activation::{sigmoid, softplus};

/// Which cost C(y_hat, y) the network is trained on. JS names: `"squared"`, `"crossEntropy"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

    /// C(y_hat, y) for one sample.
    pub fn value(self, y_hat: f64, y: f64) -> f64 {
        match self {
            Cost::Squared => 0.5 * (y_hat - y) * (y_hat - y),
            // A term whose coefficient is 0 contributes 0, even where its logarithm is -inf.
            Cost::CrossEntropy => {
                -(weighted(y, y_hat.ln()) + weighted(1.0 - y, (1.0 - y_hat).ln()))
            }
        }
    }

    /// dC/dy_hat, the first factor of the chain rule.
    pub fn d_y_hat(self, y_hat: f64, y: f64) -> f64 {
        match self {
            Cost::Squared => y_hat - y,
            Cost::CrossEntropy => over(-y, y_hat) + over(1.0 - y, 1.0 - y_hat),
        }
    }
}

/// c * t, taken as 0 when c is 0 whatever t is (so 0 * inf is 0, as the cost's limit says).
fn weighted(c: f64, t: f64) -> f64 {
    if c == 0.0 { 0.0 } else { c * t }
}

/// c / d, taken as 0 when c is 0 even where d has rounded to 0.
fn over(c: f64, d: f64) -> f64 {
    if c == 0.0 { 0.0 } else { c / d }
}

/// The costs after a sigmoid output y_hat = s(z2), computed from z2 rather than from y_hat.
///
/// Once |z2| is past ~37, y_hat rounds to exactly 1 (past ~745 to 0), so ln(1 - y_hat) and
/// 1/(1 - y_hat) are infinite although the true values are finite. These forms use
/// 1 - s(z2) = s(-z2) and -ln s(z) = softplus(-z), and keep every digit. They agree with
/// [`Cost::value`] and [`Cost::d_y_hat`] wherever those are finite (tested).
pub mod after_sigmoid {
    use super::{Cost, over, sigmoid, softplus};
    use crate::activation::sigmoid_prime;

    /// C(s(z2), y).
    pub fn value(cost: Cost, z2: f64, y: f64) -> f64 {
        match cost {
            Cost::Squared => cost.value(sigmoid(z2), y),
            // -ln s(z2) = softplus(-z2);  -ln(1 - s(z2)) = -ln s(-z2) = softplus(z2)
            Cost::CrossEntropy => y * softplus(-z2) + (1.0 - y) * softplus(z2),
        }
    }

    /// dC/dy_hat at y_hat = s(z2). For cross-entropy it is honestly +-infinite once y_hat
    /// rounds to exactly 0 or 1 (|z2| > ~745); [`delta2`] stays finite even then.
    pub fn d_y_hat(cost: Cost, z2: f64, y: f64) -> f64 {
        match cost {
            Cost::Squared => cost.d_y_hat(sigmoid(z2), y),
            Cost::CrossEntropy => over(-y, sigmoid(z2)) + over(1.0 - y, sigmoid(-z2)),
        }
    }

    /// delta2 = dC/dz2 = dC/dy_hat * s'(z2). For cross-entropy the s'(z2) factor cancels
    /// exactly and delta2 = y_hat - y: finite where the product would be infinity * 0.
    pub fn delta2(cost: Cost, z2: f64, y: f64) -> f64 {
        match cost {
            Cost::Squared => d_y_hat(cost, z2, y) * sigmoid_prime(z2),
            Cost::CrossEntropy => sigmoid(z2) - y,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stable_forms_agree_with_the_lessons_where_both_are_finite() {
        for cost in Cost::ALL {
            // Up to |z2| = 10: beyond, 1 - y_hat itself has lost the digits this compares.
            for z2 in [-10.0, -4.0, -0.5, 0.0, 0.3, 2.0, 10.0] {
                for y in [0.0, 0.25, 1.0] {
                    let y_hat = sigmoid(z2);
                    let near = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
                    assert!(near(
                        after_sigmoid::value(cost, z2, y),
                        cost.value(y_hat, y)
                    ));
                    assert!(near(
                        after_sigmoid::d_y_hat(cost, z2, y),
                        cost.d_y_hat(y_hat, y)
                    ));
                    let chain = cost.d_y_hat(y_hat, y) * crate::activation::sigmoid_prime(z2);
                    assert!(near(after_sigmoid::delta2(cost, z2, y), chain));
                }
            }
        }
    }

    #[test]
    fn cross_entropy_stays_finite_where_y_hat_has_rounded_to_one() {
        // s(40) is exactly 1.0 in f64, so ln(1 - y_hat) = -inf; the true cost is about 40.
        assert_eq!(sigmoid(40.0), 1.0);
        assert!(Cost::CrossEntropy.value(1.0, 0.0).is_infinite());
        let c = after_sigmoid::value(Cost::CrossEntropy, 40.0, 0.0);
        assert!((c - 40.0).abs() < 1e-12);
        assert_eq!(after_sigmoid::delta2(Cost::CrossEntropy, 40.0, 0.0), 1.0);
    }
}
