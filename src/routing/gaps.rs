//! Compacts a set of cases into a few groups (`product=azure issue=billing severity=A..C`):
//! cases that differ only in one dimension share a line, and identical sub-groups are merged.

use super::space::Space;
use std::collections::HashMap;

/// Per dimension, the value indices of one group.
pub type Group = Vec<Vec<usize>>;

#[derive(Clone, PartialEq, Eq, Hash)]
enum Node {
    Leaf(Vec<usize>),
    Inner(Vec<(Vec<usize>, usize)>),
}

#[derive(Default)]
struct Interner {
    nodes: Vec<Node>,
    ids: HashMap<Node, usize>,
}

impl Interner {
    fn id(&mut self, n: Node) -> usize {
        if let Some(&i) = self.ids.get(&n) {
            return i;
        }
        self.nodes.push(n.clone());
        self.ids.insert(n, self.nodes.len() - 1);
        self.nodes.len() - 1
    }
}

/// Groups `cases` (ascending case numbers).
pub fn compact(space: &Space, cases: &[usize]) -> Vec<Group> {
    let Some(&last) = space.sizes.last() else {
        return Vec::new();
    };
    if cases.is_empty() {
        return Vec::new();
    }
    let mut intern = Interner::default();
    let mut level: Vec<(usize, usize)> = Vec::new();
    for chunk in cases.chunk_by(|a, b| a / last == b / last) {
        let values = chunk.iter().map(|c| c % last).collect();
        level.push((chunk[0] / last, intern.id(Node::Leaf(values))));
    }
    for &size in space.sizes[..space.sizes.len() - 1].iter().rev() {
        let mut next = Vec::new();
        for chunk in level.chunk_by(|a, b| a.0 / size == b.0 / size) {
            let mut by_child: Vec<(Vec<usize>, usize)> = Vec::new();
            for &(prefix, child) in chunk {
                match by_child.iter_mut().find(|(_, c)| *c == child) {
                    Some((values, _)) => values.push(prefix % size),
                    None => by_child.push((vec![prefix % size], child)),
                }
            }
            next.push((chunk[0].0 / size, intern.id(Node::Inner(by_child))));
        }
        level = next;
    }
    expand(&intern.nodes, level[0].1)
}

fn expand(nodes: &[Node], id: usize) -> Vec<Group> {
    match &nodes[id] {
        Node::Leaf(values) => vec![vec![values.clone()]],
        Node::Inner(children) => children
            .iter()
            .flat_map(|(values, child)| {
                expand(nodes, *child).into_iter().map(move |mut g| {
                    g.insert(0, values.clone());
                    g
                })
            })
            .collect(),
    }
}

/// `product=azure issue=billing,credit severity=A..C`.
pub fn describe(space: &Space, group: &Group) -> String {
    space
        .dims
        .iter()
        .zip(group)
        .enumerate()
        .map(|(i, (d, values))| format!("{}={}", d.name(), ranges(space.values(i), values)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs of three or more consecutive values as `first..last`.
fn ranges(names: &[String], values: &[usize]) -> String {
    let mut parts = Vec::new();
    for run in values.chunk_by(|a, b| a + 1 == *b) {
        match run {
            [one] => parts.push(names[*one].clone()),
            [a, b] => parts.push(format!("{},{}", names[*a], names[*b])),
            [a, .., b] => parts.push(format!("{}..{}", names[*a], names[*b])),
            [] => {}
        }
    }
    parts.join(",")
}
