//! A thread that wakes a `Waker` at an instant: the timer of a loop that is
//! polled as a future on the real clock. The executor polling it knows
//! nothing of the loop's timers, so someone must wake it when one is due.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::task::Waker;
use std::thread::JoinHandle;
use std::time::Instant;

#[derive(Default)]
struct Setting {
    wake: Option<(Instant, Waker)>,
    stop: bool,
}

#[derive(Default)]
struct Shared {
    setting: Mutex<Setting>,
    changed: Condvar,
}

/// One alarm, one thread, started the first time it is set.
#[derive(Default)]
pub(crate) struct Alarm {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Alarm {
    /// Wakes `waker` at `at`, instead of what was set before.
    pub(crate) fn set(&mut self, at: Instant, waker: &Waker) {
        let mut setting = self.lock();
        setting.wake = Some((at, waker.clone()));
        drop(setting);
        self.shared.changed.notify_one();
        if self.thread.is_none() {
            let shared = Arc::clone(&self.shared);
            self.thread = Some(std::thread::spawn(move || ring(&shared)));
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Setting> {
        self.shared
            .setting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// The alarm thread: sleeps until the instant set, wakes, waits for the next.
fn ring(shared: &Shared) {
    let lock = || {
        shared
            .setting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    };
    let mut setting = lock();
    while !setting.stop {
        let now = Instant::now();
        setting = match &setting.wake {
            None => shared
                .changed
                .wait(setting)
                .unwrap_or_else(PoisonError::into_inner),
            Some((at, _)) if *at > now => {
                let wait = *at - now;
                let waited = shared.changed.wait_timeout(setting, wait);
                waited.unwrap_or_else(PoisonError::into_inner).0
            }
            Some(_) => {
                let waker = setting.wake.take().map(|(_, waker)| waker);
                // Not under the lock: the woken executor may set the alarm.
                drop(setting);
                if let Some(waker) = waker {
                    waker.wake();
                }
                lock()
            }
        };
    }
}

impl Drop for Alarm {
    fn drop(&mut self) {
        self.lock().stop = true;
        self.shared.changed.notify_one();
        if let Some(thread) = self.thread.take() {
            // The thread only waits and wakes; it cannot panic on its own.
            let _ = thread.join();
        }
    }
}
