//! `supportbook diff`: checks two versions of a site (two folders, or a folder and its state at
//! a git revision) and prints what changes for customers.

use super::exit::INVALID;
use crate::catalogue::Catalogue;
use crate::diagnostics::Format;
use crate::diff::{self, Effect, Version, git, words};
use crate::error::Error;
use crate::pipeline::{self, CheckOptions, Checked, Valid};
use crate::translation;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// OLD and NEW site folders; with `--against`, the one site folder (default: the current
    /// folder).
    #[arg(num_args = 0..=2, value_name = "SITE")]
    pub sites: Vec<PathBuf>,
    /// Compare the site with its own folder at this git revision (a branch, tag or commit).
    #[arg(long, value_name = "GIT-REV")]
    pub against: Option<String>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Write the report in this language of the site (default: the site's `language`).
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// Exit 1 when a change makes things worse for customers (lost coverage, a slower
    /// target, a higher price, fewer hours, a contact or method removed).
    #[arg(long, value_enum, value_name = "WHEN")]
    pub fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Worse,
}

/// The two folders to compare, and the checkout that holds the old one when it comes from git.
struct Versions {
    old: PathBuf,
    new: PathBuf,
    checkout: Option<git::Checkout>,
}

fn versions(a: &Args) -> crate::Result<Versions> {
    let usage = || {
        Error::Usage(
            "give two site folders (`supportbook diff OLD NEW`) or one with a git revision (`supportbook diff [SITE] --against REV`)"
                .into(),
        )
    };
    match (&a.against, a.sites.as_slice()) {
        (Some(rev), []) => versions_at(Path::new("."), rev),
        (Some(rev), [site]) => versions_at(site, rev),
        (None, [old, new]) => Ok(Versions {
            old: old.clone(),
            new: new.clone(),
            checkout: None,
        }),
        _ => Err(usage()),
    }
}

fn versions_at(site: &Path, rev: &str) -> crate::Result<Versions> {
    let checkout = git::checkout(site, rev)?;
    Ok(Versions {
        old: checkout.site.clone(),
        new: site.to_path_buf(),
        checkout: Some(checkout),
    })
}

fn label(dir: &Path) -> String {
    dir.to_string_lossy().replace('\\', "/")
}

/// A version's name as the report's summary gives it: a folder written as `.` or `..` (or
/// ending in one) by its own name, so the sentence reads "between old-site and my-site".
fn readable(label: &str) -> String {
    let path = Path::new(label);
    let relative_only = matches!(
        path.components().next_back(),
        Some(std::path::Component::CurDir | std::path::Component::ParentDir)
    );
    if !relative_only {
        return label.to_string();
    }
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| label.to_string())
}

/// The valid version, or its diagnostics printed.
fn valid(which: &str, label: &str, c: Checked) -> Option<Valid> {
    match c.valid() {
        Ok(v) => Some(v),
        Err(c) => {
            eprintln!("error: the {which} version ({label}) is invalid:");
            eprint!("{}", c.report.render(&c.site.files, Format::Human));
            None
        }
    }
}

pub(super) fn run(a: &Args) -> crate::Result<ExitCode> {
    let v = versions(a)?;
    let (old_label, old, new) = check(&v)?;
    let new_label = label(&v.new);
    let (old, new) = (valid("old", &old_label, old), valid("new", &new_label, new));
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(ExitCode::from(INVALID));
    };
    let (tag, words) = report_words(a.lang.as_deref(), &new)?;
    // Names in the report's language: each version's translation, where it has one.
    let (old_words, new_words) = (in_language(&old, &tag), in_language(&new, &tag));
    let (ov, nv) = (
        Version::new(&old_label, &old, old_words.as_ref()),
        Version::new(&new_label, &new, new_words.as_ref()),
    );
    // The theme's sentences in the new version's voice ("the vendor" of a vendor is itself).
    let mut words = words;
    crate::render::voice::voice(&mut words.t, nv.cat);
    let mut report = diff::compare(&ov, &nv, &words);
    report.old = readable(&old_label);
    report.new = readable(&new_label);
    let text = match a.format {
        DiffFormat::Human => diff::human::render(&report, &words, colour()),
        DiffFormat::Markdown => diff::markdown::render(&report, &words),
        DiffFormat::Json => diff::json::render(&report),
    };
    crate::out::print(&text)?;
    let fail = a.fail_on == Some(FailOn::Worse) && report.count(Effect::Worse) > 0;
    Ok(if fail {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks both versions (at once); the old one's label, and the two results. A version from
/// git has its files named as where they came from (`main:site/catalogue/plans.yaml`).
fn check(v: &Versions) -> crate::Result<(String, Checked, Checked)> {
    let opts = CheckOptions::default();
    let (old, new) = rayon::join(
        || pipeline::check(&v.old, &opts),
        || pipeline::check(&v.new, &opts),
    );
    let (old_label, old) = match &v.checkout {
        Some(c) => {
            let mut old = old.map_err(|e| match e {
                Error::NotASite(_) => Error::Usage(format!(
                    "the site folder has no supportbook.yaml at `{}`",
                    c.label
                )),
                e => e,
            })?;
            let from = format!("{}/", label(&c.site));
            old.site.files.rename_prefix(&from, &c.files_prefix);
            old.report.sort(&old.site.files);
            (c.label.clone(), old)
        }
        None => (label(&v.old), old?),
    };
    Ok((old_label, old, new?))
}

/// The language of the report (`--lang`, which must be a language of the site, or the site's
/// own) and its words.
fn report_words(lang: Option<&str>, site: &Valid) -> crate::Result<(String, words::Words)> {
    let languages = words::site_languages(&site.config);
    let chosen = match lang {
        None => languages.first().cloned().unwrap_or_else(|| "en".into()),
        Some(l) => languages
            .iter()
            .find(|x| x.eq_ignore_ascii_case(l))
            .cloned()
            .ok_or_else(|| {
                Error::Usage(format!(
                    "the site is not published in `{l}`: `--lang` takes one of its languages ({})",
                    languages.join(", ")
                ))
            })?,
    };
    let words = words::Words::load(&chosen)
        .map_err(|e| Error::Usage(format!("themes/default/i18n.json: {}", e.message)))?;
    Ok((chosen, words))
}

/// A version's catalogue in the words of `tag`, when that is not its own language and it has
/// a translation.
fn in_language(valid: &Valid, tag: &str) -> Option<Catalogue> {
    valid
        .translations
        .iter()
        .find(|t| t.language == tag)
        .map(|t| translation::translate(&valid.catalogue, t))
}

/// Colour on a terminal, unless `NO_COLOR` is set (https://no-color.org).
fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
