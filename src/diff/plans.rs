//! Plans: targets (response, updates, resolution) by severity and target rule, prices (with the worked example's amount before
//! and after), service hours and the contacts a plan includes.

use super::calendars::{Keeper, moved_hours};
use super::change::{Changes, Effect, Kind};
use super::version::Context;
use super::words::Words;
use crate::catalogue::due::Staffing;
use crate::catalogue::price::Price;
use crate::catalogue::{Catalogue, Length, Plan, Severity, Target, TargetKind, TargetRule};
use crate::render::format;
use rust_decimal::Decimal;

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    for (i, j) in ctx.pairs.plans.both() {
        let (old, new) = (&ctx.old.cat.plans[i], &ctx.new.cat.plans[j]);
        targets(ctx, old, new, out);
        price(ctx, old, new, out);
        hours(ctx, old, new, out);
        contacts(ctx, old, new, out);
    }
}

/// The report's kind of each kind of target.
fn kind_of(kind: TargetKind) -> Kind {
    match kind {
        TargetKind::Response => Kind::Response,
        TargetKind::Updates => Kind::Updates,
        TargetKind::Resolution => Kind::Resolution,
    }
}

/// The severities of both versions, paired (`None`: the target for every severity).
fn severities<'a>(ctx: &'a Context) -> Vec<(Option<&'a Severity>, Option<&'a Severity>)> {
    let mut list = vec![(None, None)];
    list.extend(ctx.pairs.severities.both().map(|(i, j)| {
        (
            Some(&ctx.old.cat.severities[i]),
            Some(&ctx.new.cat.severities[j]),
        )
    }));
    list
}

/// Each kind of target of a plan, by severity, then each target rule's.
fn targets(ctx: &Context, old: &Plan, new: &Plan, out: &mut Changes) {
    let staffing = ctx.new.cat.calendar(&new.hours).and_then(Staffing::new);
    for kind in TargetKind::ALL {
        for (os, ns) in severities(ctx) {
            let pick = |list: &'_ [Target], s: Option<&Severity>| -> Option<Target> {
                list.iter()
                    .find(|t| t.severity.as_deref() == s.map(|s| s.id.as_str()))
                    .cloned()
            };
            let a = pick(old.targets(kind), os);
            let b = pick(new.targets(kind), ns);
            let subject = match ns {
                Some(s) => Words::subject(&[&new.name, &format!("{} ({})", s.id, s.name)]),
                None => new.name.clone(),
            };
            one(
                ctx,
                staffing.as_ref(),
                (a.as_ref(), b.as_ref()),
                subject,
                out,
            );
        }
        // Target rules, paired by the cases they match.
        fn keys(p: &Plan) -> Vec<(String, &TargetRule)> {
            p.target_rules
                .iter()
                .map(|r| (format!("{:?}", r.when), r))
                .collect()
        }
        let (before, after) = (keys(old), keys(new));
        let mut seen: Vec<&String> = Vec::new();
        for (key, _) in after.iter().chain(&before) {
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let a = before.iter().find(|(k, _)| k == key).map(|(_, r)| *r);
            let b = after.iter().find(|(k, _)| k == key).map(|(_, r)| *r);
            let (cat, rule) = match (a, b) {
                (_, Some(r)) => (ctx.new.cat, r),
                (Some(r), None) => (ctx.old.cat, r),
                (None, None) => continue,
            };
            let cases = format::rule_cases(cat, &rule.when);
            for (os, ns) in severities(ctx) {
                let pick = |r: Option<&TargetRule>, s: Option<&Severity>| -> Option<Target> {
                    r?.targets(kind)
                        .iter()
                        .find(|t| t.severity.as_deref() == s.map(|s| s.id.as_str()))
                        .cloned()
                };
                let subject = match ns {
                    Some(s) => {
                        Words::subject(&[&new.name, &cases, &format!("{} ({})", s.id, s.name)])
                    }
                    None => Words::subject(&[&new.name, &cases]),
                };
                one(
                    ctx,
                    staffing.as_ref(),
                    (pick(a, os).as_ref(), pick(b, ns).as_ref()),
                    subject,
                    out,
                );
            }
        }
    }
}

/// One target before and after.
fn one(
    ctx: &Context,
    staffing: Option<&Staffing>,
    (a, b): (Option<&Target>, Option<&Target>),
    subject: String,
    out: &mut Changes,
) {
    let w = ctx.words;
    let same = |a: &Target, b: &Target| a.length == b.length && a.clock == b.clock;
    match (a, b) {
        (Some(a), Some(b)) if same(a, b) => {}
        (Some(a), Some(b)) => {
            out.changed(
                kind_of(b.kind),
                target_effect(staffing, a, b),
                subject,
                (target_words(w, a), target_words(w, b)),
                ctx.new.place(Some(b.loc)),
            );
        }
        (None, Some(b)) => {
            out.added(
                kind_of(b.kind),
                Effect::Better,
                subject,
                target_words(w, b),
                ctx.new.place(Some(b.loc)),
            );
        }
        (Some(a), None) => {
            out.removed(
                kind_of(a.kind),
                Effect::Worse,
                subject,
                target_words(w, a),
                ctx.old.place(Some(a.loc)),
            );
        }
        (None, None) => {}
    }
}

/// "within 4 business hours".
fn target_words(w: &Words, r: &Target) -> String {
    format::target(&w.t, r).words
}

/// The first instant of each hour of a usual week: targets are compared by when they fall
/// due for cases opened then.
const REFERENCE_MONDAY: jiff::civil::Date = jiff::civil::Date::constant(2026, 1, 12);

/// A later due is worse: the two targets are compared by their mean wait, in minutes, over a
/// case opened at each hour of a week, on the plan's (new) calendar; a target never due waits
/// forever. Without a calendar, only targets of one clock and unit are compared.
fn target_effect(staffing: Option<&Staffing>, a: &Target, b: &Target) -> Effect {
    let Some(s) = staffing else {
        return match (a.length, b.length) {
            (Length::Minutes(x), Length::Minutes(y)) if a.clock == b.clock => {
                Effect::less_is_better(x, y)
            }
            (Length::BusinessDays(x), Length::BusinessDays(y)) => Effect::less_is_better(x, y),
            _ => Effect::Neutral,
        };
    };
    let wait = |t: &Target| -> f64 {
        let mut total = 0f64;
        for hour in 0..(7 * 24) {
            let Some(at) = s
                .instant(REFERENCE_MONDAY, 0)
                .and_then(|m| m.checked_add(jiff::SignedDuration::from_hours(hour)).ok())
            else {
                return f64::INFINITY;
            };
            match s.due(t, at).instant() {
                Some(due) => total += at.duration_until(due).as_secs_f64() / 60.0,
                None => return f64::INFINITY,
            }
        }
        total
    };
    Effect::less_is_better(wait(a), wait(b))
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
