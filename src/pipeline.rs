//! The pipeline every command drives: load the site → resolve the catalogue → route and prove
//! the routing → lay out the output and check the pages' links ([`check`]); then, for a site
//! without errors ([`Valid`]), render it into its output folder ([`build`]) or into memory
//! ([`preview`]). `build` and `serve` both go through here, so they cannot differ.

use crate::catalogue::{self, Catalogue};
use crate::changes::history::History;
use crate::diagnostics::{Diagnostic, Report};
use crate::error::Result;
use crate::layout::{self, Layout};
use crate::links;
use crate::paths;
use crate::render::{self, Files, RenderError, RenderInput, RenderStats, Selection};
use crate::routing::{self, Matrix};
use crate::site::{self, Config, Site, config};
use crate::timings;
use crate::translation::{self, Translation};
use crate::write::{self, WriteError};
use std::path::{Path, PathBuf};

/// What `check` needs to know beyond the site itself.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Drafts count as published pages.
    pub include_drafts: bool,
    /// An output folder given on the command line (absolute), instead of `output_dir`.
    pub output: Option<PathBuf>,
    /// A base URL given on the command line (normalised), instead of `base_url`.
    pub base_url: Option<String>,
    /// The links of pages as an earlier check found them (the preview's).
    pub(crate) links: Option<std::sync::Arc<links::LinkMemo>>,
    /// The pages as an earlier load parsed them (the preview's).
    pub(crate) pages: Option<std::sync::Arc<site::pages::PageMemo>>,
}

/// A checked site: the model as far as it resolved, and every diagnostic, sorted.
pub struct Checked {
    pub(crate) site: Site,
    pub(crate) catalogue: Option<Catalogue>,
    pub(crate) matrix: Option<Matrix>,
    pub report: Report,
    layout: Option<Layout>,
    translations: Vec<Translation>,
    opts: CheckOptions,
}

/// A site that passed `check`: nothing is missing, and the settings are final (the command
/// line's overrides applied).
pub(crate) struct Valid {
    pub site: Site,
    pub config: Config,
    pub catalogue: Catalogue,
    pub matrix: Matrix,
    pub layout: Layout,
    /// The catalogue's words in each other language, in the order of `languages`.
    pub translations: Vec<Translation>,
    /// The output folder, absolute.
    pub output: PathBuf,
    pub include_drafts: bool,
    /// The published changes (spec section 15), when the site lists them: set by the command
    /// that read them from git.
    pub changes: Option<History>,
    /// What the preview's renders of this site keep from one to the next (a site checked
    /// anew starts without).
    pub kept: render::Kept,
}

/// What one case comes to: the rule that decided it (`None`: the fallback), whether it is
/// covered, and its path of tier ids. `None` for a gap.
pub type CaseOutcome = Option<(Option<String>, bool, Vec<String>)>;

impl Checked {
    /// The dimensions of the case space, in order (`product`, `issue`, …), when the routing
    /// was decided.
    pub fn dimensions(&self) -> Option<Vec<&'static str>> {
        let m = self.matrix.as_ref()?;
        Some(m.space.dims.iter().map(|d| d.name()).collect())
    }

    /// Every case's outcome in case order (spec section 6), when the routing was decided.
    pub fn outcomes(&self) -> Option<Vec<CaseOutcome>> {
        let (cat, m) = (self.catalogue.as_ref()?, self.matrix.as_ref()?);
        Some(
            (0..m.len())
                .map(|i| {
                    m.outcome(cat, i)
                        .map(|o| (o.rule.map(str::to_string), o.covered, o.path.to_vec()))
                })
                .collect(),
        )
    }
    /// The site, when it has no errors; otherwise itself, to report them.
    pub(crate) fn valid(self) -> std::result::Result<Valid, Box<Checked>> {
        if self.report.has_errors() {
            return Err(Box::new(self));
        }
        let Checked {
            site,
            catalogue: Some(catalogue),
            matrix: Some(matrix),
            report,
            layout: Some(layout),
            translations,
            opts,
        } = self
        else {
            return Err(Box::new(self));
        };
        let Some(mut config) = site.config.clone() else {
            return Err(Box::new(Checked {
                site,
                catalogue: Some(catalogue),
                matrix: Some(matrix),
                report,
                layout: Some(layout),
                translations,
                opts,
            }));
        };
        let output = output_dir(&site, &config, &opts);
        if let Some(url) = opts.base_url {
            config.base_url = url;
        }
        Ok(Valid {
            site,
            config,
            catalogue,
            matrix,
            layout,
            translations,
            output,
            include_drafts: opts.include_drafts,
            changes: None,
            kept: render::Kept::default(),
        })
    }
}

