//! `diff`: what a change to a site changes for customers (spec section 9). Two checked versions
//! of a site are compared in customers' terms, never as text: the routing case by case, then
//! plans (response targets, prices, hours, contacts), contacts, calendars, the catalogue's other
//! entities and the pages. Each change is said in the site's language, located in the version
//! that defines it, and marked better or worse for customers where that is clear.
//!
//! Entities are paired across the versions by id, then by name ([`pairing`]), so a renamed id
//! with the same words changes nothing. The report is printed by [`human`], [`markdown`] or
//! [`json`].

mod calendars;
mod contacts;
mod entities;
pub(crate) mod git;
pub(crate) mod human;
pub(crate) mod json;
mod locate;
pub(crate) mod markdown;
mod pages;
mod pairing;
mod plans;
mod routing;
pub(crate) mod words;

use crate::catalogue::Catalogue;
use crate::diagnostics::Loc;
use crate::pipeline::Checked;
use crate::routing::Matrix;
use locate::Locator;
use pairing::Pairings;
use serde::Serialize;
use words::Words;

/// One version of the site, checked and valid.
pub(crate) struct Version<'a> {
    /// How the report names this version: the folder, or `REV:path` for a git revision.
    pub label: &'a str,
    pub checked: &'a Checked,
    pub cat: &'a Catalogue,
    pub matrix: &'a Matrix,
    locs: Locator,
}

impl<'a> Version<'a> {
    /// `None` when the check found no catalogue or no routing matrix (it reported why).
    pub fn new(label: &'a str, checked: &'a Checked) -> Option<Version<'a>> {
        Some(Version {
            label,
            checked,
            cat: checked.catalogue.as_ref()?,
            matrix: checked.matrix.as_ref()?,
            locs: Locator::new(&checked.site.catalogue),
        })
    }

    /// Where `loc` is, as the report prints it.
    fn place(&self, loc: Option<Loc>) -> Option<Place> {
        loc.map(|l| Place {
            file: self.checked.site.files.name(l.file).to_string(),
            line: l.line,
        })
    }
}

/// A file and line of one version.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Place {
    pub file: String,
    pub line: u32,
}

/// What a change is about; also the order of the report's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Routing,
    Response,
    Price,
    Hours,
    Contact,
    Calendar,
    Plan,
    Product,
    IssueType,
    Severity,
    Tier,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Routing,
        Kind::Response,
        Kind::Price,
        Kind::Hours,
        Kind::Contact,
        Kind::Calendar,
        Kind::Plan,
        Kind::Product,
        Kind::IssueType,
        Kind::Severity,
        Kind::Tier,
        Kind::Page,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Routing => "routing",
            Kind::Response => "response",
            Kind::Price => "price",
            Kind::Hours => "hours",
            Kind::Contact => "contact",
            Kind::Calendar => "calendar",
            Kind::Plan => "plan",
            Kind::Product => "product",
            Kind::IssueType => "issue_type",
            Kind::Severity => "severity",
            Kind::Tier => "tier",
            Kind::Page => "page",
        }
    }
}

/// Whether a change is better or worse for customers (`Neutral` when neither is clear).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Effect {
    Worse,
    Better,
    Neutral,
}

impl Effect {
    /// Better when customers get more (more hours, more coverage), worse when less.
    pub fn more_is_better<T: PartialOrd>(old: T, new: T) -> Effect {
        match new.partial_cmp(&old) {
            Some(std::cmp::Ordering::Greater) => Effect::Better,
            Some(std::cmp::Ordering::Less) => Effect::Worse,
            _ => Effect::Neutral,
        }
    }

    /// Better when customers get less of it (a lower price, a shorter wait).
    pub fn less_is_better<T: PartialOrd>(old: T, new: T) -> Effect {
        Effect::more_is_better(new, old)
    }
}

/// Whether something is added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Action {
    Added,
    Removed,
    Changed,
}

/// Which cases a routing change is about, by id, per dimension (absent: every value).
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Cases {
    pub count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Vec<String>>,
}

