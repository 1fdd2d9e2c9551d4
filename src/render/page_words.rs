//! The words of an edition's pages kept from their rendering, for the search index: the
//! Markdown pages' (one Markdown parse per page for both), and the text of the other pages as
//! their HTML shows it, cut at the ids of their facts (so what other pages print, hours, prices,
//! targets, contact methods, holidays, is found where it stands).

use super::markdown::PlainText;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// The words of an edition's Markdown pages as their rendering found them (one parse for the
/// HTML and the index); a page not rendered this time (a preview's partial rebuild) takes its
/// words from the preview's [`SearchMemo`], or is parsed for its words alone.
pub(super) struct PageWords<'a> {
    home: Mutex<Option<PlainText>>,
    /// By position in the renderer's pages.
    pages: Vec<Mutex<Option<PlainText>>>,
    /// The other pages' chunks, by the page's link (`plans/premium/`).
    shown: Mutex<HashMap<String, Vec<Chunk>>>,
    /// The preview's words of earlier rebuilds, with this edition's key for each page.
    memo: Option<Memo<'a>>,
}

struct Memo<'a> {
    words: &'a SearchMemo,
    /// The edition's output prefix (`en/`), which keys its entries.
    prefix: String,
    /// The key of each page, by position in the renderer's pages.
    sources: Vec<String>,
}

/// What a preview keeps of a rebuild for the next one's search index: the chunks of the pages
/// indexed from their HTML and the words of the Markdown pages, by edition. A page edit
/// re-renders only that page; the index of the next moment takes every other page's words
/// from here instead of rendering them all again. Emptied by every whole render, which fills
/// it anew.
#[derive(Default)]
pub(crate) struct SearchMemo {
    shown: Mutex<HashMap<String, Shown>>,
    pages: Mutex<HashMap<String, PlainText>>,
}

/// A page indexed from its HTML, as a preview keeps it: the HTML as rendered (cut into chunks
/// only when the index is built, after the pages are served), then its chunks.
enum Shown {
    Html(String),
    Chunks(Vec<Chunk>),
}

impl SearchMemo {
    pub(super) fn clear(&self) {
        lock(&self.shown).clear();
        lock(&self.pages).clear();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<'a> PageWords<'a> {
    /// For an edition whose pages' source files are `sources`, in the renderer's order.
    pub(super) fn new(
        sources: Vec<String>,
        memo: Option<&'a SearchMemo>,
        prefix: &str,
    ) -> PageWords<'a> {
        PageWords {
            home: Mutex::new(None),
            pages: (0..sources.len()).map(|_| Mutex::new(None)).collect(),
            shown: Mutex::new(HashMap::new()),
            memo: memo.map(|words| Memo {
                words,
                prefix: prefix.to_string(),
                sources: sources.iter().map(|s| format!("{prefix}{s}")).collect(),
            }),
        }
    }

    /// Keeps the chunks of the page at `link`, from its HTML (a preview keeps the HTML, and
    /// cuts it when its index is built).
    pub(super) fn keep_html(&self, link: String, html: &str) {
        match &self.memo {
            Some(m) => {
                let key = format!("{}{link}", m.prefix);
                lock(&m.words.shown).insert(key, Shown::Html(html.to_string()));
            }
            None => {
                lock(&self.shown).insert(link, html_chunks(html));
            }
        }
    }

    /// The chunks kept for the page at `link`, by this rendering or an earlier one.
    pub(super) fn take_html(&self, link: &str) -> Option<Vec<Chunk>> {
        if let Some(chunks) = lock(&self.shown).remove(link) {
            return Some(chunks);
        }
        let m = self.memo.as_ref()?;
        let key = format!("{}{link}", m.prefix);
        let html = {
            let mut shown = lock(&m.words.shown);
            match shown.remove(&key)? {
                Shown::Chunks(chunks) => {
                    shown.insert(key, Shown::Chunks(chunks.clone()));
                    return Some(chunks);
                }
                Shown::Html(html) => html,
            }
        };
        // Cut outside the lock: the pages are cut in parallel.
        let chunks = html_chunks(&html);
        lock(&m.words.shown).insert(key, Shown::Chunks(chunks.clone()));
        Some(chunks)
    }

    fn slot(&self, page: Option<usize>) -> Option<&Mutex<Option<PlainText>>> {
        match page {
            None => Some(&self.home),
            Some(i) => self.pages.get(i),
        }
    }

    /// Keeps the words of page number `page` (`None`: the home page's text).
    pub(super) fn keep(&self, page: Option<usize>, words: PlainText) {
        if let (Some(m), Some(i)) = (&self.memo, page) {
            lock(&m.words.pages).insert(m.sources[i].clone(), words.clone());
        }
        if let Some(slot) = self.slot(page) {
            *lock(slot) = Some(words);
        }
    }

    /// The words of page number `i`: those kept, or its body's.
    pub(super) fn take(&self, i: usize, body: &str) -> PlainText {
        self.slot(Some(i))
            .and_then(|s| lock(s).take())
            .or_else(|| {
                let m = self.memo.as_ref()?;
                lock(&m.words.pages).get(&m.sources[i]).cloned()
            })
            .unwrap_or_else(|| PlainText::of(body))
    }
}

/// A part of a rendered page for the search index: the words from one element with an `id`
/// (a heading, a contact's card, a plan's column) to the next, so that a result leads to the
/// fact it found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Chunk {
    /// The `id` it starts at; `None` for the top of the page.
    pub anchor: Option<String>,
    /// Its heading: the text of the element with the id when that is a heading or a term,
    /// otherwise the first heading inside it.
    pub title: String,
    /// The text of every heading in it.
    pub headings: String,
    pub text: String,
}

