use alloc::collections::VecDeque;
use core::fmt;

use super::ManualClock;
use crate::generator::{Generator, GeneratorState};

/// The lecture's hand-written event loop: a queue of generators, each
/// resumed in turn with `next`, dropped from the queue when it returns.
///
/// It is what [`Runtime`](crate::scheduler::Runtime) grows out of: no
/// timers (a sleeping generator busy-waits with [`busy_sleep`](fn@crate::scheduler::busy_sleep)),
/// no waiting on each other, no results.
///
/// ```python
/// queue = [counter(), printer()]
/// for _ in range(100):
///     g = queue.pop(0)
///     next(g)
///     queue.append(g)
/// ```
///
/// ```
/// use resumable::generator::from_iter;
/// use resumable::scheduler::RoundRobin;
///
/// let mut seen = Vec::new();
/// let mut queue = RoundRobin::new();
/// queue.push(from_iter(vec![1, 3, 5]));
/// queue.push(from_iter(vec![2, 4]));
/// while let Some(Ok(value)) = queue.step() {
///     seen.extend(value);
/// }
/// assert_eq!(seen, [1, 2, 3, 4, 5]);
/// assert!(queue.is_empty());
/// ```
pub struct RoundRobin<G> {
    queue: VecDeque<G>,
    clock: Option<ManualClock>,
}

impl<G> Default for RoundRobin<G> {
    fn default() -> Self {
        RoundRobin {
            queue: VecDeque::new(),
            clock: None,
        }
    }
}

impl<G: Generator> RoundRobin<G> {
    /// An empty queue.
    pub fn new() -> Self {
        RoundRobin::default()
    }

    /// An empty queue that ticks `clock` after every step (see
    /// [`ManualClock::stepped`]).
    pub fn with_clock(clock: &ManualClock) -> Self {
        RoundRobin {
            queue: VecDeque::new(),
            clock: Some(clock.clone()),
        }
    }

    /// Appends a generator: `queue.append(g)`.
    pub fn push(&mut self, generator: G) {
        self.queue.push_back(generator);
    }

    /// Resumes the first generator once and puts it at the back, unless it
    /// returned. Gives what it yielded (`None` if it returned), or its
    /// error, in which case it is dropped too. `None` when the queue is
    /// empty.
    pub fn step(&mut self) -> Option<Result<Option<G::Yield>, G::Error>> {
        let mut generator = self.queue.pop_front()?;
        let outcome = generator.next();
        if let Some(clock) = &self.clock {
            clock.tick();
        }
        Some(match outcome {
            Ok(GeneratorState::Yielded(value)) => {
                self.queue.push_back(generator);
                Ok(Some(value))
            }
            Ok(GeneratorState::Complete(_)) => Ok(None),
            Err(crate::Exception::Raised(error)) => Err(error),
            Err(crate::Exception::GeneratorExit) => Ok(None),
        })
    }

    /// Steps until every generator has returned: the seed's
    /// `run_generators`. Stops at the first error, returning it.
    ///
    /// # Errors
    ///
    /// The first error a generator raised.
    pub fn run(&mut self) -> Result<(), G::Error> {
        while let Some(outcome) = self.step() {
            outcome?;
        }
        Ok(())
    }

    /// How many generators are in the queue.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// `true` when every generator has returned.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

impl<G> fmt::Debug for RoundRobin<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RoundRobin")
            .field("generators", &self.queue.len())
            .field("clock", &self.clock)
            .finish()
    }
}