/// The output folder (absolute): the command line's, or the settings' under the site.
fn output_dir(site: &Site, config: &Config, opts: &CheckOptions) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| site.root.join(&config.output_dir))
}

/// Checks the site at `dir` (spec section 4): every problem, at once.
pub fn check(dir: &Path, opts: &CheckOptions) -> Result<Checked> {
    let stage = timings::stage("load");
    let mut site = site::load_with(dir, opts.pages.as_deref())?;
    drop(stage);
    let mut out = std::mem::take(&mut site.diagnostics);
    let (catalogue, matrix, layout) = if site.catalogue_loaded {
        analyse(&mut site, opts, &mut out)
    } else {
        (None, None, None)
    };
    let _stage = timings::stage("translations");
    let translations = match &catalogue {
        Some(cat) => translate(&site, cat, &mut out),
        None => Vec::new(),
    };
    if let Some(cfg) = &site.config {
        let output = output_dir(&site, cfg, opts);
        let loc = if opts.output.is_some() {
            None
        } else {
            cfg.output_dir_loc
        };
        out.extend(config::check_output_dir(&site.root, &output, loc));
        out.extend(render::check_languages(&site, &cfg.languages));
        out.extend(cfg.brand.check(&site.static_files));
        match config::check_theme(&site.root, cfg) {
            Some(d) => out.push(d),
            None if has_own_templates(&site, cfg) => {
                let language = cfg.language.clone();
                if let Some(e) = render::check_theme(&site, &language) {
                    out.push(e.to_diagnostic(&mut site.files));
                }
            }
            None => {}
        }
    }
    let mut report = Report::default();
    report.extend(out);
    report.sort(&site.files);
    Ok(Checked {
        site,
        catalogue,
        matrix,
        report,
        layout,
        translations,
        opts: opts.clone(),
    })
}

/// The catalogue's words in each of the site's other languages, and what each lacks.
fn translate(site: &Site, cat: &Catalogue, out: &mut Vec<Diagnostic>) -> Vec<Translation> {
    let Some(cfg) = &site.config else {
        return Vec::new();
    };
    cfg.languages
        .iter()
        .filter(|l| !l.is_default)
        .map(|l| {
            let t = match site.translations.iter().find(|s| s.language == l.tag) {
                Some(source) => translation::read(source, cat, &site.catalogue, out),
                None => Translation::empty(&l.tag),
            };
            translation::missing(&site.catalogue, &t, out);
            t
        })
        .collect()
}

/// Whether the site brings templates of its own (the built-in ones are tested here).
fn has_own_templates(site: &Site, cfg: &Config) -> bool {
    !site.templates.is_empty() || cfg.theme.as_deref().is_some_and(|t| t != "default")
}

fn analyse(
    site: &mut Site,
    opts: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) -> (Option<Catalogue>, Option<Matrix>, Option<Layout>) {
    let language = site
        .config
        .as_ref()
        .map_or("en", |c| c.language.as_str())
        .to_string();
    let year = catalogue::holidays::build_year();
    let stage = timings::stage("catalogue");
    let Some(cat) = catalogue::resolve(&site.catalogue, &language, year, out) else {
        return (None, None, None);
    };
    drop(stage);
    let stage = timings::stage("layout and links");
    let layout = lay_out(site, &cat, opts.include_drafts, out);
    // Without settings the site's languages, and so its pages' addresses, are unknown: links
    // are checked once the settings load (one error, not one per link).
    if site.config.is_some() {
        links::check_pages(
            &site.pages,
            &layout,
            opts.include_drafts,
            None,
            opts.links.as_deref(),
            out,
        );
    }
    drop(stage);
    let stage = timings::stage("route: decide");
    let matrix = Matrix::build(&cat);
    drop(stage);
    let matrix = match matrix {
        Ok(m) => {
            let _stage = timings::stage("route: analyse");
            routing::analyse(&cat, &m, out);
            Some(m)
        }
        Err(why) => {
            out.push(routing::too_large(&cat, &why));
            None
        }
    };
    (Some(cat), matrix, Some(layout))
}

