//! Published changes (spec section 15): the example site in a git repository of its own, with
//! versions tagged under hostile names (`terms--help`, `terms-$(x)`, quotes, `<`, unicode),
//! built as a partner builds it; the changes page, the Atom feed (checked by `xmllint` and
//! Python's `feedparser`) and `api/changes.json` in every language of the site; byte-identical
//! rebuilds; the working tree as "unreleased" only with `--drafts`; and the errors `check`
//! reports (no repository, a tagged version that does not pass `check`, an unknown `since`, no
//! `git`). Every command runs with its own `TMPDIR`, which must be empty afterwards.

mod common;

use common::{bin, copy_dir, repo};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// The example site at `<tmp>/repo/site`, in a git repository of its own.
struct History {
    tmp: TempDir,
}

/// The hostile names: the tags of the second version (one commit), and of the third.
const HELP: &str = "terms--help";
const DOLLAR: &str = "terms-$(x)";
const QUOTED: &str = "terms-ünï\"<b>'";

impl History {
    fn new(config_tail: &str) -> History {
        let tmp = TempDir::new().unwrap();
        let site = tmp.path().join("repo").join("site");
        copy_dir(&repo().join("content-example"), &site);
        let config = site.join("supportbook.yaml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, format!("{text}{config_tail}")).unwrap();
        std::fs::create_dir_all(tmp.path().join("tmp")).unwrap();
        let h = History { tmp };
        h.git(&["init", "-q", "-b", "main"]);
        h
    }

    /// The three versions: the first (annotated, with an effective date), a higher Premium
    /// price (two tags on one commit), and a comment only (no change for customers).
    fn tagged() -> History {
        let h = History::new("changes:\n  tags: \"terms-*\"\n");
        h.commit("2026-01-05T10:00:00Z");
        h.git(&[
            "tag",
            "-a",
            "terms-2026-01",
            "-m",
            "Condizioni 2026",
            "-m",
            "effective: 2026-01-15",
        ]);
        h.edit(
            "catalogue/plans.yaml",
            "percent_of_spend: 10",
            "percent_of_spend: 12",
        );
        h.commit("2026-02-01T09:00:00Z");
        h.git(&["tag", HELP]);
        h.git(&[
            "tag",
            "-a",
            DOLLAR,
            "-m",
            "Prezzi \"nuovi\" <2026> & più",
            "-m",
            "effective: 2026-02-20",
        ]);
        h.edit("catalogue/plans.yaml", "plans:\n", "# reviewed\nplans:\n");
        h.commit("2026-03-01T23:30:00Z");
        h.git(&["tag", "-a", QUOTED, "-m", "effective: 2026-03-10"]);
        h
    }

    fn repo(&self) -> PathBuf {
        self.tmp.path().join("repo")
    }

    fn site(&self) -> PathBuf {
        self.repo().join("site")
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.site().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn git(&self, args: &[&str]) {
        git_in(&self.repo(), args, None);
    }

    fn commit(&self, date: &str) {
        self.git(&["add", "-A"]);
        git_in(&self.repo(), &["commit", "-q", "-m", "version"], Some(date));
    }

    /// Runs supportbook in the repository with its own temporary folder.
    fn run(&self, args: &[&str]) -> std::process::Output {
        let out = bin()
            .current_dir(self.repo())
            .env("TMPDIR", self.tmp.path().join("tmp"))
            .args(args)
            .output()
            .unwrap();
        common::assert_no_panic(&out);
        out
    }

    fn build(&self, extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
        let mut args = vec!["build", "site"];
        args.extend(extra);
        let out = self.run(&args);
        assert!(
            out.status.success(),
            "build: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.assert_no_temporary_left();
        files(&self.site().join("public"))
    }

    fn assert_no_temporary_left(&self) {
        let left: Vec<_> = std::fs::read_dir(self.tmp.path().join("tmp"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "left in the temporary folder: {left:?}");
    }
}

fn git_in(dir: &Path, args: &[&str], date: Option<&str>) {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir).args([
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.com",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "tag.gpgsign=false",
    ]);
    if let Some(d) = date {
        cmd.env("GIT_AUTHOR_DATE", d).env("GIT_COMMITTER_DATE", d);
    }
    let out = cmd.args(args).output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under a folder, by path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The anchor of a version's entry, as the page writes it.
fn anchor(tag: &str) -> String {
    let mut s = String::from("v-");
    for b in tag.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// Runs Python's feedparser on a feed: `{bozo, title, entries: [{id, title, updated, link,
/// content}]}`.
fn parse_feed(path: &Path) -> Value {
    let script = r#"
import json, sys, feedparser
f = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": f.bozo, "bozo_exception": str(f.get("bozo_exception", "")),
  "version": f.version, "title": f.feed.get("title"), "id": f.feed.get("id"),
  "updated": f.feed.get("updated"), "author": f.feed.get("author"),
  "self": [l.href for l in f.feed.get("links", []) if l.rel == "self"],
  "entries": [{"id": e.id, "title": e.title, "updated": e.updated, "link": e.link,
               "content": e.content[0].value, "content_type": e.content[0].type} for e in f.entries],
}))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "feedparser: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn xmllint(path: &Path) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg(path)
        .output()
        .expect("xmllint (libxml2-utils) runs");
    assert!(
        out.status.success(),
        "xmllint {}: {}",
        path.display(),
        stderr(&out)
    );
}

#[test]
fn the_changes_page_feed_and_data_in_every_language() {
    let h = History::tagged();
    let out = h.build(&[]);
    // Italian at the root, English under /en/.
    for (prefix, first, nothing, worse, link, lang) in [
        (
            "",
            "Prima versione pubblicata.",
            "Nessuna modifica per voi.",
            "Modifiche a vostro svantaggio",
            "/plans/premium/",
            "it",
        ),
        (
            "en/",
            "First published version.",
            "No changes for customers.",
            "Changes for the worse",
            "/en/plans/premium/",
            "en",
        ),
    ] {
        let page = text(&out, &format!("{prefix}changes/index.html"));
        assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{page}");
        // Newest first: the comment-only version, then the price, then the first one.
        let at = |tag: &str| {
            page.find(&format!("id=\"{}\"", anchor(tag)))
                .unwrap_or_else(|| panic!("{prefix}: no entry for {tag}: {page}"))
        };
        assert!(at(QUOTED) < at(DOLLAR) && at(DOLLAR) < at("terms-2026-01"));
        // Tags on one commit are one version, named by the first tag in name order.
        assert!(!page.contains(&anchor(HELP)), "{page}");
        // Names: the annotation's first line (escaped), else the tag.
        assert!(
            page.contains("Prezzi &quot;nuovi&quot; &lt;2026&gt; &amp; più"),
            "{page}"
        );
        assert!(
            page.contains("terms-ünï&quot;&lt;b&gt;&#x27;")
                || page.contains("terms-ünï&quot;&lt;b&gt;&#39;"),
            "{page}"
        );
        assert!(page.contains("Condizioni 2026"));
        // Dates: the effective lines.
        for d in ["2026-03-10", "2026-02-20", "2026-01-15"] {
            assert!(
                page.contains(&format!("datetime=\"{d}\"")),
                "{prefix}: no {d}"
            );
        }
        assert!(page.contains(first), "{prefix}: {page}");
        assert!(page.contains(nothing), "{prefix}: {page}");
        assert!(page.contains(worse), "{prefix}: {page}");
        assert!(
            page.contains(&format!("href=\"{link}\"")),
            "{prefix}: {page}"
        );
        assert!(!page.contains("id=\"unreleased\""));
        // Every page links to the changes and to the feed.
        for p in ["index.html", "plans/index.html", "changes/index.html"] {
            let html = text(&out, &format!("{prefix}{p}"));
            assert!(
                html.contains(&format!("href=\"/{prefix}changes/\"")),
                "{prefix}{p}"
            );
            assert!(
                html.contains("type=\"application/atom+xml\" title=")
                    && html.contains(&format!("href=\"/{prefix}changes.atom\"")),
                "{prefix}{p}"
            );
        }

        let feed_path = h
            .site()
            .join("public")
            .join(format!("{prefix}changes.atom"));
        xmllint(&feed_path);
        let feed = parse_feed(&feed_path);
        assert_eq!(feed["bozo"], false, "{feed}");
        assert_eq!(feed["version"], "atom10");
        assert_eq!(feed["author"], "Contoso Cloud Italia S.r.l.");
        let base = format!("https://support.contoso-cloud.example/{prefix}");
        assert_eq!(feed["self"][0], format!("{base}changes.atom"));
        assert_eq!(feed["updated"], "2026-03-10T00:00:00Z");
        let entries = feed["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 3, "{feed}");
        let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [QUOTED, DOLLAR, "terms-2026-01"].map(|t| format!("{base}changes/#{}", anchor(t)))
        );
        assert!(
            entries[1]["title"]
                .as_str()
                .unwrap()
                .starts_with("Prezzi \"nuovi\" <2026> & più"),
            "{feed}"
        );
        assert!(
            entries[0]["title"].as_str().unwrap().starts_with(QUOTED),
            "{feed}"
        );
        assert_eq!(entries[1]["updated"], "2026-02-20T00:00:00Z");
        let content = entries[1]["content"].as_str().unwrap();
        assert!(
            content.contains(worse) && content.contains("12%"),
            "{content}"
        );
        assert!(
            content.contains(&format!(
                "href=\"https://support.contoso-cloud.example{link}\""
            )),
            "{content}"
        );
        assert!(entries[2]["content"].as_str().unwrap().contains(first));

        let json: Value =
            serde_json::from_slice(&out[&format!("{prefix}api/changes.json")]).unwrap();
        let versions = json["versions"].as_array().unwrap();
        assert_eq!(versions.len(), 3);
        assert_eq!(versions[1]["tag"], DOLLAR);
        assert_eq!(versions[1]["tags"], serde_json::json!([DOLLAR, HELP]));
        assert_eq!(versions[1]["previous"], "terms-2026-01");
        assert_eq!(versions[1]["worse"], 1);
        let change = &versions[1]["changes"][0];
        assert_eq!(change["kind"], "price");
        assert_eq!(change["effect"], "worse");
        assert_eq!(
            change["file"],
            format!("{DOLLAR}:site/catalogue/plans.yaml")
        );
        assert_eq!(
            change["url"],
            format!("https://support.contoso-cloud.example{link}")
        );
        assert_eq!(versions[0]["changes"], serde_json::json!([]));
        assert_eq!(versions[0]["first"], false);
        assert_eq!(versions[0]["name"], QUOTED);
        assert_eq!(versions[2]["first"], true);
        assert_eq!(versions[2]["date"], "2026-01-15");
    }
    // The same tags: the same bytes.
    assert_eq!(h.build(&[]), out, "a rebuild differs");
}

#[test]
fn unreleased_changes_only_with_drafts_and_since_drops_earlier_versions() {
    let h = History::tagged();
    h.edit(
        "supportbook.yaml",
        "tags: \"terms-*\"\n",
        "tags: \"terms-*\"\n  since: \"terms-$(x)\"\n",
    );
    h.edit(
        "catalogue/plans.yaml",
        "percent_of_spend: 12",
        "percent_of_spend: 9",
    );
    let published = h.build(&[]);
    let page = text(&published, "en/changes/index.html");
    assert!(!page.contains("id=\"unreleased\""), "{page}");
    assert!(
        !page.contains(&anchor("terms-2026-01")),
        "before `since`: {page}"
    );
    // The first listed version is compared with the tag before it, not "first published".
    assert!(!page.contains("First published version."), "{page}");
    assert!(page.contains("12%"), "{page}");

    let drafts = h.build(&["--drafts"]);
    let page = text(&drafts, "en/changes/index.html");
    let unreleased = page
        .find("id=\"unreleased\"")
        .expect("unreleased with --drafts");
    assert!(
        unreleased < page.find(&anchor(QUOTED)).unwrap(),
        "newest first"
    );
    assert!(page.contains("9%"), "{page}");
    let feed = h.site().join("public/en/changes.atom");
    xmllint(&feed);
    let feed = parse_feed(&feed);
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(feed["entries"].as_array().unwrap().len(), 3);
    assert!(
        feed["entries"][0]["id"]
            .as_str()
            .unwrap()
            .ends_with("#unreleased")
    );
    let json: Value = serde_json::from_slice(&drafts["en/api/changes.json"]).unwrap();
    assert_eq!(json["versions"][0]["unreleased"], true);
    assert_eq!(json["versions"][0]["changes"][0]["effect"], "better");

    // A working tree like the newest tag has no "unreleased".
    h.edit(
        "catalogue/plans.yaml",
        "percent_of_spend: 9",
        "percent_of_spend: 12",
    );
    let page = text(&h.build(&["--drafts"]), "changes/index.html");
    assert!(!page.contains("id=\"unreleased\""), "{page}");
}

#[test]
fn a_site_with_no_tag_yet_says_so() {
    let h = History::new("changes:\n  tags: \"terms-*\"\n");
    h.commit("2026-01-05T10:00:00Z");
    h.git(&["tag", "other-1"]);
    let out = h.build(&[]);
    assert!(
        text(&out, "changes/index.html").contains("Non è ancora stata pubblicata alcuna versione")
    );
    assert!(
        text(&out, "en/changes/index.html")
            .contains("No version of these terms has been published yet.")
    );
    let feed = h.site().join("public/changes.atom");
    xmllint(&feed);
    let feed = parse_feed(&feed);
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(feed["entries"], serde_json::json!([]));
    assert_eq!(feed["updated"], "2026-01-05T00:00:00Z");
}

#[test]
fn a_site_without_changes_has_no_changes_page() {
    let h = History::new("");
    h.commit("2026-01-05T10:00:00Z");
    let out = h.build(&[]);
    assert!(!out.contains_key("changes/index.html") && !out.contains_key("changes.atom"));
    assert!(!text(&out, "index.html").contains("atom+xml"));
}

#[test]
fn check_refuses_a_tagged_version_that_does_not_pass_check() {
    let h = History::tagged();
    h.edit(
        "catalogue/plans.yaml",
        "percent_of_spend: 12",
        "percent_of_spend: lots",
    );
    h.commit("2026-04-01T10:00:00Z");
    h.git(&["tag", "terms-broken"]);
    // Where the bad value stands in the tagged version.
    let plans = std::fs::read_to_string(h.site().join("catalogue/plans.yaml")).unwrap();
    let line = 1 + plans
        .lines()
        .position(|l| l.contains("percent_of_spend: lots"))
        .unwrap();
    let at = format!("terms-broken:site/catalogue/plans.yaml:{line}:");
    h.edit(
        "catalogue/plans.yaml",
        "percent_of_spend: lots",
        "percent_of_spend: 12",
    );
    let out = h.run(&["check", "site"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains(&at), "located in the version: {report}");
    assert!(
        report.contains("the version tagged `terms-broken` does not pass `check`"),
        "{report}"
    );
    h.assert_no_temporary_left();
    let out = h.run(&["build", "site"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&at), "{}", stderr(&out));
    assert!(!h.site().join("public").exists(), "nothing is written");
    h.assert_no_temporary_left();
}

#[test]
fn check_reports_an_unknown_since_with_a_suggestion() {
    let h = History::tagged();
    h.edit(
        "supportbook.yaml",
        "tags: \"terms-*\"\n",
        "tags: \"terms-*\"\n  since: terms-2026-1\n",
    );
    let out = h.run(&["check", "site"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("site/supportbook.yaml:"), "{report}");
    assert!(report.contains("did you mean `terms-2026-01`?"), "{report}");
}

#[test]
fn changes_outside_a_git_repository_or_without_git_are_errors() {
    let tmp = TempDir::new().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content-example"), &site);
    let config = site.join("supportbook.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}changes:\n  tags: \"terms-*\"\n")).unwrap();
    // Not a repository: also not one above the temporary folder.
    let out = bin()
        .current_dir(tmp.path())
        .env("GIT_CEILING_DIRECTORIES", tmp.path())
        .args(["check", "site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("not in a git repository"), "{report}");
    assert!(report.contains("site/supportbook.yaml:"), "{report}");

    let h = History::tagged();
    let empty = h.tmp.path().join("no-git");
    std::fs::create_dir_all(&empty).unwrap();
    let out = bin()
        .current_dir(h.repo())
        .env("PATH", &empty)
        .args(["check", "site"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("the `git` command could not be run"),
        "{report}"
    );
}

#[test]
fn an_invalid_effective_date_is_reported() {
    let h = History::new("changes:\n  tags: \"terms-*\"\n");
    h.commit("2026-01-05T10:00:00Z");
    h.git(&[
        "tag",
        "-a",
        "terms-1",
        "-m",
        "One",
        "-m",
        "effective: 2026-02-30",
    ]);
    let out = h.run(&["check", "site"]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("`effective: 2026-02-30`, which is not a date"),
        "{report}"
    );
}

/// `GET path` on the loopback port: the status line and body.
fn http_get(port: u16, path: &str) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn serve_lists_the_unreleased_changes_and_follows_edits() {
    use std::io::BufRead;
    let h = History::tagged();
    h.edit(
        "catalogue/plans.yaml",
        "percent_of_spend: 12",
        "percent_of_spend: 9",
    );
    let port = common::free_port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_supportbook"))
        .current_dir(h.repo())
        .env("TMPDIR", h.tmp.path().join("tmp"))
        .args(["serve", "site", "--port", &port.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let serving = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.starts_with("serving "));
    assert!(serving.is_some(), "serve did not start");
    let page = http_get(port, "/en/changes/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("id=\"unreleased\"") && page.contains("9%"),
        "{page}"
    );
    // Back to the newest tag's price: nothing unreleased any more.
    h.edit(
        "catalogue/plans.yaml",
        "percent_of_spend: 9",
        "percent_of_spend: 12",
    );
    let start = std::time::Instant::now();
    loop {
        let page = http_get(port, "/en/changes/");
        if !page.contains("id=\"unreleased\"") {
            assert!(page.contains(&anchor(QUOTED)), "{page}");
            break;
        }
        assert!(
            start.elapsed().as_secs() < 30,
            "the unreleased changes stayed: {page}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    h.assert_no_temporary_left();
}

#[test]
fn ctrl_c_during_a_build_leaves_no_temporary_folder() {
    let h = History::tagged();
    // More versions, so that the build is still reading them when it is interrupted.
    for n in 1..=8 {
        h.edit(
            "catalogue/plans.yaml",
            "plans:\n",
            &format!("# revision {n}\nplans:\n"),
        );
        h.commit(&format!("2026-04-{n:02}T10:00:00Z"));
        h.git(&["tag", &format!("terms-r{n}")]);
    }
    let tmp = h.tmp.path().join("tmp");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_supportbook"))
        .current_dir(h.repo())
        .env("TMPDIR", &tmp)
        .args(["build", "site"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let interrupted = loop {
        if std::fs::read_dir(&tmp).unwrap().next().is_some() {
            Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .unwrap();
            break true;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        assert!(
            start.elapsed().as_secs() < 60,
            "the build neither wrote a version nor ended"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    assert!(
        interrupted,
        "the build ended before its temporary folder was seen"
    );
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    h.assert_no_temporary_left();
    assert!(
        !h.site().join("public").exists(),
        "an interrupted build writes nothing"
    );
}
