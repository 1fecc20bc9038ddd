//! Each picture in words says the numbers the picture draws: the loss curve's start, end and
//! lowest point from the history; the slope plots' cost and tangent at the pass's weights (the
//! tangent only when the view shows the gradient); the map's marker, step and path. A quiz's
//! hidden numbers are in none of it.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::format;
use backprop_lab::pictures::{
    Pictures, ROWS, Range, TONE_HZ, TONE_SECONDS, TONE_START_HZ, TONE_STEPS, loss_tone,
};
use backprop_lab::session::Session;
use backprop_lab::train::{OnTrouble, Settings, WEIGHT_RANGE};
use backprop_lab::view::View;
use backprop_lab::{Cost, Params, Sample};

mod common;

const P: Params = common::LECTURE;

const RANGE: Range = Range {
    w1: (-8.0, 8.0),
    w2: (-8.0, 8.0),
};

fn session(samples: Vec<Sample>) -> Session {
    Session::new(P, common::settings(samples))
}

#[test]
fn the_loss_curve_says_where_it_started_where_it_is_and_its_lowest() {
    let mut s = session(vec![Sample { x: 0.8, y: 0.1 }]);
    let p = Pictures::of(&s, RANGE);
    assert!(
        p.loss.said.starts_with("Loss curve: no training yet."),
        "{}",
        p.loss.said
    );
    assert!(p.loss.said.contains(&format::plain(s.run().cost())));

    s.change_run(|t| t.advance(50, OnTrouble::Pause));
    let p = Pictures::of(&s, RANGE);
    let points = s.run().history().points();
    let (first, last) = (points[0], points[points.len() - 1]);
    let want = format!(
        "Loss curve: the cost over 50 iterations, from {} at iteration 0 to {} now; falling",
        format::plain(first.cost),
        format::plain(last.cost)
    );
    assert!(p.loss.said.starts_with(&want), "{}\n{want}", p.loss.said);
    assert!(p.loss.said.ends_with(&format!(
        "Lowest so far: {} at iteration 50.",
        format::plain(last.cost)
    )));
    assert_eq!(p.loss.head, ["iteration", "cost"]);
    assert_eq!(p.loss.rows.len(), ROWS);
    assert_eq!(p.loss.rows[0], ["0", &format::plain(first.cost)]);
    assert_eq!(p.loss.rows[ROWS - 1], ["50", &format::plain(last.cost)]);
}

#[test]
fn a_slope_plot_says_its_cost_and_tangent_at_the_pass_it_draws() {
    let data = vec![Sample { x: 0.8, y: 0.1 }, Sample { x: 0.2, y: 0.9 }];
    let mut s = session(data.clone());
    let model = s.run().settings().model();
    let v = View::of(&s);
    let p = Pictures::of(&s, RANGE);
    let g = v.value("mean.dCdW2").unwrap();
    assert!(p.w2.said.starts_with(
        "Slope plot: the mean cost as w₂ varies from −8.000 to 8.000, the others held (w₁ = 2.000, b₁ = −0.5000, b₂ = 0.5000)."
    ), "{}", p.w2.said);
    assert!(p.w2.said.contains(&format!(
        "At w₂ = 1.500 it is {}. The tangent's slope there is ∂C/∂w₂ = {}",
        format::plain(model.mean_cost(&P, &data)),
        format::signed(g)
    )));
    assert_eq!(p.w2.rows.len(), ROWS);
    assert_eq!(p.w2.rows[0][0], "−8.000");

    // After the forward phase the tangent is not there yet, and not said.
    s.change_run(|t| t.step_phase());
    let p = Pictures::of(&s, RANGE);
    assert!(
        p.w1.said
            .contains("The tangent comes with the backward pass.")
    );
    assert!(!p.w1.said.contains("∂C/∂w₁ ="));

    // After the update, the plot (and its words) are at the weights before the step.
    s.change_run(|t| {
        t.step_phase();
        t.step_phase();
    });
    let p = Pictures::of(&s, RANGE);
    assert!(
        p.w2.said
            .contains("at the weights before this step. At w₂ = 1.500"),
        "{}",
        p.w2.said
    );
}

#[test]
fn the_map_says_its_marker_step_and_path() {
    let mut s = session(vec![Sample { x: 0.8, y: 0.1 }]);
    let v = View::of(&s);
    let p = Pictures::of(&s, RANGE);
    assert!(p.map.said.contains(&format!(
        "The marker (a ring) is at w₁ = 2.000, w₂ = 1.500, where the cost is {}.",
        format::plain(s.run().cost())
    )));
    assert!(p.map.said.contains(&format!(
        "The next step (the arrow) moves w₁ by {} and w₂ by {}.",
        v.get("step.w1").unwrap().num.text,
        v.get("step.w2").unwrap().num.text
    )));
    assert!(!p.map.said.contains("The path"));
    s.change_run(|t| t.advance(10, OnTrouble::Pause));
    let p = Pictures::of(&s, RANGE);
    assert!(
        p.map
            .said
            .contains("The path (a line) runs from the start, w₁ = 2.000, w₂ = 1.500")
    );
    assert_eq!(p.map.rows.len(), ROWS);
    assert_eq!(p.map.head, ["iteration", "w₁", "w₂", "C"]);
}

