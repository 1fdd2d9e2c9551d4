//! `supportbook.yaml`: the site settings, and where the output folder may be.

use super::brand::{Brand, RawBrand};
use crate::diagnostics::{Code, Diagnostic, Loc, did_you_mean};
use crate::yaml::{Pairs, Spanned};
use schemars::JsonSchema;
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    pub title: Spanned<String>,
    /// Absolute http(s) URL where the site is published; `build --base-url` overrides it.
    pub base_url: Spanned<String>,
    /// BCP 47 tag of the content; default `en`.
    pub language: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    /// Built-in theme name (`default`) or a path to a theme folder.
    pub theme: Option<Spanned<String>>,
    /// Relative to the site folder; default `public`.
    pub output_dir: Option<Spanned<String>>,
    /// More languages the portal is published in, by BCP 47 tag (other than `language`).
    pub languages: Option<Spanned<RawLanguages>>,
    /// The partner's logo and accent colour (spec section 11).
    pub brand: Option<RawBrand>,
    /// Published changes (spec section 15): the git tags that mark published versions.
    pub changes: Option<Spanned<RawChanges>>,
    /// The search box's settings (spec 1.2, "Search, 1.2").
    pub search: Option<RawSearch>,
}

/// `changes`: which git tags are published versions of the terms, and the first one to list.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawChanges {
    /// A glob of git tag names (`terms-*`; `*` is any text, `?` one character).
    pub tags: Spanned<String>,
    /// The first version to list, by tag name; earlier ones are neither listed nor checked.
    pub since: Option<Spanned<String>>,
}

/// The checked `changes` settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Changes {
    pub tags: String,
    pub tags_loc: Loc,
    pub since: Option<String>,
    pub since_loc: Option<Loc>,
    /// Where `changes` is written.
    pub loc: Loc,
}

/// `search`: more groups of words customers use for the same thing, by language.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSearch {
    /// Groups of synonyms by site language (`en: [[invoice, bill, receipt]]`), added to the
    /// built-in groups of that language: a query with one member also finds the others.
    pub synonyms: Option<RawSynonyms>,
}

/// `search.synonyms`: groups of words by language tag.
pub(crate) type RawSynonyms = Pairs<Spanned<String>, Vec<Vec<Spanned<String>>>>;

/// `languages`: each tag with its settings (`de: {}` or `de:` for none).
pub(crate) type RawLanguages = Pairs<Spanned<String>, Option<Spanned<RawLanguage>>>;

/// One more language's settings: its own title and description, both optional.
#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
}

/// A language the portal is published in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Language {
    /// The BCP 47 tag as written (`en`, `pt-BR`).
    pub tag: String,
    /// The site's own language (`language`), published at the root.
    pub is_default: bool,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Where it is named in `supportbook.yaml`.
    pub loc: Option<Loc>,
}

/// The checked settings.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub description: Option<String>,
    pub theme: Option<String>,
    pub theme_loc: Option<Loc>,
    pub output_dir: PathBuf,
    pub output_dir_loc: Option<Loc>,
    /// Every language of the portal, the default one first, then as `languages` lists them.
    pub languages: Vec<Language>,
    pub brand: Brand,
    /// Published changes, when the site lists them (spec section 15).
    pub changes: Option<Changes>,
    /// `search.synonyms`: the site's own groups of synonyms, by language tag as the site writes it.
    pub synonyms: Vec<(String, Vec<Vec<String>>)>,
}

