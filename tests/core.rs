//! Hand-worked values for the network, the costs, update, the surface and input checks.
//!
//! The expected numbers were computed independently, with 40-digit arithmetic (mpmath), from
//! the textbook formulas: s(z) = 1/(1+e^-z), C = (y_hat-y)^2/2 or -[y ln y_hat + (1-y) ln(1-y_hat)],
//! dC/dy_hat, s'(z) = s(z)(1-s(z)), delta2 = dC/dy_hat * s'(z2), delta1 = delta2 * w2 * s'(z1).
// Reference values keep all 17 significant digits of the 40-digit computation.
#![allow(clippy::excessive_precision)]
#![cfg(not(target_arch = "wasm32"))]

mod common;
use backprop_lab::Model;
use backprop_lab::check;
use backprop_lab::surface::{Grid, GridSpec, cost_surface};
use backprop_lab::{Backward, Cost, Params, Sample, update};
use common::assert_close;

fn close(name: &str, got: f64, want: f64) {
    assert_close(name, got, want, 1e-14 * want.abs().max(1e-3));
}

struct Case {
    p: Params,
    s: Sample,
    /// z1, a1, z2, y_hat
    fwd: [f64; 4],
    /// cost, dCdYHat, dYHatdZ2, delta2, dCdW2, dA1dZ1, delta1, dCdW1
    bwd: [f64; 8],
}

fn check_case(c: &Case, cost: Cost) {
    let f = Model::default().forward(&c.p, c.s.x);
    for (name, got, want) in [
        ("z1", f.z1, c.fwd[0]),
        ("a1", f.a1, c.fwd[1]),
        ("z2", f.z2, c.fwd[2]),
        ("y_hat", f.y_hat, c.fwd[3]),
    ] {
        close(name, got, want);
    }
    let b: Backward = Model::from(cost).pass(&c.p, c.s).1;
    for (name, got, want) in [
        ("cost", b.cost, c.bwd[0]),
        ("dCdYHat", b.d_c_d_y_hat, c.bwd[1]),
        ("dYHatdZ2", b.d_y_hat_d_z2, c.bwd[2]),
        ("delta2", b.delta2, c.bwd[3]),
        ("dCdW2", b.d_c_d_w2, c.bwd[4]),
        ("dCdB2", b.d_c_d_b2, c.bwd[3]),
        ("dZ2dA1", b.d_z2_d_a1, c.p.w2),
        ("dA1dZ1", b.d_a1_d_z1, c.bwd[5]),
        ("delta1", b.delta1, c.bwd[6]),
        ("dCdW1", b.d_c_d_w1, c.bwd[7]),
        ("dCdB1", b.d_c_d_b1, c.bwd[6]),
    ] {
        close(name, got, want);
    }
    // The chain, factor by factor, exactly as the lesson composes it.
    close(
        "delta2 = dC/dy_hat * s'(z2)",
        b.delta2,
        b.d_c_d_y_hat * b.d_y_hat_d_z2,
    );
    close(
        "delta1 = delta2 * w2 * s'(z1)",
        b.delta1,
        b.delta2 * b.d_z2_d_a1 * b.d_a1_d_z1,
    );
}

fn p(w1: f64, b1: f64, w2: f64, b2: f64) -> Params {
    Params { w1, b1, w2, b2 }
}

const FWD: [[f64; 4]; 3] = [
    [
        0.85,
        0.70056714247397295,
        -0.010170142742191866,
        0.4974574862291463,
    ],
    [
        0.5,
        0.62245933120185456,
        0.86737799360556369,
        0.70419982026863311,
    ],
    [
        -1.24,
        0.22443598573092655,
        0.22954878858474125,
        0.55713652763373249,
    ],
];

fn cases(bwd: [[f64; 8]; 3]) -> [Case; 3] {
    [
        Case {
            p: p(0.5, 0.1, -0.3, 0.2),
            s: Sample { x: 1.5, y: 1.0 },
            fwd: FWD[0],
            bwd: bwd[0],
        },
        Case {
            p: p(-2.0, 1.0, 3.0, -1.0),
            s: Sample { x: 0.25, y: 0.0 },
            fwd: FWD[1],
            bwd: bwd[1],
        },
        Case {
            p: p(1.2, -0.4, 0.8, 0.05),
            s: Sample { x: -0.7, y: 0.3 },
            fwd: FWD[2],
            bwd: bwd[2],
        },
    ]
}

#[test]
fn squared_error_matches_hand_worked_values() {
    let bwd = [
        [
            0.12627448907356434,
            -0.5025425137708537,
            0.24999353562372502,
            -0.12563237981881024,
            -0.088013917331868715,
            0.20977282135982504,
            0.00790627763062229,
            0.011859416445933435,
        ],
        [
            0.24794869343318759,
            0.70419982026863311,
            0.20830243340225793,
            0.14668653616338896,
            0.091306403196579743,
            0.23500371220159449,
            0.10341564158516952,
            0.02585391039629238,
        ],
        [
            0.033059596921766639,
            0.2571365276337325,
            0.24673541720995972,
            0.063444688425629326,
            0.014239271186197624,
            0.17406447403991388,
            0.0088347730571467049,
            -0.006184341140002693,
        ],
    ];
    for c in &cases(bwd) {
        check_case(c, Cost::Squared);
    }
}

