//! Building the index: documents → weighted stems → term files split by the first letters of
//! their words until each is small, and document files of a few documents each.

use super::words::{Stems, each_raw_word, fold_into, kept_letters, raw_words};
use crate::paths;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

/// One thing the search finds, in the page's language.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// Its address, as linked (`/support/plans/premium/`).
    pub url: String,
    pub title: String,
    /// The part of the portal it belongs to (`Plans`, `Guides and articles`).
    pub section: String,
    /// Headings and other words that say what it is about (they weigh more than the text).
    pub headings: String,
    /// Its plain text.
    pub text: String,
    /// Words customers use for it (the catalogue's `keywords`): indexed, never shown.
    pub keywords: String,
}

/// The index's files, by path under the output folder.
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// Where the index's files go as they are made, by path under the output folder (the
/// document files are written before the terms are counted, so they are not all held at once).
pub(crate) type Sink<'a, E> = &'a (dyn Fn(String, Vec<u8>) -> Result<(), E> + Sync);

/// How much a word weighs where it stands: a title match always outranks a text match.
const TITLE: u32 = 100;
const HEADING: u32 = 8;
const TEXT: u32 = 2;
const KEYWORD: u32 = 40;
/// What the headings and the text of one document can add up to for one stem.
const TEXT_CAP: u32 = 60;
/// A term file holds the words of one key (`fa`), split by a further letter when it is larger.
const TERM_FILE_BYTES: usize = 8 * 1024;
const KEY_CHARS: usize = 2;
/// Documents per document file, and the characters of text kept for the excerpt.
const DOCS_PER_FILE: usize = 2;
const EXCERPT_CHARS: usize = 700;

/// The manifest the browser reads first.
#[derive(Serialize)]
struct Manifest<'a> {
    language: &'a str,
    stemmer: &'a str,
    /// The letters this language does not fold (`ñ` in Spanish).
    keep: &'a str,
    /// The groups of synonyms that widen a query: each member as `[folded words, stem, 1 if
    /// the index has the stem]` (a member of several words has no stem).
    synonyms: Vec<Vec<(String, String, u8)>>,
    documents: usize,
    /// How many documents each page has, in order (a page's parts are its documents, one after
    /// the other), as `[parts, pages in a row with that many]`: results show each page once.
    pages: Vec<(usize, usize)>,
    docs_per_file: usize,
    /// The keys of the groups of terms, sorted: a word is in the group of the longest key it
    /// starts with, in the term file numbered by `key_files`.
    keys: Vec<String>,
    key_files: Vec<usize>,
    term_files: Vec<String>,
    /// How many document files there are, and their names (`d{n}.json`: `{n}` from 0).
    doc_files: usize,
    doc_file_names: &'static str,
}

/// One term file: the words that differ from their stem, with the stem (`fatture` → `fattur`),
/// and each stem's documents as `document, weight` pairs, the documents as gaps from the
/// previous one, written as [`numbers`].
#[derive(Serialize, Default)]
struct TermFile<'a> {
    words: Vec<(&'a str, &'a str)>,
    stems: Vec<(&'a str, &'a str)>,
    /// The documents with the word, as written, in their title (`fatture`: "Fatture e
    /// pagamenti"), as gaps written as [`numbers`]: a query with the very word ranks them
    /// above its stem's others.
    titled: Vec<(&'a str, &'a str)>,
}

/// The digits of [`numbers`]: 0–31 end a number, 32–63 carry five bits of it with more to
/// come. None needs escaping in JSON. `search.js` reads them with the same string.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Numbers written compactly for the browser: each in base 32, most significant group first,
/// every group but the last shifted by 32 (so one character below 32, two below 1,024). The
/// documents of a stem take about two characters each instead of the five or six of a JSON
/// array, and term files are the bytes a query fetches most.
fn numbers(values: impl IntoIterator<Item = u32>) -> String {
    let mut out = String::new();
    for mut n in values {
        let mut groups = [0u8; 7];
        let mut k = 0;
        loop {
            groups[k] = (n % 32) as u8;
            k += 1;
            n /= 32;
            if n == 0 {
                break;
            }
        }
        for i in (0..k).rev() {
            let digit = groups[i] + if i > 0 { 32 } else { 0 };
            out.push(char::from(DIGITS[usize::from(digit)]));
        }
    }
    out
}

