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
        sets(ctx, old, new, out);
        for h in &new.holidays {
            let place = ctx
                .new
                .place(locs.and_then(|l| l.holidays.get(&h.date).copied()))
                .or_else(|| set_place(ctx, new, h));
            let subject = Words::subject(&[&new.name, &format::date(&w.t.formats, &h.date)]);
            let old_day = old.holidays.iter().find(|o| o.date == h.date);
            let kind = day_kind(old_day, Some(h));
            match old_day {
                None => {
                    out.added(
                        kind,
                        day_effect(None, Some(h), new),
                        subject,
                        holiday_words(w, h),
                        place,
                    );
                }
                Some(o) if o.hours != h.hours || o.name != h.name => {
                    out.changed(
                        kind,
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
            let place = ctx
                .old
                .place(old_locs.and_then(|l| l.holidays.get(&o.date).copied()))
                .or_else(|| ctx.new.place(locs.and_then(|l| l.holidays_sets_or_item())));
            out.removed(
                day_kind(Some(o), None),
                day_effect(Some(o), None, new),
                Words::subject(&[&new.name, &format::date(&w.t.formats, &o.date)]),
                holiday_words(w, o),
                place,
            );
        }
    }
}

/// A date's change is about holidays (kind `holiday`) when a holiday set gives it in either
/// version, about the calendar when only its own dates do.
fn day_kind(old: Option<&Holiday>, new: Option<&Holiday>) -> Kind {
    if old.or(new).is_some_and(|h| h.set.is_some()) || new.is_some_and(|h| h.set.is_some()) {
        Kind::Holiday
    } else {
        Kind::Calendar
    }
}

/// Where a set's holiday is written: its rule in a catalogue's set, else the calendar's
/// `holiday_sets` (a built-in set).
fn set_place(ctx: &Context, cal: &Calendar, h: &Holiday) -> Option<Place> {
    let (set, key) = h.set.as_ref()?;
    let rule = ctx
        .new
        .locs
        .holiday_set(set)
        .and_then(|s| s.rules.get(key).copied());
    let list = ctx
        .new
        .locs
        .calendar(&cal.id)
        .and_then(|l| l.holidays_sets_or_item());
    ctx.new.place(rule.or(list))
}

/// Sets a calendar applies that are added or removed, and the rules of the catalogue's sets it
/// applies that are added, removed, or changed (the dates they move are reported by date).
fn sets(ctx: &Context, old: &Calendar, new: &Calendar, out: &mut Changes) {
    let w = ctx.words;
    let locs = ctx.new.locs.calendar(&new.id);
    let subject = Words::subject(&[&new.name, &w.word("diff_holiday_sets")]);
    let place = ctx.new.place(locs.and_then(|l| l.holidays_sets_or_item()));
    for s in new
        .sets
        .iter()
        .filter(|s| !old.sets.iter().any(|o| o.id == s.id))
    {
        out.added(
            Kind::Holiday,
            Effect::Worse,
            subject.clone(),
            s.name.clone(),
            place.clone(),
        );
    }
    for o in old
        .sets
        .iter()
        .filter(|o| !new.sets.iter().any(|s| s.id == o.id))
    {
        out.removed(
            Kind::Holiday,
            Effect::Better,
            subject.clone(),
            o.name.clone(),
            place.clone(),
        );
    }
    for s in new.sets.iter().filter(|s| !s.id.starts_with("public:")) {
        let Some(o) = old.sets.iter().find(|o| o.id == s.id) else {
            continue;
        };
        let set_locs = ctx.new.locs.holiday_set(&s.id);
        let rule_place = |key: &str| {
            ctx.new
                .place(set_locs.and_then(|l| l.rules.get(key).copied().or(l.item)))
        };
        let words = |r: &crate::catalogue::holidays::Rule| {
            holiday_words(
                w,
                &Holiday {
                    date: String::new(),
                    name: r.name.clone(),
                    hours: r.hours.clone(),
                    observed_from: None,
                    set: None,
                },
            )
        };
        let rule_subject = |r: &crate::catalogue::holidays::Rule| {
            Words::subject(&[&new.name, &s.name, &r.when.key()])
        };
        let staffed =
            |r: &crate::catalogue::holidays::Rule| -> u32 { r.hours.iter().map(minutes).sum() };
        for r in &s.rules {
            match o.rules.iter().find(|x| x.when == r.when) {
                None => {
                    out.added(
                        Kind::Holiday,
                        Effect::Worse,
                        rule_subject(r),
                        words(r),
                        rule_place(&r.when.key()),
                    );
                }
                Some(x) if x != r => {
                    let effect = if x.hours != r.hours {
                        Effect::more_is_better(staffed(x), staffed(r))
                    } else {
                        Effect::Neutral
                    };
                    out.changed(
                        Kind::Holiday,
                        effect,
                        rule_subject(r),
                        (words(x), words(r)),
                        rule_place(&r.when.key()),
                    );
                }
                Some(_) => {}
            }
        }
        for x in o
            .rules
            .iter()
            .filter(|x| !s.rules.iter().any(|r| r.when == x.when))
        {
            out.removed(
                Kind::Holiday,
                Effect::Better,
                rule_subject(x),
                words(x),
                ctx.new.place(set_locs.and_then(|l| l.item)),
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
