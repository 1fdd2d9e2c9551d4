//! The search index of one language (spec section 10): the portal's documents (Markdown pages,
//! plans, products, issue types, contacts, tiers) as static files the browser fetches a few at a
//! time. `render` gives the documents in the page's language and writes the files where
//! `paths` says; the theme's `search.js` reads them.
//!
//! The files: a small manifest (`index.json`: the language, the number of documents, the keys
//! of the term files and the names of every file); term files, each holding the words and stems
//! that start with its key (so a query word needs one, sometimes two); and document files of a
//! few documents each (title, section, address and text for the excerpt), fetched only for the
//! results shown.

mod index;
mod words;

pub(crate) use index::{Dictionary, Document, Sink, Weighed, build, build_files};
