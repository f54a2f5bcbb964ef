//! Every sequence of up to four `__anext__` / `asend` / `athrow` / `aclose`
//! calls (and an `__anext__` left in flight in another task) on three
//! async generators, against CPython 3.11.
//!
//! `async_gen_table.py`, next to this file, is the Python program: it runs
//! each case under `asyncio.run` on a virtual clock and prints what
//! happens, and `async_gen_table.txt` is what CPython 3.11 printed (1 875
//! cases). This test runs the same cases on the crate, with the same three
//! generators written as state machines, and compares every line: the
//! items, the errors and their messages, the clock, the bodies' own
//! prints, the `finally` blocks that run when `asyncio.run` closes a
//! generator left alive (`shutdown_asyncgens`), and the loop's reports.
//!
//! To record the table again: `python3.11 tests/it/scheduler/async_gen_table.py >
//! tests/it/scheduler/async_gen_table.txt`.

use std::cell::RefCell;
use std::fmt;

use resumable::scheduler::{
    anext, async_gen, loop_input, now, sleep, spawn, yield_now, AsyncGen, AsyncGenerator, Request,
    Runtime, Sleep, Step, TaskError, ValueError,
};
use resumable::{yield_from, Generator, GeneratorState::Complete, Resume};

use crate::support::{later, run, wait, Body};

const SECOND: std::time::Duration = std::time::Duration::from_secs(1);

