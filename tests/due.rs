//! When a first response is due (spec section 8), through `supportbook route --at`: the cases
//! of tests/fixtures/due/cases.json worked out by hand (the browser test reads the same table),
//! the human output, usage errors, and properties of random calendars checked against a
//! minute-by-minute count written here.

mod common;

use common::{Site, bin, fixture_dir};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use serde_json::Value;

/// `route --format json` on `site` with `args`: the JSON document (exit 0 required).
fn route_json(site: &std::path::Path, args: &[&str]) -> Value {
    let out = bin()
        .arg("route")
        .arg(site)
        .args([
            "--product",
            "app",
            "--issue",
            "question",
            "--format",
            "json",
        ])
        .args(args)
        .output()
        .unwrap();
    common::assert_no_panic(&out);
    assert!(
        out.status.success(),
        "route {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// The `response` entries of every answer.
fn targets(doc: &Value) -> Vec<&Value> {
    doc["cases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["response"].as_array().unwrap())
        .collect()
}

#[test]
fn due_times_worked_out_by_hand() {
    let table: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture_dir("due").join("cases.json")).unwrap(),
    )
    .unwrap();
    let site = fixture_dir("due");
    let mut wrong = Vec::new();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 25, "the table has {} cases", cases.len());
    for case in cases {
        let s = |k: &str| case[k].as_str().unwrap();
        let doc = route_json(
            &site,
            &[
                "--plan",
                s("plan"),
                "--severity",
                s("severity"),
                "--at",
                s("at"),
            ],
        );
        let t = targets(&doc);
        assert_eq!(t.len(), 1, "{}: one target expected: {doc}", s("what"));
        let got = &t[0]["response_due"];
        if *got != case["due"] {
            wrong.push(format!(
                "{} (plan {}, severity {}, opened {}): due {got}, expected {}",
                s("what"),
                s("plan"),
                s("severity"),
                s("at"),
                case["due"]
            ));
        }
    }
    assert!(wrong.is_empty(), "wrong due times:\n{}", wrong.join("\n"));
}

