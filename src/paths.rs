//! Every output path and URL of the portal, in one place: where each page, data file, calendar
//! and asset is written (spec section 6). `render` writes there, `links` checks page links
//! against it, `serve` serves it, and the site's own files (pages, `static/`) are checked not to
//! collide with it. Paths are relative to the output folder, `/`-separated; a page's folder ends
//! with `/` (`plans/`) and the home page's is empty.

use std::collections::BTreeMap;

/// The file that marks a folder as supportbook's output.
pub(crate) const MARKER: &str = ".supportbook-output";
pub(crate) const NOT_FOUND: &str = "404.html";
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const ROBOTS: &str = "robots.txt";
/// The folder of the JSON API, as linked from pages.
pub(crate) const API: &str = "api/";
pub(crate) const CATALOGUE_JSON: &str = "api/catalogue.json";
pub(crate) const ROUTING_JSON: &str = "api/routing.json";
pub(crate) const FINDER_INDEX: &str = "api/finder/index.json";
/// The route finder's data files (`cases-<n>.json`), numbered by the routing.
const FINDER_DIR: &str = "api/finder/";
/// The search index (spec section 10): its manifest, and the term and document files it names.
pub(crate) const SEARCH_INDEX: &str = "api/search/index.json";
const SEARCH_DIR: &str = "api/search/";
const ASSETS_DIR: &str = "assets/";
/// Published changes (spec section 15): the feed and the data beside the changes page.
pub(crate) const CHANGES_FEED: &str = "changes.atom";
pub(crate) const CHANGES_JSON: &str = "api/changes.json";
const CALENDARS_DIR: &str = "calendars/";

/// A page of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place<'a> {
    Home,
    Plans,
    Plan(&'a str),
    Products,
    /// A further page of the products list when it is split ([`list_pages`]): number 2 on.
    ProductList(usize),
    Product(&'a str),
    Routing,
    /// A further page of the routing page's summary by product when it is split
    /// ([`ROUTING_PER_PAGE`]): number 2 on.
    RoutingList(usize),
    Contact,
    NotFound,
    /// The published changes (spec section 15).
    Changes,
    /// A Markdown page, by slug (`terms`, `kb/vpn`; empty for `pages/index.md`).
    Page(&'a str),
    /// A page of the list of every Markdown page (from 1), when the home page cannot list them
    /// all ([`HOME_ARTICLES`]).
    Articles(usize),
}

impl Place<'_> {
    /// The page's folder (`plans/`, `` for the home page); `None` for the 404 page, which is a
    /// file at the root.
    pub(crate) fn dir(self) -> Option<String> {
        Some(match self {
            Place::Home => String::new(),
            Place::Plans => "plans/".into(),
            Place::Plan(id) => format!("plans/{id}/"),
            Place::Products | Place::ProductList(0 | 1) => "products/".into(),
            // Product pages are one folder deep: a page of the list two deep never meets one.
            Place::ProductList(n) => format!("products/page/{n}/"),
            Place::Product(id) => format!("products/{id}/"),
            Place::Routing | Place::RoutingList(0 | 1) => "routing/".into(),
            Place::RoutingList(n) => format!("routing/page/{n}/"),
            Place::Contact => "contact/".into(),
            Place::NotFound => return None,
            Place::Changes => "changes/".into(),
            Place::Page(slug) => page_dir(slug),
            Place::Articles(0 | 1) => "articles/".into(),
            Place::Articles(n) => format!("articles/page/{n}/"),
        })
    }

    /// The file the page is written to (`plans/index.html`, `404.html`).
    pub(crate) fn file(self) -> String {
        self.dir()
            .map_or_else(|| NOT_FOUND.into(), |d| index_file(&d))
    }

    /// The path the page is linked at (`plans/`, `404.html`).
    pub(crate) fn link(self) -> String {
        self.dir().unwrap_or_else(|| NOT_FOUND.into())
    }
}

/// How many Markdown pages the home page lists; a site with more lists them all on the
/// articles pages ([`Place::Articles`]) and the home page links there.
pub(crate) const HOME_ARTICLES: usize = 24;
/// How many Markdown pages one page of the articles list holds.
pub(crate) const ARTICLES_PER_PAGE: usize = 500;
/// How many products one page of the products list holds (the first page also lists the issue
/// types).
pub(crate) const PRODUCTS_PER_PAGE: usize = 200;

/// How many products the routing page's summary links to (spec section 6: "for large
/// catalogues a summary linking to each product's matrix"); the rest are on its further pages.
pub(crate) const ROUTING_PER_PAGE: usize = 500;

/// The number of pages a list of `items` takes at `per` a page: at least one.
pub(crate) fn list_pages(items: usize, per: usize) -> usize {
    items.div_ceil(per).max(1)
}

/// The pages of the articles list for a site listing `articles` Markdown pages: none when the
/// home page lists them all.
pub(crate) fn article_pages(articles: usize) -> usize {
    if articles > HOME_ARTICLES {
        list_pages(articles, ARTICLES_PER_PAGE)
    } else {
        0
    }
}

/// The folder of a Markdown page with this slug: `terms/`, or `` for the home page's text.
pub(crate) fn page_dir(slug: &str) -> String {
    if slug.is_empty() {
        String::new()
    } else {
        format!("{slug}/")
    }
}

/// The index file of a page folder: `plans/` → `plans/index.html`.
pub(crate) fn index_file(dir: &str) -> String {
    format!("{dir}index.html")
}

/// The section of the contact page about one contact.
pub(crate) fn contact_anchor(id: &str) -> String {
    format!("contact/#contact-{id}")
}

/// An add-on's entry on the plan comparison.
pub(crate) fn add_on_anchor(id: &str) -> String {
    format!("{}#add-on-{id}", Place::Plans.link())
}

pub(crate) fn calendar_file(id: &str) -> String {
    format!("{CALENDARS_DIR}{id}.ics")
}

/// A theme asset (`style.css` → `assets/style.css`).
pub(crate) fn asset(name: &str) -> String {
    format!("{ASSETS_DIR}{name}")
}

/// The name of the route finder's `n`th data file, as the finder's index names it.
pub(crate) fn finder_file_name(n: usize) -> String {
    format!("cases-{n}.json")
}

pub(crate) fn finder_file(n: usize) -> String {
    format!("{FINDER_DIR}{}", finder_file_name(n))
}

/// Whether an output path is a file of a search index: of the site's language
/// (`api/search/…`) or of another's (`en/api/search/…`).
pub(crate) fn in_search_index(path: &str) -> bool {
    path.starts_with(SEARCH_DIR)
        || path
            .split_once('/')
            .is_some_and(|(_, rest)| rest.starts_with(SEARCH_DIR))
}

/// The name of the search index's `n`th term file, as its manifest names it.
pub(crate) fn search_terms_name(n: usize) -> String {
    format!("t{n}.json")
}

pub(crate) fn search_terms_file(n: usize) -> String {
    format!("{SEARCH_DIR}{}", search_terms_name(n))
}

/// The name of the search index's `n`th document file: its manifest names them all at once
/// as [`SEARCH_DOCS_NAMES`], `{n}` standing for the number.
pub(crate) fn search_docs_name(n: usize) -> String {
    SEARCH_DOCS_NAMES.replace("{n}", &n.to_string())
}

pub(crate) const SEARCH_DOCS_NAMES: &str = "d{n}.json";

pub(crate) fn search_docs_file(n: usize) -> String {
    format!("{SEARCH_DIR}{}", search_docs_name(n))
}

/// The folder of the search index, as the search box is given it.
pub(crate) fn search_dir() -> &'static str {
    SEARCH_DIR
}