#[test]
fn a_quiz_hides_its_answers_from_the_pictures_words() {
    for seed in 0..100 {
        let mut s = session(vec![Sample { x: 0.8, y: 0.1 }]);
        s.start_quiz(seed, false);
        let open = View::of_run(s.run(), false);
        let p = Pictures::of(&s, RANGE);
        let text = [&p.w1.said, &p.w2.said, &p.map.said, &p.loss.said]
            .map(|t| t.as_str())
            .join("\n");
        assert!(text.contains("hidden until you check your answers"));
        for key in ["mean.dCdW1", "mean.dCdW2", "step.w1", "step.w2"] {
            let digits = format::plain(open.value(key).unwrap().abs());
            assert!(
                !text.contains(&digits),
                "seed {seed}: {key} ({digits}) in {text}"
            );
        }
    }
}

#[test]
fn the_loss_tone_starts_at_a4_and_falls_an_octave_for_each_tenfold_fall_of_the_cost() {
    let mut s = session(vec![Sample { x: 0.8, y: 0.1 }]);
    // Before training: one steady pitch.
    let t = loss_tone(&s);
    assert_eq!(t.hz, vec![TONE_START_HZ; TONE_STEPS]);
    assert_eq!(t.seconds, TONE_SECONDS);

    s.change_run(|t| t.advance(200, OnTrouble::Pause));
    let t = loss_tone(&s);
    let points = s.run().history().points();
    let (first, last) = (points[0].cost, points[points.len() - 1].cost);
    assert!(
        last < first / 10.0,
        "the run fell more than tenfold: {first} -> {last}"
    );
    assert_eq!(t.hz.len(), TONE_STEPS);
    assert_eq!(t.hz[0], TONE_START_HZ);
    let want = (TONE_START_HZ * (last / first).log10().exp2()).max(TONE_HZ.0);
    assert!(
        (t.hz[TONE_STEPS - 1] - want).abs() < 1e-9,
        "{} vs {want}",
        t.hz[TONE_STEPS - 1]
    );
    // This run's cost only falls, so the tone only falls.
    assert!(t.hz.windows(2).all(|w| w[1] <= w[0]), "{:?}", t.hz);
}

#[test]
fn a_diverging_run_sounds_rising_and_stays_in_the_range() {
    let mut s = Session::new(
        P,
        Settings {
            samples: vec![Sample { x: 0.8, y: 0.1 }, Sample { x: -0.5, y: 0.9 }],
            cost: Cost::CrossEntropy,
            learning_rate: 500.0,
            chosen: 0,
            weight_range: WEIGHT_RANGE,
            optimizer: Default::default(),
            hidden: Default::default(),
            output: Default::default(),
        },
    );
    s.change_run(|t| t.advance(40, OnTrouble::Continue));
    let t = loss_tone(&s);
    assert!(
        t.hz.iter().all(|&f| (TONE_HZ.0..=TONE_HZ.1).contains(&f)),
        "{:?}",
        t.hz
    );
    assert!(
        t.hz.iter().any(|&f| f > TONE_START_HZ),
        "the cost rose above where it started, and so did the tone: {:?}",
        t.hz
    );
}

#[test]
fn a_race_is_in_the_words_each_rival_by_name_mark_place_and_cost() {
    use backprop_lab::optim::Optimizer;
    let mut s = session(vec![Sample { x: 0.8, y: 0.1 }]);
    let p = Pictures::of(&s, RANGE);
    assert!(!p.map.said.contains("Racing"), "{}", p.map.said);
    s.set_race(&[
        Optimizer::Momentum { beta: 0.9 },
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
        },
    ])
    .unwrap();
    s.change_run(|t| t.advance(10, OnTrouble::Pause));
    let p = Pictures::of(&s, RANGE);
    let rivals = s.race().rivals();
    let (m, a) = (&rivals[0], &rivals[1]);
    let want = format!(
        " Racing it: momentum (a square) at w₁ = {}, w₂ = {}, cost {}; Adam (a plus) at w₁ = {}, w₂ = {}, cost {}.",
        format::plain(m.params().w1),
        format::plain(m.params().w2),
        format::plain(m.cost()),
        format::plain(a.params().w1),
        format::plain(a.params().w2),
        format::plain(a.cost())
    );
    assert!(p.map.said.ends_with(&want), "{}\n{want}", p.map.said);
    assert!(
        p.loss.said.ends_with(&format!(
            " Racing it: momentum (marked with squares) now at {}; Adam (marked with plus signs) now at {}.",
            format::plain(m.cost()),
            format::plain(a.cost())
        )),
        "{}",
        p.loss.said
    );
}
