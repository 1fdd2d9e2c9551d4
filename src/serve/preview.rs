//! The preview: the site rendered into memory (never into the site's own output folder), the
//! version being served, and the diagnostics of a failed rebuild, which keep the last good
//! version served with an overlay on every page. Rebuilds are as small as the change: a page
//! edit re-renders that page (and, for a new title or weight, what lists pages: the home page,
//! the sitemap, and every page when the navigation shows the change), a static file is
//! re-read, a template change re-renders without re-checking, a catalogue change runs the
//! whole pipeline (which renders again only the pages whose data changed, see
//! [`RenderedPages`]). A page edit's search index follows once its pages are served
//! ([`Preview::refresh_index`]), from the words the renders before kept ([`SearchMemo`]), and
//! never holds up the next edit: it stops for it, or is built aside while it is rebuilt.
//! Files are kept as shared bytes: a response never copies one.

use super::overlay::Failure;
use super::watch::Change;
use crate::diagnostics::{Diagnostic, Level, Report};
use crate::links::LinkMemo;
use crate::paths::Place;
use crate::pipeline::{self, CheckOptions, Valid};
use crate::render::{
    self, BodyMemo, EditionIndex, Files, RenderError, RenderedPages, SearchMemo, Selection,
};
use crate::site::{self, Page};
use bytes::Bytes;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

pub(crate) struct Preview {
    site: PathBuf,
    base_url: String,
    base: Mutex<Base>,
    state: RwLock<State>,
    /// The site's published versions, read from git once and kept while the tags stay the
    /// same (spec section 15).
    history: Mutex<Option<crate::changes::Loaded>>,
    /// The words of every page as the last renders found them, for the next search index.
    words: SearchMemo,
    /// The links of every page as the last check found them, for the next.
    links: Arc<LinkMemo>,
    /// The Markdown bodies as the last renders made them, for the next.
    bodies: BodyMemo,
    /// The pages as the last renders made them, for the next.
    rendered: RenderedPages,
    /// The pages as the last whole check parsed them, for the next.
    pages: Arc<site::pages::PageMemo>,
    /// Rebuilds started: a search index whose build sees this change is not served (it is of
    /// an older version; another follows the rebuild).
    rebuilds: AtomicU64,
    /// A rebuild is waiting for the `base` lock or holding it: the index build stops at once,
    /// and none starts.
    rebuilding: AtomicBool,
}

