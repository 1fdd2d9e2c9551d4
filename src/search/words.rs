//! Words as the index and the browser see them (the theme's `search.js` does the same, step by
//! step): text split into runs of letters and digits, of any length (so Italian `l'utente` gives
//! `l` and `utente`, "Tier 2" gives `tier` and `2`), and, where runs are joined by one of
//! `/ , . : -` next to a digit, the whole too (`24/7`, `4,50`, `08:30`); lower-cased; folded
//! (accents dropped, `ß` → `ss`, `æ` → `ae`) but for the letters the language keeps apart
//! (Spanish `ñ`, the Nordic `å ä ö æ ø`); then reduced to their stem by the Snowball stemmer of
//! the page's language (words with a digit are kept whole).

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Longer words are not indexed (identifiers, hashes, URLs run together).
const MAX_CHARS: usize = 40;

/// What accented lower-case letters fold to: pairs of the letter and its folding, separated by
/// spaces. `search.js` holds the same string (a test checks it).
pub(crate) const FOLD: &str = "ßss àa áa âa ãa äa åa æae çc èe ée êe ëe ìi íi îi ïi ðd ñn òo óo ôo õo öo øo ùu úu ûu üu ýy þth ÿy āa ăa ąa ćc ĉc ċc čc ďd đd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ħh ĩi īi ĭi įi ıi ĵj ķk ĸk ĺl ļl ľl ŀl łl ńn ņn ňn ŋn ōo ŏo őo œoe ŕr ŗr řr śs ŝs şs šs ţt ťt ŧt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ơo ưu ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǣae ǧg ǩk ǫo ǭo ǯʒ ǰj ǵg ǹn ǻa ǽae ǿo ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ʹʹ ΐι άα έε ήη ίι ΰυ ϊι ϋυ όο ύυ ώω ϓϒ ϔϒ ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ẛſ ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy";

/// The characters that join two runs into one word when a digit stands next to them.
const JOINERS: [char; 5] = ['/', ',', '.', ':', '-'];

/// The words of `text` as written, in order: each run of letters and digits, and after a
/// chain of runs joined by [`JOINERS`] next to digits, the chain as a whole.
pub(crate) fn raw_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    each_raw_word(text, |w, _| out.push(w));
    out
}

/// Gives `word` each word of `text` as [`raw_words`] lists them, in one pass, and whether it is
/// [folded](is_folded) already (the pass sees every byte: the word need not be read again).
pub(crate) fn each_raw_word<'t>(text: &'t str, mut word: impl FnMut(&'t str, bool)) {
    // The current chain: where it starts, where its last run ends, how many runs it has, and
    // whether they are all folded.
    let mut chain: Option<Chain> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // To the next letter or digit.
        let (alphanumeric, width) = class(text, i);
        if !alphanumeric {
            i += width;
            continue;
        }
        // To the end of its run: ASCII letters and digits byte by byte.
        let start = i;
        let mut folded = KIND[usize::from(bytes[i])] == LOWER;
        i += width;
        while i < bytes.len() {
            match KIND[usize::from(bytes[i])] {
                LOWER => {
                    i += 1;
                    continue;
                }
                UPPER => {
                    folded = false;
                    i += 1;
                    continue;
                }
                OTHER => break,
                _ => {}
            }
            let (alphanumeric, width) = class(text, i);
            if !alphanumeric {
                break;
            }
            folded = false;
            i += width;
        }
        chain = run(text, (start, i, folded), chain, &mut word);
    }
    flush(text, chain, &mut word);
}

/// Byte kinds: not a letter or digit; an ASCII lower-case letter or digit; an ASCII capital; a
/// byte of a character beyond ASCII.
const OTHER: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const BEYOND: u8 = 3;

/// Each byte's kind.
const KIND: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 128 {
            BEYOND
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            LOWER
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// Whether the character at byte `i` is a letter or digit, and its width in bytes.
#[inline(always)]
fn class(text: &str, i: usize) -> (bool, usize) {
    match KIND[usize::from(text.as_bytes()[i])] {
        OTHER => (false, 1),
        LOWER | UPPER => (true, 1),
        _ => {
            let c = text[i..].chars().next().expect("a character starts here");
            (c.is_alphanumeric(), c.len_utf8())
        }
    }
}

/// A chain of runs: where it starts, where its last run ends, how many runs it has, and whether
/// they are all folded.
type Chain = (usize, usize, usize, bool);

/// A run of letters and digits from `s` to `e`, folded or not: the word, and the chain it
/// continues or starts.
#[inline]
fn run<'t>(
    text: &'t str,
    (s, e, folded): (usize, usize, bool),
    chain: Option<Chain>,
    word: &mut impl FnMut(&'t str, bool),
) -> Option<Chain> {
    let chain = match chain {
        Some((cs, pe, n, f)) if joins(text, pe, s) => Some((cs, e, n + 1, f && folded)),
        _ => {
            flush(text, chain, word);
            Some((s, e, 1, folded))
        }
    };
    if fits(&text[s..e]) {
        word(&text[s..e], folded);
    }
    chain
}

/// Whether the runs ending at `pe` and starting at `s` are one word: one joiner between them,
/// and a digit next to it.
#[inline]
fn joins(text: &str, pe: usize, s: usize) -> bool {
    let between = &text.as_bytes()[pe..s];
    between.len() == 1
        && JOINERS.contains(&char::from(between[0]))
        && (text[..pe].chars().next_back().is_some_and(char::is_numeric)
            || text[s..].chars().next().is_some_and(char::is_numeric))
}

/// A chain of more than one run, as a word (its joiners are folded).
#[inline]
fn flush<'t>(text: &'t str, chain: Option<Chain>, word: &mut impl FnMut(&'t str, bool)) {
    if let Some((s, e, n, folded)) = chain
        && n > 1
        && fits(&text[s..e])
    {
        word(&text[s..e], folded);
    }
}

fn fits(word: &str) -> bool {
    // A character takes at least a byte: only a longer word needs counting.
    word.len() <= MAX_CHARS || word.chars().count() <= MAX_CHARS
}

/// Whether a word is lower-case and folded already: what [`each_raw_word`] tells of each word
/// (this reads it again, for the tests).
#[cfg(test)]
pub(crate) fn is_folded(word: &str) -> bool {
    word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase())
}

