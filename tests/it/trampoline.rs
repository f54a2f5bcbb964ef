//! The trampoline (`trampoline`, `Frame`, `BoxFrame`): PEP 380's rules with
//! the frames on a stack, pinned one behaviour per test, and a property:
//! for random programs of frames that yield, delegate, return, raise and
//! catch, driven by random sequences of send / throw / close, the
//! trampoline gives exactly what the same program gives nested with
//! `delegate`, and what it gives nested with PEP 380's expansion (the
//! model of `pep380.rs`, restated here because its items are private to
//! that module): the same outcome for every call, the same log of events.

use std::ops::ControlFlow;

use proptest::prelude::*;
use resumable::generator::{delegate, trampoline, BoxFrame, Frame, Received, Suspend, Trampoline};
use resumable::{CloseError, Exception, Generator, GeneratorState, Lifecycle, Outcome, Resume};

use crate::support::{Boom, Log};

type Step = Outcome<i32, i32, Boom>;

// ------------------------------------------------------------ the programs

/// What a frame does next.
#[derive(Clone, Debug)]
enum Act {
    /// `x = yield v`; a value sent is added to the frame's total.
    Yield(i32),
    /// `r = yield from sub`; `r` is added to the frame's total.
    YieldFrom(Box<Program>),
    /// `return total + v`.
    Return(i32),
    /// `raise Boom(v)`.
    Raise(i32),
}

/// `except Boom:` around the body: re-raise, or run an act.
#[derive(Clone, Debug)]
enum OnError {
    Reraise,
    Catch(Act),
}

/// `except GeneratorExit:` around the body: let it out, or run an act
/// (a yield ignores GeneratorExit; a return is Python 3.13's value).
#[derive(Clone, Debug)]
enum OnExit {
    Exit,
    Catch(Act),
}

/// A generator function:
///
/// ```python
/// def frame():
///     total = 0
///     try:
///         for act in body: ...   # yield / yield from / return / raise
///         return total
///     except Boom: ...           # on_error
///     except GeneratorExit: ...  # on_exit
///     return total               # after a handler that yielded
/// ```
///
/// A `raise` in the body is not caught by the frame's own handlers.
#[derive(Clone, Debug)]
struct Program {
    body: Vec<Act>,
    on_error: OnError,
    on_exit: OnExit,
}

fn program(body: Vec<Act>) -> Program {
    Program {
        body,
        on_error: OnError::Reraise,
        on_exit: OnExit::Exit,
    }
}

impl Program {
    fn on_error(mut self, act: Act) -> Self {
        self.on_error = OnError::Catch(act);
        self
    }

    fn on_exit(mut self, act: Act) -> Self {
        self.on_exit = OnExit::Catch(act);
        self
    }
}

// ------------------------------------------- one frame, however it is run

/// Where a frame is suspended.
#[derive(Clone, Copy, PartialEq, Debug)]
enum At {
    Start,
    Body(usize),
    /// At the yield (or yield from) of a handler, outside the `try`.
    Handler,
}

/// What reaches a frame at its suspension point.
#[derive(Debug)]
enum Event {
    Start,
    Value(Option<i32>),
    SubReturned(i32),
    Error(Boom),
    Exit,
}

impl Event {
    fn of_delegation(result: Result<i32, Exception<Boom>>) -> Event {
        match result {
            Ok(value) => Event::SubReturned(value),
            Err(Exception::Raised(error)) => Event::Error(error),
            Err(Exception::GeneratorExit) => Event::Exit,
        }
    }
}

/// What a frame does after an event.
enum Action {
    Yield(i32),
    YieldFrom(Program, String),
    Return(i32),
    Raise(Boom),
    Exit,
}

/// The interpreter of one [`Program`], shared by every way of running it,
/// so that only the delegation differs.
struct Core {
    name: String,
    log: Log,
    program: Program,
    at: At,
    total: i32,
    subs: usize,
}

impl Core {
    fn new(program: Program, name: String, log: &Log) -> Self {
        Core {
            name,
            log: log.clone(),
            program,
            at: At::Start,
            total: 0,
            subs: 0,
        }
    }