/// What the smaller rebuilds start from.
#[derive(Default)]
struct Base {
    /// The last site that checked and rendered.
    good: Option<Valid>,
    /// The changes of the rebuilds that failed since: every rebuild takes them in again, so
    /// that the fix of one file brings in the edits made meanwhile to others.
    pending: BTreeSet<Change>,
    /// Pages were re-rendered since the search index was last built.
    index_due: bool,
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
#[derive(Clone)]
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
    All { files: Files, checked: bool },
    Some {
        files: Files,
        removed: Vec<String>,
        /// Pages were rendered: the search index is to follow.
        pages: bool,
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
            Update::Some { files, removed, .. } => {
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
            history: Mutex::default(),
            words: SearchMemo::default(),
            links: Arc::default(),
            bodies: BodyMemo::default(),
            rendered: RenderedPages::default(),
            pages: Arc::default(),
            rebuilds: AtomicU64::new(0),
            rebuilding: AtomicBool::new(false),
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
        // A search index being built stops (within a page) and lets the rebuild in.
        self.rebuilds.fetch_add(1, Ordering::SeqCst);
        self.rebuilding.store(true, Ordering::SeqCst);
        let outcome = self.rebuild_now(changes, started);
        self.rebuilding.store(false, Ordering::SeqCst);
        outcome
    }

    fn rebuild_now(&self, changes: Option<&BTreeSet<Change>>, started: Instant) -> Outcome {
        let mut base = self.base.lock().expect("base lock");
        let Base {
            good,
            pending,
            index_due,
        } = &mut *base;
        pending.extend(changes.into_iter().flatten().cloned());
        // The next whole check reads the edited pages again (the others it takes as they were).
        for change in changes.into_iter().flatten() {
            match change {
                Change::Page(source) => self.pages.changed(source),
                Change::Everything => self.pages.all_changed(),
                _ => {}
            }
        }
        let result = match good.as_mut() {
            Some(valid) if changes.is_some() => self.update(valid, pending),
            _ => self
                .full(None)
                .map_err(Failed::Sources)
                .map(|(valid, files)| {
                    *good = Some(valid);
                    Update::All {
                        files,
                        checked: true,
                    }
                }),
        };
        let result = match result {
            Ok(update) => {
                pending.clear();
                // Whole renders leave the index out too: it follows once they are served.
                *index_due = match &update {
                    Update::All { .. } => true,
                    Update::Some { pages, .. } => *index_due || *pages,
                };
                Ok(update)
            }
            Err(Failed::Sources(f)) => Err(f),
            Err(Failed::Render(f)) => {
                pending.insert(Change::Templates);
                Err(f)
            }
        };
        let millis = started.elapsed().as_millis();
        let _stage = crate::timings::stage("swap");
        let mut s = self.state.write().expect("state lock");
        match result {
            Ok(update) => {
                let summary = update.describe();
                match update {
                    Update::All { files, .. } => {
                        // The search index that was served stays until the new one follows.
                        let old = std::mem::take(&mut s.files)
                            .into_iter()
                            .filter(|(p, _)| crate::paths::in_search_index(p));
                        s.files = old.chain(files).collect();
                    }
                    Update::Some { files, removed, .. } => {
                        for r in removed {
                            s.files.remove(&r);
                        }
                        s.files.extend(files);
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

    /// Whether the search index is behind the pages served.
    pub(crate) fn index_due(&self) -> bool {
        self.base.lock().expect("base lock").index_due
    }

    /// Brings the search index up to date after an edit, once its pages are served: the same
    /// version (pages do not reload for it). The documents are gathered from the good site
    /// and the words the renders kept, stopping within a page when a rebuild comes (see
    /// [`Preview::rebuild`]); the index's files are then built without holding anything, so
    /// that a rebuild need not wait for them, and served only if no rebuild started meanwhile:
    /// the index served is always the whole index of one version, the new files replacing the
    /// old together. `report` is given the outcome before any later rebuild can be reported;
    /// it is not called when the index was up to date or gave way to a rebuild (whose own
    /// index follows when it is asked for again).
    pub(crate) fn refresh_index(&self, report: impl FnOnce(&Outcome)) {
        let started = Instant::now();
        let stage = crate::timings::stage("search index");
        let seen = self.rebuilds.load(Ordering::SeqCst);
        let stop = || {
            self.rebuilding.load(Ordering::SeqCst) || self.rebuilds.load(Ordering::SeqCst) != seen
        };
        let editions = match self.index_documents(&stop) {
            Some(Ok(editions)) => editions,
            Some(Err(failed)) => {
                report(&Outcome {
                    ok: false,
                    millis: started.elapsed().as_millis(),
                    summary: failed,
                });
                return;
            }
            None => return,
        };
        // The languages' indexes are built side by side, each given up if an edit came first.
        let built: Vec<Option<_>> = editions
            .into_par_iter()
            .map(|edition| (!stop()).then(|| edition.build()))
            .collect();
        let mut files = Files::new();
        for edition in built {
            let Some(edition) = edition else {
                return;
            };
            files.extend(edition.into_iter().map(|(p, b)| (p, Bytes::from(b))));
        }
        let mut base = self.base.lock().expect("base lock");
        if stop() {
            return;
        }
        base.index_due = false;
        let n = files.len();
        self.replace_index(files);
        drop(stage);
        report(&Outcome {
            ok: true,
            millis: started.elapsed().as_millis(),
            summary: format!("{n} files"),
        });
    }

    /// The documents of the index, gathered under the `base` lock from the good site; `None`
    /// when the index is up to date or `stop` said to stop; the failure's summary when a
    /// template failed (the overlay shows it, and the next rebuild renders everything again).
    fn index_documents(&self, stop: render::Stop) -> Option<Result<Vec<EditionIndex>, String>> {
        let mut base = self.base.lock().expect("base lock");
        if !base.index_due || stop() {
            return None;
        }
        let valid = base.good.as_ref()?;
        match pipeline::preview_index(valid, &self.words, stop) {
            Ok(editions) => editions.map(Ok),
            Err(e) => {
                let f = self.failure(valid, e);
                base.index_due = false;
                base.pending.insert(Change::Templates);
                self.state.write().expect("state lock").errors = Some(f.html);
                Some(Err(f.summary))
            }
        }
    }

    /// Serves a new search index in place of the old: its folders hold the new files alone
    /// (it may have fewer).
    fn replace_index(&self, files: Files) {
        let mut s = self.state.write().expect("state lock");
        let dirs: BTreeSet<&str> = files
            .keys()
            .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        s.files.retain(|p, _| {
            files.contains_key(p)
                || !p
                    .rsplit_once('/')
                    .is_some_and(|(dir, _)| dirs.contains(dir))
        });
        s.files.extend(files);
    }

    /// The whole pipeline: check, then render everything; with the themes `earlier` compiled
    /// (the last good site's), while the theme's files read the same.
    fn full(&self, earlier: Option<&render::Kept>) -> Result<(Valid, Files), Failure> {
        let opts = CheckOptions {
            include_drafts: true,
            output: None,
            base_url: Some(self.base_url.clone()),
            links: Some(self.links.clone()),
            pages: Some(self.pages.clone()),
        };
        let stage = crate::timings::stage("check");
        let mut checked =
            pipeline::check(&self.site, &opts).map_err(|e| Failure::message(&e.to_string()))?;
        drop(stage);
        // The published changes, with the working tree's as "unreleased", as `build --drafts`.
        let mut history = self.history.lock().expect("history lock");
        let loaded = crate::changes::load_cached(&mut checked, true, history.take());
        let mut valid = checked
            .valid()
            .map_err(|c| Failure::report(&c.report, &c.site.files))?;
        valid.changes = loaded.as_ref().map(|l| l.history(&valid, true));
        if let Some(earlier) = earlier {
            valid.kept.themes_from(earlier);
        }
        *history = loaded;
        drop(history);
        let files = self.render(&valid, &Selection::Site)?;
        Ok((valid, files))
    }

    fn render(&self, valid: &Valid, selection: &Selection) -> Result<Files, Failure> {
        let memos = pipeline::Memos {
            words: &self.words,
            bodies: &self.bodies,
            rendered: &self.rendered,
        };
        pipeline::preview(valid, selection, &memos).map_err(|e| self.failure(valid, e))
    }

    fn failure(&self, valid: &Valid, e: RenderError) -> Failure {
        match e {
            RenderError::Template(e) => {
                let mut files = valid.site.files.clone();
                let d = e.to_diagnostic(&mut files);
                Failure::report(
                    &Report {
                        diagnostics: vec![d],
                    },
                    &files,
                )
            }
            RenderError::Io(e) => Failure::message(&e.to_string()),
        }
    }

    /// A rebuild from the last good site: as small as the changes allow. Everything is read
    /// and checked before the good site keeps the changes, so a failure leaves it as it was;
    /// only a failed render comes after (see [`Preview::rebuild`]).
    fn update(&self, valid: &mut Valid, changes: &BTreeSet<Change>) -> Result<Update, Failed> {
        // With published changes, any edit may change the unreleased ones: the whole pipeline
        // (the tagged versions are kept from the last run).
        let whole = changes.contains(&Change::Catalogue) || changes.contains(&Change::Everything);
        if whole || valid.changes.is_some() {
            let (fresh, files) = self.full(Some(&valid.kept))?;
            *valid = fresh;
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
                Change::Templates | Change::Catalogue | Change::Everything => {}
            }
        }
        let mut edit = self.reload_pages(valid, &pages);
        if !statics.is_empty() {
            let dir = valid.site.root.join("static");
            let now = site::list_static(&dir).map_err(|e| Failure::message(&e.to_string()))?;
            edit.static_files = Some(now);
        }
        // A static file came or went: if every page shows it (the icon), every page changes.
        let everything = changes.contains(&Change::Templates)
            || edit.reach == Reach::Everywhere
            || (edit.relists(valid) && statics.iter().any(|p| render::on_every_page(p)));
        let reach = edit.reach;
        let mut removed = self.take_in(valid, edit, &pages)?;
        if changes.contains(&Change::Templates) {
            let dir = valid.site.root.join("templates");
            let names = site::list(&dir, |_| true)
                .map_err(|e| Failed::Render(Failure::message(&e.to_string())))?;
            valid.site.templates = names
                .into_iter()
                .map(|n| (n.clone(), dir.join(n)))
                .collect();
        }
        if everything {
            let files = self
                .render(valid, &Selection::Site)
                .map_err(Failed::Render)?;
            return Ok(Update::All {
                files,
                checked: false,
            });
        }
        let mut files = Files::new();
        self.reload_statics(valid, &statics, &mut files, &mut removed);
        if !pages.is_empty() {
            let selection = match reach {
                Reach::Listings => Selection::Retitled(&pages),
                _ => Selection::Pages(&pages),
            };
            files.extend(self.render(valid, &selection).map_err(Failed::Render)?);
        }
        Ok(Update::Some {
            files,
            removed,
            pages: !pages.is_empty(),
        })
    }

    /// Checks the edits against the rest of the site and, if they pass, has the good site take
    /// them in (its layout too, when pages or files came, went or moved). Returns the output
    /// paths of pages that are gone.
    fn take_in(
        &self,
        valid: &mut Valid,
        edit: Edit,
        sources: &[String],
    ) -> Result<Vec<String>, Failure> {
        let relaid = edit.reach == Reach::Everywhere || edit.relists(valid);
        let old_pages = std::mem::replace(&mut valid.site.pages, edit.pages);
        let old_statics = edit
            .static_files
            .map(|now| std::mem::replace(&mut valid.site.static_files, now));
        let mut out = edit.diagnostics;
        let layout = relaid.then(|| {
            pipeline::lay_out(
                &mut valid.site,
                &valid.catalogue,
                valid.include_drafts,
                &mut out,
            )
        });
        // Links depend on where pages and files are, and whether they exist; not on titles.
        let only = (!relaid).then_some(sources);
        let pages = &valid.site.pages;
        let lay = layout.as_ref().unwrap_or(&valid.layout);
        let memo = Some(&*self.links);
        crate::links::check_pages(pages, lay, valid.include_drafts, only, memo, &mut out);
        if relaid {
            // The logo must still be a file of `static/`.
            out.extend(valid.config.brand.check(&valid.site.static_files));
        }
        if out.iter().any(|d| d.level == Level::Error) {
            valid.site.pages = old_pages;
            if let Some(old) = old_statics {
                valid.site.static_files = old;
            }
            return Err(Failure::report(
                &Report { diagnostics: out },
                &valid.site.files,
            ));
        }
        if let Some(layout) = layout {
            valid.layout = layout;
        }
        Ok(edit.gone)
    }

    /// Re-reads the edited pages (`sources`, under `pages/`): the site's pages with them,
    /// how far the edit reaches, and the output paths of pages that are gone.
    fn reload_pages(&self, valid: &mut Valid, sources: &[String]) -> Edit {
        let mut edit = Edit {
            pages: valid.site.pages.clone(),
            static_files: None,
            reach: Reach::Own,
            gone: Vec::new(),
            diagnostics: Vec::new(),
        };
        let pages = &mut edit.pages;
        let output = |p: &Page| Place::Page(&p.slug).file();
        for source in sources {
            let old = pages.iter().position(|p| &p.source == source);
            let fresh = read_page(valid, source, &mut edit.diagnostics);
            match (old, fresh) {
                (Some(i), Some(page)) => pages[i] = page,
                (None, Some(page)) => {
                    edit.reach = Reach::Everywhere;
                    pages.push(page);
                    pages.sort_by(|a, b| a.source.cmp(&b.source));
                }
                (Some(i), None) if !valid.site.source_path(&format!("pages/{source}")).exists() => {
                    edit.reach = Reach::Everywhere;
                    edit.gone.push(output(&pages[i]));
                    pages.remove(i);
                }
                _ => {}
            }
        }
        // A translation takes the slug, weight and draft flag its own front matter does not set
        // from its original, so an edit of either may change it: linked anew, then compared.
        if let Some(config) = &valid.site.config {
            site::pages::link_translations(pages, &config.languages, &mut edit.diagnostics);
        }
        let before: HashMap<&str, &Page> = valid
            .site
            .pages
            .iter()
            .map(|p| (p.source.as_str(), p))
            .collect();
        for page in pages.iter() {
            if let Some(old) = before.get(page.source.as_str()) {
                edit.reach = edit.reach.max(Reach::of_edit(old, page));
                if old.slug != page.slug {
                    edit.gone.push(output(old));
                }
            }
        }
        if edit.reach == Reach::Listings
            && render::navigation_titles(&valid.site.pages, true)
                != render::navigation_titles(pages, true)
        {
            edit.reach = Reach::Everywhere;
        }
        edit
    }

    /// Reads the changed static files (the layout has checked that none collides).
    fn reload_statics(
        &self,
        valid: &Valid,
        paths: &[&str],
        files: &mut Files,
        removed: &mut Vec<String>,
    ) {
        let dir = valid.site.root.join("static");
        for rel in paths {
            match site::read_static(&dir, rel) {
                Some(bytes) => {
                    files.insert(rel.to_string(), bytes.into());
                }
                None => removed.push(rel.to_string()),
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

/// The edits read afresh, not yet taken in by the good site.
struct Edit {
    /// Every page of the site, the edited ones as they are now.
    pages: Vec<Page>,
    /// The site's static files now, when one of them changed.
    static_files: Option<Vec<String>>,
    /// How far the page edits reach.
    reach: Reach,
    /// Output paths of pages that moved or are gone.
    gone: Vec<String>,
    /// Problems found reading the edited pages.
    diagnostics: Vec<Diagnostic>,
}

impl Edit {
    /// Whether a static file came or went (links to it break or heal).
    fn relists(&self, valid: &Valid) -> bool {
        self.static_files
            .as_ref()
            .is_some_and(|now| *now != valid.site.static_files)
    }
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
fn read_page(valid: &mut Valid, source: &str, out: &mut Vec<Diagnostic>) -> Option<Page> {
    let rel = format!("pages/{source}");
    let text = std::fs::read_to_string(valid.site.source_path(&rel)).ok()?;
    let display = crate::diagnostics::Files::display_path(&valid.site.arg, Path::new(&rel));
    let file = valid.site.files.add(&display);
    site::pages::parse_page(&text, file, source, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy of the example site, its preview built once.
    fn previewed() -> (tempfile::TempDir, Preview) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content-example");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let preview = Preview::new(dir.path(), "http://127.0.0.1:1/".into());
        assert!(preview.rebuild(None).ok);
        (dir, preview)
    }

    fn served(preview: &Preview, path: &str) -> String {
        let bytes = preview.file(path).bytes.expect("served");
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn a_catalogue_edit_reads_the_pages_reported_changed_and_a_rescan_reads_them_all() {
        let (dir, preview) = previewed();
        let faq = dir.path().join("pages/faq.md");
        let text = std::fs::read_to_string(&faq).unwrap();
        std::fs::write(
            &faq,
            text.replacen("\n---\n", "\n---\n\nUnreported words.\n", 1),
        )
        .unwrap();
        let page = "domande-frequenti/index.html";
        let catalogue = BTreeSet::from([Change::Catalogue]);
        // A page the watcher did not report is taken as it was read.
        assert!(preview.rebuild(Some(&catalogue)).ok);
        assert!(!served(&preview, page).contains("Unreported words."));
        // Reported, it is read again on the next catalogue edit.
        let reported = BTreeSet::from([Change::Catalogue, Change::Page("faq.md".into())]);
        assert!(preview.rebuild(Some(&reported)).ok);
        assert!(served(&preview, page).contains("Unreported words."));
        // When the watcher may have missed events, every page is read again.
        std::fs::write(
            &faq,
            text.replacen("\n---\n", "\n---\n\nMissed words.\n", 1),
        )
        .unwrap();
        assert!(preview.rebuild(Some(&catalogue)).ok);
        assert!(!served(&preview, page).contains("Missed words."));
        assert!(
            preview
                .rebuild(Some(&BTreeSet::from([Change::Everything])))
                .ok
        );
        assert!(served(&preview, page).contains("Missed words."));
    }
}
