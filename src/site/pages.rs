//! Markdown pages: front matter (`title` required; `description`, `weight`, `draft`, `slug`),
//! located by the page file's own line numbers, and the page's place in the output.

use crate::diagnostics::{Code, Diagnostic, FileId, Loc};
use crate::yaml::{self, Spanned};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    /// Navigation order: lower first, then by title.
    pub weight: Option<Spanned<i64>>,
    /// Left out of `build` unless `--drafts`.
    pub draft: Option<Spanned<bool>>,
    /// The page's path in the output, instead of its file path.
    pub slug: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub file: FileId,
    /// Path under `pages/`, with `/` separators: `kb/article.md`.
    pub source: String,
    /// Output folder under the site root, `""` for the home page text (`pages/index.md`).
    pub slug: String,
    /// Where the slug comes from: the front matter's `slug`, or the top of the file.
    pub slug_loc: Loc,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub draft: bool,
    /// Shared: a preview clones the site's pages for every edit.
    pub body: std::sync::Arc<str>,
    /// Line of the page file where `body` starts.
    pub body_line: u32,
    /// For a translation (`terms.en.md`): its language, and what its front matter set itself
    /// (the rest comes from the default-language page).
    pub translation: Option<Translated>,
}

/// A page that translates another (`pages/terms.en.md` of `pages/terms.md`).
#[derive(Debug, Clone)]
pub(crate) struct Translated {
    /// The language tag, as the site's `languages` names it.
    pub language: String,
    /// The default-language page's path under `pages/` (`terms.md`).
    pub original: String,
    pub sets_slug: bool,
    pub sets_weight: bool,
    pub sets_draft: bool,
}

impl Page {
    pub(crate) fn is_home(&self) -> bool {
        self.slug.is_empty()
    }
}

/// Splits `---\nYAML\n---\nbody`. Returns the YAML, the body and the body's first line.
fn split(text: &str) -> Option<(&str, &str, u32)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((yaml, body, i as u32 + 3));
        }
        offset += line.len();
    }
    None
}

/// The pages as the last loads parsed them, for the preview: a catalogue edit loads the site
/// again, and a page whose front matter and body read the same is the same page (its file
/// numbered anew). A page the preview's watcher has not seen change since it was read is not
/// even read again ([`PageMemo::unchanged`]). Only pages that parsed without a diagnostic are
/// kept.
#[derive(Default)]
pub(crate) struct PageMemo {
    /// By path under `pages/`.
    by_source: Mutex<HashMap<String, KeptPage>>,
}

struct KeptPage {
    /// The front matter's text.
    front: String,
    page: Page,
    /// No change to the file was reported since it was read.
    unchanged: bool,
}

impl std::fmt::Debug for PageMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PageMemo")
    }
}

/// A kept page, its file numbered `file` (everything located in the page is in that file).
fn renumbered(page: &Page, file: FileId) -> Page {
    let mut page = page.clone();
    page.file = file;
    page.slug_loc.file = file;
    page
}

