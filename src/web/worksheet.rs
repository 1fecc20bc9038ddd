//! The worksheet's one export: in the whole core, as the worksheet page loads it (its objects
//! go through serde-wasm-bindgen, which the first part leaves out).

use super::api::seed_arg;
use super::args::err;
use crate::check;
use crate::link;
use crate::worksheet;
use wasm_bindgen::prelude::*;

/// A worksheet of quiz exercises (`crate::worksheet`): `worksheet(link, firstSeed, count)` ->
/// `[{ seed, link, cost, hidden, output, given: [[symbol, value]], forward, asked: [symbol],
/// answers: [[symbol, value]], worked: [line] }]`, each exercise the quiz of its seed over the
/// state of `link` (the teacher's page), `link` the query that opens it.
#[wasm_bindgen]
pub fn worksheet(link: &str, first_seed: f64, count: f64) -> Result<JsValue, JsError> {
    let first = seed_arg(first_seed)?;
    if !(count.is_finite() && count.fract() == 0.0 && count >= 1.0) {
        return Err(JsError::new(&format!(
            "exercises must be a whole number from 1 to {}, got {}",
            worksheet::MAX_EXERCISES,
            check::js_number(count)
        )));
    }
    let (base, _) = link::decode(link);
    let sheet = worksheet::worksheet(&base, first, count.min(1e6) as usize).map_err(err)?;
    Ok(serde_wasm_bindgen::to_value(&sheet)?)
}
