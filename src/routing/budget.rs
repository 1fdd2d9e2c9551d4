//! The routing's work limit. Deciding the cells and finding the rules that shadow others cost
//! one unit per word of a rule bitset (64 rules) compared; past [`WORK_LIMIT`] units the
//! routing is `routing-too-large`, so `check` ends in seconds whatever the catalogue. The count
//! does not depend on the order in which the cores do the work, so a catalogue always passes
//! or always fails.

use std::sync::atomic::{AtomicU64, Ordering};

/// Units of work (64 rule checks each) supportbook does to decide and analyse a routing:
/// a few seconds of one core. The adversarial catalogues of `benches/check.sh` (10 million
/// cases, up to 20,000 rules shadowing one another) take at most 0.5 billion.
pub(super) const WORK_LIMIT: u64 = 2_000_000_000;

/// How much work is counted locally before it is added to the shared count.
const FLUSH: u64 = 1 << 16;

#[derive(Default)]
pub(crate) struct Budget {
    spent: AtomicU64,
}

impl Budget {
    /// Whether the work so far is over the limit.
    pub(crate) fn exhausted(&self) -> bool {
        self.spent.load(Ordering::Relaxed) > WORK_LIMIT
    }

    /// Adds `units`; `false` once the total is over the limit.
    pub(crate) fn spend(&self, units: u64) -> bool {
        self.spent.fetch_add(units, Ordering::Relaxed) + units <= WORK_LIMIT
    }
}

/// One core's share of the count.
pub(crate) struct Meter<'a> {
    budget: &'a Budget,
    local: u64,
    pub stopped: bool,
}

impl<'a> Meter<'a> {
    pub(super) fn new(budget: &'a Budget) -> Self {
        Meter {
            budget,
            local: 0,
            stopped: budget.exhausted(),
        }
    }

    /// Counts `units`; sets `stopped` once the shared total is over the limit.
    pub(super) fn add(&mut self, units: usize) {
        self.local += units as u64;
        if self.local >= FLUSH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.budget.spend(self.local) {
            self.stopped = true;
        }
        self.local = 0;
    }
}

impl Drop for Meter<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}
