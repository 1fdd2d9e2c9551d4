//! Holiday rules and sets as written → their model, every problem reported and located: a date
//! that cannot exist, an `nth` out of range, a rule that is not exactly one of the forms, a
//! holiday listed twice, a calendar's own holidays (`open: true` without `hours`).

use super::rules::{
    HolidaySet, OwnHoliday, Rule, When, day_keys, month_day_valid, nth_valid, weekday,
};
use crate::catalogue::interval::intervals;
use crate::catalogue::raw::{self, S};
use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use crate::yaml::Recover;
use std::collections::BTreeMap;

/// A set from its raw form (`words` empty: a catalogue's set is translated through
/// `translations/`).
pub(crate) fn set(raw: &raw::HolidaySet, out: &mut Vec<Diagnostic>) -> HolidaySet {
    HolidaySet {
        id: raw.id.value.clone(),
        name: raw.name.value.clone(),
        rules: rules(&raw.holidays, out),
        words: BTreeMap::new(),
    }
}

/// The rules of a set; a rule that does not resolve is reported and left out.
pub(crate) fn rules(raw: &[Recover<raw::HolidayRule>], out: &mut Vec<Diagnostic>) -> Vec<Rule> {
    let mut seen: Vec<(String, Loc)> = Vec::new();
    let mut rules = Vec::new();
    for r in raw.iter().filter_map(|r| r.0.as_ref()) {
        let Some(when) = when(r, out) else { continue };
        let key = when.key();
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateHoliday,
                    r.loc,
                    format!("holiday `{key}` is listed twice in this set"),
                )
                .with_note(*first, "first listed here"),
            );
            continue;
        }
        seen.push((key, r.loc));
        let since = r.since.as_ref().and_then(|s| match i16::try_from(s.value) {
            Ok(y) if (1583..=9999).contains(&y) => Some(y),
            _ => {
                out.push(Diagnostic::error(
                    Code::InvalidValue,
                    s.loc,
                    format!("`since: {}` is not a year from 1583 to 9999", s.value),
                ));
                None
            }
        });
        rules.push(Rule {
            when,
            name: r.name.value.clone(),
            hours: r
                .hours
                .as_ref()
                .map(|h| intervals(h, out))
                .unwrap_or_default(),
            observed: r.observed.as_ref().map(|o| o.value),
            since,
        });
    }
    rules
}

fn when(r: &S<raw::HolidayRule>, out: &mut Vec<Diagnostic>) -> Option<When> {
    let v = &r.value;
    let nth_form = v.month.is_some() || v.weekday.is_some() || v.nth.is_some();
    let forms = [v.date.is_some(), v.easter.is_some(), nth_form];
    if forms.iter().filter(|f| **f).count() != 1 {
        out.push(
            Diagnostic::error(
                Code::InvalidValue,
                r.loc,
                "a holiday needs exactly one of `date`, `easter`, or `month` with `weekday` and `nth`",
            )
            .with_help(
                "e.g. `{ date: 12-25, name: … }`, `{ easter: 1, name: … }`, \
                 `{ month: 11, weekday: thu, nth: 4, name: … }`",
            ),
        );
        return None;
    }
    if let Some(d) = &v.date {
        return date(d, out);
    }
    if let Some(e) = &v.easter {
        return match i16::try_from(e.value) {
            Ok(n) if (-366..=366).contains(&n) => Some(When::Easter(n)),
            _ => {
                out.push(Diagnostic::error(
                    Code::InvalidValue,
                    e.loc,
                    format!("`easter: {}` is more than a year from Easter", e.value),
                ));
                None
            }
        };
    }
    let mut ok = true;
    let mut need = |name: &str, present: bool, out: &mut Vec<Diagnostic>| {
        if !present {
            ok = false;
            out.push(Diagnostic::error(
                Code::MissingKey,
                r.loc,
                format!("this holiday gives `month`, `weekday` and `nth` but not `{name}`"),
            ));
        }
    };
    need("month", v.month.is_some(), out);
    need("weekday", v.weekday.is_some(), out);
    need("nth", v.nth.is_some(), out);
    let month = v.month.as_ref().and_then(|m| match i8::try_from(m.value) {
        Ok(x) if (1..=12).contains(&x) => Some(x),
        _ => {
            out.push(Diagnostic::error(
                Code::InvalidValue,
                m.loc,
                format!("`month: {}` is not a month (1 to 12)", m.value),
            ));
            None
        }
    });
    let day = v.weekday.as_ref().and_then(|w| {
        let d = weekday(&w.value);
        if d.is_none() {
            let help = did_you_mean(&w.value, day_keys())
                .unwrap_or_else(|| "use `mon`, `tue`, `wed`, `thu`, `fri`, `sat` or `sun`".into());
            out.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    w.loc,
                    format!("`{}` is not a weekday", w.value),
                )
                .with_help(help),
            );
        }
        d
    });
    let nth = v.nth.as_ref().and_then(|n| match i8::try_from(n.value) {
        Ok(x) if nth_valid(x) => Some(x),
        _ => {
            out.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    n.loc,
                    format!("`nth: {}` is out of range", n.value),
                )
                .with_help("`nth` is 1 to 5 (the first to the fifth), or -1 for the last"),
            );
            None
        }
    });
    match (ok, month, day, nth) {
        (true, Some(month), Some(weekday), Some(nth)) => Some(When::Nth {
            month,
            weekday,
            nth,
        }),
        _ => None,
    }
}

