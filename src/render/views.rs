//! The template context: the catalogue turned into words, numbers and URLs once, shared by
//! every page (contacts, calendars, plans, tiers, products, navigation), and the per-page
//! data each template receives.

use super::format::{self, CalendarView, PriceView, TargetView};
use super::i18n::I18n;
use super::markdown::{self, Links};
use crate::catalogue::{Catalogue, Contact, MethodType, Responsible, Tier, is_url};
use crate::links::PageIndex;
use crate::routing::Matrix;
use crate::site::Page;
use serde::Serialize;
use std::collections::BTreeMap;

/// URLs under the site's base.
pub struct Urls {
    /// `https://example.com/support/`.
    pub base_url: String,
    /// `/support/`.
    pub base_path: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let base_path = url::Url::parse(base_url)
            .map(|u| u.path().to_string())
            .unwrap_or_else(|_| "/".into());
        Urls {
            base_url: base_url.to_string(),
            base_path,
        }
    }
    /// `plans/` → `/support/plans/`.
    pub fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_path)
    }
    /// `plans/` → `https://example.com/support/plans/`.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_url)
    }
    pub fn links(&self) -> Links<'_> {
        Links {
            base_path: &self.base_path,
            page: None,
        }
    }
    /// Markdown of a catalogue field, headings from `h`.
    pub fn md(&self, text: Option<&str>, h: u8) -> Option<String> {
        text.map(|t| markdown::to_html(t, &self.links(), h, false))
    }
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
    pub key: String,
}

#[derive(Serialize)]
pub struct MethodView {
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
pub struct ContactView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub operated_by: Option<String>,
    pub languages: String,
    pub calendar: String,
    pub hours: String,
    pub timezone: String,
    pub methods: Vec<MethodView>,
    pub note_html: Option<String>,
}

#[derive(Serialize)]
pub struct PlanView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub summary_html: Option<String>,
    pub price: PriceView,
    pub calendar: String,
    pub hours: String,
    pub timezone: String,
    pub contacts: Vec<Link>,
    pub response: Vec<TargetView>,
    /// A worked example of each target, by severity id.
    pub examples: std::collections::BTreeMap<String, String>,
    pub features: Vec<String>,
    pub exclusions: Vec<String>,
}

#[derive(Serialize)]
pub struct SeverityView {
    pub id: String,
    pub name: String,
    pub description_html: Option<String>,
}

#[derive(Serialize)]
pub struct ProductView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub vendor: Option<String>,
    pub description_html: Option<String>,
}

#[derive(Serialize)]
pub struct IssueView {
    pub id: String,
    pub name: String,
    pub category: String,
    pub description_html: Option<String>,
    pub examples: Vec<String>,
}

/// One stage of an escalation path.
#[derive(Serialize, Clone)]
pub struct Stage {
    pub tier: String,
    pub responsible: String,
    /// Customers cannot contact it: the partner escalates on their behalf.
    pub partner_only: bool,
    pub contact: String,
    /// The contact's section of the contact page (customer-facing contacts only).
    pub contact_url: Option<String>,
}

#[derive(Serialize)]
pub struct TierView {
    pub id: String,
    pub name: String,
    pub responsible: String,
    pub partner_only: bool,
    pub contact: String,
    pub contact_url: Option<String>,
    pub scope_html: Option<String>,
}

/// Everything shared by the pages, computed once.
pub struct Model<'a> {
    pub cat: &'a Catalogue,
    pub t: &'a I18n,
    pub urls: Urls,
    pub calendars: BTreeMap<String, CalendarView>,
    pub contacts: Vec<ContactView>,
    pub plans: Vec<PlanView>,
    pub severities: Vec<SeverityView>,
    pub products: Vec<ProductView>,
    pub issues: Vec<IssueView>,
    pub tiers: Vec<TierView>,
    /// Customer-facing contacts that start paths, the busiest first.
    pub entry_contacts: Vec<usize>,
}

fn method_kind(k: MethodType) -> &'static str {
    crate::routing::answer::method_word(k)
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

