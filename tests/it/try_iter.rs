//! `try_iter`: `for x in gen` / `list(gen)` over a generator that may raise.

use resumable::generator::{from_fn, from_iter};
use resumable::{Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::{Boom, Log};

/// `yield 1; yield 2; raise Boom(3)`, logging each resume.
fn raises_third(log: &Log) -> impl Generator<Yield = i32, Return = (), Error = Boom> + '_ {
    let mut count = 0;
    from_fn(move |input: Resume<(), Boom>| -> Outcome<i32, (), Boom> {
        input.sent()?;
        log.push("resumed");
        count += 1;
        match count {
            1 | 2 => Ok(GeneratorState::Yielded(count)),
            _ => Err(Exception::Raised(Boom(count))),
        }
    })
}

#[test]
fn yields_then_the_error_that_ends_the_generator() {
    let log = Log::default();
    // `take` bounds the test if the iterator failed to stop.
    let items: Vec<_> = raises_third(&log).try_iter().take(5).collect();
    assert_eq!(items, [Ok(1), Ok(2), Err(Boom(3))]);
}

#[test]
fn collecting_into_a_result_is_list_of_gen_raising() {
    let log = Log::default();
    let all: Result<Vec<i32>, Boom> = raises_third(&log).try_iter().collect();
    assert_eq!(all, Err(Boom(3)));
}

#[test]
fn after_the_error_the_generator_is_not_resumed_again() {
    let log = Log::default();
    let mut gen = raises_third(&log);
    let mut items = gen.try_iter();
    assert_eq!(items.by_ref().take(5).count(), 3);
    assert_eq!(items.next(), None);
    assert_eq!(
        log.take().len(),
        3,
        "one resume per item, none after the error"
    );
}

#[test]
fn a_return_ends_the_iteration_without_an_error() {
    let all: Result<Vec<u8>, Boom> = from_iter([1, 2]).with_error().try_iter().collect();
    assert_eq!(all, Ok(vec![1, 2]));
}

#[test]
fn iteration_can_stop_and_pick_up_where_it_left_off() {
    let mut gen = from_iter([1, 2, 3]).with_error::<Boom>();
    assert_eq!(gen.try_iter().next(), Some(Ok(1)));
    assert_eq!(
        gen.try_iter().next(),
        Some(Ok(2)),
        "the generator kept its place"
    );
}
