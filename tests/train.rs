//! The training run: phases, determinism, bounded history, and trouble handling.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::Model;
use backprop_lab::train::{
    HISTORY_CAPACITY, History, OnTrouble, Phase, Point, Settings, Trainer, Trouble,
};
use backprop_lab::{Cost, Params, Sample, update};

mod common;

fn start() -> Params {
    common::LECTURE
}

fn settings(lr: f64) -> Settings {
    Settings {
        samples: vec![
            Sample { x: 0.1, y: 0.0 },
            Sample { x: 0.4, y: 0.2 },
            Sample { x: 0.6, y: 0.8 },
            Sample { x: 0.9, y: 1.0 },
        ],
        cost: Cost::Squared,
        learning_rate: lr,
        chosen: 1,
        weight_range: 8.0,
        optimizer: Default::default(),
        hidden: Default::default(),
        output: Default::default(),
    }
}

#[test]
fn phases_go_forward_backward_update_with_the_right_values() {
    let s = settings(0.5);
    let mut t = Trainer::new(start(), s.clone());
    assert_eq!(t.phase(), Phase::Ready);
    assert!(t.pass().is_none());

    assert_eq!(t.step_phase(), Phase::Forward);
    let pass = t.pass().unwrap().clone();
    assert_eq!(pass.params, start());
    assert_eq!(pass.forward, Model::default().forward(&start(), 0.4));
    assert_eq!(
        pass.backward,
        Model::from(Cost::Squared).pass(&start(), s.samples[1]).1
    );
    assert_eq!(
        pass.mean,
        Model::from(Cost::Squared).mean_gradient(&start(), &s.samples)
    );
    assert_eq!(t.params(), start(), "the forward phase moves nothing");

    assert_eq!(t.step_phase(), Phase::Backward);
    assert_eq!(t.params(), start(), "the backward phase moves nothing");
    assert_eq!(t.iteration(), 0);

    assert_eq!(t.step_phase(), Phase::Update);
    let want = update(&start(), &pass.mean, 0.5);
    assert_eq!(t.params(), want);
    assert_eq!(t.iteration(), 1);
    assert_eq!(
        t.pass().unwrap().params,
        start(),
        "the update shows the pass that moved it"
    );

    assert_eq!(t.step_phase(), Phase::Forward);
    assert_eq!(t.pass().unwrap().params, want);
}

#[test]
fn stepping_phases_and_whole_iterations_land_on_the_same_weights() {
    let mut by_phase = Trainer::new(start(), settings(0.7));
    let mut by_iteration = by_phase.clone();
    for _ in 0..5 {
        for _ in 0..3 {
            by_phase.step_phase();
        }
        assert_eq!(by_iteration.advance(1, OnTrouble::Pause), 1);
        assert_eq!(by_phase.params(), by_iteration.params());
    }
    // Finishing an iteration mid-phase also uses the pass's gradient.
    by_phase.step_phase();
    by_phase.advance(1, OnTrouble::Pause);
    by_iteration.advance(1, OnTrouble::Pause);
    assert_eq!(by_phase.params(), by_iteration.params());
    assert_eq!(by_phase.phase(), Phase::Ready);
    assert_eq!(by_phase.iteration(), 6);
}

#[test]
fn training_is_deterministic_and_reset_is_exact() {
    let mut a = Trainer::new(start(), settings(1.0));
    assert_eq!(a.advance(500, OnTrouble::Pause), 500);
    let mut b = Trainer::new(start(), settings(1.0));
    for _ in 0..500 {
        b.advance(1, OnTrouble::Pause);
    }
    assert_eq!(a.params(), b.params());
    let end = a.params();
    a.reset();
    assert_eq!(a.advance(500, OnTrouble::Continue), 500);
    assert_eq!(a.params(), end);
    a.reset();
    assert_eq!(
        (a.params(), a.iteration(), a.history().points().len()),
        (start(), 0, 1)
    );
    // The loop by hand, as the lesson writes it.
    let s = settings(1.0);
    let mut p = start();
    for _ in 0..500 {
        p = update(&p, &Model::from(s.cost).mean_gradient(&p, &s.samples), 1.0);
    }
    assert_eq!(p, end);
}

