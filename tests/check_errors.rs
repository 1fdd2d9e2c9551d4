//! `supportbook check`: one small fixture per error and warning of spec section 4. Each test
//! copies tests/fixtures/minimal (a valid site), breaks one thing, and asserts the exit code,
//! the diagnostic code, its exact file:line:column and, where there is one, the suggestion.

mod common;

use common::{At, MAIN, Site};

/// The expectation's path in the minimal fixture, with enough context to be unique.
const EXPECTED_PATH: &str = "severity: A }\n    path: [t1, t2, ms]\n";

/// Where a rule's id is in the minimal fixture.
fn rule_id(site: &Site, id: &str) -> common::At {
    site.at_in(MAIN, &format!("- id: {id}\n      when"), id)
}

// ---------------------------------------------------------------------------------------
// The valid starting points

#[test]
fn minimal_fixture_is_clean() {
    let site = Site::minimal();
    let run = site.check_with(&["--strict"]);
    run.assert_exit(0).assert_codes(&[]);
    assert_eq!((run.errors, run.warnings), (0, 0));
}

#[test]
fn content_example_is_clean() {
    let site = Site::example();
    let run = site.check_with(&["--strict"]);
    run.assert_exit(0).assert_codes(&[]);
    let (code, text) = site.check_text("human");
    assert_eq!(code, 0);
    assert_eq!(text.trim(), "site: ok (0 errors, 0 warnings)");
}

// ---------------------------------------------------------------------------------------
// YAML and types

#[test]
fn yaml_syntax_error() {
    let site = Site::minimal();
    site.insert_after(MAIN, "    name: Tier 1", "   bad: indent");
    let d = site.check().only_error("yaml-syntax").clone();
    d.assert_at(&site.at(MAIN, "bad: indent"));
    assert!(d.message.starts_with("invalid YAML"), "{}", d.message);
}

#[test]
fn wrong_type() {
    let site = Site::minimal();
    site.replace(MAIN, "always_open: true", "always_open: yes");
    site.check()
        .only_error("wrong-type")
        .assert_at(&site.at(MAIN, "yes"))
        .assert_message_contains(&["`always_open` expects `true` or `false`", "`yes`"]);
}

#[test]
fn wrong_type_list_expected() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "contacts: [service-desk]\n    response: { A: 4h",
        "contacts: service-desk\n    response: { A: 4h",
    );
    site.check()
        .only_error("wrong-type")
        .assert_at(
            &site
                .at(MAIN, "contacts: service-desk")
                .with_column_offset(10),
        )
        .assert_message_contains(&["`contacts` expects a list"]);
}

#[test]
fn unknown_key_suggests_the_close_key() {
    let site = Site::minimal();
    site.replace(MAIN, "    timezone: UTC", "    timezon: UTC");
    site.check()
        .only_error("unknown-key")
        .assert_at(&site.at(MAIN, "timezon:"))
        .assert_message_contains(&["unknown key `timezon`"])
        .assert_help("did you mean `timezone`?");
}

#[test]
fn unknown_key_far_from_any_lists_the_allowed_keys() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    timezone: UTC",
        "    timezone: UTC\n    colour: blue",
    );
    let run = site.check();
    let d = run.only_error("unknown-key");
    d.assert_at(&site.at(MAIN, "colour"));
    let help = d.help.as_deref().unwrap_or_default();
    assert!(
        help.contains("timezone") && help.contains("weekly"),
        "{help}"
    );
}

#[test]
fn unknown_section() {
    let site = Site::minimal();
    site.replace(MAIN, "severities:", "severitys:");
    site.check()
        .only_error("unknown-key")
        .assert_at(&site.at(MAIN, "severitys:"))
        .assert_message_contains(&["unknown section `severitys`"])
        .assert_help("did you mean `severities`?");
}

#[test]
fn columns_count_characters_not_bytes() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    name: Around the clock\n    timezone: UTC",
        "    name: Über Società ☎\n    note: { \"café ☕\": 1, timezon: UTC }\n    timezone: UTC",
    );
    let run = site.check();
    let d = run.only_error("wrong-type");
    d.assert_at(&site.at(MAIN, "{ \"café"));
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  - id: always\n    name: Around the clock\n    timezone: UTC\n    always_open: true",
        "  - { id: always, name: Über Società ☎, timezon: UTC, always_open: true }",
    );
    let run = site.check();
    let d = run.only_error("unknown-key");
    d.assert_at(&site.at(MAIN, "timezon:"));
    assert_eq!(d.column, Some(41));
}

#[test]
fn missing_required_key() {
    let site = Site::minimal();
    site.replace(MAIN, "  - id: t2\n    name: Tier 2\n", "  - id: t2\n");
    site.check()
        .only_error("missing-key")
        .assert_at(&site.at(MAIN, "id: t2"))
        .assert_message_contains(&["missing required key `name`"]);
}

/// serde stops at the first missing key of a mapping; every one is reported, in one run, each
/// at its mapping, across several items and several sections.
#[test]
fn every_missing_key_is_reported_at_once() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  - id: t2\n    name: Tier 2\n    contact: service-desk\n",
        "  - id: t2\n",
    );
    site.replace(
        MAIN,
        "  - id: service-desk\n    name: Service Desk\n    hours: office\n",
        "  - id: service-desk\n",
    );
    site.replace(
        MAIN,
        "  name: Contoso Cloud\n  relationship: direct-bill\n",
        "",
    );
    let run = site.check();
    run.assert_exit(1).assert_codes(&["missing-key"; 6]);
    let at = |line: &str, keys: &[&str]| {
        let loc = site.at(MAIN, line);
        let mut got: Vec<String> = run
            .all("missing-key")
            .into_iter()
            .filter(|d| d.at().as_ref() == Some(&loc))
            .map(|d| d.message.clone())
            .collect();
        got.sort();
        let want: Vec<String> = keys
            .iter()
            .map(|k| format!("missing required key `{k}`"))
            .collect();
        assert_eq!(got, want, "at {line}; all:\n{}", run.listing());
    };
    at("website: https://contoso", &["name", "relationship"]);
    at("id: service-desk", &["hours", "name"]);
    at("id: t2", &["contact", "name"]);
}

#[test]
fn missing_required_section() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "products:\n  - id: azure\n    name: Microsoft Azure\n    vendor: microsoft\n  - id: m365\n    name: Microsoft 365\n    vendor: microsoft\n",
        "",
    );
    let run = site.check();
    run.assert_exit(1);
    let missing: Vec<_> = run
        .all("missing-key")
        .into_iter()
        .filter(|d| d.message.contains("`products`"))
        .collect();
    assert_eq!(missing.len(), 1, "{}", run.listing());
}

#[test]
fn duplicate_key_names_both_locations() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "when: { issue: outage, severity: A }",
        "when: { issue: outage, severity: A, issue: billing }",
    );
    let run = site.check();
    let d = run.only_error("duplicate-key");
    d.assert_at(&site.at_in(MAIN, "severity: A, issue: billing }", "issue"))
        .assert_message_contains(&["duplicate key `issue`"]);
    let first = d.note("first given here").at().unwrap();
    assert_eq!(first, site.at(MAIN, "issue: outage, severity: A, issue"));
}

// ---------------------------------------------------------------------------------------
// References and ids

