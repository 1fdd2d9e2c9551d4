//! The preview: the site rendered into memory (never into the site's own output folder), the
//! version being served, and the diagnostics of a failed rebuild, which keep the last good
//! version served with an overlay on every page. Rebuilds are as small as the change: a page
//! edit re-renders that page, a static file is re-read, a template change re-renders without
//! re-checking, a catalogue change runs the whole pipeline.

use super::overlay::Failure;
use super::watch::Change;
use crate::diagnostics::{Diagnostic, Level, Report};
use crate::paths::Place;
use crate::pipeline::{self, CheckOptions, Valid};
use crate::render::{Files, RenderError, Selection};
use crate::site::{self, Page};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};
use std::time::Instant;

pub struct Preview {
    site: PathBuf,
    base_url: String,
    /// The last site that checked and rendered; the base of the smaller rebuilds.
    good: Mutex<Option<Valid>>,
    state: RwLock<State>,
}

struct State {
    files: Files,
    /// Changes with every good build; pages reload when it differs from theirs.
    version: String,
    /// The overlay of the last failed rebuild, HTML-escaped; `None` when the site is good.
    errors: Option<String>,
    builds: u64,
}

/// What one rebuild did, for the one-line report.
pub struct Outcome {
    pub ok: bool,
    pub millis: u128,
    pub summary: String,
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
    pub fn new(site: &Path, base_url: String) -> Preview {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let state = State {
            files: Files::new(),
            version: format!("{stamp}-0"),
            errors: None,
            builds: 0,
        };
        Preview {
            site: site.to_path_buf(),
            base_url,
            good: Mutex::new(None),
            state: RwLock::new(state),
        }
    }

