//! A session goes to a share link and comes back the same: the run (start, settings,
//! iterations, bit for bit), the race and the screen; bad links and screens are refused with
//! a message naming the part.

use backprop_lab::link::{self, Mode, State};
use backprop_lab::optim::Optimizer;
use backprop_lab::palette::rival_mark;
use backprop_lab::session::{Screen, Session};
use backprop_lab::train::OnTrouble;
use backprop_lab::{Cost, Params, Sample};

const LINK: &str = "v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.05_0,0.35_0,0.55_1,0.9_1&cost=crossEntropy\
    &lr=3&it=40&speed=4&view=3d&yaw=1.1&hide=lr,race&race=momentum_0.9,adam_0.9_0.999_1e-8&lesson=5";

#[test]
fn a_link_reopens_the_same_session() {
    let (s, ignored) = Session::from_link(LINK);
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(s.run().iteration(), 40);
    assert_eq!(s.run().settings().cost, Cost::CrossEntropy);
    assert_eq!(s.race().rivals().len(), 2);
    for r in s.race().rivals() {
        assert_eq!(r.iteration(), 40, "each rival level with the lead");
    }
    assert_eq!(s.screen().view.mode, Mode::Surface3d);
    assert_eq!(s.screen().hide, ["lr", "race"]);
    assert_eq!(s.screen().lesson, Some(5));

    let (again, ignored) = Session::from_link(&s.to_link());
    assert!(ignored.is_empty());
    assert_eq!(again.to_state(), s.to_state());
    assert_eq!(again.run().params(), s.run().params(), "bit for bit");
    assert_eq!(again.run().history().points(), s.run().history().points());
}

#[test]
fn the_state_is_what_the_run_did_not_what_was_asked() {
    // Training further moves the iteration count the link carries; the start stays.
    let (mut s, _) = Session::from_link(LINK);
    let start = s.run().start();
    assert_eq!(s.change_run(|t| t.advance(10, OnTrouble::Continue)), 10);
    let state = s.to_state();
    assert_eq!((state.iterations, state.start), (50, start));
    for r in s.race().rivals() {
        assert_eq!(r.iteration(), 50, "change_run brings the race along");
    }
    // Weights set by hand start a new run there.
    let here = Params {
        w1: 1.0,
        b1: 0.0,
        w2: -1.0,
        b2: 0.25,
    };
    s.change_run(|t| t.set_params(here));
    assert_eq!((s.to_state().iterations, s.to_state().start), (0, here));
}

#[test]
fn a_bad_link_opens_the_default_with_its_parts_listed() {
    let (s, ignored) = Session::from_link("v=1&w1=banana&lr=-2&race=adam_2");
    let keys: Vec<_> = ignored.iter().map(|i| i.key.as_str()).collect();
    assert!(keys.contains(&"w1") && keys.contains(&"lr"), "{keys:?}");
    let want = State::default();
    assert_eq!(s.run().start().w1, want.start.w1);
    assert_eq!(s.run().settings().learning_rate, want.learning_rate);
    // The default session is the default state.
    assert_eq!(Session::default().to_state(), want);
}

#[test]
fn a_screen_a_link_could_not_carry_is_refused_whole() {
    let mut s = Session::default();
    let good = Screen {
        speed: 5,
        lesson: Some(2),
        ..Screen::default()
    };
    s.set_screen(good.clone()).unwrap();
    assert_eq!(s.screen(), &good);
    for bad in [
        Screen {
            lesson: Some(link::LESSON_STEPS + 1),
            ..good.clone()
        },
        Screen {
            hide: vec!["everything".into()],
            ..good.clone()
        },
        Screen {
            speed: 99,
            ..good.clone()
        },
    ] {
        let e = s.set_screen(bad).unwrap_err();
        assert!(!e.problem.is_empty(), "{e}");
        assert_eq!(s.screen(), &good, "a refused screen changes nothing");
    }
}

#[test]
fn open_checks_the_whole_state_and_starts_at_iteration_zero() {
    let mut state = State {
        iterations: 30,
        race: vec![Optimizer::Momentum { beta: 0.9 }],
        ..State::default()
    };
    let s = Session::open(&state).unwrap();
    assert_eq!(s.run().iteration(), 0);
    assert_eq!(s.race().rivals().len(), 1);
    state.samples = vec![Sample { x: 0.5, y: 2.0 }];
    let e = Session::open(&state).unwrap_err();
    assert!(e.field.starts_with("settings.samples"), "{e}");
    state.samples = vec![Sample { x: 0.5, y: 0.5 }];
    state.race = vec![Optimizer::Sgd];
    assert_eq!(Session::open(&state).unwrap_err().field, "race[0]");
}

#[test]
fn the_3d_view_lays_every_path_on_the_surface_it_draws() {
    use backprop_lab::chart::surface3d::lift;
    let (s, _) = Session::from_link(LINK);
    let lifted = lift(&s);
    let t = s.run();
    let model = t.settings().model();
    let here = t.params();
    assert_eq!(lifted.path.len(), t.history().points().len());
    for (point, kept) in lifted.path.iter().zip(t.history().points()) {
        // The height is the surface's: this point's w1 and w2 with today's b1 and b2.
        let q = Params {
            w1: kept.params.w1,
            w2: kept.params.w2,
            ..here
        };
        assert_eq!(
            *point,
            (q.w1, q.w2, model.mean_cost(&q, &t.settings().samples))
        );
    }
    assert_eq!(lifted.current, (here.w1, here.w2, t.cost()));
    assert_eq!(lifted.rivals.len(), 2);
    for (line, rival) in lifted.rivals.iter().zip(s.race().rivals()) {
        assert_eq!(line.line.len(), rival.history().points().len());
        assert_eq!(line.mark, rival_mark(rival.settings().optimizer.name()));
    }
}

