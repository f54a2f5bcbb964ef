//! A runnable tour through the lecture's generator programs, in the order
//! the lecture shows them: iterators, generators, `yield from`, coroutines
//! with `send`, `throw` and `close`.
//!
//! Each program is one module. Its doc quotes the Python from the lecture
//! notes and the output they show; its code is the same program in Rust,
//! with the generators written as the state machines Python builds for you.
//! Read them side by side.
//!
//! ```text
//! cargo run --example tour                            # every program, in order
//! cargo run --example tour -- custom_range calculator # just these
//! cargo run --example tour -- --list                  # the names
//! ```

mod console;
mod python;

mod arithmetic_progression;
mod calculator;
mod cancelled;
mod coroutine_decorator;
mod custom_range;
mod find_prime;
mod grep;
mod hello_world;
mod iterators;
mod numbers_range;
mod pipeline;
mod simple_iterator;
mod single_use;
mod stop_iteration_value;
mod test_gen;

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
        name: "stop_iteration_value",
        about: "a coroutine's return value is StopIteration.value",
        run: stop_iteration_value::run,
    },
    Program {
        name: "cancelled",
        about: "throw() a CancelledError into a coroutine that catches it",
        run: cancelled::run,
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
