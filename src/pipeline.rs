//! The pipeline every command drives: load the site → resolve the catalogue → route and prove
//! the routing → check the pages. `build` and `serve` continue from its result.

use crate::catalogue::{self, Catalogue};
use crate::diagnostics::{Diagnostic, Report};
use crate::error::Result;
use crate::links;
use crate::routing::{self, Matrix};
use crate::site::{self, Site, config};
use std::path::{Path, PathBuf};

/// What `check` needs to know beyond the site itself.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Drafts count as published pages.
    pub include_drafts: bool,
    /// An output folder given on the command line (absolute), instead of `output_dir`.
    pub output: Option<PathBuf>,
}

/// A checked site: the model when it resolved, and every diagnostic, sorted.
pub struct Checked {
    pub site: Site,
    pub catalogue: Option<Catalogue>,
    pub matrix: Option<Matrix>,
    pub report: Report,
}

impl Checked {
    /// The output folder (absolute).
    pub fn output_dir(&self, opts: &CheckOptions) -> PathBuf {
        opts.output.clone().unwrap_or_else(|| {
            let rel = self
                .site
                .config
                .as_ref()
                .map_or(PathBuf::from("public"), |c| c.output_dir.clone());
            self.site.root.join(rel)
        })
    }
}

pub fn check(dir: &Path, opts: &CheckOptions) -> Result<Checked> {
    let site = site::load(dir)?;
    let mut out = site.diagnostics.clone();
    let (catalogue, matrix) = if site.catalogue_loaded {
        analyse(&site, opts, &mut out)
    } else {
        (None, None)
    };
    let mut checked = Checked {
        site,
        catalogue,
        matrix,
        report: Report::default(),
    };
    if let Some(cfg) = &checked.site.config {
        let output = checked.output_dir(opts);
        let loc = if opts.output.is_some() {
            None
        } else {
            cfg.output_dir_loc
        };
        out.extend(config::check_output_dir(&checked.site.root, &output, loc));
        out.extend(config::check_theme(&checked.site.root, cfg));
    }
    checked.report.extend(out);
    checked.report.sort(&checked.site.files);
    Ok(checked)
}

fn analyse(
    site: &Site,
    opts: &CheckOptions,
    out: &mut Vec<Diagnostic>,
) -> (Option<Catalogue>, Option<Matrix>) {
    let Some(cat) = catalogue::resolve(&site.catalogue, out) else {
        return (None, None);
    };
    links::check_pages(
        &cat,
        &site.pages,
        &site.static_files,
        opts.include_drafts,
        None,
        out,
    );
    let matrix = match Matrix::build(&cat) {
        Ok(m) => {
            routing::analyse(&cat, &m, out);
            Some(m)
        }
        Err(why) => {
            out.push(routing::too_large(&cat, &why));
            None
        }
    };
    (Some(cat), matrix)
}
