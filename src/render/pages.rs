//! The pages: which template each page uses, the data it receives (on top of the globals
//! every template sees: `site`, `t`, `nav`, `partner`, `jsonld`), and the globals themselves.

use super::context::{Job, Renderer};
use super::editions::Edition;
use super::fragments::IssueHtml;
use super::input::{RenderError, RenderInput};
use super::markdown::MarkdownUrls;
use super::reuse::{self, PageHtml};
use super::theme::Theme;
use super::views::{self, Link, Model};
use super::{api, seo};
use crate::paths::{self, Place};
use crate::routing::Dim;
use crate::site::Page;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What every page knows about itself.
#[derive(Serialize)]
pub(super) struct PageInfo<'a> {
    kind: &'static str,
    title: &'a str,
    description: Option<String>,
    /// Path under the base, `plans/`.
    path: &'a str,
    url: String,
    canonical: String,
    /// The navigation entry this page belongs to.
    section: &'a str,
    /// A Markdown page shown in the default language: this language has no translation yet.
    untranslated: bool,
    /// The language of the page's own text.
    text_language: &'a str,
    /// The same page in every language (the first is the site's own, also `x-default`).
    alternates: Vec<Alternate<'a>>,
}

/// The page in one language, for `hreflang` links and the language switcher.
#[derive(Serialize)]
pub(super) struct Alternate<'a> {
    lang: &'a str,
    /// Absolute, for `hreflang`.
    url: String,
    /// Under the site's base path, for links.
    path: String,
    /// The language's name in itself ("Deutsch").
    name: String,
    current: bool,
}

/// The description of the site in an edition's language.
fn site_description<'a>(input: &'a RenderInput, edition: &'a Edition) -> Option<&'a str> {
    edition
        .language
        .description
        .as_deref()
        .or(input.config.description.as_deref())
}

/// The data island of pages that show opening status: the words the script needs and every
/// calendar (time zone, weekly hours, holidays).
pub(super) fn hours_json(model: &Model) -> String {
    let t = model.t;
    let words: serde_json::Map<String, serde_json::Value> = SCRIPT_WORDS
        .iter()
        .map(|k| (k.to_string(), t.word(k).into()))
        .chain([("days".to_string(), serde_json::json!(t.formats.days))])
        .collect();
    // Each calendar's time zone as people say it, by IANA id.
    let zones: BTreeMap<&str, &str> = model
        .calendars
        .values()
        .map(|c| (c.timezone.as_str(), c.zone.as_str()))
        .collect();
    let mut data = serde_json::json!({
        "words": words,
        "calendars": api::calendars(model.cat),
        "zones": zones,
    });
    if let Some(marks) = model.links.edition.marks.json() {
        data["fallback"] = marks;
    }
    seo::script_json(&data)
}

/// The words the theme's script needs.
pub(super) const SCRIPT_WORDS: [&str; 30] = [
    "open_now",
    "closed_now",
    "closes_at",
    "opens_at",
    "your_time",
    "today",
    "tomorrow",
    "on_your_behalf",
    "finder_covered",
    "finder_not_covered",
    "first_contact",
    "escalation",
    "finder_response",
    "finder_link",
    "finder_more",
    "finder_error",
    "finder_covered_by",
    "finder_covered_by_none",
    "finder_ask",
    "colon",
    "closed_holiday",
    "closed_reduced",
    "contact_now",
    "nobody_now",
    "finder_differences",
    "finder_case",
    "finder_first_response",
    "not_covered",
    "hours_yours",
    "finder_pick_product",
];

/// The most products the route finder offers as a list to choose from; a site with more has a
/// field that suggests products by name as the customer types.
pub(super) const FINDER_LIST_MAX: usize = 100;
/// How many products the home page lists before it links to the products list.
pub(super) const PRODUCTS_LISTED: usize = 24;

/// Where a page of a list stands: which items it holds of how many, and the links to its other
/// pages.
#[derive(Serialize)]
pub(super) struct Pager {
    /// "501–1000 of 3000".
    range: String,
    previous: Option<String>,
    next: Option<String>,
    /// The pages to link to: the first and last, and the two on either side of this one; a
    /// `None` stands for pages left out.
    pages: Vec<Option<PagerLink>>,
}

