//! Delegation in O(1) per item, however deep: a stack of frames where only
//! the innermost runs (Beazley's trampoline, from his pyos).

mod box_frame;
mod frame;

use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

pub use self::box_frame::BoxFrame;
pub use self::frame::{Frame, Received, Suspend};
use crate::generator::{Exception, Generator, GeneratorState, Outcome, Resume};

/// Runs `root` as a generator whose `yield from`s cost the same at any
/// depth: a recursive generator, trampolined.
///
/// With [`yield_from!`](crate::yield_from!), a generator nested `d` deep is
/// resumed through all `d` levels for every item, as in CPython (which
/// spends about 26 ns per level and item). A trampoline keeps the frames
/// on a stack instead: a [`Frame`] that wants to delegate suspends with
/// [`Suspend::YieldFrom(sub)`](Suspend::YieldFrom), the trampoline pushes
/// `sub`, and from then on resumes only the innermost frame. When that frame
/// finishes, it is popped, and what it returned (or raised) is delivered
/// to the frame below as the value (or exception) of its `yield from`.
/// The rules are PEP 380's, exactly as [`delegate`](fn@crate::generator::delegate)
/// applies them, so the trampoline gives the same results as the same
/// frames nested with `yield_from!`:
///
/// - `next` and `send` go to the innermost frame.
/// - A throw goes to the innermost frame; if it is not caught there, it is
///   raised in the frame below, at its `yield from`, and so on outwards.
/// - A close closes the innermost frame first; the frame below then sees
///   `GeneratorExit` (even if the inner one returned a value while closing),
///   or the error the inner one raised while closing.
/// - A frame that yields while being closed ignores `GeneratorExit`: the
///   value comes out, [`close`](Generator::close) reports
///   [`CloseError::IgnoredExit`](crate::CloseError::IgnoredExit), and every
///   frame stays where it was, as with `delegate` (see `docs/design.md` for
///   this one deviation from CPython).
///
/// The stack lives on the heap, so a recursion a million frames deep runs
/// without overflowing the thread's stack, which nested generators would.
///
/// # After completion
///
/// Once the root frame has finished, the stack is empty and the trampoline
/// behaves as a finished [`Tracked`](crate::Tracked) does: `next` and `send`
/// panic ("generator resumed after completion"), a throw comes straight
/// back, a close does nothing. Before that, it trusts its caller like any
/// state machine: wrap it in [`Tracked`](crate::Tracked) for Python's
/// checks on a generator that has not started.
///
/// # Dropping
///
/// Dropping a suspended trampoline drops its frames and runs none of their
/// code, like any generator here. [`close_on_drop`](Generator::close_on_drop)
/// gives Python's behaviour: the frames are closed, innermost first.
///
/// # Examples
///
/// The in-order walk of a binary tree, the recursive generator of the
/// textbooks:
///
/// ```python
/// def inorder(node):
///     if node is None:
///         return
///     yield from inorder(node.left)
///     yield node.value
///     yield from inorder(node.right)
/// ```
///
/// ```
/// use core::convert::Infallible;
/// use resumable::generator::{trampoline, Frame, Received, Suspend};
/// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
///
/// struct Tree { left: Option<Box<Tree>>, value: i32, right: Option<Box<Tree>> }
///
/// /// `inorder(node)`: where the walk of one node is.
/// struct InOrder<'t> { node: Option<&'t Tree>, step: u8 }
///
/// fn inorder(node: Option<&Tree>) -> InOrder<'_> {
///     InOrder { node, step: 0 }
/// }
///
/// impl<'t> Frame for InOrder<'t> {
///     type Yield = i32;
///     type Return = ();
///     type Error = Infallible;
///     type Sub = Self;
///
///     fn resume(&mut self, input: Resume<Received<(), ()>>) -> Outcome<Suspend<i32, Self>> {
///         input.sent()?;
///         let Some(node) = self.node else { return Ok(Complete(())) };
///         self.step += 1;
///         Ok(Yielded(match self.step {
///             1 => Suspend::YieldFrom(inorder(node.left.as_deref())),
///             2 => Suspend::Yield(node.value),
///             3 => Suspend::YieldFrom(inorder(node.right.as_deref())),
///             _ => return Ok(Complete(())),
///         }))
///     }
/// }
///
/// let leaf = |value| Some(Box::new(Tree { left: None, value, right: None }));
/// let tree = Tree { left: leaf(1), value: 2, right: Some(Box::new(Tree { left: leaf(3), value: 4, right: None })) };
///
/// let values: Vec<i32> = trampoline(inorder(Some(&tree))).iter().collect();
/// assert_eq!(values, [1, 2, 3, 4]); // list(inorder(tree))
/// ```
pub fn trampoline<S, F: Frame<S, Sub = F>>(root: F) -> Trampoline<F> {
    Trampoline { stack: vec![root] }
}

