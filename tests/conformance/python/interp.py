#!/usr/bin/env python3
"""The conformance script language (../LANGUAGE.md) on CPython's asyncio.

This file *defines* the language: each statement runs the Python that
LANGUAGE.md's tables show, nothing more (no extra suspension, task or
callback). Usage:

    python3 interp.py script.txt      # or: python3 interp.py < script.txt

prints the trace. See README.md.
"""

import asyncio
import gc
import heapq
import os
import re
import sys
import warnings

import pins

# Diagnostics only (check.py --unpinned): CONFORMANCE_UNPINNED is `all` or a
# comma-separated list of pins to leave out (wait, as_completed, taskgroup,
# shutdown, gc), to see which programs depend on which pin.
_PINS = ('wait', 'as_completed', 'taskgroup', 'shutdown', 'gc')
UNPINNED = os.environ.get('CONFORMANCE_UNPINNED', '')
UNPINNED = set(_PINS if UNPINNED in ('1', 'all') else UNPINNED.split(','))
_wait = asyncio.wait if 'wait' in UNPINNED else pins.wait
_as_completed = asyncio.as_completed if 'as_completed' in UNPINNED \
    else pins.as_completed
_TaskGroup = asyncio.TaskGroup if 'taskgroup' in UNPINNED else pins.TaskGroup
if 'shutdown' not in UNPINNED:
    pins.install()

CancelledError = asyncio.CancelledError


class Boom(Exception):
    """The script's own exception class (`raise X` raises Boom('X'))."""


class ScriptError(Exception):
    """A script that does not follow the syntax of LANGUAGE.md."""


# ---------------------------------------------------------------- parsing

class Stmt:
    __slots__ = ('n', 'kind', 'args', 'body', 'exc', 'sub')

    def __init__(self, n, kind, args):
        self.n = n          # line number (from 1)
        self.kind = kind    # the first word (event `wait` is 'wait_event')
        self.args = args    # the other words
        self.body = None    # block statements: the block
        self.exc = None     # try: (KIND, ACTION, N or None)
        self.sub = None     # soon/later: the callback's statement

    def __repr__(self):
        return f'Stmt({self.n}, {self.kind!r}, {self.args!r})'


class Program:
    def __init__(self, text):
        self.text = text
        self.decls = []     # (n, kind, name, int or None)
        self.coros = {}     # name -> list of Stmt
        self.order = []     # coroutine names in file order


DECL_KINDS = {'lock': 'L', 'event': 'E', 'sem': 'S', 'bsem': 'B',
              'cond': 'C', 'queue': 'Q', 'counter': 'v'}
BLOCK_KINDS = ('try', 'with', 'timeout', 'taskgroup', 'repeat')
# Statements that do not await: the ones a loop callback may run.
CALLBACK_KINDS = ('set', 'clear', 'cancel', 'state', 'put_nowait',
                  'get_nowait', 'qsize', 'release', 'inc', 'locked',
                  'is_set', 'all_tasks')
EXC_CLASSES = {'cancelled': asyncio.CancelledError, 'timeout': TimeoutError,
               'error': Exception, 'any': BaseException}
WHEN = {'ALL': asyncio.ALL_COMPLETED, 'FIRST': asyncio.FIRST_COMPLETED,
        'EXC': asyncio.FIRST_EXCEPTION}

_INT = re.compile(r'(0|[1-9][0-9]*)\Z')
_TASK = re.compile(r't[0-9]+\Z')
_CORO = re.compile(r'c[0-9]+\Z')
_WORD = re.compile(r'[A-Za-z0-9_]+\Z')


def _int(tok, n):
    if not _INT.match(tok):
        raise ScriptError(f'line {n}: expected an integer, got {tok!r}')
    return int(tok)


def _timeout_value(tok, n):
    return None if tok == 'none' else _int(tok, n)


