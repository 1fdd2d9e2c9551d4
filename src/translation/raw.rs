//! The format of `translations/<lang>.yaml` (spec section 7): the catalogue's words in one more
//! language, by kind and id, text only. Every key that is not a translatable text is unknown.

use crate::catalogue::raw::{S, Text};
use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::yaml::{self, Node, Pairs, Recover};
use schemars::JsonSchema;
use serde::Deserialize;

/// Entries by id, in file order; each entry that does not load is reported and skipped.
pub(crate) type ById<T> = S<Pairs<Text, Recover<T>>>;

#[derive(Deserialize, JsonSchema, Debug, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct TranslationFile {
    pub partner: Option<S<PartnerWords>>,
    pub organisations: Option<ById<NamedWords>>,
    pub calendars: Option<ById<CalendarWords>>,
    pub contacts: Option<ById<ContactWords>>,
    pub tiers: Option<ById<TierWords>>,
    pub severities: Option<ById<SeverityWords>>,
    pub plans: Option<ById<PlanWords>>,
    pub products: Option<ById<ProductWords>>,
    pub issue_types: Option<ById<IssueWords>>,
    pub routing: Option<S<RoutingWords>>,
    pub add_ons: Option<ById<AddOnWords>>,
    pub holiday_sets: Option<ById<HolidaySetWords>>,
}

/// A holiday set: its name, and its holidays' names by rule key (`12-24`, `easter+1`,
/// `11-thu-4`, `2027-06-04`).
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct HolidaySetWords {
    pub name: Option<Text>,
    pub holidays: Option<S<Pairs<Text, Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartnerWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
    /// The tax's name (`tax: { name: VAT }`).
    pub tax: Option<S<TaxWords>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct TaxWords {
    pub name: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddOnWords {
    pub name: Option<Text>,
    pub summary: Option<Text>,
}

/// A severity: its name, description and short label.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeverityWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub label: Option<Text>,
}

/// An allowance's note, by position (`allowances: [{}, {note: …}]`).
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct AllowanceWords {
    pub note: Option<Text>,
}

/// An organisation, a severity or a product: a name and a description.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct NamedWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct CalendarWords {
    pub name: Option<Text>,
    pub note: Option<Text>,
    /// Holiday names by date (`2026-12-25: Christmas Day`).
    pub holidays: Option<S<Pairs<Text, Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContactWords {
    pub name: Option<Text>,
    pub note: Option<Text>,
    /// The contact's methods by position (`[{}, {label: Email us}]`).
    pub methods: Option<S<Vec<S<MethodWords>>>>,
    /// Words customers use for it, for search.
    pub keywords: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct MethodWords {
    pub label: Option<Text>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct TierWords {
    pub name: Option<Text>,
    pub scope: Option<Text>,
    pub keywords: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanWords {
    pub name: Option<Text>,
    pub summary: Option<Text>,
    pub features: Option<S<Vec<Text>>>,
    pub exclusions: Option<S<Vec<Text>>>,
    /// The plan's allowances by position.
    pub allowances: Option<S<Vec<S<AllowanceWords>>>>,
    pub keywords: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct IssueWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub examples: Option<S<Vec<Text>>>,
    pub keywords: Option<S<Vec<Text>>>,
}

/// A product: a name, a description and the words customers use for it.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProductWords {
    pub name: Option<Text>,
    pub description: Option<Text>,
    pub keywords: Option<S<Vec<Text>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoutingWords {
    pub rules: Option<ById<RuleWords>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleWords {
    pub note: Option<Text>,
}

/// The sections a translation file may have: the catalogue's, but `expectations` (no words).
fn sections() -> impl Iterator<Item = &'static str> {
    crate::catalogue::raw::SECTIONS
        .iter()
        .copied()
        .filter(|s| *s != "expectations")
}

/// Reads a translation file section by section, so that one unknown or broken section does not
/// hide the problems of the others.
pub(crate) fn read(node: &Node, out: &mut Vec<Diagnostic>) -> Option<TranslationFile> {
    if matches!(node.kind, yaml::Kind::Null) {
        return Some(TranslationFile::default());
    }
    let Some(pairs) = node.as_map() else {
        out.push(Diagnostic::error(
            Code::WrongType,
            node.loc,
            format!(
                "a translation file is a mapping of sections, found {}",
                node.describe()
            ),
        ));
        return None;
    };
    let mut file = TranslationFile::default();
    for (key, value) in pairs {
        let name = key.as_str().unwrap_or_default();
        macro_rules! section {
            ($field:ident) => {
                file.$field = yaml::from_node_collect(value, out)
            };
        }
        match name {
            "partner" => section!(partner),
            "organisations" => section!(organisations),
            "calendars" => section!(calendars),
            "contacts" => section!(contacts),
            "tiers" => section!(tiers),
            "severities" => section!(severities),
            "plans" => section!(plans),
            "products" => section!(products),
            "issue_types" => section!(issue_types),
            "routing" => section!(routing),
            "holiday_sets" => section!(holiday_sets),
            "add_ons" => section!(add_ons),
            other => out.push(
                Diagnostic::error(
                    Code::UnknownKey,
                    key.loc,
                    format!("unknown section `{other}`"),
                )
                .with_help(did_you_mean(other, sections()).unwrap_or_else(|| {
                    format!(
                        "the sections are: {}",
                        sections().collect::<Vec<_>>().join(", ")
                    )
                })),
            ),
        }
    }
    Some(file)
}
