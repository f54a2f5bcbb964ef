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

/// Where a two-stage combinator is: running its first generator (with the
/// closure that makes the second), or the second. The stage enum you would
/// otherwise write by hand.
///
/// The closure lives in the first stage, as an `Option` only so that it can
/// be taken out by value when that stage ends; kept there rather than in a
/// field of its own, it costs nothing on the resumes in between (see the
/// `then` group of `benches/protocol.rs`).
#[derive(Clone)]
enum Stage<A, F, B> {
    First(A, Option<F>),
    Second(B),
}

impl<A, F, B> Stage<A, F, B> {
    fn first(first: A, f: F) -> Self {
        Stage::First(first, Some(f))
    }

    /// Takes the closure out of the first stage.
    fn take_f(&mut self) -> F {
        match self {
            Stage::First(_, f) => f.take().expect("the first stage ends once"),
            Stage::Second(_) => unreachable!("called in the first stage"),
        }
    }
}

impl<A: core::fmt::Debug, F, B: core::fmt::Debug> core::fmt::Debug for Stage<A, F, B> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Stage::First(first, _) => f.debug_tuple("First").field(first).finish(),
            Stage::Second(second) => f.debug_tuple("Second").field(second).finish(),
        }
    }
}
