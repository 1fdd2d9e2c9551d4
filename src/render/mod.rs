//! The render stage: turns a checked site into the portal (spec section 6). This module
//! orchestrates: it loads the theme, builds the shared [`views::Model`], renders the pages in
//! parallel straight into the output folder, and writes the API, calendar, sitemap and robots
//! files, the theme's assets and the site's `static/` files.

mod api;
pub(crate) mod format;
mod fragments;
pub(crate) mod i18n;
mod ics;
mod markdown;
mod matrix;
mod outcomes;
mod output;
mod pages;
mod seo;
pub(crate) mod theme;
mod views;

use crate::catalogue::Catalogue;
use crate::diagnostics::Diagnostic;
use crate::routing::Matrix;
use crate::site::{Page, Site};
pub use output::Files;
use output::Output;
use pages::{Job, hours_json, set_globals};
use rayon::prelude::*;
use std::path::Path;
use theme::Theme;
use views::Model;

pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub catalogue: &'a Catalogue,
    pub matrix: &'a Matrix,
    /// Absolute, ends with '/', e.g. "https://example.com/support/".
    pub base_url: &'a str,
    pub include_drafts: bool,
}

#[derive(Debug)]
pub enum RenderError {
    Template(Diagnostic),
    Io(crate::error::Error),
}

