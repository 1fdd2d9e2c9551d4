//! Targets as contracts state them (spec sections 12 and 14), through the CLI: durations
//! (compounds, business days) and their errors, updates and resolution targets, one-duration
//! targets, target rules, the `calendar-day` and `unused-target-rule` warnings, the
//! `promise-unkeepable` error, and how `route`, the built portal and `api/catalogue.json` carry
//! the targets.

mod common;

use common::{MAIN, Site};
use serde_json::{Value, json};

const PLANS: &str = "catalogue/plans.yaml";

/// The minimal fixture's Essential plan with `targets` instead of its response targets.
fn essential_with(targets: &str) -> Site {
    let site = Site::minimal();
    site.replace(MAIN, "    response: { A: 4h, B: 1bd }\n", targets);
    site
}

#[test]
fn bad_durations_and_target_rules_are_all_reported_at_once_and_located() {
    let site = essential_with(concat!(
        "    response: { A: { within: 1bd, clock: always }, B: 0bd, C: 1m2h }\n",
        "    updates: { A: 1h1h }\n",
        "    resolution: { A: { every: 2h } }\n",
        "    target_rules:\n",
        "      - when: { issue: biling }\n",
        "        response: 2bd\n",
        "      - when: { product: azure }\n",
    ));
    let run = site.check();
    run.assert_exit(1);
    let mut codes = run.codes();
    codes.sort_unstable();
    assert_eq!(
        codes,
        [
            "invalid-duration",
            "invalid-duration",
            "invalid-duration",
            "invalid-duration",
            "missing-key",
            "unknown-key",
            "unknown-reference",
        ],
        "{}",
        run.listing()
    );
    let durations = run.all("invalid-duration");
    let find = |part: &str| {
        *durations
            .iter()
            .find(|d| d.message.contains(part))
            .unwrap_or_else(|| panic!("no error about {part}: {}", run.listing()))
    };
    find("`1bd` counts business days, which only a calendar clock has").assert_at(&site.at_in(
        MAIN,
        "{ within: 1bd, clock: always }",
        "1bd",
    ));
    find("`0bd` is no time").assert_at(&site.at(MAIN, "0bd"));
    find("`1m2h` is out of order: write days, hours, then minutes")
        .assert_at(&site.at(MAIN, "1m2h"));
    find("`1h1h` gives `h` twice").assert_at(&site.at(MAIN, "1h1h"));
    run.one("unknown-key")
        .assert_at(&site.at_in(MAIN, "{ every: 2h }", "2h"))
        .assert_message_contains(&["`resolution` targets say `within`, not `every`"]);
    run.one("unknown-reference")
        .assert_at(&site.at(MAIN, "biling"))
        .assert_help("did you mean `billing`?");
    run.one("missing-key")
        .assert_at(&site.at_in(MAIN, "- when: { product: azure }", "when"))
        .assert_message_contains(&["this target rule names no target"]);
}

#[test]
fn compounds_business_days_and_one_target_for_every_severity_are_accepted() {
    let site = essential_with(concat!(
        "    response: 1bd\n",
        "    updates: { A: { every: 1h30m }, B: 1bd }\n",
        "    resolution: { within: 2d12h, clock: always }\n",
    ));
    // Around the clock: the service desk's web form is answered at every hour.
    site.check_with(&["--strict"])
        .assert_exit(0)
        .assert_codes(&[]);
}

#[test]
fn a_calendar_clock_day_is_warned_about_except_on_an_always_open_calendar() {
    let site = essential_with("    response: { A: 4h, B: 1d }\n");
    site.replace(
        MAIN,
        "response: { A: { within: 1h, clock: always }, B: 4h }",
        "response: { A: { within: 1h, clock: always }, B: 2d }",
    );
    let run = site.check();
    run.assert_exit(0);
    run.only_warning("calendar-day")
        .assert_at(&site.at_in(MAIN, "{ A: 4h, B: 1d }", "1d"))
        .assert_message_contains(&[
            "`1d` counts 24 staffed hours of calendar `office`, not a day",
            "\"within 24 business hours\"",
        ])
        .assert_help("write business days (`1bd`) or business hours (`24h`) to say what is meant");
    site.check_with(&["--strict"]).assert_exit(1);
}

#[test]
fn a_target_rule_that_decides_nothing_is_warned_about() {
    let site = essential_with(concat!(
        "    response: { A: 4h, B: 1bd }\n",
        "    target_rules:\n",
        "      - when: { issue: billing }\n",
        "        response: 2bd\n",
        "      - when: { issue: billing, severity: B }\n",
        "        response: 3bd\n",
        "      - when: { issue: billing, severity: B }\n",
        "        resolution: 5bd\n",
    ));
    let run = site.check();
    run.assert_exit(0);
    run.only_warning("unused-target-rule")
        .assert_at(&site.at_in(
            MAIN,
            "- when: { issue: billing, severity: B }\n        response: 3bd",
            "when",
        ))
        .assert_message_contains(&["decides no target", "plan `essential`"]);
}

