//! The sequencing combinators: `then`, `and_then`, `map_err`, `or_else`,
//! `finally`, `sequence`, `loop_fn`, `ready`, `lazy`. Each one's own
//! behaviour, and sends, throws, closes and cancellations reaching the stage
//! that is running, as they would in the hand-written machine.

use std::cell::Cell;
use std::ops::ControlFlow::{Break, Continue};
use std::rc::Rc;
use std::time::Duration;

use resumable::generator::{lazy, loop_fn, ready, sequence};
use resumable::scheduler::{sleep, Runtime, TaskError};
use resumable::Generator;

use crate::support::{panics, Boom, Log, OnClose, OnThrow, Probe};

/// A counter shared with a closure, to see whether and how often it ran.
#[derive(Clone, Default)]
struct Calls(Rc<Cell<u32>>);

impl Calls {
    fn hit(&self) {
        self.0.set(self.0.get() + 1);
    }

    fn count(&self) -> u32 {
        self.0.get()
    }
}

// ------------------------------------------------------------------- then

#[test]
fn then_runs_the_second_stage_on_the_first_ones_return_value() {
    let log = Log::default();
    let second = log.clone();
    let mut gen = Probe::new(&log, 1).then(move |returned| {
        second.push(format!("then got {returned}"));
        Probe::new(&second, 1)
    });
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.next(), 1); // the first stage returned, the second started
    assert_complete!(gen.next(), "done");
    assert_eq!(
        log.take(),
        ["start", "got None", "then got done", "start", "got None"]
    );
}

#[test]
fn then_sends_reach_the_running_stage() {
    let log = Log::default();
    let second = log.clone();
    let mut gen = Probe::new(&log, 1).then(move |_| Probe::new(&second, 1));
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.send(10), 1);
    assert_complete!(gen.send(20), "done");
    assert_eq!(
        log.take(),
        ["start", "got 10", "start", "got 20"],
        "10 reached the first stage, 20 the second"
    );
}

#[test]
fn then_throw_in_the_first_stage_never_calls_the_closure() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).then(|_| -> Probe { unreachable!() });
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert_eq!(log.take(), ["start", "caught boom 1"]);
}

#[test]
fn then_throw_reaches_the_second_stage_which_may_catch_it() {
    let log = Log::default();
    let second = log.clone();
    let mut gen =
        Probe::new(&log, 0).then(move |_| Probe::new(&second, 3).on_throw(OnThrow::YieldAgain));
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.throw(Boom(2)), -1);
    assert_eq!(log.take(), ["start", "start", "caught boom 2"]);
}

#[test]
fn then_close_closes_the_running_stage() {
    let log = Log::default();
    let second = log.clone();
    let mut gen = Probe::new(&log, 0).then(move |_| Probe::new(&second, 3));
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "start", "cleanup"]);
}

#[test]
fn then_drops_a_value_returned_while_closing_like_yield_from() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3)
        .on_close(OnClose::Return)
        .then(|_| -> Probe { unreachable!() });
    assert_yielded!(gen.next(), 1);
    assert_eq!(
        gen.close(),
        Ok(None),
        "PEP 380: GeneratorExit, not the value"
    );
}

#[test]
fn then_passes_a_yield_while_closing_up_as_ignored_exit() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3)
        .on_close(OnClose::Ignore)
        .then(|_| -> Probe { unreachable!() });
    assert_yielded!(gen.next(), 1);
    assert_eq!(
        gen.close(),
        Err(resumable::generator::CloseError::IgnoredExit(-2))
    );
}

// --------------------------------------------------------------- and_then

#[test]
fn and_then_raises_the_error_the_closure_returns() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 1).and_then(|_| Err::<Probe, _>(Boom(7)));
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.next(), Boom(7));
}

#[test]
fn and_then_runs_the_generator_the_closure_returns() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 0).and_then(|returned| Ok(ready(returned.len())));
    assert_complete!(gen.next(), 4);
}

#[test]
fn and_then_throw_reaches_the_first_stage() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3)
        .on_throw(OnThrow::Return)
        .and_then(|returned| Ok(ready(returned)));
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.throw(Boom(3)), "caught");
}

// ---------------------------------------------------------------- map_err

/// An error of another type, which converts into `Boom` to be thrown in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Wrapped(i32);

impl From<Wrapped> for Boom {
    fn from(Wrapped(code): Wrapped) -> Self {
        Boom(code)
    }
}

#[test]
fn map_err_transforms_a_raised_error() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 1)
        .and_then(|_| Err::<Probe, _>(Boom(5)))
        .map_err(|Boom(code)| Wrapped(code * 10));
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.next(), Wrapped(50));
}

#[test]
fn map_err_throws_the_converted_error_into_the_inner_generator() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).map_err(|Boom(code)| Wrapped(code * 10));
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.throw(Wrapped(4)), Wrapped(40));
    assert_eq!(log.take(), ["start", "caught boom 4"]);
}

#[test]
fn map_err_lets_close_through() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).map_err(|Boom(code)| Wrapped(code));
    assert_yielded!(gen.next(), 1);
    assert_exited!(gen.resume(resumable::Resume::Close));
    assert_eq!(log.take(), ["start", "cleanup"]);
}

