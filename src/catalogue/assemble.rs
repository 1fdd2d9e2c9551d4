//! Joins the catalogue files into one set of sections: lists joined in file order, `partner`
//! and the routing `policy` / `fallback` from one file only, required sections present.

use super::raw::{self, CatalogueFile, Policy, S, Text};
use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::yaml::Recover;

/// Every section of the catalogue, borrowed from its files.
#[derive(Default)]
pub(super) struct Sections<'a> {
    pub partner: Option<&'a S<raw::Partner>>,
    pub organisations: Vec<&'a S<raw::Organisation>>,
    pub calendars: Vec<&'a S<raw::Calendar>>,
    pub contacts: Vec<&'a S<raw::Contact>>,
    pub tiers: Vec<&'a S<raw::Tier>>,
    pub severities: Vec<&'a S<raw::Severity>>,
    pub plans: Vec<&'a S<raw::Plan>>,
    pub products: Vec<&'a S<raw::Product>>,
    pub issue_types: Vec<&'a S<raw::IssueType>>,
    pub routing_loc: Option<Loc>,
    pub policy: Option<&'a S<Policy>>,
    pub rules: Vec<&'a S<raw::Rule>>,
    pub fallback: Option<&'a S<Vec<Text>>>,
    pub expectations: Vec<&'a S<raw::Expectation>>,
    pub holiday_sets: Vec<&'a S<raw::HolidaySet>>,
    pub add_ons: Vec<&'a S<raw::AddOn>>,
}

fn items<T>(list: &Option<Vec<Recover<T>>>) -> impl Iterator<Item = &S<T>> {
    list.iter().flatten().filter_map(|r| r.0.as_ref())
}

/// Keeps the first of a once-only value and reports the others.
fn once<'a, T>(
    slot: &mut Option<&'a S<T>>,
    value: Option<&'a S<T>>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(v) = value else { return };
    match slot {
        Some(first) => out.push(
            Diagnostic::error(
                Code::SplitSection,
                v.loc,
                format!("{what} may appear in one file only"),
            )
            .with_note(first.loc, "first given here"),
        ),
        None => *slot = Some(v),
    }
}

pub(super) fn assemble<'a>(files: &'a [CatalogueFile], out: &mut Vec<Diagnostic>) -> Sections<'a> {
    let mut s = Sections::default();
    for f in files {
        once(
            &mut s.partner,
            f.partner.as_ref().and_then(|p| p.0.as_ref()),
            "`partner`",
            out,
        );
        s.organisations.extend(items(&f.organisations));
        s.calendars.extend(items(&f.calendars));
        s.contacts.extend(items(&f.contacts));
        s.tiers.extend(items(&f.tiers));
        s.severities.extend(items(&f.severities));
        s.plans.extend(items(&f.plans));
        s.products.extend(items(&f.products));
        s.issue_types.extend(items(&f.issue_types));
        s.expectations.extend(items(&f.expectations));
        s.holiday_sets.extend(items(&f.holiday_sets));
        s.add_ons.extend(items(&f.add_ons));
        if let Some(r) = &f.routing {
            s.routing_loc.get_or_insert(r.loc);
            once(
                &mut s.policy,
                r.value.policy.as_ref(),
                "the routing `policy`",
                out,
            );
            once(
                &mut s.fallback,
                r.value.fallback.as_ref(),
                "the routing `fallback`",
                out,
            );
            s.rules.extend(items(&r.value.rules));
        }
    }
    required(&s, out);
    s
}

fn required(s: &Sections, out: &mut Vec<Diagnostic>) {
    let missing = |name: &str, out: &mut Vec<Diagnostic>| {
        out.push(
            Diagnostic::error(
                Code::MissingKey,
                None,
                format!("the catalogue has no `{name}`"),
            )
            .with_help(format!("add a `{name}` section to a file under catalogue/")),
        )
    };
    if s.partner.is_none() {
        missing("partner", out);
    }
    let lists = [
        ("calendars", s.calendars.is_empty()),
        ("contacts", s.contacts.is_empty()),
        ("tiers", s.tiers.is_empty()),
        ("plans", s.plans.is_empty()),
        ("products", s.products.is_empty()),
        ("issue_types", s.issue_types.is_empty()),
    ];
    for (name, empty) in lists {
        if empty {
            missing(name, out);
        }
    }
    if s.routing_loc.is_none() {
        missing("routing", out);
    }
}