    fn started(&self) -> bool {
        self.at != At::Start
    }

    fn note(&self, event: impl std::fmt::Display) {
        self.log.push(format!("{} {event}", self.name));
    }

    fn step(&mut self, event: Event) -> Action {
        self.note(format_args!("{event:?}"));
        match (self.at, event) {
            (At::Start, _) => self.run_body(0),
            (_, Event::Value(sent)) => {
                self.total += sent.unwrap_or(0);
                self.resume_after(self.at)
            }
            (_, Event::SubReturned(value)) => {
                self.total += value;
                self.resume_after(self.at)
            }
            (At::Handler, Event::Error(error)) => Action::Raise(error),
            (At::Handler, Event::Exit) => Action::Exit,
            (_, Event::Error(error)) => match self.program.on_error.clone() {
                OnError::Reraise => Action::Raise(error),
                OnError::Catch(act) => self.handle(act),
            },
            (_, Event::Exit) => match self.program.on_exit.clone() {
                OnExit::Exit => Action::Exit,
                OnExit::Catch(act) => self.handle(act),
            },
            (_, Event::Start) => unreachable!("a frame starts once"),
        }
    }

    fn resume_after(&mut self, at: At) -> Action {
        match at {
            At::Body(index) => self.run_body(index + 1),
            At::Handler | At::Start => Action::Return(self.total),
        }
    }

    fn run_body(&mut self, index: usize) -> Action {
        self.at = At::Body(index);
        match self.program.body.get(index).cloned() {
            None => Action::Return(self.total),
            Some(act) => self.act(act),
        }
    }

    fn handle(&mut self, act: Act) -> Action {
        self.at = At::Handler;
        self.act(act)
    }

    fn act(&mut self, act: Act) -> Action {
        match act {
            Act::Yield(value) => Action::Yield(value),
            Act::YieldFrom(sub) => {
                self.subs += 1;
                Action::YieldFrom(*sub, format!("{}.{}", self.name, self.subs))
            }
            Act::Return(value) => Action::Return(self.total + value),
            Act::Raise(code) => Action::Raise(Boom(code)),
        }
    }
}

// --------------------------------------------------- run on a trampoline

/// A program as a trampoline frame.
struct Framed(Core);

impl Frame<i32> for Framed {
    type Yield = i32;
    type Return = i32;
    type Error = Boom;
    type Sub = Self;

    fn resume(
        &mut self,
        input: Resume<Received<i32, i32>, Boom>,
    ) -> Outcome<Suspend<i32, Self>, i32, Boom> {
        let event = if self.0.started() {
            match input {
                Resume::Next => Event::Value(None),
                Resume::Send(Received::Sent(value)) => Event::Value(Some(value)),
                Resume::Send(Received::Returned(value)) => Event::SubReturned(value),
                Resume::Throw(error) => Event::Error(error),
                Resume::Close => Event::Exit,
            }
        } else {
            input.sent()?; // thrown in or closed before it started: no code runs
            Event::Start
        };
        let log = self.0.log.clone();
        Ok(GeneratorState::Yielded(match self.0.step(event) {
            Action::Yield(value) => Suspend::Yield(value),
            Action::YieldFrom(sub, name) => Suspend::YieldFrom(Framed(Core::new(sub, name, &log))),
            Action::Return(value) => return Ok(GeneratorState::Complete(value)),
            Action::Raise(error) => return Err(Exception::Raised(error)),
            Action::Exit => return Err(Exception::GeneratorExit),
        }))
    }
}

fn trampolined(program: Program, log: &Log) -> Trampoline<Framed> {
    trampoline(Framed(Core::new(program, "f".into(), log)))
}

// ------------------------------------------------------- run nested

/// One step of `yield from`: the crate's [`delegate`], or the model.
type Delegation =
    fn(&mut Nested, Resume<i32, Boom>) -> ControlFlow<i32, Result<i32, Exception<Boom>>>;

