//! The load stage: reads a site folder (settings, catalogue files, pages, static files,
//! template overrides) into memory, with every YAML file parsed into typed values.

pub(crate) mod brand;
pub(crate) mod config;
pub(crate) mod pages;

use crate::catalogue::raw::{CatalogueFile, SECTIONS};
use crate::diagnostics::{Code, Diagnostic, FileId, Files, Loc, did_you_mean};
use crate::error::{Error, Result};
use crate::translation;
use crate::yaml;
pub(crate) use config::Config;
pub(crate) use pages::Page;
use std::path::{Path, PathBuf};

/// Everything read from a site folder.
pub(crate) struct Site {
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
    /// The files of `translations/` that loaded, one per configured language.
    pub(crate) translations: Vec<translation::Source>,
    /// Problems found while loading: syntax, types, unknown and missing keys.
    pub diagnostics: Vec<Diagnostic>,
    /// False when a catalogue file did not load whole: its semantics are not checked then,
    /// since the missing parts would only cause follow-on errors.
    pub catalogue_loaded: bool,
}

impl Site {
    pub(crate) fn source_path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn add_file(&mut self, rel: &Path) -> FileId {
        self.files.add(&Files::display_path(&self.arg, rel))
    }
}

/// Reads the site at `dir`. Content problems become diagnostics; only a missing site or an
/// unreadable folder is an `Err`.
pub(crate) fn load(dir: &Path) -> Result<Site> {
    load_with(dir, None)
}

/// [`load`], taking unchanged pages from `memo` (the preview's) instead of parsing them again.
pub(crate) fn load_with(dir: &Path, memo: Option<&pages::PageMemo>) -> Result<Site> {
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
        translations: Vec::new(),
        diagnostics: Vec::new(),
        catalogue_loaded: false,
    };
    load_config(&mut site)?;
    load_content(&mut site, memo)?;
    load_translations(&mut site)?;
    site.static_files = list_static(&site.root.join("static"))?;
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
    // A link to a file outside the site is not read: its content is nobody's source, and a
    // message must not quote it.
    let outside = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::canonicalize(&path).is_ok_and(|real| !real.starts_with(root));
    if outside {
        return Ok(Err(Diagnostic::error(
            Code::OutsideSite,
            None,
            format!(
                "`{}` is a link to a file outside the site; it was not read",
                rel.display()
            ),
        )
        .with_help("put the file itself in the site folder")));
    }
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

/// The catalogue's files, numbered; `None` (and an error) when the site has no catalogue folder.
fn catalogue_sources(site: &mut Site) -> Result<Option<Vec<(FileId, String)>>> {
    let dir = site.root.join("catalogue");
    if !dir.is_dir() {
        site.diagnostics.push(
            Diagnostic::error(Code::MissingKey, None, "the site has no catalogue/ folder")
                .with_help("put the catalogue's *.yaml files in a folder named catalogue/"),
        );
        return Ok(None);
    }
    let names = list(&dir, |p| {
        matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
    })?;
    Ok(Some(sources(site, "catalogue", names)))
}

/// The pages' files, numbered.
fn page_sources(site: &mut Site) -> Result<Vec<(FileId, String)>> {
    let names = list(&site.root.join("pages"), |p| {
        p.extension().is_some_and(|e| e == "md")
    })?;
    Ok(sources(site, "pages", names))
}

/// Numbers the files `names` of folder `dir` in name order, so that file numbers do not depend
/// on which thread reads a file first.
fn sources(site: &mut Site, dir: &str, names: Vec<String>) -> Vec<(FileId, String)> {
    names
        .into_iter()
        .map(|name| (site.add_file(&Path::new(dir).join(&name)), name))
        .collect()
}