/// Every file the build will write (every language's portal), and the site's files that cannot
/// be written beside them.
pub(crate) fn lay_out(
    site: &mut Site,
    cat: &Catalogue,
    include_drafts: bool,
    out: &mut Vec<Diagnostic>,
) -> Layout {
    let ids = paths::Ids {
        plans: cat.plans.iter().map(|p| p.id.as_str()).collect(),
        products: cat.products.iter().map(|p| p.id.as_str()).collect(),
        calendars: cat.calendars.iter().map(|c| c.id.as_str()).collect(),
        assets: render::asset_names(site),
        changes: site.config.as_ref().is_some_and(|c| c.changes.is_some()),
        // Every language lists the same pages (a translation, or the page in the site's
        // language), so the site's own pages count them.
        articles: site
            .pages
            .iter()
            .filter(|p| (include_drafts || !p.draft) && !p.is_home() && p.language().is_none())
            .count(),
    };
    let languages = site
        .config
        .as_ref()
        .map_or_else(Vec::new, |c| c.languages.clone());
    let mut generated = paths::generated(&ids);
    for l in languages.iter().filter(|l| !l.is_default) {
        let prefix = paths::language_prefix(&l.tag, false);
        generated.extend(
            paths::generated(&ids)
                .into_iter()
                .filter(|(p, _)| !paths::is_shared(p))
                .map(|(p, owner)| (format!("{prefix}{p}"), owner)),
        );
    }
    let published = |p: &&site::Page| (include_drafts || !p.draft) && !p.is_home();
    let mut pages: Vec<layout::Placed> = Vec::new();
    for l in &languages {
        let prefix = paths::language_prefix(&l.tag, l.is_default);
        let translated: std::collections::HashSet<&str> = site
            .pages
            .iter()
            .filter(|p| p.language() == Some(l.tag.as_str()) && published(p))
            .map(|p| p.original())
            .collect();
        let placed = site
            .pages
            .iter()
            .filter(published)
            .filter(|p| match p.language() {
                None => l.is_default || !translated.contains(p.source.as_str()),
                Some(tag) => tag == l.tag,
            });
        pages.extend(placed.map(|page| layout::Placed {
            page,
            prefix: prefix.clone(),
        }));
    }
    let parts = layout::Parts {
        generated,
        pages,
        static_files: &site.static_files,
    };
    Layout::new(parts, &site.arg, &mut site.files, out)
}

impl Valid {
    /// What the renderer is given; `keep`: the preview's, which keep what they can for the
    /// next render.
    fn render_input(&self, keep: bool) -> RenderInput<'_> {
        RenderInput {
            site: &self.site,
            config: &self.config,
            catalogue: &self.catalogue,
            matrix: &self.matrix,
            translations: &self.translations,
            include_drafts: self.include_drafts,
            changes: self.changes.as_ref(),
            kept: keep.then_some(&self.kept),
            bodies: None,
            rendered: None,
        }
    }
}

/// Renders the site into a fresh folder and swaps it in for the output folder.
pub(crate) fn build(valid: &Valid) -> std::result::Result<RenderStats, WriteError<RenderError>> {
    let input = valid.render_input(false);
    let _stage = timings::stage("render and write");
    write::replace_output(&valid.output, |staging| render::render(&input, staging))
}

/// What the preview keeps from one render to the next.
pub(crate) struct Memos<'a> {
    /// The pages' words, for the search index.
    pub words: &'a render::SearchMemo,
    /// The Markdown bodies as HTML.
    pub bodies: &'a render::BodyMemo,
    /// The pages as rendered.
    pub rendered: &'a render::RenderedPages,
}

/// Renders the selected outputs of the site into memory, for the preview, which keeps what it
/// can from one render to the next.
pub(crate) fn preview(
    valid: &Valid,
    selection: &Selection,
    memos: &Memos,
) -> std::result::Result<Files, RenderError> {
    let _stage = timings::stage("render");
    let input = RenderInput {
        bodies: Some(memos.bodies),
        rendered: Some(memos.rendered),
        ..valid.render_input(true)
    };
    render::render_to_memory(&input, selection, memos.words)
}

/// The documents of the site's search index, for the preview to build it from once the pages
/// of an edit are served; `None` when `stop` said to stop.
pub(crate) fn preview_index(
    valid: &Valid,
    memo: &render::SearchMemo,
    stop: render::Stop,
) -> std::result::Result<Option<Vec<render::EditionIndex>>, RenderError> {
    render::index_documents(&valid.render_input(true), memo, stop)
}
