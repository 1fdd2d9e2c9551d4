//! Prices: the four price forms of the spec, exact decimal money (never through a binary
//! float), ISO 4217 currencies, and the cost of a spend under marginal bands.

use super::raw::{self, Per};
use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::yaml::Spanned;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Money {
    #[serde(serialize_with = "exact")]
    pub amount: Decimal,
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Band {
    #[serde(serialize_with = "exact_opt")]
    pub up_to: Option<Decimal>,
    #[serde(serialize_with = "exact")]
    pub percent: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub(crate) enum Price {
    /// Free with every subscription.
    Included,
    Flat {
        amount: Money,
        per: Per,
    },
    PercentOfSpend {
        #[serde(serialize_with = "exact")]
        percent: Decimal,
        /// The currency of the spend, when known.
        currency: Option<String>,
        minimum: Option<Money>,
        maximum: Option<Money>,
        per: Per,
        /// The spend of the worked example, when the catalogue chooses it.
        #[serde(serialize_with = "exact_opt", skip_serializing_if = "Option::is_none")]
        example_spend: Option<Decimal>,
    },
    /// Marginal bands of spend, each taxed at its own percentage, like brackets.
    Bands {
        bands: Vec<Band>,
        currency: Option<String>,
        minimum: Option<Money>,
        per: Per,
        #[serde(serialize_with = "exact_opt", skip_serializing_if = "Option::is_none")]
        example_spend: Option<Decimal>,
    },
    /// Not published: the customer asks for it, possibly knowing the lowest price.
    OnRequest {
        from: Option<Money>,
        per: Option<Per>,
        request: Option<Request>,
    },
}

/// Where to ask for a price on request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Request {
    /// A customer-facing contact's id.
    Contact(String),
    /// An absolute http(s) URL.
    Url(String),
}

fn exact<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

fn exact_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => exact(d, s),
        None => s.serialize_none(),
    }
}

impl Price {
    /// What a customer with `spend` pays for one `per` period (for the percentage forms).
    pub(crate) fn cost_for_spend(&self, spend: Decimal) -> Option<Decimal> {
        let hundred = Decimal::ONE_HUNDRED;
        let (raw, min, max) = match self {
            Price::PercentOfSpend {
                percent,
                minimum,
                maximum,
                ..
            } => (
                spend * percent / hundred,
                minimum.as_ref(),
                maximum.as_ref(),
            ),
            Price::Bands { bands, minimum, .. } => (banded(bands, spend), minimum.as_ref(), None),
            _ => return None,
        };
        let raw = min.map_or(raw, |m| raw.max(m.amount));
        Some(max.map_or(raw, |m| raw.min(m.amount)))
    }

    /// The currency the price is in, when it has one.
    pub(crate) fn currency(&self) -> Option<&str> {
        match self {
            Price::Included => None,
            Price::OnRequest { from, .. } => from.as_ref().map(|m| m.currency.as_str()),
            Price::Flat { amount, .. } => Some(&amount.currency),
            Price::PercentOfSpend {
                currency,
                minimum,
                maximum,
                ..
            } => currency
                .as_deref()
                .or(minimum.as_ref().map(|m| m.currency.as_str()))
                .or(maximum.as_ref().map(|m| m.currency.as_str())),
            Price::Bands {
                currency, minimum, ..
            } => currency
                .as_deref()
                .or(minimum.as_ref().map(|m| m.currency.as_str())),
        }
    }
}

impl Price {
    /// Whether the portal shows an amount of money for this price (a flat amount, a limit, a
    /// worked example, the lowest price of a price on request): then it says whether tax is
    /// included.
    pub(crate) fn shows_money(&self) -> bool {
        match self {
            Price::Included => false,
            Price::OnRequest { from, .. } => from.is_some(),
            _ => true,
        }
    }

    /// The spend the catalogue chose for the worked example.
    pub(crate) fn chosen_example_spend(&self) -> Option<Decimal> {
        match self {
            Price::PercentOfSpend { example_spend, .. } | Price::Bands { example_spend, .. } => {
                *example_spend
            }
            _ => None,
        }
    }

    /// The period of the price, when it has one.
    pub(crate) fn per(&self) -> Option<Per> {
        match self {
            Price::Included => None,
            Price::OnRequest { per, .. } => *per,
            Price::Flat { per, .. }
            | Price::PercentOfSpend { per, .. }
            | Price::Bands { per, .. } => Some(*per),
        }
    }
}

/// What a price on request's `request` names: a contact id (`[a-z0-9][a-z0-9_-]*`) or an
/// absolute http(s) URL; `None` when it is neither.
pub(crate) fn request_of(value: &str) -> Option<Request> {
    let v = value.trim();
    let id_like = v.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if id_like {
        Some(Request::Contact(v.to_string()))
    } else if super::contact::is_url(v) {
        Some(Request::Url(v.to_string()))
    } else {
        None
    }
}

