"""Records CPython's answers to every short sequence of async generator calls.

    python3.11 tests/it/scheduler/async_gen_table.py > tests/it/scheduler/async_gen_table.txt

For each of three async generators (`echo`, `stubborn`, `raiser`) and each sequence
of up to four operations, `main` makes the generator, awaits each operation in turn
and prints its result, then returns the generator, so that it is still alive when
`asyncio.run` shuts the loop down and `shutdown_asyncgens` closes it. The operations:

    anext   await ag.__anext__()
    send    await ag.asend(7)
    throw   await ag.athrow(ValueError('boom'))
    close   await ag.aclose()
    spawn   create_task(show('bg anext', ag.__anext__())), then await asyncio.sleep(0):
            an __anext__ in flight in another task while main goes on

A value sent to a generator that has not started is CPython's TypeError and the
crate's panic (as for a plain generator), so sequences that do that are left out.
The loop runs on a virtual clock (time jumps to the next timer), so `t=` counts the
seconds slept. `async_gen_table.rs` replays every case on the crate and compares the
lines.
"""
import asyncio
import heapq
import itertools
import sys

OPS = ('anext', 'send', 'throw', 'close', 'spawn')
MAX_LEN = 4


class VirtualSelector:
    """select() never sleeps: a timeout moves the virtual clock to the next timer."""

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError('deadlock')
        if timeout > 0:
            self._loop._vtime += timeout
        return []

    def close(self):
        pass


class FifoTimerHandle(asyncio.TimerHandle):
    """Equal deadlines fire in the order they were set, as on the real clock."""
    __slots__ = ('_seq',)

    def __lt__(self, other):
        return (self._when, self._seq) < (other._when, other._seq)


class VirtualLoop(asyncio.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._vtime = 0
        self._selector = VirtualSelector(self)
        self._timer_seq = 0
        self.set_exception_handler(report)

    def time(self):
        return self._vtime

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        timer = FifoTimerHandle(when, callback, args, self, context)
        timer._seq = self._timer_seq
        self._timer_seq += 1
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


def now():
    return asyncio.get_running_loop().time()


def log(message):
    print(f'  t={now()} {message}')


def error(e):
    text = str(e)
    return f'{type(e).__name__}: {text}' if text else type(e).__name__


def report(loop, context):
    message = context['message']
    prefix = 'an error occurred during closing of asynchronous generator'
    if message.startswith(prefix):
        message = prefix
    exception = context.get('exception')
    print(f'report: {message}' + (f': {error(exception)}' if exception else ''))


async def show(label, awaitable):
    try:
        result = await awaitable
    except BaseException as e:
        print(f't={now()} {label} !! {error(e)}')
    else:
        print(f't={now()} {label} -> {result}')


async def echo():
    log('echo start')
    try:
        total = 0
        for n in range(3):
            try:
                got = yield total
            except ValueError:
                log('echo caught ValueError')
                got = 100
            await asyncio.sleep(1)
            total += n if got is None else got
    finally:
        log('echo finally')
        await asyncio.sleep(1)
        log('echo cleaned up')


async def stubborn():
    log('stubborn start')
    try:
        yield 1
    except GeneratorExit:
        log('stubborn ignores GeneratorExit')
        await asyncio.sleep(1)
        yield 2
    except ValueError:
        log('stubborn returns')
        return
    log('stubborn goes on')
    yield 3
    log('stubborn end')


async def raiser():
    try:
        yield 1
        await asyncio.sleep(1)
        yield 2
    finally:
        log('raiser finally')
        await asyncio.sleep(1)
        raise KeyError('cleanup')


BODIES = {'echo': echo, 'stubborn': stubborn, 'raiser': raiser}


async def main(body, ops):
    ag = BODIES[body]()
    started = False
    background = []
    for op in ops:
        if op == 'spawn':
            background.append(asyncio.create_task(show('bg anext', ag.__anext__())))
            await asyncio.sleep(0)
            continue
        awaitable = {
            'anext': ag.__anext__,
            'send': lambda: ag.asend(7),
            'throw': lambda: ag.athrow(ValueError('boom')),
            'close': ag.aclose,
        }[op]()
        await show(op, awaitable)
    print(f't={now()} end of main')
    return ag


def starts_with_a_send(ops):
    """Whether a value is sent before anything started the generator."""
    for op in ops:
        if op == 'send':
            return True
        if op in ('anext', 'spawn', 'throw', 'close'):
            # throw and close end a generator that has not started: a later
            # send gets StopAsyncIteration, not the TypeError.
            return False
    return False


def run(body, ops):
    with asyncio.Runner(loop_factory=VirtualLoop) as runner:
        # Kept until the loop is closed: alive for shutdown_asyncgens.
        ag = runner.run(main(body, ops))
    del ag


def cases():
    for body in BODIES:
        for length in range(MAX_LEN + 1):
            for ops in itertools.product(OPS, repeat=length):
                if not starts_with_a_send(ops):
                    yield body, ops


if __name__ == '__main__':
    assert sys.version_info[:2] == (3, 11), 'record with CPython 3.11'
    for body, ops in cases():
        print(f'== {body}: {" ".join(ops)}'.rstrip())
        sys.stdout.flush()
        run(body, ops)
