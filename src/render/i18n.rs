//! The theme's translation table (`i18n.json`): the fixed words of the portal and the number,
//! money and date conventions of each language, chosen by the site's `language` (`en-US`
//! falls back to `en`; a word missing in one language falls back to English).

use serde::Deserialize;
use std::collections::BTreeMap;

/// How numbers, money and dates are written in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    pub decimal: String,
    pub group: String,
    /// `{symbol}{amount}`: used when the currency has a symbol in `symbols`.
    pub money_symbol: String,
    /// `{code} {amount}`: every other currency.
    pub money_code: String,
    pub symbols: BTreeMap<String, String>,
    /// `{n}%`.
    pub percent: String,
    /// Monday first.
    pub days: [String; 7],
    pub months: [String; 12],
    /// `{weekday} {day} {month} {year}`.
    pub date: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Language {
    format: Option<Locale>,
    #[serde(flatten)]
    words: BTreeMap<String, String>,
}

/// The chosen language's words and conventions.
#[derive(Debug, Clone)]
pub struct I18n {
    pub words: BTreeMap<String, String>,
    pub locale: Locale,
}

impl I18n {
    /// Reads a translation table and picks `language` from it.
    pub fn load(json: &str, language: &str) -> Result<I18n, String> {
        let table: BTreeMap<String, Language> = serde_json::from_str(json)
            .map_err(|e| format!("line {}:{}: {e}", e.line(), e.column()))?;
        let wanted = language.to_ascii_lowercase();
        let primary = wanted.split('-').next().unwrap_or_default().to_string();
        let key = [wanted, primary, "en".to_string()]
            .into_iter()
            .find(|k| table.contains_key(k))
            .or_else(|| table.keys().next().cloned())
            .ok_or("the table has no language")?;
        let english = table.get("en");
        let chosen = &table[&key];
        let mut words = english.map(|e| e.words.clone()).unwrap_or_default();
        words.extend(chosen.words.clone());
        let locale = chosen
            .format
            .clone()
            .or_else(|| english.and_then(|e| e.format.clone()))
            .ok_or_else(|| format!("language `{key}` has no `format`"))?;
        Ok(I18n { words, locale })
    }

    /// A fixed word; the key itself when the table lacks it.
    pub fn word(&self, key: &str) -> String {
        self.words
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// A word with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.word(key), args)
    }
}

/// Replaces each `{name}` of `template` with its value (one pass: values are not rescanned).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let value = after.find('}').and_then(|end| {
            let name = &after[..end];
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (end, *v))
        });
        match value {
            Some((end, v)) => {
                out.push_str(v);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_language_has_every_word_the_templates_use() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let json = std::fs::read_to_string(root.join("i18n.json")).unwrap();
        let table: BTreeMap<String, Language> = serde_json::from_str(&json).unwrap();
        let keys = |l: &str| table[l].words.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys("en"), keys("it"));
        for entry in walkdir::WalkDir::new(root.join("templates")) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (i, _) in text.match_indices("t.") {
                let before = text[..i].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let key: String = text[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(
                    table["en"].words.contains_key(&key),
                    "{}: t.{key}",
                    entry.path().display()
                );
            }
        }
    }

    #[test]
    fn fills_once() {
        assert_eq!(
            fill("{a} and {b}", &[("a", "{b}"), ("b", "2")]),
            "{b} and 2"
        );
        assert_eq!(fill("{x}", &[]), "{x}");
    }
}
