//! Holiday sets (format section 12), through the binary: the built-in national sets against an
//! independent source (the PyPI `holidays` package) for every year 2026–2035, the order in which
//! sets, own dates and `observed` moves apply, due instants in any year, the build year from
//! `SOURCE_DATE_EPOCH`, translations, `.ics`, and every bad input at once.

mod common;

use common::{MAIN, Site, assert_no_panic};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

const BUILTIN: [&str; 5] = [
    "public:de",
    "public:fr",
    "public:gb-eng",
    "public:it",
    "public:us",
];

/// `SOURCE_DATE_EPOCH` of 1 July of `year`, UTC.
fn epoch(year: i16) -> String {
    jiff::tz::TimeZone::UTC
        .to_timestamp(jiff::civil::date(year, 7, 1).at(0, 0, 0, 0))
        .unwrap()
        .as_second()
        .to_string()
}

/// Builds `site` with the build year `year` into `site/public`; panics on failure.
fn build(site: &Site, year: i16) {
    let out = site
        .cmd()
        .args(["build", "site"])
        .env("SOURCE_DATE_EPOCH", epoch(year))
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap()
}

/// A calendar's listed holidays in `api/catalogue.json`: (date, name, observed_from).
fn listed(doc: &Value, calendar: &str) -> Vec<(String, String, Option<String>)> {
    let cal = doc["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == calendar)
        .unwrap_or_else(|| panic!("no calendar {calendar}"));
    cal["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["date"].as_str().unwrap().to_string(),
                h["name"].as_str().unwrap().to_string(),
                h["observed_from"].as_str().map(String::from),
            )
        })
        .collect()
}

/// The minimal site plus one Monday-to-Friday calendar per built-in set (`cal-public-it` …).
fn site_with_builtin_calendars() -> Site {
    let site = Site::minimal();
    let cals: String = BUILTIN
        .iter()
        .map(|id| {
            format!(
                "  - id: cal-{}\n    name: {id}\n    timezone: UTC\n    weekly: {{ mon-fri: 09:00-17:00 }}\n    holiday_sets: [{id}]\n",
                id.replace(':', "-")
            )
        })
        .collect();
    site.replace(MAIN, "calendars:\n", &format!("calendars:\n{cals}"));
    site
}

/// The reference dates of every built-in set, years `from..=to`, from the `holidays` package.
fn reference(from: i16, to: i16) -> BTreeMap<String, Value> {
    let script = common::repo().join("tests").join("holidays_reference.py");
    let o = Command::new("python3")
        .arg(&script)
        .args([from.to_string(), to.to_string()])
        .output()
        .expect("python3 runs (it asks the PyPI `holidays` package; run bash .ci/install-deps.sh)");
    assert!(
        o.status.success(),
        "the PyPI `holidays` package is needed (run bash .ci/install-deps.sh): {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn builtin_sets_match_the_holidays_package_every_year_2026_to_2035() {
    let want = reference(2026, 2035);
    let site = site_with_builtin_calendars();
    let mut got: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    // Each build lists its year and the next: five builds cover 2026–2035.
    for year in (2026..=2034).step_by(2) {
        build(&site, year);
        let doc = json(&site, "public/api/catalogue.json");
        for id in BUILTIN {
            let dates = listed(&doc, &format!("cal-{}", id.replace(':', "-")));
            assert!(
                dates.iter().all(|(d, ..)| {
                    let y: i16 = d[..4].parse().unwrap();
                    y == year || y == year + 1
                }),
                "{id} built in {year} lists other years: {dates:?}"
            );
            got.entry(id)
                .or_default()
                .extend(dates.into_iter().map(|(d, ..)| d));
        }
    }
    let mut wrong = Vec::new();
    for id in BUILTIN {
        let want: BTreeSet<String> = want[id]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap().to_string())
            .collect();
        assert!(
            want.len() > 80,
            "{id}: the reference has {} dates",
            want.len()
        );
        let have = &got[id];
        for d in want.difference(have) {
            wrong.push(format!("{id}: the package has {d}, supportbook does not"));
        }
        for d in have.difference(&want) {
            wrong.push(format!("{id}: supportbook has {d}, the package does not"));
        }
    }
    assert!(
        wrong.is_empty(),
        "holidays {} disagree:\n{}",
        want["version"],
        wrong.join("\n")
    );
}

