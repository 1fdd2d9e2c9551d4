//! The pages: which template each page uses, the data it receives (on top of the globals
//! every template sees: `site`, `t`, `nav`, `partner`, `jsonld`), and the globals themselves.

use super::theme::Theme;
use super::views::{self, Link, Model};
use super::{RenderError, RenderInput, Renderer, api, format, seo};
use crate::site::Page;
use serde::Serialize;

/// One HTML page to render.
#[derive(Clone, Copy)]
pub(super) enum Job {
    Home,
    Plans,
    Plan(usize),
    Products,
    Product(usize),
    Routing,
    Contact,
    NotFound,
    Page(usize),
}

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
}

/// The data island of pages that show opening status: the words the script needs and every
/// calendar (time zone, weekly hours, holidays).
pub(super) fn hours_json(model: &Model) -> String {
    let t = model.t;
    let keys = [
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
    ];
    let words: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .map(|k| (k.to_string(), t.word(k).into()))
        .chain([("days".to_string(), serde_json::json!(t.locale.days))])
        .collect();
    seo::script_json(&serde_json::json!({
        "words": words,
        "calendars": api::calendars(model.cat),
    }))
}

/// The static files every page links to as its icon, the first one the site has.
pub(super) const FAVICONS: [&str; 3] = ["favicon.svg", "favicon.ico", "favicon.png"];

/// The pages the navigation shows after its fixed entries: the first four top-level pages.
pub(super) fn in_navigation<'a>(pages: &[&'a Page]) -> impl Iterator<Item = &'a Page> {
    pages
        .iter()
        .copied()
        .filter(|p| !p.slug.contains('/'))
        .take(4)
}

pub(super) fn set_globals(theme: &mut Theme, input: &RenderInput, model: &Model, pages: &[&Page]) {
    let cfg = input.site.config.as_ref();
    let urls = &model.urls;
    let t = model.t;
    let mut nav = vec![
        Link {
            title: t.word("nav_home"),
            url: urls.path(""),
            key: "home".into(),
        },
        Link {
            title: t.word("nav_plans"),
            url: urls.path("plans/"),
            key: "plans".into(),
        },
        Link {
            title: t.word("nav_products"),
            url: urls.path("products/"),
            key: "products".into(),
        },
        Link {
            title: t.word("nav_routing"),
            url: urls.path("routing/"),
            key: "routing".into(),
        },
        Link {
            title: t.word("nav_contact"),
            url: urls.path("contact/"),
            key: "contact".into(),
        },
    ];
    nav.extend(in_navigation(pages).map(|p| Link {
        title: p.title.clone(),
        url: urls.path(&format!("{}/", p.slug)),
        key: p.slug.clone(),
    }));
    let favicon = FAVICONS
        .into_iter()
        .find(|f| input.site.static_files.iter().any(|s| s == f))
        .map(|f| urls.path(f));
    let site = serde_json::json!({
        "title": cfg.map_or("", |c| c.title.as_str()),
        "description": cfg.and_then(|c| c.description.as_deref()),
        "language": cfg.map_or("en", |c| c.language.as_str()),
        "base_path": urls.base_path,
        "base_url": urls.base_url,
        "home_url": urls.path(""),
        "favicon": favicon,
        "css": urls.path("assets/style.css"),
        "js": urls.path("assets/site.js"),
        "api": urls.path("api/"),
    });
    let cat = model.cat;
    let partner = serde_json::json!({
        "name": cat.partner.name,
        "website": cat.partner.website,
        "description_html": urls.md(cat.partner.description.as_deref(), 3),
    });
    let words = t.words.clone();
    let jsonld = seo::organization(cat, input.base_url);
    let g = theme.tera.global_context();
    g.insert("site", &site);
    g.insert("t", &words);
    g.insert("nav", &nav);
    g.insert("partner", &partner);
    g.insert("jsonld", &jsonld);
}

