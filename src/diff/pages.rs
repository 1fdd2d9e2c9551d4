//! Pages: published pages added, removed, retitled or moved to another address. A page is the
//! same page when its file is, or else when its address is.

use super::change::{Changes, Effect, Kind};
use super::version::{Context, Version};
use crate::diagnostics::Loc;
use crate::site::Page;
use std::collections::HashMap;

fn published<'v>(v: &'v Version) -> Vec<&'v Page> {
    v.site.pages.iter().filter(|p| !p.draft).collect()
}

/// `/terms/`; `/` for the home page's text.
fn address(p: &Page) -> String {
    if p.is_home() {
        "/".into()
    } else {
        format!("/{}/", p.slug)
    }
}

/// The line of the page's `title`, or its first line.
fn title_loc(v: &Version, p: &Page) -> Loc {
    let path = v.site.root.join("pages").join(&p.source);
    let line = std::fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines()
                .skip(1)
                .take_while(|l| l.trim_end() != "---")
                .position(|l| l.starts_with("title:"))
        })
        .map_or(1, |i| i as u32 + 2);
    Loc::new(p.file, line, 1)
}

pub(super) fn compare(ctx: &Context, out: &mut Changes) {
    let w = ctx.words;
    let (old, new) = (published(ctx.old), published(ctx.new));
    let mut paired_old = vec![false; old.len()];
    let by_source: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(i, o)| (o.source.as_str(), i))
        .collect();
    let mut pairs: Vec<(Option<usize>, usize)> = Vec::new();
    for (j, n) in new.iter().enumerate() {
        let i = by_source.get(n.source.as_str()).copied();
        if let Some(i) = i {
            paired_old[i] = true;
        }
        pairs.push((i, j));
    }
    let mut by_slug: HashMap<&str, usize> = HashMap::new();
    for (i, o) in old.iter().enumerate().filter(|(i, _)| !paired_old[*i]) {
        by_slug.entry(o.slug.as_str()).or_insert(i);
    }
    for pair in pairs.iter_mut().filter(|p| p.0.is_none()) {
        if let Some(i) = by_slug.remove(new[pair.1].slug.as_str()) {
            paired_old[i] = true;
            pair.0 = Some(i);
        }
    }
    for &(i, j) in &pairs {
        let n = new[j];
        // The page file is read again only for a page that changes.
        let place = || ctx.new.place(Some(title_loc(ctx.new, n)));
        let Some(i) = i else {
            out.added(
                Kind::Page,
                Effect::Neutral,
                n.title.clone(),
                address(n),
                place(),
            );
            continue;
        };
        let o = old[i];
        if o.title != n.title {
            out.changed(
                Kind::Page,
                Effect::Neutral,
                address(n),
                (o.title.clone(), n.title.clone()),
                place(),
            );
        }
        if o.slug != n.slug {
            out.changed(
                Kind::Page,
                Effect::Neutral,
                super::words::Words::subject(&[&n.title, &w.word("diff_address")]),
                (address(o), address(n)),
                place(),
            );
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !paired_old[i] {
            let place = ctx.old.place(Some(title_loc(ctx.old, o)));
            out.removed(
                Kind::Page,
                Effect::Neutral,
                o.title.clone(),
                address(o),
                place,
            );
        }
    }
}
