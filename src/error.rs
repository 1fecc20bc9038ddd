//! The one error of outside input: which field, and what was wrong with it. A leaf every
//! layer may use (the math checks its own arguments too), so no layer imports another sideways
//! for it.

use std::fmt;

/// Bad input: which field, and what was wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub field: String,
    pub problem: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.problem)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        InputError {
            field: field.into(),
            problem: problem.into(),
        }
    }
}
