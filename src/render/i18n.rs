//! The theme's translation table (`i18n.json`): the fixed words of the portal and the number,
//! money and date conventions of each language, chosen by the site's `language` (`en-US`
//! falls back to `en`; a word missing in one language falls back to English).

use super::cldr::Formats;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Deserialize)]
struct Language {
    /// Number and date conventions of themes before 1.1: ignored (CLDR's are used).
    #[allow(dead_code)]
    format: Option<serde_json::Value>,
    #[serde(flatten)]
    words: BTreeMap<String, String>,
}

/// Why a translation table did not load.
#[derive(Debug, Clone)]
pub(crate) struct I18nError {
    /// Line and column in the table, when the problem has one.
    pub at: Option<(u32, u32)>,
    pub message: String,
}

impl I18nError {
    fn new(message: impl Into<String>) -> Self {
        I18nError {
            at: None,
            message: message.into(),
        }
    }
}

/// The chosen language's words and conventions.
#[derive(Debug, Clone)]
pub(crate) struct I18n {
    pub words: BTreeMap<String, String>,
    /// Numbers, money and dates by CLDR, for the site's tag (`en-GB` writes British dates):
    /// shared by the copies of a table the preview keeps.
    pub formats: Arc<Formats>,
}

impl I18n {
    /// Reads a translation table and picks `language` from it.
    pub(crate) fn load(json: &str, language: &str) -> Result<I18n, I18nError> {
        let table: BTreeMap<String, Language> =
            serde_json::from_str(json).map_err(|e| I18nError {
                at: Some((e.line() as u32, e.column() as u32)),
                message: e.to_string(),
            })?;
        let wanted = language.to_ascii_lowercase();
        let primary = wanted.split('-').next().unwrap_or_default().to_string();
        let key = [wanted, primary, "en".to_string()]
            .into_iter()
            .find(|k| table.contains_key(k))
            .or_else(|| table.keys().next().cloned())
            .ok_or_else(|| I18nError::new("the table has no language"))?;
        let english = table.get("en");
        let chosen = &table[&key];
        let mut words = english.map(|e| e.words.clone()).unwrap_or_default();
        words.extend(chosen.words.clone());
        let formats = Formats::new(language)
            .or_else(|_| Formats::new(&key))
            .map_err(|e| I18nError::new(e.0))?;
        Ok(I18n {
            words,
            formats: Arc::new(formats),
        })
    }

    /// A word the table gives for `language` itself (or its primary language), not through
    /// the fallback to English.
    pub(crate) fn own_word(json: &str, language: &str, key: &str) -> Option<String> {
        let table: BTreeMap<String, Language> = serde_json::from_str(json).ok()?;
        let wanted = language.to_ascii_lowercase();
        let primary = wanted.split('-').next().unwrap_or_default().to_string();
        [wanted, primary]
            .iter()
            .find_map(|k| table.get(k)?.words.get(key).cloned())
    }

    /// A fixed word; the key itself when the table lacks it.
    pub(crate) fn word(&self, key: &str) -> String {
        self.words
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// A word with `{name}` placeholders filled in.
    pub(crate) fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.word(key), args)
    }
}

/// Replaces each `{name}` of `template` with its value (one pass: values are not rescanned).
pub(crate) fn fill(template: &str, args: &[(&str, &str)]) -> String {
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

    /// The keys the Rust code asks for: literals passed to `word(` and `fill(` (also across
    /// lines), and families built with `format!("prefix_{}", …)`, by prefix.
    fn keys_used_by_code() -> (Vec<String>, Vec<String>) {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let (mut fixed, mut families) = (Vec::new(), Vec::new());
        for entry in walkdir::WalkDir::new(src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap();
            for call in [".word(", ".fill(", "t_key(t, "] {
                for (i, _) in code.match_indices(call) {
                    let arg = code[i + call.len()..].trim_start();
                    let literal = |s: &str| s.split('"').nth(1).map(str::to_string);
                    if arg.starts_with('"') {
                        fixed.extend(literal(arg));
                    } else if let Some(f) = arg.strip_prefix("&format!(") {
                        let pattern = literal(f).unwrap();
                        families.push(pattern.split('{').next().unwrap().to_string());
                    }
                }
            }
        }
        (fixed, families)
    }

    /// The values of a domain enum as the code spells them in keys (`user-month` → `user_month`).
    fn enum_words<T: schemars::JsonSchema>() -> Vec<String> {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
        let mut out = Vec::new();
        let mut stack = vec![&schema];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(m) => {
                    for key in ["enum", "const"] {
                        match m.get(key) {
                            Some(serde_json::Value::Array(a)) => {
                                out.extend(a.iter().filter_map(|x| x.as_str().map(str::to_string)))
                            }
                            Some(serde_json::Value::String(s)) => out.push(s.clone()),
                            _ => {}
                        }
                    }
                    stack.extend(m.values());
                }
                serde_json::Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
        out.iter().map(|w| w.replace('-', "_")).collect()
    }

    #[test]
    fn every_language_has_every_word_the_code_uses() {
        use crate::catalogue::{AllowanceKind, Category, MethodType, Per};
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let json = std::fs::read_to_string(root.join("i18n.json")).unwrap();
        let table: BTreeMap<String, Language> = serde_json::from_str(&json).unwrap();
        let (fixed, families) = keys_used_by_code();
        assert!(
            fixed.len() > 10 && fixed.contains(&"price_flat".to_string()),
            "{fixed:?}"
        );
        let dims: Vec<String> = crate::routing::Dim::ALL
            .iter()
            .map(|d| d.name().into())
            .collect();
        let mut keys = fixed;
        for prefix in families {
            let values = match prefix.as_str() {
                "method_" => enum_words::<MethodType>(),
                "allowance_unlimited_"
                | "allowance_one_"
                | "allowance_many_"
                | "allowance_kind_" => enum_words::<AllowanceKind>(),
                "category_" => enum_words::<Category>(),
                "per_" | "spend_" => enum_words::<Per>(),
                "dim_" => dims.clone(),
                "ord_" => (2..=10).map(|n| n.to_string()).collect(),
                other => {
                    panic!("the key family `{other}` is not known to this test: add its values")
                }
            };
            assert!(!values.is_empty(), "{prefix}");
            keys.extend(values.iter().map(|v| format!("{prefix}{v}")));
        }
        keys.extend(
            super::super::pages::SCRIPT_WORDS
                .iter()
                .map(|k| k.to_string()),
        );
        for (language, words) in &table {
            let missing: Vec<&String> = keys
                .iter()
                .filter(|k| !words.words.contains_key(*k))
                .collect();
            assert!(
                missing.is_empty(),
                "i18n.json `{language}` lacks {missing:?}"
            );
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