/// The route finder with an issue type chosen (`routing/?issue=billing#finder`).
pub(crate) fn finder_for_issue(id: &str) -> String {
    format!("{}?issue={id}#finder", Place::Routing.link())
}

/// A version's entry on the changes page (`changes/#v-terms-2026-01`), from its tag, with
/// every character but letters, digits, `-`, `_` and `.` percent-encoded.
pub(crate) fn version_anchor(tag: &str) -> String {
    format!("v-{}", version_anchor_text(tag))
}

fn version_anchor_text(tag: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.');
    percent_encoding::utf8_percent_encode(tag, KEEP).to_string()
}

/// A tier's entry on the routing page.
pub(crate) fn tier_anchor(id: &str) -> String {
    format!("{}#tier-{id}", Place::Routing.link())
}

/// What the portal writes at a path, for messages about collisions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Owner {
    /// A page or data file the catalogue produces.
    Generated,
    /// An asset of the theme (a file of `static/` may replace it).
    Asset,
    /// The folder of the route finder's data files, which the routing names.
    FinderData,
    /// The folder of the search index's files, which its manifest names.
    SearchIndex,
}

/// What the catalogue's pages and files are, by id: the input of [`generated`].
pub(crate) struct Ids<'a> {
    pub plans: Vec<&'a str>,
    pub products: Vec<&'a str>,
    pub calendars: Vec<&'a str>,
    /// The theme's asset names (`style.css`).
    pub assets: Vec<String>,
    /// Whether the site publishes its changes (spec section 15).
    pub changes: bool,
    /// How many Markdown pages the site lists (the home page's text aside).
    pub articles: usize,
}

