//! What a dimension's value is called: the catalogue's own id and name of the product, issue
//! type, severity or plan at a place of the case space. One lookup for every answer and view.

use super::space::{Dim, Space};
use crate::catalogue::Catalogue;

/// A value of a dimension, as the catalogue defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Named<'c> {
    pub id: &'c str,
    pub name: &'c str,
}

/// The catalogue's id and name of value `v` of dimension `d`.
pub(crate) fn named<'c>(cat: &'c Catalogue, space: &Space, d: Dim, v: usize) -> Named<'c> {
    let id = space.value(d, v);
    let found = match d {
        Dim::Product => cat.product(id).map(|x| (&x.id, &x.name)),
        Dim::Issue => cat.issue_type(id).map(|x| (&x.id, &x.name)),
        Dim::Severity => cat.severity(id).map(|x| (&x.id, &x.name)),
        Dim::Plan => cat.plan(id).map(|x| (&x.id, &x.name)),
    };
    let (id, name) = found.expect("space values come from the catalogue");
    Named { id, name }
}
