//! The load stage: reads a site folder (settings, catalogue files, pages, static files,
//! template overrides) into memory, with every YAML file parsed into typed values.

pub mod config;
pub mod pages;

use crate::catalogue::raw::{CatalogueFile, SECTIONS};
use crate::diagnostics::{Code, Diagnostic, FileId, Files, Loc, did_you_mean};
use crate::error::{Error, Result};
use crate::yaml;
pub use config::Config;
pub use pages::Page;
use std::path::{Path, PathBuf};

/// Everything read from a site folder.
pub struct Site {
    /// The folder as the user named it (for messages).
    pub arg: PathBuf,
    /// The folder, absolute.
    pub root: PathBuf,
    pub files: Files,
    pub config: Option<Config>,
    pub catalogue: Vec<CatalogueFile>,
    pub pages: Vec<Page>,
    /// Paths under `static/`, with `/` separators, sorted.
    pub static_files: Vec<String>,
    /// Template overrides: name (path under `templates/`) and absolute path, sorted.
    pub templates: Vec<(String, PathBuf)>,
    /// Problems found while loading: syntax, types, unknown and missing keys.
    pub diagnostics: Vec<Diagnostic>,
    /// False when a catalogue file did not load whole: its semantics are not checked then,
    /// since the missing parts would only cause follow-on errors.
    pub catalogue_loaded: bool,
}

impl Site {
    pub fn source_path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn add_file(&mut self, rel: &Path) -> FileId {
        self.files.add(&Files::display_path(&self.arg, rel))
    }
}

/// Reads the site at `dir`. Content problems become diagnostics; only a missing site or an
/// unreadable folder is an `Err`.
pub fn load(dir: &Path) -> Result<Site> {
    let root = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    if !root.join("supportbook.yaml").is_file() {
        return Err(Error::NotASite(dir.to_path_buf()));
    }
    let mut site = Site {
        arg: dir.to_path_buf(),
        root,
        files: Files::default(),
        config: None,
        catalogue: Vec::new(),
        pages: Vec::new(),
        static_files: Vec::new(),
        templates: Vec::new(),
        diagnostics: Vec::new(),
        catalogue_loaded: false,
    };
    load_config(&mut site)?;
    load_catalogue(&mut site)?;
    load_pages(&mut site)?;
    site.static_files = list(&site.root.join("static"), |_| true)?;
    site.templates = list(&site.root.join("templates"), |_| true)?
        .into_iter()
        .map(|name| {
            let path = site.root.join("templates").join(&name);
            (name, path)
        })
        .collect();
    Ok(site)
}

/// Reads a file as UTF-8 text; a file that is not UTF-8 is a content error.
fn read_text(site: &mut Site, rel: &Path) -> Result<Option<(FileId, String)>> {
    let file = site.add_file(rel);
    Ok(match read_source(&site.root, rel, file)? {
        Ok(text) => Some((file, text)),
        Err(d) => {
            site.diagnostics.push(d);
            None
        }
    })
}

/// The text of `root/rel` (known as `file`), without a byte-order mark; a diagnostic when it is
/// not UTF-8.
fn read_source(
    root: &Path,
    rel: &Path,
    file: FileId,
) -> Result<std::result::Result<String, Diagnostic>> {
    let path = root.join(rel);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() as u32 + 1;
            let col = valid.iter().rev().take_while(|b| **b != b'\n').count() as u32 + 1;
            Err(Diagnostic::error(
                Code::YamlSyntax,
                Loc::new(file, line, col),
                "the file is not valid UTF-8 text",
            )
            .with_help("save the file as UTF-8"))
        }
    })
}

fn load_config(site: &mut Site) -> Result<()> {
    let Some((file, text)) = read_text(site, Path::new("supportbook.yaml"))? else {
        return Ok(());
    };
    let node = match yaml::parse(&text, file, 1) {
        Ok(n) => n,
        Err(ds) => {
            site.diagnostics.extend(ds);
            return Ok(());
        }
    };
    if let Some(raw) = yaml::from_node_collect::<config::RawConfig>(&node, &mut site.diagnostics) {
        site.config = Some(Config::check(raw, &mut site.diagnostics));
    }
    Ok(())
}

