//! Exit codes: 0 success, 1 the content is invalid, 2 bad usage or an I/O failure.

/// The content is invalid (its diagnostics were printed).
pub(super) const INVALID: u8 = 1;
