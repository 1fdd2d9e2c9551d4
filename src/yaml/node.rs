//! The located YAML tree.

use crate::diagnostics::Loc;

/// A YAML value and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub loc: Loc,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    Int(i128),
    /// The parsed value and the exact source text.
    Float(f64, String),
    Str(String),
    Seq(Vec<Node>),
    /// Keys are scalars, in source order, without duplicates.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of a scalar as written (numbers and booleans included).
    pub(crate) fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Int(i) => Some(i.to_string()),
            Kind::Float(_, raw) => Some(raw.clone()),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            Kind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// What this is, for "expected X, found Y" messages.
    pub(crate) fn describe(&self) -> String {
        match &self.kind {
            Kind::Null => "nothing".into(),
            Kind::Bool(b) => format!("`{b}`"),
            Kind::Int(i) => format!("the number {i}"),
            Kind::Float(_, raw) => format!("the number {raw}"),
            Kind::Str(s) => format!("the text `{}`", shorten(s)),
            Kind::Seq(_) => "a list".into(),
            Kind::Map(_) => "a mapping".into(),
        }
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        s.chars().take(37).collect::<String>() + "..."
    } else {
        s.to_string()
    }
}
