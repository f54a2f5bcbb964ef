//! `yield from`: every rule of PEP 380, one test each, through the
//! `yield_from!` macro in a hand-written delegator and the `YieldFrom` adapter.

use resumable::generator::{from_iter, yield_from, CloseError};
use resumable::{Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::{Boom, Log, OnClose, OnThrow, Probe};

/// A delegating generator written by hand, like this Python:
///
/// ```python
/// def level(name, sub, catch):
///     log(f"{name} start")
///     try:
///         r = yield from sub
///     except Boom as e:
///         if not catch: raise
///         log(f"{name} caught {e}")
///         r = "recovered"
///     except GeneratorExit:
///         log(f"{name} exit")
///         raise
///     log(f"{name} got {r}")
///     return r
/// ```
struct Level<G> {
    name: &'static str,
    log: Log,
    sub: G,
    catch: bool,
    started: bool,
}

fn level<G>(name: &'static str, log: &Log, sub: G, catch: bool) -> Level<G> {
    Level {
        name,
        log: log.clone(),
        sub,
        catch,
        started: false,
    }
}

impl<S, G> Generator<S> for Level<G>
where
    G: Generator<S, Yield = i32, Return = &'static str, Error = Boom>,
{
    type Yield = i32;
    type Return = &'static str;
    type Error = Boom;

    fn resume(&mut self, mut input: Resume<S, Boom>) -> Outcome<i32, &'static str, Boom> {
        if !self.started {
            input.sent()?;
            self.started = true;
            self.log.push(format!("{} start", self.name));
            input = Resume::Next;
        }
        let value = match resumable::yield_from!(self.sub, input) {
            Ok(value) => value,
            Err(Exception::Raised(error)) if self.catch => {
                self.log.push(format!("{} caught {error}", self.name));
                "recovered"
            }
            Err(Exception::GeneratorExit) => {
                self.log.push(format!("{} exit", self.name));
                return Err(Exception::GeneratorExit);
            }
            Err(error) => return Err(error),
        };
        self.log.push(format!("{} got {value}", self.name));
        Ok(GeneratorState::Complete(value))
    }
}

#[test]
fn yields_of_the_sub_pass_through() {
    let log = Log::default();
    let mut gen = level("outer", &log, Probe::new(&log, 2), false);
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.next(), 2);
}

#[test]
fn sent_values_go_to_the_sub() {
    let log = Log::default();
    let mut gen = level("outer", &log, Probe::new(&log, 2), false);
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.send(10), 2);
    assert_eq!(log.take(), ["outer start", "start", "got 10"]);
}

#[test]
fn return_value_of_the_sub_is_the_value_of_the_delegation() {
    let log = Log::default();
    let mut gen = level("outer", &log, Probe::new(&log, 1), false);
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.send(10), "done");
    assert_eq!(
        log.take(),
        ["outer start", "start", "got 10", "outer got done"]
    );
}

#[test]
fn throw_reaches_the_innermost_generator_first() {
    let log = Log::default();
    let inner = Probe::new(&log, 3).on_throw(OnThrow::YieldAgain);
    let mut gen = level("outer", &log, level("middle", &log, inner, true), true);
    assert_yielded!(gen.next(), 1);
    log.take();
    assert_yielded!(gen.throw(Boom(5)), -1);
    assert_eq!(log.take(), ["caught boom 5"]);
}

#[test]
fn uncaught_throw_unwinds_from_inner_to_outer() {
    let log = Log::default();
    let mut gen = level(
        "outer",
        &log,
        level("middle", &log, Probe::new(&log, 3), false),
        true,
    );
    assert_yielded!(gen.next(), 1);
    log.take();
    assert_complete!(gen.throw(Boom(5)), "recovered");
    assert_eq!(
        log.take(),
        [
            "caught boom 5",
            "outer caught boom 5",
            "outer got recovered"
        ]
    );
}

