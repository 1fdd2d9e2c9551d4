//! Markdown to HTML for page bodies and the catalogue's Markdown fields. Raw HTML is shown as
//! text, heading attributes are dropped, links with schemes other than http(s), mailto and tel
//! lose their link, and internal links are rewritten under the site's base path (`/plans/` →
//! `/support/plans/`, `terms.md` → the page's URL). A page body's plain text, for the search
//! index, comes from the same parse.

use crate::links::{PageIndex, Target, markdown_options, target};
use crate::site::Page;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

/// How links in one piece of Markdown are resolved.
pub(super) struct Links<'a> {
    /// The URL of an output path (`plans/` → `/support/en/plans/`).
    pub url: &'a dyn Fn(&str) -> String,
    /// The page the Markdown is the body of, with every page (for `.md` links).
    pub page: Option<(&'a Page, &'a PageIndex<'a>)>,
}

/// Markdown of the catalogue's text fields, with links leading into an edition of the portal.
pub(crate) trait MarkdownUrls {
    /// The URL of an output path of the default language's portal, in this edition.
    fn url(&self, path: &str) -> String;
    /// Markdown of a catalogue field, headings from `h`.
    fn md(&self, text: Option<&str>, h: u8) -> Option<String> {
        let url = |p: &str| self.url(p);
        let links = Links {
            url: &url,
            page: None,
        };
        text.map(|t| match self.lang_of(t) {
            // Untranslated (spec section 7): the block says its language.
            Some(lang) => format!(
                "<div lang=\"{lang}\">{}</div>",
                to_html(t, &links, h, false)
            ),
            None => to_html(t, &links, h, false),
        })
    }

    /// The language of a catalogue text when the edition shows it untranslated.
    fn lang_of(&self, _text: &str) -> Option<&str> {
        None
    }
}

/// Markdown as words, for the search index: the headings' text, and all of its text (headings
/// included), blocks separated by a space; and where its sections start.
#[derive(Debug, Default, Clone)]
pub(super) struct PlainText {
    pub headings: String,
    pub text: String,
    /// The headings of the highest level, each starting a section that ends where the next
    /// starts (the text before the first is the page's own).
    pub sections: Vec<Section>,
}

/// A section of a Markdown page: from one of its highest headings to the next.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Section {
    /// The heading's `id`, as the page's HTML has it.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Where the section starts in [`PlainText::text`] (its heading), where its text after the
    /// heading starts there, and where it starts in [`PlainText::headings`].
    pub at: usize,
    pub text_at: usize,
    pub headings_at: usize,
}

impl PlainText {
    /// The words of a page body, with its sections as [`to_html_and_words`] with `ids` finds
    /// them.
    pub(super) fn of(markdown: &str) -> PlainText {
        let events: Vec<Event> = Parser::new_ext(markdown, markdown_options()).collect();
        let ids = heading_ids(&events, true);
        let mut words = Words::new(&events, &ids);
        for event in &events {
            words.take(event);
        }
        words.plain
    }
}

/// The highest heading level of `events` (1 for `#`), if there is a heading.
fn top_level(events: &[Event]) -> Option<u8> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min()
}

/// The `id` of each heading of `events`, in order: its own `{#id}`, or with `ids` one made from
/// its text; each unique in the page.
fn heading_ids(events: &[Event], ids: bool) -> Vec<Option<String>> {
    let mut used: HashSet<String> = HashSet::new();
    events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            Event::Start(Tag::Heading { id, .. }) => Some(match id {
                Some(id) => Some(unique(&mut used, slugify(id))),
                None if ids => Some(unique(&mut used, slugify(&heading_text(&events[i + 1..])))),
                None => None,
            }),
            _ => None,
        })
        .collect()
}

/// Collects a [`PlainText`] event by event.
struct Words<'a> {
    plain: PlainText,
    in_heading: bool,
    /// The highest heading level, and each heading's id (see [`heading_ids`]).
    top: u8,
    ids: &'a [Option<String>],
    /// Headings met so far.
    headings: usize,
    /// Whether the heading open starts a section.
    in_section_heading: bool,
}

