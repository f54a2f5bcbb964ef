#!/usr/bin/env python3
"""A seeded generator of conformance scripts (../LANGUAGE.md).

    python3 gen.py SEED            # print the script of one seed

generate(seed) is a pure function of the seed (random.Random(seed), no set
iteration). A program is main plus 1-5 coroutines c1..cn; a coroutine only
spawns, calls or wraps coroutines defined after it, and only awaits (or
gathers, waits for, shields...) task variables of coroutines defined after
it, so no task ever awaits itself. Each helper coroutine gets a *role*
(sleeper, failer, stubborn, waiter, producer, composer, mixed) and main is a
few *acts* (spawn and cancel, compose, timeout, task group, lock/queue state,
condition, callbacks, shutdown...), so that the programs look like what
people write and hit the compositions where an asyncio clone goes wrong.
"""

import random
import sys

import interp

MAX_TASKS = 40        # worst case over the program (main included)
MAX_DEPTH = 3         # nesting of blocks
MAX_MAIN = 22         # statements in main (blocks' statements included)
MAX_HELPER = 12       # statements in another coroutine


class Node:
    __slots__ = ('head', 'body', 'exc')

    def __init__(self, head, body=None, exc=None):
        self.head = head
        self.body = body
        self.exc = exc


def render(decls, coros):
    out = list(decls)
    for name, body in coros:
        out.append(f'coro {name}')
        _render(body, 1, out)
    return '\n'.join(out) + '\n'


def _render(nodes, lvl, out):
    for nd in nodes:
        out.append('  ' * lvl + nd.head)
        if nd.body is not None:
            _render(nd.body, lvl + 1, out)
        if nd.exc is not None:
            out.append('  ' * lvl + nd.exc)


class Ctx:
    """Where a statement is generated."""

    def __init__(self, idx, depth=0, tg=False, conds=(), held=(), known=None):
        self.idx = idx          # index of the coroutine (main = 0)
        self.depth = depth      # nesting depth of the block
        self.tg = tg            # inside a taskgroup block
        self.conds = conds      # conditions held (lexically)
        self.held = held        # locks/semaphores held (lexically)
        self.known = [] if known is None else known  # vars spawned here

    def inner(self, **kw):
        c = Ctx(self.idx, self.depth + 1, self.tg, self.conds, self.held,
                self.known)
        for k, v in kw.items():
            setattr(c, k, v)
        return c


ROLES = ('sleeper', 'failer', 'stubborn', 'waiter', 'producer', 'composer',
         'mixed')
ROLE_WEIGHTS = (16, 9, 16, 16, 10, 16, 10)


