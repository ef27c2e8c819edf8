#!/usr/bin/python3
"""Staffing vs required: agents logged in per interval against the Erlang C requirement for the SL target.

Required agents per interval: for each call type, the smallest N > A (A = its offered load in Erlang = its
calls reaching the queues x its mean handle time / interval length) with 1 - C(N, A) exp(-(N - A) T / AHT) >=
target (Erlang C service level, with the call type's own T and target); the requirement drawn is the sum over
call types (each served as if by its own agents: an upper bound when groups are shared). Erlang C ignores
abandonment, so it is a planner's reference, slightly above what a center with impatient callers needs.
usage: /usr/bin/python3 plots/staffing.py RESULTS.h5 [-o OUT.png] [--tenant NAME]
"""
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import ccsim_results as cr


def erlang_c(n, a):
    """Probability of waiting in M/M/n with offered load a (< n), via the stable Erlang B recursion."""
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return n * b / (n - a * (1 - b))


def required_agents(a, aht, threshold, target):
    if not (a > 0) or not (aht > 0):
        return 0
    n = int(math.floor(a)) + 1
    while 1 - erlang_c(n, a) * math.exp(-(n - a) * threshold / aht) < target:
        n += 1
    return n


def main():
    a = cr.arguments(__doc__.splitlines()[0], "-staffing.png")
    with cr.open_results(a.results) as f:
        tenant = cr.pick_tenant(f, a.tenant)
        base = f"aggregate/tenants/{cr.safe(tenant)}/intervals"
        t = cr.to_time(f[f"{base}/time"][()])
        interval = float(f.attrs["interval_s"])
        required = np.zeros(len(t))
        targets = []
        for name in f[f"{base}/call_types"]:
            ct = f[f"{base}/call_types/{name}"]
            threshold = float(ct.attrs.get("sl_threshold_s", 20))
            target = float(ct.attrs.get("sl_target", 0.8))
            targets.append(f"{name} {target:.0%} in {threshold:.0f}s")
            required += np.array([required_agents(q * h / interval, h, threshold, target) if np.isfinite(h) else 0
                                  for q, h in zip(ct["queued"][()], ct["aht"][()])], dtype=float)
        print("required agents: Erlang C per call type: " + "; ".join(targets), file=sys.stderr)
        staffed = np.zeros(len(t))
        busy = np.zeros(len(t))
        for g in f[f"{base}/groups"]:
            staffed += np.nan_to_num(f[f"{base}/groups/{g}/staffed_agents"][()])
            busy += np.nan_to_num(f[f"{base}/groups/{g}/busy_agents"][()])
        fig, ax = plt.subplots(figsize=(12, 4.5))
        ax.step(t, staffed, where="post", color="#1f77b4", label="agents logged in (mean)")
        ax.step(t, busy, where="post", color="#2ca02c", lw=0.9, label="agents busy (mean)")
        ax.step(t, required, where="post", color="#d62728", ls="--",
                label="required (Erlang C per call type: " + "; ".join(targets) + ")")
        ax.set_ylim(bottom=0)
        ax.set_ylabel("agents")
        ax.set_title(f"{tenant}: staffing vs required per interval")
        ax.legend(loc="upper left", fontsize=8)
        cr.save_figure(fig, a.output, dates=True)
    print(a.output)


if __name__ == "__main__":
    main()