#[derive(Serialize)]
pub(super) struct PagerLink {
    number: usize,
    /// "Page 3", for screen readers.
    label: String,
    url: String,
    current: bool,
}

/// The items of page `n` (from 1) of a list of `total` at `per` a page.
fn page_range(n: usize, per: usize, total: usize) -> std::ops::Range<usize> {
    let start = ((n.max(1) - 1) * per).min(total);
    start..(start + per).min(total)
}

/// The navigation: the portal's sections, then up to four top-level pages.
fn navigation(model: &Model, pages: &[&Page]) -> Vec<Link> {
    let t = model.t;
    let section = |title: String, place: Place, key: &str| Link {
        title,
        url: model.urls.path(&place.link()),
        key: key.into(),
    };
    let mut nav = vec![
        section(t.word("nav_home"), Place::Home, "home"),
        section(t.word("nav_plans"), Place::Plans, "plans"),
        section(t.word("nav_products"), Place::Products, "products"),
        section(t.word("nav_routing"), Place::Routing, "routing"),
        section(t.word("nav_contact"), Place::Contact, "contact"),
    ];
    nav.extend(in_navigation(pages).map(|p| Link {
        title: p.title.clone(),
        url: model.urls.path(&Place::Page(&p.slug).link()),
        key: p.slug.clone(),
    }));
    nav
}

/// The pages the navigation shows after its sections: the first four top-level pages.
pub(super) fn in_navigation<'a>(pages: &[&'a Page]) -> impl Iterator<Item = &'a Page> {
    pages
        .iter()
        .copied()
        .filter(|p| !p.slug.contains('/'))
        .take(4)
}

/// The static files every page links to as its icon, the first one the site has.
pub(super) const FAVICONS: [&str; 3] = ["favicon.svg", "favicon.ico", "favicon.png"];

pub(super) fn set_globals(
    theme: &mut Theme,
    input: &RenderInput,
    edition: &Edition,
    model: &Model,
    pages: &[&Page],
) {
    let cfg = input.config;
    let urls = &model.urls;
    let favicon = FAVICONS
        .into_iter()
        .find(|f| input.site.static_files.iter().any(|s| s == f))
        .map(|f| urls.root(f));
    let language = edition.language;
    let site = serde_json::json!({
        "title": language.title.as_deref().unwrap_or(&cfg.title),
        "description": site_description(input, edition),
        "language": language.tag,
        "base_path": urls.base_path,
        "base_url": urls.base_url,
        "home_url": urls.path(&Place::Home.link()),
        "favicon": favicon,
        "css": urls.root(&paths::asset("style.css")),
        "js": urls.root(&paths::asset("site.js")),
        "api": urls.path(paths::API),
        "catalogue_json": urls.path(paths::CATALOGUE_JSON),
        "routing_json": urls.root(paths::ROUTING_JSON),
        "languages": input.config.languages.len(),
        "brand": super::brand::view(&cfg.brand, model),
        "search": { "index": urls.path(paths::search_dir()), "js": urls.root(&paths::asset("search.js")) },
        "changes": input.changes.is_some().then(|| serde_json::json!({
            "url": urls.path(&Place::Changes.link()),
            "feed": urls.path(paths::CHANGES_FEED),
            "feed_title": model.t.fill("changes_feed_title", &[("site", language.title.as_deref().unwrap_or(&cfg.title))]),
        })),
    });
    let cat = model.cat;
    let partner = serde_json::json!({
        "name": cat.partner.name,
        "website": cat.partner.website,
        "description_html": model.links.md(cat.partner.description.as_deref(), 3),
    });
    let jsonld = seo::organization(cat, &urls.base_url);
    let g = theme.tera.global_context();
    g.insert("site", &site);
    g.insert("t", &model.t.words);
    g.insert("nav", &navigation(model, pages));
    g.insert("partner", &partner);
    g.insert("jsonld", &jsonld);
}

