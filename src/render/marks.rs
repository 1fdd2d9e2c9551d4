//! Catalogue texts an edition shows in the catalogue's own language (its translation lacks
//! them, spec section 7) are marked with that language (`lang="de"`), on the smallest element
//! around them, so that screen readers, hyphenation and translation tools read them right.
//!
//! One rule decides it, here and in the theme's script (`markFallback` in site.js, for what the
//! script writes from the JSON data, which carries the same list): a text of the list found in
//! the page's own language, as a whole word sequence (no letter or digit either side), the
//! longest first, is wrapped in `<span lang>`. An `<option>` cannot hold a span: it takes the
//! attribute itself when every letter of it is such a text. Text already marked with another
//! language, scripts, styles and the head's title are left alone. A text that is also the
//! translation of another text is ambiguous and not marked: the page says less rather than
//! mark a word of its own language as foreign.

use crate::translation::Untranslated;
use std::collections::{BTreeSet, HashMap};

/// The texts an edition shows untranslated, and their language.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Marks {
    /// The catalogue's language; empty when nothing is marked (the default edition).
    lang: String,
    /// Every text shown untranslated, as written (Markdown fields too).
    whole: BTreeSet<String>,
    /// The one-line texts, matched in the rendered page, in order.
    texts: BTreeSet<String>,
    /// The same by their first word (see `first_word`), the longest first.
    by_first: HashMap<String, Vec<String>>,
}

impl Marks {
    /// Nothing to mark: the default language's edition.
    pub(crate) fn none() -> Marks {
        Marks::default()
    }

    /// The marks of an edition whose translation left `untranslated`, shown in `lang`. A text
    /// found in one of the edition's `interface` words ("Support" in "Support provided by …")
    /// is not marked: it could not be told from the page's own words.
    pub(crate) fn new(lang: &str, untranslated: &Untranslated, interface: &[String]) -> Marks {
        let all = Marks::listed(lang, untranslated);
        let mut common = BTreeSet::new();
        for word in interface {
            let chars: Vec<char> = word.chars().collect();
            for (a, b) in all.find(&chars) {
                common.insert(chars[a..b].iter().collect::<String>());
            }
        }
        if common.is_empty() {
            return all;
        }
        let mut rest = untranslated.clone();
        rest.translated.extend(common);
        Marks::listed(lang, &rest)
    }