/// The quiz is the session's: its exercise from the seed, the answers withheld until checked
/// (then graded and revealed), the learner's run given back when it ends; a quiz link opens
/// the exercise, and its iterations replay from the exercise's start.
#[test]
fn a_quiz_is_the_sessions_own_and_gives_the_run_back() {
    let (mut s, _) = Session::from_link(LINK);
    let before = s.run().clone();
    s.start_quiz(7, true);
    assert!(s.quiz_hidden());
    assert_eq!(s.screen().quiz, Some(7));
    assert_eq!(s.run().iteration(), 0);
    assert_eq!(s.race().rivals().len(), 2, "the race follows the exercise");
    // A new exercise during the quiz still gives back the learner's run, not the first exercise.
    s.start_quiz(8, true);
    let checked = s.check_quiz([None; 4]).unwrap();
    assert_eq!(checked.len(), 4);
    assert!(!s.quiz_hidden(), "checked: revealed");
    // The screen cannot say another quiz than the session's.
    let mut screen = s.screen().clone();
    screen.quiz = Some(99);
    s.set_screen(screen).unwrap();
    assert_eq!(s.screen().quiz, Some(8));
    let link = s.to_link();
    s.stop_quiz();
    assert_eq!(s.screen().quiz, None);
    assert_eq!(s.run().params(), before.params());
    assert_eq!(s.run().iteration(), before.iteration());
    assert_eq!(s.run().history().points(), before.history().points());
    assert!(s.check_quiz([None; 4]).is_none());

    // The quiz's link opens the exercise, hidden again; played iterations replay from it.
    let (mut q, ignored) = Session::from_link(&link);
    assert!(ignored.is_empty(), "{ignored:?}");
    assert!(q.quiz_hidden());
    let exercise = q.run().params();
    q.check_quiz([None; 4]);
    q.change_run(|t| t.advance(5, OnTrouble::Continue));
    let (again, _) = Session::from_link(&q.to_link());
    assert_eq!(again.run().start(), exercise);
    assert_eq!(again.run().params(), q.run().params());
    assert_eq!(again.run().iteration(), 5);
    // A link's quiz gives nothing back: ending it leaves the exercise.
    let mut q = again;
    q.stop_quiz();
    assert_eq!(q.run().start(), exercise);
}

/// During a quiz the exercise stays the run's: a new learning rate or optimizer (the page
/// leaves those free) starts again from the exercise's weights with its sample and cost, and
/// weights set by hand are refused, so the quiz's link always reopens what is shown (found by
/// the consistency oracle: stepping, then changing the optimizer, moved the start off the
/// exercise, and the link reopened the exercise instead).
#[test]
fn a_quiz_keeps_its_exercise_through_new_settings() {
    let (mut s, _) = Session::from_link(LINK);
    s.start_quiz(675_815_656, true);
    let exercise = s.run().start();
    let settings = s.run().settings().clone();
    s.check_quiz([None; 4]);
    s.change_run(|t| t.advance(3, OnTrouble::Continue));
    assert_ne!(s.run().params(), exercise, "the learner trained on");

    let mut next = settings.clone();
    next.learning_rate = 0.1;
    next.optimizer = Optimizer::named("rmsprop").unwrap();
    next.samples = vec![Sample { x: 0.5, y: 0.5 }];
    next.cost = Cost::Squared;
    s.set_settings(next);
    assert_eq!(
        s.run().start(),
        exercise,
        "from the exercise's weights again"
    );
    assert_eq!(s.run().iteration(), 0);
    assert_eq!(
        s.run().settings().samples,
        settings.samples,
        "its sample kept"
    );
    assert_eq!(s.run().settings().cost, settings.cost, "its cost kept");
    assert_eq!(s.run().settings().learning_rate, 0.1);
    assert_eq!(s.run().settings().optimizer.name(), "rmsprop");
    s.change_run(|t| t.advance(2, OnTrouble::Continue));

    let err = s
        .set_params(Params {
            w1: 1.0,
            b1: 0.0,
            w2: 1.0,
            b2: 0.0,
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "params are the exercise's during a quiz: leave the quiz to change them"
    );

    // The link reopens exactly this: the exercise, the new settings, the iterations.
    let (again, ignored) = Session::from_link(&s.to_link());
    assert!(ignored.is_empty(), "{ignored:?}");
    assert_eq!(again.run().start(), exercise);
    assert_eq!(again.run().params(), s.run().params());
    assert_eq!(again.run().iteration(), 2);
    assert_eq!(again.run().settings(), s.run().settings());

    // Out of the quiz, weights are the learner's again.
    s.stop_quiz();
    s.set_params(Params {
        w1: 1.0,
        b1: 0.0,
        w2: 1.0,
        b2: 0.0,
    })
    .unwrap();
}