#[test]
fn two_hundred_iterations_lower_the_cost() {
    for cost in Cost::ALL {
        let mut s = settings(1.0);
        s.cost = cost;
        let mut t = Trainer::new(start(), s);
        let before = t.cost();
        t.advance(200, OnTrouble::Pause);
        assert!(t.trouble().is_none(), "{:?}", t.trouble());
        assert!(
            t.cost() < 0.7 * before,
            "{cost:?}: {before} -> {}",
            t.cost()
        );
    }
}

#[test]
fn a_hand_change_starts_a_new_run() {
    let mut t = Trainer::new(start(), settings(1.0));
    t.advance(10, OnTrouble::Pause);
    let p = Params {
        w1: -1.0,
        ..start()
    };
    t.set_params(p);
    assert_eq!(
        (t.start(), t.iteration(), t.history().points().len()),
        (p, 0, 1)
    );
    t.advance(3, OnTrouble::Pause);
    let mut s = settings(0.1);
    s.cost = Cost::CrossEntropy;
    let here = t.params();
    t.set_settings(s.clone());
    assert_eq!((t.start(), t.iteration()), (here, 0));
    assert_eq!(
        t.cost(),
        Model::from(Cost::CrossEntropy).mean_cost(&here, &s.samples)
    );
}

#[test]
fn history_stays_bounded_and_keeps_its_ends() {
    let mut h = History::new(8);
    let p = start();
    for i in 0..=1000u64 {
        h.push(Point {
            iteration: i,
            params: p,
            cost: i as f64,
        });
        assert!(h.points().len() <= 8);
    }
    let its: Vec<u64> = h.points().iter().map(|q| q.iteration).collect();
    assert_eq!(its[0], 0);
    assert!(its.windows(2).all(|w| w[1] - w[0] == h.stride()), "{its:?}");
    assert!(1000 - its.last().unwrap() < h.stride());

    // Here the best w2 lies beyond the sliders' +-8; widen the range so nothing pauses.
    let mut s = settings(0.5);
    s.weight_range = 100.0;
    let mut t = Trainer::new(start(), s);
    t.advance(100_000, OnTrouble::Pause);
    assert!(
        t.trouble().is_none(),
        "{:?} at {}",
        t.trouble(),
        t.iteration()
    );
    assert!(t.history().points().len() <= HISTORY_CAPACITY);
    assert_eq!(t.iteration(), 100_000);
}

#[test]
fn a_huge_learning_rate_pauses_with_a_way_back() {
    let mut s = settings(100.0);
    s.cost = Cost::CrossEntropy;
    let mut t = Trainer::new(start(), s);
    let done = t.advance(1000, OnTrouble::Pause);
    assert!(done < 1000, "training should stop on trouble");
    let trouble = t.trouble().cloned().expect("trouble reported");
    assert!(
        matches!(
            trouble,
            Trouble::LeftRange { .. } | Trouble::Diverging { .. }
        ),
        "{trouble:?}"
    );
    let good = t.last_good_iteration();
    assert!(good < t.iteration());
    t.restore_last_good();
    assert_eq!(t.iteration(), good);
    assert!(t.trouble().is_none());
    assert!(t.params().fields().iter().all(|(_, v)| v.abs() <= 8.0));
    assert!(t.history().points().iter().all(|p| p.iteration <= good));
}

#[test]
fn replay_goes_through_dismissed_trouble_and_lands_where_the_learner_was() {
    let mut s = settings(100.0);
    s.cost = Cost::CrossEntropy;
    // The learner: trains, meets trouble, dismisses it, trains on.
    let mut learner = Trainer::new(start(), s.clone());
    let mut steps = 0;
    while steps < 60 {
        if learner.trouble().is_some() {
            learner.dismiss_trouble();
        }
        assert_eq!(learner.advance(1, OnTrouble::Pause), 1);
        steps += 1;
    }
    let mut replayed = Trainer::new(start(), s);
    replayed.reset();
    assert_eq!(replayed.advance(60, OnTrouble::Continue), 60);
    assert_eq!(replayed.params(), learner.params());
    assert_eq!(replayed.trouble(), learner.trouble());
    assert_eq!(replayed.history().points(), learner.history().points());
}