impl Config {
    pub(crate) fn check(raw: RawConfig, out: &mut Vec<Diagnostic>) -> Config {
        let base_url = normalise_base_url(&raw.base_url.value);
        if has_credentials(&raw.base_url.value) {
            // The value is not quoted: it holds a password.
            out.push(
                Diagnostic::error(Code::InvalidUrl, raw.base_url.loc, "`base_url` holds a user name or password (`user:password@`), which every page would publish")
                    .with_help("write the public address only, e.g. `https://support.contoso.example/`, and keep credentials out of the site"),
            );
        } else if base_url.is_none() {
            out.push(
                Diagnostic::error(Code::InvalidUrl, raw.base_url.loc, format!("`{}` is not an absolute http(s) URL", raw.base_url.value))
                    .with_help("write the address the site is published at, e.g. `https://support.contoso.example/`"),
            );
        }
        let language = raw
            .language
            .as_ref()
            .map_or("en".to_string(), |l| l.value.clone());
        if let Some(l) = &raw.language
            && !valid_language(&l.value)
        {
            out.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    l.loc,
                    format!("`{}` is not a BCP 47 language tag", l.value),
                )
                .with_help("e.g. `en`, `en-US`, `it`"),
            );
        }
        let languages = languages(
            &language,
            raw.language.as_ref().map(|l| l.loc),
            raw.languages,
            out,
        );
        let brand = Brand::read(raw.brand, out);
        let changes = raw.changes.map(|c| read_changes(c, out));
        let synonyms = synonyms(raw.search, &languages, out);
        Config {
            changes,
            synonyms,
            languages,
            brand,
            title: raw.title.value.clone(),
            base_url: base_url.unwrap_or_else(|| "https://example.invalid/".into()),
            language,
            description: raw.description.map(|d| d.value),
            theme_loc: raw.theme.as_ref().map(|t| t.loc),
            theme: raw.theme.map(|t| t.value),
            output_dir: raw
                .output_dir
                .as_ref()
                .map_or("public".into(), |o| PathBuf::from(&o.value)),
            output_dir_loc: raw.output_dir.map(|o| o.loc),
        }
    }
}

/// `changes`: the glob must name some tags (not be empty) and be a glob git tags can match.
fn read_changes(raw: Spanned<RawChanges>, out: &mut Vec<Diagnostic>) -> Changes {
    let RawChanges { tags, since } = raw.value;
    if tags.value.trim().is_empty() {
        out.push(
            Diagnostic::error(Code::InvalidValue, tags.loc, "`tags` is empty")
                .with_help("a glob of the git tags that mark published versions, e.g. `terms-*`"),
        );
    }
    if let Some(s) = &since
        && s.value.trim().is_empty()
    {
        out.push(
            Diagnostic::error(Code::InvalidValue, s.loc, "`since` is empty").with_help(
                "the tag of the first version to list, e.g. `terms-2026-01`, or leave `since` out",
            ),
        );
    }
    Changes {
        tags: tags.value,
        tags_loc: tags.loc,
        since_loc: since.as_ref().map(|s| s.loc),
        since: since.map(|s| s.value),
        loc: raw.loc,
    }
}

