//! Promises that can be kept (the format's section 14): a plan whose target for a severity is
//! counted around the clock (`clock: always`) must have, at every instant, a customer-facing
//! contact staffed for that severity's cases: one of the plan's `contacts` or the first
//! contact of the path of one of those covered cases (by the contact's hours or a method's).
//! `promise-unkeepable` names the plan, the severity and the first interval when all of them
//! are closed.

use super::decision::Decision;
use super::hours::{DAY_NAMES, first_contacts};
use super::matrix::Matrix;
use super::space::Dim;
use crate::catalogue::due::Staffing;
use crate::catalogue::{Catalogue, Clock, Plan, Target, TargetKind};
use crate::diagnostics::{Code, Diagnostic};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::{BTreeSet, HashMap};

/// The closed intervals are looked for from this Monday on (a week without daylight-saving
/// change or public holiday), through the rest of the year: a weekly gap shows in the first
/// week, one on a holiday later.
const REFERENCE_MONDAY: Date = Date::constant(2026, 1, 12);
const REFERENCE_END: Date = Date::constant(2027, 1, 11);

pub(super) fn check(cat: &Catalogue, m: &Matrix, out: &mut Vec<Diagnostic>) {
    // For each plan, the severities with a target counted around the clock.
    let severities: Vec<Option<&str>> = if cat.severities.is_empty() {
        vec![None]
    } else {
        cat.severities.iter().map(|s| Some(s.id.as_str())).collect()
    };
    let promises: Vec<(usize, Option<&str>, &Target)> = cat
        .plans
        .iter()
        .enumerate()
        .flat_map(|(p, plan)| {
            severities
                .iter()
                .filter_map(move |&sev| always_target(plan, sev).map(|t| (p, sev, t)))
        })
        .collect();
    if promises.is_empty() {
        return;
    }
    let firsts = first_contacts_by(cat, m);
    let mut cache: HashMap<BTreeSet<usize>, Option<(Timestamp, Timestamp)>> = HashMap::new();
    for (p, sev, target) in promises {
        let plan = &cat.plans[p];
        let mut contacts: BTreeSet<usize> = plan
            .contacts
            .iter()
            .filter_map(|c| cat.index.contacts.get(c).copied())
            .collect();
        let sev_index = sev.and_then(|s| cat.index.severities.get(s).copied());
        contacts.extend(
            firsts
                .iter()
                .filter(|((s, q), _)| {
                    s.is_none_or(|s| Some(s) == sev_index) && q.is_none_or(|q| q == p)
                })
                .flat_map(|(_, cs)| cs.iter().copied()),
        );
        let gap = *cache
            .entry(contacts.clone())
            .or_insert_with(|| first_gap(cat, plan, &contacts));
        if let Some(gap) = gap {
            out.push(error(cat, plan, sev, target, &contacts, gap));
        }
    }
}

/// The first target of the severity's cases counted around the clock: the plan's own (response,
/// updates, resolution), then its rules'.
fn always_target<'p>(plan: &'p Plan, sev: Option<&str>) -> Option<&'p Target> {
    let own = TargetKind::ALL
        .into_iter()
        .filter_map(|k| plan.target(k, sev));
    let rules = plan.target_rules.iter().flat_map(|r| {
        TargetKind::ALL.into_iter().flat_map(move |k| {
            r.targets(k)
                .iter()
                .filter(move |t| t.severity.is_none() || t.severity.as_deref() == sev)
        })
    });
    own.chain(rules).find(|t| t.clock == Clock::Always)
}

/// The customer-facing first contacts of covered cases, by (severity, plan) index where those
/// are dimensions (`None`: every severity or plan).
fn first_contacts_by(
    cat: &Catalogue,
    m: &Matrix,
) -> HashMap<(Option<usize>, Option<usize>), BTreeSet<usize>> {
    let first = first_contacts(cat);
    let space = &m.space;
    let index_of = |d: Dim, ids: &HashMap<String, usize>| {
        space.position(d).map(|pos| {
            let stride: usize = space.sizes[pos + 1..].iter().product();
            let index: Vec<usize> = space.values(pos).iter().map(|id| ids[id]).collect();
            (stride, space.sizes[pos], index)
        })
    };
    let sev = index_of(Dim::Severity, &cat.index.severities);
    let plan = index_of(Dim::Plan, &cat.index.plans);
    let at = |x: &Option<(usize, usize, Vec<usize>)>, case: usize| {
        x.as_ref()
            .map(|(stride, size, index)| index[case / stride % size])
    };
    let mut by: HashMap<(Option<usize>, Option<usize>), BTreeSet<usize>> = HashMap::new();
    for case in 0..m.len() {
        let contact = match m.decision(case) {
            Decision::Rule(r) => first.rules[r],
            Decision::Fallback => first.fallback,
            Decision::Gap => None,
        };
        if let Some(c) = contact {
            by.entry((at(&sev, case), at(&plan, case)))
                .or_default()
                .insert(c);
        }
    }
    by
}

