//! Text escaped for XML, for the files written as XML (the sitemap, the Atom feed of changes).

/// `s` as XML text or attribute value: the five special characters escaped, and the characters
/// XML 1.0 does not allow dropped.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_text(&mut out, s);
    out
}

/// Adds `s` to `out` as [`text`] escapes it.
pub(super) fn push_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn special_characters_are_escaped_and_forbidden_ones_dropped() {
        assert_eq!(
            super::text("a&b <c> \"d\" 'e'\u{1}\u{fffe}\tf"),
            "a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;\tf"
        );
    }
}
