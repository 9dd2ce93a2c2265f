//! Small serde adapters the payload types share.

/// Declares an enum of the platform's string constants with an `Unknown(String)` fallback, so
/// that a value the platform adds later never fails a delivery.
macro_rules! string_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $( $(#[$variant_attr:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$variant_attr])* $variant, )*
            /// A value this version does not know yet, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The value as the platform spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Unknown(other) => other,
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(match value {
                    $( $value => $name::$variant, )*
                    other => $name::Unknown(other.to_owned()),
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(value.parse().unwrap_or_else(|never| match never {}))
            }
        }
    };
}
pub(crate) use string_enum;

/// `Option<u64>` sent either as a number or, as protobuf's JSON does for 64-bit integers, as a
/// string of digits.
pub(crate) mod u64_from_string_or_number {
    use serde::de::{self, Deserializer, Visitor};
    use serde::{Deserialize, Serializer};
    use std::fmt;

    pub fn serialize<S: Serializer>(value: &Option<u64>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            // Serialized as protobuf's JSON does, so that a round trip sends what came in.
            Some(number) => serializer.collect_str(number),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<u64>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapper(#[serde(deserialize_with = "number_or_string")] u64);
        Option::<Wrapper>::deserialize(deserializer).map(|w| w.map(|Wrapper(n)| n))
    }

    fn number_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
        struct NumberOrString;
        impl Visitor<'_> for NumberOrString {
            type Value = u64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative integer, as a number or a string of digits")
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<u64, E> {
                Ok(value)
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<u64, E> {
                value
                    .parse()
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
            }
        }
        deserializer.deserialize_any(NumberOrString)
    }
}

/// A list that may also come as `null`: both absent and `null` are the empty list. Named by the
/// generated modules only, so unused in a build without them.
#[allow(dead_code)]
pub(crate) fn vec_or_null<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}