/// What reading a set of files gave: the values, and the problems, in file order.
struct Loaded<T> {
    values: Vec<T>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads the files of `dir` in parallel and turns each one's text into a value with `parse`;
/// a file `kept` gives a value for is not read.
fn read_all<T: Send>(
    root: &Path,
    dir: &str,
    sources: &[(FileId, String)],
    kept: impl Fn(FileId, &str) -> Option<T> + Sync,
    parse: impl Fn(&str, FileId, &str, &mut Vec<Diagnostic>) -> Option<T> + Sync,
) -> Result<Loaded<T>> {
    use rayon::prelude::*;
    let each: Vec<(Option<T>, Vec<Diagnostic>)> = sources
        .par_iter()
        .map(|(file, name)| {
            if let Some(value) = kept(*file, name) {
                return Ok((Some(value), Vec::new()));
            }
            let mut out = Vec::new();
            let value = match read_source(root, &Path::new(dir).join(name), *file)? {
                Ok(text) => parse(&text, *file, name, &mut out),
                Err(d) => {
                    out.push(d);
                    None
                }
            };
            Ok((value, out))
        })
        .collect::<Result<_>>()?;
    let mut loaded = Loaded {
        values: Vec::new(),
        diagnostics: Vec::new(),
    };
    for (value, diagnostics) in each {
        loaded.values.extend(value);
        loaded.diagnostics.extend(diagnostics);
    }
    Ok(loaded)
}

/// One catalogue file's text as typed values (`None` for an empty or broken file).
fn parse_catalogue_file(
    text: &str,
    file: FileId,
    _name: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<CatalogueFile> {
    let node = match yaml::parse(text, file, 1) {
        Ok(node) => node,
        Err(ds) => {
            out.extend(ds);
            return None;
        }
    };
    if matches!(node.kind, yaml::Kind::Null) {
        return None; // an empty file
    }
    let (value, errors) = yaml::from_node::<CatalogueFile>(&node);
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
        out.push(d);
    }
    value
}

/// Reads the catalogue and the pages, both at once: the catalogue's YAML is parsed while the
/// pages are read. The catalogue is parsed on this thread, which checks it next: the memory its
/// parse frees is the memory the checks reuse (parsed on another thread, a big catalogue's
/// parse and checks each held their own, in the allocator's per-thread arenas).
fn load_content(site: &mut Site, memo: Option<&pages::PageMemo>) -> Result<()> {
    let catalogue = catalogue_sources(site)?;
    let pages = page_sources(site)?;
    let root = &site.root;
    let mut pages_read = None;
    let parse = |text: &str, file: FileId, source: &str, out: &mut Vec<Diagnostic>| match memo {
        Some(memo) => memo.parse(text, file, source, out),
        None => pages::parse_page(text, file, source, out),
    };
    let kept = |file, source: &str| memo.and_then(|m| m.unchanged(source, file));
    // In place: the body runs on this thread, inside a rayon pool or not (`diff` loads two
    // sites at once on the pool's threads; a thread of its own would block one of them).
    let cat = rayon::in_place_scope(|scope| {
        scope.spawn(|_| pages_read = Some(read_all(root, "pages", &pages, kept, parse)));
        catalogue
            .as_deref()
            .map(|c| read_all(root, "catalogue", c, |_, _| None, parse_catalogue_file))
            .transpose()
    });
    if let Some(cat) = cat? {
        site.catalogue_loaded = cat.diagnostics.is_empty();
        site.catalogue = cat.values;
        site.diagnostics.extend(cat.diagnostics);
    }
    if let Some(memo) = memo {
        memo.keep_only(&pages);
    }
    let pages = pages_read.expect("the scope waits for the pages")?;
    site.pages = pages.values;
    site.diagnostics.extend(pages.diagnostics);
    if let Some(cfg) = &site.config {
        pages::link_translations(&mut site.pages, &cfg.languages, &mut site.diagnostics);
    }
    Ok(())
}

/// Reads `translations/<lang>.yaml`, one file for each of the site's other languages.
fn load_translations(site: &mut Site) -> Result<()> {
    // Without settings the site's languages are unknown: every file would be reported as of
    // no language, after the one error that matters.
    if site.config.is_none() {
        return Ok(());
    }
    let names = list(&site.root.join("translations"), |_| true)?;
    let others: Vec<String> = site.config.as_ref().map_or_else(Vec::new, |c| {
        c.languages
            .iter()
            .filter(|l| !l.is_default)
            .map(|l| l.tag.clone())
            .collect()
    });
    // The file each language took its words from: `EN.yaml` beside `en.yaml` is an error (tags
    // are case-insensitive), not a silent choice.
    let mut taken: Vec<(String, String, FileId)> = Vec::new();
    for name in names {
        let rel = Path::new("translations").join(&name);
        let file = site.add_file(&rel);
        let Some(language) = translation_language(&name, &others, file, &mut site.diagnostics)
        else {
            continue;
        };
        if let Some((_, first, first_file)) = taken.iter().find(|(l, _, _)| *l == language) {
            site.diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateKey,
                    Loc::new(file, 1, 1),
                    format!(
                        "`translations/{name}` and `translations/{first}` both translate `{language}` (language tags are case-insensitive)"
                    ),
                )
                .with_note(Loc::new(*first_file, 1, 1), "the other file")
                .with_help(format!("keep one file, `translations/{language}.yaml`")),
            );
            continue;
        }
        taken.push((language.clone(), name.clone(), file));
        let Some((_, text)) = read_text(site, &rel)? else {
            continue;
        };
        let node = match yaml::parse(&text, file, 1) {
            Ok(n) => n,
            Err(ds) => {
                site.diagnostics.extend(ds);
                continue;
            }
        };
        let content = translation::raw::read(&node, &mut site.diagnostics);
        if let Some(content) = content {
            site.translations
                .push(translation::Source { language, content });
        }
    }
    Ok(())
}

