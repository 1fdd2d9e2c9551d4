//! `calendars/<id>.ics`: a calendar's holidays as iCalendar (RFC 5545): CRLF line ends,
//! lines folded at 75 octets, escaped text, one all-day VEVENT per holiday with a
//! deterministic UID and DTSTAMP (derived from the date, never the clock).

use super::i18n::I18n;
use crate::catalogue::calendar::{Calendar, Interval};

/// The whole file.
pub fn calendar(c: &Calendar, t: &I18n, host: &str) -> String {
    let mut out = String::new();
    let mut line = |s: String| fold(&s, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!(
        "PRODID:-//supportbook//supportbook {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", text(&c.name)));
    line(format!("X-WR-TIMEZONE:{}", text(&c.timezone)));
    for h in &c.holidays {
        let Ok(date) = h.date.parse::<jiff::civil::Date>() else {
            continue;
        };
        let Ok(next) = date.tomorrow() else {
            continue;
        };
        let compact = |d: jiff::civil::Date| d.strftime("%Y%m%d").to_string();
        let description = if h.hours.is_empty() {
            t.word("ics_closed").to_string()
        } else {
            let hours: Vec<String> = h.hours.iter().map(Interval::label).collect();
            t.fill(
                "ics_reduced",
                &[("hours", &hours.join(", ")), ("timezone", &c.timezone)],
            )
        };
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}-{}@{}", c.id, h.date, host));
        line(format!("DTSTAMP:{}T000000Z", compact(date)));
        line(format!("DTSTART;VALUE=DATE:{}", compact(date)));
        line(format!("DTEND;VALUE=DATE:{}", compact(next)));
        line(format!("SUMMARY:{}", text(&h.name)));
        line(format!("DESCRIPTION:{}", text(&description)));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// TEXT value escaping: `\`, `;`, `,` and newlines; other control characters dropped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (continuations start with a space), ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(60)), &mut out);
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(60))
        );
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