/// `search.synonyms`: each language must be one of the site's; a group needs two words.
fn synonyms(
    raw: Option<RawSearch>,
    languages: &[Language],
    out: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<Vec<String>>)> {
    let mut all = Vec::new();
    for (tag, groups) in raw
        .and_then(|s| s.synonyms)
        .map(|p| p.0)
        .unwrap_or_default()
    {
        let Some(language) = languages
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(&tag.value))
        else {
            let mut d = Diagnostic::error(
                Code::InvalidValue,
                tag.loc,
                format!("`{}` is not a language of this site", tag.value),
            );
            let tags = languages.iter().map(|l| l.tag.as_str());
            d = match did_you_mean(&tag.value, tags.clone()) {
                Some(s) => d.with_help(s),
                None => d.with_help(format!(
                    "the site's languages are {}",
                    tags.map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            out.push(d);
            continue;
        };
        let mut kept = Vec::new();
        for group in groups {
            let words: Vec<String> = group
                .iter()
                .map(|w| w.value.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() < 2 {
                let loc = group.first().map(|w| w.loc).unwrap_or(tag.loc);
                out.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        loc,
                        "a group of synonyms needs at least two words",
                    )
                    .with_help("e.g. `[invoice, bill, receipt]`"),
                );
                continue;
            }
            kept.push(words);
        }
        all.push((language.tag.clone(), kept));
    }
    all
}

/// The default language, then each of `languages` that is a valid tag other than it.
fn languages(
    default: &str,
    default_loc: Option<Loc>,
    raw: Option<Spanned<RawLanguages>>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Language> {
    let mut all = vec![Language {
        tag: default.to_string(),
        is_default: true,
        title: None,
        description: None,
        loc: default_loc,
    }];
    for (tag, settings) in raw.map(|r| r.value.0).unwrap_or_default() {
        let problem = if !valid_language(&tag.value) {
            Some(format!("`{}` is not a BCP 47 language tag", tag.value))
        } else if tag.value.eq_ignore_ascii_case(default) {
            Some(format!(
                "`{}` is the site's own `language`; list only the other languages here",
                tag.value
            ))
        } else {
            None
        };
        // Language tags are case-insensitive (BCP 47): `EN` beside `en` is the same language.
        if problem.is_none()
            && let Some(first) = all
                .iter()
                .skip(1)
                .find(|l| l.tag.eq_ignore_ascii_case(&tag.value))
        {
            let mut d = Diagnostic::error(
                Code::DuplicateKey,
                tag.loc,
                format!(
                    "`{}` is listed twice: `{}` is the same language (tags are case-insensitive)",
                    tag.value, first.tag
                ),
            )
            .with_help("list each language once");
            if let Some(loc) = first.loc {
                d = d.with_note(loc, "first listed here");
            }
            out.push(d);
            continue;
        }
        if let Some(message) = problem {
            out.push(
                Diagnostic::error(Code::InvalidValue, tag.loc, message)
                    .with_help("e.g. `en`, `de`, `fr-CH`"),
            );
            continue;
        }
        let settings = settings.map(|s| s.value);
        all.push(Language {
            tag: tag.value,
            is_default: false,
            title: settings
                .as_ref()
                .and_then(|s| s.title.as_ref())
                .map(|t| t.value.clone()),
            description: settings.and_then(|s| s.description).map(|d| d.value),
            loc: Some(tag.loc),
        });
    }
    all
}

impl Config {
    /// The language with this tag (`EN` finds `en`), with a suggestion when there is none.
    pub(crate) fn language(&self, tag: &str) -> Result<&Language, Option<String>> {
        self.languages
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(tag))
            .ok_or_else(|| did_you_mean(tag, self.languages.iter().map(|l| l.tag.as_str())))
    }
}

/// An absolute http(s) URL, ending with `/`, without credentials, query or fragment.
pub(crate) fn normalise_base_url(s: &str) -> Option<String> {
    let mut u = url::Url::parse(s.trim()).ok()?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none_or(str::is_empty) {
        return None;
    }
    if has_credentials(s) {
        return None;
    }
    if u.query().is_some() || u.fragment().is_some() {
        return None;
    }
    if !u.path().ends_with('/') {
        let p = format!("{}/", u.path());
        u.set_path(&p);
    }
    Some(u.to_string())
}

/// A URL with a user name or password (`https://user:pass@host/`).
pub(crate) fn has_credentials(s: &str) -> bool {
    url::Url::parse(s.trim()).is_ok_and(|u| !u.username().is_empty() || u.password().is_some())
}

fn valid_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A `theme` other than the built-in `default` must be a folder of the site.
pub(crate) fn check_theme(site: &Path, cfg: &Config) -> Option<Diagnostic> {
    let theme = cfg.theme.as_deref().filter(|t| *t != "default")?;
    if site.join(theme).is_dir() {
        return None;
    }
    Some(
        Diagnostic::error(Code::InvalidValue, cfg.theme_loc, format!("there is no theme folder `{theme}` in the site"))
            .with_help("use `default` (the built-in theme) or the path of a theme folder, relative to the site"),
    )
}

/// Removes `.` and resolves `..` without touching the file system.
pub(crate) fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The path with every symbolic link resolved: its longest part that exists, canonicalised,
/// and the rest as written.
fn resolved(path: &Path) -> PathBuf {
    let path = lexical(path);
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |p, r| p.join(r));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return path,
        }
    }
}

/// The output folder must not be the site, contain it, or lie inside a source folder, also
/// through a symbolic link. Both paths are absolute.
pub(crate) fn check_output_dir(site: &Path, output: &Path, loc: Option<Loc>) -> Option<Diagnostic> {
    let site = resolved(site);
    let output = resolved(output);
    let problem = if output == site {
        Some("is the site folder itself".to_string())
    } else if site.starts_with(&output) {
        Some("contains the site folder".to_string())
    } else {
        ["catalogue", "pages", "static", "templates", "translations"]
            .into_iter()
            .find(|d| output.starts_with(site.join(d)))
            .map(|d| format!("lies inside `{d}/`"))
    };
    problem.map(|p| {
        Diagnostic::error(
            Code::OutputDir,
            loc,
            format!("the output folder `{}` {p}", output.display()),
        )
        .with_help("build into a folder of its own, such as `public`")
    })
}
