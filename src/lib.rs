//! supportbook: a static site generator for partner support catalogues.
//!
//! One pipeline, one module per stage: [`site`] loads a site folder, [`catalogue`] validates
//! and resolves the catalogue, [`routing`] decides every case and proves the routing sound,
//! and [`pipeline`] drives them for every command. [`yaml`] is the only module that knows
//! YAML; [`diagnostics`] is how every stage reports problems.

pub mod catalogue;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod error;
pub mod links;
pub mod pipeline;
pub mod render;
pub mod routing;
pub mod serve;
pub mod site;
pub mod write;
pub mod yaml;

pub use error::{Error, Result};