/// `MM-DD` (every year) or `YYYY-MM-DD` (one date).
fn date(d: &raw::Text, out: &mut Vec<Diagnostic>) -> Option<When> {
    let text = d.value.trim();
    let month_day = text.len() == 5
        && text.as_bytes()[2] == b'-'
        && text
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 2 || b.is_ascii_digit());
    if month_day {
        let (m, day) = (text[..2].parse().ok()?, text[3..].parse().ok()?);
        if month_day_valid(m, day) {
            return Some(When::MonthDay(m, day));
        }
    } else if let Ok(date) = text.parse::<jiff::civil::Date>() {
        return Some(When::Date(date));
    }
    out.push(
        Diagnostic::error(
            Code::InvalidDate,
            d.loc,
            format!("`{}` is not a date that can exist", d.value),
        )
        .with_help("write `MM-DD` for every year (`12-25`; `02-29` in leap years) or `YYYY-MM-DD` for one date"),
    );
    None
}

/// A calendar's own holidays: dates `YYYY-MM-DD`, each closed, reduced (`hours`) or open as
/// usual (`open: true`, no `hours`, no `name` needed).
pub(crate) fn own(raw: &[Recover<raw::Holiday>], out: &mut Vec<Diagnostic>) -> Vec<OwnHoliday> {
    let mut seen: Vec<(jiff::civil::Date, Loc)> = Vec::new();
    let mut days = Vec::new();
    for h in raw.iter().filter_map(|r| r.0.as_ref()) {
        let Ok(date) = h.date.value.trim().parse::<jiff::civil::Date>() else {
            let recurring = h.date.value.trim().len() == 5;
            out.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    h.date.loc,
                    format!("`{}` is not a date", h.date.value),
                )
                .with_help(if recurring {
                    "a calendar's own holidays are dates `YYYY-MM-DD`; put a holiday of every \
                     year in a holiday set (`holiday_sets`) and list the set in the calendar's \
                     `holiday_sets`"
                } else {
                    "write dates as `YYYY-MM-DD`, e.g. `2026-12-25`"
                }),
            );
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(d, _)| *d == date) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateHoliday,
                    h.date.loc,
                    format!("holiday {date} is listed twice"),
                )
                .with_note(*first, "first listed here"),
            );
            continue;
        }
        seen.push((date, h.date.loc));
        let open = h.open.as_ref().is_some_and(|o| o.value);
        if let (true, Some(hours)) = (open, &h.hours) {
            out.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    hours.loc,
                    format!("holiday {date} is `open: true` and has `hours`"),
                )
                .with_help(
                    "`open: true` means the usual hours that day; for other hours remove `open`",
                ),
            );
            continue;
        }
        let name = match (&h.name, open) {
            (Some(n), _) => n.value.clone(),
            (None, true) => String::new(),
            (None, false) => {
                out.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        h.loc,
                        format!("holiday {date} has no `name`"),
                    )
                    .with_help("name it (`name: Christmas Day`), or say `open: true`"),
                );
                continue;
            }
        };
        let hours = h
            .hours
            .as_ref()
            .map(|v| intervals(v, out))
            .unwrap_or_default();
        days.push(OwnHoliday {
            date,
            name,
            hours,
            open,
        });
    }
    days.sort_by_key(|d| d.date);
    days
}
