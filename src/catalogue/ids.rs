//! Ids: their syntax, their uniqueness within a kind, references to them (with "did you mean"),
//! and which ones nothing refers to.

use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use crate::yaml::Spanned;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub(crate) enum Kind {
    Organisation,
    Calendar,
    Contact,
    Tier,
    Severity,
    Plan,
    Product,
    IssueType,
    Rule,
    HolidaySet,
    AddOn,
}

impl Kind {
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Kind::Organisation => "organisation",
            Kind::Calendar => "calendar",
            Kind::Contact => "contact",
            Kind::Tier => "tier",
            Kind::Severity => "severity",
            Kind::Plan => "plan",
            Kind::Product => "product",
            Kind::IssueType => "issue type",
            Kind::Rule => "rule",
            Kind::HolidaySet => "holiday set",
            Kind::AddOn => "add-on",
        }
    }
}

/// The ids defined so far, per kind, in definition order, and which were referred to.
#[derive(Default)]
pub(super) struct Ids {
    defined: HashMap<Kind, Vec<(String, Loc)>>,
    lookup: HashMap<Kind, HashMap<String, usize>>,
    used: HashSet<(Kind, String)>,
}

/// `[a-z0-9][a-z0-9_-]*`; severities may also use upper case.
pub(super) fn valid_id(kind: Kind, id: &str) -> bool {
    let ok = |c: char| {
        c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || (kind == Kind::Severity && c.is_ascii_uppercase())
    };
    let mut chars = id.chars();
    chars.next().is_some_and(ok) && chars.all(|c| ok(c) || c == '_' || c == '-')
}

impl Ids {
    /// Records a definition. Returns false (and reports) for a bad or duplicate id.
    pub(super) fn define(
        &mut self,
        kind: Kind,
        id: &Spanned<String>,
        out: &mut Vec<Diagnostic>,
    ) -> bool {
        if !valid_id(kind, &id.value) {
            let cased = if kind == Kind::Severity {
                "letters"
            } else {
                "lower-case letters"
            };
            out.push(
                Diagnostic::error(
                    Code::InvalidId,
                    id.loc,
                    format!("`{}` is not a valid {} id", id.value, kind.noun()),
                )
                .with_help(format!(
                    "ids use {cased}, digits, `-` and `_`, and start with a letter or digit"
                )),
            );
        }
        let lookup = self.lookup.entry(kind).or_default();
        let defined = self.defined.entry(kind).or_default();
        if let Some(&first) = lookup.get(&id.value) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    id.loc,
                    format!("duplicate {} id `{}`", kind.noun(), id.value),
                )
                .with_note(defined[first].1, "first defined here"),
            );
            return false;
        }
        lookup.insert(id.value.clone(), defined.len());
        defined.push((id.value.clone(), id.loc));
        true
    }

    /// Records a reference made elsewhere (a calendar naming a holiday set).
    pub(super) fn mark_used(&mut self, kind: Kind, id: &str) {
        self.used.insert((kind, id.to_string()));
    }

    pub(super) fn exists(&self, kind: Kind, id: &str) -> bool {
        self.lookup.get(&kind).is_some_and(|l| l.contains_key(id))
    }

    /// Checks a reference and marks the id as used; reports an unknown id with a suggestion.
    pub(super) fn refer(
        &mut self,
        kind: Kind,
        id: &Spanned<String>,
        out: &mut Vec<Diagnostic>,
    ) -> bool {
        if self.exists(kind, &id.value) {
            self.used.insert((kind, id.value.clone()));
            return true;
        }
        out.push(self.unknown(kind, id));
        false
    }

    pub(super) fn unknown(&self, kind: Kind, id: &Spanned<String>) -> Diagnostic {
        let known = self
            .defined
            .get(&kind)
            .into_iter()
            .flatten()
            .map(|(k, _)| k.as_str());
        let help = did_you_mean(&id.value, known).or_else(|| {
            let all: Vec<&str> = self
                .defined
                .get(&kind)
                .into_iter()
                .flatten()
                .map(|(k, _)| k.as_str())
                .collect();
            (!all.is_empty() && all.len() <= 12)
                .then(|| format!("known {} ids: {}", kind.noun(), all.join(", ")))
        });
        Diagnostic::error(
            Code::UnknownReference,
            id.loc,
            format!("there is no {} `{}`", kind.noun(), id.value),
        )
        .with_help_opt(help)
    }

    /// A warning for every id of `kind` that nothing refers to.
    pub(super) fn unused(&self, kind: Kind, out: &mut Vec<Diagnostic>) {
        for (id, loc) in self.defined.get(&kind).into_iter().flatten() {
            if !self.used.contains(&(kind, id.clone())) {
                out.push(Diagnostic::warning(
                    Code::Unused,
                    *loc,
                    format!("{} `{id}` is not referred to by anything", kind.noun()),
                ));
            }
        }
    }
}