/// A program as an ordinary generator that runs its subgenerators itself.
struct Nested {
    core: Core,
    sub: Option<Box<Nested>>,
    delegation: Delegation,
}

impl Nested {
    fn new(program: Program, name: String, log: &Log, delegation: Delegation) -> Self {
        Nested {
            core: Core::new(program, name, log),
            sub: None,
            delegation,
        }
    }
}

impl Generator<i32> for Nested {
    type Yield = i32;
    type Return = i32;
    type Error = Boom;

    fn resume(&mut self, input: Resume<i32, Boom>) -> Step {
        let mut event = match self.sub.as_mut() {
            _ if !self.core.started() => {
                input.sent()?;
                Event::Start
            }
            Some(sub) => match (self.delegation)(sub, input) {
                ControlFlow::Break(value) => return Ok(GeneratorState::Yielded(value)),
                ControlFlow::Continue(result) => {
                    self.sub = None;
                    Event::of_delegation(result)
                }
            },
            None => match input {
                Resume::Next => Event::Value(None),
                Resume::Send(value) => Event::Value(Some(value)),
                Resume::Throw(error) => Event::Error(error),
                Resume::Close => Event::Exit,
            },
        };
        loop {
            match self.core.step(event) {
                Action::Yield(value) => return Ok(GeneratorState::Yielded(value)),
                Action::YieldFrom(program, name) => {
                    let log = self.core.log.clone();
                    let mut sub = Box::new(Nested::new(program, name, &log, self.delegation));
                    match (self.delegation)(&mut sub, Resume::Next) {
                        ControlFlow::Break(value) => {
                            self.sub = Some(sub);
                            return Ok(GeneratorState::Yielded(value));
                        }
                        ControlFlow::Continue(result) => event = Event::of_delegation(result),
                    }
                }
                Action::Return(value) => return Ok(GeneratorState::Complete(value)),
                Action::Raise(error) => return Err(Exception::Raised(error)),
                Action::Exit => return Err(Exception::GeneratorExit),
            }
        }
    }
}

fn crate_delegation(
    sub: &mut Nested,
    input: Resume<i32, Boom>,
) -> ControlFlow<i32, Result<i32, Exception<Boom>>> {
    delegate(sub, input)
}

/// PEP 380's expansion, through the sub's public `next`/`send`/`throw`/
/// `close` only (as `Pep380::step` in `pep380.rs`).
fn pep380_delegation(
    sub: &mut Nested,
    input: Resume<i32, Boom>,
) -> ControlFlow<i32, Result<i32, Exception<Boom>>> {
    let step = match input {
        Resume::Next => sub.next(),
        Resume::Send(value) => sub.send(value),
        Resume::Throw(error) => sub.throw(error),
        // except GeneratorExit: _i.close(); raise _e (an error out of
        // close() replaces it; a yield is passed up, see docs/design.md)
        Resume::Close => match sub.close() {
            Ok(_) => return ControlFlow::Continue(Err(Exception::GeneratorExit)),
            Err(CloseError::Raised(error)) => {
                return ControlFlow::Continue(Err(Exception::Raised(error)))
            }
            Err(CloseError::IgnoredExit(value)) => return ControlFlow::Break(value),
        },
    };
    match step {
        Ok(GeneratorState::Yielded(value)) => ControlFlow::Break(value),
        Ok(GeneratorState::Complete(value)) => ControlFlow::Continue(Ok(value)),
        Err(exception) => ControlFlow::Continue(Err(exception)),
    }
}

fn nested(program: Program, log: &Log, delegation: Delegation) -> Nested {
    Nested::new(program, "f".into(), log, delegation)
}

// ------------------------------------------------------------ the driver

#[derive(Clone, Debug)]
enum Op {
    Send(i32),
    Next,
    Throw(i32),
    Close,
}

