//! `supportbook check`.

use super::exit::INVALID;
use crate::diagnostics::Format;
use crate::pipeline::{self, CheckOptions};
use std::path::Path;
use std::process::ExitCode;

pub(super) fn run(site: &Path, strict: bool, format: Format) -> crate::Result<ExitCode> {
    let mut checked = pipeline::check(site, &CheckOptions::default())?;
    // Every tagged version the site publishes must pass `check` too.
    crate::changes::load(&mut checked, false);
    let report = &checked.report;
    let text = report.render(&checked.site.files, format);
    if format == Format::Human && report.diagnostics.is_empty() {
        crate::out::print(&format!("{}: ok ({})\n", site.display(), report.summary()))?;
    } else {
        crate::out::print(&text)?;
    }
    let failed = report.has_errors() || (strict && report.warnings() > 0);
    Ok(if failed {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    })
}