/// What a page is, beside its template's data.
struct Head<'a> {
    /// The page's kind, which names its template (`plan` → `plan.html`).
    kind: &'static str,
    title: String,
    description: Option<&'a str>,
    /// The navigation entry the page belongs to.
    section: &'a str,
}

impl<'a> Head<'a> {
    fn new(kind: &'static str, title: String, section: &'a str) -> Self {
        Head {
            kind,
            title,
            description: None,
            section,
        }
    }
}

/// What a Markdown or product page receives of its own: built before its template is
/// rendered, to tell whether the preview's last render of it can be used again.
enum Own<'a> {
    Markdown {
        html: Arc<str>,
    },
    Product {
        product: &'a views::ProductView,
        matrix: Vec<IssueHtml>,
        on_behalf: bool,
    },
}

impl Own<'_> {
    /// What the page's template receives of its own, with its page information, for
    /// comparison: JSON text, and the HTML it embeds.
    fn compared(&self, info: &PageInfo) -> Option<reuse::Own> {
        let (data, html) = match self {
            Own::Markdown { html } => (serde_json::to_string(info), vec![html.clone()]),
            Own::Product {
                product,
                matrix,
                on_behalf,
            } => {
                let names: Vec<(&str, &str)> = matrix.iter().map(|m| (&*m.id, &*m.name)).collect();
                let data = serde_json::to_string(&(info, product, on_behalf, names));
                (data, matrix.iter().map(|m| m.html.clone()).collect())
            }
        };
        Some(reuse::Own {
            data: data.ok()?,
            html,
        })
    }

    fn fill(self, ctx: &mut tera::Context) {
        match self {
            Own::Markdown { html } => ctx.insert("content_html", &html),
            Own::Product {
                product,
                matrix,
                on_behalf,
            } => {
                ctx.insert("product", product);
                ctx.insert("on_behalf", &on_behalf);
                ctx.insert("matrix", &matrix);
            }
        }
    }
}