/// The folding of each letter, sorted for lookup.
fn fold_table() -> &'static [(char, &'static str)] {
    static TABLE: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(char, &str)> = FOLD
            .split(' ')
            .filter_map(|pair| {
                let c = pair.chars().next()?;
                Some((c, &pair[c.len_utf8()..]))
            })
            .collect();
        t.sort_unstable_by_key(|e| e.0);
        t
    })
}

/// The letters a language keeps apart from their unaccented base, by its BCP 47 tag.
pub(crate) fn kept_letters(tag: &str) -> &'static str {
    match primary(tag).as_str() {
        "es" => "ñ",
        "sv" | "fi" | "et" => "åäö",
        "da" | "no" | "nb" | "nn" => "æøå",
        "tr" => "çğıöşü",
        _ => "",
    }
}

/// `word` lower-cased and folded into `buf`, but for the letters in `keep`.
pub(crate) fn fold_into(word: &str, keep: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
        return;
    }
    let table = fold_table();
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() || keep.contains(c) {
            buf.push(c);
            continue;
        }
        match table.binary_search_by_key(&c, |e| e.0) {
            Ok(i) => buf.push_str(table[i].1),
            Err(_) => buf.push(c),
        }
    }
}

/// The words of `text`, folded, in order.
#[cfg(test)]
pub(crate) fn words<'a>(text: &'a str, keep: &str) -> Vec<Cow<'a, str>> {
    let mut out = Vec::new();
    each_raw_word(text, |w, folded| {
        out.push(if folded {
            Cow::Borrowed(w)
        } else {
            let mut buf = String::new();
            fold_into(w, keep, &mut buf);
            Cow::Owned(buf)
        })
    });
    out
}

fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
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
        let (algorithm, name) = match primary(tag).as_str() {
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

    /// The stem of a folded word; a word with a digit (`p1`, `24/7`) is its own stem.
    pub(crate) fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        match &self.stemmer {
            Some(s) if !word.chars().any(|c| c.is_numeric()) => s.stem(word),
            _ => Cow::Borrowed(word),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_any_length_numbers_joined_and_stems_by_language() {
        let w = words("L'utente: fatture e Fattura, x 365", "");
        assert_eq!(w, ["l", "utente", "fatture", "e", "fattura", "x", "365"]);
        let w = words(
            "Tier 2, 24/7 a 4,50 €. Orari 08:30-18:00; e-mail, fine.",
            "",
        );
        assert_eq!(
            w,
            [
                "tier",
                "2",
                "24",
                "7",
                "24/7",
                "a",
                "4",
                "50",
                "4,50",
                "orari",
                "08",
                "30",
                "18",
                "00",
                "08:30-18:00",
                "e",
                "mail",
                "fine"
            ]
        );
        let it = Stems::for_language("it-IT");
        assert_eq!(it.stem("fatture"), it.stem("fattura"));
        assert_eq!(Stems::for_language("en").stem("invoices"), "invoic");
        assert_eq!(Stems::for_language("en").stem("p1"), "p1");
        assert_eq!(Stems::for_language("xx").stem("invoices"), "invoices");
    }

    #[test]
    fn accents_fold_by_the_language() {
        assert_eq!(
            words("Disponibilità PIÙ Straße Übergröße", ""),
            ["disponibilita", "piu", "strasse", "ubergrosse"]
        );
        assert_eq!(
            words("Contraseña único", kept_letters("es")),
            ["contraseña", "unico"]
        );
        assert_eq!(words("Contraseña", kept_letters("en")), ["contrasena"]);
        assert_eq!(words("Ærø Œuvre", ""), ["aero", "oeuvre"]);
    }

    #[test]
    fn runs_end_at_any_character_that_is_not_a_letter_or_digit_and_long_ones_are_dropped() {
        assert_eq!(
            raw_words("prezzo—€4 «città»\u{a0}perché…fine"),
            ["prezzo", "4", "città", "perché", "fine"]
        );
        let ascii = "a".repeat(MAX_CHARS);
        let accented = "à".repeat(MAX_CHARS);
        let text = format!("{ascii} {ascii}b {accented} {accented}à z");
        assert_eq!(raw_words(&text), [ascii.as_str(), accented.as_str(), "z"]);
    }

    #[test]
    fn each_word_is_said_to_be_folded_exactly_when_it_is() {
        let text = "tier 2 Tier TIER 24/7 24/7B 4,50 08:30 l'utente città Città perché \
                    STRASSE Straße 2-B b-2 x.1 ǅ Ⅻ 12ᵉ ÀB a1b2 abc-DEF 3.B4 ñ œuvre";
        let mut seen = Vec::new();
        each_raw_word(text, |w, folded| seen.push((w, folded)));
        assert!(seen.iter().any(|(_, f)| *f) && seen.iter().any(|(_, f)| !*f));
        for (w, folded) in seen {
            assert_eq!(folded, is_folded(w), "{w}");
        }
    }

    #[test]
    fn the_browser_folds_the_same_letters() {
        let js = include_str!("../../themes/default/assets/search.js");
        assert!(
            js.contains(&format!("\"{FOLD}\"")),
            "search.js must hold FOLD as it is here"
        );
    }
}
