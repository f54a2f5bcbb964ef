//! Property test: a chain of combinators behaves exactly as the
//! hand-written state machine it replaces. For random stages (how many
//! values each yields, how each treats a throw and a close) and random
//! sequences of `next`, `send`, `throw`, cancel (a throw the handler must
//! not swallow) and `close`, both give the same outcome at every step, log
//! the same events, and are in the same lifecycle state.
//!
//! The chain, in Python:
//!
//! ```python
//! def chain():
//!     try:
//!         try:
//!             yield from first()
//!             return (yield from second())
//!         except Boom as e:
//!             if e is CANCEL: raise
//!             return (yield from handler())
//!     finally:
//!         log("finally")
//! ```

use proptest::collection::vec;
use proptest::prelude::*;
use resumable::generator::{Lifecycle, Tracked};
use resumable::{yield_from, Exception, Generator, GeneratorState, Outcome, Resume};

use crate::support::{Boom, Log, OnClose, OnThrow, Probe};

/// The error a task's cancellation stands for: the handler lets it through.
const CANCEL: Boom = Boom(-1);

/// How one stage behaves.
#[derive(Clone, Copy, Debug)]
struct StageSpec {
    limit: i32,
    on_throw: OnThrow,
    on_close: OnClose,
}

impl StageSpec {
    fn probe(self, log: &Log) -> Probe {
        Probe::new(log, self.limit)
            .on_throw(self.on_throw)
            .on_close(self.on_close)
    }
}

/// The three stages: first, second, handler.
type Specs = [StageSpec; 3];

fn chain(
    log: &Log,
    [first, second, handler]: Specs,
) -> impl Generator<i32, Yield = i32, Return = &'static str, Error = Boom> {
    let (log_second, log_handler, log_finally) = (log.clone(), log.clone(), log.clone());
    first
        .probe(log)
        .then(move |_| second.probe(&log_second))
        .or_else(move |error| {
            if error == CANCEL {
                Err(error)
            } else {
                Ok(handler.probe(&log_handler))
            }
        })
        .finally(move || log_finally.push("finally"))
}

/// The same chain written by hand, as one would without combinators.
struct HandWritten {
    log: Log,
    specs: Specs,
    stage: Stage,
}

enum Stage {
    Start,
    First(Probe),
    Second(Probe),
    Handler(Probe),
}

impl HandWritten {
    /// `except Boom as e: if e is CANCEL: raise`, else the handler.
    fn except(&self, error: Boom) -> Result<Stage, Exception<Boom>> {
        if error == CANCEL {
            Err(Exception::Raised(error))
        } else {
            Ok(Stage::Handler(self.specs[2].probe(&self.log)))
        }
    }

    fn body(&mut self, mut input: Resume<i32, Boom>) -> Outcome<i32, &'static str, Boom> {
        loop {
            self.stage = match &mut self.stage {
                Stage::Start => {
                    input.sent()?;
                    Stage::First(self.specs[0].probe(&self.log))
                }
                Stage::First(first) => match yield_from!(first, input) {
                    Ok(_) => Stage::Second(self.specs[1].probe(&self.log)),
                    Err(Exception::Raised(error)) => self.except(error)?,
                    Err(exit) => return Err(exit),
                },
                Stage::Second(second) => match yield_from!(second, input) {
                    Ok(value) => return Ok(GeneratorState::Complete(value)),
                    Err(Exception::Raised(error)) => self.except(error)?,
                    Err(exit) => return Err(exit),
                },
                Stage::Handler(handler) => {
                    return Ok(GeneratorState::Complete(yield_from!(handler, input)?))
                }
            };
            input = Resume::Next;
        }
    }
}

impl Generator<i32> for HandWritten {
    type Yield = i32;
    type Return = &'static str;
    type Error = Boom;

    fn resume(&mut self, input: Resume<i32, Boom>) -> Outcome<i32, &'static str, Boom> {
        let started = !matches!(self.stage, Stage::Start);
        let outcome = self.body(input);
        // `finally:` runs only once the `try` was entered.
        let entered = started || !matches!(self.stage, Stage::Start);
        if entered && !matches!(outcome, Ok(GeneratorState::Yielded(_))) {
            self.log.push("finally");
        }
        outcome
    }
}

/// One call on the generator object.
#[derive(Clone, Copy, Debug)]
enum Op {
    Next,
    Send(i32),
    Throw(i32),
    Cancel,
    Close,
}

/// What a call gave, in one comparable form.
#[derive(PartialEq, Debug)]
enum Seen {
    Step(Outcome<i32, &'static str, Boom>),
    Closed(Result<Option<&'static str>, resumable::generator::CloseError<i32, Boom>>),
    Skipped,
}

fn apply<G>(gen: &mut Tracked<G>, op: Op) -> Seen
where
    G: Generator<i32, Yield = i32, Return = &'static str, Error = Boom>,
{
    let state = gen.state();
    match op {
        // After the end, `next` and `send` are misuse (Tracked panics).
        Op::Next | Op::Send(_) if state == Lifecycle::Closed => Seen::Skipped,
        // A just-started generator takes no value: Python sends None.
        Op::Send(_) if state == Lifecycle::Created => Seen::Step(gen.next()),
        Op::Next => Seen::Step(gen.next()),
        Op::Send(value) => Seen::Step(gen.send(value)),
        Op::Throw(code) => Seen::Step(gen.throw(Boom(code))),
        Op::Cancel => Seen::Step(gen.throw(CANCEL)),
        Op::Close => Seen::Closed(gen.close()),
    }
}

fn stage_spec() -> impl Strategy<Value = StageSpec> {
    let on_throw = prop_oneof![
        Just(OnThrow::Propagate),
        Just(OnThrow::YieldAgain),
        Just(OnThrow::Return),
    ];
    let on_close = prop_oneof![
        Just(OnClose::Exit),
        Just(OnClose::Return),
        Just(OnClose::Ignore),
        Just(OnClose::Raise),
    ];
    (0..3, on_throw, on_close).prop_map(|(limit, on_throw, on_close)| StageSpec {
        limit,
        on_throw,
        on_close,
    })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Next),
        2 => (0..10).prop_map(Op::Send),
        2 => (0..10).prop_map(Op::Throw),
        1 => Just(Op::Cancel),
        1 => Just(Op::Close),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_combinator_chain_behaves_as_the_hand_written_machine(
        specs in [stage_spec(), stage_spec(), stage_spec()],
        ops in vec(op(), 1..16),
    ) {
        let (log_chain, log_hand) = (Log::default(), Log::default());
        let mut combined = chain(&log_chain, specs).tracked();
        let mut by_hand = HandWritten { log: log_hand.clone(), specs, stage: Stage::Start }.tracked();
        for (at, op) in ops.into_iter().enumerate() {
            let (got, want) = (apply(&mut combined, op), apply(&mut by_hand, op));
            prop_assert_eq!(&got, &want, "step {} ({:?}): outcome", at, op);
            prop_assert_eq!(combined.state(), by_hand.state(), "step {} ({:?}): lifecycle", at, op);
            prop_assert_eq!(log_chain.take(), log_hand.take(), "step {} ({:?}): events", at, op);
        }
    }
}
