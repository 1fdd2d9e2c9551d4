//! Calendars: when a contact or a plan is staffed. Parses day keys (`mon`, `mon-fri`,
//! `mon,wed,fri`), `HH:MM-HH:MM` intervals, holidays with reduced hours, and IANA time zones,
//! and describes the week in words.

use super::raw;
use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use crate::yaml::Spanned;
use serde::Serialize;

pub(crate) const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A staffed interval of one day, in minutes since midnight (`end` may be 1440, `24:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Interval {
    pub start: u16,
    pub end: u16,
}

impl Interval {
    pub(crate) fn label(&self) -> String {
        format!("{}–{}", hhmm(self.start), hhmm(self.end))
    }
}

impl Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Interval", 2)?;
        st.serialize_field("start", &hhmm(self.start))?;
        st.serialize_field("end", &hhmm(self.end))?;
        st.end()
    }
}

pub(crate) fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Holiday {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    /// Reduced hours; empty: closed all day.
    pub hours: Vec<Interval>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Calendar {
    pub id: String,
    pub name: String,
    pub timezone: String,
    pub always_open: bool,
    /// Monday first; an empty day is closed.
    pub weekly: [Vec<Interval>; 7],
    /// In date order.
    pub holidays: Vec<Holiday>,
    pub note: Option<String>,
}

impl Calendar {
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

/// Builds a calendar from its raw form, reporting every problem.
pub(crate) fn resolve(raw: &raw::Calendar, out: &mut Vec<Diagnostic>) -> Calendar {
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
    let holidays = holidays(raw.holidays.as_deref().unwrap_or_default(), out);
    Calendar {
        id: raw.id.value.clone(),
        name: raw.name.value.clone(),
        timezone,
        always_open,
        weekly,
        holidays,
        note: raw.note.as_ref().map(|n| n.value.clone()),
    }
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

/// One interval or a list of them, sorted, with overlaps and empty intervals reported.
fn intervals(
    value: &raw::S<crate::yaml::OneOrMany<raw::Text>>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Interval> {
    let items: Vec<&raw::Text> = match &value.value {
        crate::yaml::OneOrMany::One(t) => vec![t],
        crate::yaml::OneOrMany::Many(v) => v.iter().collect(),
    };
    let mut parsed: Vec<(Interval, Loc)> = Vec::new();
    for item in items {
        match parse_interval(&item.value) {
            Ok(i) => parsed.push((i, item.loc)),
            Err(e) => out.push(
                Diagnostic::error(Code::InvalidInterval, item.loc, e.to_string())
                    .with_help("write intervals as `HH:MM-HH:MM`, e.g. `08:30-13:00`"),
            ),
        }
    }
    parsed.sort();
    for pair in parsed.windows(2) {
        let ((a, _), (b, loc)) = (&pair[0], &pair[1]);
        if b.start < a.end {
            out.push(Diagnostic::error(
                Code::InvalidInterval,
                *loc,
                format!(
                    "interval {} overlaps {} on the same day",
                    b.label(),
                    a.label()
                ),
            ));
        }
    }
    parsed.into_iter().map(|(i, _)| i).collect()
}

/// Why a text is not an interval `HH:MM-HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IntervalError {
    NotAnInterval(String),
    NotATime(String),
    StartsAtMidnight(String),
    Backwards(String),
}

impl std::fmt::Display for IntervalError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            IntervalError::NotAnInterval(s) => write!(f, "`{s}` is not an interval `HH:MM-HH:MM`"),
            IntervalError::NotATime(t) => write!(f, "`{t}` is not a time `HH:MM`"),
            IntervalError::StartsAtMidnight(s) => {
                write!(
                    f,
                    "`{s}` starts at 24:00; a day's last interval can only end then"
                )
            }
            IntervalError::Backwards(s) => write!(f, "interval `{s}` must end after it starts"),
        }
    }
}

pub(crate) fn parse_interval(s: &str) -> Result<Interval, IntervalError> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| IntervalError::NotAnInterval(s.to_string()))?;
    let time =
        |t: &str| parse_time(t.trim()).ok_or_else(|| IntervalError::NotATime(t.trim().into()));
    let (start, end) = (time(a)?, time(b)?);
    if start >= 1440 {
        return Err(IntervalError::StartsAtMidnight(s.to_string()));
    }
    if end <= start {
        return Err(IntervalError::Backwards(s.to_string()));
    }
    Ok(Interval { start, end })
}

fn parse_time(t: &str) -> Option<u16> {
    let (h, m) = t.split_once(':')?;
    if h.is_empty()
        || h.len() > 2
        || m.len() != 2
        || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(1440),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

fn holidays(raw: &[crate::yaml::Recover<raw::Holiday>], out: &mut Vec<Diagnostic>) -> Vec<Holiday> {
    let mut seen: Vec<(String, Loc)> = Vec::new();
    let mut days = Vec::new();
    for h in raw.iter().filter_map(|r| r.0.as_ref()) {
        let Ok(date) = h.date.value.parse::<jiff::civil::Date>() else {
            out.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    h.date.loc,
                    format!("`{}` is not a date", h.date.value),
                )
                .with_help("write dates as `YYYY-MM-DD`, e.g. `2026-12-25`"),
            );
            continue;
        };
        let date = date.to_string();
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
        seen.push((date.clone(), h.date.loc));
        let hours = h
            .hours
            .as_ref()
            .map(|v| intervals(v, out))
            .unwrap_or_default();
        days.push(Holiday {
            date,
            name: h.name.value.clone(),
            hours,
        });
    }
    days.sort_by(|a, b| a.date.cmp(&b.date));
    days
}
