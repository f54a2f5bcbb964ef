//! The cost of the generator protocol: a hand-written state machine called
//! directly against the same machine resumed through `Generator`, a flat
//! generator against 10 and 100 levels of static `yield from`, and dynamic
//! delegation 1 to 1 000 deep, nested (`Box<dyn Generator>` at every level)
//! against trampolined, and `then` chains against the stage enum they
//! replace.
//!
//! `cargo bench --bench protocol` times them; add `-- --instructions` for
//! callgrind's instruction counts. See docs/performance.md.

mod harness;

use std::convert::Infallible;
use std::hint::black_box;

use harness::{untimed, Case, Group};
use resumable::generator::{trampoline, yield_from, BoxFrame, Frame, Received, Suspend};
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

/// Ten levels of `YieldFrom` around `gen`.
fn yield_from_ten<G>(gen: G) -> impl Generator<Yield = u64, Return = u64, Error = Infallible>
where
    G: Generator<Yield = u64, Return = u64, Error = Infallible>,
{
    let gen = yield_from(yield_from(yield_from(yield_from(yield_from(gen)))));
    yield_from(yield_from(yield_from(yield_from(yield_from(gen)))))
}

/// Ten hand-written delegators around `gen`.
fn levels_ten<G>(gen: G) -> impl Generator<Yield = u64, Return = u64, Error = Infallible>
where
    G: Generator<Yield = u64, Return = u64, Error = Infallible>,
{
    let gen = level(level(level(level(level(gen)))));
    level(level(level(level(level(gen)))))
}

fn yield_from_100(n: u64) -> u64 {
    let gen = yield_from_ten(yield_from_ten(yield_from_ten(yield_from_ten(
        yield_from_ten(Count::new(n)),
    ))));
    drain(&mut yield_from_ten(yield_from_ten(yield_from_ten(
        yield_from_ten(yield_from_ten(gen)),
    ))))
}

fn levels_100(n: u64) -> u64 {
    let gen = levels_ten(levels_ten(levels_ten(levels_ten(levels_ten(Count::new(
        n,
    ))))));
    drain(&mut levels_ten(levels_ten(levels_ten(levels_ten(
        levels_ten(gen),
    )))))
}

// ------------------------------------------------------------ then chains

/// `r = yield from count(k); return (yield from count(r))`, written by hand:
/// the stage enum a `then` chain replaces.
enum TwoStages {
    First(Count),
    Second(Count),
}

impl Generator for TwoStages {
    type Yield = u64;
    type Return = u64;
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, mut input: Resume) -> Outcome<u64, u64> {
        if let TwoStages::First(first) = self {
            let value = resumable::yield_from!(first, input)?;
            *self = TwoStages::Second(Count::new(value));
            input = Resume::Next;
        }
        match self {
            TwoStages::Second(second) => Ok(GeneratorState::Complete(resumable::yield_from!(
                second, input
            )?)),
            TwoStages::First(_) => unreachable!("left above"),
        }
    }
}

/// Two long stages by hand: `n` items, one transition.
fn stages_by_hand(n: u64) -> u64 {
    drain(&mut TwoStages::First(Count::new(n / 2)))
}

/// The same with `then`.
fn stages_with_then(n: u64) -> u64 {
    drain(&mut Count::new(n / 2).then(Count::new))
}

/// Four one-item stages by hand: a coroutine of four `await`s, where the
/// transitions are the work.
enum FourStages {
    One(Count),
    Two(Count),
    Three(Count),
    Four(Count),
}

impl Generator for FourStages {
    type Yield = u64;
    type Return = u64;
    type Error = Infallible;

    #[inline]
    fn resume(&mut self, mut input: Resume) -> Outcome<u64, u64> {
        loop {
            match self {
                FourStages::One(count) => {
                    let value = resumable::yield_from!(count, input)?;
                    *self = FourStages::Two(Count::new(value));
                }
                FourStages::Two(count) => {
                    let value = resumable::yield_from!(count, input)?;
                    *self = FourStages::Three(Count::new(value));
                }
                FourStages::Three(count) => {
                    let value = resumable::yield_from!(count, input)?;
                    *self = FourStages::Four(Count::new(value));
                }
                FourStages::Four(count) => {
                    return Ok(GeneratorState::Complete(resumable::yield_from!(
                        count, input
                    )?))
                }
            }
            input = Resume::Next;
        }
    }
}