/// The minimal site with the service desk's web form no longer answered around the clock: the
/// desk keeps office hours, and Premium counts severity A around the clock.
fn premium_at_the_office() -> Site {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "\"https://support.contoso.example/new\", hours: always }",
        "\"https://support.contoso.example/new\" }",
    );
    site
}

#[test]
fn a_target_around_the_clock_needs_a_contact_staffed_at_every_instant() {
    let site = premium_at_the_office();
    let run = site.check();
    run.assert_exit(1);
    run.one("promise-unkeepable")
        .assert_at(&site.at_in(MAIN, "A: { within: 1h, clock: always }, B: 4h", "{ within"))
        .assert_message_contains(&[
            "plan `premium`",
            "severity `A`",
            "`1h`, clock: always",
            "Saturday 11:00–Monday 07:30, UTC",
            "(`service-desk`)",
        ]);
    // Counted on the plan's calendar, the promise can be kept.
    site.replace(
        MAIN,
        "response: { A: { within: 1h, clock: always }, B: 4h }",
        "response: { A: 1h, B: 4h }",
    );
    assert!(!site.check().codes().contains(&"promise-unkeepable"));
}

#[test]
fn a_resolution_or_update_target_around_the_clock_is_a_promise_too() {
    let site = premium_at_the_office();
    site.replace(
        MAIN,
        "response: { A: { within: 1h, clock: always }, B: 4h }",
        "response: { A: 1h, B: 4h }\n    resolution: { B: { within: 2d, clock: always } }",
    );
    let run = site.check();
    run.assert_exit(1);
    run.one("promise-unkeepable")
        .assert_message_contains(&["resolution target for severity `B`", "`2d`"]);
}

#[test]
fn the_first_contact_of_a_path_keeps_the_promise() {
    let site = premium_at_the_office();
    // Every case now starts at a line staffed around the clock.
    site.replace(
        MAIN,
        "  - id: ms-partner\n",
        "  - id: night-line\n    name: Night line\n    hours: always\n    methods:\n      - { type: phone, value: \"+39 02 5555 0199\" }\n  - id: ms-partner\n",
    );
    site.replace(
        MAIN,
        "  - id: t1\n    name: Tier 1\n    contact: service-desk",
        "  - id: t1\n    name: Tier 1\n    contact: night-line",
    );
    let run = site.check();
    assert!(
        !run.codes().contains(&"promise-unkeepable"),
        "{}",
        run.listing()
    );
}

#[test]
fn the_example_site_is_clean_with_its_business_day_and_resolution_targets() {
    let site = Site::example();
    let plans = site.read(&format!(
        "catalogue/{}",
        PLANS.trim_start_matches("catalogue/")
    ));
    assert!(
        plans.contains("B: 1bd")
            && plans.contains("resolution:")
            && plans.contains("target_rules:")
    );
    site.check_with(&["--strict"])
        .assert_exit(0)
        .assert_codes(&[]);
}

/// `route` on the example site, in English.
fn route(site: &Site, args: &[&str]) -> Value {
    let mut all = vec!["--lang", "en"];
    all.extend(args);
    let (code, doc, err) = site.route(&all);
    assert_eq!(code, 0, "{err}");
    doc.unwrap()
}

#[test]
fn route_gives_resolution_and_updates_beside_the_response_and_when_they_fall_due() {
    let site = Site::example();
    let case = [
        "--product",
        "m365",
        "--issue",
        "outage",
        "--severity",
        "A",
        "--plan",
        "enterprise",
    ];
    let doc = route(&site, &case);
    let c = &doc["cases"][0];
    assert_eq!(
        c["response"],
        json!([{ "severity": "A", "within": "30m", "clock": "always", "words": "within 30 minutes, around the clock" }])
    );
    assert_eq!(
        c["updates"],
        json!([{ "severity": "A", "every": "1h", "clock": "always", "words": "every hour, around the clock" }])
    );
    assert_eq!(
        c["resolution"],
        json!([{ "severity": "A", "within": "8h", "clock": "always", "words": "within 8 hours, around the clock" }])
    );
    let mut at = case.to_vec();
    at.extend(["--at", "2026-12-14T10:00:00+01:00"]);
    let doc = route(&site, &at);
    let c = &doc["cases"][0];
    assert_eq!(
        c["response"][0]["response_due"],
        "2026-12-14T10:30:00+01:00"
    );
    assert_eq!(
        c["response"][0]["resolution_due"],
        "2026-12-14T18:00:00+01:00"
    );
    assert_eq!(
        c["response"][0]["updates_every"],
        json!({ "every": "1h", "clock": "always" })
    );
    assert_eq!(
        c["resolution"][0]["resolution_due"],
        "2026-12-14T18:00:00+01:00"
    );
    // Severity C: answered in business hours, resolved by the end of the fifth business day
    // (Saturday is one: the extended desk works Saturday mornings).
    let mut at = at.clone();
    at[5] = "C";
    let c = &route(&site, &at)["cases"][0];
    assert_eq!(c["response"][0]["words"], "within 8 business hours");
    assert_eq!(
        c["resolution"][0]["words"],
        "by the end of the fifth business day"
    );
    assert_eq!(
        c["response"][0]["resolution_due"],
        "2026-12-19T14:00:00+01:00"
    );
    assert_eq!(
        c["response"][0]["updates_every"],
        json!({ "every": "1bd", "clock": "calendar" })
    );
}

