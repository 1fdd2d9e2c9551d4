//! The routing stage: the case space (every combination of the dimensions the rules use), the
//! decision for every case, and the analysis that proves the routing sound.
//!
//! Values that the same rules name are merged into classes, and the routing is decided once per
//! cell (one class per dimension, see [`cells`]); the analysis works on cells too, so `check`
//! never spells out the decision of every case. Rendering does, on first use.

mod analysis;
pub mod answer;
mod budget;
pub(crate) mod cells;
mod decision;
mod gaps;
mod hours;
mod matrix;
mod names;
mod shadows;
mod space;

pub use analysis::analyse;
pub use decision::Decision;
pub use matrix::{Matrix, too_large};
pub(crate) use names::{Named, named};
pub use space::Dim;
