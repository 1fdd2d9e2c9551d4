//! The words of an edition's pages kept from their rendering, for the search index: the
//! Markdown pages' (one Markdown parse per page for both), and the text of the other pages as
//! their HTML shows it, cut at the ids of their facts (so what other pages print, hours, prices,
//! targets, contact methods, holidays, is found where it stands). A whole build keeps them
//! only as long as it takes to weigh them: each page's documents are weighed into the
//! edition's dictionary as the page renders, and only what the index needs of them is kept.

use super::markdown::PlainText;
use super::reuse::PageHtml;
use crate::search::{Dictionary, Weighed};
use memchr::memmem;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The words of an edition's Markdown pages as their rendering found them (one parse for the
/// HTML and the index); a page not rendered this time (a preview's partial rebuild) takes its
/// words from the preview's [`SearchMemo`], or is parsed for its words alone. And, in a whole
/// build, every page's documents as weighed when it rendered.
pub(super) struct PageWords<'a> {
    home: Mutex<Option<Arc<PlainText>>>,
    /// By position in the renderer's pages.
    pages: Vec<Mutex<Option<Arc<PlainText>>>>,
    /// The preview's words of earlier rebuilds, with this edition's key for each page.
    memo: Option<Memo<'a>>,
    /// The words of the edition's index.
    dictionary: Dictionary,
    /// A whole build's pages weighed for the index as they render, by link (a preview's are
    /// weighed when its index is built, after the pages are served).
    weighed: Mutex<HashMap<String, Vec<Weighed>>>,
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
    pages: Mutex<HashMap<String, Arc<PlainText>>>,
}

