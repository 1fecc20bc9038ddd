//! The activation choice: each activation's slope against central differences, whole networks
//! of every kind against hand-worked values and against the gradient check, the dead ReLU and
//! the saturated tanh stopping the error, and the rule that cross-entropy needs a sigmoid
//! output. Hand-worked values are from 40-digit arithmetic (mpmath).
// Reference values keep all 17 significant digits of the 40-digit computation.
#![allow(clippy::excessive_precision)]

mod common;
use backprop_lab::net::{Model, Params, Sample};
use backprop_lab::surface::Grid;
use backprop_lab::train::{OnTrouble, Settings, Trainer};
use backprop_lab::{Activation, Cost};
use common::{assert_close, exact_and_fast, side_by_side};

fn close(name: &str, got: f64, want: f64, rel: f64) {
    assert_close(name, got, want, rel * want.abs().max(1e-300));
}

#[test]
fn every_slope_matches_central_differences_of_its_function() {
    // Points away from ReLU's kink at 0, where the two one-sided slopes differ.
    let points = [-6.0, -2.5, -1.0, -0.3, -0.01, 0.01, 0.2, 0.7, 1.0, 3.0, 6.0];
    for g in Activation::ALL {
        for z in points {
            let h = 1e-6 * f64::max(1.0, f64::abs(z));
            let numeric = (g.apply(z + h) - g.apply(z - h)) / (2.0 * h);
            let slope = g.prime(z);
            assert!(
                (slope - numeric).abs() <= 1e-8 * slope.abs().max(1e-3),
                "{}'({z}) = {slope}, central difference {numeric}",
                g.name()
            );
        }
    }
}

#[test]
fn slopes_have_the_values_the_lesson_quotes() {
    use Activation::*;
    assert_eq!(Sigmoid.prime(0.0), 0.25);
    assert_eq!(Tanh.prime(0.0), 1.0);
    assert_eq!(
        (Relu.prime(2.0), Relu.prime(-2.0), Relu.prime(0.0)),
        (1.0, 0.0, 0.0)
    );
    assert_eq!((Linear.apply(-3.5), Linear.prime(1e300)), (-3.5, 1.0));
    // A dead node outputs a plain 0, never -0 (which the page would print as "-0").
    assert!(Relu.apply(-0.0).is_sign_positive() && Relu.apply(-5.0) == 0.0);
    // tanh saturates like the sigmoid; its slope stays tiny rather than exactly 0, so the
    // page can show how small it is: tanh'(20) = 4 e^-40 / (1 + e^-40)^2.
    let want = 4.0 * (-40f64).exp() / (1.0 + (-40f64).exp()).powi(2);
    close("tanh'(20)", Tanh.prime(20.0), want, 1e-14);
    close("tanh'(-20)", Tanh.prime(-20.0), want, 1e-14);
    for z in [-1e300, -800.0, 800.0, 1e300] {
        for g in Activation::ALL {
            assert!(
                g.apply(z).is_finite() && g.prime(z).is_finite(),
                "{g:?} at {z}"
            );
        }
    }
    for g in Activation::ALL {
        assert_eq!(Activation::named(g.name()), Some(g));
    }
    assert_eq!(Activation::named("softmax"), None);
}

struct Case {
    hidden: Activation,
    output: Activation,
    cost: Cost,
    p: [f64; 4],
    s: (f64, f64),
    /// z1, a1, z2, y_hat, cost, dC/dy_hat, g2'(z2), delta2, dC/dw2, g1'(z1), delta1, dC/dw1
    want: [f64; 12],
}

fn cases() -> Vec<Case> {
    use Activation::*;
    vec![
        Case {
            hidden: Tanh,
            output: Sigmoid,
            cost: Cost::Squared,
            p: [0.5, -0.2, 1.3, 0.1],
            s: (0.8, 0.3),
            want: [
                0.2,
                0.197375320224904,
                0.3565879162923752,
                0.58821421459508326,
                0.041533716747330351,
                0.28821421459508326,
                0.2422182523433726,
                0.069810743359738818,
                0.01377891782576704,
                0.9610429829661166,
                0.087218462553983034,
                0.069774770043186427,
            ],
        },
        Case {
            hidden: Relu,
            output: Linear,
            cost: Cost::Squared,
            p: [1.5, -0.4, -0.7, 0.2],
            s: (0.6, 0.9),
            want: [
                0.5, 0.5, -0.15, -0.15, 0.55125, -1.05, 1.0, -1.05, -0.525, 1.0, 0.735, 0.441,
            ],
        },
        // A dead ReLU: z1 < 0, so a1 = 0 and g1'(z1) = 0. The output is wrong (delta2 != 0)
        // but no error reaches w1, and w2 has nothing to learn from either (a1 = 0).
        Case {
            hidden: Relu,
            output: Sigmoid,
            cost: Cost::CrossEntropy,
            p: [-1.0, -0.5, 2.0, 0.3],
            s: (0.7, 1.0),
            want: [
                -1.2,
                0.0,
                0.3,
                0.57444251681165899,
                0.55435524446852712,
                -1.7408182206817179,
                0.24445831169074587,
                -0.42555748318834101,
                0.0,
                0.0,
                0.0,
                0.0,
            ],
        },
        Case {
            hidden: Linear,
            output: Tanh,
            cost: Cost::Squared,
            p: [0.9, 0.3, -1.1, 0.4],
            s: (0.5, 0.2),
            want: [
                0.75,
                0.75,
                -0.425,
                -0.4011342849479459,
                0.18068121426993911,
                -0.6011342849479459,
                0.83909128543930014,
                -0.50440653987860646,
                -0.37830490490895485,
                1.0,
                0.55484719386646711,
                0.27742359693323355,
            ],
        },
    ]
}

