//! `supportbook route --format json`: the routing semantics of spec sections 3 and 5.

mod common;

use common::{MAIN, Site};
use serde_json::{Value, json};

/// Runs `route` and returns its JSON document; fails unless it exits 0.
fn route_ok(site: &Site, args: &[&str]) -> Value {
    let (code, json, stderr) = site.route(args);
    assert_eq!(code, 0, "route {args:?} failed: {stderr}");
    json.expect("route printed one JSON document")
}

/// (rule, covered, path) of each case, in order.
fn outcomes(doc: &Value) -> Vec<(Value, bool, Vec<String>)> {
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let path = c["path"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            (c["rule"].clone(), c["covered"].as_bool().unwrap(), path)
        })
        .collect()
}

fn p(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

#[test]
fn first_policy_earliest_matching_rule_wins() {
    let site = Site::minimal();
    let doc = route_ok(
        &site,
        &["--product", "azure", "--issue", "outage", "--severity", "A"],
    );
    assert_eq!(doc["policy"], "first");
    assert_eq!(doc["dimensions"], json!(["product", "issue", "severity"]));
    assert_eq!(
        outcomes(&doc),
        [(json!("critical"), true, p(&["t1", "t2", "ms"]))]
    );
    let case = &doc["cases"][0];
    assert_eq!(case["product"], "azure");
    assert_eq!(case["issue"], "outage");
    assert_eq!(case["severity"], "A");
    let loc = site.at_in(MAIN, "- id: critical\n", "critical");
    assert_eq!(case["rule_location"], json!(loc.to_string()));

    let doc = route_ok(
        &site,
        &["--product", "azure", "--issue", "outage", "--severity", "B"],
    );
    assert_eq!(outcomes(&doc), [(json!("outage"), true, p(&["t1", "t2"]))]);
}

#[test]
fn first_policy_follows_rule_order() {
    // Moving the broad rule above the narrow one makes it win every case.
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    - id: critical\n      when: { issue: outage, severity: A }\n      path: [t1, t2, ms]\n    - id: outage\n      when: { issue: outage }\n      path: [t1, t2]\n",
        "    - id: outage\n      when: { issue: outage }\n      path: [t1, t2]\n    - id: critical\n      when: { issue: outage, severity: A }\n      path: [t1, t2, ms]\n",
    );
    let (code, json, _) =
        site.route(&["--product", "azure", "--issue", "outage", "--severity", "A"]);
    // The expectation of the fixture no longer holds, so the site has errors.
    assert_eq!(code, 1);
    assert!(json.is_none());
    let text = site
        .read(MAIN)
        .replace("    path: [t1, t2, ms]\n", "    path: [t1, t2]\n");
    site.write(MAIN, text);
    let doc = route_ok(
        &site,
        &["--product", "azure", "--issue", "outage", "--severity", "A"],
    );
    assert_eq!(outcomes(&doc), [(json!("outage"), true, p(&["t1", "t2"]))]);
}

#[test]
fn unique_policy_routes_each_case_to_its_one_rule() {
    let site = Site::minimal();
    site.replace(MAIN, "policy: first", "policy: unique");
    site.replace(
        MAIN,
        "when: { issue: outage }",
        "when: { issue: outage, severity: [B, C] }",
    );
    let doc = route_ok(&site, &["--product", "m365", "--issue", "outage"]);
    assert_eq!(doc["policy"], "unique");
    assert_eq!(
        outcomes(&doc),
        [
            (json!("critical"), true, p(&["t1", "t2", "ms"])),
            (json!("outage"), true, p(&["t1", "t2"])),
            (json!("outage"), true, p(&["t1", "t2"])),
        ]
    );
}

