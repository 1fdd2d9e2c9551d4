//! Hostile YAML: an alias bomb, bytes that are not UTF-8, a 10 MB catalogue file and absurd
//! nesting. Each must end quickly with a clear, located error (or success for the big valid
//! file), exit 1 (or 0), and never panic or hang.
//!
//! Time limits. In an optimised build (`cargo test --release`) every hazard must end within
//! 1 s, except the 10 MB file (about 1 s on its own, so 5 s to stay reliable). A debug build of
//! the YAML parser is 10-15 times slower (the alias bomb takes about 1.3 s, the 10 MB file
//! about 13 s), so under plain `cargo test` the limits are 5 s and 60 s. Every test prints
//! its time; a hang is cut off by a timeout.

mod common;

use common::{MAIN, Site, assert_no_panic};
use std::time::{Duration, Instant};

/// The time a hazard may take in an optimised build and in a debug build.
fn limit(release: u64, debug: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) {
        debug
    } else {
        release
    })
}

/// The limit of the small hazards.
fn quick() -> Duration {
    limit(1, 5)
}

/// Runs `check site --format json` with a hard timeout; returns the result and the time.
fn timed_check(site: &Site, name: &str, limit: Duration) -> common::Check {
    let start = Instant::now();
    let out = site
        .cmd()
        .args(["check", "site", "--format", "json"])
        .timeout(limit * 4 + Duration::from_secs(10))
        .output()
        .unwrap();
    let took = start.elapsed();
    println!("{name}: {took:?} (limit {limit:?})");
    assert_no_panic(&out);
    assert!(took < limit, "{name} took {took:?}, more than {limit:?}");
    common::Check::from_output(out)
}

/// The classic "billion laughs": nine levels of nine aliases, 9^9 strings if expanded.
fn alias_bomb() -> String {
    let mut y = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..10u8 {
        let (prev, cur) = ((b'a' + level - 1) as char, (b'a' + level) as char);
        let refs = vec![format!("*{prev}"); 9].join(",");
        y += &format!("{cur}: &{cur} [{refs}]\n");
    }
    y
}

#[test]
fn alias_bomb_fails_fast() {
    let site = Site::minimal();
    site.write("catalogue/bomb.yaml", alias_bomb());
    let run = timed_check(&site, "alias bomb", quick());
    let d = run.only_error("yaml-syntax");
    assert_eq!(d.file.as_deref(), Some("site/catalogue/bomb.yaml"));
    assert!(d.line.is_some() && d.column.is_some(), "{d:#?}");
    assert!(d.message.contains("alias"), "{}", d.message);
}

#[test]
fn alias_bomb_in_settings_fails_fast() {
    let site = Site::minimal();
    let text = site.read("supportbook.yaml") + &alias_bomb();
    site.write("supportbook.yaml", text);
    let run = timed_check(&site, "alias bomb in supportbook.yaml", quick());
    run.assert_exit(1);
    assert!(
        run.diagnostics
            .iter()
            .all(|d| d.file.as_deref() == Some("site/supportbook.yaml")),
        "{}",
        run.listing()
    );
}

#[test]
fn a_few_aliases_are_fine() {
    // Aliases are YAML: a catalogue may use them, within reason.
    let site = Site::minimal();
    site.replace(
        MAIN,
        "hours: office\n    methods",
        "hours: &office office\n    methods",
    );
    site.replace(
        MAIN,
        "    hours: office\n    contacts: [service-desk]\n    response: { A: 4h",
        "    hours: *office\n    contacts: [service-desk]\n    response: { A: 4h",
    );
    let run = timed_check(&site, "aliases", quick());
    run.assert_exit(0).assert_codes(&[]);
}

#[test]
fn non_utf8_bytes_are_located() {
    let site = Site::minimal();
    let line3 = "  - { id: cafe, name: \"Caf";
    let mut bytes = format!("# extra products\nproducts:\n{line3}").into_bytes();
    bytes.extend_from_slice(&[0xe9, b'"', b' ', b'}', b'\n']);
    site.write("catalogue/extra.yaml", bytes);
    let run = timed_check(&site, "non-UTF-8", quick());
    let d = run.only_error("yaml-syntax");
    d.assert_at(&common::At {
        file: "site/catalogue/extra.yaml".into(),
        line: 3,
        column: line3.len() as u32 + 1,
    });
    assert!(d.message.contains("UTF-8"), "{}", d.message);
}