#[test]
fn networks_of_every_kind_match_hand_worked_values() {
    for c in cases() {
        let m = Model {
            hidden: c.hidden,
            output: c.output,
            cost: c.cost,
        };
        m.check("cost").unwrap();
        let p = Params::from_array(c.p);
        let s = Sample { x: c.s.0, y: c.s.1 };
        let f = m.forward(&p, s.x);
        let b = m.pass(&p, s).1;
        let got = [
            f.z1,
            f.a1,
            f.z2,
            f.y_hat,
            b.cost,
            b.d_c_d_y_hat,
            b.d_y_hat_d_z2,
            b.delta2,
            b.d_c_d_w2,
            b.d_a1_d_z1,
            b.delta1,
            b.d_c_d_w1,
        ];
        let names = [
            "z1",
            "a1",
            "z2",
            "y_hat",
            "cost",
            "dC/dy_hat",
            "g2'",
            "delta2",
            "dC/dw2",
            "g1'",
            "delta1",
            "dC/dw1",
        ];
        for ((name, got), want) in names.iter().zip(got).zip(c.want) {
            let label = format!("{:?}-{:?} {name}", c.hidden, c.output);
            // 1e-13: the inputs are the nearest doubles to the decimals, not the decimals.
            close(&label, got, want, 1e-13);
        }
        assert_eq!(b.d_c_d_b2, b.delta2);
        assert_eq!(b.d_c_d_b1, b.delta1);
        assert_eq!(b.d_z2_d_a1, p.w2);
    }
}

fn relative_gap(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-6)
}

#[test]
fn backprop_agrees_with_the_gradient_check_for_every_pair_of_activations() {
    let samples = [
        Sample { x: 0.9, y: 0.2 },
        Sample { x: -0.6, y: 0.7 },
        Sample { x: 0.35, y: 1.0 },
    ];
    // Weights chosen so that no sample sits within a step h of a ReLU kink.
    let points = [
        Params::from_array([1.3, 0.2, -0.8, 0.3]),
        Params::from_array([-2.1, 0.45, 1.7, -0.6]),
        Params::from_array([0.4, -0.9, 2.6, 0.15]),
    ];
    for hidden in Activation::ALL {
        for output in Activation::ALL {
            for cost in Cost::ALL {
                let m = Model {
                    hidden,
                    output,
                    cost,
                };
                if m.check("cost").is_err() {
                    assert_ne!(output, Activation::Sigmoid);
                    continue;
                }
                for p in &points {
                    let exact = m.mean_gradient(p, &samples);
                    let numeric = m.numerical_gradient(p, &samples);
                    for (name, a, b) in side_by_side(&exact, &numeric) {
                        assert!(
                            relative_gap(a, b) < 1e-6,
                            "{hidden:?}-{output:?} {cost:?} at {p:?}: dC/d{name} {a} vs {b}"
                        );
                    }
                    assert_eq!(exact.cost, m.mean_cost(p, &samples));
                }
            }
        }
    }
}

#[test]
fn saturation_and_dead_nodes_stop_the_error_on_its_way_back() {
    let s = Sample { x: 1.0, y: 0.0 };
    let p = Params::from_array([12.0, 0.0, 1.0, 0.0]);
    let with = |hidden| Model {
        hidden,
        output: Activation::Sigmoid,
        cost: Cost::Squared,
    };
    // Same delta2 arriving at the hidden node (a1 ~ 1 for all three), very different delta1.
    let sig = with(Activation::Sigmoid).pass(&p, s).1;
    let tanh = with(Activation::Tanh).pass(&p, s).1;
    let relu = with(Activation::Relu)
        .pass(&p, Sample { x: -1.0, y: 0.0 })
        .1;
    assert!(sig.delta2 > 0.1 && tanh.delta2 > 0.1 && relu.delta2 > 0.1);
    assert!(sig.delta1 > 0.0 && sig.delta1 < 1e-5 * sig.delta2);
    assert!(tanh.delta1 > 0.0 && tanh.delta1 < 1e-9 * tanh.delta2);
    assert_eq!(
        (relu.d_a1_d_z1, relu.delta1, relu.d_c_d_w1),
        (0.0, 0.0, 0.0)
    );
    // ...while a linear hidden node passes delta2 * w2 back untouched.
    let lin = with(Activation::Linear).pass(&p, s).1;
    assert_eq!(lin.delta1, lin.delta2 * p.w2);
}

