//! The share link: everything that defines what the user sees, as a short query string that
//! reopens the demo exactly as it was.
//!
//! `v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.8_0.1&cost=squared&lr=1&it=120&...`
//!
//! Numbers are written in Rust's shortest round-trip form, so they parse back to the same f64
//! bit for bit; the weights are those at the start of training plus the iteration count, and
//! training is deterministic, so replaying gives the exact path and weights. Decoding never
//! fails: each bad part (unknown key, not a number, out of range, too long, from a newer
//! version) is replaced by its default and reported, and nothing from the link is ever
//! returned as anything but plain data.

use crate::activation::Activation;
use crate::check::{self, VALUE_LIMIT};
use crate::cost::Cost;
use crate::decimal::{self, Shortest};
use crate::net::{Model, Params, Sample};
use crate::optim::Optimizer;
use crate::race::MAX_RIVALS;
use crate::train::WEIGHT_RANGE;
use std::fmt::Write;

/// The link format's version. Bump it when a key changes meaning, and keep decoding the old.
pub const VERSION: u32 = 1;
/// Most points a link may carry (the editor's limit).
pub const MAX_POINTS: usize = 12;
/// Most iterations a link may replay (about a second of work).
pub const MAX_ITERATIONS: u64 = 1_000_000;
/// Links longer than this are cut before decoding.
pub const MAX_LENGTH: usize = 4096;
/// The narrowest range a view may have on either axis.
pub const MIN_SPAN: f64 = 1e-3;
/// One of Play's speeds: its words, how many iterations it runs a second, and whether each
/// phase is animated (at the slow speeds) or iterations run in batches per frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Speed {
    pub label: &'static str,
    pub per_second: f64,
    pub animate: bool,
}

const fn speed(label: &'static str, per_second: f64, animate: bool) -> Speed {
    Speed {
        label,
        per_second,
        animate,
    }
}

/// Play's speeds, slowest first: a link's `speed=` is an index into them, and the page's
/// speed slider has one step each (it asks `limits().speeds`).
pub const SPEEDS: [Speed; 8] = [
    speed("one phase at a time", 0.4, true),
    speed("1 iteration/s", 1.0, true),
    speed("3 iterations/s", 3.0, true),
    speed("10 iterations/s", 10.0, false),
    speed("30 iterations/s", 30.0, false),
    speed("100 iterations/s", 100.0, false),
    speed("300 iterations/s", 300.0, false),
    speed("1000 iterations/s", 1000.0, false),
];

/// How many steps the page's guided lesson has (`lesson=1` to this): the codec checks a
/// link's step against it and the page's lesson is built to match (it asks `limits()`).
pub const LESSON_STEPS: u32 = 13;
/// Controls a teacher may hide: the lab's controls, then the teacher's own tools
/// ([`TEACHER_TOOLS`]).
pub const HIDEABLE: [&str; 18] = [
    "play",
    "step",
    "reset",
    "speed",
    "cost",
    "lr",
    "optimizer",
    "race",
    "activations",
    "weights",
    "inputs",
    "data",
    "view",
    "check",
    "loss",
    "share",
    "export",
    "teacher",
];

/// The teacher's tools (Copy link, Export, For teachers): a student link hides them with the
/// controls the teacher chose, so a class gets the exercise and not the means to change it.
pub const TEACHER_TOOLS: [&str; 3] = ["share", "export", "teacher"];

/// Which picture of the surface is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Map,
    Surface3d,
}

/// The 3D view's angles (radians) where it opens and where "Reset view" turns it back to.
pub const DEFAULT_YAW: f64 = 0.7;
pub const DEFAULT_PITCH: f64 = 0.45;
/// Lower limit of the 3D view's pitch: looking from just above the horizon. The page turns the
/// view within these (it asks `limits()`), so a link holds the angle that is shown.
pub const PITCH_MIN: f64 = 0.05;
/// Upper limit of the pitch: looking almost straight down.
pub const PITCH_MAX: f64 = 1.5;

/// The largest quiz seed: a link's seed is a JS number in the page, exact up to 2^53 − 1.
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// How the surface is viewed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub mode: Mode,
    pub yaw: f64,
    pub pitch: f64,
    pub w1_min: f64,
    pub w1_max: f64,
    pub w2_min: f64,
    pub w2_max: f64,
    pub log_color: bool,
    pub log_loss: bool,
    /// The map's colour scale kept fixed at `[min, max]` (None: each picture's own range).
    pub color_scale: Option<[f64; 2]>,
}