/// A document weighed for the index: all the index keeps of it (its text is dropped once
/// weighed), as places in its [`Dictionary`]'s buffers.
pub(crate) struct Weighed {
    /// Its page's address (its own without `#`) in the text buffer: a page's documents are one
    /// result.
    page: Range<usize>,
    /// Its words (by number) with their weight, in the buffer of counts.
    words: Range<usize>,
    /// Its row of a document file, as JSON (`[url, title, section, excerpt]`), in the text
    /// buffer.
    row: Range<usize>,
}

/// The words of one index's documents, each numbered at its first sight, and what is kept of
/// each document. Documents are weighed into it from any thread; the numbers and places depend
/// on the order they came in, but nothing the index writes does (it orders words and stems by
/// their text, and documents as its caller gives them). What a document leaves is appended to
/// two buffers rather than allocated on its own: a build weighs its pages as they render, and
/// thousands of small blocks left among the pages' would keep the memory they free from being
/// used again.
pub(crate) struct Dictionary {
    /// The letters the index's language does not fold.
    keep: &'static str,
    words: Mutex<Words>,
}

#[derive(Default)]
struct Words {
    /// The numbers of the words of up to 16 bytes, by their [`packed`] bytes.
    short_ids: FxHashMap<u128, u32>,
    /// The numbers of the longer words.
    ids: FxHashMap<Box<str>, u32>,
    /// By number.
    list: Vec<Box<str>>,
    /// The documents' pages and rows.
    text: String,
    /// The documents' words with their weight.
    counts: Vec<(u32, u32)>,
}

impl Dictionary {
    /// An empty dictionary for documents written in `language`.
    pub(crate) fn new(language: &str) -> Dictionary {
        Dictionary {
            keep: kept_letters(language),
            words: Mutex::default(),
        }
    }

    /// Weighs a document: its words folded and counted here, its row written.
    pub(crate) fn weigh(&self, doc: &Document) -> Weighed {
        let counts = weigh(doc, self.keep);
        let row = [&*doc.url, &*doc.title, &*doc.section, cut(&doc.text)];
        let row = serde_json::to_string(&row).expect("a document's row serialises");
        let page = doc.url.split('#').next().unwrap_or_default();
        let mut words = self.words.lock().unwrap_or_else(PoisonError::into_inner);
        let start = words.counts.len();
        for (key, weight) in counts.short {
            let n = words.number_short(key);
            words.counts.push((n, weight));
        }
        for (w, weight) in counts.long {
            let n = words.number(w);
            words.counts.push((n, weight));
        }
        let words_at = start..words.counts.len();
        let page = words.append(page);
        let row = words.append(&row);
        Weighed {
            page,
            words: words_at,
            row,
        }
    }

    /// Takes its words out, leaving it empty.
    pub(crate) fn take(&self) -> Dictionary {
        let mut words = self.words.lock().unwrap_or_else(PoisonError::into_inner);
        Dictionary {
            keep: self.keep,
            words: Mutex::new(std::mem::take(&mut *words)),
        }
    }
}

impl Words {
    /// The number of a word of up to 16 bytes, [`packed`], given at its first sight.
    fn number_short(&mut self, key: u128) -> u32 {
        let next = self.list.len() as u32;
        let id = *self.short_ids.entry(key).or_insert(next);
        if id == next {
            self.list.push(unpacked(key));
        }
        id
    }

    /// The number of a word of more than 16 bytes, given at its first sight.
    fn number(&mut self, word: Cow<str>) -> u32 {
        if let Some(&id) = self.ids.get(word.as_ref()) {
            return id;
        }
        let id = self.list.len() as u32;
        let word: Box<str> = word.into();
        self.list.push(word.clone());
        self.ids.insert(word, id);
        id
    }

    /// Appends `s` to the text buffer: where it is.
    fn append(&mut self, s: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(s);
        start..self.text.len()
    }
}

