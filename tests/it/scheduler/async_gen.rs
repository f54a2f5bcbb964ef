//! Async generators (PEP 525) in the situations a table of calls cannot
//! show: closing while an `await` is in flight, cancellation through an
//! `async for`, `asyncio.run`'s shutdown and the loop's finaliser, and
//! CPython's misuse errors. Each test quotes the Python program and the
//! output CPython 3.11 printed for it (one, 3.13's: see its doc).
//! `async_gen_table.rs` runs every short sequence of calls against
//! CPython.

use std::collections::VecDeque;
use std::time::Duration;

use resumable::scheduler::{
    anext, async_for, async_gen, current_task, now, sleep, spawn, AsyncGen, AsyncGenerator,
    Request, Runtime, RuntimeError, Sleep, StopAsyncIteration, TaskError, ValueError,
};
use resumable::{yield_from, Exception, Generator, GeneratorState::Complete, Lifecycle, Resume};

use crate::support::{catch, defer, later, note, repr, run, wait, Body, Log};

type Awaitable = Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>>;
type Step = resumable::scheduler::Step<Option<i64>>;

/// A line of a [`Script`], an async generator's body.
enum Line {
    /// `yield value`.
    Yield(i64),
    /// `await awaitable`.
    Await(Awaitable),
    /// Plain code.
    Run(Box<dyn FnOnce()>),
    /// `raise error`.
    Raise(TaskError),
}

fn yield_(value: i64) -> Line {
    Line::Yield(value)
}

fn nap(seconds: f64) -> Line {
    Line::Await(Box::new(sleep(Duration::from_secs_f64(seconds))))
}

fn say(log: &Log, text: impl Into<String>) -> Line {
    let (log, text) = (log.clone(), text.into());
    Line::Run(Box::new(move || log.push(text)))
}

/// `print(text, asyncio.current_task().get_name())`.
fn say_task(log: &Log, text: &'static str) -> Line {
    let log = log.clone();
    Line::Run(Box::new(move || {
        let task = current_task().expect("inside a task").name();
        log.push(format!("{text} {task}"));
    }))
}

/// An async generator written as lines, `try: body` / `except BaseException
/// as e: on_error(e); raise` / `finally: cleanup`, the shape of every
/// generator of these tests (`async_gen_table.rs` writes its three as
/// state machines by hand).
struct Script {
    body: VecDeque<Line>,
    cleanup: VecDeque<Line>,
    on_error: Option<Box<dyn FnMut(&TaskError)>>,
    /// Suspended at a `yield`: the next input is what it receives.
    at_yield: bool,
    /// In the `finally`, with what ended the `try`.
    ended: Option<Step>,
}

fn script(body: impl IntoIterator<Item = Line>) -> Script {
    Script {
        body: body.into_iter().collect(),
        cleanup: VecDeque::new(),
        on_error: None,
        at_yield: false,
        ended: None,
    }
}

impl Script {
    fn finally(mut self, cleanup: impl IntoIterator<Item = Line>) -> Self {
        self.cleanup = cleanup.into_iter().collect();
        self
    }

    fn except(mut self, on_error: impl FnMut(&TaskError) + 'static) -> Self {
        self.on_error = Some(Box::new(on_error));
        self
    }

    /// The `try` ends, with `Ok(Complete(None))` at the end of the body or
    /// with the exception raised in it: the `except` sees the exception,
    /// and the `finally` starts. (In the `finally`, an exception replaces
    /// the one it handles: the callers return it instead.)
    fn end(&mut self, ended: Step) {
        if let (Err(Exception::Raised(error)), Some(on_error)) = (&ended, &mut self.on_error) {
            on_error(error);
        }
        self.ended = Some(ended);
    }
}

impl AsyncGenerator for Script {
    type Item = i64;