fn load_catalogue(site: &mut Site) -> Result<()> {
    let dir = site.root.join("catalogue");
    if !dir.is_dir() {
        site.diagnostics.push(
            Diagnostic::error(Code::MissingKey, None, "the site has no catalogue/ folder")
                .with_help("put the catalogue's *.yaml files in a folder named catalogue/"),
        );
        return Ok(());
    }
    let names = list(&dir, |p| {
        matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
    })?;
    let before = site.diagnostics.len();
    for name in names {
        let rel = Path::new("catalogue").join(&name);
        let Some((file, text)) = read_text(site, &rel)? else {
            continue;
        };
        match yaml::parse(&text, file, 1) {
            Ok(node) => load_catalogue_file(site, &node),
            Err(ds) => site.diagnostics.extend(ds),
        }
    }
    site.catalogue_loaded = site.diagnostics.len() == before;
    Ok(())
}

fn load_catalogue_file(site: &mut Site, node: &yaml::Node) {
    if matches!(node.kind, yaml::Kind::Null) {
        return; // an empty file
    }
    let (value, errors) = yaml::from_node::<CatalogueFile>(node);
    for e in errors {
        let mut d = e.to_diagnostic();
        let top_level = |key: &str| {
            node.as_map().is_some_and(|m| {
                m.iter()
                    .any(|(k, _)| k.as_str() == Some(key) && Some(k.loc) == e.loc)
            })
        };
        if let Some(key) = e.unknown_key().filter(|k| top_level(k)) {
            d.message = format!("unknown section `{key}`");
            d.help = did_you_mean(key, SECTIONS.iter().copied())
                .or_else(|| Some(format!("the sections are: {}", SECTIONS.join(", "))));
        }
        site.diagnostics.push(d);
    }
    if let Some(v) = value {
        site.catalogue.push(v);
    }
}

/// Reads and parses the pages in parallel; files are numbered first, in name order, so that
/// the result does not depend on which thread finished first.
fn load_pages(site: &mut Site) -> Result<()> {
    use rayon::prelude::*;
    let names = list(&site.root.join("pages"), |p| {
        p.extension().is_some_and(|e| e == "md")
    })?;
    let sources: Vec<(FileId, String)> = names
        .into_iter()
        .map(|name| (site.add_file(&Path::new("pages").join(&name)), name))
        .collect();
    let root = &site.root;
    let loaded: Vec<(Option<Page>, Vec<Diagnostic>)> = sources
        .par_iter()
        .map(|(file, name)| {
            let mut out = Vec::new();
            let page = match read_source(root, &Path::new("pages").join(name), *file)? {
                Ok(text) => pages::parse_page(&text, *file, name, &mut out),
                Err(d) => {
                    out.push(d);
                    None
                }
            };
            Ok((page, out))
        })
        .collect::<Result<_>>()?;
    for (page, diagnostics) in loaded {
        site.diagnostics.extend(diagnostics);
        site.pages.extend(page);
    }
    Ok(())
}

/// Files below `dir` (recursively, sorted, `/`-separated relative paths) that `keep` accepts;
/// none if `dir` does not exist. Hidden files and editor leftovers are skipped.
pub fn list(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<String>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in walk.filter_entry(|e| e.depth() == 0 || !is_ignored(e.path())) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(
                path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot read")),
            )
        })?;
        if !entry.file_type().is_file() || !keep(entry.path()) {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).expect("below dir");
        out.push(rel.to_string_lossy().replace('\\', "/"));
    }
    out.sort();
    Ok(out)
}

/// Hidden files and editor temporary files (`.x`, `x~`, `#x#`, `x.swp`).
pub fn is_ignored(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_none_or(|n| {
        n.starts_with('.')
            || n.ends_with('~')
            || (n.starts_with('#') && n.ends_with('#'))
            || n.ends_with(".swp")
            || n.ends_with(".swx")
    })
}
