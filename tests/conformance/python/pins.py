"""Where CPython 3.11.7's asyncio is pinned (see LANGUAGE.md, "Where CPython
is pinned", and README.md, "The pins").

asyncio iterates sets of tasks in a few places; a set of tasks is ordered by
the tasks' memory addresses, so the same program can run differently from one
process to the next. Each function below is asyncio 3.11.7's own, with only
its sets replaced by an insertion-ordered set. Nothing else differs: no added
awaits, tasks or callbacks.
"""

import asyncio
from asyncio import coroutines, events, exceptions, futures, tasks
from asyncio.tasks import (ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION,
                           _release_waiter, ensure_future)


class InsertionOrderedSet:
    """The operations asyncio uses on its sets of tasks, iterating in
    insertion order (a dict's keys). Adding an element that is already in
    keeps its place, as for a set; mutating while iterating raises
    RuntimeError, as for a set."""

    __slots__ = ('_d',)

    def __init__(self, items=()):
        self._d = dict.fromkeys(items)

    def add(self, item):
        self._d[item] = None

    def discard(self, item):
        self._d.pop(item, None)

    def remove(self, item):
        del self._d[item]

    def clear(self):
        self._d.clear()

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def __contains__(self, item):
        return item in self._d

    def __repr__(self):
        return f'InsertionOrderedSet({list(self._d)!r})'


# --- asyncio.wait / tasks._wait (3.11.7), `set(...)` -> InsertionOrderedSet

async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if futures.isfuture(fs) or coroutines.iscoroutine(fs):
        raise TypeError(f"expect a list of futures, not {type(fs).__name__}")
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')

    fs = InsertionOrderedSet(fs)  # PIN: was set(fs)

    if any(coroutines.iscoroutine(f) for f in fs):
        raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")

    loop = events.get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


async def _wait(fs, timeout, return_when, loop):
    assert fs, 'Set of Futures is empty.'
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or
            return_when == FIRST_COMPLETED or
            return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)

    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)

    # PIN: was `done, pending = set(), set()` (the caller only tests
    # membership, so this one cannot change a trace; changed for uniformity)
    done, pending = InsertionOrderedSet(), InsertionOrderedSet()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


# --- asyncio.as_completed (3.11.7), `set(...)` and the set display `{...}`
# --- -> InsertionOrderedSet

def as_completed(fs, *, timeout=None):
    if futures.isfuture(fs) or coroutines.iscoroutine(fs):
        raise TypeError(f"expect an iterable of futures, not {type(fs).__name__}")

    from asyncio.queues import Queue  # as asyncio does, imported here
    done = Queue()

    loop = events._get_event_loop()
    # PIN: was `{ensure_future(f, loop=loop) for f in set(fs)}`
    todo = InsertionOrderedSet(ensure_future(f, loop=loop)
                               for f in InsertionOrderedSet(fs))
    timeout_handle = None

    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)  # Queue a dummy value for _wait_for_one().
        todo.clear()  # Can't do todo.remove(f) in the loop.

    def _on_completion(f):
        if not todo:
            return  # _on_timeout() was here first.
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    async def _wait_for_one():
        f = await done.get()
        if f is None:
            # Dummy value from _on_timeout().
            raise exceptions.TimeoutError
        return f.result()  # May raise f.exception().

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


# --- asyncio.TaskGroup (3.11.7): `self._tasks = set()` -> InsertionOrderedSet

class TaskGroup(asyncio.TaskGroup):
    def __init__(self):
        super().__init__()
        self._tasks = InsertionOrderedSet()  # PIN: was set()


# --- runners._cancel_all_tasks (3.11.7): all_tasks in creation order

def task_number(task):
    """The process-wide creation number of a task named by asyncio
    (`Task-<k>`); the scripts never name their tasks."""
    return int(task.get_name().rpartition('-')[2])


def all_tasks_in_creation_order(loop):
    return sorted(tasks.all_tasks(loop), key=task_number)


def _cancel_all_tasks(loop):
    to_cancel = all_tasks_in_creation_order(loop)  # PIN: was tasks.all_tasks(loop)
    if not to_cancel:
        return

    for task in to_cancel:
        task.cancel()

    loop.run_until_complete(tasks.gather(*to_cancel, return_exceptions=True))

    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


def install():
    """Patch asyncio.Runner's shutdown. (wait, as_completed and TaskGroup are
    not patched into asyncio: the interpreter calls the versions above.)"""
    import asyncio.runners
    asyncio.runners._cancel_all_tasks = _cancel_all_tasks
