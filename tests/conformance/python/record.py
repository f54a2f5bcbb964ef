#!/usr/bin/env python3
"""Record the conformance corpus.

    python3 record.py --count 2400 --out ../corpus

generates the programs of seeds 1, 2, 3, ... (gen.generate), runs each on
CPython (interp.py) and writes corpus/000.txt, 001.txt, ... with 100
programs each (the format is at the end of ../LANGUAGE.md). A seed whose
program fails a check below, or that is listed in excluded_seeds.txt (found
nondeterministic by check.py), is skipped: the corpus holds the first
`count` seeds that pass. The output is a function of the seeds only: running
it twice writes byte-identical files.

    python3 record.py --stats ../corpus     # statistics of a corpus
"""

import argparse
import collections
import multiprocessing
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen      # noqa: E402
import interp   # noqa: E402

PER_FILE = 100
MAX_TRACE_LINES = 250     # keeps the corpus small
MAX_TIMERS = 100          # asyncio compacts its timer heap above this


def excluded_seeds():
    """Seeds check.py found nondeterministic: `<seed> <reason>` per line."""
    path = os.path.join(HERE, 'excluded_seeds.txt')
    out = {}
    if os.path.exists(path):
        for line in open(path):
            line = line.split('#', 1)[0].strip()
            if line:
                seed, _, why = line.partition(' ')
                out[int(seed)] = why.strip()
    return out


def run_seed(seed):
    """(seed, program text, trace lines, reason to drop or None)."""
    text = gen.generate(seed)
    trace, it = interp.run_text(text)
    why = None
    if any(line.startswith('report other ') for line in trace):
        why = 'a report of an unknown kind'
    elif it.max_scheduled > MAX_TIMERS:
        why = f'{it.max_scheduled} timers scheduled at once'
    elif len(trace) > MAX_TRACE_LINES:
        why = f'trace of {len(trace)} lines'
    return seed, text, trace, why


def program_block(number, seed, text, trace):
    return (f'=== program {number:04d} seed {seed}\n{text}--- trace\n'
            + ''.join(line + '\n' for line in trace))


def parse_corpus(directory):
    """[(number, seed, program text, trace lines)] of a corpus directory."""
    out = []
    for name in sorted(os.listdir(directory)):
        if not re.match(r'[0-9]{3}\.txt\Z', name):
            continue
        data = open(os.path.join(directory, name)).read()
        for chunk in data.split('=== program ')[1:]:
            head, _, rest = chunk.partition('\n')
            number, _, seed = head.partition(' seed ')
            text, _, trace = rest.partition('--- trace\n')
            out.append((int(number), int(seed), text,
                        trace.split('\n')[:-1] if trace else []))
    return out


def record(count, outdir, jobs, start=1):
    excluded = excluded_seeds()
    kept, dropped = [], []
    seed = start
    with multiprocessing.Pool(jobs) as pool:
        while len(kept) < count:
            want = count - len(kept)
            seeds = []
            while len(seeds) < want + want // 10 + 8:
                if seed in excluded:
                    dropped.append((seed, 'excluded: ' + excluded[seed]))
                else:
                    seeds.append(seed)
                seed += 1
            for s, text, trace, why in pool.imap(run_seed, seeds, chunksize=8):
                if len(kept) >= count:
                    break
                if why:
                    dropped.append((s, why))
                else:
                    kept.append((s, text, trace))
    dropped = [d for d in dropped if d[0] <= kept[-1][0]]
    os.makedirs(outdir, exist_ok=True)
    for old in os.listdir(outdir):
        if re.match(r'[0-9]{3}\.txt\Z', old):
            os.remove(os.path.join(outdir, old))
    for f in range(0, len(kept), PER_FILE):
        with open(os.path.join(outdir, f'{f // PER_FILE:03d}.txt'), 'w') as fh:
            for i, (s, text, trace) in enumerate(kept[f:f + PER_FILE], f + 1):
                fh.write(program_block(i, s, text, trace))
    for s, why in sorted(dropped):
        print(f'dropped seed {s}: {why}', file=sys.stderr)
    print(f'{len(kept)} programs (seeds {kept[0][0]}..{kept[-1][0]}), '
          f'{len(dropped)} seeds dropped', file=sys.stderr)


# ---------------------------------------------------------------- statistics

