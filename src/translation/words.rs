//! Reads one language's file of `translations/` into its words, checking it against the
//! catalogue: every id must exist (with "did you mean"), and every text must be one the
//! catalogue has (a holiday on that date, a method at that position, a description written).

use super::model::{Field, Owner, Source, TextKey, Translation, Words};
use super::raw::{ById, TranslationFile};
use super::texts::{normal_date, rule_key, sources};
use crate::catalogue::Catalogue;
use crate::catalogue::Kind;
use crate::catalogue::raw::{CatalogueFile, Text};
use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use crate::yaml::Spanned;
use std::collections::BTreeSet;

/// What a file is checked against.
struct Reader<'a> {
    cat: &'a Catalogue,
    /// The texts the catalogue has.
    known: BTreeSet<TextKey>,
    translation: Translation,
    out: &'a mut Vec<Diagnostic>,
}

/// The words of one language, from its file; problems go to `out`.
pub(crate) fn read(
    source: &Source,
    cat: &Catalogue,
    files: &[CatalogueFile],
    out: &mut Vec<Diagnostic>,
) -> Translation {
    let mut r = Reader {
        cat,
        known: sources(files).into_iter().map(|(k, _)| k).collect(),
        translation: Translation {
            language: source.language.clone(),
            ..Default::default()
        },
        out,
    };
    r.file(&source.content);
    r.translation
}

fn ids<T>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
    list.iter().map(id).collect()
}