    fn resume(&mut self, mut input: resumable::scheduler::Input) -> Step {
        if std::mem::take(&mut self.at_yield) {
            if let Err(exception) = input.sent() {
                if self.ended.is_some() {
                    return Err(exception);
                }
                self.end(Err(exception));
            }
            input = Resume::Next;
        }
        loop {
            let lines = match self.ended {
                None => &mut self.body,
                Some(_) => &mut self.cleanup,
            };
            let line = match lines.front_mut() {
                Some(Line::Await(awaitable)) => {
                    let awaited = yield_from!(awaitable, input);
                    lines.pop_front();
                    input = Resume::Next;
                    match awaited {
                        Ok(()) => continue,
                        Err(exception) if self.ended.is_some() => return Err(exception),
                        Err(exception) => {
                            self.end(Err(exception));
                            continue;
                        }
                    }
                }
                _ => lines.pop_front(),
            };
            match line {
                Some(Line::Yield(value)) => {
                    self.at_yield = true;
                    return Ok(Complete(Some(value)));
                }
                Some(Line::Run(code)) => code(),
                Some(Line::Raise(error)) if self.ended.is_some() => return Err(error.into()),
                Some(Line::Raise(error)) => self.end(Err(error.into())),
                Some(Line::Await(_)) => unreachable!("awaited above"),
                None => match self.ended.take() {
                    Some(ended) => return ended,
                    None => self.end(Ok(Complete(None))),
                },
            }
        }
    }
}

/// `print(await awaitable)`, or the error's name and message.
fn show<A>(log: &Log, awaitable: A) -> crate::support::Step
where
    A: Generator<Yield = Request, Error = TaskError> + 'static,
    A::Return: std::fmt::Debug,
{
    let (ok, failed) = (log.clone(), log.clone());
    wait(catch(
        awaitable.map_return(move |value| ok.push(format!("{value:?}"))),
        move |error| {
            failed.push(error.to_string());
            Ok(())
        },
    ))
}

/// ```python
/// async def ticker():
///     try:
///         yield 1
///         yield 2
///     finally:
///         print("finally, in", asyncio.current_task().get_name())
///         await asyncio.sleep(1)
///         print("cleaned up")
///
/// async def main():
///     loop = asyncio.get_running_loop()
///     start = loop.time()
///     ag = ticker()
///     print(await ag.__anext__())
///     await ag.aclose()
///     print("closed after", round(loop.time() - start), "s;", "again:", await ag.aclose())
///     try:
///         await ag.__anext__()
///     except StopAsyncIteration:
///         print("StopAsyncIteration")
///
/// asyncio.run(main())
/// ```
///
/// CPython 3.11:
///
/// ```text
/// 1
/// finally, in Task-1
/// cleaned up
/// closed after 1 s; again: None
/// StopAsyncIteration
/// ```
#[test]
fn aclose_runs_a_finally_that_awaits() {
    let log = Log::default();
    let ticker = async_gen(script([yield_(1), yield_(2)]).finally([
        say_task(&log, "finally, in"),
        nap(1.0),
        say(&log, "cleaned up"),
    ]));
    let (ag, closed) = (ticker.clone(), log.clone());
    let main = Body::new([
        show(&log, ticker.asend(None)),
        wait(ticker.aclose()),
        wait(later(move || {
            let elapsed = now().as_secs();
            ag.aclose().map_return(move |()| {
                closed.push(format!("closed after {elapsed} s; again: None"));
            })
        })),
        show(&log, ticker.asend(None)),
    ]);
    Runtime::new().run(main).unwrap();
    assert_eq!(
        log.take(),
        [
            "1",
            "finally, in Task-1",
            "cleaned up",
            "closed after 1 s; again: None",
            "StopAsyncIteration",
        ]
    );
    assert_eq!(ticker.state(), Lifecycle::Closed);
}

