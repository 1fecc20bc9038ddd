//! Each kind of argument read and checked: the JS value's shape by [`super::convert`], the
//! numbers by [`crate::check`], with messages that name the field and quote the shape expected.

use super::convert::FromJs;
use super::js::Arg;
use crate::activation::Activation;
use crate::check;
use crate::cost::Cost;
use crate::error::InputError;
use crate::net::{Gradient, Model, Params, Sample};
use crate::surface::GridSpec;
use crate::train::{OnTrouble, Settings};
use wasm_bindgen::prelude::*;

/// What each kind of argument should look like, quoted in error messages.
pub(super) const PARAMS_SHAPE: &str = "an object { w1, b1, w2, b2 } of finite numbers";
pub(super) const SAMPLE_SHAPE: &str = "an object { x, y } with x a finite number and y in [0, 1]";
pub(super) const SAMPLES_SHAPE: &str = "an array of { x, y } objects";
pub(super) const COST_SHAPE: &str = "\"squared\" or \"crossEntropy\"";
pub(super) const GRADS_SHAPE: &str =
    "an object { dCdW1, dCdB1, dCdW2, dCdB2 } (what backward returns)";
pub(super) const GRID_SHAPE: &str = "an object { w1Min, w1Max, w2Min, w2Max, resolution }";
pub(super) const ACTIVATIONS_SHAPE: &str =
    "an object { hidden?, output? }, each \"sigmoid\", \"tanh\", \"relu\" or \"linear\"";
pub(super) const SETTINGS_SHAPE: &str = "an object { samples, cost, learningRate, chosen?, weightRange?, \
     optimizer?, hidden?, output? } (chosen: a sample index)";
pub(super) const STATE_SHAPE: &str = "a state as decodeLink returns it";
pub(super) const SCREEN_SHAPE: &str = "an object { view, speed, hide, embed, quiz?, lesson? }";
pub(super) const RACE_SHAPE: &str =
    "an array of up to 4 optimizers { kind, ...hyper-parameters }, each kind once";

pub(super) fn err(e: InputError) -> JsError {
    JsError::new(&e.to_string())
}

/// A required argument of type T, its shape checked (not yet its numbers).
pub(super) fn read<T: FromJs>(
    value: JsValue,
    name: &str,
    shape: &'static str,
) -> Result<T, JsError> {
    T::from_js(&Arg::required(value, name, shape)?)
}

/// A plain number argument: "x must be a number, got the string \"2\"".
pub(super) fn number(value: JsValue, name: &str) -> Result<f64, JsError> {
    Arg::new(value, name, "").number()
}

pub(super) fn params_arg(value: JsValue) -> Result<Params, JsError> {
    let p: Params = read(value, "params", PARAMS_SHAPE)?;
    check::params(&p, "params").map_err(err)?;
    Ok(p)
}

pub(super) fn sample_arg(value: JsValue) -> Result<Sample, JsError> {
    let s: Sample = read(value, "sample", SAMPLE_SHAPE)?;
    check::sample(&s, "sample").map_err(err)?;
    Ok(s)
}

pub(super) fn grads_arg(value: JsValue) -> Result<Gradient, JsError> {
    let g: Gradient = read(value, "grads", GRADS_SHAPE)?;
    check::gradient(&g, "grads").map_err(err)?;
    Ok(g)
}

pub(super) fn grid_arg(value: JsValue) -> Result<GridSpec, JsError> {
    read(value, "grid", GRID_SHAPE)
}

pub(super) fn cost_arg(value: JsValue) -> Result<Cost, JsError> {
    read(value, "cost", COST_SHAPE)
}

/// The optional `{ hidden, output }` activations argument (sigmoid where left out).
pub(super) fn activations_arg(value: JsValue) -> Result<Activations, JsError> {
    let a = Arg::new(value, "activations", ACTIVATIONS_SHAPE);
    if a.is_absent() {
        return Ok(Activations::default());
    }
    // Only the two nodes' names: a typo would otherwise pass unseen.
    if a.value().is_object() {
        for key in js_sys::Object::keys(a.value().unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if key != "hidden" && key != "output" {
                let shown: String = key.chars().take(24).collect();
                return Err(JsError::new(&format!(
                    "activations.{shown} is not a node: use hidden or output"
                )));
            }
        }
    }
    let node = |key: &str| -> Result<Activation, JsError> {
        a.maybe(key)?
            .map_or(Ok(Activation::Sigmoid), |n| Activation::from_js(&n))
    };
    Ok(Activations {
        hidden: node("hidden")?,
        output: node("output")?,
    })
}

/// The cost and the optional activations: together, what is being trained (checked: cross-
/// entropy needs a sigmoid output).
pub(super) fn model_arg(cost: JsValue, activations: JsValue) -> Result<Model, JsError> {
    let cost = cost_arg(cost)?;
    let a = activations_arg(activations)?;
    let model = Model {
        hidden: a.hidden,
        output: a.output,
        cost,
    };
    model.check("cost").map_err(err)?;
    Ok(model)
}

#[derive(Default)]
pub(super) struct Activations {
    pub(super) hidden: Activation,
    pub(super) output: Activation,
}

pub(super) fn samples_arg(value: JsValue) -> Result<Vec<Sample>, JsError> {
    let samples: Vec<Sample> = read(value, "samples", SAMPLES_SHAPE)?;
    check::samples(&samples, "samples").map_err(err)?;
    Ok(samples)
}

pub(super) fn settings_arg(value: JsValue) -> Result<Settings, JsError> {
    let s: Settings = read(value, "settings", SETTINGS_SHAPE)?;
    s.check().map_err(err)?;
    Ok(s)
}

pub(super) fn on_trouble_arg(name: &str) -> Result<OnTrouble, JsError> {
    match name {
        "pause" => Ok(OnTrouble::Pause),
        "continue" => Ok(OnTrouble::Continue),
        other => Err(err(InputError::new(
            "onTrouble",
            format!(
                "must be \"pause\" or \"continue\", got \"{}\"",
                other.chars().take(40).collect::<String>()
            ),
        ))),
    }
}

/// A JS iteration count as u64: non-finite or negative counts run nothing.
pub(super) fn count(n: f64) -> u64 {
    if n.is_finite() && n > 0.0 {
        n.min(1e12) as u64
    } else {
        0
    }
}