/// The part of a spend that falls in one band, and what it costs there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BandPart {
    pub percent: Decimal,
    /// The spend inside the band.
    pub amount: Decimal,
    pub cost: Decimal,
}

/// A spend split over the bands, lowest first: each band's percentage applies only to the
/// spend inside that band.
pub(crate) fn band_parts(bands: &[Band], spend: Decimal) -> Vec<BandPart> {
    let mut parts = Vec::new();
    let mut lower = Decimal::ZERO;
    for band in bands {
        let upper = band.up_to.map_or(spend, |u| u.min(spend));
        if upper <= lower {
            break;
        }
        let amount = upper - lower;
        parts.push(BandPart {
            percent: band.percent,
            amount,
            cost: amount * band.percent / Decimal::ONE_HUNDRED,
        });
        lower = upper;
    }
    parts
}

/// The bands' sum.
fn banded(bands: &[Band], spend: Decimal) -> Decimal {
    band_parts(bands, spend).iter().map(|p| p.cost).sum()
}

/// Minor-unit digits of an ISO 4217 currency (EUR 2, JPY 0), or `None` if the code is unknown.
pub(crate) fn currency_exponent(code: &str) -> Option<u16> {
    iso_currency::Currency::from_code(code).map(|c| c.exponent().unwrap_or(0))
}

/// Checks one raw price and turns it into its form.
pub(crate) fn resolve(raw: &Spanned<raw::Price>, out: &mut Vec<Diagnostic>) -> Option<Price> {
    let p = &raw.value;
    if let Some(on_request) = &p.on_request {
        let mut c = Checker { out, ok: true };
        let price = c.on_request(p, on_request);
        return if c.ok { price } else { None };
    }
    let forms = [
        p.included.is_some(),
        p.amount.is_some(),
        p.percent_of_spend.is_some(),
        p.bands.is_some(),
    ];
    let help = "a price is one of `{ included: true }`, `{ amount, currency, per }`, \
                `{ percent_of_spend, minimum?, maximum?, per }`, `{ bands, minimum?, per }` \
                or `{ on_request: true, from?, per?, request? }`";
    if forms.iter().filter(|f| **f).count() != 1 {
        let msg = if forms.iter().any(|f| *f) {
            "a price must have exactly one form"
        } else {
            "this price has no form"
        };
        out.push(Diagnostic::error(Code::InvalidPrice, raw.loc, msg).with_help(help));
        return None;
    }
    let mut c = Checker { out, ok: true };
    let not_spend = |f: &str| format!("`{f}` belongs only to a price on request");
    for (key, loc) in [
        ("from", p.from.as_ref().map(|x| x.loc)),
        ("request", p.request.as_ref().map(|x| x.loc)),
    ] {
        if let Some(loc) = loc {
            c.fail(Code::InvalidPrice, loc, not_spend(key));
        }
    }
    if let Some(e) = &p.example_spend
        && p.percent_of_spend.is_none()
        && p.bands.is_none()
    {
        c.fail(
            Code::InvalidPrice,
            e.loc,
            "`example_spend` belongs only to a `percent_of_spend` or `bands` price",
        );
    }
    let price = if let Some(included) = &p.included {
        c.included(p, included)
    } else if let Some(amount) = &p.amount {
        c.flat(raw.loc, p, amount)
    } else if let Some(percent) = &p.percent_of_spend {
        c.percent(raw.loc, p, percent)
    } else {
        c.bands(raw.loc, p)
    };
    if c.ok { price } else { None }
}

struct Checker<'a> {
    out: &'a mut Vec<Diagnostic>,
    ok: bool,
}