    fn listed(lang: &str, untranslated: &Untranslated) -> Marks {
        let whole: BTreeSet<String> = untranslated
            .shown
            .iter()
            .filter(|t| !untranslated.translated.contains(*t) && is_words(t))
            .cloned()
            .collect();
        let texts: BTreeSet<String> = whole
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.contains('\n') && !untranslated.translated.contains(t))
            .collect();
        let mut by_first: HashMap<String, Vec<String>> = HashMap::new();
        for t in &texts {
            let chars: Vec<char> = t.chars().collect();
            by_first
                .entry(first_word(&chars).iter().collect())
                .or_default()
                .push(t.clone());
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        }
        Marks {
            lang: lang.to_string(),
            whole,
            texts,
            by_first,
        }
    }

    /// The language of a whole catalogue text (a Markdown field, marked as a block) when the
    /// edition shows it untranslated.
    pub(crate) fn lang_of(&self, text: &str) -> Option<&str> {
        self.whole.contains(text).then_some(self.lang.as_str())
    }

    /// The list for the theme's script: `{"lang": "de", "texts": [...]}`, `None` when the
    /// edition shows every text in its own language.
    pub(crate) fn json(&self) -> Option<serde_json::Value> {
        (!self.texts.is_empty())
            .then(|| serde_json::json!({"lang": self.lang, "texts": self.texts}))
    }

    /// `html`, a page in language `page_lang`, with every untranslated text marked.
    pub(crate) fn mark(&self, html: String, page_lang: &str) -> String {
        if self.texts.is_empty() {
            return html;
        }
        let mut out = String::with_capacity(html.len() + html.len() / 16);
        // The language of each open element.
        let mut stack: Vec<(String, String)> = Vec::new();
        let mut rest = html.as_str();
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                self.text(rest, &stack, page_lang, &mut out);
                break;
            };
            self.text(&rest[..lt], &stack, page_lang, &mut out);
            rest = &rest[lt..];
            if rest.starts_with("<!--") {
                let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            let Some(gt) = tag_end(rest) else {
                out.push_str(rest);
                break;
            };
            let tag = &rest[..=gt];
            rest = &rest[gt + 1..];
            if let Some(name) = tag.strip_prefix("</") {
                let name = tag_name(name);
                if let Some(at) = stack.iter().rposition(|(n, _)| *n == name) {
                    stack.truncate(at);
                }
                out.push_str(tag);
                continue;
            }
            if tag.starts_with("<!") || tag.starts_with("<?") {
                out.push_str(tag);
                continue;
            }
            let name = tag_name(&tag[1..]);
            if RAW.contains(&name.as_str()) {
                // Scripts, styles, the title: their text is not the page's prose.
                let close = format!("</{name}");
                let end = find_ascii_ci(rest, &close).unwrap_or(rest.len());
                out.push_str(tag);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            let inherited = stack.last().map_or("", |(_, l)| l.as_str()).to_string();
            let lang = attribute(tag, "lang").unwrap_or(inherited);
            if name == "option" {
                let end = find_ascii_ci(rest, "</option").unwrap_or(rest.len());
                let inner = &rest[..end];
                if lang == page_lang && self.all_marked(&decode(inner).0) {
                    let at = tag.len() - 1;
                    out.push_str(&tag[..at]);
                    out.push_str(&format!(" lang=\"{}\"", self.lang));
                    out.push_str(&tag[at..]);
                } else {
                    out.push_str(tag);
                }
                out.push_str(inner);
                rest = &rest[end..];
                continue;
            }
            out.push_str(tag);
            if !VOID.contains(&name.as_str()) && !tag.ends_with("/>") {
                stack.push((name, lang));
            }
        }
        out
    }

    /// A run of text between tags, with its marks.
    fn text(&self, raw: &str, stack: &[(String, String)], page_lang: &str, out: &mut String) {
        let here = stack.last().map_or("", |(_, l)| l.as_str());
        if raw.is_empty() || here != page_lang {
            out.push_str(raw);
            return;
        }
        let (chars, offsets) = decode(raw);
        let found = self.find(&chars);
        if found.is_empty() {
            out.push_str(raw);
            return;
        }
        let mut from = 0;
        for (start, end) in found {
            let (a, b) = (offsets[start], offsets[end]);
            out.push_str(&raw[from..a]);
            out.push_str(&format!("<span lang=\"{}\">", self.lang));
            out.push_str(&raw[a..b]);
            out.push_str("</span>");
            from = b;
        }
        out.push_str(&raw[from..]);
    }

    /// Where the texts are in `chars`: (start, end) character positions, in order.
    fn find(&self, chars: &[char]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let starts_word = i == 0 || !chars[i - 1].is_alphanumeric();
            let hit = starts_word
                .then(|| {
                    let word: String = first_word(&chars[i..]).iter().collect();
                    self.by_first.get(&word)
                })
                .flatten()
                .and_then(|list| {
                    list.iter().find_map(|t| {
                        let n = t.chars().count();
                        let end = i + n;
                        (end <= chars.len()
                            && t.chars().zip(&chars[i..end]).all(|(a, b)| a == *b)
                            && chars.get(end).is_none_or(|c| !c.is_alphanumeric()))
                        .then_some(end)
                    })
                });
            match hit {
                Some(end) => {
                    found.push((i, end));
                    i = end;
                }
                None => i += 1,
            }
        }
        found
    }

    /// Every letter of `chars` is in one of the texts.
    fn all_marked(&self, chars: &[char]) -> bool {
        let found = self.find(chars);
        let mut covered = vec![false; chars.len()];
        for (a, b) in &found {
            covered[*a..*b].iter_mut().for_each(|c| *c = true);
        }
        !found.is_empty()
            && chars
                .iter()
                .zip(&covered)
                .all(|(c, covered)| *covered || !c.is_alphanumeric())
    }
}

/// Whether a text is words of a language: two letters in a row. A code such as a severity's
/// label `A` or `P1` is in no language, and a one-letter text would be found in every sentence.
fn is_words(text: &str) -> bool {
    text.chars()
        .zip(text.chars().skip(1))
        .any(|(a, b)| a.is_alphabetic() && b.is_alphabetic())
}

/// What texts are looked up by: the letters and digits a text starts with, or its first
/// character when it starts with neither. Every text found at a place starts with the word
/// there, so only the texts of that word are tried.
fn first_word(chars: &[char]) -> &[char] {
    let n = chars
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .count()
        .max(1)
        .min(chars.len());
    &chars[..n]
}

