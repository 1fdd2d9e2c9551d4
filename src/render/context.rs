//! The renderer: everything the pages of one site share while they render (the theme, the model
//! of words and URLs, the published pages, the cache of shared fragments), which page is which,
//! and where each is written.

use super::editions::Edition;
use super::fragments::{FragmentSources, Fragments, IssueHtml};
use super::input::{RenderError, RenderInput};
use super::outcomes::Outcomes;
use super::page_words::PageWords;
use super::theme::Theme;
use super::views::Model;
use crate::links::PageIndex;
use crate::paths::{self, Place};
use crate::site::Page;
use std::collections::HashMap;

/// One HTML page to render.
#[derive(Clone, Copy)]
pub(super) enum Job {
    Home,
    Plans,
    Plan(usize),
    Products,
    /// A further page of the products list (number 2 on), when it is split.
    ProductList(usize),
    Product(usize),
    Routing,
    /// A further page of the routing page's summary by product (number 2 on), when it is split.
    RoutingList(usize),
    Contact,
    NotFound,
    /// The published changes, when the site lists them.
    Changes,
    Page(usize),
    /// A page of the list of every Markdown page (from 1), when the home page cannot list
    /// them all.
    Articles(usize),
}

pub(super) struct Renderer<'a> {
    pub input: &'a RenderInput<'a>,
    /// The language's portal being rendered.
    pub edition: &'a Edition<'a>,
    /// Every language's portal, the site's own language first.
    pub editions: &'a [Edition<'a>],
    pub theme: Theme,
    pub model: Model<'a>,
    /// The published pages but the home page, in navigation order.
    pub pages: Vec<&'a Page>,
    /// Their titles by slug (a page's parent names its part of the portal).
    pub titles: HashMap<&'a str, &'a str>,
    /// Every page (drafts too) by source file, for `.md` links.
    pub page_index: PageIndex<'a>,
    pub home: Option<&'a Page>,
    /// Words and calendars for the browser's "open now" and route finder.
    pub hours_json: String,
    pub outcomes: Outcomes<'a>,
    pub fragments: Fragments,
    /// The words of the Markdown pages rendered so far, for the search index.
    pub page_words: PageWords<'a>,
}

impl Renderer<'_> {
    /// Every page of the site, in a stable order.
    pub(super) fn jobs(&self) -> Vec<Job> {
        let cat = self.model.cat;
        let mut jobs = vec![Job::Home, Job::Plans];
        jobs.extend((0..cat.plans.len()).map(Job::Plan));
        jobs.push(Job::Products);
        let product_lists = paths::list_pages(cat.products.len(), paths::PRODUCTS_PER_PAGE);
        jobs.extend((2..=product_lists).map(Job::ProductList));
        jobs.extend((0..cat.products.len()).map(Job::Product));
        jobs.push(Job::Routing);
        let routing_lists = paths::list_pages(cat.products.len(), paths::ROUTING_PER_PAGE);
        jobs.extend((2..=routing_lists).map(Job::RoutingList));
        jobs.extend([Job::Contact, Job::NotFound]);
        if self.input.changes.is_some() {
            jobs.push(Job::Changes);
        }
        jobs.extend((0..self.pages.len()).map(Job::Page));
        jobs.extend((1..=paths::article_pages(self.pages.len())).map(Job::Articles));
        jobs
    }

    /// Where a page is written.
    pub(super) fn place(&self, job: Job) -> Place<'_> {
        let cat = self.model.cat;
        match job {
            Job::Home => Place::Home,
            Job::Plans => Place::Plans,
            Job::Plan(i) => Place::Plan(&cat.plans[i].id),
            Job::Products => Place::Products,
            Job::ProductList(n) => Place::ProductList(n),
            Job::RoutingList(n) => Place::RoutingList(n),
            Job::Articles(n) => Place::Articles(n),
            Job::Product(i) => Place::Product(&cat.products[i].id),
            Job::Routing => Place::Routing,
            Job::Contact => Place::Contact,
            Job::NotFound => Place::NotFound,
            Job::Changes => Place::Changes,
            Job::Page(i) => Place::Page(&self.pages[i].slug),
        }
    }

    /// The same page in every edition (`hreflang`, the language switcher): the language's tag
    /// and the page's absolute URL there.
    pub(super) fn alternates(&self, job: Job) -> Vec<(&str, String)> {
        let dir = match job {
            Job::Page(i) => {
                let original = self.pages[i].original();
                return self
                    .editions
                    .iter()
                    .filter_map(|e| {
                        let dir = e.dirs.get(original)?;
                        Some((e.language.tag.as_str(), e.urls.absolute(dir)))
                    })
                    .collect();
            }
            _ => self.place(job).link(),
        };
        self.editions
            .iter()
            .map(|e| (e.language.tag.as_str(), e.urls.absolute(&dir)))
            .collect()
    }

    /// Every page, as its address in each language, for `sitemap.xml`.
    pub(super) fn sitemap_pages(&self) -> Vec<Vec<(&str, String)>> {
        self.jobs()
            .into_iter()
            .filter(|job| !matches!(job, Job::NotFound))
            .map(|job| self.alternates(job))
            .collect()
    }

    /// The matrix of product number `p` (its index in the routing space).
    /// The site's title in this edition's language.
    pub(super) fn site_title(&self) -> &str {
        let language = self.edition.language;
        language
            .title
            .as_deref()
            .unwrap_or(&self.input.config.title)
    }

    pub(super) fn product_matrix(&self, p: usize) -> Result<Vec<IssueHtml>, RenderError> {
        let sources = FragmentSources {
            theme: &self.theme,
            model: &self.model,
            outcomes: &self.outcomes,
            matrix: self.input.matrix,
        };
        self.fragments.product_matrix(&sources, p)
    }
}
