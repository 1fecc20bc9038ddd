//! The share-link codec: every state survives encode -> decode exactly, and any string at all
//! decodes to a usable state plus a list of what was ignored, without panicking.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::link::{self, HIDEABLE, MAX_ITERATIONS, Mode, State, View, decode, encode};
use backprop_lab::optim::Optimizer;
use backprop_lab::{Activation, Cost, Params, Sample};
use proptest::prelude::*;

fn finite(range: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        -range..=range,
        // Awkward values: tiny, negative zero, long mantissas.
        Just(0.1 + 0.2),
        Just(-0.0),
        Just(1e-300),
        Just(123456.78901234567),
        (-8i32..=8).prop_map(|k| k as f64 / 4.0),
    ]
}

fn state() -> impl Strategy<Value = State> {
    let params = (finite(1e6), finite(1e6), finite(1e6), finite(1e6))
        .prop_map(|(w1, b1, w2, b2)| Params { w1, b1, w2, b2 });
    let samples = prop::collection::vec(
        (finite(1e6), prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64])
            .prop_map(|(x, y)| Sample { x, y }),
        1..=link::MAX_POINTS,
    );
    let view = (
        any::<bool>(),
        -3.0..3.0f64,
        0.05..1.5f64,
        finite(100.0),
        0.001..100.0f64,
        finite(100.0),
        0.001..100.0f64,
        any::<bool>(),
        any::<bool>(),
        prop::option::of((0.0..10.0f64, 1e-6..100.0f64)),
    )
        .prop_map(|(m, yaw, pitch, a, da, c, dc, lc, ll, scale)| View {
            mode: if m { Mode::Surface3d } else { Mode::Map },
            yaw,
            pitch,
            w1_min: a,
            w1_max: a + da,
            w2_min: c,
            w2_max: c + dc,
            log_color: lc,
            log_loss: ll,
            color_scale: scale.map(|(lo, span)| [lo, lo + span]),
        })
        .prop_filter("min below max after rounding", |v| {
            v.w1_min < v.w1_max
                && v.w2_min < v.w2_max
                && v.color_scale.is_none_or(|[lo, hi]| lo < hi)
        });
    let hide = prop::sample::subsequence(HIDEABLE.to_vec(), 0..=4)
        .prop_map(|v| v.into_iter().map(String::from).collect());
    (
        params,
        samples,
        any::<bool>(),
        1e-6..1e3f64,
        0..=MAX_ITERATIONS,
        0u32..=7,
        view,
        hide,
        any::<bool>(),
        (
            any::<prop::sample::Index>(),
            optimizer(),
            activation(),
            activation(),
            prop::collection::vec(optimizer(), 0..=6),
        ),
    )
        .prop_map(
            |(
                start,
                samples,
                ce,
                learning_rate,
                iterations,
                speed,
                view,
                hide,
                embed,
                (pick, optimizer, hidden, output, mut race),
            )| {
                // Each optimizer races once, not the lead's, four at most.
                let mut seen = vec![optimizer.name()];
                race.retain(|o| {
                    let fresh = !seen.contains(&o.name());
                    seen.push(o.name());
                    fresh
                });
                race.truncate(4);
                State {
                    version: link::VERSION,
                    chosen: pick.index(samples.len()),
                    start,
                    samples,
                    learning_rate,
                    cost: if ce {
                        Cost::CrossEntropy
                    } else {
                        Cost::Squared
                    },
                    iterations,
                    speed,
                    view,
                    hide,
                    embed,
                    // Presentation mode with every other embed: both ways through the codec.
                    present: embed && speed % 2 == 0,
                    optimizer,
                    quiz: if embed {
                        Some(pick.index(1_000_000) as u64)
                    } else {
                        None
                    },
                    hidden,
                    // Cross-entropy needs a sigmoid output; the codec would refuse the pair.
                    output: if ce { Activation::Sigmoid } else { output },
                    race,
                    lesson: (!embed).then(|| 1 + pick.index(link::LESSON_STEPS as usize) as u32),
                }
            },
        )
}

fn activation() -> impl Strategy<Value = Activation> {
    prop::sample::select(Activation::ALL.to_vec())
}

