//! Calendars: when a contact or a plan is staffed. Parses day keys (`mon`, `mon-fri`,
//! `mon,wed,fri`), `HH:MM-HH:MM` intervals, holidays with reduced hours, and IANA time zones,
//! and describes the week in words.

use super::holidays::{self, HolidaySet, OwnHoliday};
use super::raw;
use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use crate::yaml::Spanned;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::Arc;

pub(crate) use super::interval::{Interval, hhmm, intervals};

pub(crate) const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Holiday {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    /// Reduced hours; empty: closed all day.
    pub hours: Vec<Interval>,
    /// `YYYY-MM-DD` of the Saturday or Sunday it falls on, when it is kept on this date
    /// instead (`observed`).
    pub observed_from: Option<String>,
    /// The set and rule key it comes from (`None`: the calendar's own date).
    #[serde(skip)]
    pub set: Option<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Calendar {
    pub id: String,
    pub name: String,
    pub timezone: String,
    pub always_open: bool,
    /// Monday first; an empty day is closed.
    pub weekly: [Vec<Interval>; 7],
    /// The holidays output lists (every one from the first of January of the build year to
    /// the end of the next, and the calendar's own dates of other years), in date order.
    pub holidays: Vec<Holiday>,
    pub note: Option<String>,
    /// Its holiday sets, in the order listed, in the catalogue's words (as their ids).
    #[serde(rename = "holiday_sets", serialize_with = "set_ids")]
    pub sets: Vec<Arc<HolidaySet>>,
    /// Its own dates (`open: true` ones included), in date order.
    #[serde(skip)]
    pub own: Vec<OwnHoliday>,
    /// The years `holidays` lists in full.
    #[serde(skip)]
    pub listed_years: (i16, i16),
}

fn set_ids<S: serde::Serializer>(sets: &[Arc<HolidaySet>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(sets.iter().map(|x| x.id.as_str()))
}

impl Calendar {
    /// The holidays whose dates fall in the years `from..=to`, sets and own dates together.
    pub(crate) fn holidays_in(&self, from: i16, to: i16) -> Vec<holidays::Day<'_>> {
        holidays::expand(&self.sets, &self.own, from, to)
    }

    /// Fills `holidays` from the sets and own dates (after their words change).
    pub(crate) fn relist(&mut self) {
        let (from, to) = self.listed_years;
        let mut list: Vec<Holiday> = self
            .holidays_in(from, to)
            .iter()
            .map(|d| Holiday {
                date: d.date.to_string(),
                name: d.name().to_string(),
                hours: d.hours().to_vec(),
                observed_from: d.observed_from.map(|o| o.to_string()),
                set: match d.source {
                    holidays::Source::Set(s, r) => Some((s.id.clone(), r.when.key())),
                    holidays::Source::Own(_) => None,
                },
            })
            .collect();
        let outside = self
            .own
            .iter()
            .filter(|o| !o.open && !(from..=to).contains(&o.date.year()));
        list.extend(outside.map(|o| Holiday {
            date: o.date.to_string(),
            name: o.name.clone(),
            hours: o.hours.clone(),
            observed_from: None,
            set: None,
        }));
        list.sort_by(|a, b| a.date.cmp(&b.date));
        self.holidays = list;
    }

    /// The week in words: consecutive days with the same hours grouped ("mon–fri").
    pub(crate) fn weekly_groups(&self) -> Vec<(usize, usize, Vec<Interval>)> {
        let mut groups: Vec<(usize, usize, Vec<Interval>)> = Vec::new();
        for (day, hours) in self.weekly.iter().enumerate() {
            if hours.is_empty() {
                continue;
            }
            match groups.last_mut() {
                Some((_, last, h)) if *last + 1 == day && h == hours => *last = day,
                _ => groups.push((day, day, hours.clone())),
            }
        }
        groups
    }

    /// One line: "Mon–Fri 08:30–13:00, 14:00–18:00; Sat 09:00–12:00 (Europe/Rome)".
    pub(crate) fn describe(&self) -> String {
        if self.always_open {
            return format!("24 hours a day, 7 days a week ({})", self.timezone);
        }
        let groups = self.weekly_groups();
        if groups.is_empty() {
            return format!("closed every day ({})", self.timezone);
        }
        let parts: Vec<String> = groups
            .iter()
            .map(|(a, b, hours)| {
                let days = if a == b {
                    title(DAYS[*a])
                } else {
                    format!("{}–{}", title(DAYS[*a]), title(DAYS[*b]))
                };
                let hours: Vec<String> = hours.iter().map(Interval::label).collect();
                format!("{days} {}", hours.join(", "))
            })
            .collect();
        format!("{} ({})", parts.join("; "), self.timezone)
    }
}

fn title(day: &str) -> String {
    let mut c = day.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// What a calendar's `holiday_sets` may name, and the years output lists.
pub(crate) struct SetsContext {
    /// The catalogue's own sets, by id, in definition order.
    pub sets: Vec<Arc<HolidaySet>>,
    /// The language the catalogue is written in (built-in sets are given in it).
    pub language: String,
    /// The build year: output lists it and the next.
    pub year: i16,
    /// The catalogue's sets some calendar names.
    pub used: HashSet<String>,
}

impl SetsContext {
    /// The set `id` names, or a located error with "did you mean".
    fn find(&mut self, id: &raw::Text, out: &mut Vec<Diagnostic>) -> Option<Arc<HolidaySet>> {
        if let Some(s) = self.sets.iter().find(|s| s.id == id.value) {
            self.used.insert(s.id.clone());
            return Some(s.clone());
        }
        if let Some(s) = holidays::builtin(&id.value) {
            return Some(Arc::new(s.in_language(&self.language)));
        }
        let builtin = holidays::builtin_ids();
        let known: Vec<&str> = if id.value.starts_with("public:") {
            builtin.clone()
        } else {
            self.sets
                .iter()
                .map(|s| s.id.as_str())
                .chain(builtin.iter().copied())
                .collect()
        };
        let help = did_you_mean(&id.value, known.iter().copied()).unwrap_or_else(|| {
            format!(
                "name a set of `holiday_sets` or a built-in one: {}",
                builtin.join(", ")
            )
        });
        out.push(
            Diagnostic::error(
                Code::UnknownReference,
                id.loc,
                format!("there is no holiday set `{}`", id.value),
            )
            .with_help(help),
        );
        None
    }
}

/// Builds a calendar from its raw form, reporting every problem.
pub(crate) fn resolve(
    raw: &raw::Calendar,
    ctx: &mut SetsContext,
    out: &mut Vec<Diagnostic>,
) -> Calendar {
    let timezone = check_timezone(&raw.timezone, out);
    let always_open = raw.always_open.as_ref().is_some_and(|b| b.value);
    if always_open && let Some(w) = &raw.weekly {
        out.push(Diagnostic::error(
            Code::InvalidValue,
            w.loc,
            "`weekly` must be absent when `always_open` is true",
        ));
    }
    let weekly = raw
        .weekly
        .as_ref()
        .map(|w| weekly(w, out))
        .unwrap_or_default();
    let own = holidays::resolve::own(raw.holidays.as_deref().unwrap_or_default(), out);
    let mut sets: Vec<Arc<HolidaySet>> = Vec::new();
    let mut named: Vec<(&str, Loc)> = Vec::new();
    for id in raw.holiday_sets.iter().flat_map(|l| &l.value) {
        if let Some((_, first)) = named.iter().find(|(n, _)| *n == id.value) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    id.loc,
                    format!("holiday set `{}` is named twice in this calendar", id.value),
                )
                .with_note(*first, "first named here"),
            );
            continue;
        }
        named.push((&id.value, id.loc));
        if let Some(set) = ctx.find(id, out) {
            sets.push(set);
        }
    }
    let mut calendar = Calendar {
        id: raw.id.value.clone(),
        name: raw.name.value.clone(),
        timezone,
        always_open,
        weekly,
        holidays: Vec::new(),
        note: raw.note.as_ref().map(|n| n.value.clone()),
        sets,
        own,
        listed_years: (ctx.year, ctx.year.saturating_add(1)),
    };
    calendar.relist();
    calendar
}

