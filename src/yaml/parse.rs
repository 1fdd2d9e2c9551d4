//! Text → [`Node`] with serde-saphyr. Duplicate keys are passed through here and refused by
//! [`Node`] construction, so that every duplicate in a file is reported, not only the first.

use super::node::{Kind, Node};
use crate::diagnostics::{Code, Diagnostic, FileId, Loc};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Location, Spanned};
use std::cell::RefCell;

/// Parser limits: high enough for catalogues of tens of thousands of products, low enough that
/// an alias bomb or absurd nesting fails in milliseconds.
fn options() -> serde_saphyr::Options {
    let budget = serde_saphyr::budget! {
        max_events: 20_000_000,
        max_nodes: 10_000_000,
        max_depth: 64,
        max_total_scalar_bytes: 256 * 1024 * 1024,
    };
    let alias_limits = serde_saphyr::alias_limits! {
        max_total_replayed_events: 200_000,
        max_replay_stack_depth: 16,
    };
    serde_saphyr::options! {
        budget: budget,
        alias_limits: alias_limits,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
    }
}

/// Parses one YAML document whose first line is line `first_line` of `file` (front matter
/// starts below its `---`). Errors are syntax errors (or budget breaches) and duplicate keys.
pub(crate) fn parse(src: &str, file: FileId, first_line: u32) -> Result<Node, Vec<Diagnostic>> {
    let dups = RefCell::new(Vec::new());
    let ctx = Ctx {
        src,
        file,
        dups: &dups,
        line_offset: first_line.saturating_sub(1),
    };
    let raw: Result<Spanned<Raw>, _> = serde_saphyr::from_str_with_options(src, options());
    let raw = raw.map_err(|e| {
        let loc = e.location().map(|l| ctx.loc(&l));
        // Rendered with the same line offset as `loc`, so that a front matter error names
        // the page file's own line in its text too.
        let msg = e.render_with_options(serde_saphyr::render_options! {
            line_offset: u64::from(ctx.line_offset),
        });
        let msg = msg.lines().next().unwrap_or("invalid YAML").to_string();
        vec![Diagnostic::error(
            Code::YamlSyntax,
            loc,
            format!("invalid YAML: {msg}"),
        )]
    })?;
    let node = ctx.convert(raw);
    let dups = dups.into_inner();
    if dups.is_empty() { Ok(node) } else { Err(dups) }
}

struct Ctx<'a> {
    src: &'a str,
    file: FileId,
    dups: &'a RefCell<Vec<Diagnostic>>,
    line_offset: u32,
}

impl Ctx<'_> {
    fn loc(&self, l: &Location) -> Loc {
        Loc::new(
            self.file,
            l.line() as u32 + self.line_offset,
            l.column() as u32,
        )
    }

    /// The exact source text of a number, from where it is defined (an alias points elsewhere).
    fn raw_text(&self, l: &Location) -> Option<String> {
        let span = l.span();
        let start = span.byte_offset()? as usize;
        let end = start + span.byte_len()? as usize;
        self.src.get(start..end).map(str::to_string)
    }

    fn convert(&self, raw: Spanned<Raw>) -> Node {
        let loc = self.loc(&raw.referenced);
        let kind = match raw.value {
            Raw::Null => Kind::Null,
            Raw::Bool(b) => Kind::Bool(b),
            Raw::Int(i) => Kind::Int(i),
            Raw::Float(f) => {
                let text = self.raw_text(&raw.defined).unwrap_or_else(|| f.to_string());
                Kind::Float(f, text)
            }
            Raw::Str(s) => Kind::Str(s),
            Raw::Seq(items) => Kind::Seq(items.into_iter().map(|i| self.convert(i)).collect()),
            Raw::Map(pairs) => Kind::Map(self.convert_map(pairs)),
        };
        Node { loc, kind }
    }

    fn convert_map(&self, pairs: Vec<(Spanned<String>, Spanned<Raw>)>) -> Vec<(Node, Node)> {
        let firsts: Vec<Option<Loc>> = first_of_each_key(&pairs)
            .into_iter()
            .map(|f| f.map(|i| self.loc(&pairs[i].0.referenced)))
            .collect();
        let mut out: Vec<(Node, Node)> = Vec::with_capacity(pairs.len());
        for (i, (k, v)) in pairs.into_iter().enumerate() {
            let key_loc = self.loc(&k.referenced);
            if let Some(first) = firsts[i] {
                self.dups.borrow_mut().push(
                    Diagnostic::error(
                        Code::DuplicateKey,
                        key_loc,
                        format!("duplicate key `{}`", k.value),
                    )
                    .with_note(first, "first given here"),
                );
                continue;
            }
            let key = Node {
                loc: key_loc,
                kind: Kind::Str(k.value),
            };
            out.push((key, self.convert(v)));
        }
        out
    }
}

/// For each pair of a mapping, the index of the pair that first gave its key when it repeats
/// an earlier key (`None` for a key's first occurrence). Sorting the keys keeps this
/// O(n log n): a mapping of 100,000 keys (a translation file) took minutes when each key was
/// compared with every earlier one.
fn first_of_each_key(pairs: &[(Spanned<String>, Spanned<Raw>)]) -> Vec<Option<usize>> {
    let mut firsts = vec![None; pairs.len()];
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    // Stable: equal keys stay in file order, so a run's first is the first given.
    order.sort_by(|&a, &b| pairs[a].0.value.cmp(&pairs[b].0.value));
    for run in order.chunk_by(|&a, &b| pairs[a].0.value == pairs[b].0.value) {
        for &later in &run[1..] {
            firsts[later] = Some(run[0]);
        }
    }
    firsts
}

/// What serde-saphyr hands over, before locations are attached.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Raw, E> {
        Ok(Raw::Int(i.into()))
    }
    fn visit_u64<E>(self, i: u64) -> Result<Raw, E> {
        Ok(Raw::Int(i.into()))
    }
    fn visit_i128<E>(self, i: i128) -> Result<Raw, E> {
        Ok(Raw::Int(i))
    }
    fn visit_u128<E: de::Error>(self, i: u128) -> Result<Raw, E> {
        i128::try_from(i)
            .map(Raw::Int)
            .map_err(|_| E::custom("integer too large"))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Raw, E> {
        Ok(Raw::Float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = a.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut pairs = Vec::new();
        while let Some(pair) = a.next_entry()? {
            pairs.push(pair);
        }
        Ok(Raw::Map(pairs))
    }
}
