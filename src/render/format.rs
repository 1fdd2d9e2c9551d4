//! Numbers, money, percentages, durations, dates and opening hours in the site's language,
//! and prices explained in words with a worked example.

use super::cldr::Formats;
use super::i18n::I18n;
use crate::catalogue::calendar::{Calendar, Holiday, Interval};
use crate::catalogue::price::{Band, Money, Price, band_parts, currency_exponent};
use crate::catalogue::{
    Allowance, AllowanceKind, AllowancePer, Catalogue, Clock, Length, Per, Target, TargetKind, Tax,
    TaxPrices, Term, When,
};
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

/// A target in words: the one formatter for the portal, `route` and `diff`.
#[derive(Debug, Serialize, Clone)]
pub(crate) struct TargetView {
    /// The severity id; empty for a target written for every severity.
    pub severity: String,
    /// The severity's short label (`P1`); its id unless the catalogue gives one.
    pub label: String,
    /// The whole target in words: "within 4 business hours", "by the end of the next business
    /// day", "within 1 hour, around the clock", "every 2 hours, around the clock".
    pub words: String,
    /// As written: `4h`, `1bd`.
    pub written: String,
    pub clock: &'static str,
    pub clock_words: String,
}

pub(crate) fn target(t: &I18n, r: &Target) -> TargetView {
    let (clock, key) = match r.clock {
        Clock::Calendar => ("calendar", "clock_calendar"),
        Clock::Always => ("always", "clock_always"),
    };
    TargetView {
        severity: r.severity.clone().unwrap_or_default(),
        label: r.severity.clone().unwrap_or_default(),
        words: target_words(t, r.kind, r.length, r.clock),
        written: r.written.clone(),
        clock,
        clock_words: t.word(key),
    }
}

/// A target as contracts read it (the format's section 12). Time counted on a calendar is never
/// shown as elapsed time: a calendar-clock `1d` is "24 business hours".
pub(crate) fn target_words(t: &I18n, kind: TargetKind, length: Length, clock: Clock) -> String {
    let every = kind == TargetKind::Updates;
    // The keys of "within …" and of "every …", in this order: one business day, N business
    // days, 1 business hour, N business hours, N business minutes, hours and minutes, elapsed.
    let keys: [&str; 7] = if every {
        [
            t_key(t, "upd_bd1"),
            t_key(t, "upd_bdn"),
            t_key(t, "upd_bh_h1"),
            t_key(t, "upd_bh_h"),
            t_key(t, "upd_bh_m"),
            t_key(t, "upd_bh_hm"),
            t_key(t, "upd_always"),
        ]
    } else {
        [
            t_key(t, "tgt_bd1"),
            t_key(t, "tgt_bdn"),
            t_key(t, "tgt_bh_h1"),
            t_key(t, "tgt_bh_h"),
            t_key(t, "tgt_bh_m"),
            t_key(t, "tgt_bh_hm"),
            t_key(t, "tgt_always"),
        ]
    };
    let fill = |key: &str, args: &[(&str, &str)]| super::i18n::fill(key, args);
    match length {
        Length::BusinessDays(1) => keys[0].to_string(),
        Length::BusinessDays(n) if every => fill(keys[1], &[("n", &n.to_string())]),
        Length::BusinessDays(n) if (2..=10).contains(&n) => {
            fill(keys[1], &[("nth", &t.word(&format!("ord_{n}")))])
        }
        Length::BusinessDays(n) => t.fill("tgt_bdnum", &[("n", &n.to_string())]),
        Length::Minutes(60) if every && clock == Clock::Always => {
            t_key(t, "upd_always_hour").to_string()
        }
        Length::Minutes(1440) if every && clock == Clock::Always => {
            t_key(t, "upd_always_day").to_string()
        }
        Length::Minutes(m) if clock == Clock::Always => {
            fill(keys[6], &[("duration", &elapsed_words(t, m))])
        }
        Length::Minutes(m) => match (m / 60, m % 60) {
            (1, 0) => keys[2].to_string(),
            (h, 0) => fill(keys[3], &[("n", &h.to_string())]),
            (0, min) => fill(keys[4], &[("n", &min.to_string())]),
            (h, min) => fill(keys[5], &[("h", &h.to_string()), ("m", &min.to_string())]),
        },
    }
}

/// The language's wording of a target key (the key itself when missing).
fn t_key<'t>(t: &'t I18n, key: &'t str) -> &'t str {
    t.words.get(key).map_or(key, String::as_str)
}

/// Elapsed time in words: `2 days 12 hours`, `1 hour 30 minutes` (as the language joins them).
fn elapsed_words(t: &I18n, minutes: u32) -> String {
    let parts: Vec<String> = [
        (minutes / 1440, "u_day", "u_days"),
        (minutes % 1440 / 60, "u_hour", "u_hours"),
        (minutes % 60, "u_minute", "u_minutes"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| {
        if n == 1 {
            t.word(one)
        } else {
            t.fill(many, &[("n", &n.to_string())])
        }
    })
    .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => t.fill("u_join", &[("a", &rest.join(", ")), ("b", last)]),
    }
}

/// An allowance kind as keys spell it (`named_contacts`).
pub(crate) fn allowance_kind(k: AllowanceKind) -> &'static str {
    match k {
        AllowanceKind::Cases => "cases",
        AllowanceKind::NamedContacts => "named_contacts",
        AllowanceKind::Hours => "hours",
    }
}

