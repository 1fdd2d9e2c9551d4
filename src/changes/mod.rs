//! Published changes (spec section 15): the versions of a site marked by git tags, each checked
//! as `check` checks a site and compared with the one before it by `diff`'s engine, in every
//! language of the site, and the working tree's changes as "unreleased" for `build --drafts`
//! and `serve`.
//!
//! Versions are the tags matching `changes.tags`, ordered by their commit's committer date then
//! by name; the tags of one commit are one version, named by the first of them in name order.
//! Each version is written once, into one temporary folder that git moves from one tagged
//! commit to the next (only the files that differ are written), and checked once; only the
//! version before is kept to compare with. The temporary folder is removed afterwards, also
//! on failure and on Ctrl-C.

pub(crate) mod history;
mod links;

use crate::catalogue::Catalogue;
use crate::diagnostics::{Code, Diagnostic, Level, Loc, did_you_mean};
use crate::diff::git::{self, GitError, Repository, Tag, Worktree};
use crate::diff::words::Words;
use crate::diff::{self, Version};
use crate::error::Error;
use crate::pipeline::{self, CheckOptions, Checked, Valid};
use crate::site::config::{Changes as Settings, Config};
use crate::translation;
use history::{Changes, History, Published};
use links::Fact;
use std::path::Path;

/// A version read from git: its tags and what names and dates it.
struct Tagged {
    tags: Vec<String>,
    commit: String,
    committed: i64,
    name: String,
    date: jiff::civil::Date,
}

/// What one version changed, in each language, with the fact each change is about.
struct Compared {
    language: String,
    report: diff::Report,
    facts: Vec<Option<Fact>>,
}

/// One listed version, before its changes are linked to the site being built.
struct Listed {
    version: Tagged,
    first: bool,
    previous: Option<String>,
    compared: Vec<Compared>,
}

/// The site's versions as read from git: everything of the history that does not depend on the
/// working tree, kept by `serve` while the tags stay the same.
pub(crate) struct Loaded {
    /// What it was read for: the settings, the tags, the languages.
    key: String,
    /// Newest first.
    listed: Vec<Listed>,
    /// Whether the versions were compared (`check` only checks them).
    compared: bool,
    /// The newest version (its tag, its label and itself), to compare the working tree with.
    newest: Option<(String, String, Valid)>,
    head_date: Option<jiff::civil::Date>,
}

/// Reads the versions of a checked site, when it lists its changes: each tagged version's
/// errors go into the site's report (located in that version), and, when `compare` and the
/// site is valid, the changes between consecutive versions in every language of the site.
/// `None` when the site does not list changes or they cannot be read (then the report says why).
pub(crate) fn load(checked: &mut Checked, compare: bool) -> Option<Loaded> {
    load_cached(checked, compare, None)
}

/// [`load`], reusing `cache` when the tags, the settings and the languages are the same.
pub(crate) fn load_cached(
    checked: &mut Checked,
    compare: bool,
    cache: Option<Loaded>,
) -> Option<Loaded> {
    let config = checked.site.config.clone()?;
    let settings = config.changes.clone()?;
    let mut out = Vec::new();
    let loaded = read(checked, &config, &settings, compare, cache, &mut out);
    checked.report.extend(out);
    checked.report.sort(&checked.site.files);
    loaded
}