/// Elements whose text is not what the page says (form choices list every product; scripts,
/// styles and pictures are not words).
const SKIPPED: [&str; 8] = [
    "script", "style", "select", "template", "svg", "button", "textarea", "noscript",
];
/// The characters of text a chunk keeps: a product's routing matrix repeats the same names
/// row after row, and past this its words are already there (and the build stays fast).
const CHUNK_TEXT: usize = 2000;
/// Elements without an end tag.
const VOID: [&str; 12] = [
    "br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "track",
];
/// Inline elements: their tags do not separate words (`<strong>4</strong>,50` is `4,50`).
const INLINE: [&str; 17] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "em", "i", "kbd", "mark", "q", "small",
    "span", "strong", "time",
];
/// Elements whose `id` does not start a chunk: form parts, table bodies (a product's
/// routing matrix has one per issue type) and captions.
const NOT_ANCHORS: [&str; 9] = [
    "form", "input", "select", "label", "output", "tbody", "caption", "table", "option",
];

/// The chunks of a page's `<main>`, in order; empty ones left out.
pub(super) fn html_chunks(html: &str) -> Vec<Chunk> {
    let Some(start) = html.find("<main") else {
        return Vec::new();
    };
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    let html = &html[start..end];
    let mut chunks = vec![Chunk::default()];
    // The depth of open elements; where a skipped element, the chunk's title element and the
    // heading being read opened.
    let mut depth = 0usize;
    let mut skip_at: Option<usize> = None;
    let mut title_at: Option<usize> = None;
    let mut heading_at: Option<usize> = None;
    let mut title = String::new();
    let mut heading = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let full = chunks.last().is_some_and(|c| c.text.len() >= CHUNK_TEXT);
        if skip_at.is_none() && lt > 0 && (!full || title_at.is_some() || heading_at.is_some()) {
            let text = decode(&rest[..lt]);
            let chunk = chunks.last_mut().expect("there is a chunk");
            if !full {
                chunk.text.push_str(&text);
            }
            if title_at.is_some() {
                title.push_str(&text);
            }
            if heading_at.is_some() {
                heading.push_str(&text);
            }
        }
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(body.len());
        let name = &body[..name_end];
        let lower;
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = name.to_ascii_lowercase();
            lower.as_str()
        } else {
            name
        };
        if !closing && matches!(name, "script" | "style") {
            // Their text may hold `<`: skipped whole, to their end tag.
            rest = rest
                .find(&format!("</{name}"))
                .and_then(|e| rest[e..].find('>').map(|g| &rest[e + g + 1..]))
                .unwrap_or("");
            continue;
        }
        let separates = !INLINE.contains(&name);
        if closing {
            depth = depth.saturating_sub(1);
            if skip_at == Some(depth) {
                skip_at = None;
            }
            if title_at == Some(depth) {
                title_at = None;
                let chunk = chunks.last_mut().expect("there is a chunk");
                if chunk.title.is_empty() {
                    chunk.title = squeeze(&title);
                }
                title.clear();
            }
            if heading_at == Some(depth) {
                heading_at = None;
                let chunk = chunks.last_mut().expect("there is a chunk");
                chunk.headings.push_str(&heading);
                chunk.headings.push(' ');
                heading.clear();
            }
        } else {
            let opens = !VOID.contains(&name) && !tag.ends_with('/');
            if skip_at.is_none() {
                let attrs = Attrs::of(&body[name_end..]);
                if SKIPPED.contains(&name) || attrs.hidden {
                    if opens {
                        skip_at = Some(depth);
                    }
                } else {
                    let is_heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                    if let Some(id) = attrs.id
                        && starts_chunk(name, id, chunks.last().and_then(|c| c.anchor.as_deref()))
                    {
                        chunks.push(Chunk {
                            anchor: Some(id.to_string()),
                            ..Chunk::default()
                        });
                        title.clear();
                        title_at = None;
                        if is_heading || matches!(name, "dt" | "th") {
                            title_at = Some(depth);
                        }
                    }
                    if is_heading && opens {
                        if title_at.is_none() && chunks.last().is_some_and(|c| c.title.is_empty()) {
                            title_at = Some(depth);
                        }
                        if heading_at.is_none() {
                            heading_at = Some(depth);
                        }
                    }
                }
            }
            if opens {
                depth += 1;
            }
        }
        if separates && skip_at.is_none() {
            let chunk = chunks.last_mut().expect("there is a chunk");
            if chunk.text.len() < CHUNK_TEXT {
                chunk.text.push(' ');
            }
            if title_at.is_some() {
                title.push(' ');
            }
            if heading_at.is_some() {
                heading.push(' ');
            }
        }
    }
    chunks
        .into_iter()
        .map(|c| Chunk {
            anchor: c.anchor,
            title: c.title,
            headings: squeeze(&c.headings),
            text: squeeze(&c.text),
        })
        .filter(|c| !c.text.is_empty())
        .collect()
}

