//! The words customers read that the other comparisons do not cover. In the site's own language
//! ([`compare`]): each text of a thing both versions have (a plan's summary, features and
//! exclusions, descriptions, examples, a tier's scope, notes, the partner's and organisations'
//! names) changed, added or removed, one change per text. In each other language
//! ([`translations`]): the texts its translation file changed, one line per language and thing.
//! Names, holiday names and method labels are left to the comparisons of their things, which
//! already say them; texts of partner-only contacts are never shown to customers.

use super::change::{Action, Change, Changes, Effect, Kind, Place};
use super::version::{Context, Version};
use super::words::Words as ReportWords;
use crate::catalogue::Catalogue;
use crate::catalogue::Kind as Thing;
use crate::diagnostics::Loc;
use crate::translation::{Field, Owner, TextKey, Translation, Words, texts};
use std::collections::{BTreeMap, BTreeSet};

/// The id a thing of the old version has in the new one (things are paired by id, then by
/// name), or `None` when the new version does not have it.
fn new_id(ctx: &Context, owner: Owner, id: &str) -> Option<String> {
    let (old, new, p) = (ctx.old.cat, ctx.new.cat, ctx.pairs);
    macro_rules! paired {
        ($list:ident, $pairing:ident) => {{
            let i = old.$list.iter().position(|x| x.id == id)?;
            let j = p.$pairing.old_to_new[i]?;
            Some(new.$list[j].id.clone())
        }};
    }
    match owner {
        Owner::Partner => Some(String::new()),
        Owner::Of(Thing::Organisation) => new.organisation(id).map(|o| o.id.clone()),
        Owner::Of(Thing::Rule) => new
            .routing
            .rules
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.id.clone()),
        Owner::Of(Thing::Calendar) => paired!(calendars, calendars),
        Owner::Of(Thing::Contact) => paired!(contacts, contacts),
        Owner::Of(Thing::Tier) => paired!(tiers, tiers),
        Owner::Of(Thing::Severity) => paired!(severities, severities),
        Owner::Of(Thing::Plan) => paired!(plans, plans),
        Owner::Of(Thing::Product) => paired!(products, products),
        Owner::Of(Thing::IssueType) => paired!(issue_types, issue_types),
        Owner::Of(Thing::HolidaySet) => new
            .holiday_sets
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.id.clone()),
        Owner::Of(Thing::AddOn) => new.add_on(id).map(|a| a.id.clone()),
    }
}

/// The old version's key in the new version's ids.
fn renamed(ctx: &Context, key: &TextKey) -> Option<TextKey> {
    Some(TextKey {
        kind: key.kind,
        id: new_id(ctx, key.kind, &key.id)?,
        field: key.field.clone(),
    })
}

/// How the report names a thing: its name in the report's language.
fn owner_name(w: &ReportWords, cat: &Catalogue, owner: Owner, id: &str) -> String {
    let name = match owner {
        Owner::Partner => Some(cat.partner.name.clone()),
        Owner::Of(Thing::Organisation) => cat.organisation(id).map(|o| o.name.clone()),
        Owner::Of(Thing::Calendar) => cat.calendar(id).map(|c| c.name.clone()),
        Owner::Of(Thing::Contact) => cat.contact(id).map(|c| c.name.clone()),
        Owner::Of(Thing::Tier) => cat.tier(id).map(|t| t.name.clone()),
        Owner::Of(Thing::Severity) => cat.severity(id).map(|s| format!("{} ({})", s.id, s.name)),
        Owner::Of(Thing::Plan) => cat.plan(id).map(|p| p.name.clone()),
        Owner::Of(Thing::Product) => cat.product(id).map(|p| p.name.clone()),
        Owner::Of(Thing::IssueType) => cat.issue_type(id).map(|i| i.name.clone()),
        Owner::Of(Thing::HolidaySet) => cat
            .holiday_sets
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone()),
        Owner::Of(Thing::AddOn) => cat.add_on(id).map(|a| a.name.clone()),
        Owner::Of(Thing::Rule) => None,
    };
    name.unwrap_or_else(|| w.fill("diff_rule", &[("id", id)]))
}

