//! Which rules shadow a rule that never decides a case: every rule that decides one of the
//! cases it matches. One walk over the cells (see [`super::cells`]) carrying only the bits of
//! the rules that never win: each cell adds the never-winning rules that match it to the set
//! of the rule that decides it. Subtrees that no such rule matches are skipped, and a subtree
//! that one rule decides throughout is added at once; the walk takes the dimensions along
//! which the decisions change least last, so that such subtrees are large.

use super::budget::{Budget, Meter};
use super::cells::{Cells, Sparse, Split, and_into, sparse, strides};
use super::decision::{FALLBACK, GAP};
use rayon::prelude::*;

/// How many of the rules that shadow a rule a warning names.
pub(crate) const NAMED: usize = 20;

/// The rules that decide the cases a dead rule matches: the first [`NAMED`] in rule order
/// (all that a warning names) and how many there are. Keeping only those keeps memory small
/// where thousands of rules shadow thousands of others (10,000 × 5,000 rule numbers were
/// 400 MB).
#[derive(Debug, Clone, Default)]
pub(crate) struct Shadows {
    pub named: Vec<usize>,
    pub count: usize,
}

impl Shadows {
    fn add(&mut self, rule: usize) {
        if self.named.len() < NAMED {
            self.named.push(rule);
        }
        self.count += 1;
    }
}

/// For each rule of `dead` (rules that decide no case), the rules that decide the cases it
/// matches; `wins` is how many cases each rule decides. Stops early once `budget` is
/// exhausted.
pub(crate) fn shadowing(
    cells: &Cells,
    wins: &[usize],
    dead: &[usize],
    budget: &Budget,
) -> Vec<Shadows> {
    if dead.is_empty() || cells.total() == 0 {
        return vec![Shadows::default(); dead.len()];
    }
    let winners: Vec<usize> = (0..wins.len()).filter(|&r| wins[r] > 0).collect();
    let walk = Walk::new(cells, dead, &winners);
    let split = Split::new(&walk.sizes);
    let chunks = cells.total() / split.chunk;
    // A few runs of chunks, one set of winners each: the sets can be large (winners × dead
    // rules bits), so there are only twice as many as cores.
    let runs = chunks.min(2 * rayon::current_num_threads()).max(1);
    let by_winner = (0..runs)
        .into_par_iter()
        .map(|run| {
            let mut acc = vec![0u64; winners.len() * walk.words];
            let mut meter = Meter::new(budget);
            for n in (run * chunks / runs)..((run + 1) * chunks / runs) {
                walk.chunk(&split, n, &mut acc, &mut meter);
            }
            acc
        })
        .reduce(Vec::new, |mut a, b| {
            if a.len() < b.len() {
                return b;
            }
            a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
            a
        });
    let mut out = vec![Shadows::default(); dead.len()];
    if by_winner.is_empty() {
        return out;
    }
    for (wi, &w) in winners.iter().enumerate() {
        let set = &by_winner[wi * walk.words..(wi + 1) * walk.words];
        for (i, &word) in set.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                out[i * 64 + word.trailing_zeros() as usize].add(w);
                word &= word - 1;
            }
        }
    }
    out
}

/// What a walk of one chunk adds to.
struct At<'a, 'b> {
    by_winner: &'a mut [u64],
    meter: &'a mut Meter<'b>,
}

/// The walk over the cells with the bits of the dead rules only (bit j for `dead[j]`). Its
/// step `j` goes along dimension `order[j]`; `bits`, `sizes` and `strides` are in walk order.
struct Walk<'a> {
    cells: &'a Cells,
    words: usize,
    /// Per step and class, which dead rules match it.
    bits: Vec<Vec<Vec<u64>>>,
    /// Per step, the number of classes and the distance between cells of neighbouring classes.
    sizes: Vec<usize>,
    strides: Vec<usize>,
    /// Per step `j`, the dead rules that match some class at every step from `j` on (rules
    /// are boxes, so this is an AND over steps of an OR over classes).
    reach: Vec<Vec<u64>>,
    /// The position of each rule in the list of winners.
    winner_of: Vec<u32>,
}

impl<'a> Walk<'a> {
    fn new(cells: &'a Cells, dead: &[usize], winners: &[usize]) -> Self {
        let words = dead.len().div_ceil(64);
        let order = order(cells);
        let cell_strides = strides(&cells.sizes);
        let bits: Vec<Vec<Vec<u64>>> = order
            .iter()
            .map(|&d| &cells.bits[d])
            .map(|classes| {
                classes
                    .iter()
                    .map(|set| {
                        let mut out = vec![0u64; words];
                        for (j, &r) in dead.iter().enumerate() {
                            if set[r / 64] >> (r % 64) & 1 == 1 {
                                out[j / 64] |= 1 << (j % 64);
                            }
                        }
                        out
                    })
                    .collect()
            })
            .collect();
        let reach = reach(&bits, words);
        let mut winner_of = vec![u32::MAX; winners.last().map_or(0, |w| w + 1)];
        for (i, &w) in winners.iter().enumerate() {
            winner_of[w] = i as u32;
        }
        Walk {
            cells,
            words,
            bits,
            sizes: order.iter().map(|&d| cells.sizes[d]).collect(),
            strides: order.iter().map(|&d| cell_strides[d]).collect(),
            reach,
            winner_of,
        }
    }

