//! `serve`: a live preview that drives the same pipeline as `build` on every edit, into
//! memory, and reloads open pages when the new version is in place. Data flows one way:
//! `watch` says what changed, `preview` rebuilds (with `overlay` for errors), `http` serves
//! the preview and `live`'s event streams; this module wires them together, and builds the
//! search index on a thread of its own once an edit's pages are served.

mod http;
mod live;
mod overlay;
mod preview;
mod watch;

use crate::error::{Error, Result};
use preview::Preview;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

pub(crate) struct Options {
    pub site: PathBuf,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    /// Poll the file system instead of using its change events.
    pub poll: bool,
}

pub(crate) fn run(opts: &Options) -> Result<ExitCode> {
    let site = crate::site::load(&opts.site)?; // fail early (exit 2) when it is not a site
    if opts.bind != "127.0.0.1" && opts.bind != "localhost" && opts.bind != "::1" {
        eprintln!(
            "warning: serving on {}: other machines on the network can see the preview",
            opts.bind
        );
    }
    let (listener, port) =
        http::bind(&opts.bind, opts.port).map_err(|e| Error::Usage(e.to_string()))?;
    let host = if opts.bind.contains(':') {
        format!("[{}]", opts.bind)
    } else {
        opts.bind.clone()
    };
    let url = format!("http://{host}:{port}/");
    let preview = Arc::new(Preview::new(&opts.site, url.clone()));
    // Before the first build, which may read versions from git into a temporary folder.
    stop_on_ctrl_c();
    let built = preview.rebuild(None);
    let mut index = None;
    preview.refresh_index(|o| index = Some(o.clone()));
    report("built", &built, index.as_ref());
    let scope = watch::Scope {
        root: site.root.clone(),
        theme: theme_dir(&site),
        output: site.root.join(
            site.config
                .as_ref()
                .map_or(PathBuf::from("public"), |c| c.output_dir.clone()),
        ),
    };
    let watcher = watch::start(&scope, opts.poll)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", site.root.display())))?;
    let hub = Arc::new(live::Hub::default());
    hub.clone().keep_alive(Duration::from_secs(5));
    let indexer = start_indexer(preview.clone());
    {
        let (preview, hub) = (preview.clone(), hub.clone());
        std::thread::spawn(move || {
            let Err(e) = http::serve(listener, preview, hub);
            eprintln!("error: the preview cannot serve: {e}");
            std::process::exit(2);
        });
    }
    crate::out::log(&format!(
        "serving {} at {url} (Ctrl-C to stop)",
        opts.site.display()
    ));
    if opts.open {
        open_browser(&url);
    }
    let mut next = None;
    while let Some(batch) = next.take().or_else(|| watcher.events.recv().ok()) {
        let changes = gather(&scope, batch, &watcher.events);
        if !changes.is_empty() {
            // An index being built stops for the rebuild, or is not served if it is past
            // gathering its words.
            let mut o = preview.rebuild(Some(&changes));
            hub.broadcast(&preview.state_event());
            if preview.index_due() {
                o.summary.push_str("; search index follows");
            }
            report(&describe(&changes), &o, None);
        }
        // The search index once the pages are served, unless more edits are already waiting
        // (their rebuild comes first, and the index after it).
        match watcher.events.try_recv() {
            Ok(more) => next = Some(more),
            Err(_) => {
                let _ = indexer.send(());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The thread that brings the search index up to date whenever it is asked to (asks made while
/// it builds are one), with a pool of threads of its own: the rebuild of an edit that comes
/// meanwhile finds the shared pool free, not busy with the index's work.
fn start_indexer(preview: Arc<Preview>) -> mpsc::Sender<()> {
    let (ask, asked) = mpsc::channel::<()>();
    // Without threads to spare, the shared pool does.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("search-index-{i}"))
        .start_handler(|_| yield_to_rebuilds())
        .build()
        .ok();
    std::thread::spawn(move || {
        while asked.recv().is_ok() {
            while asked.try_recv().is_ok() {}
            let refresh = || preview.refresh_index(|o| report("search index", o, None));
            match &pool {
                Some(pool) => pool.install(refresh),
                None => refresh(),
            }
        }
    });
    ask
}

/// Lowers the calling thread's priority (nice 10), so that while the index is built aside a
/// rebuild's threads get the processor first; the index still has it whenever it is free.
#[cfg(target_os = "linux")]
fn yield_to_rebuilds() {
    // SAFETY: `setpriority` only reads its arguments; on Linux `who` 0 with `PRIO_PROCESS` is
    // the calling thread alone (the nice value is a thread's).
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn yield_to_rebuilds() {}

/// The changes of a batch of events, plus, when it changes several files (a checkout or a
/// save-all is under way), of every batch that follows within a moment: one burst of saves,
/// one rebuild. A single saved file is rebuilt at once.
fn gather(
    scope: &watch::Scope,
    first: notify_debouncer_full::DebounceEventResult,
    more: &std::sync::mpsc::Receiver<notify_debouncer_full::DebounceEventResult>,
) -> std::collections::BTreeSet<watch::Change> {
    // A batch the watcher could not deliver may have held any change.
    let classify = |batch: notify_debouncer_full::DebounceEventResult| match batch {
        Ok(events) => watch::classify(scope, &events),
        Err(_) => [watch::Change::Everything].into(),
    };
    let mut changes = classify(first);
    if changes.len() > 1 {
        while let Ok(batch) = more.recv_timeout(Duration::from_millis(40)) {
            changes.extend(classify(batch));
        }
    }
    changes
}

/// One line for a rebuild: what changed, whether it built, in how long (until its pages were
/// served), and the search index that followed, if any.
fn report(what: &str, o: &preview::Outcome, index: Option<&preview::Outcome>) {
    let status = |o: &preview::Outcome| if o.ok { "ok" } else { "FAILED" };
    let mut line = format!("{what}: {} in {} ms ({})", status(o), o.millis, o.summary);
    if let Some(i) = index {
        line.push_str(&format!(
            "; search index: {} in {} ms ({})",
            status(i),
            i.millis,
            i.summary
        ));
    }
    crate::out::log(&line);
    // `serve --timings`: the stages since the last report (empty when the profile is off).
    eprint!("{}", crate::timings::report());
}

fn describe(changes: &std::collections::BTreeSet<watch::Change>) -> String {
    let names: Vec<String> = changes
        .iter()
        .take(3)
        .map(|c| match c {
            watch::Change::Static(p) => format!("static/{p}"),
            watch::Change::Page(p) => format!("pages/{p}"),
            watch::Change::Templates => "templates".into(),
            watch::Change::Catalogue => "catalogue".into(),
            watch::Change::Everything => "every file (the watcher may have missed events)".into(),
        })
        .collect();
    let more = changes.len().saturating_sub(3);
    if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    }
}

/// A theme folder named by the site (relative to it), when it is not the built-in theme.
fn theme_dir(site: &crate::site::Site) -> Option<PathBuf> {
    let theme = site.config.as_ref()?.theme.as_ref()?;
    (theme != "default").then(|| site.root.join(theme))
}

/// Ctrl-C exits at once: the preview lives in memory, so nothing of the user's is touched; the
/// only thing to clean up is a temporary folder of a version being read from git (`changes`).
fn stop_on_ctrl_c() {
    let _ = ctrlc::set_handler(move || {
        crate::diff::git::remove_temporary();
        crate::out::log("stopped");
        std::process::exit(0);
    });
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}
