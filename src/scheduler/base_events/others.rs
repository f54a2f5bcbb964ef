//! The ready callbacks that are not a task's step: they wait here, and the
//! ready queue holds their index (with [`OTHER`] set), so that the queue's
//! entries stay four bytes and a task's step stays a plain slot number.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

use crate::scheduler::events::HandleCell;

/// Set in a ready-queue entry that indexes [`Others`] instead of naming a
/// task's slot.
pub(crate) const OTHER: u32 = 1 << 31;

pub(crate) enum Other {
    /// A future's done callback (it keeps the future alive).
    Call(Box<dyn FnOnce()>),
    /// `call_soon`, or a `call_at` whose time came.
    Handle(Rc<HandleCell>),
    /// The timer of a task's `asyncio.sleep` came due.
    SleepDone { slot: u32, token: u32 },
}

#[derive(Default)]
pub(crate) struct Others {
    entries: Vec<Option<Other>>,
    free: Vec<u32>,
}

impl Others {
    /// Keeps `other`; returns its ready-queue entry.
    pub(crate) fn insert(&mut self, other: Other) -> u32 {
        let index = match self.free.pop() {
            Some(index) => {
                self.entries[index as usize] = Some(other);
                index
            }
            None => {
                let index = u32::try_from(self.entries.len())
                    .ok()
                    .filter(|&index| index < OTHER)
                    .expect("more than 2^31 callbacks ready at once");
                self.entries.push(Some(other));
                index
            }
        };
        index | OTHER
    }

    /// Takes the callback of a ready-queue entry made by [`insert`](Self::insert).
    pub(crate) fn take(&mut self, entry: u32) -> Option<Other> {
        let index = entry & !OTHER;
        let other = self.entries.get_mut(index as usize)?.take()?;
        self.free.push(index);
        Some(other)
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
        self.free.clear();
    }
}
