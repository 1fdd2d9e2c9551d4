//! Resolves the joined sections into the [`Catalogue`]: defines ids, checks every reference
//! and value, and builds the model. Problems are reported; the model is built regardless, so
//! that routing can still be analysed and every problem shown in one run.

use super::assemble::Sections;
use super::ids::{Ids, Kind};
use super::model::*;
use super::raw::{self, S, Text};
use super::{calendar, contact, duration, holidays, price};
use crate::diagnostics::{Code, Diagnostic};
use crate::yaml::OneOrMany;

/// The longest severity label: it is for badges and table heads.
const LABEL_MAX: usize = 12;

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

    pub(super) fn resolve(&mut self, s: &Sections, language: &str, year: i16) -> Option<Catalogue> {
        let orgs = Self::keep(
            &s.organisations,
            &self.define_all(Kind::Organisation, &s.organisations, |o| &o.id),
        );
        let sets = Self::keep(
            &s.holiday_sets,
            &self.define_all(Kind::HolidaySet, &s.holiday_sets, |h| &h.id),
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
        let add_ons = Self::keep(
            &s.add_ons,
            &self.define_all(Kind::AddOn, &s.add_ons, |a| &a.id),
        );

        let partner = self.partner(s.partner?);
        let organisations = orgs.iter().map(|o| self.organisation(o)).collect();
        let holiday_sets: Vec<std::sync::Arc<holidays::HolidaySet>> = sets
            .iter()
            .map(|h| std::sync::Arc::new(holidays::resolve::set(h, self.out)))
            .collect();
        let mut ctx = calendar::SetsContext {
            sets: holiday_sets.clone(),
            language: language.to_string(),
            year,
            used: Default::default(),
        };
        let calendars = cals
            .iter()
            .map(|c| calendar::resolve(c, &mut ctx, self.out))
            .collect();
        for set in sets.iter().filter(|h| ctx.used.contains(&h.id.value)) {
            self.ids.mark_used(Kind::HolidaySet, &set.id.value);
        }
        let contacts: Vec<Contact> = contacts.iter().map(|c| self.contact(c)).collect();
        let tiers: Vec<Tier> = tiers.iter().map(|t| self.tier(t, &partner)).collect();
        let severities = sevs.iter().map(|x| self.severity(x)).collect();
        let plans: Vec<Plan> = plans.iter().map(|p| self.plan(p, &contacts)).collect();
        let add_ons: Vec<AddOn> = add_ons
            .iter()
            .map(|a| self.add_on(a, &contacts, &plans))
            .collect();
        self.tax_stated(s, &partner, &plans, &add_ons);
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
            holiday_sets,
            add_ons,
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
            tax: p.tax.as_ref().map(|t| Tax {
                prices: t.value.prices.value,
                name: t.value.name.value.trim().to_string(),
            }),
            terms_version: text(&p.terms_version),
        }
    }

    /// `tax-unstated`: some price shows an amount and the partner does not say whether prices
    /// include tax.
    fn tax_stated(&mut self, s: &Sections, partner: &Partner, plans: &[Plan], add_ons: &[AddOn]) {
        if partner.tax.is_some() {
            return;
        }
        let plan_prices = plans
            .iter()
            .map(|p| &p.price)
            .zip(s.plans.iter().map(|p| p.price.loc));
        let add_on_prices = add_ons
            .iter()
            .map(|a| &a.price)
            .zip(s.add_ons.iter().map(|a| a.price.loc));
        if let Some((_, loc)) = plan_prices
            .chain(add_on_prices)
            .find(|(p, _)| p.shows_money())
        {
            self.out.push(
                Diagnostic::warning(
                    Code::TaxUnstated,
                    loc,
                    "this price shows an amount, but the catalogue does not say whether prices include tax",
                )
                .with_help("add `tax: { prices: excluded, name: VAT }` (or `included`) to `partner`"),
            );
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
        let label = match &x.label {
            Some(l) => {
                let label = l.value.trim();
                let chars = label.chars().count();
                if chars > LABEL_MAX || label.is_empty() {
                    self.out.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            l.loc,
                            format!("the severity label `{label}` has {chars} characters; a label has 1 to {LABEL_MAX}"),
                        )
                        .with_help("a label is the short form shown in badges and table heads (`P1`, `Sev A`); the `name` is the long one"),
                    );
                }
                label.to_string()
            }
            None => x.id.value.clone(),
        };
        Severity {
            id: x.id.value.clone(),
            name: x.name.value.clone(),
            label,
            description: text(&x.description),
        }
    }

    /// A price on request's `request` naming a contact: a customer-facing one (a URL is
    /// checked with the price). Checked even when the price has other problems.
    fn request(&mut self, raw: &S<raw::Price>, contacts: &[Contact]) {
        let Some(r) = raw
            .value
            .request
            .as_ref()
            .filter(|_| raw.value.on_request.is_some())
        else {
            return;
        };
        let Some(price::Request::Contact(id)) = price::request_of(&r.value) else {
            return;
        };
        let id = Text::new(r.loc, id);
        if self.refer(Kind::Contact, &id)
            && contacts
                .iter()
                .any(|k| k.id == id.value && k.is_partner_only())
        {
            self.out.push(
                Diagnostic::error(
                    Code::PartnerOnlyContact,
                    r.loc,
                    format!(
                        "contact `{}` is partner-only: customers cannot ask it for a price",
                        id.value
                    ),
                )
                .with_help("name a customer-facing contact or an absolute URL"),
            );
        }
    }

    fn allowances(&mut self, p: &S<raw::Plan>) -> Vec<Allowance> {
        let term_months = p
            .term
            .as_ref()
            .and_then(|t| t.value.minimum_months.as_ref())
            .map(|m| m.value);
        let mut out = Vec::new();
        for a in p.allowances.iter().flatten().filter_map(|a| a.0.as_ref()) {
            let unlimited = a.unlimited.as_ref();
            let count = match (&a.count, unlimited) {
                (Some(c), Some(u)) if u.value => {
                    self.out.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            c.loc,
                            "an allowance has either `count` or `unlimited: true`, not both",
                        )
                        .with_note(u.loc, "`unlimited` is given here"),
                    );
                    None
                }
                (Some(c), _) if c.value < 1 => {
                    self.out.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            c.loc,
                            format!("`count` is {}; an allowance counts at least 1", c.value),
                        )
                        .with_help("write a positive whole number, or `unlimited: true`"),
                    );
                    None
                }
                (Some(c), _) => Some(c.value as u64),
                (None, Some(u)) if !u.value => {
                    self.out.push(Diagnostic::error(
                        Code::InvalidValue,
                        u.loc,
                        "`unlimited: false` is not an allowance; give `count` instead",
                    ));
                    None
                }
                (None, Some(_)) => None,
                (None, None) => {
                    self.out.push(Diagnostic::error(
                        Code::MissingKey,
                        a.loc,
                        "an allowance needs `count` or `unlimited: true`",
                    ));
                    None
                }
            };
            if let Some(per) = a.per.as_ref().filter(|per| per.value == AllowancePer::Term)
                && term_months.is_none_or(|m| m <= 0)
            {
                self.out.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        per.loc,
                        "`per: term` needs the plan's `term` with `minimum_months` above 0",
                    )
                    .with_help("add `term: { minimum_months: 12 }` to the plan, or count `per: month` or `year`"),
                );
            }
            out.push(Allowance {
                kind: a.kind.value,
                count,
                unlimited: unlimited.is_some_and(|u| u.value) && a.count.is_none(),
                per: a.per.as_ref().map(|p| p.value),
                note: text(&a.note),
            });
        }
        out
    }

    fn term(&mut self, t: &S<raw::Term>) -> Term {
        let mut whole = |v: &Option<S<i64>>, what: &str| {
            let v = v.as_ref()?;
            if v.value < 0 {
                self.out.push(Diagnostic::error(
                    Code::InvalidValue,
                    v.loc,
                    format!(
                        "`{what}` is {}; it is a whole number of at least 0 (0: none)",
                        v.value
                    ),
                ));
                return None;
            }
            Some(v.value as u64)
        };
        let term = Term {
            minimum_months: whole(&t.value.minimum_months, "minimum_months"),
            notice_days: whole(&t.value.notice_days, "notice_days"),
        };
        if t.value.minimum_months.is_none() && t.value.notice_days.is_none() {
            self.out.push(Diagnostic::error(
                Code::MissingKey,
                t.loc,
                "a `term` gives `minimum_months`, `notice_days` or both",
            ));
        }
        term
    }

    fn add_on(&mut self, a: &S<raw::AddOn>, contacts: &[Contact], plans: &[Plan]) -> AddOn {
        let price = price::resolve(&a.price, self.out).unwrap_or(price::Price::Included);
        self.request(&a.price, contacts);
        let plans = match &a.plans {
            Some(list) => {
                if list.value.is_empty() {
                    self.out.push(
                        Diagnostic::error(Code::InvalidValue, list.loc, "an add-on for no plan")
                            .with_help("list the plans it can be added to, or leave `plans` out for every plan"),
                    );
                }
                list.value
                    .iter()
                    .filter(|p| self.refer(Kind::Plan, p))
                    .map(|p| p.value.clone())
                    .collect()
            }
            None => plans.iter().map(|p| p.id.clone()).collect(),
        };
        AddOn {
            id: a.id.value.clone(),
            name: a.name.value.clone(),
            summary: text(&a.summary),
            price,
            plans,
        }
    }

    fn plan(&mut self, p: &S<raw::Plan>, contacts: &[Contact]) -> Plan {
        let price = price::resolve(&p.price, self.out).unwrap_or(price::Price::Included);
        self.request(&p.price, contacts);
        let allowances = self.allowances(p);
        let term = p.term.as_ref().map(|t| self.term(t));
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
        let response = self.targets(TargetKind::Response, p.response.as_ref());
        let updates = self.targets(TargetKind::Updates, p.updates.as_ref());
        let resolution = self.targets(TargetKind::Resolution, p.resolution.as_ref());
        let target_rules = p
            .target_rules
            .iter()
            .flatten()
            .filter_map(|r| r.0.as_ref())
            .map(|r| self.target_rule(r))
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
            allowances,
            term,
            hours_loc: p.hours.loc,
            updates,
            resolution,
            target_rules,
            keywords: texts(&p.keywords),
        }
    }

    fn target_rule(&mut self, r: &S<raw::TargetRule>) -> TargetRule {
        let w = &r.when.value;
        let when = self.when(&raw::When {
            product: w.product.clone(),
            issue: w.issue.clone(),
            severity: w.severity.clone(),
            plan: None,
        });
        if r.response.is_none() && r.updates.is_none() && r.resolution.is_none() {
            self.out.push(
                Diagnostic::error(
                    Code::MissingKey,
                    r.loc,
                    "this target rule names no target",
                )
                .with_help("give it `response`, `updates` or `resolution` (e.g. `response: 2bd`), or remove it"),
            );
        }
        TargetRule {
            when,
            response: self.targets(TargetKind::Response, r.response.as_ref()),
            updates: self.targets(TargetKind::Updates, r.updates.as_ref()),
            resolution: self.targets(TargetKind::Resolution, r.resolution.as_ref()),
            loc: r.loc,
        }
    }

    /// A plan's (or a target rule's) targets of one kind: one for every severity, or by
    /// severity id.
    fn targets(&mut self, kind: TargetKind, t: Option<&S<raw::Targets>>) -> Vec<Target> {
        let Some(t) = t else { return Vec::new() };
        match &t.value {
            raw::Targets::Short(s) => {
                let written = Text::new(t.loc, s.clone());
                self.target(kind, None, &written, None, t.loc)
                    .into_iter()
                    .collect()
            }
            raw::Targets::Map(pairs) => {
                let long_keys = ["within", "every", "clock"];
                let one = !pairs.0.is_empty()
                    && pairs
                        .0
                        .iter()
                        .all(|(k, _)| long_keys.contains(&k.value.as_str()))
                    && pairs.0.iter().any(|(k, _)| k.value != "clock");
                if one {
                    return self.one_long(kind, pairs, t.loc).into_iter().collect();
                }
                if pairs.0.is_empty() {
                    self.out.push(Diagnostic::error(
                        Code::InvalidValue,
                        t.loc,
                        format!(
                            "`{}` is empty: give a duration or targets by severity",
                            kind.key()
                        ),
                    ));
                }
                pairs
                    .0
                    .iter()
                    .filter_map(|(sev, v)| {
                        let known = self.refer(Kind::Severity, sev);
                        let target = self.spanned_target(kind, Some(sev), v);
                        target.filter(|_| known)
                    })
                    .collect()
            }
        }
    }

    /// `{ within: 4h, clock: always }` written for every severity.
    fn one_long(
        &mut self,
        kind: TargetKind,
        pairs: &crate::yaml::Pairs<Text, S<raw::ResponseTarget>>,
        loc: crate::diagnostics::Loc,
    ) -> Option<Target> {
        let mut within = None;
        let mut clock = None;
        for (k, v) in &pairs.0 {
            let raw::ResponseTarget::Short(value) = &v.value else {
                self.out.push(Diagnostic::error(
                    Code::WrongType,
                    v.loc,
                    format!("`{}` takes a word, not a mapping", k.value),
                ));
                return None;
            };
            let value = Text::new(v.loc, value.clone());
            if k.value == "clock" {
                match value.value.trim() {
                    "calendar" => clock = Some(S::new(v.loc, Clock::Calendar)),
                    "always" => clock = Some(S::new(v.loc, Clock::Always)),
                    other => {
                        self.out.push(
                            Diagnostic::error(
                                Code::InvalidValue,
                                v.loc,
                                format!("`{other}` is not a clock"),
                            )
                            .with_help(
                                "write `clock: calendar` (staffed hours) or `clock: always`",
                            ),
                        );
                        return None;
                    }
                }
            } else {
                within = Some((k.clone(), value));
            }
        }
        let long = raw::LongTarget {
            within: within
                .as_ref()
                .filter(|(k, _)| k.value == "within")
                .map(|(_, v)| v.clone()),
            every: within
                .as_ref()
                .filter(|(k, _)| k.value == "every")
                .map(|(_, v)| v.clone()),
            clock,
        };
        self.long_target(kind, None, &long, loc)
    }

    fn spanned_target(
        &mut self,
        kind: TargetKind,
        sev: Option<&Text>,
        t: &S<raw::ResponseTarget>,
    ) -> Option<Target> {
        match &t.value {
            raw::ResponseTarget::Short(s) => {
                let written = Text::new(t.loc, s.clone());
                self.target(kind, sev, &written, None, t.loc)
            }
            raw::ResponseTarget::Long(l) => self.long_target(kind, sev, l, t.loc),
        }
    }

    fn long_target(
        &mut self,
        kind: TargetKind,
        sev: Option<&Text>,
        l: &raw::LongTarget,
        loc: crate::diagnostics::Loc,
    ) -> Option<Target> {
        let key = kind.duration_key();
        let (right, wrong, wrong_key) = match kind {
            TargetKind::Updates => (&l.every, &l.within, "within"),
            _ => (&l.within, &l.every, "every"),
        };
        if let Some(w) = wrong {
            self.out.push(
                Diagnostic::error(
                    Code::UnknownKey,
                    w.loc,
                    format!("`{}` targets say `{key}`, not `{wrong_key}`", kind.key()),
                )
                .with_help(format!("write `{key}: {}`", w.value.trim())),
            );
            return None;
        }
        let Some(written) = right else {
            self.out.push(Diagnostic::error(
                Code::MissingKey,
                loc,
                format!("this target needs `{key}`: a duration like `4h` or `1bd`"),
            ));
            return None;
        };
        self.target(kind, sev, written, l.clock.as_ref(), loc)
    }

    fn target(
        &mut self,
        kind: TargetKind,
        sev: Option<&Text>,
        written: &Text,
        clock: Option<&S<Clock>>,
        loc: crate::diagnostics::Loc,
    ) -> Option<Target> {
        let length = match duration::parse(&written.value) {
            Ok(l) => l,
            Err(why) => {
                self.out.push(
                    Diagnostic::error(Code::InvalidDuration, written.loc, why).with_help(
                        "write days, hours and minutes in that order (`30m`, `4h`, `1h30m`, `2d12h`) or business days (`1bd`)",
                    ),
                );
                return None;
            }
        };
        if let (Length::BusinessDays(_), Some(c)) = (length, clock)
            && c.value == Clock::Always
        {
            self.out.push(
                Diagnostic::error(
                    Code::InvalidDuration,
                    written.loc,
                    format!(
                        "`{}` counts business days, which only a calendar clock has",
                        written.value.trim()
                    ),
                )
                .with_note(Some(c.loc), "`clock: always` is set here")
                .with_help("drop `clock: always`, or give the target in hours (`24h`)"),
            );
            return None;
        }
        Some(Target {
            kind,
            severity: sev.map(|s| s.value.clone()),
            written: written.value.trim().into(),
            length,
            clock: clock.map(|c| c.value).unwrap_or_default(),
            loc,
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
        add_ons: of(&c.add_ons, |x| &x.id),
    }
}
