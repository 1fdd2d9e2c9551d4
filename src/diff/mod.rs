//! `diff`: what a change to a site changes for customers (spec section 9). Two checked versions
//! of a site are compared in customers' terms, never as text: the routing case by case, then
//! plans (response targets, prices, hours, contacts), contacts, calendars, the catalogue's other
//! entities, the words customers read (in the site's language and each translation), the pages
//! and the site's own files (static files, templates, theme). Each change is said in the site's language, located in the version
//! that defines it, and marked better or worse for customers where that is clear.
//!
//! Entities are paired across the versions by id, then by name ([`pairing`]), so a renamed id
//! with the same words changes nothing. The report is printed by [`human`], [`markdown`] or
//! [`json`].

mod calendars;
pub(crate) mod change;
mod contacts;
mod entities;
mod files;
pub(crate) mod git;
pub(crate) mod human;
pub(crate) mod json;
mod locate;
pub(crate) mod markdown;
mod offers;
mod pages;
mod pairing;
mod plans;
mod routing;
mod version;
mod wording;
pub(crate) mod words;

use change::Changes;
pub(crate) use change::{Effect, Report};
use pairing::Pairings;
use version::Context;
pub(crate) use version::Version;
use words::Words;

/// Compares two valid versions.
pub(crate) fn compare(old: &Version, new: &Version, words: &Words) -> Report {
    let pairs = Pairings::new(old.cat, new.cat);
    let ctx = Context {
        old,
        new,
        pairs: &pairs,
        words,
    };
    let mut changes = Changes {
        words,
        list: Vec::new(),
    };
    routing::compare(&ctx, &mut changes);
    plans::compare(&ctx, &mut changes);
    offers::compare(&ctx, &mut changes);
    contacts::compare(&ctx, &mut changes);
    calendars::compare(&ctx, &mut changes);
    entities::compare(&ctx, &mut changes);
    wording::compare(&ctx, &mut changes);
    pages::compare(&ctx, &mut changes);
    wording::translations(&ctx, &mut changes);
    files::compare(&ctx, &mut changes);
    let mut list = changes.list;
    // Stable: each section keeps the order its comparison gave.
    list.sort_by_key(|c| c.kind);
    Report {
        old: old.label.to_string(),
        new: new.label.to_string(),
        changes: list,
    }
}
