//! The race: rivals start where the lead starts, with its settings and their own optimizer,
//! stay at its iteration through every kind of change, go on through trouble (as a replayed
//! link does), and a race reopened from its link is the race that was on screen.

use backprop_lab::net::{Params, Sample};
use backprop_lab::optim::Optimizer;
use backprop_lab::race::{self, MAX_RIVALS, Race};
use backprop_lab::train::{OnTrouble, Phase, Settings, Trainer};
use backprop_lab::{Activation, Cost};

mod common;

fn settings(lr: f64) -> Settings {
    Settings {
        samples: vec![Sample { x: 0.8, y: 0.1 }, Sample { x: -0.3, y: 0.9 }],
        cost: Cost::Squared,
        learning_rate: lr,
        chosen: 0,
        weight_range: 8.0,
        optimizer: Optimizer::Sgd,
        hidden: Activation::Sigmoid,
        output: Activation::Sigmoid,
    }
}

const START: Params = common::LECTURE;

fn rivals() -> Vec<Optimizer> {
    vec![
        Optimizer::Momentum { beta: 0.9 },
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
        Optimizer::RmsProp {
            rho: 0.9,
            eps: 1e-8,
        },
    ]
}

/// A run of its own with `optimizer`, `n` iterations: what each rival must equal.
fn alone(start: Params, s: &Settings, optimizer: Optimizer, n: u64) -> Trainer {
    let mut t = Trainer::new(
        start,
        Settings {
            optimizer,
            ..s.clone()
        },
    );
    t.reset();
    t.advance(n, OnTrouble::Continue);
    t
}

fn assert_level(race: &Race, lead: &Trainer) {
    assert_eq!(race.rivals().len(), race.optimizers().len());
    for r in race.rivals() {
        let o = r.settings().optimizer;
        let want = alone(lead.start(), lead.settings(), o, lead.iteration());
        assert_eq!(r.iteration(), lead.iteration(), "{o:?}");
        assert_eq!(
            r.params(),
            want.params(),
            "{o:?} is where it would be alone"
        );
        assert_eq!(r.cost(), want.cost());
        assert_eq!(r.history().points(), want.history().points());
        assert_eq!(r.start(), lead.start());
    }
}

#[test]
fn rivals_start_with_the_lead_and_keep_level_through_every_change() {
    let mut lead = Trainer::new(START, settings(1.0));
    lead.advance(7, OnTrouble::Pause);
    let mut race = Race::default();
    // Joining late: rivals catch up to the lead's iteration at once.
    race.set(&rivals(), &lead);
    assert_eq!(race.optimizers(), rivals());
    assert_level(&race, &lead);
    // Running, stepping phases, resetting, new weights, new settings, activations, data.
    lead.advance(40, OnTrouble::Pause);
    race.follow(&lead);
    assert_level(&race, &lead);
    for expected in [Phase::Forward, Phase::Backward] {
        assert_eq!(lead.step_phase(), expected);
        race.follow(&lead);
        assert_eq!(
            race.rivals()[0].iteration(),
            47,
            "no rival moves mid-iteration"
        );
    }
    assert_eq!(lead.step_phase(), Phase::Update);
    race.follow(&lead);
    assert_level(&race, &lead);
    lead.reset();
    race.follow(&lead);
    assert_level(&race, &lead);
    assert_eq!(race.rivals()[1].iteration(), 0);
    lead.advance(10, OnTrouble::Pause);
    lead.set_params(Params { w1: -1.0, ..START });
    race.follow(&lead);
    assert_level(&race, &lead);
    lead.advance(5, OnTrouble::Pause);
    lead.set_settings(Settings {
        hidden: Activation::Tanh,
        learning_rate: 0.5,
        ..settings(1.0)
    });
    race.follow(&lead);
    assert_level(&race, &lead);
    assert_eq!(race.rivals()[2].settings().hidden, Activation::Tanh);
    assert_eq!(race.rivals()[2].settings().learning_rate, 0.5);
    lead.advance(25, OnTrouble::Pause);
    race.follow(&lead);
    assert_level(&race, &lead);
    // The lead's own optimizer never leaks into a rival, and the race can end.
    lead.set_settings(Settings {
        optimizer: Optimizer::Nesterov { beta: 0.5 },
        ..lead.settings().clone()
    });
    race.follow(&lead);
    assert_eq!(race.optimizers(), rivals());
    race.set(&[], &lead);
    assert!(race.rivals().is_empty());
}

