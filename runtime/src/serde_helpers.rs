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

    pub(crate) fn number_or_string<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<u64, D::Error> {
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

/// A `u64` sent as a number or, as protobuf's JSON does for 64-bit integers, as a string of
/// digits; written as digits, so that a round trip sends what came in.
#[allow(dead_code)]
pub(crate) struct U64Text(pub u64);

impl<'de> serde::Deserialize<'de> for U64Text {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u64_from_string_or_number::number_or_string(deserializer).map(U64Text)
    }
}

impl serde::Serialize for U64Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A struct of the generated catalog, read from a JSON object one field at a time.
///
/// The catalog's types implement this (and `Serialize` by hand) instead of deriving serde's
/// traits: the derive writes, per struct, a field enum with three visitors and a sequence form
/// besides the map form, several times the code of one `match` on the key. Over the catalog's
/// types that code is most of what compiling it costs.
#[allow(dead_code)]
pub(crate) trait Object: Default {
    /// The type's name, for "expected struct X".
    const NAME: &'static str;

    /// The fields a delivery always has, each by its spellings (the first is named in the
    /// error when none is there).
    const REQUIRED: &'static [&'static [&'static str]] = &[];

    /// Reads the value of `key` into its field, or skips it when the type has no such field.
    fn field<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<(), A::Error>;
}

/// `Deserialize::deserialize` of an [`Object`]: fields start at their defaults, so that every
/// absent one is `None` (or an empty list), and unknown keys are skipped.
#[allow(dead_code)]
pub(crate) fn deserialize_object<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: Object,
    D: serde::Deserializer<'de>,
{
    struct ObjectVisitor<T>(std::marker::PhantomData<T>);

    impl<'de, T: Object> serde::de::Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "struct {}", T::NAME)
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
            let mut out = T::default();
            let mut seen = RequiredSeen::<T>::default();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                seen.saw(&key.0);
                out.field(&key.0, &mut map)?;
            }
            seen.check()?;
            Ok(out)
        }
    }

    deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
}

/// `Deserialize::deserialize` of a non-domain event's `{metadata, data}`, which also takes the
/// `data` alone: Velo hands the handlers of the older events that have such a webhook their
/// flat object (`wixEvents_onReservationCreated` gets `{eventId, reservationId, ...}`). The
/// first key decides: `metadata` or `data` is the envelope, whose other keys are skipped;
/// any other is the data's first field.
#[allow(dead_code)]
pub(crate) fn deserialize_non_domain<'de, M, T, D>(deserializer: D) -> Result<(M, T), D::Error>
where
    M: serde::Deserialize<'de> + Default,
    T: Object + serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    struct EnvelopeVisitor<M, T>(std::marker::PhantomData<(M, T)>);

    impl<'de, M, T> serde::de::Visitor<'de> for EnvelopeVisitor<M, T>
    where
        M: serde::Deserialize<'de> + Default,
        T: Object + serde::Deserialize<'de>,
    {
        type Value = (M, T);

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(
                f,
                "`{{metadata, data}}`, or the data alone (struct {})",
                T::NAME
            )
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(M, T), A::Error> {
            let (mut metadata, mut data) = (None, None);
            // `None` until the first key; then whether the object is the data itself.
            let mut flat: Option<bool> = None;
            let (mut fields, mut seen) = (T::default(), RequiredSeen::<T>::default());
            while let Some(key) = map.next_key::<Key<'de>>()? {
                let key = &*key.0;
                let is_flat = *flat.get_or_insert(!matches!(key, "metadata" | "data"));
                match key {
                    "metadata" if metadata.is_some() => {
                        return Err(serde::de::Error::duplicate_field("metadata"));
                    }
                    "data" if data.is_some() => {
                        return Err(serde::de::Error::duplicate_field("data"));
                    }
                    "metadata" => metadata = Some(map.next_value()?),
                    "data" => data = Some(map.next_value()?),
                    _ if !is_flat => skip_value(&mut map)?,
                    key => {
                        seen.saw(key);
                        fields.field(key, &mut map)?;
                    }
                }
            }
            let data = match (data, flat) {
                (Some(data), _) => data,
                (None, Some(true)) => {
                    seen.check()?;
                    fields
                }
                (None, _) => return Err(serde::de::Error::missing_field("data")),
            };
            Ok((metadata.unwrap_or_default(), data))
        }
    }

    deserializer.deserialize_map(EnvelopeVisitor(std::marker::PhantomData))
}

