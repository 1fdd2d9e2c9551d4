//! `supportbook schema`: JSON Schemas derived from the types the loader reads.

use crate::catalogue::raw::CatalogueFile;
use crate::site::config::RawConfig;
use crate::site::pages::FrontMatter;
use clap::ValueEnum;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A file under catalogue/.
    Catalogue,
    /// supportbook.yaml.
    Config,
    /// The front matter of a page.
    Page,
}

pub(super) fn json(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Catalogue => schemars::schema_for!(CatalogueFile),
        SchemaKind::Config => schemars::schema_for!(RawConfig),
        SchemaKind::Page => schemars::schema_for!(FrontMatter),
    };
    serde_json::to_string_pretty(&schema).expect("schema serialises")
}

pub(super) fn run(kind: SchemaKind) -> crate::Result<ExitCode> {
    crate::out::print(&format!("{}\n", json(kind)))?;
    Ok(ExitCode::SUCCESS)
}
