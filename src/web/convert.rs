//! Each core type as the plain JS object the API documents, and back: the JS names of their
//! fields live here, once (`tests/web.rs` checks them). Results made of several types
//! (`snapshot`, `limits`, `defaults`) are put together where they are exported.

use super::js::{Arg, Obj, array};
use crate::activation::Activation;
use crate::cost::Cost;
use crate::link::{Ignored, Mode, State, View};
use crate::net::{Backward, Forward, Gradient, Params, Sample};
use crate::optim::Optimizer;
use crate::session::Screen;
use crate::surface::GridSpec;
use crate::train::{Pass, Phase, Settings, Trouble, WEIGHT_RANGE};
use wasm_bindgen::prelude::*;

/// Read from a JS value: the shape is checked here, the numbers by [`crate::check`].
pub(super) trait FromJs: Sized {
    fn from_js(arg: &Arg) -> Result<Self, JsError>;
}

/// Written as a plain JS value.
pub(super) trait ToJs {
    fn to_js(&self) -> JsValue;
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(arg: &Arg) -> Result<Self, JsError> {
        arg.items()?.iter().map(T::from_js).collect()
    }
}

impl<T: ToJs> ToJs for [T] {
    fn to_js(&self) -> JsValue {
        array(self.iter().map(T::to_js))
    }
}

/// Largest whole number a JS number holds exactly: 2^53 - 1.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// An index (usize: 32 bits in wasm, so a larger number is refused, not cut short).
fn index(a: &Arg) -> Result<usize, JsError> {
    Ok(a.whole(MAX_SAFE_INTEGER.min(usize::MAX as f64))? as usize)
}

impl FromJs for Params {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        Ok(Params {
            w1: a.get("w1")?.number()?,
            b1: a.get("b1")?.number()?,
            w2: a.get("w2")?.number()?,
            b2: a.get("b2")?.number()?,
        })
    }
}

/// An object of (name, value) pairs: a type's `fields()`.
fn fields_to_js(fields: &[(&'static str, f64)]) -> JsValue {
    fields
        .iter()
        .fold(Obj::new(), |o, &(k, v)| o.num(k, v))
        .done()
}

/// A type that lists its numbers as `fields()` goes to JS as an object of them.
macro_rules! by_fields {
    ($($t:ty),*) => {$(
        impl ToJs for $t {
            fn to_js(&self) -> JsValue {
                fields_to_js(&self.fields())
            }
        }
    )*};
}
by_fields!(Params, Forward, Backward);

impl FromJs for Sample {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        Ok(Sample {
            x: a.get("x")?.number()?,
            y: a.get("y")?.number()?,
        })
    }
}

impl ToJs for Sample {
    fn to_js(&self) -> JsValue {
        Obj::new().num("x", self.x).num("y", self.y).done()
    }
}

/// What `update` takes: what `backward` or `meanGradient` returned (`cost` optional).
impl FromJs for Gradient {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        Ok(Gradient {
            cost: a.maybe("cost")?.map_or(Ok(0.0), |c| c.number())?,
            d_c_d_w1: a.get("dCdW1")?.number()?,
            d_c_d_b1: a.get("dCdB1")?.number()?,
            d_c_d_w2: a.get("dCdW2")?.number()?,
            d_c_d_b2: a.get("dCdB2")?.number()?,
        })
    }
}

impl ToJs for Gradient {
    fn to_js(&self) -> JsValue {
        Obj::new()
            .num("cost", self.cost)
            .num("dCdW1", self.d_c_d_w1)
            .num("dCdB1", self.d_c_d_b1)
            .num("dCdW2", self.d_c_d_w2)
            .num("dCdB2", self.d_c_d_b2)
            .done()
    }
}

/// `{ w1Min, w1Max, w2Min, w2Max, resolution }`.
impl FromJs for GridSpec {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        let num = |key: &str| a.get(key)?.number();
        Ok(GridSpec {
            w1_min: num("w1Min")?,
            w1_max: num("w1Max")?,
            w2_min: num("w2Min")?,
            w2_max: num("w2Max")?,
            resolution: num("resolution")?,
        })
    }
}

