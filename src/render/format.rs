//! Numbers, money, percentages, durations, dates and opening hours in the site's language,
//! and prices explained in words with a worked example.

use super::cldr::Formats;
use super::i18n::I18n;
use crate::catalogue::calendar::{Calendar, Interval};
use crate::catalogue::price::{Band, Money, Price, band_parts, currency_exponent};
use crate::catalogue::{Clock, Per, ResponseTarget};
use rust_decimal::Decimal;
use serde::Serialize;

/// `1234.5` with `digits` decimals, as the language writes it: `1,234.50` / `1.234,50`.
pub(crate) fn number(loc: &Formats, value: Decimal, digits: u32) -> String {
    loc.number(value, digits)
}

/// An amount in a currency, as the language writes it: `€4.50`, `4,50 €`. Without a currency,
/// a plain number with two decimals.
pub(crate) fn money(loc: &Formats, amount: Decimal, currency: Option<&str>) -> String {
    match currency {
        Some(code) => loc.money(amount, code, currency_exponent(code).unwrap_or(2) as u32),
        None => loc.number(amount, 2),
    }
}

fn of(loc: &Formats, m: &Money) -> String {
    money(loc, m.amount, Some(&m.currency))
}

/// `10%`, `2,5 %`: as many decimals as written.
pub(crate) fn percent(loc: &Formats, p: Decimal) -> String {
    loc.percent(p)
}

/// `30 min`, `4 h`, `1 day`, `2 days`.
pub(crate) fn duration(t: &I18n, minutes: u32) -> String {
    let (key, n) = if minutes >= 1440 && minutes.is_multiple_of(1440) {
        let days = minutes / 1440;
        (if days == 1 { "dur_day" } else { "dur_days" }, days)
    } else if minutes.is_multiple_of(60) {
        ("dur_hours", minutes / 60)
    } else {
        ("dur_minutes", minutes)
    };
    t.fill(key, &[("n", &n.to_string())])
}

/// A response target in words.
#[derive(Debug, Serialize, Clone)]
pub(crate) struct TargetView {
    pub severity: String,
    pub within: String,
    pub clock: &'static str,
    pub clock_words: String,
}

pub(crate) fn target(t: &I18n, r: &ResponseTarget) -> TargetView {
    let (clock, key) = match r.clock {
        Clock::Calendar => ("calendar", "clock_calendar"),
        Clock::Always => ("always", "clock_always"),
    };
    TargetView {
        severity: r.severity.clone(),
        within: duration(t, r.within_minutes),
        clock,
        clock_words: t.word(key).to_string(),
    }
}

pub(crate) fn per_key(per: Per) -> &'static str {
    match per {
        Per::Month => "month",
        Per::Year => "year",
        Per::UserMonth => "user_month",
        Per::Incident => "incident",
        Per::Hour => "hour",
        Per::OneOff => "one_off",
    }
}