/// The report's word for a text of a thing (`Summary`, `Included`).
fn field_word(w: &ReportWords, field: &Field) -> String {
    match field {
        Field::Name => w.word("diff_field_name"),
        Field::Description => w.word("diff_field_description"),
        Field::Note => w.word("diff_field_note"),
        Field::Scope => w.word("diff_field_scope"),
        Field::Summary => w.word("diff_field_summary"),
        Field::Features => w.word("features"),
        Field::Exclusions => w.word("exclusions"),
        // Keywords are never shown, so never reported (`said_elsewhere`).
        Field::Examples | Field::Keywords => w.word("examples"),
        Field::Holiday(date) => crate::render::format::date(&w.t.formats, date),
        Field::MethodLabel(i) => w.fill("diff_field_label", &[("n", &(i + 1).to_string())]),
        Field::Label => w.word("diff_field_severity_label"),
        Field::TaxName => w.word("diff_field_tax"),
        Field::AllowanceNote(i) => {
            w.fill("diff_field_allowance_note", &[("n", &(i + 1).to_string())])
        }
    }
}

/// Texts another comparison already reports, or customers never read (`keywords`).
fn said_elsewhere(cat: &Catalogue, key: &TextKey) -> bool {
    let named_elsewhere = !matches!(
        key.kind,
        Owner::Partner | Owner::Of(Thing::Organisation) | Owner::Of(Thing::AddOn)
    );
    let partner_only = key.kind == Owner::Of(Thing::Contact)
        && cat.contact(&key.id).is_some_and(|c| c.is_partner_only());
    partner_only
        || matches!(
            key.field,
            Field::Holiday(_) | Field::MethodLabel(_) | Field::TaxName | Field::Keywords
        )
        || (key.field == Field::Name && named_elsewhere)
}

