//! The catalogue in one language's words: a copy whose texts are replaced where the translation
//! has them. Ids, references, hours, prices and routing are the same facts as the original's.

use super::model::{Field, Owner, TextKey, Translation, Words};
use crate::catalogue::Catalogue;
use crate::catalogue::Kind;

/// Replaces the texts of one thing.
struct Apply<'a> {
    t: &'a Translation,
    kind: Owner,
    id: &'a str,
}

impl Apply<'_> {
    fn get(&self, field: Field) -> Option<&Words> {
        self.t.texts.get(&TextKey::new(self.kind, self.id, field))
    }

    fn one(&self, field: Field, text: &mut String) {
        if let Some(Words::One(w)) = self.get(field) {
            *text = w.clone();
        }
    }

    fn opt(&self, field: Field, text: &mut Option<String>) {
        if let (Some(Words::One(w)), Some(t)) = (self.get(field), text.as_mut()) {
            *t = w.clone();
        }
    }

    fn list(&self, field: Field, list: &mut Vec<String>) {
        if let Some(Words::List(w)) = self.get(field) {
            *list = w.clone();
        }
    }
}

fn at<'a>(t: &'a Translation, kind: Owner, id: &'a str) -> Apply<'a> {
    Apply { t, kind, id }
}

/// `cat` in the words of `t`.
pub(crate) fn translate(cat: &Catalogue, t: &Translation) -> Catalogue {
    let mut c = cat.clone();
    let p = at(t, Owner::Partner, "");
    p.one(Field::Name, &mut c.partner.name);
    p.opt(Field::Description, &mut c.partner.description);
    for o in &mut c.organisations {
        let a = at(t, Owner::Of(Kind::Organisation), &o.id);
        a.one(Field::Name, &mut o.name);
        a.opt(Field::Description, &mut o.description);
    }
    for cal in &mut c.calendars {
        let a = at(t, Owner::Of(Kind::Calendar), &cal.id);
        a.one(Field::Name, &mut cal.name);
        a.opt(Field::Note, &mut cal.note);
        for h in &mut cal.holidays {
            a.one(Field::Holiday(h.date.clone()), &mut h.name);
        }
    }
    for contact in &mut c.contacts {
        let a = at(t, Owner::Of(Kind::Contact), &contact.id);
        a.one(Field::Name, &mut contact.name);
        a.opt(Field::Note, &mut contact.note);
        for (i, m) in contact.methods.iter_mut().enumerate() {
            a.opt(Field::MethodLabel(i), &mut m.label);
        }
        a.list(Field::Keywords, &mut contact.keywords);
    }
    things(&mut c, t);
    for rule in &mut c.routing.rules {
        at(t, Owner::Of(Kind::Rule), &rule.id).opt(Field::Note, &mut rule.note);
    }
    c
}

/// Tiers, severities, plans, products and issue types.
fn things(c: &mut Catalogue, t: &Translation) {
    for tier in &mut c.tiers {
        let a = at(t, Owner::Of(Kind::Tier), &tier.id);
        a.one(Field::Name, &mut tier.name);
        a.opt(Field::Scope, &mut tier.scope);
        a.list(Field::Keywords, &mut tier.keywords);
    }
    for s in &mut c.severities {
        let a = at(t, Owner::Of(Kind::Severity), &s.id);
        a.one(Field::Name, &mut s.name);
        a.opt(Field::Description, &mut s.description);
    }
    for p in &mut c.plans {
        let a = at(t, Owner::Of(Kind::Plan), &p.id);
        a.one(Field::Name, &mut p.name);
        a.opt(Field::Summary, &mut p.summary);
        a.list(Field::Features, &mut p.features);
        a.list(Field::Exclusions, &mut p.exclusions);
        a.list(Field::Keywords, &mut p.keywords);
    }
    for p in &mut c.products {
        let a = at(t, Owner::Of(Kind::Product), &p.id);
        a.one(Field::Name, &mut p.name);
        a.opt(Field::Description, &mut p.description);
        a.list(Field::Keywords, &mut p.keywords);
    }
    for i in &mut c.issue_types {
        let a = at(t, Owner::Of(Kind::IssueType), &i.id);
        a.one(Field::Name, &mut i.name);
        a.opt(Field::Description, &mut i.description);
        a.list(Field::Examples, &mut i.examples);
        a.list(Field::Keywords, &mut i.keywords);
    }
}
