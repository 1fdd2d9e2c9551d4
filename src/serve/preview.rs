//! The preview: the site rendered into memory (never into the site's own output folder), the
//! version being served, and the diagnostics of a failed rebuild, which keep the last good
//! version served with an overlay on every page. Rebuilds are as small as the change: a page
//! edit re-renders that page (and, for a new title or weight, what lists pages: the home page,
//! the sitemap, and every page when the navigation shows the change), a static file is
//! re-read, a template change re-renders without re-checking, a catalogue change runs the
//! whole pipeline. Files are kept as shared bytes: a response never copies one.

use super::overlay::Failure;
use super::watch::Change;
use crate::diagnostics::{Diagnostic, Level, Report};
use crate::pipeline::{self, CheckOptions, Checked};
use crate::render::{self, Files, RenderError, RenderInput, Selection};
use crate::site::{self, Page};
use bytes::Bytes;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};
use std::time::Instant;

pub(crate) struct Preview {
    site: PathBuf,
    base_url: String,
    base: Mutex<Base>,
    state: RwLock<State>,
}

/// What the smaller rebuilds start from.
#[derive(Default)]
struct Base {
    /// The last site that checked and rendered.
    good: Option<Checked>,
    /// The changes of the rebuilds that failed since: every rebuild takes them in again, so
    /// that the fix of one file brings in the edits made meanwhile to others.
    pending: BTreeSet<Change>,
}

struct State {
    /// Shared, not copied, by every response that sends them.
    files: BTreeMap<String, Bytes>,
    /// Changes with every good build; pages reload when it differs from theirs.
    version: String,
    /// The overlay of the last failed rebuild, HTML-escaped; `None` when the site is good.
    errors: Option<String>,
    builds: u64,
}

/// What one rebuild did, for the one-line report.
pub(crate) struct Outcome {
    pub ok: bool,
    pub millis: u128,
    pub summary: String,
}

/// A file as served, with the version it belongs to (read together, so that a page is never
/// marked with a version it is not part of).
pub(crate) struct File {
    /// `None` when there is no such file, or the site has never built.
    pub bytes: Option<Bytes>,
    pub version: String,
    /// The overlay while the site is broken.
    pub overlay: Option<String>,
}

/// A good rebuild: the files to put in place, whole or in part.
enum Update {
    /// Everything, after checking the whole site (`checked: true`) or only re-rendering.
    All {
        files: Files,
        checked: bool,
    },
    Some {
        files: Files,
        removed: Vec<String>,
    },
}

impl Update {
    /// What the rebuild did, for the report: "checked and rendered 34 files", "1 file".
    fn describe(&self) -> String {
        match self {
            Update::All {
                files,
                checked: true,
            } => format!("checked and rendered {} files", files.len()),
            Update::All {
                files,
                checked: false,
            } => format!("rendered {} files", files.len()),
            Update::Some { files, removed } => {
                let n = files.len();
                let mut s = format!("{n} file{}", if n == 1 { "" } else { "s" });
                if !removed.is_empty() {
                    s.push_str(&format!(", {} removed", removed.len()));
                }
                s
            }
        }
    }
}

impl Preview {
    pub(crate) fn new(site: &Path, base_url: String) -> Preview {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let state = State {
            files: BTreeMap::new(),
            version: format!("{stamp}-0"),
            errors: None,
            builds: 0,
        };
        Preview {
            site: site.to_path_buf(),
            base_url,
            base: Mutex::default(),
            state: RwLock::new(state),
        }
    }

    /// The file at an output path.
    pub(crate) fn file(&self, path: &str) -> File {
        let s = self.state.read().expect("state lock");
        File {
            bytes: s.files.get(path).cloned(),
            version: s.version.clone(),
            overlay: s.errors.clone(),
        }
    }

    pub(crate) fn has(&self, path: &str) -> bool {
        self.state
            .read()
            .expect("state lock")
            .files
            .contains_key(path)
    }

    /// The state every page's event stream receives.
    pub(crate) fn state_event(&self) -> String {
        let s = self.state.read().expect("state lock");
        serde_json::json!({ "version": s.version, "errors": s.errors.is_some() }).to_string()
    }

    pub(crate) fn overlay(&self) -> String {
        self.state
            .read()
            .expect("state lock")
            .errors
            .clone()
            .unwrap_or_default()
    }

