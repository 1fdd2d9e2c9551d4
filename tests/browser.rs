//! The built `content-example/` (Italian at the root, English under `/en/`) in headless Chromium
//! (tests/browser/portal.mjs): the route finder against `supportbook route`, "open now" under a
//! fixed clock, axe-core on every page of both languages in light and dark, keyboard, 360 px,
//! print, no console errors, no external requests, and screenshots in target/screenshots/.
//! Three other builds are checked in the same run, each on its own port
//! (tests/browser/portal-sites.mjs): content-example built for and served below `/support/`,
//! content-example again for its Italian words, prices and finder, and `gen_site.py large` for
//! the finder at scale.

mod common;
use common::free_port;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const INSTALL: &str = "run `bash .ci/install-deps.sh` to install Chromium and the npm packages";
const BIN: &str = env!("CARGO_BIN_EXE_supportbook");
/// The size of the generated site the finder is checked at (`gen_site.py SIZE`).
const SCALE: &str = "large";

fn require(ok: bool, what: &str) {
    assert!(ok, "{what} is missing: {INSTALL}");
}

/// Chromium's path, once it, node and the npm packages the checks use are found installed.
fn chromium() -> String {
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    require(Path::new(&chromium).exists(), &chromium);
    require(runs("node"), "node");
    for module in ["playwright-core", "axe-core"] {
        let package = Path::new("tests/browser/node_modules").join(module);
        require(
            package.join("package.json").exists(),
            &format!("tests/browser/node_modules/{module}"),
        );
    }
    chromium
}