/// The first interval, from the reference week on, when none of `contacts` can be reached (by
/// its hours or a method's); `None` when one of them is always open or they cover every
/// instant of the reference year.
fn first_gap(
    cat: &Catalogue,
    plan: &Plan,
    contacts: &BTreeSet<usize>,
) -> Option<(Timestamp, Timestamp)> {
    let mut ids: Vec<&str> = contacts
        .iter()
        .map(|&c| &cat.contacts[c])
        .flat_map(|c| {
            std::iter::once(c.hours.as_str())
                .chain(c.methods.iter().filter_map(|m| m.hours.as_deref()))
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let reach: Vec<Staffing> = ids
        .iter()
        .map(|id| cat.calendar(id).and_then(Staffing::new))
        .collect::<Option<_>>()?;
    if reach.iter().any(|s| s.calendar.always_open) {
        return None;
    }
    let zone = cat.calendar(&plan.hours).and_then(Staffing::new)?.zone;
    let start = zone
        .to_ambiguous_timestamp(REFERENCE_MONDAY.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .ok()?;
    let end = zone
        .to_ambiguous_timestamp(REFERENCE_END.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .ok()?;
    let first_day = REFERENCE_MONDAY
        .checked_sub(jiff::Span::new().days(14))
        .ok()?;
    let last_day = REFERENCE_END.checked_add(jiff::Span::new().days(14)).ok()?;
    let mut open: Vec<(Timestamp, Timestamp)> = reach
        .iter()
        .flat_map(|s| {
            first_day
                .series(jiff::Span::new().days(1))
                .take_while(move |d| *d <= last_day)
                .flat_map(move |d| s.day(d))
        })
        .collect();
    open.sort_unstable();
    // Merge, then the first gap that ends after the reference week's start.
    let mut merged: Vec<(Timestamp, Timestamp)> = Vec::new();
    for (s, e) in open {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut previous_end: Option<Timestamp> = None;
    for (s, e) in merged {
        let gap_start = previous_end.unwrap_or(s.min(start));
        if s > gap_start && s > start && gap_start < end {
            return Some((gap_start, s));
        }
        previous_end = Some(e);
    }
    let after = previous_end.unwrap_or(start);
    (after < end).then_some((after.max(start), end))
}

fn error(
    cat: &Catalogue,
    plan: &Plan,
    sev: Option<&str>,
    target: &Target,
    contacts: &BTreeSet<usize>,
    (from, to): (Timestamp, Timestamp),
) -> Diagnostic {
    let calendar = cat.calendar(&plan.hours);
    let zone_name = calendar.map_or("UTC", |c| c.timezone.as_str());
    let zone = calendar
        .and_then(Staffing::new)
        .map_or(jiff::tz::TimeZone::UTC, |s| s.zone);
    let (a, b) = (zone.to_datetime(from), zone.to_datetime(to));
    let day = |d: jiff::civil::DateTime| DAY_NAMES[d.weekday().to_monday_zero_offset() as usize];
    let weekly_end = REFERENCE_MONDAY
        .checked_add(jiff::Span::new().days(7))
        .unwrap_or(REFERENCE_END);
    // A gap that ends in the reference week and lasts less than a week recurs every week.
    let weekly = b.date() <= weekly_end
        && from.duration_until(to) < jiff::SignedDuration::from_hours(24 * 7);
    let when = if weekly {
        let next = if day(a) == day(b)
            && from.duration_until(to) >= jiff::SignedDuration::from_hours(24)
        {
            "the next "
        } else {
            ""
        };
        format!(
            "{} {}–{next}{} {}, {zone_name}",
            day(a),
            a.strftime("%H:%M"),
            day(b),
            b.strftime("%H:%M")
        )
    } else {
        format!(
            "{} {} {}–{} {} {}, {zone_name}",
            day(a),
            a.date(),
            a.strftime("%H:%M"),
            day(b),
            b.date(),
            b.strftime("%H:%M")
        )
    };
    let names: Vec<String> = contacts
        .iter()
        .map(|&c| format!("`{}`", cat.contacts[c].id))
        .collect();
    let severity = sev.map(|s| format!("severity `{s}` ")).unwrap_or_default();
    Diagnostic::error(
        Code::PromiseUnkeepable,
        target.loc,
        format!(
            "plan `{}` counts its {} target for {severity}around the clock (`{}`, clock: always), but no contact its customers can reach is staffed {when} ({})",
            plan.id,
            target.kind.key(),
            target.written,
            names.join(", ")
        ),
    )
    .with_help(
        "add a contact staffed then to the plan (or first in these cases' paths), or count the target on the plan's calendar (`clock: calendar`)",
    )
}
