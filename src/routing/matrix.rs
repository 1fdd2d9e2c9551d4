//! The decision of every case: kept per cell of the case space, spelt out per case on first
//! use, with the rules that win, the overlaps and the shadowed rules.

use super::budget::{Budget, WORK_LIMIT};
use super::cells::{self, Cells};
use super::decision::{Decision, FALLBACK, GAP, Outcome, Overlap};
use super::shadows;
use super::space::{Dim, Space};
use crate::catalogue::Catalogue;
use crate::diagnostics::{Code, Diagnostic};
use rayon::prelude::*;
use std::sync::OnceLock;

/// The largest number of cases supportbook decides (about 400 MB of decisions when a build
/// spells them out).
pub(super) const MAX_CASES: usize = 100_000_000;

/// The decision of every case, kept per cell (see [`cells`]) and spelt out per case on first
/// use.
pub(crate) struct Matrix {
    pub space: Space,
    pub overlaps: Vec<Overlap>,
    cells: Cells,
    wins: Vec<usize>,
    /// Each rule that matches cases but decides none, with the rules that decide them.
    shadowed: Vec<(usize, shadows::Shadows)>,
    decisions: OnceLock<Vec<u32>>,
}

/// Why a routing is not decided.
#[derive(Debug)]
pub(crate) enum TooLarge {
    /// More cases than [`MAX_CASES`].
    Cases(usize),
    /// More work than [`WORK_LIMIT`]: the rules tell apart this many classes of values per
    /// dimension.
    Work { classes: Vec<usize>, rules: usize },
}

impl Matrix {
    /// Decides every case and finds the rules that shadow others. Fails when the space is
    /// larger than [`MAX_CASES`] or the work larger than [`WORK_LIMIT`].
    pub(crate) fn build(cat: &Catalogue) -> Result<Matrix, TooLarge> {
        let space = Space::new(cat);
        space
            .total()
            .filter(|t| *t <= MAX_CASES)
            .ok_or(TooLarge::Cases(space.total().unwrap_or(usize::MAX)))?;
        let mut cells = Cells::new(cat, &space);
        let rules = cat.routing.rules.len();
        let budget = Budget::default();
        let routing = (cat.routing.policy, cat.routing.fallback.is_some());
        let found = cells.decide(&space, routing, rules, &budget);
        let too_much = || TooLarge::Work {
            classes: cells.sizes.clone(),
            rules,
        };
        if budget.exhausted() {
            return Err(too_much());
        }
        // A rule that matches no case at all (its `when` names only unknown ids or an empty
        // list, both reported already, or a dimension has no values) is shadowed by nothing.
        let dead: Vec<usize> = (0..rules)
            .filter(|&r| found.wins[r] == 0 && cells.matches_some(r))
            .collect();
        let by = shadows::shadowing(&cells, &found.wins, &dead, &budget);
        if budget.exhausted() {
            return Err(too_much());
        }
        Ok(Matrix {
            space,
            overlaps: found.overlaps,
            cells,
            wins: found.wins,
            shadowed: dead.into_iter().zip(by).collect(),
            decisions: OnceLock::new(),
        })
    }

    /// The decision of every case, in case order, as numbers (equal numbers, equal
    /// decisions).
    pub(crate) fn decision_codes(&self) -> &[u32] {
        self.decisions()
    }

    /// The decision of every case, in case order.
    fn decisions(&self) -> &[u32] {
        if self.cells.is_identity() {
            return &self.cells.table;
        }
        self.decisions.get_or_init(|| self.spell_out())
    }

    /// The decision of every case, from the decision of its cell.
    fn spell_out(&self) -> Vec<u32> {
        let cells = &self.cells;
        let offsets: Vec<Vec<usize>> = cells
            .of
            .iter()
            .zip(cells::strides(&cells.sizes))
            .map(|(of, stride)| of.iter().map(|&k| k as usize * stride).collect())
            .collect();
        let total = self.len();
        let mut out = vec![GAP; total];
        let per_first = total / self.space.sizes[0].max(1);
        out.par_chunks_mut(per_first.max(1))
            .enumerate()
            .for_each(|(v0, chunk)| spell(&cells.table, &offsets, 1, offsets[0][v0], chunk));
        out
    }