/// Builds the index of `docs`, weighed into `dictionary` and written in `language`, and hands
/// its files to `sink`. `synonyms` are the groups of words that mean the same to customers in
/// that language.
pub(crate) fn build<E: Send>(
    docs: Vec<Weighed>,
    dictionary: Dictionary,
    language: &str,
    synonyms: &[Vec<String>],
    sink: Sink<E>,
) -> Result<(), E> {
    let stems = Stems::for_language(language);
    let keep = dictionary.keep;
    let Words {
        list: words,
        text,
        counts,
        ..
    } = dictionary
        .words
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    let documents = docs.len();
    let pages = page_runs(docs.iter().map(|d| &text[d.page.clone()]));
    let doc_count = docs.len().div_ceil(DOCS_PER_FILE);
    docs.par_chunks(DOCS_PER_FILE)
        .enumerate()
        .try_for_each(|(i, docs)| {
            let json = doc_file(docs.iter().map(|d| &text[d.row.clone()]));
            sink(paths::search_docs_file(i), json)
        })?;
    drop(text);
    let per_doc: Vec<&[(u32, u32)]> = docs.iter().map(|d| &counts[d.words.clone()]).collect();
    // Each distinct word stemmed once; the stems sorted and numbered.
    let stemmed: Vec<String> = words
        .par_iter()
        .map(|w| stems.stem(w).into_owned())
        .collect();
    let mut stem_list: Vec<&str> = stemmed.iter().map(String::as_str).collect();
    stem_list.par_sort_unstable();
    stem_list.dedup();
    let stem_of: Vec<u32> = stemmed
        .par_iter()
        .map(|s| {
            stem_list
                .binary_search(&s.as_str())
                .expect("every stem is listed") as u32
        })
        .collect();
    let titled = titled_words(&per_doc, &words, &stemmed);
    let postings = postings(per_doc, &stem_of, stem_list.len());
    // In no order: the term files sort every term they hold.
    let words: Vec<(&str, &str)> = words
        .iter()
        .map(|w| &**w)
        .zip(stemmed.iter().map(String::as_str))
        .filter(|(w, s)| w != s)
        .collect();
    let stems_with_postings: Vec<(&str, &[(u32, u32)])> = stem_list
        .iter()
        .copied()
        .zip(postings.iter().map(Vec::as_slice))
        .collect();
    let mut files = Files::new();
    let (keys, key_files) = term_files(&words, &stems_with_postings, &titled, &mut files);
    let term_count = key_files.last().map_or(0, |n| n + 1);
    let synonyms = synonym_groups(synonyms, &stems, keep, |s| {
        stem_list.binary_search(&s).is_ok()
    });
    let manifest = Manifest {
        language,
        stemmer: stems.name,
        keep,
        synonyms,
        documents,
        pages,
        docs_per_file: DOCS_PER_FILE,
        term_files: (0..term_count).map(paths::search_terms_name).collect(),
        keys,
        key_files,
        doc_files: doc_count,
        doc_file_names: paths::SEARCH_DOCS_NAMES,
    };
    let json = serde_json::to_vec(&manifest).expect("the manifest serialises");
    files.push((paths::SEARCH_INDEX.into(), json));
    files
        .into_par_iter()
        .try_for_each(|(path, bytes)| sink(path, bytes))
}

/// [`build`], its files gathered: by path under the output folder, in no set order.
pub(crate) fn build_files(
    docs: Vec<Weighed>,
    dictionary: Dictionary,
    language: &str,
    synonyms: &[Vec<String>],
) -> Files {
    let files = Mutex::new(Files::new());
    let sink = |path, bytes| {
        files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((path, bytes));
        Ok::<(), std::convert::Infallible>(())
    };
    match build(docs, dictionary, language, synonyms, &sink) {
        Ok(()) => files.into_inner().unwrap_or_else(PoisonError::into_inner),
        Err(never) => match never {},
    }
}

/// The title words that differ from their stem, with their documents, sorted.
fn titled_words<'w>(
    per_doc: &[&[(u32, u32)]],
    words: &'w [Box<str>],
    stemmed: &[String],
) -> Vec<(&'w str, Vec<u32>)> {
    let mut titled: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (d, list) in per_doc.iter().enumerate() {
        for &(w, weight) in *list {
            if weight >= TITLE && *stemmed[w as usize] != *words[w as usize] {
                titled.entry(w).or_default().push(d as u32);
            }
        }
    }
    let mut titled: Vec<(&str, Vec<u32>)> = titled
        .into_iter()
        .map(|(w, d)| (&*words[w as usize], d))
        .collect();
    titled.sort_unstable();
    titled
}

