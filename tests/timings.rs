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

#[test]
fn build_timings_nest_each_language_and_its_search_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["build", "--timings", "--output"])
        .arg(dir.path().join("out"))
        .arg(repo().join("content-example"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    // One edition per language (Italian and English), each holding its pages, data and search
    // index, the index indented under them (it follows the pages; the data is written beside them).
    let editions = lines
        .iter()
        .filter(|l| l.starts_with("  one language"))
        .count();
    assert_eq!(editions, 2, "{err}");
    let i = lines
        .iter()
        .position(|l| l.starts_with("render and write"))
        .unwrap();
    assert!(lines[i + 1].starts_with("  one language"), "{err}");
    assert!(lines[i + 2].starts_with("    pages, data, search"), "{err}");
    assert!(
        lines.iter().any(|l| l.starts_with("      search index")),
        "{err}"
    );
    // The build itself is the same: its one line on standard output.
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("built "));
}
