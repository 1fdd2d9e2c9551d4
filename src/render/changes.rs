//! The published changes (spec section 15) in one language's portal: the changes page's data
//! (newest version first; within a version, the changes for the worse first, then the rest in
//! `diff`'s order and sections), the Atom feed (RFC 4287) and `api/changes.json`.

use super::context::Renderer;
use super::format;
use crate::changes::history::{History, Published, Target};
use crate::diff::change::Effect;
use crate::diff::words::Words;
use crate::paths::{self, Place};
use serde::Serialize;

/// One change as the page shows it.
#[derive(Serialize)]
struct Item {
    summary: String,
    details: Vec<String>,
    /// `worse`, `better` or `neutral`.
    effect: Effect,
    /// `worse`, `better` in the page's language; empty when neither.
    effect_word: String,
    /// The section of `diff` it belongs to ("Prices").
    section: String,
    /// Where the fact lives now in this language's portal.
    href: Option<String>,
}

/// A section of a version's changes ("Prices"), in `diff`'s order.
#[derive(Serialize)]
struct Group {
    title: String,
    items: Vec<Item>,
}

/// One version as the page shows it.
#[derive(Serialize)]
struct VersionView {
    /// The anchor of its entry (`v-terms-2026-01`, `unreleased`).
    id: String,
    tag: Option<String>,
    name: String,
    /// `2026-01-15`, for `<time datetime>`.
    date_iso: Option<String>,
    /// As the language writes it.
    date: Option<String>,
    /// The words before and after the date in "Effective {date}".
    effective: (String, String),
    unreleased: bool,
    first: bool,
    /// "3 changes, 1 for the worse".
    count: String,
    /// The changes for the worse, first.
    worse: Vec<Item>,
    /// The rest, by section.
    groups: Vec<Group>,
}

/// The unreleased entry's anchor.
const UNRELEASED: &str = "unreleased";

