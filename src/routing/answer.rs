//! The answer to "who handles this case?": the decision, each tier of the path with its
//! responsible party, contact, methods and hours, and the plan's response target. `route`
//! prints it; the portal's route finder shows the same. Given the instant a case is opened,
//! each target also says when the first response is due.

use super::matrix::Matrix;
use super::space::{Dim, Space};
use crate::catalogue::due::{Due, Staffing};
use crate::catalogue::now::{ContactNow, contact_now};
use crate::catalogue::{self as model, Catalogue, TargetKind};
use crate::diagnostics::{Files, location};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct Answer<'c> {
    pub product: &'c str,
    pub issue: &'c str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<&'c str>,
    /// `null` where the fallback decided, or for a gap.
    pub rule: Option<&'c str>,
    pub rule_location: Option<String>,
    pub covered: bool,
    pub path: &'c [String],
    /// `true` when no rule matches and there is no fallback.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub gap: bool,
    pub note: Option<&'c str>,
    pub tiers: Vec<TierAnswer<'c>>,
    /// Response targets of the plan for this case (its target rules applied): the
    /// severity's, or one per severity when no severity is given.
    pub response: Vec<Target<'c>>,
    /// Update intervals, in the same shape.
    pub updates: Vec<Target<'c>>,
    /// Resolution targets, in the same shape.
    pub resolution: Vec<Target<'c>>,
    /// Where to go at the instant the case is opened (a covered case under a plan, `--at`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub now: Option<NowAnswer<'c>>,
}

/// `contact_now`: the contact's id, or `null` with `opens_at` (RFC 3339 in the zone of the
/// calendar that opens first; `null` when none opens within 400 days).
#[derive(Debug)]
pub(crate) struct NowAnswer<'c>(pub ContactNow<'c>);

impl Serialize for NowAnswer<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        match &self.0 {
            ContactNow::Staffed(c) => map.serialize_entry("contact_now", &c.id)?,
            ContactNow::Closed { opens } => {
                map.serialize_entry("contact_now", &None::<&str>)?;
                let at = opens
                    .as_ref()
                    .map(|(t, _, zone)| t.display_with_offset(zone.to_offset(*t)).to_string());
                map.serialize_entry("opens_at", &at)?;
            }
        }
        map.end()
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct TierAnswer<'c> {
    pub id: &'c str,
    pub name: &'c str,
    pub responsible: String,
    /// Customers cannot contact this tier: the partner escalates to it on their behalf.
    pub partner_only: bool,
    pub contact: &'c str,
    pub contact_name: &'c str,
    /// Absent for partner-only contacts, whose methods are never shown.
    pub methods: Vec<MethodAnswer<'c>>,
    pub hours: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct MethodAnswer<'c> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The method's own label ("From abroad"), when it has one.
    pub label: Option<&'c str>,
    pub value: &'c str,
    pub hours: Option<String>,
}

/// One target of a case, as the plan (or a target rule of it) states it.
#[derive(Debug)]
pub(crate) struct Target<'c> {
    pub target: &'c model::Target,
    /// The severity the target is for (`None`: a catalogue without severities).
    pub severity: Option<&'c str>,
    /// The target in words (the portal's wording).
    pub words: String,
    /// When the case was opened at a given instant: when the target is due (response and
    /// resolution).
    pub due: Option<DueAnswer>,
    /// On a response target, with `--at`: the case's resolution due instant and update
    /// interval, beside its response due instant.
    pub resolution_due: Option<DueAnswer>,
    pub updates_every: Option<&'c model::Target>,
    /// `--at` was given (then `resolution_due` and `updates_every` are written, `null` when
    /// the plan has none).
    pub at: bool,
}

impl Serialize for Target<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let t = self.target;
        let mut m = s.serialize_map(None)?;
        if let Some(sev) = self.severity {
            m.serialize_entry("severity", sev)?;
        }
        m.serialize_entry(t.kind.duration_key(), &t.written)?;
        m.serialize_entry("clock", &t.clock)?;
        m.serialize_entry("words", &self.words)?;
        if self.at {
            match t.kind {
                TargetKind::Response => {
                    m.serialize_entry("response_due", &self.due)?;
                    m.serialize_entry("resolution_due", &self.resolution_due)?;
                    m.serialize_entry("updates_every", &self.updates_every.map(written))?;
                }
                TargetKind::Resolution => m.serialize_entry("resolution_due", &self.due)?,
                TargetKind::Updates => {}
            }
        }
        m.end()
    }
}

/// A target as written: `{"every": "2h", "clock": "always"}`.
fn written(t: &model::Target) -> serde_json::Value {
    serde_json::json!({ t.kind.duration_key(): t.written, "clock": t.clock })
}

/// A due instant and the zone of the plan's calendar, to show it in.
#[derive(Debug)]
pub(crate) struct DueAnswer {
    pub due: Due,
    pub zone: TimeZone,
}

impl DueAnswer {
    /// RFC 3339 with the calendar's offset at that instant: `2026-12-24T11:30:00+01:00`.
    pub(crate) fn rfc3339(&self) -> Option<String> {
        let t = self.due.instant()?;
        Some(t.display_with_offset(self.zone.to_offset(t)).to_string())
    }
}

/// `response_due`: the RFC 3339 instant, or `null` when there is none.
impl Serialize for DueAnswer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_some(&self.rfc3339())
    }
}

/// A case as the user asked it: one value per dimension, plus a severity and plan that may
/// not be routing dimensions (they still pick the response target).
pub(crate) struct Query<'q> {
    pub coords: Vec<usize>,
    pub severity: Option<&'q str>,
    pub plan: Option<&'q str>,
    /// When the case is opened (`route --at`).
    pub opened: Option<Timestamp>,
}