fn read(
    checked: &mut Checked,
    config: &Config,
    settings: &Settings,
    compare: bool,
    cache: Option<Loaded>,
    out: &mut Vec<Diagnostic>,
) -> Option<Loaded> {
    let git_error = |e: GitError| -> Diagnostic {
        match e {
            GitError::Missing(why) => Diagnostic::error(Code::InvalidValue, settings.loc, why)
                .with_help("install git, or remove `changes` from supportbook.yaml"),
            GitError::NotARepository(why) => Diagnostic::error(
                Code::InvalidValue,
                settings.loc,
                format!("`changes` publishes the versions marked by git tags, but the site is not in a git repository ({why})"),
            )
            .with_help("keep the site in git (`git init`, commit, `git tag -a terms-2027-01 -m \"…\"`), or remove `changes`"),
            GitError::Failed(why) => Diagnostic::error(
                Code::InvalidValue,
                settings.loc,
                format!("git could not read the site's versions: {why}"),
            ),
        }
    };
    let repo = match git::repository(&checked.site.root) {
        Ok(r) => r,
        Err(e) => {
            out.push(git_error(e));
            return None;
        }
    };
    let all = match repo.tags() {
        Ok(t) => t,
        Err(e) => {
            out.push(git_error(e));
            return None;
        }
    };
    let matching: Vec<Tag> = all
        .into_iter()
        .filter(|t| glob(&settings.tags, &t.name))
        .collect();
    let versions = versions(&matching, settings, out);
    let start = match &settings.since {
        None => 0,
        Some(since) => match versions.iter().position(|v| v.tags.contains(since)) {
            Some(i) => i,
            None => {
                let names: Vec<&str> = matching.iter().map(|t| t.name.as_str()).collect();
                let mut d = Diagnostic::error(
                    Code::UnknownReference,
                    settings.since_loc,
                    format!(
                        "`since` names `{since}`, which is not a tag matching `{}`",
                        settings.tags
                    ),
                );
                d = match did_you_mean(since, names.iter().copied()) {
                    Some(s) => d.with_help(format!("did you mean `{s}`?")),
                    None if names.is_empty() => {
                        d.with_help("no tag matches yet: tag a version first, or leave `since` out")
                    }
                    None => d.with_help(format!("the matching tags: {}", shorten(&names))),
                };
                out.push(d);
                return None;
            }
        },
    };
    let languages: Vec<String> = config.languages.iter().map(|l| l.tag.clone()).collect();
    let key = format!(
        "{:?}|{:?}|{}",
        settings,
        languages,
        versions
            .iter()
            .map(|v| format!("{}:{}:{}:{}", v.commit, v.tags.join(","), v.name, v.date))
            .collect::<Vec<_>>()
            .join(";")
    );
    let compare =
        compare && !checked.report.has_errors() && !out.iter().any(|d| d.level == Level::Error);
    if let Some(c) = cache
        && c.key == key
        && (c.compared || !compare)
    {
        return Some(c);
    }
    let head_date = repo.head_date().map(utc_date);
    // The version before the first listed one is read too, to compare with (not listed).
    let from = start.saturating_sub(1);
    let mut worktree = match Worktree::new(&repo) {
        Ok(w) => w,
        Err(e) => {
            out.push(Diagnostic::error(
                Code::InvalidValue,
                settings.loc,
                e.to_string(),
            ));
            return None;
        }
    };
    let mut listed = Vec::new();
    let mut previous: Option<(String, String, Valid)> = None;
    let mut failed = false;
    for (i, v) in versions.into_iter().enumerate().skip(from) {
        let tag = v.tags[0].clone();
        let valid = match check_version(
            &repo,
            &mut worktree,
            &v,
            &tag,
            &mut checked.site.files,
            settings.tags_loc,
        ) {
            Ok(valid) => Some(valid),
            Err(ds) => {
                out.extend(ds);
                failed = true;
                None
            }
        };
        if i >= start {
            let compared = match (&previous, &valid) {
                (Some((_, old_label, old)), Some(new)) if compare => {
                    compare_all(old_label, old, &label(&repo, &tag), new, &languages)
                }
                _ => Vec::new(),
            };
            listed.push(Listed {
                first: i == 0,
                previous: previous.as_ref().map(|(t, _, _)| t.clone()),
                version: v,
                compared,
            });
        }
        let label = label(&repo, &tag);
        previous = valid.map(|valid| (tag, label, valid));
    }
    drop(worktree);
    if failed {
        return None;
    }
    listed.reverse();
    Some(Loaded {
        key,
        compared: compare,
        listed,
        newest: previous,
        head_date,
    })
}

/// `REV:path/in/repo`, as `diff --against` names a version.
fn label(repo: &Repository, tag: &str) -> String {
    format!("{tag}:{}", repo.folder)
}

/// What a version's file names start with: `TAG:path/in/repo/`, or `TAG:`.
fn files_prefix(repo: &Repository, tag: &str) -> String {
    if repo.folder.is_empty() {
        format!("{tag}:")
    } else {
        format!("{tag}:{}/", repo.folder)
    }
}

