//! The cells of the case space: values of a dimension that exactly the same rules name form
//! one class, and a cell is one class per dimension. Every case of a cell matches the same
//! rules, so the routing is decided once per cell, and the work grows with the patterns the
//! rules tell apart, not with the number of cases.
//!
//! Rules are indexed by class as bitsets (bit r set when rule r matches the class); the rules
//! matching a cell are the AND of one bitset per dimension, carried as a sparse list of
//! non-zero words so that rules naming few values cost little.

use super::budget::{Budget, Meter};
use super::decision::{FALLBACK, GAP, Overlap};
use super::space::Space;
use crate::catalogue::{Catalogue, Policy};
use rayon::prelude::*;
use std::collections::HashMap;

/// Non-zero words of a rule bitset: (word index, word).
pub(crate) type Sparse = Vec<(u32, u64)>;

/// The classes of each dimension and the decision of every cell.
pub(crate) struct Cells {
    /// Per dimension, the class of each value.
    pub of: Vec<Vec<u32>>,
    /// Per dimension, the first (smallest) value of each class; classes are numbered in the
    /// order of their first value.
    pub first: Vec<Vec<usize>>,
    /// Per dimension, how many values each class has.
    pub count: Vec<Vec<usize>>,
    /// Per dimension, the number of classes.
    pub sizes: Vec<usize>,
    /// Per dimension and class, the bitset of the rules matching it.
    pub bits: Vec<Vec<Vec<u64>>>,
    /// The decision of every cell (rule number, `FALLBACK` or `GAP`), the last dimension
    /// changing fastest.
    pub table: Vec<u32>,
}

/// What deciding the cells finds besides the decisions.
#[derive(Default)]
pub(crate) struct Found {
    pub overlaps: Vec<Overlap>,
    /// How many cases each rule decides.
    pub wins: Vec<usize>,
}

impl Cells {
    /// The classes of every dimension of `space`; no cell is decided yet.
    pub(crate) fn new(cat: &Catalogue, space: &Space) -> Cells {
        let words = cat.routing.rules.len().div_ceil(64).max(1);
        let mut cells = Cells {
            of: Vec::new(),
            first: Vec::new(),
            count: Vec::new(),
            sizes: Vec::new(),
            bits: Vec::new(),
            table: Vec::new(),
        };
        for pos in 0..space.dims.len() {
            cells.add_dimension(value_bits(cat, space, pos, words));
        }
        cells
    }

    fn add_dimension(&mut self, values: Vec<Vec<u64>>) {
        let mut index: HashMap<&[u64], u32> = HashMap::new();
        let (mut of, mut first, mut count, mut bits) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (v, set) in values.iter().enumerate() {
            let k = *index.entry(set).or_insert_with(|| {
                first.push(v);
                count.push(0);
                bits.push(set.clone());
                (first.len() - 1) as u32
            });
            count[k as usize] += 1;
            of.push(k);
        }
        self.sizes.push(first.len());
        self.of.push(of);
        self.first.push(first);
        self.count.push(count);
        self.bits.push(bits);
    }

    /// The number of cells.
    pub(crate) fn total(&self) -> usize {
        self.sizes.iter().product()
    }

    /// Whether rule `r` matches at least one case: some value of every dimension.
    pub(crate) fn matches_some(&self, r: usize) -> bool {
        let (w, bit) = (r / 64, 1u64 << (r % 64));
        self.bits
            .iter()
            .all(|classes| classes.iter().any(|set| set[w] & bit != 0))
    }

    /// Whether every class has one value (then a cell is a case).
    pub(crate) fn is_identity(&self) -> bool {
        self.count.iter().flatten().all(|&n| n == 1)
    }

    pub(crate) fn cell(&self, coords: &[usize]) -> usize {
        coords
            .iter()
            .zip(&self.sizes)
            .fold(0, |acc, (c, s)| acc * s + c)
    }

