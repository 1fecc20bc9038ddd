//! The figure command's options: its usage text and a parser that reads them (a share link
//! first, then individual options over it) into [`FigureOptions`], with errors that name the
//! option.

use crate::check::{self, VALUE_LIMIT};
use crate::cost::Cost;
use crate::error::InputError;
use crate::link::{self, MAX_ITERATIONS, State};
use crate::session;

/// Which pictures a figure holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panels {
    Map,
    Network,
    /// The map and the diagram, side by side (stacked on a squarish canvas).
    #[default]
    Both,
    /// The loss curve of the run (and its race).
    Loss,
    /// The chain rule worked on the numbers of the point shown.
    Chain,
}

impl Panels {
    /// The default canvas size for these panels: a 16:9 slide for both, and shapes that fit
    /// each picture alone.
    pub fn default_size(self) -> (u32, u32) {
        match self {
            Panels::Both => (1600, 900),
            Panels::Map => (1000, 900),
            Panels::Network => (1400, 560),
            Panels::Loss | Panels::Chain => (1600, 900),
        }
    }

    /// The name the command's `--figure` and the page's `figureSvg` take.
    pub fn name(self) -> &'static str {
        match self {
            Panels::Map => "map",
            Panels::Network => "network",
            Panels::Both => "both",
            Panels::Loss => "loss",
            Panels::Chain => "chain",
        }
    }

    /// Every kind, in the order the help lists them.
    pub const ALL: [Panels; 5] = [
        Panels::Map,
        Panels::Network,
        Panels::Both,
        Panels::Loss,
        Panels::Chain,
    ];

    /// The kind with this name.
    pub fn named(name: &str) -> Option<Panels> {
        Panels::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The largest `scale` (PNG pixels per figure unit).
pub const MAX_SCALE: f64 = 4.0;

/// The figure's heading.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Title {
    /// What is shown: iteration, cost, learning rate, optimizer, the data.
    #[default]
    Auto,
    /// No heading: the pictures fill the canvas.
    None,
    Text(String),
}

/// How to draw a figure.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureStyle {
    pub panels: Panels,
    pub dark: bool,
    pub title: Title,
    /// Pixels per figure unit, 1 to [`MAX_SCALE`]: a PNG's size is the figure's times this
    /// (the same layout, sharper), and an SVG's heatmap has this many pixels per unit.
    pub scale: f64,
}

impl Default for FigureStyle {
    fn default() -> FigureStyle {
        FigureStyle {
            panels: Panels::default(),
            dark: false,
            title: Title::default(),
            scale: 1.0,
        }
    }
}

/// Everything the command was asked to do.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureOptions {
    /// Files to write; each one's extension (.svg or .png) picks the backend.
    pub outputs: Vec<String>,
    /// The state drawn: the link's, with the individual options applied over it.
    pub state: State,
    /// Parts of the link that were not used (and why), for the command to print.
    pub warnings: Vec<String>,
    pub style: FigureStyle,
    pub width: u32,
    pub height: u32,
    /// For a quiz link: the answers are shown instead of "?".
    pub answers: bool,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Help,
    Render(Box<FigureOptions>),
}

/// A bad command line: the input error whose field is the option (or argument) at fault.
pub type ArgError = InputError;

fn arg_error(option: &str, problem: impl Into<String>) -> ArgError {
    InputError::new(option, problem)
}

/// The command's help text.
pub const USAGE: &str = "\
Renders the cost surface with the descent path, the network diagram with its forward and
backward values, the loss curve, or the chain rule worked on the numbers, to SVG and PNG:
figures for slides and worksheets, each with a caption line, no browser needed. The page's
Export makes the same SVG (Export › Slide, PNG size 2× is --scale 2).

Usage:
  cargo run --release --example figure -- --out FILE [--out FILE ...] [options] [LINK]

