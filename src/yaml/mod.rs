//! YAML: the one place that knows how YAML text becomes typed values.
//!
//! serde-saphyr parses the text into a [`Node`] tree that keeps the line and column of every
//! value (and, for numbers, the exact source text, so amounts are never rounded through a
//! float). The rest of supportbook deserialises its typed structs from that tree through
//! [`from_node`], which locates every error, suggests close field and enum names, and, through
//! [`Recover`], keeps going after a broken list item, and after each bad value inside one (the
//! item is read again without it), so that one run reports them all.

mod de;
mod node;
mod parse;
mod required;
mod text;
mod wrappers;

pub(crate) use de::{from_node, from_node_collect};
pub(crate) use node::{Kind, Node};
pub(crate) use parse::parse;
pub(crate) use text::printable;
pub(crate) use wrappers::{OneOrMany, Pairs, Recover, Spanned};
