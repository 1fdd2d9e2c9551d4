//! `supportbook init DIR`: a new site to start from, a copy of the example site (Italian, with
//! its English translation); with `--language L`, a small site in that one language.

use crate::error::{Error, Result};
use include_dir::{Dir, include_dir};
use std::path::Path;
use std::process::ExitCode;

static CATALOGUE: Dir = include_dir!("$CARGO_MANIFEST_DIR/content-example/catalogue");
static PAGES: Dir = include_dir!("$CARGO_MANIFEST_DIR/content-example/pages");
static STATIC: Dir = include_dir!("$CARGO_MANIFEST_DIR/content-example/static");
static TRANSLATIONS: Dir = include_dir!("$CARGO_MANIFEST_DIR/content-example/translations");
const SETTINGS: &str = include_str!("../../content-example/supportbook.yaml");

pub(super) fn run(dir: &Path, language: Option<&str>) -> Result<ExitCode> {
    let scaffold = match language {
        None => None,
        Some(l) => Some(
            super::scaffold::files(&l.to_ascii_lowercase()).ok_or_else(|| {
                Error::Usage(format!(
                    "--language `{l}` is not a built-in interface language; use one of: {}",
                    super::scaffold::LANGUAGES.join(", ")
                ))
            })?,
        ),
    };
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::Usage(format!(
            "{} already exists and is not empty; init only writes into a new or empty folder",
            dir.display()
        )));
    }
    let write = |rel: &Path, bytes: &[u8]| -> Result<()> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    };
    if let Some(files) = scaffold {
        for (rel, text) in files {
            write(Path::new(rel), text.as_bytes())?;
        }
        return done(dir);
    }
    write(Path::new("supportbook.yaml"), SETTINGS.as_bytes())?;
    for (folder, tree) in [
        ("catalogue", &CATALOGUE),
        ("pages", &PAGES),
        ("static", &STATIC),
        ("translations", &TRANSLATIONS),
    ] {
        for file in files(tree) {
            write(&Path::new(folder).join(file.path()), file.contents())?;
        }
    }
    done(dir)
}

fn done(dir: &Path) -> Result<ExitCode> {
    crate::out::print(&format!(
        "created a new site in {0}\nnext: edit {0}/catalogue/*.yaml, then `supportbook check {0}` and `supportbook serve {0}`\n",
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut out: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(files(sub));
    }
    out
}