#[test]
fn a_rising_cost_is_called_diverging() {
    // Weights far from the range limit so only the cost can complain; lr big enough to overshoot.
    let s = Settings {
        weight_range: 1e6,
        ..settings(60.0)
    };
    let mut t = Trainer::new(Params::from_array([0.5, 0.0, 0.5, 0.0]), s);
    t.advance(10_000, OnTrouble::Pause);
    match t.trouble() {
        Some(Trouble::Diverging {
            from_cost, to_cost, ..
        }) => assert!(to_cost > from_cost),
        other => panic!(
            "expected diverging, got {other:?} at iteration {}",
            t.iteration()
        ),
    }
}

#[test]
fn a_step_beyond_the_core_limits_is_refused() {
    let s = Settings {
        weight_range: 1e6,
        cost: Cost::CrossEntropy,
        samples: vec![Sample { x: 1000.0, y: 1.0 }],
        chosen: 0,
        ..settings(1e6)
    };
    // dC/dw1 = delta1 * x ~ 1000: a step of ~1e9 would leave the accepted range.
    let mut t = Trainer::new(Params::from_array([0.0, 0.0, 4.0, 0.0]), s);
    let before = t.params();
    assert_eq!(t.advance(1, OnTrouble::Pause), 0);
    assert_eq!(t.params(), before);
    assert!(
        matches!(t.trouble(), Some(Trouble::Overflow { .. })),
        "{:?}",
        t.trouble()
    );
}

#[test]
fn settings_are_checked() {
    let mut s = settings(0.5);
    s.chosen = 4;
    assert_eq!(
        s.check().unwrap_err().to_string(),
        "settings.chosen must be a sample index from 0 to 3, got 4"
    );
    s.chosen = 0;
    s.learning_rate = f64::NAN;
    assert!(
        s.check()
            .unwrap_err()
            .to_string()
            .starts_with("settings.learningRate")
    );
    s.learning_rate = 0.5;
    s.samples.clear();
    assert!(
        s.check()
            .unwrap_err()
            .to_string()
            .starts_with("settings.samples must hold")
    );
}

#[test]
fn a_chosen_optimizer_drives_the_steps_and_replays_exactly() {
    use backprop_lab::optim::{self, Optimizer};
    for opt in Optimizer::DEFAULTS {
        let mut s = settings(0.05);
        s.optimizer = opt;
        let mut t = Trainer::new(start(), s.clone());
        // By hand: the optimizer's own step on the mean gradient, with its state carried.
        let (mut p, mut state) = (start(), optim::State::default());
        for _ in 0..25 {
            assert_eq!(
                t.next_params(),
                optim::step(
                    &opt,
                    &mut state.clone(),
                    &p,
                    &Model::from(s.cost).mean_gradient(&p, &s.samples),
                    0.05
                )
            );
            p = optim::step(
                &opt,
                &mut state,
                &p,
                &Model::from(s.cost).mean_gradient(&p, &s.samples),
                0.05,
            );
            assert_eq!(t.advance(1, OnTrouble::Pause), 1);
        }
        assert_eq!(t.params(), p, "{}", opt.name());
        let end = t.params();
        t.reset();
        assert_eq!(t.advance(25, OnTrouble::Continue), 25);
        assert_eq!(t.params(), end, "{} replays bit for bit", opt.name());
        // A new run forgets the optimizer's memory: the same steps again from the start.
        t.reset();
        t.advance(25, OnTrouble::Pause);
        assert_eq!(t.params(), end);
    }
}

#[test]
fn going_back_to_a_good_state_restores_the_optimizers_memory_too() {
    use backprop_lab::optim::Optimizer;
    let mut s = settings(3.0);
    s.cost = Cost::CrossEntropy;
    s.optimizer = Optimizer::Momentum { beta: 0.9 };
    let mut t = Trainer::new(start(), s.clone());
    t.advance(500, OnTrouble::Pause);
    assert!(t.trouble().is_some(), "momentum at this rate overshoots");
    t.restore_last_good();
    let back = t.iteration();
    t.advance(3, OnTrouble::Pause);
    // The same three steps from a replay to the good iteration.
    let mut r = Trainer::new(start(), s);
    r.reset();
    r.advance(back, OnTrouble::Continue);
    r.advance(3, OnTrouble::Pause);
    assert_eq!(t.params(), r.params());
}

