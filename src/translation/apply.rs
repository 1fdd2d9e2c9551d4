//! The catalogue in one language's words: a copy whose texts are replaced where the translation
//! has them. Ids, references, hours, prices and routing are the same facts as the original's.

use super::model::{Field, Owner, TextKey, Translation, Words};
use crate::catalogue::Catalogue;
use crate::catalogue::Kind;
use crate::catalogue::holidays::{HolidaySet, SetWords};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Which shown texts of a translated catalogue are the catalogue's own words (the language
/// lacks them) and which are the language's: what decides which texts a page marks with the
/// catalogue's language (`lang="de"`). Keywords are never shown and are left out.
#[derive(Debug, Default, Clone)]
pub(crate) struct Untranslated {
    /// The catalogue's texts shown as they are.
    pub shown: BTreeSet<String>,
    /// The texts of the translation that replaced one.
    pub translated: BTreeSet<String>,
}

/// Replaces the texts of one thing.
struct Apply<'a> {
    t: &'a Translation,
    kind: Owner,
    id: &'a str,
    marks: &'a RefCell<Untranslated>,
}

impl Apply<'_> {
    fn get(&self, field: Field) -> Option<&Words> {
        self.t.texts.get(&TextKey::new(self.kind, self.id, field))
    }

    fn one(&self, field: Field, text: &mut String) {
        match self.get(field) {
            Some(Words::One(w)) => {
                self.marks.borrow_mut().translated.insert(w.clone());
                *text = w.clone();
            }
            _ => {
                self.marks.borrow_mut().shown.insert(text.clone());
            }
        }
    }

    fn opt(&self, field: Field, text: &mut Option<String>) {
        if let Some(t) = text.as_mut() {
            self.one(field, t);
        }
    }

    fn list(&self, field: Field, list: &mut Vec<String>) {
        let mut marks = self.marks.borrow_mut();
        match self.get(field) {
            Some(Words::List(w)) => {
                marks.translated.extend(w.iter().cloned());
                *list = w.clone();
            }
            _ => marks.shown.extend(list.iter().cloned()),
        }
    }

    /// Keywords: searched, never shown, so never marked.
    fn keywords(&self, list: &mut Vec<String>) {
        if let Some(Words::List(w)) = self.get(Field::Keywords) {
            *list = w.clone();
        }
    }
}

fn at<'a>(
    marks: &'a RefCell<Untranslated>,
    t: &'a Translation,
    kind: Owner,
    id: &'a str,
) -> Apply<'a> {
    Apply { t, kind, id, marks }
}

/// `cat` in the words of `t`.
pub(crate) fn translate(cat: &Catalogue, t: &Translation) -> Catalogue {
    translate_marked(cat, t).0
}