/// Applies `ops` to `gen` as a Python generator object (`Tracked`), and
/// records each call's outcome.
fn drive<G: Generator<i32, Yield = i32, Return = i32, Error = Boom>>(
    gen: G,
    ops: &[Op],
) -> Vec<String> {
    let mut gen = gen.tracked();
    let mut outcomes = Vec::new();
    for op in ops {
        let closed = gen.state() == Lifecycle::Closed;
        let created = gen.state() == Lifecycle::Created;
        let outcome = match op {
            Op::Next | Op::Send(_) if closed => continue,
            Op::Send(_) if created => format!("{:?}", gen.next()),
            Op::Send(value) => format!("{:?}", gen.send(*value)),
            Op::Next => format!("{:?}", gen.next()),
            Op::Throw(code) => format!("{:?}", gen.throw(Boom(*code))),
            Op::Close => format!("{:?}", gen.close()),
        };
        outcomes.push(format!("{op:?} -> {outcome}"));
    }
    outcomes
}

/// Outcomes and log of `program` under `ops`, run by `run`.
fn run_with<G>(
    program: &Program,
    ops: &[Op],
    run: impl FnOnce(Program, &Log) -> G,
) -> (Vec<String>, Vec<String>)
where
    G: Generator<i32, Yield = i32, Return = i32, Error = Boom>,
{
    let log = Log::default();
    let outcomes = drive(run(program.clone(), &log), ops);
    (outcomes, log.take())
}

fn compare(program: &Program, ops: &[Op]) -> Result<(), TestCaseError> {
    let tramp = run_with(program, ops, trampolined);
    let crate_nested = run_with(program, ops, |p, log| nested(p, log, crate_delegation));
    let model = run_with(program, ops, |p, log| nested(p, log, pep380_delegation));
    prop_assert_eq!(
        &tramp.0,
        &crate_nested.0,
        "outcomes differ from nested delegate"
    );
    prop_assert_eq!(
        &tramp.1,
        &crate_nested.1,
        "logs differ from nested delegate; outcomes {:#?}",
        tramp.0
    );
    prop_assert_eq!(&tramp.0, &model.0, "outcomes differ from the PEP 380 model");
    prop_assert_eq!(&tramp.1, &model.1, "logs differ from the PEP 380 model");
    Ok(())
}

// ---------------------------------------------------------- the strategies

fn leaf_act() -> impl Strategy<Value = Act> + Clone {
    prop_oneof![
        4 => (1..50i32).prop_map(Act::Yield),
        1 => (100..150i32).prop_map(Act::Return),
        1 => (200..250i32).prop_map(Act::Raise),
    ]
}

fn handlers(act: impl Strategy<Value = Act> + Clone) -> impl Strategy<Value = (OnError, OnExit)> {
    let on_error = prop_oneof![Just(OnError::Reraise), act.clone().prop_map(OnError::Catch)];
    let on_exit = prop_oneof![3 => Just(OnExit::Exit), 1 => act.prop_map(OnExit::Catch)];
    (on_error, on_exit)
}

fn with_handlers(body: Vec<Act>, (on_error, on_exit): (OnError, OnExit)) -> Program {
    Program {
        body,
        on_error,
        on_exit,
    }
}

/// Trees of frames: any act, in a body or a handler, may delegate.
fn program_strategy() -> impl Strategy<Value = Program> {
    let leaf = (
        prop::collection::vec(leaf_act(), 0..5),
        handlers(leaf_act()),
    )
        .prop_map(|(body, handlers)| with_handlers(body, handlers));
    leaf.prop_recursive(5, 24, 3, |inner| {
        let act = prop_oneof![
            3 => leaf_act(),
            2 => inner.prop_map(|sub| Act::YieldFrom(Box::new(sub))),
        ];
        (prop::collection::vec(act.clone(), 0..5), handlers(act))
            .prop_map(|(body, handlers)| with_handlers(body, handlers))
    })
}

/// A chain of random depth: each frame acts, delegates to the next, acts.
fn chain_strategy() -> impl Strategy<Value = Program> {
    let level = (
        prop::collection::vec(leaf_act(), 0..2),
        prop::collection::vec(leaf_act(), 0..2),
        handlers(leaf_act()),
    );
    (prop::collection::vec(level, 1..40), program_strategy()).prop_map(|(levels, innermost)| {
        levels
            .into_iter()
            .fold(innermost, |sub, (before, after, handlers)| {
                let mut body = before;
                body.push(Act::YieldFrom(Box::new(sub)));
                body.extend(after);
                with_handlers(body, handlers)
            })
    })
}

