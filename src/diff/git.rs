//! The old version of a site from git: the site folder as it is at a revision, written into a
//! temporary folder by the `git` command (a temporary index: `read-tree` of the folder's tree,
//! then `checkout-index --prefix`, so the repository's own index and work tree are untouched,
//! and the files come out as a checkout would write them). The `git` command, not a library:
//! it is wherever there is a repository to compare against, and costs the binary nothing.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A site folder at a revision, in a temporary folder removed on drop.
pub(crate) struct Checkout {
    _dir: tempfile::TempDir,
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
    let out = cmd.output().map_err(|e| {
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
    let dir = tempfile::Builder::new()
        .prefix("supportbook-diff-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
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
