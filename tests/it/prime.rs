//! The `@coroutine` decorator: run to the first `yield`, hand back ready for `send`.

use resumable::generator::prime;
use resumable::{Generator, Lifecycle};

use crate::support::{Log, Probe};

#[test]
fn primed_coroutine_has_run_to_its_first_yield() {
    let log = Log::default();
    let probe = Probe::new(&log, 3);
    let coroutine = prime(resumable::generator::yield_from(probe).map_yield(|_| ()));
    assert_eq!(coroutine.state(), Lifecycle::Suspended);
    assert_eq!(log.take(), ["start"]);
}

#[test]
fn primed_coroutine_accepts_send_at_once() {
    let log = Log::default();
    let mut coroutine = prime(Probe::new(&log, 3).map_yield(|_| ()));
    assert_yielded!(coroutine.send(42), ());
    assert_eq!(log.take(), ["start", "got 42"]);
}