impl PageMemo {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, KeptPage>> {
        self.by_source.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// [`parse_page`], from the page kept when its text is the same.
    pub(crate) fn parse(
        &self,
        text: &str,
        file: FileId,
        source: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Page> {
        let parts = split(text);
        if let Some((yaml_text, body, body_line)) = parts
            && let Some(kept) = self.lock().get_mut(source).filter(|k| {
                k.front == yaml_text && k.page.body_line == body_line && *k.page.body == *body
            })
        {
            kept.unchanged = true;
            return Some(renumbered(&kept.page, file));
        }
        let mut found = Vec::new();
        let page = parse_page(text, file, source, &mut found);
        if let (Some(page), true, Some((yaml_text, _, _))) = (&page, found.is_empty(), parts) {
            let kept = KeptPage {
                front: yaml_text.to_string(),
                page: page.clone(),
                unchanged: true,
            };
            self.lock().insert(source.to_string(), kept);
        }
        out.extend(found);
        page
    }

    /// The page kept for `source`, unread, when no change to its file was reported since it
    /// was read ([`PageMemo::changed`]).
    pub(crate) fn unchanged(&self, source: &str, file: FileId) -> Option<Page> {
        self.lock()
            .get(source)
            .filter(|k| k.unchanged)
            .map(|k| renumbered(&k.page, file))
    }

    /// The file of `source` changed (or came, or went): the next load reads it.
    pub(crate) fn changed(&self, source: &str) {
        if let Some(kept) = self.lock().get_mut(source) {
            kept.unchanged = false;
        }
    }

    /// Any file may have changed: the next load reads every page again.
    pub(crate) fn all_changed(&self) {
        for kept in self.lock().values_mut() {
            kept.unchanged = false;
        }
    }

    /// Forgets the pages that are gone.
    pub(crate) fn keep_only(&self, sources: &[(FileId, String)]) {
        let now: std::collections::HashSet<&str> =
            sources.iter().map(|(_, s)| s.as_str()).collect();
        self.lock()
            .retain(|source, _| now.contains(source.as_str()));
    }
}

/// Reads one page. `source` is its path under `pages/`.
pub(crate) fn parse_page(
    text: &str,
    file: FileId,
    source: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let start = Loc::new(file, 1, 1);
    let Some((yaml_text, body, body_line)) = split(text) else {
        out.push(
            Diagnostic::error(Code::FrontMatter, start, "the page has no front matter")
                .with_help("start the page with `---`, a line `title: ...`, and `---`"),
        );
        return None;
    };
    let node = match yaml::parse(yaml_text, file, 2) {
        Ok(n) => n,
        Err(ds) => {
            out.extend(ds.into_iter().map(|mut d| {
                d.code = if d.code == Code::YamlSyntax {
                    Code::FrontMatter
                } else {
                    d.code
                };
                d
            }));
            return None;
        }
    };
    let fm: FrontMatter = if matches!(node.kind, yaml::Kind::Null) {
        FrontMatter {
            title: None,
            description: None,
            weight: None,
            draft: None,
            slug: None,
        }
    } else {
        yaml::from_node_collect(&node, out)?
    };
    let Some(title) = fm.title else {
        out.push(Diagnostic::error(
            Code::MissingKey,
            start,
            "the page has no `title` in its front matter",
        ));
        return None;
    };
    let tagged = language_tag(source);
    let (slug, slug_loc) = match &fm.slug {
        Some(s) => (check_slug(s, out)?, s.loc),
        None => (
            default_slug(tagged.as_ref().map_or(source, |(o, _)| o)),
            start,
        ),
    };
    let translation = tagged.map(|(original, language)| Translated {
        language,
        original,
        sets_slug: fm.slug.is_some(),
        sets_weight: fm.weight.is_some(),
        sets_draft: fm.draft.is_some(),
    });
    Some(Page {
        file,
        source: source.to_string(),
        slug,
        slug_loc,
        title: title.value,
        description: fm.description.map(|d| d.value),
        weight: fm.weight.map_or(0, |w| w.value),
        draft: fm.draft.is_some_and(|d| d.value),
        body: yaml::printable(body.to_string()).into(),
        body_line,
        translation,
    })
}

/// `terms.en.md` → (`terms.md`, `en`): the page a file translates and the language tag before
/// `.md`, when that looks like one (two or three letters, then subtags: `pt-BR`).
fn language_tag(source: &str) -> Option<(String, String)> {
    let stem = source.strip_suffix(".md")?;
    let (original, tag) = stem.rsplit_once('.')?;
    let mut parts = tag.split('-');
    let primary = parts.next()?;
    let looks_like = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (looks_like && !original.is_empty() && !original.ends_with('/'))
        .then(|| (format!("{original}.md"), tag.to_string()))
}

/// Matches each translation to its default-language page and site language, and gives it what
/// its own front matter does not set (slug, weight, draft). A translation of a language the site
/// does not have, or of no page, is an error.
pub(crate) fn link_translations(
    pages: &mut [Page],
    languages: &[crate::site::config::Language],
    out: &mut Vec<Diagnostic>,
) {
    let originals: std::collections::HashMap<String, (String, i64, bool)> = pages
        .iter()
        .filter(|p| p.translation.is_none())
        .map(|p| (p.source.clone(), (p.slug.clone(), p.weight, p.draft)))
        .collect();
    for p in pages.iter_mut() {
        if languages.len() < 2 {
            // A site of one language has no translations: `faq.old.md` is a page like any other.
            if p.translation.take().is_some_and(|t| !t.sets_slug) {
                p.slug = default_slug(&p.source);
            }
            continue;
        }
        let Some(t) = &mut p.translation else {
            continue;
        };
        let at = Loc::new(p.file, 1, 1);
        let Some(language) = languages
            .iter()
            .find(|l| l.tag.eq_ignore_ascii_case(&t.language))
        else {
            let others: Vec<&str> = languages
                .iter()
                .filter(|l| !l.is_default)
                .map(|l| l.tag.as_str())
                .collect();
            out.push(
                Diagnostic::error(Code::UnknownReference, at, format!("page `{}` is in `{}`, which is not one of the site's `languages`", p.source, t.language))
                    .with_help(crate::diagnostics::did_you_mean(&t.language, others.iter().copied()).unwrap_or_else(|| {
                        format!("add `{}` to `languages` in supportbook.yaml, or rename the file if `.{}` is not a language", t.language, t.language)
                    })),
            );
            continue;
        };
        if language.is_default {
            out.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    at,
                    format!(
                        "page `{}` is tagged with the site's own language `{}`",
                        p.source, language.tag
                    ),
                )
                .with_help(format!(
                    "pages in the default language have no tag: name it `{}`",
                    t.original
                )),
            );
            continue;
        }
        t.language = language.tag.clone();
        let Some((slug, weight, draft)) = originals.get(&t.original) else {
            out.push(
                Diagnostic::error(Code::UnknownReference, at, format!("page `{}` translates `pages/{}`, which does not exist", p.source, t.original))
                    .with_help("pages exist in the default language first: add that page, and translate it here"),
            );
            continue;
        };
        if !t.sets_slug {
            p.slug = slug.clone();
        }
        if !t.sets_weight {
            p.weight = *weight;
        }
        if !t.sets_draft {
            p.draft = *draft;
        }
    }
}