LINK is a share link from the page (Copy link), the whole URL or only its query string, e.g.
  'https://example.org/lab/?v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.8_0.1&cost=squared&lr=1&it=120'
  'w1=6&w2=6&lr=5&it=300'
Quote it: & and ? mean something to the shell. The training it describes is replayed exactly
as the page replays it, so the path and every number are the ones the page shows. A link with
a race (race=momentum_0.9,adam) draws each rival's path and ball too, with a key; one with
act1= or act2= draws those activations. A quiz link (quiz=N) draws that exercise with delta2,
delta1 and the weight gradients as \"?\".

Output:
  --out FILE           write FILE; .svg or .png picks the format (repeat for both)
  --figure WHAT        map, network, both, loss (the loss curve) or chain (the chain rule
                       worked on the numbers of the point shown) (default: both)
  --width PX           figure width (default 1600; 1000 map, 1400 network)
  --height PX          figure height (default 900; 560 network)
  --scale N            a PNG's pixels per figure pixel, 1 to 4 (default 1; the page's
                       Export uses 2): the same figure, sharper. An SVG's heatmap gets
                       as many pixels per unit.
  --theme THEME        light (default) or dark
  --title TEXT         the heading; --title '' for none (default: what is shown, in words)
  --answers            for a quiz link: show the answers (an answer key)

