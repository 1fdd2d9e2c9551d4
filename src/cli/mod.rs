//! The command line: argument definitions, and one small module per command that drives the
//! pipeline and prints. Each command returns the process exit code.

mod build;
mod check;
mod init;
mod route;
mod schema;

use crate::diagnostics::Format;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes: 0 success, 1 the content is invalid, 2 bad usage or an I/O failure.
pub const INVALID: u8 = 1;

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
    },
    /// Create a new site in DIR, a copy of the example site that passes `check`.
    #[command(after_help = "Example:\n  supportbook init my-support-site")]
    Init { dir: PathBuf },
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

/// Runs a command; `Err` is a usage or I/O failure (exit 2).
pub fn run(cli: Cli) -> crate::Result<ExitCode> {
    // Files are parsed on rayon's threads, and YAML nested up to the depth budget recurses
    // deeply (in debug builds most of all): give them the main thread's stack size, so that the
    // budget, not the stack, stops a hostile file. Fails only if the pool already exists.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
    match cli.command {
        Command::Check {
            site,
            strict,
            format,
        } => check::run(&site, strict, format),
        Command::Route {
            site,
            product,
            issue,
            severity,
            plan,
            lang,
            format,
            at,
        } => {
            let q = route::Request {
                product,
                issue,
                severity,
                plan,
                at,
                lang,
            };
            route::run(&site, &q, format)
        }
        Command::Build {
            site,
            output,
            base_url,
            drafts,
        } => build::run(&build::Request {
            site,
            output,
            base_url,
            drafts,
        }),
        Command::Init { dir } => init::run(&dir),
        Command::Serve {
            site,
            port,
            bind,
            open,
            poll,
        } => crate::serve::run(&crate::serve::Options {
            site,
            port,
            bind,
            open,
            poll,
        }),
        Command::Schema { of } => schema::run(of),
    }
}
