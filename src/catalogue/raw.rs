//! The catalogue format as written (spec section 3): serde types that refuse unknown keys and
//! keep the location of every value. The JSON Schema of `supportbook schema` is derived from
//! these same types, so the schema and the loader cannot drift apart.

use crate::yaml::{OneOrMany, Pairs, Recover, Spanned};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use std::borrow::Cow;

pub(crate) type S<T> = Spanned<T>;
pub(crate) type Text = S<String>;

/// One file under `catalogue/`. Every section is optional in one file; the joined catalogue
/// must have the required ones.
#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct CatalogueFile {
    pub partner: Option<Recover<Partner>>,
    pub organisations: Option<Vec<Recover<Organisation>>>,
    pub calendars: Option<Vec<Recover<Calendar>>>,
    pub contacts: Option<Vec<Recover<Contact>>>,
    pub tiers: Option<Vec<Recover<Tier>>>,
    pub severities: Option<Vec<Recover<Severity>>>,
    pub plans: Option<Vec<Recover<Plan>>>,
    pub products: Option<Vec<Recover<Product>>>,
    pub issue_types: Option<Vec<Recover<IssueType>>>,
    pub routing: Option<S<Routing>>,
    pub expectations: Option<Vec<Recover<Expectation>>>,
}

/// The section names, for "did you mean" and for error messages.
pub(crate) const SECTIONS: &[&str] = &[
    "partner",
    "organisations",
    "calendars",
    "contacts",
    "tiers",
    "severities",
    "plans",
    "products",
    "issue_types",
    "routing",
    "expectations",
];

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Relationship {
    DirectBill,
    IndirectReseller,
    IndirectProvider,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Partner {
    pub name: Text,
    pub relationship: S<Relationship>,
    /// Organisation id of the indirect provider; required for `indirect-reseller`.
    pub provider: Option<Text>,
    pub website: Option<Text>,
    /// Markdown.
    pub description: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum OrgRole {
    Vendor,
    Provider,
    Contractor,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Organisation {
    pub id: Text,
    pub name: Text,
    pub role: S<OrgRole>,
    pub website: Option<Text>,
    /// Markdown.
    pub description: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Calendar {
    pub id: Text,
    pub name: Text,
    /// IANA time zone name, e.g. `Europe/Rome`.
    pub timezone: Text,
    /// Day key (`mon`, `mon-fri`, `mon,wed,fri`) to one `HH:MM-HH:MM` interval or a list.
    pub weekly: Option<S<Pairs<Text, S<OneOrMany<Text>>>>>,
    /// 24 x 7; `weekly` must then be absent.
    pub always_open: Option<S<bool>>,
    pub holidays: Option<Vec<Recover<Holiday>>>,
    /// Markdown.
    pub note: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Holiday {
    /// `YYYY-MM-DD`.
    pub date: Text,
    pub name: Text,
    /// Reduced hours that day; absent means closed all day.
    pub hours: Option<S<OneOrMany<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Audience {
    #[default]
    Customers,
    PartnerOnly,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    pub id: Text,
    pub name: Text,
    pub audience: Option<S<Audience>>,
    /// Organisation id, when support is outsourced; default: the partner.
    pub operated_by: Option<Text>,
    /// Calendar id.
    pub hours: Text,
    pub languages: Option<Vec<Text>>,
    pub methods: Vec<Recover<Method>>,
    /// Markdown.
    pub note: Option<Text>,
    /// Words customers use for it (search finds it by them; never shown).
    pub keywords: Option<Vec<Text>>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum MethodType {
    Phone,
    Email,
    Web,
    Chat,
    Teams,
    Other,
}

impl MethodType {
    /// The type as written in the catalogue (`phone`).
    pub(crate) fn word(self) -> &'static str {
        match self {
            MethodType::Phone => "phone",
            MethodType::Email => "email",
            MethodType::Web => "web",
            MethodType::Chat => "chat",
            MethodType::Teams => "teams",
            MethodType::Other => "other",
        }
    }
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Method {
    #[serde(rename = "type")]
    pub kind: S<MethodType>,
    pub value: Text,
    /// Calendar id: this method's own hours.
    pub hours: Option<Text>,
    /// A short label shown instead of the type name.
    pub label: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tier {
    pub id: Text,
    pub name: Text,
    /// Contact id.
    pub contact: Text,
    /// `partner`, `provider`, `vendor` or an organisation id; default partner.
    pub responsible: Option<Text>,
    /// Markdown: what this tier diagnoses and resolves.
    pub scope: Option<Text>,
    /// Words customers use for it (search finds it by them; never shown).
    pub keywords: Option<Vec<Text>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Severity {
    pub id: Text,
    pub name: Text,
    /// Markdown.
    pub description: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Plan {
    pub id: Text,
    pub name: Text,
    /// Markdown.
    pub summary: Option<Text>,
    pub price: S<Price>,
    /// Calendar id.
    pub hours: Text,
    /// Customer-facing contact ids.
    pub contacts: S<Vec<Text>>,
    /// First-response targets by severity id: `4h` or `{ within: 4h, clock: always }`.
    pub response: Option<S<Pairs<Text, S<ResponseTarget>>>>,
    pub features: Option<Vec<Text>>,
    pub exclusions: Option<Vec<Text>>,
    /// Words customers use for it (search finds it by them; never shown).
    pub keywords: Option<Vec<Text>>,
}

/// Every price form shares this one mapping; which keys are set decides the form (checked
/// after loading, with a message naming the forms).
#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Price {
    /// `{ included: true }`: free with every subscription.
    pub included: Option<S<bool>>,
    /// Flat price: an exact decimal.
    pub amount: Option<S<Amount>>,
    /// ISO 4217 code of `amount`; for percentage forms, the currency of the spend.
    pub currency: Option<Text>,
    /// `month | year | user-month | incident | hour | one-off`.
    pub per: Option<S<Per>>,
    pub percent_of_spend: Option<S<Amount>>,
    pub minimum: Option<S<Money>>,
    pub maximum: Option<S<Money>>,
    pub bands: Option<S<Vec<S<Band>>>>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Per {
    Month,
    Year,
    UserMonth,
    Incident,
    Hour,
    OneOff,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Money {
    pub amount: S<Amount>,
    pub currency: Text,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Band {
    /// Upper bound of this spend band; only the last band may lack it.
    pub up_to: Option<S<Amount>>,
    pub percent: S<Amount>,
}

/// A decimal number exactly as written (`49.90` or `"49.90"`).
#[derive(Deserialize, Debug, Clone)]
#[serde(transparent)]
pub(crate) struct Amount(pub String);

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An exact decimal number, e.g. 49.90 or \"49.90\".",
            "anyOf": [{ "type": "number" }, { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" }]
        })
    }
}

/// `4h` (counted in the plan's staffed hours) or `{ within: 4h, clock: always }`.
#[derive(Debug)]
pub(crate) enum ResponseTarget {
    Short(String),
    Long(LongTarget),
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct LongTarget {
    /// `30m`, `4h`, `2d`.
    pub within: Text,
    pub clock: Option<S<Clock>>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Clock {
    /// Only the plan's staffed hours count.
    #[default]
    Calendar,
    /// Every hour counts.
    Always,
}

impl<'de> Deserialize<'de> for ResponseTarget {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = ResponseTarget;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a duration like `4h` or a mapping `{ within: 4h, clock: always }`")
            }
            fn visit_str<E>(self, s: &str) -> Result<ResponseTarget, E> {
                Ok(ResponseTarget::Short(s.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                a: A,
            ) -> Result<ResponseTarget, A::Error> {
                let d = serde::de::value::MapAccessDeserializer::new(a);
                LongTarget::deserialize(d).map(ResponseTarget::Long)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for ResponseTarget {
    fn schema_name() -> Cow<'static, str> {
        "ResponseTarget".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let long = g.subschema_for::<LongTarget>();
        json_schema!({ "anyOf": [{ "type": "string", "pattern": "^[0-9]+[mhd]$" }, long] })
    }
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Product {
    pub id: Text,
    pub name: Text,
    /// Organisation id.
    pub vendor: Option<Text>,
    /// Markdown.
    pub description: Option<Text>,
    /// Words customers use for it (search finds it by them; never shown).
    pub keywords: Option<Vec<Text>>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Category {
    Commercial,
    Subscription,
    Technical,
    Other,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct IssueType {
    pub id: Text,
    pub name: Text,
    pub category: S<Category>,
    /// Markdown.
    pub description: Option<Text>,
    pub examples: Option<Vec<Text>>,
    /// Words customers use for it (search finds it by them; never shown).
    pub keywords: Option<Vec<Text>>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Policy {
    /// The earliest matching rule wins.
    #[default]
    First,
    /// No case may match two rules.
    Unique,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Routing {
    pub policy: Option<S<Policy>>,
    pub rules: Option<Vec<Recover<Rule>>>,
    /// The path of a case that no rule matches.
    pub fallback: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rule {
    pub id: Text,
    pub when: Option<S<When>>,
    /// Tier ids, in escalation order.
    pub path: Option<S<Vec<Text>>>,
    /// `false`: explicitly not supported (then `path` is absent).
    pub covered: Option<S<bool>>,
    /// Markdown.
    pub note: Option<Text>,
}

/// Which cases a rule matches: an absent dimension matches any value.
#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct When {
    pub product: Option<S<OneOrMany<Text>>>,
    pub issue: Option<S<OneOrMany<Text>>>,
    pub severity: Option<S<OneOrMany<Text>>>,
    pub plan: Option<S<OneOrMany<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expectation {
    pub case: S<CaseSpec>,
    pub path: Option<S<Vec<Text>>>,
    pub covered: Option<S<bool>>,
}

/// One value per named dimension.
#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct CaseSpec {
    pub product: Option<Text>,
    pub issue: Option<Text>,
    pub severity: Option<Text>,
    pub plan: Option<Text>,
}
