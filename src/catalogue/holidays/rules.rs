//! The model of holiday sets: rules (a month-day, one date, an offset from Western Easter, the
//! n-th weekday of a month), sets, a calendar's own dates, and their expansion into the dates
//! of any year, in the order the format's details give: sets in order, own dates, then
//! `observed` moves.

use crate::catalogue::interval::Interval;
use crate::catalogue::raw::Observed;
use jiff::civil::{Date, Weekday};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Day keys as written, Monday first.
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// When a rule's holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum When {
    /// Every year on this month and day (`02-29`: leap years only).
    MonthDay(i8, i8),
    /// One date.
    Date(Date),
    /// Days after Western Easter Sunday.
    Easter(i16),
    /// The `nth` (1..5, -1: last) `weekday` of `month`.
    Nth {
        month: i8,
        weekday: Weekday,
        nth: i8,
    },
}

impl When {
    /// Its key in translation files and diffs: `12-24`, `2027-06-04`, `easter+1`, `11-thu-4`.
    pub(crate) fn key(&self) -> String {
        match *self {
            When::MonthDay(m, d) => format!("{m:02}-{d:02}"),
            When::Date(d) => d.to_string(),
            When::Easter(n) if n < 0 => format!("easter{n}"),
            When::Easter(n) => format!("easter+{n}"),
            When::Nth {
                month,
                weekday,
                nth,
            } => format!(
                "{month:02}-{}-{nth}",
                DAYS[weekday.to_monday_zero_offset() as usize]
            ),
        }
    }

    /// Reads a key back (`5-mon--1` and `05-mon-last` as well as `05-mon--1`).
    pub(crate) fn from_key(key: &str) -> Option<When> {
        let key = key.trim();
        if let Some(n) = key.strip_prefix("easter") {
            let n = n.strip_prefix('+').unwrap_or(n);
            return n.parse().ok().map(When::Easter);
        }
        if let Ok(d) = key.parse::<Date>() {
            return Some(When::Date(d));
        }
        let parts: Vec<&str> = key.splitn(3, '-').collect();
        match parts.as_slice() {
            [m, d] => {
                let (m, d) = (m.parse().ok()?, d.parse().ok()?);
                month_day_valid(m, d).then_some(When::MonthDay(m, d))
            }
            [m, w, n] => {
                let month: i8 = m.parse().ok()?;
                let weekday = weekday(w)?;
                let nth: i8 = if *n == "last" { -1 } else { n.parse().ok()? };
                ((1..=12).contains(&month) && nth_valid(nth)).then_some(When::Nth {
                    month,
                    weekday,
                    nth,
                })
            }
            _ => None,
        }
    }

    /// Its date in `year`, if it has one.
    pub(crate) fn date_in(&self, year: i16) -> Option<Date> {
        match *self {
            When::MonthDay(m, d) => Date::new(year, m, d).ok(),
            When::Date(d) => (d.year() == year).then_some(d),
            When::Easter(n) => easter(year)?
                .checked_add(jiff::Span::new().days(i64::from(n)))
                .ok(),
            When::Nth {
                month,
                weekday,
                nth,
            } => {
                let first = Date::new(year, month, 1).ok()?;
                let d = first.nth_weekday_of_month(nth, weekday).ok()?;
                (d.month() == month).then_some(d)
            }
        }
    }
}

/// A day key (`mon` .. `sun`).
pub(crate) fn weekday(key: &str) -> Option<Weekday> {
    let i = DAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(key.trim()))?;
    Some(Weekday::from_monday_zero_offset(i as i8).unwrap_or(Weekday::Monday))
}

pub(crate) fn day_keys() -> [&'static str; 7] {
    DAYS
}

/// Whether a month and day exist in some year (`02-29` does, in leap years).
pub(crate) fn month_day_valid(m: i8, d: i8) -> bool {
    Date::new(2000, m, d).is_ok()
}

pub(crate) fn nth_valid(n: i8) -> bool {
    (1..=5).contains(&n) || n == -1
}

/// Western Easter Sunday of `year` (the Gregorian computus, Meeus/Jones/Butcher).
pub(crate) fn easter(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as i8, day as i8).ok()
}

/// One holiday of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    pub when: When,
    pub name: String,
    /// Reduced hours; empty: closed all day.
    pub hours: Vec<Interval>,
    pub observed: Option<Observed>,
    /// The first year it applies.
    pub since: Option<i16>,
}

impl Rule {
    pub(crate) fn date_in(&self, year: i16) -> Option<Date> {
        if self.since.is_some_and(|s| year < s) {
            return None;
        }
        self.when.date_in(year)
    }
}

/// A set's words in one language: its name, and its holidays' names by rule key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SetWords {
    pub name: Option<String>,
    pub holidays: BTreeMap<String, String>,
}