#[test]
fn unique_policy_with_an_overlap_refuses_to_route() {
    let site = Site::minimal();
    site.replace(MAIN, "policy: first", "policy: unique");
    let (code, json, stderr) = site.route(&["--product", "m365", "--issue", "outage"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(json.is_none());
    assert!(stderr.contains("routing-overlap"), "{stderr}");
}

#[test]
fn fallback_decides_unmatched_cases_with_rule_null() {
    let site = Site::minimal_with_fallback();
    let doc = route_ok(
        &site,
        &[
            "--product",
            "azure",
            "--issue",
            "billing",
            "--severity",
            "C",
        ],
    );
    assert_eq!(outcomes(&doc), [(Value::Null, true, p(&["t2"]))]);
    assert_eq!(doc["cases"][0]["rule_location"], Value::Null);
    assert_eq!(doc["cases"][0]["tiers"][0]["id"], "t2");
    let doc = route_ok(
        &site,
        &["--product", "m365", "--issue", "billing", "--severity", "C"],
    );
    assert_eq!(outcomes(&doc), [(json!("billing"), true, p(&["t1"]))]);
}

#[test]
fn covered_false_has_an_empty_path() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  rules:\n",
        "  rules:\n    - id: no-m365-billing\n      when: { product: m365, issue: billing }\n      covered: false\n      note: Ask Microsoft.\n",
    );
    let doc = route_ok(
        &site,
        &["--product", "m365", "--issue", "billing", "--severity", "B"],
    );
    assert_eq!(outcomes(&doc), [(json!("no-m365-billing"), false, vec![])]);
    let case = &doc["cases"][0];
    assert_eq!(case["path"], json!([]));
    assert_eq!(case["tiers"], json!([]));
    assert_eq!(case["note"], "Ask Microsoft.");
}

#[test]
fn left_out_severity_answers_for_each_severity_in_catalogue_order() {
    let site = Site::minimal();
    // Reorder the severities: answers follow the catalogue's order, not the alphabet.
    site.replace(
        MAIN,
        "  - { id: A, name: Critical }\n  - { id: B, name: High }\n  - { id: C, name: Normal }\n",
        "  - { id: C, name: Normal }\n  - { id: A, name: Critical }\n  - { id: B, name: High }\n",
    );
    let doc = route_ok(&site, &["--product", "azure", "--issue", "outage"]);
    let sevs: Vec<&str> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["severity"].as_str().unwrap())
        .collect();
    assert_eq!(sevs, ["C", "A", "B"]);
    let rules: Vec<Value> = outcomes(&doc).into_iter().map(|o| o.0).collect();
    assert_eq!(rules, [json!("outage"), json!("critical"), json!("outage")]);
}

#[test]
fn dimensions_not_used_by_rules_are_not_expanded() {
    let site = Site::minimal();
    let doc = route_ok(&site, &["--product", "azure", "--issue", "billing"]);
    // No rule uses the plan, so there is one answer per severity and no plan.
    assert_eq!(doc["cases"].as_array().unwrap().len(), 3);
    for c in doc["cases"].as_array().unwrap() {
        assert!(c.get("plan").is_none(), "{c}");
    }
}