#[test]
fn human_output_shows_the_calendar_zone_and_utc() {
    let out = bin()
        .arg("route")
        .arg(fixture_dir("due"))
        .args(["--product", "app", "--issue", "question", "--plan", "rome"])
        .args(["--severity", "h2", "--at", "2026-12-14T11:30:00+01:00"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(
            "  response: severity h2 within 2 business hours (2h, plan rome)\n            due Mon 2026-12-14 14:30 Europe/Rome (+01:00), Mon 2026-12-14 13:30 UTC\n"
        ),
        "{text}"
    );
    let out = bin()
        .arg("route")
        .arg(fixture_dir("due"))
        .args(["--product", "app", "--issue", "question", "--plan", "rare"])
        .args(["--at", "2026-12-01T00:00:00Z"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("no due time: the plan's hours are not staffed within 400 days"),
        "{text}"
    );
}

#[test]
fn without_at_nothing_changes() {
    let doc = route_json(&fixture_dir("due"), &["--plan", "rome"]);
    for t in targets(&doc) {
        assert!(t.get("response_due").is_none(), "{t}");
    }
    let out = bin()
        .arg("route")
        .arg(fixture_dir("due"))
        .args(["--product", "app", "--issue", "question", "--plan", "rome"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  response: ") && !text.contains("            due "),
        "{text}"
    );
}

#[test]
fn at_now_is_the_current_instant() {
    let before = Timestamp::now();
    let doc = route_json(
        &fixture_dir("due"),
        &["--plan", "always", "--severity", "h4", "--at", "now"],
    );
    let after = Timestamp::now();
    let due: Timestamp = targets(&doc)[0]["response_due"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let four = SignedDuration::from_hours(4);
    // `now` is taken to the second.
    assert!(
        due >= before
            .checked_add(four - SignedDuration::from_secs(1))
            .unwrap()
            && due <= after.checked_add(four).unwrap(),
        "{due} not 4 h after {before}..{after}"
    );
}

#[test]
fn a_bad_instant_is_a_usage_error() {
    for bad in [
        "tomorrow",
        "2026-12-14T10:00:00",
        "2026-13-01T00:00:00Z",
        "",
    ] {
        let out = bin()
            .arg("route")
            .arg(fixture_dir("due"))
            .args(["--product", "app", "--issue", "question", "--at", bad])
            .output()
            .unwrap();
        common::assert_no_panic(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "--at {bad:?}: {err}");
        assert!(
            err.contains(&format!("--at: `{bad}` is not an instant"))
                && err.contains("RFC 3339")
                && err.contains("`now`"),
            "--at {bad:?}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

// ---- Properties of random calendars, against a count minute by minute ----

const ZONES: [&str; 5] = [
    "Europe/Rome",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "UTC",
];

/// A random calendar: per weekday, intervals on a half-hour grid (bounds never at 01:30 or
/// 02:30, inside a daylight-saving gap or fold, where "the time of day" has no one meaning to
/// count by), and holidays in the year around the openings.
#[derive(Debug, Clone)]
struct Cal {
    zone: &'static str,
    weekly: Vec<Vec<(u16, u16)>>,
    holidays: Vec<(Date, Vec<(u16, u16)>)>,
}

fn day_hours() -> impl Strategy<Value = Vec<(u16, u16)>> {
    // Up to three intervals from sorted distinct bounds: [b0,b1), [b2,b3), [b4,b5).
    proptest::collection::btree_set(0u16..=48, 0..=6).prop_map(|set| {
        let bounds: Vec<u16> = set
            .into_iter()
            .map(|h| h * 30)
            .filter(|m| *m != 90 && *m != 150)
            .collect();
        bounds.chunks_exact(2).map(|p| (p[0], p[1])).collect()
    })
}

fn calendar() -> impl Strategy<Value = Cal> {
    (
        proptest::sample::select(&ZONES[..]),
        proptest::collection::vec(day_hours(), 7),
        proptest::collection::vec((0i16..300, day_hours()), 0..6),
    )
        .prop_map(|(zone, weekly, holidays)| {
            let start = Date::constant(2026, 3, 1);
            let mut holidays: Vec<(Date, Vec<(u16, u16)>)> = holidays
                .into_iter()
                .map(|(d, h)| (start.checked_add(jiff::Span::new().days(d)).unwrap(), h))
                .collect();
            holidays.sort();
            holidays.dedup_by_key(|h| h.0);
            Cal {
                zone,
                weekly,
                holidays,
            }
        })
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn intervals(hours: &[(u16, u16)]) -> String {
    let list: Vec<String> = hours
        .iter()
        .map(|(a, b)| format!("{}-{}", hhmm(*a), hhmm(*b)))
        .collect();
    format!("[{}]", list.join(", "))
}

impl Cal {
    fn yaml(&self, within: u32, more: u32) -> String {
        const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let mut y = format!(
            "partner: {{ name: P, relationship: direct-bill }}\n\
             calendars:\n  - id: cal\n    name: Cal\n    timezone: {}\n    weekly: {{",
            self.zone
        );
        let days: Vec<String> = self
            .weekly
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .map(|(d, h)| format!("{}: {}", DAYS[d], intervals(h)))
            .collect();
        y += &days.join(", ");
        y += " }\n    holidays:\n";
        for (date, hours) in &self.holidays {
            if hours.is_empty() {
                y += &format!("      - {{ date: {date}, name: H }}\n");
            } else {
                y += &format!(
                    "      - {{ date: {date}, name: H, hours: {} }}\n",
                    intervals(hours)
                );
            }
        }
        if self.holidays.is_empty() {
            y = y.replace("    holidays:\n", "");
        }
        y += &format!(
            "contacts:\n  - {{ id: desk, name: Desk, hours: cal, methods: [{{ type: email, value: d@example.com }}] }}\n\
             tiers:\n  - {{ id: t1, name: T1, contact: desk }}\n\
             severities:\n  - {{ id: A, name: A }}\n  - {{ id: B, name: B }}\n\
             plans:\n  - {{ id: p, name: P, price: {{ included: true }}, hours: cal, contacts: [desk], response: {{ A: {within}m, B: {}m }} }}\n\
             products:\n  - {{ id: app, name: App }}\n\
             issue_types:\n  - {{ id: question, name: Q, category: technical }}\n\
             routing:\n  policy: first\n  rules:\n    - {{ id: all, when: {{ issue: question }}, path: [t1] }}\n",
            within + more
        );
        y
    }

    /// Whether the calendar is staffed during the minute starting at `t`, read from the wall
    /// clock of `t` (the other way round from `supportbook`, which turns wall-clock intervals
    /// into instants).
    fn staffed(&self, zone: &TimeZone, t: Timestamp) -> bool {
        let local = zone.to_datetime(t);
        let date = local.date();
        let minute = local.hour() as u16 * 60 + local.minute() as u16;
        let hours = match self.holidays.iter().find(|h| h.0 == date) {
            Some((_, h)) => h,
            None => &self.weekly[date.weekday().to_monday_zero_offset() as usize],
        };
        hours.iter().any(|&(a, b)| a <= minute && minute < b)
    }

    /// Staffed minutes in `[from, to)`.
    fn count(&self, zone: &TimeZone, from: Timestamp, to: Timestamp) -> u32 {
        let mut n = 0;
        let mut t = from;
        while t < to {
            n += u32::from(self.staffed(zone, t));
            t = t.checked_add(SignedDuration::from_mins(1)).unwrap();
        }
        n
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    /// The due instant is never before the opening; the staffed time between them is the
    /// target exactly, and the last minute before it is staffed (not a minute later than
    /// needed); a longer target is never due earlier.
    #[test]
    fn staffed_time_up_to_the_due_instant_is_the_target(
        cal in calendar(),
        opened_min in 0i64..(270 * 24 * 60),
        within in 1u32..(3 * 24 * 60),
        more in 0u32..600,
    ) {
        let site = Site::empty();
        site.write("supportbook.yaml", "title: T\nbase_url: https://t.example/\n");
        site.write("catalogue/main.yaml", cal.yaml(within, more));
        let opened = Timestamp::constant(1_772_323_200, 0) // 2026-03-01T00:00:00Z
            .checked_add(SignedDuration::from_mins(opened_min))
            .unwrap();
        let doc = route_json(&site.path(), &["--plan", "p", "--at", &opened.to_string()]);
        let dues: Vec<Option<Timestamp>> = ["A", "B"]
            .iter()
            .map(|s| {
                let t = targets(&doc).into_iter().find(|t| t["severity"] == *s).unwrap();
                t["response_due"].as_str().map(|d| d.parse().unwrap())
            })
            .collect();
        let zone = TimeZone::get(cal.zone).unwrap();
        let staffed_week = cal.weekly.iter().any(|d| !d.is_empty());
        if staffed_week {
            prop_assert!(dues[0].is_some(), "a calendar staffed every week has a due time");
        }
        if let (Some(a), Some(b)) = (dues[0], dues[1]) {
            prop_assert!(a >= opened);
            prop_assert!(b >= a, "a longer target is due earlier: {} < {}", b, a);
            prop_assert_eq!(cal.count(&zone, opened, a), within);
            let last = a.checked_sub(SignedDuration::from_mins(1)).unwrap();
            prop_assert!(cal.staffed(&zone, last), "{} is not staffed", last);
            prop_assert_eq!(cal.count(&zone, opened, b), within + more);
        }
    }
}

// ---- Every form of duration against a reference that steps minute by minute ----

/// The targets of the reference plan, one per severity: compound durations on the calendar's
/// clock, business days, and one around the clock.
const FORMS: [(&str, &str); 10] = [
    ("m30", "30m"),
    ("c90", "1h30m"),
    ("h4", "4h"),
    ("c510", "8h30m"),
    ("d1", "1d"),
    ("bd1", "1bd"),
    ("bd2", "2bd"),
    ("bd3", "3bd"),
    ("bd5", "5bd"),
    ("a150", "{ within: 2h30m, clock: always }"),
];

impl Cal {
    /// The catalogue with one severity per form of [`FORMS`], on this calendar.
    fn forms_yaml(&self) -> String {
        let y = self.yaml(1, 1);
        let severities: String = FORMS
            .iter()
            .map(|(id, _)| format!("  - {{ id: {id}, name: {id} }}\n"))
            .collect();
        let targets: Vec<String> = FORMS.iter().map(|(id, t)| format!("{id}: {t}")).collect();
        // Around the clock needs a contact staffed at every instant.
        y.replace(
            "severities:\n  - { id: A, name: A }\n  - { id: B, name: B }\n",
            &format!("severities:\n{severities}"),
        )
        .replace(
            "response: { A: 1m, B: 2m }",
            &format!("response: {{ {} }}", targets.join(", ")),
        )
        .replace("contacts: [desk],", "contacts: [desk, always],")
        .replace(
            "contacts:\n",
            "contacts:\n  - { id: always, name: Always, hours: always, methods: [{ type: email, value: a@example.com }] }\n",
        )
        .replace(
            "calendars:\n",
            "calendars:\n  - { id: always, name: Always, timezone: UTC, always_open: true }\n",
        )
    }

    /// The reference, minute by minute from `opened` (a whole minute): for `Nm`, the instant
    /// after the N-th staffed minute; for `Nbd`, the instant after the last staffed minute of
    /// the N-th later local date that has a staffed minute. `None` after `limit` minutes.
    fn reference(
        &self,
        zone: &TimeZone,
        opened: Timestamp,
        target: Reference,
    ) -> Option<Timestamp> {
        let minute = SignedDuration::from_mins(1);
        match target {
            Reference::Elapsed(n) => opened.checked_add(SignedDuration::from_mins(n.into())).ok(),
            Reference::Staffed(n) => {
                let (mut t, mut counted) = (opened, 0);
                for _ in 0..(120 * 24 * 60) {
                    if self.staffed(zone, t) {
                        counted += 1;
                        if counted == n {
                            return t.checked_add(minute).ok();
                        }
                    }
                    t = t.checked_add(minute).ok()?;
                }
                None
            }
            Reference::BusinessDays(n) => {
                let opened_on = zone.to_datetime(opened).date();
                let (mut t, mut counted) = (opened, 0);
                let mut day = opened_on;
                let mut last_staffed: Option<Timestamp> = None;
                for _ in 0..(120 * 24 * 60) {
                    let date = zone.to_datetime(t).date();
                    if date != day {
                        // `day` is over: a business day if it had a staffed minute.
                        if let Some(end) = last_staffed.take()
                            && day != opened_on
                        {
                            counted += 1;
                            if counted == n {
                                return Some(end);
                            }
                        }
                        day = date;
                    }
                    if self.staffed(zone, t) {
                        last_staffed = t.checked_add(minute).ok();
                    }
                    t = t.checked_add(minute).ok()?;
                }
                None
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Reference {
    Staffed(u32),
    Elapsed(u32),
    BusinessDays(u32),
}

fn reference_of(form: &str) -> Reference {
    match form {
        "30m" => Reference::Staffed(30),
        "1h30m" => Reference::Staffed(90),
        "4h" => Reference::Staffed(240),
        "8h30m" => Reference::Staffed(510),
        "1d" => Reference::Staffed(1440),
        "1bd" => Reference::BusinessDays(1),
        "2bd" => Reference::BusinessDays(2),
        "3bd" => Reference::BusinessDays(3),
        "5bd" => Reference::BusinessDays(5),
        _ => Reference::Elapsed(150),
    }
}

/// A week with at least `min` staffed hours (so that every target falls due within weeks,
/// and the reference walk stays short).
fn busy_calendar() -> impl Strategy<Value = Cal> {
    calendar().prop_filter("staffed at least 10 hours a week", |c| {
        c.weekly
            .iter()
            .flatten()
            .map(|(a, b)| u32::from(b - a))
            .sum::<u32>()
            >= 600
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every form of duration (compounds, business days, around the clock), at random
    /// instants on random calendars (time zones with both daylight-saving changes, holidays
    /// closed or with reduced hours): `route --at` gives the instant the minute-by-minute
    /// reference gives. 40 calendars × 25 instants × 10 targets.
    #[test]
    fn every_form_of_duration_matches_the_minute_by_minute_reference(
        cal in busy_calendar(),
        opened in proptest::collection::vec(0i64..(280 * 24 * 60), 25),
    ) {
        let site = Site::empty();
        site.write("supportbook.yaml", "title: T\nbase_url: https://t.example/\n");
        site.write("catalogue/main.yaml", cal.forms_yaml());
        let zone = TimeZone::get(cal.zone).unwrap();
        for minutes in opened {
            let at = Timestamp::constant(1_772_323_200, 0) // 2026-03-01T00:00:00Z
                .checked_add(SignedDuration::from_mins(minutes))
                .unwrap();
            let doc = route_json(&site.path(), &["--plan", "p", "--at", &at.to_string()]);
            let got = targets(&doc);
            prop_assert_eq!(got.len(), FORMS.len(), "{}", doc);
            for (id, form) in FORMS {
                let t = got.iter().find(|t| t["severity"] == id).unwrap();
                let due: Option<Timestamp> = t["response_due"].as_str().map(|d| d.parse().unwrap());
                let want = cal.reference(&zone, at, reference_of(form.trim_start_matches("{ within: ").split(',').next().unwrap()));
                prop_assert_eq!(due, want, "{} ({}) opened {}", id, form, at);
            }
        }
    }
}