#[test]
fn substitute_days_follow_the_rules_of_england_and_the_us() {
    let site = site_with_builtin_calendars();
    build(&site, 2027);
    let doc = json(&site, "public/api/catalogue.json");
    let gb = listed(&doc, "cal-public-gb-eng");
    let at = |list: &[(String, String, Option<String>)], d: &str| {
        list.iter()
            .find(|h| h.0 == d)
            .map(|h| (h.1.clone(), h.2.clone()))
    };
    // Christmas 2027 on a Saturday, Boxing Day on a Sunday: Monday 27 and Tuesday 28.
    assert_eq!(
        at(&gb, "2027-12-27"),
        Some(("Christmas Day".into(), Some("2027-12-25".into())))
    );
    assert_eq!(
        at(&gb, "2027-12-28"),
        Some(("Boxing Day".into(), Some("2027-12-26".into())))
    );
    assert!(
        at(&gb, "2027-12-25").is_some(),
        "the Saturday stays a holiday"
    );
    let us = listed(&doc, "cal-public-us");
    // New Year's Day 2028 on a Saturday: observed on Friday 31 December 2027.
    assert_eq!(
        at(&us, "2027-12-31"),
        Some(("New Year's Day".into(), Some("2028-01-01".into())))
    );
    assert_eq!(
        at(&us, "2027-07-05"),
        Some(("Independence Day".into(), Some("2027-07-04".into())))
    );
    // The contact page is not where these show (the calendars are nobody's), but the .ics is.
    let ics = site.read("public/calendars/cal-public-gb-eng.ics");
    assert!(ics.contains("DTSTART;VALUE=DATE:20271228"), "{ics}");
    assert!(ics.contains("SUMMARY:Boxing Day (observed)"), "{ics}");
}

/// A site whose office calendar uses `public:it` and a set of its own.
fn office_site() -> Site {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "    holidays:\n      - { date: 2026-12-25, name: Christmas Day }\n      - { date: 2026-12-24, name: Christmas Eve, hours: 08:30-12:00 }\n",
        "    holiday_sets: [public:it, closures]\n    holidays:\n      - { date: 2027-08-15, open: true }\n      - { date: 2027-01-06, name: Inventory day, hours: 09:00-11:00 }\n",
    );
    site.replace(
        MAIN,
        "calendars:\n",
        "holiday_sets:\n  - id: closures\n    name: Office closures\n    holidays:\n      - { date: 12-24, name: Christmas Eve, hours: 08:30-12:00 }\n      - { date: 12-25, name: Christmas (office), observed: next-weekday }\n      - { date: 2027-06-04, name: Company day }\n      - { date: 02-29, name: Leap day }\n      - { month: 11, weekday: fri, nth: -1, name: Last Friday of November }\n      - { date: 12-26, name: Boxing Day, observed: next-weekday }\n      - { date: 12-27, name: Second closure, observed: next-weekday }\n\ncalendars:\n",
    );
    site
}

#[test]
fn sets_apply_in_order_then_own_dates_then_observed_moves() {
    let site = office_site();
    build(&site, 2027);
    let doc = json(&site, "public/api/catalogue.json");
    let list = listed(&doc, "office");
    let at = |d: &str| list.iter().find(|h| h.0 == d).cloned();
    // A later set replaces an earlier one's holiday on the same date.
    assert_eq!(at("2027-12-25").unwrap().1, "Christmas (office)");
    // Own dates replace the sets' (reduced hours here); `open: true` removes a set's holiday.
    assert_eq!(at("2027-01-06").unwrap().1, "Inventory day");
    assert_eq!(at("2027-08-15"), None);
    assert_eq!(at("2028-08-15").unwrap().1, "Assumption Day");
    // Easter Monday and the n-th weekday rules; 29 February only in a leap year.
    assert_eq!(at("2027-03-29").unwrap().1, "Easter Monday");
    assert_eq!(at("2027-11-26").unwrap().1, "Last Friday of November");
    assert_eq!(at("2028-02-29").unwrap().1, "Leap day");
    assert!(
        list.iter()
            .all(|h| h.0 != "2027-02-28" && h.0 != "2027-03-01")
    );
    assert_eq!(at("2027-06-04").unwrap().1, "Company day");
    // 2027: 25 December a Saturday, 26 a Sunday, 27 a Monday (the set's "Second closure"):
    // Christmas moves to the first weekday that is no holiday, Tuesday 28; Boxing Day to the
    // next one, Wednesday 29 (moved days count).
    assert_eq!(
        at("2027-12-28"),
        Some((
            "2027-12-28".into(),
            "Christmas (office)".into(),
            Some("2027-12-25".into())
        ))
    );
    assert_eq!(
        at("2027-12-29"),
        Some((
            "2027-12-29".into(),
            "Boxing Day".into(),
            Some("2027-12-26".into())
        ))
    );
    assert_eq!(at("2027-12-27").unwrap().2, None);
    // 2028: 26 December is a Tuesday, nothing moves.
    assert!(
        list.iter()
            .all(|h| h.2.is_none() || h.0.starts_with("2027"))
    );
    // The reduced-hours day shows its hours on the contact page; the observed day its word.
    let contact = site.read("public/contact/index.html");
    assert!(contact.contains("2027-12-24"), "{contact}");
    assert!(contact.contains("Boxing Day (observed)"), "{contact}");
    assert!(contact.contains("Easter Monday"), "{contact}");
}

