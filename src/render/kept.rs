//! What the preview's renders keep from one to the next: each language's theme as compiled
//! (templates, interface words, CLDR formats), and each edition's catalogue in its words, with
//! the texts it marks and the language's name. A page edit renders one page, and would
//! otherwise redo all of this for every language of the site.
//!
//! The kept theme is used only while the theme's files read the same (they are read again,
//! and compared, on every render: they are few and small); whatever depends on the theme's
//! words is dropped with it. The kept editions depend on the catalogue, its translations and
//! the settings besides: a [`Kept`] belongs to one checked site (`pipeline::Valid`), and a
//! site checked anew (an edit of any of them) starts with an empty one.

use super::i18n::I18n;
use super::marks::Marks;
use super::theme::{Sources, TemplateError, Theme};
use crate::catalogue::Catalogue;
use crate::site::Site;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub(crate) struct Kept {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The theme files everything below was made from.
    sources: Option<Sources>,
    /// By language tag: the theme compiled, with its words in that language.
    themes: HashMap<String, (Theme, I18n)>,
    /// By language tag.
    editions: HashMap<String, Arc<EditionWords>>,
}

/// An edition's words that do not depend on its pages.
pub(super) struct EditionWords {
    /// The catalogue translated into the edition's language (`None`: the site's own).
    pub catalogue: Option<Arc<Catalogue>>,
    pub marks: Arc<Marks>,
    /// The language's name in itself.
    pub name: String,
}

impl Inner {
    /// Reads the theme's files; what was kept from other files is dropped. `false` when they
    /// do not read (nothing is kept: the render reports the problem as it would without).
    fn sync(&mut self, site: &Site) -> bool {
        let Ok(now) = Sources::read(site) else {
            *self = Inner::default();
            return false;
        };
        if self.sources.as_ref() != Some(&now) {
            *self = Inner {
                sources: Some(now),
                ..Inner::default()
            };
        }
        true
    }
}

impl Kept {
    /// Takes the themes compiled by `earlier` (of a site checked before), which do not depend on
    /// the catalogue: they are used while the theme's files read the same.
    pub(crate) fn themes_from(&self, earlier: &Kept) {
        let earlier = earlier.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if inner.sources.is_none() {
            inner.sources = earlier.sources.clone();
            inner.themes = earlier.themes.clone();
        }
    }

    /// The site's theme compiled for `language`, as [`super::theme::load`] returns it, with
    /// the theme's files it was compiled from (`None` when they do not read).
    pub(super) fn theme(
        &self,
        site: &Site,
        language: &str,
    ) -> Result<(Theme, I18n, Option<Sources>), TemplateError> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.sync(site);
        let Inner {
            sources, themes, ..
        } = &mut *inner;
        let Some(sources) = sources else {
            let (theme, i18n) = super::theme::load(site, language)?;
            return Ok((theme, i18n, None));
        };
        if let Some((theme, i18n)) = themes.get(language) {
            return Ok((theme.clone(), i18n.clone(), Some(sources.clone())));
        }
        let (theme, i18n) = sources.compile(language)?;
        themes.insert(language.to_string(), (theme.clone(), i18n.clone()));
        Ok((theme, i18n, Some(sources.clone())))
    }

    /// An edition's words, made by `make` from the theme's files the first time (and made
    /// afresh, not kept, when they do not read).
    pub(super) fn edition(
        &self,
        site: &Site,
        language: &str,
        make: impl FnOnce(Option<&Sources>) -> EditionWords,
    ) -> Arc<EditionWords> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.sync(site);
        let Inner {
            sources, editions, ..
        } = &mut *inner;
        let Some(sources) = sources else {
            return Arc::new(make(None));
        };
        if let Some(kept) = editions.get(language) {
            return kept.clone();
        }
        let words = Arc::new(make(Some(sources)));
        editions.insert(language.to_string(), words.clone());
        words
    }
}