/// The language of a file of `translations/`, which must be `<lang>.yaml` for one of the site's
/// other languages.
fn translation_language(
    name: &str,
    others: &[String],
    file: FileId,
    out: &mut Vec<Diagnostic>,
) -> Option<String> {
    let at = Loc::new(file, 1, 1);
    let Some(tag) = name.strip_suffix(".yaml").filter(|t| !t.contains('/')) else {
        out.push(
            Diagnostic::error(Code::InvalidValue, at, format!("`translations/{name}` is not a translation file"))
                .with_help("name each file after its language, `translations/<lang>.yaml`, e.g. `translations/en.yaml`"),
        );
        return None;
    };
    match others.iter().find(|l| l.eq_ignore_ascii_case(tag)) {
        Some(l) => Some(l.clone()),
        None => {
            let help = did_you_mean(tag, others.iter().map(String::as_str)).unwrap_or_else(|| {
                format!("add `{tag}` to `languages` in supportbook.yaml, or remove the file")
            });
            out.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    at,
                    format!("`{tag}` is not one of the site's other `languages`"),
                )
                .with_help(help),
            );
            None
        }
    }
}

/// Files below `dir` (recursively, sorted, `/`-separated relative paths) that `keep` accepts;
/// none if `dir` does not exist. Hidden files and editor leftovers are skipped.
pub(crate) fn list(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<String>> {
    walk(dir, is_ignored, keep)
}

/// The files of `static/`: hidden ones too (`.well-known/security.txt`, `.nojekyll` are what
/// they are for), but not editor leftovers, version control folders or desktop clutter.
pub(crate) fn list_static(dir: &Path) -> Result<Vec<String>> {
    walk(dir, is_junk, |_| true)
}

fn walk(dir: &Path, skip: fn(&Path) -> bool, keep: impl Fn(&Path) -> bool) -> Result<Vec<String>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for entry in walk.filter_entry(|e| e.depth() == 0 || !skip(e.path())) {
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

/// The bytes of the file `rel` under `static/`, or `None` when it is not a file of the site:
/// missing, junk, or reached through a link anywhere below `dir` (as [`list_static`] skips
/// links, so a link made while the preview runs serves nothing from outside the site).
pub(crate) fn read_static(dir: &Path, rel: &str) -> Option<Vec<u8>> {
    let mut path = dir.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || is_junk(Path::new(part)) {
            return None;
        }
        path.push(part);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            return None;
        }
    }
    let bytes = std::fs::read(&path).ok()?;
    // Checked again after reading: a link swapped in meanwhile is still refused.
    let meta = std::fs::symlink_metadata(&path).ok()?;
    meta.file_type().is_file().then_some(bytes)
}

/// Hidden files and [junk](is_junk).
pub(crate) fn is_ignored(path: &Path) -> bool {
    is_junk(path)
        || path
            .file_name()
            .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
}

/// Editor temporary files (`x~`, `#x#`, `x.swp`, `.#x`), version control folders and desktop
/// clutter, which no site publishes.
pub(crate) fn is_junk(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_none_or(|n| {
        n.ends_with('~')
            || (n.starts_with('#') && n.ends_with('#'))
            || n.starts_with(".#")
            || n.ends_with(".swp")
            || n.ends_with(".swx")
            || matches!(n, ".git" | ".hg" | ".svn" | ".DS_Store" | "Thumbs.db")
    })
}
