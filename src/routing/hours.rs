//! Hours that contacts really keep: during the hours a plan promises (its `hours` calendar),
//! the first tier of each of its cases must have a contact the customer can reach, by the
//! contact's own hours or a method's. `hours-mismatch` names the plan, the contact, one time
//! it is closed and the cases affected (compacted as gaps are).

use super::decision::Decision;
use super::gaps;
use super::matrix::Matrix;
use super::space::Dim;
use crate::catalogue::calendar::{Interval, hhmm};
use crate::catalogue::due::Staffing;
use crate::catalogue::{Catalogue, Contact, Plan};
use crate::diagnostics::{Code, Diagnostic};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::HashMap;

/// English weekday names, Monday first, for `check`'s messages.
pub(super) const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// How many groups of affected cases are listed before "and N more".
const GROUPS_SHOWN: usize = 6;
/// The week a weekly mismatch is looked for first (a week of no daylight-saving change).
const REFERENCE_MONDAY: Date = Date::constant(2026, 1, 5);
const REFERENCE_WEEK_END: Date = Date::constant(2026, 1, 12);
/// Calendars in different zones are compared over this year too (both daylight-saving
/// changes), besides their holidays.
const REFERENCE_YEAR: i16 = 2026;

/// When a contact is closed though its plan promises to be open.
struct Closed {
    date: Date,
    minute: u16,
    /// Found in the reference week on a day that is no holiday: it happens every week.
    weekly: bool,
}

pub(super) fn check(cat: &Catalogue, m: &Matrix, out: &mut Vec<Diagnostic>) {
    let first = first_contacts(cat);
    let mut contacts: Vec<usize> = first
        .rules
        .iter()
        .chain([&first.fallback])
        .flatten()
        .copied()
        .collect();
    contacts.sort_unstable();
    contacts.dedup();
    // Each plan against each contact that is first somewhere; plans promising the same
    // calendar are compared once.
    let mut cache: HashMap<(&str, usize), Option<Closed>> = HashMap::new();
    let mut closed: Vec<(usize, usize)> = Vec::new();
    for (p, plan) in cat.plans.iter().enumerate() {
        for &c in &contacts {
            let found = cache
                .entry((plan.hours.as_str(), c))
                .or_insert_with(|| closed_during(cat, plan, &cat.contacts[c]));
            if found.is_some() {
                closed.push((p, c));
            }
        }
    }
    if closed.is_empty() {
        return;
    }
    let cases = affected(cat, m, &first, &closed);
    for ((p, c), cases) in closed.iter().zip(cases) {
        let (plan, contact) = (&cat.plans[*p], &cat.contacts[*c]);
        if let (false, Some(Some(at))) = (cases.is_empty(), cache.get(&(plan.hours.as_str(), *c))) {
            out.push(warning(cat, m, plan, contact, at, &cases));
        }
    }
}

/// The cases of each (plan, contact) pair of `pairs`: the plan's cases (all cases where the
/// plan is not a dimension) whose first tier is the contact's.
fn affected(
    cat: &Catalogue,
    m: &Matrix,
    first: &FirstContacts,
    pairs: &[(usize, usize)],
) -> Vec<Vec<usize>> {
    let space = &m.space;
    let plan_of = space.position(Dim::Plan).map(|pos| {
        let stride: usize = space.sizes[pos + 1..].iter().product();
        let index: Vec<usize> = space
            .values(pos)
            .iter()
            .map(|id| cat.index.plans[id.as_str()])
            .collect();
        (stride, space.sizes[pos], index)
    });
    let mut cases = vec![Vec::new(); pairs.len()];
    for case in 0..m.len() {
        let contact = match m.decision(case) {
            Decision::Rule(r) => first.rules[r],
            Decision::Fallback => first.fallback,
            Decision::Gap => None,
        };
        let Some(c) = contact else { continue };
        let plan = plan_of
            .as_ref()
            .map(|(stride, size, index)| index[case / stride % size]);
        for (i, &(p, pc)) in pairs.iter().enumerate() {
            if pc == c && plan.is_none_or(|x| x == p) {
                cases[i].push(case);
            }
        }
    }
    cases
}

/// The customer-facing contact of the first tier of each rule and of the fallback.
pub(super) struct FirstContacts {
    pub rules: Vec<Option<usize>>,
    pub fallback: Option<usize>,
}

pub(super) fn first_contacts(cat: &Catalogue) -> FirstContacts {
    let first = |path: &[String]| {
        let tier = cat.tier(path.first()?)?;
        let c = *cat.index.contacts.get(&tier.contact)?;
        (!cat.contacts[c].is_partner_only()).then_some(c)
    };
    FirstContacts {
        rules: cat
            .routing
            .rules
            .iter()
            .map(|r| if r.covered { first(&r.path) } else { None })
            .collect(),
        fallback: cat.routing.fallback.as_deref().and_then(first),
    }
}

