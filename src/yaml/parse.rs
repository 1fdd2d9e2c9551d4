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
///
/// The located tree is built as the parser goes, each value converted as soon as it is read:
/// no second tree of serde-saphyr's own values is held, which halves the memory of loading a
/// large catalogue.
pub(crate) fn parse(src: &str, file: FileId, first_line: u32) -> Result<Node, Vec<Diagnostic>> {
    let line_offset = first_line.saturating_sub(1);
    let ctx = Ctx {
        src: src.to_string(),
        file,
        line_offset,
        dups: Vec::new(),
    };
    let previous = CTX.with(|c| c.replace(Some(ctx)));
    let built: Result<Spanned<Built>, _> = serde_saphyr::from_str_with_options(src, options());
    let ctx = CTX
        .with(|c| c.replace(previous))
        .expect("the context set above");
    let built = built.map_err(|e| {
        let loc = e.location().map(|l| ctx.loc(&l));
        // Rendered with the same line offset as `loc`, so that a front matter error names
        // the page file's own line in its text too.
        let msg = e.render_with_options(serde_saphyr::render_options! {
            line_offset: u64::from(line_offset),
        });
        let msg = msg.lines().next().unwrap_or("invalid YAML").to_string();
        // The parser's hint for this one names its own functions: said in a partner's words.
        if matches!(e, serde_saphyr::Error::MultipleDocuments { .. }) {
            return vec![
                Diagnostic::error(
                    Code::YamlSyntax,
                    loc,
                    "invalid YAML: a second document begins here, after a `---` line; a file holds one document",
                )
                .with_help("remove the `---` line, or move what follows it into a file of its own"),
            ];
        }
        vec![Diagnostic::error(
            Code::YamlSyntax,
            loc,
            format!("invalid YAML: {msg}"),
        )]
    })?;
    let node = ctx.node(built);
    if ctx.dups.is_empty() {
        Ok(node)
    } else {
        Err(ctx.dups)
    }
}

thread_local! {
    /// The document being parsed on this thread (a parse runs on one thread, start to end).
    static CTX: RefCell<Option<Ctx>> = const { RefCell::new(None) };
}

struct Ctx {
    src: String,
    file: FileId,
    dups: Vec<Diagnostic>,
    line_offset: u32,
}

/// Runs `f` with the document being parsed on this thread.
fn with_ctx<T>(f: impl FnOnce(&mut Ctx) -> T) -> T {
    CTX.with(|c| f(c.borrow_mut().as_mut().expect("called while parsing")))
}

impl Ctx {
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

    /// A value read, located; a float gets its source text.
    fn node(&self, built: Spanned<Built>) -> Node {
        let loc = self.loc(&built.referenced);
        let kind = match built.value.0 {
            Kind::Float(f, _) => {
                let text = self
                    .raw_text(&built.defined)
                    .unwrap_or_else(|| f.to_string());
                Kind::Float(f, text)
            }
            kind => kind,
        };
        Node { loc, kind }
    }

    /// A mapping's pairs, located, each duplicate key reported (and left out).
    fn map(&mut self, pairs: Vec<(Spanned<String>, Node)>) -> Vec<(Node, Node)> {
        let firsts = first_of_each_key(&pairs);
        let mut out: Vec<(Node, Node)> = Vec::with_capacity(pairs.len());
        let first_locs: Vec<Option<Loc>> = firsts
            .iter()
            .map(|f| f.map(|i| self.loc(&pairs[i].0.referenced)))
            .collect();
        for ((k, v), first) in pairs.into_iter().zip(first_locs) {
            let key_loc = self.loc(&k.referenced);
            if let Some(first) = first {
                self.dups.push(
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
                kind: Kind::Str(super::text::printable(k.value)),
            };
            out.push((key, v));
        }
        out
    }
}

/// For each pair of a mapping, the index of the pair that first gave its key when it repeats
/// an earlier key (`None` for a key's first occurrence). Sorting the keys keeps this
/// O(n log n): a mapping of 100,000 keys (a translation file) took minutes when each key was
/// compared with every earlier one.
fn first_of_each_key<V>(pairs: &[(Spanned<String>, V)]) -> Vec<Option<usize>> {
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

/// A value as serde-saphyr hands it over, its children already located nodes.
struct Built(Kind);

impl<'de> Deserialize<'de> for Built {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Built, D::Error> {
        d.deserialize_any(BuiltVisitor)
    }
}

struct BuiltVisitor;

impl<'de> Visitor<'de> for BuiltVisitor {
    type Value = Built;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Built, E> {
        Ok(Built(Kind::Null))
    }
    fn visit_none<E>(self) -> Result<Built, E> {
        Ok(Built(Kind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Built, D::Error> {
        Built::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Built, E> {
        Ok(Built(Kind::Bool(b)))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Built, E> {
        Ok(Built(Kind::Int(i.into())))
    }
    fn visit_u64<E>(self, i: u64) -> Result<Built, E> {
        Ok(Built(Kind::Int(i.into())))
    }
    fn visit_i128<E>(self, i: i128) -> Result<Built, E> {
        Ok(Built(Kind::Int(i)))
    }
    fn visit_u128<E: de::Error>(self, i: u128) -> Result<Built, E> {
        i128::try_from(i)
            .map(|i| Built(Kind::Int(i)))
            .map_err(|_| E::custom("integer too large"))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Built, E> {
        // The source text is added when the value is located (`Ctx::node`).
        Ok(Built(Kind::Float(f, String::new())))
    }
    fn visit_str<E>(self, s: &str) -> Result<Built, E> {
        Ok(Built(Kind::Str(super::text::printable(s.to_string()))))
    }
    fn visit_string<E>(self, s: String) -> Result<Built, E> {
        Ok(Built(Kind::Str(super::text::printable(s))))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Built, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = a.next_element::<Spanned<Built>>()? {
            items.push(with_ctx(|c| c.node(item)));
        }
        Ok(Built(Kind::Seq(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Built, A::Error> {
        let mut pairs = Vec::new();
        while let Some((k, v)) = a.next_entry::<Spanned<String>, Spanned<Built>>()? {
            pairs.push((k, with_ctx(|c| c.node(v))));
        }
        Ok(Built(Kind::Map(with_ctx(|c| c.map(pairs)))))
    }
}
