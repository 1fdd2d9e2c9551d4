//! The case space: which dimensions decide a case, their values in catalogue order, and the
//! numbering of cases (the last dimension changing fastest).

use crate::catalogue::{Catalogue, When};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Dim {
    Product,
    Issue,
    Severity,
    Plan,
}

impl Dim {
    pub(crate) const ALL: [Dim; 4] = [Dim::Product, Dim::Issue, Dim::Severity, Dim::Plan];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Dim::Product => "product",
            Dim::Issue => "issue",
            Dim::Severity => "severity",
            Dim::Plan => "plan",
        }
    }

    /// The ids a rule's `when` gives for this dimension (`None`: any).
    pub(crate) fn when(self, w: &When) -> Option<&Vec<String>> {
        match self {
            Dim::Product => w.product.as_ref(),
            Dim::Issue => w.issue.as_ref(),
            Dim::Severity => w.severity.as_ref(),
            Dim::Plan => w.plan.as_ref(),
        }
    }

    /// The ids of this dimension in `w`, to set.
    pub(crate) fn when_mut(self, w: &mut When) -> &mut Option<Vec<String>> {
        match self {
            Dim::Product => &mut w.product,
            Dim::Issue => &mut w.issue,
            Dim::Severity => &mut w.severity,
            Dim::Plan => &mut w.plan,
        }
    }

    fn ids(self, cat: &Catalogue) -> Vec<String> {
        match self {
            Dim::Product => cat.products.iter().map(|x| x.id.clone()).collect(),
            Dim::Issue => cat.issue_types.iter().map(|x| x.id.clone()).collect(),
            Dim::Severity => cat.severities.iter().map(|x| x.id.clone()).collect(),
            Dim::Plan => cat.plans.iter().map(|x| x.id.clone()).collect(),
        }
    }
}

/// The dimensions in use (product, issue, then severity and plan where a rule uses them).
pub(crate) struct Space {
    pub dims: Vec<Dim>,
    pub sizes: Vec<usize>,
    pub(crate) values: Vec<Vec<String>>,
}

impl Space {
    pub(crate) fn new(cat: &Catalogue) -> Space {
        let used = |d: Dim| cat.routing.rules.iter().any(|r| d.when(&r.when).is_some());
        let dims: Vec<Dim> = Dim::ALL
            .into_iter()
            .filter(|&d| matches!(d, Dim::Product | Dim::Issue) || used(d))
            .collect();
        let values: Vec<Vec<String>> = dims.iter().map(|d| d.ids(cat)).collect();
        let sizes = values.iter().map(Vec::len).collect();
        Space {
            dims,
            sizes,
            values,
        }
    }

    /// The number of cases, or `None` if it does not fit in memory's address space.
    pub(crate) fn total(&self) -> Option<usize> {
        self.sizes
            .iter()
            .try_fold(1usize, |acc, s| acc.checked_mul(*s))
    }

    pub(crate) fn position(&self, dim: Dim) -> Option<usize> {
        self.dims.iter().position(|d| *d == dim)
    }

    pub(crate) fn len(&self, dim: Dim) -> usize {
        self.position(dim).map_or(0, |p| self.sizes[p])
    }

    pub(crate) fn value(&self, dim: Dim, v: usize) -> &str {
        &self.values[self.position(dim).expect("dimension in space")][v]
    }

    pub(crate) fn value_index(&self, dim: Dim, id: &str) -> Option<usize> {
        self.values[self.position(dim)?]
            .iter()
            .position(|x| x == id)
    }

    /// The coordinates (value index per dimension) of a case number.
    pub(crate) fn coords(&self, mut case: usize) -> Vec<usize> {
        let mut c = vec![0; self.dims.len()];
        for (i, size) in self.sizes.iter().enumerate().rev() {
            c[i] = case % size;
            case /= size;
        }
        c
    }

    pub(crate) fn case(&self, coords: &[usize]) -> usize {
        coords
            .iter()
            .zip(&self.sizes)
            .fold(0, |acc, (c, s)| acc * s + c)
    }

    /// `product=azure issue=outage severity=A`.
    pub(crate) fn describe(&self, coords: &[usize]) -> String {
        self.dims
            .iter()
            .zip(coords)
            .enumerate()
            .map(|(i, (d, v))| format!("{}={}", d.name(), self.values[i][*v]))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub(crate) fn values(&self, pos: usize) -> &[String] {
        &self.values[pos]
    }
}