/// ```python
/// async def slow():
///     try:
///         yield 1
///         await asyncio.sleep(1)
///         yield 2
///     finally:
///         print("finally")
///
/// async def main():
///     ag = slow()
///     print(await ag.__anext__())
///     other = asyncio.create_task(ag.__anext__())
///     await asyncio.sleep(0)           # other runs until the generator sleeps
///     for aw in (ag.aclose(), ag.athrow(ValueError()), ag.asend(None)):
///         try:
///             await aw
///         except RuntimeError as e:
///             print("RuntimeError:", e)
///     print("other got", await other)
///     await ag.aclose()
///
/// asyncio.run(main())
/// ```
///
/// CPython 3.11:
///
/// ```text
/// 1
/// RuntimeError: aclose(): asynchronous generator is already running
/// RuntimeError: athrow(): asynchronous generator is already running
/// RuntimeError: anext(): asynchronous generator is already running
/// other got 2
/// finally
/// ```
#[test]
fn while_another_task_awaits_inside_it_every_call_is_refused() {
    let log = Log::default();
    let slow = async_gen(script([yield_(1), nap(1.0), yield_(2)]).finally([say(&log, "finally")]));
    let (ag, got) = (slow.clone(), log.clone());
    let main = Body::new([
        show(&log, slow.asend(None)),
        wait(later(move || {
            let other = spawn(ag.asend(None));
            let refused = [
                Box::new(ag.aclose()) as Awaitable,
                Box::new(
                    ag.athrow(TaskError::raise(ValueError::new("")))
                        .map_return(drop),
                ),
                Box::new(ag.asend(None).map_return(drop)),
            ];
            let log = got.clone();
            resumable::scheduler::yield_now()
                .chain(Body::new(refused.map(|aw| show(&log, aw))))
                .chain(
                    other
                        .join()
                        .map_return(move |item| got.push(format!("other got {item}"))),
                )
        })),
        wait(slow.aclose()),
    ]);
    Runtime::new().run(main).unwrap();
    assert_eq!(
        log.take(),
        [
            "1",
            "RuntimeError: aclose(): asynchronous generator is already running",
            "RuntimeError: athrow(): asynchronous generator is already running",
            "RuntimeError: anext(): asynchronous generator is already running",
            "other got 2",
            "finally",
        ]
    );
}

/// ```python
/// async def ticks():
///     try:
///         for i in range(10):
///             yield i
///             await asyncio.sleep(1)
///     finally:
///         print("ticks finally")
///         await asyncio.sleep(1)
///         print("ticks cleaned up")
///
/// async def consumer():
///     try:
///         async for i in ticks():
///             print("tick", i)
///     except asyncio.CancelledError:
///         print("consumer cancelled")
///         raise
///
/// async def main():
///     loop = asyncio.get_running_loop()
///     task = asyncio.create_task(consumer())
///     await asyncio.sleep(2.5)
///     task.cancel()
///     try:
///         await task
///     except asyncio.CancelledError:
///         print("main: cancelled at", round(loop.time() - start, 1))
/// ```
///
/// CPython 3.11 (`start` is the loop's time when `main` starts):
///
/// ```text
/// tick 0
/// tick 1
/// tick 2
/// ticks finally
/// ticks cleaned up
/// consumer cancelled
/// main: cancelled at 3.5
/// ```
#[test]
fn a_cancelled_async_for_cancels_the_generator_where_it_awaits() {
    let log = Log::default();
    let ticks = script((0..10).flat_map(|i| [yield_(i), nap(1.0)])).finally([
        say(&log, "ticks finally"),
        nap(1.0),
        say(&log, "ticks cleaned up"),
    ]);
    let (ticked, cancelled) = (log.clone(), log.clone());
    let consumer = catch(
        async_for(async_gen(ticks), move |i| ticked.push(format!("tick {i}"))),
        move |error| {
            cancelled.push("consumer cancelled");
            Err(error)
        },
    );
    let printed = log.clone();
    let main = later(move || {
        let task = spawn(consumer);
        let join = task.join();
        sleep(Duration::from_millis(2500))
            .map_return(move |()| {
                task.cancel();
            })
            .chain(catch(join, move |error| {
                assert!(error.is_cancelled());
                printed.push(format!("main: cancelled at {:?}", now().as_secs_f64()));
                Ok(())
            }))
    });
    Runtime::new().run(main).unwrap();
    assert_eq!(
        log.take(),
        [
            "tick 0",
            "tick 1",
            "tick 2",
            "ticks finally",
            "ticks cleaned up",
            "consumer cancelled",
            "main: cancelled at 3.5",
        ]
    );
}

