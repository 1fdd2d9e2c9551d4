//! The format of `translations/<lang>.yaml` (spec section 7): the catalogue's words in one more
//! language, by kind and id, text only. Every key that is not a translatable text is unknown.

use crate::catalogue::raw::{S, Text};
use crate::yaml::{Pairs, Recover};
use schemars::JsonSchema;
use serde::Deserialize;

/// Entries by id, in file order; each entry that does not load is reported and skipped.
pub type ById<T> = S<Pairs<Text, Recover<T>>>;

#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct TranslationFile {
    pub partner: Option<S<PartnerWords>>,
    pub organisations: Option<ById<NamedWords>>,
    pub calendars: Option<ById<CalendarWords>>,
    pub contacts: Option<ById<ContactWords>>,
    pub tiers: Option<ById<TierWords>>,
    pub severities: Option<ById<NamedWords>>,
    pub plans: Option<ById<PlanWords>>,
    pub products: Option<ById<NamedWords>>,
    pub issue_types: Option<ById<IssueWords>>,
    pub routing: Option<S<RoutingWords>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct PartnerWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
}

/// An organisation, a severity or a product: a name and a description.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct NamedWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct CalendarWords {
    pub name: Option<Text>,
    pub note: Option<Text>,
    /// Holiday names by date (`2026-12-25: Christmas Day`).
    pub holidays: Option<S<Pairs<Text, Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct ContactWords {
    pub name: Option<Text>,
    pub note: Option<Text>,
    /// The contact's methods by position (`[{}, {label: Email us}]`).
    pub methods: Option<S<Vec<S<MethodWords>>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct MethodWords {
    pub label: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct TierWords {
    pub name: Option<Text>,
    pub scope: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct PlanWords {
    pub name: Option<Text>,
    pub summary: Option<Text>,
    pub features: Option<S<Vec<Text>>>,
    pub exclusions: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct IssueWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub examples: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct RoutingWords {
    pub rules: Option<ById<RuleWords>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub struct RuleWords {
    pub note: Option<Text>,
}