impl Renderer<'_> {
    pub(super) fn page(&self, job: Job) -> Result<String, RenderError> {
        let model = &self.model;
        let t = model.t;
        let cat = self.input.catalogue;
        let cfg = self.input.site.config.as_ref();
        let site_title = cfg.map_or("", |c| c.title.as_str());
        let site_description = cfg.and_then(|c| c.description.as_deref());
        let dir = self.dir(job);
        let path = dir.as_deref().unwrap_or("404.html");
        let mut ctx = tera::Context::new();
        let (template, kind, title, description, section): (
            &str,
            &str,
            String,
            Option<&str>,
            &str,
        ) = match job {
            Job::Home => {
                let primary = model
                    .entry_contacts
                    .iter()
                    .filter_map(|&i| model.contact(&cat.contacts[i].id))
                    .collect::<Vec<_>>();
                ctx.insert("entry_contacts", &primary);
                ctx.insert(
                    "intro_html",
                    &self.home.map(|p| model.page_html(p, &self.page_index)),
                );
                ctx.insert("plans", &model.plans);
                ctx.insert("products", &model.products);
                ctx.insert("articles", &self.article_links());
                ctx.insert("hours_json", &self.hours_json);
                let title = self.home.map_or(site_title, |p| p.title.as_str());
                let description = self
                    .home
                    .and_then(|p| p.description.as_deref())
                    .or(site_description);
                ("home.html", "home", title.to_string(), description, "home")
            }
            Job::Plans => {
                ctx.insert("plans", &model.plans);
                ctx.insert("severities", &model.severities);
                ("plans.html", "plans", t.word("title_plans"), None, "plans")
            }
            Job::Plan(i) => {
                let plan = &model.plans[i];
                ctx.insert("plan", plan);
                ctx.insert("severities", &model.severities);
                ctx.insert("calendar", &model.calendars.get(&plan.calendar));
                let contacts: Vec<_> = cat.plans[i]
                    .contacts
                    .iter()
                    .filter_map(|c| model.contact(c))
                    .collect();
                ctx.insert("contacts", &contacts);
                ctx.insert("hours_json", &self.hours_json);
                ("plan.html", "plan", plan.name.clone(), None, "plans")
            }
            Job::Products => {
                ctx.insert("products", &model.products);
                ctx.insert("issues", &model.issues);
                (
                    "products.html",
                    "products",
                    t.word("title_products"),
                    None,
                    "products",
                )
            }
            Job::Product(i) => {
                let product = &model.products[i];
                let m = self.input.matrix;
                let p = m
                    .space
                    .value_index(crate::routing::Dim::Product, &product.id)
                    .unwrap_or(i);
                ctx.insert("product", product);
                ctx.insert("matrix", &self.product_matrix(p)?);
                (
                    "product.html",
                    "product",
                    product.name.clone(),
                    cat.products[i].description.as_deref(),
                    "products",
                )
            }
            Job::Routing => {
                let m = self.input.matrix;
                let dims: Vec<String> = m
                    .space
                    .dims
                    .iter()
                    .map(|d| t.word(&format!("dim_{}", d.name())).to_string())
                    .collect();
                let summary = serde_json::json!({
                    "policy": t.word(&format!("policy_{}", views::serde_plain(&cat.routing.policy))),
                    "cases": format::number(&t.locale, m.len().into(), 0),
                    "dimensions": dims,
                    "rules": cat.routing.rules.len(),
                    "has_severity": m.space.position(crate::routing::Dim::Severity).is_some(),
                    "has_plan": m.space.position(crate::routing::Dim::Plan).is_some(),
                });
                ctx.insert("summary", &summary);
                ctx.insert("products", &model.products);
                ctx.insert("issues", &model.issues);
                ctx.insert("severities", &model.severities);
                ctx.insert("plans", &model.plans);
                ctx.insert("tiers", &model.tiers);
                ctx.insert("hours_json", &self.hours_json);
                (
                    "routing.html",
                    "routing",
                    t.word("title_routing"),
                    None,
                    "routing",
                )
            }
            Job::Contact => {
                ctx.insert("contacts", &model.contacts);
                let calendars: Vec<_> = cat
                    .calendars
                    .iter()
                    .filter_map(|c| model.calendars.get(&c.id))
                    .filter(|c| !c.holidays.is_empty() || !c.always_open)
                    .map(|c| (c, model.urls.path(&format!("calendars/{}.ics", c.id))))
                    .collect();
                ctx.insert("calendars", &calendars);
                ctx.insert("hours_json", &self.hours_json);
                (
                    "contact.html",
                    "contact",
                    t.word("title_contact"),
                    None,
                    "contact",
                )
            }
            Job::NotFound => ("404.html", "404", t.word("title_404"), None, ""),
            Job::Page(i) => {
                let p = self.pages[i];
                ctx.insert("content_html", &model.page_html(p, &self.page_index));
                let section = if p.slug.contains('/') {
                    ""
                } else {
                    p.slug.as_str()
                };
                (
                    "page.html",
                    "page",
                    p.title.clone(),
                    p.description.as_deref(),
                    section,
                )
            }
        };
        let info = PageInfo {
            kind,
            title: &title,
            description: description
                .or(site_description)
                .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" ")),
            path,
            url: model.urls.path(dir.as_deref().unwrap_or("404.html")),
            canonical: model.urls.absolute(dir.as_deref().unwrap_or("")),
            section,
        };
        ctx.insert("page", &info);
        self.theme
            .tera
            .render(template, &ctx)
            .map_err(|e| RenderError::Template(self.theme.diagnostic(&e)))
    }

    fn article_links(&self) -> Vec<Link> {
        self.pages
            .iter()
            .map(|p| Link {
                title: p.title.clone(),
                url: self.model.urls.path(&crate::links::page_path(p)),
                key: p.slug.clone(),
            })
            .collect()
    }
}