fn abandoned(log: &Log, name: &'static str) -> AsyncGen<Script> {
    async_gen(script([yield_(1), yield_(2)]).finally([
        say_task(
            log,
            if name == "A" {
                "A finally in"
            } else {
                "B finally in"
            },
        ),
        nap(1.0),
        say(log, format!("{name} cleaned up")),
    ]))
}

/// ```python
/// keep = []
///
/// async def agen(name):
///     try:
///         yield 1
///         yield 2
///     finally:
///         print(name, "finally in", asyncio.current_task().get_name())
///         await asyncio.sleep(1)
///         print(name, "cleaned up")
///
/// async def other():
///     try:
///         await asyncio.sleep(10)
///     finally:
///         print("other cancelled in", asyncio.current_task().get_name())
///
/// async def main():
///     asyncio.create_task(other())
///     for name in "AB":
///         g = agen(name)
///         keep.append(g)
///         print(name, await g.__anext__())
///     print("main done")
///
/// asyncio.run(main())
/// print("after run")
/// ```
///
/// CPython 3.11:
///
/// ```text
/// A 1
/// B 1
/// main done
/// other cancelled in Task-2
/// B finally in Task-4
/// A finally in Task-5
/// B cleaned up
/// A cleaned up
/// after run
/// ```
///
/// The order of `asyncio.run`'s shutdown: the task left (`other`,
/// Task-2) is cancelled first; then `shutdown_asyncgens` (Task-3) closes
/// the generators still alive, each `aclose()` in a task of its own
/// (Task-4, Task-5), gathered, so their cleanups run at once and both end
/// a second later. CPython takes the generators from a `WeakSet`, whose
/// order is their addresses' (B first, in every run of the recording);
/// the crate closes them in the order they first ran, as it does
/// everywhere asyncio iterates a set (`docs/design.md`): A is Task-4.
#[test]
fn asyncio_run_closes_the_generators_left_alive_after_the_tasks_left() {
    let log = Log::default();
    let keep = [abandoned(&log, "A"), abandoned(&log, "B")];
    let other = Body::new([
        defer({
            let log = log.clone();
            move || {
                let task = current_task().expect("inside a task").name();
                log.push(format!("other cancelled in {task}"));
            }
        }),
        wait(sleep(Duration::from_secs(10))),
    ]);
    let (a, b) = (keep[0].clone(), keep[1].clone());
    let (printed_a, printed_b) = (log.clone(), log.clone());
    let main = Body::new([
        run(move || spawn(other).detach()),
        wait(anext(a).map_return(move |item| printed_a.push(format!("A {}", item.unwrap())))),
        wait(anext(b).map_return(move |item| printed_b.push(format!("B {}", item.unwrap())))),
        note(&log, "main done"),
    ]);
    let mut rt = Runtime::new();
    rt.run(main).unwrap();
    log.push("after run");
    assert_eq!(
        log.take(),
        [
            "A 1",
            "B 1",
            "main done",
            "other cancelled in Task-2",
            "A finally in Task-4",
            "B finally in Task-5",
            "A cleaned up",
            "B cleaned up",
            "after run",
        ]
    );
    assert_eq!(rt.time(), Duration::from_secs(1));
    assert!(keep.iter().all(|ag| ag.state() == Lifecycle::Closed));
    assert!(rt.reports().is_empty());
}

/// `async for x in agen(): print("item", x); break` in a hand-written
/// task: `break` drops the generator, suspended.
struct BreakAfterOne {
    items: Option<AsyncGen<Script>>,
    nap: Sleep,
    log: Log,
}

