//! A runnable tour through the lecture's programs, in the order the
//! lecture shows them: iterators, generators, `yield from`, coroutines with
//! `send`, `throw` and `close`; then asyncio, from the event loop written by
//! hand (`round_robin`, `run_generators`) to tasks, `gather`, timeouts and
//! `wait`, the problems of shared state, the synchronisation primitives,
//! `async with`, threads, the loop's own scripts, the pitfalls, and
//! asynchronous iteration (`async for`, async generators and
//! comprehensions).
//!
//! Each program is one module. Its doc quotes the Python from the lecture
//! notes and what CPython 3.11 prints for it (and where the notes print
//! something else); its code is the same program in Rust. Read them side
//! by side.
//!
//! The asyncio programs run on [`resumable::scheduler::Runtime`]'s virtual
//! clock: time jumps to the next timer whenever every task waits, so a
//! program that sleeps for seconds runs at once, the same way every time.
//! Where a seed prints a measured time, the tour prints the virtual one,
//! and some programs end with a `#` line saying where the clock stopped.
//! A task is a generator that yields requests to the loop. The early
//! generator programs and `quick_start` write the state machine by hand,
//! where `yield_from!(awaitable, input)?` is Python's `await`; the others
//! build it from pieces, line for line with the Python: `lazy` for the code
//! before the first `await`, `then` / `map_return` for what follows each
//! `await`, `sequence` for a `for` loop of them, `async_with` for
//! `async with` (`docs/ergonomics.md` counts the lines).
//!
//! Left out of the asyncio part, each for a reason (`docs/lectures.md`
//! counts every program of the notes): programs about
//! threads and processes rather than the loop (`threading.Thread`,
//! `ThreadPoolExecutor`, `threading.Lock`, `multiprocessing`), the seeds'
//! `aiohttp` calls that only print a server's answer (see `fetch`), and
//! repeats (the `@types.coroutine` and `@asyncio.coroutine` forms of `run_generators`,
//! seed 002's `asyncio.wait` example, which is `wait`'s first cell). The
//! programs whose point is real time (`display_date`, `blocking_sleep`,
//! `loop_stop`, `run_in_executor`) run on the real clock, scaled down. The
//! pitfalls are programs too: `never_awaited` and `await_generator`, whose
//! Python errors are compile errors here. Each program's module says what
//! else it leaves out.
//!
//! ```text
//! cargo run --example tour                            # every program, in order
//! cargo run --example tour -- custom_range calculator # just these
//! cargo run --example tour -- --list                  # the names
//! ```

mod asyncio;
mod console;
mod python;

mod arithmetic_progression;
mod as_completed;
mod async_function;
mod async_resource;
mod await_generator;
mod blocking_sleep;
mod calculator;
mod cancelled;
mod condition;
mod condition_wait_for;
mod connect_to_user;
mod connection;
mod coroutine_decorator;
mod coroutine_repr;
mod create_task;
mod custom_range;
mod db_update;
mod deadlock;
mod delay_message;
mod display_date;
mod ensure_future;
mod event;
mod factorial;
mod fetch;
mod find_prime;
mod future;
mod grep;
mod hello_world;
mod iterators;
mod lock;
mod loop_stop;
mod never_awaited;
mod no_running_loop;
mod numbers_range;
mod pipeline;
mod producers_consumers;
mod queue;
mod quick_start;
mod race_condition;
mod rocket;
mod round_robin;
mod run_generators;
mod run_in_executor;
mod say_after;
mod say_after_clock;
mod semaphore;
mod set_future;
mod shield;
mod simple_iterator;
mod single_use;
mod stop_iteration_value;
mod task_group;
mod task_methods;
mod test_gen;
mod timeline;
mod timeout;
mod to_thread;
mod wait;
mod wait_first_exception;
mod wait_for;

mod async_counter;
mod async_fn_twin;
mod async_iterator;
mod await_f;
mod doubler;
mod mygen;
mod types_coroutine;
mod wrap_future;

mod tree_walk;