impl Renderer<'_> {
    fn history(&self) -> Option<&History> {
        self.input.changes
    }

    /// A target in this language's portal.
    fn target_path(&self, t: &Target) -> Option<String> {
        let urls = &self.edition.urls;
        match t {
            Target::Path(p) => Some(urls.path(p)),
            Target::Page(source) => self.edition.dirs.get(source.as_str()).map(|d| urls.path(d)),
        }
    }

    fn anchor(v: &Published) -> String {
        v.tag
            .as_deref()
            .map_or_else(|| UNRELEASED.to_string(), paths::version_anchor)
    }

    /// The report words (`diff`'s) in this language.
    /// (The built-in table, which every test loads.)
    fn diff_words(&self) -> Option<Words> {
        Words::load(&self.edition.language.tag).ok()
    }

    fn version_view(&self, v: &Published, w: Option<&Words>) -> VersionView {
        let t = self.model.t;
        let changes = v.changes(&self.edition.language.tag);
        let mut worse = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        if let Some(c) = changes {
            for (change, target) in c.report.changes.iter().zip(&c.targets) {
                let item = Item {
                    summary: change.summary.clone(),
                    details: change.details.clone(),
                    effect: change.effect,
                    effect_word: w.and_then(|w| change.effect.word(w)).unwrap_or_default(),
                    section: w.map(|w| change.kind.title(w)).unwrap_or_default(),
                    href: target.as_ref().and_then(|t| self.target_path(t)),
                };
                if change.effect == Effect::Worse {
                    worse.push(item);
                    continue;
                }
                match groups.last_mut() {
                    Some(g) if g.title == item.section => g.items.push(item),
                    _ => groups.push(Group {
                        title: item.section.clone(),
                        items: vec![item],
                    }),
                }
            }
        }
        let total = changes.map_or(0, |c| c.report.changes.len());
        let n_worse = worse.len();
        let counted = |one: &str, many: &str, n: usize| {
            let number = format::number(&t.formats, n.into(), 0);
            t.fill(if n == 1 { one } else { many }, &[("n", &number)])
        };
        let mut count = counted("diff_change_one", "diff_change_many", total);
        if n_worse > 0 {
            let w = format::number(&t.formats, n_worse.into(), 0);
            count = t.fill("changes_count_worse", &[("changes", &count), ("worse", &w)]);
        }
        VersionView {
            id: Self::anchor(v),
            tag: v.tag.clone(),
            name: if v.tag.is_none() {
                t.word("changes_unreleased")
            } else {
                v.name.clone()
            },
            date_iso: v.date.map(|d| d.to_string()),
            date: v.date.map(|d| format::date(&t.formats, &d.to_string())),
            effective: {
                let words = t.word("changes_effective");
                let (before, after) = words.split_once("{date}").unwrap_or((&words, ""));
                (before.to_string(), after.to_string())
            },
            unreleased: v.tag.is_none(),
            first: v.first,
            count,
            worse,
            groups,
        }
    }

    /// The changes page's data.
    pub(super) fn changes_page(&self, ctx: &mut tera::Context) -> String {
        let versions: Vec<VersionView> = self
            .history()
            .map(|h| {
                let w = self.diff_words();
                h.versions
                    .iter()
                    .map(|v| self.version_view(v, w.as_ref()))
                    .collect()
            })
            .unwrap_or_default();
        ctx.insert("versions", &versions);
        ctx.insert("feed_url", &self.model.urls.path(paths::CHANGES_FEED));
        ctx.insert("changes_json", &self.model.urls.path(paths::CHANGES_JSON));
        self.model.t.word("changes_title")
    }

    /// `changes.atom`: one entry per version, newest first.
    pub(super) fn changes_feed(&self) -> String {
        let t = self.model.t;
        let urls = &self.model.urls;
        let page = urls.absolute(&Place::Changes.link());
        let self_url = urls.absolute(paths::CHANGES_FEED);
        let history = self.history();
        let versions = history.map_or(&[][..], |h| &h.versions[..]);
        let dated: Vec<jiff::civil::Date> = versions.iter().filter_map(|v| v.date).collect();
        let newest = dated
            .iter()
            .copied()
            .chain(history.and_then(|h| h.head_date))
            .max();
        let stamp = |d: Option<jiff::civil::Date>| {
            d.map_or_else(
                || "1970-01-01T00:00:00Z".to_string(),
                |d| format!("{d}T00:00:00Z"),
            )
        };
        let title = t.fill("changes_feed_title", &[("site", self.site_title())]);
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        s.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
            xml(&self.edition.language.tag)
        ));
        s.push_str(&format!("  <title>{}</title>\n", xml(&title)));
        s.push_str(&format!("  <id>{}</id>\n", xml(&self_url)));
        s.push_str(&format!("  <updated>{}</updated>\n", stamp(newest)));
        s.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
            xml(&self_url)
        ));
        s.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&page)
        ));
        s.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            xml(&self.model.cat.partner.name)
        ));
        let w = self.diff_words();
        for v in versions {
            let view = self.version_view(v, w.as_ref());
            let url = format!("{page}#{}", view.id);
            let updated = if v.tag.is_some() { v.date } else { newest };
            s.push_str("  <entry>\n");
            s.push_str(&format!("    <id>{}</id>\n", xml(&url)));
            s.push_str(&format!(
                "    <title>{}</title>\n",
                xml(&entry_title(&view))
            ));
            s.push_str(&format!("    <updated>{}</updated>\n", stamp(updated)));
            s.push_str(&format!(
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                xml(&url)
            ));
            s.push_str(&format!(
                "    <content type=\"html\">{}</content>\n",
                xml(&self.entry_html(&view))
            ));
            s.push_str("  </entry>\n");
        }
        s.push_str("</feed>\n");
        s
    }

    /// An entry's changes as HTML, for the feed: what the page shows of the version.
    fn entry_html(&self, v: &VersionView) -> String {
        let t = self.model.t;
        let base = self.model.urls.absolute("");
        let root = self.model.urls.path("");
        let mut h = String::new();
        let item = |h: &mut String, i: &Item| {
            h.push_str("<li>");
            if !i.effect_word.is_empty() {
                h.push_str(&format!("<strong>{}</strong>: ", html(&i.effect_word)));
            }
            h.push_str(&html(&i.summary));
            for d in &i.details {
                h.push_str(&format!("<br>{}", html(d)));
            }
            if let Some(href) = &i.href {
                // Absolute: a feed reader shows the entry away from the site.
                let abs = match href.strip_prefix(&root) {
                    Some(rest) => format!("{base}{rest}"),
                    None => href.clone(),
                };
                h.push_str(&format!(
                    " <a href=\"{}\">{}</a>",
                    html(&abs),
                    html(&t.word("changes_link"))
                ));
            }
            h.push_str("</li>");
        };
        if v.first {
            h.push_str(&format!("<p>{}</p>", html(&t.word("changes_first"))));
            return h;
        }
        if v.worse.is_empty() && v.groups.is_empty() {
            h.push_str(&format!("<p>{}</p>", html(&t.word("changes_nothing"))));
            return h;
        }
        h.push_str(&format!("<p>{}</p>", html(&v.count)));
        if !v.worse.is_empty() {
            h.push_str(&format!(
                "<h3>{}</h3><ul>",
                html(&t.word("changes_worse_title"))
            ));
            for i in &v.worse {
                item(&mut h, i);
            }
            h.push_str("</ul>");
        }
        for g in &v.groups {
            h.push_str(&format!("<h3>{}</h3><ul>", html(&g.title)));
            for i in &g.items {
                item(&mut h, i);
            }
            h.push_str("</ul>");
        }
        h
    }

    /// `api/changes.json`: the versions, newest first, each with its changes as
    /// `diff --format json` gives them (and where each lives now, `url`).
    pub(super) fn changes_json(&self) -> String {
        let urls = &self.model.urls;
        let page = urls.absolute(&Place::Changes.link());
        let base = urls.absolute("");
        let root = urls.path("");
        let versions: Vec<serde_json::Value> = self
            .history()
            .map_or(&[][..], |h| &h.versions[..])
            .iter()
            .map(|v| {
                let changes = v.changes(&self.edition.language.tag);
                let mut report = changes.map_or_else(
                    || serde_json::json!({ "worse": 0, "better": 0, "changes": [] }),
                    |c| crate::diff::json::value(&c.report),
                );
                if let (Some(c), Some(list)) = (
                    changes,
                    report.get_mut("changes").and_then(|l| l.as_array_mut()),
                ) {
                    for (item, target) in list.iter_mut().zip(&c.targets) {
                        let url = target.as_ref().and_then(|t| self.target_path(t)).map(|p| {
                            p.strip_prefix(&root)
                                .map_or_else(|| p.clone(), |rest| format!("{base}{rest}"))
                        });
                        item["url"] = url.into();
                    }
                }
                serde_json::json!({
                    "tag": v.tag,
                    "tags": v.tags,
                    "name": v.name,
                    "date": v.date.map(|d| d.to_string()),
                    "unreleased": v.tag.is_none(),
                    "first": v.first,
                    "previous": v.previous,
                    "url": format!("{page}#{}", Self::anchor(v)),
                    "old": report.get("old").cloned().unwrap_or_default(),
                    "new": report.get("new").cloned().unwrap_or_default(),
                    "worse": report["worse"],
                    "better": report["better"],
                    "changes": report["changes"],
                })
            })
            .collect();
        let doc = serde_json::json!({ "versions": versions });
        serde_json::to_string_pretty(&doc).expect("the changes serialise") + "\n"
    }
}

/// A feed entry's title: the version's name, with its date when it has one.
fn entry_title(v: &VersionView) -> String {
    match &v.date {
        Some(d) if !v.unreleased => format!("{} · {d}", v.name),
        _ => v.name.clone(),
    }
}

use super::xml::text as xml;

/// Text for HTML (the same escapes).
fn html(s: &str) -> String {
    xml(s)
}