/// Breaks one reference; asserts the one error, its location and its suggestion.
fn unknown_reference(from: &str, to: &str, bad: &str, noun: &str, suggestion: &str) {
    let site = Site::minimal();
    site.replace(MAIN, from, to);
    let run = site.check();
    let d = run.only_error("unknown-reference");
    d.assert_at(&site.at_in(MAIN, to, bad))
        .assert_message_contains(&[&format!("there is no {noun} `{bad}`")])
        .assert_help(&format!("did you mean `{suggestion}`?"));
}

#[test]
fn unknown_reference_calendar() {
    unknown_reference(
        "hours: always\n    contacts:",
        "hours: alwys\n    contacts:",
        "alwys",
        "calendar",
        "always",
    );
}

#[test]
fn unknown_reference_contact() {
    unknown_reference(
        "contact: service-desk\n    responsible: partner",
        "contact: service-dsk\n    responsible: partner",
        "service-dsk",
        "contact",
        "service-desk",
    );
}

#[test]
fn unknown_reference_tier() {
    unknown_reference(
        "      path: [t1, t2]\n",
        "      path: [t1, t22]\n",
        "t22",
        "tier",
        "t2",
    );
}

#[test]
fn unknown_reference_organisation() {
    unknown_reference(
        "operated_by: microsoft",
        "operated_by: microsfot",
        "microsfot",
        "organisation",
        "microsoft",
    );
}

#[test]
fn unknown_reference_product() {
    unknown_reference(
        "case: { product: azure,",
        "case: { product: azur,",
        "azur",
        "product",
        "azure",
    );
}

#[test]
fn unknown_reference_issue_type() {
    unknown_reference(
        "      path: [t1, t2]\n",
        "      path: [t1, t2]\n    - id: extra\n      when: { issue: outgae }\n      path: [t1]\n",
        "outgae",
        "issue type",
        "outage",
    );
}

#[test]
fn unknown_reference_severity() {
    unknown_reference(
        "response: { A: 4h, B: 1bd }",
        "response: { A: 4h, b: 1d }",
        "b",
        "severity",
        "B",
    );
}

#[test]
fn unknown_reference_plan() {
    unknown_reference(
        "      path: [t1, t2]\n",
        "      path: [t1, t2]\n    - id: extra\n      when: { plan: premiun }\n      path: [t1]\n",
        "premiun",
        "plan",
        "premium",
    );
}

#[test]
fn unknown_reference_without_close_id_lists_the_known_ones() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "operated_by: microsoft",
        "operated_by: globex-corporation",
    );
    let run = site.check();
    let d = run.only_error("unknown-reference");
    d.assert_help("known organisation ids: microsoft");
}

#[test]
fn duplicate_id_in_one_file() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    name: Microsoft 365\n",
        "    name: Microsoft 365\n  - id: azure\n    name: Azure again\n",
    );
    let run = site.check();
    let d = run.only_error("duplicate-id");
    d.assert_at(
        &site
            .at_nth(MAIN, "id: azure", 1, false)
            .with_column_offset(4),
    )
    .assert_message_contains(&["duplicate product id `azure`"]);
    assert_eq!(
        d.note("first defined here").at().unwrap(),
        site.at_nth(MAIN, "id: azure", 0, false)
            .with_column_offset(4)
    );
}

#[test]
fn duplicate_id_across_two_files() {
    let site = Site::minimal();
    site.write(
        "catalogue/more.yaml",
        "# more calendars\ncalendars:\n  - id: office\n    name: Office again\n    timezone: UTC\n    always_open: true\n",
    );
    let run = site.check();
    let d = run.only_error("duplicate-id");
    d.assert_at(&site.at("catalogue/more.yaml", "office"))
        .assert_message_contains(&["duplicate calendar id `office`"]);
    assert_eq!(
        d.note("first defined here").at().unwrap(),
        site.at(MAIN, "id: office").with_column_offset(4)
    );
}

#[test]
fn invalid_id() {
    let site = Site::minimal();
    site.replace(MAIN, "  - id: m365", "  - id: Microsoft365");
    site.check()
        .only_error("invalid-id")
        .assert_at(&site.at(MAIN, "Microsoft365"))
        .assert_message_contains(&["`Microsoft365` is not a valid product id"]);
}

// ---------------------------------------------------------------------------------------
// Values: calendars

#[test]
fn interval_end_not_after_start() {
    let site = Site::minimal();
    site.replace(MAIN, "sat: 09:00-12:00", "sat: 12:00-09:00");
    site.check()
        .only_error("invalid-interval")
        .assert_at(&site.at(MAIN, "12:00-09:00"))
        .assert_message_contains(&["must end after it starts"]);
}

#[test]
fn intervals_that_overlap() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "[08:30-13:00, 14:00-18:00]",
        "[08:30-13:00, 12:00-18:00]",
    );
    site.check()
        .only_error("invalid-interval")
        .assert_at(&site.at(MAIN, "12:00-18:00"))
        .assert_message_contains(&["overlaps"]);
}

#[test]
fn day_named_twice_through_a_range() {
    let site = Site::minimal();
    site.insert_after(MAIN, "sat: 09:00-12:00", "      wed: 10:00-11:00");
    let run = site.check();
    let d = run.only_error("invalid-interval");
    d.assert_at(&site.at(MAIN, "wed:"))
        .assert_message_contains(&["`wed` is named twice"]);
    assert_eq!(
        d.note("first named here").at().unwrap(),
        site.at(MAIN, "mon-fri")
    );
}

#[test]
fn day_named_twice_in_one_key() {
    let site = Site::minimal();
    site.replace(MAIN, "sat: 09:00-12:00", "sat,sat: 09:00-12:00");
    site.check()
        .only_error("invalid-interval")
        .assert_at(&site.at(MAIN, "sat,sat"))
        .assert_message_contains(&["`sat` is named twice"]);
}

#[test]
fn bad_day_name_suggests_a_day() {
    let site = Site::minimal();
    site.replace(MAIN, "sat: 09:00-12:00", "satu: 09:00-12:00");
    site.check()
        .only_error("invalid-value")
        .assert_at(&site.at(MAIN, "satu"))
        .assert_help("did you mean `sat`?");
}

#[test]
fn invalid_timezone_suggests_the_close_name() {
    let site = Site::minimal();
    site.replace(MAIN, "timezone: Europe/Rome", "timezone: Europe/Rom");
    site.check()
        .only_error("invalid-timezone")
        .assert_at(&site.at(MAIN, "Europe/Rom"))
        .assert_message_contains(&["unknown time zone `Europe/Rom`"])
        .assert_help("did you mean `Europe/Rome`?");
}

#[test]
fn bad_date() {
    let site = Site::minimal();
    site.replace(MAIN, "date: 2026-12-24", "date: 2026-02-30");
    site.check()
        .only_error("invalid-date")
        .assert_at(&site.at(MAIN, "2026-02-30"))
        .assert_message_contains(&["`2026-02-30` is not a date"]);
}

#[test]
fn duplicate_holiday() {
    let site = Site::minimal();
    site.replace(MAIN, "date: 2026-12-24", "date: 2026-12-25");
    let run = site.check();
    let d = run.only_error("duplicate-holiday");
    d.assert_at(&site.at_nth(MAIN, "2026-12-25", 1, false));
    assert_eq!(
        d.note("first listed here").at().unwrap(),
        site.at_nth(MAIN, "2026-12-25", 0, false)
    );
}

