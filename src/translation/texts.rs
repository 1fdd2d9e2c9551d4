//! The catalogue's translatable texts as written in `catalogue/`, each with its location: what a
//! translation may hold, and where a missing one is reported.

use super::model::{Field, Owner, TextKey, Words};
use crate::catalogue::Kind;
use crate::catalogue::holidays::When;
use crate::catalogue::raw::{CatalogueFile, Text};
use crate::diagnostics::Loc;
use crate::yaml::Recover;

/// One translatable text of the catalogue as written: which, its words, and where.
#[derive(Clone, Debug)]
pub(crate) struct SourceText {
    pub key: TextKey,
    pub words: Words,
    pub loc: Loc,
}

/// Collects the texts of one thing.
struct Collector<'a> {
    out: &'a mut Vec<SourceText>,
    kind: Owner,
    id: &'a str,
}

impl Collector<'_> {
    fn text(&mut self, field: Field, text: Option<&Text>) {
        if let Some(t) = text {
            self.out.push(SourceText {
                key: TextKey::new(self.kind, self.id, field),
                words: Words::One(t.value.clone()),
                loc: t.loc,
            });
        }
    }

    /// A list is translated as a whole; it is located at its first item.
    fn list(&mut self, field: Field, list: Option<&Vec<Text>>) {
        if let Some(first) = list.and_then(|l| l.first()) {
            let items = list.iter().flat_map(|l| l.iter());
            self.out.push(SourceText {
                key: TextKey::new(self.kind, self.id, field),
                words: Words::List(items.map(|t| t.value.clone()).collect()),
                loc: first.loc,
            });
        }
    }
}

fn items<T>(list: &Option<Vec<Recover<T>>>) -> impl Iterator<Item = &T> {
    list.iter()
        .flatten()
        .filter_map(|r| r.0.as_ref().map(|s| &s.value))
}

/// Every translatable text of the catalogue files, in file order.
pub(super) fn sources(files: &[CatalogueFile]) -> Vec<(TextKey, Loc)> {
    texts(files).into_iter().map(|t| (t.key, t.loc)).collect()
}

/// Every translatable text of the catalogue files with its words, in file order.
pub(crate) fn texts(files: &[CatalogueFile]) -> Vec<SourceText> {
    let mut out = Vec::new();
    for f in files {
        partner(f, &mut out);
        things(f, &mut out);
        calendars_and_contacts(f, &mut out);
        for set in items(&f.holiday_sets) {
            let mut c = Collector {
                out: &mut out,
                kind: Owner::Of(Kind::HolidaySet),
                id: &set.id.value,
            };
            c.text(Field::Name, Some(&set.name));
            for h in items_of(&set.holidays) {
                if let Some(when) = rule_when(h) {
                    c.text(Field::Holiday(when.key()), Some(&h.name));
                }
            }
        }
        if let Some(routing) = &f.routing {
            for rule in items(&routing.value.rules) {
                let mut c = Collector {
                    out: &mut out,
                    kind: Owner::Of(Kind::Rule),
                    id: &rule.id.value,
                };
                c.text(Field::Note, rule.note.as_ref());
            }
        }
    }
    out
}

fn partner(f: &CatalogueFile, out: &mut Vec<SourceText>) {
    if let Some(p) = f.partner.as_ref().and_then(|p| p.0.as_ref()) {
        let mut c = Collector {
            out,
            kind: Owner::Partner,
            id: "",
        };
        c.text(Field::Name, Some(&p.value.name));
        c.text(Field::Description, p.value.description.as_ref());
        c.text(Field::TaxName, p.value.tax.as_ref().map(|t| &t.value.name));
    }
}

