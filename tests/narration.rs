//! The chain rule in words quotes only what the view shows: every number in a sentence is a
//! known number of the same view (or 1 − ŷ, 1 − y and η, worked out from it), nothing pending
//! is quoted after the forward phase, nothing a quiz withholds is quoted at all, and after the
//! update the words say which weights they are at.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::format;
use backprop_lab::narration::{QUIZ_LINE, Words};
use backprop_lab::optim::Optimizer;
use backprop_lab::session::Session;
use backprop_lab::train::{Phase, Settings, WEIGHT_RANGE};
use backprop_lab::view::{Status, View};
use backprop_lab::{Activation, Cost, Params, Sample};

mod common;

const P: Params = common::LECTURE;

fn settings(
    samples: Vec<Sample>,
    cost: Cost,
    g: (Activation, Activation),
    o: Optimizer,
) -> Settings {
    Settings {
        samples,
        cost,
        learning_rate: 0.5,
        chosen: 0,
        weight_range: WEIGHT_RANGE,
        optimizer: o,
        hidden: g.0,
        output: g.1,
    }
}

/// Every sentence of `w`, one after another.
fn all_text(w: &Words) -> Vec<String> {
    let mut out = vec![w.forward.clone(), w.sample.clone(), w.scope.clone()];
    out.extend(w.arithmetic.iter().cloned());
    out.extend(w.story.iter().cloned());
    for r in &w.rules {
        out.push(r.short.clone());
        out.extend(r.full.clone());
    }
    out
}

/// The written numbers in `text` that have a decimal point or a power of ten ("0.7355",
/// "−2.500", "1.256 × 10⁻⁷"): whole numbers are counts and labels ("point 2 of 8", "½").
fn numbers_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if chars[i] == format::MINUS && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if !chars[i].is_ascii_digit() || (start > 0 && chars[start - 1].is_ascii_alphanumeric()) {
            i = start + 1;
            continue;
        }
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let mut token: String = chars[start..i].iter().collect();
        let rest: String = chars[i..].iter().take(6).collect();
        if rest.starts_with(" × 10") {
            let mut j = i + 5;
            while j < chars.len() && "⁻⁰¹²³⁴⁵⁶⁷⁸⁹".contains(chars[j]) {
                j += 1;
            }
            token = chars[start..j].iter().collect();
            i = j;
        }
        if token.contains('.') || token.contains('×') {
            out.push(token.trim_end_matches('.').to_string());
        }
    }
    out
}

/// The texts a sentence may quote: each known number of the view, plain or signed, and what
/// the words work out from them for the reader.
fn allowed(v: &View, s: &Settings) -> Vec<String> {
    let mut ok = Vec::new();
    for e in &v.entries {
        if let Some(x) = e.value {
            ok.push(format::plain(x));
            ok.push(format::signed(x));
        }
    }
    for key in ["yHat", "y", "a1"] {
        if let Some(x) = v.value(key) {
            ok.push(format::plain(1.0 - x));
        }
    }
    ok.push(format::plain(s.learning_rate));
    ok
}

/// Sessions over several networks, costs, optimizers and data sets, in every phase, with and
/// without a quiz: `check(view, words, settings)` for each.
fn each_moment(mut check: impl FnMut(&View, &Words, &Settings, &str)) {
    let g = [
        (Activation::Sigmoid, Activation::Sigmoid),
        (Activation::Tanh, Activation::Sigmoid),
        (Activation::Relu, Activation::Linear),
        (Activation::Sigmoid, Activation::Tanh),
    ];
    let data = [
        vec![Sample { x: 0.8, y: 0.1 }],
        vec![
            Sample { x: 0.8, y: 0.1 },
            Sample { x: -0.3, y: 0.9 },
            Sample { x: 0.0, y: 0.5 },
        ],
    ];
    for (i, g) in g.into_iter().enumerate() {
        for d in &data {
            for o in [Optimizer::Sgd, Optimizer::named("adam").unwrap()] {
                let cost = if i == 0 && d.len() == 1 {
                    Cost::CrossEntropy
                } else {
                    Cost::Squared
                };
                let s = settings(d.clone(), cost, g, o);
                let mut session = Session::new(P, s.clone());
                for step in 0..9 {
                    let v = View::of(&session);
                    let w = Words::of(&v, session.run().settings());
                    let label = format!("{g:?} {} points {} step {step}", d.len(), o.name());
                    check(&v, &w, session.run().settings(), &label);
                    session.change_run(|t| t.step_phase());
                }
                for seed in [1, 7, 4242] {
                    session.start_quiz(seed, true);
                    let v = View::of(&session);
                    let w = Words::of(&v, session.run().settings());
                    check(&v, &w, session.run().settings(), &format!("quiz {seed}"));
                    session.stop_quiz();
                }
            }
        }
    }
}

