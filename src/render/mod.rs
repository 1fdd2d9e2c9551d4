//! The render stage: turns a checked site into the portal (spec section 6). This module
//! orchestrates: it loads the theme, builds the shared [`views::Model`], renders the pages in
//! parallel straight into the output folder, and writes the API, calendar, sitemap and robots
//! files, the theme's assets and the site's `static/` files.

mod api;
mod bodies;
mod brand;
mod changes;
mod cldr;
mod context;
mod due;
mod editions;
pub(crate) mod format;
mod fragments;
pub(crate) mod i18n;
mod ics;
mod input;
mod kept;
mod markdown;
mod marks;
mod matrix;
mod outcomes;
mod output;
mod page_words;
mod pages;
mod reuse;
mod search;
mod seo;
pub(crate) mod theme;
mod views;
pub(crate) mod voice;
mod xml;

use crate::catalogue::Catalogue;
use crate::diagnostics::{Code, Diagnostic};
use crate::paths;
use crate::site::config::Language;
use crate::site::{Page, Site};
pub(crate) use bodies::BodyMemo;
use context::{Job, Renderer};
use editions::{Edition, LinkMap, Linker};
pub(crate) use input::{RenderError, RenderInput};
pub(crate) use kept::Kept;
pub(crate) use output::Files;
use output::Output;
pub(crate) use page_words::SearchMemo;
use pages::{hours_json, set_globals};
use rayon::prelude::*;
pub(crate) use reuse::RenderedPages;
pub(crate) use search::{EditionIndex, Stop};
use std::collections::BTreeMap;
use std::path::Path;
pub(crate) use theme::TemplateError;
use views::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// Which outputs to render.
pub(crate) enum Selection<'s> {
    Everything,
    /// Everything but the search index, which follows from [`index_documents`]: the preview
    /// serves a rebuilt site before its index is ready.
    Site,
    /// Only these Markdown pages (paths under `pages/`), for a preview's edit of them; the
    /// search index follows from [`index_documents`].
    Pages(&'s [String]),
    /// These Markdown pages, whose titles or weights changed (but not what places them: slug,
    /// draft), and what shows their titles beyond the navigation: the home page's list of
    /// pages, the articles pages and the sitemap (ordered by title). The caller renders
    /// everything instead when the [`navigation_titles`] changed. The search index follows, as
    /// for `Pages`.
    Retitled(&'s [String]),
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

/// Each of the site's languages whose interface words the theme lacks: an error naming them
/// (a warning for the site's own language, which builds with the theme's English words as
/// before 1.1; an error too when the theme has no English word either, since the build would
/// fail on it).
pub(crate) fn check_languages(site: &Site, languages: &[Language]) -> Vec<Diagnostic> {
    let (missing_in_english, _) = theme::missing_words(site, "en");
    languages
        .iter()
        .filter_map(|l| {
            let (missing, known) = theme::missing_words(site, &l.tag);
            if missing.is_empty() {
                return None;
            }
            // Words English cannot stand in for: the site's own language fails without them.
            let unbuildable: Vec<String> = missing
                .iter()
                .filter(|w| missing_in_english.contains(w))
                .cloned()
                .collect();
            let fatal = !l.is_default || !unbuildable.is_empty();
            let missing = if l.is_default && fatal {
                unbuildable
            } else {
                missing
            };
            let shown: Vec<&str> = missing.iter().take(6).map(String::as_str).collect();
            let more = missing.len().saturating_sub(shown.len());
            let message = format!(
                "the theme has no interface words for `{}`: {}{}",
                l.tag,
                shown.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            );
            let help = format!(
                "languages with words: {}; add a `{}` section with every word to the theme's i18n.json",
                known.join(", "),
                l.tag
            );
            let d = if fatal {
                Diagnostic::error(Code::InvalidValue, l.loc, message)
            } else {
                Diagnostic::warning(Code::InvalidValue, l.loc, message)
            };
            Some(d.with_help(help))
        })
        .collect()
}

/// The names of the site's theme's assets (`style.css`), for the output's layout.
pub(crate) fn asset_names(site: &Site) -> Vec<String> {
    theme::asset_names(site)
}

/// Writes every output file into `dest` (an existing, empty folder). Deterministic.
pub(crate) fn render(input: &RenderInput, dest: &Path) -> Result<RenderStats, RenderError> {
    let out = Output::folder(dest);
    render_into(input, &out, &Selection::Everything, None)?;
    let (files, bytes) = out.totals();
    Ok(RenderStats { files, bytes })
}

/// Renders the selected outputs into memory, for `serve`, which keeps `memo` from one render
/// to the next (a whole render fills it anew).
pub(crate) fn render_to_memory(
    input: &RenderInput,
    selection: &Selection,
    memo: &SearchMemo,
) -> Result<Files, RenderError> {
    let out = Output::memory();
    let whole = matches!(selection, Selection::Everything | Selection::Site);
    if whole {
        memo.clear();
    }
    render_into(input, &out, selection, Some(memo))?;
    if let (true, Some(bodies)) = (whole, input.bodies) {
        bodies.sweep();
    }
    if let (true, Some(rendered)) = (whole, input.rendered) {
        rendered.sweep();
    }
    Ok(out.into_files())
}

/// The documents of every edition's search index, for the preview to bring its index up to
/// date once the pages of an edit are served: every page's words come from the [`SearchMemo`]
/// of the renders before (or the page is rendered again for them). `None` as soon as `stop`
/// says to stop (it is asked before each edition and each page): the next edit is coming, and
/// its rebuild is not to wait.
pub(crate) fn index_documents(
    input: &RenderInput,
    memo: &SearchMemo,
    stop: Stop,
) -> Result<Option<Vec<EditionIndex>>, RenderError> {
    let editions = editions::editions(input);
    let map = LinkMap::new(input, &editions[0]);
    let mut all = Vec::new();
    for edition in &editions {
        if stop() {
            return Ok(None);
        }
        let linker = Linker { edition, map: &map };
        match with_renderer(input, linker, &editions, Some(memo), |r| {
            r.index_documents(stop)
        })? {
            Some(index) => all.push(index),
            None => return Ok(None),
        }
    }
    Ok(Some(all))
}

/// Renders every edition of the portal (one per language) into `out`; the files all editions
/// share (assets, `static/`, `api/routing.json`, sitemap, robots) once. A whole render runs
/// the editions side by side (each renders its pages in parallel too: what one leaves of the
/// machine, the other takes); a preview's page edit renders them in turn on this thread,
/// which does not wait for the pool's threads while they build the last edit's search index.
/// The first edition's error, in the editions' order, is the one returned.
fn render_into(
    input: &RenderInput,
    out: &Output,
    selection: &Selection,
    memo: Option<&SearchMemo>,
) -> Result<(), RenderError> {
    let editions = editions::editions(input);
    let map = LinkMap::new(input, &editions[0]);
    let stage = crate::timings::current();
    let render = |edition: &Edition| {
        let name = || format!("one language: {}", edition.language.tag).into();
        let _stage = crate::timings::stage_in(stage, name);
        let linker = Linker { edition, map: &map };
        with_renderer(input, linker, &editions, memo, |r| r.run(out, selection))
    };
    if matches!(selection, Selection::Everything | Selection::Site) {
        let done: Vec<Result<(), RenderError>> = editions.par_iter().map(render).collect();
        done.into_iter().collect()
    } else {
        editions.iter().try_for_each(render)
    }
}

/// Loads the theme in the edition's language and builds the model every page of the edition
/// shares, then hands the renderer to `f`.
fn with_renderer<'a, T>(
    input: &'a RenderInput,
    linker: Linker<'a>,
    editions: &'a [Edition<'a>],
    memo: Option<&'a SearchMemo>,
    f: impl FnOnce(&Renderer) -> Result<T, RenderError>,
) -> Result<T, RenderError> {
    let edition = linker.edition;
    let cat: &Catalogue = &edition.catalogue;
    let tag = &edition.language.tag;
    let (mut theme, mut i18n, theme_files) = match input.kept {
        Some(kept) => kept.theme(input.site, tag),
        None => theme::load(input.site, tag).map(|(theme, i18n)| (theme, i18n, None)),
    }
    .map_err(RenderError::Template)?;
    voice::voice(&mut i18n, cat);
    // The languages contacts speak, named in the edition's language as CLDR names them
    // ("Italian", "Italienisch"): a reader may not know "Italiano" means "Italian only".
    let language_names: BTreeMap<String, String> = cat
        .contacts
        .iter()
        .flat_map(|c| &c.languages)
        .map(|tag| (tag.clone(), i18n.formats.language(tag)))
        .collect();
    let model = Model::new(cat, input.matrix, &i18n, linker, &language_names);
    let pages: Vec<&Page> = edition.pages.iter().map(|v| v.page).collect();
    set_globals(&mut theme, input, edition, &model, &pages);
    if let Some(rendered) = input.rendered {
        // Without the theme's files, nothing kept can be known to be of the same theme.
        let shared = theme_files.map(|theme_files| reuse::Shared {
            globals: theme.tera.global_context().clone(),
            marks: edition.marks.clone(),
            theme: theme_files,
        });
        match shared {
            Some(shared) => rendered.begin(tag, shared),
            None => rendered.forget(tag),
        }
    }
    let hours_json = hours_json(&model);
    f(&Renderer {
        input,
        edition,
        editions,
        theme,
        model,
        titles: pages
            .iter()
            .map(|p| (p.slug.as_str(), p.title.as_str()))
            .collect(),
        pages,
        page_index: crate::links::PageIndex::new(&input.site.pages),
        home: edition.home.map(|v| v.page),
        hours_json,
        outcomes: outcomes::Outcomes::new(cat),
        fragments: Default::default(),
        page_words: page_words::PageWords::new(
            edition
                .pages
                .iter()
                .map(|v| v.page.source.clone())
                .collect(),
            memo,
            &edition.urls.prefix,
            tag,
        ),
    })
}