    pub(crate) fn len(&self) -> usize {
        self.space.total().unwrap_or_default()
    }

    pub(crate) fn decision(&self, case: usize) -> Decision {
        decision(self.decisions()[case])
    }

    /// The decision of cell number `cell` (see [`cells`]).
    pub(crate) fn cell_decision(&self, cell: usize) -> Decision {
        decision(self.cells.table[cell])
    }

    pub(crate) fn cells(&self) -> &Cells {
        &self.cells
    }

    /// The outcome of a decided case; `None` for a gap.
    pub(crate) fn outcome<'c>(&self, cat: &'c Catalogue, case: usize) -> Option<Outcome<'c>> {
        outcome(cat, self.decision(case))
    }

    /// The outcome of the cases of cell number `cell` (see [`cells`]).
    pub(crate) fn cell_outcome<'c>(&self, cat: &'c Catalogue, cell: usize) -> Option<Outcome<'c>> {
        outcome(cat, self.cell_decision(cell))
    }

    /// Each rule that matches cases but decides none, with the rules that decide them (in
    /// rule order).
    pub(crate) fn shadowed(&self) -> &[(usize, shadows::Shadows)] {
        &self.shadowed
    }

    /// How many cases each rule decides.
    pub(crate) fn win_counts(&self, rules: usize) -> Vec<usize> {
        let mut wins = self.wins.clone();
        wins.resize(rules, 0);
        wins
    }
}

/// The `routing-too-large` error, at the `routing` section.
pub(crate) fn too_large(cat: &Catalogue, why: &TooLarge) -> Diagnostic {
    let loc = cat.routing.loc;
    match why {
        TooLarge::Cases(n) => Diagnostic::error(
            Code::RoutingTooLarge,
            loc,
            format!("the routing has {n} cases, more than the {MAX_CASES} supportbook can decide"),
        ),
        TooLarge::Work { classes, rules } => {
            let space = Space::new(cat);
            let told: Vec<String> = space
                .dims
                .iter()
                .zip(classes)
                .map(|(d, n)| format!("{n} groups of {}", plural(*d)))
                .collect();
            let combinations: usize = classes.iter().product();
            Diagnostic::error(
                Code::RoutingTooLarge,
                loc,
                format!(
                    "deciding the routing takes more than the {} rule checks supportbook does: \
                     its {rules} rules treat {} differently ({combinations} combinations, \
                     each checked against the rules that match it)",
                    WORK_LIMIT * 64,
                    told.join(" × ")
                ),
            )
            .with_help(
                "rules that each name fewer values, or fewer rules naming values, make the \
                 routing smaller; or split the catalogue",
            )
        }
    }
}

fn plural(d: Dim) -> &'static str {
    match d {
        Dim::Product => "products",
        Dim::Issue => "issue types",
        Dim::Severity => "severities",
        Dim::Plan => "plans",
    }
}

fn outcome(cat: &Catalogue, decision: Decision) -> Option<Outcome<'_>> {
    match decision {
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

fn decision(code: u32) -> Decision {
    match code {
        GAP => Decision::Gap,
        FALLBACK => Decision::Fallback,
        r => Decision::Rule(r as usize),
    }
}

/// Writes the decisions of the cases in `out` (all values of the dimensions from `d` on) from
/// the cell table; `cell` is the cell offset of the classes chosen before `d`.
fn spell(table: &[u32], offsets: &[Vec<usize>], d: usize, cell: usize, out: &mut [u32]) {
    if d == offsets.len() {
        out[0] = table[cell];
        return;
    }
    if d + 1 == offsets.len() {
        for (o, off) in out.iter_mut().zip(&offsets[d]) {
            *o = table[cell + off];
        }
        return;
    }
    let stride = out.len() / offsets[d].len().max(1);
    for (block, off) in out.chunks_mut(stride.max(1)).zip(&offsets[d]) {
        spell(table, offsets, d + 1, cell + off, block);
    }
}
