//! The JavaScript API: the only module that knows about `JsValue`.
//!
//! Each export reads its arguments (their shape by hand, their numbers by [`crate::check`]),
//! calls the core and writes the result as a plain JS object with camelCase fields. Bad input
//! becomes a thrown JS `Error` whose message names the field (the drawings' options: the
//! argument).
//!
//! - `js`: reading a JS value field by field, naming the field in errors; building objects
//! - `convert`: each core type as its JS object and back (the JS names of their fields)
//! - `args`: each kind of argument read and checked
//! - `api`: the math, the link codec, the number parser and the quiz
//! - `session`: the `Session` class, the page's one session
//! - `draw` (wasm32 only, with the `charts` feature): the canvas drawings, whose options and
//!   geometry go through serde-wasm-bindgen (only in the whole core, where size matters less)
//! - `figure` (wasm32 only, with `charts`): the slide exports, `Session.figureSvg` and
//!   `Session.chainRule`, drawn by `crate::figure` as the figure command draws them
//! - `worksheet` (likewise): the printable worksheet's exercises

mod api;
mod args;
mod convert;
#[cfg(all(target_arch = "wasm32", feature = "charts"))]
mod draw;
#[cfg(all(target_arch = "wasm32", feature = "charts"))]
mod figure;
mod js;
mod session;
#[cfg(all(target_arch = "wasm32", feature = "charts"))]
mod worksheet;

pub use api::*;
#[cfg(all(target_arch = "wasm32", feature = "charts"))]
pub use draw::*;
pub use session::Session;
#[cfg(all(target_arch = "wasm32", feature = "charts"))]
pub use worksheet::*;