/// Generator for the [`trampoline()`] function.
///
/// This `struct` is created by [`trampoline()`]. See its documentation for more.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Trampoline<F> {
    /// The root frame first, the innermost (the only one resumed) last.
    stack: Vec<F>,
}

impl<F> Trampoline<F> {
    /// How many frames are on the stack: 1 while the root frame runs
    /// itself, one more for each `yield from` in progress, 0 once finished.
    /// In Python, the length of the `gi_yieldfrom` chain, plus one.
    ///
    /// ```
    /// use resumable::generator::{trampoline, Frame, Received, Suspend};
    /// use resumable::{Generator, GeneratorState::{Complete, Yielded}, Outcome, Resume};
    ///
    /// /// def nest(n):
    /// ///     if n:
    /// ///         yield from nest(n - 1)
    /// ///     else:
    /// ///         yield 'bottom'
    /// struct Nest(u32, bool);
    ///
    /// impl Frame for Nest {
    ///     type Yield = &'static str;
    ///     type Return = ();
    ///     type Error = core::convert::Infallible;
    ///     type Sub = Self;
    ///
    ///     fn resume(&mut self, input: Resume<Received<(), ()>>) -> Outcome<Suspend<&'static str, Self>> {
    ///         input.sent()?;
    ///         let started = core::mem::replace(&mut self.1, true);
    ///         Ok(match (started, self.0) {
    ///             (true, _) => Complete(()),
    ///             (false, 0) => Yielded(Suspend::Yield("bottom")),
    ///             (false, n) => Yielded(Suspend::YieldFrom(Nest(n - 1, false))),
    ///         })
    ///     }
    /// }
    ///
    /// let mut gen = trampoline(Nest(2, false));
    /// assert_eq!(gen.depth(), 1);
    /// assert_eq!(gen.next(), Ok(Yielded("bottom")));
    /// assert_eq!(gen.depth(), 3);
    /// assert_eq!(gen.next(), Ok(Complete(())));
    /// assert_eq!(gen.depth(), 0);
    /// ```
    pub fn depth(&self) -> usize {
        self.stack.len()
    }
}

impl<S, F: Frame<S, Sub = F>> Generator<S> for Trampoline<F> {
    type Yield = F::Yield;
    type Return = F::Return;
    type Error = F::Error;

    /// The hot path, an item: the innermost frame yields a value. It is
    /// kept this small so that it inlines into the caller's loop.
    #[inline]
    #[track_caller]
    fn resume(&mut self, input: Resume<S, F::Error>) -> Outcome<F::Yield, F::Return, F::Error> {
        let closing = input.is_close();
        let Some(innermost) = self.stack.last_mut() else {
            return after_completion(input);
        };
        match innermost.resume(received(input)) {
            Ok(GeneratorState::Yielded(Suspend::Yield(value))) => {
                Ok(GeneratorState::Yielded(value))
            }
            step => self.delegate_or_unwind(step, closing),
        }
    }
}

