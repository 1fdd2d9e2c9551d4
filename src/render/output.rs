//! Writing into the output folder: folders are created once, up front, in sorted order; files
//! are then written from any thread, and every byte is counted for [`super::RenderStats`].

use crate::error::Error;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The output folder and what has been written into it so far.
pub struct Output {
    root: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Output {
    pub fn new(root: &Path) -> Self {
        Output {
            root: root.to_path_buf(),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// Creates every folder that the given output paths (`/`-separated, relative) need.
    pub fn make_dirs<'a>(&self, paths: impl IntoIterator<Item = &'a str>) -> Result<(), Error> {
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
            let path = self.root.join(&d);
            match std::fs::create_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => {}
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        Ok(())
    }

    /// Creates the folder of `rel` (its parent must exist), then writes the file. Pages use this
    /// so that creating their folders overlaps with rendering on other threads.
    pub fn write_in_new_dir(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        if let Some((dir, _)) = rel.rsplit_once('/') {
            let path = self.root.join(dir);
            match std::fs::create_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        self.write(rel, bytes)
    }

    /// Writes one file whose folder exists already.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.root.join(rel);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        self.count(bytes.len() as u64);
        Ok(())
    }

    /// Streams one file through a buffered writer.
    pub fn stream(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let path = self.root.join(rel);
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut w = Counting {
            inner: std::io::BufWriter::with_capacity(1 << 16, file),
            bytes: 0,
        };
        fill(&mut w)
            .and_then(|()| w.flush())
            .map_err(|e| Error::io(&path, e))?;
        self.count(w.bytes);
        Ok(())
    }

    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    pub fn totals(&self) -> (usize, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
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

impl Output {
    /// Copies a file unchanged.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<(), Error> {
        let to = self.root.join(rel);
        let n = std::fs::copy(from, &to).map_err(|e| Error::io(from, e))?;
        self.count(n);
        Ok(())
    }
}