impl Default for View {
    fn default() -> View {
        View {
            mode: Mode::Map,
            yaw: DEFAULT_YAW,
            pitch: DEFAULT_PITCH,
            w1_min: -WEIGHT_RANGE,
            w1_max: WEIGHT_RANGE,
            w2_min: -WEIGHT_RANGE,
            w2_max: WEIGHT_RANGE,
            log_color: false,
            log_loss: false,
            color_scale: None,
        }
    }
}

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub version: u32,
    /// The weights training started from.
    pub start: Params,
    pub samples: Vec<Sample>,
    /// The sample the ledger breaks down.
    pub chosen: usize,
    pub cost: Cost,
    pub learning_rate: f64,
    /// Iterations of gradient descent to replay from `start`.
    pub iterations: u64,
    /// Play speed level: an index into [`SPEEDS`] (0 = one phase at a time).
    pub speed: u32,
    pub view: View,
    /// Controls hidden for a focused exercise.
    pub hide: Vec<String>,
    /// Minimal chrome, for an iframe in course pages.
    pub embed: bool,
    /// Presentation mode, for a projector: the page at 1.5 ×.
    pub present: bool,
    /// How a step uses the gradient (plain gradient descent by default).
    pub optimizer: Optimizer,
    /// Quiz mode, with the exercise's seed: everyone who opens the link gets the same one.
    pub quiz: Option<u64>,
    /// The hidden node's activation.
    pub hidden: Activation,
    /// The output node's activation (cross-entropy needs the sigmoid).
    pub output: Activation,
    /// Optimizers racing the lead run, each with its hyper-parameters.
    pub race: Vec<Optimizer>,
    /// The guided lesson, open at this step (1-based), over the rest of the state.
    pub lesson: Option<u32>,
}

impl Default for State {
    fn default() -> State {
        State {
            version: VERSION,
            start: Params {
                w1: 2.0,
                b1: -0.5,
                w2: 1.5,
                b2: 0.5,
            },
            samples: vec![Sample { x: 0.8, y: 0.1 }],
            chosen: 0,
            cost: Cost::Squared,
            learning_rate: 1.0,
            iterations: 0,
            speed: 1,
            view: View::default(),
            hide: Vec::new(),
            embed: false,
            present: false,
            optimizer: Optimizer::Sgd,
            quiz: None,
            hidden: Activation::Sigmoid,
            output: Activation::Sigmoid,
            race: Vec::new(),
            lesson: None,
        }
    }
}

/// A part of a link that was not used, and why (plain text, meant for `textContent`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    pub key: String,
    pub reason: String,
}

