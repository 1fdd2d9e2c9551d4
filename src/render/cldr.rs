//! How one language writes numbers, money, percentages, dates and weekday names, from CLDR's
//! data through ICU4X (compiled into the binary): `€4.50` in English, `4,50 €` in Italian and
//! German, `4,50 €` with a narrow no-break space in French; `24. Dezember 2026`.

use icu_calendar::{Date, Iso};
use icu_datetime::DateTimeFormatter;
use icu_datetime::NoCalendarFormatter;
use icu_datetime::fieldsets::zone::Location;
use icu_datetime::fieldsets::{E, M, YMDE};
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_experimental::displaynames::DisplayNamesOptions;
use icu_experimental::displaynames::multi::LanguageDisplayNames;
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale_core::Locale;
use icu_time::zone::IanaParser;
use rust_decimal::{Decimal, RoundingStrategy};
use writeable::Writeable;

/// The formats of one language.
pub(crate) struct Formats {
    locale: Locale,
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    date: DateTimeFormatter<YMDE>,
    zone: NoCalendarFormatter<Location>,
    and: ListFormatter,
    or: ListFormatter,
    languages: LanguageDisplayNames,
    /// Short weekday names, Monday first (`Mon`, `lun`, `Mo.`).
    pub days: [String; 7],
    /// Short month names (`Dec`, `dic`, `Dez.`).
    pub months: [String; 12],
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Formats({})", self.locale)
    }
}

/// A language's name in itself, by CLDR ("日本語", "Português"), first letter capitalised;
/// `None` when CLDR has no name for it.
pub(crate) fn autonym(tag: &str) -> Option<String> {
    use icu_experimental::displaynames::DisplayNamesOptions;
    use icu_experimental::displaynames::multi::LanguageDisplayNames;
    let locale: Locale = tag.parse().ok()?;
    let names =
        LanguageDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default()).ok()?;
    let name = names.of(locale.id.language)?;
    let mut chars = name.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// A language tag ICU4X cannot use.
#[derive(Debug)]
pub(crate) struct NoFormats(pub String);

impl Formats {
    /// The formats of `tag` (a BCP 47 tag); CLDR's root data serves a language it lacks.
    pub(crate) fn new(tag: &str) -> Result<Formats, NoFormats> {
        let fail = |e: &dyn std::fmt::Display| NoFormats(format!("`{tag}`: {e}"));
        let locale: Locale = tag.parse().map_err(|e| fail(&e))?;
        let decimal = DecimalFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| fail(&e))?;
        let percent = PercentFormatter::try_new((&locale).into(), Default::default())
            .map_err(|e| fail(&e))?;
        let date =
            DateTimeFormatter::try_new((&locale).into(), YMDE::long()).map_err(|e| fail(&e))?;
        let zone =
            NoCalendarFormatter::try_new((&locale).into(), Location).map_err(|e| fail(&e))?;
        let options = ListFormatterOptions::default().with_length(ListLength::Wide);
        let and = ListFormatter::try_new_and((&locale).into(), options).map_err(|e| fail(&e))?;
        let or = ListFormatter::try_new_or((&locale).into(), options).map_err(|e| fail(&e))?;
        let languages =
            LanguageDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default())
                .map_err(|e| fail(&e))?;
        let weekday =
            DateTimeFormatter::try_new((&locale).into(), E::short()).map_err(|e| fail(&e))?;
        // 2024-01-01 was a Monday.
        let days = std::array::from_fn(|i| {
            let d = Date::try_new_iso(2024, 1, 1 + i as u8).expect("a date of January");
            weekday.format(&d).write_to_string().into_owned()
        });
        let month =
            DateTimeFormatter::try_new((&locale).into(), M::medium()).map_err(|e| fail(&e))?;
        let months = std::array::from_fn(|i| {
            let d = Date::try_new_iso(2024, 1 + i as u8, 1).expect("a first of the month");
            month.format(&d).write_to_string().into_owned()
        });
        Ok(Formats {
            locale,
            decimal,
            percent,
            date,
            zone,
            and,
            or,
            languages,
            days,
            months,
        })
    }

    /// `1234.5` with `digits` decimals: `1,234.50`, `1.234,50`.
    pub(crate) fn number(&self, value: Decimal, digits: u32) -> String {
        self.decimal
            .format(&fixed(value, digits))
            .write_to_string()
            .into_owned()
    }

    /// An amount in a currency, with the currency's own number of decimals: `€4.50`, `4,50 €`,
    /// `1.000,00 $`. A currency CLDR does not know is written with its code.
    pub(crate) fn money(&self, amount: Decimal, code: &str, digits: u32) -> String {
        let value = fixed(amount, digits);
        let currency = code.to_ascii_lowercase().parse::<CurrencyType>();
        match currency.map(|c| {
            CurrencyFormatter::try_new_symbol((&self.locale).into(), c, Default::default())
        }) {
            Ok(Ok(f)) => f
                .format_fixed_decimal(&value)
                .write_to_string()
                .into_owned(),
            _ => format!(
                "{code}\u{a0}{}",
                self.decimal.format(&value).write_to_string()
            ),
        }
    }

    /// `10%`, `10 %`, `2,5 %`: as many decimals as written.
    pub(crate) fn percent(&self, p: Decimal) -> String {
        let p = p.normalize();
        self.percent
            .format(&fixed(p, p.scale()))
            .write_to_string()
            .into_owned()
    }

    /// `2026-12-24` → `Thursday, December 24, 2026`, `giovedì 24 dicembre 2026`.
    pub(crate) fn date(&self, iso: &str) -> String {
        let Ok(d) = iso.parse::<jiff::civil::Date>() else {
            return iso.to_string();
        };
        match Date::<Iso>::try_new_iso(i32::from(d.year()), d.month() as u8, d.day() as u8) {
            Ok(date) => self.date.format(&date).write_to_string().into_owned(),
            Err(_) => iso.to_string(),
        }
    }
}