impl Page {
    /// The language of the page's text: its translation's, or `None` for the default language.
    pub(crate) fn language(&self) -> Option<&str> {
        self.translation.as_ref().map(|t| t.language.as_str())
    }

    /// The default-language page this page is a version of (its own path when it is one).
    pub(crate) fn original(&self) -> &str {
        self.translation
            .as_ref()
            .map_or(&self.source, |t| &t.original)
    }
}

/// `terms.md` → `terms`, `kb/index.md` → `kb`, `index.md` → `` (the home page).
fn default_slug(source: &str) -> String {
    let stem = source.strip_suffix(".md").unwrap_or(source);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    if stem == "index" {
        String::new()
    } else {
        stem.to_string()
    }
}

/// The longest name of a file or folder most file systems allow, in bytes.
const MAX_SEGMENT: usize = 255;

/// A slug is one or more segments of letters, digits, `-`, `_`, `.`, joined by `/`; nothing
/// that could leave the output folder.
fn check_slug(s: &Spanned<String>, out: &mut Vec<Diagnostic>) -> Option<String> {
    let slug = s.value.trim_matches('/');
    let segment_ok = |seg: &str| {
        !seg.is_empty()
            && seg.len() <= MAX_SEGMENT
            && seg != "."
            && seg != ".."
            && seg
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.".contains(c))
    };
    if !slug.is_empty() && slug.split('/').all(segment_ok) && !Path::new(slug).is_absolute() {
        return Some(slug.to_string());
    }
    out.push(
        Diagnostic::error(
            Code::InvalidSlug,
            s.loc,
            format!("slug `{}` is not a path inside the site", s.value),
        )
        .with_help(format!("use letters, digits, `-`, `_` and `/` between segments of at most {MAX_SEGMENT} bytes, e.g. `support/terms`")),
    );
    None
}
