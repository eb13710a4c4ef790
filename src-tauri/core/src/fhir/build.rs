//! Building FHIR elements without empty ones, in one pass: FHIR forbids null, "", [] and {},
//! and most columns are optional, so `obj!` and `list!` leave an empty value out as it is put
//! in, and take every value by move. (The mappers used `json!`, which copies each `Value` it
//! is given through `to_value`, and then a second pass that rebuilt every resource to drop the
//! empties: together most of a 700-visit chart's export.)
//!
//! The invariant: a `Value` that comes out of `obj!`, `list!` or [`Obj`] holds no empty element
//! at any depth, provided the values put in hold none (strings, numbers and the builders' own
//! output do). An array put in is cleaned of empty items, as the old pass did.

use serde_json::{Map, Value};

/// Whether FHIR calls `v` empty: null, blank text, `[]` or `{}`.
pub(crate) fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A JSON object being built; [`Obj::put`] leaves out empty values.
#[derive(Debug, Default)]
pub(crate) struct Obj(Map<String, Value>);

impl Obj {
    /// Puts `value` under `key`, unless it is empty (an array, once its empty items are out).
    pub(crate) fn put(&mut self, key: &str, value: impl Into<Value>) {
        let value = without_empty_items(value.into());
        if !is_empty(&value) {
            self.0.insert(key.to_owned(), value);
        }
    }

    pub(crate) fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// An array of the non-empty `items`.
pub(crate) fn array_of<I: IntoIterator<Item = Value>>(items: I) -> Value {
    Value::Array(items.into_iter().filter(|v| !is_empty(v)).collect())
}

/// A `Vec` of values built elsewhere (a visit's diagnoses, a referral's notes) may hold empty
/// items; anything else is returned as it is.
fn without_empty_items(value: Value) -> Value {
    match value {
        Value::Array(mut items) => {
            items.retain(|v| !is_empty(v));
            Value::Array(items)
        }
        other => other,
    }
}

/// `obj! { "key": value, … }`: a JSON object of the non-empty values (anything `Into<Value>`:
/// text, numbers, `Option`s, `Vec`s, other `obj!`s), each moved in.
macro_rules! obj {
    ($($key:literal : $value:expr),* $(,)?) => {{
        #[allow(unused_mut)] // `obj! {}`
        let mut object = $crate::fhir::build::Obj::default();
        $( object.put($key, $value); )*
        object.into_value()
    }};
}

/// `list![a, b, …]`: a JSON array of the non-empty items (anything `Into<Value>`).
macro_rules! list {
    ($($item:expr),* $(,)?) => {
        $crate::fhir::build::array_of([$(::serde_json::Value::from($item)),*])
    };
}

pub(crate) use {list, obj};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_values_and_items_are_left_out_at_every_depth() {
        let none: Option<&str> = None;
        let built = obj! {
            "kept": "x",
            "null": none,
            "blank": "  ",
            "empty_list": list![none, obj! { "a": none }],
            "nested": obj! { "inner": obj! { "b": Vec::<Value>::new() } },
            "items": vec![Value::Null, json!("y"), Value::String(String::new())],
            "number": 0,
            "no": false,
            "nan": f64::NAN,
        };
        assert_eq!(
            built,
            json!({ "kept": "x", "items": ["y"], "number": 0, "no": false })
        );
        assert!(is_empty(&obj! {}));
    }
}
