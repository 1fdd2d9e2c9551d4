//! The command line: argument definitions, and one small module per command that drives the
//! pipeline and prints. Each command returns the process exit code.

mod args;
mod build;
mod check;
mod diff;
mod exit;
mod init;
mod route;
mod scaffold;
mod schema;

pub use args::{AnswerFormat, Cli, Command};
use std::process::ExitCode;

/// Runs a command; `Err` is a usage or I/O failure (exit 2).
pub fn run(cli: Cli) -> crate::Result<ExitCode> {
    // Files are parsed on rayon's threads, and YAML nested up to the depth budget recurses
    // deeply (in debug builds most of all): give them the main thread's stack size, so that the
    // budget, not the stack, stops a hostile file. Fails only if the pool already exists.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(8 << 20)
        .build_global();
    let timings = matches!(
        cli.command,
        Command::Check { timings: true, .. }
            | Command::Build { timings: true, .. }
            | Command::Serve { timings: true, .. }
    );
    if timings {
        crate::timings::enable();
    }
    let code = command(cli.command);
    if timings {
        eprint!("{}", crate::timings::report());
    }
    code
}

fn command(command: Command) -> crate::Result<ExitCode> {
    match command {
        Command::Check {
            site,
            strict,
            format,
            ..
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
            ..
        } => build::run(&build::Request {
            site,
            output,
            base_url,
            drafts,
        }),
        Command::Diff(args) => diff::run(&args),
        Command::Init { dir, language } => init::run(&dir, language.as_deref()),
        Command::Serve {
            site,
            port,
            bind,
            open,
            poll,
            ..
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