// ---------------------------------------------------------------- or_else

#[test]
fn or_else_catches_a_thrown_error_the_stage_let_out() {
    let log = Log::default();
    let handler = log.clone();
    let mut gen = Probe::new(&log, 3).or_else(move |error| {
        handler.push(format!("except {error}"));
        Ok(Probe::new(&handler, 1))
    });
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.throw(Boom(1)), 1); // the handler's first yield
    assert_complete!(gen.next(), "done");
    assert_eq!(
        log.take(),
        [
            "start",
            "caught boom 1",
            "except boom 1",
            "start",
            "got None"
        ]
    );
}

#[test]
fn or_else_raises_again_what_the_closure_hands_back() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).or_else(Err::<Probe, _>);
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.throw(Boom(2)), Boom(2));
}

#[test]
fn or_else_never_sees_a_close() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 3).or_else(|_| -> Result<Probe, Boom> { unreachable!() });
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
}

#[test]
fn or_else_is_not_called_when_the_stage_returns() {
    let log = Log::default();
    let mut gen = Probe::new(&log, 0).or_else(|_| -> Result<Probe, Boom> { unreachable!() });
    assert_complete!(gen.next(), "done");
}

#[test]
fn or_else_throws_into_the_handler_once_it_runs() {
    let log = Log::default();
    let handler = log.clone();
    let mut gen = Probe::new(&log, 3).or_else(move |_| Ok(Probe::new(&handler, 3)));
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.throw(Boom(1)), 1);
    log.take();
    assert_raised!(gen.throw(Boom(2)), Boom(2));
    assert_eq!(log.take(), ["caught boom 2"], "the handler got it");
}

// ---------------------------------------------------------------- finally

fn with_finally(
    log: &Log,
    probe: Probe,
) -> impl Generator<i32, Yield = i32, Return = &'static str, Error = Boom> {
    let log = log.clone();
    probe.finally(move || log.push("finally"))
}

#[test]
fn finally_runs_once_when_the_generator_returns() {
    let log = Log::default();
    let mut gen = with_finally(&log, Probe::new(&log, 1));
    assert_yielded!(gen.next(), 1);
    assert_eq!(log.take(), ["start"], "not while it is suspended");
    assert_complete!(gen.next(), "done");
    assert_eq!(log.take(), ["got None", "finally"]);
}

#[test]
fn finally_runs_when_a_thrown_error_propagates() {
    let log = Log::default();
    let mut gen = with_finally(&log, Probe::new(&log, 3));
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert_eq!(log.take(), ["start", "caught boom 1", "finally"]);
}

#[test]
fn finally_runs_when_closed() {
    let log = Log::default();
    let mut gen = with_finally(&log, Probe::new(&log, 3));
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup", "finally"]);
}

#[test]
fn finally_waits_while_the_generator_ignores_its_close() {
    let log = Log::default();
    let mut gen = with_finally(&log, Probe::new(&log, 3).on_close(OnClose::Ignore));
    assert_yielded!(gen.next(), 1);
    assert!(gen.close().is_err());
    assert_eq!(
        log.take(),
        ["start", "cleanup"],
        "still suspended: no finally"
    );
}

#[test]
fn finally_does_not_run_for_a_throw_before_the_start() {
    let log = Log::default();
    // Bare, not `tracked()`: the object would raise it without resuming us,
    // while the loop throws a cancellation into a task that never ran.
    let mut gen = with_finally(&log, Probe::new(&log, 3));
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert!(log.take().is_empty(), "the `try` was never entered");
}

// --------------------------------------------------------------- sequence

#[test]
fn sequence_runs_each_generator_in_turn_making_each_when_its_turn_comes() {
    let log = Log::default();
    let made = Calls::default();
    let mut gen = sequence((1..=2).map(|limit| {
        made.hit();
        Probe::new(&log, limit)
    }));
    assert_eq!(made.count(), 0, "nothing made before the start");
    assert_yielded!(gen.next(), 1);
    assert_eq!(made.count(), 1);
    assert_yielded!(gen.next(), 1); // the first returned; the second's first
    assert_yielded!(gen.next(), 2);
    assert_complete!(gen.next(), ());
    assert_eq!(made.count(), 2);
}

#[test]
fn sequence_stops_at_the_first_error() {
    let log = Log::default();
    let made = Calls::default();
    let mut gen = sequence((1..=3).map(|limit| {
        made.hit();
        Probe::new(&log, limit)
    }));
    assert_yielded!(gen.next(), 1);
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert_eq!(made.count(), 1, "the rest never made");
}

#[test]
fn sequence_close_closes_the_running_generator() {
    let log = Log::default();
    let mut gen = sequence([Probe::new(&log, 2), Probe::new(&log, 2)]);
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
}

#[test]
fn sequence_thrown_into_before_the_start_takes_nothing() {
    let made = Calls::default();
    let log = Log::default();
    let mut gen = sequence((1..=3).map(|limit| {
        made.hit();
        Probe::new(&log, limit)
    }));
    assert_raised!(gen.throw(Boom(1)), Boom(1));
    assert_eq!(made.count(), 0);
}