impl From<crate::error::Error> for RenderError {
    fn from(e: crate::error::Error) -> Self {
        RenderError::Io(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// Which outputs to render.
pub enum Selection<'s> {
    Everything,
    /// Only these Markdown pages (paths under `pages/`), for a preview's edit of them.
    Pages(&'s [String]),
}

pub struct RenderStats {
    pub files: usize,
    pub bytes: u64,
}

/// Output paths the render stage writes beyond [`crate::links::generated_paths`]: the route
/// finder's index and the built-in theme's assets. (The finder's data files depend on the
/// routing; nothing links to them but the finder.)
pub fn extra_paths() -> Vec<String> {
    let mut v = vec!["api/finder/index.json".to_string()];
    v.extend(theme::default_asset_paths());
    v
}

struct Renderer<'a> {
    input: &'a RenderInput<'a>,
    theme: Theme,
    model: Model<'a>,
    pages: Vec<&'a Page>,
    /// Every page (drafts too) by source file, for `.md` links.
    page_index: crate::links::PageIndex<'a>,
    home: Option<&'a Page>,
    /// Words and calendars for the browser's "open now" and route finder.
    hours_json: String,
    outcomes: outcomes::Outcomes<'a>,
    fragments: fragments::Fragments,
}

/// Writes every output file into `dest` (an existing, empty folder). Deterministic.
pub fn render(input: &RenderInput, dest: &Path) -> Result<RenderStats, RenderError> {
    let out = Output::folder(dest);
    with_renderer(input, |r| r.run(&out, &Selection::Everything))?;
    let (files, bytes) = out.totals();
    Ok(RenderStats { files, bytes })
}

/// Renders the selected outputs into memory, for `serve`.
pub fn render_to_memory(input: &RenderInput, selection: &Selection) -> Result<Files, RenderError> {
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
    let language = site.config.as_ref().map_or("en", |c| c.language.as_str());
    let (mut theme, i18n) = theme::load(site, language).map_err(RenderError::Template)?;
    let model = Model::new(input.catalogue, input.matrix, &i18n, input.base_url);
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
    fn jobs(&self) -> Vec<Job> {
        let cat = self.input.catalogue;
        let mut jobs = vec![Job::Home, Job::Plans];
        jobs.extend((0..cat.plans.len()).map(Job::Plan));
        jobs.push(Job::Products);
        jobs.extend((0..cat.products.len()).map(Job::Product));
        jobs.extend([Job::Routing, Job::Contact, Job::NotFound]);
        jobs.extend((0..self.pages.len()).map(Job::Page));
        jobs
    }

    /// The folder of a page under the base (`plans/`), `None` for the 404 page.
    fn dir(&self, job: Job) -> Option<String> {
        let cat = self.input.catalogue;
        Some(match job {
            Job::Home => String::new(),
            Job::Plans => "plans/".into(),
            Job::Plan(i) => format!("plans/{}/", cat.plans[i].id),
            Job::Products => "products/".into(),
            Job::Product(i) => format!("products/{}/", cat.products[i].id),
            Job::Routing => "routing/".into(),
            Job::Contact => "contact/".into(),
            Job::NotFound => return None,
            Job::Page(i) => crate::links::page_path(self.pages[i]),
        })
    }

    fn file(&self, job: Job) -> String {
        self.dir(job)
            .map_or_else(|| "404.html".into(), |d| format!("{d}index.html"))
    }

    fn run(&self, out: &Output, selection: &Selection) -> Result<(), RenderError> {
        match selection {
            Selection::Everything => self.run_all(out),
            Selection::Pages(sources) => {
                let jobs: Vec<Job> = self
                    .jobs()
                    .into_iter()
                    .filter(|j| self.is_page_of(*j, sources))
                    .collect();
                self.render_jobs(out, &jobs)
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
                self.file(*j)
                    .rsplit_once('/')
                    .map(|(dir, _)| dir.to_string())
            })
            .collect();
        all.extend(site.static_files.iter().cloned());
        all.extend(self.theme.assets.iter().map(|(p, _)| format!("assets/{p}")));
        all.extend(extra_paths());
        all.extend(
            cat.calendars
                .iter()
                .map(|c| format!("calendars/{}.ics", c.id)),
        );
        all.push("api/catalogue.json".into());
        out.make_dirs(all.iter().map(String::as_str))?;
        // The theme's assets, then the site's static files (which may replace an asset), then
        // everything generated (which replaces a static file of the same name).
        for (p, bytes) in &self.theme.assets {
            out.write(&format!("assets/{p}"), bytes)?;
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
            out.write_in_new_dir(&self.file(*job), html.into_bytes())
                .map_err(RenderError::Io)
        })
    }

    /// Everything that is not a page: the API, the finder's data, calendars, sitemap, robots.
    fn data(&self, out: &Output) -> Result<(), RenderError> {
        let cat = self.input.catalogue;
        let m = self.input.matrix;
        let model = &self.model;
        out.stream("api/catalogue.json", |w| api::catalogue(cat, w))?;
        out.stream("api/routing.json", |w| api::routing(cat, m, w))?;
        let finder = api::finder_data(model, &self.outcomes, m);
        let index = api::finder_index(model, &self.outcomes, m, &finder);
        out.write("api/finder/index.json", index.as_bytes())?;
        finder
            .files
            .par_iter()
            .enumerate()
            .try_for_each(|(n, json)| {
                let name = api::finder_file_name(n);
                out.write(&format!("api/finder/{name}"), json.as_bytes())
            })?;
        let host = url::Url::parse(self.input.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "localhost".into());
        for c in &cat.calendars {
            let ics = ics::calendar(c, model.t, &host);
            out.write(&format!("calendars/{}.ics", c.id), ics.as_bytes())?;
        }
        let urls: Vec<String> = self
            .jobs()
            .into_iter()
            .filter_map(|j| self.dir(j))
            .map(|d| model.urls.absolute(&d))
            .collect();
        out.write("sitemap.xml", seo::sitemap(&urls).as_bytes())?;
        out.write("robots.txt", seo::robots(self.input.base_url).as_bytes())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    fn build(base_url: &str) -> BTreeMap<String, Vec<u8>> {
        let checked =
            crate::pipeline::check(Path::new("content-example"), &Default::default()).unwrap();
        let out = tempfile::tempdir().unwrap();
        let input = RenderInput {
            site: &checked.site,
            catalogue: checked.catalogue.as_ref().unwrap(),
            matrix: checked.matrix.as_ref().unwrap(),
            base_url,
            include_drafts: false,
        };
        let stats = match render(&input, out.path()) {
            Ok(s) => s,
            Err(RenderError::Template(d)) => panic!("{}", d.message),
            Err(RenderError::Io(e)) => panic!("{e}"),
        };
        let all = files(out.path());
        assert_eq!(stats.files, all.len());
        let mut expected = crate::links::generated_paths(input.catalogue);
        expected.extend(extra_paths());
        for path in expected {
            assert!(all.contains_key(&path), "{path} was not written");
        }
        all
    }

    #[test]
    fn renders_the_example_deterministically_under_a_base_path() {
        let a = build("https://example.com/support/");
        assert_eq!(a, build("https://example.com/support/"));
        for (path, bytes) in &a {
            if !path.ends_with(".html") {
                continue;
            }
            let html = String::from_utf8_lossy(bytes);
            for attr in ["href=\"/", "src=\"/"] {
                for (i, _) in html.match_indices(attr) {
                    let rest = &html[i + attr.len()..];
                    assert!(
                        rest.starts_with("support/"),
                        "{path}: unprefixed link {}",
                        &rest[..rest.len().min(40)]
                    );
                }
            }
        }
        let home = String::from_utf8_lossy(&a["index.html"]);
        assert!(home.contains("href=\"/support/opening-a-case/\""));
        assert!(home.contains("data-status="));
        assert!(
            !a.contains_key("copilot-support/index.html"),
            "drafts stay out"
        );
    }
}