/// An allowance in words: `10 cases per month`, `Unlimited named contacts`.
pub(crate) fn allowance(t: &I18n, a: &Allowance, term: Option<&Term>) -> String {
    let kind = allowance_kind(a.kind);
    let what = match a.count {
        None => t.word(&format!("allowance_unlimited_{kind}")),
        Some(1) => t.word(&format!("allowance_one_{kind}")),
        Some(n) => t.fill(
            &format!("allowance_many_{kind}"),
            &[("n", &number(&t.formats, n.into(), 0))],
        ),
    };
    match (a.per, a.count) {
        (_, None) | (None, _) => what,
        (Some(AllowancePer::Month), _) => t.fill("allowance_per_month", &[("what", &what)]),
        (Some(AllowancePer::Year), _) => t.fill("allowance_per_year", &[("what", &what)]),
        (Some(AllowancePer::Term), _) => match term.and_then(|t| t.minimum_months) {
            Some(1) => t.fill("allowance_per_term_one", &[("what", &what)]),
            months => t.fill(
                "allowance_per_term",
                &[
                    ("what", &what),
                    (
                        "months",
                        &number(&t.formats, months.unwrap_or_default().into(), 0),
                    ),
                ],
            ),
        },
    }
}

/// A term in words: the minimum term and the notice, each when the catalogue gives it.
pub(crate) fn term(t: &I18n, term: &Term) -> (Option<String>, Option<String>) {
    let n = |v: u64| number(&t.formats, v.into(), 0);
    (
        term.minimum_months.map(|m| match m {
            0 => t.word("term_no_minimum"),
            1 => t.word("term_minimum_one"),
            m => t.fill("term_minimum_many", &[("n", &n(m))]),
        }),
        term.notice_days.map(|d| match d {
            0 => t.word("term_no_notice"),
            1 => t.word("term_notice_one"),
            d => t.fill("term_notice_many", &[("n", &n(d))]),
        }),
    )
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
    /// The price in one line, with whether tax is included when it shows an amount.
    pub headline: String,
    pub details: Vec<String>,
    pub example: Option<Example>,
    /// `excl. VAT`, once per price shown (it is in the headline too).
    pub tax: Option<String>,
    /// Where to ask for a price on request.
    pub request: Option<RequestView>,
}

/// Whom to ask for a price on request: a contact of the portal or an address.
#[derive(Debug, Serialize, Clone)]
pub(crate) struct RequestView {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Example {
    pub intro: String,
    pub steps: Vec<String>,
    pub result: String,
}

/// A price in words, saying once whether tax is included when it shows an amount.
pub(crate) fn price(t: &I18n, p: &Price, tax: Option<&Tax>) -> PriceView {
    let mut view = untaxed_price(t, p);
    if let Some(tax) = tax.filter(|_| p.shows_money()) {
        let words = tax_words(t, tax);
        view.headline = t.fill("price_taxed", &[("price", &view.headline), ("tax", &words)]);
        view.tax = Some(words);
    }
    view
}

/// `excl. VAT`, `IVA esclusa`.
pub(crate) fn tax_words(t: &I18n, tax: &Tax) -> String {
    let key = match tax.prices {
        TaxPrices::Excluded => "tax_excluded",
        TaxPrices::Included => "tax_included",
    };
    t.fill(key, &[("name", &tax.name)])
}

/// A price in words, without the tax statement.
pub(crate) fn untaxed_price(t: &I18n, p: &Price) -> PriceView {
    match p {
        Price::OnRequest { from, per, .. } => PriceView {
            form: "on-request",
            headline: match (from, per) {
                (Some(m), Some(per)) => t.fill(
                    "price_from",
                    &[("amount", &of(&t.formats, m)), ("per", &per_word(t, *per))],
                ),
                _ => t.word("price_on_request"),
            },
            details: from
                .is_some()
                .then(|| t.word("price_on_request_detail"))
                .into_iter()
                .collect(),
            ..Default::default()
        },
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
    let example = p
        .chosen_example_spend()
        .or_else(|| example_spend_percent(*pc, minimum.as_ref()))
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
        ..Default::default()
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
    let example = p
        .chosen_example_spend()
        .or_else(|| example_spend_bands(bands))
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
        ..Default::default()
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
                name: holiday_name(t, h),
                hours: (!h.hours.is_empty()).then(|| intervals(&h.hours)),
            })
            .collect(),
    }
}

/// A holiday's name as listed: "Christmas Day (observed)" on the date it is kept instead.
pub(crate) fn holiday_name(t: &I18n, h: &Holiday) -> String {
    match h.observed_from {
        Some(_) => t.fill("holiday_observed", &[("name", &h.name)]),
        None => h.name.clone(),
    }
}

/// `2026-12-24` → `Thursday, December 24, 2026` (as the language writes it).
pub(crate) fn date(loc: &Formats, iso: &str) -> String {
    loc.date(iso)
}

/// The cases a target rule matches, by name: `Billing and invoices`, `Azure · Outage, Slow`.
pub(crate) fn rule_cases(cat: &Catalogue, when: &When) -> String {
    let names = |ids: &Option<Vec<String>>, name: &dyn Fn(&str) -> Option<String>| {
        ids.as_ref().map(|ids| {
            ids.iter()
                .map(|id| name(id).unwrap_or_else(|| id.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    [
        names(&when.product, &|id| cat.product(id).map(|p| p.name.clone())),
        names(&when.issue, &|id| {
            cat.issue_type(id).map(|i| i.name.clone())
        }),
        names(&when.severity, &|id| {
            cat.severity(id).map(|s| format!("{} ({})", s.id, s.name))
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
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
        let example = super::price(&it, &flat(Per::UserMonth), None)
            .example
            .unwrap();
        assert_eq!(example.steps, ["25 × 4,50\u{a0}€ = 112,50\u{a0}€"]);
        assert!(
            example.result.contains("112,50\u{a0}€"),
            "{}",
            example.result
        );
        assert!(super::price(&it, &flat(Per::Month), None).example.is_none());
    }
}
