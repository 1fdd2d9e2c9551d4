//! The two versions a comparison reads, with where each entity is defined, and the pairs of
//! entities across them.

use super::change::Place;
use super::locate::Locator;
use super::pairing::Pairings;
use super::words::Words;
use crate::catalogue::Catalogue;
use crate::diagnostics::Loc;
use crate::pipeline::Valid;
use crate::routing::Matrix;
use crate::site::Site;

/// One version of the site, checked and valid.
pub(crate) struct Version<'a> {
    /// How the report names this version: the folder, or `REV:path` for a git revision.
    pub label: &'a str,
    pub site: &'a Site,
    pub cat: &'a Catalogue,
    pub matrix: &'a Matrix,
    pub locs: Locator,
}

impl<'a> Version<'a> {
    /// `cat`: the catalogue in the report's language, when that is not the site's own.
    pub(crate) fn new(label: &'a str, valid: &'a Valid, cat: Option<&'a Catalogue>) -> Version<'a> {
        Version {
            label,
            site: &valid.site,
            cat: cat.unwrap_or(&valid.catalogue),
            matrix: &valid.matrix,
            locs: Locator::new(&valid.site.catalogue),
        }
    }

    /// Where `loc` is, as the report prints it.
    pub(crate) fn place(&self, loc: Option<Loc>) -> Option<Place> {
        loc.map(|l| Place {
            file: self.site.files.name(l.file).to_string(),
            line: l.line,
        })
    }
}

/// What every comparison reads.
pub(crate) struct Context<'a> {
    pub old: &'a Version<'a>,
    pub new: &'a Version<'a>,
    pub pairs: &'a Pairings,
    pub words: &'a Words,
}
