//! `check --timings` and `build --timings`: a profile of each stage on standard error, with the
//! binary's own allocation counts, and nothing else changed.

mod common;

use common::{bin, repo};

/// The rows of a profile: (stage, wall ms, allocated MB, peak live MB).
fn rows(stderr: &str) -> Vec<(String, f64, f64, f64)> {
    stderr
        .lines()
        .skip_while(|l| !l.starts_with("stage"))
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let n = cols.len();
            if n < 3 {
                return None;
            }
            let num = |s: &str| s.parse::<f64>().ok();
            let (name, wall, alloc, peak) = if l.starts_with("whole run") {
                (
                    "whole run".to_string(),
                    0.0,
                    num(cols[n - 2])?,
                    num(cols[n - 1])?,
                )
            } else {
                (
                    cols[..n - 3].join(" "),
                    num(cols[n - 3])?,
                    num(cols[n - 2])?,
                    num(cols[n - 1])?,
                )
            };
            Some((name, wall, alloc, peak))
        })
        .collect()
}

#[test]
fn check_timings_profile_every_stage_with_allocations() {
    let site = repo().join("content-example");
    let plain = bin().arg("check").arg(&site).output().unwrap();
    let timed = bin()
        .args(["check", "--timings"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), timed.status.code());
    // The report is the same; the profile goes to standard error only.
    assert_eq!(plain.stdout, timed.stdout);
    let err = String::from_utf8_lossy(&timed.stderr);
    let rows = rows(&err);
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    for stage in [
        "load",
        "catalogue",
        "layout and links",
        "route: decide",
        "route: analyse",
        "translations",
        "whole run",
    ] {
        assert!(names.contains(&stage), "no {stage} in:\n{err}");
    }
    let whole = rows.iter().find(|r| r.0 == "whole run").unwrap();
    // Loading the example allocates something, and the whole run's peak bounds every stage's.
    assert!(whole.2 > 0.0, "{err}");
    assert!(rows.iter().all(|r| r.3 <= whole.3 + 0.05), "{err}");
    assert!(plain.stderr.is_empty() || !String::from_utf8_lossy(&plain.stderr).contains("stage"));
}

/// The stages of a profile as a tree: (depth, name), in the order printed.
fn tree(stderr: &str) -> Vec<(usize, String)> {
    stderr
        .lines()
        .skip_while(|l| !l.starts_with("stage"))
        .skip(1)
        .filter(|l| !l.starts_with("whole run"))
        .map(|l| {
            let depth = (l.len() - l.trim_start().len()) / 2;
            let cols: Vec<&str> = l.split_whitespace().collect();
            (depth, cols[..cols.len() - 3].join(" "))
        })
        .collect()
}

/// The stages printed directly under the `n`th line of `tree`.
fn under(tree: &[(usize, String)], n: usize) -> Vec<(usize, &str)> {
    let depth = tree[n].0;
    tree[n + 1..]
        .iter()
        .enumerate()
        .take_while(|(_, (d, _))| *d > depth)
        .filter(|(_, (d, _))| *d == depth + 1)
        .map(|(i, (_, name))| (n + 1 + i, name.as_str()))
        .collect()
}

/// Builds `site` with `--timings` and checks that every language is a stage of its own under
/// "render and write", holding its pages, data and search, which hold its pages, data and
/// search index: also
/// when the languages run side by side on the pool's threads and the index on another.
fn assert_languages_nest(site: &std::path::Path, languages: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["build", "--timings", "--output"])
        .arg(dir.path().join("out"))
        .arg(site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let tree = tree(&err);
    let render = tree
        .iter()
        .position(|(d, name)| *d == 0 && name == "render and write")
        .unwrap_or_else(|| panic!("no render stage in:\n{err}"));
    let editions = under(&tree, render);
    let mut names: Vec<&str> = editions.iter().map(|(_, name)| *name).collect();
    names.sort();
    let expected: Vec<String> = languages
        .iter()
        .map(|l| format!("one language: {l}"))
        .collect();
    assert_eq!(names, expected, "{err}");
    for (at, _) in editions {
        let inner = under(&tree, at);
        assert_eq!(inner.len(), 1, "{err}");
        assert_eq!(inner[0].1, "pages, data, search", "{err}");
        // The pages first, then the index and the data side by side.
        let mut parts: Vec<&str> = under(&tree, inner[0].0).iter().map(|(_, n)| *n).collect();
        assert_eq!(parts.first(), Some(&"pages"), "{err}");
        parts.sort();
        assert_eq!(parts, ["data", "pages", "search index"], "{err}");
    }
    // The build itself is the same: its one line on standard output.
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("built "));
}

#[test]
fn build_timings_nest_each_language_and_its_search_index() {
    // English and Italian, rendered side by side.
    assert_languages_nest(&repo().join("content-example"), &["en", "it"]);
}

#[test]
fn build_timings_nest_the_search_index_of_a_site_in_one_language() {
    // One language renders on the calling thread, its index on a pool thread.
    let site = common::Site::minimal();
    assert_languages_nest(&site.path(), &["en"]);
}
