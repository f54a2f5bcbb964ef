//! How the seeds show a step: the few lines of Python's printing that every
//! program would otherwise repeat.
//!
//! The seeds run their programs as scripts or at the REPL, so a step either
//! prints what it yielded (`print(next(itr))`) or is a bare statement
//! (`c.send(1)`) whose yielded value is dropped. Either way, a generator that
//! ended shows up as the exception Python raises, named as its traceback's
//! last line names it.

use std::fmt::{Debug, Display};

use resumable::{
    CloseError, Exception,
    GeneratorState::{Complete, Yielded},
    Outcome,
};

use crate::console::say;

/// `print(next(gen))`: the yielded value, or how the generator ended.
pub(crate) fn show<Y: Display, R, E: Debug>(step: Outcome<Y, R, E>) {
    match step {
        Ok(Yielded(value)) => say!("{value}"),
        ended => discard(ended),
    }
}

/// `print(next(itr))` for a Rust [`Iterator`], whose `None` is Python's
/// `StopIteration`.
pub(crate) fn show_item<T: Display>(item: Option<T>) {
    match item {
        Some(value) => say!("{value}"),
        None => say!("StopIteration"),
    }
}

/// A step written as a statement (`next(c)`, `c.send(1)`): the yielded value
/// is dropped, as Python drops it.
///
/// With `E = Infallible` the `Raised` arm cannot happen; keeping one helper
/// for every error type spares each program that argument.
pub(crate) fn discard<Y, R, E: Debug>(step: Outcome<Y, R, E>) {
    match step {
        Ok(Yielded(_)) => {}
        // The seeds print a bare `StopIteration`: the return value, its
        // `.value`, is only shown where a program asks for it.
        Ok(Complete(_)) => say!("StopIteration"),
        Err(Exception::Raised(error)) => say!("{error:?}"),
        Err(Exception::GeneratorExit) => say!("GeneratorExit"),
    }
}

/// `gen.close()` as a statement: silent when the generator finishes, as
/// Python's `close()` is.
pub(crate) fn discard_close<Y, R, E: Debug>(closing: Result<Option<R>, CloseError<Y, E>>) {
    match closing {
        Ok(_) => {}
        Err(CloseError::IgnoredExit(_)) => {
            say!("RuntimeError: generator ignored GeneratorExit");
        }
        Err(CloseError::Raised(error)) => say!("{error:?}"),
    }
}

/// How Python prints a `bool`.
pub(crate) fn repr_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// A value hashed as CPython 3.11 hashes it: small non-negative ints, and
/// tuples of them.
pub(crate) trait PyHash {
    /// `hash(x)`, as the set's table uses it (an unsigned `Py_uhash_t`).
    fn py_hash(&self) -> u64;
}

impl PyHash for u32 {
    fn py_hash(&self) -> u64 {
        u64::from(*self)
    }
}

impl<A: PyHash, B: PyHash> PyHash for (A, B) {
    /// `tuplehash`: xxHash's round over the items' hashes.
    fn py_hash(&self) -> u64 {
        const PRIME_1: u64 = 11_400_714_785_074_694_791;
        const PRIME_2: u64 = 14_029_467_366_897_019_727;
        const PRIME_5: u64 = 2_870_177_450_012_600_261;
        let mut acc = PRIME_5;
        for lane in [self.0.py_hash(), self.1.py_hash()] {
            acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
            acc = acc.rotate_left(31).wrapping_mul(PRIME_1);
        }
        acc.wrapping_add(2 ^ (PRIME_5 ^ 3_527_539))
    }
}

/// Python's `set`, built as CPython 3.11 builds it, so that printing it
/// gives CPython's order: `{(2, 4), (1, 2), (0, 0)}`.
///
/// A set's order is that of its hash table: each item goes to the slot its
/// hash picks (probing onwards when it is taken), the table grows to four
/// times the items when it is three-fifths full, and iterating walks the
/// slots. This is that table (`set_add_entry`, `set_table_resize`), for
/// the tour's set comprehension; the crate's `collect` fills it as it
/// fills a `HashSet`. Its `Debug` is Python's `repr`.
pub(crate) struct PySet<T> {
    table: Vec<Option<(u64, T)>>,
    used: usize,
}

impl<T> Default for PySet<T> {
    /// `set()`: a table of eight slots.
    fn default() -> Self {
        PySet {
            table: (0..8).map(|_| None).collect(),
            used: 0,
        }
    }
}

impl<T: PyHash + PartialEq> Extend<T> for PySet<T> {
    /// `s.add(item)` for each item, in order.
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            let hash = item.py_hash();
            if self
                .table
                .iter()
                .flatten()
                .any(|(h, x)| *h == hash && *x == item)
            {
                continue;
            }
            self.insert(hash, item);
            self.used += 1;
            if self.used * 5 >= (self.table.len() - 1) * 3 {
                self.grow();
            }
        }
    }
}

impl<T> PySet<T> {
    /// The probe sequence: the slot the hash picks, the next nine if the
    /// table has them, then a jump that mixes in the hash's higher bits.
    fn insert(&mut self, hash: u64, item: T) {
        let mask = self.table.len() - 1;
        let (mut i, mut perturb) = (hash as usize & mask, hash);
        loop {
            let probes = if i + 9 <= mask { 9 } else { 0 };
            if let Some(slot) = (i..=i + probes).find(|&j| self.table[j].is_none()) {
                self.table[slot] = Some((hash, item));
                return;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set_table_resize(so, used * 4)`: a new table, the items moved over
    /// in the old table's order.
    fn grow(&mut self) {
        let mut size = 8;
        while size <= self.used * 4 {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, (0..size).map(|_| None).collect());
        for (hash, item) in old.into_iter().flatten() {
            self.insert(hash, item);
        }
    }
}

impl<T: Debug> Debug for PySet<T> {
    /// `repr(s)`: `{1, 2}`, or `set()` when empty.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.used == 0 {
            return f.write_str("set()");
        }
        let items: Vec<String> = self
            .table
            .iter()
            .flatten()
            .map(|(_, x)| format!("{x:?}"))
            .collect();
        write!(f, "{{{}}}", items.join(", "))
    }
}
