//! `supportbook build` through the binary: the output table, validity (Nu HTML Checker,
//! iCalendar, JSON), links, agreement with `route`, safety and determinism.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_supportbook"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Builds a copy of the example site (optionally edited) into `out`; returns the site folder.
fn build_example(out: &Path, edit: impl Fn(&Path), extra: &[&str]) -> (tempfile::TempDir, Output) {
    let site = tempfile::tempdir().unwrap();
    common::copy_dir(Path::new("content-example"), site.path());
    edit(site.path());
    let mut args = vec![
        "build",
        site.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    (site, o)
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    tree(dir)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| dir.join(p))
        .collect()
}

#[test]
fn builds_every_path_of_the_output_table() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    for p in [
        "index.html",
        "plans/index.html",
        "plans/essential/index.html",
        "products/index.html",
        "products/azure/index.html",
        "routing/index.html",
        "contact/index.html",
        "condizioni/index.html",
        "api/catalogue.json",
        "api/routing.json",
        "calendars/milan-office.ics",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        ".supportbook-output",
        // The English edition: the same table under /en/, the pages at their English slugs.
        "en/index.html",
        "en/plans/essential/index.html",
        "en/products/azure/index.html",
        "en/routing/index.html",
        "en/contact/index.html",
        "en/terms/index.html",
        "en/api/catalogue.json",
        "en/calendars/milan-office.ics",
        "en/404.html",
    ] {
        assert!(dest.join(p).is_file(), "missing {p}");
    }
    for draft in [
        "assistenza-copilot/index.html",
        "en/copilot-support/index.html",
    ] {
        assert!(!dest.join(draft).exists(), "drafts are left out: {draft}");
    }
    for (path, bytes) in tree(&dest) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__supportbook"),
            "{}: the live-reload script belongs to serve only",
            path.display()
        );
    }
    let home = std::fs::read_to_string(dest.join("index.html")).unwrap();
    assert!(
        home.contains("application/ld+json"),
        "JSON-LD on every page"
    );
}

#[test]
fn drafts_are_built_with_the_drafts_flag() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &["--drafts"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(dest.join("assistenza-copilot/index.html").is_file());
    assert!(dest.join("en/copilot-support/index.html").is_file());
}

#[test]
fn json_outputs_parse_and_routing_has_the_spec_shape() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    for (path, bytes) in tree(&dest) {
        if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
    let routing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dest.join("api/routing.json")).unwrap()).unwrap();
    assert_eq!(routing["policy"], "first");
    assert_eq!(
        routing["dimensions"],
        serde_json::json!(["product", "issue", "severity", "plan"])
    );
    let cases = routing["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 4 * 10 * 3 * 4);
    let first = &cases[0];
    for key in [
        "product", "issue", "severity", "plan", "rule", "covered", "path",
    ] {
        assert!(first.get(key).is_some(), "case lacks {key}: {first}");
    }
}

#[test]
fn routing_json_agrees_with_route_for_every_case() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let routing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dest.join("api/routing.json")).unwrap()).unwrap();
    let cases = routing["cases"].as_array().unwrap();
    let mut seen = 0;
    let mut pairs: Vec<(String, String)> = cases
        .iter()
        .map(|c| {
            (
                c["product"].as_str().unwrap().to_string(),
                c["issue"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    pairs.dedup();
    for (product, issue) in pairs {
        let o = run(&[
            "route",
            site.path().to_str().unwrap(),
            "--product",
            &product,
            "--issue",
            &issue,
            "--format",
            "json",
        ]);
        assert!(o.status.success(), "{}", text(&o));
        let answer: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        for a in answer["cases"].as_array().unwrap() {
            let c = cases
                .iter()
                .find(|c| {
                    ["product", "issue", "severity", "plan"]
                        .iter()
                        .all(|k| c[*k] == a[*k])
                })
                .unwrap_or_else(|| panic!("route gave a case routing.json lacks: {a}"));
            assert_eq!(
                (&c["rule"], &c["covered"], &c["path"]),
                (&a["rule"], &a["covered"], &a["path"])
            );
            seen += 1;
        }
    }
    assert_eq!(seen, cases.len());
}

/// The route finder's data (index.json, and the data file each product names) gives every case
/// the outcome routing.json gives it; products routed alike share a file.
#[test]
fn finder_data_agrees_with_routing_json_for_every_case() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dest.join(p)).unwrap()).unwrap()
    };
    let routing = read("api/routing.json");
    let index = read("api/finder/index.json");
    let products = index["products"].as_array().unwrap();
    let per_product = routing["cases"].as_array().unwrap().len() / products.len();
    let mut files = std::collections::BTreeSet::new();
    for (p, product) in products.iter().enumerate() {
        let file = product["data"].as_str().unwrap();
        files.insert(file.to_string());
        let data = read(&format!("api/finder/{file}"));
        let cases = data["cases"].as_array().unwrap();
        assert_eq!(cases.len(), per_product, "{file}");
        for (k, n) in cases.iter().enumerate() {
            let want = &routing["cases"][p * per_product + k];
            assert_eq!(want["product"], product["id"]);
            let got = &index["outcomes"][n.as_u64().unwrap() as usize];
            assert_eq!(
                (&got["covered"], &got["path"]),
                (&want["covered"], &want["path"]),
                "case {want}"
            );
        }
    }
    assert!(
        files.len() < products.len(),
        "products routed alike share a file: {files:?}"
    );
}