fn optimizer() -> impl Strategy<Value = Optimizer> {
    prop_oneof![
        Just(Optimizer::Sgd),
        (0.0..0.999f64).prop_map(|beta| Optimizer::Momentum { beta }),
        (0.0..0.999f64).prop_map(|beta| Optimizer::Nesterov { beta }),
        (0.0..0.999f64, 1e-12..0.1f64).prop_map(|(rho, eps)| Optimizer::RmsProp { rho, eps }),
        (0.0..0.999f64, 0.0..0.999f64, 1e-12..0.1f64)
            .prop_map(|(beta1, beta2, eps)| Optimizer::Adam { beta1, beta2, eps }),
    ]
}

fn same_bits(a: &State, b: &State) -> bool {
    // -0.0 == 0.0 in f64, but a link must keep the sign too: compare bits.
    let bits = |s: &State| {
        let mut v: Vec<u64> = s.start.to_array().iter().map(|x| x.to_bits()).collect();
        v.extend(
            s.samples
                .iter()
                .flat_map(|p| [p.x.to_bits(), p.y.to_bits()]),
        );
        v.push(s.learning_rate.to_bits());
        v
    };
    a == b && bits(a) == bits(b)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn encode_then_decode_returns_the_same_state(s in state()) {
        let text = encode(&s);
        let (back, ignored) = decode(&text);
        prop_assert!(ignored.is_empty(), "{text}: {ignored:?}");
        prop_assert!(same_bits(&back, &s), "{text}\n{back:?}\n{s:?}");
        // As a whole URL, after a hash, or with a leading '?', it reads the same.
        prop_assert_eq!(&decode(&format!("https://host/some/path/?{text}")).0, &s);
        prop_assert_eq!(&decode(&format!("?{text}")).0, &s);
    }

    #[test]
    fn any_string_decodes_without_panicking(text in ".{0,300}") {
        let (s, ignored) = decode(&text);
        prop_assert!(!s.samples.is_empty() && s.samples.len() <= link::MAX_POINTS);
        prop_assert!(s.chosen < s.samples.len());
        prop_assert!(s.learning_rate > 0.0 && s.learning_rate.is_finite());
        prop_assert!(ignored.iter().all(|i| i.key.chars().count() <= 25));
    }

    #[test]
    fn link_shaped_garbage_decodes_to_valid_parts(
        parts in prop::collection::vec(("[a-z0-9]{1,6}", "[-+0-9eE.,_%a-zA-Z<>\"']{0,30}"), 0..20)
    ) {
        let text: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let (s, _) = decode(&text.join("&"));
        prop_assert!(backprop_lab::check::params(&s.start, "start").is_ok());
        prop_assert!(backprop_lab::check::samples(&s.samples, "samples").is_ok());
        prop_assert!(s.view.w1_min < s.view.w1_max && s.view.w2_min < s.view.w2_max);
        prop_assert!(s.iterations <= MAX_ITERATIONS);
    }
}

/// Encodes `s`, checks that the link says `says`, and decodes it back with nothing ignored.
fn round_trip(s: &State, says: &str) -> State {
    let text = encode(s);
    assert!(text.contains(says), "{text}");
    let (back, ignored) = decode(&text);
    assert!(ignored.is_empty(), "{ignored:?}");
    back
}

/// The link for `s` ends with `tail` (what is new in it comes last), and decodes back to `s`.
fn assert_link_ends_and_decodes(s: &State, tail: &str) {
    assert!(encode(s).ends_with(tail));
    assert_eq!(decode(&encode(s)).0, *s);
}

#[test]
fn numbers_round_trip_in_their_shortest_form() {
    let s = State {
        start: Params {
            w1: 0.1 + 0.2,
            b1: -0.5,
            w2: 1.5,
            b2: 1e-7,
        },
        ..State::default()
    };
    let text = encode(&s);
    assert!(text.contains("w1=0.30000000000000004&"), "{text}");
    assert!(text.contains("b2=0.0000001&"), "{text}");
    assert_eq!(decode(&text).0, s);
    assert_eq!(
        encode(&State::default()),
        "v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.8_0.1&cost=squared&lr=1&it=0"
    );
}

