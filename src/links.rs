//! Internal links: the paths the portal will have, and the links in Markdown pages that point
//! nowhere (a build error, located at the page's own line and column).

use crate::catalogue::Catalogue;
use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::site::Page;
use pulldown_cmark::{Event, Options, Parser, Tag};
use std::collections::{BTreeSet, HashMap};

/// Output paths the catalogue itself produces (spec section 6).
pub fn generated_paths(cat: &Catalogue) -> BTreeSet<String> {
    let mut p: BTreeSet<String> = [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "plans/index.html",
        "products/index.html",
        "routing/index.html",
        "contact/index.html",
        "api/catalogue.json",
        "api/routing.json",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    p.extend(
        cat.plans
            .iter()
            .map(|x| format!("plans/{}/index.html", x.id)),
    );
    p.extend(
        cat.products
            .iter()
            .map(|x| format!("products/{}/index.html", x.id)),
    );
    p.extend(
        cat.calendars
            .iter()
            .map(|x| format!("calendars/{}.ics", x.id)),
    );
    p.extend(crate::render::extra_paths());
    p
}

/// The Markdown options used everywhere (checking and rendering read pages the same way).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Every link and image destination of a page body, with its location in the page file.
pub fn page_links(page: &Page) -> Vec<(String, Loc)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(&page.body, markdown_options()).into_offset_iter() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let before = &page.body[..range.start];
        let line = page.body_line + before.matches('\n').count() as u32;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
        out.push((dest.to_string(), Loc::new(page.file, line, col)));
    }
    out
}

/// The pages by source file (`kb/vpn.md`), so that `.md` links resolve in constant time.
pub struct PageIndex<'a> {
    by_source: HashMap<&'a str, &'a Page>,
}

impl<'a> PageIndex<'a> {
    pub fn new(pages: &'a [Page]) -> Self {
        PageIndex {
            by_source: pages.iter().map(|p| (p.source.as_str(), p)).collect(),
        }
    }
}

/// Where an internal link points, as an output path without a leading `/` (`plans/`,
/// `terms/index.html`); `None` for external links and in-page anchors. `.md` links name page
/// files relative to the linking page's file.
pub fn target(dest: &str, page: &Page, pages: &PageIndex) -> Option<Result<String, String>> {
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
            Some(p) => Ok(page_path(p)),
            None => Err(format!("there is no page file `pages/{source}`")),
        });
    }
    let joined = match path.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => join(&page.slug, path),
    };
    Some(Ok(normalise(&joined)
        + if path.ends_with('/') && !joined.is_empty() {
            "/"
        } else {
            ""
        }))
}

/// The output folder of a page: `terms/`, or `` for the home page.
pub fn page_path(p: &Page) -> String {
    if p.slug.is_empty() {
        String::new()
    } else {
        format!("{}/", p.slug)
    }
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

/// Whether `path` (from [`target`]) names something in `known`.
pub fn exists(known: &BTreeSet<String>, path: &str) -> bool {
    let bare = path.trim_end_matches('/');
    let index = if bare.is_empty() {
        "index.html".to_string()
    } else {
        format!("{bare}/index.html")
    };
    known.contains(bare) || known.contains(&index)
}

/// Checks the pages: slugs that collide, and internal links that point nowhere (in every page,
/// or only in the pages `only` names, for a preview's edit of them).
pub fn check_pages(
    cat: &Catalogue,
    pages: &[Page],
    static_files: &[String],
    include_drafts: bool,
    only: Option<&[String]>,
    out: &mut Vec<Diagnostic>,
) {
    let published: Vec<&Page> = pages
        .iter()
        .filter(|p| include_drafts || !p.draft)
        .collect();
    let mut known = generated_paths(cat);
    known.extend(static_files.iter().cloned());
    for p in &published {
        let path = format!("{}index.html", page_path(p));
        if !p.is_home() && !known.insert(path.clone()) {
            out.push(
                Diagnostic::error(
                    Code::DuplicatePage,
                    Loc::new(p.file, 1, 1),
                    format!(
                        "page `{}` would be written to `{path}`, which is already taken",
                        p.source
                    ),
                )
                .with_help("give the page another `slug`"),
            );
        }
    }
    use rayon::prelude::*;
    let index = PageIndex::new(pages);
    let broken: Vec<Vec<Diagnostic>> = published
        .par_iter()
        .filter(|p| only.is_none_or(|o| o.contains(&p.source)))
        .map(|p| broken_links(p, pages, &index, &known))
        .collect();
    out.extend(broken.into_iter().flatten());
}

/// The internal links of page `p` that point nowhere.
fn broken_links(
    p: &Page,
    pages: &[Page],
    index: &PageIndex,
    known: &BTreeSet<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (dest, loc) in page_links(p) {
        let problem = match target(&dest, p, index) {
            None => continue,
            Some(Err(e)) => e,
            Some(Ok(path)) if exists(known, &path) => continue,
            Some(Ok(path)) => match pages.iter().find(|q| q.draft && page_path(q) == path) {
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