/// `cat` in the words of `t`, with which of its shown texts stay in the catalogue's language.
pub(crate) fn translate_marked(cat: &Catalogue, t: &Translation) -> (Catalogue, Untranslated) {
    let marks = RefCell::new(Untranslated::default());
    let mut c = cat.clone();
    let p = at(&marks, t, Owner::Partner, "");
    p.one(Field::Name, &mut c.partner.name);
    p.opt(Field::Description, &mut c.partner.description);
    if let Some(tax) = &mut c.partner.tax {
        p.one(Field::TaxName, &mut tax.name);
    }
    for a in &mut c.add_ons {
        let x = at(&marks, t, Owner::Of(Kind::AddOn), &a.id);
        x.one(Field::Name, &mut a.name);
        x.opt(Field::Summary, &mut a.summary);
    }
    for o in &mut c.organisations {
        let a = at(&marks, t, Owner::Of(Kind::Organisation), &o.id);
        a.one(Field::Name, &mut o.name);
        a.opt(Field::Description, &mut o.description);
    }
    let sets: Vec<Arc<HolidaySet>> = c
        .holiday_sets
        .iter()
        .map(|s| {
            let words = set_words(t, &s.id);
            let mut m = marks.borrow_mut();
            if words.name.is_none() {
                m.shown.insert(s.name.clone());
            }
            for r in &s.rules {
                match words.holidays.get(&r.when.key()) {
                    Some(w) => m.translated.insert(w.clone()),
                    None => m.shown.insert(r.name.clone()),
                };
            }
            m.translated.extend(words.name.iter().cloned());
            Arc::new(s.in_words(&words))
        })
        .collect();
    for cal in &mut c.calendars {
        let a = at(&marks, t, Owner::Of(Kind::Calendar), &cal.id);
        a.one(Field::Name, &mut cal.name);
        a.opt(Field::Note, &mut cal.note);
        for h in &mut cal.own {
            a.one(Field::Holiday(h.date.to_string()), &mut h.name);
        }
        for s in &mut cal.sets {
            *s = match sets.iter().find(|x| x.id == s.id) {
                Some(own) => own.clone(),
                None => match crate::catalogue::holidays::builtin(&s.id) {
                    Some(b) => Arc::new(b.in_language(&t.language)),
                    None => s.clone(),
                },
            };
        }
        cal.relist();
    }
    c.holiday_sets = sets;
    for contact in &mut c.contacts {
        let a = at(&marks, t, Owner::Of(Kind::Contact), &contact.id);
        a.one(Field::Name, &mut contact.name);
        a.opt(Field::Note, &mut contact.note);
        for (i, m) in contact.methods.iter_mut().enumerate() {
            a.opt(Field::MethodLabel(i), &mut m.label);
        }
        a.keywords(&mut contact.keywords);
    }
    things(&mut c, t, &marks);
    for rule in &mut c.routing.rules {
        at(&marks, t, Owner::Of(Kind::Rule), &rule.id).opt(Field::Note, &mut rule.note);
    }
    (c, marks.into_inner())
}

/// A catalogue's holiday set's words in `t`.
fn set_words(t: &Translation, id: &str) -> SetWords {
    let mut w = SetWords::default();
    for (key, words, _) in t.texts() {
        if key.kind != Owner::Of(Kind::HolidaySet) || key.id != id {
            continue;
        }
        let Words::One(text) = words else { continue };
        match &key.field {
            Field::Name => w.name = Some(text.clone()),
            Field::Holiday(k) => {
                w.holidays.insert(k.clone(), text.clone());
            }
            _ => {}
        }
    }
    w
}

/// Tiers, severities, plans, products and issue types.
fn things(c: &mut Catalogue, t: &Translation, marks: &RefCell<Untranslated>) {
    for tier in &mut c.tiers {
        let a = at(marks, t, Owner::Of(Kind::Tier), &tier.id);
        a.one(Field::Name, &mut tier.name);
        a.opt(Field::Scope, &mut tier.scope);
        a.keywords(&mut tier.keywords);
    }
    for s in &mut c.severities {
        let a = at(marks, t, Owner::Of(Kind::Severity), &s.id);
        a.one(Field::Name, &mut s.name);
        a.opt(Field::Description, &mut s.description);
        a.one(Field::Label, &mut s.label);
    }
    for p in &mut c.plans {
        let a = at(marks, t, Owner::Of(Kind::Plan), &p.id);
        a.one(Field::Name, &mut p.name);
        a.opt(Field::Summary, &mut p.summary);
        a.list(Field::Features, &mut p.features);
        a.list(Field::Exclusions, &mut p.exclusions);
        for (i, al) in p.allowances.iter_mut().enumerate() {
            a.opt(Field::AllowanceNote(i), &mut al.note);
        }
        a.keywords(&mut p.keywords);
    }
    for p in &mut c.products {
        let a = at(marks, t, Owner::Of(Kind::Product), &p.id);
        a.one(Field::Name, &mut p.name);
        a.opt(Field::Description, &mut p.description);
        a.keywords(&mut p.keywords);
    }
    for i in &mut c.issue_types {
        let a = at(marks, t, Owner::Of(Kind::IssueType), &i.id);
        a.one(Field::Name, &mut i.name);
        a.opt(Field::Description, &mut i.description);
        a.list(Field::Examples, &mut i.examples);
        a.keywords(&mut i.keywords);
    }
}