impl Checker<'_> {
    fn fail(&mut self, code: Code, loc: Loc, msg: impl Into<String>) {
        self.ok = false;
        self.out.push(Diagnostic::error(code, loc, msg));
    }

    fn refuse_keys(&mut self, form: &str, keys: &[(&str, Option<Loc>)]) {
        for (key, loc) in keys {
            if let Some(loc) = loc {
                self.fail(
                    Code::InvalidPrice,
                    *loc,
                    format!("`{key}` does not belong to a {form} price"),
                );
            }
        }
    }

    fn included(&mut self, p: &raw::Price, included: &Spanned<bool>) -> Option<Price> {
        if !included.value {
            self.fail(
                Code::InvalidPrice,
                included.loc,
                "`included: false` is not a price; give the price instead",
            );
        }
        let keys = [
            ("currency", p.currency.as_ref().map(|x| x.loc)),
            ("per", p.per.as_ref().map(|x| x.loc)),
            ("minimum", p.minimum.as_ref().map(|x| x.loc)),
            ("maximum", p.maximum.as_ref().map(|x| x.loc)),
        ];
        self.refuse_keys("included", &keys);
        Some(Price::Included)
    }

    fn flat(&mut self, loc: Loc, p: &raw::Price, amount: &Spanned<raw::Amount>) -> Option<Price> {
        let keys = [
            ("minimum", p.minimum.as_ref().map(|x| x.loc)),
            ("maximum", p.maximum.as_ref().map(|x| x.loc)),
        ];
        self.refuse_keys("flat", &keys);
        let amount = self.amount(amount);
        let currency = self.required_currency(loc, p.currency.as_ref());
        let per = self.per(loc, p.per.as_ref());
        Some(Price::Flat {
            amount: Money {
                amount: amount?,
                currency: currency?,
            },
            per: per?,
        })
    }

    fn percent(
        &mut self,
        loc: Loc,
        p: &raw::Price,
        percent: &Spanned<raw::Amount>,
    ) -> Option<Price> {
        let percent = self.percentage(percent);
        let currency = p.currency.as_ref().and_then(|c| self.currency(c));
        let minimum = p.minimum.as_ref().and_then(|m| self.money(m));
        let maximum = p.maximum.as_ref().and_then(|m| self.money(m));
        if let (Some(min), Some(max), Some(m)) = (&minimum, &maximum, &p.maximum)
            && max.amount < min.amount
        {
            self.fail(Code::InvalidPrice, m.loc, "`maximum` is below `minimum`");
        }
        self.same_currency(
            loc,
            &[
                currency.as_deref(),
                money_cur(&minimum),
                money_cur(&maximum),
            ],
        );
        let per = self.per(loc, p.per.as_ref());
        let example_spend = self.example_spend(p);
        Some(Price::PercentOfSpend {
            percent: percent?,
            currency,
            minimum,
            maximum,
            per: per?,
            example_spend,
        })
    }

    fn bands(&mut self, loc: Loc, p: &raw::Price) -> Option<Price> {
        let raw_bands = p.bands.as_ref()?;
        if let Some(m) = &p.maximum {
            self.fail(
                Code::InvalidPrice,
                m.loc,
                "`maximum` does not belong to a banded price",
            );
        }
        if raw_bands.value.is_empty() {
            self.fail(
                Code::InvalidPrice,
                raw_bands.loc,
                "`bands` needs at least one band",
            );
        }
        let mut bands = Vec::new();
        let mut last_up_to: Option<Decimal> = None;
        let count = raw_bands.value.len();
        for (i, band) in raw_bands.value.iter().enumerate() {
            let percent = self.percentage(&band.percent);
            let up_to = band.up_to.as_ref().and_then(|u| self.amount(u));
            match (&band.up_to, up_to) {
                (None, _) if i + 1 < count => self.fail(
                    Code::InvalidPrice,
                    band.loc,
                    "only the last band may lack `up_to`",
                ),
                (Some(u), Some(v)) if last_up_to.is_some_and(|l| v <= l) => self.fail(
                    Code::InvalidPrice,
                    u.loc,
                    format!(
                        "bands must ascend: {v} is not above the previous band's {}",
                        last_up_to.unwrap_or_default()
                    ),
                ),
                _ => {}
            }
            last_up_to = up_to.or(last_up_to);
            bands.push(Band {
                up_to,
                percent: percent.unwrap_or_default(),
            });
        }
        let currency = p.currency.as_ref().and_then(|c| self.currency(c));
        let minimum = p.minimum.as_ref().and_then(|m| self.money(m));
        self.same_currency(loc, &[currency.as_deref(), money_cur(&minimum)]);
        let per = self.per(loc, p.per.as_ref());
        let example_spend = self.example_spend(p);
        Some(Price::Bands {
            bands,
            currency,
            minimum,
            per: per?,
            example_spend,
        })
    }

    fn example_spend(&mut self, p: &raw::Price) -> Option<Decimal> {
        let e = p.example_spend.as_ref()?;
        let d = self.amount(e)?;
        if d.is_zero() {
            self.fail(
                Code::InvalidAmount,
                e.loc,
                "`example_spend` must be above 0 to make an example",
            );
            return None;
        }
        Some(d)
    }

    /// `{ on_request: true, from?, per?, request? }`. `request` is kept as written: a URL is
    /// checked here, a contact id by the resolver (which knows the contacts).
    fn on_request(&mut self, p: &raw::Price, on: &Spanned<bool>) -> Option<Price> {
        if !on.value {
            self.fail(
                Code::InvalidPrice,
                on.loc,
                "`on_request: false` is not a price; give the price instead",
            );
        }
        let hint = " (a price on request may give its lowest price as `from: { amount, currency }` with `per`)";
        let keys = [
            ("included", p.included.as_ref().map(|x| x.loc)),
            ("amount", p.amount.as_ref().map(|x| x.loc)),
            ("currency", p.currency.as_ref().map(|x| x.loc)),
            (
                "percent_of_spend",
                p.percent_of_spend.as_ref().map(|x| x.loc),
            ),
            ("minimum", p.minimum.as_ref().map(|x| x.loc)),
            ("maximum", p.maximum.as_ref().map(|x| x.loc)),
            ("bands", p.bands.as_ref().map(|x| x.loc)),
            ("example_spend", p.example_spend.as_ref().map(|x| x.loc)),
        ];
        for (key, loc) in keys {
            if let Some(loc) = loc {
                self.fail(
                    Code::InvalidPrice,
                    loc,
                    format!("`{key}` does not belong to a price on request{hint}"),
                );
            }
        }
        let from = p.from.as_ref().and_then(|m| self.money(m));
        match (&p.from, &p.per) {
            (Some(f), None) => self.fail(
                Code::MissingKey,
                f.loc,
                "`from` needs `per`: the period the lowest price is for",
            ),
            (None, Some(per)) => self.fail(
                Code::InvalidPrice,
                per.loc,
                "`per` of a price on request belongs with `from`",
            ),
            _ => {}
        }
        let request = p.request.as_ref().map(|r| {
            let request = request_of(&r.value);
            if request.is_none() {
                self.fail(
                    Code::InvalidUrl,
                    r.loc,
                    format!(
                        "`{}` is neither a contact id nor an absolute http(s) URL",
                        r.value.trim()
                    ),
                );
            }
            request.unwrap_or_else(|| Request::Url(r.value.trim().to_string()))
        });
        Some(Price::OnRequest {
            from,
            per: p.per.as_ref().map(|x| x.value),
            request,
        })
    }

    fn per(&mut self, loc: Loc, per: Option<&Spanned<Per>>) -> Option<Per> {
        if per.is_none() {
            self.ok = false;
            self.out.push(
                Diagnostic::error(Code::MissingKey, loc, "missing required key `per`")
                    .with_help("`per` is one of month, year, user-month, incident, hour, one-off"),
            );
        }
        per.map(|p| p.value)
    }

    fn amount(&mut self, a: &Spanned<raw::Amount>) -> Option<Decimal> {
        let text = a.value.0.trim();
        let plain = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        match Decimal::from_str_exact(text) {
            Ok(d) if plain => Some(d),
            _ => {
                self.ok = false;
                self.out.push(
                    Diagnostic::error(
                        Code::InvalidAmount,
                        a.loc,
                        format!("`{text}` is not an amount"),
                    )
                    .with_help("write a non-negative decimal such as `49.90`"),
                );
                None
            }
        }
    }

    fn percentage(&mut self, a: &Spanned<raw::Amount>) -> Option<Decimal> {
        let d = self.amount(a)?;
        if d > Decimal::ONE_HUNDRED {
            self.fail(
                Code::InvalidAmount,
                a.loc,
                format!("{d} is not a percentage between 0 and 100"),
            );
            return None;
        }
        Some(d)
    }

    fn money(&mut self, m: &Spanned<raw::Money>) -> Option<Money> {
        let amount = self.amount(&m.amount);
        let currency = self.currency(&m.currency);
        Some(Money {
            amount: amount?,
            currency: currency?,
        })
    }

    fn required_currency(&mut self, loc: Loc, c: Option<&Spanned<String>>) -> Option<String> {
        match c {
            Some(c) => self.currency(c),
            None => {
                self.fail(Code::MissingKey, loc, "missing required key `currency`");
                None
            }
        }
    }

    fn currency(&mut self, c: &Spanned<String>) -> Option<String> {
        if currency_exponent(&c.value).is_some() {
            return Some(c.value.clone());
        }
        let upper = c.value.to_uppercase();
        let help = if currency_exponent(&upper).is_some() {
            format!("currency codes are upper case: did you mean `{upper}`?")
        } else {
            "use an ISO 4217 code such as EUR, USD or GBP".into()
        };
        self.ok = false;
        self.out.push(
            Diagnostic::error(
                Code::InvalidCurrency,
                c.loc,
                format!("`{}` is not an ISO 4217 currency", c.value),
            )
            .with_help(help),
        );
        None
    }

    fn same_currency(&mut self, loc: Loc, codes: &[Option<&str>]) {
        let codes: Vec<&str> = codes.iter().flatten().copied().collect();
        if codes.windows(2).any(|w| w[0] != w[1]) {
            self.fail(
                Code::InvalidPrice,
                loc,
                format!("one price mixes currencies: {}", codes.join(", ")),
            );
        }
    }
}

fn money_cur(m: &Option<Money>) -> Option<&str> {
    m.as_ref().map(|m| m.currency.as_str())
}
