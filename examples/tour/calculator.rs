//! A coroutine: a generator that receives values through `send` and keeps
//! its state (here, a history) between them.
//!
//! ```python
//! def calc():
//!     history = []
//!     while True:
//!         x = yield
//!         if x == 'h':
//!             print(history)
//!             continue
//!         print(x)
//!         history.append(x)
//!
//!
//! c = calc()
//!
//! next(c)  # Необходимая инициация. Можно написать c.send(None)
//! c.send(1)  # Выведет 1
//! c.send(100)  # Выведет 100
//! c.send(666)  # Выведет 666
//! c.send('h')  # Выведет [1, 100, 666]
//! c.close()  # Закрываем генератор, данные сотрутся, генератор необходимо будет создавать заново.
//! ```
//!
//! Пример с передачей более чем одного параметра
//!
//! ```python
//! def calc():
//!     history = []
//!     while True:
//!         x, y = (yield)
//!         if x == 'h':
//!             print(history)
//!             continue
//!         result = x + y
//!         print(result)
//!         history.append(result)
//!
//!
//! c = calc()
//!
//! next(c)  # Необходимая инициация. Можно написать c.send(None)
//! c.send((1, 2))  # Выведет 3
//! c.send((100, 30))  # Выведет 130
//! c.send((666, 0))  # Выведет 666
//! c.send(('h', 0))  # Выведет [3, 130, 666]
//! c.close()  # Закрываем генератор, данные сотрутся, генератор необходимо будет создавать заново.
//! ```
//!
//! The seed's comments say what each form prints:
//!
//! ```text
//! 1
//! 100
//! 666
//! [1, 100, 666]
//! 3
//! 130
//! 666
//! [3, 130, 666]
//! ```
//!
//! The tour adds one `#` line after the first `close()`, with the state
//! `inspect.getgeneratorstate(c)` would report.
//!
//! Python sends either a number or the string `'h'`; Rust says so in a type,
//! [`Entry`]. A `next()` after priming would make Python print and store
//! `None` (form one) or fail to unpack it (form two); the seed never does it,
//! so here both just wait for the next value.

use core::convert::Infallible;

use resumable::{Generator, GeneratorState::Yielded, Outcome, Resume};

use crate::console::say;
use crate::python::{discard, discard_close};

/// What is sent to a calculator: a number, or Python's `'h'`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Entry {
    Number(i64),
    History,
}

// Both calculators make `history = []` when created rather than on their
// first `next()`: nothing can see it before the first `yield`, so nothing
// can tell the difference, and there is then only one place to pause at.

/// Form one: `x = yield`.
struct Calc {
    history: Vec<i64>,
}

fn calc() -> Calc {
    Calc {
        history: Vec::new(),
    }
}

impl Generator<Entry> for Calc {
    type Yield = (); // a bare `yield` yields None
    type Return = (); // `while True` never returns; only close() ends it
    type Error = Infallible;

    fn resume(&mut self, input: Resume<Entry>) -> Outcome<()> {
        match input.sent()? {
            // next(c): the first run up to `x = yield`
            None => {}
            Some(Entry::History) => say!("{:?}", self.history),
            Some(Entry::Number(x)) => {
                say!("{x}");
                self.history.push(x);
            }
        }
        Ok(Yielded(())) // `continue`, or the loop's end: back to the `yield`
    }
}

/// Form two: `x, y = (yield)`, so a pair is sent.
pub(crate) struct PairCalc {
    history: Vec<i64>,
}

pub(crate) fn pair_calc() -> PairCalc {
    PairCalc {
        history: Vec::new(),
    }
}

impl Generator<(Entry, i64)> for PairCalc {
    type Yield = ();
    type Return = ();
    type Error = Infallible;

    fn resume(&mut self, input: Resume<(Entry, i64)>) -> Outcome<()> {
        match input.sent()? {
            None => {}
            Some((Entry::History, _)) => say!("{:?}", self.history),
            Some((Entry::Number(x), y)) => {
                let result = x + y;
                say!("{result}");
                self.history.push(result);
            }
        }
        Ok(Yielded(()))
    }
}

pub(crate) fn run() {
    // `.tracked()` makes it a generator object that knows its state.
    let mut c = calc().tracked();
    discard(c.next()); // the necessary initiation; c.send(None) would do too
    discard(c.send(Entry::Number(1)));
    discard(c.send(Entry::Number(100)));
    discard(c.send(Entry::Number(666)));
    discard(c.send(Entry::History));
    discard_close(c.close()); // raises GeneratorExit at the `yield`
    say!("# after c.close(): {:?}", c.state());

    let mut c = pair_calc();
    discard(c.next());
    discard(c.send((Entry::Number(1), 2)));
    discard(c.send((Entry::Number(100), 30)));
    discard(c.send((Entry::Number(666), 0)));
    discard(c.send((Entry::History, 0)));
    discard_close(c.close());
}