#[test]
fn a_target_rule_decides_its_cases_targets() {
    let site = Site::example();
    let doc = route(
        &site,
        &[
            "--product",
            "m365",
            "--issue",
            "billing",
            "--severity",
            "A",
            "--plan",
            "standard",
            "--at",
            "2026-12-11T10:00:00+01:00",
        ],
    );
    let r = &doc["cases"][0]["response"][0];
    assert_eq!(r["within"], "1bd");
    assert_eq!(r["words"], "by the end of the next business day");
    // Extended hours: Saturday 08:00–14:00 is the next business day.
    assert_eq!(r["response_due"], "2026-12-12T14:00:00+01:00");
    // Other issues keep the plan's own target.
    let doc = route(
        &site,
        &[
            "--product",
            "m365",
            "--issue",
            "outage",
            "--severity",
            "A",
            "--plan",
            "standard",
        ],
    );
    assert_eq!(doc["cases"][0]["response"][0]["within"], "2h");
    // The human answer prints each target in words under the response.
    let out = site
        .cmd()
        .args([
            "route",
            "site",
            "--lang",
            "en",
            "--product",
            "m365",
            "--issue",
            "outage",
        ])
        .args([
            "--severity",
            "B",
            "--plan",
            "enterprise",
            "--at",
            "2026-12-14T10:00:00+01:00",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  response: severity B within 2 hours, around the clock (2h, plan enterprise)\n            due Mon 2026-12-14 12:00 Europe/Rome (+01:00)")
            && text.contains("  updates: severity B every 4 hours, around the clock (4h, plan enterprise)\n")
            && text.contains("  resolution: severity B by the end of the second business day (2bd, plan enterprise)\n              due Wed 2026-12-16 22:00 Europe/Rome (+01:00)"),
        "{text}"
    );
}

#[test]
fn the_portal_and_the_api_carry_every_target() {
    let site = Site::example();
    let out = site.cwd().join("out");
    let o = site
        .cmd()
        .args(["build", "site", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let api: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("api/catalogue.json")).unwrap())
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
    let enterprise = plan("enterprise");
    assert_eq!(
        enterprise["updates"][0],
        json!({ "severity": "A", "every": "1h", "every_minutes": 60, "clock": "always" })
    );
    assert_eq!(
        enterprise["resolution"][2],
        json!({ "severity": "C", "within": "5bd", "business_days": 5, "clock": "calendar" })
    );
    assert_eq!(
        plan("standard")["target_rules"],
        json!([{ "when": { "issue": ["billing"] }, "response": [{ "within": "1bd", "business_days": 1, "clock": "calendar" }] }])
    );
    // The plan pages: a column per kind of target, and a line per target rule, in each
    // language.
    let page = std::fs::read_to_string(out.join("en/plans/enterprise/index.html")).unwrap();
    for part in [
        "First response",
        "Updates",
        "Resolution",
        "within 30 minutes, around the clock",
        "every business day",
        "by the end of the fifth business day",
    ] {
        assert!(page.contains(part), "{part} not on the Enterprise page");
    }
    let page = std::fs::read_to_string(out.join("en/plans/standard/index.html")).unwrap();
    assert!(
        page.contains(
            "<li>Billing and invoices: First response by the end of the next business day</li>"
        ),
        "{page}"
    );
    let page = std::fs::read_to_string(out.join("plans/essential/index.html")).unwrap();
    assert!(
        page.contains("entro la fine del giorno lavorativo successivo")
            && page.contains("entro la fine del secondo giorno lavorativo")
    );
    // The comparison: rows for each kind, a cell per plan.
    let compare = std::fs::read_to_string(out.join("en/plans/index.html")).unwrap();
    for part in [
        "Resolution: C (Normal)",
        "Updates: A (Critical)",
        "by the end of the fifth business day",
        "Targets for some cases",
    ] {
        assert!(compare.contains(part), "{part} not in the comparison");
    }
    // The finder's data: targets in words, with minutes or business days, and the rules.
    let finder: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("api/finder/index.json")).unwrap())
            .unwrap();
    let essential = finder["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "essential")
        .unwrap();
    assert_eq!(
        essential["targets"]["response"]["B"],
        json!({ "words": "entro la fine del giorno lavorativo successivo", "minutes": null, "business_days": 1, "always": false })
    );
}
