//! Validation of everything that arrives from outside the core (the JS API, the share link).
//!
//! The math functions assume valid input; these checks turn bad input into an
//! [`InputError`] that names the field and says what is allowed, so nothing downstream ever
//! sees NaN, and no user ever sees a panic.

use crate::error::InputError;
use crate::net::{Gradient, Params, Sample};
use crate::surface::{Grid, GridSpec};

/// Largest |w|, |b| or |x| accepted. Far beyond anything the page's sliders reach, and small
/// enough that z1 = w1*x + b1, the gradients and one update step all stay finite.
pub const VALUE_LIMIT: f64 = 1e6;
/// Largest learning rate accepted (the page offers 0.001 to 100).
pub const LEARNING_RATE_LIMIT: f64 = 1e6;
/// Most samples in a training set.
pub const MAX_SAMPLES: usize = 1000;
/// Smallest and largest surface grid (points per side).
pub const MIN_RESOLUTION: usize = 2;
pub const MAX_RESOLUTION: usize = 2048;

/// Writes a number the way JS would, so messages read naturally on the page.
pub fn js_number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if v != 0.0 && (v.abs() >= 1e21 || v.abs() < 1e-6) {
        // Like JS, exponent form for the very large and very small: 1e308, 2.5e-7.
        crate::decimal::exponent_form(v)
    } else {
        crate::decimal::Shortest(v).to_string()
    }
}

/// Checks that `value` is a finite number in [lo, hi].
pub fn number_in(field: &str, value: f64, lo: f64, hi: f64) -> Result<f64, InputError> {
    if value.is_finite() && (lo..=hi).contains(&value) {
        return Ok(value);
    }
    let what = if value.is_finite() {
        "must be between"
    } else {
        "must be a finite number between"
    };
    Err(InputError::new(
        field,
        format!(
            "{what} {} and {}, got {}",
            js_number(lo),
            js_number(hi),
            js_number(value)
        ),
    ))
}

/// w1, b1, w2, b2 each finite and within +-[`VALUE_LIMIT`].
pub fn params(p: &Params, name: &str) -> Result<(), InputError> {
    for (field, value) in p.fields() {
        number_in(&format!("{name}.{field}"), value, -VALUE_LIMIT, VALUE_LIMIT)?;
    }
    Ok(())
}

/// x finite and within +-[`VALUE_LIMIT`]; y in [0, 1] (a target probability).
pub fn sample(s: &Sample, name: &str) -> Result<(), InputError> {
    input(s.x, &format!("{name}.x"))?;
    number_in(&format!("{name}.y"), s.y, 0.0, 1.0)?;
    Ok(())
}

/// The input x alone.
pub fn input(x: f64, name: &str) -> Result<(), InputError> {
    number_in(name, x, -VALUE_LIMIT, VALUE_LIMIT).map(|_| ())
}

/// A list of at most `max` items: "{name} may hold at most {max} {items}, got {n}" if longer.
pub fn at_most(n: usize, max: usize, name: &str, items: &str) -> Result<(), InputError> {
    if n > max {
        return Err(InputError::new(
            name,
            format!("may hold at most {max} {items}, got {n}"),
        ));
    }
    Ok(())
}

/// 1 to [`MAX_SAMPLES`] valid samples.
pub fn samples(samples: &[Sample], name: &str) -> Result<(), InputError> {
    if samples.is_empty() {
        return Err(InputError::new(
            name,
            "must hold at least one sample { x, y }",
        ));
    }
    at_most(samples.len(), MAX_SAMPLES, name, "samples")?;
    for (i, s) in samples.iter().enumerate() {
        sample(s, &format!("{name}[{i}]"))?;
    }
    Ok(())
}

/// A positive, finite learning rate up to [`LEARNING_RATE_LIMIT`].
pub fn learning_rate(lr: f64, name: &str) -> Result<(), InputError> {
    number_in(name, lr, 0.0, LEARNING_RATE_LIMIT)?;
    if lr == 0.0 {
        return Err(InputError::new(
            name,
            "must be greater than 0 (with 0, gradient descent never moves)",
        ));
    }
    Ok(())
}

/// Each gradient component finite.
pub fn gradient(g: &Gradient, name: &str) -> Result<(), InputError> {
    for (field, value) in [
        ("dCdW1", g.d_c_d_w1),
        ("dCdB1", g.d_c_d_b1),
        ("dCdW2", g.d_c_d_w2),
        ("dCdB2", g.d_c_d_b2),
    ] {
        if !value.is_finite() {
            return Err(InputError::new(
                format!("{name}.{field}"),
                format!("must be a finite number, got {}", js_number(value)),
            ));
        }
    }
    Ok(())
}