thread_local! {
    static LINES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn print(line: String) {
    LINES.with_borrow_mut(|lines| lines.push(line));
}

/// `log(message)`: a line printed by a generator's body.
fn log(message: &str) {
    print(format!("  t={} {message}", now().as_secs()));
}

type Input = Resume<i64, TaskError>;

/// ```python
/// async def echo():
///     log('echo start')
///     try:
///         total = 0
///         for n in range(3):
///             try:
///                 got = yield total
///             except ValueError:
///                 log('echo caught ValueError')
///                 got = 100
///             await asyncio.sleep(1)
///             total += n if got is None else got
///     finally:
///         log('echo finally')
///         await asyncio.sleep(1)
///         log('echo cleaned up')
/// ```
enum Echo {
    Start,
    Yielded {
        n: i64,
        total: i64,
    },
    Napping {
        n: i64,
        total: i64,
        got: Option<i64>,
        nap: Sleep,
    },
    Finally {
        nap: Sleep,
        ended: Step<Option<i64>>,
    },
}

impl Echo {
    fn finally(&mut self, ended: Step<Option<i64>>) {
        log("echo finally");
        *self = Echo::Finally {
            nap: sleep(SECOND),
            ended,
        };
    }
}

impl AsyncGenerator<i64> for Echo {
    type Item = i64;

    fn resume(&mut self, mut input: Input) -> Step<Option<i64>> {
        loop {
            match self {
                Echo::Start => {
                    input.sent()?;
                    log("echo start");
                    *self = Echo::Yielded { n: 0, total: 0 };
                    return Ok(Complete(Some(0)));
                }
                &mut Echo::Yielded { n, total } => {
                    let got = match input {
                        Resume::Next => None,
                        Resume::Send(value) => Some(value),
                        Resume::Throw(error) if error.downcast_ref::<ValueError>().is_some() => {
                            log("echo caught ValueError");
                            Some(100)
                        }
                        other => {
                            self.finally(other.sent().map(|_| Complete(None)));
                            input = Resume::Next;
                            continue;
                        }
                    };
                    let nap = sleep(SECOND);
                    *self = Echo::Napping { n, total, got, nap };
                }
                Echo::Napping { n, total, got, nap } => match yield_from!(nap, loop_input(input)) {
                    Ok(()) => {
                        let total = *total + got.unwrap_or(*n);
                        let n = *n + 1;
                        if n < 3 {
                            *self = Echo::Yielded { n, total };
                            return Ok(Complete(Some(total)));
                        }
                        self.finally(Ok(Complete(None)));
                    }
                    Err(exception) => self.finally(Err(exception)),
                },
                Echo::Finally { nap, ended } => {
                    yield_from!(nap, loop_input(input))?;
                    log("echo cleaned up");
                    return std::mem::replace(ended, Ok(Complete(None)));
                }
            }
            input = Resume::Next;
        }
    }
}

/// ```python
/// async def stubborn():
///     log('stubborn start')
///     try:
///         yield 1
///     except GeneratorExit:
///         log('stubborn ignores GeneratorExit')
///         await asyncio.sleep(1)
///         yield 2
///     except ValueError:
///         log('stubborn returns')
///         return
///     log('stubborn goes on')
///     yield 3
///     log('stubborn end')
/// ```
enum Stubborn {
    Start,
    One,
    Ignoring(Sleep),
    Two,
    Three,
}

impl AsyncGenerator<i64> for Stubborn {
    type Item = i64;

    fn resume(&mut self, mut input: Input) -> Step<Option<i64>> {
        loop {
            match self {
                Stubborn::Start => {
                    input.sent()?;
                    log("stubborn start");
                    *self = Stubborn::One;
                    return Ok(Complete(Some(1)));
                }
                Stubborn::One => match input {
                    Resume::Close => {
                        log("stubborn ignores GeneratorExit");
                        *self = Stubborn::Ignoring(sleep(SECOND));
                        input = Resume::Next;
                    }
                    Resume::Throw(error) if error.downcast_ref::<ValueError>().is_some() => {
                        log("stubborn returns");
                        return Ok(Complete(None));
                    }
                    other => {
                        other.sent()?;
                        log("stubborn goes on");
                        *self = Stubborn::Three;
                        return Ok(Complete(Some(3)));
                    }
                },
                Stubborn::Ignoring(nap) => {
                    yield_from!(nap, loop_input(input))?;
                    *self = Stubborn::Two;
                    return Ok(Complete(Some(2)));
                }
                Stubborn::Two => {
                    input.sent()?;
                    log("stubborn goes on");
                    *self = Stubborn::Three;
                    return Ok(Complete(Some(3)));
                }
                Stubborn::Three => {
                    input.sent()?;
                    log("stubborn end");
                    return Ok(Complete(None));
                }
            }
        }
    }
}

/// ```python
/// async def raiser():
///     try:
///         yield 1
///         await asyncio.sleep(1)
///         yield 2
///     finally:
///         log('raiser finally')
///         await asyncio.sleep(1)
///         raise KeyError('cleanup')
/// ```
enum Raiser {
    Start,
    One,
    Napping(Sleep),
    Two,
    Finally(Sleep),
}

impl Raiser {
    fn finally(&mut self) {
        log("raiser finally");
        *self = Raiser::Finally(sleep(SECOND));
    }
}

impl AsyncGenerator<i64> for Raiser {
    type Item = i64;

    fn resume(&mut self, mut input: Input) -> Step<Option<i64>> {
        loop {
            match self {
                Raiser::Start => {
                    input.sent()?;
                    *self = Raiser::One;
                    return Ok(Complete(Some(1)));
                }
                Raiser::One => match input.sent() {
                    Ok(_) => *self = Raiser::Napping(sleep(SECOND)),
                    Err(_) => self.finally(),
                },
                Raiser::Napping(nap) => match yield_from!(nap, loop_input(input)) {
                    Ok(()) => {
                        *self = Raiser::Two;
                        return Ok(Complete(Some(2)));
                    }
                    Err(_) => self.finally(),
                },
                // The body ends here, however `yield 2` is resumed.
                Raiser::Two => self.finally(),
                Raiser::Finally(nap) => {
                    yield_from!(nap, loop_input(input))?;
                    return Err(TaskError::raise(KeyError("cleanup")).into());
                }
            }
            input = Resume::Next;
        }
    }
}

/// Python's `KeyError('cleanup')`.
#[derive(Debug)]
struct KeyError(&'static str);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyError: '{}'", self.0)
    }
}

impl std::error::Error for KeyError {}

type Agen = AsyncGen<Box<dyn AsyncGenerator<i64, Item = i64>>, i64>;

