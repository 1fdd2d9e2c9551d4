//! The site's own files, which customers get as they are: `static/` (a logo, a PDF), template
//! overrides (`templates/`) and a theme folder (`theme` in `supportbook.yaml`); each added,
//! removed or changed, by path. What a template change does to every page is not worked out:
//! the reviewer is told which file to read, located at its first changed line.

use super::change::{Action, Change, Changes, Effect, Kind, Place};
use super::version::{Context, Version};
use std::collections::BTreeSet;
use std::path::Path;

/// The files of a version the comparison covers: paths under the site folder, `/`-separated.
fn files(v: &Version) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = v
        .site
        .static_files
        .iter()
        .map(|f| format!("static/{f}"))
        .collect();
    out.extend(
        v.site
            .templates
            .iter()
            .map(|(f, _)| format!("templates/{f}")),
    );
    if let Some(theme) = v.config.theme.as_deref().filter(|t| *t != "default") {
        let root = v.site.root.join(theme);
        for e in walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            if let Ok(rel) = e.path().strip_prefix(&v.site.root) {
                out.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// The first line where two texts differ (1 for files that are not text).
fn first_changed_line(old: &[u8], new: &[u8]) -> u32 {
    let (Ok(a), Ok(b)) = (std::str::from_utf8(old), std::str::from_utf8(new)) else {
        return 1;
    };
    let same = a.lines().zip(b.lines()).take_while(|(x, y)| x == y).count();
    same as u32 + 1
}

fn read(root: &Path, rel: &str) -> Option<Vec<u8>> {
    std::fs::read(root.join(rel)).ok()
}

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    let w = ctx.words;
    let (old, new) = (files(ctx.old), files(ctx.new));
    let place = |v: &Version, rel: &str, line: u32| {
        Some(Place {
            file: v.file(rel),
            line,
        })
    };
    for rel in &new {
        if !old.contains(rel) {
            out.added(
                Kind::File,
                Effect::Neutral,
                rel.clone(),
                String::new(),
                place(ctx.new, rel, 1),
            );
            continue;
        }
        let (Some(a), Some(b)) = (read(&ctx.old.site.root, rel), read(&ctx.new.site.root, rel))
        else {
            continue;
        };
        if a != b {
            out.push(Change {
                kind: Kind::File,
                action: Action::Changed,
                effect: Effect::Neutral,
                subject: rel.clone(),
                before: None,
                after: Some(w.word("diff_changed_cell")),
                summary: w.fill("diff_file_changed", &[("file", rel)]),
                details: Vec::new(),
                place: place(ctx.new, rel, first_changed_line(&a, &b)),
                cases: None,
            });
        }
    }
    for rel in old.difference(&new) {
        out.removed(
            Kind::File,
            Effect::Neutral,
            rel.clone(),
            String::new(),
            place(ctx.old, rel, 1),
        );
    }
}
