//! Resolves the joined sections into the [`Catalogue`]: defines ids, checks every reference
//! and value, and builds the model. Problems are reported; the model is built regardless, so
//! that routing can still be analysed and every problem shown in one run.

use super::assemble::Sections;
use super::ids::{Ids, Kind};
use super::model::*;
use super::raw::{self, S, Text};
use super::{calendar, contact, price};
use crate::diagnostics::{Code, Diagnostic};
use crate::yaml::OneOrMany;

pub(super) struct Resolver<'a> {
    pub ids: Ids,
    pub out: &'a mut Vec<Diagnostic>,
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.value.clone())
}

fn texts(t: &Option<Vec<Text>>) -> Vec<String> {
    t.iter().flatten().map(|t| t.value.clone()).collect()
}

impl Resolver<'_> {
    fn define_all<T>(
        &mut self,
        kind: Kind,
        items: &[&S<T>],
        id: impl Fn(&T) -> &Text,
    ) -> Vec<bool> {
        items
            .iter()
            .map(|i| self.ids.define(kind, id(&i.value), self.out))
            .collect()
    }

    fn refer(&mut self, kind: Kind, id: &Text) -> bool {
        self.ids.refer(kind, id, self.out)
    }

    fn refer_opt(&mut self, kind: Kind, id: &Option<Text>) {
        if let Some(id) = id {
            self.refer(kind, id);
        }
    }

    /// Keeps the items whose ids were defined first (duplicates are reported already).
    fn keep<'s, T>(items: &[&'s S<T>], fresh: &[bool]) -> Vec<&'s S<T>> {
        items
            .iter()
            .zip(fresh)
            .filter(|(_, f)| **f)
            .map(|(i, _)| *i)
            .collect()
    }

    pub(super) fn resolve(&mut self, s: &Sections) -> Option<Catalogue> {
        let orgs = Self::keep(
            &s.organisations,
            &self.define_all(Kind::Organisation, &s.organisations, |o| &o.id),
        );
        let cals = Self::keep(
            &s.calendars,
            &self.define_all(Kind::Calendar, &s.calendars, |c| &c.id),
        );
        let contacts = Self::keep(
            &s.contacts,
            &self.define_all(Kind::Contact, &s.contacts, |c| &c.id),
        );
        let tiers = Self::keep(&s.tiers, &self.define_all(Kind::Tier, &s.tiers, |t| &t.id));
        let sevs = Self::keep(
            &s.severities,
            &self.define_all(Kind::Severity, &s.severities, |x| &x.id),
        );
        let plans = Self::keep(&s.plans, &self.define_all(Kind::Plan, &s.plans, |p| &p.id));
        let products = Self::keep(
            &s.products,
            &self.define_all(Kind::Product, &s.products, |p| &p.id),
        );
        let issues = Self::keep(
            &s.issue_types,
            &self.define_all(Kind::IssueType, &s.issue_types, |i| &i.id),
        );

        let partner = self.partner(s.partner?);
        let organisations = orgs.iter().map(|o| self.organisation(o)).collect();
        let calendars = cals
            .iter()
            .map(|c| calendar::resolve(c, self.out))
            .collect();
        let contacts: Vec<Contact> = contacts.iter().map(|c| self.contact(c)).collect();
        let tiers: Vec<Tier> = tiers.iter().map(|t| self.tier(t, &partner)).collect();
        let severities = sevs.iter().map(|x| self.severity(x)).collect();
        let plans = plans.iter().map(|p| self.plan(p, &contacts)).collect();
        let products = products.iter().map(|p| self.product(p)).collect();
        let issue_types = issues.iter().map(|i| self.issue_type(i)).collect();
        let routing = self.routing(s);
        let expectations = s.expectations.iter().map(|e| self.expectation(e)).collect();
        let mut cat = Catalogue {
            partner,
            organisations,
            calendars,
            contacts,
            tiers,
            severities,
            plans,
            products,
            issue_types,
            routing,
            expectations,
            index: Index::default(),
        };
        cat.index = index(&cat);
        Some(cat)
    }

    fn partner(&mut self, p: &S<raw::Partner>) -> Partner {
        let reseller = p.relationship.value == Relationship::IndirectReseller;
        match (&p.provider, reseller) {
            (Some(id), true) => {
                self.refer(Kind::Organisation, id);
            }
            (None, true) => self.out.push(
                Diagnostic::error(
                    Code::MissingKey,
                    p.loc,
                    "an `indirect-reseller` must name its `provider`",
                )
                .with_help("add `provider: <organisation id>` of the indirect provider"),
            ),
            (Some(id), false) => self.out.push(Diagnostic::error(
                Code::InvalidValue,
                id.loc,
                "only an `indirect-reseller` has a `provider`",
            )),
            (None, false) => {}
        }
        contact::check_url(p.website.as_ref(), self.out);
        Partner {
            name: p.name.value.clone(),
            relationship: p.relationship.value,
            provider: text(&p.provider),
            website: text(&p.website),
            description: text(&p.description),
        }
    }

    fn organisation(&mut self, o: &S<raw::Organisation>) -> Organisation {
        contact::check_url(o.website.as_ref(), self.out);
        Organisation {
            id: o.id.value.clone(),
            name: o.name.value.clone(),
            role: o.role.value,
            website: text(&o.website),
            description: text(&o.description),
        }
    }

    fn contact(&mut self, c: &S<raw::Contact>) -> Contact {
        self.refer_opt(Kind::Organisation, &c.operated_by);
        self.refer(Kind::Calendar, &c.hours);
        let methods: Vec<Method> = c
            .methods
            .iter()
            .filter_map(|m| m.0.as_ref())
            .map(|m| {
                contact::check_method(m, self.out);
                self.refer_opt(Kind::Calendar, &m.hours);
                Method {
                    kind: m.kind.value,
                    value: m.value.value.trim().to_string(),
                    hours: text(&m.hours),
                    label: text(&m.label),
                }
            })
            .collect();
        let raw_methods: Vec<&raw::Method> =
            c.methods.iter().filter_map(|m| m.0.as_deref()).collect();
        // A partner-only contact's methods are never shown to customers.
        let shown = c
            .audience
            .as_ref()
            .is_none_or(|a| a.value != raw::Audience::PartnerOnly);
        if shown {
            contact::check_look_alikes(&c.id.value, &raw_methods, self.out);
        }
        if c.methods.is_empty() {
            self.out.push(Diagnostic::error(
                Code::InvalidValue,
                c.loc,
                format!("contact `{}` has no `methods`", c.id.value),
            ));
        }
        Contact {
            id: c.id.value.clone(),
            name: c.name.value.clone(),
            audience: c.audience.as_ref().map(|a| a.value).unwrap_or_default(),
            operated_by: text(&c.operated_by),
            hours: c.hours.value.clone(),
            languages: texts(&c.languages),
            methods,
            note: text(&c.note),
            keywords: texts(&c.keywords),
        }
    }

    fn tier(&mut self, t: &S<raw::Tier>, partner: &Partner) -> Tier {
        self.refer(Kind::Contact, &t.contact);
        let responsible = match t.responsible.as_ref() {
            None => Responsible::Partner,
            Some(r) => match r.value.as_str() {
                "partner" => Responsible::Partner,
                "vendor" => Responsible::Vendor,
                "provider" => {
                    if partner.provider.is_none() {
                        self.out.push(
                            Diagnostic::error(Code::InvalidValue, r.loc, "the partner has no indirect `provider`")
                                .with_help("only an `indirect-reseller` partner has a provider; use `partner` or an organisation id"),
                        );
                    }
                    Responsible::Provider
                }
                _ => {
                    self.refer(Kind::Organisation, r);
                    Responsible::Organisation(r.value.clone())
                }
            },
        };
        Tier {
            id: t.id.value.clone(),
            name: t.name.value.clone(),
            contact: t.contact.value.clone(),
            responsible,
            scope: text(&t.scope),
            keywords: texts(&t.keywords),
        }
    }

    fn severity(&mut self, x: &S<raw::Severity>) -> Severity {
        Severity {
            id: x.id.value.clone(),
            name: x.name.value.clone(),
            description: text(&x.description),
        }
    }

    fn plan(&mut self, p: &S<raw::Plan>, contacts: &[Contact]) -> Plan {
        let price = price::resolve(&p.price, self.out).unwrap_or(price::Price::Included);
        self.refer(Kind::Calendar, &p.hours);
        if p.contacts.value.is_empty() {
            self.out.push(Diagnostic::error(
                Code::InvalidValue,
                p.contacts.loc,
                "a plan needs at least one contact",
            ));
        }
        for c in &p.contacts.value {
            if !self.refer(Kind::Contact, c) {
                continue;
            }
            if contacts
                .iter()
                .any(|k| k.id == c.value && k.is_partner_only())
            {
                self.out.push(
                    Diagnostic::error(
                        Code::PartnerOnlyContact,
                        c.loc,
                        format!("contact `{}` is partner-only: customers cannot contact it", c.value),
                    )
                    .with_help("list only customer-facing contacts in a plan; partner-only contacts belong in tiers"),
                );
            }
        }
        let response = p
            .response
            .iter()
            .flat_map(|r| &r.value.0)
            .filter_map(|(sev, t)| self.response(sev, t))
            .collect();
        Plan {
            id: p.id.value.clone(),
            name: p.name.value.clone(),
            summary: text(&p.summary),
            price,
            hours: p.hours.value.clone(),
            contacts: p.contacts.value.iter().map(|c| c.value.clone()).collect(),
            response,
            features: texts(&p.features),
            exclusions: texts(&p.exclusions),
            hours_loc: p.hours.loc,
            keywords: texts(&p.keywords),
        }
    }

    fn response(&mut self, sev: &Text, t: &S<raw::ResponseTarget>) -> Option<ResponseTarget> {
        let known = self.refer(Kind::Severity, sev);
        let (within, clock) = match &t.value {
            raw::ResponseTarget::Short(s) => (Text::new(t.loc, s.clone()), Clock::Calendar),
            raw::ResponseTarget::Long(l) => (
                l.within.clone(),
                l.clock.as_ref().map(|c| c.value).unwrap_or_default(),
            ),
        };
        let Some(minutes) = price::parse_duration(&within.value) else {
            self.out.push(
                Diagnostic::error(
                    Code::InvalidDuration,
                    within.loc,
                    format!("`{}` is not a duration", within.value),
                )
                .with_help("write a whole number and a unit: `30m`, `4h` or `2d`"),
            );
            return None;
        };
        known.then(|| ResponseTarget {
            severity: sev.value.clone(),
            within_minutes: minutes,
            within: within.value.trim().into(),
            clock,
        })
    }

    fn product(&mut self, p: &S<raw::Product>) -> Product {
        self.refer_opt(Kind::Organisation, &p.vendor);
        Product {
            id: p.id.value.clone(),
            name: p.name.value.clone(),
            vendor: text(&p.vendor),
            description: text(&p.description),
            keywords: texts(&p.keywords),
        }
    }

    fn issue_type(&mut self, i: &S<raw::IssueType>) -> IssueType {
        IssueType {
            id: i.id.value.clone(),
            name: i.name.value.clone(),
            category: i.category.value,
            description: text(&i.description),
            examples: texts(&i.examples),
            keywords: texts(&i.keywords),
        }
    }

    fn routing(&mut self, s: &Sections) -> Routing {
        let mut rule_ids = Ids::default();
        let fresh: Vec<bool> = s
            .rules
            .iter()
            .map(|r| rule_ids.define(Kind::Rule, &r.id, self.out))
            .collect();
        let rules = Self::keep(&s.rules, &fresh)
            .into_iter()
            .map(|r| self.rule(r))
            .collect();
        let fallback = s
            .fallback
            .map(|f| self.path(&f.value, f.loc, "the fallback"));
        Routing {
            policy: s.policy.map(|p| p.value).unwrap_or_default(),
            rules,
            fallback,
            loc: s.routing_loc,
            fallback_loc: s.fallback.map(|f| f.loc),
        }
    }

    fn rule(&mut self, r: &S<raw::Rule>) -> Rule {
        let when = r
            .when
            .as_ref()
            .map(|w| self.when(&w.value))
            .unwrap_or_default();
        let covered = r.covered.as_ref().is_none_or(|c| c.value);
        let what = format!("rule `{}`", r.id.value);
        let path = self.covered_path(r.loc, &what, r.path.as_ref(), r.covered.as_ref());
        Rule {
            id: r.id.value.clone(),
            when,
            covered,
            path,
            note: text(&r.note),
            loc: r.id.loc,
            path_loc: r.path.as_ref().map(|p| p.loc).unwrap_or(r.loc),
        }
    }

    /// A rule or expectation has either a non-empty `path` or `covered: false`.
    fn covered_path(
        &mut self,
        loc: crate::diagnostics::Loc,
        what: &str,
        path: Option<&S<Vec<Text>>>,
        covered: Option<&S<bool>>,
    ) -> Vec<String> {
        let covered_value = covered.is_none_or(|c| c.value);
        match (path, covered_value) {
            (Some(p), true) => self.path(&p.value, p.loc, what),
            (Some(p), false) => {
                self.out.push(Diagnostic::error(
                    Code::InvalidPath,
                    p.loc,
                    format!("{what} has `covered: false`, so it must not have a `path`"),
                ));
                Vec::new()
            }
            (None, true) => {
                self.out.push(
                    Diagnostic::error(Code::InvalidPath, loc, format!("{what} has no `path`"))
                        .with_help("give a non-empty `path` of tier ids, or `covered: false`"),
                );
                Vec::new()
            }
            (None, false) => Vec::new(),
        }
    }

    fn when(&mut self, w: &raw::When) -> When {
        let mut dim = |kind: Kind, v: &Option<S<OneOrMany<Text>>>| {
            v.as_ref().map(|v| {
                let ids = match &v.value {
                    OneOrMany::One(t) => vec![t.clone()],
                    OneOrMany::Many(ts) => ts.clone(),
                };
                if ids.is_empty() {
                    self.out.push(Diagnostic::error(
                        Code::InvalidValue,
                        v.loc,
                        "an empty list matches nothing",
                    ));
                }
                ids.iter()
                    .filter(|id| self.refer(kind, id))
                    .map(|id| id.value.clone())
                    .collect()
            })
        };
        When {
            product: dim(Kind::Product, &w.product),
            issue: dim(Kind::IssueType, &w.issue),
            severity: dim(Kind::Severity, &w.severity),
            plan: dim(Kind::Plan, &w.plan),
        }
    }

    /// Checks tier references and repeats; the contact checks need tiers resolved (see checks).
    fn path(&mut self, path: &[Text], loc: crate::diagnostics::Loc, what: &str) -> Vec<String> {
        if path.is_empty() {
            self.out.push(
                Diagnostic::error(Code::InvalidPath, loc, format!("{what} has an empty path"))
                    .with_help("list at least one tier, or use `covered: false`"),
            );
        }
        for (i, t) in path.iter().enumerate() {
            if path[..i].iter().any(|p| p.value == t.value) {
                self.out.push(Diagnostic::error(
                    Code::InvalidPath,
                    t.loc,
                    format!("{what} names tier `{}` twice", t.value),
                ));
            }
            self.refer(Kind::Tier, t);
        }
        path.iter().map(|t| t.value.clone()).collect()
    }

    fn expectation(&mut self, e: &S<raw::Expectation>) -> Expectation {
        let c = &e.case.value;
        // Unknown ids are reported here and kept, so routing knows the dimension was named.
        let mut one = |kind: Kind, v: &Option<Text>| {
            v.as_ref().map(|id| {
                self.ids.refer(kind, id, self.out);
                id.value.clone()
            })
        };
        let case = CaseSpec {
            product: one(Kind::Product, &c.product),
            issue: one(Kind::IssueType, &c.issue),
            severity: one(Kind::Severity, &c.severity),
            plan: one(Kind::Plan, &c.plan),
        };
        let path = self.covered_path(
            e.loc,
            "this expectation",
            e.path.as_ref(),
            e.covered.as_ref(),
        );
        Expectation {
            case,
            covered: e.covered.as_ref().is_none_or(|c| c.value),
            path,
            loc: e.loc,
        }
    }
}

fn index(c: &Catalogue) -> Index {
    fn of<T>(items: &[T], id: impl Fn(&T) -> &str) -> std::collections::HashMap<String, usize> {
        items
            .iter()
            .enumerate()
            .map(|(i, x)| (id(x).to_string(), i))
            .collect()
    }
    Index {
        organisations: of(&c.organisations, |x| &x.id),
        calendars: of(&c.calendars, |x| &x.id),
        contacts: of(&c.contacts, |x| &x.id),
        tiers: of(&c.tiers, |x| &x.id),
        severities: of(&c.severities, |x| &x.id),
        plans: of(&c.plans, |x| &x.id),
        products: of(&c.products, |x| &x.id),
        issue_types: of(&c.issue_types, |x| &x.id),
    }
}
