//! What the portal publishes of a site's history (spec section 15): its versions, newest first,
//! each with what changed for customers in every language of the site, as `diff` says it, and
//! where each change now lives in the portal. Plain data: the `changes` module reads it from
//! git, `render` writes the changes page, feed and JSON from it.

use crate::diff::change::Report;

/// Where a change now lives in the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A path of each language's portal (`plans/premium/`, `contact/#contact-desk`).
    Path(String),
    /// A Markdown page, by its default-language source (`terms.md`): each language links its
    /// own version of it.
    Page(String),
}

/// The published versions and the working tree's changes, newest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    pub versions: Vec<Published>,
    /// The newest commit's date (UTC), for the feed of a site with no version yet.
    pub head_date: Option<jiff::civil::Date>,
}

/// One version: a tag (or the tags of one commit), or the unreleased working tree.
#[derive(Debug, Clone)]
pub(crate) struct Published {
    /// The tag that names the version (the first in name order of its commit's tags); `None`
    /// for the unreleased working tree.
    pub tag: Option<String>,
    /// Every matching tag of its commit, in name order.
    pub tags: Vec<String>,
    /// The annotation's first line, else the tag's name.
    pub name: String,
    /// The `effective:` date, else the tagged commit's date (UTC); `None` when unreleased.
    pub date: Option<jiff::civil::Date>,
    /// The first published version: nothing before it to compare with.
    pub first: bool,
    /// The tag it is compared with.
    pub previous: Option<String>,
    /// What changed, per language of the site (its own language first).
    pub reports: Vec<Changes>,
}

/// What a version changed, in one language.
#[derive(Debug, Clone)]
pub(crate) struct Changes {
    pub language: String,
    pub report: Report,
    /// Where each change of the report lives now, in the report's order.
    pub targets: Vec<Option<Target>>,
}

impl Published {
    /// The changes in a language (the site's own language's when it has none of its own).
    pub(crate) fn changes(&self, language: &str) -> Option<&Changes> {
        self.reports
            .iter()
            .find(|c| c.language == language)
            .or(self.reports.first())
    }
}
