//! The worksheet: the same exercises as the quiz links, answers worked as the page works them.

use backprop_lab::activation::Activation;
use backprop_lab::cost::Cost;
use backprop_lab::format;
use backprop_lab::link::{self, MAX_SEED, State};
use backprop_lab::narration::Words;
use backprop_lab::net::Model;
use backprop_lab::quiz;
use backprop_lab::session::Session;
use backprop_lab::view::{Status, View};
use backprop_lab::worksheet::{MAX_EXERCISES, worksheet};

#[test]
fn each_exercise_is_its_quiz_link_and_the_key_is_the_core_s_arithmetic() {
    let sheet = worksheet(&State::default(), 7, 4).unwrap();
    assert_eq!(
        sheet.iter().map(|e| e.seed).collect::<Vec<_>>(),
        [7, 8, 9, 10]
    );
    for e in &sheet {
        let (p, s, cost) = quiz::exercise_for(e.seed, Activation::Sigmoid);
        // Given as typed, with a true minus.
        let typed = |v: f64| format!("{v}").replace('-', "−");
        let names = ["w₁", "b₁", "w₂", "b₂", "x", "y"];
        let values = [p.w1, p.b1, p.w2, p.b2, s.x, s.y];
        let want: Vec<[String; 2]> = (names.iter().zip(values))
            .map(|(k, v)| [k.to_string(), typed(v)])
            .collect();
        assert_eq!(e.given, want, "seed {}", e.seed);
        assert_eq!(
            e.cost,
            if cost == Cost::Squared {
                "½(ŷ − y)²"
            } else {
                "−[y ln ŷ + (1 − y) ln(1 − ŷ)]"
            }
        );
        assert_eq!((e.hidden.as_str(), e.output.as_str()), ("σ", "σ"));
        // The link opens this very exercise as a quiz, on the page's numbers.
        let (state, ignored) = link::decode(&e.link);
        assert!(ignored.is_empty(), "{ignored:?}");
        assert_eq!(state.quiz, Some(e.seed));
        let opened = Session::from_state(&state).unwrap();
        assert_eq!(opened.run().params(), p);
        // The answers are the backward pass's, written by the page's formatter.
        let model = Model {
            hidden: Activation::Sigmoid,
            output: Activation::Sigmoid,
            cost,
        };
        let (_, b) = model.pass(&p, s);
        let want = [b.delta2, b.delta1, b.d_c_d_w2, b.d_c_d_w1].map(format::signed);
        assert_eq!(e.asked, ["δ₂", "δ₁", "∂C/∂w₂", "∂C/∂w₁"]);
        for (k, [sym, text]) in e.answers.iter().enumerate() {
            assert_eq!((sym, text), (&e.asked[k], &want[k]), "seed {}", e.seed);
            // Each answer is worked in the key, and none is given away on the sheet.
            let bare = text.trim_start_matches('+');
            assert!(
                e.worked.iter().any(|l| l.contains(&format!("= {bare}"))),
                "{text} in {:?}",
                e.worked
            );
        }
        assert!(e.forward.starts_with("z₁ = w₁x + b₁ = "), "{}", e.forward);
        // The sheet shows what the quiz's page shows, written from the quiz's own view, in
        // which the answers are withheld: they cannot be on it.
        let view = View::of(&opened);
        assert_eq!(view.get("delta2").unwrap().status, Status::Withheld);
        assert_eq!(e.forward, Words::of(&view, opened.run().settings()).forward);
    }
}

#[test]
fn the_teachers_network_and_hidden_controls_travel_to_every_exercise() {
    let base = State {
        hidden: Activation::Tanh,
        hide: vec!["weights".to_string(), "share".to_string()],
        ..State::default()
    };
    let sheet = worksheet(&base, 100, 2).unwrap();
    for e in &sheet {
        assert_eq!(e.hidden, "tanh");
        let (state, _) = link::decode(&e.link);
        assert_eq!(state.hidden, Activation::Tanh);
        assert_eq!(state.hide, base.hide);
        assert!(
            e.worked.iter().any(|l| l.contains("tanh′(z₁)")),
            "{:?}",
            e.worked
        );
    }
}

#[test]
fn bad_counts_and_seeds_are_refused_with_a_reason() {
    let s = State::default();
    for n in [0, MAX_EXERCISES + 1] {
        let e = worksheet(&s, 1, n).unwrap_err().to_string();
        assert!(e.contains(&format!("from 1 to {MAX_EXERCISES}")), "{e}");
    }
    assert!(worksheet(&s, MAX_SEED, 1).is_ok());
    let e = worksheet(&s, MAX_SEED, 2).unwrap_err().to_string();
    assert!(e.starts_with("seed"), "{e}");
    assert!(worksheet(&s, u64::MAX, 2).is_err());
    // A link whose seed a page could not hold exactly is not opened as that quiz.
    let (state, ignored) = link::decode(&format!("quiz={}", MAX_SEED + 1));
    assert_eq!(state.quiz, None);
    assert_eq!(ignored.len(), 1);
}
