//! The search index's documents, in the edition's language (written under its prefix): every published Markdown page (the
//! home page's text included), and the catalogue's plans, products, issue types (leading to the
//! route finder with the issue chosen), customer-facing contacts and tiers, each with the words
//! of the section it belongs to. `crate::search` turns them into the index's files.

use super::context::Renderer;
use super::input::RenderError;
use super::markdown::PlainText;
use super::output::Output;
use crate::paths::{self, Place};
use crate::search::{self, Document};
use crate::site::Page;
use rayon::prelude::*;
use std::collections::HashMap;

impl Renderer<'_> {
    /// Builds the search index and writes its files.
    pub(super) fn search_index(&self, out: &Output) -> Result<(), RenderError> {
        let files = search::build(&self.search_documents(), &self.edition.language.tag);
        let files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|(path, bytes)| (self.mine(&path), bytes))
            .collect();
        out.make_dirs(files.iter().map(|(p, _)| p.as_str()))?;
        files
            .into_par_iter()
            .try_for_each(|(path, bytes)| out.write_owned(&path, bytes))?;
        Ok(())
    }

    fn search_documents(&self) -> Vec<Document> {
        let articles = self.model.t.word("articles");
        let titles: HashMap<&str, &str> = self
            .pages
            .iter()
            .map(|p| (p.slug.as_str(), p.title.as_str()))
            .collect();
        let mut docs: Vec<Document> = self
            .home
            .map(|p| (None, p))
            .into_iter()
            .chain(
                self.pages
                    .iter()
                    .copied()
                    .enumerate()
                    .map(|(i, p)| (Some(i), p)),
            )
            .collect::<Vec<(Option<usize>, &Page)>>()
            .par_iter()
            .map(|&(i, p)| {
                self.page_document(p, self.page_words.take(i, &p.body), &titles, &articles)
            })
            .collect();
        docs.extend(self.catalogue_documents());
        docs
    }

    /// A Markdown page; its section is its parent page (`kb` for `kb/vpn`), if there is one.
    fn page_document(
        &self,
        page: &Page,
        words: PlainText,
        titles: &HashMap<&str, &str>,
        articles: &str,
    ) -> Document {
        let section = page
            .slug
            .rsplit_once('/')
            .and_then(|(parent, _)| titles.get(parent))
            .map_or(articles, |t| t)
            .to_string();
        let PlainText { headings, mut text } = words;
        if let Some(d) = &page.description {
            text = format!("{d} {text}");
        }
        let (title, section) = if page.is_home() {
            (self.site_title().to_string(), self.model.t.word("nav_home"))
        } else {
            (page.title.clone(), section)
        };
        Document {
            url: self.model.urls.path(&Place::Page(&page.slug).link()),
            title,
            section,
            headings,
            text,
        }
    }

    fn catalogue_documents(&self) -> Vec<Document> {
        let cat = self.model.cat;
        let t = self.model.t;
        let urls = &self.model.urls;
        let doc = |link: String, title: &str, section: &str, parts: &[Option<&str>]| {
            let mut headings = String::new();
            let mut text = String::new();
            for part in parts.iter().flatten() {
                let words = PlainText::of(part);
                headings.push_str(&words.headings);
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&words.text);
            }
            Document {
                url: urls.path(&link),
                title: title.to_string(),
                section: section.to_string(),
                headings,
                text,
            }
        };
        let mut docs = Vec::new();
        let section = t.word("nav_plans");
        for p in &cat.plans {
            let mut parts = vec![p.summary.as_deref()];
            parts.extend(
                p.features
                    .iter()
                    .chain(&p.exclusions)
                    .map(|s| Some(s.as_str())),
            );
            docs.push(doc(Place::Plan(&p.id).link(), &p.name, &section, &parts));
        }
        let section = t.word("nav_products");
        for p in &cat.products {
            let link = Place::Product(&p.id).link();
            docs.push(doc(link, &p.name, &section, &[p.description.as_deref()]));
        }
        let section = t.word("issue_types");
        for i in &cat.issue_types {
            let mut parts = vec![i.description.as_deref()];
            parts.extend(i.examples.iter().map(|s| Some(s.as_str())));
            docs.push(doc(
                paths::finder_for_issue(&i.id),
                &i.name,
                &section,
                &parts,
            ));
        }
        let section = t.word("nav_contact");
        for c in cat.contacts.iter().filter(|c| !c.is_partner_only()) {
            let mut parts = vec![c.note.as_deref()];
            parts.extend(
                c.methods
                    .iter()
                    .flat_map(|m| [m.label.as_deref(), Some(&m.value)]),
            );
            docs.push(doc(paths::contact_anchor(&c.id), &c.name, &section, &parts));
        }
        let section = t.word("tiers");
        for tier in &cat.tiers {
            let link = paths::tier_anchor(&tier.id);
            docs.push(doc(link, &tier.name, &section, &[tier.scope.as_deref()]));
        }
        docs
    }
}
