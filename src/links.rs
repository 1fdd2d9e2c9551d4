//! Internal links of Markdown pages: where each one leads, and the ones that lead nowhere in
//! the output's [`Layout`] (a build error, located at the page's own line and column).

use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::layout::Layout;
use crate::paths;
use crate::site::Page;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The Markdown options used everywhere (checking and rendering read pages the same way).
pub(crate) fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Every link and image destination of a page body, with its location in the page file.
pub(crate) fn page_links(page: &Page) -> Vec<(String, Loc)> {
    located(page, body_links(&page.body))
}

/// A link's destination, and its line (from the body's first, 0) and column in the body.
type BodyLink = (String, u32, u32);

/// Every link and image destination of a Markdown body, where it is in the body.
fn body_links(body: &str) -> Vec<BodyLink> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let before = &body[..range.start];
        let line = before.matches('\n').count() as u32;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        out.push((dest.to_string(), line, col));
    }
    out
}

/// A body's links located in the page's file.
fn located(page: &Page, links: Vec<BodyLink>) -> Vec<(String, Loc)> {
    links
        .into_iter()
        .map(|(dest, line, col)| (dest, Loc::new(page.file, page.body_line + line, col)))
        .collect()
}

/// The links of each page's body as last found, for the preview: a catalogue edit checks every
/// page's links again, and a page whose body is the same has the same links (where they lead is
/// decided anew each time). Kept by page file, with the body they were found in, compared
/// whole.
#[derive(Default)]
pub(crate) struct LinkMemo {
    by_source: Mutex<HashMap<String, Found>>,
}

/// A body, and the links found in it.
type Found = (Arc<str>, Arc<Vec<BodyLink>>);

impl std::fmt::Debug for LinkMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkMemo")
    }
}

impl LinkMemo {
    fn links(&self, page: &Page) -> Vec<(String, Loc)> {
        let lock = || self.by_source.lock().unwrap_or_else(|e| e.into_inner());
        let kept = lock()
            .get(&page.source)
            .filter(|(body, _)| Arc::ptr_eq(body, &page.body) || **body == *page.body)
            .map(|(_, links)| links.clone());
        let links = kept.unwrap_or_else(|| {
            let found = Arc::new(body_links(&page.body));
            lock().insert(page.source.clone(), (page.body.clone(), found.clone()));
            found
        });
        located(page, links.to_vec())
    }

    /// Forgets the pages that are gone.
    fn keep_only(&self, pages: &[Page]) {
        let sources: std::collections::HashSet<&str> =
            pages.iter().map(|p| p.source.as_str()).collect();
        self.by_source
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|source, _| sources.contains(source.as_str()));
    }
}

/// The pages by source file (`kb/vpn.md`), so that `.md` links resolve in constant time.
pub(crate) struct PageIndex<'a> {
    by_source: HashMap<&'a str, &'a Page>,
}

impl<'a> PageIndex<'a> {
    pub(crate) fn new(pages: &'a [Page]) -> Self {
        PageIndex {
            by_source: pages.iter().map(|p| (p.source.as_str(), p)).collect(),
        }
    }
}

/// Where an internal link leads.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An output path without a leading `/` (`plans/`, `terms/index.html`).
    Path(String),
    /// A `.md` link to a page file that does not exist (its path under `pages/`).
    NoPageFile(String),
}

/// Where an internal link leads; `None` for external links and in-page anchors. `.md` links
/// name page files relative to the linking page's file.
pub(crate) fn target(dest: &str, page: &Page, pages: &PageIndex) -> Option<Target> {
    let dest = dest.trim();
    let is_external = dest.starts_with("//")
        || dest
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|s| s.contains(':'));
    if dest.is_empty() || dest.starts_with('#') || is_external {
        return None;
    }
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    if path.ends_with(".md") {
        let dir = page.source.rsplit_once('/').map_or("", |(d, _)| d);
        let source = normalise(&join(dir, path));
        return Some(match pages.by_source.get(source.as_str()) {
            Some(p) => Target::Path(paths::page_dir(&p.slug)),
            None => Target::NoPageFile(source),
        });
    }
    let joined = match path.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => join(&page.slug, path),
    };
    Some(Target::Path(
        normalise(&joined)
            + if path.ends_with('/') && !joined.is_empty() {
                "/"
            } else {
                ""
            },
    ))
}

fn join(dir: &str, rel: &str) -> String {
    if dir.is_empty() {
        rel.to_string()
    } else {
        format!("{dir}/{rel}")
    }
}

/// Resolves `.` and `..` segments (never above the root).
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Checks the internal links of the published pages (or only of the pages `only` names, for a
/// preview's edit of them) against the output's layout; with `memo`, the links of bodies it
/// has seen are not looked for again.
pub(crate) fn check_pages(
    pages: &[Page],
    layout: &Layout,
    include_drafts: bool,
    only: Option<&[String]>,
    memo: Option<&LinkMemo>,
    out: &mut Vec<Diagnostic>,
) {
    use rayon::prelude::*;
    let index = PageIndex::new(pages);
    let broken: Vec<Vec<Diagnostic>> = pages
        .par_iter()
        .filter(|p| include_drafts || !p.draft)
        .filter(|p| only.is_none_or(|o| o.contains(&p.source)))
        .map(|p| {
            let links = memo.map_or_else(|| page_links(p), |m| m.links(p));
            broken_links(p, links, pages, &index, layout)
        })
        .collect();
    if let (Some(memo), None) = (memo, only) {
        memo.keep_only(pages);
    }
    out.extend(broken.into_iter().flatten());
}

/// The internal links of page `p` (`links`) that point nowhere.
fn broken_links(
    p: &Page,
    links: Vec<(String, Loc)>,
    pages: &[Page],
    index: &PageIndex,
    layout: &Layout,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (dest, loc) in links {
        let problem = match target(&dest, p, index) {
            None => continue,
            Some(Target::NoPageFile(source)) => format!("there is no page file `pages/{source}`"),
            Some(Target::Path(path)) if layout.has(&path) => continue,
            Some(Target::Path(path)) => match pages
                .iter()
                .find(|q| q.draft && paths::page_dir(&q.slug) == path)
            {
                Some(q) => format!(
                    "page `{}` is a draft (build with `--drafts` to include it)",
                    q.source
                ),
                None => format!("the site has nothing at `/{path}`"),
            },
        };
        out.push(Diagnostic::error(
            Code::BrokenLink,
            loc,
            format!("broken link `{dest}`: {problem}"),
        ));
    }
    out
}
