//! asyncio's `__repr__` of a primitive, shared by the four that print one.

use core::fmt;

use crate::scheduler::Blocker;

/// Writes `<Lock-1 [locked, waiters:2]>`: the primitive's name, its state
/// (written by `state`), and how many wait, said only when some do
/// (`_LoopBoundMixin`'s `__repr__` in `locks.py`).
pub(super) fn write_repr(
    f: &mut fmt::Formatter<'_>,
    blocker: Blocker,
    waiters: usize,
    state: impl FnOnce(&mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    write!(f, "<{blocker} [")?;
    state(f)?;
    if waiters > 0 {
        write!(f, ", waiters:{waiters}")?;
    }
    f.write_str("]>")
}
