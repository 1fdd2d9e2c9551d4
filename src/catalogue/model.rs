//! The resolved catalogue: every reference checked, every value parsed. Ids stay as strings
//! (they are what the portal and the JSON API show); [`Index`] finds an id's position.

use super::calendar::Calendar;
pub(crate) use super::duration::Length;
use super::price::Price;
pub(crate) use super::raw::{
    AllowanceKind, AllowancePer, Audience, Category, Clock, MethodType, OrgRole, Per, Policy,
    Relationship, TaxPrices,
};
use crate::diagnostics::Loc;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Catalogue {
    pub partner: Partner,
    pub organisations: Vec<Organisation>,
    pub calendars: Vec<Calendar>,
    pub contacts: Vec<Contact>,
    pub tiers: Vec<Tier>,
    pub severities: Vec<Severity>,
    pub plans: Vec<Plan>,
    pub products: Vec<Product>,
    pub issue_types: Vec<IssueType>,
    pub routing: Routing,
    pub expectations: Vec<Expectation>,
    /// The catalogue's own holiday sets (`holiday_sets`), in definition order.
    #[serde(skip)]
    pub holiday_sets: Vec<std::sync::Arc<super::holidays::HolidaySet>>,
    /// Priced extras, each with the plans it applies to.
    pub add_ons: Vec<AddOn>,
    #[serde(skip)]
    pub index: Index,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Partner {
    pub name: String,
    pub relationship: Relationship,
    pub provider: Option<String>,
    pub website: Option<String>,
    pub description: Option<String>,
    pub tax: Option<Tax>,
    pub terms_version: Option<String>,
}

/// Whether prices include tax, and the tax's name (`VAT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Tax {
    pub prices: TaxPrices,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Organisation {
    pub id: String,
    pub name: String,
    pub role: OrgRole,
    pub website: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Contact {
    pub id: String,
    pub name: String,
    pub audience: Audience,
    pub operated_by: Option<String>,
    pub hours: String,
    pub languages: Vec<String>,
    pub methods: Vec<Method>,
    pub note: Option<String>,
    /// `keywords`: for the search index only.
    #[serde(skip)]
    pub keywords: Vec<String>,
}

impl Contact {
    pub(crate) fn is_partner_only(&self) -> bool {
        self.audience == Audience::PartnerOnly
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Method {
    #[serde(rename = "type")]
    pub kind: MethodType,
    pub value: String,
    pub hours: Option<String>,
    pub label: Option<String>,
}

/// Who is responsible for a tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Responsible {
    Partner,
    /// The partner's indirect provider.
    Provider,
    /// The vendor of the product in question.
    Vendor,
    Organisation(String),
}

impl Serialize for Responsible {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(match self {
            Responsible::Partner => "partner",
            Responsible::Provider => "provider",
            Responsible::Vendor => "vendor",
            Responsible::Organisation(id) => id,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Tier {
    pub id: String,
    pub name: String,
    pub contact: String,
    pub responsible: Responsible,
    pub scope: Option<String>,
    /// `keywords`: for the search index only.
    #[serde(skip)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Severity {
    pub id: String,
    pub name: String,
    /// Shown where the severity is shown in short; the id unless the catalogue gives one.
    pub label: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Plan {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub price: Price,
    pub hours: String,
    pub contacts: Vec<String>,
    pub response: Vec<Target>,
    pub features: Vec<String>,
    pub exclusions: Vec<String>,
    pub allowances: Vec<Allowance>,
    pub term: Option<Term>,
    /// The plan's `hours` value, where what it promises is written.
    #[serde(skip)]
    pub hours_loc: Loc,
    /// How often an open case hears back.
    pub updates: Vec<Target>,
    /// Targets to resolve or restore service.
    pub resolution: Vec<Target>,
    /// Targets for some cases only, in order.
    pub target_rules: Vec<TargetRule>,
    /// `keywords`: for the search index only.
    #[serde(skip)]
    pub keywords: Vec<String>,
}

/// The three kinds of target a plan states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TargetKind {
    Response,
    Updates,
    Resolution,
}

impl TargetKind {
    pub(crate) const ALL: [TargetKind; 3] = [
        TargetKind::Response,
        TargetKind::Updates,
        TargetKind::Resolution,
    ];

    /// The catalogue's key: `response`, `updates`, `resolution`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            TargetKind::Response => "response",
            TargetKind::Updates => "updates",
            TargetKind::Resolution => "resolution",
        }
    }

    /// The key of a long target's duration: `within`, or `every` for updates.
    pub(crate) fn duration_key(self) -> &'static str {
        match self {
            TargetKind::Updates => "every",
            _ => "within",
        }
    }
}

/// What a plan includes in countable units: `count` of `kind` (`None`: unlimited) `per` period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Allowance {
    pub kind: AllowanceKind,
    /// `None`: unlimited.
    pub count: Option<u64>,
    pub unlimited: bool,
    pub per: Option<AllowancePer>,
    pub note: Option<String>,
}

/// A plan's commitment and cancellation notice; a value not written is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Term {
    pub minimum_months: Option<u64>,
    pub notice_days: Option<u64>,
}

/// A priced extra, with the ids of the plans it can be added to (every plan when the
/// catalogue names none).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AddOn {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub price: Price,
    pub plans: Vec<String>,
}