/// A choice that JS names by a string: one of `ALL`, by its `name()`, both ways.
macro_rules! named_choice {
    ($($t:ty),*) => {$(
        impl FromJs for $t {
            fn from_js(a: &Arg) -> Result<Self, JsError> {
                Ok(<$t>::ALL[a.which(&<$t>::ALL.map(<$t>::name))?])
            }
        }

        impl ToJs for $t {
            fn to_js(&self) -> JsValue {
                self.name().into()
            }
        }
    )*};
}
named_choice!(Cost, Activation);

/// `{ kind, ...hyper-parameters }`: `{ kind: "adam", beta1, beta2, eps }`.
impl FromJs for Optimizer {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        let kinds = Optimizer::DEFAULTS;
        let kind = kinds[a.get("kind")?.which(&kinds.map(|o| o.name()))?];
        let num = |key: &str| a.get(key)?.number();
        Ok(match kind {
            Optimizer::Sgd => Optimizer::Sgd,
            Optimizer::Momentum { .. } => Optimizer::Momentum { beta: num("beta")? },
            Optimizer::Nesterov { .. } => Optimizer::Nesterov { beta: num("beta")? },
            Optimizer::RmsProp { .. } => Optimizer::RmsProp {
                rho: num("rho")?,
                eps: num("eps")?,
            },
            Optimizer::Adam { .. } => Optimizer::Adam {
                beta1: num("beta1")?,
                beta2: num("beta2")?,
                eps: num("eps")?,
            },
        })
    }
}

impl ToJs for Optimizer {
    fn to_js(&self) -> JsValue {
        let o = Obj::new().str("kind", self.name());
        match *self {
            Optimizer::Sgd => o,
            Optimizer::Momentum { beta } | Optimizer::Nesterov { beta } => o.num("beta", beta),
            Optimizer::RmsProp { rho, eps } => o.num("rho", rho).num("eps", eps),
            Optimizer::Adam { beta1, beta2, eps } => {
                o.num("beta1", beta1).num("beta2", beta2).num("eps", eps)
            }
        }
        .done()
    }
}

/// An optional field, or its default.
fn or_default<T: FromJs + Default>(a: &Arg, key: &str) -> Result<T, JsError> {
    a.maybe(key)?.map_or(Ok(T::default()), |f| T::from_js(&f))
}

/// `{ samples, cost, learningRate, chosen?, weightRange?, optimizer?, hidden?, output? }`.
impl FromJs for Settings {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        Ok(Settings {
            samples: Vec::from_js(&a.get("samples")?)?,
            cost: Cost::from_js(&a.get("cost")?)?,
            learning_rate: a.get("learningRate")?.number()?,
            chosen: match a.maybe("chosen")? {
                Some(c) => index(&c)?,
                None => 0,
            },
            weight_range: match a.maybe("weightRange")? {
                Some(r) => r.number()?,
                None => WEIGHT_RANGE,
            },
            optimizer: or_default(a, "optimizer")?,
            hidden: or_default(a, "hidden")?,
            output: or_default(a, "output")?,
        })
    }
}

/// `{ samples, cost, learningRate, chosen, weightRange, optimizer, hidden, output }`: what
/// `new Session(params, settings)` and `setSettings` take.
impl ToJs for Settings {
    fn to_js(&self) -> JsValue {
        Obj::new()
            .set("samples", array(self.samples.iter().map(ToJs::to_js)))
            .set("cost", self.cost.to_js())
            .num("learningRate", self.learning_rate)
            .num("chosen", self.chosen as f64)
            .num("weightRange", self.weight_range)
            .set("optimizer", self.optimizer.to_js())
            .set("hidden", self.hidden.to_js())
            .set("output", self.output.to_js())
            .done()
    }
}

impl ToJs for Pass {
    fn to_js(&self) -> JsValue {
        Obj::new()
            .set("params", self.params.to_js())
            .set("forward", self.forward.to_js())
            .set("backward", self.backward.to_js())
            .set("mean", self.mean.to_js())
            .done()
    }
}

/// "ready", "forward", "backward" or "update".
pub(super) fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Ready => "ready",
        Phase::Forward => "forward",
        Phase::Backward => "backward",
        Phase::Update => "update",
    }
}

