//! Delegation in O(1) per item, however deep: a stack of frames where only
//! the innermost runs (Beazley's trampoline, from his pyos).

mod box_frame;
mod frame;
mod leaf;

use alloc::vec::Vec;
use core::fmt;

pub use self::box_frame::BoxFrame;
pub use self::frame::{Frame, MapFrameReturn, Received, Suspend};
pub use self::leaf::{leaf, Leaf};
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
/// The root frame is kept apart from the stack of the frames under it, so
/// its return type is its own: the frames under it return what the root's
/// `yield from` receives (see [`Frame`'s return types](Frame#return-types)).
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
pub fn trampoline<S, Root>(root: Root) -> Trampoline<Root, Root::Sub>
where
    Root: Frame<S>,
    Root::Sub: Frame<S, Sub = Root::Sub, Yield = Root::Yield, Error = Root::Error>,
{
    Trampoline {
        root: Some(root),
        stack: Vec::new(),
    }
}

/// Generator for the [`trampoline()`] function.
///
/// This `struct` is created by [`trampoline()`]. See its documentation for more.
///
/// `Root` is the root frame's type, `F` the type of the frames under it
/// (the root's `Sub`); they are the same type for a recursive walk, which
/// is what the default says.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct Trampoline<Root, F = Root> {
    /// The root frame, until it finishes.
    root: Option<Root>,
    /// The frames the root is delegating to: the outermost first, the
    /// innermost (the only one resumed) last.
    stack: Vec<F>,
}

impl<Root, F> Trampoline<Root, F> {
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
        self.stack.len() + usize::from(self.root.is_some())
    }
}

impl<S, Root, F> Generator<S> for Trampoline<Root, F>
where
    Root: Frame<S, Sub = F>,
    F: Frame<S, Sub = F, Yield = Root::Yield, Error = Root::Error>,
{
    type Yield = Root::Yield;
    type Return = Root::Return;
    type Error = Root::Error;

    /// The hot path, an item: the innermost frame yields a value. It is
    /// kept this small so that it inlines into the caller's loop.
    #[inline]
    #[track_caller]
    fn resume(
        &mut self,
        input: Resume<S, Root::Error>,
    ) -> Outcome<Root::Yield, Root::Return, Root::Error> {
        let closing = input.is_close();
        // Each arm answers an item itself: a shared `match` on `Top` after
        // the two calls cost 10 instructions an item (37 against 27).
        let step = if let Some(innermost) = self.stack.last_mut() {
            match innermost.resume(received(input)) {
                Ok(GeneratorState::Yielded(Suspend::Yield(value))) => {
                    return Ok(GeneratorState::Yielded(value))
                }
                step => Top::Sub(step),
            }
        } else if let Some(root) = &mut self.root {
            match root.resume(received(input)) {
                Ok(GeneratorState::Yielded(Suspend::Yield(value))) => {
                    return Ok(GeneratorState::Yielded(value))
                }
                step => Top::Root(step),
            }
        } else {
            return after_completion(input);
        };
        self.delegate_or_unwind(step, closing)
    }
}

/// The outcome of one step of the innermost frame: the root's, whose
/// return value is the trampoline's, or a sub's, whose return value goes to
/// the frame below it.
enum Top<Y, F, RootReturn, SubReturn, E> {
    Root(Outcome<Suspend<Y, F>, RootReturn, E>),
    Sub(Outcome<Suspend<Y, F>, SubReturn, E>),
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

impl<Root, F> Trampoline<Root, F> {
    /// Carries on after the innermost frame did something other than yield
    /// a value: pushes the sub it yields from, or pops it and resumes its
    /// delegator with what it returned or raised, until a frame yields a
    /// value or the root frame finishes. Out of line, so that the item path
    /// stays small; `closing` says whether the caller's input was a close.
    #[inline(never)]
    fn delegate_or_unwind<S>(
        &mut self,
        mut step: Top<Root::Yield, F, Root::Return, F::Return, Root::Error>,
        closing: bool,
    ) -> Outcome<Root::Yield, Root::Return, Root::Error>
    where
        Root: Frame<S, Sub = F>,
        F: Frame<S, Sub = F, Yield = Root::Yield, Error = Root::Error>,
    {
        // The frames below this depth got the caller's close, as nested
        // delegators would have passed it down; frames pushed during this
        // call started with `next` instead. `delegate` turns a sub's return
        // while closing into GeneratorExit, so the trampoline must know
        // which frames were closing.
        let mut closing_below = if closing { self.depth() } else { 0 };
        loop {
            let input = match step {
                Top::Root(Ok(GeneratorState::Yielded(suspend)))
                | Top::Sub(Ok(GeneratorState::Yielded(suspend))) => match suspend {
                    Suspend::Yield(value) => return Ok(GeneratorState::Yielded(value)),
                    Suspend::YieldFrom(sub) => {
                        self.stack.push(sub);
                        Resume::Next // `yield from` starts with next(sub)
                    }
                },
                // The root finished: its outcome is the trampoline's.
                Top::Root(Ok(GeneratorState::Complete(value))) => {
                    self.root = None;
                    return Ok(GeneratorState::Complete(value));
                }
                Top::Root(Err(exception)) => {
                    self.root = None;
                    return Err(exception);
                }
                Top::Sub(Ok(GeneratorState::Complete(value))) => {
                    if self.pop(&mut closing_below) {
                        Resume::Close
                    } else {
                        Resume::Send(Received::Returned(value))
                    }
                }
                Top::Sub(Err(exception)) => {
                    self.pop(&mut closing_below);
                    match exception {
                        Exception::Raised(error) => Resume::Throw(error),
                        Exception::GeneratorExit => Resume::Close,
                    }
                }
            };
            step = if let Some(innermost) = self.stack.last_mut() {
                Top::Sub(innermost.resume(input))
            } else if let Some(root) = &mut self.root {
                Top::Root(root.resume(input))
            } else {
                unreachable!("the root is there while frames are pushed or popped above it")
            };
        }
    }

    /// Drops the innermost frame, which has finished, and says whether the
    /// caller's close had reached it: then its delegator sees
    /// `GeneratorExit` even if it returned a value.
    #[inline]
    fn pop(&mut self, closing_below: &mut usize) -> bool {
        self.stack.pop();
        let depth = self.depth();
        if depth < *closing_below {
            *closing_below = depth;
            true
        } else {
            false
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

impl<Root, F> fmt::Debug for Trampoline<Root, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Trampoline")
            .field("depth", &self.depth())
            .finish_non_exhaustive()
    }
}