#[test]
fn bad_parts_fall_back_to_defaults_and_are_listed() {
    let (s, ignored) = decode(
        "?v=1&w1=abc&b1=NaN&w2=1e400&b2=inf&lr=-1&it=99999999999&cost=hinge&color=red&data=1_2\
         &speed=9&range=5_1_0_1&hide=play,nonsense&pick=7&logc=maybe&scale=2_1",
    );
    let d = State::default();
    assert_eq!(
        (s.start, s.learning_rate, s.iterations, s.cost),
        (d.start, d.learning_rate, 0, d.cost)
    );
    assert_eq!(
        (s.samples.clone(), s.speed, s.view),
        (d.samples.clone(), d.speed, d.view)
    );
    assert_eq!(s.hide, vec!["play".to_string()]);
    let keys: Vec<&str> = ignored.iter().map(|i| i.key.as_str()).collect();
    for k in [
        "w1", "b1", "w2", "b2", "lr", "it", "cost", "color", "data", "speed", "range", "hide",
        "pick", "logc", "scale",
    ] {
        assert!(keys.contains(&k), "{k} not reported in {ignored:?}");
    }
    let w1 = ignored.iter().find(|i| i.key == "w1").unwrap();
    assert_eq!(w1.reason, "is not a number (got \"abc\")");
    let data = ignored.iter().find(|i| i.key == "data").unwrap();
    assert!(data.reason.contains("y from 0 to 1"), "{}", data.reason);
}

