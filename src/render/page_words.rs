//! The words of an edition's Markdown pages kept from their rendering, for the search index
//! (one Markdown parse per page for both).

use super::markdown::PlainText;
use std::sync::{Mutex, PoisonError};

/// The words of an edition's Markdown pages as their rendering found them (one parse for the
/// HTML and the index); a page not rendered this time (a preview's partial rebuild) is parsed
/// for its words alone.
pub(super) struct PageWords {
    home: Mutex<Option<PlainText>>,
    /// By position in the renderer's pages.
    pages: Vec<Mutex<Option<PlainText>>>,
}

impl PageWords {
    pub(super) fn new(pages: usize) -> PageWords {
        PageWords {
            home: Mutex::new(None),
            pages: (0..pages).map(|_| Mutex::new(None)).collect(),
        }
    }

    fn slot(&self, page: Option<usize>) -> Option<&Mutex<Option<PlainText>>> {
        match page {
            None => Some(&self.home),
            Some(i) => self.pages.get(i),
        }
    }

    /// Keeps the words of page number `page` (`None`: the home page's text).
    pub(super) fn keep(&self, page: Option<usize>, words: PlainText) {
        if let Some(slot) = self.slot(page) {
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(words);
        }
    }

    /// The words of a page: those kept, or its body's.
    pub(super) fn take(&self, page: Option<usize>, body: &str) -> PlainText {
        self.slot(page)
            .and_then(|s| s.lock().unwrap_or_else(PoisonError::into_inner).take())
            .unwrap_or_else(|| PlainText::of(body))
    }
}