    /// Rebuilds for a set of changes (all of them when `None`: the first build).
    pub(crate) fn rebuild(&self, changes: Option<&BTreeSet<Change>>) -> Outcome {
        let started = Instant::now();
        let mut base = self.base.lock().expect("base lock");
        let Base { good, pending } = &mut *base;
        pending.extend(changes.into_iter().flatten().cloned());
        let result = match good.as_mut() {
            Some(checked) if changes.is_some() => self.update(checked, pending),
            _ => self
                .full()
                .map_err(Failed::Sources)
                .map(|(checked, files)| {
                    *good = Some(checked);
                    Update::All {
                        files,
                        checked: true,
                    }
                }),
        };
        let result = match result {
            Ok(update) => {
                pending.clear();
                Ok(update)
            }
            Err(Failed::Sources(f)) => Err(f),
            Err(Failed::Render(f)) => {
                pending.insert(Change::Templates);
                Err(f)
            }
        };
        let millis = started.elapsed().as_millis();
        let mut s = self.state.write().expect("state lock");
        match result {
            Ok(update) => {
                let summary = update.describe();
                match update {
                    Update::All { files, .. } => s.files = shared(files).collect(),
                    Update::Some { files, removed } => {
                        for r in removed {
                            s.files.remove(&r);
                        }
                        s.files.extend(shared(files));
                    }
                }
                s.builds += 1;
                s.version = format!(
                    "{}-{}",
                    s.version.split('-').next().unwrap_or("0"),
                    s.builds
                );
                s.errors = None;
                Outcome {
                    ok: true,
                    millis,
                    summary,
                }
            }
            Err(f) => {
                s.errors = Some(f.html);
                Outcome {
                    ok: false,
                    millis,
                    summary: f.summary,
                }
            }
        }
    }

    /// The whole pipeline: check, then render everything.
    fn full(&self) -> Result<(Checked, Files), Failure> {
        let opts = CheckOptions {
            include_drafts: true,
            output: None,
        };
        let checked =
            pipeline::check(&self.site, &opts).map_err(|e| Failure::message(&e.to_string()))?;
        if checked.report.has_errors() || checked.catalogue.is_none() || checked.matrix.is_none() {
            return Err(Failure::report(&checked.report, &checked));
        }
        let files = self.render(&checked, &Selection::Everything)?;
        Ok((checked, files))
    }

    fn render(&self, checked: &Checked, selection: &Selection) -> Result<Files, Failure> {
        let (Some(catalogue), Some(matrix)) = (&checked.catalogue, &checked.matrix) else {
            return Err(Failure::message("the site has no catalogue"));
        };
        let input = RenderInput {
            site: &checked.site,
            catalogue,
            matrix,
            base_url: &self.base_url,
            include_drafts: true,
        };
        render::render_to_memory(&input, selection).map_err(|e| match e {
            RenderError::Template(d) => Failure::report(
                &Report {
                    diagnostics: vec![d],
                },
                checked,
            ),
            RenderError::Io(e) => Failure::message(&e.to_string()),
        })
    }

    /// A rebuild from the last good site: as small as the changes allow. Everything is read
    /// and checked before the good site is changed, so a failure leaves it as it was; only a
    /// failed render comes after (see [`Preview::rebuild`]).
    fn update(&self, checked: &mut Checked, changes: &BTreeSet<Change>) -> Result<Update, Failed> {
        if changes.contains(&Change::Catalogue) {
            let (fresh, files) = self.full()?;
            *checked = fresh;
            return Ok(Update::All {
                files,
                checked: true,
            });
        }
        let mut pages = Vec::new();
        let mut statics = Vec::new();
        for change in changes {
            match change {
                Change::Page(p) => pages.push(p.clone()),
                Change::Static(p) => statics.push(p.as_str()),
                Change::Templates | Change::Catalogue => {}
            }
        }
        let edit = self.reload_pages(checked, &pages);
        let mut everything =
            changes.contains(&Change::Templates) || edit.reach == Reach::Everywhere;
        let static_files = if statics.is_empty() {
            None
        } else {
            let dir = checked.site.root.join("static");
            Some(site::list(&dir, |_| true).map_err(|e| Failure::message(&e.to_string()))?)
        };
        // A static file came or went: links to it break or heal, and if every page shows it
        // (the icon), every page changes.
        let relisted = static_files
            .as_ref()
            .is_some_and(|now| *now != checked.site.static_files);
        everything |= relisted && statics.iter().any(|p| render::on_every_page(p));
        let mut out = edit.diagnostics;
        if let Some(cat) = &checked.catalogue {
            // Links depend on where pages and files are, and whether they exist; not on titles.
            let only = (edit.reach != Reach::Everywhere && !relisted).then_some(pages.as_slice());
            let files = static_files.as_ref().unwrap_or(&checked.site.static_files);
            crate::links::check_pages(cat, &edit.pages, files, true, only, &mut out);
        }
        if out.iter().any(|d| d.level == Level::Error) {
            return Err(Failure::report(&Report { diagnostics: out }, checked).into());
        }
        checked.site.pages = edit.pages;
        if let Some(files) = static_files {
            checked.site.static_files = files;
        }
        if changes.contains(&Change::Templates) {
            let dir = checked.site.root.join("templates");
            let names = site::list(&dir, |_| true)
                .map_err(|e| Failed::Render(Failure::message(&e.to_string())))?;
            checked.site.templates = names
                .into_iter()
                .map(|n| (n.clone(), dir.join(n)))
                .collect();
        }
        if everything {
            let files = self
                .render(checked, &Selection::Everything)
                .map_err(Failed::Render)?;
            return Ok(Update::All {
                files,
                checked: false,
            });
        }
        let mut files = Files::new();
        let mut removed = edit.gone;
        self.reload_statics(checked, &statics, &mut files, &mut removed);
        if !pages.is_empty() {
            let selection = match edit.reach {
                Reach::Listings => Selection::Retitled(&pages),
                _ => Selection::Pages(&pages),
            };
            files.extend(self.render(checked, &selection).map_err(Failed::Render)?);
        }
        Ok(Update::Some { files, removed })
    }