/// `{ kind: "diverging" | "leftRange" | "overflow", ...what happened }`.
impl ToJs for Trouble {
    fn to_js(&self) -> JsValue {
        match self {
            Trouble::Diverging {
                from_iteration,
                from_cost,
                to_cost,
                rises,
            } => Obj::new()
                .str("kind", "diverging")
                .num("fromIteration", *from_iteration as f64)
                .num("fromCost", *from_cost)
                .num("toCost", *to_cost)
                .num("rises", f64::from(*rises)),
            Trouble::LeftRange {
                param,
                value,
                from_cost,
                to_cost,
            } => Obj::new()
                .str("kind", "leftRange")
                .str("param", param)
                .num("value", *value)
                .num("fromCost", *from_cost)
                .num("toCost", *to_cost),
            Trouble::Overflow { param } => Obj::new().str("kind", "overflow").str("param", param),
        }
        .done()
    }
}

impl FromJs for Mode {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        let modes = [Mode::Map, Mode::Surface3d];
        Ok(modes[a.which(&modes.map(mode_name))?])
    }
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Map => "map",
        Mode::Surface3d => "surface3d",
    }
}

impl FromJs for View {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        let num = |key: &str| a.get(key)?.number();
        let flag = |key: &str| a.get(key)?.boolean();
        Ok(View {
            mode: Mode::from_js(&a.get("mode")?)?,
            yaw: num("yaw")?,
            pitch: num("pitch")?,
            w1_min: num("w1Min")?,
            w1_max: num("w1Max")?,
            w2_min: num("w2Min")?,
            w2_max: num("w2Max")?,
            log_color: flag("logColor")?,
            log_loss: flag("logLoss")?,
            color_scale: match a.maybe("colorScale")? {
                Some(s) => match s.items()?.as_slice() {
                    [lo, hi] => Some([lo.number()?, hi.number()?]),
                    _ => return Err(s.error("must be an array [min, max]")),
                },
                None => None,
            },
        })
    }
}

/// A view, with `absent` (undefined or null) for no fixed colour scale.
fn view_to_js(v: &View, absent: &JsValue) -> JsValue {
    Obj::new()
        .str("mode", mode_name(v.mode))
        .num("yaw", v.yaw)
        .num("pitch", v.pitch)
        .num("w1Min", v.w1_min)
        .num("w1Max", v.w1_max)
        .num("w2Min", v.w2_min)
        .num("w2Max", v.w2_max)
        .flag("logColor", v.log_color)
        .flag("logLoss", v.log_loss)
        .set(
            "colorScale",
            v.color_scale.map_or(absent.clone(), |[lo, hi]| {
                array([JsValue::from_f64(lo), JsValue::from_f64(hi)])
            }),
        )
        .done()
}

impl FromJs for String {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        a.string()
    }
}

/// A whole-number field that may be left out (or null).
fn maybe_whole(a: &Arg, key: &str, max: f64) -> Result<Option<u64>, JsError> {
    a.maybe(key)?.map(|f| f.whole(max)).transpose()
}

/// A link's state, as `decodeLink` returns it.
impl FromJs for State {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        let u32_max = f64::from(u32::MAX);
        Ok(State {
            version: a.get("version")?.whole(u32_max)? as u32,
            start: Params::from_js(&a.get("start")?)?,
            samples: Vec::from_js(&a.get("samples")?)?,
            chosen: index(&a.get("chosen")?)?,
            cost: Cost::from_js(&a.get("cost")?)?,
            learning_rate: a.get("learningRate")?.number()?,
            iterations: a.get("iterations")?.whole(MAX_SAFE_INTEGER)?,
            speed: a.get("speed")?.whole(u32_max)? as u32,
            view: View::from_js(&a.get("view")?)?,
            hide: Vec::from_js(&a.get("hide")?)?,
            embed: a.get("embed")?.boolean()?,
            present: flag_or_off(a, "present")?,
            optimizer: or_default(a, "optimizer")?,
            quiz: maybe_whole(a, "quiz", MAX_SAFE_INTEGER)?,
            hidden: or_default(a, "hidden")?,
            output: or_default(a, "output")?,
            race: match a.maybe("race")? {
                Some(r) => Vec::from_js(&r)?,
                None => Vec::new(),
            },
            lesson: maybe_whole(a, "lesson", u32_max)?.map(|n| n as u32),
        })
    }
}