impl Reader<'_> {
    fn file(&mut self, f: &TranslationFile) {
        let cat = self.cat;
        if let Some(p) = &f.partner {
            self.text(Owner::Partner, "", Field::Name, p.value.name.as_ref());
            self.text(
                Owner::Partner,
                "",
                Field::Description,
                p.value.description.as_ref(),
            );
            let tax = p.value.tax.as_ref().and_then(|t| t.value.name.as_ref());
            self.text(Owner::Partner, "", Field::TaxName, tax);
        }
        let orgs = ids(&cat.organisations, |o| &o.id);
        self.each(
            Owner::Of(Kind::Organisation),
            &f.organisations,
            &orgs,
            |r, id, w| {
                r.text(
                    Owner::Of(Kind::Organisation),
                    id,
                    Field::Name,
                    w.name.as_ref(),
                );
                r.text(
                    Owner::Of(Kind::Organisation),
                    id,
                    Field::Description,
                    w.description.as_ref(),
                );
            },
        );
        let calendars = ids(&cat.calendars, |c| &c.id);
        self.each(
            Owner::Of(Kind::Calendar),
            &f.calendars,
            &calendars,
            |r, id, w| {
                r.text(Owner::Of(Kind::Calendar), id, Field::Name, w.name.as_ref());
                r.text(Owner::Of(Kind::Calendar), id, Field::Note, w.note.as_ref());
                for (date, name) in w.holidays.iter().flat_map(|h| &h.value.0) {
                    let field = Field::Holiday(normal_date(&date.value));
                    r.located(
                        Owner::Of(Kind::Calendar),
                        id,
                        field,
                        Words::One(name.value.clone()),
                        date.loc,
                    );
                }
            },
        );
        let contacts = ids(&cat.contacts, |c| &c.id);
        self.each(
            Owner::Of(Kind::Contact),
            &f.contacts,
            &contacts,
            |r, id, w| {
                r.text(Owner::Of(Kind::Contact), id, Field::Name, w.name.as_ref());
                r.text(Owner::Of(Kind::Contact), id, Field::Note, w.note.as_ref());
                for (i, m) in w.methods.iter().flat_map(|m| &m.value).enumerate() {
                    r.text(
                        Owner::Of(Kind::Contact),
                        id,
                        Field::MethodLabel(i),
                        m.value.label.as_ref(),
                    );
                }
                r.list(
                    Owner::Of(Kind::Contact),
                    id,
                    Field::Keywords,
                    w.keywords.as_ref(),
                );
            },
        );
        self.things(f);
        let sets = ids(&cat.holiday_sets, |s| &s.id);
        self.each(
            Owner::Of(Kind::HolidaySet),
            &f.holiday_sets,
            &sets,
            |r, id, w| {
                r.text(
                    Owner::Of(Kind::HolidaySet),
                    id,
                    Field::Name,
                    w.name.as_ref(),
                );
                for (key, name) in w.holidays.iter().flat_map(|h| &h.value.0) {
                    let field = Field::Holiday(rule_key(&key.value));
                    r.located(
                        Owner::Of(Kind::HolidaySet),
                        id,
                        field,
                        Words::One(name.value.clone()),
                        key.loc,
                    );
                }
            },
        );
        if let Some(routing) = &f.routing {
            let rules = ids(&cat.routing.rules, |r| &r.id);
            self.each(
                Owner::Of(Kind::Rule),
                &routing.value.rules,
                &rules,
                |r, id, w| {
                    r.text(Owner::Of(Kind::Rule), id, Field::Note, w.note.as_ref());
                },
            );
        }
    }

    /// Tiers, severities, plans, products and issue types.
    fn things(&mut self, f: &TranslationFile) {
        let cat = self.cat;
        let tiers = ids(&cat.tiers, |t| &t.id);
        self.each(Owner::Of(Kind::Tier), &f.tiers, &tiers, |r, id, w| {
            r.text(Owner::Of(Kind::Tier), id, Field::Name, w.name.as_ref());
            r.text(Owner::Of(Kind::Tier), id, Field::Scope, w.scope.as_ref());
            r.list(
                Owner::Of(Kind::Tier),
                id,
                Field::Keywords,
                w.keywords.as_ref(),
            );
        });
        let severities = ids(&cat.severities, |s| &s.id);
        self.each(
            Owner::Of(Kind::Severity),
            &f.severities,
            &severities,
            |r, id, w| {
                r.text(Owner::Of(Kind::Severity), id, Field::Name, w.name.as_ref());
                r.text(
                    Owner::Of(Kind::Severity),
                    id,
                    Field::Description,
                    w.description.as_ref(),
                );
                r.text(
                    Owner::Of(Kind::Severity),
                    id,
                    Field::Label,
                    w.label.as_ref(),
                );
            },
        );
        let plans = ids(&cat.plans, |p| &p.id);
        self.each(Owner::Of(Kind::Plan), &f.plans, &plans, |r, id, w| {
            r.text(Owner::Of(Kind::Plan), id, Field::Name, w.name.as_ref());
            r.text(
                Owner::Of(Kind::Plan),
                id,
                Field::Summary,
                w.summary.as_ref(),
            );
            r.list(
                Owner::Of(Kind::Plan),
                id,
                Field::Features,
                w.features.as_ref(),
            );
            r.list(
                Owner::Of(Kind::Plan),
                id,
                Field::Exclusions,
                w.exclusions.as_ref(),
            );
            for (i, a) in w.allowances.iter().flat_map(|a| &a.value).enumerate() {
                r.text(
                    Owner::Of(Kind::Plan),
                    id,
                    Field::AllowanceNote(i),
                    a.value.note.as_ref(),
                );
            }
            r.list(
                Owner::Of(Kind::Plan),
                id,
                Field::Keywords,
                w.keywords.as_ref(),
            );
        });
        let add_ons = ids(&cat.add_ons, |a| &a.id);
        self.each(Owner::Of(Kind::AddOn), &f.add_ons, &add_ons, |r, id, w| {
            r.text(Owner::Of(Kind::AddOn), id, Field::Name, w.name.as_ref());
            r.text(
                Owner::Of(Kind::AddOn),
                id,
                Field::Summary,
                w.summary.as_ref(),
            );
        });
        let products = ids(&cat.products, |p| &p.id);
        self.each(
            Owner::Of(Kind::Product),
            &f.products,
            &products,
            |r, id, w| {
                r.text(Owner::Of(Kind::Product), id, Field::Name, w.name.as_ref());
                r.text(
                    Owner::Of(Kind::Product),
                    id,
                    Field::Description,
                    w.description.as_ref(),
                );
                r.list(
                    Owner::Of(Kind::Product),
                    id,
                    Field::Keywords,
                    w.keywords.as_ref(),
                );
            },
        );
        let issues = ids(&cat.issue_types, |i| &i.id);
        self.each(
            Owner::Of(Kind::IssueType),
            &f.issue_types,
            &issues,
            |r, id, w| {
                r.text(Owner::Of(Kind::IssueType), id, Field::Name, w.name.as_ref());
                r.text(
                    Owner::Of(Kind::IssueType),
                    id,
                    Field::Description,
                    w.description.as_ref(),
                );
                r.list(
                    Owner::Of(Kind::IssueType),
                    id,
                    Field::Examples,
                    w.examples.as_ref(),
                );
                r.list(
                    Owner::Of(Kind::IssueType),
                    id,
                    Field::Keywords,
                    w.keywords.as_ref(),
                );
            },
        );
    }

    /// Each entry of a section whose id the catalogue knows; an unknown id is an error.
    fn each<T>(
        &mut self,
        kind: Owner,
        section: &Option<ById<T>>,
        known: &[&str],
        mut f: impl FnMut(&mut Self, &str, &T),
    ) {
        // A set, so that a section of 100,000 ids is read in linear time.
        let ids: std::collections::HashSet<&str> = known.iter().copied().collect();
        for (id, words) in section.iter().flat_map(|s| &s.value.0) {
            if !ids.contains(id.value.as_str()) {
                self.out.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        id.loc,
                        format!(
                            "there is no {} `{}` in the catalogue",
                            kind.word(),
                            id.value
                        ),
                    )
                    .with_help_opt(did_you_mean(&id.value, known.iter().copied())),
                );
                continue;
            }
            if let Some(w) = &words.0 {
                f(self, &id.value, &w.value);
            }
        }
    }

    fn text(&mut self, kind: Owner, id: &str, field: Field, text: Option<&Text>) {
        if let Some(t) = text {
            self.located(kind, id, field, Words::One(t.value.clone()), t.loc);
        }
    }

    fn list(&mut self, kind: Owner, id: &str, field: Field, list: Option<&Spanned<Vec<Text>>>) {
        if let Some(l) = list {
            let words = Words::List(l.value.iter().map(|t| t.value.clone()).collect());
            self.located(kind, id, field, words, l.loc);
        }
    }

    /// Keeps a translation of a text the catalogue has; one it does not have is an error.
    fn located(&mut self, kind: Owner, id: &str, field: Field, words: Words, loc: Loc) {
        let key = TextKey::new(kind, id, field);
        if self.known.contains(&key) {
            self.translation.locs.insert(key.clone(), loc);
            self.translation.texts.insert(key, words);
            return;
        }
        let help = match &key.field {
            Field::Holiday(_) if kind == Owner::Of(Kind::HolidaySet) => {
                "translate a set's holidays by their rule: `12-24`, `easter+1`, `11-thu-4` \
                 (month, weekday, nth), or the date `2027-06-04`"
            }
            Field::Holiday(_) => "translate the holidays the calendar lists, by their date",
            Field::MethodLabel(_) => {
                "methods are translated by position, and only those with a `label` in the catalogue"
            }
            Field::AllowanceNote(_) => {
                "allowances are translated by position, and only those with a `note` in the catalogue"
            }
            _ => "write the text in the catalogue first; translations hold only texts it has",
        };
        self.out.push(
            Diagnostic::error(
                Code::UnknownKey,
                loc,
                format!(
                    "{} has no text in the catalogue to translate",
                    key.describe()
                ),
            )
            .with_help(help),
        );
    }
}
