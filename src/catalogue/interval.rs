//! Staffed intervals of a day (`HH:MM-HH:MM`, `24:00` as an end): their syntax and their
//! checks, shared by calendars' weeks, their holidays and holiday sets.

use super::raw::{S, Text};
use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::yaml::OneOrMany;
use serde::Serialize;

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

/// One interval or a list of them, sorted, with overlaps and empty intervals reported.
pub(crate) fn intervals(value: &S<OneOrMany<Text>>, out: &mut Vec<Diagnostic>) -> Vec<Interval> {
    let items: Vec<&Text> = match &value.value {
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
