//! Watching the site for edits: one debounced stream of file events (an editor's
//! save-by-rename, or a `git checkout` of fifty files, is one batch), sorted into what changed
//! (settings, catalogue, a page, a static file, templates). Reads, the output folder, hidden
//! files and editor temporary files are ignored; a folder created after start is rescanned.

use crate::site::{is_ignored, is_junk};
use notify::EventKind;
use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, RecommendedCache, new_debouncer_opt,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// What an edit touched, from the cheapest to rebuild to the dearest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Change {
    /// A file under `static/` (path under it).
    Static(String),
    /// A Markdown page (path under `pages/`).
    Page(String),
    /// A template override or a theme file.
    Templates,
    /// `supportbook.yaml` or a catalogue file.
    Catalogue,
    /// The watcher may have missed events (its queue overflowed, or it failed): every file is
    /// read again.
    Everything,
}

/// The folders watched and the ones to ignore.
pub(super) struct Scope {
    pub root: PathBuf,
    pub theme: Option<PathBuf>,
    pub output: PathBuf,
}

/// Keeps the watcher alive; batches of events arrive on `events`.
pub(super) struct Watch {
    _debouncer: Box<dyn std::any::Any + Send>,
    pub events: Receiver<DebounceEventResult>,
}

const DEBOUNCE: Duration = Duration::from_millis(15);

pub(super) fn start(scope: &Scope, poll: bool) -> notify::Result<Watch> {
    let (tx, events) = channel();
    let mut roots = vec![scope.root.clone()];
    roots.extend(scope.theme.clone().filter(|t| !t.starts_with(&scope.root)));
    let debouncer: Box<dyn std::any::Any + Send> = if poll {
        // Modification times are compared in whole seconds, so contents are compared too.
        let config = notify::Config::default()
            .with_follow_symlinks(false)
            .with_poll_interval(Duration::from_millis(300))
            .with_compare_contents(true);
        let mut d = new_debouncer_opt::<_, notify::PollWatcher, _>(
            DEBOUNCE,
            None,
            tx,
            notify_debouncer_full::NoCache,
            config,
        )?;
        for r in &roots {
            d.watch(r, RecursiveMode::Recursive)?;
        }
        Box::new(d)
    } else {
        // Links are not followed: a link to `/` under static/ must not have the whole file
        // system watched.
        let config = notify::Config::default().with_follow_symlinks(false);
        let mut d = new_debouncer_opt::<_, notify::RecommendedWatcher, _>(
            DEBOUNCE,
            None,
            tx,
            RecommendedCache::new(),
            config,
        )?;
        for r in &roots {
            d.watch(r, RecursiveMode::Recursive)?;
        }
        Box::new(d)
    };
    Ok(Watch {
        _debouncer: debouncer,
        events,
    })
}

/// Sorts a batch of events into changes.
pub(super) fn classify(scope: &Scope, events: &[DebouncedEvent]) -> BTreeSet<Change> {
    let mut out = BTreeSet::new();
    for e in events {
        if e.need_rescan() {
            out.insert(Change::Everything);
        }
        if matches!(e.kind, EventKind::Access(_)) {
            continue;
        }
        for path in &e.paths {
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            if link {
                // A link is no source (the site's loader skips links too): never followed,
                // never walked (a link to `/` would be the whole file system). Its path is
                // still a change, so a file replaced by a link stops being served.
                out.extend(change_of(scope, path));
                continue;
            }
            if path.is_dir() {
                // A folder that appeared (or was renamed in): its files may predate the watch.
                for file in walkdir::WalkDir::new(path)
                    .into_iter()
                    .flatten()
                    .filter(|f| f.file_type().is_file())
                {
                    out.extend(change_of(scope, file.path()));
                }
            } else {
                out.extend(change_of(scope, path));
            }
        }
    }
    out
}

fn change_of(scope: &Scope, path: &Path) -> Option<Change> {
    if path.starts_with(&scope.output) || is_junk(path) {
        return None;
    }
    if let Some(theme) = &scope.theme
        && path.starts_with(theme)
    {
        return (!is_ignored(path)).then_some(Change::Templates);
    }
    let rel = path.strip_prefix(&scope.root).ok()?;
    // Hidden files are sources only under static/ (`.well-known/`), as the site's loader reads.
    let in_static = rel.starts_with("static");
    if rel.components().any(|c| {
        let part = Path::new(c.as_os_str());
        if in_static {
            is_junk(part)
        } else {
            is_ignored(part)
        }
    }) {
        return None;
    }
    let mut parts = rel.components();
    let top = parts.next()?.as_os_str().to_string_lossy().into_owned();
    let rest = parts.as_path().to_string_lossy().replace('\\', "/");
    match top.as_str() {
        "supportbook.yaml" => Some(Change::Catalogue),
        "catalogue" | "translations" => Some(Change::Catalogue),
        "templates" => Some(Change::Templates),
        "pages" if rest.ends_with(".md") => Some(Change::Page(rest)),
        "static" if !rest.is_empty() => Some(Change::Static(rest)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::Flag;

    #[test]
    fn events_the_watcher_may_have_missed_are_a_change_of_everything() {
        let scope = Scope {
            root: PathBuf::from("/site"),
            theme: None,
            output: PathBuf::from("/site/public"),
        };
        let overflow = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        let events = [DebouncedEvent::new(overflow, std::time::Instant::now())];
        assert_eq!(
            classify(&scope, &events),
            BTreeSet::from([Change::Everything])
        );
        let saved = notify::Event::new(EventKind::Modify(notify::event::ModifyKind::Any))
            .add_path(PathBuf::from("/site/pages/faq.md"));
        let events = [DebouncedEvent::new(saved, std::time::Instant::now())];
        assert_eq!(
            classify(&scope, &events),
            BTreeSet::from([Change::Page("faq.md".into())])
        );
    }
}