/// The caller's input, as a frame receives it.
#[inline]
fn received<S, R, E>(input: Resume<S, E>) -> Resume<Received<S, R>, E> {
    match input {
        Resume::Next => Resume::Next,
        Resume::Send(value) => Resume::Send(Received::Sent(value)),
        Resume::Throw(error) => Resume::Throw(error),
        Resume::Close => Resume::Close,
    }
}

impl<F> Trampoline<F> {
    /// Carries on after the innermost frame did something other than yield
    /// a value: pushes the sub it yields from, or pops it and resumes its
    /// delegator with what it returned or raised, until a frame yields a
    /// value or the root frame finishes. Out of line, so that the item path
    /// stays small; `closing` says whether the caller's input was a close.
    #[inline(never)]
    fn delegate_or_unwind<S>(
        &mut self,
        mut step: Outcome<Suspend<F::Yield, F>, F::Return, F::Error>,
        closing: bool,
    ) -> Outcome<F::Yield, F::Return, F::Error>
    where
        F: Frame<S, Sub = F>,
    {
        // The frames below this depth got the caller's close, as nested
        // delegators would have passed it down; frames pushed during this
        // call started with `next` instead. `delegate` turns a sub's return
        // while closing into GeneratorExit, so the trampoline must know
        // which frames were closing.
        let mut closing_below = if closing { self.stack.len() } else { 0 };
        loop {
            let input = match step {
                Ok(GeneratorState::Yielded(Suspend::Yield(value))) => {
                    return Ok(GeneratorState::Yielded(value))
                }
                Ok(GeneratorState::Yielded(Suspend::YieldFrom(sub))) => {
                    self.stack.push(sub);
                    Resume::Next // `yield from` starts with next(sub)
                }
                Ok(GeneratorState::Complete(value)) => match self.pop(&mut closing_below) {
                    Popped::Root => return Ok(GeneratorState::Complete(value)),
                    Popped::WasClosing => Resume::Close,
                    Popped::Running => Resume::Send(Received::Returned(value)),
                },
                Err(exception) => match (self.pop(&mut closing_below), exception) {
                    (Popped::Root, exception) => return Err(exception),
                    (_, Exception::Raised(error)) => Resume::Throw(error),
                    (_, Exception::GeneratorExit) => Resume::Close,
                },
            };
            let Some(innermost) = self.stack.last_mut() else {
                unreachable!("a frame was just pushed, or popped from above another")
            };
            step = innermost.resume(input);
        }
    }
}

/// Which frame a finished frame was, to decide what its delegator gets.
enum Popped {
    /// The root frame: its outcome is the trampoline's.
    Root,
    /// A frame the caller's close reached: its delegator sees
    /// `GeneratorExit` even if it returned a value.
    WasClosing,
    /// Any other frame: its delegator gets what it returned.
    Running,
}

impl<F> Trampoline<F> {
    /// Drops the innermost frame, which has finished.
    #[inline]
    fn pop(&mut self, closing_below: &mut usize) -> Popped {
        self.stack.pop();
        let depth = self.stack.len();
        if depth == 0 {
            Popped::Root
        } else if depth < *closing_below {
            *closing_below = depth;
            Popped::WasClosing
        } else {
            Popped::Running
        }
    }
}

/// A finished trampoline, as a finished [`Tracked`](crate::Tracked): a
/// throw comes straight back and a close does nothing (`sent()` hands both
/// back); resuming it is a bug.
#[cold]
#[track_caller]
fn after_completion<S, Y, R, E>(input: Resume<S, E>) -> Outcome<Y, R, E> {
    match input.sent() {
        Err(exception) => Err(exception),
        Ok(_) => panic!(
            "generator resumed after completion: the trampoline's root frame already \
             returned, raised or was closed (Python raises StopIteration here); \
             check `depth() > 0` before resuming"
        ),
    }
}

impl<F> fmt::Debug for Trampoline<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Trampoline")
            .field("depth", &self.stack.len())
            .finish_non_exhaustive()
    }
}
