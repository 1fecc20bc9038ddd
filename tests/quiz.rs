//! Quiz exercises are reproducible from their seed, varied, well-posed, and graded at 1%.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::quiz::{exercise, grade};
use backprop_lab::{Cost, Model, check};

#[test]
fn the_same_seed_gives_the_same_exercise_and_seeds_differ() {
    assert_eq!(exercise(42), exercise(42));
    let all: Vec<_> = (0..200u64).map(exercise).collect();
    let distinct: std::collections::HashSet<String> =
        all.iter().map(|e| format!("{e:?}")).collect();
    assert!(distinct.len() > 190, "{} distinct of 200", distinct.len());
    assert!(
        all.iter().any(|e| e.2 == Cost::Squared) && all.iter().any(|e| e.2 == Cost::CrossEntropy)
    );
}

#[test]
fn exercises_are_easy_to_read_and_their_gradients_are_not_trivial() {
    for seed in 0..2000u64 {
        let (p, s, cost) = exercise(seed);
        assert!(check::params(&p, "p").is_ok() && check::sample(&s, "s").is_ok());
        for v in p.to_array() {
            assert!(
                v.abs() <= 3.0 && format!("{v}").len() <= 5,
                "{v} reads badly (seed {seed})"
            );
        }
        assert!(p.w1.abs() >= 0.2 && p.w2.abs() >= 0.2);
        assert!((0.1..=1.0).contains(&s.x) && (0.0..=1.0).contains(&s.y));
        let b = Model::from(cost).pass(&p, s).1;
        assert!(b.delta1.is_finite() && b.d_c_d_w1.is_finite());
    }
}

#[test]
fn grading_accepts_one_percent() {
    assert!(grade(0.1009, 0.1));
    assert!(!grade(0.1011, 0.1));
    assert!(grade(-0.0199, -0.02));
    assert!(!grade(0.02, -0.02), "the sign matters");
    assert!(grade(0.0, 1e-7), "near zero, 1e-6 absolute");
    assert!(!grade(f64::NAN, 0.0));
}

#[test]
fn an_exercise_on_a_non_sigmoid_output_uses_squared_error() {
    use backprop_lab::Activation;
    use backprop_lab::quiz::exercise_for;
    // Find seeds whose exercise is cross-entropy, and one that is squared.
    let ce = (0..100)
        .find(|&s| exercise(s).2 == Cost::CrossEntropy)
        .unwrap();
    let sq = (0..100).find(|&s| exercise(s).2 == Cost::Squared).unwrap();
    assert_eq!(exercise_for(ce, Activation::Sigmoid), exercise(ce));
    for output in [Activation::Tanh, Activation::Relu, Activation::Linear] {
        let (p, s, cost) = exercise_for(ce, output);
        assert_eq!(
            (p, s),
            (exercise(ce).0, exercise(ce).1),
            "same weights and sample"
        );
        assert_eq!(cost, Cost::Squared);
        assert_eq!(exercise_for(sq, output), exercise(sq));
    }
}

/// The usual slips each get the hint that names their factor; right answers get none.
#[test]
fn a_wrong_answer_says_which_factor_to_recheck() {
    use backprop_lab::quiz::check_answers;
    for seed in 0..300u64 {
        let (p, s, cost) = exercise(seed);
        let (f, b) = Model::from(cost).pass(&p, s);
        let hint = |answers: [Option<f64>; 4], k: usize| {
            check_answers(&b, &f, s.x, answers)[k]
                .hint
                .clone()
                .unwrap_or_default()
        };
        let all_right = check_answers(
            &b,
            &f,
            s.x,
            [
                Some(b.delta2),
                Some(b.delta1),
                Some(b.d_c_d_w2),
                Some(b.d_c_d_w1),
            ],
        );
        assert!(
            all_right.iter().all(|c| c.right && c.hint.is_none()),
            "seed {seed}"
        );
        // The truths are the pass's, whatever is typed.
        assert_eq!(all_right[3].truth, b.d_c_d_w1);
        // Slips that are not by chance also another factor's value (seed by seed they may be).
        let distinct = |a: f64, b: f64| !grade(a, b) && !grade(b, a);
        let d2 = Some(b.delta2);
        let d1 = Some(b.delta1);
        if distinct(b.d_c_d_y_hat, b.delta2) {
            assert!(
                hint([Some(b.d_c_d_y_hat), None, None, None], 0).contains("multiply by σ′(z₂)")
            );
        }
        if distinct(b.delta2 * b.d_a1_d_z1, b.delta1) {
            let forgot_w2 = Some(b.delta2 * b.d_a1_d_z1);
            assert!(hint([d2, forgot_w2, None, None], 1).contains("Did you multiply by w₂?"));
        }
        if distinct(b.delta2, b.d_c_d_w2) && distinct(b.delta2 * 1.3, b.d_c_d_w2) {
            assert!(hint([d2, d1, Some(b.delta2), None], 2).contains("That is δ₂"));
            assert_eq!(
                hint([d2, d1, Some(b.delta2 * 1.3), None], 2),
                "δ₂ is right, but ∂C/∂w₂ is off: did you multiply by a₁?"
            );
        }
        if distinct(b.delta1 * 1.3, b.d_c_d_w1) && distinct(b.delta1, b.d_c_d_w1) {
            assert_eq!(
                hint([d2, d1, None, Some(b.delta1 * 1.3)], 3),
                "δ₁ is right, but ∂C/∂w₁ is off: did you multiply by x?"
            );
        }
        if b.delta2.abs() > 1e-6 {
            assert!(hint([Some(-b.delta2), None, None, None], 0).contains("sign"));
        }
        // Nothing typed: wrong, and no hint to read.
        let none = check_answers(&b, &f, s.x, [None; 4]);
        assert!(none.iter().all(|c| !c.right && c.hint.is_none()));
    }
}