pub(crate) fn answer<'c>(
    cat: &'c Catalogue,
    m: &Matrix,
    files: &Files,
    q: &Query<'c>,
    words: &dyn Fn(&model::Target) -> String,
) -> Answer<'c> {
    let space = &m.space;
    let case = space.case(&q.coords);
    let pick = |d: Dim| space.position(d).map(|p| value(cat, space, d, q.coords[p]));
    let product = pick(Dim::Product).expect("product dimension");
    let severity = pick(Dim::Severity).or(q.severity);
    // A site of one plan: its targets apply to every case, whether or not the rules name it.
    let only_plan = match cat.plans.as_slice() {
        [one] => Some(one.id.as_str()),
        _ => None,
    };
    let plan = pick(Dim::Plan).or(q.plan).or(only_plan);
    let outcome = m.outcome(cat, case);
    let rule = outcome
        .as_ref()
        .and_then(|o| o.rule)
        .and_then(|id| cat.routing.rules.iter().find(|r| r.id == id));
    let path: &[String] = outcome.as_ref().map_or(&[], |o| o.path);
    let issue = pick(Dim::Issue).expect("issue dimension");
    let covered = outcome.as_ref().is_some_and(|o| o.covered);
    let targets_of = |kind| {
        if covered {
            targets(cat, (product, issue, severity, plan), kind, q.opened, words)
        } else {
            Vec::new()
        }
    };
    Answer {
        product,
        issue,
        severity,
        plan,
        rule: rule.map(|r| r.id.as_str()),
        rule_location: rule.map(|r| location(files, Some(r.loc), "")),
        covered,
        path,
        gap: outcome.is_none(),
        note: rule.and_then(|r| r.note.as_deref()),
        tiers: path.iter().filter_map(|t| tier(cat, t, product)).collect(),
        // A case that is not covered has no targets.
        response: targets_of(TargetKind::Response),
        updates: targets_of(TargetKind::Updates),
        resolution: targets_of(TargetKind::Resolution),
        now: q
            .opened
            .zip(plan.and_then(|p| cat.plan(p)))
            .filter(|_| covered)
            .map(|(at, plan)| {
                let first = path
                    .first()
                    .and_then(|t| cat.tier(t))
                    .map(|t| t.contact.as_str());
                NowAnswer(contact_now(cat, first, plan, at))
            }),
    }
}

/// The catalogue's own string for a value, so the answer borrows from the catalogue.
fn value<'c>(cat: &'c Catalogue, space: &Space, d: Dim, v: usize) -> &'c str {
    super::names::named(cat, space, d, v).id
}

fn tier<'c>(cat: &'c Catalogue, id: &str, product: &str) -> Option<TierAnswer<'c>> {
    let t = cat.tier(id)?;
    let c = cat.contact(&t.contact)?;
    let hours = |cal: &str| {
        cat.calendar(cal).map_or_else(
            || cal.to_string(),
            |k| {
                let words = k.describe();
                if words.starts_with(&k.name) {
                    words
                } else {
                    format!("{}: {words}", k.name)
                }
            },
        )
    };
    let methods = if c.is_partner_only() {
        Vec::new()
    } else {
        c.methods
            .iter()
            .map(|m| MethodAnswer {
                kind: m.kind.word(),
                label: m.label.as_deref(),
                value: &m.value,
                hours: m.hours.as_deref().map(hours),
            })
            .collect()
    };
    Some(TierAnswer {
        id: &t.id,
        name: &t.name,
        responsible: cat.responsible_name(&t.responsible, Some(product)),
        partner_only: c.is_partner_only(),
        contact: &c.id,
        contact_name: &c.name,
        methods,
        hours: hours(&c.hours),
    })
}

/// The case's targets of `kind` for its severity, or for each severity when it is not given.
fn targets<'c>(
    cat: &'c Catalogue,
    case: (&str, &str, Option<&'c str>, Option<&str>),
    kind: TargetKind,
    opened: Option<Timestamp>,
    words: &dyn Fn(&model::Target) -> String,
) -> Vec<Target<'c>> {
    let (product, issue, severity, plan) = case;
    let Some(plan) = plan.and_then(|p| cat.plan(p)) else {
        return Vec::new();
    };
    let staffing = opened
        .and_then(|_| cat.calendar(&plan.hours))
        .and_then(Staffing::new);
    let due = |t: &model::Target| {
        staffing.as_ref().zip(opened).map(|(s, at)| DueAnswer {
            due: s.due(t, at),
            zone: s.zone.clone(),
        })
    };
    let severities: Vec<Option<&'c str>> = match severity {
        Some(s) => vec![Some(s)],
        None if cat.severities.is_empty() => vec![None],
        None => cat.severities.iter().map(|s| Some(s.id.as_str())).collect(),
    };
    severities
        .into_iter()
        .filter_map(|sev| {
            let target = plan.target_for(kind, Some(product), Some(issue), sev)?;
            let resolution = (kind == TargetKind::Response)
                .then(|| plan.target_for(TargetKind::Resolution, Some(product), Some(issue), sev))
                .flatten();
            let updates = (kind == TargetKind::Response)
                .then(|| plan.target_for(TargetKind::Updates, Some(product), Some(issue), sev))
                .flatten();
            Some(Target {
                target,
                severity: sev,
                words: words(target),
                due: (kind != TargetKind::Updates).then(|| due(target)).flatten(),
                resolution_due: resolution.and_then(due),
                updates_every: updates,
                at: opened.is_some(),
            })
        })
        .collect()
}
