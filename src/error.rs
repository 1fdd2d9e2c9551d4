//! Failures that are not about the content (exit code 2): bad usage and I/O.

use std::path::PathBuf;

#[derive(Debug)]
pub enum Error {
    /// The folder is not a supportbook site.
    NotASite(PathBuf),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Usage(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Error::NotASite(p) => write!(
                f,
                "{} is not a supportbook site: it has no supportbook.yaml (create one with `supportbook init DIR`)",
                p.display()
            ),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Usage(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
