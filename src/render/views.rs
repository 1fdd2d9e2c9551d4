//! The template context: the catalogue turned into words, numbers and URLs once, shared by
//! every page (contacts, calendars, plans, tiers, products, navigation), and the per-page
//! data each template receives.

use super::bodies::BodyMemo;
use super::editions::Linker;
use super::format::{self, CalendarView, PriceView, RequestView, TargetView};
use super::i18n::I18n;
use super::markdown::{self, Links, MarkdownUrls, PlainText};
use crate::catalogue::price::{Price, Request};
use crate::catalogue::{
    Allowance, AllowanceKind, Catalogue, Contact, Method, MethodType, Plan, Responsible,
    TargetKind, Term, Tier, is_url,
};
use crate::links::PageIndex;
use crate::paths::{self, Place, Urls};
use crate::routing::Matrix;
use crate::site::Page;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize, Clone)]
pub(super) struct Link {
    pub title: String,
    pub url: String,
    pub key: String,
}

#[derive(Serialize)]
pub(super) struct MethodView {
    pub kind: &'static str,
    pub label: String,
    pub value: String,
    /// The value as shown: a URL without its scheme.
    pub display: String,
    pub href: Option<String>,
    /// The method's own hours, when they differ from the contact's.
    pub hours: Option<String>,
    pub calendar: Option<String>,
}

#[derive(Serialize)]
pub(super) struct ContactView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub operated_by: Option<String>,
    pub languages: String,
    pub calendar: String,
    pub hours: String,
    /// The time zone as people say it (`Italy Time`).
    pub zone: String,
    /// Every calendar the contact keeps: its own and its methods' own hours.
    pub calendars: Vec<String>,
    /// Which plans include the contact (`For Premium and Enterprise`), if any plan lists it.
    pub eligible: Option<String>,
    pub methods: Vec<MethodView>,
    pub note_html: Option<String>,
}

#[derive(Serialize)]
pub(super) struct PlanView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub summary_html: Option<String>,
    pub price: PriceView,
    pub calendar: String,
    pub hours: String,
    pub zone: String,
    pub contacts: Vec<Link>,
    /// The hours each included contact keeps, beside the hours the plan promises.
    pub contact_hours: Vec<ContactHours>,
    /// Some included contact keeps other hours than the plan promises.
    pub contact_hours_differ: bool,
    pub response: Vec<TargetView>,
    /// The targets table: a row per severity (one row when the plan's targets are written
    /// for every severity), with the response, update and resolution target where it exists.
    pub target_rows: Vec<TargetRow>,
    pub has_updates: bool,
    pub has_resolution: bool,
    /// A line per target rule: "Billing and invoices: First response by the end of the second
    /// business day".
    pub target_rules: Vec<String>,
    /// A worked example of each target, by severity id.
    pub examples: std::collections::BTreeMap<String, String>,
    pub features: Vec<String>,
    pub exclusions: Vec<String>,
    /// What the plan includes in countable units, in catalogue order.
    pub allowances: Vec<AllowanceView>,
    pub term: Option<TermView>,
    /// The add-ons the plan can take (links to their entries on the comparison).
    pub add_ons: Vec<Link>,
}

/// An allowance in words: `10 cases per month`.
#[derive(Serialize, Clone)]
pub(super) struct AllowanceView {
    pub kind: &'static str,
    pub text: String,
    pub note: Option<String>,
}

/// A plan's commitment in words; a value the catalogue does not give is `None`.
#[derive(Serialize)]
pub(super) struct TermView {
    /// `Minimum term: 12 months`, `No minimum term`.
    pub minimum: Option<String>,
    /// `Notice to cancel: 30 days`, `No notice period`.
    pub notice: Option<String>,
}

/// A row of the comparison: one kind of allowance, a cell per plan.
#[derive(Serialize)]
pub(super) struct AllowanceRow {
    pub kind: &'static str,
    pub title: String,
    pub cells: Vec<AllowanceCell>,
}

#[derive(Serialize)]
pub(super) struct AllowanceCell {
    pub plan: String,
    pub items: Vec<AllowanceView>,
}

/// A priced extra, as the comparison and the plan pages show it.
#[derive(Serialize)]
pub(super) struct AddOnView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub summary_html: Option<String>,
    pub price: PriceView,
    /// `Premium and Enterprise`, or the words for every plan.
    pub plans: String,
    pub plan_ids: Vec<String>,
}

