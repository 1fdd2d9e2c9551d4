//! Helpers shared by the integration tests: run the binary, copy a fixture site (or
//! content-example/) into a temporary folder, make small edits to it, and read the output of
//! `check --format json`.
//!
//! A copied site lives at `<tempdir>/site` and commands run with `<tempdir>` as the current
//! folder and `site` as the site argument, so diagnostics name files `site/catalogue/...`.

#![allow(dead_code)]

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

/// The catalogue file of the `minimal` fixture.
pub const MAIN: &str = "catalogue/main.yaml";

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under tests/fixtures/.
pub fn fixture_dir(name: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(name)
}

/// The `supportbook` binary, with a timeout so that a hang fails the test instead of the run.
pub fn bin() -> Command {
    let mut cmd = Command::cargo_bin("supportbook").expect("the supportbook binary is built");
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// A free port on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Copies a folder recursively, leaving out built output folders (they carry the marker).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().join(".supportbook-output").exists() {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A throwaway copy of a site.
pub struct Site {
    pub tmp: TempDir,
}

/// Where a diagnostic points: file as printed, line, column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl At {
    /// The same line, `n` characters further right.
    pub fn with_column_offset(&self, n: u32) -> At {
        At {
            column: self.column + n,
            ..self.clone()
        }
    }
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl Site {
    /// A copy of tests/fixtures/`name`.
    pub fn fixture(name: &str) -> Site {
        Site::copy_of(&fixture_dir(name))
    }

    /// A copy of the minimal valid site.
    pub fn minimal() -> Site {
        Site::fixture("minimal")
    }

    /// The minimal site with its billing rule narrowed to one product, so that the
    /// `fallback: [t2]` it gets decides the cases no rule matches.
    pub fn minimal_with_fallback() -> Site {
        let site = Site::minimal();
        site.replace(
            MAIN,
            "when: { issue: billing }",
            "when: { issue: billing, product: m365 }",
        );
        site.replace(
            MAIN,
            "  policy: first\n",
            "  policy: first\n  fallback: [t2]\n",
        );
        site
    }

    /// A copy of content-example/.
    pub fn example() -> Site {
        Site::copy_of(&repo().join("content-example"))
    }

    pub fn copy_of(dir: &Path) -> Site {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(dir, &tmp.path().join("site"));
        Site { tmp }
    }

    /// An empty site folder (no files at all).
    pub fn empty() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("site")).unwrap();
        Site { tmp }
    }

    /// The site folder (absolute).
    pub fn path(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// The folder commands run in (the site's parent).
    pub fn cwd(&self) -> &Path {
        self.tmp.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.file(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.file(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.file(rel)).unwrap();
        self
    }

    /// Replaces the one occurrence of `from` in `rel` with `to`; fails the test when `from`
    /// is not in the file exactly once (so an edit can never silently do nothing).
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        let n = text.matches(from).count();
        assert_eq!(n, 1, "`{from}` occurs {n} times in {rel}, expected once");
        self.write(rel, text.replacen(from, to, 1))
    }

    /// Inserts `text` after the one line of `rel` that contains `anchor`.
    pub fn insert_after(&self, rel: &str, anchor: &str, text: &str) -> &Self {
        let old = self.read(rel);
        let lines: Vec<&str> = old.split_inclusive('\n').collect();
        let hits: Vec<usize> = (0..lines.len())
            .filter(|i| lines[*i].contains(anchor))
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "`{anchor}` is on {} lines of {rel}",
            hits.len()
        );
        let mut new = String::new();
        for (i, l) in lines.iter().enumerate() {
            new.push_str(l);
            if i == hits[0] {
                new.push_str(text);
                if !text.ends_with('\n') {
                    new.push('\n');
                }
            }
        }
        self.write(rel, new)
    }

    /// The location of the one occurrence of `needle` in `rel`: its file as diagnostics name
    /// it, and the 1-based line and column (in characters) of its first character.
    pub fn at(&self, rel: &str, needle: &str) -> At {
        self.at_nth(rel, needle, 0, true)
    }

    /// The location of the first `sub` inside the one occurrence of `context` in `rel`.
    pub fn at_in(&self, rel: &str, context: &str, sub: &str) -> At {
        let start = self.at(rel, context);
        let i = context
            .find(sub)
            .unwrap_or_else(|| panic!("`{sub}` is not in `{context}`"));
        let before = &context[..i];
        let lines = before.matches('\n').count() as u32;
        let tail = before.rsplit('\n').next().unwrap().chars().count() as u32;
        At {
            file: start.file,
            line: start.line + lines,
            column: if lines == 0 {
                start.column + tail
            } else {
                tail + 1
            },
        }
    }

    /// The location of the `n`th (0-based) occurrence of `needle` in `rel`.
    pub fn at_nth(&self, rel: &str, needle: &str, n: usize, unique: bool) -> At {
        let text = self.read(rel);
        let hits: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
        if unique {
            assert_eq!(
                hits.len(),
                1,
                "`{needle}` occurs {} times in {rel}",
                hits.len()
            );
        }
        let offset = *hits
            .get(n)
            .unwrap_or_else(|| panic!("`{needle}` has no occurrence {n} in {rel}"));
        let before = &text[..offset];
        At {
            file: format!("site/{rel}"),
            line: before.matches('\n').count() as u32 + 1,
            column: before.rsplit('\n').next().unwrap().chars().count() as u32 + 1,
        }
    }

    /// A command run in the site's parent folder.
    pub fn cmd(&self) -> Command {
        let mut c = bin();
        c.current_dir(self.cwd());
        c
    }

    /// `supportbook check site --format json` plus `extra` arguments.
    pub fn check_with(&self, extra: &[&str]) -> Check {
        let out = self
            .cmd()
            .args(["check", "site", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        Check::from_output(out)
    }

    pub fn check(&self) -> Check {
        self.check_with(&[])
    }

    /// `supportbook check site` in another format; returns (exit code, stdout).
    pub fn check_text(&self, format: &str) -> (i32, String) {
        let out = self
            .cmd()
            .args(["check", "site", "--format", format])
            .output()
            .unwrap();
        assert_no_panic(&out);
        (
            out.status.code().expect("exit code"),
            String::from_utf8(out.stdout).unwrap(),
        )
    }

    /// `supportbook route site --format json` plus `args`: (exit code, JSON if it printed
    /// one, stderr).
    pub fn route(&self, args: &[&str]) -> (i32, Option<Value>, String) {
        let out = self
            .cmd()
            .args(["route", "site", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        assert_no_panic(&out);
        let code = out.status.code().expect("exit code");
        let json = serde_json::from_slice(&out.stdout).ok();
        (
            code,
            json,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Fails when the process panicked or died of a signal.
pub fn assert_no_panic(out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{stderr}"
    );
    assert!(
        out.status.code().is_some(),
        "the binary was killed by a signal: {:?}\n{stderr}",
        out.status
    );
}

#[derive(Debug, Deserialize, Clone)]
pub struct Note {
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl Note {
    pub fn at(&self) -> Option<At> {
        Some(At {
            file: self.file.clone()?,
            line: self.line?,
            column: self.column?,
        })
    }
}

/// One diagnostic of `check --format json`.
#[derive(Debug, Deserialize, Clone)]
pub struct Diag {
    pub level: String,
    pub code: String,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    pub help: Option<String>,
    pub notes: Vec<Note>,
}

impl Diag {
    pub fn at(&self) -> Option<At> {
        Some(At {
            file: self.file.clone()?,
            line: self.line?,
            column: self.column?,
        })
    }

    pub fn assert_at(&self, want: &At) -> &Self {
        assert_eq!(self.at().as_ref(), Some(want), "location of {self:#?}");
        self
    }

    pub fn assert_help(&self, want: &str) -> &Self {
        assert_eq!(self.help.as_deref(), Some(want), "help of {self:#?}");
        self
    }

    pub fn assert_message_contains(&self, parts: &[&str]) -> &Self {
        for p in parts {
            assert!(
                self.message.contains(p),
                "message `{}` lacks `{p}`",
                self.message
            );
        }
        self
    }

    /// The one note whose message contains `text`.
    pub fn note(&self, text: &str) -> &Note {
        let hits: Vec<&Note> = self
            .notes
            .iter()
            .filter(|n| n.message.contains(text))
            .collect();
        assert_eq!(hits.len(), 1, "notes with `{text}` in {self:#?}");
        hits[0]
    }
}

#[derive(Debug, Deserialize)]
struct Doc {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Diag>,
}

/// The result of `check --format json`.
#[derive(Debug)]
pub struct Check {
    pub code: i32,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diag>,
    pub stdout: String,
    pub stderr: String,
}

impl Check {
    pub fn from_output(out: std::process::Output) -> Check {
        assert_no_panic(&out);
        let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code().unwrap();
        let doc: Doc = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!("check --format json printed no JSON document ({e}), exit {code}:\n{stdout}\n{stderr}")
        });
        Check {
            code,
            errors: doc.errors,
            warnings: doc.warnings,
            diagnostics: doc.diagnostics,
            stdout,
            stderr,
        }
    }

    /// A short listing of the diagnostics, for assertion messages.
    pub fn listing(&self) -> String {
        let mut s = String::new();
        for d in &self.diagnostics {
            let at = d.at().map_or("-".into(), |a| a.to_string());
            let _ = writeln!(s, "{at}: {}[{}]: {}", d.level, d.code, d.message);
        }
        s
    }

    pub fn assert_exit(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "exit code; diagnostics:\n{}",
            self.listing()
        );
        self
    }

    /// The codes of all diagnostics, in output order.
    pub fn codes(&self) -> Vec<&str> {
        self.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    /// Asserts the exact multiset of codes (order-insensitive).
    pub fn assert_codes(&self, want: &[&str]) -> &Self {
        let mut got = self.codes();
        got.sort();
        let mut want = want.to_vec();
        want.sort();
        assert_eq!(got, want, "diagnostics:\n{}", self.listing());
        self
    }

    /// The one diagnostic with `code`.
    pub fn one(&self, code: &str) -> &Diag {
        let hits: Vec<&Diag> = self.diagnostics.iter().filter(|d| d.code == code).collect();
        assert_eq!(
            hits.len(),
            1,
            "diagnostics with code `{code}`; all:\n{}",
            self.listing()
        );
        hits[0]
    }

    /// All diagnostics with `code`.
    pub fn all(&self, code: &str) -> Vec<&Diag> {
        self.diagnostics.iter().filter(|d| d.code == code).collect()
    }

    /// Only this diagnostic, which is an error: exit 1 and its code only.
    pub fn only_error(&self, code: &str) -> &Diag {
        self.assert_exit(1).assert_codes(&[code]);
        let d = self.one(code);
        assert_eq!(d.level, "error", "{d:#?}");
        d
    }

    /// Only this diagnostic, which is a warning: exit 0 and its code only.
    pub fn only_warning(&self, code: &str) -> &Diag {
        self.assert_exit(0).assert_codes(&[code]);
        let d = self.one(code);
        assert_eq!(d.level, "warning", "{d:#?}");
        d
    }
}

/// `supportbook.yaml`'s text with `tag` added to its `languages` (the map is created when the
/// site has none), with `settings` as the language's own (`{}` for none).
pub fn with_language(config: &str, tag: &str, settings: &str) -> String {
    let entry = format!("  {tag}: {settings}\n");
    match config.find("\nlanguages:") {
        Some(at) => {
            let line_end = at
                + 1
                + config[at + 1..]
                    .find('\n')
                    .map_or(config.len() - at - 1, |n| n + 1);
            format!("{}{entry}{}", &config[..line_end], &config[line_end..])
        }
        None => {
            let sep = if config.ends_with('\n') { "" } else { "\n" };
            format!("{config}{sep}languages:\n{entry}")
        }
    }
}
