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
    /// Holidays that recur, written once and named by calendars' `holiday_sets`.
    pub holiday_sets: Option<Vec<Recover<HolidaySet>>>,
    /// Priced extras some plans can take.
    pub add_ons: Option<Vec<Recover<AddOn>>>,
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
    "holiday_sets",
    "add_ons",
];

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Relationship {
    DirectBill,
    IndirectReseller,
    IndirectProvider,
    /// The partner makes the product it supports.
    Vendor,
    /// A managed-service provider that is not a licensing partner.
    ServiceProvider,
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
    /// Whether the prices include tax, and the tax's name.
    pub tax: Option<S<Tax>>,
    /// The version of the support terms, printed with the plan comparison (a tool extension).
    pub terms_version: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tax {
    /// `excluded`: prices are before tax; `included`: prices include it.
    pub prices: S<TaxPrices>,
    /// The tax's name, as customers read it: `VAT`, `IVA`.
    pub name: Text,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TaxPrices {
    Excluded,
    Included,
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
    /// Holiday sets applied in this order (`public:it`, or the id of one of `holiday_sets`);
    /// a later set's holiday replaces an earlier one's on the same date.
    pub holiday_sets: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Holiday {
    /// `YYYY-MM-DD`.
    pub date: Text,
    /// Required unless `open` is true.
    pub name: Option<Text>,
    /// Reduced hours that day; absent means closed all day.
    pub hours: Option<S<OneOrMany<Text>>>,
    /// `true`: this desk works its usual hours on a date one of its holiday sets lists.
    pub open: Option<S<bool>>,
}

/// Holidays that recur, written once and shared by calendars.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolidaySet {
    pub id: Text,
    pub name: Text,
    pub holidays: Vec<Recover<HolidayRule>>,
}

/// One holiday of a set: exactly one of `date`, `easter`, or `month` with `weekday` and `nth`.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolidayRule {
    /// `MM-DD` (every year; `02-29` in leap years only) or `YYYY-MM-DD` (one date).
    pub date: Option<Text>,
    /// Days after Western Easter Sunday (`1`: Easter Monday, `-2`: Good Friday).
    pub easter: Option<S<i64>>,
    /// With `weekday` and `nth`: the n-th weekday of this month (1..12).
    pub month: Option<S<i64>>,
    /// `mon` .. `sun`.
    pub weekday: Option<Text>,
    /// 1..5, or -1 for the last.
    pub nth: Option<S<i64>>,
    pub name: Text,
    /// Reduced hours that day; absent means closed all day.
    pub hours: Option<S<OneOrMany<Text>>>,
    /// Where a holiday on a Saturday or Sunday is kept as well.
    pub observed: Option<S<Observed>>,
    /// The first year the rule applies (a holiday established by law in that year).
    pub since: Option<S<i64>>,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Observed {
    /// The first following Monday-to-Friday date that is not already a holiday.
    NextWeekday,
    /// Saturday: the Friday before; Sunday: the Monday after.
    NearestWeekday,
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
    /// A short label (at most 12 characters) for badges and table heads; default the id.
    #[schemars(length(min = 1, max = 12))]
    pub label: Option<Text>,
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
    /// First-response targets: by severity id (`{ A: 4h, B: { within: 1bd } }`), or one
    /// target for every severity (`1bd`, `{ within: 4h, clock: always }`).
    pub response: Option<S<Targets>>,
    pub features: Option<Vec<Text>>,
    pub exclusions: Option<Vec<Text>>,
    /// What the plan includes, in countable units.
    pub allowances: Option<Vec<Recover<Allowance>>>,
    /// Commitment and cancellation notice.
    pub term: Option<S<Term>>,
    /// How often an open case hears back, in the forms of `response` with `every`.
    pub updates: Option<S<Targets>>,
    /// Targets to resolve or restore service, in the forms of `response`.
    pub resolution: Option<S<Targets>>,
    /// Targets for some cases only: for each target kind, the first matching rule that names
    /// it decides it.
    pub target_rules: Option<Vec<Recover<TargetRule>>>,
    /// Words customers use for it (search finds it by them; never shown).
    pub keywords: Option<Vec<Text>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Allowance {
    pub kind: S<AllowanceKind>,
    /// A positive whole number; or `unlimited: true`.
    #[schemars(range(min = 1))]
    pub count: Option<S<i64>>,
    pub unlimited: Option<S<bool>>,
    pub per: Option<S<AllowancePer>>,
    /// Markdown-free text shown beside the allowance.
    pub note: Option<Text>,
}

#[derive(
    Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum AllowanceKind {
    /// Cases the customer may open.
    Cases,
    /// People who may open cases.
    NamedContacts,
    /// Hours of support work.
    Hours,
}

#[derive(Deserialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AllowancePer {
    Month,
    Year,
    /// The contract's minimum term.
    Term,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct Term {
    /// Minimum commitment in months; 0: none.
    #[schemars(range(min = 0))]
    pub minimum_months: Option<S<i64>>,
    /// Notice to cancel, in days; 0: none.
    #[schemars(range(min = 0))]
    pub notice_days: Option<S<i64>>,
}

/// A priced extra that some plans can take.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddOn {
    pub id: Text,
    pub name: Text,
    /// Markdown.
    pub summary: Option<Text>,
    pub price: S<Price>,
    /// Plan ids it can be added to; default every plan.
    pub plans: Option<S<Vec<Text>>>,
}

/// A plan's targets of one kind: one for every severity, or a map by severity id.
#[derive(Debug)]
pub(crate) enum Targets {
    /// `1bd`: one duration, counted on the plan's calendar, for every severity.
    Short(String),
    /// A mapping: by severity id, or (with keys `within` / `every` and `clock` only) one long
    /// target for every severity; resolving tells them apart.
    Map(Pairs<Text, S<ResponseTarget>>),
}

impl<'de> Deserialize<'de> for Targets {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Targets;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a duration like `1bd`, a mapping `{ within: 4h, clock: always }`, or targets by severity id",
                )
            }
            fn visit_str<E>(self, s: &str) -> Result<Targets, E> {
                Ok(Targets::Short(s.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, a: A) -> Result<Targets, A::Error> {
                let d = serde::de::value::MapAccessDeserializer::new(a);
                Pairs::deserialize(d).map(Targets::Map)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Targets {
    fn schema_name() -> Cow<'static, str> {
        "Targets".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let one = g.subschema_for::<ResponseTarget>();
        json_schema!({
            "description": "One target for every severity (`1bd`, `{ within: 4h, clock: always }`), or targets by severity id.",
            "anyOf": [one, { "type": "object", "additionalProperties": one }]
        })
    }
}

/// Targets for the cases a rule matches (`when`, over product, issue and severity).
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct TargetRule {
    pub when: S<TargetWhen>,
    pub response: Option<S<Targets>>,
    pub updates: Option<S<Targets>>,
    pub resolution: Option<S<Targets>>,
}

/// Which cases a target rule matches: an absent dimension matches any value.
#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct TargetWhen {
    pub product: Option<S<OneOrMany<Text>>>,
    pub issue: Option<S<OneOrMany<Text>>>,
    pub severity: Option<S<OneOrMany<Text>>>,
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
    /// `{ on_request: true }`: the price is not published.
    pub on_request: Option<S<bool>>,
    /// The lowest price of a price on request.
    pub from: Option<S<Money>>,
    /// Where to ask for a price on request: a customer-facing contact id or an absolute URL.
    pub request: Option<Text>,
    /// The spend of the worked example of a `percent_of_spend` or `bands` price.
    pub example_spend: Option<S<Amount>>,
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

/// `4h`, `1h30m`, `1bd` (counted in the plan's staffed hours) or `{ within: 4h, clock: always }`
/// (`{ every: 2h }` for updates).
#[derive(Debug)]
pub(crate) enum ResponseTarget {
    Short(String),
    Long(LongTarget),
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct LongTarget {
    /// Response and resolution: `30m`, `4h`, `1h30m`, `2d12h`, `1bd`.
    pub within: Option<Text>,
    /// Updates: how often an open case hears back, in the same forms.
    pub every: Option<Text>,
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

/// A duration: a compound of days, hours and minutes in that order, or business days.
pub(crate) const DURATION_PATTERN: &str = "^([0-9]+d)?([0-9]+h)?([0-9]+m)?$|^[1-9][0-9]*bd$";

impl JsonSchema for ResponseTarget {
    fn schema_name() -> Cow<'static, str> {
        "ResponseTarget".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let long = g.subschema_for::<LongTarget>();
        json_schema!({ "anyOf": [{ "type": "string", "pattern": DURATION_PATTERN }, long] })
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
