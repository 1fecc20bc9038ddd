//! The view of a moment: every known number is the forward/backward of the pass it claims
//! (checked against formulas written here for the lesson's network), a number not computed
//! yet in this phase is pending and has no value, the pass that moved the weights is marked
//! as before the step, and the quiz's hidden numbers are not in the view at all.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::format::{self, Sign};
use backprop_lab::session::Session;
use backprop_lab::train::{OnTrouble, Phase, Settings, WEIGHT_RANGE};
use backprop_lab::view::{Moment, Scope, Status, View, withheld_by_quiz};
use backprop_lab::{Cost, Params, Sample, quiz};
use proptest::prelude::*;

mod common;

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// The lesson's network by hand (sigmoids, squared error C = (ŷ − y)² / 2): every number the
/// chain rule shows, for one sample.
fn by_hand(p: Params, s: Sample) -> Vec<(&'static str, f64)> {
    let z1 = p.w1 * s.x + p.b1;
    let a1 = sigmoid(z1);
    let z2 = p.w2 * a1 + p.b2;
    let y_hat = sigmoid(z2);
    let d_c = y_hat - s.y;
    // 1 − σ(z) as σ(−z): exact where the node is saturated.
    let s2 = y_hat * sigmoid(-z2);
    let delta2 = d_c * s2;
    let s1 = a1 * sigmoid(-z1);
    let delta1 = delta2 * p.w2 * s1;
    vec![
        ("z1", z1),
        ("a1", a1),
        ("z2", z2),
        ("yHat", y_hat),
        ("cost", 0.5 * d_c * d_c),
        ("dCdYHat", d_c),
        ("dYHatdZ2", s2),
        ("delta2", delta2),
        ("dCdW2", delta2 * a1),
        ("dCdB2", delta2),
        ("dZ2dA1", p.w2),
        ("dA1dZ1", s1),
        ("delta1", delta1),
        ("dCdW1", delta1 * s.x),
        ("dCdB1", delta1),
    ]
}

fn settings(samples: Vec<Sample>, chosen: usize) -> Settings {
    Settings {
        samples,
        cost: Cost::Squared,
        learning_rate: 0.5,
        chosen,
        weight_range: WEIGHT_RANGE,
        optimizer: Default::default(),
        hidden: Default::default(),
        output: Default::default(),
    }
}

const DATA: [Sample; 2] = [Sample { x: 0.8, y: 0.1 }, Sample { x: 0.2, y: 0.9 }];

const P: Params = common::LECTURE;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-10 * a.abs().max(b.abs()).max(1e-300) || a == b
}

/// Asserts the view's sample numbers are the hand formulas' at `p`, and each known entry's
/// text is its value written by the one formatter.
/// The keys of the view's entries with this status, in the view's order.
fn keys_with(v: &View, status: Status) -> Vec<&str> {
    v.entries
        .iter()
        .filter(|e| e.status == status)
        .map(|e| e.key.as_str())
        .collect()
}

fn assert_pass(v: &View, p: Params, s: Sample, phase: &str) {
    for (key, want) in by_hand(p, s) {
        let e = v.get(key).unwrap_or_else(|| panic!("{phase}: no {key}"));
        if let Some(got) = e.value {
            assert!(
                close(got, want),
                "{phase}: {key} = {got:e}, by hand {want:e}"
            );
        }
    }
    for e in &v.entries {
        match e.value {
            Some(x) => {
                assert_eq!(e.status, Status::Known);
                // Costs, ŷ and relative errors carry no "+"; factors and gradients do.
                let plain = e.key.starts_with("point.")
                    || e.key.starts_with("check.rel.")
                    || e.key == "now.cost"
                    || e.key == "mean.cost"
                    || e.key == "oneMinusYHat"
                    || e.key == "learningRate";
                let sign = if plain { Sign::Negative } else { Sign::Always };
                assert_eq!(
                    e.num.text,
                    format::Num::of(x, sign).text,
                    "{phase}: {}",
                    e.key
                );
                assert_eq!(
                    e.num.spoken,
                    format::Num::of(x, sign).spoken,
                    "{phase}: {}",
                    e.key
                );
            }
            None => assert_ne!(
                e.status,
                Status::Known,
                "{phase}: {} known without a value",
                e.key
            ),
        }
    }
}

