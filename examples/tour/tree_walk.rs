//! A recursive generator: the in-order walk of a binary tree, on a
//! trampoline, so that an item costs the same at any depth.
//!
//! ```python
//! class Node:
//!     def __init__(self, value, left=None, right=None):
//!         self.value, self.left, self.right = value, left, right
//!
//! def inorder(node):
//!     if node is None:
//!         return
//!     yield from inorder(node.left)
//!     yield node.value
//!     yield from inorder(node.right)
//!
//! def depth(gen):  # how many generators deep the walk is
//!     n = 1
//!     while gen.gi_yieldfrom is not None:
//!         gen = gen.gi_yieldfrom
//!         n += 1
//!     return n
//!
//! tree = Node(4, Node(2, Node(1), Node(3)), Node(6, Node(5), Node(7)))
//! print(list(inorder(tree)))
//! walk = inorder(tree)
//! for value in walk:
//!     print(value, depth(walk))
//!
//! spine = None
//! for value in range(2000, 0, -1):
//!     spine = Node(value, left=spine)
//! print(sum(inorder(spine)))
//! ```
//!
//! CPython 3.11 prints:
//!
//! ```text
//! [1, 2, 3, 4, 5, 6, 7]
//! 1 3
//! 2 2
//! 3 3
//! 4 1
//! 5 3
//! 6 2
//! 7 3
//! RecursionError: maximum recursion depth exceeded
//! ```
//!
//! Each value passes through every `yield from` above it: in CPython every
//! level is a nested call, so a value 2 000 levels down costs 2 000 resumes
//! and exceeds the default recursion limit (1 000). Here each `inorder`
//! call is a [`Frame`]; a frame that delegates hands its sub to the
//! trampoline instead of running it, and the trampoline resumes only the
//! innermost frame. The stack of frames lives on the heap, so the spine
//! walks to the end, and `Trampoline::depth` is the `depth(walk)` above.
//! The tour prints the sum where Python raises, and says so on a `#` line.

use core::convert::Infallible;

use resumable::generator::{trampoline, Frame, Received, Suspend};
use resumable::{
    Generator,
    GeneratorState::{Complete, Yielded},
    Outcome, Resume,
};

use crate::console::say;

/// `Node(value, left, right)`.
struct Node {
    value: u32,
    left: Option<Box<Node>>,
    right: Option<Box<Node>>,
}

fn node(value: u32, left: Option<Box<Node>>, right: Option<Box<Node>>) -> Option<Box<Node>> {
    Some(Box::new(Node { value, left, right }))
}

fn leaf(value: u32) -> Option<Box<Node>> {
    node(value, None, None)
}

/// Where `inorder(node)` is paused.
enum InOrder<'t> {
    Created(Option<&'t Node>),
    InLeft(&'t Node),
    AtValue(&'t Node),
    InRight,
}

fn inorder(node: Option<&Node>) -> InOrder<'_> {
    InOrder::Created(node)
}

impl Frame for InOrder<'_> {
    type Yield = u32;
    type Return = ();
    type Error = Infallible;
    type Sub = Self;

    fn resume(&mut self, input: Resume<Received<(), ()>>) -> Outcome<Suspend<u32, Self>> {
        input.sent()?;
        let (next, suspend) = match *self {
            InOrder::Created(None) => return Ok(Complete(())), // if node is None: return
            InOrder::Created(Some(node)) => (
                InOrder::InLeft(node),
                Suspend::YieldFrom(inorder(node.left.as_deref())),
            ),
            InOrder::InLeft(node) => (InOrder::AtValue(node), Suspend::Yield(node.value)),
            InOrder::AtValue(node) => (
                InOrder::InRight,
                Suspend::YieldFrom(inorder(node.right.as_deref())),
            ),
            InOrder::InRight => return Ok(Complete(())),
        };
        *self = next;
        Ok(Yielded(suspend))
    }
}

pub(crate) fn run() {
    let tree = node(4, node(2, leaf(1), leaf(3)), node(6, leaf(5), leaf(7)));
    let values: Vec<u32> = trampoline(inorder(tree.as_deref())).iter().collect();
    say!("{values:?}");

    let mut walk = trampoline(inorder(tree.as_deref()));
    while let Ok(Yielded(value)) = walk.next() {
        say!("{value} {}", walk.depth());
    }

    let mut spine = None;
    for value in (1..=2000).rev() {
        spine = node(value, spine, None);
    }
    let total: u32 = trampoline(inorder(spine.as_deref())).iter().sum();
    say!("{total}");
    say!("# CPython: RecursionError: maximum recursion depth exceeded");
}