#[test]
fn observed_chains_in_order_of_the_original_dates() {
    let site = office_site();
    // 2032: 25 December a Saturday, 26 a Sunday, 27 a Monday (the set's "Second closure"),
    // 29 a Wednesday (an own closure).
    site.replace(
        MAIN,
        "      - { date: 2027-08-15, open: true }\n",
        "      - { date: 2027-08-15, open: true }\n      - { date: 2032-12-29, name: Year-end closure }\n",
    );
    build(&site, 2032);
    let list = listed(&json(&site, "public/api/catalogue.json"), "office");
    let days: Vec<(&str, &str, Option<&str>)> = list
        .iter()
        .filter(|h| h.0.as_str() >= "2032-12-24" && h.0.as_str() <= "2032-12-31")
        .map(|h| (h.0.as_str(), h.1.as_str(), h.2.as_deref()))
        .collect();
    assert_eq!(
        days,
        [
            ("2032-12-24", "Christmas Eve", None),
            ("2032-12-25", "Christmas (office)", None),
            ("2032-12-26", "Boxing Day", None),
            ("2032-12-27", "Second closure", None),
            ("2032-12-28", "Christmas (office)", Some("2032-12-25")),
            ("2032-12-29", "Year-end closure", None),
            ("2032-12-30", "Boxing Day", Some("2032-12-26")),
        ]
    );
    // An own `open: true` wins on its date, a moved holiday's too: the desk works on 30
    // December and Boxing Day is not kept on another day.
    site.replace(
        MAIN,
        "      - { date: 2032-12-29, name: Year-end closure }\n",
        "      - { date: 2032-12-29, name: Year-end closure }\n      - { date: 2032-12-30, open: true }\n",
    );
    build(&site, 2032);
    let list = listed(&json(&site, "public/api/catalogue.json"), "office");
    assert!(
        list.iter()
            .all(|h| h.0 != "2032-12-30" && h.0 != "2032-12-31"),
        "{list:?}"
    );
    assert!(list.iter().any(|h| h.0 == "2032-12-28"));
}

#[test]
fn a_set_no_calendar_uses_is_warned() {
    let site = office_site();
    site.replace(
        MAIN,
        "holiday_sets: [public:it, closures]",
        "holiday_sets: [public:it]",
    );
    let c = site.check();
    c.assert_exit(0);
    c.only_warning("unused")
        .assert_at(&site.at_in(MAIN, "id: closures", "closures"))
        .assert_message_contains(&["holiday set `closures`"]);
}

#[test]
fn due_instants_use_the_sets_in_any_year() {
    let site = office_site();
    // 2031 is far from the build year: Easter Monday is 14 April 2031. Opened on Saturday at
    // 11:00 (one staffed hour left), Monday is closed, Tuesday opens at 08:30: three more hours.
    let (code, doc, err) = site.route(&[
        "--product",
        "azure",
        "--issue",
        "billing",
        "--plan",
        "essential",
        "--severity",
        "A",
        "--at",
        "2031-04-12T11:00:00+02:00",
    ]);
    assert_eq!(code, 0, "{err}");
    let due = &doc.unwrap()["cases"][0]["response"][0]["response_due"];
    assert_eq!(due, "2031-04-15T11:30:00+02:00");
    // The same in 2019, before any build year: Easter Monday 22 April 2019.
    let (_, doc, _) = site.route(&[
        "--product",
        "azure",
        "--issue",
        "billing",
        "--plan",
        "essential",
        "--severity",
        "A",
        "--at",
        "2019-04-20T11:00:00+02:00",
    ]);
    let due = &doc.unwrap()["cases"][0]["response"][0]["response_due"];
    assert_eq!(due, "2019-04-23T11:30:00+02:00");
    // 4 October is a national holiday from 2026 only: Thursday 4 October 2029 is closed,
    // Monday 4 October 2021 was a working day.
    let due_at = |at: &str| {
        let (_, doc, _) = site.route(&[
            "--product",
            "azure",
            "--issue",
            "billing",
            "--plan",
            "essential",
            "--severity",
            "A",
            "--at",
            at,
        ]);
        doc.unwrap()["cases"][0]["response"][0]["response_due"].clone()
    };
    assert_eq!(
        due_at("2029-10-04T09:00:00+02:00"),
        "2029-10-05T12:30:00+02:00"
    );
    assert_eq!(
        due_at("2021-10-04T09:00:00+02:00"),
        "2021-10-04T13:00:00+02:00"
    );
}