// ---------------------------------------------------------------------------------------
// Values: contacts and prices

#[test]
fn invalid_email() {
    let site = Site::minimal();
    site.replace(MAIN, "support@contoso.example", "support@@contoso");
    site.check()
        .only_error("invalid-email")
        .assert_at(&site.at(MAIN, "support@@contoso"));
}

#[test]
fn invalid_phone() {
    let site = Site::minimal();
    site.replace(MAIN, "+39 02 5555 0100", "+39 02 CALL-US");
    site.check()
        .only_error("invalid-phone")
        .assert_at(&site.at(MAIN, "\"+39 02 CALL-US\""));
}

#[test]
fn invalid_url() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "\"https://support.contoso.example/new\"",
        "\"support.contoso.example/new\"",
    );
    site.check()
        .only_error("invalid-url")
        .assert_at(&site.at(MAIN, "\"support.contoso.example/new\""));
}

#[test]
fn invalid_currency_suggests_upper_case() {
    let site = Site::minimal();
    site.replace(MAIN, "currency: EUR", "currency: eur");
    site.check()
        .only_error("invalid-currency")
        .assert_at(&site.at(MAIN, "eur"))
        .assert_help("currency codes are upper case: did you mean `EUR`?");
}

#[test]
fn invalid_amount() {
    let site = Site::minimal();
    site.replace(MAIN, "amount: \"49.90\"", "amount: \"49,90\"");
    site.check()
        .only_error("invalid-amount")
        .assert_at(&site.at(MAIN, "\"49,90\""))
        .assert_message_contains(&["`49,90` is not an amount"]);
}

#[test]
fn negative_amount() {
    let site = Site::minimal();
    site.replace(MAIN, "amount: \"49.90\"", "amount: -5");
    site.check()
        .only_error("invalid-amount")
        .assert_at(&site.at(MAIN, "-5"));
}

#[test]
fn invalid_duration() {
    let site = Site::minimal();
    site.replace(MAIN, "{ A: 4h, B: 1bd }", "{ A: 4 hours, B: 1bd }");
    site.check()
        .only_error("invalid-duration")
        .assert_at(&site.at(MAIN, "4 hours"))
        .assert_message_contains(&["`4 hours` is not a duration"]);
}

#[test]
fn price_with_two_forms() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "price: { included: true }",
        "price: { included: true, amount: 5 }",
    );
    site.check()
        .only_error("invalid-price")
        .assert_at(&site.at(MAIN, "{ included: true, amount"))
        .assert_message_contains(&["exactly one form"]);
}

#[test]
fn price_flat_without_per() {
    let site = Site::minimal();
    site.replace(MAIN, ", per: month }", " }");
    let run = site.check();
    let d = run.only_error("missing-key");
    d.assert_at(&site.at(MAIN, "{ amount: \"49.90\""))
        .assert_message_contains(&["`per`"]);
}

const BANDS_OK: &str = "price:\n      per: month\n      bands:\n        - { up_to: 100, percent: 10 }\n        - { up_to: 500, percent: 5 }\n        - { percent: 3 }";

#[test]
fn banded_price_is_accepted() {
    let site = Site::minimal();
    site.replace(MAIN, "price: { included: true }", BANDS_OK);
    site.check().assert_exit(0).assert_codes(&[]);
}

#[test]
fn bands_not_ascending() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "price: { included: true }",
        &BANDS_OK.replace("up_to: 500", "up_to: 50"),
    );
    site.check()
        .only_error("invalid-price")
        .assert_at(&site.at(MAIN, "50, percent: 5"))
        .assert_message_contains(&["bands must ascend"]);
}

#[test]
fn band_without_up_to_not_last() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "price: { included: true }",
        &BANDS_OK.replace("{ up_to: 500, percent: 5 }", "{ percent: 5 }"),
    );
    site.check()
        .only_error("invalid-price")
        .assert_at(&site.at(MAIN, "{ percent: 5 }"))
        .assert_message_contains(&["only the last band may lack `up_to`"]);
}

// ---------------------------------------------------------------------------------------
// Sections split over files

#[test]
fn partner_in_two_files() {
    let site = Site::minimal();
    site.write(
        "catalogue/second.yaml",
        "partner:\n  name: Someone else\n  relationship: direct-bill\n",
    );
    let run = site.check();
    let d = run.only_error("split-section");
    d.assert_at(&site.at("catalogue/second.yaml", "name: Someone"))
        .assert_message_contains(&["`partner`"]);
    assert_eq!(
        d.note("first given here").at().unwrap(),
        site.at(MAIN, "name: Contoso Cloud")
    );
}

#[test]
fn fallback_in_two_files() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  policy: first\n",
        "  policy: first\n  fallback: [t1]\n",
    );
    site.write("catalogue/second.yaml", "routing:\n  fallback: [t2]\n");
    let run = site.check();
    let d = run.only_error("split-section");
    d.assert_at(&site.at("catalogue/second.yaml", "[t2]"))
        .assert_message_contains(&["`fallback`"]);
}

// ---------------------------------------------------------------------------------------
// Routing

#[test]
fn routing_gap_is_named_compactly() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "when: { issue: billing }",
        "when: { issue: billing, product: m365 }",
    );
    let run = site.check();
    let d = run.only_error("routing-gap");
    d.assert_at(&site.at(MAIN, "policy: first"))
        .assert_message_contains(&["3 cases match no rule"]);
    d.note("uncovered: product=azure issue=billing severity=A..C");
    assert_eq!(d.notes.len(), 1, "{d:#?}");
}

#[test]
fn routing_gap_groups_two_values_with_a_comma() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "when: { issue: billing }",
        "when: { issue: billing, severity: B }",
    );
    let run = site.check();
    let d = run.only_error("routing-gap");
    d.assert_message_contains(&["4 cases match no rule"]);
    d.note("uncovered: product=azure,m365 issue=billing severity=A,C");
}

#[test]
fn fallback_closes_the_gap() {
    let site = Site::minimal_with_fallback();
    site.check().assert_exit(0).assert_codes(&[]);
}

#[test]
fn overlap_under_policy_unique() {
    let site = Site::minimal();
    site.replace(MAIN, "policy: first", "policy: unique");
    let run = site.check();
    let d = run.only_error("routing-overlap");
    d.assert_at(&rule_id(&site, "outage"))
        .assert_message_contains(&[
            "`critical`",
            "`outage`",
            "e.g. product=azure issue=outage severity=A",
        ]);
    assert_eq!(
        d.note("rule `critical`").at().unwrap(),
        rule_id(&site, "critical")
    );
}

#[test]
fn no_overlap_under_policy_unique() {
    let site = Site::minimal();
    site.replace(MAIN, "policy: first", "policy: unique");
    site.replace(
        MAIN,
        "when: { issue: outage }",
        "when: { issue: outage, severity: [B, C] }",
    );
    site.check().assert_exit(0).assert_codes(&[]);
}

#[test]
fn path_starting_with_a_partner_only_tier() {
    let site = Site::minimal();
    site.replace(MAIN, "      path: [t1, t2]\n", "      path: [ms, t2]\n");
    site.check()
        .only_error("invalid-path")
        .assert_at(&site.at(MAIN, "[ms, t2]"))
        .assert_message_contains(&["rule `outage` starts with tier `ms`", "partner-only"]);
}