class Gen:
    def __init__(self, seed):
        self.seed = seed
        self.r = random.Random(seed)
        r = self.r
        self.n = r.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
        self.names = ['main'] + [f'c{i}' for i in range(1, self.n + 1)]
        self.roles = [None] + [r.choices(ROLES, ROLE_WEIGHTS)[0]
                               for _ in range(self.n)]
        self.var_coro = {}      # 'tK' -> coroutine index
        self.res = {}           # resource name -> declaration line
        self.res_order = []
        self.raise_no = 0

    # -- small choices

    def chance(self, p):
        return self.r.random() < p

    def t(self, lo=0, hi=3):
        return self.r.randint(lo, hi)

    def tmo(self):
        """A timeout: 0-4 or none."""
        return self.r.choice(('0', '1', '1', '2', '2', '3', '3', '4', 'none'))

    def val(self):
        return self.r.randint(0, 9)

    def exc_label(self):
        self.raise_no += 1
        return 'abcdefghijklmnopqrstuvwxyz'[(self.raise_no - 1) % 26]

    def resource(self, kind, new_p=0.25):
        """An existing resource of the kind (L, E, S, B, C, Q, v) or a new one
        (at most 2 of a kind)."""
        have = [x for x in self.res_order if x[0] == kind and x[1:].isdigit()]
        if have and (len(have) >= 2 or not self.chance(new_p)):
            return self.r.choice(have)
        name = f'{kind}{len(have) + 1}'
        if kind == 'L':
            decl = f'lock {name}'
        elif kind == 'E':
            decl = f'event {name}'
        elif kind == 'S':
            decl = f'sem {name} {self.r.choice((1, 1, 2, 2, 3))}'
        elif kind == 'B':
            decl = f'bsem {name} {self.r.choice((1, 2))}'
        elif kind == 'C':
            decl = f'cond {name}'
        elif kind == 'Q':
            decl = f'queue {name} {self.r.choice((0, 1, 1, 2, 2, 3))}'
        else:
            decl = f'counter {name}'
        self.res[name] = decl
        self.res_order.append(name)
        return name

    def below(self, ctx):
        """Indices of the coroutines ctx may spawn/call/wrap."""
        return list(range(ctx.idx + 1, self.n + 1))

    def pick_coro(self, ctx, prefer=None):
        b = self.below(ctx)
        if not b:
            return None
        if prefer:
            good = [i for i in b if self.roles[i] in prefer]
            if good and self.chance(0.8):
                return self.r.choice(good)
        # nearer coroutines are likelier (keeps the worst case small)
        return self.r.choices(b, [2 ** (len(b) - k) for k in range(len(b))])[0]

    def new_var(self, ci, ctx, reuse_p=0.2):
        same = [v for v, c in self.var_coro.items() if c == ci]
        if same and self.chance(reuse_p):
            v = self.r.choice(same)
        else:
            v = f't{len(self.var_coro) + 1}'
            self.var_coro[v] = ci
        ctx.known.append(v)
        return v

    def ref_var(self, ctx, down=True):
        """A task variable to read: one spawned earlier in this coroutine
        (usually) or any variable of a coroutine after this one (down) /
        any variable at all (not down: cancel, state)."""
        local = [v for v in ctx.known
                 if not down or self.var_coro[v] > ctx.idx]
        if local and self.chance(0.85):
            return self.r.choice(local[-3:])
        glob = [v for v, c in self.var_coro.items()
                if not down or c > ctx.idx]
        if glob:
            return self.r.choice(glob)
        return None

    def spawn(self, ctx, prefer=None):
        ci = self.pick_coro(ctx, prefer)
        if ci is None:
            return None, []
        v = self.new_var(ci, ctx)
        if ctx.tg and self.chance(0.5):
            return v, [Node(f'tg_spawn {v} {self.names[ci]}')]
        return v, [Node(f'spawn {v} {self.names[ci]}')]

    def comp_arg(self, ctx, prefer=None):
        """An argument of gather/wait_for/shield: a task or a coroutine."""
        if self.chance(0.55):
            v = self.ref_var(ctx)
            if v is not None:
                return v, []
        if self.chance(0.5):
            ci = self.pick_coro(ctx, prefer)
            if ci is not None:
                return self.names[ci], []
        v, pre = self.spawn(ctx, prefer)
        return v, pre

    # -- single statements that do not block for long

    def sync_stmt(self, ctx, cb=False):
        """A statement a callback may run (cb) or a task may run."""
        r = self.r
        opts = ['set', 'cancel', 'state', 'qsize', 'inc', 'locked', 'is_set',
                'put_nowait', 'get_nowait', 'clear', 'release', 'all_tasks']
        w = [14, 14, 8, 5, 4, 5, 6, 7, 6, 5, 3, 6]
        while True:
            k = r.choices(opts, w)[0]
            if k in ('set', 'clear', 'is_set'):
                return f'{k} {self.resource("E")}'
            if k in ('cancel', 'state'):
                v = self.ref_var(ctx, down=False)
                if v is None:
                    continue
                if k == 'cancel' and self.chance(0.3):
                    return f'cancel {v} m{self.t(1, 3)}'
                return f'{k} {v}'
            if k == 'qsize' or k == 'get_nowait':
                return f'{k} {self.resource("Q")}'
            if k == 'put_nowait':
                return f'put_nowait {self.resource("Q")} {self.val()}'
            if k == 'inc':
                return f'inc {self.resource("v")}'
            if k == 'locked':
                return f'locked {self.resource(r.choice("LS"))}'
            if k == 'release':
                if not cb:
                    continue  # a task releases what it acquired (see below)
                return f'release {self.resource(r.choice("LS"))}'
            return 'all_tasks'

    def filler(self, ctx):
        """A short statement (no block) that rarely blocks forever."""
        r = self.r
        k = r.choices(
            ['sleep', 'sync', 'soon', 'later', 'cancelling', 'raise',
             'get_nowait_try', 'uncancel'],
            [30, 30, 8, 10, 4, 3, 5, 2])[0]
        if k == 'sleep':
            return [Node(f'sleep {self.t()}')]
        if k == 'sync':
            st = self.sync_stmt(ctx)
            if st.startswith(('get_nowait', 'put_nowait')) and self.chance(0.7):
                return [Node('try', [Node(st)], 'except error pass')]
            return [Node(st)]
        if k == 'soon':
            return [Node(f'soon {self.sync_stmt(ctx, cb=True)}')]
        if k == 'later':
            return [Node(f'later {self.t()} {self.sync_stmt(ctx, cb=True)}')]
        if k == 'cancelling':
            return [Node('cancelling')]
        if k == 'uncancel':
            return [Node('uncancel')]
        if k == 'raise':
            return [Node(f'raise {self.exc_label()}')]
        q = self.resource('Q')
        return [Node('try', [Node(f'get_nowait {q}')], 'except error pass')]

    # -- blocking statements on the synchronisation objects

    def wait_on(self, ctx):
        """A statement (or short block) that waits on a primitive."""
        r = self.r
        k = r.choices(['event', 'get', 'lock', 'sem', 'bsem', 'cond',
                       'cond_for', 'put', 'join', 'acquire'],
                      [16, 14, 12, 7, 5, 6, 6, 5, 3, 6])[0]
        if k == 'event':
            return [Node(f'wait {self.resource("E")}')]
        if k == 'get':
            q = self.resource('Q')
            out = [Node(f'get {q}')]
            if self.chance(0.4):
                out.append(Node(f'task_done {q}'))
            return out
        if k == 'put':
            return [Node(f'put {self.resource("Q")} {self.val()}')]
        if k == 'join':
            return [Node(f'join {self.resource("Q")}')]
        if k in ('lock', 'sem', 'bsem'):
            x = self.resource({'lock': 'L', 'sem': 'S', 'bsem': 'B'}[k])
            if x in ctx.held:
                return [Node(f'sleep {self.t(0, 2)}')]
            inner = ctx.inner(held=ctx.held + (x,))
            body = [Node(f'sleep {self.t(0, 2)}')]
            if self.chance(0.4):
                body.insert(0, Node(f'locked {x}') if k != 'bsem' else
                            Node(self.sync_stmt(inner)))
            return [Node(f'with {x}', body)]
        if k == 'acquire':
            x = self.resource(r.choice('LS'))
            if x in ctx.held:
                return [Node(f'locked {x}')]
            body = [Node(f'acquire {x}'), Node(f'sleep {self.t(0, 2)}')]
            if self.chance(0.3):
                body.append(Node(f'locked {x}'))
            body.append(Node(f'release {x}'))
            return body
        c = self.resource('C')
        if c in ctx.conds:
            return [Node(f'cwait {c}')]
        if k == 'cond':
            body = [Node(f'cwait {c}')]
        else:
            v = self.resource('v')
            body = [Node(f'cwait_for {c} {v} {self.t(1, 2)}')]
        if self.chance(0.3):
            body.append(Node(self.r.choice((f'notify {c} 1', f'notify_all {c}'))))
        return [Node(f'with {c}', body)]

    def wake(self, ctx):
        """A statement that wakes waiters of a primitive."""
        r = self.r
        k = r.choices(['set', 'put', 'notify', 'release_cb', 'inc_notify',
                       'put_nowait', 'task_done'],
                      [20, 12, 10, 6, 8, 8, 4])[0]
        if k == 'set':
            return [Node(f'set {self.resource("E")}')]
        if k == 'put':
            return [Node(f'put {self.resource("Q")} {self.val()}')]
        if k == 'put_nowait':
            return [Node('try', [Node(f'put_nowait {self.resource("Q")} {self.val()}')],
                         'except error pass')]
        if k == 'task_done':
            return [Node('try', [Node(f'task_done {self.resource("Q")}')],
                         f'except error {r.choice(("pass", "return 1"))}')]
        if k == 'release_cb':
            x = self.resource(r.choice('LS'))
            return [Node(f'later {self.t(0, 3)} release {x}')]
        c = self.resource('C')
        body = []
        if k == 'inc_notify':
            body.append(Node(f'inc {self.resource("v")}'))
        body.append(Node(r.choice((f'notify {c} {self.t(1, 2)}', f'notify_all {c}'))))
        if c in ctx.conds:
            return body
        return [Node(f'with {c}', body)]

    # -- compositions

    def compose(self, ctx, prefer=None):
        r = self.r
        if not self.below(ctx):
            return self.filler(ctx)
        k = r.choices(['gather', 'wait', 'wait_for', 'shield', 'as_completed',
                       'await', 'call'],
                      [18, 16, 16, 10, 10, 18, 8])[0]
        pre = []
        if k in ('gather',):
            args = []
            for _ in range(r.choice((0,) + (1, 2, 2, 3) * 10)):
                a, p = self.comp_arg(ctx, prefer)
                pre += p
                args.append(a)
            rx = ' rx' if self.chance(0.4) else ''
            return pre + [Node(' '.join(['gather'] + args) + rx)]
        if k in ('wait', 'as_completed'):
            args = []
            for _ in range(r.choice((0,) + (1, 2, 2, 3) * 10)):
                if self.chance(0.6) or not ctx.known:
                    v, p = self.spawn(ctx, prefer)
                    pre += p
                else:
                    v = self.ref_var(ctx)
                if v is not None:
                    args.append(v)
            if args and self.chance(0.15):
                args.append(r.choice(args))  # a repeat
            if self.chance(0.3) and pre:
                pre.append(Node(f'sleep {self.t()}'))  # some already done
            tm = self.tmo() if self.chance(0.6) else 'none'
            if k == 'wait':
                w = r.choice(('ALL', 'FIRST', 'FIRST', 'EXC'))
                return pre + [Node('wait ' + ' '.join(args + [f'when={w}', f'timeout={tm}']))]
            return pre + [Node('as_completed ' + ' '.join(args + [f'timeout={tm}']))]
        if k == 'wait_for':
            a, p = self.comp_arg(ctx, prefer)
            return p + [Node(f'wait_for {a} {self.tmo()}')]
        if k == 'shield':
            a, p = self.comp_arg(ctx, prefer)
            return p + [Node(f'shield {a}')]
        if k == 'call':
            ci = self.pick_coro(ctx, prefer)
            return [Node(f'call {self.names[ci]}')]
        v = self.ref_var(ctx)
        if v is None or self.chance(0.3):
            v, pre = self.spawn(ctx, prefer)
        return pre + [Node(f'await {v}')]

    # -- blocks

    def guard(self, ctx, body, kinds=None):
        """Wrap body in try/except."""
        r = self.r
        kind = r.choice(kinds or ('cancelled', 'timeout', 'error', 'any'))
        act = r.choices(['pass', 'raise', 'return'], [60, 15, 25])[0]
        if act == 'return':
            act = f'return {self.val()}'
        return [Node('try', body, f'except {kind} {act}')]

    def small_block(self, ctx, n=None):
        """A block of 1-3 statements."""
        out = []
        for _ in range(n or self.r.choice((1, 1, 2, 2, 3))):
            out += self.any_stmt(ctx)
        return out

    def any_stmt(self, ctx):
        """One random statement (possibly a block), for fillers and mixed
        bodies."""
        r = self.r
        ks = ['filler', 'wait_on', 'wake', 'compose', 'spawn', 'block',
              'return']
        w = [30, 12, 10, 16, 10, 14 if ctx.depth < MAX_DEPTH else 0, 2]
        k = r.choices(ks, w)[0]
        if k == 'filler':
            return self.filler(ctx)
        if k == 'wait_on':
            return self.wait_on(ctx)
        if k == 'wake':
            return self.wake(ctx)
        if k == 'compose':
            return self.compose(ctx)
        if k == 'spawn':
            v, s = self.spawn(ctx)
            return s or self.filler(ctx)
        if k == 'return':
            return [Node(f'return {self.val()}')]
        return self.block(ctx)

    def block(self, ctx):
        r = self.r
        k = r.choices(['try', 'timeout', 'taskgroup', 'repeat', 'with'],
                      [30, 22, 18, 12, 18])[0]
        inner = ctx.inner()
        if k == 'try':
            return self.guard(ctx, self.small_block(inner))
        if k == 'timeout':
            return [Node(f'timeout {self.tmo()}', self.small_block(inner))]
        if k == 'taskgroup':
            if not self.below(ctx):
                return self.filler(ctx)
            inner.tg = True
            body = []
            for _ in range(r.choice((1, 2, 2, 3))):
                ci = self.pick_coro(ctx)
                body.append(Node(f'tg_spawn {self.new_var(ci, inner)} {self.names[ci]}'))
            if self.chance(0.5):
                body += self.small_block(inner, 1)
            return [Node('taskgroup', body)]
        if k == 'repeat':
            return [Node(f'repeat {r.choice((2, 2, 3))}', self.small_block(inner, r.choice((1, 2))))]
        x = self.resource(r.choice('LSBC'))
        if x in ctx.held or x in ctx.conds:
            return self.filler(ctx)
        if x[0] == 'C':
            inner.conds = ctx.conds + (x,)
            body = self.small_block(inner, 1)
            body.append(Node(r.choice((f'notify {x} 1', f'notify_all {x}', f'cwait {x}'))))
            return [Node(f'with {x}', body)]
        inner.held = ctx.held + (x,)
        return [Node(f'with {x}', self.small_block(inner))]

    # -- helper coroutines by role

    def helper(self, i):
        ctx = Ctx(i)
        role = self.roles[i]
        r = self.r
        body = []
        if self.chance(0.25):
            body += self.filler(ctx)
        if role == 'sleeper':
            body.append(Node(f'sleep {self.t()}'))
            if self.chance(0.3):
                body += self.filler(ctx)
            if self.chance(0.75):
                body.append(Node(f'return {self.val()}'))
        elif role == 'failer':
            if self.chance(0.6):
                body.append(Node(f'sleep {self.t(0, 2)}'))
            body.append(Node(f'raise {self.exc_label()}'))
        elif role == 'stubborn':
            inner = ctx.inner()
            tb = r.choice((
                lambda: [Node(f'sleep {self.t(1, 3)}')],
                lambda: self.wait_on(inner),
                lambda: self.compose(inner),
                lambda: [Node(f'sleep {self.t(1, 3)}')] + self.filler(inner),
            ))()
            kind = r.choice(('cancelled', 'cancelled', 'any', 'cancelled'))
            if self.chance(0.6):
                body.append(Node('try', tb, f'except {kind} return {self.val()}'))
            else:
                body.append(Node('try', tb, f'except {kind} pass'))
                after = []
                if self.chance(0.6):
                    after.append(Node('cancelling'))
                if self.chance(0.4):
                    after.append(Node('uncancel'))
                if self.chance(0.5):
                    after.append(Node(f'sleep {self.t(0, 2)}'))
                if self.chance(0.2) and self.below(ctx):
                    # a task created while cancelled (at shutdown: never
                    # awaited by asyncio.run, destroyed pending)
                    v, s = self.spawn(ctx)
                    after += s
                body += after
                if self.chance(0.2):
                    body.append(Node(f'raise {self.exc_label()}'))
                else:
                    body.append(Node(f'return {self.val()}'))
        elif role == 'waiter':
            body += self.wait_on(ctx)
            if self.chance(0.4):
                body += self.filler(ctx)
            if self.chance(0.6):
                body.append(Node(f'return {self.val()}'))
        elif role == 'producer':
            if self.chance(0.7):
                body.append(Node(f'sleep {self.t(0, 2)}'))
            body += self.wake(ctx)
            if self.chance(0.5):
                body += self.wake(ctx)
            if self.chance(0.4):
                body.append(Node(f'return {self.val()}'))
        elif role == 'composer' and self.below(ctx):
            for _ in range(r.choice((1, 1, 2))):
                act = r.choice((self.compose, self.compose, self.block,
                                self.act_spawn_cancel))
                body += act(ctx)
            if self.chance(0.5):
                body.append(Node(f'return {self.val()}'))
        else:
            for _ in range(r.randint(2, 4)):
                body += self.any_stmt(ctx)
        if not body:
            body.append(Node(f'sleep {self.t()}'))
        return body

    # -- main's acts

    def act_spawn_cancel(self, ctx):
        r = self.r
        v, pre = self.spawn(ctx, ('waiter', 'stubborn', 'composer', 'sleeper'))
        if v is None:
            return self.filler(ctx)
        out = list(pre)
        if self.chance(0.8):
            out.append(Node(f'sleep {r.choice((0, 0, 1, 1, 2))}'))
        how = r.choices(['direct', 'soon', 'later'], [70, 12, 18])[0]
        msg = f' m{self.t(1, 3)}' if self.chance(0.3) else ''
        if how == 'direct':
            out.append(Node(f'cancel {v}{msg}'))
        elif how == 'soon':
            out.append(Node(f'soon cancel {v}{msg}'))
        else:
            out.append(Node(f'later {self.t(0, 2)} cancel {v}{msg}'))
        if self.chance(0.2):
            out.append(Node(f'state {v}'))
        fin = r.choices(['await', 'wait_for', 'gather', 'shield', 'state',
                         'none'], [35, 15, 15, 10, 10, 15])[0]
        if fin == 'await':
            end = [Node(f'await {v}')]
        elif fin == 'wait_for':
            end = [Node(f'wait_for {v} {self.tmo()}')]
        elif fin == 'gather':
            end = [Node(f'gather {v}' + (' rx' if self.chance(0.5) else ''))]
        elif fin == 'shield':
            end = [Node(f'shield {v}')]
        elif fin == 'state':
            end = [Node(f'sleep {self.t(0, 1)}'), Node(f'state {v}')]
        else:
            end = []
        if end and fin != 'state' and self.chance(0.7):
            end = self.guard(ctx, end, ('cancelled', 'any', 'cancelled', 'error'))
        return out + end

    def act_compose(self, ctx):
        body = self.compose(ctx)
        if self.chance(0.35):
            return self.guard(ctx, body)
        return body

    def act_timeout(self, ctx):
        r = self.r
        T = self.t(0, 3)
        inner = ctx.inner()
        k = r.choice(('sleep', 'sleep', 'compose', 'wait_on', 'call', 'nested'))
        if k == 'sleep':
            body = [Node(f'sleep {r.choice((T, T, T + 1, max(T - 1, 0)))}')]
        elif k == 'compose':
            body = self.compose(inner, ('sleeper', 'stubborn'))
        elif k == 'wait_on':
            body = self.wait_on(inner)
        elif k == 'call' and self.below(ctx):
            body = [Node(f'call {self.names[self.pick_coro(ctx)]}')]
        elif k == 'nested' and ctx.depth + 2 <= MAX_DEPTH:
            body = [Node(f'timeout {self.tmo()}', [Node(f'sleep {self.t(1, 3)}')])]
            if self.chance(0.5):
                body = self.guard(inner, body, ('timeout', 'cancelled'))
        else:
            body = [Node(f'sleep {T}')]
        if self.chance(0.3):
            body.append(Node(r.choice(('cancelling', f'sleep {self.t(0, 1)}'))))
        out = [Node(f'timeout {T}', body)]
        if self.chance(0.5):
            out = self.guard(ctx, out, ('timeout', 'error', 'any'))
        return out

    def act_taskgroup(self, ctx):
        r = self.r
        if not self.below(ctx):
            return self.filler(ctx)
        inner = ctx.inner(tg=True)
        body = []
        for j in range(r.choice((1, 2, 2, 3))):
            if j and self.chance(0.25):
                body.append(Node(f'sleep {r.choice((0, 0, 1))}'))
            ci = self.pick_coro(ctx, ('failer', 'sleeper', 'stubborn', 'waiter'))
            body.append(Node(f'tg_spawn {self.new_var(ci, inner)} {self.names[ci]}'))
        k = r.choices(['none', 'sleep', 'raise', 'filler', 'await', 'wait'],
                      [20, 30, 10, 20, 10, 10])[0]
        if k == 'sleep':
            body.append(Node(f'sleep {self.t()}'))
        elif k == 'raise':
            body.append(Node(f'raise {self.exc_label()}'))
        elif k == 'filler':
            body += self.filler(inner)
        elif k == 'await':
            body.append(Node(f'await {inner.known[-1]}'))
        elif k == 'wait':
            body += self.wait_on(inner)
        if self.chance(0.25):
            v, s = self.spawn(inner)
            body[1:1] = s
        out = [Node('taskgroup', body)]
        if self.chance(0.5):
            out = self.guard(ctx, out, ('error', 'any', 'cancelled'))
        return out

    def act_state(self, ctx):
        """Lock / queue / semaphore state read between steps."""
        r = self.r
        k = r.choice(('lock', 'queue', 'sem', 'queue_race', 'join'))
        if k == 'lock':
            x = self.resource('L')
            if x in ctx.held:
                return [Node(f'locked {x}')]
            body = []
            if self.below(ctx):
                # a waiter on the lock, spawned while we hold it
                ci = self.pick_coro(ctx)
                self._force_role(ci, 'lock', x)
                v = self.new_var(ci, ctx)
                body.append(Node(f'spawn {v} {self.names[ci]}'))
            body.append(Node(f'sleep {self.t(0, 1)}'))
            out = [Node(f'acquire {x}')] + body + [Node(f'release {x}'), Node(f'locked {x}')]
            if self.chance(0.5):
                out.append(Node('sleep 0'))
                out.append(Node(f'locked {x}'))
            return out
        if k == 'sem':
            x = self.resource('S')
            return [Node(f'acquire {x}'), Node(f'locked {x}'),
                    Node(f'later {self.t(0, 2)} release {x}'),
                    Node(f'acquire {x}'), Node(f'locked {x}'),
                    Node(f'release {x}')]
        q = self.resource('Q')
        if k == 'queue_race' and self.below(ctx):
            ci = self.pick_coro(ctx)
            self._force_role(ci, 'get', q)
            v = self.new_var(ci, ctx)
            out = [Node(f'spawn {v} {self.names[ci]}'), Node('sleep 0'),
                   Node(f'put_nowait {q} {self.val()}'),
                   Node(f'qsize {q}')]
            out += self.guard(ctx, [Node(f'get_nowait {q}')], ('error',))
            out += [Node('sleep 0'), Node(f'state {v}')]
            return out
        if k == 'join':
            return [Node(f'put_nowait {q} {self.val()}'), Node(f'get {q}'),
                    Node(f'task_done {q}'), Node(f'join {q}'), Node(f'qsize {q}')]
        out = [Node(f'put {q} {self.val()}'), Node(f'qsize {q}')]
        if self.chance(0.5):
            out.append(Node(f'put_nowait {q} {self.val()}'))
        out.append(Node(f'get {q}'))
        out.append(Node(f'qsize {q}'))
        return self.guard(ctx, out, ('error',)) if self.chance(0.5) else out

    def _force_role(self, ci, what, obj):
        """Make helper ci wait on obj (overrides its role's body)."""
        self.forced.setdefault(ci, (what, obj))

    def act_condition(self, ctx):
        r = self.r
        c = self.resource('C')
        out = []
        vs = []
        if self.below(ctx):
            for _ in range(r.choice((1, 2))):
                ci = self.pick_coro(ctx)
                self._force_role(ci, 'cond', c)
                v = self.new_var(ci, ctx)
                vs.append(v)
                out.append(Node(f'spawn {v} {self.names[ci]}'))
        out.append(Node(f'sleep {self.t(0, 1)}'))
        if vs and self.chance(0.3):
            out.append(Node(f'cancel {r.choice(vs)}'))
        body = []
        if self.chance(0.5):
            body.append(Node(f'inc {self.resource("v")}'))
        body.append(Node(r.choice((f'notify {c} 1', f'notify {c} 2', f'notify_all {c}'))))
        if c not in ctx.conds:
            out.append(Node(f'with {c}', body))
        else:
            out += body
        if vs and self.chance(0.6):
            out += self.guard(ctx, [Node(f'gather {" ".join(vs)} rx')], ('any',))
        return out

    def act_callbacks(self, ctx):
        """Loop callbacks in the same tick as timers."""
        r = self.r
        T = self.t(0, 2)
        out = []
        v, pre = self.spawn(ctx, ('sleeper', 'waiter', 'stubborn'))
        out += pre
        for _ in range(r.choice((1, 2))):
            if v is not None and self.chance(0.4):
                s = f'cancel {v}'
            else:
                s = self.sync_stmt(ctx, cb=True)
            out.append(Node(f'later {T} {s}' if self.chance(0.7) else f'soon {s}'))
        if self.chance(0.5):
            e = self.resource('E')
            out.append(Node(f'later {T} set {e}'))
            out.append(Node(f'wait {e}'))
        out.append(Node(f'sleep {T}'))
        if v is not None:
            out.append(Node(f'state {v}'))
        return out

    def act_shutdown(self, ctx):
        """What main does last: leave tasks running, wake a task."""
        r = self.r
        out = []
        k = r.choice(('spawn', 'spawn', 'set', 'cancel', 'tg'))
        if k in ('spawn', 'tg'):
            for _ in range(r.choice((1, 2))):
                v, s = self.spawn(ctx)
                out += s
            if self.chance(0.4):
                out.append(Node('sleep 0'))
        elif k == 'set':
            if self.below(ctx):
                ci = self.pick_coro(ctx)
                e = self.resource('E')
                self._force_role(ci, 'event', e)
                v = self.new_var(ci, ctx)
                out.append(Node(f'spawn {v} {self.names[ci]}'))
                out.append(Node(f'sleep {self.t(0, 1)}'))
                out.append(Node(f'set {e}'))
        else:
            v = self.ref_var(ctx, down=False)
            if v is not None:
                out.append(Node(f'cancel {v}'))
        if self.chance(0.5):
            out.append(Node(f'return {self.val()}'))
        return out

    def act_cancelling(self, ctx):
        """Main cancelled by its own timeout: cancelling/uncancel."""
        r = self.r
        inner = [Node(f'sleep {self.t(2, 3)}')]
        handler = self.guard(ctx, inner, ('cancelled',))
        handler[0].exc = 'except cancelled pass'
        body = handler + [Node('cancelling')]
        if self.chance(0.5):
            body.append(Node('uncancel'))
        body.append(Node(f'sleep {self.t(0, 1)}'))
        out = [Node(f'timeout {self.t(0, 1)}', body)]
        if self.chance(0.6):
            out = self.guard(ctx, out, ('timeout', 'cancelled', 'any'))
        out.append(Node('cancelling'))
        return out

    def act_repeat(self, ctx):
        r = self.r
        inner = ctx.inner()
        k = r.choice(('producer', 'spawn', 'mixed'))
        if k == 'producer':
            q = self.resource('Q')
            body = [Node(f'put {q} {self.val()}'), Node(f'qsize {q}')]
            if self.below(ctx):
                ci = self.pick_coro(ctx)
                self._force_role(ci, 'get', q)
                v = self.new_var(ci, ctx)
                return [Node(f'spawn {v} {self.names[ci]}'),
                        Node(f'repeat {r.choice((2, 3))}', body)]
            return [Node(f'repeat 2', body)]
        if k == 'spawn' and self.below(ctx):
            v, s = self.spawn(inner)
            return [Node('repeat 2', s + [Node(f'sleep {self.t(0, 1)}')]),
                    Node(f'await {v}')]
        return [Node(f'repeat {r.choice((2, 3))}', self.small_block(inner, 2))]

    ACTS = ('spawn_cancel', 'compose', 'timeout', 'taskgroup', 'state',
            'condition', 'callbacks', 'cancelling', 'repeat', 'any')
    ACT_WEIGHTS = (20, 20, 14, 14, 10, 7, 10, 4, 5, 10)

    def main_body(self):
        ctx = Ctx(0)
        body = []
        nacts = self.r.choice((1, 2, 2, 3, 3))
        for j in range(nacts):
            a = self.r.choices(self.ACTS, self.ACT_WEIGHTS)[0]
            act = getattr(self, 'act_' + a)(ctx) if a != 'any' else self.any_stmt(ctx)
            if j < nacts - 1 and act[0].head != 'try' and self.chance(0.4):
                # let main go on to its next act most of the time
                act = self.guard(ctx, act, ('error', 'any', 'timeout', 'cancelled'))
                act[0].exc = act[0].exc.replace(' raise', ' pass')
            body += act
        if self.chance(0.5):
            body += self.act_shutdown(ctx)
        return body

    def forced_body(self, i, what, obj):
        r = self.r
        ctx = Ctx(i)
        if what == 'lock':
            body = [Node(f'with {obj}', [Node(f'sleep {self.t(0, 1)}')])]
            if self.chance(0.4):
                body = [Node(f'locked {obj}')] + body
        elif what == 'get':
            body = [Node(f'get {obj}')]
            if self.chance(0.5):
                body.append(Node(f'task_done {obj}'))
            if self.chance(0.4):
                body = [Node('repeat 2', body)]
        elif what == 'event':
            body = [Node(f'wait {obj}')]
        else:  # cond
            if self.chance(0.5):
                v = self.resource('v')
                w = Node(f'cwait_for {obj} {v} 1')
            else:
                w = Node(f'cwait {obj}')
            body = [Node(f'with {obj}', [w])]
        if self.chance(0.4):
            body = self.guard(ctx, body, ('cancelled', 'any'))
        if self.chance(0.5):
            body += self.filler(ctx)
        body.append(Node(f'return {self.val()}'))
        return body

    def rescue(self, bodies):
        """Most waits get a way out: main starts with loop callbacks that
        wake the waiters of each primitive some programs wait on (a late
        `set`, `put_nowait`, `get_nowait`, `release`) and, for conditions,
        a last coroutine that notifies. Keeps deadlocks a minority."""
        blocked = {}

        def walk(nodes):
            for nd in nodes:
                w = nd.head.split()
                k = w[0]
                if k == 'wait' and len(w) == 2 and w[1][0] == 'E':
                    blocked.setdefault(w[1], 'set')
                elif k == 'get':
                    blocked.setdefault(w[1], 'put_nowait')
                elif k == 'put' and w[1] not in blocked:
                    blocked[w[1]] = 'get_nowait'
                elif k in ('cwait', 'cwait_for'):
                    blocked.setdefault(w[1], 'notify')
                elif k == 'acquire' or (k == 'with' and w[1][0] in 'LS'):
                    blocked.setdefault(w[1], 'release')
                if nd.body:
                    walk(nd.body)
        for b in bodies:
            walk(b)
        pre = []
        notify = []
        for x in sorted(blocked, key=lambda x: ('LESBCQv'.index(x[0]), x)):
            how = blocked[x]
            # a leaked lock is rarer than a wait nobody ends
            if not self.chance(0.35 if how == 'release' else 0.85):
                continue
            if how == 'notify':
                notify.append(x)
                continue
            if how == 'put_nowait':
                how = f'put_nowait {x} {self.val()}'
            else:
                how = f'{how} {x}'
            for _ in range(2 if self.chance(0.3) else 1):
                pre.append(Node(f'later {self.t(1, 3)} {how}'))
        if notify and self.n < 5:
            self.n += 1
            name = f'c{self.n}'
            self.names.append(name)
            self.roles.append('notifier')
            body = [Node(f'sleep {self.t(1, 3)}')]
            for c in notify:
                inner = [Node(f'notify_all {c}')]
                if 'v1' in self.res:
                    inner.insert(0, Node('inc v1'))
                body.append(Node(f'with {c}', inner))
            bodies.append(body)
            v = f't{len(self.var_coro) + 1}'
            self.var_coro[v] = self.n
            pre.append(Node(f'spawn {v} {name}'))
        bodies[0][0:0] = pre

    def build(self):
        self.forced = {}
        main = self.main_body()
        bodies = [main]
        for i in range(1, self.n + 1):
            if i in self.forced:
                bodies.append(self.forced_body(i, *self.forced[i]))
            else:
                bodies.append(self.helper(i))
        self.rescue(bodies)
        names, bodies = self.prune(bodies)
        decl_order = 'LESBCQv'
        decls = [self.res[x] for x in sorted(self.res_order,
                                             key=lambda x: (decl_order.index(x[0]), int(x[1:])))]
        return render(decls, list(zip(names, bodies)))

    def prune(self, bodies):
        """Drop the coroutines main never reaches (their names keep their
        numbers: c1, c3 ...)."""
        refs = {}
        for name, body in zip(self.names, bodies):
            found = []

            def walk(nodes):
                for nd in nodes:
                    for w in nd.head.split()[1:]:
                        if w in self.names:
                            found.append(w)
                    if nd.body:
                        walk(nd.body)
            walk(body)
            refs[name] = found
        seen, todo = {'main'}, ['main']
        while todo:
            for w in refs[todo.pop()]:
                if w not in seen:
                    seen.add(w)
                    todo.append(w)
        keep = [i for i, name in enumerate(self.names) if name in seen]
        return [self.names[i] for i in keep], [bodies[i] for i in keep]


