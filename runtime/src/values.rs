//! A value the platform sends in more than one form: [`Number`] (a number, or a number written
//! as text). A media item, sent in two forms too, is a [`Media`](crate::Media).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A number as the platform sends it: an integer, a float, or either written as a string
/// (`"12"`, `"1.5"`, and for floats `"NaN"`, `"Infinity"`, `"-Infinity"`). The typings do not say
/// which numbers are integers, so this keeps what came: [`as_i64`](Self::as_i64) and
/// [`as_f64`](Self::as_f64) read it, and serializing writes back the same form.
///
/// ```
/// use backend_events::Number;
///
/// let n: Number = serde_json::from_str("3").unwrap();
/// assert_eq!(n.as_i64(), Some(3));
/// let text: Number = serde_json::from_str("\"2.5\"").unwrap();
/// assert_eq!(text.as_f64(), 2.5);
/// let nan: Number = serde_json::from_str("\"NaN\"").unwrap();
/// assert!(nan.as_f64().is_nan());
/// assert_eq!(serde_json::to_string(&nan).unwrap(), "\"NaN\"");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Number(Repr);

#[derive(Clone, Debug, PartialEq)]
enum Repr {
    Json(serde_json::Number),
    Text(String),
}

impl Number {
    /// The value as a float (`NaN` for `"NaN"`).
    pub fn as_f64(&self) -> f64 {
        match &self.0 {
            Repr::Json(n) => n.as_f64().unwrap_or(f64::NAN),
            Repr::Text(text) => parse_float(text).unwrap_or(f64::NAN),
        }
    }

    /// The value as an integer, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.0 {
            Repr::Json(n) => n.as_i64().or_else(|| whole(n.as_f64()?)),
            Repr::Text(text) => text
                .trim()
                .parse()
                .ok()
                .or_else(|| whole(parse_float(text)?)),
        }
    }

    /// The value as a non-negative integer, when it is one.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_i64().and_then(|n| u64::try_from(n).ok())
    }
}

fn whole(f: f64) -> Option<i64> {
    (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

fn parse_float(text: &str) -> Option<f64> {
    match text.trim() {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        other => other.parse().ok(),
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Number(Repr::Json(n.into()))
    }
}

impl From<f64> for Number {
    /// A finite float as a JSON number; `NaN` and the infinities as the platform writes them.
    fn from(f: f64) -> Self {
        match serde_json::Number::from_f64(f) {
            Some(n) => Number(Repr::Json(n)),
            None if f.is_nan() => Number(Repr::Text("NaN".to_owned())),
            None if f > 0.0 => Number(Repr::Text("Infinity".to_owned())),
            None => Number(Repr::Text("-Infinity".to_owned())),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Json(n) => n.fmt(f),
            Repr::Text(text) => f.write_str(text),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Json(n) => n.serialize(serializer),
            Repr::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, or a number written as a string")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Number, E> {
                Ok(Number(Repr::Json(n.into())))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Number, E> {
                Ok(Number(Repr::Json(n.into())))
            }
            fn visit_f64<E: de::Error>(self, f: f64) -> Result<Number, E> {
                Ok(Number::from(f))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Number, E> {
                match parse_float(text) {
                    Some(_) => Ok(Number(Repr::Text(text.to_owned()))),
                    None => Err(E::invalid_value(de::Unexpected::Str(text), &self)),
                }
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_the_form_they_came_in() {
        for text in [
            "1",
            "-2",
            "1.5",
            "\"7\"",
            "\"1.25\"",
            "\"NaN\"",
            "\"-Infinity\"",
        ] {
            let n: Number = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&n).unwrap(), text);
        }
        let n: Number = serde_json::from_str("\"7\"").unwrap();
        assert_eq!(
            (n.as_i64(), n.as_u64(), n.as_f64()),
            (Some(7), Some(7), 7.0)
        );
        assert_eq!(Number::from(2.0).as_i64(), Some(2));
        assert_eq!(Number::from(f64::INFINITY).to_string(), "Infinity");
    }

    #[test]
    fn text_that_is_no_number_is_refused() {
        let error = serde_json::from_str::<Number>("\"seven\"").unwrap_err();
        assert!(
            error.to_string().contains("a number written as a string"),
            "{error}"
        );
        assert!(serde_json::from_str::<Number>("true").is_err());
    }
}