#[test]
fn fallback_starting_with_a_partner_only_tier() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  policy: first\n",
        "  policy: first\n  fallback: [ms]\n",
    );
    site.check()
        .only_error("invalid-path")
        .assert_at(&site.at(MAIN, "[ms]"))
        .assert_message_contains(&["the fallback starts with tier `ms`"]);
}

#[test]
fn tier_twice_in_a_path() {
    let site = Site::minimal();
    site.replace(MAIN, "      path: [t1, t2]\n", "      path: [t1, t2, t1]\n");
    site.check()
        .only_error("invalid-path")
        .assert_at(&site.at_in(MAIN, "[t1, t2, t1]", "t1]"))
        .assert_message_contains(&["names tier `t1` twice"]);
}

#[test]
fn empty_path_without_covered_false() {
    let site = Site::minimal();
    site.replace(MAIN, "      path: [t1, t2]\n", "      path: []\n");
    site.check()
        .only_error("invalid-path")
        .assert_at(&site.at(MAIN, "[]"))
        .assert_message_contains(&["rule `outage` has an empty path"]);
}

#[test]
fn rule_without_path_or_covered_false() {
    let site = Site::minimal();
    site.replace(MAIN, "      path: [t1, t2]\n", "");
    site.check()
        .only_error("invalid-path")
        .assert_at(&site.at_in(MAIN, "- id: outage\n      when", "id"))
        .assert_message_contains(&["rule `outage` has no `path`"]);
}

#[test]
fn covered_false_with_a_path() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "      path: [t1, t2]\n",
        "      covered: false\n      path: [t1, t2]\n",
    );
    site.check()
        .only_error("invalid-path")
        .assert_at(&site.at(MAIN, "[t1, t2]\n"))
        .assert_message_contains(&["must not have a `path`"]);
}

#[test]
fn covered_false_rule_is_accepted() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "      path: [t1, t2]\n",
        "      covered: false\n      note: Not supported.\n",
    );
    site.check().assert_exit(0).assert_codes(&[]);
}

// ---------------------------------------------------------------------------------------
// Plans

#[test]
fn plan_listing_a_partner_only_contact() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "contacts: [service-desk]\n    response: { A: 4h",
        "contacts: [service-desk, ms-partner]\n    response: { A: 4h",
    );
    site.check()
        .only_error("partner-only-contact")
        .assert_at(&site.at(MAIN, "ms-partner]"))
        .assert_message_contains(&["contact `ms-partner` is partner-only"]);
}

#[test]
fn plan_without_price() {
    let site = Site::minimal();
    site.replace(MAIN, "    price: { included: true }\n", "");
    site.check()
        .only_error("missing-key")
        .assert_at(&site.at(MAIN, "id: essential"))
        .assert_message_contains(&["missing required key `price`"]);
}

#[test]
fn plan_without_hours() {
    let site = Site::minimal();
    site.replace(MAIN, "    hours: office\n    contacts", "    contacts");
    site.check()
        .only_error("missing-key")
        .assert_at(&site.at(MAIN, "id: essential"))
        .assert_message_contains(&["missing required key `hours`"]);
}

#[test]
fn plan_without_contacts() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    contacts: [service-desk]\n    response: { A: 4h",
        "    response: { A: 4h",
    );
    site.check()
        .only_error("missing-key")
        .assert_at(&site.at(MAIN, "id: essential"))
        .assert_message_contains(&["missing required key `contacts`"]);
}

#[test]
fn plan_with_an_empty_contact_list() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    contacts: [service-desk]\n    response: { A: 4h",
        "    contacts: []\n    response: { A: 4h",
    );
    site.check()
        .only_error("invalid-value")
        .assert_at(&site.at(MAIN, "[]"));
}

// ---------------------------------------------------------------------------------------
// Expectations

#[test]
fn expectation_that_does_not_hold() {
    let site = Site::minimal();
    site.replace(MAIN, EXPECTED_PATH, "severity: A }\n    path: [t1, t2]\n");
    let run = site.check();
    let d = run.only_error("expectation-failed");
    d.assert_at(&site.at(MAIN, "case:"))
        .assert_message_contains(&[
            "expected path t1 → t2,",
            "rule `critical` routes it to t1 → t2 → ms",
        ]);
    assert_eq!(
        d.note("rule `critical` decides this case").at().unwrap(),
        rule_id(&site, "critical")
    );
}

#[test]
fn expectation_not_covered_that_is_covered() {
    let site = Site::minimal();
    site.replace(MAIN, EXPECTED_PATH, "severity: A }\n    covered: false\n");
    site.check()
        .only_error("expectation-failed")
        .assert_at(&site.at(MAIN, "case:"))
        .assert_message_contains(&["expected not covered", "routes it to t1 → t2 → ms"]);
}

#[test]
fn expectation_of_a_gap() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "when: { issue: outage, severity: A }",
        "when: { issue: outage, severity: A, product: m365 }",
    );
    site.replace(
        MAIN,
        "when: { issue: outage }",
        "when: { issue: outage, severity: [B, C] }",
    );
    let run = site.check();
    run.assert_exit(1)
        .assert_codes(&["routing-gap", "expectation-failed"]);
    run.one("expectation-failed")
        .assert_message_contains(&["expected path t1 → t2 → ms", "no rule matches it"]);
}

#[test]
fn expectation_leaving_out_a_deciding_dimension() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "case: { product: azure, issue: outage, severity: A }",
        "case: { product: azure, issue: outage }",
    );
    let run = site.check();
    let d = run.only_error("expectation-incomplete");
    d.assert_at(&site.at(MAIN, "case:"))
        .assert_message_contains(&["leaves out severity"])
        .assert_help("name `severity` in `case`");
}

#[test]
fn expectation_leaving_out_a_dimension_that_does_not_matter() {
    let site = Site::minimal();
    let text = site.read(MAIN) + "  - case: { issue: billing }\n    path: [t1]\n";
    site.write(MAIN, text);
    site.check().assert_exit(0).assert_codes(&[]);
}

// ---------------------------------------------------------------------------------------
// Pages

#[test]
fn page_front_matter_that_does_not_parse() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ntitle: About us\ndescription: Who we are\nweight: [1\n---\n\nBody.\n",
    );
    let run = site.check();
    let d = run.only_error("front-matter");
    // Line 4 of the page file (line 3 of the YAML between the `---` lines).
    let at = site.at("pages/about.md", "[1");
    assert_eq!(at.line, 4);
    d.assert_at(&at);
    assert!(
        !d.message.contains("line 3"),
        "the message names the YAML's own line instead of the page file's: {}",
        d.message
    );
}

#[test]
fn page_front_matter_type_error_is_located_in_the_page() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ntitle: About us\nweight: heavy\n---\n\nBody.\n",
    );
    site.check()
        .only_error("wrong-type")
        .assert_at(&site.at("pages/about.md", "heavy"));
}

#[test]
fn page_without_front_matter() {
    let site = Site::minimal();
    site.write("pages/about.md", "# About\n\nNo front matter.\n");
    site.check()
        .only_error("front-matter")
        .assert_at(&site.at("pages/about.md", "# About"));
}

