//! The write stage: builds into a fresh folder beside the output and swaps it in only when
//! everything succeeded, so a failed build leaves the last good output untouched. The output
//! folder carries a marker file; a folder without it is never replaced or deleted. A `.git`
//! folder the user keeps inside the output (to deploy from it) moves into each new output.

use crate::diagnostics::{Code, Diagnostic};
use crate::error::{Error, Result};
use crate::paths::MARKER;
use std::path::{Path, PathBuf};

const MARKER_TEXT: &str =
    "This folder is written by `supportbook build` and replaced by every build.\n";

/// Why the output could not be written.
pub(crate) enum WriteError<E> {
    /// The output folder exists and is not supportbook's (exit 1).
    Refused(Diagnostic),
    /// Filling the staging folder failed; nothing was changed.
    Fill(E),
    Io(Error),
}

impl<E> From<Error> for WriteError<E> {
    fn from(e: Error) -> Self {
        WriteError::Io(e)
    }
}

/// Fills a fresh staging folder with `fill`, then makes it the output folder. Whatever fails,
/// the staging folder is removed and the last output is left as it was.
pub(crate) fn replace_output<T, E>(
    output: &Path,
    fill: impl FnOnce(&Path) -> std::result::Result<T, E>,
) -> std::result::Result<T, WriteError<E>> {
    check_replaceable(output)?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let staging = sibling(output, "new");
    remove_ours(&staging)?;
    let old = free_old(output)?;
    // Marked first, so that a build interrupted from here on leaves a folder the next one
    // knows to be its own.
    std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
    let marked = mark(&staging);
    let filled = marked
        .map_err(WriteError::Io)
        .and_then(|()| fill(&staging).map_err(WriteError::Fill));
    let swapped = filled.and_then(|v| {
        swap(&staging, &old, output)
            .map(|()| v)
            .map_err(WriteError::Io)
    });
    if swapped.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    swapped
}

fn mark(dir: &Path) -> Result<()> {
    let marker = dir.join(MARKER);
    std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))
}

/// The folder a user may keep inside the output across builds (as Hugo keeps it).
const KEPT: &str = ".git";

/// The output may be replaced if it does not exist, is an empty folder (but for a kept
/// `.git`), or carries the marker.
fn check_replaceable<E>(output: &Path) -> std::result::Result<(), WriteError<E>> {
    let refuse = |why: &str| {
        WriteError::Refused(
            Diagnostic::error(Code::OutputDir, None, format!("refusing to replace `{}`: {why}", output.display()))
                .with_help(format!(
                    "supportbook only replaces folders it made (they contain `{MARKER}`); choose another --output or empty the folder yourself"
                )),
        )
    };
    match std::fs::symlink_metadata(output) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(output, e).into()),
        Ok(m) if !m.is_dir() => Err(refuse("it is not a folder")),
        Ok(_) if output.join(MARKER).is_file() => Ok(()),
        Ok(_) => {
            let mut entries = std::fs::read_dir(output).map_err(|e| Error::io(output, e))?;
            if entries.all(|e| e.is_ok_and(|e| e.file_name() == KEPT)) {
                Ok(())
            } else {
                Err(refuse("it is not empty and was not made by supportbook"))
            }
        }
    }
}

/// `.NAME.supportbook-KIND` beside `output`.
fn sibling(output: &Path, kind: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.supportbook-{kind}"))
}

/// Removes a leftover of an interrupted build, which carries the marker; anything else of
/// that name is the user's and is never deleted.
fn remove_ours<E>(dir: &Path) -> std::result::Result<(), WriteError<E>> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(dir, e).into()),
        Ok(m) if m.is_dir() && dir.join(MARKER).is_file() => std::fs::remove_dir_all(dir)
            .map_err(|e| {
                // Still ours: marked again if the removal took the marker.
                let _ = mark(dir);
                Error::io(dir, e).into()
            }),
        Ok(_) => Err(WriteError::Refused(
            Diagnostic::error(
                Code::OutputDir,
                None,
                format!(
                    "refusing to delete `{}`: supportbook needs the name for its build, and it was not made by supportbook",
                    dir.display()
                ),
            )
            .with_help(format!(
                "move it elsewhere (supportbook's own carry `{MARKER}`)"
            )),
        )),
    }
}

/// Moves a kept `.git` from `output` into `staging`, `output` aside to `old`, `staging` into
/// its place, then deletes the old output. Whatever fails, the `.git` goes back where it was.
fn swap(staging: &Path, old: &Path, output: &Path) -> Result<()> {
    let had_output = output.exists();
    let kept = output.join(KEPT);
    let moved = std::fs::symlink_metadata(&kept).is_ok();
    if moved {
        std::fs::rename(&kept, staging.join(KEPT)).map_err(|e| Error::io(&kept, e))?;
    }
    let put_back = || {
        if moved {
            let _ = std::fs::rename(staging.join(KEPT), &kept);
        }
    };
    if had_output && let Err(e) = std::fs::rename(output, old) {
        put_back();
        return Err(Error::io(output, e));
    }
    if let Err(e) = std::fs::rename(staging, output) {
        if had_output {
            let _ = std::fs::rename(old, output);
        }
        put_back();
        return Err(Error::io(output, e));
    }
    if had_output && let Err(e) = std::fs::remove_dir_all(old) {
        // The new output is in place: the build succeeded. What is left is the old one's,
        // marked again (the removal may have taken the marker) so a later build knows it.
        let _ = mark(old);
        eprintln!(
            "warning: the previous output, moved aside to `{}`, could not be deleted ({e}); the new one is in place: delete it yourself",
            old.display()
        );
    }
    Ok(())
}

/// A name beside `output` to move the last output aside to: `.NAME.supportbook-old`, or,
/// when a leftover of an earlier build there cannot be deleted, the next free
/// `.NAME.supportbook-old-N` (the leftover is named in a warning, never blocks the build).
fn free_old<E>(output: &Path) -> std::result::Result<PathBuf, WriteError<E>> {
    let mut last = None;
    for n in 1..=9 {
        let kind = if n == 1 {
            "old".to_string()
        } else {
            format!("old-{n}")
        };
        let old = sibling(output, &kind);
        match remove_ours(&old) {
            Ok(()) => return Ok(old),
            Err(WriteError::Io(e)) => {
                eprintln!(
                    "warning: `{}`, left by an earlier build, could not be deleted ({e}); delete it yourself",
                    old.display()
                );
                last = Some(e);
            }
            Err(other) => return Err(other),
        }
    }
    Err(WriteError::Io(last.expect("an error per name")))
}