/// A page indexed from its HTML, as a preview keeps it: the HTML as rendered (cut into chunks
/// only when the index is built, after the pages are served), then its chunks.
enum Shown {
    /// Shared with the page served.
    Html(Arc<str>),
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
    /// For an edition in `language` whose pages' source files are `sources`, in the renderer's
    /// order.
    pub(super) fn new(
        sources: Vec<String>,
        memo: Option<&'a SearchMemo>,
        prefix: &str,
        language: &str,
    ) -> PageWords<'a> {
        PageWords {
            home: Mutex::new(None),
            pages: (0..sources.len()).map(|_| Mutex::new(None)).collect(),
            memo: memo.map(|words| Memo {
                words,
                prefix: prefix.to_string(),
                sources: sources.iter().map(|s| format!("{prefix}{s}")).collect(),
            }),
            dictionary: Dictionary::new(language),
            weighed: Mutex::new(HashMap::new()),
        }
    }

    /// Whether pages are weighed for the index as they render: in a whole build, where the
    /// index follows at once; a preview serves its pages first.
    pub(super) fn weighs_now(&self) -> bool {
        self.memo.is_none()
    }

    /// The words of the edition's index.
    pub(super) fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// Keeps the documents of the page at `link`, weighed.
    pub(super) fn keep_weighed(&self, link: String, docs: Vec<Weighed>) {
        lock(&self.weighed).insert(link, docs);
    }

    /// The weighed documents kept for the page at `link`.
    pub(super) fn take_weighed(&self, link: &str) -> Option<Vec<Weighed>> {
        lock(&self.weighed).remove(link)
    }

    /// Keeps the HTML of the page at `link` in a preview's memo, to be cut into chunks when
    /// its index is built (a whole build weighs its pages as they render).
    pub(super) fn keep_html(&self, link: &str, html: &PageHtml) {
        if let Some(m) = &self.memo {
            let key = format!("{}{link}", m.prefix);
            let html = match html {
                PageHtml::Shared(html) => html.clone(),
                PageHtml::Made(html) => html.as_str().into(),
            };
            lock(&m.words.shown).insert(key, Shown::Html(html));
        }
    }

    /// The chunks a preview kept for the page at `link`, by this rendering or an earlier one.
    pub(super) fn take_html(&self, link: &str) -> Option<Vec<Chunk>> {
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

    fn slot(&self, page: Option<usize>) -> Option<&Mutex<Option<Arc<PlainText>>>> {
        match page {
            None => Some(&self.home),
            Some(i) => self.pages.get(i),
        }
    }

    /// Keeps the words of page number `page` (`None`: the home page's text).
    pub(super) fn keep(&self, page: Option<usize>, words: Arc<PlainText>) {
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
            .map(|words| Arc::try_unwrap(words).unwrap_or_else(|shared| (*shared).clone()))
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

/// The characters of text a chunk keeps: a product's routing matrix repeats the same names
/// row after row, and past this its words are already there (and the build stays fast).
const CHUNK_TEXT: usize = 2000;

/// What the chunks need to know of an element by its (lower-case) name.
#[derive(Clone, Copy, Default)]
struct Kind {
    /// Its text is not what the page says (form choices list every product; scripts, styles and
    /// pictures are not words).
    skipped: bool,
    /// It has no end tag.
    void: bool,
    /// Its tags do not separate words (`<strong>4</strong>,50` is `4,50`).
    inline: bool,
    /// Its `id` does not start a chunk: form parts, table bodies (a product's routing matrix
    /// has one per issue type) and captions.
    not_anchor: bool,
    heading: bool,
}

impl Kind {
    fn of(name: &str) -> Kind {
        let k = Kind::default();
        match name {
            "script" | "style" | "template" | "svg" | "button" | "textarea" | "noscript" => {
                Kind { skipped: true, ..k }
            }
            "select" => Kind {
                skipped: true,
                not_anchor: true,
                ..k
            },
            "br" | "img" | "meta" | "link" | "hr" | "wbr" | "source" | "col" | "area" | "base"
            | "track" => Kind { void: true, ..k },
            "input" => Kind {
                void: true,
                not_anchor: true,
                ..k
            },
            "a" | "abbr" | "b" | "bdi" | "bdo" | "cite" | "code" | "data" | "em" | "i" | "kbd"
            | "mark" | "q" | "small" | "span" | "strong" | "time" => Kind { inline: true, ..k },
            "form" | "label" | "output" | "tbody" | "caption" | "table" | "option" => Kind {
                not_anchor: true,
                ..k
            },
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind { heading: true, ..k },
            _ => k,
        }
    }
}

/// Where byte `b` (ASCII) first is in `s`.
fn find_byte(s: &str, b: u8) -> Option<usize> {
    memchr::memchr(b, s.as_bytes())
}

/// The chunks of a page's `<main>`, in order; empty ones left out.
pub(super) fn html_chunks(html: &str) -> Vec<Chunk> {
    let Some(start) = html.find("<main") else {
        return Vec::new();
    };
    // The page's one `<main>` ends near the page's end.
    let end = html
        .rfind("</main>")
        .filter(|e| *e > start)
        .unwrap_or(html.len());
    let mut cut = Cutter::default();
    let main = &html[start..end];
    let mut rest = main;
    // Where the next thing is that could still change the chunks once the current one is full.
    let mut interest = 0;
    while !rest.is_empty() {
        let at = main.len() - rest.len();
        if cut.idle() && at >= interest {
            // A full chunk, nothing being read: only a new chunk or a heading can change what
            // is found, and with none ahead the rest of the page adds nothing.
            match next_interest(rest) {
                Some(next) => interest = at + next + 1,
                None => break,
            }
        }
        let lt = find_byte(rest, b'<').unwrap_or(rest.len());
        cut.text(&rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = find_byte(rest, b'>') else {
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(end) = cut.tag(tag) {
            // A script's or a style's text may hold `<`: skipped whole, to its end tag.
            rest = rest
                .find(end)
                .and_then(|e| find_byte(&rest[e..], b'>').map(|g| &rest[e + g + 1..]))
                .unwrap_or("");
        }
    }
    cut.chunks
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

/// The state of cutting one page: the chunks so far, the depth of open elements, and where a
/// skipped element, the chunk's title element and the heading being read opened.
struct Cutter {
    chunks: Vec<Chunk>,
    depth: usize,
    skip_at: Option<usize>,
    title_at: Option<usize>,
    heading_at: Option<usize>,
    title: String,
    heading: String,
    /// A text run decoded, reused from run to run.
    run: String,
}

impl Default for Cutter {
    fn default() -> Cutter {
        Cutter {
            chunks: vec![Chunk::default()],
            depth: 0,
            skip_at: None,
            title_at: None,
            heading_at: None,
            title: String::new(),
            heading: String::new(),
            run: String::new(),
        }
    }
}

impl Cutter {
    fn chunk(&mut self) -> &mut Chunk {
        self.chunks.last_mut().expect("there is a chunk")
    }

    /// Whether the text that follows adds nothing: the chunk is full, and no title or heading
    /// is being read (nor anything skipped that would end first).
    fn idle(&self) -> bool {
        self.skip_at.is_none()
            && self.title_at.is_none()
            && self.heading_at.is_none()
            && self
                .chunks
                .last()
                .is_some_and(|c| c.text.len() >= CHUNK_TEXT)
    }

    /// A run of text between tags.
    fn text(&mut self, raw: &str) {
        let full = self.chunk().text.len() >= CHUNK_TEXT;
        let reading = self.title_at.is_some() || self.heading_at.is_some();
        if self.skip_at.is_some() || raw.is_empty() || (full && !reading) {
            return;
        }
        let mut run = std::mem::take(&mut self.run);
        run.clear();
        decode_into(raw, &mut run);
        if !full {
            self.chunk().text.push_str(&run);
        }
        if self.title_at.is_some() {
            self.title.push_str(&run);
        }
        if self.heading_at.is_some() {
            self.heading.push_str(&run);
        }
        self.run = run;
    }

    /// A tag (what is between `<` and `>`). A script or a style is left for the caller to skip
    /// to the end tag returned.
    fn tag(&mut self, tag: &str) -> Option<&'static str> {
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(body.len());
        let name = &body[..name_end];
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(name.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(name)
        };
        if !closing {
            match &*name {
                "script" => return Some("</script"),
                "style" => return Some("</style"),
                _ => {}
            }
        }
        let kind = Kind::of(&name);
        if closing {
            self.close();
        } else {
            self.open(&name, kind, &body[name_end..], !tag.ends_with('/'));
        }
        if !kind.inline && self.skip_at.is_none() {
            self.separate();
        }
        None
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        let depth = Some(self.depth);
        if self.skip_at == depth {
            self.skip_at = None;
        }
        if self.title_at == depth {
            self.title_at = None;
            let title = squeeze(&self.title);
            let chunk = self.chunk();
            if chunk.title.is_empty() {
                chunk.title = title;
            }
            self.title.clear();
        }
        if self.heading_at == depth {
            self.heading_at = None;
            let heading = std::mem::take(&mut self.heading);
            let chunk = self.chunk();
            chunk.headings.push_str(&heading);
            chunk.headings.push(' ');
        }
    }

    fn open(&mut self, name: &str, kind: Kind, attrs: &str, may_close: bool) {
        let opens = may_close && !kind.void;
        if self.skip_at.is_none() {
            // Only a tag that names `id`, `hidden` or `aria-hidden` needs reading.
            let attrs = if attrs.contains("id") {
                Attrs::of(attrs)
            } else {
                Attrs::default()
            };
            if kind.skipped || attrs.hidden {
                if opens {
                    self.skip_at = Some(self.depth);
                }
            } else {
                self.anchor(name, kind, attrs.id);
                if kind.heading && opens {
                    if self.title_at.is_none() && self.chunk().title.is_empty() {
                        self.title_at = Some(self.depth);
                    }
                    if self.heading_at.is_none() {
                        self.heading_at = Some(self.depth);
                    }
                }
            }
        }
        if opens {
            self.depth += 1;
        }
    }

    /// Starts a chunk at an element with an `id` that starts one.
    fn anchor(&mut self, name: &str, kind: Kind, id: Option<&str>) {
        let Some(id) = id else { return };
        let current = self.chunks.last().and_then(|c| c.anchor.as_deref());
        if kind.not_anchor || !starts_chunk(id, current) {
            return;
        }
        self.chunks.push(Chunk {
            anchor: Some(id.to_string()),
            ..Chunk::default()
        });
        self.title.clear();
        self.title_at = (kind.heading || matches!(name, "dt" | "th")).then_some(self.depth);
    }

    /// A tag between words: a space in the chunk's text, its title and its heading.
    fn separate(&mut self) {
        let chunk = self.chunk();
        if chunk.text.len() < CHUNK_TEXT {
            chunk.text.push(' ');
        }
        if self.title_at.is_some() {
            self.title.push(' ');
        }
        if self.heading_at.is_some() {
            self.heading.push(' ');
        }
    }
}

/// Where in `rest` the first tag is that may start a chunk or open a heading (the offset of its
/// `<`), or `None`. It may find a tag that turns out to start nothing, never miss one. On a
/// product page it reads the three quarters of the page after the full chunk, so it looks for
/// `<h` and `id=` with `memchr`'s vectorised search (a third of the time cutting took before).
fn next_interest(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let heading =
        memmem::find_iter(bytes, b"<h").find(|i| matches!(bytes.get(i + 2), Some(b'1'..=b'6')));
    let limit = heading.unwrap_or(rest.len());
    let id = memmem::find_iter(&bytes[..limit], b"id=").find_map(|i| {
        // The tag it stands in, if it does stand in one.
        let lt = rest[..i].rfind('<')?;
        let head = &rest[lt + 1..i];
        if head.contains('>') {
            return None;
        }
        let name = head.split(|c: char| c.is_whitespace() || c == '/').next()?;
        let value = rest[i + 3..].trim_start_matches(['"', '\'']);
        let never = Kind::of(&name.to_ascii_lowercase()).not_anchor
            || value.starts_with("sb-")
            || value.starts_with("issue-");
        (!never).then_some(lt)
    });
    id.or(heading)
}

/// Whether an `id` starts a chunk: not the search box's, not an issue type's entry (issue
/// types are documents of their own, leading to the route finder), not a part of the current
/// chunk's element (`contact-x-name` inside `contact-x`).
fn starts_chunk(id: &str, current: Option<&str>) -> bool {
    !id.starts_with("sb-")
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

/// `text` with its character references decoded, added to `out`.
fn decode_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = find_byte(rest, b'&') {
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
}

/// Text with its runs of white space made one space, trimmed.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
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

    #[test]
    fn a_full_chunk_still_finds_later_headings_and_chunks_but_not_hidden_ones() {
        let long = "word ".repeat(CHUNK_TEXT / 4);
        let html = format!(
            r#"<main><h2 id="matrix">Matrix</h2><table><tbody id="issue-x"><tr><td>{long}</td></tr></tbody></table>
<div hidden><h2 id="secret">Hidden</h2><p>secret</p></div><h3>Late heading</h3><p>{long}</p>
<div class="x" data-id="y"><span>More</span></div><h2 id="later">Later</h2><p>After</p></main>"#
        );
        let chunks = html_chunks(&html);
        let anchors: Vec<Option<&str>> = chunks.iter().map(|c| c.anchor.as_deref()).collect();
        assert_eq!(anchors, [Some("matrix"), Some("later")]);
        assert_eq!(chunks[0].headings, "Matrix Late heading");
        assert!(!chunks[0].text.contains("secret"));
        assert_eq!(chunks[1].text, "Later After");
    }
}
