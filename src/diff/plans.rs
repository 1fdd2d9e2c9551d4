//! Plans: first-response targets by severity, prices (with the worked example's amount before
//! and after), service hours and the contacts a plan includes.

use super::calendars::{Keeper, moved_hours};
use super::change::{Changes, Effect, Kind};
use super::version::Context;
use super::words::Words;
use crate::catalogue::price::Price;
use crate::catalogue::{Catalogue, Clock, Plan, ResponseTarget};
use crate::render::format;
use rust_decimal::Decimal;

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    for (i, j) in ctx.pairs.plans.both() {
        let (old, new) = (&ctx.old.cat.plans[i], &ctx.new.cat.plans[j]);
        response(ctx, old, new, out);
        price(ctx, old, new, out);
        hours(ctx, old, new, out);
        contacts(ctx, old, new, out);
    }
}

fn response(ctx: &Context, old: &Plan, new: &Plan, out: &mut Changes) {
    let w = ctx.words;
    for (si, sj) in ctx.pairs.severities.both() {
        let (os, ns) = (&ctx.old.cat.severities[si], &ctx.new.cat.severities[sj]);
        let (a, b) = (old.response_for(&os.id), new.response_for(&ns.id));
        if a.map(|r| (r.within_minutes, r.clock)) == b.map(|r| (r.within_minutes, r.clock)) {
            continue;
        }
        let subject = Words::subject(&[&new.name, &format!("{} ({})", ns.id, ns.name)]);
        let locs = |v: &super::version::Version, plan: &str, sev: &str| {
            v.place(v.locs.plan(plan).and_then(|l| l.response.get(sev).copied()))
        };
        match (a, b) {
            (Some(a), Some(b)) => {
                out.changed(
                    Kind::Response,
                    target_effect(a, b),
                    subject,
                    (target_words(w, a), target_words(w, b)),
                    locs(ctx.new, &new.id, &ns.id),
                );
            }
            (None, Some(b)) => {
                out.added(
                    Kind::Response,
                    Effect::Better,
                    subject,
                    target_words(w, b),
                    locs(ctx.new, &new.id, &ns.id),
                );
            }
            (Some(a), None) => {
                out.removed(
                    Kind::Response,
                    Effect::Worse,
                    subject,
                    target_words(w, a),
                    locs(ctx.old, &old.id, &os.id),
                );
            }
            (None, None) => {}
        }
    }
}

/// `4 h, counting staffed hours`.
fn target_words(w: &Words, r: &ResponseTarget) -> String {
    let v = format::target(&w.t, r);
    format!("{}, {}", v.within, v.clock_words)
}

/// Faster is better. Counting every hour is faster than counting staffed hours only, so a
/// change of clock is clear only when the duration moves the same way (or not at all).
fn target_effect(a: &ResponseTarget, b: &ResponseTarget) -> Effect {
    let by_time = Effect::less_is_better(a.within_minutes, b.within_minutes);
    let by_clock = match (a.clock, b.clock) {
        (Clock::Calendar, Clock::Always) => Effect::Better,
        (Clock::Always, Clock::Calendar) => Effect::Worse,
        _ => Effect::Neutral,
    };
    match (by_time, by_clock) {
        (t, Effect::Neutral) => t,
        (Effect::Neutral, c) => c,
        (t, c) if t == c => t,
        _ => Effect::Neutral,
    }
}

pub(super) fn price_words(w: &Words, p: &Price) -> String {
    let v = format::untaxed_price(&w.t, p);
    if v.details.is_empty() {
        return v.headline;
    }
    format!("{}. {}", v.headline, v.details.join(" "))
}

fn price(ctx: &Context, old: &Plan, new: &Plan, out: &mut Changes) {
    let w = ctx.words;
    let (a, b) = (price_words(w, &old.price), price_words(w, &new.price));
    let example = example(w, &old.price, &new.price);
    if a == b && example.is_none() {
        return;
    }
    let place = ctx
        .new
        .place(ctx.new.locs.plan(&new.id).and_then(|l| l.price));
    let change = out.changed(
        Kind::Price,
        price_effect(&old.price, &new.price),
        new.name.clone(),
        (a, b),
        place,
    );
    change.details.extend(example);
}

fn per(p: &Price) -> Option<crate::catalogue::Per> {
    p.per()
}

/// The spend of a price's worked example (the portal's), for the percentage forms.
fn example_spend(p: &Price) -> Option<Decimal> {
    if let Some(spend) = p.chosen_example_spend() {
        return Some(spend);
    }
    match p {
        Price::PercentOfSpend {
            percent, minimum, ..
        } => format::example_spend_percent(*percent, minimum.as_ref()),
        Price::Bands { bands, .. } => format::example_spend_bands(bands),
        _ => None,
    }
}