#[test]
fn cross_entropy_matches_hand_worked_values() {
    let bwd = [
        [
            0.69824518085074673,
            -2.0102220344099216,
            0.24999353562372502,
            -0.5025425137708537,
            -0.35206477284413418,
            0.20977282135982504,
            0.031625928290091211,
            0.047438892435136816,
        ],
        [
            1.2180711210945104,
            3.3806605557446157,
            0.20830243340225793,
            0.70419982026863311,
            0.43833574915687955,
            0.23500371220159449,
            0.49646871568447326,
            0.12411717892111832,
        ],
        [
            0.74562910865096742,
            1.0421549145290396,
            0.24673541720995972,
            0.2571365276337325,
            0.057710690046904387,
            0.17406447403991388,
            0.035806667551212345,
            -0.02506466728584864,
        ],
    ];
    for c in &cases(bwd) {
        check_case(c, Cost::CrossEntropy);
        // With cross-entropy the s'(z2) factor cancels: delta2 is exactly y_hat - y.
        let b = Model::from(Cost::CrossEntropy).pass(&c.p, c.s).1;
        assert_eq!(
            b.delta2,
            Model::default().forward(&c.p, c.s.x).y_hat - c.s.y
        );
    }
}

#[test]
fn cross_entropy_stays_finite_when_y_hat_rounds_to_one() {
    // z2 = 40: y_hat is 1.0 in f64, so ln(1 - y_hat) would be -inf. The true cost is ~40.
    let params = p(0.0, 0.0, 0.0, 40.0);
    let b = Model::from(Cost::CrossEntropy)
        .pass(&params, Sample { x: 0.0, y: 0.0 })
        .1;
    assert_eq!(Model::default().forward(&params, 0.0).y_hat, 1.0);
    assert!((b.cost - 40.0).abs() < 1e-12, "cost {}", b.cost);
    assert!((b.delta2 - 1.0).abs() < 1e-15);
    // dC/dy_hat = 1/(1 - y_hat) = 1 + e^40, computed from s(-z2), not from 1 - 1.0.
    assert!((b.d_c_d_y_hat / (1.0 + 40f64.exp()) - 1.0).abs() < 1e-12);
    // Far beyond: y_hat - 1 underflows entirely; delta2 and the gradients stay finite.
    let b = Model::from(Cost::CrossEntropy)
        .pass(&p(1.0, 0.0, 1e6, 1e6), Sample { x: 1.0, y: 0.3 })
        .1;
    assert!(b.cost.is_finite() && b.delta2.is_finite() && b.d_c_d_w1.is_finite());
    assert!((b.cost - 0.7 * (1e6 + 1e6 * 0.7310585786300049)).abs() < 1e-3);
}

#[test]
fn a_mean_over_samples_is_the_mean_of_per_sample_values() {
    let params = p(0.7, -0.2, 1.4, 0.3);
    let set = [
        Sample { x: 0.1, y: 0.0 },
        Sample { x: 0.5, y: 1.0 },
        Sample { x: 0.9, y: 0.6 },
    ];
    for cost in Cost::ALL {
        let g = Model::from(cost).mean_gradient(&params, &set);
        let each: Vec<Backward> = set
            .iter()
            .map(|s| Model::from(cost).pass(&params, *s).1)
            .collect();
        let mean = |f: fn(&Backward) -> f64| each.iter().map(f).sum::<f64>() / 3.0;
        close("cost", g.cost, mean(|b| b.cost));
        close("dCdW1", g.d_c_d_w1, mean(|b| b.d_c_d_w1));
        close("dCdB1", g.d_c_d_b1, mean(|b| b.d_c_d_b1));
        close("dCdW2", g.d_c_d_w2, mean(|b| b.d_c_d_w2));
        close("dCdB2", g.d_c_d_b2, mean(|b| b.d_c_d_b2));
        close(
            "mean_cost",
            Model::from(cost).mean_cost(&params, &set),
            g.cost,
        );
    }
}

#[test]
fn update_subtracts_learning_rate_times_gradient() {
    let params = p(0.5, 0.1, -0.3, 0.2);
    let g = Model::from(Cost::Squared)
        .pass(&params, Sample { x: 1.5, y: 1.0 })
        .1
        .gradient();
    let next = update(&params, &g, 0.5);
    close("w1", next.w1, 0.5 - 0.5 * 0.011859416445933435);
    close("b1", next.b1, 0.1 - 0.5 * 0.00790627763062229);
    close("w2", next.w2, -0.3 - 0.5 * -0.088013917331868715);
    close("b2", next.b2, 0.2 - 0.5 * -0.12563237981881024);
}

