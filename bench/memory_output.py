#!/usr/bin/env python3
"""Issue 11 figures: peak memory of the whole `ccsim run` process tree, and the cost of writing the results.

usage: bench/memory_output.py [--ccsim build/ccsim] [--quick] [--only memory|output]

Prints one line per case:
  memory  12 months of month-2000 (default outputs)      peak PSS of the tree (parent + workers + writer)
  memory  one month of month-2000 with --call-records    idem
  output  1,000 one-day replications of small-center    HDF5 write time vs simulation (elapsed) time
  output  one month of month-2000                        idem
The write time is what `ccsim run` prints ("results: PATH (written in ...)"); the simulation time is its
"Run: ... elapsed" (the replication runner, workers included). --quick: 30 days / 100 replications, to check
that the script runs. Never used by the tests: figures depend on the machine (docs/performance.md).
"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tree_peak import measure  # noqa: E402

UNITS = {'d': 86400, 'h': 3600, 'min': 60, 's': 1, 'ms': 0.001}


def seconds(text):
    """'2min 19s' / '0.721s' / '1h 2min' -> seconds (core/time.hpp format_duration)."""
    return sum(float(v) * UNITS[u] for v, u in re.findall(r'([\d.]+)(d|h|min|ms|s)\b', text))


def run(ccsim, args, workdir):
    with tempfile.TemporaryFile(mode='w+') as out:
        code, pss, _, hwm = measure([ccsim, 'run'] + args, output=out)
        out.seek(0)
        text = out.read()
    if code != 0:
        sys.exit(f'ccsim run {" ".join(args)} failed ({code}):\n{text[-2000:]}')
    sim = re.search(r'Run: .*?, ([^,]*) elapsed', text)
    write = re.search(r'results: .* \(written in ([^)]*)\)', text)
    return pss, hwm, seconds(sim.group(1)) if sim else None, seconds(write.group(1)) if write else None


def main():
    args = sys.argv[1:]
    ccsim = 'build/ccsim'
    if '--ccsim' in args:
        ccsim = args[args.index('--ccsim') + 1]
    quick = '--quick' in args
    year, reps = ('30d', '100') if quick else ('365d', '1000')
    work = tempfile.mkdtemp(prefix='ccsim-bench-')
    h5 = os.path.join(work, 'out.h5')
    cases = [
        ('memory', f'month-2000, {year}', ['scenarios/month-2000.yaml', '--set', f'horizon.length={year}', '-o', h5]),
        ('memory', 'month-2000, 30d, --call-records', ['scenarios/month-2000.yaml', '--call-records', '-o', h5]),
        ('output', f'small-center, {reps} x 1d, -j2', ['scenarios/small-center.yaml', '-r', reps, '-j', '2', '-o', h5]),
        ('output', 'month-2000, 30d', ['scenarios/month-2000.yaml', '-o', h5]),
    ]
    only = args[args.index('--only') + 1] if '--only' in args else None
    for kind, name, a in cases:
        if only and kind != only:
            continue
        pss, hwm, sim, write = run(ccsim, a, work)
        line = f'{kind:6} {name:36} tree peak PSS {pss:7.1f} MiB (largest process {hwm:6.1f} MiB)'
        if sim and write is not None:
            line += f'  simulation {sim:7.2f} s  write {write:6.2f} s  write/sim {100 * write / sim:5.1f}%'
        print(line, flush=True)
        os.remove(h5)
    os.rmdir(work)


if __name__ == '__main__':
    main()