def parse(text):
    """Parse a script into a Program (raises ScriptError)."""
    prog = Program(text)
    raw = text.split('\n')
    if raw and raw[-1] == '':
        raw.pop()
    lines = []  # (n, indent level, words)
    for i, line in enumerate(raw, 1):
        if line.strip() == '':
            continue
        stripped = line.lstrip(' ')
        ind = len(line) - len(stripped)
        if ind % 2 or '\t' in line or line != line.rstrip():
            raise ScriptError(f'line {i}: bad indentation or whitespace')
        lines.append((i, ind // 2, stripped.split(' ')))
    pos = 0
    names = {}
    while pos < len(lines) and lines[pos][2][0] != 'coro':
        n, lvl, w = lines[pos]
        if lvl != 0 or w[0] not in DECL_KINDS:
            raise ScriptError(f'line {n}: expected a declaration')
        prefix = DECL_KINDS[w[0]]
        want = 3 if w[0] in ('sem', 'bsem', 'queue') else 2
        if len(w) != want or not re.match(prefix + r'[0-9]+\Z', w[1]):
            raise ScriptError(f'line {n}: bad declaration')
        if w[1] in names:
            raise ScriptError(f'line {n}: {w[1]} declared twice')
        names[w[1]] = w[0]
        prog.decls.append((n, w[0], w[1], _int(w[2], n) if want == 3 else None))
        pos += 1
    heads = []
    while pos < len(lines):
        n, lvl, w = lines[pos]
        if lvl != 0 or w[0] != 'coro' or len(w) != 2 or not (
                w[1] == 'main' or _CORO.match(w[1])):
            raise ScriptError(f'line {n}: expected `coro <name>`')
        if w[1] in prog.coros:
            raise ScriptError(f'line {n}: coroutine {w[1]} defined twice')
        pos += 1
        end = pos
        while end < len(lines) and lines[end][1] > 0:
            end += 1
        prog.coros[w[1]] = None
        prog.order.append(w[1])
        heads.append((w[1], pos, end))
        pos = end
    if 'main' not in prog.coros:
        raise ScriptError('no `coro main`')
    p = _Parser(lines, names, prog)
    for name, start, end in heads:
        p.coro = name
        body, nxt = p.block(start, end, 1, ())
        if nxt != end:
            raise ScriptError(f'line {lines[nxt][0]}: bad indentation')
        prog.coros[name] = body
    return prog


class _Parser:
    def __init__(self, lines, names, prog):
        self.lines = lines
        self.names = names
        self.prog = prog
        self.coro = None

    def err(self, n, msg):
        raise ScriptError(f'line {n}: {msg}')

    def obj(self, n, tok, kinds):
        if self.names.get(tok) not in kinds:
            self.err(n, f'{tok!r} is not a declared {"/".join(kinds)}')
        return tok

    def callee(self, n, tok):
        if not _CORO.match(tok) or tok not in self.prog.coros:
            self.err(n, f'{tok!r} is not a coroutine')
        order = self.prog.order
        if order.index(tok) <= order.index(self.coro):
            self.err(n, f'{self.coro} may only use coroutines defined after it')
        return tok

    def task(self, n, tok):
        if not _TASK.match(tok):
            self.err(n, f'{tok!r} is not a task variable')
        return tok

    def arg(self, n, tok):
        return self.task(n, tok) if tok.startswith('t') else self.callee(n, tok)

    def block(self, pos, end, lvl, ctx):
        """Statements at level `lvl` from pos; returns (stmts, next pos).
        ctx: the enclosing blocks, innermost last ('tg' or ('C', name))."""
        out = []
        if pos >= end or self.lines[pos][1] != lvl:
            n = self.lines[pos - 1][0] if pos else 0
            self.err(n, 'expected an indented block')
        while pos < end and self.lines[pos][1] == lvl:
            n, _, w = self.lines[pos]
            s = self.stmt(n, w, ctx)
            pos += 1
            if s.kind in BLOCK_KINDS:
                inner = ctx
                if s.kind == 'taskgroup':
                    inner = ctx + ('tg',)
                elif s.kind == 'with' and s.args[0].startswith('C'):
                    inner = ctx + (('C', s.args[0]),)
                s.body, pos = self.block(pos, end, lvl + 1, inner)
                if s.kind == 'try':
                    if pos >= end or self.lines[pos][1] != lvl or \
                            self.lines[pos][2][0] != 'except':
                        self.err(n, '`try` without its `except`')
                    s.exc = self.except_(*self.lines[pos][::2])
                    pos += 1
            out.append(s)
        if pos < end and self.lines[pos][1] > lvl:
            self.err(self.lines[pos][0], 'bad indentation')
        return out, pos

    def except_(self, n, w):
        if len(w) < 3 or w[1] not in EXC_CLASSES:
            self.err(n, 'expected `except KIND ACTION`')
        if w[2:] in (['pass'], ['raise']):
            return (w[1], w[2], None)
        if len(w) == 4 and w[2] == 'return':
            return (w[1], 'return', _int(w[3], n))
        self.err(n, 'bad except action')

    def stmt(self, n, w, ctx):
        k, a = w[0], w[1:]
        s = Stmt(n, k, a)

        def nargs(*counts):
            if len(a) not in counts:
                self.err(n, f'`{k}` takes {" or ".join(map(str, counts))} arguments')

        if k == 'sleep':
            nargs(1); _int(a[0], n)
        elif k in ('spawn', 'tg_spawn'):
            nargs(2); self.task(n, a[0]); self.callee(n, a[1])
            if k == 'tg_spawn' and 'tg' not in ctx:
                self.err(n, '`tg_spawn` outside a `taskgroup` block')
        elif k in ('await', 'state'):
            nargs(1); self.task(n, a[0])
        elif k == 'call':
            nargs(1); self.callee(n, a[0])
        elif k == 'cancel':
            nargs(1, 2); self.task(n, a[0])
            if len(a) == 2 and not _WORD.match(a[1]):
                self.err(n, 'bad cancel message')
        elif k in ('cancelling', 'uncancel', 'all_tasks'):
            nargs(0)
        elif k == 'return':
            nargs(0, 1)
            if a:
                _int(a[0], n)
        elif k == 'raise':
            nargs(1)
            if not _WORD.match(a[0]):
                self.err(n, 'bad raise argument')
        elif k in ('acquire', 'release', 'locked'):
            nargs(1); self.obj(n, a[0], ('lock', 'sem'))
        elif k == 'with':
            nargs(1); self.obj(n, a[0], ('lock', 'sem', 'bsem', 'cond'))
        elif k in ('set', 'clear', 'is_set'):
            nargs(1); self.obj(n, a[0], ('event',))
        elif k == 'wait' and len(a) == 1 and a[0].startswith('E'):
            s.kind = 'wait_event'
            self.obj(n, a[0], ('event',))
        elif k in ('cwait', 'cwait_for', 'notify', 'notify_all'):
            nargs({'cwait': 1, 'cwait_for': 3, 'notify': 2, 'notify_all': 1}[k])
            self.obj(n, a[0], ('cond',))
            if ('C', a[0]) not in ctx:
                self.err(n, f'`{k}` outside a `with {a[0]}` block')
            if k == 'cwait_for':
                self.obj(n, a[1], ('counter',)); _int(a[2], n)
            if k == 'notify':
                _int(a[1], n)
        elif k == 'inc':
            nargs(1); self.obj(n, a[0], ('counter',))
        elif k in ('put', 'put_nowait'):
            nargs(2); self.obj(n, a[0], ('queue',)); _int(a[1], n)
        elif k in ('get', 'get_nowait', 'qsize', 'task_done', 'join'):
            nargs(1); self.obj(n, a[0], ('queue',))
        elif k == 'gather':
            args = a[:-1] if a and a[-1] == 'rx' else a
            for t in args:
                self.arg(n, t)
        elif k in ('wait', 'as_completed'):
            keys = ('when', 'timeout') if k == 'wait' else ('timeout',)
            if len(a) < len(keys):
                self.err(n, f'`{k}` needs {" ".join(x + "=" for x in keys)}')
            for key, tok in zip(keys, a[len(a) - len(keys):]):
                if not tok.startswith(key + '='):
                    self.err(n, f'expected {key}=')
                val = tok[len(key) + 1:]
                if key == 'when' and val not in WHEN:
                    self.err(n, 'bad when=')
                if key == 'timeout':
                    _timeout_value(val, n)
            for t in a[:len(a) - len(keys)]:
                self.task(n, t)
        elif k == 'wait_for':
            nargs(2); self.arg(n, a[0]); _timeout_value(a[1], n)
        elif k == 'shield':
            nargs(1); self.arg(n, a[0])
        elif k == 'try':
            nargs(0)
        elif k == 'timeout':
            nargs(1); _timeout_value(a[0], n)
        elif k == 'taskgroup':
            nargs(0)
        elif k == 'repeat':
            nargs(1); _int(a[0], n)
        elif k in ('soon', 'later'):
            skip = 0 if k == 'soon' else 1
            if len(a) < skip + 1:
                self.err(n, f'`{k}` needs a statement')
            if k == 'later':
                _int(a[0], n)
            s.sub = self.stmt(n, a[skip:], ctx)
            if s.sub.kind not in CALLBACK_KINDS:
                self.err(n, f'`{s.sub.kind}` cannot run in a loop callback')
        elif k == 'except':
            self.err(n, '`except` without `try`')
        else:
            self.err(n, f'unknown statement {k!r}')
        return s


# ---------------------------------------------------------------- the loop

class _Deadlock(BaseException):
    """Raised out of the loop's select(None): asyncio would hang forever."""


class _VirtualSelector:
    """select() never sleeps: a positive timeout advances the virtual clock
    to the next timer; None (nothing ready, no timer) is a deadlock. There
    are no file descriptors, so there are never events."""

    def __init__(self, loop):
        self._loop = loop

    def select(self, timeout=None):
        if timeout is None:
            self._loop._interp.deadlock(self._loop)
            raise _Deadlock()
        if timeout > 0:
            self._loop._vtime += timeout
        return []

    def close(self):
        pass


class _FifoTimerHandle(asyncio.TimerHandle):
    """The timer pin: equal deadlines in the order they were scheduled (as
    on the real clock, where two deadlines are never equal). `--heapq-timers`
    leaves it out (diagnostics)."""
    __slots__ = ('_seq',)

    def __lt__(self, other):
        return (self._when, self._seq) < (other._when, other._seq)


class VirtualLoop(asyncio.BaseEventLoop):
    """BaseEventLoop (the loop of asyncio.run, minus I/O) on a virtual
    clock: time() is an integer that only select() advances."""

    def __init__(self, interp):
        super().__init__()
        self._interp = interp
        self._vtime = 0
        self._selector = _VirtualSelector(self)
        self.max_scheduled = 0
        self._timer_seq = 0
        self.set_exception_handler(interp.report)

    def time(self):
        return self._vtime

    # BaseEventLoop leaves these to subclasses. There is no self-pipe:
    # call_soon_threadsafe only appends to _ready (nothing ever calls it
    # from another thread here), and there is nothing to wake up.
    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def _run_once(self):
        # Watch for the heap compaction of _run_once (more than 100 timers
        # scheduled): record.py keeps the programs under it.
        if len(self._scheduled) > self.max_scheduled:
            self.max_scheduled = len(self._scheduled)
        super()._run_once()

    def call_at(self, when, callback, *args, context=None):
        if self._interp.heapq_timers:
            return super().call_at(when, callback, *args, context=context)
        self._check_closed()
        timer = _FifoTimerHandle(when, callback, args, self, context)
        timer._seq = self._timer_seq
        self._timer_seq += 1
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def close(self):
        # Nothing can run after this; what the closing and the garbage
        # collection do to the pending tasks is not traced.
        self._interp.tracing = False
        super().close()


# ---------------------------------------------------------------- running

class Ret:
    """A `return` leaving the blocks normally (not an exception)."""
    __slots__ = ('value',)

    def __init__(self, value):
        self.value = value


REPORT_KINDS = (
    ('Task exception was never retrieved', 'never-retrieved'),
    ('unhandled exception during asyncio.run() shutdown', 'shutdown-error'),
    ('Task was destroyed but it is pending!', 'destroyed-pending'),
)


class Interp:
    def __init__(self, prog, heapq_timers=False):
        self.prog = prog
        self.heapq_timers = heapq_timers
        self.out = []
        self.tracing = True
        self.deadlocked = False
        self.reports = []
        self.unraisable = []
        self.offset = None
        self.env = {}       # task variables and counters
        self.objs = {}      # locks, events, semaphores, conditions, queues
        self.loop = None
        self.max_scheduled = 0

    # -- naming and logging

    def name(self, task):
        return f'Task-{pins.task_number(task) - self.offset}'

    def who(self):
        task = asyncio.current_task(self.loop)
        return 'cb' if task is None else self.name(task)

    def emit(self, text):
        if self.tracing:
            self.out.append(f'{self.loop._vtime} {self.who()} {text}')

    def log(self, n, text):
        self.emit(f'@{n} {text}')

    def log_exc(self, n, exc, prefix=''):
        if not isinstance(exc, GeneratorExit):
            self.log(n, f'{prefix}! {exc!r}')

    def report(self, loop, context):
        """The loop's exception handler."""
        msg = context.get('message', '')
        exc = context.get('exception')
        kind = None
        for text, k in REPORT_KINDS:
            if msg == text:
                kind = k
        if kind is None and msg.endswith(' exception was never retrieved'):
            kind = 'future-never-retrieved'  # Future, _GatheringFuture
        if kind is None and 'has errored out but its parent task' in msg:
            kind = 'group-orphan'
        if kind is None:
            kind = 'other'
        task = context.get('task', context.get('future'))
        who = self.name(task) if isinstance(task, asyncio.Task) and \
            self.offset is not None else '-'
        what = '-' if exc is None else repr(exc)
        if kind == 'other':
            what = repr(msg)
        self.reports.append(f'report {kind} {who}: {what}')

    def deadlock(self, loop):
        if not self.tracing:
            return
        names = sorted(asyncio.all_tasks(loop), key=pins.task_number)
        self.out.append('DEADLOCK pending=[%s]' % ' '.join(map(self.name, names)))
        self.tracing = False
        self.deadlocked = True

    # -- the program

    def coro(self, name):
        return self.run_coro(name)

    async def run_coro(self, name):
        if self.offset is None:  # the main task, Task-1
            self.offset = pins.task_number(asyncio.current_task()) - 1
        self.emit(f'start {name}')
        try:
            r = await self.block(self.prog.coros[name], ())
        except BaseException as e:
            if not isinstance(e, GeneratorExit):
                self.emit(f'end ! {e!r}')
            raise
        value = None if r is None else r.value
        self.emit(f'end {value!r}')
        return value

    async def block(self, stmts, tgs):
        for s in stmts:
            r = await self.stmt(s, tgs)
            if r is not None:
                return r
        return None

    async def stmt(self, s, tgs):
        k, n = s.kind, s.n
        if k == 'return':
            return Ret(int(s.args[0]) if s.args else None)
        if k == 'repeat':
            for _ in range(int(s.args[0])):
                r = await self.block(s.body, tgs)
                if r is not None:
                    return r
            return None
        if k == 'try':
            kind, action, value = s.exc
            try:
                return await self.block(s.body, tgs)
            except EXC_CLASSES[kind] as e:
                if isinstance(e, GeneratorExit):
                    raise
                self.log(n, f'caught {e!r}')
                if action == 'raise':
                    raise
                if action == 'return':
                    return Ret(value)
                return None
        if k == 'with':
            x = s.args[0]
            try:
                async with self.objs[x]:
                    self.log(n, f'with {x}')
                    r = await self.block(s.body, tgs)
            except BaseException as e:
                self.log_exc(n, e, 'exit ')
                raise
            self.log(n, 'exit')
            return r
        if k == 'timeout':
            cm = asyncio.timeout(_timeout_value(s.args[0], n))
            try:
                async with cm:
                    self.log(n, 'timeout')
                    r = await self.block(s.body, tgs)
            except BaseException as e:
                if not isinstance(e, GeneratorExit):
                    self.log(n, f'exit ! {e!r} expired={cm.expired()}')
                raise
            self.log(n, f'exit expired={cm.expired()}')
            return r
        if k == 'taskgroup':
            try:
                async with _TaskGroup() as tg:
                    self.log(n, 'taskgroup')
                    r = await self.block(s.body, tgs + (tg,))
            except BaseException as e:
                self.log_exc(n, e, 'exit ')
                raise
            self.log(n, 'exit')
            return r
        try:
            if k in CALLBACK_KINDS:
                self.sync_stmt(s)
            else:
                await self.async_stmt(s, tgs)
        except BaseException as e:
            self.log_exc(n, e)
            raise
        return None

    def task_var(self, s, var):
        t = self.env.get(var)
        if t is None:
            self.log(s.n, f'unset {var}')
        return t

    def args(self, s, toks):
        """The tasks and new coroutines of a composition, or None (after
        logging `unset`) if a task variable is not set."""
        for tok in toks:
            if tok.startswith('t') and self.env.get(tok) is None:
                self.log(s.n, f'unset {tok}')
                return None
        return [self.env[tok] if tok.startswith('t') else self.coro(tok)
                for tok in toks]

    def sync_stmt(self, s):
        """The statements that do not await (also run by loop callbacks)."""
        k, a, n = s.kind, s.args, s.n
        env, objs = self.env, self.objs
        if k == 'set':
            objs[a[0]].set()
            self.log(n, f'set {a[0]}')
        elif k == 'clear':
            objs[a[0]].clear()
            self.log(n, f'clear {a[0]}')
        elif k == 'is_set':
            self.log(n, f'is_set {a[0]} {objs[a[0]].is_set()}')
        elif k == 'cancel':
            t = self.task_var(s, a[0])
            if t is not None:
                r = t.cancel() if len(a) == 1 else t.cancel(a[1])
                self.log(n, f'cancel {a[0]} -> {r}')
        elif k == 'state':
            t = self.task_var(s, a[0])
            if t is not None:
                self.log(n, f'state {a[0]} done={t.done()} cancelled={t.cancelled()}')
        elif k == 'put_nowait':
            objs[a[0]].put_nowait(int(a[1]))
            self.log(n, f'put_nowait {a[0]}')
        elif k == 'get_nowait':
            r = objs[a[0]].get_nowait()
            self.log(n, f'get_nowait {a[0]} -> {r}')
        elif k == 'qsize':
            q = objs[a[0]]
            self.log(n, f'qsize {a[0]} {q.qsize()} empty={q.empty()} full={q.full()}')
        elif k == 'release':
            x = objs[a[0]]
            if isinstance(x, asyncio.Lock) and not x.locked():
                raise RuntimeError('Lock is not acquired.')
            x.release()
            self.log(n, f'release {a[0]}')
        elif k == 'inc':
            env[a[0]] += 1
            self.log(n, f'inc {a[0]} {env[a[0]]}')
        elif k == 'locked':
            self.log(n, f'locked {a[0]} {objs[a[0]].locked()}')
        elif k == 'all_tasks':
            names = sorted(asyncio.all_tasks(), key=pins.task_number)
            self.log(n, 'all_tasks [%s]' % ' '.join(map(self.name, names)))
        else:
            raise AssertionError(k)

    def run_sync(self, s):
        """A loop callback (`soon`, `later`): the statement, its exception
        logged and swallowed."""
        try:
            self.sync_stmt(s)
        except Exception as e:
            self.log_exc(s.n, e)

    async def async_stmt(self, s, tgs):
        k, a, n = s.kind, s.args, s.n
        env, objs = self.env, self.objs
        if k == 'sleep':
            await asyncio.sleep(int(a[0]))
            self.log(n, 'sleep')
        elif k == 'spawn':
            env[a[0]] = asyncio.create_task(self.coro(a[1]))
            self.log(n, f'spawn {a[0]} {self.name(env[a[0]])}')
        elif k == 'tg_spawn':
            env[a[0]] = tgs[-1].create_task(self.coro(a[1]))
            self.log(n, f'tg_spawn {a[0]} {self.name(env[a[0]])}')
        elif k == 'await':
            t = self.task_var(s, a[0])
            if t is not None:
                r = await t
                self.log(n, f'await {a[0]} -> {r!r}')
        elif k == 'call':
            r = await self.coro(a[0])
            self.log(n, f'call {a[0]} -> {r!r}')
        elif k == 'cancelling':
            self.log(n, f'cancelling {asyncio.current_task().cancelling()}')
        elif k == 'uncancel':
            self.log(n, f'uncancel {asyncio.current_task().uncancel()}')
        elif k == 'raise':
            raise Boom(a[0])
        elif k == 'acquire':
            await objs[a[0]].acquire()
            self.log(n, f'acquire {a[0]}')
        elif k == 'wait_event':
            await objs[a[0]].wait()
            self.log(n, f'wait {a[0]}')
        elif k == 'cwait':
            await objs[a[0]].wait()
            self.log(n, f'cwait {a[0]}')
        elif k == 'cwait_for':
            var, target = a[1], int(a[2])
            await objs[a[0]].wait_for(lambda: env[var] >= target)
            self.log(n, f'cwait_for {a[0]}')
        elif k == 'notify':
            objs[a[0]].notify(int(a[1]))
            self.log(n, f'notify {a[0]}')
        elif k == 'notify_all':
            objs[a[0]].notify_all()
            self.log(n, f'notify_all {a[0]}')
        elif k == 'put':
            await objs[a[0]].put(int(a[1]))
            self.log(n, f'put {a[0]}')
        elif k == 'get':
            r = await objs[a[0]].get()
            self.log(n, f'get {a[0]} -> {r}')
        elif k == 'task_done':
            objs[a[0]].task_done()
            self.log(n, f'task_done {a[0]}')
        elif k == 'join':
            await objs[a[0]].join()
            self.log(n, f'join {a[0]}')
        elif k == 'gather':
            rx = bool(a) and a[-1] == 'rx'
            args = self.args(s, a[:-1] if rx else a)
            if args is not None:
                r = await asyncio.gather(*args, return_exceptions=rx)
                self.log(n, f'gather -> {r!r}')
        elif k == 'wait':
            when = WHEN[a[-2][len('when='):]]
            timeout = _timeout_value(a[-1][len('timeout='):], n)
            toks = list(dict.fromkeys(a[:-2]))  # for the log: no repeats
            fs = self.args(s, a[:-2])
            if fs is not None:
                done, pending = await _wait(fs, return_when=when,
                                                timeout=timeout)
                self.log(n, 'wait done=[%s] pending=[%s]' % (
                    ' '.join(t for t in toks if env[t] in done),
                    ' '.join(t for t in toks if env[t] in pending)))
        elif k == 'wait_for':
            args = self.args(s, a[:1])
            if args is not None:
                r = await asyncio.wait_for(args[0], _timeout_value(a[1], n))
                self.log(n, f'wait_for -> {r!r}')
        elif k == 'shield':
            args = self.args(s, a[:1])
            if args is not None:
                r = await asyncio.shield(args[0])
                self.log(n, f'shield -> {r!r}')
        elif k == 'as_completed':
            timeout = _timeout_value(a[-1][len('timeout='):], n)
            fs = self.args(s, a[:-1])
            if fs is not None:
                for f in _as_completed(fs, timeout=timeout):
                    r = await f
                    self.log(n, f'next -> {r!r}')
        elif k == 'soon':
            asyncio.get_running_loop().call_soon(self.run_sync, s.sub)
            self.log(n, 'soon')
        elif k == 'later':
            asyncio.get_running_loop().call_later(int(a[0]), self.run_sync, s.sub)
            self.log(n, 'later')
        else:
            raise AssertionError(k)

    # -- asyncio.run

    def make_loop(self):
        self.loop = VirtualLoop(self)
        return self.loop

    def asyncio_run(self):
        # asyncio.run(main()), with the virtual loop.
        with asyncio.Runner(loop_factory=self.make_loop) as runner:
            return runner.run(self.coro('main'))

    def run(self):
        """Run the program; returns the trace (a list of lines)."""
        for n, kind, name, arg in self.prog.decls:
            if kind == 'counter':
                self.env[name] = 0
            else:
                self.objs[name] = {
                    'lock': asyncio.Lock, 'event': asyncio.Event,
                    'cond': asyncio.Condition, 'sem': asyncio.Semaphore,
                    'bsem': asyncio.BoundedSemaphore, 'queue': asyncio.Queue,
                }[kind](*(() if arg is None else (arg,)))
        # No automatic garbage collection while the program runs: a cycle of
        # pending tasks nothing else refers to is collected at the end only.
        gc.collect()
        gc_was_enabled = gc.isenabled()
        if 'gc' not in UNPINNED:
            gc.disable()
        old_hook = sys.unraisablehook
        sys.unraisablehook = lambda u: self.unraisable.append(
            f'{u.exc_type.__name__}: {u.exc_value} ({u.err_msg} {u.object!r:.60})')
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')  # "coroutine ... never awaited"
                try:
                    value = self.asyncio_run()
                except (KeyboardInterrupt, SystemExit):
                    raise
                except BaseException as e:
                    result = f'result ! {e!r}'
                else:
                    result = f'result {value!r}'
                value = None
                self.tracing = False
                time = self.loop._vtime
                self.max_scheduled = self.loop.max_scheduled
                # Drop every reference to the program's objects, then let the
                # garbage collector report what it destroys.
                self.env.clear()
                self.objs.clear()
                self.loop = None
                gc.collect()
                gc.collect()
        finally:
            sys.unraisablehook = old_hook
            if gc_was_enabled:
                gc.enable()
        if self.deadlocked:
            return self.out
        return self.out + [result] + sorted(self.reports) + [f'time {time}']


def run_text(text, heapq_timers=False):
    """Parse and run a script; returns (trace lines, interp)."""
    it = Interp(parse(text), heapq_timers=heapq_timers)
    return it.run(), it


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('file', nargs='?', help='the script (default: stdin)')
    ap.add_argument('--heapq-timers', action='store_true',
                    help='diagnostics: leave out the timer pin (equal deadlines '
                         'in heapq order, as CPython on a clock that stands still)')
    ap.add_argument('-v', action='store_true',
                    help='also print to stderr what was ignored '
                         '(unraisable exceptions during garbage collection)')
    opt = ap.parse_args(argv)
    text = open(opt.file).read() if opt.file else sys.stdin.read()
    try:
        trace, it = run_text(text, opt.heapq_timers)
    except ScriptError as e:
        print(f'error: {e}', file=sys.stderr)
        return 2
    sys.stdout.write(''.join(line + '\n' for line in trace))
    if opt.v:
        for u in it.unraisable:
            print('ignored:', u, file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
