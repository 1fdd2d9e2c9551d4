//! The portal's own sentences in the partner's voice (spec section 13): who the portal says it
//! brings in follows the catalogue, and a vendor's portal never speaks of "the vendor" as
//! someone else. Applied once per edition to the theme's words, so templates, scripts and the
//! Rust code read the same sentences.

use super::i18n::I18n;
use crate::catalogue::{Catalogue, Relationship, Responsible};
use std::collections::HashSet;

/// The names of the parties, other than the partner, responsible for some stage of a path the
/// catalogue routes cases on, in the order they first appear. Each tier is looked at once (a
/// tier met again names no one new), and the vendors once: a catalogue of thousands of rules
/// over the same few tiers costs no more than its tiers.
pub(crate) fn other_parties(cat: &Catalogue, t: &I18n) -> Vec<String> {
    let vendor = cat.partner.relationship == Relationship::Vendor;
    let paths = cat
        .routing
        .rules
        .iter()
        .filter(|r| r.covered)
        .map(|r| &r.path)
        .chain(cat.routing.fallback.as_ref());
    let mut tiers_seen: HashSet<&str> = HashSet::new();
    let mut names: Vec<String> = Vec::new();
    let mut named: HashSet<String> = HashSet::new();
    let mut vendors: Option<Vec<String>> = None;
    for tier in paths
        .flatten()
        .filter(|id| tiers_seen.insert(id.as_str()))
        .filter_map(|id| cat.tier(id))
    {
        let found: Vec<String> = match &tier.responsible {
            Responsible::Partner => Vec::new(),
            Responsible::Vendor if vendor => Vec::new(),
            Responsible::Vendor => vendors.get_or_insert_with(|| vendor_names(cat, t)).clone(),
            r => vec![cat.responsible_name(r, None)],
        };
        for name in found {
            if name != cat.partner.name && named.insert(name.clone()) {
                names.push(name);
            }
        }
    }
    names
}

/// The vendors of the catalogue's products, in product order, and "the vendor" when some
/// product names none.
fn vendor_names(cat: &Catalogue, t: &I18n) -> Vec<String> {
    let mut v: Vec<String> = cat
        .products
        .iter()
        .filter_map(|p| p.vendor.as_deref())
        .filter_map(|o| cat.organisation(o))
        .map(|o| o.name.clone())
        .collect();
    let every_product_named = cat.products.iter().all(|p| p.vendor.is_some());
    if !every_product_named || v.is_empty() {
        v.push(t.word("the_vendor"));
    }
    v
}

/// The theme's words, with the sentences that depend on the partner set for this catalogue.
pub(crate) fn voice(t: &mut I18n, cat: &Catalogue) {
    if cat.partner.relationship == Relationship::Vendor {
        // The partner makes the products: "the vendor" is the partner itself.
        t.words
            .insert("the_vendor".into(), cat.partner.name.clone());
    }
    let parties = other_parties(cat, t);
    let lead = if parties.is_empty() {
        t.word("get_help_lead")
    } else {
        t.fill(
            "get_help_lead_with",
            &[("parties", &t.formats.and_list(&parties))],
        )
    };
    t.words.insert("get_help_lead".into(), lead);
}