/// Elements whose content is not marked.
const RAW: [&str; 4] = ["script", "style", "title", "textarea"];
/// Elements with no end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// The end of the tag `s` starts with (the index of its `>`), quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// A tag's name, lower case, from just after its `<` or `</`.
fn tag_name(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The value of attribute `name` of a start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let at = from + at;
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let after = lower[from..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let start = tag.len() - value.len();
        let value = &tag[start..];
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

/// `s` case-insensitively (ASCII) in `hay`.
fn find_ascii_ci(hay: &str, s: &str) -> Option<usize> {
    let s = s.as_bytes();
    hay.as_bytes()
        .windows(s.len())
        .position(|w| w.eq_ignore_ascii_case(s))
}

/// HTML text as characters, with the byte offset in `raw` where each starts (and one past
/// the end): character references decoded, so that `d&#x27;assistance` is `d'assistance`.
fn decode(raw: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::with_capacity(raw.len());
    let mut offsets = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let entity = rest
            .starts_with('&')
            .then(|| rest.find(';').filter(|e| *e <= 10))
            .flatten()
            .and_then(|e| Some((reference(&rest[1..e])?, e + 1)));
        let (c, len) = match entity {
            Some(found) => found,
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        chars.push(c);
        offsets.push(i);
        i += len;
    }
    offsets.push(raw.len());
    (chars, offsets)
}

/// The character a reference names (`amp`, `#39`, `#x27`).
fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(shown: &[&str], translated: &[&str]) -> Marks {
        let u = Untranslated {
            shown: shown.iter().map(|s| s.to_string()).collect(),
            translated: translated.iter().map(|s| s.to_string()).collect(),
        };
        Marks::new("de", &u, &["Support provided by {name}".to_string()])
    }

    #[test]
    fn a_text_is_marked_where_the_page_is_in_its_own_language() {
        let m = marks(
            &["Rund-um-die-Uhr", "Rund-um-die-Uhr-Hotline", "Premium"],
            &["Premium"],
        );
        let html = r#"<html lang="fr"><head><title>Rund-um-die-Uhr-Hotline</title></head><body><h2>Rund-um-die-Uhr-Hotline</h2><p>Fermé : Rund-um-die-Uhr, plan Premium</p><a lang="de">Rund-um-die-Uhr</a><p>XRund-um-die-Uhr</p><select><option value="a">Rund-um-die-Uhr</option><option>Premium</option></select></body></html>"#;
        let out = m.mark(html.to_string(), "fr");
        assert_eq!(
            out,
            r#"<html lang="fr"><head><title>Rund-um-die-Uhr-Hotline</title></head><body><h2><span lang="de">Rund-um-die-Uhr-Hotline</span></h2><p>Fermé : <span lang="de">Rund-um-die-Uhr</span>, plan Premium</p><a lang="de">Rund-um-die-Uhr</a><p>XRund-um-die-Uhr</p><select><option value="a" lang="de">Rund-um-die-Uhr</option><option>Premium</option></select></body></html>"#
        );
    }

    #[test]
    fn references_are_read_as_their_characters() {
        let m = marks(&["Service d'assistance & co"], &[]);
        let out = m.mark(
            "<html lang=\"es\"><p>(Service d&#x27;assistance &amp; co)</p></html>".into(),
            "es",
        );
        assert_eq!(
            out,
            "<html lang=\"es\"><p>(<span lang=\"de\">Service d&#x27;assistance &amp; co</span>)</p></html>"
        );
    }

    #[test]
    fn the_default_edition_marks_nothing() {
        let html = "<html lang=\"de\"><p>Rund-um-die-Uhr</p></html>".to_string();
        assert_eq!(Marks::none().mark(html.clone(), "de"), html);
        assert!(Marks::none().json().is_none());
    }

    #[test]
    fn texts_are_found_by_their_first_word_as_whole_words() {
        let m = marks(&["Micro", "Microsoft Azure", "(beta) Mail", "Azure"], &[]);
        let out = m.mark(
            "<html lang=\"en\"><p>Microsoft Azure, Micro, Microscope, (beta) Mail, Azure</p></html>"
                .into(),
            "en",
        );
        assert_eq!(
            out,
            "<html lang=\"en\"><p><span lang=\"de\">Microsoft Azure</span>, <span lang=\"de\">Micro</span>, Microscope, <span lang=\"de\">(beta) Mail</span>, <span lang=\"de\">Azure</span></p></html>"
        );
    }

    #[test]
    fn a_text_that_is_also_an_interface_word_is_not_marked() {
        let m = marks(&["Support", "Supporto Premium"], &[]);
        let out = m.mark(
            "<html lang=\"en\"><p>Support provided by Supporto Premium</p></html>".into(),
            "en",
        );
        assert_eq!(
            out,
            "<html lang=\"en\"><p>Support provided by <span lang=\"de\">Supporto Premium</span></p></html>"
        );
    }

    #[test]
    fn codes_are_in_no_language() {
        let m = marks(&["A", "P1", "B2B"], &[]);
        let html = "<html lang=\"en\"><p>A case, P1</p></html>".to_string();
        assert_eq!(m.mark(html.clone(), "en"), html);
        assert!(m.json().is_none());
    }
}