/// Each stem's documents with its weight there, from each document's words (by number).
fn postings(per_doc: Vec<&[(u32, u32)]>, stem_of: &[u32], stems: usize) -> Vec<Vec<(u32, u32)>> {
    let per_doc: Vec<Vec<(u32, u32)>> = per_doc
        .into_par_iter()
        .map(|list| by_stem(list, stem_of))
        .collect();
    let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); stems];
    for (d, list) in per_doc.into_iter().enumerate() {
        for (s, weight) in list {
            postings[s as usize].push((d as u32, weight));
        }
    }
    postings
}

/// The number of documents of each page (by address without `#`), run-length encoded.
fn page_runs<'a>(docs: impl Iterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut sizes: Vec<usize> = Vec::new();
    let mut last: Option<&str> = None;
    for p in docs {
        if last == Some(p) {
            *sizes.last_mut().expect("a page was counted") += 1;
        } else {
            sizes.push(1);
            last = Some(p);
        }
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for size in sizes {
        match runs.last_mut() {
            Some((s, n)) if *s == size => *n += 1,
            _ => runs.push((size, 1)),
        }
    }
    runs
}

/// The groups of synonyms as the manifest gives them: members folded and stemmed, marked when
/// the index has them; a group needs two members and one the index has.
fn synonym_groups(
    groups: &[Vec<String>],
    stems: &Stems,
    keep: &str,
    indexed: impl Fn(&str) -> bool,
) -> Vec<Vec<(String, String, u8)>> {
    let mut buf = String::new();
    let mut out: Vec<Vec<(String, String, u8)>> = groups
        .iter()
        .map(|group| {
            let mut members: Vec<(String, String, u8)> = group
                .iter()
                .map(|member| {
                    let words: Vec<String> = raw_words(member)
                        .into_iter()
                        .map(|w| {
                            fold_into(w, keep, &mut buf);
                            buf.clone()
                        })
                        .collect();
                    if let [word] = words.as_slice() {
                        let stem = stems.stem(word).into_owned();
                        let has = u8::from(indexed(&stem));
                        (word.clone(), stem, has)
                    } else {
                        (words.join(" "), String::new(), 0)
                    }
                })
                .filter(|m| !m.0.is_empty())
                .collect();
            members.dedup_by(|a, b| a.0 == b.0);
            members
        })
        .filter(|g| g.len() > 1 && g.iter().any(|m| m.2 == 1))
        .collect();
    out.dedup();
    out
}

/// A document's stems (by number) with their weight, from its words (by number): the title's
/// share once, plus what the headings and the text add, up to [`TEXT_CAP`].
fn by_stem(words: &[(u32, u32)], stem_of: &[u32]) -> Vec<(u32, u32)> {
    let mut list = words.to_vec();
    for e in &mut list {
        e.0 = stem_of[e.0 as usize];
    }
    list.sort_unstable_by_key(|e| e.0);
    let mut out: Vec<(u32, u32, u32)> = Vec::with_capacity(list.len());
    for (s, weight) in list {
        let (title, text) = (weight / TITLE * TITLE, weight % TITLE);
        match out.last_mut() {
            Some(last) if last.0 == s => {
                last.1 = last.1.max(title);
                last.2 += text;
            }
            _ => out.push((s, title, text)),
        }
    }
    out.into_iter()
        .map(|(s, title, text)| (s, title + text.min(TEXT_CAP)))
        .collect()
}

/// A document's words with their weight: a title word counts [`TITLE`] once, plus what the
/// headings and the text add (below [`TITLE`]).
fn weigh<'d>(doc: &'d Document, keep: &'d str) -> Counts<'d> {
    // About one distinct word in every 16 bytes of a page's text: sized once, not grown.
    let size = doc.title.len() + doc.keywords.len() + doc.headings.len() + doc.text.len();
    let mut counts = Counts {
        keep,
        short: FxHashMap::with_capacity_and_hasher((size / 16).min(4096), Default::default()),
        long: FxHashMap::default(),
        buf: String::new(),
    };
    each_raw_word(&doc.title, |w, folded| *counts.of(w, folded) = TITLE);
    for (text, weight) in [
        (&doc.keywords, KEYWORD),
        (&doc.headings, HEADING),
        (&doc.text, TEXT),
    ] {
        each_raw_word(text, |w, folded| {
            let e = counts.of(w, folded);
            if *e % TITLE + weight < TITLE {
                *e += weight;
            }
        });
    }
    counts
}

