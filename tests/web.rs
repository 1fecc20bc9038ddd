//! The JS API, run as WebAssembly in headless Chromium (wasm-bindgen-test): the exported
//! functions return plain objects with the documented camelCase fields, and bad input throws
//! an `Error` that names the offending field.
// Reference values keep all 17 significant digits of the 40-digit computation.
#![allow(clippy::excessive_precision)]
#![cfg(target_arch = "wasm32")]

mod common;
use backprop_lab::optim::Optimizer;
use backprop_lab::{link, web};
use js_sys::{Float32Array, JSON, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON in test")
}

fn get(obj: &JsValue, key: &str) -> f64 {
    Reflect::get(obj, &key.into())
        .unwrap()
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number"))
}

fn keys(obj: &JsValue) -> Vec<String> {
    js_sys::Object::keys(obj.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect()
}

/// The message of the Error a call threw; fails if it did not throw an Error.
fn message<T: std::fmt::Debug>(r: Result<T, JsError>) -> String {
    let e: JsValue = r.expect_err("expected an error").into();
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    e.unchecked_into::<js_sys::Error>().message().into()
}

const PARAMS: &str = r#"{"w1":0.5,"b1":0.1,"w2":-0.3,"b2":0.2}"#;
const SAMPLE: &str = r#"{"x":1.5,"y":1}"#;

fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-14 * want.abs().max(1e-3),
        "{got} vs {want}"
    );
}

