//! Holiday sets (format section 12): holidays that recur, as rules, shared by calendars
//! ([`rules`]); the catalogue's sets and a calendar's own dates as written ([`resolve`]); the
//! built-in national sets `public:<code>`, data files in the same rule language ([`builtin`]).

mod builtin;
pub(crate) mod resolve;
mod rules;

pub(crate) use builtin::{builtin, builtin_ids};
pub(crate) use rules::*;

/// The year output lists holidays from: `SOURCE_DATE_EPOCH`'s (in UTC) when it is set and
/// valid, else the clock's.
pub(crate) fn build_year() -> i16 {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    jiff::tz::TimeZone::UTC.to_datetime(now).year()
}
