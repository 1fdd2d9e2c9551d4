//! What `check` passes, `build` can write, and nothing outside the output is touched: pages and
//! static files that would collide with what the portal writes, output folders reached through
//! symbolic links, leftovers of interrupted builds, hidden static files.

mod common;

use common::Site;
use std::path::Path;

/// `build site` in the site's parent folder: (exit code, all output).
fn build(site: &Site) -> (i32, String) {
    let o = site.cmd().args(["build", "site"]).output().unwrap();
    common::assert_no_panic(&o);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code().unwrap(), text)
}

fn page_with_slug(site: &Site, slug: &str) {
    site.write(
        "pages/p.md",
        format!("---\ntitle: P\nslug: \"{slug}\"\n---\nText.\n"),
    );
}

#[test]
fn a_slug_on_a_path_the_portal_writes_is_a_located_error_and_nothing_is_built() {
    let slugs = [
        "sitemap.xml",
        "index.html",
        "404.html",
        "robots.txt",
        "api/catalogue.json",
        "api/routing.json",
        "assets/style.css",
        ".supportbook-output",
        "plans/index.html",
        "api/finder/cases",
    ];
    for slug in slugs {
        let site = Site::minimal();
        page_with_slug(&site, slug);
        site.check()
            .only_error("duplicate-page")
            .assert_at(&site.at("pages/p.md", &format!("\"{slug}")));
        let (code, text) = build(&site);
        assert_eq!(code, 1, "slug {slug}: {text}");
        assert!(text.contains("site/pages/p.md:3:"), "slug {slug}: {text}");
        assert!(
            !site.file("public").exists(),
            "slug {slug}: nothing is written"
        );
    }
}

#[test]
fn a_slug_beside_the_portal_pages_still_builds() {
    let site = Site::minimal();
    page_with_slug(&site, "plans/faq");
    site.check().assert_exit(0);
    let (code, text) = build(&site);
    assert_eq!(code, 0, "{text}");
    assert!(site.file("public/plans/faq/index.html").is_file());
}

#[test]
fn a_slug_segment_longer_than_a_file_name_may_be_is_refused() {
    let site = Site::minimal();
    let long = "a".repeat(256);
    page_with_slug(&site, &format!("kb/{long}"));
    site.check()
        .only_error("invalid-slug")
        .assert_at(&site.at("pages/p.md", "\"kb/"));
    page_with_slug(&site, &format!("kb/{}", "a".repeat(255)));
    site.check().assert_exit(0);
}

#[test]
fn a_static_file_on_a_generated_file_or_folder_is_a_located_error() {
    for rel in [
        "index.html",
        "api/catalogue.json",
        "sitemap.xml",
        "plans",
        "api/finder/cases-0.json",
        "api/finder",
        "calendars/office.ics",
    ] {
        let site = Site::minimal();
        site.write(&format!("static/{rel}"), "mine");
        let check = site.check();
        let d = check.only_error("static-collision");
        assert_eq!(
            d.file.as_deref(),
            Some(format!("site/static/{rel}").as_str()),
            "{d:#?}"
        );
        let (code, text) = build(&site);
        assert_eq!(code, 1, "static/{rel}: {text}");
        assert!(!site.file("public").exists());
    }
}

#[test]
fn a_static_file_may_replace_a_theme_asset_and_hidden_static_files_are_copied() {
    let site = Site::minimal();
    site.write("static/assets/style.css", "body { color: red }")
        .write(
            "static/.well-known/security.txt",
            "Contact: mailto:security@contoso.example\n",
        )
        .write("static/.nojekyll", "")
        .write("static/.DS_Store", "clutter")
        .write("static/notes.txt~", "editor leftover");
    let (code, text) = build(&site);
    assert_eq!(code, 0, "{text}");
    let out = site.file("public");
    assert_eq!(
        std::fs::read_to_string(out.join("assets/style.css")).unwrap(),
        "body { color: red }"
    );
    assert!(out.join(".well-known/security.txt").is_file());
    assert!(out.join(".nojekyll").is_file());
    assert!(!out.join(".DS_Store").exists());
    assert!(!out.join("notes.txt~").exists());
}

#[cfg(unix)]
#[test]
fn an_output_folder_reached_through_a_link_into_the_sources_is_refused() {
    let site = Site::minimal();
    site.write("static/logo.txt", "logo");
    std::os::unix::fs::symlink(site.file("static"), site.file("lnk")).unwrap();
    site.insert_after(
        "supportbook.yaml",
        "language: en\n",
        "output_dir: lnk/out\n",
    );
    site.check()
        .only_error("output-dir")
        .assert_at(&site.at("supportbook.yaml", "lnk/out"));
    let (code, text) = build(&site);
    assert_eq!(code, 1, "{text}");
    assert!(
        !site.file("static/out").exists(),
        "nothing is written into static/"
    );
    // Through --output as well.
    let o = site
        .cmd()
        .args(["build", "site", "--output", "site/lnk/public"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!site.file("static/public").exists());
}

/// `.NAME.supportbook-new` / `-old` beside the output: ours (marked) are cleaned up, anything
/// else of those names is left alone and the build is refused.
#[test]
fn leftovers_of_interrupted_builds_are_removed_only_when_they_are_ours() {
    for kind in ["new", "old"] {
        let site = Site::minimal();
        let leftover = site.file(&format!(".public.supportbook-{kind}"));
        std::fs::create_dir_all(&leftover).unwrap();
        std::fs::write(leftover.join("thesis.docx"), "precious").unwrap();
        let (code, text) = build(&site);
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("refusing to delete"), "{text}");
        assert_eq!(
            std::fs::read_to_string(leftover.join("thesis.docx")).unwrap(),
            "precious"
        );
        std::fs::remove_file(leftover.join("thesis.docx")).unwrap();
        std::fs::write(leftover.join(".supportbook-output"), "").unwrap();
        std::fs::write(leftover.join("index.html"), "half a build").unwrap();
        let (code, text) = build(&site);
        assert_eq!(code, 0, "{text}");
        assert!(!leftover.exists(), "our leftover is removed");
        assert!(site.file("public/index.html").is_file());
    }
}

#[test]
fn a_failed_build_leaves_no_staging_folder() {
    let site = Site::minimal();
    let (code, text) = build(&site);
    assert_eq!(code, 0, "{text}");
    site.write("templates/base.html", "{% if %}broken");
    let (code, text) = build(&site);
    assert_eq!(code, 1, "{text}");
    let names: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("supportbook-"))
        .collect();
    assert!(names.is_empty(), "left behind: {names:?}");
    assert!(Path::new(&site.file("public/index.html")).is_file());
}

#[test]
fn a_catalogue_without_routing_reports_that_alone() {
    let site = Site::minimal();
    let main = site.read("catalogue/main.yaml");
    let start = main.find("\nrouting:").expect("the fixture has routing") + 1;
    let end = main[start..]
        .find("\nexpectations:")
        .map_or(main.len(), |i| start + i + 1);
    site.write(
        "catalogue/main.yaml",
        format!("{}{}", &main[..start], &main[end..]),
    );
    let check = site.check();
    let d = check.only_error("missing-key");
    assert!(d.message.contains("routing"), "{d:#?}");
}