#[cfg(test)]
mod tests;

use std::process::ExitCode;

use crate::console::say;

/// One program of the tour.
#[derive(Debug)]
struct Program {
    /// What to type after `--` to run it alone.
    name: &'static str,
    /// One line for `--list`.
    about: &'static str,
    run: fn(),
}

/// The tour, in lecture order. A program's number is its place here.
static PROGRAMS: &[Program] = &[
    Program {
        name: "iterators",
        about: "for, iter() and next() over a list; iter(iter1) is iter1",
        run: iterators::run,
    },
    Program {
        name: "simple_iterator",
        about: "a hand-made iterator class, and the same as a generator",
        run: simple_iterator::run,
    },
    Program {
        name: "test_gen",
        about: "a generator with three yields, one next() each",
        run: test_gen::run,
    },
    Program {
        name: "custom_range",
        about: "a generator that ends with StopIteration",
        run: custom_range::run,
    },
    Program {
        name: "arithmetic_progression",
        about: "the same progression as an iterator class and as a generator",
        run: arithmetic_progression::run,
    },
    Program {
        name: "find_prime",
        about: "an endless generator of primes (the first ten)",
        run: find_prime::run,
    },
    Program {
        name: "pipeline",
        about: "one generator consuming another: the even primes below 100",
        run: pipeline::run,
    },
    Program {
        name: "numbers_range",
        about: "a loop of yields, and the same as `yield from range(n)`",
        run: numbers_range::run,
    },
    Program {
        name: "hello_world",
        about: "`yield from` a subgenerator: Hello, World !",
        run: hello_world::run,
    },
    Program {
        name: "single_use",
        about: "`100 in gen` twice: a generator is used up as it is read",
        run: single_use::run,
    },
    Program {
        name: "calculator",
        about: "coroutines fed with send(), primed with next(), ended with close()",
        run: calculator::run,
    },
    Program {
        name: "coroutine_decorator",
        about: "the @coroutine decorator: prime() instead of next()",
        run: coroutine_decorator::run,
    },
    Program {
        name: "grep",
        about: "a coroutine that prints the lines sent to it that match",
        run: grep::run,
    },
    Program {
        name: "coroutine_repr",
        about: "x(), main(), rocket() not run: <generator object x at 0x...>, <coroutine object ...>",
        run: coroutine_repr::run,
    },
    Program {
        name: "stop_iteration_value",
        about: "a coroutine's return value is StopIteration.value",
        run: stop_iteration_value::run,
    },
    Program {
        name: "cancelled",
        about: "throw() a CancelledError into a coroutine that catches it",
        run: cancelled::run,
    },
    Program {
        name: "round_robin",
        about: "the simplest event loop: counter() and printer() resumed in turn",
        run: round_robin::run,
    },
    Program {
        name: "run_generators",
        about: "sleeps that yield, by hand and on the event loop: task 2 ends first",
        run: run_generators::run,
    },
    Program {
        name: "rocket",
        about: "1, 2, 3, Go!: the first coroutine on the event loop",
        run: rocket::run,
    },
    Program {
        name: "display_date",
        about: "two coroutines print the time and sleep random.randint(0, 5) s, on the real clock",
        run: display_date::run,
    },
    Program {
        name: "factorial",
        about: "asyncio.run, then three factorials at once with gather: [24, 6, 2]",
        run: factorial::run,
    },
    Program {
        name: "say_after_clock",
        about: "say_after with time.strftime('%X'): awaits take 3 s, tasks 2 s",
        run: say_after_clock::run,
    },
    Program {
        name: "never_awaited",
        about: "nested() without await runs nothing; the types of a coroutine function and a coroutine",
        run: never_awaited::run,
    },
    Program {
        name: "await_generator",
        about: "a plain generator cannot be awaited; @types.coroutine makes it a coroutine",
        run: await_generator::run,
    },
    Program {
        name: "quick_start",
        about: "gather three coroutines; a coroutine awaiting another's result",
        run: quick_start::run,
    },
    Program {
        name: "say_after",
        about: "awaits one after another take 3 s, tasks take 2 s",
        run: say_after::run,
    },
    Program {
        name: "timeline",
        about: "the tasks of say_after as the loop traced them, in text and SVG",
        run: timeline::run,
    },
    Program {
        name: "create_task",
        about: "tasks run as soon as main awaits, before anyone awaits them",
        run: create_task::run,
    },
    Program {
        name: "no_running_loop",
        about: "create_task outside a loop: an error (here spawn's panic, caught)",
        run: no_running_loop::run,
    },
    Program {
        name: "task_methods",
        about: "a task's done(), cancelled() and names",
        run: task_methods::run,
    },
    Program {
        name: "ensure_future",
        about: "a task is a Future: start it now, await its result later",
        run: ensure_future::run,
    },
    Program {
        name: "future",
        about: "asyncio.Future: set_result on one side, await on the other; as_completed",
        run: future::run,
    },
    Program {
        name: "async_function",
        about: "await create_task(async_function()): the task's result, 42",
        run: async_function::run,
    },
    Program {
        name: "set_future",
        about: "a Future set by a task to 42, awaited by main",
        run: set_future::run,
    },
    Program {
        name: "fetch",
        about: "three simulated requests: gathered in 1 s, one by one in 3 s",
        run: fetch::run,
    },
    Program {
        name: "as_completed",
        about: "results in the order they finish: as_completed",
        run: as_completed::run,
    },
    Program {
        name: "delay_message",
        about: "tasks and gather, logged with the time of every line",
        run: delay_message::run,
    },
    Program {
        name: "blocking_sleep",
        about: "a blocking time.sleep in one coroutine stalls them all, on the real clock",
        run: blocking_sleep::run,
    },
    Program {
        name: "db_update",
        about: "no lock needed: nothing runs between a read and a write without an await",
        run: db_update::run,
    },
    Program {
        name: "connect_to_user",
        about: "gather and errors: raised at once, or collected with return_exceptions",
        run: connect_to_user::run,
    },
    Program {
        name: "shield",
        about: "cancelling the shield does not cancel the task inside",
        run: shield::run,
    },
    Program {
        name: "wait_for",
        about: "wait_for gives up after a timeout; shield cannot save a cancelled task",
        run: wait_for::run,
    },
    Program {
        name: "wait",
        about: "asyncio.wait: FIRST_COMPLETED, a timeout, ALL_COMPLETED",
        run: wait::run,
    },
    Program {
        name: "wait_first_exception",
        about: "FIRST_EXCEPTION, and a task exception that was never retrieved",
        run: wait_first_exception::run,
    },
    Program {
        name: "task_group",
        about: "TaskGroup: every task is done at the end of the block",
        run: task_group::run,
    },
    Program {
        name: "timeout",
        about: "asyncio.timeout around a block",
        run: timeout::run,
    },
    Program {
        name: "race_condition",
        about: "10 000 coroutines race for a counter: 1 without a lock, 10000 with one",
        run: race_condition::run,
    },
    Program {
        name: "deadlock",
        about: "a lock taken twice, two locks in opposite order, a lock never released",
        run: deadlock::run,
    },
    Program {
        name: "lock",
        about: "asyncio.Lock: three tasks take turns in the block",
        run: lock::run,
    },
    Program {
        name: "semaphore",
        about: "a hundred requests, ten at a time",
        run: semaphore::run,
    },
    Program {
        name: "event",
        about: "asyncio.Event: one task waits until another sets the flag",
        run: event::run,
    },
    Program {
        name: "condition",
        about: "asyncio.Condition: wait() until notify_all(), then one at a time",
        run: condition::run,
    },
    Program {
        name: "condition_wait_for",
        about: "Condition.wait_for(predicate): queries wait for the connection",
        run: condition_wait_for::run,
    },
    Program {
        name: "queue",
        about: "asyncio.Queue: producer and consumer, maxsize=3, a pool of workers",
        run: queue::run,
    },
    Program {
        name: "producers_consumers",
        about: "three producers and two consumers on one queue, sleeping random.uniform",
        run: producers_consumers::run,
    },
    Program {
        name: "to_thread",
        about: "blocking code on a thread, awaited without blocking the loop",
        run: to_thread::run,
    },
    Program {
        name: "loop_stop",
        about: "loop.run_forever() until a task calls loop.stop(); all_tasks, gather, run_until_complete",
        run: loop_stop::run,
    },
    Program {
        name: "run_in_executor",
        about: "run_in_executor is a future, not a task: the loop closes without it, and two fixes",
        run: run_in_executor::run,
    },
    Program {
        name: "await_f",
        about: "await f() returns 123; loop.run_forever() until f calls loop.stop()",
        run: await_f::run,
    },
    Program {
        name: "connection",
        about: "async with a class of your own: a connection opened and closed, both awaited",
        run: connection::run,
    },
    Program {
        name: "mygen",
        about: "async for over async generators, while other tasks run between the items",
        run: mygen::run,
    },
    Program {
        name: "doubler",
        about: "async comprehensions: a list, a dict and a set from an async generator",
        run: doubler::run,
    },
    Program {
        name: "async_iterator",
        about: "__aiter__ and __anext__ in a class, then the same as an async generator",
        run: async_iterator::run,
    },
    Program {
        name: "async_resource",
        about: "__aenter__ and __aexit__ that sleep, around a body that awaits",
        run: async_resource::run,
    },
    Program {
        name: "async_counter",
        about: "a class whose __anext__ awaits, and async_range",
        run: async_counter::run,
    },
    Program {
        name: "types_coroutine",
        about: "@types.coroutine: a generator awaited by async fn, on tokio's threads",
        run: types_coroutine::run,
    },
    Program {
        name: "wrap_future",
        about: "a scheduler task awaits a tokio task: asyncio.wrap_future",
        run: wrap_future::run,
    },
    Program {
        name: "async_fn_twin",
        about: "an async fn and its hand-written generator twin, polled side by side",
        run: async_fn_twin::run,
    },
    Program {
        name: "tree_walk",
        about: "a recursive generator (in-order tree walk) on a trampoline: O(1) per item",
        run: tree_walk::run,
    },
];