fn ops_strategy() -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![
        3 => (0..1000i32).prop_map(Op::Send),
        3 => Just(Op::Next),
        2 => (300..350i32).prop_map(Op::Throw),
        1 => Just(Op::Close),
    ];
    prop::collection::vec(op, 1..16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn trampoline_matches_nested_delegation(program in program_strategy(), ops in ops_strategy()) {
        compare(&program, &ops)?;
    }

    #[test]
    fn trampoline_matches_nested_delegation_at_random_depth(program in chain_strategy(), ops in ops_strategy()) {
        compare(&program, &ops)?;
    }
}

// ------------------------------------------------------ one per behaviour

/// `yield from sub`, as an act.
fn yields_from(sub: Program) -> Act {
    Act::YieldFrom(Box::new(sub))
}

/// `f` delegates to `f.1`, which delegates to `f.1.1`, which runs `innermost`.
fn three_deep(innermost: Program) -> Program {
    program(vec![yields_from(program(vec![yields_from(innermost)]))])
}

#[test]
fn items_come_from_the_innermost_frame() {
    let mut gen = trampolined(
        three_deep(program(vec![Act::Yield(1), Act::Yield(2)])),
        &Log::default(),
    );
    let items = [gen.next(), gen.next()];
    assert_eq!(
        items,
        [
            Ok(GeneratorState::Yielded(1)),
            Ok(GeneratorState::Yielded(2))
        ]
    );
}

#[test]
fn only_the_innermost_frame_is_resumed_for_an_item() {
    let log = Log::default();
    let mut gen = trampolined(
        three_deep(program(vec![Act::Yield(1), Act::Yield(2)])),
        &log,
    );
    let _ = gen.next();
    log.take();
    let _ = gen.next();
    assert_eq!(log.take(), ["f.1.1 Value(None)"]);
}

#[test]
fn a_sent_value_reaches_the_innermost_frame() {
    let log = Log::default();
    let mut gen = trampolined(three_deep(program(vec![Act::Yield(1)])), &log);
    let _ = gen.next();
    log.take();
    let _ = gen.send(5);
    assert_eq!(log.take()[0], "f.1.1 Value(Some(5))");
}

#[test]
fn a_return_value_is_the_value_of_yield_from() {
    let inner = program(vec![Act::Yield(1), Act::Return(7)]);
    let mut gen = trampolined(
        program(vec![yields_from(inner), Act::Return(100)]),
        &Log::default(),
    );
    let _ = gen.next();
    assert_complete!(gen.next(), 107);
}

#[test]
fn a_throw_goes_to_the_innermost_frame() {
    let innermost = program(vec![Act::Yield(1)]).on_error(Act::Yield(-1));
    let mut gen = trampolined(three_deep(innermost), &Log::default());
    let _ = gen.next();
    assert_yielded!(gen.throw(Boom(3)), -1);
}

#[test]
fn an_uncaught_throw_is_raised_at_the_delegators_yield_from() {
    let log = Log::default();
    let outer = program(vec![yields_from(program(vec![Act::Yield(1)]))]).on_error(Act::Return(50));
    let mut gen = trampolined(outer, &log);
    let _ = gen.next();
    log.take();
    let _ = gen.throw(Boom(3));
    assert_eq!(log.take(), ["f.1 Error(Boom(3))", "f Error(Boom(3))"]);
}

#[test]
fn a_throw_nobody_catches_comes_out() {
    let mut gen = trampolined(three_deep(program(vec![Act::Yield(1)])), &Log::default());
    let _ = gen.next();
    assert_raised!(gen.throw(Boom(3)), Boom(3));
}

