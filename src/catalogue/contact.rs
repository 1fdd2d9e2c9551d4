//! Contact values: emails, phone numbers and URLs, checked as the spec asks.

use super::raw::{self, MethodType};
use crate::diagnostics::{Code, Diagnostic};

/// A phone number: `+`, digits, spaces, dashes and parentheses, with at least 5 digits.
pub(super) fn is_phone(s: &str) -> bool {
    let allowed = s.chars().all(|c| c.is_ascii_digit() || " -()+".contains(c));
    let plus_first = s.chars().skip(1).all(|c| c != '+');
    allowed && plus_first && s.chars().filter(char::is_ascii_digit).count() >= 5
}

pub(super) fn is_email(s: &str) -> bool {
    email_address::EmailAddress::is_valid(s) && s.contains('.')
}

/// An absolute http(s) URL with a host.
pub(crate) fn is_url(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// Checks a contact method's value against its type.
pub(super) fn check_method(m: &raw::Method, out: &mut Vec<Diagnostic>) {
    let v = m.value.value.trim();
    let (ok, code, what) = match m.kind.value {
        MethodType::Phone => (
            is_phone(v),
            Code::InvalidPhone,
            "a phone number (`+`, digits, spaces, dashes, parentheses)",
        ),
        MethodType::Email => (is_email(v), Code::InvalidEmail, "an email address"),
        MethodType::Web | MethodType::Chat => {
            (is_url(v), Code::InvalidUrl, "an absolute http(s) URL")
        }
        MethodType::Teams => (
            is_url(v) || is_email(v),
            Code::InvalidUrl,
            "a Teams link (URL) or address",
        ),
        MethodType::Other => (!v.is_empty(), Code::InvalidValue, "some text"),
    };
    if !ok {
        out.push(Diagnostic::error(
            code,
            m.value.loc,
            format!("`{v}` is not {what}"),
        ));
    }
}

/// Checks an optional website field.
pub(super) fn check_url(url: Option<&raw::Text>, out: &mut Vec<Diagnostic>) {
    if let Some(u) = url
        && !is_url(&u.value)
    {
        out.push(
            Diagnostic::error(
                Code::InvalidUrl,
                u.loc,
                format!("`{}` is not an absolute http(s) URL", u.value),
            )
            .with_help("write the full address, e.g. `https://contoso.example`"),
        );
    }
}

/// Warns about two methods of one type a customer could not tell apart: a phone number beside
/// another, with no `label` on one of them ("Call" twice).
pub(super) fn check_look_alikes(
    contact: &str,
    methods: &[&raw::Method],
    out: &mut Vec<Diagnostic>,
) {
    for (i, m) in methods.iter().enumerate() {
        let earlier = methods[..i].iter().find(|e| e.kind.value == m.kind.value);
        if let Some(first) = earlier
            && (m.label.is_none() || first.label.is_none())
        {
            let word = crate::routing::answer::method_word(m.kind.value);
            out.push(
                Diagnostic::warning(
                    Code::LookAlikeMethods,
                    m.value.loc,
                    format!(
                        "contact `{contact}` has more than one `{word}` method and they are shown alike"
                    ),
                )
                .with_help("give each a `label` customers can tell apart, e.g. `Toll-free` and `From abroad`"),
            );
        }
    }
}