/// The worked example's amount before and after, at the new price's example spend (the old
/// one's when the new price has none): `With a monthly spend of €5,000.00: €500.00 becomes
/// €600.00`. `None` unless both prices depend on spend, in the same currency and period, and
/// the amount changes.
fn example(w: &Words, old: &Price, new: &Price) -> Option<String> {
    let per = per(new).filter(|p| Some(*p) == self::per(old))?;
    if old.currency() != new.currency() {
        return None;
    }
    let spend = example_spend(new).or_else(|| example_spend(old))?;
    let (before, after) = (old.cost_for_spend(spend)?, new.cost_for_spend(spend)?);
    if before == after {
        return None;
    }
    let loc = &w.t.formats;
    let money = |d: Decimal| format::money(loc, d, new.currency());
    let intro = w.fill(
        "example_intro",
        &[
            ("spend", &w.word(&format!("spend_{}", format::per_key(per)))),
            ("amount", &money(spend)),
        ],
    );
    Some(w.fill(
        "diff_example",
        &[
            ("intro", &intro),
            ("before", &money(before)),
            ("after", &money(after)),
        ],
    ))
}

/// A higher price is worse. Prices in different currencies or periods are not compared; a
/// spend-based price is compared at spends across its range, and is worse when any customer
/// pays more.
pub(super) fn price_effect(old: &Price, new: &Price) -> Effect {
    match (old, new) {
        (
            Price::OnRequest {
                from: a, per: pa, ..
            },
            Price::OnRequest {
                from: b, per: pb, ..
            },
        ) => {
            return match (a, b) {
                (Some(a), Some(b)) if a.currency == b.currency && pa == pb => {
                    Effect::less_is_better(a.amount, b.amount)
                }
                _ => Effect::Neutral,
            };
        }
        // A published price becoming "on request" is worse; the opposite better.
        (_, Price::OnRequest { .. }) => return Effect::Worse,
        (Price::OnRequest { .. }, _) => return Effect::Better,
        (Price::Included, Price::Included) => return Effect::Neutral,
        (Price::Included, _) => return Effect::Worse,
        (_, Price::Included) => return Effect::Better,
        _ => {}
    }
    if per(old) != per(new) || old.currency() != new.currency() {
        return Effect::Neutral;
    }
    if let (Price::Flat { amount: a, .. }, Price::Flat { amount: b, .. }) = (old, new) {
        return Effect::less_is_better(a.amount, b.amount);
    }
    let mut spends: Vec<Decimal> = [example_spend(old), example_spend(new)]
        .into_iter()
        .flatten()
        .collect();
    let mut s = Decimal::ONE;
    for _ in 0..10 {
        spends.extend([s, s * Decimal::from(2), s * Decimal::from(5)]);
        s *= Decimal::from(10);
    }
    let (mut higher, mut lower) = (false, false);
    for spend in spends {
        if let (Some(a), Some(b)) = (old.cost_for_spend(spend), new.cost_for_spend(spend)) {
            higher |= b > a;
            lower |= b < a;
        }
    }
    match (higher, lower) {
        (true, _) => Effect::Worse,
        (false, true) => Effect::Better,
        _ => Effect::Neutral,
    }
}

fn hours(ctx: &Context, old: &Plan, new: &Plan, out: &mut Changes) {
    let keeper = Keeper {
        kind: Kind::Hours,
        subject: Words::subject(&[&new.name, &ctx.words.word("service_hours")]),
        hours: (&old.hours, &new.hours),
        place: ctx
            .new
            .place(ctx.new.locs.plan(&new.id).and_then(|l| l.hours)),
    };
    moved_hours(ctx, keeper, out);
}

/// Contacts a plan gains (better) or loses (worse).
fn contacts(ctx: &Context, old: &Plan, new: &Plan, out: &mut Changes) {
    let w = ctx.words;
    let keys = |cat: &Catalogue, plan: &Plan, key: &dyn Fn(usize) -> usize| -> Vec<usize> {
        plan.contacts
            .iter()
            .filter_map(|c| cat.index.contacts.get(c))
            .map(|&c| key(c))
            .collect()
    };
    let p = &ctx.pairs.contacts;
    let before = keys(ctx.old.cat, old, &|c| p.old_key(c));
    let after = keys(ctx.new.cat, new, &|c| c);
    let subject = Words::subject(&[&new.name, &w.word("contacts")]);
    let new_place = ctx
        .new
        .place(ctx.new.locs.plan(&new.id).and_then(|l| l.contacts));
    for c in after.iter().filter(|c| !before.contains(c)) {
        let name = ctx.new.cat.contacts[*c].name.clone();
        out.added(
            Kind::Contact,
            Effect::Better,
            subject.clone(),
            name,
            new_place.clone(),
        );
    }
    for (id, key) in old.contacts.iter().zip(&before) {
        if after.contains(key) {
            continue;
        }
        let name = ctx
            .old
            .cat
            .contact(id)
            .map_or_else(|| id.clone(), |c| c.name.clone());
        out.removed(
            Kind::Contact,
            Effect::Worse,
            subject.clone(),
            name,
            new_place.clone(),
        );
    }
}
