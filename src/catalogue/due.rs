//! When a target is due (the format's sections 8 and 12): a calendar's staffed intervals as
//! instants, in its time zone (holidays closed, reduced-hours days, `24:00` ends, both
//! daylight-saving nights), and the instant a response target's clock reaches its duration
//! from the moment a case is opened. Every zone and instant calculation is jiff's.

use super::calendar::{Calendar, Interval};
use super::model::{Clock, Length, Target};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A calendar not staffed for this many days has no due instant.
pub(crate) const HORIZON_DAYS: i32 = 400;

/// When a response is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Due {
    At(Timestamp),
    /// The calendar is not staffed again within [`HORIZON_DAYS`] days.
    NotStaffed,
    /// Later than the last instant jiff represents (the year 9999).
    OutOfRange,
}

impl Due {
    pub(crate) fn instant(self) -> Option<Timestamp> {
        match self {
            Due::At(t) => Some(t),
            _ => None,
        }
    }

    /// Why there is no instant, in words.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Due::At(_) => "",
            Due::NotStaffed => "no due time: the plan's hours are not staffed within 400 days",
            Due::OutOfRange => "no due time: later than the year 9999",
        }
    }
}

/// A year's holidays of a calendar by date, in date order, each with its hours.
type YearHolidays<'c> = Vec<(Date, &'c [Interval])>;

/// A calendar's staffed time, ready to be walked day by day.
pub(crate) struct Staffing<'c> {
    pub calendar: &'c Calendar,
    pub zone: TimeZone,
    /// Holidays by year, expanded from the calendar's sets and own dates the first time a day
    /// of that year is asked for (sets apply to every year).
    holidays: RefCell<BTreeMap<i16, YearHolidays<'c>>>,
}

impl<'c> Staffing<'c> {
    /// `None` when the calendar's time zone is unknown (reported by `check`).
    pub(crate) fn new(calendar: &'c Calendar) -> Option<Self> {
        let zone = TimeZone::get(&calendar.timezone).ok()?;
        Some(Staffing {
            calendar,
            zone,
            holidays: RefCell::new(BTreeMap::new()),
        })
    }

