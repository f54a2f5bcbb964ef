//! Where the programs print: Python's `print`, with a way for tests to listen.
//!
//! Every program prints through [`say!`] (Python's `print(x)`) and
//! [`say_inline!`] (Python's `print(x, end='')`). Normally that goes to
//! stdout; inside [`capture`] it goes to a buffer instead, so a test can
//! pin a program's exact output without spawning a process, and
//! [`on_fresh_thread`] can run a program on a thread of its own and still
//! print where its caller prints. A program whose own threads print (the
//! work of `run_in_executor`) hands them a [`Console`].

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex, PoisonError};

/// A capture's buffer, which the program's threads may write to as well.
type Buffer = Arc<Mutex<String>>;

thread_local! {
    /// `Some` while `capture` runs on this thread. Thread-local so that
    /// tests running in parallel never see each other's output.
    static CAPTURED: RefCell<Option<Buffer>> = const { RefCell::new(None) };
}

/// Prints a line: Python's `print(...)`. Takes `println!`'s arguments.
macro_rules! say {
    () => {
        $crate::console::write(::std::format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::console::write(::std::format_args!("{}\n", ::std::format_args!($($arg)*)))
    };
}

/// Prints without ending the line: Python's `print(x, end='')`. Takes
/// `print!`'s arguments, so `print(i, end=' ')` is `say_inline!("{i} ")`.
macro_rules! say_inline {
    ($($arg:tt)*) => {
        $crate::console::write(::std::format_args!($($arg)*))
    };
}

pub(crate) use {say, say_inline};

/// Where [`say!`] and [`say_inline!`] send their text.
pub(crate) fn write(text: fmt::Arguments<'_>) {
    console().write(text);
}

/// Where this thread prints, for another thread to print there too:
/// stdout, or the buffer of the capture running here.
#[derive(Clone, Debug)]
pub(crate) struct Console(Option<Buffer>);

/// This thread's [`Console`].
pub(crate) fn console() -> Console {
    Console(CAPTURED.with_borrow(Clone::clone))
}

impl Console {
    /// Prints `text` there, from any thread.
    pub(crate) fn write(&self, text: fmt::Arguments<'_>) {
        match &self.0 {
            // Formatting into a `String` only fails if a `Display` impl lies.
            Some(buffer) => buffer
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .write_fmt(text)
                .expect("a Display implementation returned an error"),
            None => print!("{text}"),
        }
    }
}

/// Runs `program` and returns everything it printed, instead of printing it.
pub(crate) fn capture(program: impl FnOnce()) -> String {
    let _restore = RestoreOnDrop(CAPTURED.replace(Some(Buffer::default())));
    program();
    let buffer = CAPTURED.take().unwrap_or_default();
    let text = buffer.lock().unwrap_or_else(PoisonError::into_inner);
    text.clone()
}

/// Puts back whatever capture was active before (usually none), also when the
/// program panics, so that a nested capture leaves the outer one intact.
struct RestoreOnDrop(Option<Buffer>);

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        CAPTURED.set(self.0.take());
    }
}

/// Runs `program` on a new thread, then prints what it printed, here.
///
/// For programs whose output depends on what ran before them on the same
/// thread: the `sync` primitives are numbered per thread (`Lock-1`,
/// `Lock-2`, …), so a deadlock report names `Lock-1` only for the first
/// lock a thread makes. A fresh thread makes the program print the same
/// names whether it runs alone or in the whole tour.
pub(crate) fn on_fresh_thread(program: fn()) {
    let printed = std::thread::spawn(move || capture(program))
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    write(format_args!("{printed}"));
}