#[wasm_bindgen_test]
fn forward_returns_z1_a1_z2_y_hat() {
    let f = web::forward(js(PARAMS), 1.5.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(keys(&f), ["z1", "a1", "z2", "yHat"]);
    close(get(&f, "a1"), 0.70056714247397295);
    close(get(&f, "yHat"), 0.4974574862291463);
}

#[wasm_bindgen_test]
fn backward_returns_every_chain_rule_factor() {
    let b = web::backward(js(PARAMS), js(SAMPLE), "squared".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        keys(&b),
        [
            "cost", "dCdYHat", "dYHatdZ2", "delta2", "dCdW2", "dCdB2", "dZ2dA1", "dA1dZ1",
            "delta1", "dCdW1", "dCdB1"
        ]
    );
    close(get(&b, "cost"), 0.12627448907356434);
    close(get(&b, "delta2"), -0.12563237981881024);
    close(get(&b, "dCdW1"), 0.011859416445933435);
    let ce = web::backward(
        js(PARAMS),
        js(SAMPLE),
        "crossEntropy".into(),
        JsValue::UNDEFINED,
    )
    .unwrap();
    close(get(&ce, "delta2"), 0.4974574862291463 - 1.0);
    close(get(&ce, "cost"), 0.69824518085074673);
}

#[wasm_bindgen_test]
fn update_takes_what_backward_returned() {
    let b = web::backward(js(PARAMS), js(SAMPLE), "squared".into(), JsValue::UNDEFINED).unwrap();
    let next = web::update(js(PARAMS), b, 0.5.into()).unwrap();
    assert_eq!(keys(&next), ["w1", "b1", "w2", "b2"]);
    close(get(&next, "w1"), 0.5 - 0.5 * 0.011859416445933435);
    close(get(&next, "b2"), 0.2 - 0.5 * -0.12563237981881024);
}

#[wasm_bindgen_test]
fn mean_and_numerical_gradients_agree() {
    let set = js(r#"[{"x":1.5,"y":1},{"x":-0.7,"y":0.3}]"#);
    let a = web::mean_gradient(
        js(PARAMS),
        set.clone(),
        "crossEntropy".into(),
        JsValue::UNDEFINED,
    )
    .unwrap();
    let n = web::numerical_gradient(js(PARAMS), set, "crossEntropy".into(), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(keys(&a), ["cost", "dCdW1", "dCdB1", "dCdW2", "dCdB2"]);
    for k in ["cost", "dCdW1", "dCdB1", "dCdW2", "dCdB2"] {
        assert!((get(&a, k) - get(&n, k)).abs() < 1e-8, "{k}");
    }
}

/// costSurface in the browser: the exact path with wasm `f64x2` lanes computes the native
/// build's numbers bit for bit (the fingerprints tests/surface_exact.rs checks natively), and
/// every model's costs are the plain loop's to 1e-7.
#[wasm_bindgen_test]
fn cost_surface_is_the_native_exact_path_and_the_plain_loops_numbers() {
    for (model, want) in common::FINGERPRINTS {
        assert_eq!(common::fingerprint(model), want, "{model:?}");
    }
    let set = r#"[{"x":-0.7,"y":0},{"x":0.3,"y":0.25},{"x":0.8,"y":1},{"x":2.5,"y":0.9}]"#;
    let samples: Vec<backprop_lab::Sample> = [(-0.7, 0.0), (0.3, 0.25), (0.8, 1.0), (2.5, 0.9)]
        .map(|(x, y)| backprop_lab::Sample { x, y })
        .to_vec();
    let spec = r#"{"w1Min":-6,"w1Max":5,"w2Min":-7,"w2Max":4,"resolution":21}"#;
    let grid = backprop_lab::surface::Grid {
        w1_min: -6.0,
        w1_max: 5.0,
        w2_min: -7.0,
        w2_max: 4.0,
        resolution: 21,
    };
    let names = ["sigmoid", "tanh", "relu", "linear"];
    for (hidden, h) in names.iter().zip(backprop_lab::activation::Activation::ALL) {
        for (output, o) in names.iter().zip(backprop_lab::activation::Activation::ALL) {
            for cost in backprop_lab::Cost::ALL {
                let model = backprop_lab::Model {
                    hidden: h,
                    output: o,
                    cost,
                };
                if model.check("cost").is_err() {
                    continue;
                }
                let act = js(&format!(r#"{{"hidden":"{hidden}","output":"{output}"}}"#));
                let s: Float32Array =
                    web::cost_surface(js(PARAMS), js(set), cost.name().into(), js(spec), act)
                        .unwrap();
                let plain = backprop_lab::surface::cost_means(0.1, 0.2, &samples, model, &grid);
                for (k, want) in plain.iter().enumerate() {
                    let got = s.get_index(k as u32) as f64;
                    assert!(
                        (got - want).abs() <= 1e-7 * want + 1e-37,
                        "{model:?} cell {k}: {got} vs {want}"
                    );
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn cost_surface_is_row_major_and_matches_backward() {
    let set = r#"[{"x":0.3,"y":0},{"x":0.8,"y":1}]"#;
    let grid = js(r#"{"w1Min":-2,"w1Max":4,"w2Min":-3,"w2Max":3,"resolution":7}"#);
    let s: Float32Array = web::cost_surface(
        js(PARAMS),
        js(set),
        "squared".into(),
        grid,
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(s.length(), 49);
    // Row i = 2 is w2 = -1, column j = 5 is w1 = 3.
    let p = js(r#"{"w1":3,"b1":0.1,"w2":-1,"b2":0.2}"#);
    let mean: f64 = [r#"{"x":0.3,"y":0}"#, r#"{"x":0.8,"y":1}"#]
        .iter()
        .map(|s| {
            get(
                &web::backward(p.clone(), js(s), "squared".into(), JsValue::UNDEFINED).unwrap(),
                "cost",
            )
        })
        .sum::<f64>()
        / 2.0;
    let got = s.get_index(2 * 7 + 5) as f64;
    assert!((got - mean).abs() <= 1e-5 * mean, "{got} vs {mean}");
}

#[wasm_bindgen_test]
fn bad_params_name_the_field() {
    let m = message(web::forward(
        js(r#"{"w1":1,"b1":0,"w2":1}"#),
        1.0.into(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(
        m,
        "params.b2 is missing; expected an object { w1, b1, w2, b2 } of finite numbers"
    );
    let m = message(web::forward(
        js(r#"{"w1":"one","b1":0,"w2":1,"b2":0}"#),
        1.0.into(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(
        m,
        "params.w1 must be a number, got the string \"one\"; \
         expected an object { w1, b1, w2, b2 } of finite numbers"
    );
    let nan = js(PARAMS);
    Reflect::set(&nan, &"w2".into(), &f64::NAN.into()).unwrap();
    let m = message(web::forward(nan, 1.0.into(), JsValue::UNDEFINED));
    assert_eq!(
        m,
        "params.w2 must be a finite number between -1000000 and 1000000, got NaN"
    );
    let m = message(web::forward(
        JsValue::UNDEFINED,
        1.0.into(),
        JsValue::UNDEFINED,
    ));
    assert!(m.starts_with("params is missing"), "{m}");
    let m = message(web::forward(js(PARAMS), "2".into(), JsValue::UNDEFINED));
    assert_eq!(m, "x must be a number, got the string \"2\"");
    let m = message(web::forward(
        js(PARAMS),
        f64::INFINITY.into(),
        JsValue::UNDEFINED,
    ));
    assert!(
        m.starts_with("x must be a finite number") && m.ends_with("got Infinity"),
        "{m}"
    );
}

#[wasm_bindgen_test]
fn bad_samples_costs_and_rates_are_refused() {
    let m = message(web::backward(
        js(PARAMS),
        js(r#"{"x":1,"y":2}"#),
        "squared".into(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(m, "sample.y must be between 0 and 1, got 2");
    let m = message(web::backward(
        js(PARAMS),
        js(SAMPLE),
        "hinge".into(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(
        m,
        "cost must be \"squared\" or \"crossEntropy\", got \"hinge\""
    );
    let m = message(web::backward(
        js(PARAMS),
        js(SAMPLE),
        JsValue::UNDEFINED,
        JsValue::UNDEFINED,
    ));
    assert!(m.starts_with("cost is missing"), "{m}");
    let grads =
        web::backward(js(PARAMS), js(SAMPLE), "squared".into(), JsValue::UNDEFINED).unwrap();
    let m = message(web::update(js(PARAMS), grads.clone(), (-0.1).into()));
    assert!(m.starts_with("learningRate must be between 0"), "{m}");
    let m = message(web::update(
        js(PARAMS),
        js(r#"{"dCdW1":1,"dCdB1":0,"dCdW2":0}"#),
        0.1.into(),
    ));
    assert!(
        m.starts_with("grads.dCdB2 is missing; expected an object"),
        "{m}"
    );
    let m = message(web::mean_gradient(
        js(PARAMS),
        js("[]"),
        "squared".into(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(m, "samples must hold at least one sample { x, y }");
    let m = message(web::mean_gradient(
        js(PARAMS),
        js(r#"[{"x":1,"y":0},{"x":1}]"#),
        "squared".into(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(
        m,
        "samples[1].y is missing; expected an array of { x, y } objects"
    );
    let m = message(web::mean_gradient(
        js(PARAMS),
        js(r#"{"x":1,"y":0}"#),
        "squared".into(),
        JsValue::UNDEFINED,
    ));
    assert_eq!(
        m,
        "samples must be an array, got an object; expected an array of { x, y } objects"
    );
}

#[wasm_bindgen_test]
fn bad_grids_are_refused() {
    let call = |grid: &str| {
        message(web::cost_surface(
            js(PARAMS),
            js(&format!("[{SAMPLE}]")),
            "squared".into(),
            js(grid),
            JsValue::UNDEFINED,
        ))
    };
    let m = call(r#"{"w1Min":-1,"w1Max":1,"w2Min":-1,"w2Max":1,"resolution":1}"#);
    assert_eq!(
        m,
        "grid.resolution must be a whole number from 2 to 2048, got 1"
    );
    let m = call(r#"{"w1Min":-1,"w1Max":1,"w2Min":-1,"w2Max":1,"resolution":4096}"#);
    assert!(m.contains("got 4096"), "{m}");
    let m = call(r#"{"w1Min":-1,"w1Max":1,"w2Min":2,"w2Max":1,"resolution":8}"#);
    assert_eq!(m, "grid.w2Min must be less than w2Max (1), got 2");
    let m = call(r#"{"w1Min":-1,"w1Max":1,"w2Min":-1,"resolution":8}"#);
    assert!(
        m.starts_with("grid.w2Max is missing; expected an object"),
        "{m}"
    );
}

#[wasm_bindgen_test]
fn activations_are_an_optional_last_argument() {
    use backprop_lab::{Activation, Cost, Model, Params, Sample};
    let model = Model {
        hidden: Activation::Relu,
        output: Activation::Linear,
        cost: Cost::Squared,
    };
    let acts = js(r#"{"hidden":"relu","output":"linear"}"#);
    let p = Params {
        w1: 0.5,
        b1: 0.1,
        w2: -0.3,
        b2: 0.2,
    };
    let s = Sample { x: 1.5, y: 1.0 };
    let b = web::backward(js(PARAMS), js(SAMPLE), "squared".into(), acts.clone()).unwrap();
    let want = model.pass(&p, s).1;
    for (key, v) in [
        ("delta2", want.delta2),
        ("dYHatdZ2", want.d_y_hat_d_z2),
        ("dA1dZ1", want.d_a1_d_z1),
        ("delta1", want.delta1),
        ("dCdW1", want.d_c_d_w1),
    ] {
        assert_eq!(get(&b, key), v, "{key}");
    }
    // ReLU then linear: a1 = z1 = 0.85, yHat = z2 = -0.3 * 0.85 + 0.2.
    let f = web::forward(js(PARAMS), 1.5.into(), acts.clone()).unwrap();
    assert_eq!(get(&f, "a1"), 0.5 * 1.5 + 0.1);
    assert_eq!(get(&f, "yHat"), -0.3 * (0.5 * 1.5 + 0.1) + 0.2);
    let set = js(&format!("[{SAMPLE}]"));
    let g = web::mean_gradient(js(PARAMS), set, "squared".into(), acts.clone()).unwrap();
    assert_eq!(get(&g, "dCdW2"), want.d_c_d_w2);
    // Only the output may be given; the hidden node stays a sigmoid.
    let only = web::forward(js(PARAMS), 1.5.into(), js(r#"{"output":"tanh"}"#)).unwrap();
    assert_eq!(get(&only, "a1"), backprop_lab::activation::sigmoid(0.85));

    let m = message(web::backward(
        js(PARAMS),
        js(SAMPLE),
        "crossEntropy".into(),
        acts,
    ));
    assert!(
        m.starts_with("cost must be squared error with a linear output: cross-entropy needs a sigmoid output node"),
        "{m}"
    );
    let m = message(web::forward(
        js(PARAMS),
        1.0.into(),
        js(r#"{"hidden":"softmax"}"#),
    ));
    assert_eq!(
        m,
        "activations.hidden must be \"sigmoid\", \"tanh\", \"relu\" or \"linear\", got \"softmax\""
    );
    let m = message(web::forward(
        js(PARAMS),
        1.0.into(),
        js(r#"{"hiden":"relu"}"#),
    ));
    assert_eq!(m, "activations.hiden is not a node: use hidden or output");
}

/// A state with every part of a link set, most not at their defaults.
fn full_state() -> link::State {
    let mut s = link::State {
        start: backprop_lab::Params {
            w1: -6.0,
            b1: 1.0,
            w2: -5.0,
            b2: 2.0,
        },
        samples: vec![
            backprop_lab::Sample { x: 0.2, y: 0.9 },
            backprop_lab::Sample { x: 0.9, y: 0.1 },
        ],
        chosen: 1,
        cost: backprop_lab::Cost::CrossEntropy,
        learning_rate: 0.3,
        iterations: 60,
        speed: 4,
        hide: vec![link::HIDEABLE[0].to_string(), link::HIDEABLE[3].to_string()],
        embed: true,
        present: true,
        optimizer: Optimizer::Momentum { beta: 0.8 },
        quiz: Some(42),
        hidden: backprop_lab::Activation::Tanh,
        race: vec![Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.99,
            eps: 1e-7,
        }],
        lesson: Some(3),
        ..link::State::default()
    };
    s.view.mode = link::Mode::Surface3d;
    s.view.yaw = 1.25;
    s.view.w1_min = -4.0;
    s.view.log_color = true;
    s.view.color_scale = Some([0.001, 0.5]);
    // A quiz's link starts from its exercise: one sample, its weights and cost.
    let (start, sample, cost) = backprop_lab::quiz::exercise_for(42, s.output);
    (s.start, s.samples, s.chosen, s.cost) = (start, vec![sample], 0, cost);
    s
}

#[wasm_bindgen_test]
fn link_states_cross_to_js_and_back_unchanged() {
    for state in [link::State::default(), full_state()] {
        let text = link::encode(&state);
        let decoded = web::decode_link(text.clone().into()).unwrap();
        assert_eq!(keys(&decoded), ["state", "ignored"]);
        let js_state = Reflect::get(&decoded, &"state".into()).unwrap();
        assert_eq!(web::encode_link(js_state.clone()).unwrap(), text);

        // A session opened on it saves every key (null where absent) and reopens the same.
        let mut session = web::Session::new(
            js(PARAMS),
            js(r#"{"samples":[{"x":1,"y":0}],"cost":"squared","learningRate":1}"#),
        )
        .unwrap();
        // Opened at iteration 0; the page then replays the link's iterations.
        session.open(js_state).unwrap();
        session
            .advance(state.iterations as f64, "continue")
            .unwrap();
        assert_eq!(session.to_link(), text);
        let saved = session.to_state().unwrap();
        let json = JSON::stringify(&saved).unwrap().as_string().unwrap();
        for key in ["\"quiz\":", "\"lesson\":", "\"colorScale\":", "\"race\":["] {
            assert!(json.contains(key), "{key} in {json}");
        }
        assert_eq!(web::encode_link(js(&json)).unwrap(), text);
    }
}

#[wasm_bindgen_test]
fn bad_states_screens_and_races_name_the_field() {
    let state = web::decode_link("".into()).unwrap();
    let state = Reflect::get(&state, &"state".into()).unwrap();
    let view = Reflect::get(&state, &"view".into()).unwrap();
    Reflect::set(&view, &"mode".into(), &"globe".into()).unwrap();
    assert_eq!(
        message(web::encode_link(state.clone())),
        "state.view.mode must be \"map\" or \"surface3d\", got \"globe\""
    );
    Reflect::set(&view, &"mode".into(), &"map".into()).unwrap();
    Reflect::set(&state, &"iterations".into(), &1.5.into()).unwrap();
    assert_eq!(
        message(web::encode_link(state)),
        "state.iterations must be a whole number from 0 to 9007199254740991, got 1.5; \
         expected a state as decodeLink returns it"
    );
    let mut session = web::Session::new(
        js(PARAMS),
        js(r#"{"samples":[{"x":1,"y":0}],"cost":"squared","learningRate":1}"#),
    )
    .unwrap();
    assert_eq!(
        message(session.set_race(js(r#"[{"kind":"adam","beta1":0.9,"beta2":0.99}]"#))),
        "race[0].eps is missing; expected an array of up to 4 optimizers \
         { kind, ...hyper-parameters }, each kind once"
    );
    assert_eq!(
        message(session.set_race(js(r#"[{"kind":"lion"}]"#))),
        "race[0].kind must be \"sgd\", \"momentum\", \"nesterov\", \"rmsprop\" or \"adam\", \
         got \"lion\""
    );
    assert_eq!(
        message(session.set_screen(js(r#"{"speed":1,"hide":[],"embed":false}"#))),
        "screen.view is missing; expected an object { view, speed, hide, embed, quiz?, lesson? }"
    );
    assert_eq!(
        message(session.set_settings(js(r#"{"samples":[{"x":1,"y":0}],"cost":"squared"}"#))),
        "settings.learningRate is missing; expected an object { samples, cost, learningRate, \
         chosen?, weightRange?, optimizer?, hidden?, output? } (chosen: a sample index)"
    );
}

/// The page keeps no copy of the settings: it asks the session, and what it is given goes
/// back in unchanged (a link's settings included).
#[wasm_bindgen_test]
fn the_session_gives_its_settings_back_as_set_settings_takes_them() {
    let mut session = web::Session::new(
        js(PARAMS),
        js(r#"{"samples":[{"x":0.2,"y":0},{"x":0.9,"y":1}],"cost":"crossEntropy","learningRate":0.5,"chosen":1,
              "optimizer":{"kind":"momentum","beta":0.9},"hidden":"tanh","output":"sigmoid"}"#),
    )
    .unwrap();
    let s = session.settings();
    let text = JSON::stringify(&s).unwrap().as_string().unwrap();
    assert_eq!(
        text,
        r#"{"samples":[{"x":0.2,"y":0},{"x":0.9,"y":1}],"cost":"crossEntropy","learningRate":0.5,"chosen":1,"weightRange":8,"optimizer":{"kind":"momentum","beta":0.9},"hidden":"tanh","output":"sigmoid"}"#
    );
    session.set_settings(s).unwrap();
    assert_eq!(
        JSON::stringify(&session.settings())
            .unwrap()
            .as_string()
            .unwrap(),
        text
    );
}

/// `view()` crosses to JS unchanged: every entry's text and spoken form (true minus signs,
/// "×", superscripts, "—"), its status, moment and scope, and its value bit for bit, and the
/// words, as the native view of the same session has them.
#[wasm_bindgen_test]
fn the_view_reaches_js_as_the_core_wrote_it() {
    use backprop_lab::narration::Words;
    use backprop_lab::view::{Moment, Scope, Status, View};
    use backprop_lab::{Params, Sample};
    // A weight whose shortest form has 17 digits, a tiny bias (a "× 10⁻⁷" text), a
    // negative input, and several points (means).
    let params = Params {
        w1: 0.1 + 0.2,
        b1: -3.0e-7,
        w2: -1.25,
        b2: 0.75,
    };
    let samples = vec![
        Sample { x: -1.5, y: 0.2 },
        Sample { x: 0.4, y: 0.9 },
        Sample { x: 2.0, y: 0.0 },
    ];
    let native = backprop_lab::session::Session::new(params, common::settings(samples));
    let want = View::of(&native);
    let words = Words::of(&want, native.run().settings());
    let session = web::Session::new(
        js(r#"{"w1":0.30000000000000004,"b1":-3e-7,"w2":-1.25,"b2":0.75}"#),
        js(r#"{"samples":[{"x":-1.5,"y":0.2},{"x":0.4,"y":0.9},{"x":2,"y":0}],"cost":"squared","learningRate":0.5}"#),
    )
    .unwrap();
    let got = session.view();
    let text = |obj: &JsValue, key: &str| {
        Reflect::get(obj, &key.into())
            .unwrap()
            .as_string()
            .unwrap_or_else(|| panic!("{key} is not a string"))
    };
    assert_eq!(get(&got, "iteration"), want.iteration as f64);
    assert_eq!(get(&got, "points"), want.points as f64);
    let entries = Reflect::get(&got, &"entries".into()).unwrap();
    assert_eq!(
        keys(&entries),
        want.entries
            .iter()
            .map(|e| e.key.clone())
            .collect::<Vec<_>>()
    );
    let mut non_ascii = 0;
    for e in &want.entries {
        let g = Reflect::get(&entries, &e.key.as_str().into()).unwrap();
        assert_eq!(text(&g, "text"), e.num.text, "{}", e.key);
        assert_eq!(text(&g, "spoken"), e.num.spoken, "{}", e.key);
        non_ascii += usize::from(!e.num.text.is_ascii());
        let status = match e.status {
            Status::Known => "known",
            Status::Pending => "pending",
            Status::Withheld => "withheld",
        };
        assert_eq!(text(&g, "status"), status, "{}", e.key);
        let moment = match e.moment {
            Moment::Now => "now",
            Moment::BeforeStep => "beforeStep",
        };
        assert_eq!(text(&g, "moment"), moment, "{}", e.key);
        match e.scope {
            Scope::Shared => assert_eq!(text(&g, "scope"), "shared"),
            Scope::Sample(k) => assert_eq!(
                (text(&g, "scope").as_str(), get(&g, "point")),
                ("sample", k as f64)
            ),
            Scope::Mean(n) => assert_eq!(
                (text(&g, "scope").as_str(), get(&g, "n")),
                ("mean", n as f64)
            ),
        }
        let value = Reflect::get(&g, &"value".into()).unwrap();
        match e.value {
            Some(v) => assert_eq!(
                value.as_f64().map(f64::to_bits),
                Some(v.to_bits()),
                "{}",
                e.key
            ),
            None => assert!(value.is_undefined(), "{}", e.key),
        }
    }
    assert!(
        non_ascii > 5,
        "the case should have true minus signs and powers of ten"
    );
    let w = Reflect::get(&got, &"words".into()).unwrap();
    assert_eq!(text(&w, "forward"), words.forward);
    assert_eq!(text(&w, "sample"), words.sample);
    assert_eq!(text(&w, "scope"), words.scope);
    let list = |key: &str| -> Vec<String> {
        js_sys::Array::from(&Reflect::get(&w, &key.into()).unwrap())
            .iter()
            .map(|s| s.as_string().unwrap())
            .collect()
    };
    assert_eq!(list("arithmetic"), words.arithmetic);
    assert_eq!(list("story"), words.story);
    let rules = Reflect::get(&w, &"rules".into()).unwrap();
    for r in &words.rules {
        let g = Reflect::get(&rules, &r.key.into()).unwrap();
        assert_eq!(text(&g, "short"), r.short, "{}", r.key);
        let full = Reflect::get(&g, &"full".into()).unwrap().as_string();
        assert_eq!(full, r.full, "{}", r.key);
    }
}
