//! `supportbook route --at`: where to go now (the format's section 14). The contact now is the
//! path's first contact if it is staffed at the instant, else the first of the plan's contacts
//! staffed then (a method's own hours count); none staffed: `null` with `opens_at`. On
//! tests/fixtures/night (a Berlin office with holidays, a 24/7 hotline for Premium only) and
//! content-example (a chat with longer hours than its desk).

mod common;

use common::{Site, bin, fixture_dir};
use serde_json::{Value, json};

/// The cases of one `route --format json` run.
fn cases(site: &Site, args: &[&str]) -> Vec<Value> {
    let (code, json, stderr) = site.route(args);
    assert_eq!(code, 0, "route {args:?} failed: {stderr}");
    json.expect("one JSON document")["cases"]
        .as_array()
        .unwrap()
        .clone()
}

/// `contact_now` and `opens_at` of the single case asked.
fn now(site: &Site, product: &str, issue: &str, severity: &str, plan: &str, at: &str) -> Value {
    let all = cases(
        site,
        &[
            "--product",
            product,
            "--issue",
            issue,
            "--severity",
            severity,
            "--plan",
            plan,
            "--at",
            at,
        ],
    );
    assert_eq!(all.len(), 1, "{all:?}");
    let c = &all[0];
    let mut out = json!({ "contact_now": c.get("contact_now").cloned() });
    if let Some(o) = c.get("opens_at") {
        out["opens_at"] = o.clone();
    }
    out
}

#[test]
fn the_paths_first_contact_when_staffed_else_the_plans_first_staffed() {
    let site = Site::fixture("night");
    // Monday 7 December 2026, 02:30 in Berlin: only the Premium hotline is staffed.
    let night = "2026-12-07T02:30:00+01:00";
    // A critical Premium case starts at the hotline, which is staffed.
    assert_eq!(
        now(&site, "cloud", "ausfall", "kritisch", "premium", night),
        json!({ "contact_now": "hotline" })
    );
    // A normal Premium case starts at the closed service desk: the plan's first staffed contact.
    assert_eq!(
        now(&site, "cloud", "ausfall", "normal", "premium", night),
        json!({ "contact_now": "hotline" })
    );
    // On Basis nobody is staffed: when the first of its contacts opens, in its calendar's zone.
    assert_eq!(
        now(&site, "cloud", "ausfall", "kritisch", "basis", night),
        json!({ "contact_now": null, "opens_at": "2026-12-07T08:00:00+01:00" })
    );
    // In office hours the path's own first contact, even on Premium.
    let day = "2026-12-07T10:00:00+01:00";
    assert_eq!(
        now(&site, "cloud", "ausfall", "normal", "premium", day),
        json!({ "contact_now": "servicedesk" })
    );
    assert_eq!(
        now(&site, "mail", "rechnung", "normal", "basis", day),
        json!({ "contact_now": "buchhaltung" })
    );
}

#[test]
fn holidays_and_reduced_hours_move_the_opening() {
    let site = Site::fixture("night");
    // Christmas Eve is a reduced-hours day (08:00–12:00): open at 11:00, closed at 12:30.
    assert_eq!(
        now(
            &site,
            "cloud",
            "ausfall",
            "normal",
            "basis",
            "2026-12-24T11:00:00+01:00"
        ),
        json!({ "contact_now": "servicedesk" })
    );
    // Closed after noon; the 25th and 26th are holidays, the 27th a Sunday: Monday 28th.
    for at in ["2026-12-24T12:30:00+01:00", "2026-12-25T10:00:00+01:00"] {
        assert_eq!(
            now(&site, "cloud", "ausfall", "normal", "basis", at),
            json!({ "contact_now": null, "opens_at": "2026-12-28T08:00:00+01:00" }),
            "at {at}"
        );
    }
    // The same instant given in another offset is the same answer.
    assert_eq!(
        now(
            &site,
            "cloud",
            "ausfall",
            "normal",
            "basis",
            "2026-12-25T09:00:00Z"
        ),
        json!({ "contact_now": null, "opens_at": "2026-12-28T08:00:00+01:00" })
    );
}

