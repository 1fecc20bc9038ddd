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
