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
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why a node did not fit its type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DeError {
    pub loc: Option<Loc>,
    kind: ErrorKind,
    /// The innermost mapping entry or list item the error is in: leaving it out lets the rest
    /// of its item be read, to find the other errors (see [`Attempts`]).
    entry: Option<Entry>,
    /// A consequence of an error already reported (a key found missing because its bad value
    /// was left out, or because it is misspelt and reported unknown): it stops the read like
    /// any error, and is not reported.
    quiet: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ErrorKind {
    UnknownField(String, &'static [&'static str]),
    MissingField(&'static str),
    UnknownVariant(String, &'static [&'static str]),
    WrongType(WrongType),
    Custom(String),
    /// An item whose re-reads (to find all its errors) stopped before its end: see [`budget`].
    TooMany,
}

/// Where a bad value stands in its container: the key of a mapping entry, or a list item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Entry {
    Key(Loc),
    Item(Loc),
}

/// A value of the wrong type: what was expected, what was found, and the key it is the value of.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    fn new(loc: Option<Loc>, kind: ErrorKind) -> Self {
        DeError {
            loc,
            kind,
            entry: None,
            quiet: false,
        }
    }

    fn at(mut self, loc: Loc) -> Self {
        self.loc.get_or_insert(loc);
        self
    }

    /// Records the entry this error is in, unless a deeper one is recorded already.
    fn within(mut self, entry: Entry) -> Self {
        self.entry.get_or_insert(entry);
        self
    }

    fn wrong_type(node: &Node, expected: &str) -> Self {
        DeError::new(
            Some(node.loc),
            ErrorKind::WrongType(WrongType {
                expected: expected.to_string(),
                found: node.describe(),
                key: None,
            }),
        )
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
            ErrorKind::TooMany => Diagnostic::error(
                Code::InvalidValue,
                self.loc,
                "more bad values here than one check reports",
            )
            .with_help("correct the ones reported and check again"),
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
        DeError::new(None, ErrorKind::Custom(msg.to_string()))
    }
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(
            None,
            ErrorKind::WrongType(WrongType {
                expected: friendly(&exp.to_string()),
                found: unexpected(unexp),
                key: None,
            }),
        )
    }
    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::invalid_type(unexp, exp)
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(None, ErrorKind::UnknownField(field.into(), expected))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(None, ErrorKind::UnknownVariant(variant.into(), expected))
    }
    fn missing_field(field: &'static str) -> Self {
        DeError::new(None, ErrorKind::MissingField(field))
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
/// items skipped; the result is `None` only when the outermost value itself does not fit. Every
/// bad value is reported, in one run: a value that does not fit is left out and its item (or,
/// outside every item, the whole value) read again, until it reads or nothing more can be left
/// out (see [`Attempts`]).
pub(crate) fn from_node<'a, T: Deserialize<'a> + schemars::JsonSchema>(
    node: &'a Node,
) -> (Option<T>, Vec<DeError>) {
    let shared = Shared::new(Required::of::<T>());
    let mut value = None;
    let mut first = true;
    loop {
        match T::deserialize(NodeDe {
            node,
            shared: &shared,
        }) {
            Ok(v) => {
                value = first.then_some(v);
                break;
            }
            Err(e) => {
                first = false;
                if !shared.recover(e, node) {
                    break;
                }
            }
        }
    }
    (value, shared.errors.into_inner())
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

/// What every reader of one tree shares: the errors found, and the entries left out.
struct Shared {
    /// In the order found, each once (an item read again finds its first errors again).
    errors: RefCell<Vec<DeError>>,
    seen: RefCell<HashSet<(Option<Loc>, ErrorKind)>>,
    /// Mapping entries (by key) and list items left out because a bad value is in them.
    skipped: RefCell<HashSet<Entry>>,
    /// The re-readings each item (by location) has left: see [`budget`].
    budgets: RefCell<HashMap<Loc, usize>>,
    required: Required,
}

impl Shared {
    fn new(required: Required) -> Self {
        Shared {
            errors: RefCell::default(),
            seen: RefCell::default(),
            skipped: RefCell::default(),
            budgets: RefCell::default(),
            required,
        }
    }

    /// Records `e`, unless it is a consequence of another error or was recorded already.
    fn report(&self, e: &DeError) {
        if !e.quiet && self.seen.borrow_mut().insert((e.loc, e.kind.clone())) {
            self.errors.borrow_mut().push(e.clone());
        }
    }

    fn skips(&self, entry: Entry) -> bool {
        let skipped = self.skipped.borrow();
        !skipped.is_empty() && skipped.contains(&entry)
    }

    /// After `node` (an item, or the root) failed to read with `e`: records `e` and leaves out
    /// the entry it is in. Whether to read `node` again.
    fn recover(&self, e: DeError, node: &Node) -> bool {
        self.report(&e);
        // An error about the item itself (not one of its entries) leaves nothing to read.
        let Some(entry) = e.entry else {
            return false;
        };
        if !self.skipped.borrow_mut().insert(entry) {
            return false;
        }
        let mut budgets = self.budgets.borrow_mut();
        let left = budgets.entry(node.loc).or_insert_with(|| budget(node));
        if *left == 0 {
            drop(budgets);
            self.report(&DeError::new(Some(node.loc), ErrorKind::TooMany));
            return false;
        }
        *left -= 1;
        true
    }
}

/// How many times one item (or the root) is read again, in all: each reading costs up to the
/// item's size, so the number falls as the item grows. An item of a few thousand values is
/// read again for every bad value it has; one of 60,000 values about 70 times (0.8 s on the
/// 2-core test machine), a whole file of a million values 16 times. The count is kept by
/// item, across the readings of the items around it, so that the work stays within a fixed
/// multiple of the file's size: never quadratic.
fn budget(node: &Node) -> usize {
    (WORK / size(node)).max(16)
}

/// Values one item may be read through, in all, before its re-reads stop.
const WORK: usize = 1 << 22;

/// How many values `node` holds, itself and keys included.
fn size(node: &Node) -> usize {
    1 + match &node.kind {
        Kind::Seq(items) => items.iter().map(size).sum(),
        Kind::Map(pairs) => pairs.iter().map(|(_, v)| 1 + size(v)).sum(),
        _ => 0,
    }
}

struct NodeDe<'a> {
    node: &'a Node,
    shared: &'a Shared,
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node) -> NodeDe<'a> {
        NodeDe {
            node,
            shared: self.shared,
        }
    }

    /// When struct `name` failed to load from this mapping, records every required key it lacks
    /// but the one serde reported (serde stops at the first). A key serde reports missing that
    /// is written (it was left out for its bad value) or misspelt (reported as unknown, with
    /// this one suggested) is a consequence: `error` becomes quiet.
    fn missing_keys(
        &self,
        name: &str,
        fields: &'static [&'static str],
        mut error: DeError,
    ) -> DeError {
        let Kind::Map(pairs) = &self.node.kind else {
            return error;
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
        if let Some(f) = reported
            && (keys.contains(&f) || misspelt(f))
        {
            error.quiet = true;
        }
        for &f in fields {
            if Some(f) != reported
                && !keys.contains(&f)
                && !misspelt(f)
                && self.shared.required.requires(name, f)
            {
                self.shared.report(&DeError::new(
                    Some(self.node.loc),
                    ErrorKind::MissingField(f),
                ));
            }
        }
        error
    }

    /// Locates an error at this node unless a deeper node already did.
    fn finish<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        r.map_err(|e| e.at(self.node.loc))
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
        self.deserialize_map(v)
            .map_err(|e| node.missing_keys(name, fields, e))
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
            RECOVER_MARKER => v.visit_seq(Attempts {
                de: &self,
                done: false,
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
        loop {
            match self.items.next() {
                Some(node) if self.de.shared.skips(Entry::Item(node.loc)) => {}
                Some(node) => {
                    return seed
                        .deserialize(self.de.child(node))
                        .map(Some)
                        .map_err(|e| e.within(Entry::Item(node.loc)));
                }
                None => return Ok(None),
            }
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
        loop {
            match self.pairs.next() {
                Some((k, _)) if self.de.shared.skips(Entry::Key(k.loc)) => {}
                Some((k, v)) => {
                    self.value = Some((k, v));
                    let key = self.de.child(k);
                    let r = seed
                        .deserialize(key)
                        .map_err(|e| e.at(k.loc).within(Entry::Key(k.loc)));
                    return r.map(Some);
                }
                None => return Ok(None),
            }
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, node) = self.value.take().expect("value after key");
        seed.deserialize(self.de.child(node))
            .map_err(|e| e.of_key(key, node).within(Entry::Key(key.loc)))
    }
}

/// The readings of one [`super::Recover`] item, one per element: the item as written, then,
/// while a reading fails, the item again without the entry (mapping key or list item) that
/// held the bad value, so that the next bad value is found; until a reading succeeds or the
/// error is about the item itself. Each error is recorded once, and a key found missing
/// because its value was left out is a consequence, not an error (see
/// [`NodeDe::missing_keys`]). The item's value is kept only from the first reading.
struct Attempts<'a, 'b> {
    de: &'b NodeDe<'a>,
    done: bool,
}

impl<'de, 'a, 'b> SeqAccess<'de> for Attempts<'a, 'b> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        if self.done {
            return Ok(None);
        }
        match seed.deserialize(self.de.child(self.de.node)) {
            Ok(v) => {
                self.done = true;
                Ok(Some(v))
            }
            Err(e) => {
                let shared = self.de.shared;
                self.done = !shared.recover(e.clone(), self.de.node);
                Err(e)
            }
        }
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