/// One thing that changes for customers.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub kind: Kind,
    pub action: Action,
    pub effect: Effect,
    /// What changes: a plan and severity, a calendar's holiday, a group of cases.
    pub subject: String,
    /// Before and after, in words; `None` for what is added or removed.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The whole change in one sentence.
    pub summary: String,
    /// Worked examples and other details, one line each.
    pub details: Vec<String>,
    /// Where the new version defines it (the old one, for a removal).
    pub place: Option<Place>,
    /// For routing changes: the cases.
    pub cases: Option<Cases>,
}

/// Builds changes in one place, so that every summary is said the same way.
pub(crate) struct Changes<'w> {
    pub words: &'w Words,
    pub list: Vec<Change>,
}

impl Changes<'_> {
    /// `subject`: `before` becomes `after`.
    pub fn changed(
        &mut self,
        kind: Kind,
        effect: Effect,
        subject: String,
        (before, after): (String, String),
        place: Option<Place>,
    ) -> &mut Change {
        let summary = self.words.becomes(&subject, &before, &after);
        self.push(Change {
            kind,
            action: Action::Changed,
            effect,
            subject,
            before: Some(before),
            after: Some(after),
            summary,
            details: Vec::new(),
            place,
            cases: None,
        })
    }

    /// `subject` is added (`what`: a short description of it, may be empty).
    pub fn added(
        &mut self,
        kind: Kind,
        effect: Effect,
        subject: String,
        what: String,
        place: Option<Place>,
    ) -> &mut Change {
        let summary = self.words.added(&subject, &what);
        self.push(Change {
            kind,
            action: Action::Added,
            effect,
            subject,
            before: None,
            after: (!what.is_empty()).then_some(what),
            summary,
            details: Vec::new(),
            place,
            cases: None,
        })
    }

    /// `subject` is removed (`what`: a short description of what it was, may be empty).
    pub fn removed(
        &mut self,
        kind: Kind,
        effect: Effect,
        subject: String,
        what: String,
        place: Option<Place>,
    ) -> &mut Change {
        let summary = self.words.removed(&subject, &what);
        self.push(Change {
            kind,
            action: Action::Removed,
            effect,
            subject,
            before: (!what.is_empty()).then_some(what),
            after: None,
            summary,
            details: Vec::new(),
            place,
            cases: None,
        })
    }

    pub fn push(&mut self, c: Change) -> &mut Change {
        self.list.push(c);
        self.list.last_mut().expect("just pushed")
    }
}

/// Everything that changes for customers between two versions.
pub(crate) struct Report {
    pub old: String,
    pub new: String,
    /// In section order ([`Kind`]), each section in the order its comparison found them.
    pub changes: Vec<Change>,
}

impl Report {
    pub fn count(&self, effect: Effect) -> usize {
        self.changes.iter().filter(|c| c.effect == effect).count()
    }

    /// The changes of one section.
    pub fn section(&self, kind: Kind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }
}

/// Compares two valid versions.
pub(crate) fn compare(old: &Version, new: &Version, words: &Words) -> Report {
    let pairs = Pairings::new(old.cat, new.cat);
    let ctx = Context {
        old,
        new,
        pairs: &pairs,
        words,
    };
    let mut changes = Changes {
        words,
        list: Vec::new(),
    };
    routing::compare(&ctx, &mut changes);
    plans::compare(&ctx, &mut changes);
    contacts::compare(&ctx, &mut changes);
    calendars::compare(&ctx, &mut changes);
    entities::compare(&ctx, &mut changes);
    pages::compare(&ctx, &mut changes);
    let mut list = changes.list;
    // Stable: each section keeps the order its comparison gave.
    list.sort_by_key(|c| c.kind);
    Report {
        old: old.label.to_string(),
        new: new.label.to_string(),
        changes: list,
    }
}

/// What every comparison reads.
pub(crate) struct Context<'a> {
    pub old: &'a Version<'a>,
    pub new: &'a Version<'a>,
    pub pairs: &'a Pairings,
    pub words: &'a Words,
}
