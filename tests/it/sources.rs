//! The sources: `from_fn`, `from_iter`, `once`, `empty`.

use resumable::generator::{empty, from_fn, from_iter, once};
use resumable::{Exception, Generator, GeneratorState, Lifecycle, Outcome, Resume};

use crate::support::Boom;

#[test]
fn from_iter_yields_each_item_then_returns() {
    let mut gen = from_iter(vec!["a", "b"]);
    assert_yielded!(gen.next(), "a");
    assert_yielded!(gen.next(), "b");
    assert_complete!(gen.next(), ());
}

#[test]
fn from_iter_keeps_returning_after_the_end_like_stop_iteration() {
    let mut gen = from_iter(std::iter::empty::<u8>());
    assert_complete!(gen.next(), ());
    assert_complete!(gen.next(), ());
}

#[test]
fn from_iter_close_finishes_it_and_leaves_the_rest_unread() {
    let mut gen = from_iter(1..).tracked();
    assert_yielded!(gen.next(), 1);
    assert_eq!(gen.close(), Ok(None));
    assert_eq!(gen.state(), Lifecycle::Closed);
}

#[test]
fn once_yields_its_value_once() {
    let mut gen = once(String::from("only"));
    assert_yielded!(gen.next(), String::from("only"));
    assert_complete!(gen.next(), ());
}

#[test]
fn once_closed_before_starting_drops_its_value_unseen() {
    let mut gen = once(1);
    assert_exited!(gen.resume(Resume::Close));
    assert_complete!(gen.next(), ());
}

#[test]
fn empty_returns_at_once() {
    assert_complete!(empty::<u8>().next(), ());
}

#[test]
fn from_fn_closure_sees_every_kind_of_input() {
    let mut seen = Vec::new();
    let mut gen = from_fn(|input: Resume<u8, Boom>| -> Outcome<(), (), Boom> {
        seen.push(format!("{input:?}"));
        match input {
            Resume::Close => Err(Exception::GeneratorExit),
            _ => Ok(GeneratorState::Yielded(())),
        }
    });
    let _ = (gen.next(), gen.send(1), gen.throw(Boom(2)), gen.close());
    drop(gen);
    assert_eq!(seen, ["Next", "Send(1)", "Throw(Boom(2))", "Close"]);
}