/// Writes `state` as a query string (without the leading `?`). Defaults of the optional parts
/// (view, speed, hide, embed) are left out to keep links short.
pub fn encode(s: &State) -> String {
    let mut out = String::with_capacity(160);
    let mut put = |k: &str, v: &dyn std::fmt::Display| {
        if !out.is_empty() {
            out.push('&');
        }
        let _ = write!(out, "{k}={v}");
    };
    put("v", &VERSION);
    put("w1", &Shortest(s.start.w1));
    put("b1", &Shortest(s.start.b1));
    put("w2", &Shortest(s.start.w2));
    put("b2", &Shortest(s.start.b2));
    let data: Vec<String> = s
        .samples
        .iter()
        .map(|p| format!("{}_{}", Shortest(p.x), Shortest(p.y)))
        .collect();
    put("data", &data.join(","));
    if s.chosen != 0 {
        put("pick", &s.chosen);
    }
    if s.hidden != Activation::Sigmoid {
        put("act1", &s.hidden.name());
    }
    if s.output != Activation::Sigmoid {
        put("act2", &s.output.name());
    }
    put("cost", &s.cost.name());
    put("lr", &Shortest(s.learning_rate));
    match s.optimizer {
        Optimizer::Sgd => {}
        Optimizer::Momentum { beta } | Optimizer::Nesterov { beta } => {
            put("opt", &s.optimizer.name());
            put("beta", &Shortest(beta));
        }
        Optimizer::RmsProp { rho, eps } => {
            put("opt", &s.optimizer.name());
            put("rho", &Shortest(rho));
            put("eps", &Shortest(eps));
        }
        Optimizer::Adam { beta1, beta2, eps } => {
            put("opt", &s.optimizer.name());
            put("beta1", &Shortest(beta1));
            put("beta2", &Shortest(beta2));
            put("eps", &Shortest(eps));
        }
    }
    if !s.race.is_empty() {
        let list: Vec<String> = s.race.iter().map(race_entry).collect();
        put("race", &list.join(","));
    }
    put("it", &s.iterations);
    let d = State::default();
    if s.speed != d.speed {
        put("speed", &s.speed);
    }
    let (v, dv) = (&s.view, &d.view);
    if v.mode != dv.mode {
        put("view", &"3d");
    }
    if (v.yaw, v.pitch) != (dv.yaw, dv.pitch) {
        put("yaw", &Shortest(v.yaw));
        put("pitch", &Shortest(v.pitch));
    }
    if (v.w1_min, v.w1_max, v.w2_min, v.w2_max) != (dv.w1_min, dv.w1_max, dv.w2_min, dv.w2_max) {
        put(
            "range",
            &[v.w1_min, v.w1_max, v.w2_min, v.w2_max]
                .map(|x| Shortest(x).to_string())
                .join("_"),
        );
    }
    if v.log_color {
        put("logc", &1);
    }
    if v.log_loss {
        put("logl", &1);
    }
    if let Some([lo, hi]) = v.color_scale {
        put("scale", &format!("{}_{}", Shortest(lo), Shortest(hi)));
    }
    if !s.hide.is_empty() {
        put("hide", &s.hide.join(","));
    }
    if s.embed {
        put("embed", &1);
    }
    if s.present {
        put("present", &1);
    }
    if let Some(seed) = s.quiz {
        put("quiz", &seed);
    }
    if let Some(step) = s.lesson {
        put("lesson", &step);
    }
    out
}