    /// Re-reads the edited pages (`sources`, under `pages/`): the site's pages with them,
    /// how far the edit reaches, and the output paths of pages that are gone.
    fn reload_pages(&self, checked: &mut Checked, sources: &[String]) -> PageEdit {
        let mut edit = PageEdit {
            pages: checked.site.pages.clone(),
            reach: Reach::Own,
            gone: Vec::new(),
            diagnostics: Vec::new(),
        };
        let pages = &mut edit.pages;
        for source in sources {
            let old = pages.iter().position(|p| &p.source == source);
            let fresh = read_page(checked, source, &mut edit.diagnostics);
            let output = |p: &Page| format!("{}index.html", crate::links::page_path(p));
            match (old, fresh) {
                (Some(i), Some(page)) => {
                    edit.reach = edit.reach.max(Reach::of_edit(&pages[i], &page));
                    if pages[i].slug != page.slug {
                        edit.gone.push(output(&pages[i]));
                    }
                    pages[i] = page;
                }
                (None, Some(page)) => {
                    edit.reach = Reach::Everywhere;
                    pages.push(page);
                    pages.sort_by(|a, b| a.source.cmp(&b.source));
                }
                (Some(i), None)
                    if !checked
                        .site
                        .source_path(&format!("pages/{source}"))
                        .exists() =>
                {
                    edit.reach = Reach::Everywhere;
                    edit.gone.push(output(&pages[i]));
                    pages.remove(i);
                }
                _ => {}
            }
        }
        if edit.reach == Reach::Listings
            && render::navigation(&checked.site.pages, true) != render::navigation(pages, true)
        {
            edit.reach = Reach::Everywhere;
        }
        edit
    }

    /// Reads the changed static files that are not replaced by a generated file.
    fn reload_statics(
        &self,
        checked: &Checked,
        paths: &[&str],
        files: &mut Files,
        removed: &mut Vec<String>,
    ) {
        let generated = checked
            .catalogue
            .as_ref()
            .map(crate::links::generated_paths)
            .unwrap_or_default();
        for rel in paths.iter().filter(|r| !generated.contains(**r)) {
            match std::fs::read(checked.site.root.join("static").join(rel)) {
                Ok(bytes) => {
                    files.insert(rel.to_string(), bytes);
                }
                Err(_) => removed.push(rel.to_string()),
            }
        }
    }
}

/// Why an update failed.
enum Failed {
    /// The sources have errors; the last good site is as it was.
    Sources(Failure),
    /// Rendering failed after the good site took the changes in: what is served is behind
    /// it, so the next rebuild renders everything.
    Render(Failure),
}

impl From<Failure> for Failed {
    fn from(f: Failure) -> Failed {
        Failed::Sources(f)
    }
}

/// The edited pages read afresh.
struct PageEdit {
    /// Every page of the site, the edited ones as they are now.
    pages: Vec<Page>,
    reach: Reach,
    /// Output paths of pages that moved or are gone.
    gone: Vec<String>,
    /// Problems found reading the edited pages.
    diagnostics: Vec<Diagnostic>,
}

/// How far an edit of pages reaches, from the least to the most output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    /// The edited pages' own output only (their text, description).
    Own,
    /// Their titles or weights changed: also what lists pages by title, in their order (the
    /// home page's list, the sitemap); everywhere when the navigation shows the change.
    Listings,
    /// Where pages are or whether they are published (a slug, a draft flag, a page added or
    /// removed): every page, since any may link to them or list them.
    Everywhere,
}

impl Reach {
    fn of_edit(old: &Page, new: &Page) -> Reach {
        if (&old.slug, old.draft) != (&new.slug, new.draft) {
            Reach::Everywhere
        } else if (&old.title, old.weight) != (&new.title, new.weight) {
            Reach::Listings
        } else {
            Reach::Own
        }
    }
}

/// Reads one page of the site afresh; `None` when it is gone or broken (reported in `out`).
fn read_page(checked: &mut Checked, source: &str, out: &mut Vec<Diagnostic>) -> Option<Page> {
    let rel = format!("pages/{source}");
    let text = std::fs::read_to_string(checked.site.source_path(&rel)).ok()?;
    let display = crate::diagnostics::Files::display_path(&checked.site.arg, Path::new(&rel));
    let file = checked.site.files.add(&display);
    site::pages::parse_page(&text, file, source, out)
}

fn shared(files: Files) -> impl Iterator<Item = (String, Bytes)> {
    files
        .into_iter()
        .map(|(path, bytes)| (path, Bytes::from(bytes)))
}
