//! The resolved catalogue: every reference checked, every value parsed. Ids stay as strings
//! (they are what the portal and the JSON API show); [`Index`] finds an id's position.

use super::calendar::Calendar;
use super::price::Price;
pub(crate) use super::raw::{
    Audience, Category, Clock, MethodType, OrgRole, Per, Policy, Relationship,
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
    pub response: Vec<ResponseTarget>,
    pub features: Vec<String>,
    pub exclusions: Vec<String>,
    /// The plan's `hours` value, where what it promises is written.
    #[serde(skip)]
    pub hours_loc: Loc,
    /// `keywords`: for the search index only.
    #[serde(skip)]
    pub keywords: Vec<String>,
}

impl Plan {
    pub(crate) fn response_for(&self, severity: &str) -> Option<&ResponseTarget> {
        self.response.iter().find(|r| r.severity == severity)
    }
}

#[derive(Debug, Serialize, Clone)]
pub(crate) struct ResponseTarget {
    pub severity: String,
    /// Minutes of the chosen clock.
    pub within_minutes: u32,
    /// As written: `4h`.
    pub within: String,
    pub clock: Clock,
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
