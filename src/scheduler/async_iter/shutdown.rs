//! Finalisation, from `base_events.py`: the `finalizer` hook (a generator
//! dropped while suspended is closed by a task) and
//! [`shutdown_asyncgens`] (the generators still alive when
//! `asyncio.run` ends are closed, together).

use alloc::boxed::Box;
use alloc::rc::{Rc, Weak};
use alloc::vec::Vec;
use core::fmt;

use super::async_gen::orphan;
use super::AsyncGenerator;
use crate::generator::{Generator, GeneratorState};
use crate::scheduler::base_events::{running, AsyncGenHooks, Core, Event, Report, ReportKind};
use crate::scheduler::{gather, GatherResults, Input, Request, Step, Task, TaskError};

/// An `aclose()` awaitable, whatever the generator.
pub(crate) type BoxedAwaitable =
    Box<dyn Generator<Yield = Request, Return = (), Error = TaskError>>;

/// `_asyncgen_finalizer_hook`: `call_soon_threadsafe(create_task,
/// agen.aclose())`, unless the loop is gone or closed.
pub(super) fn finalize<G, S>(body: G, core: &Weak<Core>)
where
    G: AsyncGenerator<S> + 'static,
    S: 'static,
{
    let Some(core) = core.upgrade().filter(|core| !core.is_closed()) else {
        return;
    };
    let aclose = orphan(body).aclose();
    let owner = Rc::downgrade(&core);
    core.push(Event::Call(Box::new(move || {
        if let Some(core) = owner.upgrade() {
            Task::spawn(&core, aclose).detach();
        }
    })));
}

/// Closes every async generator of the running loop that is still alive:
/// `await loop.shutdown_asyncgens()`.
///
/// [`Runtime::run`](crate::scheduler::Runtime::run) awaits it after `main`
/// and the tasks it left are done, as `asyncio.run` does; call it yourself
/// when you run the loop another way. Each generator's `aclose()` runs as
/// a task, all of them gathered (`return_exceptions=True`), in the order
/// they first ran; an error other than a cancellation is reported as
/// [`ReportKind::AsyncGenCloseError`] ("an error occurred during closing
/// of asynchronous generator").
///
/// # Panics
///
/// If no [`Runtime`](crate::scheduler::Runtime) is running on this thread
/// when it starts.
///
/// ```
/// use resumable::scheduler::{shutdown_asyncgens, Runtime};
///
/// // With no async generator alive, it returns at once.
/// Runtime::new().run(shutdown_asyncgens()).unwrap();
/// ```
pub fn shutdown_asyncgens() -> ShutdownAsyncgens {
    ShutdownAsyncgens { closing: None }
}

/// The awaitable of [`shutdown_asyncgens`].
#[must_use = "this awaitable is never awaited: it does nothing until a task delegates to it with `yield_from!`"]
pub struct ShutdownAsyncgens {
    /// The generators being closed, and the gather of their `aclose()`s.
    closing: Option<(Vec<Rc<dyn AsyncGenHooks>>, GatherResults<BoxedAwaitable>)>,
}

impl Generator for ShutdownAsyncgens {
    type Yield = Request;
    type Return = ();
    type Error = TaskError;

    fn resume(&mut self, mut input: Input) -> Step {
        let (agens, closing) = match &mut self.closing {
            Some(closing) => closing,
            None => {
                input.sent()?;
                input = Input::Next;
                let agens = running("shutdown_asyncgens").take_asyncgens();
                if agens.is_empty() {
                    return Ok(GeneratorState::Complete(()));
                }
                let acloses = agens.iter().map(|agen| Rc::clone(agen).aclose());
                let closing = gather(acloses.collect::<Vec<_>>()).return_exceptions();
                self.closing.insert((agens, closing))
            }
        };
        let results = crate::yield_from!(closing, input)?;
        let core = running("shutdown_asyncgens");
        for (result, agen) in results.into_iter().zip(agens.iter()) {
            match result {
                // `isinstance(result, Exception)`: not a CancelledError.
                Err(error) if !error.is_cancelled() => {
                    let kind = ReportKind::AsyncGenCloseError;
                    core.report(Report::new(kind, Some(agen.name()), Some(error)));
                }
                _ => {}
            }
        }
        Ok(GeneratorState::Complete(()))
    }
}

impl fmt::Debug for ShutdownAsyncgens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let closing = self.closing.as_ref().map_or(0, |(agens, _)| agens.len());
        f.debug_struct("ShutdownAsyncgens")
            .field("closing", &closing)
            .finish()
    }
}

/// The last segment of a type's path, generics kept: `Ticker`,
/// `Pairs<u32>`.
pub(super) fn short_type_name<T>() -> &'static str {
    let name = core::any::type_name::<T>();
    let head = name.split('<').next().unwrap_or(name);
    match head.rfind("::") {
        Some(colons) => &name[colons + 2..],
        None => name,
    }
}
