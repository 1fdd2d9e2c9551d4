//! What offers contain (spec section 13): a plan's allowances and term, the add-ons, and
//! whether prices include tax. Fewer or smaller allowances, a longer minimum term or notice, an
//! add-on removed or dearer, and prices now shown excluding tax are worse; their opposites
//! better.

use super::change::{Changes, Effect, Kind};
use super::plans::{price_effect, price_words};
use super::version::Context;
use super::words::Words;
use crate::catalogue::{Allowance, AllowanceKind, AllowancePer, Plan, Tax, TaxPrices, Term};
use crate::render::format;

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    for (i, j) in ctx.pairs.plans.both() {
        let (old, new) = (&ctx.old.cat.plans[i], &ctx.new.cat.plans[j]);
        allowances(ctx, old, new, out);
        term(ctx, old, new, out);
    }
    add_ons(ctx, out);
    tax(ctx, out);
}

/// How much an allowance gives in a year, for comparing two of one kind: `None` when the two
/// cannot be compared (a count for the whole term against one per month).
fn yearly(a: &Allowance, term: Option<&Term>) -> Option<u128> {
    let Some(n) = a.count else {
        return Some(u128::MAX);
    };
    let n = u128::from(n);
    match a.per {
        Some(AllowancePer::Month) => Some(n * 12),
        Some(AllowancePer::Year) => Some(n),
        Some(AllowancePer::Term) => {
            let months = u128::from(term.and_then(|t| t.minimum_months)?);
            (months > 0).then(|| n * 12 / months)
        }
        None => None,
    }
}