impl Generator for BreakAfterOne {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: resumable::scheduler::Input) -> resumable::scheduler::Step {
        if let Some(items) = &mut self.items {
            if let Some(x) = yield_from!(anext(items), input)? {
                self.log.push(format!("item {x}"));
            }
            self.items = None; // break
            self.log.push("after break");
            input = Resume::Next;
        }
        yield_from!(self.nap, input)?; // await asyncio.sleep(2)
        self.log.push("main done");
        Ok(Complete(()))
    }
}

/// ```python
/// async def agen():
///     try:
///         yield 1
///         yield 2
///     finally:
///         print("finally in", asyncio.current_task().get_name())
///         await asyncio.sleep(1)
///         print("cleaned up")
///
/// async def main():
///     async for x in agen():
///         print("item", x)
///         break
///     print("after break")
///     await asyncio.sleep(2)
///     print("main done")
///
/// asyncio.run(main())
/// ```
///
/// CPython 3.11:
///
/// ```text
/// item 1
/// after break
/// finally in Task-2
/// cleaned up
/// main done
/// ```
///
/// The generator the `break` leaves is freed at once; asyncio's
/// finaliser hook schedules `create_task(agen.aclose())`, so its cleanup
/// runs in a task of its own while `main` sleeps.
#[test]
fn a_generator_dropped_while_suspended_is_closed_by_a_task_of_its_loop() {
    let log = Log::default();
    let agen = script([yield_(1), yield_(2)]).finally([
        say_task(&log, "finally in"),
        nap(1.0),
        say(&log, "cleaned up"),
    ]);
    let main = BreakAfterOne {
        items: Some(async_gen(agen)),
        nap: sleep(Duration::from_secs(2)),
        log: log.clone(),
    };
    Runtime::new().run(main).unwrap();
    assert_eq!(
        log.take(),
        [
            "item 1",
            "after break",
            "finally in Task-2",
            "cleaned up",
            "main done"
        ]
    );
}

/// ```python
/// async def agen():
///     try:
///         yield 1
///         yield 2
///     finally:
///         print("finally in", asyncio.current_task().get_name())
///
/// async def first():
///     ag = agen()
///     print(await ag.__anext__())
///     return ag
///
/// loop = asyncio.new_event_loop()
/// ag = loop.run_until_complete(first())
/// del ag
/// print("dropped")
/// loop.run_until_complete(asyncio.sleep(0))
/// print("second run over")
/// loop.close()
/// ```
///
/// CPython 3.11:
///
/// ```text
/// 1
/// dropped
/// finally in Task-3
/// second run over
/// ```
#[test]
fn dropped_between_two_runs_it_is_closed_in_the_next() {
    let log = Log::default();
    let ag = async_gen(script([yield_(1), yield_(2)]).finally([say_task(&log, "finally in")]));
    let printed = log.clone();
    let first =
        anext(ag.clone()).map_return(move |item| printed.push(format!("{}", item.unwrap())));
    let mut rt = Runtime::new();
    rt.run_until_complete(first).unwrap().unwrap();
    drop(ag);
    log.push("dropped");
    rt.run_until_complete(resumable::scheduler::yield_now())
        .unwrap()
        .unwrap();
    log.push("second run over");
    assert_eq!(
        log.take(),
        ["1", "dropped", "finally in Task-3", "second run over"]
    );
}

/// A generator that never ran in a loop has no loop to close it: dropping
/// it drops the body, as any Rust value (Python's garbage collector would
/// close it, without awaiting). Nor is one closed once its loop is
/// closed: asyncio's finaliser does nothing then.
#[test]
fn without_an_open_loop_dropping_runs_no_cleanup() {
    let log = Log::default();
    let cleanup = || [say(&log, "finally")];

    let outside = async_gen(script([yield_(1)]).finally(cleanup()));
    assert_eq!(outside.asend(None).next().unwrap(), Complete(1));
    assert_eq!(outside.state(), Lifecycle::Suspended);
    drop(outside);

    let mut rt = Runtime::new();
    let ag = async_gen(script([yield_(1)]).finally(cleanup()));
    rt.run_until_complete(anext(ag.clone())).unwrap().unwrap();
    rt.close();
    drop(ag);
    assert!(log.take().is_empty());
}

