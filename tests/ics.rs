//! `calendars/<id>.ics` describes the weekly staffed hours, read by an outside parser: Python's
//! `icalendar` parses the files of a build of tests/fixtures/due, `dateutil.rrule` expands
//! their weekly events (RFC 5545: each occurrence lasts the exact duration of the first), and
//! the staffed intervals that come out, across daylight-saving changes, holidays and reduced
//! hours, must be the ones worked out by hand.

mod common;

use common::{bin, fixture_dir};
use std::process::Command;

/// Prints, for `FILE FROM TO` (UTC instants), every staffed interval starting in [FROM, TO)
/// as `start/end` in UTC, one per line, sorted.
const EXPAND: &str = r#"
import sys, datetime, icalendar
from dateutil.rrule import rrulestr
UTC = datetime.timezone.utc
path, lo, hi = sys.argv[1], *(datetime.datetime.fromisoformat(a) for a in sys.argv[2:4])
cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
out = []
for ev in cal.walk('VEVENT'):
    start, end = ev.decoded('DTSTART'), ev.decoded('DTEND')
    if not isinstance(start, datetime.datetime):
        continue  # an all-day holiday
    length = end.astimezone(UTC) - start.astimezone(UTC)
    if 'RRULE' not in ev:
        occurrences = [start]
    else:
        rule = rrulestr(ev['RRULE'].to_ical().decode(), dtstart=start)
        occurrences = rule.between(lo - datetime.timedelta(days=2), hi, inc=True)
        ex = ev.get('EXDATE', [])
        ex = ex if isinstance(ex, list) else [ex]
        skip = {d.dt.astimezone(UTC) for e in ex for d in e.dts}
        occurrences = [o for o in occurrences if o.astimezone(UTC) not in skip]
    for o in occurrences:
        s = o.astimezone(UTC)
        if lo <= s < hi:
            out.append((s, s + length))
for s, e in sorted(out):
    print(s.strftime('%Y-%m-%dT%H:%MZ') + '/' + e.strftime('%Y-%m-%dT%H:%MZ'))
"#;

fn expand(file: &std::path::Path, from: &str, to: &str) -> Vec<String> {
    let o = Command::new("python3")
        .args(["-c", EXPAND])
        .arg(file)
        .args([from, to])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "python3 icalendar/dateutil failed (run bash .ci/install-deps.sh): {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn weekly_hours_expand_to_the_staffed_intervals() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = bin()
        .arg("build")
        .arg(fixture_dir("due"))
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let file = |id: &str| out.join("calendars").join(format!("{id}.ics"));
    let ics = std::fs::read_to_string(file("rome-office")).unwrap();
    for part in [
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Rome\r\n",
        "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n",
        "EXDATE;TZID=Europe/Rome:20261225T083000\r\n",
    ] {
        assert!(ics.contains(part), "no {part:?} in\n{ics}");
    }
    let cases: [(&str, &str, &str, &[&str]); 5] = [
        // The night desk (00:00-06:00, 22:00-24:00) over the spring DST night in Rome: the
        // night of 29 March is 5 hours long.
        (
            "rome-nights",
            "2026-03-27T23:00+00:00",
            "2026-03-29T22:00+00:00",
            &[
                "2026-03-27T23:00Z/2026-03-28T05:00Z",
                "2026-03-28T21:00Z/2026-03-28T23:00Z",
                "2026-03-28T23:00Z/2026-03-29T04:00Z",
                "2026-03-29T20:00Z/2026-03-29T22:00Z",
            ],
        ),
        // ... and over the autumn one: 7 hours.
        (
            "rome-nights",
            "2026-10-23T22:00+00:00",
            "2026-10-25T23:00+00:00",
            &[
                "2026-10-23T22:00Z/2026-10-24T04:00Z",
                "2026-10-24T20:00Z/2026-10-24T22:00Z",
                "2026-10-24T22:00Z/2026-10-25T05:00Z",
                "2026-10-25T21:00Z/2026-10-25T23:00Z",
            ],
        ),
        // New York office hours (09:00-12:00, 13:00-17:00) across its spring change: an hour
        // earlier in UTC from Monday.
        (
            "ny-office",
            "2026-03-06T00:00+00:00",
            "2026-03-10T00:00+00:00",
            &[
                "2026-03-06T14:00Z/2026-03-06T17:00Z",
                "2026-03-06T18:00Z/2026-03-06T22:00Z",
                "2026-03-09T13:00Z/2026-03-09T16:00Z",
                "2026-03-09T17:00Z/2026-03-09T21:00Z",
            ],
        ),
        // The New York night desk (Sundays 00:00-05:00): 4 hours on its spring night, 6 on
        // its autumn one.
        (
            "ny-nights",
            "2026-03-01T00:00+00:00",
            "2026-03-16T00:00+00:00",
            &[
                "2026-03-01T05:00Z/2026-03-01T10:00Z",
                "2026-03-08T05:00Z/2026-03-08T09:00Z",
                "2026-03-15T04:00Z/2026-03-15T09:00Z",
            ],
        ),
        // Christmas in Rome: Christmas Eve's reduced hours, then closed until Monday.
        (
            "rome-office",
            "2026-12-23T00:00+00:00",
            "2026-12-28T10:00+00:00",
            &[
                "2026-12-23T07:30Z/2026-12-23T12:00Z",
                "2026-12-23T13:00Z/2026-12-23T17:00Z",
                "2026-12-24T07:30Z/2026-12-24T11:00Z",
                "2026-12-28T07:30Z/2026-12-28T12:00Z",
            ],
        ),
    ];
    let mut wrong = Vec::new();
    for (id, from, to, want) in cases {
        let got = expand(&file(id), from, to);
        if got != want {
            wrong.push(format!(
                "{id} {from}..{to}: got {got:#?}, expected {want:#?}"
            ));
        }
    }
    let autumn = expand(
        &file("ny-nights"),
        "2026-10-31T00:00+00:00",
        "2026-11-02T00:00+00:00",
    );
    if autumn != ["2026-11-01T04:00Z/2026-11-01T10:00Z"] {
        wrong.push(format!("ny-nights on 1 Nov: got {autumn:?}"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