impl<'a> Words<'a> {
    fn new(events: &[Event], ids: &'a [Option<String>]) -> Words<'a> {
        Words {
            plain: PlainText::default(),
            in_heading: false,
            top: top_level(events).unwrap_or(0),
            ids,
            headings: 0,
            in_section_heading: false,
        }
    }

    fn take(&mut self, event: &Event) {
        let p = &mut self.plain;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.in_heading = true;
                let id = self.ids.get(self.headings).cloned().flatten();
                self.headings += 1;
                self.in_section_heading = false;
                if let Some(id) = id.filter(|_| *level as u8 == self.top) {
                    space(&mut p.text);
                    p.sections.push(Section {
                        id,
                        title: String::new(),
                        at: p.text.len(),
                        text_at: p.text.len(),
                        headings_at: p.headings.len(),
                    });
                    self.in_section_heading = true;
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                self.in_heading = false;
                p.headings.push(' ');
                space(&mut p.text);
                if self.in_section_heading
                    && let Some(s) = p.sections.last_mut()
                {
                    s.title = p.headings[s.headings_at..].trim().to_string();
                    s.text_at = p.text.len();
                }
                self.in_section_heading = false;
            }
            Event::Text(s) | Event::Code(s) => {
                if self.in_heading {
                    p.headings.push_str(s);
                }
                p.text.push_str(s);
            }
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => space(&mut p.text),
            _ => {}
        }
    }
}

/// Ends a word: one space, never two.
fn space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
}

/// Renders `text`. Headings are shifted so that the highest is at least `min_heading`; with
/// `ids`, headings without an `{#id}` get one from their text.
pub(super) fn to_html(text: &str, links: &Links, min_heading: u8, ids: bool) -> String {
    render(text, links, min_heading, ids, false, None).0
}

/// [`to_html`], and the text's words from the same parse.
pub(super) fn to_html_and_words(
    text: &str,
    links: &Links,
    min_heading: u8,
    ids: bool,
) -> (String, PlainText) {
    let (html, plain, _) = to_html_words_and_rewrites(text, links, min_heading, ids);
    (html, plain)
}

/// What each link and image of a Markdown text became: its destination as written, and the
/// address it was given (`None`: it lost its link). The rest of the HTML follows from the text
/// alone, so the same text whose links all become the same again gives the same HTML.
pub(super) type Rewrites = Vec<(String, Option<String>)>;

/// [`to_html_and_words`], and what its links became.
pub(super) fn to_html_words_and_rewrites(
    text: &str,
    links: &Links,
    min_heading: u8,
    ids: bool,
) -> (String, PlainText, Rewrites) {
    let mut rewrites = Rewrites::new();
    let (html, plain) = render(text, links, min_heading, ids, true, Some(&mut rewrites));
    (html, plain.unwrap_or_default(), rewrites)
}

/// Whether every link of `rewrites` becomes the same with `links`.
pub(super) fn same_rewrites(rewrites: &Rewrites, links: &Links) -> bool {
    rewrites
        .iter()
        .all(|(dest, was)| rewrite(dest, links) == *was)
}