/// Reads a link (a query string or hash, with or without its leading `?` or `#`, or a whole
/// URL). Never fails: what cannot be used is replaced by its default and listed.
pub fn decode(link: &str) -> (State, Vec<Ignored>) {
    let mut s = State::default();
    let mut ignored = Vec::new();
    let mut skip = |key: &str, reason: String| {
        ignored.push(Ignored {
            key: shown(key, 24),
            reason,
        })
    };

    let mut text = link;
    if text.len() > MAX_LENGTH {
        let mut cut = MAX_LENGTH;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = &text[..cut];
        skip(
            "link",
            format!("the link is longer than {MAX_LENGTH} characters; the rest was cut"),
        );
    }
    // A whole URL: keep its query or hash.
    if let Some(i) = text.find(['?', '#']) {
        text = &text[i + 1..];
    }
    let text = text.split('#').next().unwrap_or_default();

    let mut chosen = None;
    // Optimizer hyper-parameters are applied once the optimizer itself is known.
    let mut hyper: Vec<(String, f64)> = Vec::new();
    for part in text.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode(raw_key);
        let value = percent_decode(raw_value);
        let bad = |what: &str| format!("{what} (got \"{}\")", shown(&value, 40));
        match key.as_str() {
            "v" => match value.parse::<u32>() {
                Ok(1) => {}
                Ok(n) if n > VERSION => skip(
                    "v",
                    format!(
                        "made by a newer version ({n}) of Backprop Lab; opened what this version understands"
                    ),
                ),
                _ => skip("v", bad("must be a version number")),
            },
            "w1" | "b1" | "w2" | "b2" => match number(&value, -VALUE_LIMIT, VALUE_LIMIT) {
                Ok(x) => match key.as_str() {
                    "w1" => s.start.w1 = x,
                    "b1" => s.start.b1 = x,
                    "w2" => s.start.w2 = x,
                    _ => s.start.b2 = x,
                },
                Err(why) => skip(&key, bad(&why)),
            },
            "data" => match samples(&value) {
                Ok(list) => s.samples = list,
                Err(why) => skip("data", why),
            },
            "pick" => match value.parse::<usize>() {
                Ok(i) => chosen = Some(i),
                Err(_) => skip("pick", bad("must be a point number")),
            },
            "cost" => match Cost::ALL.into_iter().find(|c| c.name() == value) {
                Some(c) => s.cost = c,
                None => skip("cost", bad("must be squared or crossEntropy")),
            },
            "act1" | "act2" => match Activation::named(&value) {
                Some(a) if key == "act1" => s.hidden = a,
                Some(a) => s.output = a,
                None => skip(&key, bad("must be sigmoid, tanh, relu or linear")),
            },
            "lr" => match number(&value, 0.0, check::LEARNING_RATE_LIMIT) {
                Ok(x) if x > 0.0 => s.learning_rate = x,
                Ok(_) => skip("lr", bad("must be greater than 0")),
                Err(why) => skip("lr", bad(&why)),
            },
            "opt" => match Optimizer::named(&value) {
                Some(o) => s.optimizer = o,
                None => skip(
                    "opt",
                    bad("must be sgd, momentum, nesterov, rmsprop or adam"),
                ),
            },
            "beta" | "rho" | "eps" | "beta1" | "beta2" => match number(&value, 0.0, 1.0) {
                Ok(x) => hyper.push((key.clone(), x)),
                Err(why) => skip(&key, bad(&why)),
            },
            "race" => {
                for entry in value
                    .split(',')
                    .filter(|e| !e.is_empty())
                    .take(4 * MAX_RIVALS)
                {
                    match parse_race_entry(entry) {
                        Ok(_) if s.race.len() >= MAX_RIVALS => {
                            skip(
                                "race",
                                format!(
                                    "at most {MAX_RIVALS} optimizers race; the rest were left out"
                                ),
                            );
                            break;
                        }
                        Ok(o) if s.race.iter().any(|r| r.name() == o.name()) => skip(
                            "race",
                            format!("{} is already racing; each optimizer races once", o.name()),
                        ),
                        Ok(o) => s.race.push(o),
                        Err(why) => skip("race", format!("\"{}\" {why}", shown(entry, 40))),
                    }
                }
            }
            "it" => match value.parse::<u64>() {
                Ok(n) if n <= MAX_ITERATIONS => s.iterations = n,
                Ok(_) => skip("it", bad(&format!("must be at most {MAX_ITERATIONS}"))),
                Err(_) => skip("it", bad("must be a whole number of iterations")),
            },
            "speed" => match value.parse::<u32>() {
                Ok(n) if (n as usize) < SPEEDS.len() => s.speed = n,
                _ => skip(
                    "speed",
                    bad(&format!(
                        "must be a speed level from 0 to {}",
                        SPEEDS.len() - 1
                    )),
                ),
            },
            "view" => match value.as_str() {
                "3d" => s.view.mode = Mode::Surface3d,
                "map" | "2d" => s.view.mode = Mode::Map,
                _ => skip("view", bad("must be map or 3d")),
            },
            "yaw" => match number(&value, -1e3, 1e3) {
                Ok(x) => s.view.yaw = x,
                Err(why) => skip("yaw", bad(&why)),
            },
            "pitch" => match number(&value, -1e3, 1e3) {
                Ok(x) => s.view.pitch = x,
                Err(why) => skip("pitch", bad(&why)),
            },
            "range" => match range(&value) {
                Ok([a, b, c, d]) => {
                    (s.view.w1_min, s.view.w1_max, s.view.w2_min, s.view.w2_max) = (a, b, c, d)
                }
                Err(why) => skip("range", bad(&why)),
            },
            "scale" => match color_scale(&value) {
                Ok(pair) => s.view.color_scale = Some(pair),
                Err(why) => skip("scale", bad(&why)),
            },
            "logc" | "logl" | "embed" | "present" => match value.as_str() {
                "1" | "true" | "" => set_flag(&mut s, &key, true),
                "0" | "false" => set_flag(&mut s, &key, false),
                _ => skip(&key, bad("must be 1 or 0")),
            },
            "lesson" => match value.parse::<u32>() {
                Ok(step) if (1..=LESSON_STEPS).contains(&step) => s.lesson = Some(step),
                _ => skip(
                    "lesson",
                    bad(&format!("must be a step from 1 to {LESSON_STEPS}")),
                ),
            },
            "quiz" => match value.parse::<u64>() {
                Ok(seed) if seed <= MAX_SEED => s.quiz = Some(seed),
                _ => skip("quiz", bad("must be an exercise number")),
            },
            "hide" => {
                for name in value
                    .split(',')
                    .filter(|n| !n.is_empty())
                    .take(HIDEABLE.len() + 4)
                {
                    if HIDEABLE.contains(&name) {
                        if !s.hide.iter().any(|h| h == name) {
                            s.hide.push(name.to_string());
                        }
                    } else {
                        skip(
                            "hide",
                            format!(
                                "\"{}\" is not a control that can be hidden",
                                shown(name, 24)
                            ),
                        );
                    }
                }
            }
            _ => skip(&key, "is not a setting Backprop Lab knows".to_string()),
        }
    }
    if !hyper.is_empty() {
        let mut o = s.optimizer;
        for (k, x) in &hyper {
            let slot = match (&mut o, k.as_str()) {
                (Optimizer::Momentum { beta } | Optimizer::Nesterov { beta }, "beta") => Some(beta),
                (Optimizer::RmsProp { rho, .. }, "rho") => Some(rho),
                (Optimizer::RmsProp { eps, .. } | Optimizer::Adam { eps, .. }, "eps") => Some(eps),
                (Optimizer::Adam { beta1, .. }, "beta1") => Some(beta1),
                (Optimizer::Adam { beta2, .. }, "beta2") => Some(beta2),
                _ => None,
            };
            match slot {
                Some(v) => *v = *x,
                None => skip(
                    k,
                    format!("does not apply to the {} optimizer", s.optimizer.name()),
                ),
            }
        }
        match o.check("optimizer") {
            Ok(()) => s.optimizer = o,
            Err(e) => skip(
                e.field.strip_prefix("optimizer.").unwrap_or(&e.field),
                format!("{}; the optimizer's defaults were used", e.problem),
            ),
        }
    }
    // The lead races already: a rival of its kind would be drawn under it, unseen.
    let lead = s.optimizer.name();
    if s.race.iter().any(|o| o.name() == lead) {
        s.race.retain(|o| o.name() != lead);
        skip(
            "race",
            format!(
                "{lead} is the lead's optimizer (opt), which races already; it was not added again"
            ),
        );
    }
    let model = Model {
        hidden: s.hidden,
        output: s.output,
        cost: s.cost,
    };
    if model.check("cost").is_err() {
        s.cost = Cost::Squared;
        skip(
            "cost",
            format!(
                "cross-entropy needs a sigmoid output node, not {}; squared error was used",
                s.output.name()
            ),
        );
    }
    if let Some(i) = chosen {
        if i < s.samples.len() {
            s.chosen = i;
        } else {
            skip(
                "pick",
                format!("point {} does not exist in the data", i.saturating_add(1)),
            );
        }
    }
    (s, ignored)
}