#[test]
fn hostile_links_are_only_ever_data() {
    let evil = "<script>alert(1)</script>";
    let (s, ignored) = decode(&format!(
        "w1=1&{evil}=1&cost={evil}&data=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    ));
    assert_eq!(s.start.w1, 1.0);
    assert!(ignored.len() >= 3);
    // Reasons quote what was wrong, cut short; the page shows them with textContent.
    assert!(ignored.iter().all(|i| i.reason.chars().count() < 200));
    // Too many points: the data is refused whole, not cut.
    let many: Vec<String> = (0..13).map(|i| format!("{}_0", i as f64 / 20.0)).collect();
    let (s, ignored) = decode(&format!("data={}", many.join(",")));
    assert_eq!(s.samples, State::default().samples);
    assert!(ignored[0].reason.contains("13 points"));
    // A truncated link keeps what it has.
    let full = encode(&State {
        iterations: 250,
        ..State::default()
    });
    let (s, _) = decode(&full[..full.len() - 2]);
    assert_eq!(s.iterations, 2);
    // A huge link is cut, and says so.
    let (_, ignored) = decode(&"w1=1&".repeat(2000));
    assert!(ignored.iter().any(|i| i.key == "link"));
    // A newer version still opens, with a note.
    let (_, ignored) = decode("v=7&w1=3");
    assert!(ignored[0].reason.contains("newer version"));
}

#[test]
fn optimizers_travel_in_the_link() {
    let s = State {
        optimizer: Optimizer::Adam {
            beta1: 0.8,
            beta2: 0.99,
            eps: 1e-6,
        },
        ..State::default()
    };
    let text = encode(&s);
    assert!(
        text.contains("&opt=adam&beta1=0.8&beta2=0.99&eps=0.000001&"),
        "{text}"
    );
    assert_eq!(decode(&text).0, s);
    // A bad or misplaced hyper-parameter falls back to that optimizer's defaults, listed.
    let (s, ignored) = decode("opt=momentum&beta=1&rho=0.5");
    assert_eq!(s.optimizer, Optimizer::Momentum { beta: 0.9 });
    let keys: Vec<&str> = ignored.iter().map(|i| i.key.as_str()).collect();
    assert!(
        keys.contains(&"rho") && keys.contains(&"beta"),
        "{ignored:?}"
    );
    let (s, ignored) = decode("opt=lion");
    assert_eq!(
        (s.optimizer, ignored[0].key.as_str()),
        (Optimizer::Sgd, "opt")
    );
}

#[test]
fn a_lesson_step_travels_in_the_link() {
    let s = State {
        lesson: Some(5),
        ..State::default()
    };
    assert_link_ends_and_decodes(&s, "&lesson=5");
    for bad in ["lesson=0", "lesson=99", "lesson=two", "lesson=-1"] {
        let (s, ignored) = decode(bad);
        assert_eq!(
            (s.lesson, ignored[0].key.as_str()),
            (None, "lesson"),
            "{bad}"
        );
    }
    let last = format!("lesson={}", link::LESSON_STEPS);
    assert_eq!(decode(&last).0.lesson, Some(link::LESSON_STEPS));
}

#[test]
fn a_quiz_seed_travels_in_the_link() {
    let (s, ignored) = decode("quiz=-3");
    assert_eq!((s.quiz, ignored[0].key.as_str()), (None, "quiz"));
    let s = State {
        quiz: Some(12345),
        ..State::default()
    };
    assert_link_ends_and_decodes(&s, "&quiz=12345");
}

#[test]
fn activations_travel_in_the_link_and_cross_entropy_keeps_a_sigmoid_output() {
    let s = State {
        hidden: Activation::Relu,
        output: Activation::Tanh,
        ..State::default()
    };
    let back = round_trip(&s, "&act1=relu&act2=tanh&cost=squared&");
    assert_eq!(
        (back.hidden, back.output),
        (Activation::Relu, Activation::Tanh)
    );
    // The default network says nothing about activations, so old links stay valid.
    assert!(!encode(&State::default()).contains("act"));

    // A hand-edited link asking for cross-entropy on a linear output gets squared error,
    // and says why, in either order of the keys.
    for link in [
        "act2=linear&cost=crossEntropy",
        "cost=crossEntropy&act2=linear",
    ] {
        let (s, ignored) = decode(link);
        assert_eq!((s.output, s.cost), (Activation::Linear, Cost::Squared));
        assert_eq!(ignored.len(), 1, "{ignored:?}");
        assert_eq!(ignored[0].key, "cost");
        assert!(
            ignored[0].reason.contains("needs a sigmoid output"),
            "{ignored:?}"
        );
    }
    let (s, ignored) = decode("act1=softmax");
    assert_eq!(s.hidden, Activation::Sigmoid);
    assert!(ignored[0].reason.contains("sigmoid, tanh, relu or linear"));
}

#[test]
fn a_race_travels_in_the_link() {
    let s = State {
        race: vec![
            Optimizer::Momentum { beta: 0.5 },
            Optimizer::Adam {
                beta1: 0.8,
                beta2: 0.99,
                eps: 1e-6,
            },
            Optimizer::Sgd,
        ],
        optimizer: Optimizer::Nesterov { beta: 0.8 },
        ..State::default()
    };
    let back = round_trip(&s, "&race=momentum_0.5,adam_0.8_0.99_0.000001,sgd&");
    assert_eq!(back.race, s.race);
    assert!(!encode(&State::default()).contains("race"));

    // Left-out hyper-parameters take their defaults; bad entries are left out, and said.
    let (s, ignored) = decode(
        "opt=momentum&race=rmsprop,nesterov_0.7,adam_2,lion,momentum_0.9_0.1,rmsprop_0.5,sgd,adam,nesterov",
    );
    assert_eq!(
        s.race,
        vec![
            Optimizer::RmsProp {
                rho: 0.9,
                eps: 1e-8
            },
            Optimizer::Nesterov { beta: 0.7 },
            Optimizer::Sgd,
            Optimizer::Adam {
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8
            },
        ]
    );
    let reasons: Vec<&str> = ignored.iter().map(|i| i.reason.as_str()).collect();
    assert!(ignored.iter().all(|i| i.key == "race"), "{ignored:?}");
    assert_eq!(reasons.len(), 5, "{reasons:?}");
    // The first two start with the entry they are about, the rest say what was wrong.
    let starts = [
        "\"adam_2\" must be between 0 and 1",
        "\"lion\" is not an optimizer",
    ];
    for (reason, start) in reasons.iter().zip(starts) {
        assert!(reason.starts_with(start), "{reasons:?}");
    }
    let says = [
        "takes at most 1",
        "rmsprop is already racing",
        "at most 4 optimizers race",
    ];
    for (reason, says) in reasons[2..].iter().zip(says) {
        assert!(reason.contains(says), "{reasons:?}");
    }
    // The lead's own kind is not added again (it races already).
    let (s, ignored) = decode("race=sgd,adam");
    assert_eq!(s.race.len(), 1);
    assert_eq!(s.race[0].name(), "adam");
    assert!(
        ignored[0].reason.starts_with("sgd is the lead's optimizer"),
        "{ignored:?}"
    );
}
