//! Misuse has one clear outcome: a panic whose message says what to do,
//! reported at the caller's line (`#[track_caller]`).

use std::cell::RefCell;
use std::panic::{self, Location};
use std::sync::Once;

use resumable::generator::{from_fn, once, prime};
use resumable::{Generator, GeneratorState, Outcome, Resume};

use crate::support::{Log, Probe};

thread_local! {
    static PANIC_AT: RefCell<Option<(String, u32)>> = const { RefCell::new(None) };
}

/// Runs `f`, which must panic, and returns the file and line the panic was
/// reported at.
fn panic_line(f: impl FnOnce() + panic::UnwindSafe) -> (String, u32) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let at = info.location().map(|l| (l.file().to_owned(), l.line()));
            PANIC_AT.with(|slot| *slot.borrow_mut() = at);
            default(info);
        }));
    });
    assert!(panic::catch_unwind(f).is_err(), "expected a panic");
    PANIC_AT
        .with(|slot| slot.borrow_mut().take())
        .expect("a panic location")
}

/// The file a panic in `f` was reported in.
fn panic_location(f: impl FnOnce() + panic::UnwindSafe) -> String {
    panic_line(f).0
}

fn this_file() -> &'static str {
    Location::caller().file()
}

#[test]
#[should_panic(expected = "generator resumed after completion")]
fn resume_after_completion_helpful_message() {
    let mut gen = once(1).tracked();
    let _ = gen.next();
    let _ = gen.next();
    let _ = gen.next();
}

#[test]
fn resume_after_completion_reports_the_callers_line() {
    let file = panic_location(|| {
        let mut gen = once(1).tracked();
        let _ = (gen.next(), gen.next());
        let _ = gen.next();
    });
    assert_eq!(file, this_file());
}

#[test]
#[should_panic(expected = "can't send a value to a just-started generator")]
fn send_to_created_helpful_message() {
    let log = Log::default();
    let _ = Probe::new(&log, 1).tracked().send(5);
}

#[test]
fn send_to_created_reports_the_callers_line() {
    let file = panic_location(|| {
        let log = Log::default();
        let _ = Probe::new(&log, 1).tracked().send(5);
    });
    assert_eq!(file, this_file());
}

/// A state machine with a bug: its `resume` panics on its own line.
struct Buggy;

static BUG_LINE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl Generator for Buggy {
    type Yield = ();
    type Return = ();
    type Error = std::convert::Infallible;

    #[rustfmt::skip]
    fn resume(&mut self, _: Resume) -> Outcome<()> {
        BUG_LINE.store(line!(), std::sync::atomic::Ordering::SeqCst); panic!("bug in the machine")
    }
}

#[test]
fn panic_inside_a_users_own_resume_points_at_the_users_line() {
    // The trait's `resume` is not `#[track_caller]`, so a bug in a state
    // machine is reported where it is, not where the machine was resumed.
    let (file, line) = panic_line(|| {
        let _ = Buggy.next();
    });
    let bug_line = BUG_LINE.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!((file.as_str(), line), (this_file(), bug_line));
}

fn returns_at_once() -> impl Generator<Yield = (), Return = u8, Error = std::convert::Infallible> {
    from_fn(|input: Resume| -> Outcome<(), u8> {
        input.sent()?;
        Ok(GeneratorState::Complete(7))
    })
}

#[test]
#[should_panic(expected = "prime: the coroutine returned before its first `yield`")]
fn priming_a_coroutine_that_never_yields_helpful_message() {
    let _ = prime(returns_at_once());
}

#[test]
fn priming_failure_reports_the_callers_line() {
    let file = panic_location(|| {
        let _ = prime(returns_at_once());
    });
    assert_eq!(file, this_file());
}

#[test]
fn misuse_through_adapters_reports_the_callers_line() {
    let file = panic_location(|| {
        let mut gen = resumable::generator::yield_from(once(1).tracked())
            .map_yield(|x| x + 1)
            .map_return(|()| 0);
        let _ = (gen.next(), gen.next());
        let _ = gen.next();
    });
    assert_eq!(file, this_file());
}

#[test]
#[should_panic(expected = "no running event loop: get_running_loop runs in a task")]
fn get_running_loop_outside_a_loop_helpful_message() {
    let _ = resumable::scheduler::get_running_loop();
}

#[test]
fn spawn_outside_a_loop_reports_the_callers_line() {
    let file = panic_location(|| {
        let task = resumable::scheduler::spawn(resumable::scheduler::yield_now());
        task.detach();
    });
    assert_eq!(file, this_file());
}