/// Whether an element with this `id` starts a chunk: not a form part, not the search box's,
/// not an issue type's entry (issue types are documents of their own, leading to the route
/// finder), not a part of the current chunk's element (`contact-x-name` inside `contact-x`).
fn starts_chunk(name: &str, id: &str, current: Option<&str>) -> bool {
    !NOT_ANCHORS.contains(&name)
        && !id.starts_with("sb-")
        && !id.starts_with("issue-")
        && !current.is_some_and(|c| id.strip_prefix(c).is_some_and(|r| r.starts_with('-')))
}

/// What the chunks need of a tag's attributes, read in one pass.
#[derive(Debug, Default, PartialEq)]
struct Attrs<'a> {
    id: Option<&'a str>,
    /// `hidden`, or `aria-hidden="true"`: not what the page shows.
    hidden: bool,
}

impl<'a> Attrs<'a> {
    /// Reads `id="x" hidden aria-hidden="true"` (values quoted with `"` or `'`, or bare).
    fn of(attrs: &'a str) -> Attrs<'a> {
        let mut found = Attrs::default();
        let mut rest = attrs;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                return found;
            }
            let name_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            rest = rest[name_end..].trim_start();
            let mut value = None;
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (v, next) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(q).unwrap_or(inner.len());
                        (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = Some(v);
                rest = next;
            }
            match name {
                "id" => found.id = value,
                "hidden" => found.hidden = true,
                "aria-hidden" if value == Some("true") => found.hidden = true,
                _ => {}
            }
        }
    }
}

/// Text with its character references decoded.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(if c == '\u{a0}' || c == '\u{202f}' {
                    ' '
                } else {
                    c
                });
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text with its runs of white space made one space, trimmed.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_in_one_pass_whatever_their_quotes() {
        let id = |a| Attrs::of(a).id;
        assert_eq!(id(r#" class="x" id="plan-a""#), Some("plan-a"));
        assert_eq!(id(" id='plan-b' hidden"), Some("plan-b"));
        assert_eq!(id(" id = plan-c class=y"), Some("plan-c"));
        assert_eq!(id(r#" data-id="no" aria-describedby="id""#), None);
        assert!(Attrs::of(" hidden").hidden);
        assert!(Attrs::of(r#" id="x" hidden/"#).hidden);
        assert!(Attrs::of(r#" aria-hidden="true""#).hidden);
        assert!(!Attrs::of(r#" aria-hidden="false" data-hidden="1""#).hidden);
        assert_eq!(Attrs::of(""), Attrs::default());
    }

    #[test]
    fn a_page_is_cut_at_its_ids_without_forms_scripts_or_hidden_parts() {
        let html = r#"<header>Menu</header><main id="sb-main"><h1>Premium</h1><p>For teams &amp; more.</p>
<form id="finder"><select id="f-product"><option>Every product</option></select><button>Go</button></form>
<h2 id="price-title">Price</h2><p><strong>4</strong>,50&nbsp;€ <span hidden>secret</span></p>
<article id="contact-desk"><h3 id="contact-desk-name">Service desk</h3><p>Mon–Fri 08:30–18:00</p></article>
<table><tbody id="issue-x"><tr><th>Billing</th><td>Desk</td></tr></tbody></table>
<dl><dt id="tier-t1">First line</dt><dd>Triage</dd></dl><script>var x = "<p>";</script></main><footer>Foot</footer>"#;
        let chunks = html_chunks(html);
        let shown: Vec<(Option<&str>, &str, &str)> = chunks
            .iter()
            .map(|c| (c.anchor.as_deref(), c.title.as_str(), c.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                (None, "Premium", "Premium For teams & more."),
                (Some("price-title"), "Price", "Price 4,50 €"),
                (
                    Some("contact-desk"),
                    "Service desk",
                    "Service desk Mon–Fri 08:30–18:00 Billing Desk"
                ),
                (Some("tier-t1"), "First line", "First line Triage"),
            ]
        );
        assert_eq!(chunks[2].headings, "Service desk");
    }
}