/// A price in words: a headline, the rules, and a worked example for the percentage forms.
#[derive(Debug, Serialize, Default)]
pub(crate) struct PriceView {
    pub form: &'static str,
    pub headline: String,
    pub details: Vec<String>,
    pub example: Option<Example>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Example {
    pub intro: String,
    pub steps: Vec<String>,
    pub result: String,
}

pub(crate) fn price(t: &I18n, p: &Price) -> PriceView {
    match p {
        Price::Included => PriceView {
            form: "included",
            headline: t.word("price_included"),
            ..Default::default()
        },
        Price::Flat { amount, per } => PriceView {
            form: "flat",
            headline: t.fill(
                "price_flat",
                &[
                    ("amount", &of(&t.formats, amount)),
                    ("per", &per_word(t, *per)),
                ],
            ),
            example: (*per == Per::UserMonth).then(|| per_user_example(t, amount)),
            ..Default::default()
        },
        Price::PercentOfSpend { .. } => percent_price(t, p),
        Price::Bands { .. } => bands_price(t, p),
    }
}

/// The users a per-user price is worked out for.
const EXAMPLE_USERS: u32 = 25;

/// "For 25 users: 25 × €4.50 = €112.50. You pay €112.50 per month."
fn per_user_example(t: &I18n, price: &Money) -> Example {
    let fmt = |d: Decimal| money(&t.formats, d, Some(&price.currency));
    let users = Decimal::from(EXAMPLE_USERS);
    let total = price.amount * users;
    let n = number(&t.formats, users, 0);
    Example {
        intro: t.fill("example_users_intro", &[("users", &n)]),
        steps: vec![t.fill(
            "example_users_step",
            &[
                ("users", &n),
                ("amount", &fmt(price.amount)),
                ("total", &fmt(total)),
            ],
        )],
        result: t.fill(
            "example_result",
            &[("amount", &fmt(total)), ("per", &t.word("per_month"))],
        ),
    }
}

/// "per month", and "monthly spend", for a price's period.
fn per_word(t: &I18n, per: Per) -> String {
    t.word(&format!("per_{}", per_key(per)))
}

fn spend_word(t: &I18n, per: Per) -> String {
    t.word(&format!("spend_{}", per_key(per)))
}

/// The money formatter of a price (in its currency).
fn money_of<'a>(t: &'a I18n, p: &'a Price) -> impl Fn(Decimal) -> String + 'a {
    let cur = p.currency();
    move |d| money(&t.formats, d, cur)
}

fn percent_price(t: &I18n, p: &Price) -> PriceView {
    let Price::PercentOfSpend {
        percent: pc,
        minimum,
        maximum,
        per,
        ..
    } = p
    else {
        return PriceView::default();
    };
    let loc = &t.formats;
    let (per_w, spend_w) = (per_word(t, *per), spend_word(t, *per));
    let limit = |key: &str, m: &Money| t.fill(key, &[("amount", &of(loc, m)), ("per", &per_w)]);
    let mut details = Vec::new();
    details.extend(minimum.as_ref().map(|m| limit("price_minimum", m)));
    details.extend(maximum.as_ref().map(|m| limit("price_maximum", m)));
    let fmt = money_of(t, p);
    let example = example_spend_percent(*pc, minimum.as_ref())
        .and_then(|spend| Some((spend, p.cost_for_spend(spend)?)))
        .map(|(spend, cost)| {
            let raw = spend * pc / Decimal::ONE_HUNDRED;
            let mut steps = vec![step(t, &fmt, *pc, spend, raw)];
            if cost != raw {
                let key = if minimum.as_ref().is_some_and(|m| cost == m.amount) {
                    "example_minimum_applies"
                } else {
                    "example_maximum_applies"
                };
                steps.push(t.fill(key, &[("amount", &fmt(cost))]));
            }
            worked(t, &fmt, (&spend_w, &per_w), (spend, cost), steps)
        });
    PriceView {
        form: "percent",
        headline: t.fill(
            "price_percent",
            &[("percent", &percent(loc, *pc)), ("spend", &spend_w)],
        ),
        details,
        example,
    }
}

fn bands_price(t: &I18n, p: &Price) -> PriceView {
    let Price::Bands {
        bands,
        minimum,
        per,
        ..
    } = p
    else {
        return PriceView::default();
    };
    let (per_w, spend_w) = (per_word(t, *per), spend_word(t, *per));
    let fmt = money_of(t, p);
    let mut details = band_lines(t, bands, &fmt);
    details.extend(minimum.as_ref().map(|m| {
        t.fill(
            "price_bands_minimum",
            &[("amount", &of(&t.formats, m)), ("per", &per_w)],
        )
    }));
    let example = example_spend_bands(bands)
        .and_then(|spend| Some((spend, p.cost_for_spend(spend)?)))
        .map(|(spend, cost)| {
            let parts = band_parts(bands, spend);
            let total: Decimal = parts.iter().map(|b| b.cost).sum();
            let mut steps: Vec<String> = parts
                .iter()
                .map(|b| step(t, &fmt, b.percent, b.amount, b.cost))
                .collect();
            steps.push(t.fill("example_total", &[("amount", &fmt(total))]));
            if cost != total {
                steps.push(t.fill("example_minimum_applies", &[("amount", &fmt(cost))]));
            }
            worked(t, &fmt, (&spend_w, &per_w), (spend, cost), steps)
        });
    PriceView {
        form: "bands",
        headline: t.fill("price_bands", &[("spend", &spend_w)]),
        details,
        example,
    }
}

/// One step of a worked example: "10% of X is Y".
fn step(
    t: &I18n,
    fmt: &dyn Fn(Decimal) -> String,
    pc: Decimal,
    amount: Decimal,
    cost: Decimal,
) -> String {
    t.fill(
        "example_step",
        &[
            ("percent", &percent(&t.formats, pc)),
            ("amount", &fmt(amount)),
            ("cost", &fmt(cost)),
        ],
    )
}

/// A worked example's frame around its steps: "With a monthly spend of X:" … "You pay Y
/// per month."
fn worked(
    t: &I18n,
    fmt: &dyn Fn(Decimal) -> String,
    (spend_w, per_w): (&str, &str),
    (spend, cost): (Decimal, Decimal),
    steps: Vec<String>,
) -> Example {
    Example {
        intro: t.fill(
            "example_intro",
            &[("spend", spend_w), ("amount", &fmt(spend))],
        ),
        steps,
        result: t.fill("example_result", &[("amount", &fmt(cost)), ("per", per_w)]),
    }
}

fn band_lines(t: &I18n, bands: &[Band], fmt: &dyn Fn(Decimal) -> String) -> Vec<String> {
    let loc = &t.formats;
    let mut lower = Decimal::ZERO;
    bands
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let pc = percent(loc, b.percent);
            let line = match b.up_to {
                Some(u) if i == 0 => t.fill("band_first", &[("percent", &pc), ("amount", &fmt(u))]),
                Some(u) => t.fill(
                    "band_next",
                    &[
                        ("percent", &pc),
                        ("amount", &fmt(u - lower)),
                        ("upper", &fmt(u)),
                    ],
                ),
                None if i == 0 => t.fill("band_all", &[("percent", &pc)]),
                None => t.fill("band_rest", &[("percent", &pc), ("amount", &fmt(lower))]),
            };
            lower = b.up_to.unwrap_or(lower);
            line
        })
        .collect()
}

