//! The catalogue stage: joins the files of `catalogue/`, checks every id, reference and value,
//! and resolves them into the [`Catalogue`] model that routing and rendering read.

mod assemble;
pub(crate) mod calendar;
mod checks;
mod contact;
pub(crate) mod due;
mod ids;
mod model;
pub(crate) mod now;
pub(crate) mod price;
pub(crate) mod raw;
mod resolve;

pub(crate) use contact::is_url;
pub(crate) use model::*;

use crate::diagnostics::Diagnostic;
pub(crate) use ids::Kind;

/// Resolves the catalogue files (in file order). Diagnostics go to `out`; the catalogue is
/// `None` only when the partner or the routing is missing (without them every routing and
/// reference check would only repeat that one error).
pub(crate) fn resolve(
    files: &[raw::CatalogueFile],
    out: &mut Vec<Diagnostic>,
) -> Option<Catalogue> {
    let sections = assemble::assemble(files, out);
    sections.routing_loc?;
    let mut r = resolve::Resolver {
        ids: ids::Ids::default(),
        out,
    };
    let cat = r.resolve(&sections)?;
    for kind in [
        Kind::Calendar,
        Kind::Contact,
        Kind::Tier,
        Kind::Organisation,
    ] {
        r.ids.unused(kind, r.out);
    }
    checks::check_paths(&cat, out);
    Some(cat)
}