#[test]
fn the_cost_kept_from_each_step_is_exactly_the_mean_cost_there() {
    // Each step takes its new cost from the gradient it computes for the next step; that must
    // be the same number, bit for bit, as the mean cost, for every kind of network.
    use backprop_lab::Activation;
    for (hidden, output, cost) in [
        (Activation::Sigmoid, Activation::Sigmoid, Cost::Squared),
        (Activation::Sigmoid, Activation::Sigmoid, Cost::CrossEntropy),
        (Activation::Tanh, Activation::Linear, Cost::Squared),
        (Activation::Relu, Activation::Tanh, Cost::Squared),
    ] {
        let s = Settings {
            hidden,
            output,
            cost,
            samples: vec![
                Sample { x: 0.3, y: 0.2 },
                Sample { x: -0.7, y: 0.9 },
                Sample { x: 1.1, y: 0.5 },
            ],
            ..settings(0.7)
        };
        let m = s.model();
        let mut t = Trainer::new(
            Params {
                w1: 1.3,
                b1: -0.2,
                w2: -0.9,
                b2: 0.4,
            },
            s.clone(),
        );
        for _ in 0..200 {
            t.advance(1, OnTrouble::Pause);
            assert_eq!(
                t.cost().to_bits(),
                m.mean_cost(&t.params(), &s.samples).to_bits()
            );
        }
        // And the step taken from a kept gradient is the one a fresh gradient gives.
        let p = t.params();
        let g = m.mean_gradient(&p, &s.samples);
        assert_eq!(t.next_params(), backprop_lab::update(&p, &g, 0.7));
    }
}

/// "A step (8 points)" at η = 50, the learner's case: the cost jumps about, and the banner
/// once quoted a fall as a rise. The rule, read independently from the costs: pause when the
/// cost has risen RISING_LIMIT iterations in a row, or more than doubled in one step; quote
/// the cost where that climb began and where it is now.
#[test]
fn the_divergence_rule_and_the_numbers_it_quotes_agree() {
    use backprop_lab::train::RISING_LIMIT;
    let xs = [0.05, 0.15, 0.25, 0.35, 0.55, 0.65, 0.75, 0.9];
    let mut s = settings(50.0);
    s.samples = xs
        .iter()
        .map(|&x| Sample {
            x,
            y: if x < 0.5 { 0.0 } else { 1.0 },
        })
        .collect();
    s.chosen = 0;
    let mut t = Trainer::new(start(), s);
    let mut costs = vec![t.cost()];
    let mut streak = 0u32;
    let (mut diverging, mut left) = (0, 0);
    for _ in 0..200 {
        if t.trouble().is_some() {
            t.dismiss_trouble();
            streak = 0;
        }
        assert_eq!(t.advance(1, OnTrouble::Pause), 1);
        let (before, after) = (costs[costs.len() - 1], t.cost());
        costs.push(after);
        let rose = after > before * (1.0 + 1e-12);
        streak = if rose { streak + 1 } else { 0 };
        let it = t.iteration();
        let expect = streak >= RISING_LIMIT || (rose && after > 2.0 * before);
        match t.trouble() {
            Some(Trouble::Diverging {
                from_iteration,
                from_cost,
                to_cost,
                rises,
            }) => {
                diverging += 1;
                assert!(expect, "paused at {it} though the rule does not hold");
                assert_eq!(*rises, streak);
                assert_eq!(*from_iteration, it - u64::from(streak));
                assert_eq!(*from_cost, costs[*from_iteration as usize]);
                assert_eq!(*to_cost, after);
                assert!(to_cost > from_cost, "a rise quoted as a fall at {it}");
                let climb = &costs[*from_iteration as usize..];
                assert!(
                    climb.windows(2).all(|w| w[1] > w[0]),
                    "every step of the climb rose"
                );
            }
            Some(Trouble::LeftRange {
                from_cost, to_cost, ..
            }) => {
                left += 1;
                assert_eq!((*from_cost, *to_cost), (before, after));
            }
            other => assert!(!expect, "no pause at {it} ({other:?}) though the cost rose"),
        }
    }
    assert!(
        diverging >= 3,
        "the case must exercise the rule ({diverging})"
    );
    assert!(left >= 1, "and leaving the range ({left})");
}
