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
use crate::site::{Config, Site};
use crate::translation::Translation;

/// One version of the site, checked and valid.
pub(crate) struct Version<'a> {
    /// How the report names this version: the folder, or `REV:path` for a git revision.
    pub label: &'a str,
    pub site: &'a Site,
    pub cat: &'a Catalogue,
    pub matrix: &'a Matrix,
    pub locs: Locator,
    /// The catalogue's words in each other language.
    pub translations: &'a [Translation],
    pub config: &'a Config,
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
            translations: &valid.translations,
            config: &valid.config,
        }
    }

    /// Where a language of the site is: the first text of its translation file, or its entry
    /// in `languages`.
    pub(crate) fn language_loc(&self, tag: &str) -> Option<Loc> {
        self.translations
            .iter()
            .find(|t| t.language == tag)
            .and_then(|t| {
                t.texts()
                    .filter_map(|(_, _, loc)| loc)
                    .min_by_key(|l| l.line)
            })
            .or_else(|| {
                self.config
                    .languages
                    .iter()
                    .find(|l| l.tag == tag)
                    .and_then(|l| l.loc)
            })
    }

    /// A file of this version (`static/logo.svg`) named as the report names its files
    /// (`old/static/logo.svg`, `main:site/static/logo.svg`).
    pub(crate) fn file(&self, rel: &str) -> String {
        match self.label {
            "" | "." => rel.to_string(),
            l if l.ends_with(':') || l.ends_with('/') => format!("{l}{rel}"),
            l => format!("{l}/{rel}"),
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
