//! Which rules shadow a rule that never decides a case: every rule that decides one of the
//! cases it matches. One walk over the cells (see [`super::cells`]) carrying only the bits of
//! the rules that never win: each cell adds the never-winning rules that match it to the set
//! of the rule that decides it. Subtrees that no such rule matches are skipped.

use super::cells::{Cells, Sparse, Split, and_into, sparse};
use super::{Decision, Matrix};
use rayon::prelude::*;

/// For each rule of `dead` (rules that decide no case), the rules that decide the cases it
/// matches, in rule order.
pub(crate) fn shadowing(m: &Matrix, dead: &[usize]) -> Vec<Vec<usize>> {
    let cells = m.cells();
    if dead.is_empty() || cells.total() == 0 {
        return vec![Vec::new(); dead.len()];
    }
    let winners: Vec<usize> = (0..cells.words * 64)
        .filter(|&r| m.wins.get(r).is_some_and(|&n| n > 0))
        .collect();
    let walk = Walk::new(cells, m, dead, &winners);
    let split = Split::new(&cells.sizes);
    let chunks = cells.total() / split.chunk;
    let by_winner = (0..chunks)
        .into_par_iter()
        .fold(Vec::new, |mut acc, n| {
            acc.resize(winners.len() * walk.words, 0);
            walk.chunk(&split, n, &mut acc);
            acc
        })
        .reduce(Vec::new, |mut a, b| {
            if a.len() < b.len() {
                return b;
            }
            a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
            a
        });
    let mut out = vec![Vec::new(); dead.len()];
    if by_winner.is_empty() {
        return out;
    }
    for (wi, &w) in winners.iter().enumerate() {
        let set = &by_winner[wi * walk.words..(wi + 1) * walk.words];
        for (i, &word) in set.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                out[i * 64 + word.trailing_zeros() as usize].push(w);
                word &= word - 1;
            }
        }
    }
    out
}

/// The walk over the cells with the bits of the dead rules only (bit j for `dead[j]`).
struct Walk<'a> {
    cells: &'a Cells,
    m: &'a Matrix,
    words: usize,
    /// Per dimension and class, which dead rules match it.
    bits: Vec<Vec<Vec<u64>>>,
    /// Per dimension `d`, the dead rules that match some class of every dimension from `d`
    /// on (rules are boxes, so this is an AND over dimensions of an OR over classes).
    reach: Vec<Vec<u64>>,
    /// The position of each rule in the list of winners.
    winner_of: Vec<u32>,
}

impl<'a> Walk<'a> {
    fn new(cells: &'a Cells, m: &'a Matrix, dead: &[usize], winners: &[usize]) -> Self {
        let words = dead.len().div_ceil(64);
        let bits: Vec<Vec<Vec<u64>>> = cells
            .bits
            .iter()
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
        let mut winner_of = vec![u32::MAX; cells.words * 64];
        for (i, &w) in winners.iter().enumerate() {
            winner_of[w] = i as u32;
        }
        Walk {
            cells,
            m,
            words,
            bits,
            reach,
            winner_of,
        }
    }

    /// Walks chunk number `n` of `split`, adding to `by_winner` (per winner, the dead rules).
    fn chunk(&self, split: &Split, n: usize, by_winner: &mut [u64]) {
        let prefix = split.prefix(n);
        let mut acc = sparse(&self.bits[0][prefix[0]]);
        let mut next = Sparse::new();
        for (d, &k) in prefix.iter().enumerate().skip(1) {
            and_into(&acc, &self.bits[d][k], &mut next);
            std::mem::swap(&mut acc, &mut next);
        }
        let mut bufs = vec![Sparse::new(); self.cells.sizes.len() + 1];
        self.level(split.depth, &acc, &mut bufs, n * split.chunk, by_winner);
    }

    /// Adds the cells whose classes before `d` are chosen (the first is `cell`); `acc` holds
    /// the dead rules matching those classes.
    fn level(
        &self,
        d: usize,
        acc: &[(u32, u64)],
        bufs: &mut [Sparse],
        cell: usize,
        by_winner: &mut [u64],
    ) {
        if acc.is_empty() {
            return;
        }
        let (next, rest) = bufs.split_first_mut().expect("a buffer per dimension");
        let stride: usize = self.cells.sizes[d + 1..].iter().product();
        // One rule decides every cell below: it shadows every dead rule here that matches
        // one of them.
        let table = &self.m.cells().table[cell..cell + stride * self.cells.sizes[d]];
        if table.iter().all(|t| *t == table[0]) {
            and_into(acc, &self.reach[d], next);
            self.add(cell, next, by_winner);
            return;
        }
        for k in 0..self.cells.sizes[d] {
            and_into(acc, &self.bits[d][k], next);
            let here = cell + k * stride;
            if d + 1 < self.cells.sizes.len() {
                self.level(d + 1, next, rest, here, by_winner);
            } else {
                self.add(here, next, by_winner);
            }
        }
    }

    /// The dead rules `matched` match cell `cell` (or cells decided like it): add them to
    /// the set of the rule that decides it.
    fn add(&self, cell: usize, matched: &[(u32, u64)], by_winner: &mut [u64]) {
        if matched.is_empty() {
            return;
        }
        let Decision::Rule(w) = self.m.cell_decision(cell) else {
            return;
        };
        let wi = self.winner_of[w] as usize;
        let set = &mut by_winner[wi * self.words..(wi + 1) * self.words];
        for &(i, x) in matched {
            set[i as usize] |= x;
        }
    }
}

/// Per dimension `d`, the rules (bits) matching some class of every dimension from `d` on.
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
