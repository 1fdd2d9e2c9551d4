//! The renderer: everything the pages of one site share while they render (the theme, the model
//! of words and URLs, the published pages, the cache of shared fragments), which page is which,
//! and where each is written.

use super::fragments::{FragmentSources, Fragments, IssueHtml};
use super::input::{RenderError, RenderInput};
use super::outcomes::Outcomes;
use super::theme::Theme;
use super::views::Model;
use crate::links::PageIndex;
use crate::paths::Place;
use crate::site::Page;

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

pub(super) struct Renderer<'a> {
    pub input: &'a RenderInput<'a>,
    pub theme: Theme,
    pub model: Model<'a>,
    /// The published pages but the home page, in navigation order.
    pub pages: Vec<&'a Page>,
    /// Every page (drafts too) by source file, for `.md` links.
    pub page_index: PageIndex<'a>,
    pub home: Option<&'a Page>,
    /// Words and calendars for the browser's "open now" and route finder.
    pub hours_json: String,
    pub outcomes: Outcomes<'a>,
    pub fragments: Fragments,
}

impl Renderer<'_> {
    /// Every page of the site, in a stable order.
    pub(super) fn jobs(&self) -> Vec<Job> {
        let cat = self.input.catalogue;
        let mut jobs = vec![Job::Home, Job::Plans];
        jobs.extend((0..cat.plans.len()).map(Job::Plan));
        jobs.push(Job::Products);
        jobs.extend((0..cat.products.len()).map(Job::Product));
        jobs.extend([Job::Routing, Job::Contact, Job::NotFound]);
        jobs.extend((0..self.pages.len()).map(Job::Page));
        jobs
    }

    /// Where a page is written.
    pub(super) fn place(&self, job: Job) -> Place<'_> {
        let cat = self.input.catalogue;
        match job {
            Job::Home => Place::Home,
            Job::Plans => Place::Plans,
            Job::Plan(i) => Place::Plan(&cat.plans[i].id),
            Job::Products => Place::Products,
            Job::Product(i) => Place::Product(&cat.products[i].id),
            Job::Routing => Place::Routing,
            Job::Contact => Place::Contact,
            Job::NotFound => Place::NotFound,
            Job::Page(i) => Place::Page(&self.pages[i].slug),
        }
    }

    /// The matrix of product number `p` (its index in the routing space).
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
