//! The report as one JSON document: `{"old", "new", "worse", "better", "changes": [{"kind",
//! "action", "effect", "summary", "subject", "before", "after", "details", "file", "line", "cases"}]}`.

use super::change::{Action, Cases, Effect, Kind, Report};
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    old: &'a str,
    new: &'a str,
    worse: usize,
    better: usize,
    changes: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    kind: Kind,
    action: Action,
    effect: Effect,
    summary: &'a str,
    subject: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    details: &'a [String],
    file: Option<&'a str>,
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cases: Option<&'a Cases>,
}

pub(crate) fn render(r: &Report) -> String {
    serde_json::to_string_pretty(&doc(r)).expect("the report serialises") + "\n"
}

/// The report as a JSON value, as [`render`] prints it: for documents that hold reports (the
/// published changes' `api/changes.json`).
pub(crate) fn value(r: &Report) -> serde_json::Value {
    serde_json::to_value(doc(r)).expect("the report serialises")
}

fn doc(r: &Report) -> Doc<'_> {
    Doc {
        old: &r.old,
        new: &r.new,
        worse: r.count(Effect::Worse),
        better: r.count(Effect::Better),
        changes: r
            .changes
            .iter()
            .map(|c| Item {
                kind: c.kind,
                action: c.action,
                effect: c.effect,
                summary: &c.summary,
                subject: &c.subject,
                before: c.before.as_deref(),
                after: c.after.as_deref(),
                details: &c.details,
                file: c.place.as_ref().map(|p| p.file.as_str()),
                line: c.place.as_ref().map(|p| p.line),
                cases: c.cases.as_ref(),
            })
            .collect(),
    }
}