#[test]
fn non_utf8_page_is_located() {
    let site = Site::minimal();
    let mut bytes = b"---\ntitle: About\n---\n\nAbout ".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    site.write("pages/about.md", bytes);
    let run = timed_check(&site, "non-UTF-8 page", quick());
    run.only_error("yaml-syntax").assert_at(&common::At {
        file: "site/pages/about.md".into(),
        line: 5,
        column: 7,
    });
}

#[test]
fn utf8_byte_order_mark_is_accepted() {
    let site = Site::minimal();
    let text = format!("\u{feff}{}", site.read(MAIN));
    site.write(MAIN, text);
    let run = timed_check(&site, "BOM", quick());
    run.assert_exit(0).assert_codes(&[]);
}

/// At least `bytes` of products, each with a name and a description.
fn big_catalogue(bytes: usize) -> String {
    let mut y = String::from("products:\n");
    let mut i = 0;
    while y.len() < bytes {
        y += &format!(
            "  - id: product-{i}\n    name: Product {i}\n    description: Product number {i} of a very large catalogue, described in a few words.\n"
        );
        i += 1;
    }
    y
}

#[test]
fn ten_megabyte_catalogue_file_is_checked() {
    let site = Site::minimal();
    let big = big_catalogue(10 * 1024 * 1024);
    site.write("catalogue/big.yaml", &big);
    let run = timed_check(&site, "10 MB catalogue", limit(5, 60));
    run.assert_exit(0).assert_codes(&[]);
}

#[test]
fn error_at_the_end_of_a_large_file_is_located() {
    let site = Site::minimal();
    let big = big_catalogue(1024 * 1024) + "  - { id: last, name: Last, vendor: microsfot }\n";
    site.write("catalogue/big.yaml", &big);
    let run = timed_check(&site, "1 MB catalogue with an error", limit(1, 10));
    let d = run.only_error("unknown-reference");
    d.assert_at(&site.at("catalogue/big.yaml", "microsfot"));
    assert_eq!(d.line, Some(big.lines().count() as u32));
    d.assert_help("did you mean `microsoft`?");
}

#[test]
fn deeply_nested_flow_lists_fail_fast() {
    let site = Site::minimal();
    site.write(
        "catalogue/deep.yaml",
        format!("products: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let run = timed_check(&site, "10,000 [", quick());
    let d = run.only_error("yaml-syntax");
    assert_eq!(d.file.as_deref(), Some("site/catalogue/deep.yaml"));
    assert_eq!(d.line, Some(1));
}

#[test]
fn unclosed_nesting_fails_fast() {
    let site = Site::minimal();
    site.write("catalogue/deep.yaml", "[".repeat(10_000));
    let run = timed_check(&site, "10,000 unclosed [", quick());
    run.only_error("yaml-syntax");
}

#[test]
fn deeply_nested_mappings_fail_fast() {
    let site = Site::minimal();
    site.write(
        "catalogue/deep.yaml",
        format!("x: {}1{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)),
    );
    let run = timed_check(&site, "10,000 {", quick());
    run.only_error("yaml-syntax");
}

#[test]
fn deeply_nested_block_lists_fail_fast() {
    let site = Site::minimal();
    let mut y = String::from("products:\n");
    for depth in 1..3000 {
        y += &"  ".repeat(depth);
        y += "-\n";
    }
    site.write("catalogue/deep.yaml", y);
    let run = timed_check(&site, "3,000 nested block lists", quick());
    run.only_error("yaml-syntax");
}

#[test]
fn deeply_nested_front_matter_fails_fast() {
    let site = Site::minimal();
    site.write(
        "pages/deep.md",
        format!("---\ntitle: {}\n---\nBody\n", "[".repeat(10_000)),
    );
    let run = timed_check(&site, "deep front matter", quick());
    let d = run.only_error("front-matter");
    assert_eq!(d.file.as_deref(), Some("site/pages/deep.md"));
    assert_eq!(d.line, Some(2));
}

#[test]
fn huge_numbers_are_refused_not_panicked_on() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "amount: \"49.90\"",
        "amount: 999999999999999999999999999999999999999999",
    );
    site.replace(
        MAIN,
        "response: { A: 4h, B: 1bd }",
        "response: { A: 99999999999d, B: 1bd }",
    );
    let run = timed_check(&site, "huge numbers", quick());
    run.assert_exit(1)
        .assert_codes(&["invalid-amount", "invalid-duration"]);
}
