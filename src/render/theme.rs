//! The theme: templates, assets and the translation table. The default theme is embedded in
//! the binary; `theme:` in `supportbook.yaml` may name a theme folder (relative to the site)
//! whose files are laid over it, and the site's `templates/` overrides single templates by
//! name. Template errors become diagnostics naming the template file, line and column.

use super::i18n::I18n;
use crate::diagnostics::{Code, Diagnostic};
use crate::site::Site;
use include_dir::{Dir, DirEntry, include_dir};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

pub(crate) static DEFAULT: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A loaded theme.
pub struct Theme {
    pub tera: tera::Tera,
    /// Path under `assets/` and contents.
    pub assets: Vec<(String, Cow<'static, [u8]>)>,
    /// Template name → the file it came from, for error messages.
    origins: BTreeMap<String, String>,
}

/// The asset paths of the built-in theme, as written to the output (`assets/style.css`).
pub fn default_asset_paths() -> Vec<String> {
    let mut v = Vec::new();
    embedded(&DEFAULT, "assets/", &mut |p, _| {
        v.push(format!("assets/{p}"))
    });
    v
}

fn embedded(dir: &'static Dir<'static>, under: &str, f: &mut dyn FnMut(String, &'static [u8])) {
    for e in dir.entries() {
        match e {
            DirEntry::Dir(d) => embedded(d, under, f),
            DirEntry::File(file) => {
                let path = file.path().to_string_lossy().replace('\\', "/");
                if let Some(rest) = path.strip_prefix(under) {
                    f(rest.to_string(), file.contents());
                }
            }
        }
    }
}

fn error(message: String) -> Diagnostic {
    Diagnostic::error(Code::Template, None, message)
}

fn read(path: &Path) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path).map_err(|e| error(format!("{}: {e}", path.display())))
}

/// Loads the site's theme and picks the site's language from its translation table.
pub fn load(site: &Site, language: &str) -> Result<(Theme, I18n), Diagnostic> {
    let mut templates: BTreeMap<String, (String, Cow<'static, str>)> = BTreeMap::new();
    let mut assets: BTreeMap<String, Cow<'static, [u8]>> = BTreeMap::new();
    embedded(&DEFAULT, "templates/", &mut |name, bytes| {
        let origin = format!("themes/default/templates/{name}");
        templates.insert(name, (origin, String::from_utf8_lossy(bytes)));
    });
    embedded(&DEFAULT, "assets/", &mut |name, bytes| {
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
            return Err(error(format!(
                "the theme `{name}` is neither the built-in `default` nor a folder of the site ({} does not exist)",
                dir.display()
            )));
        }
        let list = |sub: &str| {
            crate::site::list(&dir.join(sub), |_| true).map_err(|e| error(e.to_string()))
        };
        for rel in list("templates")? {
            let path = dir.join("templates").join(&rel);
            let text = read(&path)?;
            templates.insert(rel, (path.display().to_string(), Cow::Owned(text)));
        }
        for rel in list("assets")? {
            let path = dir.join("assets").join(&rel);
            let bytes =
                std::fs::read(&path).map_err(|e| error(format!("{}: {e}", path.display())))?;
            assets.insert(rel, Cow::Owned(bytes));
        }
        let table = dir.join("i18n.json");
        if table.is_file() {
            i18n_source = Cow::Owned(read(&table)?);
            i18n_origin = table.display().to_string();
        }
    }
    for (name, path) in &site.templates {
        let text = read(path)?;
        // Named like every other source file in messages: the site folder as the user gave it.
        let shown =
            crate::diagnostics::Files::display_path(&site.arg, &Path::new("templates").join(name));
        let shown = shown.to_string_lossy().replace('\\', "/");
        templates.insert(name.clone(), (shown, Cow::Owned(text)));
    }
    let i18n =
        I18n::load(&i18n_source, language).map_err(|e| error(format!("{i18n_origin}: {e}")))?;
    let origins: BTreeMap<String, String> = templates
        .iter()
        .map(|(name, (origin, _))| (name.clone(), origin.clone()))
        .collect();
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
    let mut theme = Theme {
        tera: tera::Tera::new(),
        assets: assets.into_iter().collect(),
        origins,
    };
    tera.add_raw_templates(
        templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_ref())),
    )
    .map_err(|e| theme.diagnostic(&e))?;
    theme.tera = tera;
    Ok((theme, i18n))
}

impl Theme {
    /// A Tera error as a diagnostic: `themes/default/templates/home.html:12:5: message`.
    pub fn diagnostic(&self, e: &tera::Error) -> Diagnostic {
        use tera::ErrorKind;
        let message = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let origin = self
                    .origins
                    .get(r.filename())
                    .map_or(r.filename(), String::as_str);
                let span = r.span();
                format!(
                    "{origin}:{}:{}: template error: {}",
                    span.start_line,
                    span.start_col + 1,
                    r.message()
                )
            }
            ErrorKind::Msg(reports) if reports.contains(" --> ") => self.reports(reports),
            _ => {
                let mut m = format!("template error: {e}");
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    m.push_str(&format!(": {s}"));
                    source = s.source();
                }
                m
            }
        };
        error(message)
    }

    /// Tera's compile-time reports (`error: ...` / ` --> page.html:4:19` / a source excerpt),
    /// led by the first one's file:line:col and naming template files by where they came from.
    fn reports(&self, reports: &str) -> String {
        let mut first: Option<(String, String)> = None;
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
                let (name, pos) = at
                    .rsplit_once(':')
                    .and_then(|(rest, col)| {
                        rest.rsplit_once(':')
                            .map(|(name, line)| (name, format!("{line}:{col}")))
                    })
                    .unwrap_or((at, String::new()));
                let origin = self.origins.get(name).map_or(name, String::as_str);
                if first.is_none() {
                    first = Some((origin.to_string(), pos.clone()));
                }
                format!(" --> {origin}:{pos}")
            })
            .collect();
        let head = match (first, message) {
            (Some((origin, pos)), Some(m)) => format!("{origin}:{pos}: template error: {m}"),
            _ => "template error".to_string(),
        };
        // The first report's own `error:` line is the head now.
        let body: Vec<&str> = lines.iter().skip(1).map(String::as_str).collect();
        format!("{head}\n{}", body.join("\n"))
    }
}
