//! Contacts customers can reach: added or removed, renamed, their hours, languages, who
//! answers them, and their methods. A partner-only contact's methods are never shown to
//! customers, so they are never compared; only its name is (paths show it).

use super::calendars::{Keeper, moved_hours, weekly_minutes};
use super::change::{Changes, Effect, Kind};
use super::version::Context;
use super::words::Words;
use crate::catalogue::{Catalogue, Contact, Method};

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    let w = ctx.words;
    for (i, j) in ctx.pairs.contacts.both() {
        let (old, new) = (&ctx.old.cat.contacts[i], &ctx.new.cat.contacts[j]);
        let locs = ctx.new.locs.contact(&new.id);
        let item = ctx.new.place(locs.and_then(|l| l.item));
        if old.name != new.name {
            out.changed(
                Kind::Contact,
                Effect::Neutral,
                w.word("diff_contact"),
                (old.name.clone(), new.name.clone()),
                item.clone(),
            );
        }
        match (old.is_partner_only(), new.is_partner_only()) {
            (false, true) => {
                out.removed(
                    Kind::Contact,
                    Effect::Worse,
                    new.name.clone(),
                    w.word("diff_now_partner_only"),
                    item,
                );
                continue;
            }
            (true, false) => {
                out.added(
                    Kind::Contact,
                    Effect::Better,
                    new.name.clone(),
                    methods_words(w, ctx.new.cat, new),
                    item,
                );
                continue;
            }
            (true, true) => continue,
            (false, false) => {}
        }
        hours(ctx, old, new, out);
        if old.languages != new.languages {
            out.changed(
                Kind::Contact,
                Effect::Neutral,
                Words::subject(&[&new.name, &w.word("languages")]),
                (old.languages.join(", "), new.languages.join(", ")),
                item.clone(),
            );
        }
        let (a, b) = (operator(ctx.old.cat, old), operator(ctx.new.cat, new));
        if a != b {
            out.changed(
                Kind::Contact,
                Effect::Neutral,
                Words::subject(&[&new.name, &w.word("diff_answered_by")]),
                (a, b),
                item.clone(),
            );
        }
        methods(ctx, old, new, out);
    }
    for j in ctx.pairs.contacts.added() {
        let c = &ctx.new.cat.contacts[j];
        if c.is_partner_only() {
            continue;
        }
        let place = ctx
            .new
            .place(ctx.new.locs.contact(&c.id).and_then(|l| l.item));
        out.added(
            Kind::Contact,
            Effect::Better,
            c.name.clone(),
            methods_words(w, ctx.new.cat, c),
            place,
        );
    }
    for i in ctx.pairs.contacts.removed() {
        let c = &ctx.old.cat.contacts[i];
        if c.is_partner_only() {
            continue;
        }
        let place = ctx
            .old
            .place(ctx.old.locs.contact(&c.id).and_then(|l| l.item));
        out.removed(
            Kind::Contact,
            Effect::Worse,
            c.name.clone(),
            methods_words(w, ctx.old.cat, c),
            place,
        );
    }
}

/// Who answers: the contractor's name, or the partner's.
fn operator(cat: &Catalogue, c: &Contact) -> String {
    c.operated_by
        .as_deref()
        .and_then(|o| cat.organisation(o))
        .map_or_else(|| cat.partner.name.clone(), |o| o.name.clone())
}

fn hours(ctx: &Context, old: &Contact, new: &Contact, out: &mut Changes) {
    let keeper = Keeper {
        kind: Kind::Contact,
        subject: Words::subject(&[&new.name, &ctx.words.word("hours")]),
        hours: (&old.hours, &new.hours),
        place: ctx
            .new
            .place(ctx.new.locs.contact(&new.id).and_then(|l| l.hours)),
    };
    moved_hours(ctx, keeper, out);
}

/// `Call: +39 02 5555 0100`, with the method's own hours when it has them.
fn method_words(w: &Words, cat: &Catalogue, m: &Method) -> String {
    let label = m
        .label
        .clone()
        .unwrap_or_else(|| w.word(&format!("method_{}", m.kind.word())));
    match m.hours.as_deref().and_then(|h| cat.calendar(h)) {
        Some(c) => format!("{label}: {} ({})", m.value, c.name),
        None => format!("{label}: {}", m.value),
    }
}

fn methods_words(w: &Words, cat: &Catalogue, c: &Contact) -> String {
    c.methods
        .iter()
        .map(|m| method_words(w, cat, m))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Methods are the same method when their type and value are; then their label and hours
/// are compared.
fn methods(ctx: &Context, old: &Contact, new: &Contact, out: &mut Changes) {
    let w = ctx.words;
    let same = |a: &Method, b: &Method| a.kind == b.kind && a.value == b.value;
    let method_place = |v: &super::version::Version, c: &Contact, k: usize| {
        v.place(
            v.locs
                .contact(&c.id)
                .and_then(|l| l.methods.get(k).copied()),
        )
    };
    for (k, m) in new.methods.iter().enumerate() {
        let place = method_place(ctx.new, new, k);
        let after = method_words(w, ctx.new.cat, m);
        match old.methods.iter().find(|o| same(o, m)) {
            None => {
                out.added(
                    Kind::Contact,
                    Effect::Better,
                    new.name.clone(),
                    after,
                    place,
                );
            }
            Some(o) => {
                let before = method_words(w, ctx.old.cat, o);
                if before != after {
                    let hours = |cat: &Catalogue, m: &Method, c: &Contact| {
                        cat.calendar(m.hours.as_deref().unwrap_or(&c.hours))
                            .map_or(0, weekly_minutes)
                    };
                    out.changed(
                        Kind::Contact,
                        Effect::more_is_better(
                            hours(ctx.old.cat, o, old),
                            hours(ctx.new.cat, m, new),
                        ),
                        new.name.clone(),
                        (before, after),
                        place,
                    );
                }
            }
        }
    }
    for (k, o) in old.methods.iter().enumerate() {
        if new.methods.iter().any(|m| same(o, m)) {
            continue;
        }
        out.removed(
            Kind::Contact,
            Effect::Worse,
            new.name.clone(),
            method_words(w, ctx.old.cat, o),
            method_place(ctx.old, old, k),
        );
    }
}
