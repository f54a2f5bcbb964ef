//! The scheduler: ordering, cancellation, the asyncio combinators, the
//! runtime's reports, and property tests against simple models.

mod cancel;
mod combinators;
mod ordering;
mod props;
mod run_future;
mod runtime;
mod script;