    /// The bytes at an output path.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        self.state
            .read()
            .expect("state lock")
            .files
            .get(path)
            .cloned()
    }

    pub fn has(&self, path: &str) -> bool {
        self.state
            .read()
            .expect("state lock")
            .files
            .contains_key(path)
    }

    /// The state every page's event stream receives.
    pub fn state_event(&self) -> String {
        let s = self.state.read().expect("state lock");
        serde_json::json!({ "version": s.version, "errors": s.errors.is_some() }).to_string()
    }

    pub fn overlay(&self) -> String {
        self.state
            .read()
            .expect("state lock")
            .errors
            .clone()
            .unwrap_or_default()
    }

    /// Rebuilds for a set of changes (all of them when `None`: the first build).
    pub fn rebuild(&self, changes: Option<&BTreeSet<Change>>) -> Outcome {
        let started = Instant::now();
        let mut good = self.good.lock().expect("good lock");
        let result = match (changes, good.as_mut()) {
            (Some(changes), Some(checked)) => self.update(checked, changes),
            _ => self.full().map(|(checked, files)| {
                *good = Some(checked);
                Update::All {
                    files,
                    checked: true,
                }
            }),
        };
        let millis = started.elapsed().as_millis();
        let mut s = self.state.write().expect("state lock");
        match result {
            Ok(update) => {
                let summary = update.describe();
                match update {
                    Update::All { files, .. } => s.files = files,
                    Update::Some { files, removed } => {
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

    /// The whole pipeline: check, then render everything.
    fn full(&self) -> Result<(Valid, Files), Failure> {
        let opts = CheckOptions {
            include_drafts: true,
            output: None,
            base_url: Some(self.base_url.clone()),
        };
        let checked =
            pipeline::check(&self.site, &opts).map_err(|e| Failure::message(&e.to_string()))?;
        let valid = checked
            .valid()
            .map_err(|c| Failure::report(&c.report, &c.site.files))?;
        let files = self.render(&valid, &Selection::Everything)?;
        Ok((valid, files))
    }

    fn render(&self, valid: &Valid, selection: &Selection) -> Result<Files, Failure> {
        pipeline::preview(valid, selection).map_err(|e| match e {
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
        })
    }

    /// A rebuild from the last good site: as small as the changes allow.
    fn update(&self, checked: &mut Valid, changes: &BTreeSet<Change>) -> Result<Update, Failure> {
        if changes.contains(&Change::Catalogue) {
            let (fresh, files) = self.full()?;
            *checked = fresh;
            return Ok(Update::All {
                files,
                checked: true,
            });
        }
        let pages: Vec<String> = changes
            .iter()
            .filter_map(|c| {
                if let Change::Page(p) = c {
                    Some(p.clone())
                } else {
                    None
                }
            })
            .collect();
        let statics: Vec<&String> = changes
            .iter()
            .filter_map(|c| {
                if let Change::Static(p) = c {
                    Some(p)
                } else {
                    None
                }
            })
            .collect();
        let mut everything = changes.contains(&Change::Templates);
        let mut update = Update::Some {
            files: Files::new(),
            removed: Vec::new(),
        };
        if !pages.is_empty() {
            let (nav_changed, gone) = self.reload_pages(checked, &pages)?;
            everything |= nav_changed;
            if let Update::Some { removed, .. } = &mut update {
                removed.extend(gone);
            }
        }
        if !statics.is_empty() {
            checked.site.static_files = site::list_static(&checked.site.root.join("static"))
                .map_err(|e| Failure::message(&e.to_string()))?;
            let mut out = Vec::new();
            checked.layout =
                pipeline::lay_out(&mut checked.site, &checked.catalogue, true, &mut out);
            if out.iter().any(|d| d.level == Level::Error) {
                return Err(Failure::report(
                    &Report { diagnostics: out },
                    &checked.site.files,
                ));
            }
            self.reload_statics(checked, &statics, &mut update);
        }
        if changes.contains(&Change::Templates) {
            let dir = checked.site.root.join("templates");
            let names = site::list(&dir, |_| true).map_err(|e| Failure::message(&e.to_string()))?;
            checked.site.templates = names
                .into_iter()
                .map(|n| (n.clone(), dir.join(n)))
                .collect();
        }
        if everything {
            let files = self.render(checked, &Selection::Everything)?;
            return Ok(Update::All {
                files,
                checked: false,
            });
        }
        if !pages.is_empty() {
            let files = self.render(checked, &Selection::Pages(&pages))?;
            if let Update::Some { files: f, .. } = &mut update {
                f.extend(files);
            }
        }
        Ok(update)
    }

    /// Re-reads the edited pages and checks them. Returns whether the navigation changed
    /// (a title, weight, slug or draft flag, or a page added or removed), and the output paths
    /// of pages that are gone.
    fn reload_pages(
        &self,
        checked: &mut Valid,
        sources: &[String],
    ) -> Result<(bool, Vec<String>), Failure> {
        let mut pages = checked.site.pages.clone();
        let mut out = Vec::new();
        let mut nav_changed = false;
        let mut gone = Vec::new();
        for source in sources {
            let old = pages.iter().position(|p| &p.source == source);
            let fresh = read_page(checked, source, &mut out);
            let key = |p: &Page| (p.title.clone(), p.weight, p.slug.clone(), p.draft);
            match (old, fresh) {
                (Some(i), Some(page)) => {
                    nav_changed |= key(&pages[i]) != key(&page);
                    if pages[i].slug != page.slug {
                        gone.push(Place::Page(&pages[i].slug).file());
                    }
                    pages[i] = page;
                }
                (None, Some(page)) => {
                    nav_changed = true;
                    pages.push(page);
                    pages.sort_by(|a, b| a.source.cmp(&b.source));
                }
                (Some(i), None)
                    if !checked
                        .site
                        .source_path(&format!("pages/{source}"))
                        .exists() =>
                {
                    nav_changed = true;
                    gone.push(Place::Page(&pages[i].slug).file());
                    pages.remove(i);
                }
                _ => {}
            }
        }
        let old = std::mem::replace(&mut checked.site.pages, pages);
        if nav_changed {
            checked.layout =
                pipeline::lay_out(&mut checked.site, &checked.catalogue, true, &mut out);
        }
        let only = (!nav_changed).then_some(sources);
        crate::links::check_pages(&checked.site.pages, &checked.layout, true, only, &mut out);
        if out.iter().any(|d| d.level == Level::Error) {
            checked.site.pages = old;
            return Err(Failure::report(
                &Report { diagnostics: out },
                &checked.site.files,
            ));
        }
        Ok((nav_changed, gone))
    }

    /// Reads the changed static files (the layout has checked that none collides).
    fn reload_statics(&self, checked: &Valid, paths: &[&String], update: &mut Update) {
        let Update::Some { files, removed } = update else {
            return;
        };
        for rel in paths {
            match std::fs::read(checked.site.root.join("static").join(rel)) {
                Ok(bytes) => {
                    files.insert((*rel).clone(), bytes);
                }
                Err(_) => removed.push((*rel).clone()),
            }
        }
    }

    /// Adds the live-reload script (and the overlay, while the site is broken) to a page.
    pub fn inject(&self, html: Vec<u8>) -> Vec<u8> {
        let s = self.state.read().expect("state lock");
        let mut tail = format!(
            "<script src=\"{}\" data-version=\"{}\"></script>",
            super::http::SCRIPT,
            s.version
        );
        if let Some(errors) = &s.errors {
            tail = format!("<div id=\"supportbook-overlay\">{errors}</div>{tail}");
        }
        let at = find_last(&html, b"</body>").unwrap_or(html.len());
        let mut out = Vec::with_capacity(html.len() + tail.len());
        out.extend_from_slice(&html[..at]);
        out.extend_from_slice(tail.as_bytes());
        out.extend_from_slice(&html[at..]);
        out
    }
}

/// Reads one page of the site afresh; `None` when it is gone or broken (reported in `out`).
fn read_page(checked: &mut Valid, source: &str, out: &mut Vec<Diagnostic>) -> Option<Page> {
    let rel = format!("pages/{source}");
    let text = std::fs::read_to_string(checked.site.source_path(&rel)).ok()?;
    let display = crate::diagnostics::Files::display_path(&checked.site.arg, Path::new(&rel));
    let file = checked.site.files.add(&display);
    site::pages::parse_page(&text, file, source, out)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