#[test]
fn a_methods_own_hours_count_as_staffed() {
    let site = Site::copy_of(&common::repo().join("content-example"));
    // The service desk's chat keeps extended hours (07:00–22:00): staffed at 19:00 on a Monday,
    // when the desk itself (08:30–18:00) is closed.
    assert_eq!(
        now(
            &site,
            "azure",
            "outage",
            "A",
            "essential",
            "2026-12-07T19:00:00+01:00"
        ),
        json!({ "contact_now": "service-desk" })
    );
    // At night it opens at 07:00 with the chat, not at 08:30 with the desk.
    assert_eq!(
        now(
            &site,
            "azure",
            "outage",
            "A",
            "essential",
            "2026-12-07T02:30:00+01:00"
        ),
        json!({ "contact_now": null, "opens_at": "2026-12-07T07:00:00+01:00" })
    );
    // Premium's first contact is its 24/7 line.
    assert_eq!(
        now(
            &site,
            "azure",
            "outage",
            "A",
            "premium",
            "2026-12-07T02:30:00+01:00"
        ),
        json!({ "contact_now": "premium-line" })
    );
}

#[test]
fn no_contact_now_without_at_a_plan_or_cover() {
    let site = Site::fixture("night");
    // Without --at.
    let all = cases(
        &site,
        &[
            "--product",
            "cloud",
            "--issue",
            "ausfall",
            "--severity",
            "kritisch",
            "--plan",
            "basis",
        ],
    );
    assert!(all[0].get("contact_now").is_none(), "{:?}", all[0]);
    assert!(all[0].get("opens_at").is_none(), "{:?}", all[0]);
    // A case not covered has nobody to go to: no contact_now.
    let all = cases(
        &site,
        &[
            "--product",
            "cloud",
            "--issue",
            "migration",
            "--severity",
            "normal",
            "--plan",
            "basis",
            "--at",
            "2026-12-07T10:00:00+01:00",
        ],
    );
    assert_eq!(all[0]["covered"], json!(false));
    assert!(all[0].get("contact_now").is_none(), "{:?}", all[0]);
    // The plan not given: one answer per plan, each with its own contact now.
    let all = cases(
        &site,
        &[
            "--product",
            "cloud",
            "--issue",
            "ausfall",
            "--severity",
            "kritisch",
            "--at",
            "2026-12-07T02:30:00+01:00",
        ],
    );
    let by_plan: Vec<(Value, Value)> = all
        .iter()
        .map(|c| (c["plan"].clone(), c["contact_now"].clone()))
        .collect();
    assert_eq!(
        by_plan,
        [
            (json!("basis"), Value::Null),
            (json!("premium"), json!("hotline"))
        ]
    );
}

#[test]
fn human_output_says_where_to_go_now() {
    let run = |args: &[&str]| -> String {
        let out = bin()
            .arg("route")
            .arg(fixture_dir("night"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let case = [
        "--product",
        "cloud",
        "--issue",
        "ausfall",
        "--severity",
        "kritisch",
    ];
    let premium = run(&[
        &case[..],
        &["--plan", "premium", "--at", "2026-12-25T10:00:00+01:00"],
    ]
    .concat());
    assert!(
        premium.contains("  now:      Premium-Hotline [hotline], staffed now\n"),
        "{premium}"
    );
    // Printed right after whether the case is covered, before the path.
    let (covered, now) = (
        premium.find("covered:").unwrap(),
        premium.find("now:").unwrap(),
    );
    assert!(
        covered < now && now < premium.find("1. ").unwrap(),
        "{premium}"
    );
    let basis = run(&[
        &case[..],
        &["--plan", "basis", "--at", "2026-12-25T10:00:00+01:00"],
    ]
    .concat());
    assert!(
        basis.contains(
            "  now:      no contact is staffed now; Servicedesk [servicedesk] opens first, \
             Mon 2026-12-28 08:00 Europe/Berlin (+01:00), Mon 2026-12-28 07:00 UTC\n"
        ),
        "{basis}"
    );
    // In another language, the contact's translated name.
    let fr = run(&[
        &case[..],
        &[
            "--plan",
            "basis",
            "--at",
            "2026-12-25T10:00:00+01:00",
            "--lang",
            "fr",
        ],
    ]
    .concat());
    assert!(
        fr.contains("Service d'assistance [servicedesk] opens first"),
        "{fr}"
    );
    // Without --at, no line.
    let plain = run(&[&case[..], &["--plan", "basis"]].concat());
    assert!(!plain.contains("now:"), "{plain}");
}
