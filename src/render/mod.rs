//! The render stage: turns a checked site into the portal (spec section 6). This module
//! orchestrates: it loads the theme, builds the shared [`views::Model`], renders the pages in
//! parallel straight into the output folder, and writes the API, calendar, sitemap and robots
//! files, the theme's assets and the site's `static/` files.

mod api;
mod context;
mod format;
mod fragments;
mod i18n;
mod ics;
mod input;
mod markdown;
mod matrix;
mod outcomes;
mod output;
mod pages;
mod search;
mod seo;
mod theme;
mod views;

use crate::paths;
use crate::site::{Page, Site};
use context::{Job, Renderer};
pub(crate) use input::{RenderError, RenderInput};
pub(crate) use output::Files;
use output::Output;
use pages::{hours_json, set_globals};
use rayon::prelude::*;
use std::path::Path;
pub(crate) use theme::TemplateError;
use views::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// Which outputs to render.
pub(crate) enum Selection<'s> {
    Everything,
    /// Only these Markdown pages (paths under `pages/`), for a preview's edit of them.
    Pages(&'s [String]),
}

pub(crate) struct RenderStats {
    pub files: usize,
    pub bytes: u64,
}

/// Compiles the site's theme (its own folder and template overrides) and loads its translation
/// table, as `build` will: the first problem, located.
pub(crate) fn check_theme(site: &Site, language: &str) -> Option<TemplateError> {
    theme::load(site, language).err()
}

/// The names of the site's theme's assets (`style.css`), for the output's layout.
pub(crate) fn asset_names(site: &Site) -> Vec<String> {
    theme::asset_names(site)
}

/// Writes every output file into `dest` (an existing, empty folder). Deterministic.
pub(crate) fn render(input: &RenderInput, dest: &Path) -> Result<RenderStats, RenderError> {
    let out = Output::folder(dest);
    with_renderer(input, |r| r.run(&out, &Selection::Everything))?;
    let (files, bytes) = out.totals();
    Ok(RenderStats { files, bytes })
}

/// Renders the selected outputs into memory, for `serve`.
pub(crate) fn render_to_memory(
    input: &RenderInput,
    selection: &Selection,
) -> Result<Files, RenderError> {
    let out = Output::memory();
    with_renderer(input, |r| r.run(&out, selection))?;
    Ok(out.into_files())
}

/// Loads the theme and builds the model every page shares, then hands the renderer to `f`.
fn with_renderer<T>(
    input: &RenderInput,
    f: impl FnOnce(&Renderer) -> Result<T, RenderError>,
) -> Result<T, RenderError> {
    let site = input.site;
    let (mut theme, i18n) =
        theme::load(site, &input.config.language).map_err(RenderError::Template)?;
    let model = Model::new(input.catalogue, input.matrix, &i18n, &input.config.base_url);
    let mut pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| input.include_drafts || !p.draft)
        .collect();
    pages.sort_by(|a, b| (a.weight, &a.title, &a.slug).cmp(&(b.weight, &b.title, &b.slug)));
    let home = pages.iter().copied().find(|p| p.is_home());
    pages.retain(|p| !p.is_home());
    set_globals(&mut theme, input, &model, &pages);
    let hours_json = hours_json(&model);
    f(&Renderer {
        input,
        theme,
        model,
        pages,
        page_index: crate::links::PageIndex::new(&site.pages),
        home,
        hours_json,
        outcomes: outcomes::Outcomes::new(input.catalogue),
        fragments: Default::default(),
    })
}

impl Renderer<'_> {
    fn run(&self, out: &Output, selection: &Selection) -> Result<(), RenderError> {
        match selection {
            Selection::Everything => self.run_all(out),
            Selection::Pages(sources) => {
                let jobs: Vec<Job> = self
                    .jobs()
                    .into_iter()
                    .filter(|j| self.is_page_of(*j, sources))
                    .collect();
                self.render_jobs(out, &jobs)?;
                self.search_index(out)
            }
        }
    }

    /// Whether a job renders one of the Markdown pages in `sources` (the home page's text
    /// included).
    fn is_page_of(&self, job: Job, sources: &[String]) -> bool {
        let page = match job {
            Job::Page(i) => Some(self.pages[i]),
            Job::Home => self.home,
            _ => None,
        };
        page.is_some_and(|p| sources.contains(&p.source))
    }

    fn run_all(&self, out: &Output) -> Result<(), RenderError> {
        let cat = self.input.catalogue;
        let site = self.input.site;
        let jobs = self.jobs();
        // Each page creates its own folder when it is written; the folders above are made here.
        let mut all: Vec<String> = jobs
            .iter()
            .filter_map(|j| {
                self.place(*j)
                    .file()
                    .rsplit_once('/')
                    .map(|(dir, _)| dir.to_string())
            })
            .collect();
        all.extend(site.static_files.iter().cloned());
        all.extend(self.theme.assets.iter().map(|(p, _)| paths::asset(p)));
        all.extend(cat.calendars.iter().map(|c| paths::calendar_file(&c.id)));
        all.extend([paths::FINDER_INDEX.into(), paths::CATALOGUE_JSON.into()]);
        out.make_dirs(all.iter().map(String::as_str))?;
        // The theme's assets, then the site's static files (which may replace an asset), then
        // everything generated (which replaces a static file of the same name).
        for (p, bytes) in &self.theme.assets {
            out.write(&paths::asset(p), bytes)?;
        }
        site.static_files
            .par_iter()
            .try_for_each(|f| out.copy(&site.root.join("static").join(f), f))?;
        let (pages, data) = rayon::join(|| self.render_jobs(out, &jobs), || self.data(out));
        pages?;
        data
    }

    fn render_jobs(&self, out: &Output, jobs: &[Job]) -> Result<(), RenderError> {
        jobs.par_iter().try_for_each(|job| {
            let html = self.page(*job)?;
            out.write_in_new_dir(&self.place(*job).file(), html.into_bytes())
                .map_err(RenderError::Io)
        })
    }

    /// Everything that is not a page: the API, the finder's data, calendars, sitemap, robots.
    fn data(&self, out: &Output) -> Result<(), RenderError> {
        let cat = self.input.catalogue;
        let m = self.input.matrix;
        let model = &self.model;
        out.stream(paths::CATALOGUE_JSON, |w| api::catalogue(cat, w))?;
        out.stream(paths::ROUTING_JSON, |w| api::routing(cat, m, w))?;
        let finder = api::finder_data(model, &self.outcomes, m);
        let index = api::finder_index(model, &self.outcomes, m, &finder);
        out.write(paths::FINDER_INDEX, index.as_bytes())?;
        finder
            .files
            .par_iter()
            .enumerate()
            .try_for_each(|(n, json)| out.write(&paths::finder_file(n), json.as_bytes()))?;
        let base_url = &self.input.config.base_url;
        let host = url::Url::parse(base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "localhost".into());
        for c in &cat.calendars {
            let ics = ics::calendar(c, model.t, &host);
            out.write(&paths::calendar_file(&c.id), ics.as_bytes())?;
        }
        let urls: Vec<String> = self
            .jobs()
            .into_iter()
            .filter_map(|j| self.place(j).dir())
            .map(|d| model.urls.absolute(&d))
            .collect();
        out.write(paths::SITEMAP, seo::sitemap(&urls).as_bytes())?;
        out.write(paths::ROBOTS, seo::robots(&model.urls).as_bytes())?;
        self.search_index(out)
    }
}