// ---------------------------------------------------------------- loop_fn

#[test]
fn loop_fn_goes_round_until_the_body_breaks() {
    let log = Log::default();
    let mut gen = loop_fn(2, |left| {
        Probe::new(&log, 1).map_return(move |_| {
            if left > 1 {
                Continue(left - 1)
            } else {
                Break("over")
            }
        })
    });
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.next(), 1);
    assert_complete!(gen.next(), "over");
    assert_eq!(log.take(), ["start", "got None", "start", "got None"]);
}

#[test]
fn loop_fn_throw_reaches_the_body() {
    let log = Log::default();
    let mut gen = loop_fn((), |()| {
        Probe::new(&log, 1)
            .on_throw(OnThrow::YieldAgain)
            .map_return(|_| Continue::<(), ()>(()))
    });
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.throw(Boom(6)), -1);
    assert_eq!(log.take(), ["start", "caught boom 6"]);
}

#[test]
fn loop_fn_close_closes_the_body() {
    let log = Log::default();
    let mut gen = loop_fn((), |()| {
        Probe::new(&log, 1).map_return(|_| Continue::<(), ()>(()))
    });
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
}

// ----------------------------------------------------------- ready, lazy

#[test]
fn ready_returns_its_value_without_yielding() {
    let mut gen = ready::<_, u8, Boom, _>("now");
    // `ready` serves any send type; this one is a plain `next` generator.
    assert_complete!(Generator::<()>::next(&mut gen), "now");
}

#[test]
fn ready_panics_when_resumed_after_it_returned() {
    let mut gen = ready::<_, u8, Boom, _>("now");
    let _ = Generator::<()>::next(&mut gen);
    let message = panics(move || {
        let _ = Generator::<()>::next(&mut gen);
    });
    assert_eq!(message, "`ready` resumed after it returned");
}

#[test]
fn lazy_calls_its_closure_on_the_first_resume_only() {
    let log = Log::default();
    let made = Calls::default();
    let mut gen = lazy(|| {
        made.hit();
        Probe::new(&log, 2)
    });
    assert_eq!(made.count(), 0);
    assert_yielded!(gen.next(), 1);
    assert_yielded!(gen.send(5), 2);
    assert_eq!(made.count(), 1);
    assert_eq!(log.take(), ["start", "got 5"]);
}

#[test]
fn lazy_thrown_into_before_the_start_never_calls_its_closure() {
    let mut gen = lazy(|| -> Probe { unreachable!() });
    assert_raised!(gen.throw(Boom(1)), Boom(1));
}

#[test]
fn lazy_close_closes_what_it_made() {
    let log = Log::default();
    let mut gen = lazy(|| Probe::new(&log, 2));
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(log.take(), ["start", "cleanup"]);
}

// ------------------------------------------------------------ in a task

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn a_cancel_reaches_the_sleep_of_the_running_stage() {
    let log = Log::default();
    let (first, second) = (log.clone(), log.clone());
    let mut rt = Runtime::new();
    let task = rt.spawn(
        sleep(SECOND)
            .then(move |()| {
                first.push("slept once");
                sleep(SECOND)
            })
            .map_return(move |()| second.push("slept twice")),
    );
    rt.run_until_complete(sleep(SECOND + SECOND / 2))
        .unwrap()
        .unwrap();
    task.cancel();
    rt.run_until_idle();
    assert_eq!(log.take(), ["slept once"]);
    assert!(task.result().unwrap().unwrap_err().is_cancelled());
    assert_eq!(
        rt.time(),
        SECOND + SECOND / 2,
        "the second sleep ended at once"
    );
}

#[test]
fn or_else_can_catch_a_cancellation_as_python_except_does() {
    let mut rt = Runtime::new();
    let task = rt.spawn(sleep(SECOND).map_return(|()| "slept").or_else(|error| {
        if error.is_cancelled() {
            Ok(ready("cancelled, cleaned up"))
        } else {
            Err(error)
        }
    }));
    rt.run_until_idle();
    task.cancel();
    rt.run_until_idle();
    assert_eq!(task.result().unwrap().unwrap(), "cancelled, cleaned up");
}

#[test]
fn finally_runs_when_a_task_is_cancelled() {
    let log = Log::default();
    let cleanup = log.clone();
    let mut rt = Runtime::new();
    let task = rt.spawn(sleep(SECOND).finally(move || cleanup.push("finally")));
    rt.run_until_idle();
    task.cancel();
    rt.run_until_idle();
    assert_eq!(log.take(), ["finally"]);
    assert!(matches!(task.result(), Some(Err(TaskError::Cancelled(_)))));
}

#[test]
fn a_task_closed_at_shutdown_closes_the_running_stage() {
    // `asyncio.run` cancels what is left; a chain's `finally` sees it.
    let log = Log::default();
    let cleanup = log.clone();
    let mut rt = Runtime::new();
    rt.spawn(sleep(SECOND * 10).finally(move || cleanup.push("finally")))
        .detach();
    rt.run(sleep(SECOND)).unwrap();
    assert_eq!(log.take(), ["finally"]);
}
