//! What search engines read: schema.org JSON-LD for the partner (an Organization with a
//! ContactPoint per customer-facing contact), `sitemap.xml` and `robots.txt`.

use crate::catalogue::calendar::{Calendar, Interval, hhmm};
use crate::catalogue::{Catalogue, MethodType};
use serde_json::{Value, json};

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// JSON that is safe inside `<script>`: `<`, `>` and `&` written as `\u003c`... (they can
/// only occur inside strings, where the escapes mean the same).
pub(super) fn script_json(v: &impl serde::Serialize) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn closes(i: &Interval) -> String {
    if i.end >= 1440 {
        "23:59".into()
    } else {
        hhmm(i.end)
    }
}

fn opening_hours(c: &Calendar) -> Vec<Value> {
    let spec = |days: Vec<&str>, opens: String, closes: String| json!({"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": opens, "closes": closes});
    let mut out = Vec::new();
    if c.always_open {
        out.push(spec(DAYS.to_vec(), "00:00".into(), "23:59".into()));
    } else {
        for (a, b, hours) in c.weekly_groups() {
            for i in &hours {
                out.push(spec(DAYS[a..=b].to_vec(), hhmm(i.start), closes(i)));
            }
        }
    }
    out
}

/// The partner as a schema.org Organization, ready to embed in a `<script>`.
pub(super) fn organization(cat: &Catalogue, base_url: &str) -> String {
    let points: Vec<Value> = cat
        .contacts
        .iter()
        .filter(|c| !c.is_partner_only())
        .map(|c| {
            let mut p = json!({
                "@type": "ContactPoint",
                "name": c.name,
                "contactType": "customer support",
            });
            let first = |k: MethodType| {
                c.methods
                    .iter()
                    .find(|m| m.kind == k)
                    .map(|m| m.value.clone())
            };
            if let Some(v) = first(MethodType::Phone) {
                p["telephone"] = v.into();
            }
            if let Some(v) = first(MethodType::Email) {
                p["email"] = v.into();
            }
            if let Some(v) = first(MethodType::Web).or_else(|| first(MethodType::Chat)) {
                p["url"] = v.into();
            }
            if !c.languages.is_empty() {
                p["availableLanguage"] = c.languages.clone().into();
            }
            if let Some(cal) = cat.calendar(&c.hours) {
                p["hoursAvailable"] = opening_hours(cal).into();
            }
            p
        })
        .collect();
    let org = json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": cat.partner.name,
        "url": cat.partner.website.as_deref().unwrap_or(base_url),
        "contactPoint": points,
    });
    script_json(&org)
}

/// Appends `s` to `out` with XML's five special characters escaped.
fn push_escaped(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// `sitemap.xml` of the given pages, each as its absolute URL in every language (one entry each),
/// with the same page in every language (spec section 7: `xhtml:link` alternates, the first
/// language also as `x-default`) when the site has more than one.
pub(super) fn sitemap(pages: &[Vec<(&str, String)>]) -> String {
    let languages = pages.iter().any(|alternates| alternates.len() > 1);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if languages {
        s.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    s.push_str(">\n");
    for alternates in pages {
        for (_, url) in alternates {
            s.push_str("  <url><loc>");
            push_escaped(&mut s, url);
            s.push_str("</loc>");
            if languages {
                let default = alternates.first().map(|(_, u)| ("x-default", u));
                for (tag, href) in alternates.iter().map(|(t, u)| (*t, u)).chain(default) {
                    s.push_str("\n    <xhtml:link rel=\"alternate\" hreflang=\"");
                    push_escaped(&mut s, tag);
                    s.push_str("\" href=\"");
                    push_escaped(&mut s, href);
                    s.push_str("\"/>");
                }
                s.push_str("\n  ");
            }
            s.push_str("</url>\n");
        }
    }
    s.push_str("</urlset>\n");
    s
}

pub(super) fn robots(urls: &crate::paths::Urls) -> String {
    let sitemap = urls.absolute_root(crate::paths::SITEMAP);
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_escaped_escapes_the_five_special_characters_once() {
        let escaped = |s: &str| {
            let mut out = String::new();
            push_escaped(&mut out, s);
            out
        };
        assert_eq!(
            escaped(r#"a&b<c>d"e'f&amp;"#),
            "a&amp;b&lt;c&gt;d&quot;e&apos;f&amp;amp;"
        );
        assert_eq!(escaped("plain"), "plain");
    }

    #[test]
    fn script_json_is_inert() {
        let s = script_json(&json!({"a": "</script><b>&"}));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert_eq!(
            serde_json::from_str::<Value>(&s).unwrap()["a"],
            "</script><b>&"
        );
    }
}