/// A holiday set, as the catalogue defines it or built in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HolidaySet {
    /// `office-closures`, or `public:it` for a built-in set.
    pub id: String,
    pub name: String,
    pub rules: Vec<Rule>,
    /// A built-in set's words in each built-in interface language (empty for the catalogue's
    /// own sets, which are translated through `translations/`).
    pub words: BTreeMap<String, SetWords>,
}

impl HolidaySet {
    /// The set in `words`' language (texts it lacks stay as they are).
    pub(crate) fn in_words(&self, words: &SetWords) -> HolidaySet {
        let mut set = self.clone();
        if let Some(n) = &words.name {
            set.name = n.clone();
        }
        for r in &mut set.rules {
            if let Some(n) = words.holidays.get(&r.when.key()) {
                r.name = n.clone();
            }
        }
        set
    }

    /// A built-in set in language `lang` (as it is when the tool has no words in it).
    pub(crate) fn in_language(&self, lang: &str) -> HolidaySet {
        let base = lang.split('-').next().unwrap_or(lang);
        match self.words.get(lang).or_else(|| self.words.get(base)) {
            Some(w) => self.in_words(w),
            None => self.clone(),
        }
    }
}

/// A calendar's own holiday: one date, closed, reduced, or open as usual (`open: true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OwnHoliday {
    pub date: Date,
    pub name: String,
    pub hours: Vec<Interval>,
    pub open: bool,
}

/// Where a holiday of a date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source<'a> {
    Set(&'a HolidaySet, &'a Rule),
    Own(&'a OwnHoliday),
}

/// One holiday of a calendar on one date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Day<'a> {
    pub date: Date,
    pub source: Source<'a>,
    /// The date it falls on, when it is kept here instead (`observed`).
    pub observed_from: Option<Date>,
}

impl<'a> Day<'a> {
    pub(crate) fn name(&self) -> &'a str {
        match self.source {
            Source::Set(_, r) => &r.name,
            Source::Own(o) => &o.name,
        }
    }

    pub(crate) fn hours(&self) -> &'a [Interval] {
        match self.source {
            Source::Set(_, r) => &r.hours,
            Source::Own(o) => &o.hours,
        }
    }
}

/// The holidays of a calendar whose dates fall in the years `from..=to`, in date order.
///
/// The years around them are expanded too, so that a holiday kept on a date of the next or
/// the previous year (`observed` across New Year) is found.
pub(crate) fn expand<'a>(
    sets: &'a [Arc<HolidaySet>],
    own: &'a [OwnHoliday],
    from: i16,
    to: i16,
) -> Vec<Day<'a>> {
    let (a, b) = (from.saturating_sub(1), to.saturating_add(1));
    let mut days: BTreeMap<Date, Day<'a>> = BTreeMap::new();
    for set in sets {
        for rule in &set.rules {
            for year in a..=b {
                if let Some(date) = rule.date_in(year) {
                    let source = Source::Set(set, rule);
                    days.insert(
                        date,
                        Day {
                            date,
                            source,
                            observed_from: None,
                        },
                    );
                }
            }
        }
    }
    for o in own.iter().filter(|o| (a..=b).contains(&o.date.year())) {
        if o.open {
            days.remove(&o.date);
        } else {
            let source = Source::Own(o);
            days.insert(
                o.date,
                Day {
                    date: o.date,
                    source,
                    observed_from: None,
                },
            );
        }
    }
    let weekend = |d: Date| matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
    let moving: Vec<(Date, Day<'a>, Observed)> = days
        .values()
        .filter_map(|d| match d.source {
            Source::Set(_, r) if weekend(d.date) => r.observed.map(|o| (d.date, *d, o)),
            _ => None,
        })
        .collect();
    for (date, day, rule) in moving {
        let backwards = rule == Observed::NearestWeekday && date.weekday() == Weekday::Saturday;
        let mut next = date;
        let target = loop {
            let step = if backwards {
                next.yesterday()
            } else {
                next.tomorrow()
            };
            let Ok(d) = step else { break None };
            next = d;
            if !weekend(d) && !days.contains_key(&d) {
                break Some(d);
            }
        };
        // A calendar's own `open: true` wins on its date, moved holidays included.
        let open = |t: Date| own.iter().any(|o| o.open && o.date == t);
        if let Some(t) = target.filter(|t| !open(*t)) {
            days.insert(
                t,
                Day {
                    date: t,
                    observed_from: Some(date),
                    ..day
                },
            );
        }
    }
    days.into_values()
        .filter(|d| (from..=to).contains(&d.date.year()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_sundays() {
        for (y, m, d) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter(y), Date::new(y, m, d).ok(), "{y}");
        }
    }

    #[test]
    fn keys_read_back() {
        for w in [
            When::MonthDay(2, 29),
            When::Easter(-2),
            When::Easter(0),
            When::Nth {
                month: 5,
                weekday: Weekday::Monday,
                nth: -1,
            },
        ] {
            assert_eq!(When::from_key(&w.key()), Some(w));
        }
        assert_eq!(When::from_key("02-30"), None);
    }
}
