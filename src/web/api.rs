//! The math, the link codec, the number parser and the quiz, as plain functions: each converts
//! its arguments, calls the core and converts the result.

use super::args::*;
use crate::activation::Activation;
use crate::check;
use crate::cost::Cost;
use crate::link;
use crate::net::{self, Gradient, Model, Params, Sample};
use crate::optim::{self, Optimizer};
use crate::surface::{self, GridSpec};
use crate::train;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Runs the network forward: `forward({ w1, b1, w2, b2 }, x, activations?)` ->
/// `{ z1, a1, z2, yHat }`; `activations` is `{ hidden, output }` (both sigmoid if left out).
#[wasm_bindgen]
pub fn forward(params: JsValue, x: JsValue, activations: JsValue) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let x = number(&x, "x")?;
    check::input(x, "x").map_err(err)?;
    let a = activations_arg(activations)?;
    let model = Model {
        hidden: a.hidden,
        output: a.output,
        ..Model::default()
    };
    to_js(&model.forward(&p, x))
}

/// Forward then backward for one sample: `backward(params, { x, y }, cost, activations?)` ->
/// `{ cost, dCdYHat, dYHatdZ2, delta2, dCdW2, dCdB2, dZ2dA1, dA1dZ1, delta1, dCdW1, dCdB1 }`.
#[wasm_bindgen]
pub fn backward(
    params: JsValue,
    sample: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let s: Sample = from_js(sample, "sample", SAMPLE_SHAPE)?;
    check::sample(&s, "sample").map_err(err)?;
    let model = model_arg(cost, activations)?;
    to_js(&model.pass(&p, s).1)
}

/// One gradient-descent step: `update(params, grads, learningRate)` -> new params.
#[wasm_bindgen]
pub fn update(params: JsValue, grads: JsValue, learning_rate: JsValue) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let g: Gradient = from_js(grads, "grads", GRADS_SHAPE)?;
    check::gradient(&g, "grads").map_err(err)?;
    let lr = number(&learning_rate, "learningRate")?;
    check::learning_rate(lr, "learningRate").map_err(err)?;
    let next = net::update(&p, &g, lr);
    check::stepped(&next, lr).map_err(err)?;
    to_js(&next)
}

/// Mean cost and gradient over a training set:
/// `meanGradient(params, samples, cost, activations?)` ->
/// `{ cost, dCdW1, dCdB1, dCdW2, dCdB2 }`, ready for `update`.
#[wasm_bindgen(js_name = meanGradient)]
pub fn mean_gradient(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let samples = samples_arg(samples)?;
    let model = model_arg(cost, activations)?;
    to_js(&model.mean_gradient(&p, &samples))
}

/// The same shape as `meanGradient`, estimated by central differences (the gradient check).
#[wasm_bindgen(js_name = numericalGradient)]
pub fn numerical_gradient(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let samples = samples_arg(samples)?;
    let model = model_arg(cost, activations)?;
    to_js(&model.numerical_gradient(&p, &samples))
}

/// Mean cost over a (w1, w2) grid, b1 and b2 taken from `params`:
/// `costSurface(params, samples, cost, { w1Min, w1Max, w2Min, w2Max, resolution },
/// activations?)` -> a `Float32Array` of resolution^2 costs, row i at w2 = w2Min + i*step,
/// column j at w1.
#[wasm_bindgen(js_name = costSurface)]
pub fn cost_surface(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    grid: JsValue,
    activations: JsValue,
) -> Result<js_sys::Float32Array, JsError> {
    let p = params_arg(params)?;
    let samples = samples_arg(samples)?;
    let model = model_arg(cost, activations)?;
    let spec: GridSpec = from_js(grid, "grid", GRID_SHAPE)?;
    let grid = check::grid(&spec, "grid").map_err(err)?;
    let mut out = vec![0.0f32; grid.resolution * grid.resolution];
    surface::cost_surface(p.b1, p.b2, &samples, model, &grid, &mut out);
    Ok(js_sys::Float32Array::from(&out[..]))
}

/// The limits the checks enforce, so the page can say them before the core refuses.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    value_limit: f64,
    learning_rate_limit: f64,
    max_samples: usize,
    min_resolution: usize,
    max_resolution: usize,
    lesson_steps: u32,
    max_points: usize,
    /// The controls a teacher may hide (a link's `hide=`), in the order the page lists them.
    hideable: [&'static str; 15],
    /// [min, max] of each optimizer hyper-parameter, by its name.
    hyper_parameters: HyperLimits,
}

#[derive(Serialize)]
struct HyperLimits {
    beta: [f64; 2],
    rho: [f64; 2],
    beta1: [f64; 2],
    beta2: [f64; 2],
    eps: [f64; 2],
}

