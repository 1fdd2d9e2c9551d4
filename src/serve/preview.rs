//! The preview: the site built into a private temporary folder (never the site's own output
//! folder), the version being served, and the diagnostics of a failed rebuild, which keep the
//! last good version served with an overlay on every page.

use crate::diagnostics::{Report, location};
use crate::pipeline::{self, CheckOptions, Checked};
use crate::render::{self, RenderError, RenderInput};
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Instant;

pub struct Preview {
    site: PathBuf,
    base_url: String,
    tmp: tempfile::TempDir,
    state: RwLock<State>,
}

struct State {
    /// The folder being served (the last good build).
    dir: PathBuf,
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

impl Preview {
    pub fn new(site: &Path, base_url: String) -> std::io::Result<Preview> {
        let tmp = tempfile::Builder::new()
            .prefix("supportbook-serve-")
            .tempdir()?;
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty)?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let state = State {
            dir: empty,
            version: format!("{stamp}-0"),
            errors: None,
            builds: 0,
        };
        Ok(Preview {
            site: site.to_path_buf(),
            base_url,
            tmp,
            state: RwLock::new(state),
        })
    }

    /// Deletes the private folder (at exit; `Drop` does not run on Ctrl-C).
    pub fn remove_private_folder(&self) {
        let _ = std::fs::remove_dir_all(self.tmp.path());
    }

    pub fn current_dir(&self) -> PathBuf {
        self.state.read().expect("state lock").dir.clone()
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

    /// Checks and renders the whole site; on success the new folder replaces the served one.
    pub fn rebuild(&self) -> Outcome {
        let started = Instant::now();
        let result = self.build();
        let millis = started.elapsed().as_millis();
        let mut s = self.state.write().expect("state lock");
        match result {
            Ok((dir, files)) => {
                let old = std::mem::replace(&mut s.dir, dir);
                s.builds += 1;
                s.version = format!(
                    "{}-{}",
                    s.version.split('-').next().unwrap_or("0"),
                    s.builds
                );
                s.errors = None;
                drop(s);
                // Requests still reading the old folder have it open; a moment later it goes.
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(2));
                    let _ = std::fs::remove_dir_all(old);
                });
                Outcome {
                    ok: true,
                    millis,
                    summary: format!("{files} files"),
                }
            }
            Err(overlay) => {
                let summary = overlay.summary.clone();
                s.errors = Some(overlay.html);
                Outcome {
                    ok: false,
                    millis,
                    summary,
                }
            }
        }
    }

    fn build(&self) -> Result<(PathBuf, usize), Overlay> {
        let checked = pipeline::check(&self.site, &CheckOptions::default())
            .map_err(|e| Overlay::message(&e.to_string()))?;
        if checked.report.has_errors() {
            return Err(Overlay::report(&checked));
        }
        let (Some(cat), Some(matrix)) = (&checked.catalogue, &checked.matrix) else {
            return Err(Overlay::report(&checked));
        };
        let n = self.state.read().expect("state lock").builds + 1;
        let dest = self.tmp.path().join(format!("build-{n}"));
        let _ = std::fs::remove_dir_all(&dest);
        std::fs::create_dir(&dest).map_err(|e| Overlay::message(&e.to_string()))?;
        let input = RenderInput {
            site: &checked.site,
            catalogue: cat,
            matrix,
            base_url: &self.base_url,
            include_drafts: true,
        };
        match render::render(&input, &dest) {
            Ok(stats) => Ok((dest, stats.files)),
            Err(RenderError::Template(d)) => {
                let report = Report {
                    diagnostics: vec![d],
                };
                Err(Overlay::from_report(&report, &checked))
            }
            Err(RenderError::Io(e)) => Err(Overlay::message(&e.to_string())),
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

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The diagnostics of a failed rebuild as an HTML overlay (every text escaped).
struct Overlay {
    html: String,
    summary: String,
}

const OVERLAY_STYLE: &str = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;\
background:#1b1b1f;color:#f4f4f5;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;border-top:4px solid #e5484d";

impl Overlay {
    fn report(checked: &Checked) -> Overlay {
        Overlay::from_report(&checked.report, checked)
    }

    fn from_report(report: &Report, checked: &Checked) -> Overlay {
        let files = &checked.site.files;
        let mut items = String::new();
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.level == crate::diagnostics::Level::Error)
        {
            let loc = escape(&location(files, d.loc, ""));
            let help = d
                .help
                .as_ref()
                .map(|h| format!("<br><em>help: {}</em>", escape(h)))
                .unwrap_or_default();
            let notes: String = d
                .notes
                .iter()
                .map(|(l, n)| {
                    format!(
                        "<br>note: {}{}",
                        escape(&location(files, *l, ": ")),
                        escape(n)
                    )
                })
                .collect();
            items.push_str(&format!(
                "<li><strong>{loc}</strong> [{}] {}{help}{notes}</li>",
                d.code.as_str(),
                escape(&d.message)
            ));
        }
        let summary = report.summary();
        let html = format!(
            "<section role=\"alert\" style=\"{OVERLAY_STYLE}\"><h2 style=\"margin:0 0 .5rem;font-size:1rem\">supportbook: the site has errors ({}); showing the last good version</h2><ul style=\"margin:0;padding-left:1.2rem\">{items}</ul></section>",
            escape(&summary)
        );
        Overlay { html, summary }
    }

    fn message(m: &str) -> Overlay {
        let html = format!(
            "<section role=\"alert\" style=\"{OVERLAY_STYLE}\"><h2 style=\"margin:0;font-size:1rem\">supportbook: {}</h2></section>",
            escape(m)
        );
        Overlay {
            html,
            summary: m.to_string(),
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String");
    out
}
