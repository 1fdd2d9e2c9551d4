//! The search index's documents, in the edition's language (written under its prefix): every
//! page of the portal (spec section 6 and "Search, 1.2"). The Markdown pages are one document
//! each, or, with two or more sections (their highest headings: a FAQ's questions), one for
//! each section and one for the text above them; the other pages (home, plans and each plan,
//! products and each product, routing, contact) are cut at the ids of what they print (a plan's price, a contact's card, a tier), as
//! their HTML shows it, so a result leads to the fact it found and every fact a template prints
//! is found without more code. Issue types lead to the route finder with the issue chosen.
//! The catalogue's `keywords` are added, unseen, to the document of their entity.
//! `crate::search` turns the documents into the index's files.

use super::context::{Job, Renderer};
use super::input::RenderError;
use super::markdown::PlainText;
use super::output::Output;
use super::page_words::{Chunk, html_chunks};
use super::reuse::PageHtml;
use crate::paths::{self, Place, Urls};
use crate::search::{self, Dictionary, Document, Weighed};
use crate::site::Page;
use rayon::prelude::*;
use std::collections::HashMap;

/// The built-in groups of synonyms, by language: what customers say for the same thing.
const SYNONYMS: &str = include_str!("../search/synonyms.json");

/// Whether to stop gathering an index's documents (a preview's next edit is coming): once it
/// says yes, it says yes to the end.
pub(crate) type Stop<'a> = &'a (dyn Fn() -> bool + Sync);

/// The search index of one edition as documents, gathered from the site and its rendering;
/// [`EditionIndex::build`] turns them into the index's files without reading anything else (a
/// preview builds them while the next edit is rebuilt).
pub(crate) struct EditionIndex {
    /// The edition's addresses, which place its files in the output.
    urls: Urls,
    language: String,
    synonyms: Vec<Vec<String>>,
    documents: Vec<Weighed>,
    dictionary: Dictionary,
}

impl EditionIndex {
    /// The index's files, by path in the output.
    pub(crate) fn build(self) -> Vec<(String, Vec<u8>)> {
        let urls = self.urls;
        search::build_files(
            self.documents,
            self.dictionary,
            &self.language,
            &self.synonyms,
        )
        .into_iter()
        .map(|(path, bytes)| (urls.file(&path), bytes))
        .collect()
    }

    /// Builds the index and hands each file to `sink` as it is made, by path in the output.
    fn hand_to<E: Send>(self, sink: search::Sink<E>) -> Result<(), E> {
        let urls = self.urls;
        search::build(
            self.documents,
            self.dictionary,
            &self.language,
            &self.synonyms,
            &|path, bytes| sink(urls.file(&path), bytes),
        )
    }
}

