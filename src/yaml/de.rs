//! A serde deserializer over the located tree: every error carries the location of the node it
//! concerns, and unknown keys or enum words carry the words that were expected.

use super::node::{Kind, Node};
use super::required::Required;
use super::wrappers::{ONE_OR_MANY_MARKER, RECOVER_MARKER, SPANNED_MARKER};
use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use std::cell::RefCell;
use std::fmt;

/// Why a node did not fit its type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DeError {
    pub loc: Option<Loc>,
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
enum ErrorKind {
    UnknownField(String, &'static [&'static str]),
    MissingField(&'static str),
    UnknownVariant(String, &'static [&'static str]),
    WrongType(WrongType),
    Custom(String),
}

/// A value of the wrong type: what was expected, what was found, and the key it is the value of.
#[derive(Clone, Debug, PartialEq)]
struct WrongType {
    expected: String,
    found: String,
    key: Option<String>,
}

impl fmt::Display for WrongType {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.key {
            Some(key) => write!(f, "`{key}` expects {}, found {}", self.expected, self.found),
            None => write!(f, "expected {}, found {}", self.expected, self.found),
        }
    }
}

impl DeError {
    fn at(mut self, loc: Loc) -> Self {
        self.loc.get_or_insert(loc);
        self
    }

    fn wrong_type(node: &Node, expected: &str) -> Self {
        DeError {
            loc: Some(node.loc),
            kind: ErrorKind::WrongType(WrongType {
                expected: expected.to_string(),
                found: node.describe(),
                key: None,
            }),
        }
    }

    /// Names the key whose value at `value` this error is about, when it is about that value
    /// itself (not something inside it).
    fn of_key(mut self, key: &Node, value: &Node) -> Self {
        if let ErrorKind::WrongType(w) = &mut self.kind
            && self.loc == Some(value.loc)
            && w.key.is_none()
        {
            w.key = key.as_str().map(str::to_string);
        }
        self
    }

    /// The key, when this error is about an unknown key.
    pub(crate) fn unknown_key(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::UnknownField(f, _) => Some(f),
            _ => None,
        }
    }

    pub(crate) fn to_diagnostic(&self) -> Diagnostic {
        match &self.kind {
            ErrorKind::UnknownField(f, expected) => {
                let help = did_you_mean(f, expected.iter().copied()).unwrap_or_else(|| {
                    format!("the keys allowed here are: {}", expected.join(", "))
                });
                Diagnostic::error(Code::UnknownKey, self.loc, format!("unknown key `{f}`"))
                    .with_help(help)
            }
            ErrorKind::MissingField(f) => Diagnostic::error(
                Code::MissingKey,
                self.loc,
                format!("missing required key `{f}`"),
            ),
            ErrorKind::UnknownVariant(v, expected) => {
                let help = did_you_mean(v, expected.iter().copied())
                    .unwrap_or_else(|| format!("use one of: {}", expected.join(", ")));
                let msg = format!("`{v}` is not one of: {}", expected.join(", "));
                Diagnostic::error(Code::InvalidValue, self.loc, msg).with_help(help)
            }
            ErrorKind::WrongType(w) => Diagnostic::error(Code::WrongType, self.loc, w.to_string()),
            ErrorKind::Custom(m) => Diagnostic::error(Code::InvalidValue, self.loc, m.clone()),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.to_diagnostic().message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            loc: None,
            kind: ErrorKind::Custom(msg.to_string()),
        }
    }
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError {
            loc: None,
            kind: ErrorKind::WrongType(WrongType {
                expected: friendly(&exp.to_string()),
                found: unexpected(unexp),
                key: None,
            }),
        }
    }
    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::invalid_type(unexp, exp)
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            loc: None,
            kind: ErrorKind::UnknownField(field.into(), expected),
        }
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            loc: None,
            kind: ErrorKind::UnknownVariant(variant.into(), expected),
        }
    }
    fn missing_field(field: &'static str) -> Self {
        DeError {
            loc: None,
            kind: ErrorKind::MissingField(field),
        }
    }
}

