//! `asyncio/futures.py`: [`Promise`], asyncio's `Future`.
//!
//! A future is a result that is not there yet: pending, then done once
//! (with a value, an error, or cancelled). Whoever wants to know when it is
//! done adds a *done callback*; becoming done schedules every callback with
//! `call_soon`. A task awaiting a future is nothing more: its wake-up is one
//! of the future's callbacks. Tasks are futures too, and so are the things
//! `gather` and `shield` return.
//!
//! Rust's own `Future` is the trait an executor polls; this crate calls
//! asyncio's kind a [`Promise`] to keep the two apart (the bridge between
//! them is [`wrap_future`](fn@crate::scheduler::wrap_future)).

mod awaiting;
mod callbacks;
mod cell;
mod promise;
mod remote_promise;

pub(crate) use self::awaiting::{attached_to_a_different_loop, Await};
pub(crate) use self::callbacks::Callback;
pub(crate) use self::cell::{callback_id, FutureCell, Owner, State};
pub use self::promise::{CallbackId, Promise, PromiseWait};
pub use self::remote_promise::RemotePromise;