fn runs(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn build(source: &Path, out: &Path, base_url: &str) {
    let o = Command::new(BIN)
        .arg("build")
        .arg(source)
        .arg("--output")
        .arg(out)
        .args(["--base-url", base_url])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build of {} failed:\n{}{}",
        source.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Runs a node check script (`node` with its arguments and environment) with Chromium's path,
/// prints what it said, fails unless it passed and printed its summary line (`N passed, 0
/// failed`), and returns what it said.
fn node_checks(mut node: Command, chromium: &str) -> String {
    let run = node.env("CHROMIUM_PATH", chromium).output().unwrap();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    println!("{output}");
    assert!(
        run.status.success(),
        "browser checks failed (exit {:?}):\n{output}",
        run.status.code()
    );
    assert!(
        output.contains(" passed, 0 failed"),
        "no summary line:\n{output}"
    );
    output
}

/// `node script args…`.
fn node(script: &str, args: &[&std::ffi::OsStr]) -> Command {
    let mut node = Command::new("node");
    node.arg(script).args(args);
    node
}

/// `gen_site.py SIZE` into `source`, built into `out` for `base_url`.
fn generated(source: &Path, out: &Path, base_url: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_site.py");
    assert!(script.exists(), "{} is missing", script.display());
    let started = Instant::now();
    let o = Command::new("python3")
        .arg(&script)
        .arg(SCALE)
        .arg(source)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "gen_site.py failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    build(source, out, base_url);
    println!(
        "gen_site.py {SCALE}: generated and built in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn portal_in_a_real_browser() {
    let chromium = chromium();
    assert!(runs("python3"), "python3 is missing (it runs gen_site.py)");
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| -> PathBuf { dir.path().join(name) };

    // The site is built for the port it is served on, as a deployment would be.
    let port = free_port();
    build(
        Path::new("content-example"),
        &at("site"),
        &format!("http://127.0.0.1:{port}/"),
    );
    // Below a path: built for http://127.0.0.1:P/support/ and served there only.
    let sub_port = free_port();
    build(
        Path::new("content-example"),
        &at("sub"),
        &format!("http://127.0.0.1:{sub_port}/support/"),
    );
    // Its Italian pages, checked for their words (the example is Italian at the root).
    let it_port = free_port();
    build(
        Path::new("content-example"),
        &at("it"),
        &format!("http://127.0.0.1:{it_port}/"),
    );
    // At scale.
    let big_port = free_port();
    generated(
        &at("big-src"),
        &at("big"),
        &format!("http://127.0.0.1:{big_port}/"),
    );

    let screenshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let mut node = Command::new("node");
    node.arg("tests/browser/portal.mjs")
        .arg(at("site"))
        .args(["--port", &port.to_string()]);
    for (kind, out, port, source) in [
        ("subpath", "sub", sub_port, Path::new("content-example")),
        ("italian", "it", it_port, Path::new("content-example")),
        (&format!("scale:{SCALE}"), "big", big_port, &at("big-src")),
    ] {
        node.args(["--variant", kind])
            .arg(at(out))
            .arg(port.to_string())
            .arg(source);
    }
    node.env("SUPPORTBOOK_BIN", BIN)
        .env("SUPPORTBOOK_SITE", "content-example")
        .env("SCREENSHOT_DIR", &screenshots)
        .env_remove("PORTAL_ONLY");
    let output = node_checks(node, &chromium);
    // Every other build was checked (a section that did not run would leave no line).
    for line in [
        "addresses they link checked",
        "italian: words, prices",
        &format!("scale ({SCALE}: "),
    ] {
        assert!(
            output.contains(line),
            "no output from the {line:?} checks:\n{output}"
        );
    }
}

/// Due times in the route finder (tests/browser/due.mjs): the hand-worked cases of
/// tests/fixtures/due/cases.json, which tests/due.rs checks through `route --at`, under fixed
/// clocks in several visitor time zones.
#[test]
fn due_times_in_a_real_browser() {
    let chromium = chromium();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    build(
        Path::new("tests/fixtures/due"),
        &dir.path().join("site"),
        &format!("http://127.0.0.1:{port}/"),
    );
    let port = port.to_string();
    node_checks(
        node(
            "tests/browser/due.mjs",
            &[
                dir.path().join("site").as_os_str(),
                "tests/fixtures/due/cases.json".as_ref(),
                "--port".as_ref(),
                port.as_ref(),
            ],
        ),
        &chromium,
    );
}

/// content-example published in three languages or more: each of `it`, `en`, `de` it does not
/// have yet is added (German with a few translations, the rest falling back to the default).
fn multilingual_copy(to: &Path) {
    common::copy_dir(Path::new("content-example"), to);
    let path = to.join("supportbook.yaml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    let default = config
        .lines()
        .find_map(|l| l.strip_prefix("language:"))
        .map(|l| l.trim().to_string())
        .unwrap_or_else(|| "en".into());
    for tag in ["it", "en", "de"] {
        let has = config.contains(&format!("\n  {tag}:"));
        if tag != default && !has {
            config = common::with_language(&config, tag, "{}");
        }
    }
    std::fs::write(&path, config).unwrap();
    let de = to.join("translations/de.yaml");
    if !de.exists() {
        std::fs::create_dir_all(de.parent().unwrap()).unwrap();
        std::fs::write(
            de,
            "plans:\n  premium: { name: Premium, summary: \"Für Unternehmen, die nicht stillstehen dürfen.\" }\n\
             tiers:\n  t2: { name: \"Stufe 2, Cloud-Ingenieure\" }\n",
        )
        .unwrap();
    }
}

/// A site in three languages (tests/browser/languages.mjs): axe on every page of every
/// language in light and dark, no interface word of another language, the route finder's
/// answers the same in every language by deep links under each prefix, the switcher; and the
/// Nu HTML Checker on every page of every language.
#[test]
fn languages_in_a_real_browser() {
    let chromium = chromium();
    let jar = Path::new("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    require(jar.is_file(), "tests/browser/node_modules/vnu-jar");
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source");
    multilingual_copy(&source);
    let out = dir.path().join("site");
    let port = free_port();
    build(&source, &out, &format!("http://127.0.0.1:{port}/"));
    let html: Vec<PathBuf> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    assert!(html.len() > 40, "{} pages", html.len());
    let nu = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "text"])
        .args(&html)
        .output()
        .unwrap();
    assert!(
        nu.status.success(),
        "Nu HTML Checker errors:\n{}{}",
        String::from_utf8_lossy(&nu.stdout),
        String::from_utf8_lossy(&nu.stderr)
    );
    let port = port.to_string();
    node_checks(
        node(
            "tests/browser/languages.mjs",
            &[
                out.as_os_str(),
                "themes/default/i18n.json".as_ref(),
                "--port".as_ref(),
                port.as_ref(),
            ],
        ),
        &chromium,
    );
}

/// The partner's brand, the header on a phone and the plan comparison
/// (tests/browser/portal-brand.mjs): content-example with its logo and colour, and a copy with a
/// colour too weak for AA (`#ffff00`), which `check` warns about and the theme still shows as
/// readable text. Screenshots of every page type go to target/screenshots/brand-*.png.
#[test]
fn brand_menu_and_plan_comparison_in_a_real_browser() {
    let chromium = chromium();
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| -> PathBuf { dir.path().join(name) };
    let port = free_port();
    build(
        Path::new("content-example"),
        &at("brand"),
        &format!("http://127.0.0.1:{port}/"),
    );
    // The same site with a colour too light to read on the light page.
    common::copy_dir(Path::new("content-example"), &at("weak-src"));
    let config = at("weak-src").join("supportbook.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    let colour = yaml
        .lines()
        .find(|l| l.trim_start().starts_with("colour:"))
        .expect("content-example has a brand colour")
        .to_string();
    std::fs::write(&config, yaml.replace(&colour, "  colour: \"#ffff00\"")).unwrap();
    let check = Command::new(BIN)
        .args(["check", "--format", "json"])
        .arg(at("weak-src"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(check.status.code(), Some(0), "{report}");
    let warned = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "weak-brand-colour" && d["level"] == "warning");
    assert!(warned, "no weak-brand-colour warning: {report}");
    let weak_port = free_port();
    build(
        &at("weak-src"),
        &at("weak"),
        &format!("http://127.0.0.1:{weak_port}/"),
    );
    let screenshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let (port, weak_port) = (port.to_string(), weak_port.to_string());
    let mut brand = node(
        "tests/browser/portal-brand.mjs",
        &[
            at("brand").as_os_str(),
            port.as_ref(),
            at("weak").as_os_str(),
            weak_port.as_ref(),
        ],
    );
    brand.env("SCREENSHOT_DIR", &screenshots);
    node_checks(brand, &chromium);
}

/// The search ranking test set (tests/fixtures/search/ranking.json: 50 queries a customer would
/// type over content-example, in Italian and English, each with the page that answers it) run
/// through the real search.js in Chromium (tests/browser/search-ranking.mjs): prints top-1 and
/// top-3 per query and by kind, and the bytes of the index each query fetched; fails under
/// top-1 70 %, top-3 85 %, or over 100 KB median / 200 KB max per query.
#[test]
fn search_ranking_in_a_real_browser() {
    let chromium = chromium();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    build(
        Path::new("content-example"),
        &dir.path().join("site"),
        &format!("http://127.0.0.1:{port}/"),
    );
    let port = port.to_string();
    node_checks(
        node(
            "tests/browser/search-ranking.mjs",
            &[
                dir.path().join("site").as_os_str(),
                "tests/fixtures/search/ranking.json".as_ref(),
                "--port".as_ref(),
                port.as_ref(),
            ],
        ),
        &chromium,
    );
}