    /// The intervals of a local day: a holiday's (none when closed all day), else the week's.
    pub(crate) fn hours(&self, date: Date) -> &'c [Interval] {
        let mut years = self.holidays.borrow_mut();
        let year = years.entry(date.year()).or_insert_with(|| {
            self.calendar
                .holidays_in(date.year(), date.year())
                .iter()
                .map(|d| (d.date, d.hours()))
                .collect()
        });
        match year.binary_search_by_key(&date, |(d, _)| *d) {
            Ok(i) => year[i].1,
            Err(_) => &self.calendar.weekly[date.weekday().to_monday_zero_offset() as usize],
        }
    }

    /// The instant of wall-clock `minute` (up to 1440, the next midnight) of `date`; a time
    /// skipped by a daylight-saving change is read with the offset before it, a repeated one
    /// is its first occurrence (jiff's "compatible" rule).
    pub(crate) fn instant(&self, date: Date, minute: u16) -> Option<Timestamp> {
        let (date, minute) = if minute >= 1440 {
            (date.tomorrow().ok()?, 0)
        } else {
            (date, minute)
        };
        let time = Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).ok()?;
        self.zone
            .to_ambiguous_timestamp(DateTime::from_parts(date, time))
            .compatible()
            .ok()
    }

    /// The staffed intervals of `date` as instants, in order (empty when its bounds cannot be
    /// represented).
    pub(crate) fn day(&self, date: Date) -> impl Iterator<Item = (Timestamp, Timestamp)> + '_ {
        self.hours(date)
            .iter()
            .filter_map(move |i| Some((self.instant(date, i.start)?, self.instant(date, i.end)?)))
            .filter(|(s, e)| s < e)
    }

    /// The staffed time from `from` on, interval by interval (the first one clipped to start at
    /// `from`); it ends after [`HORIZON_DAYS`] days without any.
    pub(crate) fn from(&self, from: Timestamp) -> StaffedFrom<'_, 'c> {
        let date = self.zone.to_datetime(from).date();
        StaffedFrom {
            staffing: self,
            from,
            date,
            last_staffed: date,
            pending: Vec::new(),
            state: State::Walking,
        }
    }

    /// The instant `target`'s clock reaches its duration for a case opened at `opened`.
    pub(crate) fn due(&self, target: &Target, opened: Timestamp) -> Due {
        let minutes = match target.length {
            Length::BusinessDays(n) => return self.business_days_due(n, opened),
            Length::Minutes(m) => m,
        };
        let duration = SignedDuration::from_mins(i64::from(minutes));
        if target.clock == Clock::Always || self.calendar.always_open {
            return opened
                .checked_add(duration)
                .map_or(Due::OutOfRange, Due::At);
        }
        let mut remaining = duration;
        let mut walk = self.from(opened);
        for (start, end) in walk.by_ref() {
            let length = start.duration_until(end);
            if length >= remaining {
                return start
                    .checked_add(remaining)
                    .map_or(Due::OutOfRange, Due::At);
            }
            remaining -= length;
        }
        if walk.state == State::OutOfRange {
            Due::OutOfRange
        } else {
            Due::NotStaffed
        }
    }

    /// `Nbd`: the end of the last staffed interval of the N-th business day (a local date with
    /// at least one staffed interval) after the date of opening, which never counts. On an
    /// always-open calendar, the midnight that ends the N-th day after the date of opening.
    /// No instant when [`HORIZON_DAYS`] days pass without a business day.
    fn business_days_due(&self, n: u32, opened: Timestamp) -> Due {
        let opened_on = self.zone.to_datetime(opened).date();
        if self.calendar.always_open {
            return opened_on
                .checked_add(jiff::Span::new().days(i64::from(n)))
                .ok()
                .and_then(|d| self.instant(d, 1440))
                .map_or(Due::OutOfRange, Due::At);
        }
        let mut date = opened_on;
        let mut last_business = opened_on;
        let mut counted = 0;
        loop {
            date = match date.tomorrow() {
                Ok(d) => d,
                Err(_) => return Due::OutOfRange,
            };
            if date > horizon(last_business) {
                return Due::NotStaffed;
            }
            let Some(close) = self.day(date).map(|(_, end)| end).max() else {
                continue;
            };
            last_business = date;
            counted += 1;
            if counted == n {
                return Due::At(close);
            }
        }
    }
}

/// The last day to look at after a staffed `date`.
fn horizon(date: Date) -> Date {
    date.checked_add(jiff::Span::new().days(HORIZON_DAYS))
        .unwrap_or(Date::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Walking,
    NotStaffed,
    OutOfRange,
}

/// Staffed intervals from an instant on: see [`Staffing::from`].
pub(crate) struct StaffedFrom<'s, 'c> {
    staffing: &'s Staffing<'c>,
    from: Timestamp,
    /// The next local day to read.
    date: Date,
    last_staffed: Date,
    /// The rest of the day last read, latest first.
    pending: Vec<(Timestamp, Timestamp)>,
    state: State,
}

impl Iterator for StaffedFrom<'_, '_> {
    type Item = (Timestamp, Timestamp);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(interval) = self.pending.pop() {
                return Some(interval);
            }
            if self.state != State::Walking {
                return None;
            }
            if self.date > horizon(self.last_staffed) {
                self.state = State::NotStaffed;
                return None;
            }
            let from = self.from;
            let day: Vec<(Timestamp, Timestamp)> = self
                .staffing
                .day(self.date)
                .filter(|&(_, end)| end > from)
                .map(|(start, end)| (start.max(from), end))
                .collect();
            if !day.is_empty() {
                self.last_staffed = self.date;
            }
            self.pending = day.into_iter().rev().collect();
            match self.date.tomorrow() {
                Ok(next) => self.date = next,
                Err(_) => self.state = State::OutOfRange,
            }
        }
    }
}
