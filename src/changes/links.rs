//! Where a change lives in the portal: the fact a change is about (a plan, a contact, a page…),
//! found from its kind and where the version defines it, then the page that shows that fact in
//! the site being built (the list it belongs to when the thing itself is gone).

use super::history::Target;
use crate::catalogue::Catalogue;
use crate::diff::Version;
use crate::diff::change::{Action, Change, Kind};
use crate::paths::{self, Place};
use crate::site::Site;

/// What a change is about, in terms of the portal's pages; independent of the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fact {
    Plan(String),
    Product(String),
    IssueType(String),
    Severity(String),
    Tier(String),
    Contact(String),
    Calendar(String),
    /// Routing cases, with the product when they are all of one.
    Cases(Option<String>),
    /// A Markdown page, by its default-language source.
    Page(String),
}

/// The fact a change is about: from the version that defines it (the old one for a removal),
/// by its kind and the entity whose definition holds its location.
pub(crate) fn fact(change: &Change, old: &Version, new: &Version) -> Option<Fact> {
    let (first, second) = if change.action == Action::Removed {
        (old, new)
    } else {
        (new, old)
    };
    if change.kind == Kind::Routing {
        let product = change
            .cases
            .as_ref()
            .and_then(|c| c.ids.product.as_ref())
            .filter(|p| p.len() == 1)
            .map(|p| p[0].clone());
        return Some(Fact::Cases(product));
    }
    let place = change.place.as_ref()?;
    [first, second]
        .into_iter()
        .find_map(|v| located(change.kind, &place.file, place.line, v))
}

/// Entities defined by an id only: whether they are wanted, where they are, what they are.
type Located<'a> = (
    bool,
    &'a std::collections::HashMap<String, crate::diagnostics::Loc>,
    fn(String) -> Fact,
);

/// The entity of `kind` (any, for wording) defined in `file` nearest above `line`.
fn located(kind: Kind, file: &str, line: u32, v: &Version) -> Option<Fact> {
    if let Some(page) = v
        .site
        .pages
        .iter()
        .find(|p| v.site.files.name(p.file) == file)
    {
        return Some(Fact::Page(page.original().to_string()));
    }
    let l = &v.locs;
    // The nearest definition above the line; sections without a page of their own (the
    // partner, organisations, the routing rules, expectations) stop the search with nothing.
    let mut best: Option<(u32, Option<Fact>)> = None;
    let mut consider = |loc: Option<crate::diagnostics::Loc>, fact: &dyn Fn() -> Option<Fact>| {
        if let Some(loc) = loc
            && loc.line <= line
            && v.site.files.name(loc.file) == file
            && best.as_ref().is_none_or(|(b, _)| loc.line > *b)
        {
            best = Some((loc.line, fact()));
        }
    };
    for f in &v.site.catalogue {
        let partner = f.partner.as_ref().and_then(|p| p.0.as_ref()).map(|p| p.loc);
        consider(partner, &|| None);
        consider(f.routing.as_ref().map(|r| r.loc), &|| None);
        for o in f
            .organisations
            .iter()
            .flatten()
            .filter_map(|o| o.0.as_ref())
        {
            consider(Some(o.loc), &|| None);
        }
        for e in f.expectations.iter().flatten().filter_map(|e| e.0.as_ref()) {
            consider(Some(e.loc), &|| None);
        }
    }
    let any = kind == Kind::Wording;
    if any
        || matches!(
            kind,
            Kind::Plan | Kind::Response | Kind::Price | Kind::Hours
        )
    {
        for (id, p) in &l.plans {
            consider(p.item, &|| Some(Fact::Plan(id.clone())));
        }
    }
    if any || kind == Kind::Contact {
        for (id, c) in &l.contacts {
            consider(c.item, &|| Some(Fact::Contact(id.clone())));
        }
    }
    if any || kind == Kind::Calendar {
        for (id, c) in &l.calendars {
            consider(c.item, &|| Some(Fact::Calendar(id.clone())));
        }
    }
    let simple: [Located; 4] = [
        (any || kind == Kind::Product, &l.products, Fact::Product),
        (
            any || kind == Kind::IssueType,
            &l.issue_types,
            Fact::IssueType,
        ),
        (any || kind == Kind::Severity, &l.severities, Fact::Severity),
        (any || kind == Kind::Tier, &l.tiers, Fact::Tier),
    ];
    for (wanted, map, make) in simple {
        if wanted {
            for (id, loc) in map {
                consider(Some(*loc), &|| Some(make(id.clone())));
            }
        }
    }
    // Two definitions cannot start on one line: map order does not matter, the nearest wins.
    best.and_then(|(_, f)| f)
}

/// The page of the site being built that shows the fact now: the thing's own page (or entry)
/// when it still exists, else the list it was on.
pub(crate) fn target(fact: &Fact, cat: &Catalogue, site: &Site, drafts: bool) -> Option<Target> {
    let path = |p: Place| Target::Path(p.link());
    Some(match fact {
        Fact::Plan(id) if cat.plans.iter().any(|p| &p.id == id) => path(Place::Plan(id)),
        Fact::Plan(_) | Fact::Severity(_) => path(Place::Plans),
        Fact::Product(id) if cat.products.iter().any(|p| &p.id == id) => path(Place::Product(id)),
        Fact::Product(_) | Fact::IssueType(_) => path(Place::Products),
        Fact::Tier(id) if cat.tiers.iter().any(|t| &t.id == id) => {
            Target::Path(paths::tier_anchor(id))
        }
        Fact::Tier(_) => path(Place::Routing),
        Fact::Contact(id)
            if cat
                .contacts
                .iter()
                .any(|c| &c.id == id && !c.is_partner_only()) =>
        {
            Target::Path(paths::contact_anchor(id))
        }
        Fact::Contact(_) | Fact::Calendar(_) => path(Place::Contact),
        Fact::Cases(Some(id)) if cat.products.iter().any(|p| &p.id == id) => {
            path(Place::Product(id))
        }
        Fact::Cases(_) => path(Place::Routing),
        Fact::Page(source) => {
            let published = site
                .pages
                .iter()
                .any(|p| &p.source == source && p.translation.is_none() && (drafts || !p.draft));
            if !published {
                return None;
            }
            let page = site.pages.iter().find(|p| &p.source == source)?;
            if page.is_home() {
                path(Place::Home)
            } else {
                Target::Page(source.clone())
            }
        }
    })
}