State (each overrides the link's value):
  --w1, --b1, --w2, --b2 NUMBER   the weights training starts from
  --x NUMBER, --y NUMBER          input and target of the chosen training point (y from 0 to 1)
  --data X_Y,X_Y,...              the training set, as in a link (1 to 12 points)
  --cost NAME                     squared or cross-entropy
  --lr NUMBER                     learning rate (greater than 0)
  --iterations N                  iterations of training to replay from the start (default 0)
  --range W1MIN_W1MAX_W2MIN_W2MAX the map's range (default -8_8_-8_8)
  --log-color                     colour the map by log(cost)

  --help               this text

Examples:
  cargo run --release --example figure -- --out slide.png --out slide.svg \\
    'w1=6&b1=0&w2=6&b2=0&data=0.2_0.9,0.9_0.1&lr=5&it=300'
  cargo run --release --example figure -- --out net.svg --figure network --x 0.5 --y 1
  cargo run --release --example figure -- --out quiz.png 'quiz=7'
  cargo run --release --example figure -- --out key.png --answers 'quiz=7'";

/// Reads the command line (without the program name). Never panics: anything it cannot use
/// is an [`ArgError`] naming the option.
pub fn parse_args<S: AsRef<str>>(args: &[S]) -> Result<Command, ArgError> {
    let mut outputs = Vec::new();
    let mut link_text: Option<String> = None;
    let mut overrides: Vec<(String, String)> = Vec::new();
    let mut panels = Panels::Both;
    let mut width = None;
    let mut height = None;
    let mut dark = false;
    let mut title = Title::Auto;
    let mut answers = false;
    let mut log_color = false;
    let mut scale = 1.0;

    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_ref();
        i += 1;
        if !arg.starts_with("--") || arg == "--" {
            if arg == "--" {
                continue;
            }
            if arg.starts_with('-') && arg.len() > 1 {
                return Err(arg_error(
                    arg,
                    "is not an option (options start with --; see --help)",
                ));
            }
            if let Some(first) = &link_text {
                let name = if arg.trim().is_empty() {
                    "\"\"".to_string()
                } else {
                    shown(arg)
                };
                return Err(arg_error(
                    &name,
                    format!(
                        "is a second link; give one only (the first was {})",
                        shown(first)
                    ),
                ));
            }
            link_text = Some(arg.to_string());
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (arg, None),
        };
        let flag = |inline: &Option<String>| match inline {
            Some(_) => Err(arg_error(name, "takes no value")),
            None => Ok(()),
        };
        match name {
            "--help" => return Ok(Command::Help),
            "--log-color" => {
                flag(&inline)?;
                log_color = true;
                continue;
            }
            "--answers" => {
                flag(&inline)?;
                answers = true;
                continue;
            }
            _ => {}
        }
        const VALUED: [&str; 20] = [
            "--out",
            "--scale",
            "--figure",
            "--width",
            "--height",
            "--theme",
            "--title",
            "--w1",
            "--b1",
            "--w2",
            "--b2",
            "--x",
            "--y",
            "--data",
            "--cost",
            "--lr",
            "--iterations",
            "--range",
            "--it",
            "--learning-rate",
        ];
        if !VALUED.contains(&name) {
            return Err(arg_error(
                name,
                "is not an option this command knows (see --help)",
            ));
        }
        let value = match inline {
            Some(v) => v,
            None => match args.get(i) {
                // A value may be negative ("--w1 -2") but is never another option.
                Some(v) if !v.as_ref().starts_with("--") => {
                    i += 1;
                    v.as_ref().to_string()
                }
                _ => return Err(arg_error(name, "needs a value")),
            },
        };
        match name {
            "--out" => outputs.push(output(&value)?),
            "--figure" => {
                panels = match Panels::named(value.trim()) {
                    Some(p) => p,
                    None => {
                        return Err(arg_error(
                            name,
                            format!(
                                "must be map, network, both, loss or chain, got \"{}\"",
                                shown(value.trim())
                            ),
                        ));
                    }
                }
            }
            "--scale" => scale = check::parse_number(&value, name, 1.0, MAX_SCALE)?,
            "--width" => width = Some(whole(&value, name, 100.0, 10_000.0)? as u32),
            "--height" => height = Some(whole(&value, name, 100.0, 10_000.0)? as u32),
            "--theme" => {
                dark = match value.trim() {
                    "light" => false,
                    "dark" => true,
                    v => {
                        return Err(arg_error(
                            name,
                            format!("must be light or dark, got \"{}\"", shown(v)),
                        ));
                    }
                }
            }
            "--title" => {
                title = if value.trim().is_empty() {
                    Title::None
                } else {
                    Title::Text(value.trim().to_string())
                }
            }
            "--it" => overrides.push(("--iterations".into(), value)),
            "--learning-rate" => overrides.push(("--lr".into(), value)),
            _ => overrides.push((name.to_string(), value)),
        }
    }
    if outputs.is_empty() {
        return Err(arg_error(
            "--out",
            "is missing: name at least one file to write, ending in .svg or .png (see --help)",
        ));
    }

    // The link first, decoded exactly as the page decodes it; then the options over it.
    let mut warnings = Vec::new();
    let mut state = match &link_text {
        Some(text) => {
            let (state, ignored) = link::decode(text);
            for i in ignored {
                warnings.push(format!("the link's {} {}; it was ignored", i.key, i.reason));
            }
            state
        }
        None => State::default(),
    };
    if let Some(seed) = state.quiz {
        // As the page's quiz does: the exercise's weights, sample and cost, a fresh run.
        let (params, sample, cost) = crate::quiz::exercise_for(seed, state.output);
        state.start = params;
        state.samples = vec![sample];
        state.chosen = 0;
        state.cost = cost;
        state.iterations = 0;
    }
    // --data first, so --x and --y edit a point of the new set.
    if let Some(pos) = overrides.iter().position(|(n, _)| n == "--data") {
        let (n, v) = overrides.remove(pos);
        state.samples = via_link("data", &n, &v)?.samples;
        if state.chosen >= state.samples.len() {
            state.chosen = 0;
        }
    }
    for (name, value) in &overrides {
        let name = name.as_str();
        let number = |lo: f64, hi: f64| check::parse_number(value, name, lo, hi);
        match name {
            "--w1" => state.start.w1 = number(-VALUE_LIMIT, VALUE_LIMIT)?,
            "--b1" => state.start.b1 = number(-VALUE_LIMIT, VALUE_LIMIT)?,
            "--w2" => state.start.w2 = number(-VALUE_LIMIT, VALUE_LIMIT)?,
            "--b2" => state.start.b2 = number(-VALUE_LIMIT, VALUE_LIMIT)?,
            "--x" => state.samples[state.chosen].x = number(-VALUE_LIMIT, VALUE_LIMIT)?,
            "--y" => state.samples[state.chosen].y = number(0.0, 1.0)?,
            "--lr" => {
                let lr = number(0.0, check::LEARNING_RATE_LIMIT)?;
                check::learning_rate(lr, name)?;
                state.learning_rate = lr;
            }
            "--iterations" => {
                state.iterations = whole(value, name, 0.0, MAX_ITERATIONS as f64)? as u64
            }
            "--cost" => {
                state.cost = match value.trim() {
                    "squared" | "squared-error" => Cost::Squared,
                    "cross-entropy" | "crossEntropy" => Cost::CrossEntropy,
                    v => {
                        return Err(arg_error(
                            name,
                            format!("must be squared or cross-entropy, got \"{}\"", shown(v)),
                        ));
                    }
                }
            }
            "--range" => {
                let v = via_link("range", name, value)?.view;
                (
                    state.view.w1_min,
                    state.view.w1_max,
                    state.view.w2_min,
                    state.view.w2_max,
                ) = (v.w1_min, v.w1_max, v.w2_min, v.w2_max);
            }
            _ => {}
        }
    }
    if log_color {
        state.view.log_color = true;
    }
    // The pair must make sense (cross-entropy needs a sigmoid output, for one).
    session::settings(&state).check().map_err(|e| {
        if e.field.ends_with("cost") {
            arg_error("--cost", e.problem)
        } else {
            arg_error("the state", format!("({}) {}", e.field, e.problem))
        }
    })?;

    let (w, h) = panels.default_size();
    Ok(Command::Render(Box::new(FigureOptions {
        outputs,
        state,
        warnings,
        style: FigureStyle {
            panels,
            dark,
            title,
            scale,
        },
        width: width.unwrap_or(w),
        height: height.unwrap_or(h),
        answers,
    })))
}