#[test]
fn page_without_title() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ndescription: Who we are\n---\n\nBody.\n",
    );
    site.check()
        .only_error("missing-key")
        .assert_at(&site.at("pages/about.md", "---\ndesc"))
        .assert_message_contains(&["`title`"]);
}

#[test]
fn page_slug_leaving_the_output_folder() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ntitle: About\nslug: ../outside\n---\n\nBody.\n",
    );
    site.check()
        .only_error("invalid-slug")
        .assert_at(&site.at("pages/about.md", "../outside"));
}

#[test]
fn page_with_a_good_slug_and_links() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ntitle: About\nslug: company/about\n---\n\nSee [plans](/plans/), [premium](/plans/premium/), [terms](terms.md) and [out](https://example.com/).\n",
    );
    site.write(
        "pages/terms.md",
        "---\ntitle: Terms\n---\n\nBack to [about](/company/about/).\n",
    );
    site.check().assert_exit(0).assert_codes(&[]);
}

#[test]
fn internal_link_to_a_missing_page() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ntitle: About\n---\n\n# About\n\nSee the [plans](/plans/) and\nthe [missing page](/nowhere/) too.\n",
    );
    site.check()
        .only_error("broken-link")
        .assert_at(&site.at("pages/about.md", "[missing page]"))
        .assert_message_contains(&["`/nowhere/`"]);
}

#[test]
fn link_to_a_missing_page_file() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ntitle: About\n---\nRead the [terms](terms.md).\n",
    );
    site.check()
        .only_error("broken-link")
        .assert_at(&site.at("pages/about.md", "[terms]"))
        .assert_message_contains(&["pages/terms.md"]);
}

#[test]
fn link_to_a_missing_plan() {
    let site = Site::minimal();
    site.write(
        "pages/about.md",
        "---\ntitle: About\n---\nCompare [gold](/plans/gold/).\n",
    );
    site.check()
        .only_error("broken-link")
        .assert_at(&site.at("pages/about.md", "[gold]"));
}

// ---------------------------------------------------------------------------------------
// supportbook.yaml

fn output_dir(value: &str, problem: &str) {
    let site = Site::minimal();
    site.write(
        "supportbook.yaml",
        format!("{}output_dir: {value}\n", site.read("supportbook.yaml")),
    );
    site.check()
        .only_error("output-dir")
        .assert_at(&site.at("supportbook.yaml", &format!("{value}\n")))
        .assert_message_contains(&[problem]);
}

#[test]
fn output_dir_is_the_site_folder() {
    output_dir(".", "is the site folder itself");
}

#[test]
fn output_dir_contains_the_site_folder() {
    output_dir("..", "contains the site folder");
}

#[test]
fn output_dir_inside_catalogue() {
    output_dir("catalogue/out", "lies inside `catalogue/`");
}

#[test]
fn output_dir_inside_pages() {
    output_dir("./pages/../pages/html", "lies inside `pages/`");
}

#[test]
fn output_dir_inside_static() {
    output_dir("static/site", "lies inside `static/`");
}

/// Issue 21.6.
#[test]
fn output_dir_inside_translations() {
    output_dir("translations/html", "lies inside `translations/`");
}

#[test]
fn output_dir_inside_templates() {
    output_dir("templates", "lies inside `templates/`");
}

#[test]
fn output_dir_beside_the_sources_is_fine() {
    let site = Site::minimal();
    site.write(
        "supportbook.yaml",
        format!("{}output_dir: build/site\n", site.read("supportbook.yaml")),
    );
    site.check().assert_exit(0).assert_codes(&[]);
}

#[test]
fn invalid_base_url() {
    let site = Site::minimal();
    site.replace(
        "supportbook.yaml",
        "https://support.contoso.example/",
        "support.contoso.example",
    );
    site.check()
        .only_error("invalid-url")
        .assert_at(&site.at("supportbook.yaml", "support.contoso.example"));
}

// ---------------------------------------------------------------------------------------
// Warnings

#[test]
fn shadowed_rule_names_the_rule_that_shadows_it() {
    let site = Site::minimal();
    site.insert_after(
        MAIN,
        "      path: [t1, t2]\n",
        "    - id: azure-outage\n      when: { issue: outage, product: azure }\n      path: [t2]",
    );
    let run = site.check();
    let d = run.only_warning("shadowed-rule");
    d.assert_at(&site.at(MAIN, "azure-outage"))
        .assert_message_contains(&[
            "rule `azure-outage` never decides a case",
            "rules `critical`, `outage`",
        ]);
    assert_eq!(
        d.note("rule `outage`").at().unwrap(),
        rule_id(&site, "outage")
    );
    site.check_with(&["--strict"]).assert_exit(1);
}

#[test]
fn rule_matching_nothing_known_is_not_reported_as_shadowed() {
    // The unknown id is the error; a "shadowed by no rule" warning would only be noise.
    let site = Site::minimal();
    site.insert_after(
        MAIN,
        "      path: [t1, t2]\n",
        "    - id: extra\n      when: { product: nothing }\n      path: [t2]",
    );
    let run = site.check();
    run.assert_codes(&["unknown-reference"]);
    for d in &run.diagnostics {
        assert!(!d.message.ends_with("rules "), "{d:#?}");
    }
}

#[test]
fn reseller_path_reaching_the_vendor_without_the_provider() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "  relationship: direct-bill\n",
        "  relationship: indirect-reseller\n  provider: fabrikam\n",
    );
    site.insert_after(
        MAIN,
        "    website: https://partner.microsoft.example/\n",
        "  - { id: fabrikam, name: Fabrikam, role: provider }",
    );
    let run = site.check();
    let d = run.only_warning("provider-bypassed");
    d.assert_at(&site.at(MAIN, "[t1, t2, ms]\n    - id: outage"))
        .assert_message_contains(&["rule `critical` reaches the vendor at tier `ms`"]);
    site.check_with(&["--strict"]).assert_exit(1);

    // Passing a tier the provider is responsible for first silences it.
    site.insert_after(
        MAIN,
        "    responsible: partner",
        "  - { id: fab, name: Fabrikam desk, contact: ms-partner, responsible: provider }",
    );
    site.replace(
        MAIN,
        "[t1, t2, ms]\n    - id: outage",
        "[t1, fab, ms]\n    - id: outage",
    );
    site.replace(
        MAIN,
        EXPECTED_PATH,
        "severity: A }\n    path: [t1, fab, ms]\n",
    );
    site.check().assert_exit(0).assert_codes(&[]);
}

#[test]
fn reseller_without_provider_is_an_error() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "relationship: direct-bill",
        "relationship: indirect-reseller",
    );
    let run = site.check();
    run.assert_exit(1);
    run.all("missing-key")
        .iter()
        .find(|d| d.message.contains("`provider`"))
        .expect("the missing provider is reported");
}

fn unused(section_text: &str, needle: &str, noun: &str, id: &str) {
    let site = Site::minimal();
    site.write("catalogue/extra.yaml", section_text);
    let run = site.check();
    run.only_warning("unused")
        .assert_at(&site.at("catalogue/extra.yaml", needle))
        .assert_message_contains(&[&format!("{noun} `{id}` is not referred to by anything")]);
    site.check_with(&["--strict"]).assert_exit(1);
}

#[test]
fn unused_calendar() {
    unused(
        "calendars:\n  - id: spare\n    name: Spare\n    timezone: UTC\n    always_open: true\n",
        "spare",
        "calendar",
        "spare",
    );
}

