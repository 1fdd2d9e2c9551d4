//! Durations of targets (the format's section 12): a compound of days, hours and minutes in
//! that order, each at most once (`30m`, `1h30m`, `2d12h`; `d` is 24 hours of the chosen
//! clock), or `Nbd`, N business days of the plan's calendar.

use serde::Serialize;

/// How long a target gives: minutes of its clock, or business days of its calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Length {
    /// Minutes of the target's clock (staffed minutes with `clock: calendar`).
    Minutes(u32),
    /// N ≥ 1 business days: due at the end of the last staffed interval of the N-th business
    /// day after the day of opening.
    BusinessDays(u32),
}

impl Length {
    /// The minutes of a compound duration (`None` for business days).
    pub(crate) fn minutes(self) -> Option<u32> {
        match self {
            Length::Minutes(m) => Some(m),
            Length::BusinessDays(_) => None,
        }
    }

    pub(crate) fn business_days(self) -> Option<u32> {
        match self {
            Length::BusinessDays(n) => Some(n),
            Length::Minutes(_) => None,
        }
    }
}

/// Parses a duration; the error says what is wrong with it, in words for the diagnostic.
pub(crate) fn parse(s: &str) -> Result<Length, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("a duration cannot be empty".into());
    }
    if let Some(n) = s.strip_suffix("bd") {
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{s}` is not a duration"));
        }
        let n: u32 = n
            .parse()
            .map_err(|_| format!("`{s}`: too many business days"))?;
        if n == 0 {
            return Err("`0bd` is no time: business days start at `1bd`".into());
        }
        if n > 3660 {
            return Err(format!("`{s}`: too many business days (at most 3660)"));
        }
        return Ok(Length::BusinessDays(n));
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    // The units already read, in order: each is allowed once, and only after the larger ones.
    let mut last: Option<usize> = None;
    const UNITS: [(char, u64); 3] = [('d', 1440), ('h', 60), ('m', 1)];
    for c in s.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let Some(rank) = UNITS.iter().position(|(u, _)| *u == c) else {
            return Err(format!("`{s}` is not a duration"));
        };
        if number.is_empty() {
            return Err(format!(
                "`{s}` is not a duration: a number must come before `{c}`"
            ));
        }
        match last {
            Some(l) if l == rank => {
                return Err(format!(
                    "`{s}` gives `{c}` twice: write each unit at most once"
                ));
            }
            Some(l) if l > rank => {
                return Err(format!(
                    "`{s}` is out of order: write days, hours, then minutes (e.g. `1h30m`)"
                ));
            }
            _ => {}
        }
        last = Some(rank);
        let n: u64 = number
            .parse()
            .map_err(|_| format!("`{s}` is too long a duration"))?;
        number.clear();
        total = total.saturating_add(n.saturating_mul(UNITS[rank].1));
    }
    if !number.is_empty() || last.is_none() {
        return Err(format!(
            "`{s}` is not a duration: every number needs a unit (`d`, `h`, `m` or `bd`)"
        ));
    }
    if total == 0 {
        return Err(format!(
            "`{s}` is no time: a target must be longer than zero"
        ));
    }
    // At most about 10 years of minutes.
    u32::try_from(total)
        .ok()
        .filter(|m| *m <= 3660 * 1440)
        .map(Length::Minutes)
        .ok_or_else(|| format!("`{s}` is too long a duration (at most 3660 days)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_and_business_days() {
        assert_eq!(parse("30m"), Ok(Length::Minutes(30)));
        assert_eq!(parse("1h30m"), Ok(Length::Minutes(90)));
        assert_eq!(parse("8h30m"), Ok(Length::Minutes(510)));
        assert_eq!(parse("2d12h"), Ok(Length::Minutes(3600)));
        assert_eq!(parse("1d1m"), Ok(Length::Minutes(1441)));
        assert_eq!(parse(" 4h "), Ok(Length::Minutes(240)));
        assert_eq!(parse("1bd"), Ok(Length::BusinessDays(1)));
        assert_eq!(parse("10bd"), Ok(Length::BusinessDays(10)));
    }

    #[test]
    fn refused() {
        for bad in [
            "", "0bd", "bd", "1.5bd", "1m2h", "1h1h", "h", "4", "4x", "0m", "0h0m", "1h30", "-1h",
            "1 h", "2d1bd",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(parse("1m2h").unwrap_err().contains("order"));
        assert!(parse("1h1h").unwrap_err().contains("twice"));
        assert!(parse("0bd").unwrap_err().contains("1bd"));
    }
}