/// `n / 4` coroutines of four one-item stages, by hand.
fn short_stages_by_hand(n: u64) -> u64 {
    (0..n / 4).fold(0, |total, _| {
        total.wrapping_add(drain(&mut FourStages::One(Count::new(black_box(1)))))
    })
}

/// The same with three `then`s.
fn short_stages_with_then(n: u64) -> u64 {
    (0..n / 4).fold(0, |total, _| {
        let mut chain = Count::new(black_box(1))
            .then(Count::new)
            .then(Count::new)
            .then(Count::new);
        total.wrapping_add(drain(&mut chain))
    })
}

// ------------------------------------------------------ dynamic delegation

type BoxGen = Box<dyn Generator<Yield = u64, Return = u64, Error = Infallible>>;

/// `Count` under `depth` hand-written delegators, each one behind
/// `Box<dyn Generator>`: what a recursive generator is when its depth is
/// only known at run time.
fn nested_chain(depth: u32, n: u64) -> BoxGen {
    let mut gen: BoxGen = Box::new(Count::new(n));
    for _ in 0..depth {
        gen = Box::new(level(gen));
    }
    black_box(gen)
}

/// Drains the `n` items of `gen` (a chain around `Count::new(n)`) with
/// the first step (which builds a trampoline's stack), the last one (which
/// unwinds the chain: every level returns) and the teardown left out of
/// the time: those are paid once per chain, O(depth), and a run of the
/// deep cases has few items, so they would hide the cost per item.
fn drain_items<G: Generator<Yield = u64, Error = Infallible>>(mut gen: G, n: u64) -> u64 {
    let mut step = || match gen.resume(Resume::Next) {
        Ok(GeneratorState::Yielded(value)) => black_box(value),
        _ => 0,
    };
    let mut total = untimed(&mut step);
    for _ in 1..n {
        total = total.wrapping_add(step());
    }
    let total = total.wrapping_add(untimed(&mut step));
    untimed(|| drop(gen));
    total
}

fn nested_dyn(depth: u32, n: u64) -> u64 {
    drain_items(untimed(|| nested_chain(depth, n)), n)
}

/// The same chain as trampoline frames of one type: Python's
/// `def level(d, n): return (yield from (level(d - 1, n) if d else count(n))) + 1`.
enum Chain {
    Level { below: u32, n: u64, started: bool },
    Count(Count),
}

impl Frame for Chain {
    type Yield = u64;
    type Return = u64;
    type Error = Infallible;
    type Sub = Self;

    #[inline]
    fn resume(&mut self, input: Resume<Received<(), u64>>) -> Outcome<Suspend<u64, Self>, u64> {
        match self {
            Chain::Count(count) => {
                input.sent()?;
                Ok(match count.step() {
                    Some(value) => GeneratorState::Yielded(Suspend::Yield(value)),
                    None => GeneratorState::Complete(count.n),
                })
            }
            Chain::Level { below, n, started } => {
                let received = input.sent()?;
                if std::mem::replace(started, true) {
                    let value = received.and_then(Received::into_returned).unwrap_or(0);
                    return Ok(GeneratorState::Complete(value + 1));
                }
                let sub = match *below {
                    0 => Chain::Count(Count::new(*n)),
                    below => Chain::Level {
                        below: below - 1,
                        n: *n,
                        started: false,
                    },
                };
                Ok(GeneratorState::Yielded(Suspend::YieldFrom(sub)))
            }
        }
    }
}

fn trampolined(depth: u32, n: u64) -> u64 {
    let root = match depth {
        0 => Chain::Count(Count::new(n)),
        depth => Chain::Level {
            below: depth - 1,
            n,
            started: false,
        },
    };
    drain_items(black_box(trampoline(root)), n)
}

type Boxed = BoxFrame<'static, u64, u64>;

/// The chain again, as frames of two types behind `BoxFrame`: the
/// trampoline's counterpart of the `Box<dyn Generator>` nest.
struct LevelFrame {
    below: u32,
    n: u64,
    started: bool,
}

/// `Count` as a frame.
struct CountFrame(Count);

impl Frame for LevelFrame {
    type Yield = u64;
    type Return = u64;
    type Error = Infallible;
    type Sub = Boxed;

    fn resume(&mut self, input: Resume<Received<(), u64>>) -> Outcome<Suspend<u64, Boxed>, u64> {
        let received = input.sent()?;
        if std::mem::replace(&mut self.started, true) {
            let value = received.and_then(Received::into_returned).unwrap_or(0);
            return Ok(GeneratorState::Complete(value + 1));
        }
        let sub = match self.below {
            0 => BoxFrame::new(CountFrame(Count::new(self.n))),
            below => BoxFrame::new(LevelFrame {
                below: below - 1,
                n: self.n,
                started: false,
            }),
        };
        Ok(GeneratorState::Yielded(Suspend::YieldFrom(sub)))
    }
}

