//! Plain JS values read and written by hand: [`Arg`] reads an argument field by field and
//! names the exact field in its errors ("settings.samples[2].x must be a number, got the
//! string \"a\""); [`Obj`] builds a plain object. A few calls per field, where a generic
//! (de)serializer was a third of the page's first wasm module.

use js_sys::{Array, Object, Reflect};
use std::cell::RefCell;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

/// A value being read, with where it came from: its path ("settings.samples[2].x") and what
/// its whole argument should look like, both for error messages.
pub(super) struct Arg {
    value: JsValue,
    path: String,
    shape: &'static str,
}

impl Arg {
    /// The argument called `name`, which should look like `shape`.
    pub(super) fn new(value: JsValue, name: &str, shape: &'static str) -> Arg {
        Arg {
            value,
            path: name.into(),
            shape,
        }
    }

    /// The argument itself: refused with "{name} is missing; expected {shape}" if undefined or
    /// null, since every function documents what it wants there.
    pub(super) fn required(
        value: JsValue,
        name: &str,
        shape: &'static str,
    ) -> Result<Arg, JsError> {
        let arg = Arg::new(value, name, shape);
        if arg.is_absent() {
            return Err(arg.error(&format!("is missing; expected {shape}")));
        }
        Ok(arg)
    }

    pub(super) fn value(&self) -> &JsValue {
        &self.value
    }

    /// Undefined or null: a left-out optional field.
    pub(super) fn is_absent(&self) -> bool {
        self.value.is_undefined() || self.value.is_null()
    }

    /// The field `key` of this object (undefined if it has none); refused if this is not an
    /// object.
    fn field(&self, key: &str) -> Result<Arg, JsError> {
        if !self.value.is_object() || Array::is_array(&self.value) {
            return Err(self.wrong("an object"));
        }
        let value = Reflect::get(&self.value, &JsValue::from_str(key)).unwrap_or_default();
        Ok(Arg {
            value,
            path: format!("{}.{key}", self.path),
            shape: self.shape,
        })
    }

    /// A field that must be there.
    pub(super) fn get(&self, key: &str) -> Result<Arg, JsError> {
        let f = self.field(key)?;
        if f.value.is_undefined() {
            return Err(f.error(&format!("is missing; expected {}", self.shape)));
        }
        Ok(f)
    }

    /// A field that may be left out (or null): None then.
    pub(super) fn maybe(&self, key: &str) -> Result<Option<Arg>, JsError> {
        let f = self.field(key)?;
        Ok(if f.is_absent() { None } else { Some(f) })
    }

    /// Any JS number, NaN and infinities included: the core's checks say which are allowed,
    /// with the allowed range in the message.
    pub(super) fn number(&self) -> Result<f64, JsError> {
        self.value.as_f64().ok_or_else(|| self.wrong("a number"))
    }

    /// A whole number from 0 to `max`.
    pub(super) fn whole(&self, max: f64) -> Result<u64, JsError> {
        match self.value.as_f64() {
            Some(v) if v.fract() == 0.0 && (0.0..=max).contains(&v) => Ok(v as u64),
            _ => Err(self.wrong(&format!(
                "a whole number from 0 to {}",
                crate::check::js_number(max)
            ))),
        }
    }

    pub(super) fn boolean(&self) -> Result<bool, JsError> {
        self.value
            .as_bool()
            .ok_or_else(|| self.wrong("true or false"))
    }

    pub(super) fn string(&self) -> Result<String, JsError> {
        self.value.as_string().ok_or_else(|| self.wrong("a string"))
    }

    /// Which of `names` this is (a JS string), by its index. One function for every kind of
    /// choice: a generic one, copied for each type chosen from, cost the page's first part
    /// 0.7 KB gzipped.
    pub(super) fn which(&self, names: &[&str]) -> Result<usize, JsError> {
        let text = self.value.as_string();
        if let Some(i) = names.iter().position(|n| Some(*n) == text.as_deref()) {
            return Ok(i);
        }
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        let (last, rest) = quoted.split_last().expect("a choice of at least one");
        let choices = if rest.is_empty() {
            last.clone()
        } else {
            format!("{} or {last}", rest.join(", "))
        };
        let got = match text {
            Some(s) => format!("\"{}\"", s.chars().take(40).collect::<String>()),
            None => self.described(),
        };
        Err(self.error(&format!("must be {choices}, got {got}")))
    }

