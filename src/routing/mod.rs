//! The routing stage: the case space (every combination of the dimensions the rules use), the
//! decision for every case, and the analysis that proves the routing sound.
//!
//! Values that the same rules name are merged into classes, and the routing is decided once per
//! cell (one class per dimension, see [`cells`]); the analysis works on cells too, so `check`
//! never spells out the decision of every case. Rendering does, on first use.

mod analysis;
pub(crate) mod answer;
mod budget;
pub(crate) mod cells;
mod decision;
pub(crate) mod gaps;
mod hours;
mod matrix;
mod names;
mod promise;
mod shadows;
mod space;

pub(crate) use analysis::analyse;
pub(crate) use decision::Decision;
pub(crate) use matrix::{Matrix, too_large};
pub(crate) use names::{Named, named};
pub(crate) use space::{Dim, Space};
