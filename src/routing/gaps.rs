//! Compacts a set of cases into a few groups (`product=azure issue=billing severity=A..C`):
//! cases that differ only in one dimension share a line, and identical sub-groups are merged.
//! Works on cells (see [`super::cells`]), so 99 million uncovered cases cost no more memory
//! than the patterns they form.

use super::cells::Cells;
use super::space::Space;
use std::collections::HashMap;

/// Per dimension, the value indices of one group.
pub(crate) type Group = Vec<Vec<usize>>;

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

/// Groups `cases` (ascending case numbers), listed one by one.
pub(crate) fn compact(space: &Space, cases: &[usize]) -> Vec<Group> {
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

/// The uncovered cases, as a tree whose nodes are shared.
pub(crate) struct Compact {
    nodes: Vec<Node>,
    root: Option<usize>,
}

/// Groups the cases of the cells for which `gap` holds. A node stands for one choice of
/// values of the first dimensions; values whose cases below are uncovered alike share an
/// entry. Values of one class have the same node below them, so each node is made once per
/// class, and the cases are never listed one by one.
pub(crate) fn compact_cells(space: &Space, cells: &Cells, gap: impl Fn(usize) -> bool) -> Compact {
    let mut build = Build {
        space,
        cells,
        gap: &gap,
        intern: Interner::default(),
    };
    let root = if cells.total() == 0 {
        None
    } else {
        build.node(0, 0)
    };
    Compact {
        nodes: build.intern.nodes,
        root,
    }
}

struct Build<'a, F> {
    space: &'a Space,
    cells: &'a Cells,
    gap: &'a F,
    intern: Interner,
}

impl<F: Fn(usize) -> bool> Build<'_, F> {
    /// The node below the classes of the dimensions before `d` (cell offset `cell`), if any
    /// of its cases is uncovered.
    fn node(&mut self, d: usize, cell: usize) -> Option<usize> {
        let of = &self.cells.of[d];
        if d + 1 == self.cells.sizes.len() {
            let values: Vec<usize> = (0..self.space.sizes[d])
                .filter(|&v| (self.gap)(cell + of[v] as usize))
                .collect();
            return (!values.is_empty()).then(|| self.intern.id(Node::Leaf(values)));
        }
        let stride: usize = self.cells.sizes[d + 1..].iter().product();
        let mut below: Vec<Option<Option<usize>>> = vec![None; self.cells.sizes[d]];
        let mut by_child: Vec<(Vec<usize>, usize)> = Vec::new();
        let mut entry: HashMap<usize, usize> = HashMap::new();
        for (v, &k) in of.iter().enumerate() {
            let k = k as usize;
            let child = match below[k] {
                Some(child) => child,
                None => {
                    let child = self.node(d + 1, cell + k * stride);
                    below[k] = Some(child);
                    child
                }
            };
            let Some(child) = child else { continue };
            match entry.get(&child) {
                Some(&e) => by_child[e].0.push(v),
                None => {
                    entry.insert(child, by_child.len());
                    by_child.push((vec![v], child));
                }
            }
        }
        (!by_child.is_empty()).then(|| self.intern.id(Node::Inner(by_child)))
    }
}

impl Compact {
    /// The number of uncovered cases and of groups.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let mut cases = vec![0usize; self.nodes.len()];
        let mut groups = vec![0usize; self.nodes.len()];
        // A node's children are made before it, so they have smaller numbers.
        for (id, node) in self.nodes.iter().enumerate() {
            (cases[id], groups[id]) = match node {
                Node::Leaf(values) => (values.len(), 1),
                Node::Inner(children) => children.iter().fold((0, 0), |(c, g), (values, child)| {
                    (c + values.len() * cases[*child], g + groups[*child])
                }),
            };
        }
        self.root.map_or((0, 0), |r| (cases[r], groups[r]))
    }

    /// The first `limit` groups.
    pub(crate) fn groups(&self, limit: usize) -> Vec<Group> {
        let mut out = Vec::new();
        if let Some(root) = self.root {
            self.expand(root, limit, &mut out);
        }
        out
    }

    fn expand(&self, id: usize, limit: usize, out: &mut Vec<Group>) {
        match &self.nodes[id] {
            Node::Leaf(values) => out.push(vec![values.clone()]),
            Node::Inner(children) => {
                for (values, child) in children {
                    let mut below = Vec::new();
                    self.expand(*child, limit - out.len(), &mut below);
                    for mut g in below {
                        g.insert(0, values.clone());
                        out.push(g);
                    }
                    if out.len() >= limit {
                        return;
                    }
                }
            }
        }
    }
}

/// `product=azure issue=billing,credit severity=A..C`.
pub(crate) fn describe(space: &Space, group: &Group) -> String {
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