/// The zone's canonical IANA name (`utc` → `UTC`), or the name as written when it is unknown
/// (reported).
fn check_timezone(tz: &Spanned<String>, out: &mut Vec<Diagnostic>) -> String {
    if let Ok(zone) = jiff::tz::TimeZone::get(&tz.value) {
        return zone.iana_name().unwrap_or(&tz.value).to_string();
    }
    let db = jiff::tz::db();
    let names: Vec<String> = db.available().map(|n| n.as_str().to_string()).collect();
    let help = did_you_mean(&tz.value, names.iter().map(String::as_str))
        .unwrap_or_else(|| "use an IANA time zone name such as `Europe/Rome` or `UTC`".into());
    out.push(
        Diagnostic::error(
            Code::InvalidTimezone,
            tz.loc,
            format!("unknown time zone `{}`", tz.value),
        )
        .with_help(help),
    );
    tz.value.clone()
}

type WeeklyRaw = raw::S<crate::yaml::Pairs<raw::Text, raw::S<crate::yaml::OneOrMany<raw::Text>>>>;

fn weekly(raw: &WeeklyRaw, out: &mut Vec<Diagnostic>) -> [Vec<Interval>; 7] {
    let mut week: [Vec<Interval>; 7] = Default::default();
    let mut named: [Option<Loc>; 7] = [None; 7];
    for (key, value) in &raw.value.0 {
        let Some(days) = day_key(key, out) else {
            continue;
        };
        let intervals = intervals(value, out);
        for day in days {
            if let Some(first) = named[day] {
                out.push(
                    Diagnostic::error(
                        Code::InvalidInterval,
                        key.loc,
                        format!("`{}` is named twice in this week", DAYS[day]),
                    )
                    .with_note(first, "first named here"),
                );
                continue;
            }
            named[day] = Some(key.loc);
            week[day] = intervals.clone();
        }
    }
    week
}