/// ```python
/// async def one():
///     yield 1
///
/// async def leaky():
///     yield 1
///     raise StopAsyncIteration
///
/// async def stubborn():
///     try:
///         yield 1
///     except GeneratorExit:
///         yield 2
///
/// async def main():
///     ag = one()
///     send = ag.asend(None)
///     print(await send)
///     close = ag.aclose()
///     await close
///     for aw in (send, close):
///         try:
///             await aw
///         except RuntimeError as e:
///             print("RuntimeError:", e)
///     ag = leaky()
///     await ag.__anext__()
///     try:
///         await ag.__anext__()
///     except RuntimeError as e:
///         print("RuntimeError:", e)
///     ag = stubborn()
///     await ag.__anext__()
///     try:
///         await ag.aclose()
///     except RuntimeError as e:
///         print("RuntimeError:", e)
///     try:
///         await ag.aclose()
///     except StopAsyncIteration:
///         print("StopAsyncIteration")
/// ```
///
/// CPython 3.11:
///
/// ```text
/// 1
/// RuntimeError: cannot reuse already awaited __anext__()/asend()
/// RuntimeError: cannot reuse already awaited aclose()/athrow()
/// RuntimeError: async generator raised StopAsyncIteration
/// RuntimeError: async generator ignored GeneratorExit
/// StopAsyncIteration
/// ```
///
/// None of these awaits suspends, so the awaitables are driven here as
/// the loop would, one `send(None)` (`next()`) each.
#[test]
fn misuse_raises_cpythons_runtime_errors() {
    fn message(step: resumable::Outcome<Request, impl std::fmt::Debug, TaskError>) -> String {
        match step {
            Err(Exception::Raised(error)) => {
                let error = error
                    .downcast_ref::<RuntimeError>()
                    .expect("a RuntimeError");
                format!("RuntimeError: {}", error.message())
            }
            other => panic!("expected a RuntimeError, got {other:?}"),
        }
    }
    let ag = async_gen(script([yield_(1)]));
    let mut send = ag.asend(None);
    assert_eq!(send.next().unwrap(), Complete(1));
    let mut close = ag.aclose();
    assert_eq!(close.next().unwrap(), Complete(()));
    assert_eq!(
        message(send.next()),
        "RuntimeError: cannot reuse already awaited __anext__()/asend()"
    );
    assert_eq!(
        message(close.next()),
        "RuntimeError: cannot reuse already awaited aclose()/athrow()"
    );

    let leaky = async_gen(script([
        yield_(1),
        Line::Raise(TaskError::raise(StopAsyncIteration)),
    ]));
    assert_eq!(leaky.asend(None).next().unwrap(), Complete(1));
    assert_eq!(
        message(leaky.asend(None).next()),
        "RuntimeError: async generator raised StopAsyncIteration"
    );

    let stubborn = async_gen(script([yield_(1)]).finally([yield_(2)]));
    assert_eq!(stubborn.asend(None).next().unwrap(), Complete(1));
    assert_eq!(
        message(stubborn.aclose().next()),
        "RuntimeError: async generator ignored GeneratorExit"
    );
    match stubborn.aclose().next() {
        Err(Exception::Raised(error)) => {
            assert!(error.downcast_ref::<StopAsyncIteration>().is_some())
        }
        other => panic!("expected StopAsyncIteration, got {other:?}"),
    }
    // The body is still suspended at its `yield 2`.
    assert_eq!(stubborn.state(), Lifecycle::Suspended);
}

