//! supportbook: a static site generator for partner support catalogues.
//!
//! One pipeline, one module per stage: `site` loads a site folder, `catalogue` validates and
//! resolves the catalogue, `routing` decides every case and proves the routing sound, `layout`
//! and `links` check what the build will write, `render` turns the valid site into the portal
//! and `write` puts it in place atomically; [`pipeline`] drives them for every command and
//! `serve` drives the same pipeline on every edit. `yaml` is the only module that knows YAML;
//! `paths` owns every output path and URL; [`diagnostics`] is how every stage reports problems.
//!
//! The public surface is what the binary and the test suite need: the command line, the checking
//! pipeline and its diagnostics.

mod catalogue;
mod changes;
pub mod cli;
mod colour;
pub mod diagnostics;
mod diff;
mod error;
mod layout;
mod links;
mod out;
mod paths;
pub mod pipeline;
mod render;
mod routing;
mod search;
mod serve;
mod site;
pub mod timings;
mod translation;
mod write;
mod yaml;

pub use error::{Error, Result};