impl Renderer<'_> {
    /// Builds the search index and writes its files.
    pub(super) fn search_index(&self, out: &Output) -> Result<(), RenderError> {
        let Some(index) = self.index_documents(&|| false)? else {
            return Ok(());
        };
        out.make_dirs([self.mine(paths::SEARCH_INDEX).as_str()])?;
        index.hand_to(&|path, bytes| out.write_owned(&path, bytes))?;
        Ok(())
    }

    /// The documents of the edition's search index; `None` when `stop` said to stop (checked
    /// before each page).
    pub(super) fn index_documents(&self, stop: Stop) -> Result<Option<EditionIndex>, RenderError> {
        let documents = self.search_documents(stop)?;
        Ok((!stop()).then(|| EditionIndex {
            urls: self.edition.urls.clone(),
            language: self.edition.language.tag.clone(),
            synonyms: self.synonyms(),
            documents,
            dictionary: self.page_words.dictionary().take(),
        }))
    }

    /// Hands a page just rendered to the search index: a whole build weighs its documents now,
    /// so that its text is not kept; a preview keeps its HTML for the index that follows the
    /// served pages (a Markdown page's words were kept as its body rendered).
    pub(super) fn index_page(&self, job: Job, html: &PageHtml) {
        if !self.page_words.weighs_now() {
            if Self::shows_facts(job) {
                self.page_words.keep_html(&self.place(job).link(), html);
            }
            return;
        }
        let documents = match job {
            Job::Page(i) => {
                let page = self.pages[i];
                self.page_documents(page, self.page_words.take(i, &page.body))
            }
            _ if Self::shows_facts(job) => self.html_documents(job, html_chunks(html.as_str())),
            _ => return,
        };
        self.page_words
            .keep_weighed(self.place(job).link(), self.weigh(&documents));
    }

    fn weigh(&self, documents: &[Document]) -> Vec<Weighed> {
        let dictionary = self.page_words.dictionary();
        documents.iter().map(|d| dictionary.weigh(d)).collect()
    }

    /// The built-in groups of the edition's language (by its primary tag), then the site's.
    fn synonyms(&self) -> Vec<Vec<String>> {
        let tag = &self.edition.language.tag;
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let built_in: HashMap<String, Vec<Vec<String>>> =
            serde_json::from_str(SYNONYMS).expect("the built-in synonyms are valid JSON");
        let mut groups = built_in.get(&primary).cloned().unwrap_or_default();
        for (language, more) in &self.input.config.synonyms {
            if language.eq_ignore_ascii_case(tag) {
                groups.extend(more.iter().cloned());
            }
        }
        groups
    }

    /// Whether a page is indexed from its HTML (the Markdown pages are indexed from their
    /// text).
    pub(super) fn shows_facts(job: Job) -> bool {
        // The further pages of a list only repeat names whose own pages are indexed.
        !matches!(
            job,
            Job::NotFound
                | Job::Page(_)
                | Job::Articles(_)
                | Job::ProductList(_)
                | Job::RoutingList(_)
        )
    }

    /// Every document of the edition, weighed, in order; a page reached once `stop` says to
    /// stop is left out (the caller drops what it gathered).
    fn search_documents(&self, stop: Stop) -> Result<Vec<Weighed>, RenderError> {
        // The pages where each thing is at home first (among equals, the first is shown first):
        // the issue types, the contact page, routing (tiers), products, plans; the home page,
        // which repeats some of them, last.
        let mut shown: Vec<Job> = self
            .jobs()
            .into_iter()
            .filter(|j| Self::shows_facts(*j))
            .collect();
        shown.sort_by_key(|j| match j {
            Job::Contact => 0,
            Job::Routing => 1,
            Job::Product(_) => 2,
            Job::Products => 3,
            Job::Plan(_) => 4,
            Job::Plans => 5,
            _ => 6,
        });
        let per_page: Vec<Vec<Weighed>> = shown
            .par_iter()
            .map(|job| {
                if stop() {
                    Ok(Vec::new())
                } else {
                    self.shown_weighed(*job)
                }
            })
            .collect::<Result<_, _>>()?;
        let mut docs: Vec<Weighed> = self.weigh(&self.issue_documents());
        docs.extend(per_page.into_iter().flatten());
        let markdown: Vec<Vec<Weighed>> = self
            .pages
            .par_iter()
            .enumerate()
            .filter(|_| !stop())
            .map(|(i, p)| {
                let link = Place::Page(&p.slug).link();
                self.page_words.take_weighed(&link).unwrap_or_else(|| {
                    self.weigh(&self.page_documents(p, self.page_words.take(i, &p.body)))
                })
            })
            .collect();
        docs.extend(markdown.into_iter().flatten());
        Ok(docs)
    }

    /// The weighed documents of a page indexed from its HTML: weighed as it rendered, or now
    /// from its chunks (kept by a preview, or rendered now in a partial rebuild).
    fn shown_weighed(&self, job: Job) -> Result<Vec<Weighed>, RenderError> {
        let link = self.place(job).link();
        if let Some(weighed) = self.page_words.take_weighed(&link) {
            return Ok(weighed);
        }
        let chunks = match self.page_words.take_html(&link) {
            Some(chunks) => chunks,
            None => html_chunks(self.page(job)?.as_str()),
        };
        Ok(self.weigh(&self.html_documents(job, chunks)))
    }

    /// The documents of a page indexed from its HTML, from its chunks, each with the page's
    /// title among its headings.
    fn html_documents(&self, job: Job, chunks: Vec<Chunk>) -> Vec<Document> {
        let link = self.place(job).link();
        let url = self.model.urls.path(&link);
        let section = self.section_of(job);
        let page_title = chunks
            .first()
            .filter(|c| c.anchor.is_none())
            .map(|c| c.title.clone())
            .unwrap_or_else(|| section.clone());
        let keywords = self.keywords_of(job);
        chunks
            .into_iter()
            .map(|chunk| {
                let Chunk {
                    anchor,
                    title,
                    headings,
                    text,
                } = chunk;
                let keywords = keywords
                    .iter()
                    .filter(|(a, _)| a.as_deref() == anchor.as_deref())
                    .map(|(_, k)| k.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                match anchor {
                    None => Document {
                        url: url.clone(),
                        title: if title.is_empty() {
                            page_title.clone()
                        } else {
                            title
                        },
                        section: section.clone(),
                        headings,
                        text,
                        keywords,
                    },
                    Some(id) => Document {
                        url: format!("{url}#{id}"),
                        title: if title.is_empty() {
                            page_title.clone()
                        } else {
                            title
                        },
                        section: page_title.clone(),
                        headings: format!("{page_title} {headings}"),
                        text,
                        keywords,
                    },
                }
            })
            .collect()
    }

    /// The part of the portal a page belongs to, as its navigation names it.
    fn section_of(&self, job: Job) -> String {
        let t = self.model.t;
        t.word(match job {
            Job::Home => "nav_home",
            Job::Plans | Job::Plan(_) => "nav_plans",
            Job::Products | Job::Product(_) => "nav_products",
            Job::Routing => "nav_routing",
            _ => "nav_contact",
        })
    }

    /// The `keywords` of the entities a page shows, by the chunk they belong to (`None`: the
    /// top of the page).
    fn keywords_of(&self, job: Job) -> Vec<(Option<String>, String)> {
        let cat = self.model.cat;
        let mut out: Vec<(Option<String>, String)> = Vec::new();
        match job {
            Job::Plan(i) => out.push((None, cat.plans[i].keywords.join(" "))),
            Job::Product(i) => out.push((None, cat.products[i].keywords.join(" "))),
            Job::Contact => out.extend(
                cat.contacts
                    .iter()
                    .map(|c| (Some(format!("contact-{}", c.id)), c.keywords.join(" "))),
            ),
            Job::Routing => out.extend(
                cat.tiers
                    .iter()
                    .map(|t| (Some(format!("tier-{}", t.id)), t.keywords.join(" "))),
            ),
            _ => {}
        }
        out.retain(|(_, k)| !k.is_empty());
        out
    }

    /// The documents of a Markdown page; its section is its parent page (`kb` for `kb/vpn`), if
    /// there is one. A page of two or more sections (its highest headings: the questions of a
    /// FAQ) is cut at them, each section a document leading to its heading, after one for the
    /// page's own text before them.
    fn page_documents(&self, page: &Page, words: PlainText) -> Vec<Document> {
        let section = match page
            .slug
            .rsplit_once('/')
            .and_then(|(parent, _)| self.titles.get(parent))
        {
            Some(title) => title.to_string(),
            None => self.model.t.word("articles"),
        };
        let url = self.model.urls.path(&Place::Page(&page.slug).link());
        let PlainText {
            headings,
            text,
            sections,
        } = words;
        let described = |text: String| match &page.description {
            Some(d) => format!("{d} {text}"),
            None => text,
        };
        if sections.len() < 2 {
            return vec![Document {
                url,
                title: page.title.clone(),
                section,
                headings,
                text: described(text),
                keywords: String::new(),
            }];
        }
        let mut docs = vec![Document {
            url: url.clone(),
            title: page.title.clone(),
            section,
            headings: headings[..sections[0].headings_at].to_string(),
            text: described(text[..sections[0].at].trim_end().to_string()),
            keywords: String::new(),
        }];
        let ends = sections.iter().skip(1).map(|s| (s.at, s.headings_at));
        let ends = ends.chain([(text.len(), headings.len())]);
        docs.extend(
            sections
                .iter()
                .zip(ends)
                .map(|(s, (text_end, headings_end))| {
                    let text = text[s.text_at..text_end].trim_end();
                    let below = headings[s.headings_at..headings_end]
                        .trim()
                        .strip_prefix(s.title.as_str())
                        .unwrap_or_default()
                        .trim();
                    Document {
                        url: format!("{url}#{}", s.id),
                        title: s.title.clone(),
                        section: page.title.clone(),
                        headings: format!("{} {below}", page.title).trim_end().to_string(),
                        text: text.to_string(),
                        keywords: String::new(),
                    }
                }),
        );
        docs
    }

    /// The issue types, each leading to the route finder with it chosen.
    fn issue_documents(&self) -> Vec<Document> {
        let cat = self.model.cat;
        let section = self.model.t.word("issue_types");
        cat.issue_types
            .iter()
            .map(|i| {
                let mut text = String::new();
                for part in i.description.iter().chain(&i.examples) {
                    let words = PlainText::of(part);
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&words.text);
                }
                Document {
                    url: self.model.urls.path(&paths::finder_for_issue(&i.id)),
                    title: i.name.clone(),
                    section: section.clone(),
                    headings: String::new(),
                    text,
                    keywords: i.keywords.join(" "),
                }
            })
            .collect()
    }
}