fn warning(
    cat: &Catalogue,
    m: &Matrix,
    plan: &Plan,
    contact: &Contact,
    closed: &Closed,
    cases: &[usize],
) -> Diagnostic {
    let promised = cat.calendar(&plan.hours).map_or("", |c| c.name.as_str());
    let zone = cat
        .calendar(&plan.hours)
        .map_or("", |c| c.timezone.as_str());
    let time = hhmm(closed.minute);
    let day = DAY_NAMES[closed.date.weekday().to_monday_zero_offset() as usize];
    let when = if closed.weekly {
        format!("on {day}s at {time} ({zone})")
    } else {
        format!("on {} {} at {time} ({zone})", &day[..3], closed.date)
    };
    let n = cases.len();
    let mut d = Diagnostic::warning(
        Code::HoursMismatch,
        plan.hours_loc,
        format!(
            "plan `{}` promises `{}` ({promised}), but contact `{}`, first for {n} of its case{}, is closed then: e.g. {when}",
            plan.id,
            plan.hours,
            contact.id,
            if n == 1 { "" } else { "s" }
        ),
    )
    .with_help(format!(
        "give `{}` (or one of its methods) hours that cover `{}`, route these cases first to a contact staffed then, or promise only the hours it keeps",
        contact.id, plan.hours
    ));
    let groups = gaps::compact(&m.space, cases);
    for g in groups.iter().take(GROUPS_SHOWN) {
        d = d.with_note(None, format!("affected: {}", gaps::describe(&m.space, g)));
    }
    if groups.len() > GROUPS_SHOWN {
        d = d.with_note(
            None,
            format!("and {} more groups", groups.len() - GROUPS_SHOWN),
        );
    }
    d
}

/// The first time the plan's hours are staffed and the contact cannot be reached by any of
/// its calendars (its own hours, its methods' hours).
fn closed_during(cat: &Catalogue, plan: &Plan, contact: &Contact) -> Option<Closed> {
    let promised = Staffing::new(cat.calendar(&plan.hours)?)?;
    let mut ids: Vec<&str> = std::iter::once(contact.hours.as_str())
        .chain(contact.methods.iter().filter_map(|m| m.hours.as_deref()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.contains(&plan.hours.as_str()) {
        return None;
    }
    let reach: Vec<Staffing> = ids
        .iter()
        .map(|id| cat.calendar(id).and_then(Staffing::new))
        .collect::<Option<_>>()?;
    if reach.iter().any(|s| s.calendar.always_open) {
        return None;
    }
    let same_zone = reach.iter().all(|s| s.zone == promised.zone);
    let week = (0..7).filter_map(|n| REFERENCE_MONDAY.checked_add(jiff::Span::new().days(n)).ok());
    let mut holidays: Vec<Date> = std::iter::once(&promised)
        .chain(&reach)
        .flat_map(|s| {
            // The listed holidays, and the sets' holidays of the reference year.
            let listed = s
                .calendar
                .holidays
                .iter()
                .filter_map(|h| h.date.parse().ok());
            let reference = s.calendar.holidays_in(REFERENCE_YEAR, REFERENCE_YEAR);
            listed
                .chain(reference.into_iter().map(|d| d.date))
                .collect::<Vec<Date>>()
        })
        .collect();
    holidays.sort_unstable();
    holidays.dedup();
    let year = Date::new(REFERENCE_YEAR, 1, 1)
        .ok()
        .into_iter()
        .flat_map(|d| d.series(jiff::Span::new().days(1)))
        .take_while(|d| d.year() == REFERENCE_YEAR)
        .filter(|_| !same_zone);
    let mut days = week.chain(holidays.iter().copied()).chain(year);
    days.find_map(|date| {
        let minute = if same_zone {
            closed_local(&promised, &reach, date)
        } else {
            closed_instant(&promised, &reach, date)
        }?;
        let weekly = (REFERENCE_MONDAY..REFERENCE_WEEK_END).contains(&date)
            && holidays.binary_search(&date).is_err();
        Some(Closed {
            date,
            minute,
            weekly,
        })
    })
}

/// The day's promised intervals (all day when always open).
fn promised_hours<'c>(s: &Staffing<'c>, date: Date) -> std::borrow::Cow<'c, [Interval]> {
    if s.calendar.always_open {
        std::borrow::Cow::Owned(vec![Interval {
            start: 0,
            end: 1440,
        }])
    } else {
        std::borrow::Cow::Borrowed(s.hours(date))
    }
}

/// Calendars of one zone: the first promised minute of `date` that no reach calendar covers.
fn closed_local(promised: &Staffing, reach: &[Staffing], date: Date) -> Option<u16> {
    let mut open: Vec<(u16, u16)> = reach
        .iter()
        .flat_map(|s| s.hours(date))
        .map(|i| (i.start, i.end))
        .collect();
    open.sort_unstable();
    promised_hours(promised, date)
        .iter()
        .find_map(|p| first_uncovered((p.start, p.end), &open))
}

/// Calendars of different zones: the same, by instants, read back in the plan's zone.
fn closed_instant(promised: &Staffing, reach: &[Staffing], date: Date) -> Option<u16> {
    let day: Vec<(Timestamp, Timestamp)> = if promised.calendar.always_open {
        vec![(promised.instant(date, 0)?, promised.instant(date, 1440)?)]
    } else {
        promised.day(date).collect()
    };
    let (first, last) = (day.first()?.0, day.last()?.1);
    let mut open: Vec<(Timestamp, Timestamp)> = reach
        .iter()
        .flat_map(|s| {
            let from = s.zone.to_datetime(first).date();
            let to = s.zone.to_datetime(last).date();
            from.series(jiff::Span::new().days(1))
                .take_while(move |d| *d <= to)
                .flat_map(move |d| s.day(d))
        })
        .collect();
    open.sort_unstable();
    let t = day.iter().find_map(|&p| first_uncovered(p, &open))?;
    let local = promised.zone.to_datetime(t);
    Some(local.hour() as u16 * 60 + local.minute() as u16)
}

/// The start of the first part of `span` that no interval of `open` (sorted) covers.
fn first_uncovered<T: Ord + Copy>(span: (T, T), open: &[(T, T)]) -> Option<T> {
    let mut at = span.0;
    for &(start, end) in open {
        if start > at {
            break;
        }
        at = at.max(end);
    }
    (at < span.1).then_some(at)
}
