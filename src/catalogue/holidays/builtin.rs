//! The built-in sets `public:<code>`: national public holidays, shipped as data files in the
//! rule language of `holiday_sets` (`data/<code>.yaml`), read through the YAML module like a
//! catalogue, with their names in every built-in interface language under `words`.

use super::resolve;
use super::rules::{HolidaySet, SetWords, When};
use crate::catalogue::raw::{self, S, Text};
use crate::diagnostics::FileId;
use crate::yaml::{self, Pairs, Recover};
use schemars::JsonSchema;
use serde::Deserialize;
use std::sync::{Arc, OnceLock};

/// Every built-in set's data file, in id order.
const DATA: [&str; 5] = [
    include_str!("data/de.yaml"),
    include_str!("data/fr.yaml"),
    include_str!("data/gb-eng.yaml"),
    include_str!("data/it.yaml"),
    include_str!("data/us.yaml"),
];

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
struct DataFile {
    id: Text,
    name: Text,
    holidays: Vec<Recover<raw::HolidayRule>>,
    /// The set's words by language tag.
    words: S<Pairs<Text, S<DataWords>>>,
}

#[derive(Deserialize, JsonSchema, Debug)]
#[serde(deny_unknown_fields)]
struct DataWords {
    name: Text,
    /// Holiday names by rule key (`12-25`, `easter+1`, `05-mon--1`).
    holidays: S<Pairs<Text, Text>>,
}

/// Reads one data file; `None` (and the problems in `out`) when it does not load.
fn read(text: &str, out: &mut Vec<crate::diagnostics::Diagnostic>) -> Option<HolidaySet> {
    let node = match yaml::parse(text, FileId(u32::MAX), 1) {
        Ok(n) => n,
        Err(e) => {
            out.extend(e);
            return None;
        }
    };
    let file: DataFile = yaml::from_node_collect(&node, out)?;
    let rules = resolve::rules(&file.holidays, out);
    let words = file
        .words
        .value
        .0
        .iter()
        .map(|(lang, w)| {
            let holidays = w
                .value
                .holidays
                .value
                .0
                .iter()
                .map(|(k, v)| {
                    let key = When::from_key(&k.value).map_or(k.value.clone(), |w| w.key());
                    (key, v.value.clone())
                })
                .collect();
            let words = SetWords {
                name: Some(w.value.name.value.clone()),
                holidays,
            };
            (lang.value.clone(), words)
        })
        .collect();
    Some(HolidaySet {
        id: file.id.value.clone(),
        name: file.name.value.clone(),
        rules,
        words,
    })
}

fn all() -> &'static (Vec<Arc<HolidaySet>>, usize) {
    static SETS: OnceLock<(Vec<Arc<HolidaySet>>, usize)> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut problems = Vec::new();
        let sets: Vec<Arc<HolidaySet>> = DATA
            .iter()
            .filter_map(|t| read(t, &mut problems))
            .map(Arc::new)
            .collect();
        (sets, problems.len())
    })
}

/// The built-in set `id` (`public:it`), in English.
pub(crate) fn builtin(id: &str) -> Option<Arc<HolidaySet>> {
    all().0.iter().find(|s| s.id == id).cloned()
}

/// The ids of the built-in sets, in order.
pub(crate) fn builtin_ids() -> Vec<&'static str> {
    all().0.iter().map(|s| s.id.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_loads_without_a_problem() {
        for text in DATA {
            let mut out = Vec::new();
            let set = read(text, &mut out);
            assert!(out.is_empty(), "{out:?}");
            let set = set.unwrap();
            for lang in ["it", "de", "fr", "es"] {
                let w = set
                    .words
                    .get(lang)
                    .unwrap_or_else(|| panic!("{} {lang}", set.id));
                for r in &set.rules {
                    assert!(
                        w.holidays.contains_key(&r.when.key()),
                        "{} {lang} {}",
                        set.id,
                        r.when.key()
                    );
                }
                assert_eq!(w.holidays.len(), set.rules.len(), "{} {lang}", set.id);
            }
        }
        assert_eq!(all().1, 0);
        assert_eq!(
            builtin_ids(),
            [
                "public:de",
                "public:fr",
                "public:gb-eng",
                "public:it",
                "public:us"
            ]
        );
    }
}
