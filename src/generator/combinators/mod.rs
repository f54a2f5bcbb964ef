//! Generators that sequence other generators without a hand-written stage
//! enum: one combinator per file.
//!
//! Each is the small state machine you would otherwise write by hand, with a
//! name: [`Then`](super::Then) is `r = yield from a; return (yield from f(r))`, [`OrElse`](super::OrElse)
//! is a `try: … except`, [`Finally`](super::Finally) a `try: … finally`, [`Sequence`](super::Sequence) a `for`
//! loop of `yield from`s, [`LoopFn`](super::LoopFn) a `while` loop of them, [`Lazy`](super::Lazy) the
//! plain code before a coroutine's first `await`. Every stage is
//! delegated to as by [`yield_from!`](crate::yield_from!), so a send, throw
//! or close reaches the stage that is running, exactly as it would in the
//! hand-written machine.

pub(super) mod and_then;
pub(super) mod finally;
pub(super) mod lazy;
pub(super) mod loop_fn;
pub(super) mod map_err;
pub(super) mod or_else;
pub(super) mod ready;
pub(super) mod sequence;
pub(super) mod then;

/// Where a two-stage combinator is: running its first generator, or the one
/// that came after it. The stage enum you would otherwise write by hand.
#[derive(Clone, Debug)]
enum Stage<A, B> {
    First(A),
    Second(B),
}
