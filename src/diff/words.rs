//! The words of the report, from one place: the default theme's translation table
//! (`themes/default/i18n.json`, keys `diff_*` plus the portal's own words), in the language the
//! report is written in. Numbers, money, dates and hours use the same conventions as the portal.

use crate::render::i18n::{I18n, I18nError, fill};
use crate::site::Config;

/// The languages a site is published in, its default first: the report may be in any of them.
pub(crate) fn site_languages(config: &Config) -> Vec<String> {
    config.languages.iter().map(|l| l.tag.clone()).collect()
}

/// The report's words in one language.
pub(crate) struct Words {
    pub t: I18n,
}

impl Words {
    /// The words of `language` (a language without a table of its own falls back to English,
    /// as the portal does).
    pub(crate) fn load(language: &str) -> Result<Words, I18nError> {
        let table = crate::render::theme::DEFAULT
            .get_file("i18n.json")
            .map(|f| String::from_utf8_lossy(f.contents()))
            .unwrap_or_default();
        I18n::load(&table, language).map(|t| Words { t })
    }

    pub(crate) fn word(&self, key: &str) -> String {
        self.t.word(key)
    }

    pub(crate) fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.t.fill(key, args)
    }

    /// `Premium · A (Critical)`.
    pub(crate) fn subject(parts: &[&str]) -> String {
        parts.join(" · ")
    }

    pub(crate) fn becomes(&self, subject: &str, before: &str, after: &str) -> String {
        self.fill(
            "diff_becomes",
            &[("subject", subject), ("before", before), ("after", after)],
        )
    }

    pub(crate) fn added(&self, subject: &str, what: &str) -> String {
        if what.is_empty() {
            self.fill("diff_added", &[("subject", subject)])
        } else {
            self.fill("diff_added_what", &[("subject", subject), ("what", what)])
        }
    }

    pub(crate) fn removed(&self, subject: &str, what: &str) -> String {
        if what.is_empty() {
            self.fill("diff_removed", &[("subject", subject)])
        } else {
            self.fill("diff_removed_what", &[("subject", subject), ("what", what)])
        }
    }

    /// `1 change`, `3 changes`.
    pub(crate) fn changes(&self, n: usize) -> String {
        self.counted("diff_change_one", "diff_change_many", n)
    }

    /// `1 case`, `3,200 cases`.
    pub(crate) fn cases(&self, n: usize) -> String {
        self.counted("diff_case_one", "diff_case_many", n)
    }

    fn counted(&self, one: &str, many: &str, n: usize) -> String {
        let number = crate::render::format::number(&self.t.formats, n.into(), 0);
        self.fill(if n == 1 { one } else { many }, &[("n", &number)])
    }

    /// The report's first line.
    pub(crate) fn summary(&self, old: &str, new: &str, changes: usize, worse: usize) -> String {
        if changes == 0 {
            return self.fill("diff_summary_none", &[("old", old), ("new", new)]);
        }
        fill(
            &self.word("diff_summary"),
            &[
                ("changes", &self.changes(changes)),
                ("old", old),
                ("new", new),
                ("worse", &worse.to_string()),
            ],
        )
    }
}