/// A document's words, folded, with their weight: those of up to 16 bytes (nearly all) by
/// their [`packed`] bytes, which hash and compare as one number; longer ones borrowed from the
/// text when they are folded there, copied once per document otherwise.
struct Counts<'a> {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Cow<'a, str>, u32>,
    buf: String,
    keep: &'a str,
}

impl<'a> Counts<'a> {
    /// The count of `word`, [folded](super::words::is_folded) or not.
    fn of(&mut self, word: &'a str, folded: bool) -> &mut u32 {
        if folded {
            return match packed(word) {
                Some(key) => self.short.entry(key).or_default(),
                None => self.long.entry(Cow::Borrowed(word)).or_default(),
            };
        }
        fold_into(word, self.keep, &mut self.buf);
        if let Some(key) = packed(&self.buf) {
            return self.short.entry(key).or_default();
        }
        if !self.long.contains_key(self.buf.as_str()) {
            self.long.insert(Cow::Owned(self.buf.clone()), 0);
        }
        self.long
            .get_mut(self.buf.as_str())
            .expect("the word was just counted")
    }
}

/// A word of up to 16 bytes as one number: its bytes, the first lowest, the rest zero. A word
/// holds letters, digits and joiners, never a zero byte, so no two words share a number. Read
/// in at most four loads (two overlapping where the length is not a power of two), not copied
/// byte by byte: every word of every page passes here.
#[inline]
fn packed(word: &str) -> Option<u128> {
    debug_assert!(!word.as_bytes().contains(&0), "a word holds no zero byte");
    let b = word.as_bytes();
    let n = b.len();
    let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes")));
    let (low, high) = match n {
        0 => (0, 0),
        1..4 => {
            let byte = |i: usize| u64::from(b[i]) << (8 * i);
            (byte(0) | byte(n / 2) | byte(n - 1), 0)
        }
        4..8 => (u32_at(0) | u32_at(n - 4) << (8 * (n - 4)), 0),
        8..=16 => (
            u64_at(0),
            u64_at(n - 8).checked_shr(8 * (16 - n) as u32).unwrap_or(0),
        ),
        _ => return None,
    };
    Some(u128::from(low) | u128::from(high) << 64)
}

/// The word [`packed`] into `key`.
fn unpacked(key: u128) -> Box<str> {
    let bytes = key.to_le_bytes();
    let len = 16 - key.leading_zeros() as usize / 8;
    std::str::from_utf8(&bytes[..len])
        .expect("a packed word is whole")
        .into()
}

/// One entry of a term file: a word and its stem, or a stem or a title word with its
/// documents written as [`numbers`].
enum Term<'a> {
    Word(&'a str, &'a str),
    Stem(&'a str, &'a str),
    Titled(&'a str, &'a str),
}

impl Term<'_> {
    fn text(&self) -> &str {
        match self {
            Term::Word(w, _) | Term::Stem(w, _) | Term::Titled(w, _) => w,
        }
    }

    /// Its bytes in JSON, roughly (the words' escapes are not counted).
    fn bytes(&self) -> usize {
        match self {
            Term::Word(a, b) | Term::Stem(a, b) | Term::Titled(a, b) => a.len() + b.len() + 8,
        }
    }
}

/// Writes the term files into `files`: the groups of terms in key order, packed into files of
/// about [`TERM_FILE_BYTES`]. Returns each group's key and the number of its file.
fn term_files(
    words: &[(&str, &str)],
    postings: &[(&str, &[(u32, u32)])],
    titled: &[(&str, Vec<u32>)],
    files: &mut Files,
) -> (Vec<String>, Vec<usize>) {
    let postings: Vec<(&str, String)> = postings
        .par_iter()
        .map(|&(s, p)| (s, numbers(gaps(p))))
        .collect();
    let titled: Vec<(&str, String)> = titled
        .iter()
        .map(|(w, d)| (*w, numbers(doc_gaps(d))))
        .collect();
    let mut terms: Vec<Term> = words.iter().map(|&(w, s)| Term::Word(w, s)).collect();
    terms.extend(postings.iter().map(|(s, p)| Term::Stem(s, p)));
    terms.extend(titled.iter().map(|(w, d)| Term::Titled(w, d)));
    terms.sort_by(|a, b| a.text().cmp(b.text()));
    let mut groups = Vec::new();
    split(&terms, KEY_CHARS, &mut groups);
    let (mut keys, mut key_files) = (Vec::new(), Vec::new());
    let mut file = TermFile::default();
    let mut bytes = 0;
    let mut n = 0;
    for (key, group) in groups {
        let size: usize = group.iter().map(|t| t.bytes()).sum();
        if bytes > 0 && bytes + size > TERM_FILE_BYTES {
            let json = serde_json::to_vec(&std::mem::take(&mut file)).expect("terms serialise");
            files.push((paths::search_terms_file(n), json));
            n += 1;
            bytes = 0;
        }
        bytes += size;
        for t in group {
            match t {
                Term::Word(w, s) => file.words.push((w, s)),
                Term::Stem(s, p) => file.stems.push((s, p)),
                Term::Titled(w, d) => file.titled.push((w, d)),
            }
        }
        keys.push(key);
        key_files.push(n);
    }
    if bytes > 0 {
        let json = serde_json::to_vec(&file).expect("terms serialise");
        files.push((paths::search_terms_file(n), json));
    }
    (keys, key_files)
}

