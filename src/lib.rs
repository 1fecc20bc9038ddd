//! # Backprop Lab
//!
//! The smallest neural network that still needs back-propagation, two sigmoid nodes in a chain:
//!
//! ```text
//! x --w1,b1--> z1 --s--> a1 --w2,b2--> z2 --s--> y_hat --> C(y_hat, y)
//! ```
//!
//! By the chain rule, dC/dw2 = dC/dy_hat * s'(z2) * a1 = delta2 * a1 and
//! dC/dw1 = delta2 * w2 * s'(z1) * x = delta1 * x. delta1 is built from delta2: the error
//! travels backwards from the output, which is why it is called back-propagation.
//!
//! Modules in layers, arrows one way only: each module imports only from modules listed
//! before it (`tests/layers.rs` checks this list against the sources).
//!
//! The math (plain Rust, no wasm types):
//! - [`error`]: [`error::InputError`], the one error of outside input (a leaf)
//! - [`decimal`]: decimal text to the nearest f64 and back, as the standard library reads
//!   and writes it, without its tables (a leaf)
//! - [`format`]: the one way a number is written and spoken: 4 significant digits, a true
//!   minus, "× 10⁻⁴" (built on `decimal`'s digits)
//! - [`activation`]: sigmoid, tanh, ReLU and linear, each with its slope; softplus
//! - [`cost`]: C(y_hat, y) and dC/dy_hat for squared error and cross-entropy; the stable forms
//!   after a sigmoid in one place ([`cost::after_sigmoid`])
//! - [`net`]: parameters, the model (activations and cost), forward, backward of a forward
//!   pass (every chain-rule factor), update, mean gradient, the central-difference check
//! - [`surface`]: the mean cost over a (w1, w2) grid
//! - [`check`]: validation of outside input, with messages that name the field
//!
//! Training:
//! - [`optim`]: optimizers: plain, momentum, Nesterov, RMSProp, Adam, each state per parameter
//! - [`train`]: a training run: phases, bounded history, divergence, deterministic replay
//! - [`race`]: rival runs with other optimizers, kept level with the lead run
//!
//! What is on screen, as data:
//! - [`quiz`]: reproducible exercises from a seed, and the 1% grading rule
//! - [`link`]: the share link: a versioned, tolerant codec of everything on screen
//! - [`palette`]: each optimizer's colour, for the legends and the charts alike
//! - [`diagram`]: the network diagram's layouts, wide and tall: where its nodes and labels
//!   sit, for the page's SVG and the figures alike (a leaf)
//! - [`scenes`]: the teachers' ready-made scenes, each a link and what it shows
//! - [`session`]: [`session::Session`], everything on screen once: the lead run, its race and
//!   how it is shown, to and from a share link
//! - [`view`]: [`view::View`], every number on screen at one moment: known, pending or
//!   withheld, of which moment, one sample's or a mean, and its text and spoken text
//! - [`narration`]: the chain rule in words, written from a view: the forward line, each
//!   factor's rule, the arithmetic, what the phase did
//! - [`chain`]: the chain rule worked on a view's numbers, line by line, as text, LaTeX and
//!   Markdown (the chain-rule figure and a teacher's notes); with `charts`
//! - [`pictures`]: each picture in words (loss curve, slope plots, map), with a table behind
//!   it, for a learner who cannot see it; the loss curve as a tone
//! - [`worksheet`]: quiz exercises for paper, with their links and a worked answer key
//!
//! Drawing:
//! - [`chart`]: what the page draws with plotters, generic over the backend (canvas in the
//!   page, SVG in tests); with the `charts` feature (the default), which the page's first
//!   module leaves out
//! - [`figure`]: figures for slides (cost map, network diagram, loss curve, chain rule) with a
//!   caption, as SVG and PNG, for the figure command and the page's Export alike; with `charts`
//!
//! Bindings:
//! - [`web`]: the only module that knows about JavaScript: `#[wasm_bindgen]` exports

pub mod activation;
// Only the figures use it: in the page's first part (no `charts`) even unused, it cost 1.4 KB
// gzipped (measured), through the formatter's code being laid out differently.
#[cfg(feature = "charts")]
pub mod chain;
#[cfg(feature = "charts")]
pub mod chart;
pub mod check;
pub mod cost;
pub mod decimal;
pub mod diagram;
pub mod error;
#[cfg(feature = "charts")]
pub mod figure;
pub mod format;
pub mod link;
pub mod narration;
pub mod net;
pub mod optim;
pub mod palette;
pub mod pictures;
pub mod quiz;
pub mod race;
pub mod scenes;
pub mod session;
pub mod surface;
pub mod train;
pub mod view;
pub mod web;
pub mod worksheet;

pub use activation::Activation;
pub use cost::Cost;
pub use net::{Backward, Forward, Gradient, Model, Params, Sample, update};
