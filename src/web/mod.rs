//! The JavaScript API: the only module that knows about `JsValue`.
//!
//! Each export converts its arguments with serde-wasm-bindgen, validates them with
//! [`crate::check`], calls the core and converts the result back to a plain JS object with
//! camelCase fields. Bad input becomes a thrown JS `Error` whose message names the field.
//!
//! - `args`: JsValue in, checked Rust values out, and back
//! - `api`: the math, the link codec, the number parser and the quiz
//! - `session`: the `Session` class, the page's one session
//! - `draw` (wasm32 only, with the `charts` feature): the canvas drawings

mod api;
mod args;
#[cfg(all(target_arch = "wasm32", feature = "charts"))]
mod draw;
mod session;

pub use api::*;
#[cfg(all(target_arch = "wasm32", feature = "charts"))]
pub use draw::*;
pub use session::Session;