#[test]
fn expansion_over_severity_and_plan_runs_the_last_dimension_fastest() {
    let site = Site::example();
    let doc = route_ok(&site, &["--product", "azure", "--issue", "outage"]);
    assert_eq!(
        doc["dimensions"],
        json!(["product", "issue", "severity", "plan"])
    );
    let cases: Vec<(String, String, String)> = doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["severity"].as_str().unwrap().to_string(),
                c["plan"].as_str().unwrap().to_string(),
                c["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut want = Vec::new();
    for s in ["A", "B", "C"] {
        for plan in ["essential", "standard", "premium", "enterprise"] {
            let rule = match (s, plan) {
                ("A", "premium" | "enterprise") => "priority-critical",
                ("A", _) => "critical",
                ("B", _) => "m365-azure-outage-high",
                _ => "technical",
            };
            want.push((s.to_string(), plan.to_string(), rule.to_string()));
        }
    }
    assert_eq!(cases, want);
}

#[test]
fn given_plan_narrows_the_expansion_and_picks_the_response_target() {
    let site = Site::example();
    let doc = route_ok(
        &site,
        &[
            "--product",
            "azure",
            "--issue",
            "outage",
            "--plan",
            "premium",
        ],
    );
    let cases = doc["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    // The example site is in Italian: the words are the portal's.
    assert_eq!(
        cases[0]["response"],
        json!([{ "severity": "A", "within": "1h", "clock": "always", "words": "entro 1 ora, 24 ore su 24" }])
    );
    assert_eq!(
        cases[2]["response"],
        json!([{ "severity": "C", "within": "24h", "clock": "calendar", "words": "entro 24 ore lavorative" }])
    );
    // Premium states no update or resolution targets.
    assert_eq!(cases[0]["updates"], json!([]));
    assert_eq!(cases[0]["resolution"], json!([]));
}

#[test]
fn partner_only_tiers_have_no_methods() {
    let site = Site::minimal();
    let doc = route_ok(
        &site,
        &["--product", "azure", "--issue", "outage", "--severity", "A"],
    );
    let tiers = doc["cases"][0]["tiers"].as_array().unwrap();
    assert_eq!(tiers.len(), 3);
    assert_eq!(tiers[0]["partner_only"], false);
    assert_eq!(tiers[0]["methods"].as_array().unwrap().len(), 3);
    assert_eq!(tiers[0]["methods"][1]["type"], "email");
    assert_eq!(tiers[0]["methods"][1]["value"], "support@contoso.example");
    assert_eq!(tiers[2]["id"], "ms");
    assert_eq!(tiers[2]["partner_only"], true);
    assert_eq!(tiers[2]["methods"], json!([]));
    assert_eq!(tiers[2]["responsible"], "Microsoft");
    assert!(
        !doc.to_string()
            .contains("partner.microsoft.example/support"),
        "a partner-only method leaked into the answer"
    );
}

#[test]
fn partner_only_methods_are_not_printed_in_human_form_either() {
    let site = Site::example();
    let out = site
        .cmd()
        .args(["route", "site", "--product", "azure", "--issue", "outage"])
        .args(["--severity", "A", "--plan", "essential"])
        .output()
        .unwrap();
    common::assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("rule:     critical (site/catalogue/routing.yaml:"),
        "{text}"
    );
    assert!(text.contains("+39 02 5555 0100"), "{text}");
    assert!(!text.contains("partner.microsoft.com"), "{text}");
    assert!(!text.contains("csp-escalation@"), "{text}");
}

#[test]
fn unknown_product_is_a_usage_error_with_a_suggestion() {
    let site = Site::minimal();
    let (code, json, stderr) = site.route(&["--product", "azur", "--issue", "outage"]);
    assert_eq!(code, 2);
    assert!(json.is_none());
    assert!(stderr.contains("did you mean `azure`"), "{stderr}");
}

#[test]
fn unknown_severity_and_plan_are_usage_errors() {
    let site = Site::minimal();
    let (code, _, stderr) =
        site.route(&["--product", "azure", "--issue", "outage", "--severity", "D"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no severity `D`"), "{stderr}");
    let (code, _, stderr) = site.route(&[
        "--product",
        "azure",
        "--issue",
        "outage",
        "--plan",
        "premiun",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("did you mean `premium`"), "{stderr}");
}

#[test]
fn site_with_errors_makes_route_exit_1() {
    let site = Site::minimal();
    site.replace(MAIN, "timezone: Europe/Rome", "timezone: Europe/Rom");
    let (code, json, stderr) = site.route(&["--product", "azure", "--issue", "outage"]);
    assert_eq!(code, 1);
    assert!(json.is_none());
    assert!(stderr.contains("invalid-timezone"), "{stderr}");
}

#[test]
fn site_with_warnings_still_routes() {
    let site = Site::minimal();
    site.write(
        "catalogue/extra.yaml",
        "organisations:\n  - { id: acme, name: Acme, role: contractor }\n",
    );
    route_ok(&site, &["--product", "azure", "--issue", "outage"]);
}

#[test]
fn folder_without_settings_exits_2() {
    let site = Site::empty();
    let (code, json, stderr) = site.route(&["--product", "azure", "--issue", "outage"]);
    assert_eq!(code, 2);
    assert!(json.is_none());
    assert!(stderr.contains("not a supportbook site"), "{stderr}");
}

#[test]
fn missing_folder_exits_2() {
    let site = Site::minimal();
    let out = site
        .cmd()
        .args([
            "route",
            "no-such-site",
            "--product",
            "azure",
            "--issue",
            "outage",
        ])
        .output()
        .unwrap();
    common::assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
}