#[test]
fn cross_entropy_needs_a_sigmoid_output() {
    for output in [Activation::Tanh, Activation::Relu, Activation::Linear] {
        let m = Model {
            hidden: Activation::Sigmoid,
            output,
            cost: Cost::CrossEntropy,
        };
        let e = m.check("cost").unwrap_err();
        assert_eq!(e.field, "cost");
        assert!(e.problem.contains("needs a sigmoid output"), "{e}");
        assert!(e.problem.contains(output.name()), "{e}");
        let settings = Settings {
            samples: vec![Sample { x: 0.5, y: 0.5 }],
            cost: Cost::CrossEntropy,
            learning_rate: 1.0,
            chosen: 0,
            weight_range: 8.0,
            optimizer: Default::default(),
            hidden: Activation::Sigmoid,
            output,
        };
        assert_eq!(settings.check().unwrap_err().field, "settings.cost");
        let squared = Settings {
            cost: Cost::Squared,
            ..settings
        };
        squared.check().unwrap();
    }
}

#[test]
fn training_follows_the_chosen_activations() {
    let samples = vec![Sample { x: 0.8, y: 0.9 }, Sample { x: -0.5, y: 0.1 }];
    for (hidden, output) in [
        (Activation::Tanh, Activation::Sigmoid),
        (Activation::Relu, Activation::Linear),
        (Activation::Linear, Activation::Tanh),
    ] {
        let settings = Settings {
            samples: samples.clone(),
            cost: Cost::Squared,
            learning_rate: 0.3,
            chosen: 0,
            weight_range: 8.0,
            optimizer: Default::default(),
            hidden,
            output,
        };
        let m = settings.model();
        let start = Params::from_array([0.7, 0.1, 0.6, 0.0]);
        let mut t = Trainer::new(start, settings);
        let before = m.mean_cost(&start, &samples);
        let g = m.mean_gradient(&start, &samples);
        t.advance(1, OnTrouble::Pause);
        // One step is exactly the model's gradient step...
        assert_eq!(t.params(), backprop_lab::update(&start, &g, 0.3));
        t.advance(199, OnTrouble::Pause);
        // ...and the cost goes down.
        let after = m.mean_cost(&t.params(), &samples);
        assert!(
            after < 0.5 * before,
            "{hidden:?}-{output:?}: {before} -> {after}"
        );
        assert_eq!(t.cost(), after);
    }
}

#[test]
fn the_surface_follows_the_activations_on_both_paths() {
    let samples = [Sample { x: 0.9, y: 0.2 }, Sample { x: -0.4, y: 0.8 }];
    let grid = Grid {
        w1_min: -5.0,
        w1_max: 4.0,
        w2_min: -3.0,
        w2_max: 6.0,
        resolution: 33,
    };
    let n = grid.resolution;
    for hidden in Activation::ALL {
        for output in Activation::ALL {
            let m = Model {
                hidden,
                output,
                cost: Cost::Squared,
            };
            let (b1, b2) = (0.3, -0.2);
            let (exact, fast) = exact_and_fast(b1, b2, &samples, m, &grid);
            for i in (0..n).step_by(4) {
                for j in (0..n).step_by(4) {
                    let p = Params::from_array([grid.w1(j), b1, grid.w2(i), b2]);
                    let want = m.mean_cost(&p, &samples);
                    let (e, f) = (exact[i * n + j] as f64, fast[i * n + j] as f64);
                    let label = format!("{hidden:?}-{output:?} at ({i}, {j})");
                    close(&label, e, want, 1e-6);
                    assert!(
                        (f - want).abs() <= 1e-4 * want + 2e-6,
                        "{label}: fast {f}, {want}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_tanh_output_takes_the_sigmoid_fast_path_within_its_bound() {
    // tanh(z) = 2 s(2z) - 1: the fast path computes the sigmoid's surface on a doubled grid
    // and scales it by 4, so its bound (tests/surface_fast.rs) scales too:
    // |fast - exact| <= 1e-4 C + 4e-6 sqrt(2 C).
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for case in 0..40 {
        let samples: Vec<Sample> = (0..1 + case % 5)
            .map(|_| Sample {
                x: 4.0 * next() - 2.0,
                y: next(),
            })
            .collect();
        let (b1, b2) = (6.0 * next() - 3.0, 6.0 * next() - 3.0);
        let span = [1.0, 8.0, 50.0][case % 3];
        let grid = Grid {
            w1_min: -span,
            w1_max: span * (0.5 + next()),
            w2_min: -span * (0.5 + next()),
            w2_max: span,
            resolution: 48,
        };
        let hidden = Activation::ALL[case % 4];
        let m = Model {
            hidden,
            output: Activation::Tanh,
            cost: Cost::Squared,
        };
        let (exact, fast) = exact_and_fast(b1, b2, &samples, m, &grid);
        for (k, (&e, &f)) in exact.iter().zip(&fast).enumerate() {
            let (e, f) = (f64::from(e), f64::from(f));
            let bound = 1e-4 * e + 4e-6 * (2.0 * e).sqrt() + 1e-36;
            assert!(
                f.is_finite() && (f - e).abs() <= bound,
                "case {case} ({hidden:?}) cell {k}: fast {f}, exact {e}"
            );
        }
    }
}