#[test]
fn gradient_descent_lowers_the_cost_step_after_step() {
    let set = [Sample { x: 0.2, y: 0.1 }, Sample { x: 0.8, y: 0.9 }];
    for cost in Cost::ALL {
        let mut params = p(-1.0, 0.5, 0.5, -0.5);
        let mut previous = Model::from(cost).mean_cost(&params, &set);
        let start = previous;
        for _ in 0..1000 {
            let g = Model::from(cost).mean_gradient(&params, &set);
            params = update(&params, &g, 2.0);
            let now = Model::from(cost).mean_cost(&params, &set);
            assert!(
                now <= previous * (1.0 + 1e-12),
                "{cost:?}: cost rose from {previous} to {now}"
            );
            previous = now;
        }
        assert!(previous < 0.5 * start, "{cost:?}: {start} -> {previous}");
    }
}

#[test]
fn the_numerical_gradient_agrees_with_backward_on_the_hand_cases() {
    let set = [Sample { x: 1.5, y: 1.0 }, Sample { x: -0.7, y: 0.3 }];
    let params = p(1.2, -0.4, 0.8, 0.05);
    for cost in Cost::ALL {
        let a = Model::from(cost).mean_gradient(&params, &set);
        let n = Model::from(cost).numerical_gradient(&params, &set);
        for (name, x, y) in common::side_by_side(&a, &n) {
            // Central differences carry ~eps*C/h of rounding error, absolute.
            assert!(
                (x - y).abs() <= 1e-7 * x.abs() + 1e-9 * (1.0 + a.cost),
                "{name}: {x} vs {y}"
            );
        }
    }
}

#[test]
fn the_surface_equals_per_point_mean_costs_and_hits_the_grid_ends() {
    let set = [
        Sample { x: 0.3, y: 0.0 },
        Sample { x: 0.6, y: 1.0 },
        Sample { x: -0.4, y: 0.5 },
    ];
    let grid = Grid {
        w1_min: -4.0,
        w1_max: 6.0,
        w2_min: -3.0,
        w2_max: 5.0,
        resolution: 17,
    };
    assert_eq!(
        (grid.w1(0), grid.w1(16), grid.w2(0), grid.w2(16)),
        (-4.0, 6.0, -3.0, 5.0)
    );
    for cost in Cost::ALL {
        let mut out = vec![0.0f32; 17 * 17];
        cost_surface(0.25, -0.5, &set, cost, &grid, &mut out);
        for i in 0..17 {
            for j in 0..17 {
                let at = p(grid.w1(j), 0.25, grid.w2(i), -0.5);
                let want = Model::from(cost).mean_cost(&at, &set);
                let got = out[i * 17 + j] as f64;
                assert!(
                    (got - want).abs() <= 1e-6 * want,
                    "{cost:?} ({i},{j}): {got} vs {want}"
                );
            }
        }
    }
}

#[test]
fn bad_input_is_named_in_the_error() {
    let ok = p(1.0, 0.0, 1.0, 0.0);
    let e = check::params(&p(f64::NAN, 0.0, 1.0, 0.0), "params").unwrap_err();
    assert_eq!(
        e.to_string(),
        "params.w1 must be a finite number between -1000000 and 1000000, got NaN"
    );
    let e = check::params(&p(1.0, 0.0, 1.0, f64::INFINITY), "params").unwrap_err();
    assert_eq!(e.field, "params.b2");
    let e = check::sample(&Sample { x: 0.0, y: 1.5 }, "sample").unwrap_err();
    assert_eq!(e.to_string(), "sample.y must be between 0 and 1, got 1.5");
    assert!(check::params(&ok, "params").is_ok());
    assert!(
        check::samples(&[], "samples")
            .unwrap_err()
            .to_string()
            .contains("at least one")
    );
    let many = vec![Sample { x: 0.0, y: 0.0 }; check::MAX_SAMPLES + 1];
    assert!(
        check::samples(&many, "samples")
            .unwrap_err()
            .to_string()
            .contains("at most 1000")
    );
    let e = check::learning_rate(0.0, "learningRate").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("learningRate must be greater than 0")
    );
    assert!(check::learning_rate(-1.0, "learningRate").is_err());
    let spec = |w1_min, resolution| GridSpec {
        w1_min,
        w1_max: 1.0,
        w2_min: -1.0,
        w2_max: 1.0,
        resolution,
    };
    assert!(check::grid(&spec(-1.0, 64.0), "grid").is_ok());
    let e = check::grid(&spec(1.0, 64.0), "grid").unwrap_err();
    assert_eq!(
        e.to_string(),
        "grid.w1Min must be less than w1Max (1), got 1"
    );
    for bad in [1.0, 2049.0, 10.5, f64::NAN] {
        let e = check::grid(&spec(-1.0, bad), "grid").unwrap_err();
        assert_eq!(e.field, "grid.resolution", "{bad}");
        assert!(e.problem.contains("from 2 to 2048"));
    }
    // A step that leaves the valid range is refused and blames the learning rate.
    let huge = update(
        &ok,
        &backprop_lab::Gradient {
            cost: 0.0,
            d_c_d_w1: 1e3,
            d_c_d_b1: 0.0,
            d_c_d_w2: 0.0,
            d_c_d_b2: 0.0,
        },
        1e4,
    );
    let e = check::stepped(&huge, 1e4).unwrap_err();
    assert!(
        e.to_string().contains("learning rate 10000 is too large"),
        "{e}"
    );
}
