//! One product's routing matrix as the product page shows it: per issue type, the sub-cases
//! (severity × plan, where the rules use them) grouped by identical outcome, each group's
//! conditions stated compactly ("Severity: A · Plan: Premium, Enterprise").

use super::views::{Model, Stage, stage};
use crate::routing::{Decision, Dim, Matrix};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct IssueRows {
    pub id: String,
    pub name: String,
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub struct Row {
    /// One line per box of sub-cases; empty: every case of this issue type.
    pub conditions: Vec<String>,
    pub covered: bool,
    pub rules: Vec<String>,
    pub note_html: Option<String>,
    pub first: Option<Stage>,
    pub escalations: Vec<Stage>,
}

/// Per dimension, a set of value indices.
type Box_ = Vec<Vec<usize>>;

/// The rows of product number `p` (its index in the routing space).
pub fn product_rows(model: &Model, m: &Matrix, p: usize) -> Vec<IssueRows> {
    let cat = model.cat;
    let space = &m.space;
    let product = space.value(Dim::Product, p).to_string();
    let sub_sizes: Vec<usize> = space.sizes.get(2..).unwrap_or_default().to_vec();
    let per_issue: usize = sub_sizes.iter().product();
    let issues = space.len(Dim::Issue);
    let mut out = Vec::with_capacity(issues);
    for i in 0..issues {
        let base = (p * issues + i) * per_issue;
        // The sub-cases of each decision, in order of first appearance: cheap to collect.
        let mut decisions: Vec<(Decision, Vec<usize>)> = Vec::new();
        for k in 0..per_issue {
            let d = m.decision(base + k);
            match decisions.iter_mut().find(|g| g.0 == d) {
                Some(g) => g.1.push(k),
                None => decisions.push((d, vec![k])),
            }
        }
        // Decisions with the same outcome (two rules may route alike) share a group.
        let mut groups: Vec<(GroupKey, Vec<String>, Vec<usize>)> = Vec::new();
        for (decision, cells) in decisions {
            let (rule, key) = match decision {
                Decision::Rule(r) => {
                    let rule = &cat.routing.rules[r];
                    let key = GroupKey {
                        covered: rule.covered,
                        path: &rule.path,
                        note: rule.note.as_deref(),
                    };
                    (rule.id.clone(), key)
                }
                Decision::Fallback => {
                    let path = cat.routing.fallback.as_deref().unwrap_or_default();
                    (
                        model.t.word("fallback"),
                        GroupKey {
                            covered: true,
                            path,
                            note: None,
                        },
                    )
                }
                Decision::Gap => {
                    let key = GroupKey {
                        covered: false,
                        path: &[],
                        note: None,
                    };
                    (model.t.word("no_rule"), key)
                }
            };
            match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => {
                    if !g.1.contains(&rule) {
                        g.1.push(rule);
                    }
                    g.2.extend(cells);
                    g.2.sort_unstable();
                }
                None => groups.push((key, vec![rule], cells)),
            }
        }
        let rows = groups
            .into_iter()
            .map(|(key, rules, cells)| {
                let coords: Vec<Vec<usize>> = cells.iter().map(|&k| split(k, &sub_sizes)).collect();
                let conditions = if cells.len() == per_issue {
                    Vec::new()
                } else {
                    boxes(&coords)
                        .iter()
                        .map(|b| describe(model, m, b))
                        .collect()
                };
                let mut stages = key
                    .path
                    .iter()
                    .filter_map(|id| cat.tier(id))
                    .map(|tier| stage(cat, model.t, &model.urls, tier, Some(&product)));
                Row {
                    conditions,
                    covered: key.covered,
                    rules,
                    note_html: model.urls.md(key.note, 4),
                    first: stages.next(),
                    escalations: stages.collect(),
                }
            })
            .collect();
        out.push(IssueRows {
            id: space.value(Dim::Issue, i).to_string(),
            name: cat
                .issue_type(space.value(Dim::Issue, i))
                .map_or_else(String::new, |x| x.name.clone()),
            rows,
        });
    }
    out
}

#[derive(PartialEq)]
struct GroupKey<'c> {
    covered: bool,
    path: &'c [String],
    note: Option<&'c str>,
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

/// `Severity: A, B · Plan: Premium`; a dimension with all its values is left out.
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
                    let id = space.value(*d, v);
                    match d {
                        Dim::Plan => model
                            .cat
                            .plan(id)
                            .map_or(id.to_string(), |p| p.name.clone()),
                        _ => model
                            .cat
                            .severity(id)
                            .map_or(id.to_string(), |s| format!("{} ({})", s.id, s.name)),
                    }
                })
                .collect();
            format!(
                "{}: {}",
                model.t.word(&format!("dim_{}", d.name())),
                names.join(", ")
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
