//! Integration tests, one module per behaviour, in one binary (one link step).

#[macro_use]
mod support;

mod adapters;
mod bridge;
mod close;
mod combinators;
mod combinators_props;
mod debug;
mod delegation;
mod drop;
mod misuse;
mod object_safety;
mod pep380;
mod prime;
mod resume;
mod scheduler;
mod send_none;
mod sizes;
mod sources;
mod sync;
mod sync_props;
mod throw;
mod trampoline;
mod trampoline_types;
mod try_iter;
mod without_send;
