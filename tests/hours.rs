//! `hours-mismatch`: a plan promises hours during which the first contact of some of its cases
//! is closed (by its own hours and every method's).

mod common;

use common::{MAIN, Site};

/// The minimal site, whose Premium plan (`hours: always`) starts at the service desk: with its
/// web form no longer answered around the clock, the desk keeps office hours only. Its critical
/// target then counts the plan's calendar: counted around the clock, no contact could keep it
/// (`promise-unkeepable`, tests/promise.rs).
fn premium_at_the_office() -> Site {
    let site = Site::minimal();
    site.replace(
        MAIN,
        "\"https://support.contoso.example/new\", hours: always }",
        "\"https://support.contoso.example/new\" }",
    );
    site.replace(
        MAIN,
        "response: { A: { within: 1h, clock: always }, B: 4h }",
        "response: { A: 1h, B: 4h }",
    );
    site
}

/// The minimal site with both plans promising the desk's own hours (`office`), and the desk
/// reachable only in those hours.
fn desk_hours_only() -> Site {
    let site = premium_at_the_office();
    site.replace(
        MAIN,
        "hours: always\n    contacts: [service-desk]",
        "hours: office\n    contacts: [service-desk]",
    );
    site.check().assert_codes(&[]);
    site
}

#[test]
fn a_plan_promising_more_than_its_first_contact_keeps_is_warned_about() {
    let site = premium_at_the_office();
    let check = site.check();
    check.assert_exit(0);
    let w = check.only_warning("hours-mismatch");
    w.assert_at(&site.at_in(
        MAIN,
        "hours: always\n    contacts: [service-desk]\n    response: { A: 1h",
        "always",
    ))
    .assert_message_contains(&[
        "plan `premium` promises `always` (Around the clock)",
        "contact `service-desk`, first for 12 of its cases, is closed then",
        "e.g. on Mondays at 00:00 (UTC)",
    ])
    .note("affected: product=azure,m365 issue=billing,outage severity=A..C");
    site.check_with(&["--strict"]).assert_exit(1);
}

#[test]
fn a_method_with_longer_hours_keeps_the_contact_reachable() {
    let site = Site::minimal();
    site.check().assert_codes(&[]);
}

#[test]
fn reduced_hours_on_a_holiday_are_found_on_that_date() {
    let site = desk_hours_only();
    // The desk's own calendar: the office's week, but Christmas Eve ends at 11:00.
    site.insert_after(
        MAIN,
        "calendars:",
        "  - id: desk-hours\n    name: Desk hours\n    timezone: Europe/Rome\n    weekly:\n      mon-fri: [08:30-13:00, 14:00-18:00]\n      sat: 09:00-12:00\n    holidays:\n      - { date: 2026-12-25, name: Christmas Day }\n      - { date: 2026-12-24, name: Christmas Eve, hours: 08:30-11:00 }",
    );
    site.replace(
        MAIN,
        "    name: Service Desk\n    hours: office",
        "    name: Service Desk\n    hours: desk-hours",
    );
    let check = site.check();
    // Essential promises `office`: Christmas Eve until 12:00.
    let w = check
        .all("hours-mismatch")
        .into_iter()
        .find(|d| d.message.contains("plan `essential`"))
        .unwrap_or_else(|| panic!("no warning for essential:\n{}", check.listing()));
    w.assert_message_contains(&[
        "contact `service-desk`",
        "e.g. on Thu 2026-12-24 at 11:00 (Europe/Rome)",
    ]);
}

#[test]
fn calendars_in_other_zones_are_compared_by_instants() {
    // Office hours 08:30-18:00 written in London are an hour earlier than in Rome all year.
    let site = desk_hours_only();
    site.replace(
        MAIN,
        "    name: Office hours\n    timezone: Europe/Rome",
        "    name: Office hours\n    timezone: Europe/London",
    );
    site.replace(
        MAIN,
        "    hours: office\n    contacts: [service-desk]\n    response: { A: 4h, B: 1bd }",
        "    hours: rome\n    contacts: [service-desk]\n    response: { A: 4h, B: 1bd }",
    );
    site.insert_after(
        MAIN,
        "calendars:",
        "  - id: rome\n    name: Rome office\n    timezone: Europe/Rome\n    weekly: { mon-fri: 09:00-13:00 }",
    );
    let check = site.check();
    let w = check.only_warning("hours-mismatch");
    w.assert_message_contains(&[
        "plan `essential` promises `rome` (Rome office)",
        "e.g. on Mondays at 09:00 (Europe/Rome)",
    ]);
    // 10:00-14:00 in Rome is 09:00-13:00 in London, whatever the season: only the desk's
    // Christmas Eve (08:30-12:00 in London) leaves a gap, from 13:00 in Rome.
    site.replace(
        MAIN,
        "weekly: { mon-fri: 09:00-13:00 }",
        "weekly: { mon-fri: 10:00-14:00 }",
    );
    site.check()
        .only_warning("hours-mismatch")
        .assert_message_contains(&["e.g. on Thu 2026-12-24 at 13:00 (Europe/Rome)"]);
}

#[test]
fn a_daylight_saving_difference_between_zones_is_found() {
    // Rome 15:00-17:00 is New York 09:00-11:00, except in the weeks when New York is already
    // on summer time and Rome not yet (8 to 29 March 2026): then it is 10:00-12:00.
    let site = desk_hours_only();
    site.replace(
        MAIN,
        "    name: Office hours\n    timezone: Europe/Rome\n    weekly:\n      mon-fri: [08:30-13:00, 14:00-18:00]\n      sat: 09:00-12:00",
        "    name: Office hours\n    timezone: America/New_York\n    weekly:\n      mon-fri: 09:00-11:00",
    );
    site.replace(MAIN, "      - { date: 2026-12-25, name: Christmas Day }\n      - { date: 2026-12-24, name: Christmas Eve, hours: 08:30-12:00 }\n", "");
    site.replace(
        MAIN,
        "    hours: office\n    contacts: [service-desk]\n    response: { A: 4h, B: 1bd }",
        "    hours: rome\n    contacts: [service-desk]\n    response: { A: 4h, B: 1bd }",
    );
    site.insert_after(
        MAIN,
        "calendars:",
        "  - id: rome\n    name: Rome afternoons\n    timezone: Europe/Rome\n    weekly: { mon-fri: 15:00-17:00 }",
    );
    let check = site.check();
    check
        .only_warning("hours-mismatch")
        .assert_message_contains(&["e.g. on Mon 2026-03-09 at 16:00 (Europe/Rome)"]);
}
