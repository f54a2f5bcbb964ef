//! Generators built from other generators: one adapter per file.

pub(super) mod chain;
pub(super) mod delegate;
pub(super) mod iter;
pub(super) mod map_return;
pub(super) mod map_yield;
pub(super) mod try_iter;
pub(super) mod with_error;
pub(super) mod without_send;
pub(super) mod yield_from;
