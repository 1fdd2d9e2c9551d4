//! The `supportbook` binary: parse arguments, run the command, map failures to exit code 2.

use clap::Parser;
use std::process::ExitCode;

/// Counts allocations for `--timings` (and only while it is on).
#[global_allocator]
static ALLOCATOR: supportbook::timings::Counting = supportbook::timings::Counting;

fn main() -> ExitCode {
    let cli = supportbook::cli::Cli::parse();
    match supportbook::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