/// The version of the terms and the date they were built, printed with the comparison.
#[derive(Serialize)]
pub(super) struct TermsView {
    pub version: Option<String>,
    pub built: String,
    /// `Support terms, version 2026.1, as of December 6, 2026.`
    pub stamp: String,
    /// Some plan states a term (the comparison then has a row for it).
    pub any_term: bool,
}

/// One row of the plan comparison's targets: a cell per plan, each with its lines (none: no
/// target).
#[derive(Serialize)]
pub(super) struct CompareRow {
    pub label: String,
    pub cells: Vec<Vec<String>>,
}

/// One row of a plan's targets table.
#[derive(Serialize)]
pub(super) struct TargetRow {
    /// Empty for targets written for every severity.
    pub severity: String,
    /// The severity's short label (`P1`).
    pub label: String,
    pub severity_name: String,
    pub response: Option<String>,
    pub updates: Option<String>,
    pub resolution: Option<String>,
}

/// An included contact's hours, shown under a plan's.
#[derive(Serialize)]
pub(super) struct ContactHours {
    pub name: String,
    pub url: String,
    pub hours: String,
    pub zone: String,
    /// The contact keeps the plan's own calendar.
    pub same: bool,
}

#[derive(Serialize)]
pub(super) struct SeverityView {
    pub id: String,
    pub name: String,
    /// The short form for badges and table heads (`P1`).
    pub label: String,
    pub description_html: Option<String>,
}

#[derive(Serialize)]
pub(super) struct ProductView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub vendor: Option<String>,
    pub description_html: Option<String>,
}

#[derive(Serialize)]
pub(super) struct IssueView {
    pub id: String,
    pub name: String,
    pub category: String,
    pub description_html: Option<String>,
    pub examples: Vec<String>,
}

/// One stage of an escalation path.
#[derive(Serialize, Clone)]
pub(super) struct Stage {
    pub tier: String,
    /// Where the portal explains what the tier does.
    pub tier_url: String,
    pub responsible: String,
    /// Customers cannot contact it: the partner escalates on their behalf.
    pub partner_only: bool,
    pub contact: String,
    /// The contact's section of the contact page (customer-facing contacts only).
    pub contact_url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct TierView {
    pub id: String,
    pub name: String,
    pub responsible: String,
    pub partner_only: bool,
    pub contact: String,
    pub contact_url: Option<String>,
    pub scope_html: Option<String>,
}

/// Everything shared by the pages, computed once.
pub(super) struct Model<'a> {
    pub cat: &'a Catalogue,
    pub t: &'a I18n,
    pub urls: Urls,
    /// Where links of the catalogue's Markdown lead.
    pub links: Linker<'a>,
    pub calendars: BTreeMap<String, CalendarView>,
    pub contacts: Vec<ContactView>,
    pub plans: Vec<PlanView>,
    pub severities: Vec<SeverityView>,
    pub products: Vec<ProductView>,
    pub issues: Vec<IssueView>,
    pub tiers: Vec<TierView>,
    /// Customer-facing contacts that start paths, the busiest first.
    pub entry_contacts: Vec<usize>,
    /// The plan comparison's rows of targets.
    pub target_compare: Vec<CompareRow>,
    pub allowance_rows: Vec<AllowanceRow>,
    pub add_ons: Vec<AddOnView>,
    pub terms: TermsView,
}

/// The day the portal is built (`YYYY-MM-DD`, UTC): from `SOURCE_DATE_EPOCH` when it is set,
/// so that rebuilds of the same sources are byte-identical, else from the clock.
pub(super) fn build_date() -> String {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    let at = epoch.unwrap_or_else(jiff::Timestamp::now);
    // RFC 3339 in UTC: the date is its first ten characters.
    at.to_string().chars().take(10).collect()
}

fn method_kind(k: MethodType) -> &'static str {
    k.word()
}

fn method_href(k: MethodType, v: &str) -> Option<String> {
    let v = v.trim();
    match k {
        MethodType::Phone => Some(format!(
            "tel:{}",
            v.chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect::<String>()
        )),
        MethodType::Email => Some(format!("mailto:{v}")),
        MethodType::Web | MethodType::Chat | MethodType::Teams if is_url(v) => Some(v.to_string()),
        _ => None,
    }
}