/// `mon`, `mon-fri`, `mon,wed,fri` (and `sat-sun`) to day numbers, Monday = 0.
fn day_key(key: &raw::Text, out: &mut Vec<Diagnostic>) -> Option<Vec<usize>> {
    let mut days = Vec::new();
    for part in key.value.split(',').map(str::trim) {
        let range: Vec<&str> = part.split('-').map(str::trim).collect();
        let ends: Option<Vec<usize>> = range.iter().map(|d| day_number(d)).collect();
        match (ends.as_deref(), range.len()) {
            (Some([d]), 1) => days.push(*d),
            (Some([a, b]), 2) if a <= b => days.extend(*a..=*b),
            _ => {
                let bad = range
                    .iter()
                    .find(|d| day_number(d).is_none())
                    .unwrap_or(&part);
                let help = did_you_mean(bad, DAYS).unwrap_or_else(|| {
                    "use `mon`..`sun`, a range `mon-fri` or a list `mon,wed`".into()
                });
                out.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        key.loc,
                        format!("`{}` is not a day or day range", key.value),
                    )
                    .with_help(help),
                );
                return None;
            }
        }
    }
    let mut seen = [false; 7];
    for &d in &days {
        if std::mem::replace(&mut seen[d], true) {
            out.push(Diagnostic::error(
                Code::InvalidInterval,
                key.loc,
                format!("`{}` is named twice in `{}`", DAYS[d], key.value),
            ));
            return None;
        }
    }
    Some(days)
}

fn day_number(d: &str) -> Option<usize> {
    DAYS.iter().position(|x| x.eq_ignore_ascii_case(d))
}
