use alloc::rc::Rc;
use core::cell::Cell;
use core::fmt;
use core::time::Duration;
use std::time::Instant;

use crate::generator::{Generator, GeneratorState, Outcome, Resume};

/// The clock of the lecture's hand-written loop: either the wall clock
/// (`time.time()`, as in the seed) or a stepped one that moves by a fixed
/// tick each time the [`RoundRobin`](crate::scheduler::RoundRobin) resumes a
/// generator, so the same program runs instantly and the same way every
/// time.
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::ManualClock;
///
/// let clock = ManualClock::stepped(Duration::from_millis(500));
/// assert_eq!(clock.now(), Duration::ZERO);
/// clock.tick();
/// clock.tick();
/// assert_eq!(clock.now(), Duration::from_secs(1));
/// ```
#[derive(Clone)]
pub struct ManualClock {
    kind: Rc<Kind>,
}

enum Kind {
    Real(Instant),
    Stepped { now: Cell<Duration>, tick: Duration },
}

impl ManualClock {
    /// The wall clock, started now.
    pub fn real() -> Self {
        ManualClock {
            kind: Rc::new(Kind::Real(Instant::now())),
        }
    }

    /// A clock that stands still except when [`tick`](ManualClock::tick)
    /// moves it by `tick`.
    pub fn stepped(tick: Duration) -> Self {
        ManualClock {
            kind: Rc::new(Kind::Stepped {
                now: Cell::new(Duration::ZERO),
                tick,
            }),
        }
    }

    /// Time since the clock was made.
    pub fn now(&self) -> Duration {
        match &*self.kind {
            Kind::Real(started) => started.elapsed(),
            Kind::Stepped { now, .. } => now.get(),
        }
    }

    /// Moves a stepped clock by one tick; the wall clock moves by itself.
    pub fn tick(&self) {
        if let Kind::Stepped { now, tick } = &*self.kind {
            now.set(now.get() + *tick);
        }
    }
}

impl fmt::Debug for ManualClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &*self.kind {
            Kind::Real(_) => "real",
            Kind::Stepped { .. } => "stepped",
        };
        f.debug_struct("ManualClock")
            .field("kind", &kind)
            .field("now", &self.now())
            .finish()
    }
}

/// The seed's `sleep_generator(seconds)`: yields until `duration` has
/// passed on `clock`. It busy-waits (every resume reads the clock), which
/// is what the hand-written loop can do before it has timers.
///
/// ```python
/// def sleep_generator(seconds):
///     start_time = time.time()
///     while time.time() - start_time < seconds:
///         yield
/// ```
///
/// ```
/// use core::time::Duration;
/// use resumable::scheduler::{busy_sleep, ManualClock};
/// use resumable::Generator as _;
///
/// let clock = ManualClock::stepped(Duration::from_secs(1));
/// let mut nap = busy_sleep(&clock, Duration::from_secs(2));
/// assert!(nap.next().unwrap().is_yielded()); // 0 s: not yet
/// clock.tick();
/// assert!(nap.next().unwrap().is_yielded()); // 1 s: not yet
/// clock.tick();
/// assert!(nap.next().unwrap().is_complete()); // 2 s: done
/// ```
pub fn busy_sleep(clock: &ManualClock, duration: Duration) -> BusySleep {
    BusySleep {
        clock: clock.clone(),
        duration,
        started: None,
    }
}

/// The generator of [`busy_sleep`].
#[derive(Debug)]
#[must_use = "a generator does nothing until it is resumed"]
pub struct BusySleep {
    clock: ManualClock,
    duration: Duration,
    started: Option<Duration>,
}

impl Generator for BusySleep {
    type Yield = ();
    type Return = ();
    type Error = core::convert::Infallible;

    fn resume(&mut self, input: Resume<(), Self::Error>) -> Outcome<(), (), Self::Error> {
        input.sent()?;
        let now = self.clock.now();
        let started = *self.started.get_or_insert(now);
        Ok(if now - started < self.duration {
            GeneratorState::Yielded(())
        } else {
            GeneratorState::Complete(())
        })
    }
}
