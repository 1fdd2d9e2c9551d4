//! The command line's words: every command, its arguments and their help.

use super::{diff, schema};
use crate::diagnostics::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "supportbook",
    version,
    about = "Static site generator for partner support catalogues"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate the site and prove its routing complete; print every problem at once.
    #[command(
        after_help = "Examples:\n  supportbook check content-example\n  supportbook check --strict --format github"
    )]
    Check {
        /// The site folder.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Treat warnings as errors (exit 1).
        #[arg(long)]
        strict: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Print each stage's wall time and memory to standard error (a profile).
        #[arg(long)]
        timings: bool,
    },
    /// Answer who handles a case: the winning rule, the path, contacts, hours, response target.
    #[command(
        after_help = "Examples:\n  supportbook route content-example --product azure --issue outage --severity A --plan premium\n  supportbook route --product m365 --issue billing --format json\n  supportbook route --product azure --issue outage --severity A --plan essential --at 2026-12-24T09:00:00+01:00"
    )]
    Route {
        /// The site folder.
        #[arg(default_value = ".")]
        site: PathBuf,
        #[arg(long)]
        product: String,
        #[arg(long)]
        issue: String,
        /// When left out and the rules depend on severity, answers for every severity.
        #[arg(long)]
        severity: Option<String>,
        /// When left out and the rules depend on the plan, answers for every plan.
        #[arg(long)]
        plan: Option<String>,
        /// Answer in another of the site's languages (its `languages`); default: the site's own.
        #[arg(long)]
        lang: Option<String>,
        #[arg(long, value_enum, default_value_t = AnswerFormat::Human)]
        format: AnswerFormat,
        /// Also say when a first response is due for a case opened at this instant (RFC 3339
        /// with an offset, e.g. 2026-12-24T09:00:00+01:00, or `now`).
        #[arg(long, value_name = "INSTANT")]
        at: Option<String>,
    },
    /// Build the static support portal (checks first; a site with errors writes nothing).
    #[command(
        after_help = "Examples:\n  supportbook build content-example\n  supportbook build --output dist --base-url https://example.com/support/"
    )]
    Build {
        /// The site folder.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The output folder (default: the site's `output_dir`, `public`).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this URL instead of the site's `base_url`.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print each stage's wall time and memory to standard error (a profile).
        #[arg(long)]
        timings: bool,
    },
    /// Preview the site: rebuild on every edit and reload open pages.
    #[command(after_help = "Example:\n  supportbook serve content-example --port 3000 --open")]
    Serve {
        /// The site folder.
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The first port to try; the next free one is used when it is taken.
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// The address to listen on; anything but loopback shows the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the preview in a browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of using file system events (network drives, containers).
        #[arg(long)]
        poll: bool,
        /// Print each rebuild's stages (check, render, swap…) with their wall time and memory
        /// to standard error, after its one-line report (a profile).
        #[arg(long)]
        timings: bool,
    },
    /// Show what changes for customers between two versions of a site (routing, targets,
    /// prices, hours, contacts, calendars, pages).
    #[command(
        after_help = "Examples:\n  supportbook diff old-site content-example\n  supportbook diff content-example --against origin/main --format markdown"
    )]
    Diff(diff::Args),
    /// Create a new site in DIR: a copy of the example site (Italian, with English), or with
    /// --language a small site in that one language; either passes `check`.
    #[command(
        after_help = "Examples:\n  supportbook init my-support-site\n  supportbook init my-support-site --language de"
    )]
    Init {
        dir: PathBuf,
        /// Write a small site in this one language (en, it, de, fr or es), published in it only.
        #[arg(long, value_name = "LANG")]
        language: Option<String>,
    },
    /// Print a JSON Schema of the catalogue files (or of supportbook.yaml or page front matter).
    #[command(after_help = "Example:\n  supportbook schema > catalogue.schema.json")]
    Schema {
        #[arg(long, value_enum, default_value_t = schema::SchemaKind::Catalogue)]
        of: schema::SchemaKind,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnswerFormat {
    Human,
    Json,
}