    /// Walks chunk number `n` of `split`, adding to `by_winner` (per winner, the dead rules).
    fn chunk(&self, split: &Split, n: usize, by_winner: &mut [u64], meter: &mut Meter) {
        if meter.stopped {
            return;
        }
        let prefix = split.prefix(n);
        let mut acc = sparse(&self.bits[0][prefix[0]]);
        let mut next = Sparse::new();
        for (j, &k) in prefix.iter().enumerate().skip(1) {
            and_into(&acc, &self.bits[j][k], &mut next);
            std::mem::swap(&mut acc, &mut next);
        }
        let cell = prefix.iter().zip(&self.strides).map(|(k, s)| k * s).sum();
        let mut bufs = vec![Sparse::new(); self.sizes.len() + 1];
        let mut at = At { by_winner, meter };
        self.level(split.depth, &acc, &mut bufs, cell, &mut at);
    }

    /// Whether the cells from `cell` on, over the steps from `j` on, all have decision `t`;
    /// counts the cells looked at.
    fn uniform(&self, j: usize, cell: usize, t: u32, seen: &mut usize) -> bool {
        if j == self.sizes.len() {
            *seen += 1;
            return self.cells.table[cell] == t;
        }
        (0..self.sizes[j]).all(|k| self.uniform(j + 1, cell + k * self.strides[j], t, seen))
    }

    /// Adds the cells whose classes before step `j` are chosen (the first is `cell`); `acc`
    /// holds the dead rules matching those classes.
    fn level(&self, j: usize, acc: &[(u32, u64)], bufs: &mut [Sparse], cell: usize, at: &mut At) {
        if acc.is_empty() || at.meter.stopped {
            return;
        }
        let (next, rest) = bufs.split_first_mut().expect("a buffer per step");
        // One rule decides every cell below: it shadows every dead rule here that matches
        // one of them.
        let mut seen = 0;
        let uniform = self.uniform(j, cell, self.cells.table[cell], &mut seen);
        at.meter.add(seen / 16 + acc.len());
        if uniform {
            and_into(acc, &self.reach[j], next);
            self.add(cell, next, at);
            return;
        }
        at.meter.add(acc.len() * self.sizes[j]);
        for k in 0..self.sizes[j] {
            and_into(acc, &self.bits[j][k], next);
            let here = cell + k * self.strides[j];
            if j + 1 < self.sizes.len() {
                self.level(j + 1, next, rest, here, at);
            } else {
                self.add(here, next, at);
            }
        }
    }

    /// The dead rules `matched` match cell `cell` (or cells decided like it): add them to
    /// the set of the rule that decides it.
    fn add(&self, cell: usize, matched: &[(u32, u64)], at: &mut At) {
        let w = self.cells.table[cell];
        if matched.is_empty() || w == GAP || w == FALLBACK {
            return;
        }
        let wi = self.winner_of[w as usize] as usize;
        let set = &mut at.by_winner[wi * self.words..(wi + 1) * self.words];
        for &(i, x) in matched {
            set[i as usize] |= x;
        }
    }
}

/// The dimensions in walk order: those along which neighbouring cells are decided differently
/// most often first.
fn order(cells: &Cells) -> Vec<usize> {
    let strides = strides(&cells.sizes);
    let changes: Vec<usize> = (0..cells.sizes.len())
        .map(|d| {
            let (size, stride) = (cells.sizes[d], strides[d]);
            cells
                .table
                .chunks(size * stride)
                .map(|block| {
                    let (a, b) = (&block[..(size - 1) * stride], &block[stride..]);
                    a.iter().zip(b).filter(|(x, y)| x != y).count()
                })
                .sum()
        })
        .collect();
    let mut order: Vec<usize> = (0..cells.sizes.len()).collect();
    order.sort_by_key(|&d| std::cmp::Reverse(changes[d]));
    order
}

/// Per step `j`, the rules (bits) matching some class at every step from `j` on.
fn reach(bits: &[Vec<Vec<u64>>], words: usize) -> Vec<Vec<u64>> {
    let mut out = vec![vec![!0u64; words]; bits.len() + 1];
    for d in (0..bits.len()).rev() {
        let mut any = vec![0u64; words];
        for set in &bits[d] {
            any.iter_mut().zip(set).for_each(|(a, s)| *a |= s);
        }
        out[d] = any.iter().zip(&out[d + 1]).map(|(a, b)| a & b).collect();
    }
    out
}
