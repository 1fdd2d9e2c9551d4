//! `calendars/<id>.ics`: a calendar as iCalendar (RFC 5545), so that customers can subscribe
//! to "when is the desk open": CRLF line ends, lines folded at 75 octets, escaped text, and
//!
//! - the calendar's zone as a VTIMEZONE generated from jiff's time zone data (its transitions
//!   over the years the file describes);
//! - the weekly staffed hours, one recurring VEVENT (`RRULE:FREQ=WEEKLY;BYDAY=…`) per distinct
//!   interval, in the calendar's zone, with an EXDATE for every holiday on which it does not
//!   happen as usual, and for every night of a daylight-saving change that shortens or
//!   lengthens it, which then gets a VEVENT of its own with its real instants (in UTC);
//! - one all-day VEVENT per holiday, and a timed VEVENT per interval of its reduced hours.
//!
//! The holidays are those the calendar lists (its sets' and own holidays from the first of
//! January of the build year to the end of the next, and its own dates of other years), each
//! as its date: a yearly `RRULE` would go on past the years the sets were expanded for, where
//! a calendar's own dates, `open: true` and `observed` moves can make a year differ, so every
//! date is written out. The years described run from the first holiday's (2026 without
//! holidays) to two years after the last holiday's. UIDs and DTSTAMPs are derived from the
//! data, never the clock.

use super::i18n::I18n;
use crate::catalogue::calendar::{Calendar, Interval};
use crate::catalogue::due::Staffing;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;
use std::collections::BTreeMap;

/// The year described when a calendar has no holidays.
const REFERENCE_YEAR: i16 = 2026;
/// How many years after the last holiday's are described.
const YEARS_AFTER: i16 = 2;
const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The whole file.
pub(super) fn calendar(c: &Calendar, t: &I18n, host: &str) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//supportbook//supportbook {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(&c.name)),
        format!("X-WR-TIMEZONE:{}", text(&c.timezone)),
    ];
    let staffing = Staffing::new(c).filter(|_| !c.always_open);
    let ics = staffing.as_ref().map(|s| Ics {
        staffing: s,
        years: years(c),
        host,
        summary: t.fill("ics_staffed", &[("name", &c.name)]),
    });
    if let Some(ics) = &ics
        && c.weekly.iter().any(|d| !d.is_empty())
    {
        ics.vtimezone(&mut lines);
        ics.weekly(&mut lines);
    }
    for h in &c.holidays {
        let Ok(date) = h.date.parse::<Date>() else {
            continue;
        };
        let Ok(next) = date.tomorrow() else {
            continue;
        };
        let description = if h.hours.is_empty() {
            t.word("ics_closed").to_string()
        } else {
            let hours: Vec<String> = h.hours.iter().map(Interval::label).collect();
            t.fill(
                "ics_reduced",
                &[("hours", &hours.join(", ")), ("timezone", &c.timezone)],
            )
        };
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}-{}@{}", c.id, h.date, host),
            format!("DTSTAMP:{}T000000Z", compact(date)),
            format!("DTSTART;VALUE=DATE:{}", compact(date)),
            format!("DTEND;VALUE=DATE:{}", compact(next)),
            format!("SUMMARY:{}", text(&super::format::holiday_name(t, h))),
            format!("DESCRIPTION:{}", text(&description)),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ]);
        if let Some(ics) = &ics {
            for i in &h.hours {
                ics.once(date, *i, &mut lines);
            }
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    out
}

/// The first and last day described.
fn years(c: &Calendar) -> (Date, Date) {
    let years: Vec<i16> = c
        .holidays
        .iter()
        .filter_map(|h| h.date.parse::<Date>().ok())
        .map(|d| d.year())
        .collect();
    let first = years.iter().min().copied().unwrap_or(REFERENCE_YEAR);
    let last = years.iter().max().copied().unwrap_or(REFERENCE_YEAR);
    let end = last.saturating_add(YEARS_AFTER).min(9998);
    (
        Date::new(first, 1, 1).unwrap_or(Date::MIN),
        Date::new(end, 12, 31).unwrap_or(Date::MAX),
    )
}