#[test]
fn each_phase_shows_what_it_has_computed_and_says_which_moment() {
    let data = vec![
        Sample { x: 0.8, y: 0.1 },
        Sample { x: 0.2, y: 0.9 },
        Sample { x: 0.5, y: 0.4 },
    ];
    let mut s = Session::new(P, settings(data.clone(), 1));
    let chosen = data[1];

    // Ready: a whole pass, every number known, all of this moment.
    let v = View::of(&s);
    assert_eq!(v.phase, Phase::Ready);
    assert!(
        v.entries
            .iter()
            .all(|e| e.status == Status::Known && e.moment == Moment::Now)
    );
    assert_pass(&v, P, chosen, "ready");
    assert_eq!(v.get("delta2").unwrap().scope, Scope::Sample(1));
    assert_eq!(v.get("mean.dCdW2").unwrap().scope, Scope::Mean(3));
    assert_eq!(v.get("w2").unwrap().scope, Scope::Shared);
    // The means are the mean of the hand formulas over the three points.
    let mean_w2 = data.iter().map(|&d| by_hand(P, d)[8].1).sum::<f64>() / 3.0;
    assert!(close(v.value("mean.dCdW2").unwrap(), mean_w2));
    // The step to come: −η × the mean gradient, and the weights it leads to.
    assert!(close(v.value("step.w2").unwrap(), -0.5 * mean_w2));
    assert!(close(v.value("next.w2").unwrap(), P.w2 - 0.5 * mean_w2));
    for (k, d) in data.iter().enumerate() {
        let y_hat = by_hand(P, *d)[3].1;
        assert!(close(v.value(&format!("point.{k}.yHat")).unwrap(), y_hat));
        assert_eq!(
            v.get(&format!("point.{k}.yHat")).unwrap().scope,
            Scope::Sample(k)
        );
    }

    // Forward: the forward values only; the backward pass's numbers are pending, with no value.
    s.change_run(|t| t.step_phase());
    let v = View::of(&s);
    assert_eq!(v.phase, Phase::Forward);
    assert_pass(&v, P, chosen, "forward");
    for key in [
        "x",
        "y",
        "w1",
        "z1",
        "a1",
        "z2",
        "yHat",
        "cost",
        "dZ2dA1",
        "mean.cost",
        "point.0.yHat",
        "now.w1",
        "now.cost",
    ] {
        assert_eq!(v.get(key).unwrap().status, Status::Known, "forward: {key}");
    }
    let pending = keys_with(&v, Status::Pending);
    for key in [
        "dCdYHat",
        "dYHatdZ2",
        "delta2",
        "dCdW2",
        "dCdB2",
        "dA1dZ1",
        "delta1",
        "dCdW1",
        "dCdB1",
        "mean.dCdW1",
        "check.dCdW1",
        "check.rel.dCdW1",
        "step.w1",
        "next.w1",
    ] {
        assert!(
            pending.contains(&key),
            "forward: {key} should be pending: {pending:?}"
        );
    }
    assert_eq!(pending.len(), 9 + 4 * 5, "{pending:?}");
    for e in v.entries.iter().filter(|e| e.status == Status::Pending) {
        assert_eq!(e.value, None);
        assert_eq!(e.num.text, "—");
    }

    // Backward: everything known, still the current weights.
    s.change_run(|t| t.step_phase());
    let v = View::of(&s);
    assert!(
        v.entries
            .iter()
            .all(|e| e.status == Status::Known && e.moment == Moment::Now)
    );
    assert_pass(&v, P, chosen, "backward");

    // Update: the pass is the one that moved the weights, marked so; the run is at the new ones.
    s.change_run(|t| t.step_phase());
    let v = View::of(&s);
    assert_eq!(v.phase, Phase::Update);
    assert_eq!(v.iteration, 1);
    assert_pass(&v, P, chosen, "update");
    let now = s.run().params();
    assert_ne!(now.w2, P.w2);
    assert_eq!(
        v.value("w2"),
        Some(P.w2),
        "the pass's w₂ is the one before the step"
    );
    assert_eq!(v.get("w2").unwrap().moment, Moment::BeforeStep);
    assert_eq!(v.get("delta2").unwrap().moment, Moment::BeforeStep);
    assert_eq!(v.value("now.w2"), Some(now.w2));
    assert_eq!(v.get("now.w2").unwrap().moment, Moment::Now);
    assert_eq!(v.value("next.w2"), Some(now.w2), "the step taken led here");
    assert!(close(v.value("step.w2").unwrap(), now.w2 - P.w2));
    assert_eq!(v.value("now.cost"), Some(s.run().cost()));

    // The next step starts a new pass at the new weights.
    s.change_run(|t| t.step_phase());
    let v = View::of(&s);
    assert_eq!(v.value("w2"), Some(now.w2));
    assert_eq!(v.get("w2").unwrap().moment, Moment::Now);
}

