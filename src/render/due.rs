//! Worked examples of a plan's response targets, generated from its calendar with the same
//! due-time computation as `route --at`: "a case opened Fri at 17:00 is answered by Mon at
//! 12:30". The opening is an hour before the week's last staffed hour ends, in a usual week
//! (one without holidays), so the example shows the clock stopping while the desk is closed.

use super::i18n::I18n;
use crate::catalogue::Plan;
use crate::catalogue::calendar::{Calendar, hhmm};
use crate::catalogue::due::Staffing;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The first week looked at for one without holidays (a date fixed so that builds are
/// byte-identical whenever they run).
const FIRST_MONDAY: Date = Date::constant(2026, 1, 5);
/// How many weeks after it are looked at.
const WEEKS: i64 = 60;
/// How many days after the opening must be free of holidays.
const QUIET_DAYS: i64 = 21;

/// The example sentence of each of `plan`'s targets, by severity id.
pub(super) fn plan_examples(
    calendar: Option<&Calendar>,
    t: &I18n,
    plan: &Plan,
) -> BTreeMap<String, String> {
    let Some(opening) = calendar.and_then(Staffing::new).and_then(Opening::find) else {
        return BTreeMap::new();
    };
    let opened = moment(t, &opening.staffing, opening.at);
    let day = |at: Timestamp| opening.staffing.zone.to_datetime(at).date();
    plan.response
        .iter()
        .filter_map(|r| {
            let due = opening.staffing.due(r, opening.at).instant()?;
            let mut answered = moment(t, &opening.staffing, due);
            // A weekday names the day only within the week.
            let days = day(opening.at).until(day(due)).ok()?.get_days();
            if days >= 7 {
                answered = t.fill(
                    "due_later",
                    &[("moment", &answered), ("n", &days.to_string())],
                );
            }
            let sentence = t.fill("due_example", &[("opened", &opened), ("due", &answered)]);
            Some((r.severity.clone().unwrap_or_default(), sentence))
        })
        .collect()
}

struct Opening<'c> {
    staffing: Staffing<'c>,
    at: Timestamp,
}

impl<'c> Opening<'c> {
    fn find(staffing: Staffing<'c>) -> Option<Self> {
        let monday = (0..WEEKS)
            .filter_map(|w| FIRST_MONDAY.checked_add(jiff::Span::new().weeks(w)).ok())
            .find(|m| quiet(&staffing, *m))?;
        let (day, minute) = last_hour(staffing.calendar);
        let date = monday.checked_add(jiff::Span::new().days(day)).ok()?;
        let at = staffing.instant(date, minute)?;
        Some(Opening { staffing, at })
    }
}

/// Whether no holiday falls in the `QUIET_DAYS` from `monday`.
fn quiet(staffing: &Staffing, monday: Date) -> bool {
    let end = monday
        .checked_add(jiff::Span::new().days(QUIET_DAYS))
        .unwrap_or(Date::MAX);
    // The sets' holidays of those years too, not only the ones the calendar lists.
    !staffing
        .calendar
        .holidays_in(monday.year(), end.year())
        .iter()
        .any(|h| monday <= h.date && h.date < end)
}

/// Day (Monday = 0) and minute an hour before the week's last staffed interval ends (at its
/// start when it is shorter); Friday 17:00 for a calendar without weekly hours.
fn last_hour(calendar: &Calendar) -> (i64, u16) {
    (0..7)
        .rev()
        .find_map(|d| {
            let last = calendar.weekly[d].last()?;
            Some((d as i64, last.start.max(last.end.saturating_sub(60))))
        })
        .filter(|_| !calendar.always_open)
        .unwrap_or((4, 17 * 60))
}

/// "Fri at 17:00", in the calendar's zone.
fn moment(t: &I18n, staffing: &Staffing, at: Timestamp) -> String {
    let local = staffing.zone.to_datetime(at);
    let day = &t.formats.days[local.date().weekday().to_monday_zero_offset() as usize];
    let time = hhmm(local.hour() as u16 * 60 + local.minute() as u16);
    t.fill("due_moment", &[("weekday", day), ("time", &time)])
}
