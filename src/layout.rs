//! The output folder's layout, known before anything is written: every file a build writes (the
//! catalogue's pages and data, the theme's assets, the Markdown pages, the site's `static/`
//! files), and a located error for each of the site's files that cannot be written beside the
//! others, so that whatever `check` passes, `build` can write.

use crate::diagnostics::{Code, Diagnostic, Files, Loc};
use crate::paths::{self, Owner};
use crate::site::Page;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Who writes a file of the output.
#[derive(Clone, Debug)]
enum Writer {
    Portal(Owner),
    Page { source: String, loc: Loc },
    Static { rel: String, loc: Loc },
}

impl Writer {
    fn describe(&self) -> String {
        match self {
            Writer::Portal(Owner::Asset) => "a file of the theme".into(),
            Writer::Portal(_) => "a file supportbook writes itself".into(),
            Writer::Page { source, .. } => format!("page `pages/{source}`"),
            Writer::Static { rel, .. } => format!("the static file `static/{rel}`"),
        }
    }

    /// Where the user can fix a collision this writer is part of (`None` for the portal's own).
    fn loc(&self) -> Option<Loc> {
        match self {
            Writer::Portal(_) => None,
            Writer::Page { loc, .. } | Writer::Static { loc, .. } => Some(*loc),
        }
    }

    fn help(&self) -> &'static str {
        match self {
            Writer::Page { .. } => "give the page another `slug`",
            _ => "rename or move the file in `static/`",
        }
    }
}

/// What the layout is made of.
pub(crate) struct Parts<'a> {
    pub generated: BTreeMap<String, Owner>,
    /// The pages that are published, each in its language's folder.
    pub pages: Vec<Placed<'a>>,
    /// Paths under `static/`.
    pub static_files: &'a [String],
}

/// A page and the folder of its language's portal (`en/`, or empty).
pub(crate) struct Placed<'a> {
    pub page: &'a Page,
    pub prefix: String,
}

/// Every output file path of the site.
pub(crate) struct Layout {
    files: BTreeSet<String>,
    /// Folders every file of which the portal writes (`api/finder/`).
    reserved: Vec<String>,
}

impl Layout {
    /// The layout of `parts`; each site file that collides with another is reported in `out`
    /// and left out. Static files are named in `files` for their locations.
    pub(crate) fn new(
        parts: Parts,
        site: &Path,
        files: &mut Files,
        out: &mut Vec<Diagnostic>,
    ) -> Layout {
        let mut writers: BTreeMap<String, Writer> = BTreeMap::new();
        let mut reserved = Vec::new();
        for (path, owner) in parts.generated {
            if path.ends_with('/') {
                reserved.push(path);
            } else {
                writers.insert(path, Writer::Portal(owner));
            }
        }
        let mut layout = Layout {
            files: BTreeSet::new(),
            reserved,
        };
        for rel in parts.static_files {
            let file = files.add(&Files::display_path(site, &Path::new("static").join(rel)));
            let writer = Writer::Static {
                rel: rel.clone(),
                loc: Loc::new(file, 1, 1),
            };
            layout.add(&mut writers, rel.clone(), writer, out);
        }
        for Placed { page: p, prefix } in parts.pages {
            let writer = Writer::Page {
                source: p.source.clone(),
                loc: p.slug_loc,
            };
            let file = format!("{prefix}{}", paths::Place::Page(&p.slug).file());
            layout.add(&mut writers, file, writer, out);
        }
        layout.check_folders(&writers, out);
        layout.files.extend(writers.into_keys());
        layout
    }

    /// Adds a site file at `path`, unless something else is written there.
    fn add(
        &self,
        writers: &mut BTreeMap<String, Writer>,
        path: String,
        writer: Writer,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(folder) = self.reserved.iter().find(|r| path.starts_with(r.as_str())) {
            out.push(collision(
                &writer,
                &path,
                format!("supportbook writes every file of `{folder}` itself"),
            ));
            return;
        }
        match writers.get(&path) {
            // A static file may replace one of the theme's assets.
            Some(Writer::Portal(Owner::Asset)) if matches!(writer, Writer::Static { .. }) => {
                writers.insert(path, writer);
            }
            Some(other) => out.push(collision(
                &writer,
                &path,
                format!("{} is written there", other.describe()),
            )),
            None => {
                writers.insert(path, writer);
            }
        }
    }

    /// A file where another file needs a folder (`static/plans` beside `plans/index.html`).
    fn check_folders(&self, writers: &BTreeMap<String, Writer>, out: &mut Vec<Diagnostic>) {
        let mut folders: BTreeMap<&str, &Writer> = BTreeMap::new();
        for (path, w) in writers {
            let mut rest = path.as_str();
            while let Some((dir, _)) = rest.rsplit_once('/') {
                folders.entry(dir).or_insert(w);
                rest = dir;
            }
        }
        for reserved in &self.reserved {
            folders
                .entry(reserved.trim_end_matches('/'))
                .or_insert(&Writer::Portal(Owner::FinderData));
        }
        for (path, w) in writers {
            let Some(inside) = folders.get(path.as_str()) else {
                continue;
            };
            // Report it at the user's file: the file itself, or the one that needs the folder.
            let (blame, other) = if w.loc().is_some() {
                (w, *inside)
            } else {
                (*inside, w)
            };
            let why = format!(
                "`{path}` must be a folder for {} but is a file of {}",
                other.describe(),
                w.describe()
            );
            out.push(collision(blame, path, why));
        }
    }

    /// Whether a link's target (`plans/`, `terms/index.html`, `logo.svg`) exists.
    pub(crate) fn has(&self, path: &str) -> bool {
        let bare = path.trim_end_matches('/');
        self.files.contains(bare)
            || self
                .files
                .contains(&paths::index_file(&paths::page_dir(bare)))
    }
}

fn collision(writer: &Writer, path: &str, why: String) -> Diagnostic {
    let what = match writer {
        Writer::Page { source, .. } => {
            format!("page `pages/{source}` would be written to `{path}`")
        }
        _ => format!("{} would be written to `{path}`", writer.describe()),
    };
    let code = match writer {
        Writer::Page { .. } => Code::DuplicatePage,
        _ => Code::StaticCollision,
    };
    Diagnostic::error(code, writer.loc(), format!("{what}, which is taken: {why}"))
        .with_help(writer.help())
}