impl Formats {
    /// A time zone as people say it: `Europe/Rome` → `Italy Time`, `Ora Italia`,
    /// `Ortszeit Italien`, `Italie, heure locale`; UTC stays `UTC`.
    pub(crate) fn zone(&self, iana: &str) -> String {
        if matches!(iana, "UTC" | "Etc/UTC" | "Etc/GMT" | "GMT") {
            return "UTC".to_string();
        }
        let tz = IanaParser::new().parse(iana);
        let name = self
            .zone
            .format(&tz.without_offset())
            .write_to_string()
            .into_owned();
        // The portal writes a zone in parentheses ("opens 08:30 (Italy Time)"): CLDR's German
        // "Italien (Ortszeit)" and French "heure : Italie" would read "(Italien (Ortszeit))" and
        // "(heure : Italie)" there.
        match self.locale.id.language.as_str() {
            "de" => match name.strip_suffix(" (Ortszeit)") {
                Some(place) => format!("Ortszeit {place}"),
                None => name,
            },
            "fr" => match name.strip_prefix("heure : ") {
                Some(place) => format!("{place}, heure locale"),
                None => name,
            },
            _ => name,
        }
    }

    /// `Premium and Enterprise`, `Premium e Enterprise`; `A, B, and C` as the language joins.
    pub(crate) fn and_list(&self, items: &[String]) -> String {
        self.and.format(items.iter()).write_to_string().into_owned()
    }

    /// A language named in this language, as CLDR names it: `it` → `Italian`, `italiano`,
    /// `Italienisch`, `italien`; a tag CLDR does not name stays as written.
    pub(crate) fn language(&self, tag: &str) -> String {
        let language = tag
            .parse::<Locale>()
            .ok()
            .map(|l| l.id.language)
            .and_then(|l| self.languages.of(l));
        language.map_or_else(|| tag.to_string(), str::to_string)
    }

    /// `A or B`, `A o B`, `A oder B`.
    pub(crate) fn or_list(&self, items: &[String]) -> String {
        self.or.format(items.iter()).write_to_string().into_owned()
    }
}

/// A decimal rounded to `digits` places, as ICU4X's decimal.
fn fixed(value: Decimal, digits: u32) -> fixed_decimal::Decimal {
    let mut v = value.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(digits);
    v.to_string()
        .parse()
        .expect("a decimal's text is a decimal")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_dates_and_weekdays_by_language() {
        let en = Formats::new("en").unwrap();
        let it = Formats::new("it").unwrap();
        let de = Formats::new("de").unwrap();
        let fr = Formats::new("fr").unwrap();
        assert_eq!(en.money(d("4.5"), "EUR", 2), "€4.50");
        assert_eq!(it.money(d("4.5"), "EUR", 2), "4,50\u{a0}€");
        assert_eq!(de.money(d("1000"), "EUR", 2), "1.000,00\u{a0}€");
        assert_eq!(fr.money(d("4.5"), "EUR", 2), "4,50\u{a0}€");
        assert_eq!(de.date("2026-12-24"), "Donnerstag, 24. Dezember 2026");
        assert_eq!(it.date("2026-12-24"), "giovedì 24 dicembre 2026");
        assert_eq!(en.days[0], "Mon");
        assert_eq!(it.percent(d("2.5")), "2,5%");
        assert_eq!(fr.number(d("1234567.5"), 1), "1\u{202f}234\u{202f}567,5");
        assert_eq!(en.zone("Europe/Rome"), "Italy Time");
        assert_eq!(it.zone("Europe/Rome"), "Ora Italia");
        assert_eq!(en.zone("UTC"), "UTC");
        let plans = ["Premium".to_string(), "Enterprise".to_string()];
        assert_eq!(en.and_list(&plans), "Premium and Enterprise");
        assert_eq!(it.and_list(&plans), "Premium e Enterprise");
        assert_eq!(de.or_list(&plans), "Premium oder Enterprise");
        // Zone names go inside parentheses: none of their own, no colon.
        assert_eq!(de.zone("Europe/Rome"), "Ortszeit Italien");
        assert_eq!(fr.zone("Europe/Berlin"), "Allemagne, heure locale");
        assert_eq!(
            Formats::new("es").unwrap().zone("Europe/Rome"),
            "hora de Italia"
        );
        assert_eq!(en.language("it"), "Italian");
        assert_eq!(it.language("en"), "inglese");
        assert_eq!(de.language("it"), "Italienisch");
        assert_eq!(fr.language("it"), "italien");
        assert_eq!(Formats::new("es").unwrap().language("de"), "alemán");
    }
}
