//! Where rendered files go: a folder (`build`), or memory (`serve`, which never touches the
//! disk for its preview). Folders are created once, up front; files are then written from any
//! thread, and every byte is counted for [`super::RenderStats`].

use crate::error::Error;
use bytes::Bytes;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Rendered files by output path (`plans/index.html`), as bytes the preview shares with what
/// it keeps of its renders (a page used again is not copied).
pub(crate) type Files = BTreeMap<String, Bytes>;

enum Target {
    Folder(PathBuf),
    Memory(Mutex<Files>),
}

/// The output and what has been written into it so far.
pub(super) struct Output {
    target: Target,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Output {
    pub(super) fn folder(root: &Path) -> Self {
        Output::with(Target::Folder(root.to_path_buf()))
    }

    pub(super) fn memory() -> Self {
        Output::with(Target::Memory(Mutex::new(Files::new())))
    }

    fn with(target: Target) -> Self {
        Output {
            target,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// The files written to memory (empty for a folder).
    pub(super) fn into_files(self) -> Files {
        match self.target {
            Target::Memory(m) => m.into_inner().unwrap_or_else(|e| e.into_inner()),
            Target::Folder(_) => Files::new(),
        }
    }

    /// Creates every folder that the given output paths (`/`-separated, relative) need.
    pub(super) fn make_dirs<'a>(
        &self,
        paths: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Error> {
        let Target::Folder(root) = &self.target else {
            return Ok(());
        };
        let mut dirs = BTreeSet::new();
        for p in paths {
            let mut rest = p;
            while let Some((dir, _)) = rest.rsplit_once('/') {
                if !dirs.insert(dir.to_string()) {
                    break;
                }
                rest = dir;
            }
        }
        // Sorted order puts every parent before its children.
        for d in dirs {
            create_dir(&root.join(&d))?;
        }
        Ok(())
    }

    /// Creates the folder of `rel` (its parent must exist), then writes the file. Pages use this
    /// so that creating their folders overlaps with rendering on other threads.
    pub(super) fn write_in_new_dir(&self, rel: &str, bytes: Bytes) -> Result<(), Error> {
        if let (Target::Folder(root), Some((dir, _))) = (&self.target, rel.rsplit_once('/')) {
            create_dir(&root.join(dir))?;
        }
        self.write_owned(rel, bytes)
    }

    /// Writes one file whose folder exists already.
    pub(super) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        match &self.target {
            Target::Folder(root) => {
                let path = root.join(rel);
                std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
                self.count(bytes.len() as u64);
                Ok(())
            }
            Target::Memory(_) => self.keep(rel, Bytes::copy_from_slice(bytes)),
        }
    }

    /// Writes one file whose folder exists already, taking its bytes (no copy in memory).
    pub(super) fn write_owned(&self, rel: &str, bytes: impl Into<Bytes>) -> Result<(), Error> {
        let bytes = bytes.into();
        match &self.target {
            Target::Folder(_) => self.write(rel, &bytes),
            Target::Memory(_) => self.keep(rel, bytes),
        }
    }

    fn keep(&self, rel: &str, bytes: Bytes) -> Result<(), Error> {
        if let Target::Memory(m) = &self.target {
            self.count(bytes.len() as u64);
            m.lock()
                .expect("output lock")
                .insert(rel.to_string(), bytes);
        }
        Ok(())
    }

    /// Streams one file through a buffered writer.
    pub(super) fn stream(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        match &self.target {
            Target::Folder(root) => {
                let path = root.join(rel);
                let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
                let mut w = Counting {
                    inner: std::io::BufWriter::with_capacity(1 << 16, file),
                    bytes: 0,
                };
                fill(&mut w)
                    .and_then(|()| w.flush())
                    .map_err(|e| Error::io(&path, e))?;
                self.count(w.bytes);
            }
            Target::Memory(_) => {
                let mut buf = Vec::new();
                fill(&mut buf).map_err(|e| Error::io(rel, e))?;
                self.keep(rel, buf.into())?;
            }
        }
        Ok(())
    }

    /// Copies a file unchanged.
    pub(super) fn copy(&self, from: &Path, rel: &str) -> Result<(), Error> {
        match &self.target {
            Target::Folder(root) => {
                let to = root.join(rel);
                let n = std::fs::copy(from, &to).map_err(|e| Error::io(from, e))?;
                self.count(n);
                Ok(())
            }
            Target::Memory(_) => {
                let bytes = std::fs::read(from).map_err(|e| Error::io(from, e))?;
                self.write(rel, &bytes)
            }
        }
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    pub(super) fn totals(&self) -> (usize, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }
}

fn create_dir(path: &Path) -> Result<(), Error> {
    match std::fs::create_dir(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(e) => Err(Error::io(path, e)),
    }
}

struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