/// serde's names for types, in words a partner knows.
fn friendly(expected: &str) -> String {
    if expected.starts_with("struct ") || expected == "a map" {
        return "a mapping".into();
    }
    match expected {
        "a sequence" => "a list".into(),
        "a string" => "text".into(),
        "a boolean" => "`true` or `false`".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a whole number".into(),
        "f64" | "f32" => "a number".into(),
        other => other.into(),
    }
}

fn unexpected(u: de::Unexpected) -> String {
    match u {
        de::Unexpected::Str(s) => format!("the text `{s}`"),
        de::Unexpected::Unit => "nothing".into(),
        de::Unexpected::Seq => "a list".into(),
        de::Unexpected::Map => "a mapping".into(),
        other => other.to_string(),
    }
}

/// Deserialises `T` from `node`. Errors inside [`super::Recover`] items are collected and the
/// items skipped; the result is `None` only when the outermost value itself does not fit.
pub(crate) fn from_node<'a, T: Deserialize<'a> + schemars::JsonSchema>(
    node: &'a Node,
) -> (Option<T>, Vec<DeError>) {
    let sink = RefCell::new(Vec::new());
    let required = Required::of::<T>();
    let result = T::deserialize(NodeDe {
        node,
        sink: &sink,
        required: &required,
        recover_root: false,
    });
    let mut errors = sink.into_inner();
    let value = match result {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    (value, errors)
}

/// [`from_node`] with the errors as diagnostics.
pub(crate) fn from_node_collect<'a, T: Deserialize<'a> + schemars::JsonSchema>(
    node: &'a Node,
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    let (value, errors) = from_node(node);
    out.extend(errors.iter().map(DeError::to_diagnostic));
    value
}

struct NodeDe<'a> {
    node: &'a Node,
    sink: &'a RefCell<Vec<DeError>>,
    required: &'a Required,
    /// Set on the deserializer handed to a `Recover` item: its error is recorded here.
    recover_root: bool,
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node) -> NodeDe<'a> {
        NodeDe {
            node,
            sink: self.sink,
            required: self.required,
            recover_root: false,
        }
    }

    /// When struct `name` failed to load from this mapping, records every required key it lacks
    /// but the one serde reported (serde stops at the first).
    fn missing_keys(&self, name: &str, fields: &'static [&'static str], error: &DeError) {
        let Kind::Map(pairs) = &self.node.kind else {
            return;
        };
        let reported = match error.kind {
            ErrorKind::MissingField(f) if error.loc == Some(self.node.loc) => Some(f),
            _ => None,
        };
        let keys: Vec<&str> = pairs.iter().filter_map(|(k, _)| k.as_str()).collect();
        // A misspelt key is reported as unknown, with the right one suggested: enough said.
        let misspelt = |f: &str| {
            keys.iter()
                .any(|k| !fields.contains(k) && did_you_mean(k, [f]).is_some())
        };
        let mut sink = self.sink.borrow_mut();
        for &f in fields {
            if Some(f) != reported
                && !keys.contains(&f)
                && !misspelt(f)
                && self.required.requires(name, f)
            {
                sink.push(DeError {
                    loc: Some(self.node.loc),
                    kind: ErrorKind::MissingField(f),
                });
            }
        }
    }

    /// Locates an error at this node unless a deeper node already did, and records it when
    /// this node is a recoverable item.
    fn finish<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        let r = r.map_err(|e| e.at(self.node.loc));
        if self.recover_root
            && let Err(e) = &r
        {
            self.sink.borrow_mut().push(e.clone());
        }
        r
    }

    fn text(&self) -> Option<String> {
        self.node.scalar_text()
    }
}

macro_rules! forward_to_any {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
            self.deserialize_any(v)
        }
    )*};
}