#[test]
fn unused_contact() {
    unused(
        "contacts:\n  - id: spare-desk\n    name: Spare\n    hours: office\n    methods: [ { type: email, value: spare@contoso.example } ]\n",
        "spare-desk",
        "contact",
        "spare-desk",
    );
}

#[test]
fn unused_tier() {
    unused(
        "tiers:\n  - { id: t3, name: Tier 3, contact: service-desk }\n",
        "t3",
        "tier",
        "t3",
    );
}

#[test]
fn unused_organisation() {
    unused(
        "organisations:\n  - { id: acme, name: Acme, role: contractor }\n",
        "acme",
        "organisation",
        "acme",
    );
}

// ---------------------------------------------------------------------------------------
// Reporting

#[test]
fn unrelated_errors_are_reported_together_sorted_by_file_and_line() {
    let site = Site::minimal();
    // Found in the order: settings, calendars, tiers; printed by file, then line.
    site.replace(
        "supportbook.yaml",
        "https://support.contoso.example/",
        "nowhere",
    );
    site.replace(
        MAIN,
        "contact: service-desk\n    responsible: partner",
        "contact: service-dsk\n    responsible: partner",
    );
    site.replace(MAIN, "timezone: Europe/Rome", "timezone: Europe/Milano");
    let run = site.check();
    run.assert_exit(1);
    assert_eq!(
        run.codes(),
        ["invalid-timezone", "unknown-reference", "invalid-url"],
        "{}",
        run.listing()
    );
    assert_eq!(run.errors, 3);
    let at: Vec<_> = run.diagnostics.iter().map(|d| d.at().unwrap()).collect();
    assert_eq!(at[0], site.at(MAIN, "Europe/Milano"));
    assert_eq!(at[1], site.at(MAIN, "service-dsk"));
    assert_eq!(at[2], site.at("supportbook.yaml", "nowhere"));
}

#[test]
fn broken_list_items_are_each_reported() {
    let site = Site::minimal();
    site.replace(MAIN, "    category: commercial", "    category: comercial");
    site.replace(MAIN, "    category: technical", "    categry: technical");
    let run = site.check();
    run.assert_exit(1)
        .assert_codes(&["invalid-value", "unknown-key"]);
    run.one("invalid-value")
        .assert_at(&site.at(MAIN, "comercial"))
        .assert_help("did you mean `commercial`?");
    run.one("unknown-key")
        .assert_at(&site.at(MAIN, "categry"))
        .assert_help("did you mean `category`?");
}

#[test]
fn json_format_is_one_document_with_counts() {
    let site = Site::minimal();
    site.replace(MAIN, "timezone: Europe/Rome", "timezone: Europe/Rom");
    site.write(
        "catalogue/extra.yaml",
        "organisations:\n  - { id: acme, name: Acme, role: contractor }\n",
    );
    let run = site.check();
    run.assert_exit(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["errors"], 1);
    assert_eq!(doc["warnings"], 1);
    let items = doc["diagnostics"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["level"], "warning");
    assert_eq!(items[0]["file"], "site/catalogue/extra.yaml");
    assert_eq!(items[1]["level"], "error");
    assert_eq!(items[1]["code"], "invalid-timezone");
    assert_eq!(items[1]["help"], "did you mean `Europe/Rome`?");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn github_format_prints_workflow_annotations() {
    let site = Site::minimal();
    site.replace(MAIN, "timezone: Europe/Rome", "timezone: Europe/Rom");
    site.write(
        "catalogue/extra.yaml",
        "organisations:\n  - { id: acme, name: Acme, role: contractor }\n",
    );
    let (code, out) = site.check_text("github");
    assert_eq!(code, 1, "{out}");
    let tz = site.at(MAIN, "Europe/Rom");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[0],
        "::warning file=site/catalogue/extra.yaml,line=2,col=11,title=unused::organisation `acme` is not referred to by anything"
    );
    assert_eq!(
        lines[1],
        format!(
            "::error file=site/catalogue/main.yaml,line={},col={},title=invalid-timezone::unknown time zone `Europe/Rom`%0Ahelp: did you mean `Europe/Rome`?",
            tz.line, tz.column
        )
    );
    assert_eq!(lines[2], "1 error, 1 warning");
}

#[test]
fn human_format_names_file_line_and_column() {
    let site = Site::minimal();
    site.replace(MAIN, "timezone: Europe/Rome", "timezone: Europe/Rom");
    let (code, out) = site.check_text("human");
    assert_eq!(code, 1);
    let tz = site.at(MAIN, "Europe/Rom");
    assert_eq!(
        out,
        format!(
            "site/catalogue/main.yaml:{}:{}: error[invalid-timezone]: unknown time zone `Europe/Rom`\n  = help: did you mean `Europe/Rome`?\n1 error, 0 warnings\n",
            tz.line, tz.column
        )
    );
}

#[test]
fn folder_without_settings_is_a_usage_error() {
    let site = Site::empty();
    let out = site.cmd().args(["check", "site"]).output().unwrap();
    common::assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no supportbook.yaml"), "{stderr}");
}

#[test]
fn site_without_catalogue_folder() {
    let site = Site::minimal();
    std::fs::remove_dir_all(site.file("catalogue")).unwrap();
    let run = site.check();
    run.assert_exit(1);
    assert!(
        run.all("missing-key")
            .iter()
            .any(|d| d.message.contains("catalogue/")),
        "{}",
        run.listing()
    );
}

/// `check` compiles the site's own templates as `build` will, and their errors are located in
/// every format.
#[test]
fn template_errors_are_located_in_every_format() {
    let site = Site::minimal();
    site.write("templates/base.html", "<html>\n  {% if %}broken\n</html>\n");
    site.check().only_error("template").assert_at(&At {
        file: "site/templates/base.html".into(),
        line: 2,
        column: 9,
    });
    let (code, github) = site.check_text("github");
    assert_eq!(code, 1);
    assert!(
        github.contains("::error file=site/templates/base.html,line=2,col=9,title=template::"),
        "{github}"
    );
    // A translation table that is not JSON, in a theme of the site's own.
    let site = Site::minimal();
    site.insert_after("supportbook.yaml", "language: en\n", "theme: mine\n");
    site.write("mine/i18n.json", "{\n  \"en\": {,}\n}\n");
    let check = site.check();
    let d = check.only_error("template");
    assert_eq!(d.file.as_deref(), Some("site/mine/i18n.json"), "{d:#?}");
    assert_eq!(d.line, Some(2), "{d:#?}");
}

// ---------------------------------------------------------------------------------------
// The limits of the routing

/// Adds `products` products, `issues` issue types and `severities` severities in a second
/// catalogue file, and `rules` (YAML lines) before the fixture's first rule.
fn big_routing(site: &Site, products: usize, issues: usize, severities: usize, rules: &str) {
    let mut y = String::from("products:\n");
    for p in 0..products {
        y += &format!("  - {{ id: q{p}, name: Product {p} }}\n");
    }
    y += "issue_types:\n";
    for i in 0..issues {
        y += &format!("  - {{ id: j{i}, name: Issue {i}, category: technical }}\n");
    }
    y += "severities:\n";
    for s in 0..severities {
        y += &format!("  - {{ id: X{s}, name: Extra {s} }}\n");
    }
    site.write("catalogue/big.yaml", y);
    site.replace(MAIN, "  rules:\n", &format!("  rules:\n{rules}"));
}

