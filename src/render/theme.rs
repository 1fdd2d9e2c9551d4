//! The theme: templates, assets and the translation table. The default theme is embedded in
//! the binary; `theme:` in `supportbook.yaml` may name a theme folder (relative to the site)
//! whose files are laid over it, and the site's `templates/` overrides single templates by
//! name. Template errors become diagnostics naming the template file, line and column.

use super::i18n::I18n;
use crate::diagnostics::{Code, Diagnostic, Files, Loc};
use crate::site::Site;
use include_dir::{Dir, DirEntry, include_dir};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) static DEFAULT: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A loaded theme.
#[derive(Clone)]
pub(crate) struct Theme {
    pub tera: tera::Tera,
    /// Path under `assets/` and contents.
    pub assets: Vec<(String, Cow<'static, [u8]>)>,
    /// Template name → the file it came from, for error messages.
    origins: BTreeMap<String, String>,
}

/// The names of the theme's assets (`style.css`): the built-in theme's, and those of the
/// site's theme folder. A folder that cannot be read adds none (loading the theme reports it).
pub(crate) fn asset_names(site: &Site) -> Vec<String> {
    let mut v = Vec::new();
    embedded(&DEFAULT, "assets", &mut |p, _| v.push(p));
    if let Some(dir) = theme_folder(site) {
        v.extend(crate::site::list(&dir.join("assets"), |_| true).unwrap_or_default());
    }
    v.sort();
    v.dedup();
    v
}

/// The site's own theme folder, when `theme:` names one.
fn theme_folder(site: &Site) -> Option<std::path::PathBuf> {
    let named = site.config.as_ref().and_then(|c| c.theme.as_deref());
    named.filter(|n| *n != "default").map(|n| site.root.join(n))
}

fn embedded(dir: &'static Dir<'static>, under: &str, f: &mut dyn FnMut(String, &'static [u8])) {
    for e in dir.entries() {
        match e {
            DirEntry::Dir(d) => embedded(d, under, f),
            DirEntry::File(file) => {
                let path = file.path().to_string_lossy().replace('\\', "/");
                if let Some(rest) = path.strip_prefix(under).and_then(|r| r.strip_prefix('/')) {
                    f(rest.to_string(), file.contents());
                }
            }
        }
    }
}

/// A file of the site, named like every other source file in messages: from the site folder as
/// the user gave it.
fn shown(site: &Site, rel: &Path) -> String {
    Files::display_path(&site.arg, rel)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The theme's translation table: the site's theme folder's, or the built-in one.
fn i18n_source(site: &Site) -> Cow<'static, str> {
    theme_folder(site)
        .map(|dir| dir.join("i18n.json"))
        .and_then(|table| std::fs::read_to_string(table).ok())
        .map(Cow::Owned)
        .unwrap_or_else(|| {
            DEFAULT
                .get_file("i18n.json")
                .map(|f| String::from_utf8_lossy(f.contents()))
                .unwrap_or_default()
        })
}

/// The interface words the theme lacks for `tag` (of every word the built-in theme has), and
/// the languages it has words for.
pub(crate) fn missing_words(site: &Site, tag: &str) -> (Vec<String>, Vec<String>) {
    let table = |src: &str| -> BTreeMap<String, serde_json::Map<String, serde_json::Value>> {
        serde_json::from_str(src).unwrap_or_default()
    };
    let builtin = DEFAULT
        .get_file("i18n.json")
        .map(|f| table(&String::from_utf8_lossy(f.contents())))
        .unwrap_or_default();
    // A table that does not load is reported by loading the theme; nothing follows from it.
    let Ok(theme) = serde_json::from_str::<
        BTreeMap<String, serde_json::Map<String, serde_json::Value>>,
    >(&i18n_source(site)) else {
        return (Vec::new(), Vec::new());
    };
    let wanted = tag.to_ascii_lowercase();
    let primary = wanted.split('-').next().unwrap_or_default().to_string();
    let words = theme.get(&wanted).or_else(|| theme.get(&primary));
    let missing = builtin
        .get("en")
        .into_iter()
        .flat_map(|en| en.keys())
        // A language's own name comes from CLDR when the theme does not give it.
        .filter(|k| {
            *k != "format" && *k != "language_name" && words.is_none_or(|w| !w.contains_key(*k))
        })
        .cloned()
        .collect();
    (missing, theme.keys().cloned().collect())
}

/// A language's name in itself ("Deutsch", "日本語"): as the theme's table gives it for that
/// language, else as CLDR does (capitalised, as a menu of languages shows it); its tag when
/// neither knows it. Never another language's name through the fallback to English, nor
/// English's name copied into another language's words.
pub(crate) fn language_name(site: &Site, tag: &str) -> String {
    name_in(&i18n_source(site), tag)
}

/// [`language_name`] from the translation table `source`.
fn name_in(source: &str, tag: &str) -> String {
    let english = I18n::own_word(source, "en", "language_name");
    let is_english = tag
        .split('-')
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("en"));
    I18n::own_word(source, tag, "language_name")
        // English's own name copied into another language's words is not that language's.
        .filter(|name| is_english || Some(name) != english.as_ref())
        .or_else(|| super::cldr::autonym(tag))
        .unwrap_or_else(|| tag.to_string())
}

fn read(path: &Path) -> Result<String, TemplateError> {
    std::fs::read_to_string(path).map_err(|e| error(path.display().to_string(), e.to_string()))
}

/// Loads the site's theme and picks the site's language from its translation table.
pub(crate) fn load(site: &Site, language: &str) -> Result<(Theme, I18n), TemplateError> {
    Sources::read(site)?.compile(language)
}

/// Everything a theme is made of, as read from the site and the built-in theme: what
/// [`Sources::compile`] turns into a [`Theme`]. Two reads are equal exactly when the theme
/// they compile to is the same (the preview keeps compiled themes while they are).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Sources {
    /// Template name → the file it came from (for messages) and its text.
    templates: BTreeMap<String, (String, Cow<'static, str>)>,
    /// Path under `assets/` and contents.
    assets: BTreeMap<String, Cow<'static, [u8]>>,
    /// The translation table and the file it came from.
    i18n: Cow<'static, str>,
    i18n_origin: String,
}

impl Sources {
    /// Reads the site's theme: the built-in one, the site's theme folder laid over it, and
    /// the site's template overrides.
    pub(crate) fn read(site: &Site) -> Result<Sources, TemplateError> {
        let mut templates: BTreeMap<String, (String, Cow<'static, str>)> = BTreeMap::new();
        let mut assets: BTreeMap<String, Cow<'static, [u8]>> = BTreeMap::new();
        embedded(&DEFAULT, "templates", &mut |name, bytes| {
            let origin = format!("themes/default/templates/{name}");
            templates.insert(name, (origin, String::from_utf8_lossy(bytes)));
        });
        embedded(&DEFAULT, "assets", &mut |name, bytes| {
            assets.insert(name, Cow::Borrowed(bytes));
        });
        let mut i18n_source: Cow<'static, str> = DEFAULT
            .get_file("i18n.json")
            .map(|f| String::from_utf8_lossy(f.contents()))
            .unwrap_or_default();
        let mut i18n_origin = "themes/default/i18n.json".to_string();
        let named = site.config.as_ref().and_then(|c| c.theme.as_deref());
        if let Some(name) = named.filter(|n| *n != "default") {
            let dir = site.root.join(name);
            if !dir.is_dir() {
                return Err(error(
                    "supportbook.yaml",
                    format!(
                        "the theme `{name}` is neither the built-in `default` nor a folder of the site ({} does not exist)",
                        dir.display()
                    ),
                ));
            }
            let list = |sub: &str| {
                crate::site::list(&dir.join(sub), |_| true).map_err(|e| error(name, e.to_string()))
            };
            for rel in list("templates")? {
                let path = dir.join("templates").join(&rel);
                let text = read(&path)?;
                let shown = shown(site, &Path::new(name).join("templates").join(&rel));
                templates.insert(rel, (shown, Cow::Owned(text)));
            }
            for rel in list("assets")? {
                let path = dir.join("assets").join(&rel);
                let bytes = std::fs::read(&path)
                    .map_err(|e| error(path.display().to_string(), e.to_string()))?;
                assets.insert(rel, Cow::Owned(bytes));
            }
            let table = dir.join("i18n.json");
            if table.is_file() {
                i18n_source = Cow::Owned(read(&table)?);
                i18n_origin = shown(site, &Path::new(name).join("i18n.json"));
            }
        }
        for (name, path) in &site.templates {
            let text = read(path)?;
            let shown = shown(site, &Path::new("templates").join(name));
            templates.insert(name.clone(), (shown, Cow::Owned(text)));
        }
        Ok(Sources {
            templates,
            assets,
            i18n: i18n_source,
            i18n_origin,
        })
    }

    /// Compiles the templates and picks `language` from the translation table.
    pub(crate) fn compile(&self, language: &str) -> Result<(Theme, I18n), TemplateError> {
        let i18n = I18n::load(&self.i18n, language).map_err(|e| TemplateError {
            origin: self.i18n_origin.clone(),
            at: e.at,
            message: e.message,
            detail: None,
        })?;
        let origins: BTreeMap<String, String> = self
            .templates
            .iter()
            .map(|(name, (origin, _))| (name.clone(), origin.clone()))
            .collect();
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
        let mut theme = Theme {
            tera: tera::Tera::new(),
            assets: self
                .assets
                .iter()
                .map(|(p, b)| (p.clone(), b.clone()))
                .collect(),
            origins,
        };
        tera.add_raw_templates(
            self.templates
                .iter()
                .map(|(name, (_, text))| (name.as_str(), text.as_ref())),
        )
        .map_err(|e| theme.error(&e))?;
        theme.tera = tera;
        Ok((theme, i18n))
    }

    /// The interface words of `language` (none when the table does not load: rendering
    /// reports that itself), as [`interface_words`] reads them.
    pub(crate) fn interface_words(&self, language: &str) -> Vec<String> {
        words_of(&self.i18n, language)
    }

    /// A language's name in itself, as [`language_name`] gives it.
    pub(crate) fn language_name(&self, tag: &str) -> String {
        name_in(&self.i18n, tag)
    }
}

/// The interface words of `language` as the site's theme gives them (none when the table does
/// not load: rendering reports that itself).
pub(crate) fn interface_words(site: &Site, language: &str) -> Vec<String> {
    let named = site.config.as_ref().and_then(|c| c.theme.as_deref());
    let custom = named
        .filter(|n| *n != "default")
        .map(|n| site.root.join(n).join("i18n.json"))
        .filter(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok());
    let source = custom.unwrap_or_else(|| {
        DEFAULT
            .get_file("i18n.json")
            .map(|f| String::from_utf8_lossy(f.contents()).into_owned())
            .unwrap_or_default()
    });
    words_of(&source, language)
}

/// [`interface_words`] from the translation table `source`.
fn words_of(source: &str, language: &str) -> Vec<String> {
    I18n::load(source, language)
        .map(|t| t.words.into_values().collect())
        .unwrap_or_default()
}

/// A problem with the theme: a template that does not compile or render, or a translation table
/// that does not load, located in the file it came from.
#[derive(Debug, Clone)]
pub(crate) struct TemplateError {
    /// The file as messages name it (`themes/default/templates/home.html`, `site/templates/x.html`).
    pub origin: String,
    /// Line and column, when known.
    pub at: Option<(u32, u32)>,
    pub message: String,
    /// More lines (Tera's report with its source excerpt).
    pub detail: Option<String>,
}

impl TemplateError {
    /// As a diagnostic located in `files` (the file is added to them).
    pub(crate) fn to_diagnostic(&self, files: &mut Files) -> Diagnostic {
        let loc = self
            .at
            .map(|(line, col)| Loc::new(files.add(Path::new(&self.origin)), line, col));
        let message = match (loc, &self.detail) {
            (None, _) => format!("{}: {}", self.origin, self.message),
            (Some(_), Some(detail)) => format!("template error: {}\n{detail}", self.message),
            (Some(_), None) => format!("template error: {}", self.message),
        };
        Diagnostic::error(Code::Template, loc, message)
    }
}

fn error(origin: impl Into<String>, message: impl Into<String>) -> TemplateError {
    TemplateError {
        origin: origin.into(),
        at: None,
        message: message.into(),
        detail: None,
    }
}

impl Theme {
    /// A Tera error, located in the template file it came from.
    pub(crate) fn error(&self, e: &tera::Error) -> TemplateError {
        use tera::ErrorKind;
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let span = r.span();
                TemplateError {
                    origin: self.origin(r.filename()).to_string(),
                    at: Some((span.start_line as u32, span.start_col as u32 + 1)),
                    message: r.message().to_string(),
                    detail: None,
                }
            }
            ErrorKind::Msg(reports) if reports.contains(" --> ") => self.reports(reports),
            _ => {
                let mut m = format!("template error: {e}");
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    m.push_str(&format!(": {s}"));
                    source = s.source();
                }
                error("templates", m)
            }
        }
    }

    fn origin<'a>(&'a self, name: &'a str) -> &'a str {
        self.origins.get(name).map_or(name, String::as_str)
    }

    /// Tera's compile-time reports (`error: ...` / ` --> page.html:4:19` / a source excerpt),
    /// located at the first one's file:line:col, naming template files by where they came from.
    fn reports(&self, reports: &str) -> TemplateError {
        let mut first: Option<(String, Option<(u32, u32)>)> = None;
        let mut message = None;
        let lines: Vec<String> = reports
            .lines()
            .map(|line| {
                if message.is_none()
                    && let Some(m) = line.strip_prefix("error: ")
                {
                    message = Some(m.to_string());
                }
                let Some(at) = line.strip_prefix(" --> ") else {
                    return line.to_string();
                };
                let (name, pos) = split_position(at);
                let origin = self.origin(name);
                first.get_or_insert((origin.to_string(), pos));
                match pos {
                    Some((l, c)) => format!(" --> {origin}:{l}:{c}"),
                    None => format!(" --> {origin}"),
                }
            })
            .collect();
        let (origin, at) = first.unwrap_or(("templates".into(), None));
        // The first report's own `error:` line is the message now.
        let body: Vec<&str> = lines.iter().skip(1).map(String::as_str).collect();
        TemplateError {
            origin,
            at,
            message: message.unwrap_or_else(|| "template error".into()),
            detail: Some(body.join("\n")),
        }
    }
}

/// `page.html:4:19` → (`page.html`, line 4, column 19).
fn split_position(at: &str) -> (&str, Option<(u32, u32)>) {
    at.rsplit_once(':')
        .and_then(|(rest, col)| {
            let (name, line) = rest.rsplit_once(':')?;
            Some((name, Some((line.parse().ok()?, col.parse().ok()?))))
        })
        .unwrap_or((at, None))
}
