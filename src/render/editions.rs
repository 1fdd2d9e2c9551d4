//! The portal's editions, one per language of the site (spec section 7): each with the catalogue
//! in its words, its version of every published page (a translation, or the default-language
//! text where there is none yet), and where every page of every edition is, for links,
//! alternates and the language switcher.

use super::input::RenderInput;
use super::kept::EditionWords;
use super::marks::Marks;
use super::theme::Sources;
use crate::catalogue::Catalogue;
use crate::paths::{self, Place, Urls};
use crate::site::Page;
use crate::site::config::Language;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// One page as an edition publishes it.
#[derive(Clone, Copy)]
pub(super) struct Version<'a> {
    pub page: &'a Page,
    /// The edition has no translation of it: the default-language text is shown, marked so.
    pub untranslated: bool,
}

/// One language's portal.
pub(super) struct Edition<'a> {
    pub language: &'a Language,
    /// The language's name in itself ("Deutsch"), for the language switcher.
    pub name: String,
    pub urls: Urls,
    pub catalogue: EditionCatalogue<'a>,
    /// The published pages but the home page, in navigation order.
    pub pages: Vec<Version<'a>>,
    pub home: Option<Version<'a>>,
    /// Each published page's folder in this edition, by its default-language source.
    pub dirs: HashMap<&'a str, String>,
    /// The catalogue texts this language lacks, shown in the site's own language and marked
    /// with it (`lang="de"`).
    pub marks: Arc<Marks>,
}

/// The catalogue an edition shows: the site's own, or its translation (which the preview
/// keeps from one render to the next).
pub(super) enum EditionCatalogue<'a> {
    Own(&'a Catalogue),
    Translated(Arc<Catalogue>),
}

impl std::ops::Deref for EditionCatalogue<'_> {
    type Target = Catalogue;

    fn deref(&self) -> &Catalogue {
        match self {
            EditionCatalogue::Own(c) => c,
            EditionCatalogue::Translated(c) => c,
        }
    }
}

/// What links need to know of the site to lead to an edition's version of a path.
pub(crate) struct LinkMap<'a> {
    /// Default-language page folders (`terms/`) → their source (`terms.md`).
    default_dirs: HashMap<String, &'a str>,
    /// Files every edition shares: the site's `static/` files.
    shared: std::collections::HashSet<&'a str>,
}

impl<'a> LinkMap<'a> {
    pub(super) fn new(input: &'a RenderInput, default: &Edition<'a>) -> Self {
        LinkMap {
            default_dirs: default.dirs.iter().map(|(s, d)| (d.clone(), *s)).collect(),
            shared: input.site.static_files.iter().map(String::as_str).collect(),
        }
    }

    fn is_shared(&self, path: &str) -> bool {
        self.shared.contains(path) || paths::is_shared(path)
    }
}

impl Edition<'_> {
    /// Where a link to `path` (an output path of the default language's portal) leads in this
    /// edition: a page to this edition's version of it, a shared file to itself, anything else
    /// to this edition's copy.
    pub(crate) fn localise(&self, path: &str, map: &LinkMap) -> String {
        if self.language.is_default || map.is_shared(path) {
            return self.urls.root(path);
        }
        let dir = paths::page_dir(path.trim_end_matches('/'));
        match map.default_dirs.get(&dir).and_then(|s| self.dirs.get(s)) {
            Some(mine) => self.urls.path(mine),
            None => self.urls.path(path),
        }
    }
}

/// The editions of the site: its own language first, then `languages` in order.
pub(super) fn editions<'a>(input: &'a RenderInput) -> Vec<Edition<'a>> {
    // Side by side: each language's catalogue is translated and its texts to mark found.
    input
        .config
        .languages
        .par_iter()
        .map(|language| {
            let words = match input.kept {
                Some(kept) => kept.edition(input.site, &language.tag, |sources| {
                    edition_words(input, language, sources)
                }),
                None => Arc::new(edition_words(input, language, None)),
            };
            let catalogue = match &words.catalogue {
                Some(c) => EditionCatalogue::Translated(c.clone()),
                None => EditionCatalogue::Own(input.catalogue),
            };
            let (pages, home) = versions(input, language);
            let prefix = paths::language_prefix(&language.tag, language.is_default);
            let dirs = pages
                .iter()
                .map(|v| (v.page.original(), Place::Page(&v.page.slug).link()))
                .collect();
            Edition {
                language,
                name: words.name.clone(),
                urls: Urls::new(&input.config.base_url, &prefix),
                catalogue,
                pages,
                home,
                dirs,
                marks: words.marks.clone(),
            }
        })
        .collect()
}

/// What an edition shows that does not depend on its pages: its catalogue, the texts it marks
/// (from the theme's `sources`, when read), its language's name.
fn edition_words(
    input: &RenderInput,
    language: &Language,
    sources: Option<&Sources>,
) -> EditionWords {
    let site = input.site;
    let tag = &language.tag;
    let translation = input.translations.iter().find(|t| t.language == *tag);
    let own = input.config.languages.iter().find(|l| l.is_default);
    let (catalogue, marks) = match (translation, own) {
        (Some(t), Some(own)) if !language.is_default => {
            let (c, untranslated) = crate::translation::translate_marked(input.catalogue, t);
            let words = match sources {
                Some(s) => s.interface_words(tag),
                None => super::theme::interface_words(site, tag),
            };
            (
                Some(Arc::new(c)),
                Marks::new(&own.tag, &untranslated, &words),
            )
        }
        _ => (None, Marks::none()),
    };
    EditionWords {
        catalogue,
        marks: Arc::new(marks),
        name: match sources {
            Some(s) => s.language_name(tag),
            None => super::theme::language_name(site, tag),
        },
    }
}

/// A language's version of each published default-language page, in navigation order, and of
/// the home page's text.
fn versions<'a>(
    input: &'a RenderInput,
    language: &Language,
) -> (Vec<Version<'a>>, Option<Version<'a>>) {
    let published = |p: &Page| input.include_drafts || !p.draft;
    let translations: HashMap<&str, &Page> = input
        .site
        .pages
        .iter()
        .filter(|t| t.language() == Some(language.tag.as_str()) && published(t))
        .map(|t| (t.original(), t))
        .collect();
    let mut pages: Vec<Version> = input
        .site
        .pages
        .iter()
        .filter(|p| p.translation.is_none() && published(p))
        .map(|p| match translations.get(p.source.as_str()).copied() {
            Some(t) if !language.is_default => Version {
                page: t,
                untranslated: false,
            },
            _ => Version {
                page: p,
                untranslated: !language.is_default,
            },
        })
        .collect();
    pages.sort_by(|a, b| {
        let key = |v: &Version<'a>| (v.page.weight, &v.page.title, &v.page.slug);
        key(a).cmp(&key(b))
    });
    let home = pages.iter().copied().find(|v| v.page.is_home());
    pages.retain(|v| !v.page.is_home());
    (pages, home)
}

/// Leads links of an edition's Markdown to the edition's own pages.
#[derive(Clone, Copy)]
pub(crate) struct Linker<'a> {
    pub edition: &'a Edition<'a>,
    pub map: &'a LinkMap<'a>,
}

impl super::markdown::MarkdownUrls for Linker<'_> {
    fn url(&self, path: &str) -> String {
        self.edition.localise(path, self.map)
    }

    fn lang_of(&self, text: &str) -> Option<&str> {
        self.edition.marks.lang_of(text)
    }
}
