//! Checks that need the whole resolved catalogue: who a path starts with, whether a reseller's
//! path passes its provider before the vendor.

use super::model::{Catalogue, Relationship};
use crate::diagnostics::{Code, Diagnostic, Loc};

pub(super) fn check_paths(cat: &Catalogue, out: &mut Vec<Diagnostic>) {
    let rules = cat
        .routing
        .rules
        .iter()
        .map(|r| (format!("rule `{}`", r.id), &r.path, r.path_loc));
    let fallback = cat.routing.fallback.as_ref().map(|f| {
        (
            "the fallback".to_string(),
            f,
            cat.routing.fallback_loc.unwrap_or_default(),
        )
    });
    for (what, path, loc) in rules.chain(fallback) {
        starts_with_customer_contact(cat, &what, path, loc, out);
        if cat.partner.relationship == Relationship::IndirectReseller {
            passes_provider_first(cat, &what, path, loc, out);
        }
    }
}

fn starts_with_customer_contact(
    cat: &Catalogue,
    what: &str,
    path: &[String],
    loc: Loc,
    out: &mut Vec<Diagnostic>,
) {
    let Some(first) = path.first().and_then(|t| cat.tier(t)) else {
        return;
    };
    if cat
        .contact(&first.contact)
        .is_some_and(|c| c.is_partner_only())
    {
        out.push(
            Diagnostic::error(
                Code::InvalidPath,
                loc,
                format!(
                    "{what} starts with tier `{}`, whose contact `{}` is partner-only",
                    first.id, first.contact
                ),
            )
            .with_help("customers cannot contact it: start the path with a customer-facing tier"),
        );
    }
}

fn passes_provider_first(
    cat: &Catalogue,
    what: &str,
    path: &[String],
    loc: Loc,
    out: &mut Vec<Diagnostic>,
) {
    let mut provider_seen = false;
    for tier in path.iter().filter_map(|t| cat.tier(t)) {
        if cat.is_provider(&tier.responsible) {
            provider_seen = true;
        } else if cat.is_vendor(&tier.responsible) && !provider_seen {
            out.push(
                Diagnostic::warning(
                    Code::ProviderBypassed,
                    loc,
                    format!("{what} reaches the vendor at tier `{}` without passing the indirect provider", tier.id),
                )
                .with_help("an indirect reseller escalates to the vendor through its provider: add a provider tier before it"),
            );
            return;
        }
    }
}