/// One racer in a link: its name, then its hyper-parameters in a fixed order, `_`-separated:
/// `sgd`, `momentum_0.9`, `nesterov_0.9`, `rmsprop_0.9_1e-8`, `adam_0.9_0.999_1e-8`.
fn race_entry(o: &Optimizer) -> String {
    let numbers: Vec<f64> = match *o {
        Optimizer::Sgd => vec![],
        Optimizer::Momentum { beta } | Optimizer::Nesterov { beta } => vec![beta],
        Optimizer::RmsProp { rho, eps } => vec![rho, eps],
        Optimizer::Adam { beta1, beta2, eps } => vec![beta1, beta2, eps],
    };
    let mut out = o.name().to_string();
    for x in numbers {
        let _ = write!(out, "_{}", Shortest(x));
    }
    out
}

/// Reads [`race_entry`]'s form; left-out hyper-parameters take their defaults.
fn parse_race_entry(entry: &str) -> Result<Optimizer, String> {
    let mut parts = entry.split('_');
    let name = parts.next().unwrap_or_default();
    let mut o = Optimizer::named(name)
        .ok_or("is not an optimizer (sgd, momentum, nesterov, rmsprop or adam)")?;
    let mut values = Vec::new();
    for part in parts {
        values.push(number(part, 0.0, 1.0)?);
    }
    let slots: Vec<&mut f64> = match &mut o {
        Optimizer::Sgd => vec![],
        Optimizer::Momentum { beta } | Optimizer::Nesterov { beta } => vec![beta],
        Optimizer::RmsProp { rho, eps } => vec![rho, eps],
        Optimizer::Adam { beta1, beta2, eps } => vec![beta1, beta2, eps],
    };
    if values.len() > slots.len() {
        return Err(format!(
            "has {} numbers; {name} takes at most {}",
            values.len(),
            slots.len()
        ));
    }
    for (slot, v) in slots.into_iter().zip(values) {
        *slot = v;
    }
    o.check("race").map_err(|e| e.problem)?;
    Ok(o)
}