#[test]
fn routing_with_too_many_cases() {
    let site = Site::minimal();
    big_routing(&site, 1000, 1000, 100, "");
    let run = site.check();
    run.assert_exit(1);
    run.only_error("routing-too-large")
        .assert_at(&site.at_in(MAIN, "routing:\n  policy", "policy"))
        .assert_message_contains(&["cases, more than the 100000000 supportbook can decide"]);
}

#[test]
fn routing_with_too_much_work() {
    // Every product and issue type is named by a rule of its own, and 8,200 rules that name
    // neither match every pair of them: each of 16 million pairs is checked against
    // thousands of rules, far more than the work limit. The space itself (80 million cases)
    // is within the case limit.
    let site = Site::minimal();
    let mut rules = String::new();
    for k in 0..4000 {
        rules +=
            &format!("    - {{ id: q{k}, when: {{ product: q{k}, severity: A }}, path: [t1] }}\n");
        rules +=
            &format!("    - {{ id: j{k}, when: {{ issue: j{k}, severity: A }}, path: [t1] }}\n");
    }
    for f in 0..8200 {
        rules += &format!(
            "    - {{ id: x{f}, when: {{ severity: X{} }}, path: [t1] }}\n",
            f % 2
        );
    }
    big_routing(&site, 4000, 4000, 2, &rules);
    let run = site.check();
    run.assert_exit(1);
    run.only_error("routing-too-large")
        .assert_at(&site.at_in(MAIN, "routing:\n  policy", "policy"))
        .assert_message_contains(&[
            "more than the 128000000000 rule checks supportbook does: its 16203 rules treat 4001 \
             groups of products × ",
            "differently",
        ]);
}

/// Two phone numbers of one contact, not both labelled, look alike to a customer ("Call"
/// twice): a warning at the second, with a suggestion; labels, or a partner-only contact whose
/// methods are never shown, make it go away.
#[test]
fn look_alike_methods_are_warned_about_until_labelled() {
    let site = Site::minimal();
    let second = "      - { type: phone, value: \"+39 02 5555 0199\" }\n";
    site.insert_after(MAIN, "value: \"+39 02 5555 0100\" }\n", second);
    let run = site.check();
    run.assert_exit(0);
    run.only_warning("look-alike-methods")
        .assert_at(&site.at(MAIN, "\"+39 02 5555 0199\""))
        .assert_message_contains(&["`service-desk`", "more than one `phone` method"]);
    site.replace(
        MAIN,
        "value: \"+39 02 5555 0199\" }",
        "value: \"+39 02 5555 0199\", label: From abroad }",
    );
    site.replace(
        MAIN,
        "value: \"+39 02 5555 0100\" }",
        "value: \"+39 02 5555 0100\", label: Toll-free }",
    );
    site.check().assert_codes(&[]);
    let partner_web = "      - { type: web, value: \"https://partner.microsoft.example/other\" }\n";
    site.insert_after(
        MAIN,
        "value: \"https://partner.microsoft.example/support\" }\n",
        partner_web,
    );
    site.check().assert_codes(&[]);
}

// ---------------------------------------------------------------------------------------
// The partner's brand (spec section 11)

const CONFIG: &str = "supportbook.yaml";

/// The minimal site with `brand:` as given and a logo in `static/`.
fn branded(brand: &str) -> Site {
    let site = Site::minimal();
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("static/icons/phone.png", "png");
    let config = site.read(CONFIG);
    site.write(CONFIG, format!("{config}{brand}"));
    site
}

#[test]
fn brand_with_logo_and_strong_colour_is_clean() {
    let site = branded("brand:\n  logo: logo.svg\n  colour: \"#0a5c3a\"\n");
    let run = site.check_with(&["--strict"]);
    run.assert_exit(0).assert_codes(&[]);
}

#[test]
fn brand_logo_not_in_static_suggests_the_close_file() {
    let site = branded("brand:\n  logo: logo.sgv\n");
    site.check()
        .assert_exit(1)
        .only_error("unknown-reference")
        .assert_at(&site.at(CONFIG, "logo.sgv"))
        .assert_message_contains(&["`logo.sgv`", "not a file of `static/`"])
        .assert_help("did you mean `logo.svg`?");
}

#[test]
fn brand_logo_named_with_the_static_folder() {
    let site = branded("brand: { logo: static/logo.svg }\n");
    site.check()
        .only_error("unknown-reference")
        .assert_at(&site.at(CONFIG, "static/logo.svg"))
        .assert_help("name it from inside `static/`: `logo: logo.svg`");
}

#[test]
fn brand_logo_without_any_close_file_lists_them() {
    let site = branded("brand:\n  logo: partner-mark.png\n");
    site.check()
        .only_error("unknown-reference")
        .assert_help("name a file of `static/` (`icons/phone.png`, `logo.svg`)");
}

#[test]
fn brand_colour_must_be_rrggbb() {
    for (written, help) in [
        ("\"#0a7\"", "write all six digits, `\"#00aa77\"`"),
        ("0a7d4f", "start it with `#` and quote it: `\"#0a7d4f\"`"),
        (
            "green",
            "six hexadecimal digits after `#`, quoted, e.g. `\"#0a7d4f\"`",
        ),
    ] {
        let site = branded(&format!("brand:\n  colour: {written}\n"));
        site.check()
            .assert_exit(1)
            .only_error("invalid-value")
            .assert_at(&site.at(CONFIG, written))
            .assert_message_contains(&["is not a colour written `#rrggbb`"])
            .assert_help(help);
    }
}

#[test]
fn brand_errors_are_all_reported_in_human_and_json() {
    let site = branded("brand:\n  logo: missing.svg\n  colour: \"#12345\"\n");
    let run = site.check();
    run.assert_exit(1);
    assert_eq!(run.errors, 2, "{}", run.listing());
    run.assert_codes(&["invalid-value", "unknown-reference"]);
    run.one("unknown-reference")
        .assert_at(&site.at(CONFIG, "missing.svg"));
    run.one("invalid-value")
        .assert_at(&site.at(CONFIG, "\"#12345\""));
    let (code, text) = site.check_text("human");
    assert_eq!(code, 1);
    let logo = site.at(CONFIG, "missing.svg");
    let colour = site.at(CONFIG, "\"#12345\"");
    for at in [logo, colour] {
        let place = format!("site/supportbook.yaml:{}:{}", at.line, at.column);
        assert!(text.contains(&place), "no {place} in:\n{text}");
    }
    assert!(
        text.contains("unknown-reference") && text.contains("invalid-value"),
        "{text}"
    );
}

#[test]
fn weak_brand_colour_is_a_warning_with_the_ratio_and_a_shade() {
    let site = branded("brand:\n  colour: \"#ffff00\"\n");
    let run = site.check();
    run.assert_exit(0);
    let w = run.only_warning("weak-brand-colour");
    w.assert_at(&site.at(CONFIG, "\"#ffff00\""))
        .assert_message_contains(&["`#ffff00`", "1.07:1", "4.5:1"]);
    let help = w.help.as_deref().unwrap_or_default();
    assert!(
        help.starts_with("use a darker shade such as `\"#"),
        "{help}"
    );
    // --strict makes it a failure.
    site.check_with(&["--strict"]).assert_exit(1);
}