/// What the views are built from.
struct Sources<'a> {
    cat: &'a Catalogue,
    t: &'a I18n,
    urls: &'a Urls,
    links: Linker<'a>,
    calendars: &'a BTreeMap<String, CalendarView>,
    /// Each language a contact speaks, named in the edition's language.
    language_names: &'a BTreeMap<String, String>,
}

impl Sources<'_> {
    /// A calendar's hours in words, and its time zone as people say it.
    fn hours(&self, id: &str) -> (String, String) {
        self.calendars
            .get(id)
            .map_or((id.to_string(), String::new()), |c| {
                let zone = if c.always_open { "" } else { &c.zone };
                (c.summary.clone(), zone.to_string())
            })
    }

    /// The languages of service in the reader's words: `Italian only`, `Italian and English`.
    fn languages(&self, tags: &[String]) -> String {
        let names: Vec<String> = tags
            .iter()
            .map(|tag| self.language_names.get(tag).unwrap_or(tag).clone())
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => self.t.word("language_only").replace("{language}", one),
            _ => self.t.formats.and_list(&names),
        }
    }

    /// `For Premium and Enterprise`, `For every plan`; `None` when no plan lists the contact.
    fn eligible(&self, contact: &str) -> Option<String> {
        let plans = &self.cat.plans;
        let names: Vec<String> = plans
            .iter()
            .filter(|p| p.contacts.iter().any(|c| c == contact))
            .map(|p| p.name.clone())
            .collect();
        match names.len() {
            0 => None,
            n if n == plans.len() => Some(self.t.word("for_every_plan").to_string()),
            _ => Some(
                self.t
                    .word("for_plans")
                    .replace("{plans}", &self.t.formats.and_list(&names)),
            ),
        }
    }

    fn contacts(&self) -> Vec<ContactView> {
        let cat = self.cat;
        cat.contacts
            .iter()
            .filter(|c| !c.is_partner_only())
            .map(|c| {
                let (hours, zone) = self.hours(&c.hours);
                let mut calendars = vec![c.hours.clone()];
                calendars.extend(c.methods.iter().filter_map(|m| m.hours.clone()));
                calendars.dedup();
                ContactView {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    url: self.urls.path(&paths::contact_anchor(&c.id)),
                    operated_by: c
                        .operated_by
                        .as_deref()
                        .and_then(|o| cat.organisation(o))
                        .map(|o| o.name.clone()),
                    languages: self.languages(&c.languages),
                    calendar: c.hours.clone(),
                    hours,
                    zone,
                    calendars,
                    eligible: self.eligible(&c.id),
                    methods: c.methods.iter().map(|m| self.method(c, m)).collect(),
                    note_html: self.links.md(c.note.as_deref(), 3),
                }
            })
            .collect()
    }

    fn method(&self, c: &Contact, m: &Method) -> MethodView {
        let kind = method_kind(m.kind);
        MethodView {
            kind,
            label: m
                .label
                .clone()
                .unwrap_or_else(|| self.t.word(&format!("method_{kind}"))),
            value: m.value.clone(),
            display: display(&m.value),
            href: method_href(m.kind, &m.value),
            hours: m.hours.as_deref().filter(|h| *h != c.hours).map(|h| {
                // An always-open calendar has no zone to name.
                let (s, tz) = self.hours(h);
                if tz.is_empty() {
                    s
                } else {
                    format!("{s} ({tz})")
                }
            }),
            calendar: m.hours.clone(),
        }
    }

    fn contact_hours(&self, c: &Contact, plan_calendar: &str) -> ContactHours {
        let (mut hours, zone) = self.hours(&c.hours);
        // A method with hours of its own ("Chat Mon–Fri 07:00–22:00") may be what keeps the
        // plan's promise.
        let own: Vec<String> = c
            .methods
            .iter()
            .filter_map(|m| {
                let h = m.hours.as_deref().filter(|h| *h != c.hours)?;
                // The method's own zone where it is not the contact's.
                let (words, tz) = self.hours(h);
                let tz = if tz.is_empty() || tz == zone {
                    String::new()
                } else {
                    format!(", {tz}")
                };
                Some(format!("{} {words}{tz}", self.method(c, m).label))
            })
            .collect();
        if !own.is_empty() {
            hours = format!("{hours} ({})", own.join("; "));
        }
        ContactHours {
            name: c.name.clone(),
            url: self.urls.path(&paths::contact_anchor(&c.id)),
            hours,
            zone,
            same: c.hours == plan_calendar && own.is_empty(),
        }
    }

    fn contact_link(&self, id: &str) -> Link {
        Link {
            title: self
                .cat
                .contact(id)
                .map_or(id.to_string(), |c| c.name.clone()),
            url: self.urls.path(&paths::contact_anchor(id)),
            key: id.to_string(),
        }
    }

    fn plans(&self) -> Vec<PlanView> {
        let (cat, t) = (self.cat, self.t);
        cat.plans
            .iter()
            .map(|p| {
                let (hours, zone) = self.hours(&p.hours);
                let contact_hours: Vec<ContactHours> = p
                    .contacts
                    .iter()
                    .filter_map(|c| self.cat.contact(c))
                    .map(|c| self.contact_hours(c, &p.hours))
                    .collect();
                PlanView {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    url: self.urls.path(&Place::Plan(&p.id).link()),
                    summary_html: self.links.md(p.summary.as_deref(), 3),
                    price: self.price(&p.price),
                    calendar: p.hours.clone(),
                    hours,
                    zone,
                    contacts: p.contacts.iter().map(|c| self.contact_link(c)).collect(),
                    contact_hours_differ: contact_hours.iter().any(|c| !c.same),
                    contact_hours,
                    response: self
                        .severity_keys()
                        .into_iter()
                        .filter_map(|s| {
                            let mut v = format::target(t, p.target(TargetKind::Response, s)?);
                            v.severity = s.unwrap_or_default().to_string();
                            v.label = s
                                .and_then(|s| cat.severity(s))
                                .map_or_else(|| v.severity.clone(), |s| s.label.clone());
                            Some(v)
                        })
                        .collect(),
                    target_rows: self.target_rows(p),
                    has_updates: !p.updates.is_empty(),
                    has_resolution: !p.resolution.is_empty(),
                    target_rules: self.target_rule_lines(p),
                    examples: super::due::plan_examples(cat.calendar(&p.hours), t, p),

                    features: p.features.clone(),
                    exclusions: p.exclusions.clone(),
                    allowances: p
                        .allowances
                        .iter()
                        .map(|a| self.allowance(a, p.term.as_ref()))
                        .collect(),
                    term: p.term.as_ref().map(|term| self.term(term)),
                    add_ons: cat
                        .add_ons_of(&p.id)
                        .map(|a| Link {
                            title: a.name.clone(),
                            url: self.urls.path(&paths::add_on_anchor(&a.id)),
                            key: a.id.clone(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// A price in words, with tax and, for a price on request, whom to ask.
    fn price(&self, p: &Price) -> PriceView {
        let mut view = format::price(self.t, p, self.cat.partner.tax.as_ref());
        if let Price::OnRequest { request, .. } = p {
            let website = || {
                self.cat.partner.website.as_ref().map(|w| RequestView {
                    name: display(w),
                    url: w.clone(),
                })
            };
            view.request = match request {
                Some(Request::Contact(id)) => Some(RequestView {
                    name: self
                        .cat
                        .contact(id)
                        .map_or_else(|| id.clone(), |c| c.name.clone()),
                    url: self.urls.path(&paths::contact_anchor(id)),
                }),
                Some(Request::Url(url)) => Some(RequestView {
                    name: display(url),
                    url: url.clone(),
                }),
                None => website().or_else(|| {
                    Some(RequestView {
                        name: self.t.word("title_contact"),
                        url: self.urls.path(&Place::Contact.link()),
                    })
                }),
            };
        }
        view
    }

    /// `10 cases per month`, `Unlimited named contacts`.
    fn allowance(&self, a: &Allowance, term: Option<&Term>) -> AllowanceView {
        AllowanceView {
            kind: format::allowance_kind(a.kind),
            text: format::allowance(self.t, a, term),
            note: a.note.clone(),
        }
    }

    fn term(&self, term: &Term) -> TermView {
        let (minimum, notice) = format::term(self.t, term);
        TermView { minimum, notice }
    }

    fn add_ons(&self) -> Vec<AddOnView> {
        let cat = self.cat;
        cat.add_ons
            .iter()
            .map(|a| {
                let names: Vec<String> = a
                    .plans
                    .iter()
                    .filter_map(|p| cat.plan(p))
                    .map(|p| p.name.clone())
                    .collect();
                AddOnView {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    url: self.urls.path(&paths::add_on_anchor(&a.id)),
                    summary_html: self.links.md(a.summary.as_deref(), 4),
                    price: self.price(&a.price),
                    plans: if names.len() == cat.plans.len() {
                        self.t.word("add_on_every_plan")
                    } else {
                        self.t.fill(
                            "add_on_plans",
                            &[("plans", &self.t.formats.and_list(&names))],
                        )
                    },
                    plan_ids: a.plans.clone(),
                }
            })
            .collect()
    }

    /// The comparison's allowance rows: a row per kind some plan counts, in the kinds' order.
    fn allowance_rows(&self, plans: &[PlanView]) -> Vec<AllowanceRow> {
        let mut kinds: Vec<AllowanceKind> = self
            .cat
            .plans
            .iter()
            .flat_map(|p| p.allowances.iter().map(|a| a.kind))
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
            .into_iter()
            .map(|k| {
                let kind = format::allowance_kind(k);
                AllowanceRow {
                    kind,
                    title: self.t.word(&format!("allowance_kind_{kind}")),
                    cells: plans
                        .iter()
                        .map(|p| AllowanceCell {
                            plan: p.name.clone(),
                            items: p
                                .allowances
                                .iter()
                                .filter(|a| a.kind == kind)
                                .cloned()
                                .collect(),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    /// The severity ids targets are looked up by (`None` alone without severities).
    fn severity_keys(&self) -> Vec<Option<&str>> {
        if self.cat.severities.is_empty() {
            vec![None]
        } else {
            self.cat
                .severities
                .iter()
                .map(|s| Some(s.id.as_str()))
                .collect()
        }
    }

    fn target_rows(&self, p: &Plan) -> Vec<TargetRow> {
        let t = self.t;
        let words = |kind, sev| p.target(kind, sev).map(|r| format::target(t, r).words);
        let one_row = TargetKind::ALL
            .iter()
            .all(|k| p.targets(*k).iter().all(|r| r.severity.is_none()));
        let keys = if one_row {
            vec![None]
        } else {
            self.severity_keys()
        };
        keys.into_iter()
            .map(|sev| TargetRow {
                severity: sev.map(|s| s.to_string()).unwrap_or_default(),
                label: sev
                    .and_then(|s| self.cat.severity(s))
                    .map(|s| s.label.clone())
                    .unwrap_or_default(),
                severity_name: sev
                    .and_then(|s| self.cat.severity(s))
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                response: words(TargetKind::Response, sev),
                updates: words(TargetKind::Updates, sev),
                resolution: words(TargetKind::Resolution, sev),
            })
            .filter(|r| r.response.is_some() || r.updates.is_some() || r.resolution.is_some())
            .collect()
    }

    /// The comparison's target rows: per kind of target that some plan states, a row per
    /// severity (one row without severities), a cell per plan; then a row of target rules.
    fn compare_targets(&self) -> Vec<CompareRow> {
        let t = self.t;
        let cat = self.cat;
        let mut rows = Vec::new();
        for (kind, key) in [
            (TargetKind::Response, "target_response"),
            (TargetKind::Updates, "target_updates"),
            (TargetKind::Resolution, "target_resolution"),
        ] {
            if cat.plans.iter().all(|p| p.targets(kind).is_empty()) {
                continue;
            }
            for sev in self.severity_keys() {
                let label = match sev.and_then(|s| cat.severity(s)) {
                    Some(s) => format!(
                        "{}{} {} ({})",
                        t.word(key),
                        t.word("colon"),
                        s.label,
                        s.name
                    ),
                    None => t.word(key),
                };
                rows.push(CompareRow {
                    label,
                    cells: cat
                        .plans
                        .iter()
                        .map(|p| p.target(kind, sev).map(|r| format::target(t, r).words))
                        .map(|w| w.map(|w| vec![w]).unwrap_or_default())
                        .collect(),
                });
            }
        }
        if cat.plans.iter().any(|p| !p.target_rules.is_empty()) {
            rows.push(CompareRow {
                label: t.word("target_rules"),
                cells: cat
                    .plans
                    .iter()
                    .map(|p| self.target_rule_lines(p))
                    .collect(),
            });
        }
        rows
    }

    fn target_rule_lines(&self, p: &Plan) -> Vec<String> {
        let t = self.t;
        p.target_rules
            .iter()
            .map(|r| {
                let targets: Vec<String> = TargetKind::ALL
                    .iter()
                    .flat_map(|k| r.targets(*k))
                    .map(|x| {
                        let mut kind = t.word(match x.kind {
                            TargetKind::Response => "target_response",
                            TargetKind::Updates => "target_updates",
                            TargetKind::Resolution => "target_resolution",
                        });
                        if let Some(s) = &x.severity {
                            kind = format!("{kind} ({s})");
                        }
                        t.fill(
                            "target_kind_words",
                            &[("kind", &kind), ("words", &format::target(t, x).words)],
                        )
                    })
                    .collect();
                let targets = targets
                    .into_iter()
                    .reduce(|a, b| t.fill("target_rule_and", &[("a", &a), ("b", &b)]))
                    .unwrap_or_default();
                t.fill(
                    "target_rule_line",
                    &[
                        ("cases", &format::rule_cases(self.cat, &r.when)),
                        ("targets", &targets),
                    ],
                )
            })
            .collect()
    }

    fn severities(&self) -> Vec<SeverityView> {
        self.cat
            .severities
            .iter()
            .map(|s| SeverityView {
                id: s.id.clone(),
                name: s.name.clone(),
                label: s.label.clone(),
                description_html: self.links.md(s.description.as_deref(), 4),
            })
            .collect()
    }

    fn products(&self) -> Vec<ProductView> {
        let cat = self.cat;
        cat.products
            .iter()
            .map(|p| ProductView {
                id: p.id.clone(),
                name: p.name.clone(),
                url: self.urls.path(&Place::Product(&p.id).link()),
                vendor: p
                    .vendor
                    .as_deref()
                    .and_then(|v| cat.organisation(v))
                    .map(|o| o.name.clone()),
                description_html: self.links.md(p.description.as_deref(), 3),
            })
            .collect()
    }

    fn issues(&self) -> Vec<IssueView> {
        self.cat
            .issue_types
            .iter()
            .map(|i| IssueView {
                id: i.id.clone(),
                name: i.name.clone(),
                category: self
                    .t
                    .word(&format!("category_{}", serde_plain(&i.category))),
                description_html: self.links.md(i.description.as_deref(), 4),
                examples: i.examples.clone(),
            })
            .collect()
    }

    fn tiers(&self) -> Vec<TierView> {
        self.cat
            .tiers
            .iter()
            .map(|tier| {
                let s = stage(self.cat, self.t, self.urls, tier, None);
                TierView {
                    id: tier.id.clone(),
                    name: tier.name.clone(),
                    responsible: s.responsible,
                    partner_only: s.partner_only,
                    contact: s.contact,
                    contact_url: s.contact_url,
                    scope_html: self.links.md(tier.scope.as_deref(), 4),
                }
            })
            .collect()
    }
}

impl<'a> Model<'a> {
    pub(super) fn new(
        cat: &'a Catalogue,
        matrix: &Matrix,
        t: &'a I18n,
        links: Linker<'a>,
        language_names: &BTreeMap<String, String>,
    ) -> Model<'a> {
        let urls = links.edition.urls.clone();
        let calendars: BTreeMap<String, CalendarView> = cat
            .calendars
            .iter()
            .map(|c| {
                let mut view = format::calendar(t, c);
                view.note_html = links.md(c.note.as_deref(), 4);
                (c.id.clone(), view)
            })
            .collect();
        let sources = Sources {
            cat,
            t,
            urls: &urls,
            links,
            calendars: &calendars,
            language_names,
        };
        let (contacts, plans) = (sources.contacts(), sources.plans());
        let allowance_rows = sources.allowance_rows(&plans);
        let add_ons = sources.add_ons();
        let built = format::date(&t.formats, &build_date());
        let version = cat.partner.terms_version.clone();
        let terms = TermsView {
            stamp: match &version {
                Some(v) => t.fill("terms_version_as_of", &[("version", v), ("date", &built)]),
                None => t.fill("terms_as_of", &[("date", &built)]),
            },
            version,
            built,
            any_term: cat.plans.iter().any(|p| p.term.is_some()),
        };
        let (severities, products) = (sources.severities(), sources.products());
        let (issues, tiers) = (sources.issues(), sources.tiers());
        let target_compare = sources.compare_targets();
        Model {
            cat,
            t,
            urls,
            links,
            calendars,
            contacts,
            plans,
            severities,
            products,
            issues,
            tiers,
            entry_contacts: entry_contacts(cat, matrix),
            allowance_rows,
            add_ons,
            terms,
            target_compare,
        }
    }

    /// The customer-facing contact with this id, as shown.
    pub(super) fn contact(&self, id: &str) -> Option<&ContactView> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// Markdown of a page body, and its words for the search index.
    pub(super) fn page_html(
        &self,
        page: &Page,
        pages: &PageIndex,
        memo: Option<&BodyMemo>,
    ) -> (std::sync::Arc<str>, std::sync::Arc<PlainText>) {
        let url = |p: &str| self.links.url(p);
        let links = Links {
            url: &url,
            page: Some((page, pages)),
        };
        match memo {
            Some(memo) => memo.html(
                &self.links.edition.language.tag,
                page,
                |rewrites| markdown::same_rewrites(rewrites, &links),
                || markdown::to_html_words_and_rewrites(&page.body, &links, 2, true),
            ),
            None => {
                let (html, words) = markdown::to_html_and_words(&page.body, &links, 2, true);
                (html.into(), words.into())
            }
        }
    }
}

/// `https://portal.example/cases/new` → `portal.example/cases/new`.
fn display(v: &str) -> String {
    let v = v.trim();
    let bare = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .unwrap_or(v);
    bare.strip_suffix('/').unwrap_or(bare).to_string()
}

/// A serde unit enum's name (`commercial`).
pub(super) fn serde_plain<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A tier as a stage of a path about `product` (the vendor depends on it).
pub(super) fn stage(
    cat: &Catalogue,
    t: &I18n,
    urls: &Urls,
    tier: &Tier,
    product: Option<&str>,
) -> Stage {
    let contact: Option<&Contact> = cat.contact(&tier.contact);
    let partner_only = contact.is_none_or(Contact::is_partner_only);
    let responsible = match (&tier.responsible, product) {
        (Responsible::Vendor, None) => vendors(cat, t).unwrap_or_else(|| t.word("the_vendor")),
        // A product without a vendor organisation: the theme's word (the partner itself for a
        // vendor's portal), in the page's language.
        (Responsible::Vendor, Some(p))
            if cat
                .product(p)
                .and_then(|p| p.vendor.as_deref())
                .and_then(|v| cat.organisation(v))
                .is_none() =>
        {
            t.word("the_vendor")
        }
        (Responsible::Provider, _) if cat.partner.provider.is_none() => {
            t.word("the_provider").to_string()
        }
        (r, p) => cat.responsible_name(r, p),
    };
    Stage {
        tier: tier.name.clone(),
        tier_url: urls.path(&paths::tier_anchor(&tier.id)),
        responsible,
        partner_only,
        contact: contact.map_or(tier.contact.clone(), |c| c.name.clone()),
        contact_url: (!partner_only).then(|| urls.path(&paths::contact_anchor(&tier.contact))),
    }
}

/// The vendors of the products (`Microsoft`), when they all have one.
fn vendors(cat: &Catalogue, t: &I18n) -> Option<String> {
    let mut names: Vec<String> = cat
        .products
        .iter()
        .map(|p| {
            p.vendor
                .as_deref()
                .and_then(|v| cat.organisation(v))
                .map(|o| o.name.clone())
        })
        .collect::<Option<_>>()?;
    names.sort();
    names.dedup();
    (!names.is_empty()).then(|| t.formats.or_list(&names))
}

/// Contacts of first tiers, ordered by how many cases start with them.
fn entry_contacts(cat: &Catalogue, m: &Matrix) -> Vec<usize> {
    let mut count = vec![0usize; cat.contacts.len()];
    let wins = m.win_counts(cat.routing.rules.len());
    let mut add = |path: &[String], n: usize| {
        if let Some(c) = path
            .first()
            .and_then(|t| cat.tier(t))
            .and_then(|t| cat.index.contacts.get(&t.contact))
        {
            count[*c] += n;
        }
    };
    for (rule, n) in cat.routing.rules.iter().zip(&wins) {
        add(&rule.path, *n);
    }
    if let Some(f) = &cat.routing.fallback {
        // With a fallback no case is a gap: every case a rule does not win is the fallback's.
        let decided: usize = wins.iter().sum();
        add(f, m.len().saturating_sub(decided));
    }
    let mut ids: Vec<usize> = (0..cat.contacts.len())
        .filter(|&i| !cat.contacts[i].is_partner_only())
        .collect();
    ids.sort_by_key(|&i| {
        (
            std::cmp::Reverse(count[i] > 0),
            std::cmp::Reverse(count[i]),
            i,
        )
    });
    ids.truncate(ids.iter().filter(|&&i| count[i] > 0).count().max(1));
    ids
}