/// The result of an update step, which a large learning rate can push out of range.
pub fn stepped(p: &Params, learning_rate: f64) -> Result<(), InputError> {
    params(p, "update result").map_err(|e| {
        InputError::new(
            e.field,
            format!(
                "{}: learning rate {} is too large for this gradient",
                e.problem,
                js_number(learning_rate)
            ),
        )
    })
}

/// A surface grid: finite ranges with min < max, and an integer resolution in
/// [`MIN_RESOLUTION`, `MAX_RESOLUTION`].
pub fn grid(spec: &GridSpec, name: &str) -> Result<Grid, InputError> {
    let range = |lo_name: &str, lo: f64, hi_name: &str, hi: f64| {
        number_in(&format!("{name}.{lo_name}"), lo, -VALUE_LIMIT, VALUE_LIMIT)?;
        number_in(&format!("{name}.{hi_name}"), hi, -VALUE_LIMIT, VALUE_LIMIT)?;
        if lo >= hi {
            return Err(InputError::new(
                format!("{name}.{lo_name}"),
                format!(
                    "must be less than {hi_name} ({}), got {}",
                    js_number(hi),
                    js_number(lo)
                ),
            ));
        }
        Ok(())
    };
    range("w1Min", spec.w1_min, "w1Max", spec.w1_max)?;
    range("w2Min", spec.w2_min, "w2Max", spec.w2_max)?;
    let r = spec.resolution;
    let (lo, hi) = (MIN_RESOLUTION as f64, MAX_RESOLUTION as f64);
    if !(r.is_finite() && r.fract() == 0.0 && (lo..=hi).contains(&r)) {
        return Err(InputError::new(
            format!("{name}.resolution"),
            format!(
                "must be a whole number from {MIN_RESOLUTION} to {MAX_RESOLUTION}, got {}",
                js_number(r)
            ),
        ));
    }
    Ok(Grid {
        w1_min: spec.w1_min,
        w1_max: spec.w1_max,
        w2_min: spec.w2_min,
        w2_max: spec.w2_max,
        resolution: r as usize,
    })
}

/// Longest text accepted as a number (a typed value, a table cell).
pub const MAX_NUMBER_TEXT: usize = 64;

/// Reads a number a person typed (a slider's exact-value field, a quiz answer, a training-set
/// cell) and checks it is within [lo, hi]. Forgiving where it is unambiguous, as people write
/// numbers: surrounding spaces, a Unicode minus sign, spaces between digit groups ("1 000 000",
/// "0.000 125", with a plain, no-break or thin space), and a decimal comma ("0,007686", as
/// much of the world writes it). Where a comma could be either a decimal comma or a thousands
/// separator ("1,500": one and a half, or fifteen hundred?) it asks rather than guesses; a
/// comma beside a point, or two commas, is refused with a hint; "inf" and "NaN" are refused.
pub fn parse_number(text: &str, field: &str, lo: f64, hi: f64) -> Result<f64, InputError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InputError::new(field, "needs a number"));
    }
    if t.chars().count() > MAX_NUMBER_TEXT {
        return Err(InputError::new(field, "is too long to be a number"));
    }
    // Spaces between digit groups go; a comma is a decimal comma where it can only be one.
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}'))
        .collect();
    let commas = t.matches(',').count();
    if commas > 0 {
        let grouped = "needs a number without commas between thousands: write 1000 or 1 000";
        if commas > 1 {
            return Err(InputError::new(field, grouped));
        }
        if t.contains('.') {
            return Err(InputError::new(
                field,
                "needs one decimal mark, a point or a comma, not both",
            ));
        }
        let (whole, fraction) = t.split_once(',').unwrap_or((t.as_str(), ""));
        let digits = whole.trim_start_matches(['-', '+', '\u{2212}', '\u{2013}']);
        if fraction.len() == 3
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.trim_start_matches('0').is_empty()
        {
            return Err(InputError::new(
                field,
                format!(
                    "is unclear: is \"{t}\" a decimal comma or a thousands separator? Write {whole}.{fraction} or {whole}{fraction}"
                ),
            ));
        }
    }
    let t = t.replace(',', ".");
    let s: String = t.replace(['\u{2212}', '\u{2013}'], "-");
    match crate::decimal::parse(&s) {
        Some(v) if v.is_finite() => number_in(field, v, lo, hi),
        _ => {
            let shown: String = text.trim().chars().take(24).collect();
            Err(InputError::new(
                field,
                format!("needs a number; \"{shown}\" is not one"),
            ))
        }
    }
}
