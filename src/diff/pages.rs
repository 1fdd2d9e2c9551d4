//! Pages: published pages added, removed, retitled or moved to another address, in the site's
//! own language and, named with their language, the translations of pages (`terms.de.md`). A
//! page is the same page when its file is, or else when its address is, in the same language.

use super::change::{Changes, Effect, Kind};
use super::version::{Context, Version};
use crate::diagnostics::Loc;
use crate::site::Page;
use std::collections::HashMap;

/// The language of a page: `None` for the site's own, the tag of a translation.
fn language(p: &Page) -> Option<&str> {
    p.translation.as_ref().map(|t| t.language.as_str())
}

fn published<'v>(v: &'v Version, lang: Option<&str>) -> Vec<&'v Page> {
    v.site
        .pages
        .iter()
        .filter(|p| !p.draft && language(p) == lang)
        .collect()
}

/// `/terms/`; `/` for the home page's text; `/de/terms/` for a translation.
fn address(p: &Page) -> String {
    let prefix = language(p).map_or_else(String::new, |l| format!("/{l}"));
    if p.is_home() {
        format!("{prefix}/")
    } else {
        format!("{prefix}/{}/", p.slug)
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
    let mut languages: Vec<&str> = ctx
        .old
        .site
        .pages
        .iter()
        .chain(&ctx.new.site.pages)
        .filter_map(language)
        .collect();
    languages.sort_unstable();
    languages.dedup();
    compare_in(ctx, None, out);
    for l in languages {
        compare_in(ctx, Some(l), out);
    }
}

/// The pages of one language (`None`: the site's own).
fn compare_in(ctx: &Context, lang: Option<&str>, out: &mut Changes) {
    let w = ctx.words;
    let (old, new) = (published(ctx.old, lang), published(ctx.new, lang));
    // A translation is named with its language (`Deutsch · Nutzungsbedingungen`).
    let site = if ctx.new.site.pages.iter().any(|p| language(p) == lang) {
        ctx.new.site
    } else {
        ctx.old.site
    };
    let language_name = lang.map(|l| crate::render::theme::language_name(site, l));
    let titled = |title: &str| match &language_name {
        Some(name) => super::words::Words::subject(&[name, title]),
        None => title.to_string(),
    };
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
                titled(&n.title),
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
                titled(&address(n)),
                (o.title.clone(), n.title.clone()),
                place(),
            );
        }
        if o.slug != n.slug {
            out.changed(
                Kind::Page,
                Effect::Neutral,
                super::words::Words::subject(&[&titled(&n.title), &w.word("diff_address")]),
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
                titled(&o.title),
                address(o),
                place,
            );
        }
    }
}