#[test]
fn icalendar_files_are_rfc_5545() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let ics = std::fs::read_to_string(dest.join("calendars/milan-office.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF"
    );
    assert!(
        ics.split("\r\n").all(|l| l.len() <= 75),
        "lines are folded at 75 octets"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20261225"));
    let script = "import sys, icalendar\nfor f in sys.argv[1:]:\n    cal = icalendar.Calendar.from_ical(open(f, 'rb').read())\n    print(f, len(cal.walk('VEVENT')))\n";
    let files: Vec<String> = tree(&dest)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "ics"))
        .map(|p| dest.join(p).display().to_string())
        .collect();
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "icalendar could not parse: {}",
        text(&o)
    );
    assert!(text(&o).contains("milan-office.ics"), "{}", text(&o));
}

#[test]
fn html_passes_the_nu_html_checker() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &["--drafts"]);
    assert!(o.status.success(), "{}", text(&o));
    let jar = Path::new("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "vnu.jar missing: run bash .ci/install-deps.sh"
    );
    let files = html_files(&dest);
    let o = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "text"])
        .args(&files)
        .output()
        .unwrap();
    assert!(o.status.success(), "Nu HTML Checker errors:\n{}", text(&o));
}

/// `href` and `src` attribute values of an HTML document.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

fn check_links(dest: &Path, base_path: &str) {
    for file in html_files(dest) {
        let html = std::fs::read_to_string(&file).unwrap();
        for link in links(&html) {
            if link.starts_with("http")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
                || link.starts_with("data:")
            {
                continue;
            }
            let path = link.split(['?', '#']).next().unwrap();
            let rel = path.strip_prefix(base_path).unwrap_or_else(|| {
                panic!("{}: link {link} is not under {base_path}", file.display())
            });
            let target = dest.join(rel);
            let ok = target.is_file() || target.join("index.html").is_file();
            assert!(ok, "{}: broken link {link}", file.display());
        }
    }
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    check_links(&dest, "/");
}

#[test]
fn a_base_url_with_a_path_puts_every_link_under_it() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(
        &dest,
        |_| {},
        &["--base-url", "https://example.com/support/"],
    );
    assert!(o.status.success(), "{}", text(&o));
    check_links(&dest, "/support/");
    let sitemap = std::fs::read_to_string(dest.join("sitemap.xml")).unwrap();
    for loc in ["plans/", "condizioni/", "en/plans/", "en/terms/"] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.com/support/{loc}</loc>")),
            "{loc} in {sitemap}"
        );
    }
}

const HOSTILE: &str = "</script><img src=x onerror=alert(1)>\\\"'&";