    /// Decides every cell: the first matching rule, else the fallback, else a gap. Stops
    /// early once `budget` is exhausted.
    pub(crate) fn decide(
        &mut self,
        space: &Space,
        routing: (Policy, bool),
        rules: usize,
        budget: &Budget,
    ) -> Found {
        let (policy, fallback) = routing;
        let total = self.total();
        let mut table = vec![GAP; total];
        if total == 0 {
            self.table = table;
            return Found {
                overlaps: Vec::new(),
                wins: vec![0; rules],
            };
        }
        if !budget.spend(self.first_steps()) {
            // Over the limit before the first cell is decided.
            self.table = table;
            return Found {
                overlaps: Vec::new(),
                wins: vec![0; rules],
            };
        }
        let split = Split::new(&self.sizes);
        let case_strides = strides(&space.sizes);
        let found = table
            .par_chunks_mut(split.chunk)
            .enumerate()
            .fold(
                || Found {
                    overlaps: Vec::new(),
                    wins: vec![0; rules],
                },
                |mut found, (n, out)| {
                    Decide {
                        cells: self,
                        unique: policy == Policy::Unique,
                        fallback,
                        case_strides: &case_strides,
                        found: &mut found,
                        meter: Meter::new(budget),
                    }
                    .chunk(&split.prefix(n), out);
                    found
                },
            )
            .reduce(Found::default, merge);
        self.table = table;
        let mut overlaps = found.overlaps;
        overlaps.sort_by_key(|o| (o.first, o.second, o.example));
        overlaps.dedup_by_key(|o| (o.first, o.second));
        let mut wins = found.wins;
        wins.resize(rules, 0);
        Found { overlaps, wins }
    }
}

impl Cells {
    /// The work of the first step of deciding, counted before it is done (so that a routing
    /// far over the limit fails at once): narrowing the rules of each class of the first
    /// dimension by every class of the second, where that is not yet a cell.
    fn first_steps(&self) -> u64 {
        if self.sizes.len() < 3 {
            return 0;
        }
        let words: usize = self.bits[0]
            .iter()
            .map(|set| set.iter().filter(|w| **w != 0).count())
            .sum();
        (words * self.sizes[1]) as u64
    }
}

fn merge(mut a: Found, b: Found) -> Found {
    a.overlaps.extend(b.overlaps);
    if a.wins.len() < b.wins.len() {
        a.wins.resize(b.wins.len(), 0);
    }
    for (x, y) in a.wins.iter_mut().zip(b.wins) {
        *x += y;
    }
    a
}

/// The bitset of the rules matching each value of dimension number `pos` of the space.
fn value_bits(cat: &Catalogue, space: &Space, pos: usize, words: usize) -> Vec<Vec<u64>> {
    let dim = space.dims[pos];
    let index: HashMap<&str, usize> = space
        .values(pos)
        .iter()
        .enumerate()
        .map(|(v, id)| (id.as_str(), v))
        .collect();
    let mut bits = vec![vec![0u64; words]; space.sizes[pos]];
    for (r, rule) in cat.routing.rules.iter().enumerate() {
        let (w, bit) = (r / 64, 1u64 << (r % 64));
        match dim.when(&rule.when) {
            None => bits.iter_mut().for_each(|set| set[w] |= bit),
            Some(ids) => {
                for v in ids.iter().filter_map(|id| index.get(id.as_str())) {
                    bits[*v][w] |= bit;
                }
            }
        }
    }
    bits
}

/// Strides of a row-major numbering with these sizes.
pub(crate) fn strides(sizes: &[usize]) -> Vec<usize> {
    let mut s = vec![1; sizes.len()];
    for i in (0..sizes.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1] * sizes[i + 1];
    }
    s
}

/// The sparse form of a dense bitset.
pub(crate) fn sparse(dense: &[u64]) -> Sparse {
    dense
        .iter()
        .enumerate()
        .filter(|(_, w)| **w != 0)
        .map(|(i, w)| (i as u32, *w))
        .collect()
}

/// `out` = `acc` AND `dense`, sparse.
pub(crate) fn and_into(acc: &[(u32, u64)], dense: &[u64], out: &mut Sparse) {
    // Without a branch on the result: which words stay non-zero is unpredictable.
    out.clear();
    out.resize(acc.len(), (0, 0));
    let mut n = 0;
    for &(i, w) in acc {
        let x = w & dense[i as usize];
        out[n] = (i, x);
        n += usize::from(x != 0);
    }
    out.truncate(n);
}

/// How the cells are cut into chunks decided in parallel: by the classes of the first
/// `depth` dimensions.
pub(crate) struct Split {
    pub depth: usize,
    pub chunk: usize,
    sizes: Vec<usize>,
}

