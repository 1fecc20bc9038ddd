//! The math, the link codec, the number parser and the quiz, as plain functions: each converts
//! its arguments, calls the core and converts the result.

use super::args::*;
use super::convert::{FromJs, ToJs};
use super::js::{Arg, Obj, array};
use crate::activation::Activation;
use crate::check;
use crate::link;
use crate::net::{self, Model};
use crate::optim::{self, Optimizer};
use crate::surface;
use crate::train;
use crate::worksheet;
use wasm_bindgen::prelude::*;

/// Runs the network forward: `forward({ w1, b1, w2, b2 }, x, activations?)` ->
/// `{ z1, a1, z2, yHat }`; `activations` is `{ hidden, output }` (both sigmoid if left out).
#[wasm_bindgen]
pub fn forward(params: JsValue, x: JsValue, activations: JsValue) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let x = number(x, "x")?;
    check::input(x, "x").map_err(err)?;
    let a = activations_arg(activations)?;
    let model = Model {
        hidden: a.hidden,
        output: a.output,
        ..Model::default()
    };
    Ok(model.forward(&p, x).to_js())
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
    let s = sample_arg(sample)?;
    let model = model_arg(cost, activations)?;
    Ok(model.pass(&p, s).1.to_js())
}

/// One gradient-descent step: `update(params, grads, learningRate)` -> new params.
#[wasm_bindgen]
pub fn update(params: JsValue, grads: JsValue, learning_rate: JsValue) -> Result<JsValue, JsError> {
    let p = params_arg(params)?;
    let g = grads_arg(grads)?;
    let lr = number(learning_rate, "learningRate")?;
    check::learning_rate(lr, "learningRate").map_err(err)?;
    let next = net::update(&p, &g, lr);
    check::stepped(&next, lr).map_err(err)?;
    Ok(next.to_js())
}

