//! The old version of a site from git: the site folder as it is at a revision, written into a
//! temporary folder by the `git` command (a temporary index: `read-tree` of the folder's tree,
//! then `checkout-index --prefix`, so the repository's own index and work tree are untouched,
//! and the files come out as a checkout would write them). The `git` command, not a library:
//! it is wherever there is a repository to compare against, and costs the binary nothing.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The temporary folders of this run's checkouts, removed when Ctrl-C stops the run (a
/// signal skips the removal on drop).
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Whether a `git` command is writing (into a checkout) and whether Ctrl-C came meanwhile.
static RUNNING: Mutex<(bool, bool)> = Mutex::new((false, false));

/// On Ctrl-C: remove the checkouts' folders, then exit 130 as a shell reports an interrupted
/// command. While `git` writes into a folder, that waits for it to end (it would write the
/// folder anew after its removal).
fn clean_up_on_interrupt() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            let Ok(mut running) = RUNNING.lock() else {
                return;
            };
            running.1 = true;
            if !running.0 {
                stop();
            }
        });
    });
}

/// Removes the checkouts' folders and exits 130.
fn stop() -> ! {
    let dirs = TEMPORARY.lock().map(|d| d.clone()).unwrap_or_default();
    for dir in dirs {
        let _ = std::fs::remove_dir_all(dir);
    }
    std::process::exit(130);
}

/// Marks `git` as running (or not); a Ctrl-C that came while it ran stops the run now.
fn git_running(yes: bool) {
    if let Ok(mut running) = RUNNING.lock() {
        running.0 = yes;
        if running.1 {
            stop();
        }
    }
}

/// A site folder at a revision, in a temporary folder removed on drop.
pub(crate) struct Checkout {
    _dir: Temporary,
    /// The site folder inside the temporary folder.
    pub site: PathBuf,
    /// `REV:path/in/repo` (`REV:` for a site at the repository's root): how the report
    /// names this version.
    pub label: String,
    /// What a file name of this version starts with: `REV:path/in/repo/`, or `REV:`.
    pub files_prefix: String,
}

/// A fresh folder under the system's temporary folder, removed on drop, and on Ctrl-C: it is
/// listed for the interrupt handler before it is made, so no moment leaves it behind.
struct Temporary(PathBuf);

impl Temporary {
    fn new() -> Result<Temporary> {
        clean_up_on_interrupt();
        let base = std::env::temp_dir();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for n in 0..100u32 {
            let path = base.join(format!(
                "supportbook-diff-{}-{stamp}-{n}",
                std::process::id()
            ));
            if let Ok(mut dirs) = TEMPORARY.lock() {
                dirs.push(path.clone());
            }
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Temporary(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    forget(&path);
                }
                Err(e) => {
                    forget(&path);
                    return Err(Error::io(base, e));
                }
            }
        }
        Err(Error::io(
            base,
            std::io::Error::other("no free name for a temporary folder"),
        ))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
        forget(&self.0);
    }
}

/// Takes a folder off the interrupt handler's list (it is not ours, or it is gone).
fn forget(path: &Path) {
    if let Ok(mut dirs) = TEMPORARY.lock() {
        dirs.retain(|d| d != path);
    }
}

/// Runs git in `dir`; its standard output on success, its complaint otherwise.
fn git(
    dir: &Path,
    args: &[&str],
    index: Option<&Path>,
) -> Result<std::result::Result<String, String>> {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    if let Some(index) = index {
        cmd.env("GIT_INDEX_FILE", index);
    }
    git_running(true);
    let out = cmd.output();
    git_running(false);
    let out = out.map_err(|e| {
        Error::Usage(format!(
            "`--against` needs the `git` command, which could not be run: {e}"
        ))
    })?;
    Ok(if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim_end().to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    })
}

/// Writes the site folder `site` as it is at `rev` into a temporary folder.
pub(crate) fn checkout(site: &Path, rev: &str) -> Result<Checkout> {
    if !site.is_dir() {
        return Err(Error::Usage(format!("{} is not a folder", site.display())));
    }
    let prefix = git(site, &["rev-parse", "--show-prefix"], None)?.map_err(|e| {
        Error::Usage(format!(
            "`--against` compares with a git revision, but {} is not in a git repository ({e})",
            site.display()
        ))
    })?;
    let commit = git(
        site,
        &["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{rev}^{{commit}}")],
        None,
    )?
    .map_err(|_| {
        Error::Usage(format!(
            "`{rev}` is not a revision of the repository of {} (try a branch, a tag or a commit; in CI, fetch it first)",
            site.display()
        ))
    })?;
    // Index paths are the repository's: write them from its top.
    let top = git(site, &["rev-parse", "--show-toplevel"], None)?.map_err(Error::Usage)?;
    let folder = prefix.trim_end_matches('/');
    let tree_spec = format!("{commit}:{folder}");
    let shown = if folder.is_empty() {
        "the repository's root".to_string()
    } else {
        format!("`{folder}`")
    };
    let kind = git(site, &["cat-file", "-t", &tree_spec], None)?;
    if kind.as_deref() != Ok("tree") {
        return Err(Error::Usage(format!(
            "the site folder {shown} does not exist at revision `{rev}`"
        )));
    }
    let dir = Temporary::new()?;
    let index = dir.path().join("index");
    let out = dir.path().join("site");
    let target = format!("--prefix={}/", out.display());
    for args in [
        vec!["read-tree", tree_spec.as_str()],
        vec!["checkout-index", "--all", target.as_str()],
    ] {
        git(Path::new(&top), &args, Some(&index))?
            .map_err(|e| Error::Usage(format!("git could not write the site at `{rev}`: {e}")))?;
    }
    if !out.is_dir() {
        std::fs::create_dir_all(&out).map_err(|e| Error::io(&out, e))?;
    }
    Ok(Checkout {
        _dir: dir,
        site: out,
        label: format!("{rev}:{folder}"),
        files_prefix: if folder.is_empty() {
            format!("{rev}:")
        } else {
            format!("{rev}:{folder}/")
        },
    })
}