/// Writes and checks one version; its errors, located in it (`TAG:path:line`), otherwise.
fn check_version(
    repo: &Repository,
    worktree: &mut Worktree,
    v: &Tagged,
    tag: &str,
    files: &mut crate::diagnostics::Files,
    loc: Loc,
) -> Result<Valid, Vec<Diagnostic>> {
    let fail = |message: String| vec![Diagnostic::error(Code::InvalidValue, loc, message)];
    match worktree.switch(&v.commit) {
        Ok(true) => {}
        Ok(false) => {
            return Err(fail(format!(
                "the version tagged `{tag}` has no site folder {}",
                if repo.folder.is_empty() {
                    "at the repository's root".to_string()
                } else {
                    format!("`{}`", repo.folder)
                }
            )));
        }
        Err(GitError::Failed(why) | GitError::Missing(why) | GitError::NotARepository(why)) => {
            return Err(fail(format!(
                "git could not write the version tagged `{tag}`: {why}"
            )));
        }
    }
    let site = worktree.site();
    let checked = match pipeline::check(&site, &CheckOptions::default()) {
        Ok(c) => c,
        Err(Error::NotASite(_)) => {
            return Err(fail(format!(
                "the version tagged `{tag}` has no supportbook.yaml in the site folder"
            )));
        }
        Err(e) => {
            return Err(fail(format!(
                "the version tagged `{tag}` could not be read: {e}"
            )));
        }
    };
    let mut checked = checked;
    let from = format!("{}/", site.to_string_lossy().replace('\\', "/"));
    checked
        .site
        .files
        .rename_prefix(&from, &files_prefix(repo, tag));
    if !checked.report.has_errors() {
        return checked
            .valid()
            .map_err(|_| fail(format!("the version tagged `{tag}` does not pass `check`")));
    }
    // Its errors, in the site's report: file names carried over into the site's table.
    let theirs = &checked.site.files;
    let mut moved = |l: Option<Loc>| {
        l.map(|l| Loc {
            file: files.add(Path::new(theirs.name(l.file))),
            ..l
        })
    };
    let mut errors = Vec::new();
    for d in checked
        .report
        .diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
    {
        let mut e = d.clone();
        e.message = format!(
            "the version tagged `{tag}` does not pass `check`: {}",
            d.message
        );
        e.loc = moved(d.loc).or(Some(loc));
        e.notes = d
            .notes
            .iter()
            .map(|(l, n)| (moved(*l), n.clone()))
            .collect();
        e.group = None;
        errors.push(e);
    }
    Err(errors)
}

/// The versions, oldest first: the tags grouped by commit, ordered by the commit's date, then
/// by name.
fn versions(tags: &[Tag], settings: &Settings, out: &mut Vec<Diagnostic>) -> Vec<Tagged> {
    let mut by_commit: std::collections::BTreeMap<&str, Vec<&Tag>> = Default::default();
    for t in tags {
        by_commit.entry(t.commit.as_str()).or_default().push(t);
    }
    let mut versions: Vec<Tagged> = by_commit
        .into_values()
        .map(|mut group| {
            group.sort_by(|a, b| a.name.cmp(&b.name));
            let first = group[0];
            let annotation = first.annotation.as_deref().unwrap_or("");
            let date = effective(annotation).unwrap_or_else(|bad| {
                if let Some(bad) = bad {
                    out.push(
                        Diagnostic::error(
                            Code::InvalidDate,
                            settings.tags_loc,
                            format!("the tag `{}` says `{bad}`, which is not a date", first.name),
                        )
                        .with_help("write the line as `effective: YYYY-MM-DD`, e.g. `effective: 2027-01-01`"),
                    );
                }
                utc_date(first.committed)
            });
            Tagged {
                tags: group.iter().map(|t| t.name.clone()).collect(),
                commit: first.commit.clone(),
                committed: first.committed,
                name: name(annotation).unwrap_or_else(|| first.name.clone()),
                date,
            }
        })
        .collect();
    versions.sort_by(|a, b| (a.committed, &a.tags[0]).cmp(&(b.committed, &b.tags[0])));
    versions
}

/// The annotation's first line, unless it is empty or an `effective:` line.
fn name(annotation: &str) -> Option<String> {
    let first = annotation.lines().next()?.trim();
    (!first.is_empty() && !is_effective(first)).then(|| first.to_string())
}

fn is_effective(line: &str) -> bool {
    line.trim()
        .get(..10)
        .is_some_and(|p| p.eq_ignore_ascii_case("effective:"))
}

/// The date of the annotation's `effective:` line; `Err(Some(line))` for a line that is not a
/// date, `Err(None)` when there is none.
fn effective(annotation: &str) -> Result<jiff::civil::Date, Option<String>> {
    let Some(line) = annotation.lines().map(str::trim).find(|l| is_effective(l)) else {
        return Err(None);
    };
    let value = line[10..].trim();
    let strict = value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    match value.parse::<jiff::civil::Date>() {
        Ok(d) if strict => Ok(d),
        _ => Err(Some(line.to_string())),
    }
}

fn utc_date(seconds: i64) -> jiff::civil::Date {
    let t = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    jiff::tz::Offset::UTC.to_datetime(t).date()
}