impl Frame for CountFrame {
    type Yield = u64;
    type Return = u64;
    type Error = Infallible;
    type Sub = Boxed;

    fn resume(&mut self, input: Resume<Received<(), u64>>) -> Outcome<Suspend<u64, Boxed>, u64> {
        input.sent()?;
        Ok(match self.0.step() {
            Some(value) => GeneratorState::Yielded(Suspend::Yield(value)),
            None => GeneratorState::Complete(self.0.n),
        })
    }
}

fn trampolined_boxed(depth: u32, n: u64) -> u64 {
    let root = match depth {
        0 => BoxFrame::new(CountFrame(Count::new(n))),
        depth => BoxFrame::new(LevelFrame {
            below: depth - 1,
            n,
            started: false,
        }),
    };
    drain_items(black_box(trampoline(root)), n)
}

/// The three ways of delegating `depth` deep, compared at that depth.
fn dynamic_group(name: &'static str, cases: [Case; 3]) -> Group {
    Group {
        name,
        cases: cases.into(),
    }
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
                Case {
                    name: "YieldFrom x100",
                    run: yield_from_100,
                },
                Case {
                    name: "hand-written delegators x100",
                    run: levels_100,
                },
            ],
        },
        Group {
            name: "then",
            cases: vec![
                Case {
                    name: "stage enum by hand, 2 stages of n/2",
                    run: stages_by_hand,
                },
                Case {
                    name: "then, 2 stages of n/2",
                    run: stages_with_then,
                },
            ],
        },
        Group {
            name: "then-short",
            cases: vec![
                Case {
                    name: "stage enum by hand, 4 stages of 1",
                    run: short_stages_by_hand,
                },
                Case {
                    name: "then x3, 4 stages of 1",
                    run: short_stages_with_then,
                },
            ],
        },
        dynamic_group(
            "dynamic-1",
            [
                Case {
                    name: "nested Box<dyn Generator> x1",
                    run: |n| nested_dyn(1, n),
                },
                Case {
                    name: "trampolined x1",
                    run: |n| trampolined(1, n),
                },
                Case {
                    name: "trampolined BoxFrame x1",
                    run: |n| trampolined_boxed(1, n),
                },
            ],
        ),
        dynamic_group(
            "dynamic-10",
            [
                Case {
                    name: "nested Box<dyn Generator> x10",
                    run: |n| nested_dyn(10, n),
                },
                Case {
                    name: "trampolined x10",
                    run: |n| trampolined(10, n),
                },
                Case {
                    name: "trampolined BoxFrame x10",
                    run: |n| trampolined_boxed(10, n),
                },
            ],
        ),
        dynamic_group(
            "dynamic-100",
            [
                Case {
                    name: "nested Box<dyn Generator> x100",
                    run: |n| nested_dyn(100, n),
                },
                Case {
                    name: "trampolined x100",
                    run: |n| trampolined(100, n),
                },
                Case {
                    name: "trampolined BoxFrame x100",
                    run: |n| trampolined_boxed(100, n),
                },
            ],
        ),
        dynamic_group(
            "dynamic-1000",
            [
                Case {
                    name: "nested Box<dyn Generator> x1000",
                    run: |n| nested_dyn(1000, n),
                },
                Case {
                    name: "trampolined x1000",
                    run: |n| trampolined(1000, n),
                },
                Case {
                    name: "trampolined BoxFrame x1000",
                    run: |n| trampolined_boxed(1000, n),
                },
            ],
        ),
        Group {
            name: "trampoline-depth",
            cases: vec![
                Case {
                    name: "trampolined, depth 1",
                    run: |n| trampolined(1, n),
                },
                Case {
                    name: "trampolined, depth 10",
                    run: |n| trampolined(10, n),
                },
                Case {
                    name: "trampolined, depth 100",
                    run: |n| trampolined(100, n),
                },
                Case {
                    name: "trampolined, depth 1000",
                    run: |n| trampolined(1000, n),
                },
                Case {
                    name: "trampolined BoxFrame, depth 1",
                    run: |n| trampolined_boxed(1, n),
                },
                Case {
                    name: "trampolined BoxFrame, depth 1000",
                    run: |n| trampolined_boxed(1000, n),
                },
            ],
        },
    ]);
}
