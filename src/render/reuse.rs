//! The pages as the preview's last renders made them, for the next. A catalogue edit renders
//! every page again, yet most pages receive exactly what they received before: the Markdown
//! pages, and the pages of the products the edit did not touch. Such a page's HTML is used
//! again, its template not rendered, when everything the template receives is what it
//! received then:
//! - what every page of its edition receives: the globals, the texts the edition marks as
//!   untranslated, and the theme's files (compared once per edition and render; a difference
//!   forgets the edition's pages);
//! - the page's own data: its page information and data as JSON text, and the HTML it embeds
//!   (a Markdown body, a product's matrix), compared whole.
//!
//! The same holds for `api/routing.json`, the biggest file of all, kept with the pieces it is
//! made of and the decision of every case. Only the preview keeps pages and files; `build`
//! renders every one.

use super::marks::Marks;
use super::theme::Sources;
use bytes::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Default)]
pub(crate) struct RenderedPages {
    /// By language tag.
    editions: Mutex<HashMap<String, EditionPages>>,
    /// Whole renders so far: a page no whole render showed is forgotten after it.
    renders: AtomicU64,
    /// Files that are no page, by output path: what each was made from, and its bytes.
    files: Mutex<HashMap<String, (FileOwn, Bytes)>>,
}

/// What a file that is no page was made from: text, and numbers.
pub(super) type FileOwn = (String, Vec<u32>);

/// What every page of an edition receives besides its own data.
#[derive(PartialEq)]
pub(super) struct Shared {
    pub globals: tera::Context,
    pub marks: Arc<Marks>,
    pub theme: Sources,
}

struct EditionPages {
    shared: Shared,
    /// By output path.
    pages: HashMap<String, Arc<Kept>>,
}

struct Kept {
    own: Own,
    html: Arc<str>,
    /// The whole render that last showed it.
    seen: AtomicU64,
}

/// What a page receives of its own: JSON text, and the HTML it embeds.
#[derive(PartialEq)]
pub(super) struct Own {
    pub data: String,
    pub html: Vec<Arc<str>>,
}

impl RenderedPages {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, EditionPages>> {
        self.editions.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// An edition's render begins: its pages are of use only if they received `shared` too.
    pub(super) fn begin(&self, language: &str, shared: Shared) {
        let mut editions = self.lock();
        if editions.get(language).is_some_and(|e| e.shared == shared) {
            return;
        }
        let pages = HashMap::new();
        editions.insert(language.to_string(), EditionPages { shared, pages });
    }

    /// An edition's render begins with nothing known of what its pages receive.
    pub(super) fn forget(&self, language: &str) {
        self.lock().remove(language);
    }

    /// The page at `path` of the edition, if it was made from the same `own` data.
    pub(super) fn get(&self, language: &str, path: &str, own: &Own) -> Option<Arc<str>> {
        let now = self.renders.load(Ordering::SeqCst);
        // Compared outside the lock: the pages render in parallel.
        let kept = self.lock().get(language)?.pages.get(path)?.clone();
        if kept.own != *own {
            return None;
        }
        kept.seen.store(now, Ordering::SeqCst);
        Some(kept.html.clone())
    }

    /// Keeps the page at `path` of the edition, made from `own`.
    pub(super) fn keep(&self, language: &str, path: &str, own: Own, html: Arc<str>) {
        let seen = AtomicU64::new(self.renders.load(Ordering::SeqCst));
        if let Some(edition) = self.lock().get_mut(language) {
            let kept = Arc::new(Kept { own, html, seen });
            edition.pages.insert(path.to_string(), kept);
        }
    }

    /// The file at `path`, made by `make` unless the last one was made from the same `own`.
    pub(super) fn file<E>(
        &self,
        path: &str,
        own: FileOwn,
        make: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Bytes, E> {
        let lock = || self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, bytes)) = lock().get(path).filter(|(kept, _)| *kept == own) {
            return Ok(bytes.clone());
        }
        let bytes = Bytes::from(make()?);
        lock().insert(path.to_string(), (own, bytes.clone()));
        Ok(bytes)
    }

    /// After a whole render: forgets the pages it did not show (gone, or moved).
    pub(super) fn sweep(&self) {
        let done = self.renders.fetch_add(1, Ordering::SeqCst);
        for edition in self.lock().values_mut() {
            edition
                .pages
                .retain(|_, p| p.seen.load(Ordering::SeqCst) == done);
        }
    }
}

/// A rendered page: made now, or shared with what the preview keeps of its renders.
pub(super) enum PageHtml {
    Made(String),
    Shared(Arc<str>),
}

impl PageHtml {
    pub(super) fn as_str(&self) -> &str {
        match self {
            PageHtml::Made(s) => s,
            PageHtml::Shared(s) => s,
        }
    }

    pub(super) fn into_bytes(self) -> bytes::Bytes {
        match self {
            PageHtml::Made(s) => s.into(),
            PageHtml::Shared(s) => bytes::Bytes::from_owner(SharedText(s)),
        }
    }
}

/// Shared text as the bytes of a file.
struct SharedText(Arc<str>);

impl AsRef<[u8]> for SharedText {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}