/// `20261224`.
fn compact(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// `20261224T083000`.
fn local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// `20261224T073000Z`.
fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `+0100`.
fn offset(o: Offset) -> String {
    let s = o.seconds();
    let a = s.unsigned_abs();
    format!(
        "{}{:02}{:02}",
        if s < 0 { '-' } else { '+' },
        a / 3600,
        a / 60 % 60
    )
}

/// Wall-clock `minute` (up to 1440) of `date`.
fn wall(date: Date, minute: u16) -> Option<DateTime> {
    let (date, minute) = if minute >= 1440 {
        (date.tomorrow().ok()?, 0)
    } else {
        (date, minute)
    };
    Some(date.at((minute / 60) as i8, (minute % 60) as i8, 0, 0))
}

/// What the staffed-hours events of one calendar are written with.
struct Ics<'a, 'c> {
    staffing: &'a Staffing<'c>,
    years: (Date, Date),
    host: &'a str,
    summary: String,
}

impl Ics<'_, '_> {
    fn zone(&self) -> &str {
        &self.staffing.calendar.timezone
    }

    fn id(&self) -> &str {
        &self.staffing.calendar.id
    }

    /// The zone's transitions over the years described (and the one before, which sets the
    /// offset at their start); a zone without any gets its one offset.
    fn vtimezone(&self, lines: &mut Vec<String>) {
        let zone = &self.staffing.zone;
        let start = self.instant_of(self.years.0);
        let end = self.instant_of(self.years.1);
        lines.push("BEGIN:VTIMEZONE".into());
        lines.push(format!("TZID:{}", text(self.zone())));
        let transitions: Vec<_> = zone
            .preceding(start)
            .take(1)
            .chain(zone.following(start).take_while(|t| t.timestamp() <= end))
            .collect();
        if transitions.is_empty() {
            let o = zone.to_offset(start);
            let name = zone.to_offset_info(start).abbreviation().to_string();
            lines.extend(component("STANDARD", "19700101T000000", o, o, &name));
        }
        for t in transitions {
            let before = zone.to_offset(
                t.timestamp()
                    .checked_sub(jiff::SignedDuration::from_secs(1))
                    .unwrap_or(t.timestamp()),
            );
            let kind = if t.dst().is_dst() {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            let onset = local(before.to_datetime(t.timestamp()));
            lines.extend(component(
                kind,
                &onset,
                before,
                t.offset(),
                t.abbreviation(),
            ));
        }
        lines.push("END:VTIMEZONE".into());
    }

    fn instant_of(&self, date: Date) -> Timestamp {
        self.staffing
            .instant(date, 0)
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// One recurring event per distinct interval of the week, on the days it is kept.
    fn weekly(&self, lines: &mut Vec<String>) {
        let mut days_of: BTreeMap<Interval, Vec<usize>> = BTreeMap::new();
        for (day, hours) in self.staffing.calendar.weekly.iter().enumerate() {
            for i in hours {
                days_of.entry(*i).or_default().push(day);
            }
        }
        for (interval, days) in days_of {
            self.recurring(interval, &days, lines);
        }
    }

    fn recurring(&self, i: Interval, days: &[usize], lines: &mut Vec<String>) {
        let on_day = |d: Date| days.contains(&(d.weekday().to_monday_zero_offset() as usize));
        let Some(first) = self
            .years
            .0
            .series(jiff::Span::new().days(1))
            .take(7)
            .find(|d| on_day(*d))
        else {
            return;
        };
        let (Some(start), Some(end)) = (wall(first, i.start), wall(first, i.end)) else {
            return;
        };
        let byday: Vec<&str> = days.iter().map(|d| BYDAY[*d]).collect();
        let hhmm = crate::catalogue::calendar::hhmm(i.start).replace(':', "");
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!(
                "UID:{}-weekly-{}-{hhmm}@{}",
                self.id(),
                byday.join("").to_lowercase(),
                self.host
            ),
            format!("DTSTAMP:{}T000000Z", compact(first)),
            format!("DTSTART;TZID={}:{}", text(self.zone()), local(start)),
            format!("DTEND;TZID={}:{}", text(self.zone()), local(end)),
            format!("RRULE:FREQ=WEEKLY;BYDAY={}", byday.join(",")),
            format!("SUMMARY:{}", text(&self.summary)),
            "TRANSP:TRANSPARENT".into(),
        ]);
        // Days it does not happen as usual: holidays, and daylight-saving nights.
        let mut except: Vec<(Date, bool)> = self
            .staffing
            .calendar
            .holidays
            .iter()
            .filter_map(|h| h.date.parse::<Date>().ok())
            .filter(|d| *d >= first && on_day(*d))
            .map(|d| (d, false))
            .collect();
        let minutes = i64::from(i.end - i.start);
        let holidays: Vec<Date> = except.iter().map(|(d, _)| *d).collect();
        for date in first
            .series(jiff::Span::new().days(1))
            .take_while(|d| *d <= self.years.1)
            .filter(|d| on_day(*d) && !holidays.contains(d))
        {
            let (Some(s), Some(e)) = (
                self.staffing.instant(date, i.start),
                self.staffing.instant(date, i.end),
            ) else {
                continue;
            };
            let shifted = Some(self.staffing.zone.to_datetime(s)) != wall(date, i.start);
            if shifted || s.duration_until(e).as_secs() != minutes * 60 {
                except.push((date, true));
            }
        }
        except.sort();
        for (date, _) in &except {
            if let Some(dt) = wall(*date, i.start) {
                lines.push(format!("EXDATE;TZID={}:{}", text(self.zone()), local(dt)));
            }
        }
        lines.push("END:VEVENT".into());
        for (date, _) in except.iter().filter(|(_, dst)| *dst) {
            self.once(*date, i, lines);
        }
    }

    /// One event at its real instants: a reduced-hours interval, or a weekly one on a night of
    /// a daylight-saving change.
    fn once(&self, date: Date, i: Interval, lines: &mut Vec<String>) {
        let (Some(s), Some(e)) = (
            self.staffing.instant(date, i.start),
            self.staffing.instant(date, i.end),
        ) else {
            return;
        };
        if e <= s {
            return;
        }
        let hhmm = crate::catalogue::calendar::hhmm(i.start).replace(':', "");
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}-{date}-{hhmm}@{}", self.id(), self.host),
            format!("DTSTAMP:{}T000000Z", compact(date)),
            format!("DTSTART:{}", utc(s)),
            format!("DTEND:{}", utc(e)),
            format!("SUMMARY:{}", text(&self.summary)),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ]);
    }
}

/// A STANDARD or DAYLIGHT sub-component with one onset.
fn component(kind: &str, onset: &str, from: Offset, to: Offset, name: &str) -> [String; 6] {
    [
        format!("BEGIN:{kind}"),
        format!("DTSTART:{onset}"),
        format!("TZOFFSETFROM:{}", offset(from)),
        format!("TZOFFSETTO:{}", offset(to)),
        format!("TZNAME:{}", text(name)),
        format!("END:{kind}"),
    ]
}

/// TEXT value escaping: `\`, `;`, `,` and newlines; other control characters dropped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (continuations start with a space), ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
