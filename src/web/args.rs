//! Arguments in, results out: JsValue to checked Rust values (with messages that name the
//! field and quote the shape expected) and back to plain camelCase JS objects.

use crate::activation::Activation;
use crate::check;
use crate::cost::Cost;
use crate::error::InputError;
use crate::net::{Model, Params, Sample};
use crate::train::{OnTrouble, Settings};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What each kind of argument should look like, quoted in error messages.
pub(super) const PARAMS_SHAPE: &str = "an object { w1, b1, w2, b2 } of finite numbers";
pub(super) const SAMPLE_SHAPE: &str = "an object { x, y } with x a finite number and y in [0, 1]";
pub(super) const SAMPLES_SHAPE: &str = "an array of { x, y } objects";
pub(super) const COST_SHAPE: &str = "\"squared\" or \"crossEntropy\"";
pub(super) const GRADS_SHAPE: &str =
    "an object { dCdW1, dCdB1, dCdW2, dCdB2 } (what backward returns)";
pub(super) const GRID_SHAPE: &str = "an object { w1Min, w1Max, w2Min, w2Max, resolution }";

pub(super) fn err(e: InputError) -> JsError {
    JsError::new(&e.to_string())
}

/// Deserializes `value`, naming the exact field that failed: "params.w1: invalid type: ..."
/// (with the `field-paths` feature; without it, "params: invalid type: ...").
pub(super) fn from_js<T: DeserializeOwned>(
    value: JsValue,
    name: &str,
    shape: &str,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Err(JsError::new(&format!(
            "{name} is missing: expected {shape}"
        )));
    }
    deserialize(value, name).map_err(|(field, inner)| {
        // serde-wasm-bindgen's errors wrap a JS Error, whose text starts "Error: ".
        let problem = inner.strip_prefix("Error: ").unwrap_or(&inner);
        JsError::new(&format!("{field}: {problem}; expected {shape}"))
    })
}

/// The value, or the failing field's name and serde's message.
#[cfg(feature = "field-paths")]
fn deserialize<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| {
        let field = match e.path().to_string() {
            path if path == "." => name.to_string(),
            path if path.starts_with('[') => format!("{name}{path}"),
            path => format!("{name}.{path}"),
        };
        (field, e.into_inner().to_string())
    })
}

#[cfg(not(feature = "field-paths"))]
fn deserialize<T: DeserializeOwned>(value: JsValue, name: &str) -> Result<T, (String, String)> {
    serde_wasm_bindgen::from_value(value).map_err(|e| (name.to_string(), e.to_string()))
}

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    Ok(serde_wasm_bindgen::to_value(value)?)
}

pub(super) fn number(value: &JsValue, name: &str) -> Result<f64, JsError> {
    value.as_f64().ok_or_else(|| {
        let kind = value.js_typeof().as_string().unwrap_or_default();
        JsError::new(&format!("{name} must be a number, got {kind}"))
    })
}

pub(super) fn params_arg(value: JsValue) -> Result<Params, JsError> {
    let p: Params = from_js(value, "params", PARAMS_SHAPE)?;
    check::params(&p, "params").map_err(err)?;
    Ok(p)
}

pub(super) fn cost_arg(value: JsValue) -> Result<Cost, JsError> {
    if let Some(name) = value.as_string() {
        return Cost::ALL
            .into_iter()
            .find(|c| c.name() == name)
            .ok_or_else(|| {
                let shown: String = name.chars().take(40).collect();
                JsError::new(&format!("cost must be {COST_SHAPE}, got \"{shown}\""))
            });
    }
    from_js(value, "cost", COST_SHAPE)
}

/// The optional `{ hidden, output }` activations argument (sigmoid where left out).
pub(super) fn activations_arg(activations: JsValue) -> Result<Activations, JsError> {
    if activations.is_undefined() || activations.is_null() {
        return Ok(Activations::default());
    }
    // serde-wasm-bindgen only reads the fields it knows, so a typo would pass unseen.
    if activations.is_object() {
        for key in js_sys::Object::keys(activations.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if key != "hidden" && key != "output" {
                let shown: String = key.chars().take(24).collect();
                return Err(JsError::new(&format!(
                    "activations.{shown} is not a node: use hidden or output"
                )));
            }
        }
    }
    from_js(activations, "activations", ACTIVATIONS_SHAPE)
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

#[derive(Default, Deserialize)]
pub(super) struct Activations {
    #[serde(default)]
    pub(super) hidden: Activation,
    #[serde(default)]
    pub(super) output: Activation,
}

pub(super) const ACTIVATIONS_SHAPE: &str =
    "an object { hidden?, output? }, each \"sigmoid\", \"tanh\", \"relu\" or \"linear\"";

pub(super) fn samples_arg(value: JsValue) -> Result<Vec<Sample>, JsError> {
    let samples: Vec<Sample> = from_js(value, "samples", SAMPLES_SHAPE)?;
    check::samples(&samples, "samples").map_err(err)?;
    Ok(samples)
}

pub(super) fn settings_arg(value: JsValue) -> Result<Settings, JsError> {
    let s: Settings = from_js(value, "settings", SETTINGS_SHAPE)?;
    s.check().map_err(err)?;
    Ok(s)
}

pub(super) const SETTINGS_SHAPE: &str = "an object { samples, cost, learningRate, chosen?, weightRange?, \
     optimizer?, hidden?, output? } (chosen: a sample index)";

/// A JS iteration count as u64: non-finite or negative counts run nothing.
pub(super) fn on_trouble_arg(name: &str) -> Result<OnTrouble, JsError> {
    match name {
        "pause" => Ok(OnTrouble::Pause),
        "continue" => Ok(OnTrouble::Continue),
        other => Err(err(InputError::new(
            "onTrouble",
            format!("must be \"pause\" or \"continue\", got {other:?}"),
        ))),
    }
}

pub(super) fn count(n: f64) -> u64 {
    if n.is_finite() && n > 0.0 {
        n.min(1e12) as u64
    } else {
        0
    }
}