#[test]
fn rebuilds_with_source_date_epoch_are_byte_identical() {
    let site = office_site();
    build(&site, 2030);
    let first = site.read("public/api/catalogue.json");
    let ics = site.read("public/calendars/office.ics");
    build(&site, 2030);
    assert_eq!(first, site.read("public/api/catalogue.json"));
    assert_eq!(ics, site.read("public/calendars/office.ics"));
    let list = listed(&serde_json::from_str(&first).unwrap(), "office");
    let dates: Vec<&str> = list.iter().map(|h| h.0.as_str()).collect();
    // The sets' holidays of 2030 and 2031, and the calendar's own dates of other years.
    assert!(dates.contains(&"2030-01-01") && dates.contains(&"2031-12-26"));
    assert!(
        dates
            .iter()
            .all(|d| d.starts_with("2030") || d.starts_with("2031") || *d == "2027-01-06"),
        "{dates:?}"
    );
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20300422"),
        "Easter Monday 2030"
    );
}

#[test]
fn holiday_names_in_every_language() {
    let site = office_site();
    site.replace(
        "supportbook.yaml",
        "language: en",
        "language: en\nlanguages:\n  it: {}\n  de: {}\n  fr: {}\n  es: {}",
    );
    let words = "holiday_sets:\n  closures:\n    name: Chiusure dell'ufficio\n    holidays:\n      12-24: Vigilia di Natale\n      11-fri--1: Ultimo venerdì di novembre\n      2027-06-04: Giornata aziendale\n";
    site.write("translations/it.yaml", words);
    build(&site, 2027);
    let names = |lang: &str| -> BTreeMap<String, String> {
        let doc = json(&site, &format!("public/{lang}/api/catalogue.json"));
        listed(&doc, "office")
            .into_iter()
            .map(|(d, n, _)| (d, n))
            .collect()
    };
    let it = names("it");
    assert_eq!(it["2027-03-29"], "Lunedì dell'Angelo");
    assert_eq!(it["2027-12-24"], "Vigilia di Natale");
    assert_eq!(it["2027-11-26"], "Ultimo venerdì di novembre");
    assert_eq!(it["2027-06-04"], "Giornata aziendale");
    // Untranslated texts of the catalogue's own set fall back to the default language.
    assert_eq!(it["2028-02-29"], "Leap day");
    assert_eq!(names("de")["2027-03-29"], "Ostermontag");
    assert_eq!(names("fr")["2027-11-01"], "Toussaint");
    assert_eq!(names("es")["2027-12-08"], "Inmaculada Concepción");
    let page = site.read("public/it/contact/index.html");
    // The name is the default language's (marked so, 24.7); the words around it are Italian.
    assert!(
        page.contains("<span lang=\"en\">Boxing Day</span> (giorno sostitutivo)"),
        "{page}"
    );
    // A key that is none of the set's rules is an error.
    site.write(
        "translations/it.yaml",
        format!("{words}      12-23: Antivigilia\n"),
    );
    let c = site.check();
    c.assert_exit(1);
    let unknown = c.all("unknown-key");
    assert_eq!(unknown.len(), 1, "{}", c.listing());
    unknown[0].assert_message_contains(&["12-23", "holiday set `closures`"]);
}

