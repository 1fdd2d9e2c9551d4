//! The shape of the code: data flows one way between the files of `src/` (no file imports one
//! that imports it back, directly or through others, a child its parent included), and one
//! module owns every output path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path (`["render", "pages"]`; empty for the crate root) and its file.
type Modules = BTreeMap<Vec<String>, PathBuf>;

fn modules() -> Modules {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Modules::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            parts.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            parts.pop();
        }
        out.insert(parts, path.to_path_buf());
    }
    out
}

/// The code of a file without its tests and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The path segments after `crate::` / `super::` at the start of `s`, and each item of a
/// `::{a, b::c}` group that follows them.
fn paths_after(s: &str) -> Vec<Vec<String>> {
    let mut segs = Vec::new();
    let mut rest = s;
    loop {
        let id = ident(rest);
        if id.is_empty() {
            break;
        }
        segs.push(id.to_string());
        rest = &rest[id.len()..];
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => return vec![segs],
        }
    }
    let Some(group) = rest.strip_prefix('{') else {
        return vec![segs];
    };
    let group = &group[..group.find('}').unwrap_or(group.len())];
    group
        .split(',')
        .map(|item| {
            let item = item.trim().split(" as ").next().unwrap();
            let mut p = segs.clone();
            if !item.is_empty() && item != "self" {
                p.extend(item.split("::").map(|x| ident(x.trim()).to_string()));
            }
            p
        })
        .collect()
}

/// The longest prefix of `path` that is a module of its own file.
fn resolve(mods: &Modules, path: &[String]) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| mods.contains_key(p))
}

/// Which files each file imports.
fn imports(mods: &Modules) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut edges = BTreeMap::new();
    for (m, file) in mods {
        let text = code(file);
        let is_dir = matches!(
            file.file_stem().and_then(|s| s.to_str()),
            Some("mod" | "lib" | "main")
        );
        let parent: Vec<String> = if is_dir {
            m[..m.len().saturating_sub(1)].to_vec()
        } else {
            m[..m.len() - 1].to_vec()
        };
        let mut deps = BTreeSet::new();
        for (root, base) in [("crate::", Vec::new()), ("super::", parent)] {
            for (i, _) in text.match_indices(root) {
                let before = text[..i].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == ':' {
                    continue;
                }
                for p in paths_after(&text[i + root.len()..]) {
                    let full: Vec<String> = base.iter().cloned().chain(p).collect();
                    deps.extend(resolve(mods, &full).filter(|t| t != m));
                }
            }
        }
        // A parent's uses of its own children (`pages::Job`) count too.
        if is_dir {
            for line in text.lines() {
                let Some(child) = line.trim().strip_prefix("mod ").or_else(|| {
                    line.trim()
                        .strip_prefix("pub mod ")
                        .or_else(|| line.trim().strip_prefix("pub(crate) mod "))
                }) else {
                    continue;
                };
                let child = ident(child);
                let used = text.match_indices(&format!("{child}::")).any(|(i, _)| {
                    let b = text[..i].chars().last().unwrap_or(' ');
                    !(b.is_alphanumeric() || b == '_' || b == ':')
                });
                let mut path = m.clone();
                path.push(child.to_string());
                if used && mods.contains_key(&path) {
                    deps.insert(path);
                }
            }
        }
        edges.insert(m.clone(), deps);
    }
    edges
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("/")
    }
}

/// A cycle through `start`, if there is one.
fn cycle_from(
    edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    start: &Vec<String>,
) -> Option<Vec<String>> {
    let mut stack = vec![(start.clone(), vec![start.clone()])];
    let mut seen = BTreeSet::new();
    while let Some((at, path)) = stack.pop() {
        for next in edges.get(&at).into_iter().flatten() {
            if next == start {
                return Some(path.iter().chain([start]).map(|m| name(m)).collect());
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let mods = modules();
    let edges = imports(&mods);
    assert!(
        edges[&vec!["pipeline".to_string()]].contains(&vec!["render".to_string()]),
        "the import scan finds `use crate::render::…`"
    );
    let cycles: BTreeSet<String> = mods
        .keys()
        .filter_map(|m| cycle_from(&edges, m))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{cycles:#?}");
}

#[test]
fn the_scan_finds_a_cycle_where_there_is_one() {
    let edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = [
        (vec!["a".to_string()], [vec!["b".to_string()]].into()),
        (vec!["b".to_string()], [vec!["a".to_string()]].into()),
    ]
    .into();
    assert_eq!(
        cycle_from(&edges, &vec!["a".to_string()]),
        Some(vec!["a".into(), "b".into(), "a".into()])
    );
    let groups = paths_after("render::{self, Files, input::RenderError};");
    assert_eq!(
        groups,
        vec![
            vec!["render".to_string()],
            vec!["render".into(), "Files".into()],
            vec!["render".into(), "input".into(), "RenderError".into()],
        ]
    );
}

/// Output paths are spelled in `src/paths.rs` only: no second list of them anywhere.
#[test]
fn one_module_owns_the_output_paths() {
    let mods = modules();
    let spellings = [
        "\"index.html\"",
        "index.html\"",
        "\"404.html\"",
        "\"sitemap.xml\"",
        "\"robots.txt\"",
        "\"api/",
        "\"plans/",
        "\"products/",
        "\"routing/",
        "\"contact/",
        "\"calendars/",
        "\"assets/",
        ".ics\"",
        "#contact-",
        "\"cases-",
    ];
    let mut found = Vec::new();
    for (m, file) in &mods {
        if m == &vec!["paths".to_string()] {
            continue;
        }
        let text = code(file);
        for s in spellings {
            if text.contains(s) {
                found.push(format!("{}: {s}", name(m)));
            }
        }
    }
    assert!(
        found.is_empty(),
        "output paths outside src/paths.rs: {found:#?}"
    );
}