impl Split {
    /// Enough chunks to keep every core busy (at least 256 where the space allows), each
    /// at least one class of the first dimension.
    pub(crate) fn new(sizes: &[usize]) -> Split {
        let mut depth = 1;
        let mut prefixes = sizes[0];
        while depth + 1 < sizes.len() && prefixes < 256 {
            prefixes *= sizes[depth];
            depth += 1;
        }
        Split {
            depth,
            chunk: sizes[depth..].iter().product::<usize>().max(1),
            sizes: sizes[..depth].to_vec(),
        }
    }

    /// The classes of the first `depth` dimensions of chunk number `n`.
    pub(crate) fn prefix(&self, mut n: usize) -> Vec<usize> {
        let mut c = vec![0; self.sizes.len()];
        for (i, size) in self.sizes.iter().enumerate().rev() {
            c[i] = n % size;
            n /= size;
        }
        c
    }
}

/// Decides the cells of one chunk, dimension by dimension, narrowing the set of matching rules.
struct Decide<'a> {
    cells: &'a Cells,
    unique: bool,
    fallback: bool,
    /// Case-number strides of the space's dimensions.
    case_strides: &'a [usize],
    found: &'a mut Found,
    meter: Meter<'a>,
}

/// Where the walk is: the classes chosen so far give the smallest case and the number of
/// cases of the cells below.
#[derive(Clone, Copy)]
struct At {
    case: usize,
    cases: usize,
}

impl Decide<'_> {
    fn chunk(&mut self, prefix: &[usize], out: &mut [u32]) {
        let cells = self.cells;
        let mut at = At { case: 0, cases: 1 };
        let mut acc = sparse(&cells.bits[0][prefix[0]]);
        let mut next = Sparse::new();
        for (d, &k) in prefix.iter().enumerate() {
            if d > 0 {
                and_into(&acc, &cells.bits[d][k], &mut next);
                std::mem::swap(&mut acc, &mut next);
            }
            at = self.step(at, d, k);
        }
        let mut bufs = vec![Sparse::new(); cells.sizes.len()];
        self.level(prefix.len(), &acc, &mut bufs, at, out);
    }

    fn step(&self, at: At, d: usize, k: usize) -> At {
        At {
            case: at.case + self.cells.first[d][k] * self.case_strides[d],
            cases: at.cases * self.cells.count[d][k],
        }
    }

    /// Decides the cells in `out`, whose first cell has its classes of dimensions before `d`
    /// chosen; `acc` holds the rules matching those classes.
    fn level(
        &mut self,
        d: usize,
        acc: &[(u32, u64)],
        bufs: &mut [Sparse],
        at: At,
        out: &mut [u32],
    ) {
        let cells = self.cells;
        if self.meter.stopped {
            return;
        }
        if acc.is_empty() {
            out.fill(if self.fallback { FALLBACK } else { GAP });
            return;
        }
        if d + 1 == cells.sizes.len() {
            for (k, o) in out.iter_mut().enumerate() {
                *o = self.decide(acc, &cells.bits[d][k], self.step(at, d, k));
            }
            return;
        }
        if d > 1 {
            self.meter.add(acc.len() * cells.sizes[d]);
        }
        let stride = out.len() / cells.sizes[d];
        let (next, rest) = bufs.split_first_mut().expect("a buffer per dimension");
        for (k, block) in out.chunks_mut(stride).enumerate() {
            and_into(acc, &cells.bits[d][k], next);
            self.level(d + 1, next, rest, self.step(at, d, k), block);
        }
    }

    /// The decision of one cell: the first rule in `acc` AND `last` (under `policy: unique`
    /// the first two are an overlap).
    fn decide(&mut self, acc: &[(u32, u64)], last: &[u64], at: At) -> u32 {
        let mut first: Option<usize> = None;
        for (n, &(i, w)) in acc.iter().enumerate() {
            let mut word = w & last[i as usize];
            while word != 0 {
                let r = i as usize * 64 + word.trailing_zeros() as usize;
                match first {
                    None if !self.unique => {
                        self.meter.add(n + 1);
                        return self.win(r, at);
                    }
                    None => first = Some(r),
                    Some(f) => {
                        self.found.overlaps.push(Overlap {
                            first: f,
                            second: r,
                            example: at.case,
                        });
                        self.meter.add(n + 1);
                        return self.win(f, at);
                    }
                }
                word &= word - 1;
            }
        }
        self.meter.add(acc.len());
        match first {
            Some(f) => self.win(f, at),
            None if self.fallback => FALLBACK,
            None => GAP,
        }
    }

    fn win(&mut self, r: usize, at: At) -> u32 {
        self.found.wins[r] += at.cases;
        r as u32
    }
}
