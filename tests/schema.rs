//! `supportbook schema`: a valid JSON Schema that every catalogue file of content-example/
//! (and of the test fixtures) validates against, and that refuses what the loader refuses.
//!
//! Needs the dev-dependency `jsonschema = "0.33"`.

mod common;

use common::{bin, fixture_dir, repo};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `supportbook schema` plus `args`, parsed.
fn schema(args: &[&str]) -> Value {
    let out = bin().arg("schema").args(args).output().unwrap();
    common::assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("schema prints one JSON document")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    assert!(
        jsonschema::meta::is_valid(schema),
        "not a valid JSON Schema: {:?}",
        jsonschema::meta::validate(schema).err()
    );
    jsonschema::validator_for(schema).expect("the schema compiles")
}

/// A YAML document as JSON.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).expect("valid YAML")
}

/// The problems of `instance`, one line each (empty when valid).
fn problems(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(yaml_files(&p));
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn schema_is_a_json_schema_of_the_catalogue_sections() {
    let s = schema(&[]);
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["type"], "object");
    let props: Vec<&str> = s["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for section in [
        "partner",
        "organisations",
        "calendars",
        "contacts",
        "tiers",
        "severities",
        "plans",
        "products",
        "issue_types",
        "routing",
        "expectations",
        "add_ons",
    ] {
        assert!(props.contains(&section), "no `{section}` in {props:?}");
    }
    assert_eq!(s["additionalProperties"], false);
    validator(&s);
}

#[test]
fn every_catalogue_file_of_the_example_validates() {
    let v = validator(&schema(&[]));
    let files = yaml_files(&repo().join("content-example/catalogue"));
    assert!(files.len() >= 5, "{files:?}");
    for f in files {
        let doc = yaml(&std::fs::read_to_string(&f).unwrap());
        let p = problems(&v, &doc);
        assert!(p.is_empty(), "{}:\n{}", f.display(), p.join("\n"));
    }
}

#[test]
fn the_fixture_catalogue_validates() {
    let v = validator(&schema(&[]));
    for f in yaml_files(&fixture_dir("minimal").join("catalogue")) {
        let doc = yaml(&std::fs::read_to_string(&f).unwrap());
        let p = problems(&v, &doc);
        assert!(p.is_empty(), "{}:\n{}", f.display(), p.join("\n"));
    }
}

#[test]
fn schema_refuses_what_the_loader_refuses() {
    let v = validator(&schema(&[]));
    let cases = [
        ("unknown section", "severitys: []\n"),
        (
            "unknown key",
            "calendars:\n  - { id: x, name: X, timezon: UTC }\n",
        ),
        ("missing key", "tiers:\n  - { id: t1, name: T1 }\n"),
        ("wrong type", "contacts: service-desk\n"),
        (
            "bad enum word",
            "issue_types:\n  - { id: x, name: X, category: comercial }\n",
        ),
        (
            "bad relationship",
            "partner: { name: P, relationship: direct }\n",
        ),
        (
            "bad duration",
            "plans:\n  - { id: p, name: P, price: { included: true }, hours: h, contacts: [c], response: { A: 4 hours } }\n",
        ),
        (
            "bad allowance kind",
            "plans:\n  - { id: p, name: P, price: { included: true }, hours: h, contacts: [c], allowances: [{ kind: case, count: 3 }] }\n",
        ),
        (
            "zero allowance count",
            "plans:\n  - { id: p, name: P, price: { included: true }, hours: h, contacts: [c], allowances: [{ kind: cases, count: 0 }] }\n",
        ),
        (
            "negative notice",
            "plans:\n  - { id: p, name: P, price: { included: true }, hours: h, contacts: [c], term: { notice_days: -1 } }\n",
        ),
        (
            "long severity label",
            "severities:\n  - { id: A, label: Critical business stop, name: Critical }\n",
        ),
        (
            "bad tax word",
            "partner: { name: P, relationship: vendor, tax: { prices: exclusive, name: VAT } }\n",
        ),
        (
            "unknown add-on key",
            "add_ons:\n  - { id: a, name: A, price: { included: true }, plan: [p] }\n",
        ),
    ];
    for (what, text) in cases {
        assert!(
            !problems(&v, &yaml(text)).is_empty(),
            "the schema accepts a {what}: {text}"
        );
    }
}

#[test]
fn schema_of_the_settings_validates_the_example_settings() {
    let v = validator(&schema(&["--of", "config"]));
    let doc =
        yaml(&std::fs::read_to_string(repo().join("content-example/supportbook.yaml")).unwrap());
    let p = problems(&v, &doc);
    assert!(p.is_empty(), "{}", p.join("\n"));
    assert!(
        !problems(&v, &yaml("title: T\n")).is_empty(),
        "base_url is required"
    );
    assert!(
        !problems(
            &v,
            &yaml("title: T\nbase_url: https://x.example/\noutput: x\n")
        )
        .is_empty(),
        "unknown keys are refused"
    );
}

#[test]
fn schema_of_front_matter_validates_the_example_pages() {
    let v = validator(&schema(&["--of", "page"]));
    let dir = repo().join("content-example/pages");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let front = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .map(|(f, _)| f)
            .unwrap_or_else(|| panic!("{} has no front matter", path.display()));
        let p = problems(&v, &yaml(front));
        assert!(p.is_empty(), "{}:\n{}", path.display(), p.join("\n"));
        n += 1;
    }
    assert!(n >= 3);
    assert!(!problems(&v, &yaml("title: T\nweight: heavy\n")).is_empty());
}

/// Targets of section 12 in the schema: every form the loader takes (compounds, business
/// days, one target for every severity, updates with `every`, target rules) validates, and
/// malformed durations and unknown keys of a target rule do not.
#[test]
fn schema_describes_targets_and_target_rules() {
    let v = validator(&schema(&[]));
    let plan = |targets: &str| {
        yaml(&format!(
            "plans:\n  - id: p\n    name: P\n    price: {{ included: true }}\n    hours: h\n    contacts: [c]\n{targets}"
        ))
    };
    for ok in [
        "    response: { A: 1h30m, B: 1bd, C: { within: 2d12h, clock: always } }\n",
        "    response: 1bd\n    updates: { every: 2h, clock: always }\n    resolution: { A: 5bd }\n",
        "    target_rules:\n      - when: { issue: [billing, licensing] }\n        response: 2bd\n        resolution: { A: 10bd }\n",
    ] {
        let p = problems(&v, &plan(ok));
        assert!(p.is_empty(), "{ok}: {}", p.join("\n"));
    }
    for bad in [
        "    response: { A: 1m2h }\n",
        "    response: { A: 0bd }\n",
        "    updates: 2 hours\n",
        "    target_rules:\n      - when: { plan: p }\n        response: 2bd\n",
        "    target_rules:\n      - response: 2bd\n",
    ] {
        assert!(
            !problems(&v, &plan(bad)).is_empty(),
            "the schema accepts {bad}"
        );
    }
}