/// Organisations, tiers, severities, plans, products and issue types.
fn things(f: &CatalogueFile, out: &mut Vec<SourceText>) {
    for o in items(&f.organisations) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::Organisation),
            id: &o.id.value,
        };
        c.text(Field::Name, Some(&o.name));
        c.text(Field::Description, o.description.as_ref());
    }
    for t in items(&f.tiers) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::Tier),
            id: &t.id.value,
        };
        c.text(Field::Name, Some(&t.name));
        c.text(Field::Scope, t.scope.as_ref());
        c.list(Field::Keywords, t.keywords.as_ref());
    }
    for s in items(&f.severities) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::Severity),
            id: &s.id.value,
        };
        c.text(Field::Name, Some(&s.name));
        c.text(Field::Description, s.description.as_ref());
        c.text(Field::Label, s.label.as_ref());
    }
    for p in items(&f.plans) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::Plan),
            id: &p.id.value,
        };
        c.text(Field::Name, Some(&p.name));
        c.text(Field::Summary, p.summary.as_ref());
        c.list(Field::Features, p.features.as_ref());
        c.list(Field::Exclusions, p.exclusions.as_ref());
        let allowances = p.allowances.iter().flatten().filter_map(|a| a.0.as_ref());
        for (i, a) in allowances.enumerate() {
            c.text(Field::AllowanceNote(i), a.value.note.as_ref());
        }
        c.list(Field::Keywords, p.keywords.as_ref());
    }
    for a in items(&f.add_ons) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::AddOn),
            id: &a.id.value,
        };
        c.text(Field::Name, Some(&a.name));
        c.text(Field::Summary, a.summary.as_ref());
    }
    for p in items(&f.products) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::Product),
            id: &p.id.value,
        };
        c.text(Field::Name, Some(&p.name));
        c.text(Field::Description, p.description.as_ref());
        c.list(Field::Keywords, p.keywords.as_ref());
    }
    for i in items(&f.issue_types) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::IssueType),
            id: &i.id.value,
        };
        c.text(Field::Name, Some(&i.name));
        c.text(Field::Description, i.description.as_ref());
        c.list(Field::Examples, i.examples.as_ref());
        c.list(Field::Keywords, i.keywords.as_ref());
    }
}

fn calendars_and_contacts(f: &CatalogueFile, out: &mut Vec<SourceText>) {
    for cal in items(&f.calendars) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::Calendar),
            id: &cal.id.value,
        };
        c.text(Field::Name, Some(&cal.name));
        c.text(Field::Note, cal.note.as_ref());
        for h in items(&cal.holidays) {
            let date = normal_date(&h.date.value);
            c.text(Field::Holiday(date), h.name.as_ref());
        }
    }
    for contact in items(&f.contacts) {
        let mut c = Collector {
            out,
            kind: Owner::Of(Kind::Contact),
            id: &contact.id.value,
        };
        c.text(Field::Name, Some(&contact.name));
        c.text(Field::Note, contact.note.as_ref());
        let methods = contact.methods.iter().filter_map(|m| m.0.as_ref());
        for (i, m) in methods.enumerate() {
            c.text(Field::MethodLabel(i), m.value.label.as_ref());
        }
        c.list(Field::Keywords, contact.keywords.as_ref());
    }
}

fn items_of<T>(list: &[Recover<T>]) -> impl Iterator<Item = &T> {
    list.iter().filter_map(|r| r.0.as_ref().map(|s| &s.value))
}

/// A holiday rule's key, as the resolved set writes it (`easter+1`, `05-mon--1`).
fn rule_when(h: &crate::catalogue::raw::HolidayRule) -> Option<When> {
    if let Some(d) = &h.date {
        return When::from_key(&d.value).filter(|w| !matches!(w, When::Nth { .. }));
    }
    if let Some(e) = &h.easter {
        return i16::try_from(e.value).ok().map(When::Easter);
    }
    let month = i8::try_from(h.month.as_ref()?.value).ok()?;
    let weekday = crate::catalogue::holidays::weekday(&h.weekday.as_ref()?.value)?;
    let nth = i8::try_from(h.nth.as_ref()?.value).ok()?;
    Some(When::Nth {
        month,
        weekday,
        nth,
    })
}

/// A rule key of a translation file as the resolved set writes it (`5-mon-last` →
/// `05-mon--1`), or as written when it is none.
pub(super) fn rule_key(s: &str) -> String {
    When::from_key(s).map_or_else(|| s.trim().to_string(), |w| w.key())
}

/// A date as the resolved calendar writes it (`2026-12-25`), or as written when it is none.
pub(super) fn normal_date(s: &str) -> String {
    s.trim()
        .parse::<jiff::civil::Date>()
        .map_or_else(|_| s.trim().to_string(), |d| d.to_string())
}