/// ```python
/// async def agen():
///     try:
///         yield 1
///     except BaseException as e:
///         print("agen got", repr(e))
///         raise
///     finally:
///         await asyncio.sleep(1)
///         print("cleaned up")
///
/// async def main():
///     ag = agen()
///     await ag.__anext__()
///     task = asyncio.create_task(ag.aclose())
///     task.cancel()
///     try:
///         await task
///     except asyncio.CancelledError:
///         print("cancelled")
///     else:
///         print("closed")
/// ```
///
/// CPython 3.13:
///
/// ```text
/// agen got CancelledError()
/// cleaned up
/// cancelled
/// ```
///
/// The cancellation reaches the awaitable before it started; it goes into
/// the generator in place of `GeneratorExit`, and the cleanup may still
/// await. CPython 3.11 and 3.12 print `agen got CancelledError()` and
/// `closed`: their awaitable, thrown into before it started, stays in its
/// initial state, so the loop's next `send(None)` starts `aclose()`
/// afresh, throws `GeneratorExit` into the cleanup's `await` and skips
/// the rest of the cleanup; 3.13 fixed it, and the crate does what 3.13
/// does. It happens when a closing task (the finaliser's, or
/// `shutdown_asyncgens`') is cancelled before its first step.
#[test]
fn an_aclose_cancelled_before_it_starts_still_runs_the_cleanup() {
    let log = Log::default();
    let got = log.clone();
    let agen = script([yield_(1)])
        .except(move |error| got.push(format!("agen got {}", repr(error))))
        .finally([nap(1.0), say(&log, "cleaned up")]);
    let ag = async_gen(agen);
    let (closing, printed) = (ag.clone(), log.clone());
    let main = Body::new([
        wait(anext(ag.clone())),
        wait(later(move || {
            let task = spawn(closing.aclose());
            task.cancel();
            catch(
                task.join().map_return(|()| panic!("closed")),
                move |error| {
                    assert!(error.is_cancelled());
                    printed.push("cancelled");
                    Ok(())
                },
            )
        })),
    ]);
    Runtime::new().run(main).unwrap();
    assert_eq!(
        log.take(),
        ["agen got CancelledError()", "cleaned up", "cancelled"]
    );
}

/// Python's `TypeError: can't send non-None value to a just-started async
/// generator` is a bug in the caller; like a plain generator's
/// ([`Tracked`](resumable::Tracked)), it panics with the message.
#[test]
#[should_panic(expected = "can't send non-None value to a just-started async generator")]
fn sending_a_value_to_a_generator_that_has_not_started_panics() {
    struct Echo;
    impl AsyncGenerator<i64> for Echo {
        type Item = i64;
        fn resume(&mut self, input: Resume<i64, TaskError>) -> Step {
            Ok(Complete(input.sent()?))
        }
    }
    let ag = async_gen(Echo);
    let _ = ag.asend(7).next();
}

/// A task closed while the generator it iterates awaits (a runtime
/// dropped with the task alive) closes the generator: `GeneratorExit` at
/// its `await`. Closing cannot wait (`docs/design.md`), so a cleanup that
/// awaits runs up to that `await` and stays suspended there, no longer
/// running; a later `aclose()` finishes it.
#[test]
fn a_task_closed_mid_iteration_closes_the_generator_it_iterates() {
    let log = Log::default();
    let cleanup = [say(&log, "finally"), nap(1.0), say(&log, "never")];
    let ag = async_gen(script([yield_(1), nap(5.0), yield_(2)]).finally(cleanup));
    let mut rt = Runtime::new();
    let task = rt.spawn(async_for(ag.clone(), |_| {}));
    rt.run_until_idle();
    assert!(!task.done());
    drop(rt);
    assert_eq!(log.take(), ["finally"]);
    assert_eq!(ag.state(), Lifecycle::Suspended, "at the cleanup's await");
    Runtime::new().run(ag.aclose()).unwrap();
    assert_eq!(ag.state(), Lifecycle::Closed);
    assert!(
        log.take().is_empty(),
        "the cleanup's await raised GeneratorExit"
    );
}