/// Every path the portal writes whatever the pages and `static/` hold, with its owner. Folders
/// whose every file the portal names (`api/finder/`) are given with a trailing `/`.
pub(crate) fn generated(ids: &Ids) -> BTreeMap<String, Owner> {
    let mut places = vec![
        Place::Home,
        Place::Plans,
        Place::Products,
        Place::Routing,
        Place::Contact,
        Place::NotFound,
    ];
    if ids.changes {
        places.push(Place::Changes);
    }
    places.extend(ids.plans.iter().map(|id| Place::Plan(id)));
    places.extend(ids.products.iter().map(|id| Place::Product(id)));
    places.extend((2..=list_pages(ids.products.len(), PRODUCTS_PER_PAGE)).map(Place::ProductList));
    places.extend((2..=list_pages(ids.products.len(), ROUTING_PER_PAGE)).map(Place::RoutingList));
    places.extend((1..=article_pages(ids.articles)).map(Place::Articles));
    let mut out: BTreeMap<String, Owner> = places
        .into_iter()
        .map(|p| (p.file(), Owner::Generated))
        .collect();
    for fixed in [
        SITEMAP,
        ROBOTS,
        CATALOGUE_JSON,
        ROUTING_JSON,
        FINDER_INDEX,
        MARKER,
    ] {
        out.insert(fixed.into(), Owner::Generated);
    }
    if ids.changes {
        out.insert(CHANGES_FEED.into(), Owner::Generated);
        out.insert(CHANGES_JSON.into(), Owner::Generated);
    }
    out.extend(
        ids.calendars
            .iter()
            .map(|id| (calendar_file(id), Owner::Generated)),
    );
    out.extend(ids.assets.iter().map(|a| (asset(a), Owner::Asset)));
    out.insert(FINDER_DIR.into(), Owner::FinderData);
    out.insert(SEARCH_DIR.into(), Owner::SearchIndex);
    out
}

/// Whether every language shares this output path (the theme's assets, `api/routing.json`,
/// the sitemap and robots file) rather than having its own copy.
pub(crate) fn is_shared(path: &str) -> bool {
    path.starts_with(ASSETS_DIR) || [ROUTING_JSON, SITEMAP, ROBOTS, MARKER].contains(&path)
}

/// The folder of a language's portal: `` for the site's own language, `en/` for another.
pub(crate) fn language_prefix(tag: &str, is_default: bool) -> String {
    if is_default {
        String::new()
    } else {
        format!("{}/", tag.to_ascii_lowercase())
    }
}

/// The base of every URL of one language's portal: `https://example.com/support/`, its path
/// `/support/`, and the language's folder (`en/`, or empty for the site's own language).
#[derive(Clone, Debug)]
pub(crate) struct Urls {
    pub base_url: String,
    pub base_path: String,
    pub prefix: String,
}

impl Urls {
    pub(crate) fn new(base_url: &str, prefix: &str) -> Urls {
        let base_path = url::Url::parse(base_url)
            .map(|u| u.path().to_string())
            .unwrap_or_else(|_| "/".into());
        Urls {
            base_url: base_url.to_string(),
            base_path,
            prefix: prefix.to_string(),
        }
    }

    /// A path of the language's portal: `plans/` → `/support/en/plans/`.
    pub(crate) fn path(&self, rel: &str) -> String {
        format!("{}{}{rel}", self.base_path, self.prefix)
    }

    /// Where a file of the language's portal is written, under the output folder:
    /// `plans/index.html` → `en/plans/index.html`.
    pub(crate) fn file(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// A path every language shares (assets, `static/`, `api/routing.json`): `/support/x`.
    pub(crate) fn root(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_path)
    }

    /// `plans/` → `https://example.com/support/en/plans/`.
    pub(crate) fn absolute(&self, rel: &str) -> String {
        format!("{}{}{rel}", self.base_url, self.prefix)
    }

    /// A shared path, absolute: `sitemap.xml` → `https://example.com/support/sitemap.xml`.
    pub(crate) fn absolute_root(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_url)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_lists_are_split_into_pages() {
        assert_eq!(super::list_pages(0, 200), 1);
        assert_eq!(super::list_pages(200, 200), 1);
        assert_eq!(super::list_pages(201, 200), 2);
        assert_eq!(super::article_pages(24), 0);
        assert_eq!(super::article_pages(25), 1);
        assert_eq!(super::article_pages(3000), 6);
    }

    use super::*;

    #[test]
    fn pages_live_in_folders_and_the_404_page_at_the_root() {
        assert_eq!(Place::Home.file(), "index.html");
        assert_eq!(Place::Plan("premium").file(), "plans/premium/index.html");
        assert_eq!(Place::Page("kb/vpn").link(), "kb/vpn/");
        assert_eq!(Place::NotFound.file(), "404.html");
        assert_eq!(Place::NotFound.link(), "404.html");
        assert_eq!(Place::ProductList(2).file(), "products/page/2/index.html");
        assert_eq!(Place::Articles(1).link(), "articles/");
        assert_eq!(Place::RoutingList(2).link(), "routing/page/2/");
        assert_eq!(Place::Articles(3).link(), "articles/page/3/");
        let u = Urls::new("https://example.com/support/", "");
        assert_eq!(u.path("plans/"), "/support/plans/");
        assert_eq!(u.absolute(""), "https://example.com/support/");
    }
}
