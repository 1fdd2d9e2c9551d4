//! Words as the index and the browser see them: text split into words at every character that
//! is not a letter or a digit (so Italian `l'utente` gives `l` and `utente`), lower-cased, and
//! reduced to their stem by the Snowball stemmer of the page's language.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;

/// Words shorter than this (in characters) are not indexed.
const MIN_CHARS: usize = 2;
/// Nor are longer ones (identifiers, hashes, URLs run together).
const MAX_CHARS: usize = 40;

/// The words of `text` as written, in order.
pub(crate) fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| {
        let n = if w.is_ascii() {
            w.len()
        } else {
            w.chars().count()
        };
        (MIN_CHARS..=MAX_CHARS).contains(&n)
    })
}

/// Whether a word is lower-case already.
pub(crate) fn is_lower(word: &str) -> bool {
    word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase())
}

/// `word` lower-cased into `buf`.
pub(crate) fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&word.to_lowercase());
    }
}

/// The words of `text`, lower-cased, in order.
#[cfg(test)]
pub(crate) fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    raw_words(text).map(|w| {
        if is_lower(w) {
            Cow::Borrowed(w)
        } else {
            let mut buf = String::new();
            lower_into(w, &mut buf);
            Cow::Owned(buf)
        }
    })
}

/// The stemmer of a language, by its BCP 47 tag (`it`, `en-US`); a language without a Snowball
/// stemmer keeps its words whole.
pub(crate) struct Stems {
    stemmer: Option<Stemmer>,
    /// The Snowball algorithm's name (`italian`), or `none`.
    pub name: &'static str,
}

impl Stems {
    pub(crate) fn for_language(tag: &str) -> Stems {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let (algorithm, name) = match primary.as_str() {
            "ar" => (Algorithm::Arabic, "arabic"),
            "da" => (Algorithm::Danish, "danish"),
            "nl" => (Algorithm::Dutch, "dutch"),
            "en" => (Algorithm::English, "english"),
            "fi" => (Algorithm::Finnish, "finnish"),
            "fr" => (Algorithm::French, "french"),
            "de" => (Algorithm::German, "german"),
            "el" => (Algorithm::Greek, "greek"),
            "hu" => (Algorithm::Hungarian, "hungarian"),
            "it" => (Algorithm::Italian, "italian"),
            "no" | "nb" | "nn" => (Algorithm::Norwegian, "norwegian"),
            "pt" => (Algorithm::Portuguese, "portuguese"),
            "ro" => (Algorithm::Romanian, "romanian"),
            "ru" => (Algorithm::Russian, "russian"),
            "es" => (Algorithm::Spanish, "spanish"),
            "sv" => (Algorithm::Swedish, "swedish"),
            "ta" => (Algorithm::Tamil, "tamil"),
            "tr" => (Algorithm::Turkish, "turkish"),
            _ => {
                return Stems {
                    stemmer: None,
                    name: "none",
                };
            }
        };
        Stems {
            stemmer: Some(Stemmer::create(algorithm)),
            name,
        }
    }

    /// The stem of a lower-cased word.
    pub(crate) fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match &self.stemmer {
            Some(s) => s.stem(word),
            None => Cow::Borrowed(word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_apostrophes_and_stem_by_language() {
        let w: Vec<Cow<str>> = words("L'utente: fatture e Fattura, x 365").collect();
        assert_eq!(w, ["utente", "fatture", "fattura", "365"]);
        let it = Stems::for_language("it-IT");
        assert_eq!(it.stem("fatture"), it.stem("fattura"));
        assert_eq!(Stems::for_language("en").stem("invoices"), "invoic");
        assert_eq!(Stems::for_language("xx").stem("invoices"), "invoices");
    }
}