/// The arguments of a function over a training set: the parameters, the samples, and the
/// model their cost and activations make.
fn over_set(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<(net::Params, Vec<net::Sample>, Model), JsError> {
    Ok((
        params_arg(params)?,
        samples_arg(samples)?,
        model_arg(cost, activations)?,
    ))
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
    let (p, samples, model) = over_set(params, samples, cost, activations)?;
    Ok(model.mean_gradient(&p, &samples).to_js())
}

/// The same shape as `meanGradient`, estimated by central differences (the gradient check).
#[wasm_bindgen(js_name = numericalGradient)]
pub fn numerical_gradient(
    params: JsValue,
    samples: JsValue,
    cost: JsValue,
    activations: JsValue,
) -> Result<JsValue, JsError> {
    let (p, samples, model) = over_set(params, samples, cost, activations)?;
    Ok(model.numerical_gradient(&p, &samples).to_js())
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
    let (p, samples, model) = over_set(params, samples, cost, activations)?;
    let grid = check::grid(&grid_arg(grid)?, "grid").map_err(err)?;
    let mut out = vec![0.0f32; grid.resolution * grid.resolution];
    // The whole core runs the fast exact path; the first part keeps the plain loop, whose
    // few hundred bytes it can afford (the same means to ~1e-13, see surface/exact.rs).
    #[cfg(feature = "charts")]
    surface::cost_surface_exact(p.b1, p.b2, &samples, model, &grid, &mut out);
    #[cfg(not(feature = "charts"))]
    surface::cost_surface(p.b1, p.b2, &samples, model, &grid, &mut out);
    Ok(js_sys::Float32Array::from(&out[..]))
}

/// `limits()` -> `{ valueLimit, learningRateLimit, maxSamples, minResolution, maxResolution,
/// lessonSteps, maxPoints, hideable, teacherTools, pitch, speeds, maxSeed, maxExercises,
/// hyperParameters: { beta, rho, beta1,
/// beta2, eps } }`: the limits the checks enforce, so the page can say them before the core
/// refuses (maxPoints: the training-set editor's and a link's limit; hideable: the controls a
/// teacher may hide with a link's `hide=`, in the order the page lists them; teacherTools: the
/// ones a student link hides besides; pitch: the 3D view's [min, max]; speeds: Play's speeds,
/// slowest first, each `{ label, perSecond, animate }` (a link's `speed` indexes them); maxSeed: a quiz's
/// largest seed; maxExercises: a worksheet's; each hyper-parameter as [min, max]).
#[wasm_bindgen]
pub fn limits() -> Result<JsValue, JsError> {
    let pair = |[lo, hi]: [f64; 2]| array([JsValue::from_f64(lo), JsValue::from_f64(hi)]);
    let decay = [0.0, optim::BETA_MAX];
    Ok(Obj::new()
        .num("valueLimit", check::VALUE_LIMIT)
        .num("learningRateLimit", check::LEARNING_RATE_LIMIT)
        .num("maxSamples", check::MAX_SAMPLES as f64)
        .num("minResolution", check::MIN_RESOLUTION as f64)
        .num("maxResolution", check::MAX_RESOLUTION as f64)
        .num("lessonSteps", f64::from(link::LESSON_STEPS))
        .num("maxPoints", link::MAX_POINTS as f64)
        .set("hideable", array(link::HIDEABLE.map(JsValue::from_str)))
        .set(
            "teacherTools",
            array(link::TEACHER_TOOLS.map(JsValue::from_str)),
        )
        .set("pitch", pair([link::PITCH_MIN, link::PITCH_MAX]))
        .set(
            "speeds",
            array(link::SPEEDS.iter().map(|s| {
                Obj::new()
                    .str("label", s.label)
                    .num("perSecond", s.per_second)
                    .flag("animate", s.animate)
                    .done()
            })),
        )
        .num("maxSeed", link::MAX_SEED as f64)
        .num("maxExercises", worksheet::MAX_EXERCISES as f64)
        .set(
            "hyperParameters",
            Obj::new()
                .set("beta", pair(decay))
                .set("rho", pair(decay))
                .set("beta1", pair(decay))
                .set("beta2", pair(decay))
                .set("eps", pair([optim::EPS_MIN, optim::EPS_MAX]))
                .done(),
        )
        .done())
}

/// `defaults()` -> `{ state, weightRange, exercises, optimizers }`: the state a page opens in
/// (the link codec's default: start weights, data, cost, η, view, ...), the sliders' weight
/// range, a worksheet's number of exercises, and
/// each optimizer with its usual hyper-parameters (`[{ kind: "sgd" }, { kind: "momentum",
/// beta: 0.9 }, ...]`). The page keeps no copy of these; it asks.
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsError> {
    Ok(Obj::new()
        .set("state", link::State::default().to_js())
        .num("weightRange", train::WEIGHT_RANGE)
        .num("exercises", worksheet::DEFAULT_EXERCISES as f64)
        .set("optimizers", Optimizer::DEFAULTS.to_js())
        .done())
}

/// Writes a share-link query string (no leading `?`) for a state
/// `{ version, start, samples, chosen, cost, learningRate, iterations, speed, view, hide, embed }`.
#[wasm_bindgen(js_name = encodeLink)]
pub fn encode_link(state: JsValue) -> Result<String, JsError> {
    let s: link::State = read(state, "state", STATE_SHAPE)?;
    Ok(link::encode(&s))
}

/// Reads a link (query string, hash or whole URL). Never throws for any string: returns
/// `{ state, ignored: [{ key, reason }] }`, bad parts replaced by defaults.
#[wasm_bindgen(js_name = decodeLink)]
pub fn decode_link(text: JsValue) -> Result<JsValue, JsError> {
    let text = text.as_string().unwrap_or_default();
    let (state, ignored) = link::decode(&text);
    Ok(Obj::new()
        .set("state", state.to_js())
        .set("ignored", ignored.to_js())
        .done())
}

/// Reads a number a person typed: `parseNumber(text, field, lo, hi)` -> `{ value }` or
/// `{ error }` (a sentence naming the field). Never throws, whatever the text.
#[wasm_bindgen(js_name = parseNumber)]
pub fn parse_number(text: JsValue, field: &str, lo: f64, hi: f64) -> Result<JsValue, JsError> {
    let text = text.as_string().unwrap_or_default();
    Ok(match check::parse_number(&text, field, lo, hi) {
        Ok(v) => Obj::new().num("value", v),
        Err(e) => Obj::new().str("error", &e.to_string()),
    }
    .done())
}

/// A quiz exercise from its seed: `quizExercise(seed, output?)` -> `{ params, sample, cost }`.
/// `output` is the output node's activation (default `"sigmoid"`); with another, the cost is
/// squared error, since cross-entropy needs a sigmoid output.
#[wasm_bindgen(js_name = quizExercise)]
pub fn quiz_exercise(seed: f64, output: JsValue) -> Result<JsValue, JsError> {
    let seed = seed_arg(seed)?;
    let output = Arg::new(
        output,
        "output",
        "\"sigmoid\", \"tanh\", \"relu\" or \"linear\"",
    );
    let output = if output.is_absent() {
        Activation::Sigmoid
    } else {
        Activation::from_js(&output)?
    };
    let (params, sample, cost) = crate::quiz::exercise_for(seed, output);
    Ok(Obj::new()
        .set("params", params.to_js())
        .set("sample", sample.to_js())
        .set("cost", cost.to_js())
        .done())
}

/// Whether a predicted value is within 1% of the true one: `quizGrade(predicted, truth)`.
#[wasm_bindgen(js_name = quizGrade)]
pub fn quiz_grade(predicted: f64, truth: f64) -> bool {
    crate::quiz::grade(predicted, truth)
}

/// A number as the page writes it, by the one formatter ([`crate::format`]):
/// `formatNumber(v, signed)` -> "+0.1263", "−2.500", "+1.256 × 10⁻⁷", "0" (`signed`: a "+"
/// on positive numbers, for factors and gradients; without it only negatives carry a sign).
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(v: f64, signed: bool) -> String {
    crate::format::Num::of(v, sign(signed)).text
}

/// The same number as a screen reader should say it: `spokenNumber(v, signed)` ->
/// "plus 0.1263", "minus 1.256 times ten to the minus 7".
#[wasm_bindgen(js_name = spokenNumber)]
pub fn spoken_number(v: f64, signed: bool) -> String {
    crate::format::spoken(v, sign(signed))
}

fn sign(signed: bool) -> crate::format::Sign {
    if signed {
        crate::format::Sign::Always
    } else {
        crate::format::Sign::Negative
    }
}

/// A quiz's seed from JS: a whole number from 0 to 2^53 − 1 (a JS number's exact integers).
pub(super) fn seed_arg(seed: f64) -> Result<u64, JsError> {
    if !(seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed <= link::MAX_SEED as f64) {
        return Err(JsError::new(&format!(
            "seed must be a whole number from 0 to 2^53 - 1, got {}",
            check::js_number(seed)
        )));
    }
    Ok(seed as u64)
}

/// The teachers' ready-made scenes: `scenes()` -> `[{ label, why, link }]` (`why`: the one
/// line that says what the scene shows; `link`: a share link's query string). Each is held to
/// its claim by the core's tests.
#[wasm_bindgen]
pub fn scenes() -> JsValue {
    array(crate::scenes::SCENES.iter().map(|s| {
        Obj::new()
            .str("label", s.label)
            .str("why", s.why)
            .str("link", s.link)
            .done()
    }))
}

/// The network diagram's layouts, the core's one copy ([`crate::diagram`]):
/// `networkLayout()` -> `{ wide, tall }`, each `{ viewBox: [x, y, width, height], nodes: { x,
/// h, o, c }, r, inputR, costBox: [halfWidth, halfHeight, cornerRadius], arrows: [forward,
/// backward], labels: { key: [x, y, anchor, slotLeft, slotRight] } }` in the SVG's units:
/// each node's centre as [x, y], the neurons' and the input's radius, the legend's arrows,
/// each label's anchor point (y its baseline), its `text-anchor` and the room on its row it
/// owns.
#[wasm_bindgen(js_name = networkLayout)]
pub fn network_layout() -> JsValue {
    Obj::new()
        .set("wide", layout_js(&crate::diagram::WIDE))
        .set("tall", layout_js(&crate::diagram::TALL))
        .done()
}

/// One layout as `networkLayout()` writes it, with arrays pushed to one by one (the first
/// part's smallest way, measured: every byte of it counts against its 80 KB).
#[inline(never)]
fn layout_js(g: &crate::diagram::Layout) -> JsValue {
    let nums = |v: &[i16]| {
        let a = js_sys::Array::new();
        for &v in v {
            a.push(&JsValue::from_f64(v.into()));
        }
        a
    };
    let mut nodes = Obj::new();
    for (name, p) in ["x", "h", "o", "c"].iter().zip(&g.nodes) {
        nodes = nodes.set(name, nums(p).into());
    }
    let mut labels = Obj::new();
    for l in &g.labels {
        // [x, y, anchor, slotLeft, slotRight]
        let place = nums(&[l.x, l.y]);
        place.push(&l.anchor.name().into());
        for &v in &l.slot {
            place.push(&JsValue::from_f64(v.into()));
        }
        labels = labels.set(l.key, place.into());
    }
    let arrows = js_sys::Array::new();
    for a in g.arrows {
        arrows.push(&a.into());
    }
    Obj::new()
        .set("viewBox", nums(&g.view_box).into())
        .set("nodes", nodes.done())
        .num("r", g.r.into())
        .num("inputR", g.input_r.into())
        .set("costBox", nums(&g.cost_box).into())
        .set("arrows", arrows.into())
        .set("labels", labels.done())
        .done()
}