#[test]
fn rivals_race_through_trouble_and_a_reopened_race_is_the_same() {
    // lr 60 makes plain descent and momentum diverge: the lead pauses, the rivals do not.
    let s = settings(60.0);
    let mut lead = Trainer::new(START, s.clone());
    let mut race = Race::default();
    race.set(&rivals(), &lead);
    let mut total = 0;
    for _ in 0..30 {
        total += lead.advance(10, OnTrouble::Pause);
        if lead.trouble().is_some() {
            lead.dismiss_trouble();
        }
        race.follow(&lead);
    }
    assert!(total > 100);
    assert_level(&race, &lead);
    // Reopened from a link: replay the lead, set the same race.
    let mut again = Trainer::new(START, s);
    again.reset();
    again.advance(lead.iteration(), OnTrouble::Continue);
    let mut race2 = Race::default();
    race2.set(&race.optimizers(), &again);
    for (a, b) in race.rivals().iter().zip(race2.rivals()) {
        assert_eq!(a.params(), b.params());
        assert_eq!(a.history().points(), b.history().points());
    }
    // The lead going back to its last good state takes the rivals back with it.
    lead.advance(3, OnTrouble::Pause);
    lead.restore_last_good();
    race.follow(&lead);
    assert_level(&race, &lead);
}

#[test]
fn a_rival_whose_step_would_overflow_stops_there() {
    // A huge learning rate: Momentum's steps grow until one would pass 1e6.
    let s = Settings {
        learning_rate: 2e5,
        ..settings(1.0)
    };
    let mut lead = Trainer::new(START, s);
    let mut race = Race::default();
    race.set(&[Optimizer::Momentum { beta: 0.999 }], &lead);
    for _ in 0..200 {
        lead.advance(1, OnTrouble::Pause);
        lead.dismiss_trouble();
        race.follow(&lead);
    }
    let r = &race.rivals()[0];
    assert!(r.stuck(), "momentum at lr 2e5 is refused a step");
    assert!(r.iteration() < lead.iteration());
    assert!(r.params().to_array().iter().all(|v| v.is_finite()));
    let stopped = r.iteration();
    lead.advance(5, OnTrouble::Pause);
    race.follow(&lead);
    assert_eq!(
        race.rivals()[0].iteration(),
        stopped,
        "it stays where it stopped"
    );
}

#[test]
fn a_race_is_checked() {
    let sgd = Optimizer::Sgd;
    race::check(&rivals(), &sgd, "race").unwrap();
    race::check(&[], &sgd, "race").unwrap();
    let five = Optimizer::DEFAULTS.to_vec();
    assert_eq!(five.len(), MAX_RIVALS + 1);
    let e = race::check(&five, &sgd, "race").unwrap_err();
    assert_eq!(e.to_string(), "race may hold at most 4 rivals, got 5");
    let e = race::check(
        &[
            Optimizer::Adam {
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
            },
            Optimizer::Momentum { beta: 0.5 },
            Optimizer::Momentum { beta: 0.9 },
        ],
        &sgd,
        "race",
    )
    .unwrap_err();
    assert_eq!(e.field, "race[2]");
    assert!(e.problem.contains("momentum is already racing"), "{e}");
    let e = race::check(&[Optimizer::Momentum { beta: 1.5 }], &sgd, "race").unwrap_err();
    assert!(e.field.starts_with("race[0]"), "{e}");
    // The lead's own kind races already, whatever its hyper-parameters.
    let e = race::check(&rivals(), &Optimizer::Momentum { beta: 0.5 }, "race").unwrap_err();
    assert_eq!(e.field, "race[0]");
    assert!(
        e.problem.contains("momentum is the lead's optimizer"),
        "{e}"
    );
}

#[test]
fn a_rival_of_the_leads_new_kind_leaves_and_changing_one_rival_keeps_the_others() {
    let mut lead = Trainer::new(START, settings(1.0));
    let mut race = Race::default();
    race.set(&rivals(), &lead);
    lead.advance(30, OnTrouble::Pause);
    race.follow(&lead);
    let momentum_before = race.rivals()[0].clone();
    // New Adam hyper-parameters: only Adam runs again; momentum's run is the same object's.
    let mut changed = rivals();
    changed[1] = Optimizer::Adam {
        beta1: 0.5,
        beta2: 0.99,
        eps: 1e-6,
    };
    race.set(&changed, &lead);
    assert_level(&race, &lead);
    assert_eq!(
        race.rivals()[0].history().points(),
        momentum_before.history().points()
    );
    // The lead becomes Adam: the Adam rival leaves (the lead is the race's Adam now).
    lead.set_settings(Settings {
        optimizer: changed[1],
        ..lead.settings().clone()
    });
    race.follow(&lead);
    assert_eq!(
        race.optimizers(),
        vec![changed[0], changed[2]],
        "momentum and RMSProp race on"
    );
    assert_level(&race, &lead);
}

#[test]
fn back_to_the_last_good_state_rewinds_rivals_exactly_as_a_replay() {
    // lr 60: the lead diverges and pauses; going back rewinds every rival with it.
    let mut lead = Trainer::new(START, settings(60.0));
    let mut race = Race::default();
    race.set(&rivals(), &lead);
    for _ in 0..50 {
        lead.advance(1, OnTrouble::Pause);
        race.follow(&lead);
        if lead.trouble().is_some() {
            break;
        }
    }
    assert!(lead.trouble().is_some(), "the lead paused");
    let good = lead.last_good_iteration();
    assert!(good < lead.iteration());
    lead.restore_last_good();
    race.follow(&lead);
    assert_eq!(lead.iteration(), good);
    assert_level(&race, &lead);
}