/// Groups sorted terms by their first `chars` characters, splitting a group that is too large by
/// one more character (a term no longer than that is then its own key).
fn split<'t, 'a>(terms: &'t [Term<'a>], chars: usize, out: &mut Vec<(String, Vec<&'t Term<'a>>)>) {
    let mut start = 0;
    while start < terms.len() {
        let key: String = terms[start].text().chars().take(chars).collect();
        let end = start
            + terms[start..]
                .iter()
                .take_while(|t| t.text().chars().take(chars).eq(key.chars()))
                .count();
        let group = &terms[start..end];
        let bytes: usize = group.iter().map(Term::bytes).sum();
        let longer = group.iter().any(|t| t.text().chars().count() > chars);
        if bytes > TERM_FILE_BYTES && longer && chars < 8 {
            split(group, chars + 1, out);
        } else {
            out.push((key, group.iter().collect()));
        }
        start = end;
    }
}

/// `[3, 7, 8]` → `[3, 4, 1]`.
fn doc_gaps(docs: &[u32]) -> impl Iterator<Item = u32> + '_ {
    let mut prev = 0;
    docs.iter().map(move |&d| {
        let gap = d - prev;
        prev = d;
        gap
    })
}

/// `[(3, w), (7, v)]` → `[3, w, 4, v]`.
fn gaps(postings: &[(u32, u32)]) -> impl Iterator<Item = u32> + '_ {
    let mut prev = 0;
    postings.iter().flat_map(move |&(d, w)| {
        let gap = d - prev;
        prev = d;
        [gap, w]
    })
}

/// A document file: `[url, title, section, text]` per document, the text cut at
/// [`EXCERPT_CHARS`] (each row written when its document was weighed).
fn doc_file<'a>(rows: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut json = vec![b'['];
    for (i, row) in rows.enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(row.as_bytes());
    }
    json.push(b']');
    json
}