/// A text as one line: a list's items joined.
fn said(words: &Words) -> String {
    match words {
        Words::One(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
        Words::List(items) => items
            .iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Two texts customers read alike: the same words, whatever the line breaks and spaces.
fn same(a: &Words, b: &Words) -> bool {
    said(a) == said(b)
}

/// The texts of one version's catalogue files, by key.
fn source_texts(v: &Version) -> BTreeMap<TextKey, (Words, Loc)> {
    texts(&v.site.catalogue)
        .into_iter()
        .map(|t| (t.key, (t.words, t.loc)))
        .collect()
}

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    let w = ctx.words;
    let (old, new) = (source_texts(ctx.old), source_texts(ctx.new));
    let mut seen: Vec<&TextKey> = Vec::new();
    let mut olds: BTreeMap<TextKey, &(Words, Loc)> = BTreeMap::new();
    for (key, text) in &old {
        if let Some(k) = renamed(ctx, key) {
            olds.insert(k, text);
        }
    }
    // A thing is in both versions when one of its texts (its name, at least) is.
    let old_things: BTreeSet<(Owner, &str)> =
        olds.keys().map(|k| (k.kind, k.id.as_str())).collect();
    let exists_in_old = |key: &TextKey| old_things.contains(&(key.kind, key.id.as_str()));
    for (key, (words, loc)) in &new {
        if said_elsewhere(ctx.new.cat, key) {
            continue;
        }
        let subject = ReportWords::subject(&[
            &owner_name(w, ctx.new.cat, key.kind, &key.id),
            &field_word(w, &key.field),
        ]);
        let place = ctx.new.place(Some(*loc));
        match olds.get(key) {
            Some((before, _)) => {
                seen.push(key);
                if !same(before, words) {
                    out.changed(
                        Kind::Wording,
                        Effect::Neutral,
                        subject,
                        (said(before), said(words)),
                        place,
                    );
                }
            }
            None if exists_in_old(key) => {
                out.added(Kind::Wording, Effect::Neutral, subject, said(words), place);
            }
            None => {}
        }
    }
    for (key, (words, loc)) in &old {
        let Some(k) = renamed(ctx, key) else {
            continue;
        };
        if new.contains_key(&k) || said_elsewhere(ctx.old.cat, key) {
            continue;
        }
        let subject = ReportWords::subject(&[
            &owner_name(w, ctx.new.cat, k.kind, &k.id),
            &field_word(w, &key.field),
        ]);
        out.removed(
            Kind::Wording,
            Effect::Neutral,
            subject,
            said(words),
            ctx.old.place(Some(*loc)),
        );
    }
}

/// What changed in one language's texts of one thing.
#[derive(Default)]
struct Edits {
    changed: Vec<String>,
    added: Vec<String>,
    removed: Vec<String>,
    /// The first text changed or added, in the new file; the first removed, in the old one.
    new_loc: Option<Loc>,
    old_loc: Option<Loc>,
}

/// Per other language, the texts its translation changed: one change per language and thing,
/// located at its first text in the new file (the old one, for texts only removed). A language
/// added or removed is one change.
pub(super) fn translations(ctx: &Context, out: &mut Changes) {
    let (old, new) = (ctx.old.translations, ctx.new.translations);
    for t in new {
        let name = crate::render::theme::language_name(ctx.new.site, &t.language);
        let Some(o) = old.iter().find(|o| o.language == t.language) else {
            let place = ctx.new.place(ctx.new.language_loc(&t.language));
            out.added(
                Kind::Translation,
                Effect::Neutral,
                name,
                String::new(),
                place,
            );
            continue;
        };
        language(ctx, &name, o, t, out);
    }
    for o in old {
        if !new.iter().any(|t| t.language == o.language) {
            let name = crate::render::theme::language_name(ctx.old.site, &o.language);
            let place = ctx.old.place(ctx.old.language_loc(&o.language));
            out.removed(
                Kind::Translation,
                Effect::Neutral,
                name,
                String::new(),
                place,
            );
        }
    }
}

fn language(ctx: &Context, name: &str, old: &Translation, new: &Translation, out: &mut Changes) {
    let w = ctx.words;
    let mut by_owner: BTreeMap<(Owner, String), Edits> = BTreeMap::new();
    let mut olds: BTreeMap<TextKey, (&Words, Option<Loc>)> = BTreeMap::new();
    for (key, words, loc) in old.texts() {
        // A thing gone is reported as removed, not its words.
        if let Some(k) = renamed(ctx, key) {
            olds.insert(k, (words, loc));
        }
    }
    for (key, words, loc) in new.texts() {
        let field = field_word(w, &key.field);
        let e = by_owner.entry((key.kind, key.id.clone())).or_default();
        match olds.remove(key) {
            Some((before, _)) if same(before, words) => continue,
            Some(_) => e.changed.push(field),
            None => e.added.push(field),
        }
        e.new_loc = e.new_loc.or(loc);
    }
    for (key, (_, loc)) in olds {
        let e = by_owner.entry((key.kind, key.id.clone())).or_default();
        e.removed.push(field_word(w, &key.field));
        e.old_loc = e.old_loc.or(loc);
    }
    for ((owner, id), e) in by_owner {
        if e.changed.is_empty() && e.added.is_empty() && e.removed.is_empty() {
            continue;
        }
        let subject = ReportWords::subject(&[name, &owner_name(w, ctx.new.cat, owner, &id)]);
        let mut parts = Vec::new();
        for (key, list) in [
            ("diff_texts_changed", &e.changed),
            ("diff_texts_added", &e.added),
            ("diff_texts_removed", &e.removed),
        ] {
            if !list.is_empty() {
                parts.push(w.fill(key, &[("fields", &list.join(", "))]));
            }
        }
        let action = match (
            e.changed.is_empty(),
            e.added.is_empty(),
            e.removed.is_empty(),
        ) {
            (true, false, true) => Action::Added,
            (true, true, false) => Action::Removed,
            _ => Action::Changed,
        };
        let place: Option<Place> = match e.new_loc {
            Some(l) => ctx.new.place(Some(l)),
            None => ctx.old.place(e.old_loc),
        };
        let what = parts.join("; ");
        out.push(Change {
            kind: Kind::Translation,
            action,
            effect: Effect::Neutral,
            summary: format!("{subject}: {what}"),
            subject,
            before: None,
            after: Some(what),
            details: Vec::new(),
            place,
            cases: None,
        });
    }
}
