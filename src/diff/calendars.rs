//! Calendars: weekly hours, time zone, and holidays added, removed, or with other hours.

use super::change::{Changes, Effect, Kind, Place};
use super::version::Context;
use super::words::Words;
use crate::catalogue::calendar::{Calendar, Holiday, Interval};
use crate::render::format;

/// Staffed minutes in a week (every minute when always open).
pub(super) fn weekly_minutes(c: &Calendar) -> u32 {
    if c.always_open {
        return 7 * 1440;
    }
    c.weekly.iter().flatten().map(minutes).sum()
}

fn minutes(i: &Interval) -> u32 {
    u32::from(i.end.saturating_sub(i.start))
}

/// `Office hours, Milan (Mon–Fri 08:30–13:00, 14:00–18:00; Sat 09:00–12:00)`.
pub(super) fn hours_words(w: &Words, c: &Calendar) -> String {
    format!("{} ({})", c.name, week_words(w, c))
}

fn week_words(w: &Words, c: &Calendar) -> String {
    format::calendar(&w.t, c).summary
}

/// What keeps hours: a plan (promises them) or a contact (is staffed then).
pub(super) struct Keeper<'a> {
    pub kind: Kind,
    /// "Premium service hours", "Service Desk hours".
    pub subject: String,
    /// The calendar ids, old and new.
    pub hours: (&'a str, &'a str),
    pub place: Option<Place>,
}

/// A plan or contact that now keeps another calendar: one change, more staffed time better.
pub(super) fn moved_hours(ctx: &Context, keeper: Keeper, out: &mut Changes) {
    let (old, new) = keeper.hours;
    let (Some(&a), Some(&b)) = (
        ctx.old.cat.index.calendars.get(old),
        ctx.new.cat.index.calendars.get(new),
    ) else {
        return;
    };
    if ctx.pairs.calendars.old_key(a) == b {
        return;
    }
    let w = ctx.words;
    let (oc, nc) = (&ctx.old.cat.calendars[a], &ctx.new.cat.calendars[b]);
    out.changed(
        keeper.kind,
        Effect::more_is_better(weekly_minutes(oc), weekly_minutes(nc)),
        keeper.subject,
        (hours_words(w, oc), hours_words(w, nc)),
        keeper.place,
    );
}

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    let w = ctx.words;
    for (i, j) in ctx.pairs.calendars.both() {
        let (old, new) = (&ctx.old.cat.calendars[i], &ctx.new.cat.calendars[j]);
        let locs = ctx.new.locs.calendar(&new.id);
        let old_locs = ctx.old.locs.calendar(&old.id);
        if old.name != new.name {
            out.changed(
                Kind::Calendar,
                Effect::Neutral,
                w.word("diff_calendar"),
                (old.name.clone(), new.name.clone()),
                ctx.new.place(locs.and_then(|l| l.item)),
            );
        }
        if old.timezone != new.timezone {
            out.changed(
                Kind::Calendar,
                Effect::Neutral,
                Words::subject(&[&new.name, &w.word("diff_timezone")]),
                (old.timezone.clone(), new.timezone.clone()),
                ctx.new.place(locs.and_then(|l| l.timezone)),
            );
        }
        let (a, b) = (week_words(w, old), week_words(w, new));
        if a != b {
            out.changed(
                Kind::Calendar,
                Effect::more_is_better(weekly_minutes(old), weekly_minutes(new)),
                Words::subject(&[&new.name, &w.word("weekly_hours")]),
                (a, b),
                ctx.new.place(locs.and_then(|l| l.weekly)),
            );
        }
        for h in &new.holidays {
            let place = ctx
                .new
                .place(locs.and_then(|l| l.holidays.get(&h.date).copied()));
            let subject = Words::subject(&[&new.name, &format::date(&w.t.formats, &h.date)]);
            match old.holidays.iter().find(|o| o.date == h.date) {
                None => {
                    out.added(
                        Kind::Calendar,
                        day_effect(None, Some(h), new),
                        subject,
                        holiday_words(w, h),
                        place,
                    );
                }
                Some(o) if o.hours != h.hours || o.name != h.name => {
                    out.changed(
                        Kind::Calendar,
                        day_effect(Some(o), Some(h), new),
                        subject,
                        (holiday_words(w, o), holiday_words(w, h)),
                        place,
                    );
                }
                Some(_) => {}
            }
        }
        for o in &old.holidays {
            if new.holidays.iter().any(|h| h.date == o.date) {
                continue;
            }
            out.removed(
                Kind::Calendar,
                day_effect(Some(o), None, new),
                Words::subject(&[&new.name, &format::date(&w.t.formats, &o.date)]),
                holiday_words(w, o),
                ctx.old
                    .place(old_locs.and_then(|l| l.holidays.get(&o.date).copied())),
            );
        }
    }
}

/// `Closed: Christmas Day`, `Open 08:30–12:30: Christmas Eve`.
fn holiday_words(w: &Words, h: &Holiday) -> String {
    let hours = if h.hours.is_empty() {
        w.word("closed_all_day")
    } else {
        let list: Vec<String> = h.hours.iter().map(Interval::label).collect();
        w.fill("reduced_hours", &[("hours", &list.join(", "))])
    };
    format!("{hours}: {}", h.name)
}

/// Staffed minutes on a holiday's date: its reduced hours, nothing when closed, and the
/// weekday's hours when it is no holiday.
fn day_effect(old: Option<&Holiday>, new: Option<&Holiday>, cal: &Calendar) -> Effect {
    let date = old.or(new).map(|h| h.date.as_str()).unwrap_or_default();
    let weekday = date
        .parse::<jiff::civil::Date>()
        .map_or(0, |d| d.weekday().to_monday_zero_offset() as usize);
    let open = |h: Option<&Holiday>| -> u32 {
        match h {
            Some(h) => h.hours.iter().map(minutes).sum(),
            None if cal.always_open => 1440,
            None => cal.weekly[weekday].iter().map(minutes).sum(),
        }
    };
    Effect::more_is_better(open(old), open(new))
}
