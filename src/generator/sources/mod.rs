//! Generators made from something that is not a generator: one source per file.

pub(super) mod empty;
pub(super) mod from_fn;
pub(super) mod from_iter;
pub(super) mod once;