/// A program with its place in the tour, counted from 1.
type Numbered = (usize, &'static Program);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--list") {
        list();
        return ExitCode::SUCCESS;
    }
    match select(&args) {
        Ok(chosen) => {
            run_tour(&chosen);
            ExitCode::SUCCESS
        }
        Err(unknown) => {
            eprintln!("error: no program named {}", unknown.join(", "));
            eprintln!("valid names: {}", names().join(", "));
            ExitCode::from(2)
        }
    }
}

/// The programs named, in the order named; all of them if none is.
/// On failure, the names that match no program.
fn select(names: &[String]) -> Result<Vec<Numbered>, Vec<String>> {
    let numbered = || PROGRAMS.iter().enumerate().map(|(i, p)| (i + 1, p));
    if names.is_empty() {
        return Ok(numbered().collect());
    }
    let mut chosen = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
        match numbered().find(|(_, program)| program.name == name) {
            Some(program) => chosen.push(program),
            None => unknown.push(format!("'{name}'")),
        }
    }
    if unknown.is_empty() {
        Ok(chosen)
    } else {
        Err(unknown)
    }
}

/// Runs each program under its header, with a blank line between them.
fn run_tour(chosen: &[Numbered]) {
    for (i, (number, program)) in chosen.iter().enumerate() {
        if i > 0 {
            say!();
        }
        say!("== {number}. {} ==", program.name);
        (program.run)();
    }
}

fn list() {
    for (i, program) in PROGRAMS.iter().enumerate() {
        println!("{:>2}. {:<22} {}", i + 1, program.name, program.about);
    }
}

fn names() -> Vec<&'static str> {
    PROGRAMS.iter().map(|program| program.name).collect()
}
