//! `supportbook build`: check exactly as `check` does, then render into a fresh folder and
//! swap it in. A site with errors writes nothing.

use super::exit::INVALID;
use crate::diagnostics::{Format, Report};
use crate::error::Error;
use crate::pipeline::{self, CheckOptions};
use crate::render::RenderError;
use crate::site::config::{has_credentials, normalise_base_url};
use crate::write::WriteError;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub(super) struct Request {
    pub site: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

pub(super) fn run(req: &Request) -> crate::Result<ExitCode> {
    let started = Instant::now();
    let base_url = match &req.base_url {
        Some(u) if has_credentials(u) => {
            return Err(Error::Usage(
                "--base-url holds a user name or password (`user:password@`), which every page would publish; give the public address only".into(),
            ));
        }
        Some(u) => Some(normalise_base_url(u).ok_or_else(|| {
            Error::Usage(format!("--base-url `{u}` is not an absolute http(s) URL"))
        })?),
        None => None,
    };
    let opts = CheckOptions {
        include_drafts: req.drafts,
        output: req.output.as_deref().map(absolute).transpose()?,
        base_url,
        links: None,
        pages: None,
    };
    let mut checked = pipeline::check(&req.site, &opts)?;
    // The published changes: every tagged version is checked too, its errors reported here.
    let history = crate::changes::load(&mut checked, true);
    if !checked.report.diagnostics.is_empty() {
        eprint!(
            "{}",
            checked.report.render(&checked.site.files, Format::Human)
        );
    }
    let valid = match checked.valid() {
        Ok(v) => v,
        Err(_) => return Ok(nothing_written(None)),
    };
    let mut valid = valid;
    valid.changes = history.map(|h| h.history(&valid, req.drafts));
    match pipeline::build(&valid) {
        Ok(stats) => {
            let ms = started.elapsed().as_millis();
            crate::out::print(&format!(
                "built {} files ({} KB) into {} in {ms} ms\n",
                stats.files,
                stats.bytes / 1024,
                shown(&valid.output)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(WriteError::Refused(d)) => Ok(nothing_written(Some(
            Report {
                diagnostics: vec![d],
            }
            .render(&valid.site.files, Format::Human),
        ))),
        Err(WriteError::Fill(RenderError::Template(e))) => {
            let d = e.to_diagnostic(&mut valid.site.files);
            Ok(nothing_written(Some(
                Report {
                    diagnostics: vec![d],
                }
                .render(&valid.site.files, Format::Human),
            )))
        }
        Err(WriteError::Fill(RenderError::Io(e))) | Err(WriteError::Io(e)) => Err(e),
    }
}

/// Prints the diagnostics (if not printed yet) and that nothing was written: exit 1.
fn nothing_written(diagnostics: Option<String>) -> ExitCode {
    if let Some(text) = diagnostics {
        eprint!("{text}");
    }
    eprintln!("build: nothing was written");
    ExitCode::from(INVALID)
}

fn absolute(p: &Path) -> crate::Result<PathBuf> {
    std::path::absolute(p).map_err(|e| Error::io(p, e))
}

/// The output folder as the user would write it, relative to the current folder if inside it.
fn shown(dest: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    dest.strip_prefix(&cwd)
        .unwrap_or(dest)
        .display()
        .to_string()
}