    /// The items of an array, each with its index in its path.
    pub(super) fn items(&self) -> Result<Vec<Arg>, JsError> {
        if !Array::is_array(&self.value) {
            return Err(self.wrong("an array"));
        }
        let array: &Array = self.value.unchecked_ref();
        Ok((0..array.length())
            .map(|i| Arg {
                value: array.get(i),
                path: format!("{}[{i}]", self.path),
                shape: self.shape,
            })
            .collect())
    }

    /// "{path} {problem}".
    pub(super) fn error(&self, problem: &str) -> JsError {
        JsError::new(&format!("{} {problem}", self.path))
    }

    /// "{path} must be {what}, got {this value}; expected {the argument's shape}" (the last
    /// part left out for a plain number argument, whose shape is `what`).
    fn wrong(&self, what: &str) -> JsError {
        let expected = if self.shape.is_empty() {
            String::new()
        } else {
            format!("; expected {}", self.shape)
        };
        self.error(&format!(
            "must be {what}, got {}{expected}",
            self.described()
        ))
    }

    /// This value in a few words: `the string "one"`, `an array`, `null`, `3`.
    fn described(&self) -> String {
        let v = &self.value;
        if let Some(s) = v.as_string() {
            let shown: String = s.chars().take(40).collect();
            return format!("the string \"{shown}\"");
        }
        if let Some(n) = v.as_f64() {
            return crate::check::js_number(n);
        }
        if let Some(b) = v.as_bool() {
            return b.to_string();
        }
        if v.is_null() {
            "null".into()
        } else if v.is_undefined() {
            "undefined".into()
        } else if Array::is_array(v) {
            "an array".into()
        } else if v.is_object() {
            "an object".into()
        } else {
            let kind = v.js_typeof().as_string().unwrap_or_default();
            format!("a {kind}")
        }
    }
}

/// A plain JS object, built field by field in the order written.
pub(super) struct Obj(Object);

impl Obj {
    pub(super) fn new() -> Obj {
        Obj(Object::new())
    }

    pub(super) fn set(self, key: &'static str, value: JsValue) -> Obj {
        with_key(key, |key| {
            // Setting a property of a plain object cannot fail.
            let _ = Reflect::set(&self.0, key, &value);
        });
        self
    }

    pub(super) fn num(self, key: &'static str, value: f64) -> Obj {
        self.set(key, JsValue::from_f64(value))
    }

    pub(super) fn str(self, key: &'static str, value: &str) -> Obj {
        self.set(key, JsValue::from_str(value))
    }

    pub(super) fn flag(self, key: &'static str, value: bool) -> Obj {
        self.set(key, JsValue::from_bool(value))
    }

    pub(super) fn done(self) -> JsValue {
        self.0.into()
    }
}

thread_local! {
    /// Each field name as a JS string, made once (by the address and length of its text,
    /// which identify a `&'static str` without reading it): a snapshot
    /// writes about 150 names, on every frame while playing, and making each string anew
    /// took three times as long as the rest of the snapshot.
    static KEYS: RefCell<BTreeMap<(usize, usize), JsValue>> = const { RefCell::new(BTreeMap::new()) };
}

/// Calls `f` with `key` as a JS string.
fn with_key(key: &'static str, f: impl FnOnce(&JsValue)) {
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        f(keys
            .entry((key.as_ptr() as usize, key.len()))
            .or_insert_with(|| JsValue::from_str(key)))
    })
}

/// A JS array of the values.
pub(super) fn array(values: impl IntoIterator<Item = JsValue>) -> JsValue {
    values.into_iter().collect::<Array>().into()
}
