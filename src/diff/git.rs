//! The old version of a site from git: the site folder as it is at a revision, written into a
//! temporary folder by the `git` command (a temporary index: `read-tree` of the folder's tree,
//! then `checkout-index --prefix`, so the repository's own index and work tree are untouched,
//! and the files come out as a checkout would write them). The `git` command, not a library:
//! it is wherever there is a repository to compare against, and costs the binary nothing.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Whether a `git` command is writing (into a checkout) and whether Ctrl-C came meanwhile.
static RUNNING: Mutex<(bool, bool)> = Mutex::new((false, false));

/// Marks `git` as running (or not); a Ctrl-C that came while it ran stops the run now.
fn git_running(yes: bool) {
    if let Ok(mut running) = RUNNING.lock() {
        running.0 = yes;
        if running.1 {
            stop();
        }
    }
}

/// Removes the temporary folders and exits 130, as a shell reports an interrupted command.
fn stop() -> ! {
    remove_temporary();
    std::process::exit(130);
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
    let dir = Temporary::new("supportbook-diff-")?;
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

// Published changes (spec section 15): the repository's tags, and a temporary checkout of the
// site that moves from one tagged commit to the next writing only the files that differ.

/// Temporary folders made for versions from git, removed on Ctrl-C (see [`remove_temporary`]).
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary folders still in use, for a process stopped by Ctrl-C (their
/// `TempDir`s are not dropped then). Called by every Ctrl-C handler.
pub(crate) fn remove_temporary() {
    let dirs = match TEMPORARY.lock() {
        Ok(mut d) => std::mem::take(&mut *d),
        Err(p) => std::mem::take(&mut *p.into_inner()),
    };
    for d in dirs {
        let _ = std::fs::remove_dir_all(d);
    }
}

/// A Ctrl-C handler for the commands that write temporary folders (`build`, `check`, `diff`):
/// it removes them and exits 130, as a shell reports an interrupted command. While `git`
/// writes into a folder, that waits for it to end (it would write the folder anew after its
/// removal). `serve` sets its own handler, which calls [`remove_temporary`] too.
pub(crate) fn clean_up_on_ctrl_c() {
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

/// A temporary folder, registered for removal on Ctrl-C while it lives.
pub(crate) struct Temporary {
    dir: Option<tempfile::TempDir>,
}

impl Temporary {
    pub(crate) fn new(prefix: &str) -> Result<Temporary> {
        Temporary::new_in(prefix, &std::env::temp_dir())
    }

    /// A temporary folder in memory where the system has one (`/dev/shm`) and `TMPDIR` does
    /// not say otherwise: writing a large site's files there costs a sixth of the CPU time
    /// (a `large` checkout: 0.13 s instead of 0.87 s, mostly the kernel's).
    pub(crate) fn in_memory(prefix: &str) -> Result<Temporary> {
        let shm = Path::new("/dev/shm");
        if std::env::var_os("TMPDIR").is_none()
            && shm.is_dir()
            && let Ok(t) = Temporary::new_in(prefix, shm)
        {
            return Ok(t);
        }
        Temporary::new(prefix)
    }

    fn new_in(prefix: &str, base: &Path) -> Result<Temporary> {
        clean_up_on_ctrl_c();
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir_in(base)
            .map_err(|e| Error::io(base, e))?;
        if let Ok(mut d) = TEMPORARY.lock() {
            d.push(dir.path().to_path_buf());
        }
        Ok(Temporary { dir: Some(dir) })
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.as_ref().expect("until dropped").path()
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            if let Ok(mut d) = TEMPORARY.lock() {
                d.retain(|p| p != dir.path());
            }
            let _ = dir.close();
        }
    }
}

/// Why the history of a site cannot be read from git.
#[derive(Debug)]
pub(crate) enum GitError {
    /// The `git` command could not be run.
    Missing(String),
    /// The site folder is not in a git repository.
    NotARepository(String),
    /// git failed.
    Failed(String),
}

/// A site folder in its git repository.
pub(crate) struct Repository {
    /// The repository's top folder.
    pub top: PathBuf,
    /// The site folder's path in the repository (`content-example`; empty at its root).
    pub folder: String,
}

/// One tag of the repository that names a commit.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    /// The tag's name (`terms-2026-01`), as git stores it.
    pub name: String,
    /// The tagged commit's object id.
    pub commit: String,
    /// The tagged commit's committer date (seconds since 1970, UTC).
    pub committed: i64,
    /// The tag's annotation; `None` for a lightweight tag.
    pub annotation: Option<String>,
}

/// Runs git for the history; its standard output on success.
fn run_git(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &Path)],
) -> std::result::Result<Vec<u8>, GitError> {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    // git must not ask anything (no terminal prompt), nor read a pager or editor.
    cmd.env("GIT_TERMINAL_PROMPT", "0").env("GIT_PAGER", "cat");
    cmd.stdin(std::process::Stdio::null());
    git_running(true);
    let out = cmd.output();
    git_running(false);
    let out = out.map_err(|e| {
        GitError::Missing(format!(
            "`changes` reads the site's versions from git, but the `git` command could not be run: {e}"
        ))
    })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(GitError::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    }
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim_end().to_string()
}

