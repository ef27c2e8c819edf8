#!/usr/bin/env python3
"""Peak memory of a whole process tree (the command, its workers and its HDF5 writer children).

usage: tree_peak.py [--interval S] -- CMD ARGS...

Samples every process of the tree (found through /proc/*/stat parent ids) every --interval seconds and
prints, on stderr after the command ends:
  tree_peak_pss_mib   the largest sum over the tree of Pss (proportional set size: a page shared by a
                      forked child and its parent counts once), the figure docs/performance.md quotes;
  tree_peak_rss_mib   the largest sum of RSS (counts copy-on-write pages once per process: an upper bound);
  max_process_hwm_mib the largest VmHWM of a single process seen (what getrusage's maxrss reports).
Exit code: the command's. Processes living shorter than the interval can be missed, so the interval is short.
"""
import os
import subprocess
import sys
import time


def children_map():
    kids = {}
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        try:
            with open(f'/proc/{d}/stat') as f:
                s = f.read()
        except OSError:
            continue
        ppid = int(s[s.rfind(')') + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(d))
    return kids


def tree(root):
    kids = children_map()
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def kib(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(args, interval=0.02, output=None):
    """Runs `args` (stdout and stderr to the file object `output`, if given); returns (exit code, peak tree PSS
    MiB, peak tree RSS MiB, max process HWM MiB)."""
    proc = subprocess.Popen(args, stdout=output, stderr=output)
    peak_pss = peak_rss = peak_hwm = 0
    while proc.poll() is None:
        pss = rss = 0
        for p in tree(proc.pid):
            pss += kib(f"/proc/{p}/smaps_rollup", "Pss:")
            rss += kib(f"/proc/{p}/status", "VmRSS:")
            peak_hwm = max(peak_hwm, kib(f"/proc/{p}/status", "VmHWM:"))
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(interval)
    return proc.returncode, peak_pss / 1024, peak_rss / 1024, peak_hwm / 1024


def main():
    args = sys.argv[1:]
    interval = 0.02
    if args[:1] == ['--interval']:
        interval = float(args[1])
        args = args[2:]
    if args[:1] == ['--']:
        args = args[1:]
    code, pss, rss, hwm = measure(args, interval)
    print(f'tree_peak_pss_mib {pss:.1f}', file=sys.stderr)
    print(f'tree_peak_rss_mib {rss:.1f}', file=sys.stderr)
    print(f'max_process_hwm_mib {hwm:.1f}', file=sys.stderr)
    sys.exit(code)


if __name__ == '__main__':
    main()