#[test]
fn bad_holiday_sets_are_reported_at_once_and_located() {
    let site = office_site();
    site.replace(
        MAIN,
        "{ date: 02-29, name: Leap day }",
        "{ date: 02-30, name: Leap day }",
    );
    site.replace(
        MAIN,
        "nth: -1, name: Last Friday",
        "nth: 6, name: Last Friday",
    );
    site.replace(
        MAIN,
        "holiday_sets: [public:it, closures]",
        "holiday_sets: [public:xx, closures, closure, closures]",
    );
    site.replace(
        MAIN,
        "{ date: 2027-08-15, open: true }",
        "{ date: 2027-08-15, open: true, hours: 09:00-12:00 }",
    );
    site.replace(
        MAIN,
        "    timezone: UTC\n    always_open: true\n",
        "    timezone: UTC\n    always_open: true\n    holiday_sets: [public:it]\n    holidays:\n      - { date: 12-24, name: Eve }\n",
    );
    let c = site.check();
    c.assert_exit(1);
    let dates = c.all("invalid-date");
    let leap = dates
        .iter()
        .find(|d| d.message.contains("02-30"))
        .unwrap_or_else(|| panic!("{}", c.listing()));
    leap.assert_at(&site.at(MAIN, "02-30"));
    let nth = c.all("invalid-value");
    assert!(
        nth.iter()
            .any(|d| d.message.contains("`nth: 6` is out of range")),
        "{}",
        c.listing()
    );
    assert!(
        nth.iter()
            .any(|d| d.message.contains("`open: true` and has `hours`")),
        "{}",
        c.listing()
    );
    let unknown = c.all("unknown-reference");
    let xx = unknown
        .iter()
        .find(|d| d.message.contains("public:xx"))
        .unwrap_or_else(|| panic!("{}", c.listing()));
    assert!(
        xx.help.as_deref().unwrap_or("").contains("public:"),
        "{xx:?}"
    );
    let closure = unknown
        .iter()
        .find(|d| d.message.contains("`closure`"))
        .unwrap_or_else(|| panic!("{}", c.listing()));
    assert!(
        closure.help.as_deref().unwrap_or("").contains("closures"),
        "{closure:?}"
    );
    let twice = c.one("duplicate-id");
    assert!(twice.message.contains("named twice"), "{}", c.listing());
    let recurring = c
        .all("invalid-date")
        .into_iter()
        .any(|d| d.message.contains("`12-24`"));
    assert!(recurring, "{}", c.listing());
}

#[test]
fn a_bad_observed_rule_names_the_allowed_ones() {
    let site = office_site();
    site.replace(
        MAIN,
        "observed: next-weekday }\n      - { date: 12-27",
        "observed: next-weekdays }\n      - { date: 12-27",
    );
    let c = site.check();
    c.assert_exit(1);
    c.only_error("invalid-value")
        .assert_at(&site.at(MAIN, "next-weekdays"))
        .assert_message_contains(&["next-weekday", "nearest-weekday"]);
}

#[test]
fn diff_reports_holiday_sets_and_the_dates_they_move() {
    let old = office_site();
    let new = office_site();
    // New: the office no longer follows `closures`, but `public:de` as well; one rule of the
    // catalogue's set changes its hours (the set is still used by nobody, so it says nothing).
    new.replace(
        MAIN,
        "holiday_sets: [public:it, closures]",
        "holiday_sets: [public:it, public:de]",
    );
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&old.path(), &dir.path().join("old"));
    common::copy_dir(&new.path(), &dir.path().join("new"));
    let out = common::bin()
        .current_dir(dir.path())
        .args(["diff", "old", "new", "--format", "json"])
        .env("SOURCE_DATE_EPOCH", epoch(2027))
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = doc["changes"].as_array().unwrap();
    let of = |parts: &[&str]| -> Vec<&Value> {
        changes
            .iter()
            .filter(|c| c["kind"] == "holiday")
            .filter(|c| {
                parts
                    .iter()
                    .all(|p| c["summary"].as_str().unwrap().contains(p))
            })
            .collect()
    };
    let added = of(&["Public holidays in Germany"]);
    assert_eq!(added.len(), 1, "{doc:#}");
    assert_eq!(added[0]["effect"], "worse");
    assert_eq!(added[0]["file"], "new/catalogue/main.yaml");
    let removed = of(&["Office closures"]);
    assert_eq!(removed.len(), 1, "{doc:#}");
    assert_eq!(removed[0]["effect"], "better");
    // The dates they move: Good Friday 2027 (26 March) is now a holiday, the company day
    // (4 June 2027) no longer is.
    let good_friday = of(&["Good Friday"]);
    assert!(
        good_friday.iter().any(|c| c["effect"] == "worse"),
        "{doc:#}"
    );
    let company = of(&["Company day"]);
    assert!(
        company.len() == 1 && company[0]["effect"] == "better",
        "{doc:#}"
    );
}