/// The largest spend a worked example uses: beyond it the example would say nothing useful,
/// and the arithmetic stays far from `Decimal`'s limits.
const EXAMPLE_LIMIT: u64 = 1_000_000_000_000;

/// A round spend well above the point where the minimum stops applying.
pub(crate) fn example_spend_percent(pc: Decimal, minimum: Option<&Money>) -> Option<Decimal> {
    let threshold = match minimum {
        Some(m) if !pc.is_zero() => m
            .amount
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(pc)?,
        _ => Decimal::from(2000),
    };
    round_up(threshold.checked_mul(Decimal::from(3))?)
}

/// A spend that crosses the first two bands (the FAQ's "60,000 under 10k/50k bands").
pub(crate) fn example_spend_bands(bands: &[Band]) -> Option<Decimal> {
    let ups: Vec<Decimal> = bands.iter().filter_map(|b| b.up_to).collect();
    let spend = match ups.as_slice() {
        [] => Decimal::from(10_000),
        [one] => one.checked_mul(Decimal::TWO)?,
        [first, second, ..] => first.checked_add(*second)?,
    };
    (spend <= Decimal::from(EXAMPLE_LIMIT)).then_some(spend)
}

/// Rounds up to 1, 2 or 5 times a power of ten; `None` above [`EXAMPLE_LIMIT`].
fn round_up(v: Decimal) -> Option<Decimal> {
    if v > Decimal::from(EXAMPLE_LIMIT) {
        return None;
    }
    let mut step = Decimal::ONE;
    while step * Decimal::TEN <= v {
        step *= Decimal::TEN;
    }
    [1u32, 2, 5, 10]
        .into_iter()
        .map(|m| step * Decimal::from(m))
        .find(|c| *c >= v)
}