/// A state, with `absent` (undefined or null) for a missing quiz, lesson or colour scale:
/// `toState` writes null, so a saved JSON file keeps every key.
pub(super) fn state_to_js(s: &State, absent: &JsValue) -> JsValue {
    let maybe = |n: Option<u64>| n.map_or(absent.clone(), |n| JsValue::from_f64(n as f64));
    Obj::new()
        .num("version", f64::from(s.version))
        .set("start", s.start.to_js())
        .set("samples", s.samples.to_js())
        .num("chosen", s.chosen as f64)
        .set("cost", s.cost.to_js())
        .num("learningRate", s.learning_rate)
        .num("iterations", s.iterations as f64)
        .num("speed", f64::from(s.speed))
        .set("view", view_to_js(&s.view, absent))
        .set("hide", array(s.hide.iter().map(|h| JsValue::from_str(h))))
        .flag("embed", s.embed)
        .flag("present", s.present)
        .set("optimizer", s.optimizer.to_js())
        .set("quiz", maybe(s.quiz))
        .set("hidden", s.hidden.to_js())
        .set("output", s.output.to_js())
        .set("race", s.race.to_js())
        .set("lesson", maybe(s.lesson.map(u64::from)))
        .done()
}

impl ToJs for State {
    fn to_js(&self) -> JsValue {
        state_to_js(self, &JsValue::UNDEFINED)
    }
}

/// A yes-or-no field that may be left out (off).
fn flag_or_off(a: &Arg, key: &str) -> Result<bool, JsError> {
    a.maybe(key)?.map_or(Ok(false), |v| v.boolean())
}

/// `{ view, speed, hide, embed, present?, quiz?, lesson? }`.
impl FromJs for Screen {
    fn from_js(a: &Arg) -> Result<Self, JsError> {
        Ok(Screen {
            view: View::from_js(&a.get("view")?)?,
            speed: a.get("speed")?.whole(f64::from(u32::MAX))? as u32,
            hide: Vec::from_js(&a.get("hide")?)?,
            embed: a.get("embed")?.boolean()?,
            present: flag_or_off(a, "present")?,
            quiz: maybe_whole(a, "quiz", MAX_SAFE_INTEGER)?,
            lesson: maybe_whole(a, "lesson", f64::from(u32::MAX))?.map(|n| n as u32),
        })
    }
}

impl ToJs for Ignored {
    fn to_js(&self) -> JsValue {
        Obj::new()
            .str("key", &self.key)
            .str("reason", &self.reason)
            .done()
    }
}