/// The HTML of `text`, and with `words` its words (see [`PlainText`]).
fn render(
    text: &str,
    links: &Links,
    min_heading: u8,
    ids: bool,
    words: bool,
    mut rewrites: Option<&mut Rewrites>,
) -> (String, Option<PlainText>) {
    let events: Vec<Event> = Parser::new_ext(text, markdown_options()).collect();
    let heading_ids = heading_ids(&events, ids);
    let plain = words.then(|| {
        let mut w = Words::new(&events, &heading_ids);
        for e in &events {
            w.take(e);
        }
        w.plain
    });
    let top = top_level(&events).unwrap_or(min_heading);
    let shift = min_heading.saturating_sub(top);
    let mut heading_ids = heading_ids.into_iter();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut dropped_images = 0usize;
    for event in &events {
        let e = match event.clone() {
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::Heading { level, .. }) => {
                let id = heading_ids.next().flatten();
                Event::Start(Tag::Heading {
                    level: shifted(level, shift),
                    id: id.map(CowStr::from),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(shifted(level, shift)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match recorded(&dest_url, links, rewrites.as_deref_mut()) {
                Some(dest) => {
                    dropped_links.push(false);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest.into(),
                        title,
                        id,
                    })
                }
                None => {
                    dropped_links.push(true);
                    continue;
                }
            },
            Event::End(TagEnd::Link) => {
                if dropped_links.pop().unwrap_or(false) {
                    continue;
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match recorded(&dest_url, links, rewrites.as_deref_mut()) {
                Some(dest) => Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }),
                None => {
                    dropped_images += 1;
                    continue;
                }
            },
            Event::End(TagEnd::Image) if dropped_images > 0 && !image_open(&out) => {
                dropped_images -= 1;
                continue;
            }
            other => other,
        };
        out.push(e);
    }
    let mut html_out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    (html_out, plain)
}

/// Whether the events so far leave a kept image open (images do not nest, so the last image
/// start or end decides).
fn image_open(out: &[Event]) -> bool {
    out.iter()
        .rev()
        .find_map(|e| match e {
            Event::Start(Tag::Image { .. }) => Some(true),
            Event::End(TagEnd::Image) => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

fn shifted(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as u8 + shift).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

fn heading_text(events: &[Event]) -> String {
    let mut text = String::new();
    for e in events {
        match e {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

/// `Choosing a severity` → `choosing-a-severity`.
pub(super) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

fn unique(used: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

/// Where a link goes in the output; `None` for a scheme that must not be linked
/// (`javascript:`, `data:`...).
/// [`rewrite`], noted in `rewrites`.
fn recorded(dest: &str, links: &Links, rewrites: Option<&mut Rewrites>) -> Option<String> {
    let to = rewrite(dest, links);
    if let Some(r) = rewrites {
        r.push((dest.to_string(), to.clone()));
    }
    to
}

fn rewrite(dest: &str, links: &Links) -> Option<String> {
    let d = dest.trim();
    if d.starts_with("//") {
        return Some(d.to_string());
    }
    let first = d.split(['/', '?', '#']).next().unwrap_or_default();
    if let Some((scheme, _)) = first.split_once(':') {
        let scheme = scheme.to_ascii_lowercase();
        return matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
            .then(|| d.to_string());
    }
    if d.is_empty() || d.starts_with('#') {
        return Some(d.to_string());
    }
    let suffix = d.find(['?', '#']).map_or("", |i| &d[i..]);
    match links.page {
        Some((page, pages)) => match target(d, page, pages) {
            Some(Target::Path(path)) => Some(format!("{}{suffix}", (links.url)(&path))),
            _ => Some(d.to_string()),
        },
        None => Some(match d.strip_prefix('/') {
            Some(rest) => {
                let path = rest.split(['?', '#']).next().unwrap_or_default();
                format!("{}{suffix}", (links.url)(path))
            }
            None => d.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        to_html(
            text,
            &Links {
                url: &|p: &str| format!("/support/{p}"),
                page: None,
            },
            2,
            true,
        )
    }

    #[test]
    fn sections_start_at_the_highest_headings_with_the_ids_the_html_gives_them() {
        let body = "Intro *text*.\n\n## Can I pay?\n\nYes.\n\n### Cards\n\nAll.\n\n\
                    ## Can I pay? {#pay}\n\nNo.\n\n## Can I pay?\n\nMaybe.";
        let links = Links {
            url: &|p: &str| format!("/{p}"),
            page: None,
        };
        let (html, words) = to_html_and_words(body, &links, 2, true);
        let alone = PlainText::of(body);
        assert_eq!(words.sections, alone.sections);
        assert_eq!(words.text, alone.text);
        let ids: Vec<&str> = words.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["can-i-pay", "pay", "can-i-pay-1"], "{html}");
        for id in ids {
            assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{html}");
        }
        let s = &words.sections;
        assert_eq!(&words.text[..s[0].at], "Intro text. ");
        assert_eq!(s[0].title, "Can I pay?");
        assert_eq!(&words.text[s[0].text_at..s[1].at], "Yes. Cards All. ");
        assert_eq!(&words.text[s[2].text_at..], "Maybe. ");
    }

    #[test]
    fn escapes_raw_html_and_bad_links() {
        let h = md(
            "<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)> [a](javascript:alert(1)) ![i](data:x)",
        );
        assert!(
            !h.contains("<script")
                && !h.contains("<img")
                && !h.contains("javascript")
                && !h.contains("data:"),
            "{h}"
        );
        let h = md("# T {onclick=alert(1) .c}\n\n[p](/plans/#x)");
        assert!(h.contains("<h2 id=\"t\">") && !h.contains("onclick"), "{h}");
        assert!(h.contains("href=\"/support/plans/#x\""), "{h}");
    }
}