/// A calendar in words, in its own time zone.
#[derive(Debug, Serialize)]
pub(crate) struct CalendarView {
    pub id: String,
    pub name: String,
    pub timezone: String,
    /// The time zone as people say it (`Italy Time`, `Ora Italia`).
    pub zone: String,
    pub always_open: bool,
    pub weekly: Vec<DayGroup>,
    /// One line: `Mon–Fri 08:30–13:00, 14:00–18:00; Sat 09:00–12:00`.
    pub summary: String,
    pub holidays: Vec<HolidayView>,
    /// The calendar's `note`, rendered from Markdown (set by the model, which has the links).
    pub note_html: Option<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct DayGroup {
    pub days: String,
    pub hours: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct HolidayView {
    pub date: String,
    pub label: String,
    pub name: String,
    /// Reduced hours that day; `None`: closed.
    pub hours: Option<String>,
}

fn intervals(hours: &[Interval]) -> String {
    hours
        .iter()
        .map(Interval::label)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn calendar(t: &I18n, c: &Calendar) -> CalendarView {
    let days = &t.formats.days;
    let weekly: Vec<DayGroup> = c
        .weekly_groups()
        .iter()
        .map(|(a, b, hours)| DayGroup {
            days: if a == b {
                days[*a].clone()
            } else {
                format!("{}–{}", days[*a], days[*b])
            },
            hours: intervals(hours),
        })
        .collect();
    let summary = if c.always_open {
        t.word("always_open").to_string()
    } else if weekly.is_empty() {
        t.word("closed_every_day").to_string()
    } else {
        weekly
            .iter()
            .map(|g| format!("{} {}", g.days, g.hours))
            .collect::<Vec<_>>()
            .join("; ")
    };
    CalendarView {
        id: c.id.clone(),
        name: c.name.clone(),
        timezone: c.timezone.clone(),
        zone: t.formats.zone(&c.timezone),
        always_open: c.always_open,
        weekly,
        summary,
        note_html: None,
        holidays: c
            .holidays
            .iter()
            .map(|h| HolidayView {
                date: h.date.clone(),
                label: date(&t.formats, &h.date),
                name: h.name.clone(),
                hours: (!h.hours.is_empty()).then(|| intervals(&h.hours)),
            })
            .collect(),
    }
}

/// `2026-12-24` → `Thursday, December 24, 2026` (as the language writes it).
pub(crate) fn date(loc: &Formats, iso: &str) -> String {
    loc.date(iso)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn formats_money() {
        let en = Formats::new("en").unwrap();
        let it = Formats::new("it").unwrap();
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money(&en, d("15000"), Some("USD")), "$15,000.00");
        assert_eq!(money(&it, d("4.5"), Some("EUR")), "4,50\u{a0}€");
        assert_eq!(money(&en, d("1234567.891"), Some("JPY")), "¥1,234,568");
        assert_eq!(money(&it, d("999.995"), Some("EUR")), "1000,00\u{a0}€");
        assert_eq!(percent(&it, d("2.50")), "2,5%");
        assert_eq!(round_up(d("4500")), Some(d("5000")));
        assert_eq!(round_up(d("1e20")), None);
    }

    #[test]
    fn a_per_user_price_is_worked_out_for_some_users() {
        let json = std::fs::read_to_string("themes/default/i18n.json").unwrap();
        let it = I18n::load(&json, "it").unwrap();
        let price = Money {
            amount: Decimal::from_str("4.50").unwrap(),
            currency: "EUR".into(),
        };
        let flat = |per| Price::Flat {
            amount: price.clone(),
            per,
        };
        let example = super::price(&it, &flat(Per::UserMonth)).example.unwrap();
        assert_eq!(example.steps, ["25 × 4,50\u{a0}€ = 112,50\u{a0}€"]);
        assert!(
            example.result.contains("112,50\u{a0}€"),
            "{}",
            example.result
        );
        assert!(super::price(&it, &flat(Per::Month)).example.is_none());
    }
}