def statement_kinds(text, trace):
    """Counts of statement kinds in a script, and of those the trace shows
    ran (a line with their `@n`). A callback's statement counts as
    `soon:<kind>` / `later:<kind>`, an except clause as `except KIND ACTION`.
    `try`, `repeat` and `return` log nothing and are never counted as run."""
    prog = interp.parse(text)
    ran = set(int(m.group(1)) for m in
              (re.match(r'\S+ \S+ @(\d+) ', line) for line in trace) if m)
    c, r = collections.Counter(), collections.Counter()

    def count(k, s):
        c[k] += 1
        if s.n in ran:
            r[k] += 1

    def walk(stmts):
        for s in stmts:
            k = s.kind
            if k == 'wait_event':
                k = 'wait E'
            elif k == 'wait':
                k = 'wait (tasks)'
            count(k, s)
            if s.sub is not None:
                count(f'{s.kind}:{s.sub.kind}', s)
            if s.exc is not None:
                c[f'except {s.exc[0]} {s.exc[1]}'] += 1
            if s.kind == 'with':
                count(f'with {s.args[0][0]}', s)
            if s.body:
                walk(s.body)
    for body in prog.coros.values():
        walk(body)
    return c, r, prog


def stats(directory):
    progs = parse_corpus(directory)
    kinds, ran = collections.Counter(), collections.Counter()
    in_progs = collections.Counter()
    events = collections.Counter()
    shapes = collections.Counter()
    deadlocks = lines = prog_lines = 0
    for _, _, text, trace in progs:
        c, r, prog = statement_kinds(text, trace)
        kinds.update(c)
        ran.update(r)
        in_progs.update(c.keys())
        shapes[len(prog.coros)] += 1
        lines += len(trace)
        prog_lines += text.count('\n')
        if trace and trace[-1].startswith('DEADLOCK'):
            deadlocks += 1
        for line in trace:
            m = re.match(r'\S+ \S+ @\d+ (unset|caught|exit !|!|next)', line)
            if m:
                events[m.group(1)] += 1
            elif line.startswith('report '):
                events[' '.join(line.split()[:2])] += 1
            elif line.startswith('result !'):
                events['result !'] += 1
            elif line.startswith('result '):
                events['result'] += 1
    files = [f for f in os.listdir(directory) if re.match(r'[0-9]{3}\.txt\Z', f)]
    size = sum(os.path.getsize(os.path.join(directory, f)) for f in files)
    n = len(progs)
    runnable = sum(v for k, v in kinds.items()
                   if k not in ('try', 'repeat', 'return') and ':' not in k
                   and not k.startswith(('except', 'with ')))
    ran_all = sum(v for k, v in ran.items()
                  if ':' not in k and not k.startswith('with '))
    print(f'- programs: {n} in {len(files)} files, {size} bytes')
    print(f'- deadlocks: {deadlocks} ({100 * deadlocks / n:.1f}%)')
    print(f'- average program: {prog_lines / n:.1f} lines, coroutines per '
          f'program (main included): '
          + ', '.join(f'{k}: {v}' for k, v in sorted(shapes.items())))
    print(f'- average trace: {lines / n:.1f} lines')
    print(f'- statements that ran (logged at least once): {ran_all} of '
          f'{runnable} ({100 * ran_all / runnable:.0f}%)')
    print()
    print('| statement | occurrences | in programs | ran |')
    print('|---|---:|---:|---:|')
    for k, v in sorted(kinds.items()):
        shown = '' if k in ('try', 'repeat', 'return') or k.startswith('except') \
            else ran[k]
        print(f'| `{k}` | {v} | {in_progs[k]} | {shown} |')
    print()
    print('| trace line | count |')
    print('|---|---:|')
    for k, v in sorted(events.items()):
        print(f'| `{k}` | {v} |')


def main():
    if sys.version_info[:3] != (3, 11, 7):
        # pins.py copies asyncio 3.11.7's functions; other versions of
        # asyncio also order events differently (e.g. 3.12's TaskGroup)
        print(f'warning: the corpus is defined by CPython 3.11.7, this is '
              f'{sys.version.split()[0]}', file=sys.stderr)
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--count', type=int, default=2400)
    ap.add_argument('--out', default=os.path.join(HERE, '..', 'corpus'))
    ap.add_argument('--jobs', type=int, default=os.cpu_count())
    ap.add_argument('--stats', metavar='DIR', help='print statistics of a corpus')
    opt = ap.parse_args()
    if opt.stats:
        stats(opt.stats)
    else:
        record(opt.count, opt.out, opt.jobs)


if __name__ == '__main__':
    main()