fn set_flag(s: &mut State, key: &str, on: bool) {
    match key {
        "logc" => s.view.log_color = on,
        "logl" => s.view.log_loss = on,
        "present" => s.present = on,
        _ => s.embed = on,
    }
}

/// A finite number in [lo, hi], or why not.
fn number(text: &str, lo: f64, hi: f64) -> Result<f64, String> {
    // A link may only carry finite numbers ("1e999" reads as infinity).
    match decimal::parse(text.trim()) {
        Some(x) if x.is_finite() && (lo..=hi).contains(&x) => Ok(x),
        Some(x) if x.is_finite() => Err(format!(
            "must be between {} and {}",
            check::js_number(lo),
            check::js_number(hi)
        )),
        _ => Err("is not a number".to_string()),
    }
}

/// "x_y,x_y,...": 1 to MAX_POINTS points, x within the core's limit and y in [0, 1].
fn samples(text: &str) -> Result<Vec<Sample>, String> {
    let parts: Vec<&str> = text.split(',').collect();
    if parts.len() > MAX_POINTS {
        return Err(format!(
            "has {} points; at most {MAX_POINTS} fit, so the default data was used",
            parts.len()
        ));
    }
    let mut out = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        let (x, y) = p.split_once('_').unwrap_or((p, ""));
        let x = number(x, -VALUE_LIMIT, VALUE_LIMIT);
        let y = number(y, 0.0, 1.0);
        match (x, y) {
            (Ok(x), Ok(y)) => out.push(Sample { x, y }),
            _ => {
                return Err(format!(
                    "point {} (\"{}\") is not \"x_y\" with y from 0 to 1, so the default data was used",
                    i + 1,
                    shown(p, 40)
                ));
            }
        }
    }
    Ok(out)
}

/// "min_max": a cost range for the map's colours, 0 <= min < max.
fn color_scale(text: &str) -> Result<[f64; 2], String> {
    let v: Vec<Result<f64, String>> = text.split('_').map(|t| number(t, 0.0, 1e300)).collect();
    match v.as_slice() {
        [Ok(lo), Ok(hi)] if lo < hi => Ok([*lo, *hi]),
        _ => Err("must be two costs min_max, 0 <= min < max".into()),
    }
}

/// "w1min_w1max_w2min_w2max" with min < max on both axes.
fn range(text: &str) -> Result<[f64; 4], String> {
    let v: Vec<Result<f64, String>> = text
        .split('_')
        .map(|t| number(t, -VALUE_LIMIT, VALUE_LIMIT))
        .collect();
    match v.as_slice() {
        [Ok(a), Ok(b), Ok(c), Ok(d)] if b - a >= MIN_SPAN && d - c >= MIN_SPAN => {
            Ok([*a, *b, *c, *d])
        }
        _ => Err(
            "must be four numbers w1min_w1max_w2min_w2max, each min at least 0.001 below its max"
                .into(),
        ),
    }
}

/// %XX escapes and '+' as space; invalid escapes are kept as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// At most `max` characters of outside text, for messages (which the page shows as text).
fn shown(text: &str, max: usize) -> String {
    let mut s: String = text.chars().filter(|c| !c.is_control()).take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

/// The run's history as CSV: iteration, the four parameters, the mean cost and the four mean
/// gradients at each kept point (numbers in shortest round-trip form).
pub fn trajectory_csv(
    history: &[crate::train::Point],
    samples: &[Sample],
    model: impl Into<crate::net::Model>,
) -> String {
    let model = model.into();
    let mut out = String::from("iteration,w1,b1,w2,b2,cost,dCdW1,dCdB1,dCdW2,dCdB2\n");
    for p in history {
        let g = model.mean_gradient(&p.params, samples);
        let q = p.params;
        let _ = write!(out, "{}", p.iteration);
        for x in [q.w1, q.b1, q.w2, q.b2, p.cost]
            .into_iter()
            .chain([g.d_c_d_w1, g.d_c_d_b1, g.d_c_d_w2, g.d_c_d_b2])
        {
            let _ = write!(out, ",{}", Shortest(x));
        }
        out.push('\n');
    }
    out
}