impl Plan {
    /// The plan's own target of `kind` for `severity` (`None`: the one for every severity).
    pub(crate) fn target(&self, kind: TargetKind, severity: Option<&str>) -> Option<&Target> {
        Self::pick(self.targets(kind), severity)
    }

    pub(crate) fn targets(&self, kind: TargetKind) -> &[Target] {
        match kind {
            TargetKind::Response => &self.response,
            TargetKind::Updates => &self.updates,
            TargetKind::Resolution => &self.resolution,
        }
    }

    /// The target of a list for `severity`: its own, or one written for every severity.
    fn pick<'p>(list: &'p [Target], severity: Option<&str>) -> Option<&'p Target> {
        list.iter()
            .find(|t| t.severity.is_some() && t.severity.as_deref() == severity)
            .or_else(|| list.iter().find(|t| t.severity.is_none()))
    }

    /// The target of `kind` for a case: the first target rule matching it that names a target
    /// of that kind for its severity decides; otherwise the plan's own. `None` for a dimension
    /// not known (a rule on it then does not match).
    pub(crate) fn target_for(
        &self,
        kind: TargetKind,
        product: Option<&str>,
        issue: Option<&str>,
        severity: Option<&str>,
    ) -> Option<&Target> {
        self.target_rules
            .iter()
            .filter(|r| r.matches(product, issue, severity))
            .find_map(|r| Self::pick(r.targets(kind), severity))
            .or_else(|| self.target(kind, severity))
    }
}

/// Targets for the cases a rule matches.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TargetRule {
    pub when: When,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub response: Vec<Target>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Target>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resolution: Vec<Target>,
    #[serde(skip)]
    pub loc: Loc,
}

impl TargetRule {
    pub(crate) fn targets(&self, kind: TargetKind) -> &[Target] {
        match kind {
            TargetKind::Response => &self.response,
            TargetKind::Updates => &self.updates,
            TargetKind::Resolution => &self.resolution,
        }
    }

    /// Whether the rule matches a case; an unknown value (`None`) matches only a dimension
    /// the rule does not name.
    pub(crate) fn matches(
        &self,
        product: Option<&str>,
        issue: Option<&str>,
        severity: Option<&str>,
    ) -> bool {
        let one = |ids: &Option<Vec<String>>, v: Option<&str>| {
            ids.as_ref()
                .is_none_or(|ids| v.is_some_and(|v| ids.iter().any(|i| i == v)))
        };
        one(&self.when.product, product)
            && one(&self.when.issue, issue)
            && one(&self.when.severity, severity)
    }
}

/// A target: how long, on which clock, for one severity or (`severity: None`) for all.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub kind: TargetKind,
    pub severity: Option<String>,
    /// As written: `4h`, `1bd`.
    pub written: String,
    pub length: Length,
    pub clock: Clock,
    /// Where the target is written.
    pub loc: Loc,
}

/// `{"severity": "A", "within": "4h", "within_minutes": 240, "clock": "calendar"}`; updates
/// say `every` / `every_minutes`; business days give `business_days` instead of minutes.
impl Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        if let Some(sev) = &self.severity {
            m.serialize_entry("severity", sev)?;
        }
        let key = self.kind.duration_key();
        m.serialize_entry(key, &self.written)?;
        match self.length {
            Length::Minutes(n) => m.serialize_entry(
                if key == "every" {
                    "every_minutes"
                } else {
                    "within_minutes"
                },
                &n,
            )?,
            Length::BusinessDays(n) => m.serialize_entry("business_days", &n)?,
        }
        m.serialize_entry("clock", &self.clock)?;
        m.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Product {
    pub id: String,
    pub name: String,
    pub vendor: Option<String>,
    pub description: Option<String>,
    /// `keywords`: for the search index only.
    #[serde(skip)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IssueType {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub description: Option<String>,
    pub examples: Vec<String>,
    /// `keywords`: for the search index only.
    #[serde(skip)]
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Routing {
    pub policy: Policy,
    pub rules: Vec<Rule>,
    pub fallback: Option<Vec<String>>,
    #[serde(skip)]
    pub loc: Option<Loc>,
    #[serde(skip)]
    pub fallback_loc: Option<Loc>,
}

/// A routing rule. `when` holds, per dimension, the ids it matches (`None`: any value).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Rule {
    pub id: String,
    pub when: When,
    pub covered: bool,
    pub path: Vec<String>,
    pub note: Option<String>,
    #[serde(skip)]
    pub loc: Loc,
    #[serde(skip)]
    pub path_loc: Loc,
}

