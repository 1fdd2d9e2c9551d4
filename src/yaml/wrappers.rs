//! Value wrappers used by the typed catalogue: a located value, a recoverable list item, "one
//! or a list", and an ordered mapping. Each reads through the located tree of `de.rs`.

use crate::diagnostics::{FileId, Loc};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

pub(super) const SPANNED_MARKER: &str = "$supportbook::Spanned";
pub(super) const RECOVER_MARKER: &str = "$supportbook::Recover";
pub(super) const ONE_OR_MANY_MARKER: &str = "$supportbook::OneOrMany";

/// A value with the location of its YAML node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Spanned<T> {
    pub loc: Loc,
    pub value: T,
}

impl<T> Spanned<T> {
    pub(crate) fn new(loc: Loc, value: T) -> Self {
        Spanned { loc, value }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a located value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let missing = || de::Error::custom("location missing");
                let file: u32 = a.next_element()?.ok_or_else(missing)?;
                let line: u32 = a.next_element()?.ok_or_else(missing)?;
                let col: u32 = a.next_element()?.ok_or_else(missing)?;
                let value: T = a.next_element()?.ok_or_else(missing)?;
                Ok(Spanned::new(Loc::new(FileId(file), line, col), value))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                Ok(Spanned::new(Loc::default(), T::deserialize(d)?))
            }
        }
        d.deserialize_newtype_struct(SPANNED_MARKER, V(PhantomData))
    }
}

/// `Spanned` and `Recover` are invisible in the JSON Schema: each describes its value.
macro_rules! transparent_schema {
    ($($wrapper:ident),*) => {$(
        impl<T: JsonSchema> JsonSchema for $wrapper<T> {
            fn inline_schema() -> bool {
                T::inline_schema()
            }
            fn schema_name() -> Cow<'static, str> {
                T::schema_name()
            }
            fn json_schema(g: &mut SchemaGenerator) -> Schema {
                T::json_schema(g)
            }
        }
    )*};
}

transparent_schema!(Spanned, Recover);

/// A list item that, when it does not fit its type, is reported and skipped instead of failing
/// the whole file, so one run reports every broken item, and every bad value in it: the item
/// is read again without each bad value in turn. `None` means it was reported.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Recover<T>(pub Option<Spanned<T>>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Recover<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Recover<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list item")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                Ok(Recover(Spanned::<T>::deserialize(d).ok()))
            }
            /// The readings of the item (see `de::Attempts`): the first is the item as written;
            /// when it fails, the others only find its other errors, and none is kept.
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                if let Ok(first) = a.next_element::<Spanned<T>>() {
                    return Ok(Recover(first));
                }
                while !matches!(a.next_element::<Spanned<T>>(), Ok(None)) {}
                Ok(Recover(None))
            }
        }
        d.deserialize_newtype_struct(RECOVER_MARKER, V(PhantomData))
    }
}

/// One value or a list of them (`issue: billing` or `issue: [billing, credit]`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("one value or a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(OneOrMany::Many(v))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Self::Value, D::Error> {
                T::deserialize(d).map(OneOrMany::One)
            }
        }
        d.deserialize_newtype_struct(ONE_OR_MANY_MARKER, V(PhantomData))
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let one = g.subschema_for::<T>();
        json_schema!({ "anyOf": [one, { "type": "array", "items": one }] })
    }
}

/// A mapping kept in source order, with located keys.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Pairs<K, V>(pub Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Pairs<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Vis<K, V> {
            type Value = Pairs<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(pair) = a.next_entry()? {
                    v.push(pair);
                }
                Ok(Pairs(v))
            }
        }
        d.deserialize_map(Vis(PhantomData))
    }
}

impl<K, V: JsonSchema> JsonSchema for Pairs<K, V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_{}", V::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let v = g.subschema_for::<V>();
        json_schema!({ "type": "object", "additionalProperties": v })
    }
}