fn body(name: &str) -> Agen {
    let body: Box<dyn AsyncGenerator<i64, Item = i64>> = match name {
        "echo" => Box::new(Echo::Start),
        "stubborn" => Box::new(Stubborn::Start),
        "raiser" => Box::new(Raiser::Start),
        other => panic!("no generator named {other}"),
    };
    async_gen(body)
}

/// ```python
/// async def show(label, awaitable):
///     try:
///         result = await awaitable
///     except BaseException as e:
///         print(f't={now()} {label} !! {error(e)}')
///     else:
///         print(f't={now()} {label} -> {result}')
/// ```
fn show<A>(
    label: &'static str,
    awaitable: A,
    result: fn(A::Return) -> String,
) -> impl Generator<Yield = Request, Return = (), Error = TaskError>
where
    A: Generator<Yield = Request, Error = TaskError> + 'static,
{
    let mut awaitable = awaitable;
    resumable::generator::from_fn(move |input| {
        let line = match yield_from!(awaitable, input) {
            Ok(value) => result(value),
            Err(resumable::Exception::Raised(error)) => format!("!! {error}"),
            Err(resumable::Exception::GeneratorExit) => {
                return Err(resumable::Exception::GeneratorExit)
            }
        };
        print(format!("t={} {label} {line}", now().as_secs()));
        Ok(Complete(()))
    })
}

fn item(value: i64) -> String {
    format!("-> {value}")
}

fn next_item(value: Option<i64>) -> String {
    value.map_or_else(|| "!! StopAsyncIteration".to_owned(), item)
}

fn or_none(value: Option<i64>) -> String {
    value.map_or_else(|| "-> None".to_owned(), item)
}

/// `main(body, ops)` of the Python program, then `asyncio.run`'s shutdown:
/// every line printed.
fn replay(name: &str, ops: &[&str]) -> Vec<String> {
    let ag = body(name);
    let mut steps = Vec::new();
    for &op in ops {
        let ag = ag.clone();
        match op {
            "anext" => steps.push(wait(later(move || show("anext", anext(ag), next_item)))),
            "send" => steps.push(wait(later(move || show("send", ag.asend(7), item)))),
            "throw" => {
                let boom = TaskError::raise(ValueError::new("boom"));
                steps.push(wait(later(move || show("throw", ag.athrow(boom), or_none))));
            }
            "close" => {
                steps.push(wait(later(move || {
                    show("close", ag.aclose(), |()| "-> None".into())
                })));
            }
            "spawn" => {
                steps.push(run(move || {
                    spawn(show("bg anext", anext(ag), next_item)).detach()
                }));
                steps.push(wait(yield_now()));
            }
            other => panic!("no operation named {other}"),
        }
    }
    steps.push(run(|| print(format!("t={} end of main", now().as_secs()))));
    let main = Body::new(steps).map_return(move |()| ag.clone());
    let mut rt = Runtime::new();
    // Kept until the run is over: alive for shutdown_asyncgens.
    let ag = rt.run(main).expect("main returns");
    for report in rt.reports() {
        let error = report.error().map(|e| format!(": {e}")).unwrap_or_default();
        print(format!("report: {}{error}", report.kind().message()));
    }
    drop(ag);
    LINES.take()
}

#[test]
fn every_short_sequence_of_calls_as_cpython_3_11_answers_it() {
    let table = include_str!("async_gen_table.txt");
    let mut cases = 0;
    let mut failures = Vec::new();
    for case in table.split("== ").skip(1) {
        let (header, expected) = case.split_once('\n').expect("a header line");
        let (name, ops) = header.split_once(':').expect("`body: ops`");
        let ops: Vec<&str> = ops.split_whitespace().collect();
        let expected: Vec<&str> = expected.lines().collect();
        let got = replay(name, &ops);
        if got != expected {
            failures.push(format!(
                "== {header}\n-- CPython:\n{}\n-- here:\n{}",
                expected.join("\n"),
                got.join("\n")
            ));
        }
        cases += 1;
    }
    assert_eq!(cases, 1875, "the table's cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ; the first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
