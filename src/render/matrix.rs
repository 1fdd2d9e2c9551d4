//! One product's routing matrix as the product page shows it: per issue type, the sub-cases
//! (severity × plan, where the rules use them) grouped by identical outcome, each group's
//! conditions stated compactly ("Severity: A · Plan: Premium, Enterprise").

use super::markdown::MarkdownUrls;
use super::outcomes::Outcomes;
use super::views::{Model, Stage, stage};
use crate::routing::{Dim, Matrix, named};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub(super) struct IssueRows {
    pub id: String,
    pub name: String,
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub(super) struct Row {
    /// One line per box of sub-cases; empty: every case of this issue type.
    pub conditions: Vec<String>,
    pub covered: bool,
    pub note_html: Option<String>,
    pub first: Option<Stage>,
    pub escalations: Vec<Stage>,
}

/// Per dimension, a set of value indices.
type Box_ = Vec<Vec<usize>>;

/// The sub-cases (severity × plan, where the rules use them) of one issue type of one product:
/// where they lie in the matrix.
fn sub_cases(m: &Matrix, p: usize, i: usize) -> std::ops::Range<usize> {
    let per_issue: usize = m.space.sizes.get(2..).unwrap_or_default().iter().product();
    let base = (p * m.space.len(Dim::Issue) + i) * per_issue;
    base..base + per_issue
}

/// What one issue type's rows of a product depend on: the outcome of each sub-case and the
/// product's vendor (named by vendor stages). Products with equal keys show equal rows.
#[derive(PartialEq, Eq, Hash)]
pub(super) struct IssueKey {
    issue: usize,
    outcomes: Vec<u32>,
    vendor: Option<String>,
}

pub(super) fn issue_key(model: &Model, o: &Outcomes, m: &Matrix, p: usize, i: usize) -> IssueKey {
    let product = m.space.value(Dim::Product, p);
    IssueKey {
        issue: i,
        outcomes: sub_cases(m, p, i)
            .map(|case| o.number(m.decision(case)))
            .collect(),
        vendor: model.cat.product(product).and_then(|x| x.vendor.clone()),
    }
}

/// The rows of issue type number `i` of product number `p` (indices in the routing space): one
/// per outcome, in order of first appearance.
pub(super) fn issue_rows(model: &Model, o: &Outcomes, m: &Matrix, p: usize, i: usize) -> IssueRows {
    let cat = model.cat;
    let space = &m.space;
    let product = space.value(Dim::Product, p);
    let sub_sizes: Vec<usize> = space.sizes.get(2..).unwrap_or_default().to_vec();
    let cases = sub_cases(m, p, i);
    let per_issue = cases.len();
    let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
    for (k, case) in cases.enumerate() {
        let n = o.number(m.decision(case));
        match groups.iter_mut().find(|g| g.0 == n) {
            Some(g) => g.1.push(k),
            None => groups.push((n, vec![k])),
        }
    }
    let rows = groups
        .into_iter()
        .map(|(n, cells)| {
            let outcome = o.get(n);
            let conditions = if cells.len() == per_issue {
                Vec::new()
            } else {
                let coords: Vec<Vec<usize>> = cells.iter().map(|&k| split(k, &sub_sizes)).collect();
                boxes(&coords)
                    .iter()
                    .map(|b| describe(model, m, b))
                    .collect()
            };
            let mut stages = outcome
                .path
                .iter()
                .filter_map(|id| cat.tier(id))
                .map(|tier| stage(cat, model.t, &model.urls, tier, Some(product)));
            Row {
                conditions,
                covered: outcome.covered,
                note_html: model.links.md(outcome.note, 4),
                first: stages.next(),
                escalations: stages.collect(),
            }
        })
        .collect();
    IssueRows {
        id: space.value(Dim::Issue, i).to_string(),
        name: issue_name(model, m, i),
        rows,
    }
}

/// The name of issue type number `i`.
pub(super) fn issue_name(model: &Model, m: &Matrix, i: usize) -> String {
    named(model.cat, &m.space, Dim::Issue, i).name.to_string()
}

/// A sub-case number to its coordinates (last dimension fastest).
fn split(mut k: usize, sizes: &[usize]) -> Vec<usize> {
    let mut c = vec![0; sizes.len()];
    for (i, s) in sizes.iter().enumerate().rev() {
        c[i] = k % s.max(&1);
        k /= s.max(&1);
    }
    c
}

/// Covers a set of cells with boxes: values of the first dimension whose remaining cells
/// compact to the same boxes are merged.
fn boxes(cells: &[Vec<usize>]) -> Vec<Box_> {
    let Some(first) = cells.first() else {
        return Vec::new();
    };
    if first.is_empty() {
        return vec![Vec::new()];
    }
    let mut by_value: BTreeMap<usize, Vec<Vec<usize>>> = BTreeMap::new();
    for c in cells {
        by_value.entry(c[0]).or_default().push(c[1..].to_vec());
    }
    let mut merged: Vec<(Vec<Box_>, Vec<usize>)> = Vec::new();
    for (v, rest) in by_value {
        let sub = boxes(&rest);
        match merged.iter_mut().find(|(s, _)| *s == sub) {
            Some((_, vs)) => vs.push(v),
            None => merged.push((sub, vec![v])),
        }
    }
    merged
        .into_iter()
        .flat_map(|(sub, vs)| {
            sub.into_iter().map(move |mut b| {
                b.insert(0, vs.clone());
                b
            })
        })
        .collect()
}

/// `Severity: A or B · Plan: Premium`; a dimension with all its values is left out.
fn describe(model: &Model, m: &Matrix, b: &Box_) -> String {
    let space = &m.space;
    let parts: Vec<String> = space.dims[2..]
        .iter()
        .zip(b)
        .filter(|(d, values)| values.len() < space.len(**d))
        .map(|(d, values)| {
            let names: Vec<String> = values
                .iter()
                .map(|&v| {
                    let value = named(model.cat, space, *d, v);
                    match d {
                        Dim::Severity => {
                            // The severity's short label (`P1`), its id by default.
                            let label = model
                                .cat
                                .severity(value.id)
                                .map_or(value.id, |s| s.label.as_str());
                            format!("{label} ({})", value.name)
                        }
                        _ => value.name.to_string(),
                    }
                })
                .collect();
            format!(
                "{}{} {}",
                model.t.word(&format!("dim_{}", d.name())),
                model.t.word("colon"),
                model.t.formats.or_list(&names)
            )
        })
        .collect();
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_boxes() {
        // Severities 0..3 × plans 0..4: severity 0 with plans 2,3 only.
        let cells = vec![vec![0, 2], vec![0, 3]];
        assert_eq!(boxes(&cells), vec![vec![vec![0], vec![2, 3]]]);
        let cells = vec![vec![0, 1], vec![1, 1], vec![2, 0]];
        assert_eq!(
            boxes(&cells),
            vec![vec![vec![0, 1], vec![1]], vec![vec![2], vec![0]]]
        );
    }
}