#[derive(Debug, Serialize, Default, Clone)]
pub(crate) struct When {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Vec<String>>,
}

#[derive(Debug, Serialize, Default, Clone, PartialEq, Eq)]
pub(crate) struct CaseSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Expectation {
    pub case: CaseSpec,
    pub covered: bool,
    pub path: Vec<String>,
    #[serde(skip)]
    pub loc: Loc,
}

/// Positions of ids, per kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub organisations: HashMap<String, usize>,
    pub calendars: HashMap<String, usize>,
    pub contacts: HashMap<String, usize>,
    pub tiers: HashMap<String, usize>,
    pub severities: HashMap<String, usize>,
    pub plans: HashMap<String, usize>,
    pub products: HashMap<String, usize>,
    pub issue_types: HashMap<String, usize>,
    pub add_ons: HashMap<String, usize>,
}

impl Catalogue {
    pub(crate) fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.index
            .organisations
            .get(id)
            .map(|&i| &self.organisations[i])
    }
    pub(crate) fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.index.calendars.get(id).map(|&i| &self.calendars[i])
    }
    pub(crate) fn contact(&self, id: &str) -> Option<&Contact> {
        self.index.contacts.get(id).map(|&i| &self.contacts[i])
    }
    pub(crate) fn tier(&self, id: &str) -> Option<&Tier> {
        self.index.tiers.get(id).map(|&i| &self.tiers[i])
    }
    pub(crate) fn plan(&self, id: &str) -> Option<&Plan> {
        self.index.plans.get(id).map(|&i| &self.plans[i])
    }
    pub(crate) fn product(&self, id: &str) -> Option<&Product> {
        self.index.products.get(id).map(|&i| &self.products[i])
    }
    pub(crate) fn issue_type(&self, id: &str) -> Option<&IssueType> {
        self.index
            .issue_types
            .get(id)
            .map(|&i| &self.issue_types[i])
    }
    pub(crate) fn severity(&self, id: &str) -> Option<&Severity> {
        self.index.severities.get(id).map(|&i| &self.severities[i])
    }
    pub(crate) fn add_on(&self, id: &str) -> Option<&AddOn> {
        self.index.add_ons.get(id).map(|&i| &self.add_ons[i])
    }
    /// The add-ons `plan` can take, in catalogue order.
    pub(crate) fn add_ons_of<'a>(&'a self, plan: &'a str) -> impl Iterator<Item = &'a AddOn> {
        self.add_ons
            .iter()
            .filter(move |a| a.plans.iter().any(|p| p == plan))
    }

    /// The name of whoever is responsible for `tier`, for a case about `product` (the vendor
    /// depends on the product).
    pub(crate) fn responsible_name(
        &self,
        responsible: &Responsible,
        product: Option<&str>,
    ) -> String {
        let org_name = |id: &str| self.organisation(id).map(|o| o.name.clone());
        match responsible {
            Responsible::Partner => self.partner.name.clone(),
            Responsible::Provider => self
                .partner
                .provider
                .as_deref()
                .and_then(org_name)
                .unwrap_or_else(|| "the indirect provider".into()),
            Responsible::Vendor => product
                .and_then(|p| self.product(p))
                .and_then(|p| p.vendor.as_deref())
                .and_then(org_name)
                .unwrap_or_else(|| "the vendor".into()),
            Responsible::Organisation(id) => org_name(id).unwrap_or_else(|| id.clone()),
        }
    }

    /// Whether `responsible` is the vendor (by keyword or by an organisation whose role is vendor).
    pub(crate) fn is_vendor(&self, responsible: &Responsible) -> bool {
        match responsible {
            Responsible::Vendor => true,
            Responsible::Organisation(id) => self
                .organisation(id)
                .is_some_and(|o| o.role == OrgRole::Vendor),
            _ => false,
        }
    }

    /// Whether `responsible` is the partner's indirect provider.
    pub(crate) fn is_provider(&self, responsible: &Responsible) -> bool {
        match responsible {
            Responsible::Provider => true,
            Responsible::Organisation(id) => self.partner.provider.as_deref() == Some(id),
            _ => false,
        }
    }
}