/// The pages published, in the order they are listed: by weight, title, slug.
fn ordered(pages: &[Page], include_drafts: bool) -> Vec<&Page> {
    let mut pages: Vec<&Page> = pages
        .iter()
        .filter(|p| include_drafts || !p.draft)
        .collect();
    pages.sort_by(|a, b| (a.weight, &a.title, &a.slug).cmp(&(b.weight, &b.title, &b.slug)));
    pages
}

/// The pages every page's navigation shows, in order (source file and title).
pub(crate) fn navigation_titles(pages: &[Page], include_drafts: bool) -> Vec<(&str, &str)> {
    let listed: Vec<&Page> = ordered(pages, include_drafts)
        .into_iter()
        .filter(|p| !p.is_home())
        .collect();
    pages::in_navigation(&listed)
        .map(|p| (p.source.as_str(), p.title.as_str()))
        .collect()
}

/// Whether every page links to this static file when the site has it (so adding or removing
/// it changes every page).
pub(crate) fn on_every_page(static_file: &str) -> bool {
    pages::FAVICONS.contains(&static_file)
}

impl Renderer<'_> {
    fn run(&self, out: &Output, selection: &Selection) -> Result<(), RenderError> {
        match selection {
            Selection::Everything => self.run_all(out, true),
            Selection::Site => self.run_all(out, false),
            Selection::Pages(sources) => {
                let jobs: Vec<Job> = self
                    .jobs()
                    .into_iter()
                    .filter(|j| self.is_page_of(*j, sources))
                    .collect();
                self.render_jobs(out, &jobs)
            }
            Selection::Retitled(sources) => {
                let jobs: Vec<Job> = self
                    .jobs()
                    .into_iter()
                    .filter(|j| {
                        matches!(j, Job::Home | Job::Articles(_)) || self.is_page_of(*j, sources)
                    })
                    .collect();
                self.render_jobs(out, &jobs)?;
                self.sitemap(out)
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

    /// Every file of the edition; its search index too if `index`.
    fn run_all(&self, out: &Output, index: bool) -> Result<(), RenderError> {
        let site = self.input.site;
        let jobs = self.jobs();
        let shared = self.edition.language.is_default;
        // Each page creates its own folder when it is written; the folders above are made here.
        let mut all: Vec<String> = jobs
            .iter()
            .filter_map(|j| {
                self.file(*j)
                    .rsplit_once('/')
                    .map(|(dir, _)| dir.to_string())
            })
            .collect();
        all.extend(
            self.model
                .cat
                .calendars
                .iter()
                .map(|c| self.mine(&paths::calendar_file(&c.id))),
        );
        all.extend([
            self.mine(paths::FINDER_INDEX),
            self.mine(paths::CATALOGUE_JSON),
        ]);
        if self.input.changes.is_some() {
            all.extend([
                self.mine(paths::CHANGES_FEED),
                self.mine(paths::CHANGES_JSON),
            ]);
        }
        if shared {
            all.extend(site.static_files.iter().cloned());
            all.extend(self.theme.assets.iter().map(|(p, _)| paths::asset(p)));
            all.push(paths::ROUTING_JSON.into());
        }
        out.make_dirs(all.iter().map(String::as_str))?;
        if shared {
            // The theme's assets, then the site's static files (which may replace an asset).
            for (p, bytes) in &self.theme.assets {
                out.write(&paths::asset(p), bytes)?;
            }
            site.static_files
                .par_iter()
                .try_for_each(|f| out.copy(&site.root.join("static").join(f), f))?;
        }
        let _stage = crate::timings::stage("pages, data, search");
        // The join's closures may run on the pool's threads: the index's stage names its parent.
        let stage = crate::timings::current();
        let data = || {
            let _stage = crate::timings::stage_in(stage, || "data".into());
            self.data(out)?;
            self.sitemap(out)
        };
        let pages = || {
            let _stage = crate::timings::stage_in(stage, || "pages".into());
            self.render_jobs(out, &jobs)
        };
        if !index {
            // The data and the sitemap need no page: they are written beside the pages.
            let (pages, data) = rayon::join(pages, data);
            return pages.and(data);
        }
        // The index takes the pages' words from their rendering, so it follows the pages. The
        // data are written beside the index rather than beside the pages: the pages keep both
        // cores busy on their own, while the index has steps that take one core (numbering its
        // words, its term files), which the data's longest file (`api/routing.json`, streamed on
        // one core) fills.
        pages()?;
        let (search, data) = rayon::join(
            || {
                let _stage = crate::timings::stage_in(stage, || "search index".into());
                self.search_index(out)
            },
            data,
        );
        search.and(data)
    }

    /// A path of this edition's portal: `plans/index.html` → `en/plans/index.html`.
    fn mine(&self, rel: &str) -> String {
        self.edition.urls.file(rel)
    }

    /// Where a page is written in the output.
    fn file(&self, job: Job) -> String {
        self.mine(&self.place(job).file())
    }

    fn render_jobs(&self, out: &Output, jobs: &[Job]) -> Result<(), RenderError> {
        jobs.par_iter().try_for_each(|job| {
            let html = self.page(*job)?;
            self.index_page(*job, &html);
            out.write_in_new_dir(&self.file(*job), html.into_bytes())
                .map_err(RenderError::Io)
        })
    }

    /// Everything that is not a page but the search index and the sitemap: the API, the
    /// finder's data, calendars; and, once for every edition, the routing and robots files.
    fn data(&self, out: &Output) -> Result<(), RenderError> {
        let cat = self.model.cat;
        let m = self.input.matrix;
        let model = &self.model;
        out.stream(&self.mine(paths::CATALOGUE_JSON), |w| {
            api::catalogue(cat, w)
        })?;
        let finder = api::finder_data(model, &self.outcomes, m);
        let index = api::finder_index(model, &self.outcomes, m, &finder);
        out.write(&self.mine(paths::FINDER_INDEX), index.as_bytes())?;
        finder
            .files
            .par_iter()
            .enumerate()
            .try_for_each(|(n, json)| {
                out.write(&self.mine(&paths::finder_file(n)), json.as_bytes())
            })?;
        let host = url::Url::parse(&self.input.config.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "localhost".into());
        for c in &cat.calendars {
            let ics = ics::calendar(c, model.t, &host);
            out.write(&self.mine(&paths::calendar_file(&c.id)), ics.as_bytes())?;
        }
        if self.input.changes.is_some() {
            out.write(
                &self.mine(paths::CHANGES_FEED),
                self.changes_feed().as_bytes(),
            )?;
            out.write(
                &self.mine(paths::CHANGES_JSON),
                self.changes_json().as_bytes(),
            )?;
        }
        if self.edition.language.is_default {
            let routing = api::RoutingJson::new(cat, m);
            match self.input.rendered {
                Some(kept) => {
                    let bytes = kept.file(paths::ROUTING_JSON, routing.pieces(), || {
                        let mut buf = Vec::new();
                        routing.write(&mut buf).map(|()| buf)
                    });
                    let bytes =
                        bytes.map_err(|e| crate::error::Error::io(paths::ROUTING_JSON, e))?;
                    out.write_owned(paths::ROUTING_JSON, bytes)?;
                }
                None => out.stream(paths::ROUTING_JSON, |w| routing.write(w))?,
            }
            out.write(paths::ROBOTS, seo::robots(&model.urls).as_bytes())?;
        }
        Ok(())
    }

    /// `sitemap.xml`, every page of every language: written with the site's own language.
    fn sitemap(&self, out: &Output) -> Result<(), RenderError> {
        if self.edition.language.is_default {
            let pages = self.sitemap_pages();
            out.write(paths::SITEMAP, seo::sitemap(&pages).as_bytes())?;
        }
        Ok(())
    }
}
