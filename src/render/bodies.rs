//! The Markdown pages' bodies as the preview's renders made them into HTML: a catalogue edit
//! renders every page again, and a body that did not change, whose links all lead where they
//! did, is the same HTML (see [`super::markdown::Rewrites`]). Kept by edition and page file,
//! with the body's text, compared whole, and what each of its links became, made again and
//! compared on every use.

use super::markdown::{PlainText, Rewrites};
use crate::site::Page;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub(crate) struct BodyMemo {
    /// By edition (language tag) and page file.
    bodies: Mutex<HashMap<(String, String), Body>>,
    /// Whole renders so far: a body no whole render showed is forgotten after it.
    renders: AtomicU64,
}

struct Body {
    text: Arc<str>,
    html: Arc<str>,
    words: Arc<PlainText>,
    rewrites: Rewrites,
    /// The whole render that last showed it.
    seen: u64,
}

impl BodyMemo {
    /// Page `page`'s body in `edition` as HTML and words: as kept when its text is the same and
    /// `same` says its links become the same, else made by `render` (and kept).
    pub(super) fn html(
        &self,
        edition: &str,
        page: &Page,
        same: impl Fn(&Rewrites) -> bool,
        render: impl FnOnce() -> (String, PlainText, Rewrites),
    ) -> (Arc<str>, Arc<PlainText>) {
        let key = (edition.to_string(), page.source.clone());
        let now = self.renders.load(Ordering::SeqCst);
        let lock = || self.bodies.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(body) = lock().get_mut(&key)
            && (Arc::ptr_eq(&body.text, &page.body) || *body.text == *page.body)
            && same(&body.rewrites)
        {
            body.seen = now;
            return (body.html.clone(), body.words.clone());
        }
        let (html, words, rewrites) = render();
        let html: Arc<str> = html.into();
        let words = Arc::new(words);
        let body = Body {
            text: page.body.clone(),
            html: html.clone(),
            words: words.clone(),
            rewrites,
            seen: now,
        };
        lock().insert(key, body);
        (html, words)
    }

    /// After a whole render: forgets the bodies it did not show (pages gone, or moved).
    pub(super) fn sweep(&self) {
        let done = self.renders.fetch_add(1, Ordering::SeqCst);
        let mut bodies = self.bodies.lock().unwrap_or_else(|e| e.into_inner());
        bodies.retain(|_, b| b.seen == done);
    }
}
