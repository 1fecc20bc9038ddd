//! A worksheet for a class: quiz exercises from consecutive seeds, each with the link that
//! opens it as a quiz on the page, and an answer key worked in the page's own words.
//!
//! Each exercise is the page's quiz itself: the link's state (the teacher's network, hidden
//! controls and all) with `quiz=seed`, opened as the page opens it, so the paper and the
//! screen show the same numbers; the key is the arithmetic the chain rule shows once the
//! answers are checked ([`crate::narration`]), from the same view.

use crate::decimal::Shortest;
use crate::error::InputError;
use crate::link::{self, State};
use crate::narration::{Words, cost_formula};
use crate::quiz::ASKED;
use crate::session::Session;
use crate::view::View;

/// Exercises on one worksheet at most: a double-sided page of work, and a key that fits.
pub const MAX_EXERCISES: usize = 12;
/// What the teachers' menu offers first.
pub const DEFAULT_EXERCISES: usize = 4;

/// One exercise: what the learner is given, what they are asked, and the worked answers.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "charts", derive(serde::Serialize))]
pub struct Exercise {
    /// The quiz's seed: the exercise's number on the sheet and in its link.
    pub seed: u64,
    /// The share link's query that opens this exercise as a quiz on the page.
    pub link: String,
    /// The cost, as the chain rule writes it: "½(ŷ − y)²".
    pub cost: String,
    /// The activations, as the nodes show them: "σ", "tanh", "ReLU", "id".
    pub hidden: String,
    pub output: String,
    /// The given numbers, as typed (w₁ = 1.3, not 1.300): [symbol, value].
    pub given: Vec<[String; 2]>,
    /// The forward pass as the quiz shows it, in one line.
    pub forward: String,
    /// What to work out, in the quiz's order.
    pub asked: Vec<String>,
    /// The answers, in the same order, as the page shows them: [symbol, value].
    pub answers: Vec<[String; 2]>,
    /// The worked arithmetic, line by line, as the chain rule shows it after checking.
    pub worked: Vec<String>,
}

/// The worksheet of `count` exercises, seeds `first`, `first + 1`, …, over `base` (the
/// teacher's state: the network's activations and what the page hides). `count` is
/// 1..=[`MAX_EXERCISES`]; the seeds stay within a link's exact integers.
pub fn worksheet(base: &State, first: u64, count: usize) -> Result<Vec<Exercise>, InputError> {
    if !(1..=MAX_EXERCISES).contains(&count) {
        return Err(InputError::new(
            "exercises",
            format!("must be from 1 to {MAX_EXERCISES}, got {count}"),
        ));
    }
    let last = first.checked_add(count as u64 - 1);
    if last.is_none_or(|l| l > link::MAX_SEED) {
        return Err(InputError::new(
            "seed",
            format!(
                "must be a whole number from 0 to {} (less the exercises after it)",
                link::MAX_SEED
            ),
        ));
    }
    (first..first + count as u64)
        .map(|seed| exercise(base, seed))
        .collect()
}

/// Written as typed, with a true minus.
fn typed(v: f64) -> String {
    crate::format::true_minus(&Shortest(v).to_string())
}

fn exercise(base: &State, seed: u64) -> Result<Exercise, InputError> {
    let state = State {
        quiz: Some(seed),
        iterations: 0,
        lesson: None,
        ..base.clone()
    };
    let session = Session::from_state(&state)?;
    let run = session.run();
    let settings = run.settings();
    let p = run.params();
    let s = settings.samples[settings.chosen];
    // The quiz's own view hides the answers; the key is the view once they are checked.
    let asked_view = View::of(&session);
    let key_view = View::of_run(run, false);
    let shown = Words::of(&asked_view, settings);
    let key = Words::of(&key_view, settings);
    let given = [
        ("w₁", p.w1),
        ("b₁", p.b1),
        ("w₂", p.w2),
        ("b₂", p.b2),
        ("x", s.x),
        ("y", s.y),
    ]
    .map(|(k, v)| [k.to_string(), typed(v)])
    .to_vec();
    let answers = ASKED
        .iter()
        .map(|&(k, sym)| {
            let text = key_view
                .get(k)
                .map(|e| e.num.text.clone())
                .unwrap_or_default();
            [sym.to_string(), text]
        })
        .collect();
    Ok(Exercise {
        seed,
        link: session.to_link(),
        cost: cost_formula(settings.cost).to_string(),
        hidden: settings.hidden.symbol().to_string(),
        output: settings.output.symbol().to_string(),
        given,
        forward: shown.forward,
        asked: ASKED.iter().map(|&(_, sym)| sym.to_string()).collect(),
        answers,
        worked: key.arithmetic,
    })
}
