//! The trampoline's frames of different kinds: a plain generator as a
//! frame (`leaf`), a root whose return type is not its subs', and subs
//! converted with `Frame::map_return`.

use std::convert::Infallible;

use resumable::generator::{
    empty, from_iter, leaf, trampoline, BoxFrame, Frame, Received, Suspend,
};
use resumable::{Generator, GeneratorState, Outcome, Resume};

use crate::support::{Boom, Log, OnThrow, Probe};

/// The stack under the roots here: boxed frames that yield `i32`, receive
/// `i32`, raise `Boom` and return `&'static str`.
type Sub = BoxFrame<'static, i32, &'static str, Boom, i32>;

/// `def root(sub): text = yield from sub; return len(text)`: a root that
/// returns a `usize` over subs that return strings.
struct Root(Option<Sub>);

impl Frame<i32> for Root {
    type Yield = i32;
    type Return = usize;
    type Error = Boom;
    type Sub = Sub;

    fn resume(
        &mut self,
        input: Resume<Received<i32, &'static str>, Boom>,
    ) -> Outcome<Suspend<i32, Sub>, usize, Boom> {
        match input.sent()? {
            Some(Received::Returned(text)) => Ok(GeneratorState::Complete(text.len())),
            _ => {
                let sub = self.0.take().expect("resumed only when its sub is over");
                Ok(GeneratorState::Yielded(Suspend::YieldFrom(sub)))
            }
        }
    }
}

fn root_over(sub: Sub) -> Root {
    Root(Some(sub))
}

#[test]
fn a_leaf_passes_the_generators_yields_through() {
    let log = Log::default();
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(Probe::new(&log, 2)))));
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.next(), 2);
}

#[test]
fn a_leaf_receives_the_values_sent() {
    let log = Log::default();
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(Probe::new(&log, 3)))));
    let _ = gen.next();
    let _ = gen.send(42);
    assert_eq!(log.take(), ["start", "got 42"]);
}

#[test]
fn a_leafs_return_value_is_its_delegators_yield_from_value() {
    let log = Log::default();
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(Probe::new(&log, 1)))));
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.next(), "done".len());
}

#[test]
fn a_throw_a_leaf_catches_stays_in_the_leaf() {
    let log = Log::default();
    let probe = Probe::new(&log, 3).on_throw(OnThrow::YieldAgain);
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(probe))));
    let _ = gen.next();
    assert_yielded!(gen.throw(Boom(1)), -1);
    assert_eq!(gen.depth(), 2, "the leaf is still on the stack");
}

#[test]
fn a_throw_a_leaf_does_not_catch_is_raised_at_the_yield_from() {
    let log = Log::default();
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(Probe::new(&log, 3)))));
    let _ = gen.next();
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert_eq!(gen.depth(), 0, "the root did not catch it either");
}

#[test]
fn closing_closes_the_leaf_first() {
    let log = Log::default();
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(Probe::new(&log, 3)))));
    let _ = gen.next();
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
}

#[test]
fn the_root_returns_its_own_type_over_subs_that_return_another() {
    let log = Log::default();
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(Probe::new(&log, 0)))));
    let done: usize = match gen.next() {
        Ok(GeneratorState::Complete(length)) => length,
        other => panic!("the root returns len('done'), got {other:?}"),
    };
    assert_eq!(done, 4);
}

/// `def count(): yield 7; return 2`, a frame that returns a `u32` on a
/// stack of frames returning strings.
struct Count(bool);

impl Frame<i32> for Count {
    type Yield = i32;
    type Return = u32;
    type Error = Boom;
    type Sub = Sub;

    fn resume(
        &mut self,
        input: Resume<Received<i32, &'static str>, Boom>,
    ) -> Outcome<Suspend<i32, Sub>, u32, Boom> {
        input.sent()?;
        if std::mem::replace(&mut self.0, true) {
            Ok(GeneratorState::Complete(2))
        } else {
            Ok(GeneratorState::Yielded(Suspend::Yield(7)))
        }
    }
}

#[test]
fn map_return_converts_a_frames_return_value_for_its_delegator() {
    let words = ["zero", "one", "two"];
    let count = Count(false).map_return(move |n| words[n as usize]);
    let mut gen = trampoline(root_over(BoxFrame::new(count)));
    assert_yielded!(gen.next(), 7);
    assert_complete!(gen.next(), "two".len());
}

#[test]
fn depth_counts_the_root_and_each_frame_under_it() {
    let log = Log::default();
    let mut gen = trampoline(root_over(BoxFrame::new(leaf(Probe::new(&log, 1)))));
    assert_eq!(gen.depth(), 1, "the root alone");
    let _ = gen.next();
    assert_eq!(gen.depth(), 2, "root ← leaf");
    let _ = gen.next();
    assert_eq!(gen.depth(), 0, "finished");
}

#[test]
fn a_leaf_takes_a_plain_iterator() {
    /// `def g(): yield from range(3)`, the range as a leaf.
    struct Outer(bool);

    impl Frame for Outer {
        type Yield = u8;
        type Return = ();
        type Error = Infallible;
        type Sub = BoxFrame<'static, u8>;

        fn resume(&mut self, input: Resume<Received<(), ()>>) -> Outcome<Suspend<u8, Self::Sub>> {
            input.sent()?;
            if std::mem::replace(&mut self.0, true) {
                return Ok(GeneratorState::Complete(()));
            }
            Ok(GeneratorState::Yielded(Suspend::YieldFrom(BoxFrame::new(
                leaf(from_iter(0..3)),
            ))))
        }
    }

    let items: Vec<u8> = trampoline(Outer(false)).iter().collect();
    assert_eq!(items, [0, 1, 2]);
}

#[test]
fn a_leaf_of_an_empty_generator_returns_at_once() {
    /// `def g(): yield from (); yield 5`: the sub ends in the same step.
    struct Outer(u8);

    impl Frame for Outer {
        type Yield = u8;
        type Return = ();
        type Error = Infallible;
        type Sub = BoxFrame<'static, u8>;

        fn resume(&mut self, input: Resume<Received<(), ()>>) -> Outcome<Suspend<u8, Self::Sub>> {
            input.sent()?;
            self.0 += 1;
            Ok(match self.0 {
                1 => GeneratorState::Yielded(Suspend::YieldFrom(BoxFrame::new(leaf(empty())))),
                2 => GeneratorState::Yielded(Suspend::Yield(5)),
                _ => GeneratorState::Complete(()),
            })
        }
    }

    let items: Vec<u8> = trampoline(Outer(0)).iter().collect();
    assert_eq!(items, [5]);
}
