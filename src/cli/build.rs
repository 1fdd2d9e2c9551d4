//! `supportbook build`: check exactly as `check` does, then render into a fresh folder and
//! swap it in. A site with errors writes nothing.

use super::INVALID;
use crate::diagnostics::Format;
use crate::error::Error;
use crate::pipeline::{self, CheckOptions};
use crate::render::{self, RenderError, RenderInput};
use crate::site::config::normalise_base_url;
use crate::write::{self, WriteError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub struct Request {
    pub site: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

pub fn run(req: &Request) -> crate::Result<ExitCode> {
    let started = Instant::now();
    let base_override = match &req.base_url {
        Some(u) => Some(normalise_base_url(u).ok_or_else(|| {
            Error::Usage(format!("--base-url `{u}` is not an absolute http(s) URL"))
        })?),
        None => None,
    };
    let output = req.output.as_deref().map(absolute).transpose()?;
    let opts = CheckOptions {
        include_drafts: req.drafts,
        output,
    };
    let checked = pipeline::check(&req.site, &opts)?;
    let files = &checked.site.files;
    if !checked.report.diagnostics.is_empty() {
        eprint!("{}", checked.report.render(files, Format::Human));
    }
    let (Some(cat), Some(matrix), Some(config), false) = (
        &checked.catalogue,
        &checked.matrix,
        &checked.site.config,
        checked.report.has_errors(),
    ) else {
        eprintln!("build: nothing was written");
        return Ok(ExitCode::from(INVALID));
    };
    let base_url = base_override.as_deref().unwrap_or(&config.base_url);
    let input = RenderInput {
        site: &checked.site,
        catalogue: cat,
        matrix,
        base_url,
        include_drafts: req.drafts,
    };
    let dest = checked.output_dir(&opts);
    match write::replace_output(&dest, |staging| render::render(&input, staging)) {
        Ok(stats) => {
            let ms = started.elapsed().as_millis();
            println!(
                "built {} files ({} KB) into {} in {ms} ms",
                stats.files,
                stats.bytes / 1024,
                shown(&req.site, &dest)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(WriteError::Refused(d)) | Err(WriteError::Fill(RenderError::Template(d))) => {
            eprint!(
                "{}",
                crate::diagnostics::Report {
                    diagnostics: vec![d]
                }
                .render(files, Format::Human)
            );
            eprintln!("build: nothing was written");
            Ok(ExitCode::from(INVALID))
        }
        Err(WriteError::Fill(RenderError::Io(e))) | Err(WriteError::Io(e)) => Err(e),
    }
}

fn absolute(p: &Path) -> crate::Result<PathBuf> {
    std::path::absolute(p).map_err(|e| Error::io(p, e))
}

/// The output folder as the user would write it, relative to the current folder if inside it.
fn shown(_site: &Path, dest: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    dest.strip_prefix(&cwd)
        .unwrap_or(dest)
        .display()
        .to_string()
}
