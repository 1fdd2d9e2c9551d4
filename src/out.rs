//! Standard output for every command: a reader that stops early (`| head`, a closed pipe) is
//! not an error, so the command ends quietly; a write that fails (a full disk, `>/dev/full`)
//! is an I/O failure (exit 2) with a message. Never a panic.

use crate::error::Error;
use std::io::Write;

/// Writes `text` to standard output and flushes it.
pub(crate) fn print(text: &str) -> crate::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::io("standard output", e))
        }
        _ => Ok(()),
    }
}

/// Writes a line to standard output where nothing can be done about a failure (the preview's
/// log): it is dropped, the command goes on.
pub(crate) fn log(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}