def worst_case_tasks(prog):
    """The most tasks a run can create (main included; not the two of
    asyncio.run's shutdown)."""
    memo = {}

    def coro(name):
        if name not in memo:
            memo[name] = block(prog.coros[name])
        return memo[name]

    def block(stmts):
        total = 0
        for s in stmts:
            k, a = s.kind, s.args
            if k in ('spawn', 'tg_spawn'):
                total += 1 + coro(a[1])
            elif k == 'call':
                total += coro(a[0])
            elif k in ('gather', 'wait_for', 'shield'):
                total += sum(1 + coro(x) for x in a if x.startswith('c'))
            if s.body is not None:
                total += block(s.body) * (int(a[0]) if k == 'repeat' else 1)
        return total

    return 1 + coro('main')


def block_depth(stmts):
    """How deep blocks nest (a body without blocks: 0)."""
    return max([1 + block_depth(s.body) if s.body else 0 for s in stmts] or [0])


def count_stmts(stmts):
    return sum(1 + (count_stmts(s.body) if s.body else 0) for s in stmts)


def generate(seed):
    """The script of a seed: the first attempt that parses, is within the
    size limits and whose worst case stays under MAX_TASKS tasks."""
    for attempt in range(1000):
        g = Gen(seed * 1000 + attempt)
        text = g.build()
        prog = interp.parse(text)  # the generator must write valid scripts
        nlines = text.count('\n')
        if worst_case_tasks(prog) > MAX_TASKS or nlines > 60:
            continue
        if len(prog.coros) < 2 or any(
                not body or block_depth(body) > MAX_DEPTH or
                count_stmts(body) > (MAX_MAIN if name == 'main' else MAX_HELPER)
                for name, body in prog.coros.items()):
            continue
        return text
    raise RuntimeError(f'seed {seed}: no program within the limits')


if __name__ == '__main__':
    for a in sys.argv[1:]:
        sys.stdout.write(generate(int(a)))