/// The repository the site folder is in.
pub(crate) fn repository(site: &Path) -> std::result::Result<Repository, GitError> {
    if !site.is_dir() {
        return Err(GitError::NotARepository(format!(
            "{} is not a folder",
            site.display()
        )));
    }
    let inside = run_git(site, &["rev-parse", "--show-prefix"], &[]).map_err(|e| match e {
        GitError::Failed(why) => GitError::NotARepository(why),
        e => e,
    })?;
    let top = text(run_git(site, &["rev-parse", "--show-toplevel"], &[])?);
    Ok(Repository {
        top: PathBuf::from(top),
        folder: text(inside).trim_end_matches('/').to_string(),
    })
}

impl Repository {
    /// Every tag that names a commit (directly or through its annotation), by name. Tag names
    /// are read, never passed to git.
    pub(crate) fn tags(&self) -> std::result::Result<Vec<Tag>, GitError> {
        // Fields end with NUL (which no name or message holds); git ends each ref with a newline.
        let format = "--format=%(refname)%00%(objecttype)%00%(objectname)%00%(committerdate:unix)%00%(*objecttype)%00%(*objectname)%00%(*committerdate:unix)%00%(contents)%00";
        let out = run_git(
            &self.top,
            &["for-each-ref", "--sort=refname", format, "refs/tags/"],
            &[],
        )?;
        let out = String::from_utf8_lossy(&out);
        let fields: Vec<&str> = out.split('\0').collect();
        let mut tags = Vec::new();
        for f in fields.chunks_exact(8) {
            let refname = f[0].strip_prefix('\n').unwrap_or(f[0]);
            let Some(name) = refname.strip_prefix("refs/tags/") else {
                continue;
            };
            let (commit, date, annotation) = match (f[1], f[4]) {
                ("commit", _) => (f[2], f[3], None),
                ("tag", "commit") => (f[5], f[6], Some(f[7].to_string())),
                _ => continue,
            };
            tags.push(Tag {
                name: name.to_string(),
                commit: commit.to_string(),
                committed: date.trim().parse().unwrap_or(0),
                annotation,
            });
        }
        tags.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tags)
    }

    /// The committer date of the newest commit (`HEAD`), when there is one.
    pub(crate) fn head_date(&self) -> Option<i64> {
        let out = run_git(&self.top, &["log", "-1", "--format=%ct", "HEAD", "--"], &[]).ok()?;
        text(out).trim().parse().ok()
    }

    /// Whether the site folder exists at a commit.
    fn has_site(&self, commit: &str) -> std::result::Result<bool, GitError> {
        let spec = format!("{commit}:{}", self.folder);
        match run_git(
            &self.top,
            &["cat-file", "-t", "--end-of-options", &spec],
            &[],
        ) {
            Ok(kind) => Ok(text(kind) == "tree"),
            Err(GitError::Failed(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// The site folder at one commit after another, in one temporary folder: the first commit is
/// written whole, each next one by git's two-tree merge, which writes only the files that
/// differ. The repository's own index and work tree are never touched.
pub(crate) struct Worktree<'r> {
    repo: &'r Repository,
    dir: Temporary,
    /// The commit whose site folder is written, if any.
    at: Option<String>,
}

impl<'r> Worktree<'r> {
    pub(crate) fn new(repo: &'r Repository) -> Result<Worktree<'r>> {
        let dir = Temporary::in_memory("supportbook-changes-")?;
        let site = dir.path().join("site");
        std::fs::create_dir_all(&site).map_err(|e| Error::io(&site, e))?;
        Ok(Worktree {
            repo,
            dir,
            at: None,
        })
    }

    /// The site folder as last written.
    pub(crate) fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Writes the site folder as it is at `commit` (an object id); `Ok(false)` when the
    /// commit has no such folder.
    pub(crate) fn switch(&mut self, commit: &str) -> std::result::Result<bool, GitError> {
        if self.at.as_deref() == Some(commit) {
            return Ok(true);
        }
        if !self.repo.has_site(commit)? {
            return Ok(false);
        }
        let index = self.dir.path().join("index");
        let work = format!("--work-tree={}", self.site().display());
        let tree = format!("{commit}:{}", self.repo.folder);
        let env = [("GIT_INDEX_FILE", index.as_path())];
        match &self.at {
            None => {
                run_git(
                    &self.repo.top,
                    &["read-tree", "--end-of-options", &tree],
                    &env,
                )?;
                run_git(
                    &self.repo.top,
                    &[&work, "checkout-index", "--all", "--force", "-u"],
                    &env,
                )?;
            }
            Some(old) => {
                let from = format!("{old}:{}", self.repo.folder);
                run_git(
                    &self.repo.top,
                    &[
                        &work,
                        "read-tree",
                        "-m",
                        "-u",
                        "--end-of-options",
                        &from,
                        &tree,
                    ],
                    &env,
                )?;
            }
        }
        self.at = Some(commit.to_string());
        Ok(true)
    }
}