#[test]
fn close_closes_the_innermost_frame_first() {
    let log = Log::default();
    let mut gen = trampolined(three_deep(program(vec![Act::Yield(1)])), &log);
    let _ = gen.next();
    log.take();
    let _ = gen.close();
    assert_eq!(log.take(), ["f.1.1 Exit", "f.1 Exit", "f Exit"]);
}

#[test]
fn close_of_a_nest_that_lets_generator_exit_out_succeeds() {
    let mut gen = trampolined(three_deep(program(vec![Act::Yield(1)])), &Log::default());
    let _ = gen.next();
    assert_eq!(gen.close(), Ok(None));
}

#[test]
fn a_delegator_sees_generator_exit_even_if_its_sub_returned_while_closing() {
    let log = Log::default();
    let inner = program(vec![Act::Yield(1)]).on_exit(Act::Return(5));
    let mut gen = trampolined(program(vec![yields_from(inner)]), &log);
    let _ = gen.next();
    log.take();
    let _ = gen.close();
    assert_eq!(log.take(), ["f.1 Exit", "f Exit"]);
}

#[test]
fn the_root_frame_returning_while_closing_hands_its_value_to_close() {
    let outer = program(vec![yields_from(program(vec![Act::Yield(1)]))]).on_exit(Act::Return(9));
    let mut gen = trampolined(outer, &Log::default());
    let _ = gen.next();
    assert_eq!(gen.close(), Ok(Some(9)));
}

#[test]
fn an_error_raised_while_closing_replaces_generator_exit() {
    let inner = program(vec![Act::Yield(1)]).on_exit(Act::Raise(99));
    let mut gen = trampolined(program(vec![yields_from(inner)]), &Log::default());
    let _ = gen.next();
    assert_eq!(gen.close(), Err(CloseError::Raised(Boom(99))));
}

#[test]
fn a_frame_that_yields_while_closing_ignores_generator_exit() {
    let inner = program(vec![Act::Yield(1)]).on_exit(Act::Yield(-2));
    let mut gen = trampolined(program(vec![yields_from(inner)]), &Log::default());
    let _ = gen.next();
    assert_eq!(gen.close().map_err(CloseError::into_yielded), Err(Some(-2)));
}

#[test]
fn after_ignoring_generator_exit_every_frame_is_still_on_the_stack() {
    let inner = program(vec![Act::Yield(1)]).on_exit(Act::Yield(-2));
    let mut gen = trampolined(program(vec![yields_from(inner)]), &Log::default());
    let _ = gen.next();
    let _ = gen.close();
    assert_eq!(gen.depth(), 2);
}

/// A frame closed by the caller that catches GeneratorExit and delegates
/// to a sub that returns at once still finishes "while closing": its
/// delegator sees GeneratorExit, not its return value, as with `delegate`.
#[test]
fn a_frame_that_delegates_while_closing_still_exits_its_delegator() {
    let log = Log::default();
    let quick = program(vec![Act::Return(4)]);
    let middle = program(vec![Act::Yield(1)]).on_exit(yields_from(quick));
    let mut gen = trampolined(program(vec![yields_from(middle)]), &log);
    let _ = gen.next();
    log.take();
    let _ = gen.close();
    assert_eq!(log.take().last().map(String::as_str), Some("f Exit"));
}

#[test]
fn a_throw_into_a_created_trampoline_runs_no_code() {
    let log = Log::default();
    let mut gen = trampolined(program(vec![Act::Yield(1)]), &log);
    let _ = gen.throw(Boom(1));
    assert!(log.take().is_empty());
}

#[test]
#[should_panic(expected = "generator resumed after completion")]
fn next_after_completion_helpful_message() {
    let mut gen = trampolined(program(vec![]), &Log::default());
    let _ = gen.next();
    let _ = gen.next();
}

#[test]
fn throw_after_completion_comes_straight_back() {
    let mut gen = trampolined(program(vec![]), &Log::default());
    let _ = gen.next();
    assert_raised!(gen.throw(Boom(8)), Boom(8));
}