/// Whether a tag name matches a glob: `*` any text (`/` too), `?` one character, anything
/// else itself.
fn glob(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&c) if c == '?' || c == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn shorten(names: &[&str]) -> String {
    let shown: Vec<String> = names.iter().take(8).map(|n| format!("`{n}`")).collect();
    if names.len() > shown.len() {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// A version's catalogue in the words of `language`, when that is not its own and it has a
/// translation (as `diff --lang` reads it).
fn in_language(valid: &Valid, language: &str) -> Option<Catalogue> {
    valid
        .translations
        .iter()
        .find(|t| t.language == language)
        .map(|t| translation::translate(&valid.catalogue, t))
}

/// What changes from `old` to `new`, in each language, with the fact each change is about.
fn compare_all(
    old_label: &str,
    old: &Valid,
    new_label: &str,
    new: &Valid,
    languages: &[String],
) -> Vec<Compared> {
    use rayon::prelude::*;
    languages
        .par_iter()
        .filter_map(|language| {
            let words = Words::load(language).ok()?;
            let (ow, nw) = (in_language(old, language), in_language(new, language));
            let ov = Version::new(old_label, old, ow.as_ref());
            let nv = Version::new(new_label, new, nw.as_ref());
            let report = diff::compare(&ov, &nv, &words);
            let facts = report
                .changes
                .iter()
                .map(|c| links::fact(c, &ov, &nv))
                .collect();
            Some(Compared {
                language: language.clone(),
                report,
                facts,
            })
        })
        .collect()
}

impl Loaded {
    /// The history as the site being built publishes it: every listed version, with the
    /// working tree's changes first as "unreleased" when `unreleased` and there are any.
    pub(crate) fn history(&self, current: &Valid, unreleased: bool) -> History {
        let (cat, site, drafts) = (&current.catalogue, &current.site, current.include_drafts);
        let linked = |compared: &[Compared]| -> Vec<Changes> {
            compared
                .iter()
                .map(|c| Changes {
                    language: c.language.clone(),
                    report: c.report.clone(),
                    targets: c
                        .facts
                        .iter()
                        .map(|f| f.as_ref().and_then(|f| links::target(f, cat, site, drafts)))
                        .collect(),
                })
                .collect()
        };
        let mut versions = Vec::new();
        if unreleased && let Some((tag, old_label, newest)) = &self.newest {
            let languages: Vec<String> = current
                .config
                .languages
                .iter()
                .map(|l| l.tag.clone())
                .collect();
            let root = current.site.root.to_string_lossy().replace('\\', "/");
            let label = current.site.arg.to_string_lossy().replace('\\', "/");
            let label = if label.is_empty() { root } else { label };
            let compared = compare_all(old_label, newest, &label, current, &languages);
            if compared.iter().any(|c| !c.report.changes.is_empty()) {
                versions.push(Published {
                    tag: None,
                    tags: Vec::new(),
                    name: String::new(),
                    date: None,
                    first: false,
                    previous: Some(tag.clone()),
                    reports: linked(&compared),
                });
            }
        }
        for l in &self.listed {
            versions.push(Published {
                tag: Some(l.version.tags[0].clone()),
                tags: l.version.tags.clone(),
                name: l.version.name.clone(),
                date: Some(l.version.date),
                first: l.first,
                previous: l.previous.clone(),
                reports: linked(&l.compared),
            });
        }
        History {
            versions,
            head_date: self.head_date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_tag_names() {
        assert!(glob("terms-*", "terms-2026-01"));
        assert!(glob("terms-*", "terms-"));
        assert!(!glob("terms-*", "term-2026"));
        assert!(glob("t?rms-*-01", "terms-2026-01"));
        assert!(glob("*", "anything/at all"));
        assert!(!glob("terms", "terms-1"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxbyy"));
    }

    #[test]
    fn names_and_dates_come_from_the_annotation() {
        assert_eq!(
            name("Terms 2027\n\neffective: 2027-01-01\n").as_deref(),
            Some("Terms 2027")
        );
        assert_eq!(name("effective: 2027-01-01\n"), None);
        assert_eq!(name("\nTerms"), None);
        assert_eq!(
            effective("x\n\neffective: 2027-01-01\n").map(|d| d.to_string()),
            Ok("2027-01-01".into())
        );
        assert_eq!(
            effective("x\n\nEffective:2027-1-1"),
            Err(Some("Effective:2027-1-1".into()))
        );
        assert_eq!(effective("x"), Err(None));
        assert_eq!(utc_date(86_399).to_string(), "1970-01-01");
    }
}
