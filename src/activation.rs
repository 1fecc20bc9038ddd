//! The activations a node can apply, each slope written beside its function, and the sigmoid
//! helpers, written so that no finite input overflows: each one only ever exponentiates a
//! number <= 0, so `exp` stays in (0, 1].

/// What a node does with its weighted input z. Sigmoid is the lesson's; the others show how
/// the slope g'(z) decides what reaches the layer behind: tanh saturates like the sigmoid but
/// with slope 1 at 0, ReLU passes the error on (slope 1) or stops it dead (slope 0), linear
/// always passes it on. JS and link names: `"sigmoid"`, `"tanh"`, `"relu"`, `"linear"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Activation {
    #[default]
    Sigmoid,
    Tanh,
    Relu,
    Linear,
}

impl Activation {
    /// Every activation, in the order pickers list them.
    pub const ALL: [Activation; 4] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Linear,
    ];

    /// The name the JS API and the share link use.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Linear => "linear",
        }
    }

    /// How the page writes it on a node: σ, tanh, ReLU, id.
    pub fn symbol(self) -> &'static str {
        match self {
            Activation::Sigmoid => "σ",
            Activation::Tanh => "tanh",
            Activation::Relu => "ReLU",
            Activation::Linear => "id",
        }
    }

    /// The activation with this name, if there is one.
    pub fn named(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    /// g(z): the node's output.
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => z.tanh(),
            // max(z, 0) without returning -0 for z = -0, so a dead node shows a plain 0.
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Activation::Linear => z,
        }
    }

    /// g'(z): the factor the error is multiplied by on its way back through the node.
    pub fn prime(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid_prime(z),
            // tanh(z) = 2 s(2z) - 1, so tanh'(z) = 4 s'(2z) = 1 - tanh(z)^2, written with the
            // sigmoid so that it stays tiny rather than 0 once tanh(z) rounds to +-1.
            Activation::Tanh => 4.0 * sigmoid_prime(2.0 * z),
            // The kink at 0 takes the slope of the flat side, as most libraries do: a node
            // with z <= 0 passes no error back ("dead").
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Linear => 1.0,
        }
    }
}

/// s(z) = 1 / (1 + e^-z), for any finite z (even |z| = 1e300).
///
/// For z < 0 the equivalent e^z / (1 + e^z) is used, so `exp` never sees a large
/// positive argument.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// s'(z) = s(z) * (1 - s(z)) = s(z) * s(-z): "a product of two sigmoids", as the lesson says.
///
/// The s(-z) form keeps full precision where s(z) rounds to 1 and `1 - s(z)` would be 0,
/// so a saturated node reports a tiny slope rather than none at all.
pub fn sigmoid_prime(z: f64) -> f64 {
    sigmoid(z) * sigmoid(-z)
}

/// softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^-|z|), finite for every finite z.
///
/// Cross-entropy is written with it: -ln s(z) = softplus(-z) and -ln(1 - s(z)) = softplus(z).
pub fn softplus(z: f64) -> f64 {
    z.max(0.0) + (-z.abs()).exp().ln_1p()
}

#[cfg(test)]
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_finite_and_in_range_for_huge_inputs() {
        for z in [-1e300, -1e10, -745.5, -40.0, 0.0, 40.0, 745.5, 1e10, 1e300] {
            let s = sigmoid(z);
            assert!((0.0..=1.0).contains(&s), "s({z}) = {s}");
            assert!(sigmoid_prime(z).is_finite() && sigmoid_prime(z) >= 0.0);
            assert!(softplus(z).is_finite() && softplus(z) >= 0.0);
        }
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(1e300), 1.0);
        assert_eq!(sigmoid(-1e300), 0.0);
    }

    #[test]
    fn sigmoid_prime_keeps_precision_when_saturated() {
        // 1 - s(40) rounds to ~4.2e-18 or 0 in f64; s(40) * s(-40) is e^-40 / (1 + e^-40)^2.
        let expected = (-40f64).exp() / (1.0 + (-40f64).exp()).powi(2);
        assert!((sigmoid_prime(40.0) - expected).abs() <= 1e-15 * expected);
        assert_eq!(sigmoid_prime(0.0), 0.25);
    }

    #[test]
    fn softplus_matches_reference_values() {
        // ln(1 + e^z) to 17 digits, from 30-digit arithmetic (mpmath). The naive formula
        // loses almost every digit at z = -30; softplus must not.
        for (z, want) in [
            (-30.0, 9.3576229688397368e-14),
            (-2.0, 0.1269280110429725),
            (-0.5, 0.47407698418010668),
            (0.0, std::f64::consts::LN_2),
            (0.5, 0.97407698418010668),
            (2.0, 2.1269280110429725),
            (30.0, 30.000000000000094),
        ] {
            let got = softplus(z);
            assert!(
                (got - want).abs() <= 4e-16 * want,
                "softplus({z}) = {got}, want {want}"
            );
        }
        assert_eq!(softplus(1e300), 1e300);
    }
}
