//! The routing stage: the case space (every combination of the dimensions the rules use), the
//! decision for every case, and the analysis that proves the routing sound.
//!
//! Rules are indexed by dimension value as bitsets, so a case's matching rules are the AND of
//! one bitset per dimension; whole products are decided in parallel.

mod analysis;
pub mod answer;
pub(crate) mod gaps;
mod hours;
mod names;
mod space;

pub use analysis::analyse;
pub(crate) use names::{Named, named};
pub use space::{Dim, Space};

use crate::catalogue::{Catalogue, Policy};
use rayon::prelude::*;

/// The largest number of cases supportbook decides (about 400 MB of decisions).
pub const MAX_CASES: usize = 100_000_000;

/// How one case is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Rule(usize),
    Fallback,
    Gap,
}

/// What happens to a case: `rule` is `None` where the fallback decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome<'c> {
    pub rule: Option<&'c str>,
    pub covered: bool,
    pub path: &'c [String],
}

const GAP: u32 = u32::MAX;
const FALLBACK: u32 = u32::MAX - 1;

/// Two rules that match one case (under `policy: unique`), with the first such case.
#[derive(Debug, Clone, Copy)]
pub struct Overlap {
    pub first: usize,
    pub second: usize,
    pub example: usize,
}

/// The decision of every case.
pub struct Matrix {
    pub space: Space,
    pub policy: Policy,
    decisions: Vec<u32>,
    pub overlaps: Vec<Overlap>,
}

/// Bitsets of rules, one per value of each dimension: bit r is set when rule r matches it.
struct RuleIndex {
    words: usize,
    /// `bits[d][v]` for dimension d (in space order) and value v.
    bits: Vec<Vec<Vec<u64>>>,
}

impl RuleIndex {
    fn new(cat: &Catalogue, space: &Space) -> Self {
        let rules = &cat.routing.rules;
        let words = rules.len().div_ceil(64).max(1);
        let bits = space
            .dims
            .iter()
            .map(|&dim| {
                (0..space.len(dim))
                    .map(|v| {
                        let mut set = vec![0u64; words];
                        let id = space.value(dim, v);
                        for (r, rule) in rules.iter().enumerate() {
                            if dim
                                .when(&rule.when)
                                .is_none_or(|ids| ids.iter().any(|i| i == id))
                            {
                                set[r / 64] |= 1 << (r % 64);
                            }
                        }
                        set
                    })
                    .collect()
            })
            .collect();
        RuleIndex { words, bits }
    }
}

impl Matrix {
    /// Decides every case. Fails only when the space is larger than [`MAX_CASES`].
    pub fn build(cat: &Catalogue) -> Result<Matrix, usize> {
        let space = Space::new(cat);
        let total = space
            .total()
            .filter(|t| *t <= MAX_CASES)
            .ok_or(space.total().unwrap_or(usize::MAX))?;
        let index = RuleIndex::new(cat, &space);
        let unique = cat.routing.policy == Policy::Unique;
        let fallback = cat.routing.fallback.is_some();
        let per_first = total / space.sizes[0].max(1);
        let mut decisions = vec![GAP; total];
        let overlaps: Vec<Vec<Overlap>> = decisions
            .par_chunks_mut(per_first.max(1))
            .enumerate()
            .map(|(v0, chunk)| {
                let mut walk = Walk {
                    index: &index,
                    unique,
                    fallback,
                    overlaps: Vec::new(),
                };
                walk.level(1, &index.bits[0][v0], chunk, v0 * per_first);
                walk.overlaps
            })
            .collect();
        let mut overlaps: Vec<Overlap> = overlaps.into_iter().flatten().collect();
        overlaps.sort_by_key(|o| (o.first, o.second, o.example));
        overlaps.dedup_by_key(|o| (o.first, o.second));
        Ok(Matrix {
            space,
            policy: cat.routing.policy,
            decisions,
            overlaps,
        })
    }

    pub fn len(&self) -> usize {
        self.decisions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    pub fn decision(&self, case: usize) -> Decision {
        match self.decisions[case] {
            GAP => Decision::Gap,
            FALLBACK => Decision::Fallback,
            r => Decision::Rule(r as usize),
        }
    }

    /// The decisions of the cases `range`, in a compact form that can be compared and hashed.
    pub fn decision_codes(&self, range: std::ops::Range<usize>) -> &[u32] {
        &self.decisions[range]
    }

    /// The outcome of a decided case; `None` for a gap.
    pub fn outcome<'c>(&self, cat: &'c Catalogue, case: usize) -> Option<Outcome<'c>> {
        match self.decision(case) {
            Decision::Gap => None,
            Decision::Fallback => {
                let path = cat.routing.fallback.as_deref().unwrap_or_default();
                Some(Outcome {
                    rule: None,
                    covered: true,
                    path,
                })
            }
            Decision::Rule(r) => {
                let rule = &cat.routing.rules[r];
                Some(Outcome {
                    rule: Some(&rule.id),
                    covered: rule.covered,
                    path: &rule.path,
                })
            }
        }
    }

    /// How many cases each rule decides.
    pub fn win_counts(&self, rules: usize) -> Vec<usize> {
        let mut counts = vec![0; rules];
        for &d in &self.decisions {
            if d < FALLBACK {
                counts[d as usize] += 1;
            }
        }
        counts
    }
}

/// Walks one product's cases, dimension by dimension, narrowing the set of matching rules.
struct Walk<'a> {
    index: &'a RuleIndex,
    unique: bool,
    fallback: bool,
    overlaps: Vec<Overlap>,
}

impl Walk<'_> {
    /// Decides the cases in `out`, the first of which is case number `base`.
    fn level(&mut self, d: usize, acc: &[u64], out: &mut [u32], base: usize) {
        let dims = &self.index.bits;
        if d == dims.len() {
            out[0] = self.decide(acc, base);
            return;
        }
        let stride = out.len() / dims[d].len().max(1);
        let mut next = vec![0u64; self.index.words];
        for (v, bits) in dims[d].iter().enumerate() {
            for (n, (a, b)) in next.iter_mut().zip(acc.iter().zip(bits)) {
                *n = a & b;
            }
            let start = v * stride;
            self.level(d + 1, &next, &mut out[start..start + stride], base + start);
        }
    }

    fn decide(&mut self, matched: &[u64], case: usize) -> u32 {
        let mut first = None;
        for (w, &word) in matched.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let r = w * 64 + word.trailing_zeros() as usize;
                match first {
                    None if !self.unique => return r as u32,
                    None => first = Some(r),
                    Some(f) => {
                        self.overlaps.push(Overlap {
                            first: f,
                            second: r,
                            example: case,
                        });
                        return f as u32;
                    }
                }
                word &= word - 1;
            }
        }
        match first {
            Some(f) => f as u32,
            None if self.fallback => FALLBACK,
            None => GAP,
        }
    }
}
