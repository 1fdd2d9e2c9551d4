//! Outcomes as a customer sees them: covered or not, the escalation path, the note. Rules
//! that route alike (and the fallback, where it routes like a rule) share one outcome, so
//! products routed alike share their matrix rows and their route finder data.

use crate::catalogue::Catalogue;
use crate::routing::Decision;

/// What a customer sees of a decision: covered or not, the path, the note. Rules that route
/// alike (and the fallback, where it routes like a rule) share one outcome and one row.
#[derive(PartialEq, Eq, Hash, Clone, Copy)]
pub(super) struct Outcome<'c> {
    pub covered: bool,
    pub path: &'c [String],
    pub note: Option<&'c str>,
}

/// Every decision numbered by its outcome: equal numbers, equal rows.
pub(super) struct Outcomes<'c> {
    all: Vec<Outcome<'c>>,
    by_rule: Vec<u32>,
    fallback: u32,
    gap: u32,
}

impl<'c> Outcomes<'c> {
    /// Numbers the rules' outcomes, then the fallback's, then a gap's.
    pub(super) fn new(cat: &'c Catalogue) -> Self {
        let mut all: Vec<Outcome> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut number = |o: Outcome<'c>| {
            *index.entry(o).or_insert_with(|| {
                all.push(o);
                all.len() as u32 - 1
            })
        };
        let by_rule = cat
            .routing
            .rules
            .iter()
            .map(|r| {
                number(Outcome {
                    covered: r.covered,
                    path: &r.path,
                    note: r.note.as_deref(),
                })
            })
            .collect();
        let fallback = number(Outcome {
            covered: true,
            path: cat.routing.fallback.as_deref().unwrap_or_default(),
            note: None,
        });
        let gap = number(Outcome {
            covered: false,
            path: &[],
            note: None,
        });
        Outcomes {
            all,
            by_rule,
            fallback,
            gap,
        }
    }

    /// The number of a decision's outcome.
    pub(super) fn number(&self, d: Decision) -> u32 {
        match d {
            Decision::Rule(r) => self.by_rule[r],
            Decision::Fallback => self.fallback,
            Decision::Gap => self.gap,
        }
    }

    /// The outcome numbered `n`.
    pub(super) fn get(&self, n: u32) -> Outcome<'c> {
        self.all[n as usize]
    }

    /// Every outcome, in number order.
    pub(super) fn all(&self) -> &[Outcome<'c>] {
        &self.all
    }
}