#[test]
fn every_number_in_the_words_is_a_known_number_of_the_same_view() {
    let mut quoted = 0;
    each_moment(|v, w, s, label| {
        let ok = allowed(v, s);
        for text in all_text(w) {
            for n in numbers_in(&text) {
                quoted += 1;
                // "−y/ŷ" is written "−0.1000/0.8355": a minus right before a number may be
                // the sentence's operator.
                let bare = n.trim_start_matches(format::MINUS).to_string();
                assert!(
                    ok.contains(&n) || ok.contains(&bare),
                    "{label}: {n} is not in the view, in: {text}"
                );
            }
        }
    });
    assert!(quoted > 1000, "the words quote numbers ({quoted})");
}

#[test]
fn what_the_view_does_not_show_is_not_in_the_words() {
    each_moment(|v, w, _, label| {
        if v.phase == Phase::Forward {
            assert_eq!(
                w.arithmetic,
                ["The backward pass has not run yet: step once more."]
            );
            for r in &w.rules {
                let pending = v.get(r.key).unwrap().status == Status::Pending;
                assert_eq!(r.full.is_none(), pending, "{label}: {}", r.key);
                if pending {
                    assert_eq!(r.short, "", "{label}: {}'s rule says its value", r.key);
                }
            }
            assert!(w.story[0].starts_with("Forward pass done"), "{label}");
        }
        if v.get("delta2").unwrap().status == Status::Withheld {
            assert_eq!(w.arithmetic, [QUIZ_LINE], "{label}");
            assert_eq!(w.story, [QUIZ_LINE], "{label}");
        }
    });
}

#[test]
fn a_quiz_hides_its_answers_from_every_sentence() {
    for seed in 0..300 {
        let mut session = Session::new(
            P,
            settings(
                vec![Sample { x: 0.8, y: 0.1 }],
                Cost::Squared,
                Default::default(),
                Optimizer::Sgd,
            ),
        );
        session.start_quiz(seed, false);
        let hidden = View::of(&session);
        let open = View::of_run(session.run(), false);
        let w = Words::of(&hidden, session.run().settings());
        let text = all_text(&w).join("\n");
        let shown: Vec<String> = hidden
            .entries
            .iter()
            .filter_map(|e| e.value)
            .flat_map(|x| [format::plain(x), format::signed(x)])
            .collect();
        for e in hidden
            .entries
            .iter()
            .filter(|e| e.status == Status::Withheld)
        {
            let x = open.value(&e.key).unwrap();
            let digits = format::plain(x.abs());
            // A withheld number that happens to write like a shown one cannot be told apart.
            if shown.iter().any(|t| t.ends_with(&digits)) {
                continue;
            }
            assert!(
                !text.contains(&digits),
                "seed {seed}: {} ({digits}) in: {text}",
                e.key
            );
        }
    }
}

#[test]
fn after_the_update_the_words_say_which_weights_they_are_at() {
    let s = settings(
        vec![Sample { x: 0.8, y: 0.1 }, Sample { x: 0.2, y: 0.9 }],
        Cost::Squared,
        Default::default(),
        Optimizer::Sgd,
    );
    let mut session = Session::new(P, s);
    for _ in 0..3 {
        session.change_run(|t| t.step_phase());
    }
    let now = session.run().params();
    let v = View::of(&session);
    assert_eq!(v.phase, Phase::Update);
    let w = Words::of(&v, session.run().settings());
    assert!(
        w.forward
            .starts_with("Before this step: z₁ = w₁x + b₁ = 2.000 × 0.8000 + (−0.5000) = 1.100;"),
        "{}",
        w.forward
    );
    let grad = v.value("mean.dCdW2").unwrap();
    let want = format!(
        "w₂ ← 1.500 − 0.5000 × {} = {}",
        if grad < 0.0 {
            format!("({})", format::plain(grad))
        } else {
            format::plain(grad)
        },
        format::plain(now.w2)
    );
    assert!(w.story[0].contains(&want), "{want} in {}", w.story[0]);
    assert!(w.story[0].contains("mean gradient over all 2 points"));
    assert!(
        w.sample.ends_with(&format!(
            "at the weights before this step (w₁ = +2.000, w₂ = +1.500; now {} and {}).",
            format::signed(now.w1),
            format::signed(now.w2)
        )),
        "{}",
        w.sample
    );
    assert_eq!(w.scope, "Means over all 2 points.");
}