#[test]
fn hostile_text_comes_out_inert() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(
        &dest,
        |site| {
            for file in [
                "catalogue/partner.yaml",
                "catalogue/plans.yaml",
                "catalogue/products.yaml",
                "catalogue/tiers.yaml",
                "catalogue/calendars.yaml",
                "catalogue/contacts.yaml",
                "translations/en.yaml",
            ] {
                let path = site.join(file);
                let text = std::fs::read_to_string(&path).unwrap();
                let hostile = text
                    .lines()
                    .map(|l| match l.split_once("name: ") {
                        Some((k, v))
                            if matches!(k.trim(), "" | "-") && !v.starts_with(['{', '[']) =>
                        {
                            format!("{k}name: \"{HOSTILE} {}\"", v.trim_matches('"'))
                        }
                        _ => l.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                std::fs::write(&path, hostile).unwrap();
            }
            for page in ["pages/terms.md", "pages/terms.en.md"] {
                let terms = site.join(page);
                let t = std::fs::read_to_string(&terms).unwrap();
                std::fs::write(
                    &terms,
                    t.lines()
                        .map(|l| {
                            if l.starts_with("description: ") {
                                format!("description: \"{HOSTILE}\"")
                            } else if l.starts_with("title: ") {
                                format!("title: \"{HOSTILE} terms\"")
                            } else {
                                l.to_string()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                        + "\n<script>alert(2)</script>\n",
                )
                .unwrap();
            }
        },
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    for (path, bytes) in tree(&dest) {
        let text = String::from_utf8_lossy(&bytes);
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_string();
        match ext.as_str() {
            "html" | "xml" => {
                assert!(
                    !text.contains("<img src=x"),
                    "{}: injected markup",
                    path.display()
                );
                assert!(
                    !text.contains("<script>alert(2)"),
                    "{}: raw HTML from Markdown",
                    path.display()
                );
                for block in text.split("<script").skip(1) {
                    let body = block.split_once('>').map_or("", |(_, b)| b);
                    let body = body.split("</script>").next().unwrap();
                    assert!(
                        !body.contains('<'),
                        "{}: `<` inside a script block",
                        path.display()
                    );
                }
            }
            "json" => {
                serde_json::from_slice::<serde_json::Value>(&bytes).unwrap();
            }
            "ics" => assert!(!text.replace("\r\n", "").contains('\n')),
            _ => {}
        }
    }
}

#[test]
fn a_failed_build_leaves_the_last_good_output_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let before = tree(&dest);
    let routing = site.path().join("catalogue/routing.yaml");
    let good = std::fs::read_to_string(&routing).unwrap();
    let build_again = || {
        run(&[
            "build",
            site.path().to_str().unwrap(),
            "--output",
            dest.to_str().unwrap(),
        ])
    };
    std::fs::write(
        &routing,
        good.replacen("  policy: first", "  policy: frist", 1),
    )
    .unwrap();
    let o = build_again();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("routing.yaml:"), "{}", text(&o));
    assert_eq!(before, tree(&dest));
    // A template that fails to render fails the build the same way.
    std::fs::write(&routing, good).unwrap();
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(site.path().join("templates/base.html"), "{% if %}broken").unwrap();
    let o = build_again();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(before, tree(&dest));
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no staging folder is left behind: {leftovers:?}"
    );
}

/// A site's `templates/partials/matrix-issue.html` renders every issue type of every product page
/// (each distinct fragment is rendered once and reused), and an error in it is located.
#[test]
fn the_matrix_issue_partial_can_be_overridden() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let partial = "partials/matrix-issue.html";
    let write = |site: &Path, text: &str| {
        std::fs::create_dir_all(site.join("templates/partials")).unwrap();
        std::fs::write(site.join("templates").join(partial), text).unwrap();
    };
    let mine = "<tbody class=\"mine\" data-issue=\"{{ issue.id }}\">{% for row in issue.rows %}\
                <tr><td>{{ row.covered }} {{ row.conditions | length }}</td></tr>{% endfor %}</tbody>\n";
    let (_site, o) = build_example(&dest, |site| write(site, mine), &[]);
    assert!(o.status.success(), "{}", text(&o));
    let routing: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dest.join("api/routing.json")).unwrap()).unwrap();
    let issues: std::collections::BTreeSet<&str> = routing["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["issue"].as_str().unwrap())
        .collect();
    for product in ["azure", "m365", "d365", "power-platform"] {
        let html =
            std::fs::read_to_string(dest.join(format!("products/{product}/index.html"))).unwrap();
        assert!(
            !html.contains("class=\"stage"),
            "{product}: the default partial was used"
        );
        for issue in &issues {
            let tbody = format!("<tbody class=\"mine\" data-issue=\"{issue}\">");
            assert_eq!(html.matches(&tbody).count(), 1, "{product}: {issue}");
        }
    }
    let broken = "<tbody>\n{{ issue.rows | no_such_filter }}</tbody>\n";
    let (site, o) = build_example(&out.path().join("other"), |site| write(site, broken), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let at = format!("{}/templates/{partial}:2:", site.path().display());
    assert!(text(&o).contains(&at), "{at} in:\n{}", text(&o));
    assert!(!out.path().join("other").exists());
}

#[test]
fn a_folder_supportbook_did_not_make_is_refused() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("mine");
    std::fs::create_dir_all(&dest).unwrap();
    std::fs::write(dest.join("thesis.docx"), "precious").unwrap();
    let (_site, o) = build_example(&dest, |_| {}, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("refusing to replace"), "{}", text(&o));
    assert_eq!(
        std::fs::read_to_string(dest.join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn an_output_dir_inside_the_sources_is_refused() {
    let site = tempfile::tempdir().unwrap();
    common::copy_dir(Path::new("content-example"), site.path());
    let o = run(&[
        "build",
        site.path().to_str().unwrap(),
        "--output",
        site.path().join("pages/out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("output-dir"), "{}", text(&o));
    assert!(!site.path().join("pages/out").exists());
}

#[test]
fn two_builds_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    let (site, o) = build_example(&a, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&[
        "build",
        site.path().to_str().unwrap(),
        "--output",
        b.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb[k] == *v, "{} differs between builds", k.display());
    }
}

#[test]
fn init_makes_a_site_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let o = run(&["init", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["check", site.to_str().unwrap(), "--strict"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&["init", site.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "init refuses a folder that is not empty"
    );
}

#[test]
fn the_search_index_holds_every_page_and_names_only_files_that_exist() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let (_site, o) = build_example(&dest, |_| {}, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dest.join(rel)).unwrap()).unwrap()
    };
    // Every page of section 6 in each edition (the home page, plans and each plan, products
    // and each product, routing, contact, the published Markdown pages: drafts are not found),
    // and each issue type leading to the route finder; an anchor is an id of its page.
    for (prefix, language, stemmer) in [("", "it", "italian"), ("en/", "en", "english")] {
        let m = read(&format!("{prefix}api/search/index.json"));
        let cat = read(&format!("{prefix}api/catalogue.json"));
        let ids = |k: &str| -> Vec<String> {
            cat[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].as_str().unwrap().to_string())
                .collect()
        };
        let mut pages: Vec<String> = ["", "plans/", "products/", "routing/", "contact/"]
            .iter()
            .map(|p| format!("/{prefix}{p}"))
            .collect();
        pages.extend(ids("plans").iter().map(|p| format!("/{prefix}plans/{p}/")));
        pages.extend(
            ids("products")
                .iter()
                .map(|p| format!("/{prefix}products/{p}/")),
        );
        pages.extend(
            ids("issue_types")
                .iter()
                .map(|i| format!("/{prefix}routing/?issue={i}")),
        );
        let markdown = if prefix.is_empty() {
            [
                "/condizioni/",
                "/aprire-una-richiesta/",
                "/domande-frequenti/",
            ]
        } else {
            ["/en/terms/", "/en/opening-a-case/", "/en/questions/"]
        };
        pages.extend(markdown.iter().map(|p| p.to_string()));
        assert_eq!(m["language"], language);
        assert_eq!(m["stemmer"], stemmer);
        let mut docs = 0;
        let mut found: Vec<String> = Vec::new();
        let names = m["doc_file_names"].as_str().unwrap();
        for n in 0..m["doc_files"].as_u64().unwrap() {
            let name = names.replace("{n}", &n.to_string());
            let rows = read(&format!("{prefix}api/search/{name}"));
            for row in rows.as_array().unwrap() {
                let url = row[0].as_str().unwrap();
                assert_eq!(url.starts_with("/en/"), prefix == "en/", "{prefix}: {url}");
                let (page, anchor) = url.split_once('#').unwrap_or((url, ""));
                let file = dest
                    .join(page.split('?').next().unwrap().trim_start_matches('/'))
                    .join("index.html");
                let html = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{url}"));
                assert!(
                    anchor.is_empty() || html.contains(&format!(" id=\"{anchor}\"")),
                    "{url}: no such id"
                );
                if !found.contains(&page.to_string()) {
                    found.push(page.to_string());
                }
                docs += 1;
            }
        }
        assert_eq!(m["documents"], docs);
        pages.sort();
        found.sort();
        assert_eq!(found, pages, "{prefix}");
        // Facts of listing pages are found where they stand: a phone number of the contact
        // page is in its contact's part of that page.
        let all = (0..m["doc_files"].as_u64().unwrap())
            .map(|i| read(&format!("{prefix}api/search/d{i}.json")).to_string())
            .collect::<String>();
        assert!(
            all.contains(&format!("[\"/{prefix}contact/#contact-billing-desk\","))
                && all.contains("02 5555 0150"),
            "{prefix}"
        );
        // A Markdown page of several sections (the questions of the FAQ) is cut at its
        // highest headings: a result leads to the question, is titled with it, and its excerpt
        // is the answer; the page's own document keeps its title and the text above them.
        let (faq, question, title, answer) = if prefix.is_empty() {
            (
                "/domande-frequenti/",
                "siete-aperti-nei-giorni-festivi",
                "Siete aperti nei giorni festivi?",
                "Il service desk e l'ufficio fatturazione sono chiusi",
            )
        } else {
            (
                "/en/questions/",
                "are-you-open-on-public-holidays",
                "Are you open on public holidays?",
                "The service desk and billing desk close",
            )
        };
        let section = format!("[\"{faq}#{question}\",\"{title}\",");
        let at = all
            .find(&section)
            .unwrap_or_else(|| panic!("{prefix}: {section}"));
        let page_title = if prefix.is_empty() {
            "Domande frequenti"
        } else {
            "Frequently asked questions"
        };
        assert!(
            all[at + section.len()..].starts_with(&format!("\"{page_title}\",\"{answer}")),
            "{prefix}: {}",
            &all[at..at + 300]
        );
        assert!(
            all.contains(&format!("[\"{faq}\",\"{page_title}\",")),
            "{prefix}"
        );
        let keys = m["keys"].as_array().unwrap();
        assert!(
            keys.windows(2).all(|w| w[0].as_str() < w[1].as_str()),
            "{m}"
        );
        let mut terms = String::new();
        for name in m["term_files"].as_array().unwrap() {
            terms.push_str(
                &read(&format!("{prefix}api/search/{}", name.as_str().unwrap())).to_string(),
            );
        }
        // Words of any length and numbers as written (`4,50` in Italian, `4.50` in English),
        // and the catalogue's keywords (never shown on a page).
        let price = if prefix.is_empty() { "4,50" } else { "4.50" };
        for term in ["\"2\"", &format!("\"{price}\""), "\"vm\"", "\"d365\""] {
            assert!(
                terms.contains(&format!("[{term},")),
                "{prefix}: {term} is not indexed"
            );
        }
        assert!(
            !std::fs::read_to_string(dest.join(format!("{prefix}products/azure/index.html")))
                .unwrap()
                .contains(">VM<")
        );
        // Keywords are translated: the Italian ones (`posta elettronica`) only in Italian.
        assert_eq!(terms.contains("[\"posta\","), prefix.is_empty(), "{prefix}");
        // The built-in synonyms of the language, with the stems the index has marked.
        let groups = m["synonyms"].as_array().unwrap();
        assert!(groups.len() >= 10, "{prefix}: {} groups", groups.len());
    }
}

/// The visible text of a page's `<main>`, tags removed and spaces squashed.
fn main_text(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#x27;", "'")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn offers_show_price_on_request_tax_allowances_term_and_add_ons_in_every_language() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let o = {
        let site = tempfile::tempdir().unwrap();
        common::copy_dir(Path::new("content-example"), site.path());
        bin()
            .args([
                "build",
                site.path().to_str().unwrap(),
                "--output",
                dest.to_str().unwrap(),
            ])
            .env("SOURCE_DATE_EPOCH", "1796601600")
            .output()
            .unwrap()
    };
    assert!(o.status.success(), "{}", text(&o));
    // English: the top plan is on request, never included; how to ask; tax once.
    let enterprise = main_text(&dest.join("en/plans/enterprise/index.html"));
    assert!(
        enterprise.contains("From €1,500.00 per month, excl. VAT"),
        "{enterprise}"
    );
    assert!(
        enterprise.contains("To ask for a price: Billing and Subscriptions Desk"),
        "{enterprise}"
    );
    assert!(
        !enterprise.contains("Included with every subscription"),
        "{enterprise}"
    );
    let html = std::fs::read_to_string(dest.join("en/plans/enterprise/index.html")).unwrap();
    assert!(
        html.contains("href=\"/en/contact/#contact-billing-desk\""),
        "the request links to the contact"
    );
    // The plan with allowances and a term, and its add-on.
    let standard = main_text(&dest.join("en/plans/standard/index.html"));
    for want in [
        "€4.50 per user per month, excl. VAT",
        "20 cases per month",
        "5 named contacts Only named contacts may open cases.",
        "Minimum term: 12 months",
        "Notice to cancel: 30 days",
        "On-site visit",
        "€600.00 once, excl. VAT",
        "Available with Standard and Premium",
    ] {
        assert!(
            standard.contains(want),
            "plans/standard/ lacks {want:?}: {standard}"
        );
    }
    assert_eq!(
        standard.matches("excl. VAT").count(),
        2,
        "one tax statement per price: {standard}"
    );
    // The comparison: a row per allowance kind, the term, the add-ons; the terms' version and
    // the build date from SOURCE_DATE_EPOCH (2026-12-07 UTC).
    let compare = main_text(&dest.join("en/plans/index.html"));
    for want in [
        "Support terms, version 2026.2, as of Monday, December 7, 2026.",
        "Cases Not stated 20 cases per month Not stated Not stated",
        "Named contacts Not stated 5 named contacts",
        "Commitment and notice Not stated Minimum term: 12 months",
        "Add-ons None On-site visit On-site visit None",
    ] {
        assert!(compare.contains(want), "plans/ lacks {want:?}: {compare}");
    }
    // Italian, the default language: the same facts in Italian words.
    let it = main_text(&dest.join("plans/enterprise/index.html"));
    assert!(
        it.contains("A partire da 1500,00 € al mese, IVA esclusa"),
        "{it}"
    );
    assert!(
        it.contains("Per chiedere un preventivo: Ufficio Fatturazione e Abbonamenti"),
        "{it}"
    );
    let it_standard = main_text(&dest.join("plans/standard/index.html"));
    assert!(
        it_standard.contains("20 richieste di assistenza al mese"),
        "{it_standard}"
    );
    assert!(
        it_standard.contains("Durata minima: 12 mesi"),
        "{it_standard}"
    );
    // The API: the price on request, the allowances and the add-on's plans, exactly.
    let api: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dest.join("en/api/catalogue.json")).unwrap())
            .unwrap();
    let plan = |id: &str| {
        api["plans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        plan("enterprise")["price"],
        serde_json::json!({"form": "on_request", "from": {"amount": "1500", "currency": "EUR"}, "per": "month", "request": {"contact": "billing-desk"}})
    );
    assert_eq!(
        plan("standard")["allowances"][0],
        serde_json::json!({"kind": "cases", "count": 20, "unlimited": false, "per": "month", "note": null})
    );
    assert_eq!(
        plan("standard")["term"],
        serde_json::json!({"minimum_months": 12, "notice_days": 30})
    );
    assert_eq!(
        api["add_ons"][0]["plans"],
        serde_json::json!(["standard", "premium"])
    );
    assert_eq!(api["add_ons"][0]["name"], "On-site visit");
    assert_eq!(
        api["partner"]["tax"],
        serde_json::json!({"prices": "excluded", "name": "VAT"})
    );
}

#[test]
fn a_vendor_portal_does_not_speak_of_the_vendor_as_someone_else() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let (_site, o) = build_example(
        &dest,
        |site| {
            let p = site.join("catalogue/partner.yaml");
            let text = std::fs::read_to_string(&p).unwrap();
            let text = text
                .replace("relationship: indirect-reseller", "relationship: vendor")
                .replace("  provider: fabrikam-distribution\n", "");
            std::fs::write(&p, text).unwrap();
            // Tiers the provider was responsible for become the partner's own.
            let t = site.join("catalogue/tiers.yaml");
            let text = std::fs::read_to_string(&t).unwrap();
            std::fs::write(
                &t,
                text.replace("responsible: provider", "responsible: partner"),
            )
            .unwrap();
            // The partner makes the products: they name no vendor organisation.
            let p = site.join("catalogue/products.yaml");
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(&p, text.replace("    vendor: microsoft\n", "")).unwrap();
        },
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    let home = main_text(&dest.join("en/index.html"));
    assert!(
        home.contains("Contact us first for every problem"),
        "{home}"
    );
    assert!(!home.contains("the vendor"), "{home}");
    assert!(!home.contains("our partners"), "{home}");
    // A stage the vendor is responsible for is the partner's own, in every language.
    for (lang, vendor_word) in [("en/", "the vendor"), ("", "il produttore")] {
        let product =
            std::fs::read_to_string(dest.join(format!("{lang}products/azure/index.html"))).unwrap();
        assert!(
            !product.contains(vendor_word),
            "{lang}products/azure/ speaks of {vendor_word:?}"
        );
        assert!(
            product.contains("Contoso Cloud Italia S.r.l."),
            "{lang}products/azure/ does not name the partner"
        );
    }
}

/// No portal mentions partner-only escalation its catalogue lacks: the minimal fixture
/// escalates critical outages to Microsoft's partner-only support; without that stage, neither
/// the home page nor a product page speaks of escalations made on the customer's behalf.
#[test]
fn a_portal_without_partner_only_escalation_does_not_mention_it() {
    let out = tempfile::tempdir().unwrap();
    let build = |edit: &dyn Fn(&str) -> String| {
        let site = tempfile::tempdir().unwrap();
        common::copy_dir(&common::fixture_dir("minimal"), site.path());
        let main = site.path().join("catalogue/main.yaml");
        let yaml = std::fs::read_to_string(&main).unwrap();
        std::fs::write(&main, edit(&yaml)).unwrap();
        let dest = out.path().join(format!(
            "{}",
            std::fs::read_dir(out.path()).unwrap().count()
        ));
        let o = run(&[
            "build",
            site.path().to_str().unwrap(),
            "--output",
            dest.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o));
        dest
    };
    let with = build(&|t| t.to_string());
    let without = build(&|t| {
        t.replace("path: [t1, t2, ms]\n\nexpectations", "path: [t1, t2]\n\nexpectations")
            .replace("    path: [t1, t2, ms]\n", "    path: [t1, t2]\n")
            .replace(
                "  - id: ms\n    name: Microsoft support\n    contact: ms-partner\n    responsible: microsoft\n",
                "",
            )
            .replace(
                "  - id: ms-partner\n    name: Microsoft partner support\n    audience: partner-only\n    operated_by: microsoft\n    hours: always\n    methods:\n      - { type: web, value: \"https://partner.microsoft.example/support\" }\n",
                "",
            )
    });
    let read = |dir: &Path, rel: &str| main_text(&dir.join(rel));
    // With the stage: the home page names who is brought in, the product page explains ◆.
    assert!(read(&with, "index.html").contains("when needed, we bring in Microsoft"));
    assert!(
        read(&with, "products/azure/index.html").contains("Escalations we make on your behalf")
    );
    // Without it: neither.
    let home = read(&without, "index.html");
    assert!(
        home.contains("Contact us first for every problem."),
        "{home}"
    );
    assert!(!home.contains("bring in"), "{home}");
    let product = read(&without, "products/azure/index.html");
    assert!(!product.contains("on your behalf"), "{product}");
}

/// `example_spend` chooses the spend of a percentage price's worked example; on a flat price it
/// is an error, located.
#[test]
fn example_spend_chooses_the_worked_example() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let (_site, o) = build_example(
        &dest,
        |site| {
            let p = site.join("catalogue/plans.yaml");
            let text = std::fs::read_to_string(&p).unwrap().replacen(
                "      percent_of_spend: 10\n",
                "      percent_of_spend: 10\n      example_spend: 25000\n",
                1,
            );
            std::fs::write(&p, text).unwrap();
        },
        &[],
    );
    assert!(o.status.success(), "{}", text(&o));
    let premium = main_text(&dest.join("en/plans/premium/index.html"));
    assert!(
        premium.contains("With a monthly spend of €25,000.00: 10% of €25,000.00 = €2,500.00 You pay €2,500.00 per month."),
        "{premium}"
    );
    let (_site, o) = build_example(
        &out.path().join("bad"),
        |site| {
            let p = site.join("catalogue/plans.yaml");
            let text = std::fs::read_to_string(&p).unwrap().replacen(
                "price: { amount: \"4.50\", currency: EUR, per: user-month }",
                "price: { amount: \"4.50\", currency: EUR, per: user-month, example_spend: 100 }",
                1,
            );
            std::fs::write(&p, text).unwrap();
        },
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("`example_spend` belongs only to a `percent_of_spend` or `bands` price"),
        "{}",
        text(&o)
    );
}