#[test]
fn close_closes_the_innermost_first_then_each_delegator_sees_the_exit() {
    let log = Log::default();
    let mut gen = level(
        "outer",
        &log,
        level("middle", &log, Probe::new(&log, 3), true),
        true,
    );
    assert_yielded!(gen.next(), 1);
    log.take();
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["cleanup", "middle exit", "outer exit"]);
}

#[test]
fn sub_returning_a_value_while_closing_still_raises_exit_in_the_delegator() {
    let log = Log::default();
    let inner = Probe::new(&log, 3).on_close(OnClose::Return);
    let mut gen = level("outer", &log, inner, true);
    assert_yielded!(gen.next(), 1);
    log.take();
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["cleanup", "outer exit"]);
}

#[test]
fn sub_raising_while_closing_replaces_the_exit_in_the_delegator() {
    let log = Log::default();
    let inner = Probe::new(&log, 3).on_close(OnClose::Raise);
    let mut gen = level("outer", &log, inner, true);
    assert_yielded!(gen.next(), 1);
    log.take();
    assert_eq!(gen.close(), Ok(Some("recovered")));
    assert_eq!(
        log.take(),
        ["cleanup", "outer caught boom 99", "outer got recovered"]
    );
}

#[test]
fn sub_ignoring_the_exit_is_reported_by_the_outermost_close() {
    let log = Log::default();
    let inner = Probe::new(&log, 3).on_close(OnClose::Ignore);
    let mut gen = level("outer", &log, inner, true).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Err(CloseError::IgnoredExit(-2)));
}

#[test]
fn throw_into_a_created_delegator_does_not_start_the_sub() {
    let log = Log::default();
    let mut gen = level("outer", &log, Probe::new(&log, 3), true);
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert!(log.take().is_empty());
}

#[test]
fn a_plain_iterator_as_sub_lets_throws_land_in_the_delegator() {
    let log = Log::default();
    let numbers = from_iter([10, 20, 30])
        .map_return(|()| "iterated")
        .with_error::<Boom>();
    let mut gen = level("outer", &log, numbers, true);
    assert_yielded!(gen.next(), 10);
    assert_complete!(gen.throw(Boom(2)), "recovered");
    assert_eq!(
        log.take(),
        ["outer start", "outer caught boom 2", "outer got recovered"]
    );
}

#[test]
fn a_plain_iterator_as_sub_lets_close_land_in_the_delegator() {
    let log = Log::default();
    let numbers = from_iter([10, 20])
        .map_return(|()| "iterated")
        .with_error::<Boom>();
    let mut gen = level("outer", &log, numbers, true);
    assert_yielded!(gen.next(), 10);
    log.take();
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["outer exit"]);
}

#[test]
fn yield_from_adapter_returns_what_the_sub_returns() {
    let log = Log::default();
    let mut gen = yield_from(Probe::new(&log, 1));
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.send(3), "done");
}

#[test]
fn yield_from_adapter_drops_a_value_returned_while_closing() {
    let log = Log::default();
    let mut sub = Probe::new(&log, 3).on_close(OnClose::Return);
    assert_yielded!(sub.next(), 1);
    let mut gen = yield_from(sub);
    assert_eq!(
        gen.close(),
        Ok(None),
        "PEP 380: GeneratorExit in the delegator"
    );
}

#[test]
fn trace_of_a_three_level_delegation() {
    let log = Log::default();
    let inner = Probe::new(&log, 5).on_throw(OnThrow::YieldAgain);
    let mut gen = level("outer", &log, level("middle", &log, inner, false), true).tracked();
    let mut trace = Vec::new();
    let mut step = |call: &str, outcome: String| {
        trace.push(format!("{call:<12} -> {outcome}"));
        trace.extend(log.take().into_iter().map(|event| format!("    {event}")));
    };
    step("next()", format!("{:?}", gen.next()));
    step("send(10)", format!("{:?}", gen.send(10)));
    step("throw(1)", format!("{:?}", gen.throw(Boom(1))));
    step("close()", format!("{:?}", gen.close()));
    step("state()", format!("{:?}", gen.state()));
    insta::assert_snapshot!(trace.join("\n"));
}