/// The first [`EXCERPT_CHARS`] characters of `text`, ending at a word.
fn cut(text: &str) -> &str {
    if text.len() <= EXCERPT_CHARS {
        return text;
    }
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text,
        Some((end, _)) => {
            let head = &text[..end];
            head.rfind(' ').map_or(head, |i| &head[..i])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> Document {
        Document {
            url: format!("/{title}/"),
            title: title.into(),
            section: "Pages".into(),
            headings: String::new(),
            text: text.into(),
            keywords: String::new(),
        }
    }

    /// The index of `docs`, weighed in order: its files sorted by path, the manifest first.
    fn index_of(docs: Vec<Document>, language: &str) -> Files {
        let dictionary = Dictionary::new(language);
        let weighed = docs.iter().map(|d| dictionary.weigh(d)).collect();
        sorted(build_files(weighed, dictionary, language, &[]))
    }

    fn sorted(mut files: Files) -> Files {
        files.sort_by_key(|(path, _)| (path != paths::SEARCH_INDEX, path.clone()));
        files
    }

    #[test]
    fn the_order_documents_are_weighed_in_changes_no_byte_of_the_index() {
        let docs = [
            doc("Fatture e pagamenti", "la fattura del mese, il pagamento"),
            doc("Accesso", "password dimenticata: reimpostare l'accesso"),
            doc("Piano Premium", "assistenza 24/7, fatture mensili"),
        ];
        // In order, and in reverse: the words are numbered differently.
        let forward = Dictionary::new("it");
        let weighed: Vec<Weighed> = docs.iter().map(|d| forward.weigh(d)).collect();
        let a = sorted(build_files(weighed, forward, "it", &[]));
        let backward = Dictionary::new("it");
        let mut weighed: Vec<Weighed> = docs.iter().rev().map(|d| backward.weigh(d)).collect();
        weighed.reverse();
        let b = sorted(build_files(weighed, backward, "it", &[]));
        assert_eq!(a, b);
        assert!(
            a.iter()
                .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("fattur")),
            "the index holds the documents' words"
        );
    }

    #[test]
    fn a_word_of_up_to_16_bytes_packs_into_its_own_number_and_back() {
        let words = [
            "",
            "a",
            "24",
            "abc",
            "tier",
            "24/7",
            "4,50",
            "piùpiù",
            "abcdefgh",
            "abcdefghi",
            "gravità",
            "straßenbahnen",
            "abcdefghijklmnop",
            "fällt",
            "ß",
            "ñ",
        ];
        let mut seen = std::collections::HashMap::new();
        for w in words {
            let key = packed(w).expect("16 bytes or fewer pack");
            assert_eq!(&*unpacked(key), w);
            assert_eq!(seen.insert(key, w), None, "{w} shares its number");
        }
        // Every prefix of a word has a number of its own.
        let long = "abcdefghijklmnop";
        let keys: std::collections::HashSet<u128> =
            (0..=16).map(|n| packed(&long[..n]).unwrap()).collect();
        assert_eq!(keys.len(), 17);
        assert_eq!(packed("abcdefghijklmnopq"), None);
    }

    #[test]
    fn words_longer_and_shorter_than_16_bytes_reach_the_index_whole() {
        // 16 and 17 bytes, folded or not; a chain; accented words, one of 19 bytes that folds
        // into 12.
        let text = "abcdefghijklmnop abcdefghijklmnopq ABCDEFGHIJKLMNOPQ Abcdefghijklmnop \
                    24/7 perché débâcleàèìòù";
        let files = index_of(vec![doc("Parole", text)], "it");
        let all: String = files
            .iter()
            .filter(|(p, _)| p.contains("/t"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        for word in [
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "24/7",
            "perche",
            "debacleaeiou",
        ] {
            assert!(
                all.contains(&format!("\"{word}")),
                "{word} is missing: {all}"
            );
        }
        // Folded whatever their length: the terms hold no capital.
        assert!(
            !all.contains("ABCDEFGH") && !all.contains("Abcdefgh"),
            "{all}"
        );
    }

    #[test]
    fn stems_are_found_through_their_words_and_title_words_weigh_most() {
        let docs = vec![
            doc("Fattura", "altro"),
            doc("Altro", "la fattura e le fatture"),
        ];
        let files = index_of(docs, "it");
        let terms: Vec<&str> = files
            .iter()
            .filter(|(p, _)| p.contains("/t"))
            .map(|(_, b)| std::str::from_utf8(b).unwrap())
            .collect();
        let all = terms.join("\n");
        assert!(all.contains(r#"["fatture","fattur"]"#), "{all}");
        // Documents 0 and 1, weights 100 and 4.
        assert!(all.contains(r#"["fattur","0Z414"]"#), "{all}");
    }

    #[test]
    fn numbers_take_one_character_below_32_and_two_below_1024() {
        assert_eq!(numbers([0, 31, 32, 1023, 1024]), "0VX0_VXW0");
        let js = include_str!("../../themes/default/assets/search.js");
        let digits = std::str::from_utf8(DIGITS).unwrap();
        assert!(
            js.contains(&format!("var DIGITS = \"{digits}\"")),
            "search.js must read numbers with DIGITS as they are here"
        );
    }

    #[test]
    fn a_large_group_is_split_by_a_further_letter() {
        let docs: Vec<Document> = (0..600)
            .map(|i| doc(&format!("d{i}"), "face fact fade fail fair fake fall fame"))
            .collect();
        let files = index_of(docs, "en");
        let manifest = std::str::from_utf8(&files[0].1).unwrap();
        assert!(
            manifest.contains(r#""keys":["#) && manifest.contains(r#""fad""#),
            "{manifest}"
        );
    }
}