#[test]
fn close_after_completion_does_nothing() {
    let mut gen = trampolined(program(vec![]), &Log::default());
    let _ = gen.next();
    assert_eq!(gen.close(), Ok(None));
}

#[test]
fn dropping_a_suspended_trampoline_runs_no_cleanup() {
    let log = Log::default();
    let mut gen = trampolined(three_deep(program(vec![Act::Yield(1)])), &log);
    let _ = gen.next();
    log.take();
    drop(gen);
    assert!(log.take().is_empty());
}

#[test]
fn close_on_drop_closes_the_frames_innermost_first() {
    let log = Log::default();
    let mut gen = trampolined(three_deep(program(vec![Act::Yield(1)])), &log).close_on_drop();
    let _ = gen.next();
    log.take();
    drop(gen);
    assert_eq!(log.take(), ["f.1.1 Exit", "f.1 Exit", "f Exit"]);
}

#[test]
fn debug_shows_the_depth() {
    let mut gen = trampolined(three_deep(program(vec![Act::Yield(1)])), &Log::default());
    let _ = gen.next();
    assert_eq!(format!("{gen:?}"), "Trampoline { depth: 3, .. }");
}

/// A chain of `n + 1` frames of one type: the innermost yields 0 and
/// returns 1, each other returns its sub's value plus one.
struct Nest(u32, bool);

impl Frame for Nest {
    type Yield = u32;
    type Return = u32;
    type Error = std::convert::Infallible;
    type Sub = Self;

    fn resume(&mut self, input: Resume<Received<(), u32>>) -> Outcome<Suspend<u32, Self>, u32> {
        let received = input.sent()?;
        if std::mem::replace(&mut self.1, true) {
            return Ok(GeneratorState::Complete(
                received.and_then(Received::into_returned).unwrap_or(0) + 1,
            ));
        }
        Ok(GeneratorState::Yielded(match self.0 {
            0 => Suspend::Yield(0),
            n => Suspend::YieldFrom(Nest(n - 1, false)),
        }))
    }
}

#[test]
fn a_million_frames_deep_runs_without_overflowing_the_stack() {
    let mut gen = trampoline(Nest(1_000_000, false));
    let _ = gen.next();
    assert_complete!(gen.next(), 1_000_001);
}

#[test]
fn frames_of_different_types_share_a_stack_through_box_frame() {
    type Boxed = BoxFrame<'static, u32, u32>;

    /// `def outer(): return (yield from nest(2)) * 10`
    struct Outer;

    impl Frame for Outer {
        type Yield = u32;
        type Return = u32;
        type Error = std::convert::Infallible;
        type Sub = Boxed;

        fn resume(
            &mut self,
            input: Resume<Received<(), u32>>,
        ) -> Outcome<Suspend<u32, Boxed>, u32> {
            match input.sent()? {
                Some(Received::Returned(value)) => Ok(GeneratorState::Complete(value * 10)),
                _ => Ok(GeneratorState::Yielded(Suspend::YieldFrom(BoxFrame::new(
                    Boxing(Nest(2, false)),
                )))),
            }
        }
    }

    /// `Nest`, yielding from boxed frames.
    struct Boxing(Nest);

    impl Frame for Boxing {
        type Yield = u32;
        type Return = u32;
        type Error = std::convert::Infallible;
        type Sub = Boxed;

        fn resume(
            &mut self,
            input: Resume<Received<(), u32>>,
        ) -> Outcome<Suspend<u32, Boxed>, u32> {
            Ok(match self.0.resume(input)? {
                GeneratorState::Yielded(Suspend::Yield(value)) => {
                    GeneratorState::Yielded(Suspend::Yield(value))
                }
                GeneratorState::Yielded(Suspend::YieldFrom(sub)) => {
                    GeneratorState::Yielded(Suspend::YieldFrom(BoxFrame::new(Boxing(sub))))
                }
                GeneratorState::Complete(value) => GeneratorState::Complete(value),
            })
        }
    }

    let mut gen = trampoline(BoxFrame::new(Outer));
    let _ = gen.next();
    assert_complete!(gen.next(), 30);
}
