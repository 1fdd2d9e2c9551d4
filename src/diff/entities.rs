//! Plans, products, issue types and severities added, removed or renamed; a product's vendor;
//! a tier's name, who is responsible for it and its contact.

use super::change::{Changes, Effect, Kind};
use super::pairing::Pairing;
use super::version::{Context, Version};
use crate::catalogue::{Catalogue, Responsible};
use crate::diagnostics::Loc;

/// One kind of entity, as the comparison sees it.
struct Entities<'a> {
    kind: Kind,
    pairing: &'a Pairing,
    /// `(id, name)` of each entity of a version.
    list: &'a dyn Fn(&Catalogue) -> Vec<(String, String)>,
    /// Where an id is defined in a version.
    loc: &'a dyn Fn(&Version, &str) -> Option<Loc>,
    /// Whether losing one is worse for customers (a plan, product or issue type they had).
    removal: Effect,
    /// The portal's word for one of them (`Product`).
    word: &'a str,
}

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    let p = ctx.pairs;
    let kinds: [Entities; 4] = [
        Entities {
            kind: Kind::Plan,
            pairing: &p.plans,
            list: &|c| {
                c.plans
                    .iter()
                    .map(|x| (x.id.clone(), x.name.clone()))
                    .collect()
            },
            loc: &|v, id| v.locs.plan(id).and_then(|l| l.item),
            removal: Effect::Worse,
            word: "dim_plan",
        },
        Entities {
            kind: Kind::Product,
            pairing: &p.products,
            list: &|c| {
                c.products
                    .iter()
                    .map(|x| (x.id.clone(), x.name.clone()))
                    .collect()
            },
            loc: &|v, id| v.locs.products.get(id).copied(),
            removal: Effect::Worse,
            word: "dim_product",
        },
        Entities {
            kind: Kind::IssueType,
            pairing: &p.issue_types,
            list: &|c| {
                c.issue_types
                    .iter()
                    .map(|x| (x.id.clone(), x.name.clone()))
                    .collect()
            },
            loc: &|v, id| v.locs.issue_types.get(id).copied(),
            removal: Effect::Worse,
            word: "dim_issue",
        },
        Entities {
            kind: Kind::Severity,
            pairing: &p.severities,
            list: &|c| {
                c.severities
                    .iter()
                    .map(|x| (x.id.clone(), format!("{} ({})", x.id, x.name)))
                    .collect()
            },
            loc: &|v, id| v.locs.severities.get(id).copied(),
            removal: Effect::Neutral,
            word: "dim_severity",
        },
    ];
    for e in &kinds {
        lifecycle(ctx, e, out);
    }
    vendors(ctx, out);
    tiers(ctx, out);
}

fn lifecycle(ctx: &Context, e: &Entities, out: &mut Changes) {
    let (old, new) = ((e.list)(ctx.old.cat), (e.list)(ctx.new.cat));
    let word = ctx.words.word(e.word);
    for (i, j) in e.pairing.both() {
        if old[i].1 != new[j].1 {
            out.changed(
                e.kind,
                Effect::Neutral,
                word.clone(),
                (old[i].1.clone(), new[j].1.clone()),
                ctx.new.place((e.loc)(ctx.new, &new[j].0)),
            );
        }
    }
    for j in e.pairing.added() {
        out.added(
            e.kind,
            Effect::Neutral,
            new[j].1.clone(),
            String::new(),
            ctx.new.place((e.loc)(ctx.new, &new[j].0)),
        );
    }
    for i in e.pairing.removed() {
        out.removed(
            e.kind,
            e.removal,
            old[i].1.clone(),
            String::new(),
            ctx.old.place((e.loc)(ctx.old, &old[i].0)),
        );
    }
}

fn vendor_name(cat: &Catalogue, vendor: Option<&str>) -> String {
    vendor
        .and_then(|v| cat.organisation(v))
        .map_or_else(String::new, |o| o.name.clone())
}

fn vendors(ctx: &Context, out: &mut Changes) {
    for (i, j) in ctx.pairs.products.both() {
        let (old, new) = (&ctx.old.cat.products[i], &ctx.new.cat.products[j]);
        let (a, b) = (
            vendor_name(ctx.old.cat, old.vendor.as_deref()),
            vendor_name(ctx.new.cat, new.vendor.as_deref()),
        );
        if a != b {
            out.changed(
                Kind::Product,
                Effect::Neutral,
                super::words::Words::subject(&[&new.name, &ctx.words.word("vendor")]),
                (a, b),
                ctx.new.place(ctx.new.locs.products.get(&new.id).copied()),
            );
        }
    }
}

/// Who is responsible for a tier, as its stage shows it (the vendor keyword stays a word:
/// it names each product's own vendor).
fn responsible(ctx: &Context, cat: &Catalogue, r: &Responsible) -> String {
    match r {
        Responsible::Vendor => ctx.words.word("the_vendor"),
        r => cat.responsible_name(r, None),
    }
}

fn tiers(ctx: &Context, out: &mut Changes) {
    let w = ctx.words;
    for (i, j) in ctx.pairs.tiers.both() {
        let (old, new) = (&ctx.old.cat.tiers[i], &ctx.new.cat.tiers[j]);
        let place = ctx.new.place(ctx.new.locs.tiers.get(&new.id).copied());
        if old.name != new.name {
            out.changed(
                Kind::Tier,
                Effect::Neutral,
                w.word("diff_tier"),
                (old.name.clone(), new.name.clone()),
                place.clone(),
            );
        }
        let (a, b) = (
            responsible(ctx, ctx.old.cat, &old.responsible),
            responsible(ctx, ctx.new.cat, &new.responsible),
        );
        if a != b {
            out.changed(
                Kind::Tier,
                Effect::Neutral,
                super::words::Words::subject(&[&new.name, &w.word("responsible")]),
                (a, b),
                place.clone(),
            );
        }
        let contact = |cat: &Catalogue, id: &str| cat.index.contacts.get(id).copied();
        let (a, b) = (
            contact(ctx.old.cat, &old.contact),
            contact(ctx.new.cat, &new.contact),
        );
        if let (Some(a), Some(b)) = (a, b)
            && ctx.pairs.contacts.old_key(a) != b
        {
            out.changed(
                Kind::Tier,
                Effect::Neutral,
                super::words::Words::subject(&[&new.name, &w.word("diff_contact")]),
                (
                    ctx.old.cat.contacts[a].name.clone(),
                    ctx.new.cat.contacts[b].name.clone(),
                ),
                place,
            );
        }
    }
}
