//! Text as every output can carry it: control characters (a NUL, an escape, C1 codes), which
//! make HTML invalid and break XML and calendar files, become U+FFFD REPLACEMENT CHARACTER.
//! Tabs and line breaks stay.

/// `s` with every control character but tab, line feed and carriage return replaced.
pub(crate) fn printable(s: String) -> String {
    if !s.chars().any(is_bad) {
        return s;
    }
    s.chars()
        .map(|c| if is_bad(c) { '\u{FFFD}' } else { c })
        .collect()
}

fn is_bad(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}
