//! The cost of the generator protocol: a hand-written state machine called
//! directly against the same machine resumed through `Generator`, and a flat
//! generator against ten levels of static `yield from`.
//!
//! `cargo bench --bench protocol` times them; add `-- --instructions` for
//! callgrind's instruction counts. See docs/performance.md.

mod harness;

use std::convert::Infallible;
use std::hint::black_box;

use harness::{Case, Group};
use resumable::generator::yield_from;
use resumable::{Generator, GeneratorState, Outcome, Resume};

/// Python's `custom_range`, counting 1..=n and returning n: the machine
/// everybody would write by hand.
struct Count {
    i: u64,
    n: u64,
}

impl Count {
    fn new(n: u64) -> Self {
        Count { i: 0, n }
    }

    /// The hand-written interface: no protocol, just the next value.
    #[inline]
    fn step(&mut self) -> Option<u64> {
        if self.i < self.n {
            self.i += 1;
            Some(self.i)
        } else {
            None
        }
    }
}

impl Generator for Count {
    type Yield = u64;
    type Return = u64;
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, input: Resume) -> Outcome<u64, u64> {
        input.sent()?;
        Ok(match self.step() {
            Some(value) => GeneratorState::Yielded(value),
            None => GeneratorState::Complete(self.n),
        })
    }
}

/// A hand-written interface for the same machine behind `dyn`.
trait Step {
    fn step(&mut self) -> Option<u64>;
}

impl Step for Count {
    fn step(&mut self) -> Option<u64> {
        Count::step(self)
    }
}

/// `for value in gen: total += value`, through the protocol.
#[inline]
fn drain<G: Generator<Yield = u64, Error = Infallible> + ?Sized>(gen: &mut G) -> u64 {
    let mut total = 0u64;
    while let Ok(GeneratorState::Yielded(value)) = gen.resume(Resume::Next) {
        total = total.wrapping_add(black_box(value));
    }
    total
}

/// The same loop over the hand-written interface.
#[inline]
fn drain_direct(machine: &mut (impl Step + ?Sized)) -> u64 {
    let mut total = 0u64;
    while let Some(value) = machine.step() {
        total = total.wrapping_add(black_box(value));
    }
    total
}

/// A delegating generator written by hand: `r = yield from sub; return r + 1`.
struct Level<G> {
    sub: G,
    started: bool,
}

fn level<G>(sub: G) -> Level<G> {
    Level {
        sub,
        started: false,
    }
}

impl<G: Generator<Yield = u64, Return = u64, Error = Infallible>> Generator for Level<G> {
    type Yield = u64;
    type Return = u64;
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, mut input: Resume) -> Outcome<u64, u64> {
        if !self.started {
            input.sent()?;
            self.started = true;
            input = Resume::Next;
        }
        let value = resumable::yield_from!(self.sub, input)?;
        Ok(GeneratorState::Complete(value + 1))
    }
}

fn direct(n: u64) -> u64 {
    drain_direct(&mut Count::new(n))
}

fn through_trait(n: u64) -> u64 {
    drain(&mut Count::new(n))
}

fn through_tracked(n: u64) -> u64 {
    drain(&mut Count::new(n).tracked())
}

fn direct_dyn(n: u64) -> u64 {
    let mut machine: Box<dyn Step> = black_box(Box::new(Count::new(n)));
    drain_direct(&mut *machine)
}

fn through_trait_dyn(n: u64) -> u64 {
    let mut gen: Box<dyn Generator<Yield = u64, Return = u64, Error = Infallible>> =
        black_box(Box::new(Count::new(n)));
    drain(&mut *gen)
}

fn yield_from_1(n: u64) -> u64 {
    drain(&mut yield_from(Count::new(n)))
}

fn yield_from_10(n: u64) -> u64 {
    let gen = yield_from(yield_from(yield_from(yield_from(yield_from(Count::new(
        n,
    ))))));
    drain(&mut yield_from(yield_from(yield_from(yield_from(
        yield_from(gen),
    )))))
}

fn levels_1(n: u64) -> u64 {
    drain(&mut level(Count::new(n)))
}

fn levels_10(n: u64) -> u64 {
    let gen = level(level(level(level(level(Count::new(n))))));
    drain(&mut level(level(level(level(level(gen))))))
}

fn main() {
    harness::main(vec![
        Group {
            name: "resume",
            cases: vec![
                Case {
                    name: "hand-written, called directly",
                    run: direct,
                },
                Case {
                    name: "through Generator::resume",
                    run: through_trait,
                },
                Case {
                    name: "through Tracked",
                    run: through_tracked,
                },
            ],
        },
        Group {
            name: "resume-dyn",
            cases: vec![
                Case {
                    name: "hand-written, Box<dyn Step>",
                    run: direct_dyn,
                },
                Case {
                    name: "Box<dyn Generator>",
                    run: through_trait_dyn,
                },
            ],
        },
        Group {
            name: "yield-from",
            cases: vec![
                Case {
                    name: "flat",
                    run: through_trait,
                },
                Case {
                    name: "YieldFrom x1",
                    run: yield_from_1,
                },
                Case {
                    name: "YieldFrom x10",
                    run: yield_from_10,
                },
                Case {
                    name: "hand-written delegator x1",
                    run: levels_1,
                },
                Case {
                    name: "hand-written delegators x10",
                    run: levels_10,
                },
            ],
        },
    ]);
}