impl<'a> Model<'a> {
    pub fn new(cat: &'a Catalogue, matrix: &Matrix, t: &'a I18n, base_url: &str) -> Model<'a> {
        let urls = Urls::new(base_url);
        let calendars: BTreeMap<String, CalendarView> = cat
            .calendars
            .iter()
            .map(|c| (c.id.clone(), format::calendar(t, c)))
            .collect();
        let hours = |id: &str| {
            calendars
                .get(id)
                .map_or((id.to_string(), String::new()), |c| {
                    (c.summary.clone(), c.timezone.clone())
                })
        };
        let contacts = cat
            .contacts
            .iter()
            .filter(|c| !c.is_partner_only())
            .map(|c| {
                let (h, tz) = hours(&c.hours);
                ContactView {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    url: urls.path(&format!("contact/#contact-{}", c.id)),
                    operated_by: c
                        .operated_by
                        .as_deref()
                        .and_then(|o| cat.organisation(o))
                        .map(|o| o.name.clone()),
                    languages: c.languages.join(", "),
                    calendar: c.hours.clone(),
                    hours: h,
                    timezone: tz,
                    methods: c
                        .methods
                        .iter()
                        .map(|m| MethodView {
                            kind: method_kind(m.kind),
                            label: m.label.clone().unwrap_or_else(|| {
                                t.word(&format!("method_{}", method_kind(m.kind)))
                                    .to_string()
                            }),
                            value: m.value.clone(),
                            display: display(&m.value),
                            href: method_href(m.kind, &m.value),
                            hours: m.hours.as_deref().filter(|h| *h != c.hours).map(|h| {
                                let (s, tz) = hours(h);
                                format!("{s} ({tz})")
                            }),
                            calendar: m.hours.clone(),
                        })
                        .collect(),
                    note_html: urls.md(c.note.as_deref(), 3),
                }
            })
            .collect();
        let contact_link = |id: &str| Link {
            title: cat.contact(id).map_or(id.to_string(), |c| c.name.clone()),
            url: urls.path(&format!("contact/#contact-{id}")),
            key: id.to_string(),
        };
        let plans = cat
            .plans
            .iter()
            .map(|p| {
                let (h, tz) = hours(&p.hours);
                PlanView {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    url: urls.path(&format!("plans/{}/", p.id)),
                    summary_html: urls.md(p.summary.as_deref(), 3),
                    price: format::price(t, &p.price),
                    calendar: p.hours.clone(),
                    hours: h,
                    timezone: tz,
                    contacts: p.contacts.iter().map(|c| contact_link(c)).collect(),
                    response: cat
                        .severities
                        .iter()
                        .filter_map(|s| p.response_for(&s.id))
                        .map(|r| format::target(t, r))
                        .collect(),
                    examples: super::due::plan_examples(cat.calendar(&p.hours), t, p),
                    features: p.features.clone(),
                    exclusions: p.exclusions.clone(),
                }
            })
            .collect();
        let severities = cat
            .severities
            .iter()
            .map(|s| SeverityView {
                id: s.id.clone(),
                name: s.name.clone(),
                description_html: urls.md(s.description.as_deref(), 4),
            })
            .collect();
        let products = cat
            .products
            .iter()
            .map(|p| ProductView {
                id: p.id.clone(),
                name: p.name.clone(),
                url: urls.path(&format!("products/{}/", p.id)),
                vendor: p
                    .vendor
                    .as_deref()
                    .and_then(|v| cat.organisation(v))
                    .map(|o| o.name.clone()),
                description_html: urls.md(p.description.as_deref(), 3),
            })
            .collect();
        let issues = cat
            .issue_types
            .iter()
            .map(|i| IssueView {
                id: i.id.clone(),
                name: i.name.clone(),
                category: t
                    .word(&format!("category_{}", serde_plain(&i.category)))
                    .to_string(),
                description_html: urls.md(i.description.as_deref(), 4),
                examples: i.examples.clone(),
            })
            .collect();
        let tiers = cat
            .tiers
            .iter()
            .map(|tier| {
                let s = stage(cat, t, &urls, tier, None);
                TierView {
                    id: tier.id.clone(),
                    name: tier.name.clone(),
                    responsible: s.responsible,
                    partner_only: s.partner_only,
                    contact: s.contact,
                    contact_url: s.contact_url,
                    scope_html: urls.md(tier.scope.as_deref(), 4),
                }
            })
            .collect();
        let entry_contacts = entry_contacts(cat, matrix);
        Model {
            cat,
            t,
            urls,
            calendars,
            contacts,
            plans,
            severities,
            products,
            issues,
            tiers,
            entry_contacts,
        }
    }

    /// The customer-facing contact with this id, as shown.
    pub fn contact(&self, id: &str) -> Option<&ContactView> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// Markdown of a page body.
    pub fn page_html(&self, page: &Page, pages: &PageIndex) -> String {
        let links = Links {
            base_path: &self.urls.base_path,
            page: Some((page, pages)),
        };
        markdown::to_html(&page.body, &links, 2, true)
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
pub fn serde_plain<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// A tier as a stage of a path about `product` (the vendor depends on it).
pub fn stage(cat: &Catalogue, t: &I18n, urls: &Urls, tier: &Tier, product: Option<&str>) -> Stage {
    let contact: Option<&Contact> = cat.contact(&tier.contact);
    let partner_only = contact.is_none_or(Contact::is_partner_only);
    let responsible = match (&tier.responsible, product) {
        (Responsible::Vendor, None) => t.word("the_vendor").to_string(),
        (Responsible::Provider, _) if cat.partner.provider.is_none() => {
            t.word("the_provider").to_string()
        }
        (r, p) => cat.responsible_name(r, p),
    };
    Stage {
        tier: tier.name.clone(),
        responsible,
        partner_only,
        contact: contact.map_or(tier.contact.clone(), |c| c.name.clone()),
        contact_url: (!partner_only)
            .then(|| urls.path(&format!("contact/#contact-{}", tier.contact))),
    }
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
