//! The catalogue stage: joins the files of `catalogue/`, checks every id, reference and value,
//! and resolves them into the [`Catalogue`] model that routing and rendering read.

mod assemble;
pub(crate) mod calendar;
mod checks;
mod contact;
pub(crate) mod due;
pub(crate) mod duration;
pub(crate) mod holidays;
mod ids;
pub(crate) mod interval;
mod model;
pub(crate) mod now;
pub(crate) mod price;
pub(crate) mod raw;
mod resolve;
mod targets;

pub(crate) use contact::is_url;
pub(crate) use model::*;

use crate::diagnostics::Diagnostic;
pub(crate) use ids::Kind;

/// Resolves the catalogue files (in file order). Diagnostics go to `out`; the catalogue is
/// `None` only when the partner or the routing is missing (without them every routing and
/// reference check would only repeat that one error).
/// `language` is the one the catalogue is written in (built-in holiday sets are given in it);
/// `year` the build year (output lists the holidays of it and the next).
pub(crate) fn resolve(
    files: &[raw::CatalogueFile],
    language: &str,
    year: i16,
    out: &mut Vec<Diagnostic>,
) -> Option<Catalogue> {
    let sections = assemble::assemble(files, out);
    sections.routing_loc?;
    let mut r = resolve::Resolver {
        ids: ids::Ids::default(),
        out,
    };
    let cat = r.resolve(&sections, language, year)?;
    for kind in [
        Kind::Calendar,
        Kind::Contact,
        Kind::Tier,
        Kind::Organisation,
        Kind::HolidaySet,
    ] {
        r.ids.unused(kind, r.out);
    }
    checks::check_paths(&cat, out);
    targets::check(&cat, out);
    Some(cat)
}
