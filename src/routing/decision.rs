//! How a case is decided: by a rule, by the fallback, or not at all (a gap); what that means for
//! the customer; and two rules that both match a case.

/// How one case is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    Rule(usize),
    Fallback,
    Gap,
}

/// What happens to a case: `rule` is `None` where the fallback decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome<'c> {
    pub rule: Option<&'c str>,
    pub covered: bool,
    pub path: &'c [String],
}

pub(super) const GAP: u32 = u32::MAX;
pub(super) const FALLBACK: u32 = u32::MAX - 1;

/// Two rules that match one case (under `policy: unique`), with the first such case.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Overlap {
    pub first: usize,
    pub second: usize,
    pub example: usize,
}
