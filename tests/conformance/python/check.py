#!/usr/bin/env python3
"""Determinism check of a recorded corpus.

    python3 check.py ../corpus [--rounds 3] [--batch 40] [--jobs 2]

Runs every program of the corpus again, in fresh processes (batches of
--batch programs per process), each process with its own random
PYTHONHASHSEED, and before each program perturbs the heap: it allocates and
keeps a random number of objects of the sizes of tasks, futures, handles and
frames, and frees a random part of them again (holes in the free lists), so
that the new tasks land at other addresses than when the corpus was
recorded. Any trace that differs from the recorded one is printed with the
first differing line, and the seeds are listed at the end: each is either a
missing pin (see pins.py) or a program to add to excluded_seeds.txt.

With --unpinned[=wait,as_completed,taskgroup,shutdown,gc] the programs run
without (some of) the pins (CONFORMANCE_UNPINNED): the traces that then
differ show that the perturbation is strong enough to expose the orders the
pins fix, and which programs depend on which pin.

Exit status: 0 if every trace matched.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def perturb(rng, keep):
    """Allocate objects of task-like sizes, keep a random part of them."""
    class Obj:
        pass

    makers = (
        lambda: bytearray(rng.randint(40, 400)),
        lambda: [None] * rng.randint(1, 30),
        lambda: {i: i for i in range(rng.randint(0, 12))},
        Obj,
        lambda: asyncio_future_like(),
    )
    batch = [rng.choice(makers)() for _ in range(rng.randint(0, 3000))]
    rng.shuffle(batch)
    keep.extend(batch[:rng.randint(0, len(batch))])


def asyncio_future_like():
    import asyncio
    return asyncio.Future.__new__(asyncio.Future)


def worker():
    """Reads [(seed, text)] as JSON on stdin, writes [(seed, trace)]."""
    sys.path.insert(0, HERE)
    import interp
    jobs = json.load(sys.stdin)
    rng = random.Random(int(os.environ.get('CHECK_PERTURB_SEED', '0')))
    keep = []
    out = []
    for seed, text in jobs:
        perturb(rng, keep)
        if rng.random() < 0.3:
            del keep[:rng.randint(0, len(keep))]
        trace, _ = interp.run_text(text)
        out.append((seed, trace))
    json.dump(out, sys.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('corpus', nargs='?', default=os.path.join(HERE, '..', 'corpus'))
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--batch', type=int, default=40)
    ap.add_argument('--jobs', type=int, default=os.cpu_count())
    ap.add_argument('--seed', type=int, default=None,
                    help='seed of the hash seeds and perturbations (default: time)')
    ap.add_argument('--unpinned', metavar='PINS', nargs='?', const='all',
                    help='leave out the pins: all (default) or a comma-separated '
                         'list of wait, as_completed, taskgroup, shutdown, gc')
    ap.add_argument('--worker', action='store_true', help=argparse.SUPPRESS)
    opt = ap.parse_args()
    if opt.worker:
        return worker()
    sys.path.insert(0, HERE)
    import record
    progs = record.parse_corpus(opt.corpus)
    expected = {seed: trace for _, seed, _, trace in progs}
    master = random.Random(opt.seed if opt.seed is not None else time.time_ns())
    bad = {}
    running = []
    t0 = time.time()
    for rnd in range(opt.rounds):
        order = [(seed, text) for _, seed, text, _ in progs]
        master.shuffle(order)
        batches = [order[i:i + opt.batch] for i in range(0, len(order), opt.batch)]
        for b in batches:
            while len(running) >= opt.jobs:
                collect(running.pop(0), expected, bad)
            env = dict(os.environ,
                       PYTHONHASHSEED=str(master.randint(1, 2**32 - 1)),
                       CHECK_PERTURB_SEED=str(master.randint(0, 2**32)))
            if opt.unpinned:
                env['CONFORMANCE_UNPINNED'] = opt.unpinned
            p = subprocess.Popen([sys.executable, __file__, '--worker'],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 env=env, text=True)
            p.stdin.write(json.dumps(b))
            p.stdin.close()
            running.append((p, env['PYTHONHASHSEED']))
        while running:
            collect(running.pop(0), expected, bad)
        print(f'round {rnd + 1}: {len(progs)} programs, {len(bad)} differ so far '
              f'({time.time() - t0:.0f}s)', file=sys.stderr)
    for seed in sorted(bad):
        print(f'seed {seed}: {bad[seed]}')
    print(f'{len(bad)} of {len(progs)} programs differ', file=sys.stderr)
    return 1 if bad else 0


def collect(item, expected, bad):
    p, hashseed = item
    out = json.load(p.stdout)
    if p.wait() != 0:
        raise SystemExit('a worker failed')
    for seed, trace in out:
        exp = expected[seed]
        if trace != exp and seed not in bad:
            i = next((i for i, (a, b) in enumerate(zip(trace, exp)) if a != b),
                     min(len(trace), len(exp)))
            got = trace[i] if i < len(trace) else '<end>'
            want = exp[i] if i < len(exp) else '<end>'
            bad[seed] = (f'line {i + 1} of the trace: recorded {want!r}, '
                         f'got {got!r} (PYTHONHASHSEED={hashseed})')


if __name__ == '__main__':
    sys.exit(main())