impl Renderer<'_> {
    pub(super) fn page(&self, job: Job) -> Result<PageHtml, RenderError> {
        let mut ctx = tera::Context::new();
        let mut own = None;
        let head = match job {
            Job::Home => self.home_page(&mut ctx),
            Job::Plans => self.plans_page(&mut ctx),
            Job::Plan(i) => self.plan_page(&mut ctx, i),
            Job::Products => self.products_page(&mut ctx, 1),
            Job::ProductList(n) => self.products_page(&mut ctx, n),
            Job::Articles(n) => self.articles_page(&mut ctx, n),
            Job::Product(i) => self.product_page(&mut own, i)?,
            Job::Routing => self.routing_page(&mut ctx),
            Job::RoutingList(n) => self.routing_list_page(&mut ctx, n),
            Job::Contact => self.contact_page(&mut ctx),
            Job::NotFound => self.not_found_page(&mut ctx),
            Job::Changes => {
                let title = self.changes_page(&mut ctx);
                Head::new("changes", title, "")
            }
            Job::Page(i) => self.markdown_page(&mut own, i),
        };
        let place = self.place(job);
        let path = place.link();
        let info = self.page_info(job, &head, &path);
        let language = &self.edition.language.tag;
        let reuse = self
            .input
            .rendered
            .zip(own.as_ref().and_then(|o| o.compared(&info)));
        if let Some((rendered, compared)) = &reuse
            && let Some(html) = rendered.get(language, &path, compared)
        {
            return Ok(PageHtml::Shared(html));
        }
        if let Some(own) = own {
            own.fill(&mut ctx);
        }
        ctx.insert("page", &info);
        let html = self
            .theme
            .tera
            .render(&format!("{}.html", head.kind), &ctx)
            .map(|html| self.edition.marks.mark(html, language))
            .map_err(|e| RenderError::Template(self.theme.error(&e)))?;
        Ok(match reuse {
            Some((rendered, compared)) => {
                let html: Arc<str> = html.into();
                rendered.keep(language, &path, compared, html.clone());
                PageHtml::Shared(html)
            }
            None => PageHtml::Made(html),
        })
    }

    /// What page `job` knows about itself, at `path`.
    fn page_info<'p>(&'p self, job: Job, head: &'p Head, path: &'p str) -> PageInfo<'p> {
        let place = self.place(job);
        let untranslated = self.untranslated(job);
        PageInfo {
            kind: head.kind,
            title: &head.title,
            description: head
                .description
                .or(site_description(self.input, self.edition))
                .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" ")),
            path,
            url: self.model.urls.path(path),
            canonical: self.model.urls.absolute(&place.dir().unwrap_or_default()),
            section: head.section,
            untranslated,
            text_language: if untranslated {
                &self.editions[0].language.tag
            } else {
                &self.edition.language.tag
            },
            alternates: self.alternate_views(job),
        }
    }

    /// Where page `n` of a list of `total` at `per` a page stands, `place` giving each page's
    /// place; `None` when the list fits on one page.
    fn pager(
        &self,
        n: usize,
        per: usize,
        total: usize,
        place: impl Fn(usize) -> Place<'static>,
    ) -> Option<Pager> {
        let count = paths::list_pages(total, per);
        if count < 2 {
            return None;
        }
        let t = self.model.t;
        let url = |k: usize| self.model.urls.path(&place(k).link());
        let range = page_range(n, per, total);
        let mut pages: Vec<Option<PagerLink>> = Vec::new();
        for k in 1..=count {
            let near = k + 2 >= n && k <= n + 2;
            if k == 1 || k == count || near {
                pages.push(Some(PagerLink {
                    number: k,
                    label: t.fill("pager_page", &[("n", &k.to_string())]),
                    url: url(k),
                    current: k == n,
                }));
            } else if pages.last().is_some_and(Option::is_some) {
                pages.push(None);
            }
        }
        let number = |k: usize| t.formats.number(rust_decimal::Decimal::from(k), 0);
        Some(Pager {
            range: t.fill(
                "list_range",
                &[
                    ("from", &number(range.start + 1)),
                    ("to", &number(range.end)),
                    ("total", &number(total)),
                ],
            ),
            previous: (n > 1).then(|| url(n - 1)),
            next: (n < count).then(|| url(n + 1)),
            pages,
        })
    }

    /// A page's title, with its number from the second page of a list on.
    fn numbered(&self, title: String, n: usize) -> String {
        if n < 2 {
            return title;
        }
        let page = self.model.t.fill("pager_page", &[("n", &n.to_string())]);
        format!("{title} · {page}")
    }

    /// Page `n` of the list of every Markdown page, in the order the home page lists them.
    fn articles_page(&self, ctx: &mut tera::Context, n: usize) -> Head<'_> {
        let total = self.pages.len();
        let range = page_range(n, paths::ARTICLES_PER_PAGE, total);
        ctx.insert("articles", &self.article_links(range));
        ctx.insert(
            "pager",
            &self.pager(n, paths::ARTICLES_PER_PAGE, total, Place::Articles),
        );
        let title = self.numbered(self.model.t.word("title_articles"), n);
        Head::new("articles", title, "")
    }

    /// The contacts "get help now" offers, the busiest first.
    fn entry_contacts(&self) -> Vec<&views::ContactView> {
        let model = &self.model;
        model
            .entry_contacts
            .iter()
            .filter_map(|&i| model.contact(&model.cat.contacts[i].id))
            .collect()
    }

    /// The 404 page: where to go, and how to get help now.
    fn not_found_page(&self, ctx: &mut tera::Context) -> Head<'_> {
        ctx.insert("entry_contacts", &self.entry_contacts());
        ctx.insert("hours_json", &self.hours_json);
        Head::new("404", self.model.t.word("title_404"), "")
    }

    fn home_page(&self, ctx: &mut tera::Context) -> Head<'_> {
        let model = &self.model;
        ctx.insert("entry_contacts", &self.entry_contacts());
        let intro = self.home.map(|p| {
            let (html, words) = model.page_html(p, &self.page_index, self.input.bodies);
            self.page_words.keep(None, words);
            html
        });
        ctx.insert("intro_html", &intro);
        ctx.insert("plans", &model.plans);
        ctx.insert("products", &model.products);
        ctx.insert("issues", &model.issues);
        ctx.insert("finder_search", &(model.products.len() > FINDER_LIST_MAX));
        ctx.insert("products_listed", &PRODUCTS_LISTED);
        // The first pages, and a link to the list of them all when there are more.
        let total = self.pages.len();
        let listed = if paths::article_pages(total) > 0 {
            paths::HOME_ARTICLES
        } else {
            total
        };
        if listed < total {
            ctx.insert(
                "all_articles",
                &Link {
                    title: model.t.fill(
                        "all_articles",
                        &[("count", &model.t.formats.number(total.into(), 0))],
                    ),
                    url: model.urls.path(&Place::Articles(1).link()),
                    key: "articles".into(),
                },
            );
        }
        ctx.insert("articles", &self.article_links(0..listed));
        ctx.insert("hours_json", &self.hours_json);
        let title = self.home.map_or(self.site_title(), |p| p.title.as_str());
        let mut head = Head::new("home", title.to_string(), "home");
        head.description = self.home.and_then(|p| p.description.as_deref());
        head
    }

    fn plans_page(&self, ctx: &mut tera::Context) -> Head<'_> {
        ctx.insert("plans", &self.model.plans);
        ctx.insert("severities", &self.model.severities);
        ctx.insert("allowance_rows", &self.model.allowance_rows);
        ctx.insert("add_ons", &self.model.add_ons);
        ctx.insert("terms", &self.model.terms);
        ctx.insert("target_compare", &self.model.target_compare);
        Head::new("plans", self.model.t.word("title_plans"), "plans")
    }

    fn plan_page(&self, ctx: &mut tera::Context, i: usize) -> Head<'_> {
        let model = &self.model;
        let plan = &model.plans[i];
        ctx.insert("plan", plan);
        ctx.insert("severities", &model.severities);
        let add_ons: Vec<_> = model
            .add_ons
            .iter()
            .filter(|a| a.plan_ids.contains(&plan.id))
            .collect();
        ctx.insert("add_ons", &add_ons);
        ctx.insert("calendar", &model.calendars.get(&plan.calendar));
        let contacts: Vec<_> = self.model.cat.plans[i]
            .contacts
            .iter()
            .filter_map(|c| model.contact(c))
            .collect();
        ctx.insert("contacts", &contacts);
        ctx.insert("hours_json", &self.hours_json);
        Head::new("plan", plan.name.clone(), "plans")
    }

    /// Page `n` of the products list; the first also lists the issue types.
    fn products_page(&self, ctx: &mut tera::Context, n: usize) -> Head<'_> {
        let all = &self.model.products;
        let range = page_range(n, paths::PRODUCTS_PER_PAGE, all.len());
        ctx.insert("products", &all[range]);
        let issues: &[_] = if n < 2 { &self.model.issues } else { &[] };
        ctx.insert("issues", issues);
        ctx.insert(
            "pager",
            &self.pager(n, paths::PRODUCTS_PER_PAGE, all.len(), |k| {
                if k < 2 {
                    Place::Products
                } else {
                    Place::ProductList(k)
                }
            }),
        );
        let title = self.numbered(self.model.t.word("title_products"), n);
        Head::new("products", title, "products")
    }

    fn product_page<'s>(
        &'s self,
        own: &mut Option<Own<'s>>,
        i: usize,
    ) -> Result<Head<'s>, RenderError> {
        let product = &self.model.products[i];
        let p = self
            .input
            .matrix
            .space
            .value_index(Dim::Product, &product.id)
            .unwrap_or(i);
        let matrix = self.product_matrix(p)?;
        // The legend of ◆ only where this product's table has such a stage.
        let on_behalf = matrix.iter().any(|m| m.html.contains("stage-partner"));
        *own = Some(Own::Product {
            product,
            matrix,
            on_behalf,
        });
        let mut head = Head::new("product", product.name.clone(), "products");
        head.description = self.model.cat.products[i].description.as_deref();
        Ok(head)
    }

    fn routing_page(&self, ctx: &mut tera::Context) -> Head<'_> {
        let model = &self.model;
        let t = model.t;
        let m = self.input.matrix;
        let summary = serde_json::json!({
            "has_severity": m.space.position(Dim::Severity).is_some(),
            "has_plan": m.space.position(Dim::Plan).is_some(),
        });
        ctx.insert("summary", &summary);
        ctx.insert("products", &model.products);
        ctx.insert("finder_search", &(model.products.len() > FINDER_LIST_MAX));
        self.routing_summary(ctx, 1);
        ctx.insert("issues", &model.issues);
        ctx.insert("severities", &model.severities);
        ctx.insert("plans", &model.plans);
        ctx.insert("tiers", &model.tiers);
        ctx.insert("hours_json", &self.hours_json);
        Head::new("routing", t.word("title_routing"), "routing")
    }

    /// The products page `n` of the routing page's summary links to, and where it stands.
    fn routing_summary(&self, ctx: &mut tera::Context, n: usize) {
        let all = &self.model.products;
        let range = page_range(n, paths::ROUTING_PER_PAGE, all.len());
        ctx.insert("summary_products", &all[range]);
        ctx.insert(
            "pager",
            &self.pager(n, paths::ROUTING_PER_PAGE, all.len(), |k| {
                if k < 2 {
                    Place::Routing
                } else {
                    Place::RoutingList(k)
                }
            }),
        );
    }

    /// A further page of the routing page's summary: the next products, each linking to its
    /// matrix.
    fn routing_list_page(&self, ctx: &mut tera::Context, n: usize) -> Head<'_> {
        self.routing_summary(ctx, n);
        let title = self.numbered(self.model.t.word("title_routing"), n);
        Head::new("routing-list", title, "routing")
    }

    fn contact_page(&self, ctx: &mut tera::Context) -> Head<'_> {
        let model = &self.model;
        ctx.insert("contacts", &model.contacts);
        let calendars: Vec<_> = self
            .input
            .catalogue
            .calendars
            .iter()
            .filter_map(|c| model.calendars.get(&c.id))
            .filter(|c| !c.holidays.is_empty() || !c.always_open)
            .map(|c| (c, model.urls.path(&paths::calendar_file(&c.id))))
            .collect();
        ctx.insert("calendars", &calendars);
        ctx.insert("hours_json", &self.hours_json);
        Head::new("contact", model.t.word("title_contact"), "contact")
    }

    fn markdown_page<'s>(&'s self, own: &mut Option<Own<'s>>, i: usize) -> Head<'s> {
        let p = self.pages[i];
        let (html, words) = self.model.page_html(p, &self.page_index, self.input.bodies);
        self.page_words.keep(Some(i), words);
        *own = Some(Own::Markdown { html });
        let section = if p.slug.contains('/') {
            ""
        } else {
            p.slug.as_str()
        };
        let mut head = Head::new("page", p.title.clone(), section);
        head.description = p.description.as_deref();
        head
    }

    /// Whether a job shows a Markdown page this edition has no translation of.
    fn untranslated(&self, job: Job) -> bool {
        let version = match job {
            Job::Page(i) => self.edition.pages.get(i),
            Job::Home => self.edition.home.as_ref(),
            _ => None,
        };
        version.is_some_and(|v| v.untranslated)
    }

    fn alternate_views(&self, job: Job) -> Vec<Alternate<'_>> {
        self.alternates(job)
            .into_iter()
            .zip(self.editions)
            .map(|((lang, url), e)| Alternate {
                lang,
                path: url.replacen(&e.urls.base_url, &e.urls.base_path, 1),
                url,
                name: e.name.clone(),
                current: std::ptr::eq(e, self.edition),
            })
            .collect()
    }

    /// The links to the Markdown pages in `range` of the navigation order.
    fn article_links(&self, range: std::ops::Range<usize>) -> Vec<Link> {
        self.pages[range]
            .iter()
            .map(|p| Link {
                title: p.title.clone(),
                url: self.model.urls.path(&Place::Page(&p.slug).link()),
                key: p.slug.clone(),
            })
            .collect()
    }
}