/// `limits()` -> `{ valueLimit, learningRateLimit, maxSamples, minResolution, maxResolution,
/// lessonSteps, maxPoints, hideable, hyperParameters: { beta, rho, beta1, beta2, eps } }` (maxPoints:
/// the training-set editor's and a link's limit; each hyper-parameter as [min, max]).
#[wasm_bindgen]
pub fn limits() -> Result<JsValue, JsError> {
    to_js(&Limits {
        value_limit: check::VALUE_LIMIT,
        learning_rate_limit: check::LEARNING_RATE_LIMIT,
        max_samples: check::MAX_SAMPLES,
        min_resolution: check::MIN_RESOLUTION,
        max_resolution: check::MAX_RESOLUTION,
        lesson_steps: link::LESSON_STEPS,
        max_points: link::MAX_POINTS,
        hideable: link::HIDEABLE,
        hyper_parameters: {
            let decay = [0.0, optim::BETA_MAX];
            HyperLimits {
                beta: decay,
                rho: decay,
                beta1: decay,
                beta2: decay,
                eps: [optim::EPS_MIN, optim::EPS_MAX],
            }
        },
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Defaults {
    state: link::State,
    weight_range: f64,
    optimizers: [Optimizer; 5],
}

/// `defaults()` -> `{ state, weightRange, optimizers }`: the state a page opens in (the link
/// codec's default: start weights, data, cost, η, view, ...), the sliders' weight range and
/// each optimizer with its usual hyper-parameters (`[{ kind: "sgd" }, { kind: "momentum",
/// beta: 0.9 }, ...]`). The page keeps no copy of these; it asks.
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsError> {
    to_js(&Defaults {
        state: link::State::default(),
        weight_range: train::WEIGHT_RANGE,
        optimizers: Optimizer::DEFAULTS,
    })
}

/// Writes a share-link query string (no leading `?`) for a state
/// `{ version, start, samples, chosen, cost, learningRate, iterations, speed, view, hide, embed }`.
#[wasm_bindgen(js_name = encodeLink)]
pub fn encode_link(state: JsValue) -> Result<String, JsError> {
    let s: link::State = from_js(state, "state", "a state object as decodeLink returns it")?;
    Ok(link::encode(&s))
}

/// The result of reading a link.
#[derive(Serialize)]
struct Decoded {
    state: link::State,
    ignored: Vec<link::Ignored>,
}

/// Reads a link (query string, hash or whole URL). Never throws for any string: returns
/// `{ state, ignored: [{ key, reason }] }`, bad parts replaced by defaults.
#[wasm_bindgen(js_name = decodeLink)]
pub fn decode_link(text: JsValue) -> Result<JsValue, JsError> {
    let text = text.as_string().unwrap_or_default();
    let (state, ignored) = link::decode(&text);
    to_js(&Decoded { state, ignored })
}

/// Reads a number a person typed: `parseNumber(text, field, lo, hi)` -> `{ value }` or
/// `{ error }` (a sentence naming the field). Never throws, whatever the text.
#[wasm_bindgen(js_name = parseNumber)]
pub fn parse_number(text: JsValue, field: &str, lo: f64, hi: f64) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Parsed {
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<f64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    }
    let text = text.as_string().unwrap_or_default();
    let parsed = match check::parse_number(&text, field, lo, hi) {
        Ok(v) => Parsed {
            value: Some(v),
            error: None,
        },
        Err(e) => Parsed {
            value: None,
            error: Some(e.to_string()),
        },
    };
    to_js(&parsed)
}

/// A quiz exercise from its seed: `quizExercise(seed, output?)` -> `{ params, sample, cost }`.
/// `output` is the output node's activation (default `"sigmoid"`); with another, the cost is
/// squared error, since cross-entropy needs a sigmoid output.
#[wasm_bindgen(js_name = quizExercise)]
pub fn quiz_exercise(seed: f64, output: JsValue) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Exercise {
        params: Params,
        sample: Sample,
        cost: Cost,
    }
    if !(seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed <= 9.007_199_254_740_991e15)
    {
        return Err(JsError::new(&format!(
            "seed must be a whole number from 0 to 2^53 - 1, got {}",
            check::js_number(seed)
        )));
    }
    let output: Activation = if output.is_undefined() || output.is_null() {
        Activation::Sigmoid
    } else {
        from_js(
            output,
            "output",
            "\"sigmoid\", \"tanh\", \"relu\" or \"linear\"",
        )?
    };
    let (params, sample, cost) = crate::quiz::exercise_for(seed as u64, output);
    to_js(&Exercise {
        params,
        sample,
        cost,
    })
}

/// Whether a predicted value is within 1% of the true one: `quizGrade(predicted, truth)`.
#[wasm_bindgen(js_name = quizGrade)]
pub fn quiz_grade(predicted: f64, truth: f64) -> bool {
    crate::quiz::grade(predicted, truth)
}
