//! What a comparison finds: changes, each of one kind, better or worse for customers or
//! neither, said in one sentence from the report's words, and located; and the report they
//! make.

use super::words::Words;
use serde::Serialize;

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
    Updates,
    Resolution,
    Price,
    /// A plan's allowances (cases, named contacts, hours of work).
    Allowance,
    /// A plan's minimum term and notice.
    Term,
    AddOn,
    /// Whether prices include tax.
    Tax,
    Hours,
    Contact,
    Calendar,
    /// Holiday sets: a set a calendar applies, a set's rules, and the dates they move.
    Holiday,
    Plan,
    Product,
    IssueType,
    Severity,
    Tier,
    /// The words customers read, in the site's own language, that no kind above covers.
    Wording,
    Page,
    /// The words of another language (`translations/<lang>.yaml`).
    Translation,
    /// A static file, a template or a theme file.
    File,
}

impl Kind {
    /// The title of this kind's section of the report.
    pub(crate) fn title(self, w: &Words) -> String {
        w.word(match self {
            Kind::Routing => "diff_section_routing",
            Kind::Response => "diff_section_response",
            Kind::Updates => "diff_section_updates",
            Kind::Resolution => "diff_section_resolution",
            Kind::Price => "diff_section_price",
            Kind::Allowance => "diff_section_allowance",
            Kind::Term => "diff_section_term",
            Kind::AddOn => "diff_section_add_on",
            Kind::Tax => "diff_section_tax",
            Kind::Hours => "diff_section_hours",
            Kind::Contact => "diff_section_contact",
            Kind::Calendar => "diff_section_calendar",
            Kind::Holiday => "diff_section_holiday",
            Kind::Plan => "diff_section_plan",
            Kind::Product => "diff_section_product",
            Kind::IssueType => "diff_section_issue_type",
            Kind::Severity => "diff_section_severity",
            Kind::Tier => "diff_section_tier",
            Kind::Wording => "diff_section_wording",
            Kind::Page => "diff_section_page",
            Kind::Translation => "diff_section_translation",
            Kind::File => "diff_section_file",
        })
    }

    pub(crate) const ALL: [Kind; 22] = [
        Kind::Routing,
        Kind::Response,
        Kind::Updates,
        Kind::Resolution,
        Kind::Price,
        Kind::Allowance,
        Kind::Term,
        Kind::AddOn,
        Kind::Tax,
        Kind::Hours,
        Kind::Contact,
        Kind::Calendar,
        Kind::Holiday,
        Kind::Plan,
        Kind::Product,
        Kind::IssueType,
        Kind::Severity,
        Kind::Tier,
        Kind::Wording,
        Kind::Page,
        Kind::Translation,
        Kind::File,
    ];
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
    /// `worse`, `better`, or nothing.
    pub(crate) fn word(self, w: &Words) -> Option<String> {
        match self {
            Effect::Worse => Some(w.word("diff_worse")),
            Effect::Better => Some(w.word("diff_better")),
            Effect::Neutral => None,
        }
    }

    /// Better when customers get more (more hours, more coverage), worse when less.
    pub(crate) fn more_is_better<T: PartialOrd>(old: T, new: T) -> Effect {
        match new.partial_cmp(&old) {
            Some(std::cmp::Ordering::Greater) => Effect::Better,
            Some(std::cmp::Ordering::Less) => Effect::Worse,
            _ => Effect::Neutral,
        }
    }

    /// Better when customers get less of it (a lower price, a shorter wait).
    pub(crate) fn less_is_better<T: PartialOrd>(old: T, new: T) -> Effect {
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
    /// The ids of each dimension that is not every value.
    #[serde(flatten)]
    pub ids: crate::catalogue::When,
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
    pub(super) fn changed(
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
    pub(super) fn added(
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
    pub(super) fn removed(
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

    pub(super) fn push(&mut self, c: Change) -> &mut Change {
        self.list.push(c);
        self.list.last_mut().expect("just pushed")
    }
}

/// Everything that changes for customers between two versions.
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub old: String,
    pub new: String,
    /// In section order ([`Kind`]), each section in the order its comparison found them.
    pub changes: Vec<Change>,
}

impl Report {
    pub(crate) fn count(&self, effect: Effect) -> usize {
        self.changes.iter().filter(|c| c.effect == effect).count()
    }

    /// The changes of one section.
    pub(crate) fn section(&self, kind: Kind) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }
}