impl<'de, 'a> Deserializer<'de> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            Kind::Null => v.visit_unit(),
            Kind::Bool(b) => v.visit_bool(*b),
            Kind::Int(i) => match (i64::try_from(*i), u64::try_from(*i)) {
                (Ok(i), _) => v.visit_i64(i),
                (_, Ok(u)) => v.visit_u64(u),
                _ => v.visit_i128(*i),
            },
            Kind::Float(f, _) => v.visit_f64(*f),
            Kind::Str(s) => v.visit_str(s),
            Kind::Seq(items) => v.visit_seq(SeqDe {
                items: items.iter(),
                de: &self,
            }),
            Kind::Map(pairs) => v.visit_map(MapDe {
                pairs: pairs.iter(),
                value: None,
                de: &self,
            }),
        };
        self.finish(r)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match self.node.kind {
            Kind::Null => v.visit_none(),
            _ => v.visit_some(self.child(self.node)),
        };
        self.finish(r)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match self.text() {
            Some(s) => v.visit_string(s),
            None => Err(DeError::wrong_type(self.node, "text")),
        };
        self.finish(r)
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        self.deserialize_str(v)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            Kind::Seq(items) => v.visit_seq(SeqDe {
                items: items.iter(),
                de: &self,
            }),
            _ => Err(DeError::wrong_type(self.node, "a list")),
        };
        self.finish(r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            Kind::Map(pairs) => v.visit_map(MapDe {
                pairs: pairs.iter(),
                value: None,
                de: &self,
            }),
            _ => Err(DeError::wrong_type(self.node, "a mapping")),
        };
        self.finish(r)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let node = self.child(self.node);
        let r = self.deserialize_map(v);
        if let Err(e) = &r {
            node.missing_keys(name, fields, e);
        }
        r
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, DeError> {
        let r = match self.text() {
            Some(s) => v.visit_enum(s.into_deserializer()),
            None => Err(DeError::wrong_type(self.node, "one word")),
        };
        self.finish(r)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        let r = match name {
            SPANNED_MARKER => v.visit_seq(SpannedSeq { step: 0, de: &self }),
            RECOVER_MARKER => v.visit_newtype_struct(NodeDe {
                required: self.required,
                recover_root: true,
                ..self.child(self.node)
            }),
            ONE_OR_MANY_MARKER => match &self.node.kind {
                Kind::Seq(items) => v.visit_seq(SeqDe {
                    items: items.iter(),
                    de: &self,
                }),
                _ => v.visit_newtype_struct(self.child(self.node)),
            },
            _ => v.visit_newtype_struct(self.child(self.node)),
        };
        self.finish(r)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        let r = match self.node.kind {
            Kind::Null => v.visit_unit(),
            _ => Err(DeError::wrong_type(self.node, "nothing")),
        };
        self.finish(r)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_unit()
    }

    forward_to_any! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf
    }
}

struct SeqDe<'a, 'b> {
    items: std::slice::Iter<'a, Node>,
    de: &'b NodeDe<'a>,
}

impl<'de, 'a, 'b> SeqAccess<'de> for SeqDe<'a, 'b> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => seed.deserialize(self.de.child(node)).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a, 'b> {
    pairs: std::slice::Iter<'a, (Node, Node)>,
    /// The key and value of the entry being read.
    value: Option<(&'a Node, &'a Node)>,
    de: &'b NodeDe<'a>,
}

impl<'de, 'a, 'b> MapAccess<'de> for MapDe<'a, 'b> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.pairs.next() {
            Some((k, v)) => {
                self.value = Some((k, v));
                let key = self.de.child(k);
                let r = seed.deserialize(key).map_err(|e| e.at(k.loc));
                r.map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, node) = self.value.take().expect("value after key");
        seed.deserialize(self.de.child(node))
            .map_err(|e| e.of_key(key, node))
    }
}

/// Hands a [`super::Spanned`] its location (file, line, column), then its value.
struct SpannedSeq<'a, 'b> {
    step: u8,
    de: &'b NodeDe<'a>,
}

impl<'de, 'a, 'b> SeqAccess<'de> for SpannedSeq<'a, 'b> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let loc = self.de.node.loc;
        self.step += 1;
        let part = match self.step {
            1 => loc.file.0,
            2 => loc.line,
            3 => loc.col,
            4 => return seed.deserialize(self.de.child(self.de.node)).map(Some),
            _ => return Ok(None),
        };
        seed.deserialize(part.into_deserializer()).map(Some)
    }
}