fn allowance_words(w: &Words, list: &[&Allowance], term: Option<&Term>) -> String {
    list.iter()
        .map(|a| {
            let text = format::allowance(&w.t, a, term);
            match &a.note {
                Some(n) => format!("{text} ({n})"),
                None => text,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn allowances(ctx: &Context, old: &Plan, new: &Plan, out: &mut Changes) {
    let w = ctx.words;
    let place = ctx.new.place(
        ctx.new
            .locs
            .plan(&new.id)
            .and_then(|l| l.allowances.or(l.item)),
    );
    for kind in [
        AllowanceKind::Cases,
        AllowanceKind::NamedContacts,
        AllowanceKind::Hours,
    ] {
        let of = |p: &'_ Plan| -> Vec<Allowance> {
            p.allowances
                .iter()
                .filter(|a| a.kind == kind)
                .cloned()
                .collect()
        };
        let (a, b) = (of(old), of(new));
        if a == b {
            continue;
        }
        let (a_ref, b_ref): (Vec<&Allowance>, Vec<&Allowance>) =
            (a.iter().collect(), b.iter().collect());
        let (before, after) = (
            allowance_words(w, &a_ref, old.term.as_ref()),
            allowance_words(w, &b_ref, new.term.as_ref()),
        );
        if before == after {
            continue;
        }
        let subject = Words::subject(&[
            &new.name,
            &w.word(&format!("allowance_kind_{}", format::allowance_kind(kind))),
        ]);
        match (a.as_slice(), b.as_slice()) {
            ([], _) => {
                out.added(
                    Kind::Allowance,
                    Effect::Neutral,
                    subject,
                    after,
                    place.clone(),
                );
            }
            (_, []) => {
                out.removed(
                    Kind::Allowance,
                    Effect::Neutral,
                    subject,
                    before,
                    place.clone(),
                );
            }
            ([x], [y]) => {
                let effect = match (yearly(x, old.term.as_ref()), yearly(y, new.term.as_ref())) {
                    (Some(p), Some(q)) => Effect::more_is_better(p, q),
                    _ => Effect::Neutral,
                };
                out.changed(
                    Kind::Allowance,
                    effect,
                    subject,
                    (before, after),
                    place.clone(),
                );
            }
            _ => {
                out.changed(
                    Kind::Allowance,
                    Effect::Neutral,
                    subject,
                    (before, after),
                    place.clone(),
                );
            }
        }
    }
}

fn term_words(w: &Words, t: &Term) -> String {
    let (m, n) = format::term(&w.t, t);
    [m, n].into_iter().flatten().collect::<Vec<_>>().join("; ")
}

fn term(ctx: &Context, old: &Plan, new: &Plan, out: &mut Changes) {
    if old.term == new.term {
        return;
    }
    let w = ctx.words;
    let none = Term {
        minimum_months: None,
        notice_days: None,
    };
    let (a, b) = (
        old.term.as_ref().unwrap_or(&none),
        new.term.as_ref().unwrap_or(&none),
    );
    let months = Effect::less_is_better(
        a.minimum_months.unwrap_or_default(),
        b.minimum_months.unwrap_or_default(),
    );
    let notice = Effect::less_is_better(
        a.notice_days.unwrap_or_default(),
        b.notice_days.unwrap_or_default(),
    );
    let effect = match (months, notice) {
        (m, Effect::Neutral) => m,
        (Effect::Neutral, n) => n,
        (m, n) if m == n => m,
        _ => Effect::Neutral,
    };
    let subject = Words::subject(&[&new.name, &w.word("term")]);
    let place = ctx
        .new
        .place(ctx.new.locs.plan(&new.id).and_then(|l| l.term.or(l.item)));
    let said = |t: &Term| {
        let s = term_words(w, t);
        if s.is_empty() {
            w.word("not_stated")
        } else {
            s
        }
    };
    out.changed(Kind::Term, effect, subject, (said(a), said(b)), place);
}

fn add_ons(ctx: &Context, out: &mut Changes) {
    let w = ctx.words;
    let (old, new) = (ctx.old.cat, ctx.new.cat);
    let plan_names = |cat: &crate::catalogue::Catalogue, ids: &[String]| -> String {
        let names: Vec<String> = ids
            .iter()
            .filter_map(|p| cat.plan(p))
            .map(|p| p.name.clone())
            .collect();
        w.t.formats.and_list(&names)
    };
    for a in &new.add_ons {
        let subject = Words::subject(&[&w.word("add_ons"), &a.name]);
        let place = |which: bool| {
            let v = if which { ctx.new } else { ctx.old };
            v.place(
                v.locs
                    .add_ons
                    .get(&a.id)
                    .map(|l| if which { l.1 } else { l.0 }),
            )
        };
        let Some(before) = old.add_on(&a.id) else {
            out.added(
                Kind::AddOn,
                Effect::Better,
                subject,
                format!(
                    "{} · {}",
                    price_words(w, &a.price),
                    plan_names(new, &a.plans)
                ),
                ctx.new.place(ctx.new.locs.add_ons.get(&a.id).map(|l| l.0)),
            );
            continue;
        };
        let (pa, pb) = (price_words(w, &before.price), price_words(w, &a.price));
        if pa != pb {
            out.changed(
                Kind::AddOn,
                price_effect(&before.price, &a.price),
                subject.clone(),
                (pa, pb),
                place(true),
            );
        }
        let (na, nb) = (plan_names(old, &before.plans), plan_names(new, &a.plans));
        if na != nb {
            // Plans paired by id: a plan that loses the add-on is worse off.
            let lost = before.plans.iter().any(|p| !a.plans.contains(p));
            let gained = a.plans.iter().any(|p| !before.plans.contains(p));
            let effect = match (lost, gained) {
                (true, false) => Effect::Worse,
                (false, true) => Effect::Better,
                _ => Effect::Neutral,
            };
            out.changed(Kind::AddOn, effect, subject, (na, nb), place(false));
        }
    }
    for a in old.add_ons.iter().filter(|a| new.add_on(&a.id).is_none()) {
        out.removed(
            Kind::AddOn,
            Effect::Worse,
            Words::subject(&[&w.word("add_ons"), &a.name]),
            price_words(w, &a.price),
            ctx.old.place(ctx.old.locs.add_ons.get(&a.id).map(|l| l.0)),
        );
    }
}

fn tax(ctx: &Context, out: &mut Changes) {
    let (a, b) = (&ctx.old.cat.partner.tax, &ctx.new.cat.partner.tax);
    if a == b {
        return;
    }
    let w = ctx.words;
    let said = |t: &Option<Tax>| match t {
        Some(t) => format::tax_words(&w.t, t),
        None => w.word("not_stated"),
    };
    // The same amounts before tax cost customers more than with tax included.
    let effect = match (a, b) {
        (Some(x), Some(y)) => match (x.prices, y.prices) {
            (TaxPrices::Included, TaxPrices::Excluded) => Effect::Worse,
            (TaxPrices::Excluded, TaxPrices::Included) => Effect::Better,
            _ => Effect::Neutral,
        },
        _ => Effect::Neutral,
    };
    out.changed(
        Kind::Tax,
        effect,
        w.word("diff_field_tax"),
        (said(a), said(b)),
        ctx.new.place(ctx.new.locs.tax),
    );
}