/// `{ iteration, phase, chosen, points, entries }`, `entries` keyed by the view's keys, each
/// `{ text, spoken, status: "known" | "pending" | "withheld", moment: "now" | "beforeStep",
/// scope: "shared" | "sample" | "mean", point (a sample's index), n (a mean's count), value }`;
/// `value` only when known. Written as JSON text and parsed by the engine in one call: a view
/// is about 60 entries and the page asks for one on every frame while playing, and building
/// it field by field across the boundary took four times as long (measured: 280 µs a view).
impl ToJs for crate::view::View {
    fn to_js(&self) -> JsValue {
        use crate::view::{Moment, Scope, Status};
        // Plain pushes, no `fmt`: the view is written on every frame while playing, and
        // formatting machinery was a third of its cost (measured).
        let mut json = String::with_capacity(160 * self.entries.len() + 96);
        let mut odd = Vec::new();
        json.push_str("{\"iteration\":");
        push_int(&mut json, self.iteration);
        json.push_str(",\"phase\":\"");
        json.push_str(phase_name(self.phase));
        json.push_str("\",\"chosen\":");
        push_int(&mut json, self.chosen as u64);
        json.push_str(",\"points\":");
        push_int(&mut json, self.points as u64);
        json.push_str(",\"entries\":{");
        push_each(&mut json, &self.entries, |json, e| {
            push_quoted(json, &e.key);
            json.push_str(":{\"text\":");
            push_quoted(json, &e.num.text);
            json.push_str(",\"spoken\":");
            push_quoted(json, &e.num.spoken);
            json.push_str(match e.status {
                Status::Known => ",\"status\":\"known\"",
                Status::Pending => ",\"status\":\"pending\"",
                Status::Withheld => ",\"status\":\"withheld\"",
            });
            json.push_str(match e.moment {
                Moment::Now => ",\"moment\":\"now\"",
                Moment::BeforeStep => ",\"moment\":\"beforeStep\"",
            });
            // A signed number's form for a sentence, where a "+" would be odd ("w₂ = 1.500").
            if let Some(bare) = e.num.text.strip_prefix('+') {
                // ("plus 0.7355": the spoken form's first word is the sign's.)
                let spoken = e.num.spoken.get("plus ".len()..).unwrap_or(&e.num.spoken);
                json.push_str(",\"plain\":");
                push_quoted(json, bare);
                json.push_str(",\"plainSpoken\":");
                push_quoted(json, spoken);
            }
            match e.scope {
                Scope::Shared => json.push_str(",\"scope\":\"shared\""),
                Scope::Sample(k) => {
                    json.push_str(",\"scope\":\"sample\",\"point\":");
                    push_int(json, k as u64);
                }
                Scope::Mean(n) => {
                    json.push_str(",\"scope\":\"mean\",\"n\":");
                    push_int(json, n as u64);
                }
            }
            match e.value {
                // JSON has no NaN or infinities: those are set after parsing, below.
                Some(v) if !v.is_finite() => odd.push((e.key.as_str(), v)),
                Some(v) => {
                    // ryu's shortest form ("0.1263", "1.5e-7", "1.0") is JSON, and parses
                    // back to the same f64.
                    json.push_str(",\"value\":");
                    json.push_str(ryu::Buffer::new().format_finite(v));
                }
                None => {}
            }
            json.push('}');
        });
        json.push_str("}}");
        let view = js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL);
        if !odd.is_empty() {
            let entries = js_sys::Reflect::get(&view, &"entries".into()).unwrap_or_default();
            for (key, v) in odd {
                if let Ok(entry) = js_sys::Reflect::get(&entries, &key.into()) {
                    let _ = js_sys::Reflect::set(&entry, &"value".into(), &JsValue::from_f64(v));
                }
            }
        }
        view
    }
}

/// Appends `items`, each by `put`, with a comma between two (a JSON array's or object's).
fn push_each<T>(
    out: &mut String,
    items: impl IntoIterator<Item = T>,
    mut put: impl FnMut(&mut String, T),
) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        put(out, item);
    }
}

/// Appends a whole number in decimal.
fn push_int(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits only.
    out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or("0"));
}

/// Appends `text` as a JSON string in ASCII, everything else as `\u` escapes: the engine
/// then takes the text in as one-byte characters, which it decodes and parses faster (the
/// view's "−", "×" and superscripts; measured: a fifth off the parse).
fn push_quoted(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let unit = |out: &mut String, u: u16| {
        out.push_str("\\u");
        for shift in [12, 8, 4, 0] {
            out.push(HEX[usize::from((u >> shift) & 15)] as char);
        }
    };
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for &u in c.encode_utf16(&mut units).iter() {
                    unit(out, u);
                }
            }
        }
    }
    out.push('"');
}

/// `{ forward, arithmetic: [lines], story: [paragraphs], rules: { key: { short, full? } },
/// sample, scope }`: the chain rule in words for the same view, as JSON text parsed in one call.
impl ToJs for crate::narration::Words {
    fn to_js(&self) -> JsValue {
        let mut json = String::with_capacity(4096);
        let list = |json: &mut String, items: &[String]| {
            json.push('[');
            push_each(json, items, |json, t| push_quoted(json, t));
            json.push(']');
        };
        json.push_str("{\"forward\":");
        push_quoted(&mut json, &self.forward);
        json.push_str(",\"arithmetic\":");
        list(&mut json, &self.arithmetic);
        json.push_str(",\"story\":");
        list(&mut json, &self.story);
        json.push_str(",\"rules\":{");
        push_each(&mut json, &self.rules, |json, r| {
            push_quoted(json, r.key);
            json.push_str(":{\"short\":");
            push_quoted(json, &r.short);
            if let Some(full) = &r.full {
                json.push_str(",\"full\":");
                push_quoted(json, full);
            }
            json.push('}');
        });
        json.push_str("},\"sample\":");
        push_quoted(&mut json, &self.sample);
        json.push_str(",\"scope\":");
        push_quoted(&mut json, &self.scope);
        json.push('}');
        js_sys::JSON::parse(&json).unwrap_or(JsValue::NULL)
    }
}