#[test]
fn a_quiz_leaves_its_answers_out_of_the_view() {
    for seed in 0..200 {
        let (params, sample, cost) = quiz::exercise(seed);
        let mut s = Session::new(P, settings(DATA.to_vec(), 1));
        s.start_quiz(seed, true);
        assert_eq!(s.run().params(), params, "the exercise's weights");
        assert_eq!(s.run().settings().samples, [sample]);
        assert_eq!(s.run().settings().cost, cost);
        let hidden = View::of(&s);
        let open = View::of_run(s.run(), false);
        let withheld: Vec<_> = hidden
            .entries
            .iter()
            .filter(|e| e.status == Status::Withheld)
            .collect();
        for key in [
            "delta2",
            "delta1",
            "dCdW2",
            "dCdW1",
            "dCdB2",
            "dCdB1",
            "mean.dCdW1",
            "check.dCdW2",
            "step.w1",
            "next.w2",
        ] {
            assert!(
                withheld.iter().any(|e| e.key == key),
                "seed {seed}: {key} shown"
            );
        }
        for e in &withheld {
            assert!(
                open.value(&e.key).is_some(),
                "{}: known once revealed",
                e.key
            );
            assert_eq!(e.value, None);
            assert!(withheld_by_quiz(&e.key));
        }
        // Known is exactly what the learner predicts from (and where the run is): nothing
        // computed from the hidden numbers stays in the view.
        let known = keys_with(&hidden, Status::Known);
        assert_eq!(
            known,
            [
                "x",
                "y",
                "w1",
                "b1",
                "w2",
                "b2",
                "oneMinusYHat",
                "z1",
                "a1",
                "z2",
                "yHat",
                "cost",
                "dCdYHat",
                "dYHatdZ2",
                "dZ2dA1",
                "dA1dZ1",
                "mean.cost",
                "point.0.yHat",
                "now.w1",
                "now.b1",
                "now.w2",
                "now.b2",
                "now.cost",
                "learningRate"
            ],
            "seed {seed}"
        );
        // What the learner predicts from stays.
        for key in [
            "x", "y", "w1", "b1", "w2", "b2", "z1", "a1", "z2", "yHat", "cost", "dCdYHat",
            "dYHatdZ2", "dA1dZ1",
        ] {
            assert_eq!(
                hidden.get(key).unwrap().status,
                Status::Known,
                "seed {seed}: {key}"
            );
        }
    }
}

proptest! {
    /// Wherever the run is and whatever the phase, every known number of the pass is the hand
    /// formulas' at the weights the view says the pass had.
    #[test]
    fn known_numbers_are_the_pass_they_claim(
        w in prop::array::uniform4(-6.0f64..6.0),
        x in 0.0f64..1.0,
        y in 0.0f64..1.0,
        iterations in 0u64..20,
        phases in 0usize..4,
    ) {
        let p = Params::from_array(w);
        let sample = Sample { x, y };
        let mut s = Session::new(p, settings(vec![sample, Sample { x: 1.0 - x, y: 1.0 - y }], 0));
        s.change_run(|t| t.advance(iterations, OnTrouble::Continue));
        for _ in 0..phases {
            s.change_run(|t| t.step_phase());
        }
        let v = View::of(&s);
        let at = Params {
            w1: v.value("w1").unwrap(),
            b1: v.value("b1").unwrap(),
            w2: v.value("w2").unwrap(),
            b2: v.value("b2").unwrap(),
        };
        // The drawings' quick questions agree with the view.
        prop_assert_eq!(backprop_lab::view::pass_params(&s), at);
        for e in &v.entries {
            prop_assert_eq!(backprop_lab::view::status(&s, &e.key), e.status);
        }
        let before_step = v.get("w1").unwrap().moment == Moment::BeforeStep;
        prop_assert_eq!(before_step, s.run().phase() == Phase::Update);
        if !before_step {
            prop_assert_eq!(at, s.run().params());
        }
        assert_pass(&v, at, sample, "any");
    }
}