// ---------------------------------------------------------------------------------------
// What offers contain (spec section 13)

/// A plan with allowances, a term, a price on request and an add-on: every part valid.
const OFFERS_OK: &str = "price: { on_request: true, from: { amount: 1500, currency: EUR }, per: month, request: service-desk }
    allowances:
      - { kind: cases, count: 10, per: month }
      - { kind: named-contacts, unlimited: true, note: Anyone may open cases. }
      - { kind: hours, count: 20, per: term }
    term: { minimum_months: 12, notice_days: 30 }";

const ADD_ON_OK: &str = "\nadd_ons:\n  - id: onsite\n    name: On-site visit\n    price: { amount: 600, currency: EUR, per: one-off }\n    plans: [premium]\n";

#[test]
fn offers_are_accepted() {
    let site = Site::minimal();
    site.replace(MAIN, "price: { included: true }", OFFERS_OK);
    let text = site.read(MAIN) + ADD_ON_OK;
    site.write(MAIN, text);
    site.replace(
        MAIN,
        "{ id: A, name: Critical }",
        "{ id: A, label: P1, name: Critical }",
    );
    // The relationships of spec 1.2 are accepted too.
    site.replace(
        MAIN,
        "relationship: direct-bill",
        "relationship: service-provider",
    );
    site.check_with(&["--strict"])
        .assert_exit(0)
        .assert_codes(&[]);
}

#[test]
fn bad_offers_are_all_reported_at_once_and_located() {
    let site = Site::minimal();
    let bad = "price: { on_request: true, amount: 10, request: servce-desk }
    allowances:
      - { kind: cases, count: 0, per: month }
      - { kind: cases, count: -3 }
      - { kind: named-contacts, count: 2, unlimited: true }
      - { kind: hours, count: 5, per: term }
    term: { minimum_months: -1, notice_days: -30 }";
    site.replace(MAIN, "price: { included: true }", bad);
    site.replace(
        MAIN,
        "price: { amount: \"49.90\", currency: EUR, per: month }",
        "price: { on_request: true, percent_of_spend: 10, request: \"www.contoso.example\" }",
    );
    let text = site.read(MAIN) + &ADD_ON_OK.replace("[premium]", "[premum]");
    site.write(MAIN, text);
    site.replace(
        MAIN,
        "{ id: A, name: Critical }",
        "{ id: A, label: Critical business stop, name: Critical }",
    );
    let run = site.check();
    run.assert_exit(1);
    let at = |needle: &str| site.at(MAIN, needle);
    let find = |code: &str, needle: &str| {
        let want = at(needle);
        run.all(code)
            .into_iter()
            .find(|d| d.at() == Some(want.clone()))
            .unwrap_or_else(|| panic!("no {code} at {needle:?}:\n{}", run.listing()))
            .clone()
    };
    let find_in = |code: &str, context: &str, sub: &str| {
        let want = site.at_in(MAIN, context, sub);
        run.all(code)
            .into_iter()
            .find(|d| d.at() == Some(want.clone()))
            .unwrap_or_else(|| panic!("no {code} at {sub:?} of {context:?}:\n{}", run.listing()))
            .clone()
    };
    find_in("invalid-price", "amount: 10", "10")
        .assert_message_contains(&["`amount` does not belong to a price on request"]);
    find_in("invalid-price", "percent_of_spend: 10", "10")
        .assert_message_contains(&["`percent_of_spend` does not belong to a price on request"]);
    find("unknown-reference", "servce-desk")
        .assert_message_contains(&["no contact `servce-desk`"])
        .assert_help("did you mean `service-desk`?");
    find("invalid-url", "\"www.contoso.example\"")
        .assert_message_contains(&["neither a contact id nor an absolute http(s) URL"]);
    find("invalid-value", "0, per: month").assert_message_contains(&["at least 1"]);
    find("invalid-value", "-3 }").assert_message_contains(&["`count` is -3"]);
    find("invalid-value", "2, unlimited")
        .assert_message_contains(&["either `count` or `unlimited: true`"]);
    find("invalid-value", "term }").assert_message_contains(&["`per: term` needs"]);
    find("invalid-value", "-1, notice").assert_message_contains(&["`minimum_months` is -1"]);
    find("invalid-value", "-30 }").assert_message_contains(&["`notice_days` is -30"]);
    find("unknown-reference", "premum")
        .assert_message_contains(&["no plan `premum`"])
        .assert_help("did you mean `premium`?");
    find("invalid-value", "Critical business stop")
        .assert_message_contains(&["has 22 characters; a label has 1 to 12"]);
    assert!(run.errors >= 12, "{}", run.listing());
}

#[test]
fn unknown_allowance_kind_and_period_suggest_the_close_word() {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "price: { included: true }",
        "price: { included: true }\n    allowances:\n      - { kind: case, count: 3 }\n      - { kind: hours, count: 3, per: mnth }",
    );
    let run = site.check();
    run.assert_exit(1);
    let listing = run.listing();
    assert!(
        listing.contains("`case`") && listing.contains("cases"),
        "{listing}"
    );
    assert!(
        listing.contains("`mnth`") && listing.contains("month"),
        "{listing}"
    );
    assert_eq!(run.errors, 2, "{listing}");
}

#[test]
fn an_amount_without_a_tax_statement_is_warned() {
    let site = Site::minimal();
    site.replace(MAIN, "  tax: { prices: excluded, name: VAT }\n", "");
    site.check()
        .assert_exit(0)
        .only_warning("tax-unstated")
        .assert_at(&site.at(MAIN, "{ amount: \"49.90\""));
    site.check_with(&["--strict"]).assert_exit(1);
    // A price on request with no `from` shows no amount.
    site.replace(
        MAIN,
        "price: { amount: \"49.90\", currency: EUR, per: month }",
        "price: { on_request: true }",
    );
    site.check_with(&["--strict"])
        .assert_exit(0)
        .assert_codes(&[]);
}

#[test]
fn search_synonyms_of_a_language_the_site_does_not_have() {
    let site = Site::minimal();
    site.write(
        "supportbook.yaml",
        format!(
            "{}search:\n  synonyms:\n    en: [[invoice, bill, receipt], [lonely]]\n    eb: [[outage, down]]\n",
            site.read("supportbook.yaml")
        ),
    );
    // Both problems at once, each where it is written.
    let o = site.check();
    o.assert_exit(1)
        .assert_codes(&["invalid-value", "invalid-value"]);
    let all = o.all("invalid-value");
    all[0]
        .assert_at(&site.at("supportbook.yaml", "lonely"))
        .assert_message_contains(&["a group of synonyms needs at least two words"]);
    all[1]
        .assert_at(&site.at("supportbook.yaml", "eb: "))
        .assert_message_contains(&["`eb` is not a language of this site"])
        .assert_help("did you mean `en`?");
}

#[test]
fn search_synonyms_of_the_site_language_are_fine() {
    let site = Site::minimal();
    site.write(
        "supportbook.yaml",
        format!(
            "{}search:\n  synonyms:\n    en: [[invoice, bill, receipt], [outage, server down]]\n",
            site.read("supportbook.yaml")
        ),
    );
    site.check().assert_exit(0).assert_codes(&[]);
}