/// Which of `T`'s always-sent fields a reading has met: one bit each, set when one of its
/// spellings is read.
struct RequiredSeen<T>(u64, std::marker::PhantomData<T>);

impl<T> Default for RequiredSeen<T> {
    fn default() -> Self {
        RequiredSeen(0, std::marker::PhantomData)
    }
}

impl<T: Object> RequiredSeen<T> {
    fn saw(&mut self, key: &str) {
        if !T::REQUIRED.is_empty()
            && let Some(index) = T::REQUIRED.iter().position(|names| names.contains(&key))
        {
            self.0 |= 1 << index;
        }
    }

    /// "missing field" for the first always-sent field not met.
    fn check<E: serde::de::Error>(&self) -> Result<(), E> {
        match (0..T::REQUIRED.len()).find(|i| self.0 & (1 << i) == 0) {
            Some(missing) => Err(E::missing_field(T::REQUIRED[missing][0])),
            None => Ok(()),
        }
    }
}

/// A map key, borrowed from the input where it has no escapes.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(value)))
            }

            fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(value.to_owned())))
            }

            fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The next value of `map` as a list: absent and `null` are both the empty list.
#[allow(dead_code)]
pub(crate) fn next_list<'de, A, T>(map: &mut A) -> Result<Vec<T>, A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    Ok(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default())
}

/// The next value of `map`, skipped.
#[allow(dead_code)]
pub(crate) fn skip_value<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    struct Meta {
        id: Option<String>,
    }

    #[derive(Debug, Default, PartialEq)]
    struct Data {
        name: Option<String>,
        count: Option<u32>,
    }

    impl Object for Data {
        const NAME: &'static str = "Data";
        const REQUIRED: &'static [&'static [&'static str]] = &[&["name"]];

        fn field<'de, A: serde::de::MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match key {
                "name" => self.name = map.next_value()?,
                "count" => self.count = map.next_value()?,
                _ => skip_value(map)?,
            }
            Ok(())
        }
    }

    impl<'de> serde::Deserialize<'de> for Data {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_object(deserializer)
        }
    }

    fn read(json: &str) -> Result<(Meta, Data), serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        deserialize_non_domain(&mut deserializer)
    }

    #[test]
    fn a_non_domain_envelope_or_its_data_alone_reads_to_one_value() {
        let data = Data {
            name: Some("n".into()),
            count: Some(2),
        };
        let envelope = read(r#"{"metadata": {"id": "m"}, "data": {"name": "n", "count": 2}}"#);
        assert_eq!(
            envelope.unwrap(),
            (
                Meta {
                    id: Some("m".into())
                },
                data
            )
        );
        let flat = read(r#"{"name": "n", "count": 2}"#).unwrap();
        assert_eq!(flat.1.count, Some(2));
        assert_eq!(flat.0, Meta::default());
        // The envelope's other keys are skipped, whatever their type.
        let stray = read(r#"{"data": {"name": "n"}, "count": "not a number"}"#).unwrap();
        assert_eq!((stray.1.name.as_deref(), stray.1.count), (Some("n"), None));
    }

    #[test]
    fn a_non_domain_payload_without_its_data_or_with_two_is_refused() {
        let error = |json: &str| read(json).unwrap_err().to_string();
        assert!(error(r#"{"count": 2}"#).contains("missing field `name`"));
        assert!(error(r#"{"metadata": {}}"#).contains("missing field `data`"));
        assert!(error("{}").contains("missing field `data`"));
        let twice = error(r#"{"data": {"name": "a"}, "data": {"name": "b"}}"#);
        assert!(twice.contains("duplicate field `data`"), "{twice}");
    }
}