/// An output file name, checked for an extension the command can write.
fn output(value: &str) -> Result<String, ArgError> {
    let v = value.trim();
    match Format::of(v) {
        Some(_) => Ok(v.to_string()),
        None => Err(arg_error(
            "--out",
            format!(
                "\"{}\" must end in .svg or .png (the extension picks the format)",
                shown(v)
            ),
        )),
    }
}

/// The two file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// The format a file name asks for, by its extension (any case).
    pub fn of(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// A whole number in [lo, hi], read with the page's number rules.
fn whole(value: &str, name: &str, lo: f64, hi: f64) -> Result<f64, ArgError> {
    let v = check::parse_number(value, name, lo, hi)?;
    if v.fract() != 0.0 {
        return Err(arg_error(
            name,
            format!("must be a whole number, got {}", check::js_number(v)),
        ));
    }
    Ok(v)
}

/// Reads one link key's value with the link's own rules, so an option accepts exactly what
/// a link does; whatever the link decoder would ignore is an error naming the option.
fn via_link(key: &str, option: &str, value: &str) -> Result<State, ArgError> {
    let escaped: String = value
        .trim()
        .chars()
        .map(|c| match c {
            '%' => "%25".to_string(),
            '&' => "%26".to_string(),
            '#' => "%23".to_string(),
            '+' => "%2B".to_string(),
            '?' => "%3F".to_string(),
            c => c.to_string(),
        })
        .collect();
    let (state, ignored) = link::decode(&format!("{key}={escaped}"));
    match ignored.first() {
        Some(i) => Err(arg_error(option, i.reason.clone())),
        None => Ok(state),
    }
}

/// Outside text in a message: one line, at most 60 characters.
fn shown(text: &str) -> String {
    let mut s: String = text.chars().filter(|c| !c.is_control()).take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}
