#!/usr/bin/python3
"""Interval KPI heatmap: one KPI (replication mean) as day x interval-of-day, to see daily patterns at a glance.

usage: /usr/bin/python3 plots/kpi_heatmap.py RESULTS.h5 [-o OUT.png] [--tenant NAME] [--kpi sl_answered]
       [--call-type NAME | --group NAME]
KPIs: the dataset names under /aggregate/tenants/<t>/intervals/{all_call_types,call_types/<c>,groups/<g>}
(e.g. sl_answered, abandonment_rate, asa, occupancy, mean_queue); see docs/output-format.md.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import ccsim_results as cr


def main():
    extra = {"--kpi": "sl_answered", "--call-type": None, "--group": None}
    argv = list(sys.argv)
    for k in list(extra):
        if k in argv:
            i = argv.index(k)
            extra[k] = argv[i + 1]
            del argv[i:i + 2]
    sys.argv = argv
    a = cr.arguments(__doc__.splitlines()[0], "-heatmap.png")
    with cr.open_results(a.results) as f:
        tenant = cr.pick_tenant(f, a.tenant)
        base = f"aggregate/tenants/{cr.safe(tenant)}/intervals"
        if extra["--group"]:
            g, what = f[f"{base}/groups/{cr.safe(extra['--group'])}"], f"group {extra['--group']}"
        elif extra["--call-type"]:
            g, what = f[f"{base}/call_types/{cr.safe(extra['--call-type'])}"], f"call type {extra['--call-type']}"
        else:
            g, what = f[f"{base}/all_call_types"], "all call types"
        kpi = extra["--kpi"]
        if kpi not in g:
            raise SystemExit(f"no KPI {kpi!r} here (have: {', '.join(k for k in g if not k.endswith(('_ci_lo', '_ci_hi')))})")
        t = cr.to_time(f[f"{base}/time"][()])
        v = g[kpi][()]
        units = g[kpi].attrs.get("units", "")
        interval = float(f.attrs["interval_s"])
        per_day = int(round(86400 / interval))
        days = sorted(set(t.normalize()))
        grid = np.full((len(days), per_day), np.nan)
        slot = ((t - t.normalize()).total_seconds() // interval).astype(int)
        row = np.searchsorted(np.array(days, dtype="datetime64[ns]"), t.normalize().to_numpy())
        grid[row, slot] = v
        fig, ax = plt.subplots(figsize=(12, max(2.5, 0.35 * len(days) + 1.5)))
        im = ax.imshow(grid, aspect="auto", interpolation="nearest", cmap="viridis" if units != "1" else "RdYlGn",
                       vmin=0 if units == "1" else None, vmax=1 if units == "1" and kpi != "occupancy" else None)
        hours = np.arange(0, 24, 2)
        ax.set_xticks(hours * 3600 / interval - 0.5, [f"{h:02d}:00" for h in hours])
        ax.set_yticks(range(len(days)), [d.strftime("%a %m-%d") for d in days])
        fig.colorbar(im, ax=ax, label=f"{kpi} ({units})")
        ax.set_title(f"{tenant}, {what}: {kpi} per interval (replication mean)")
        cr.save_figure(fig, a.output)
    print(a.output)


if __name__ == "__main__":
    main()
