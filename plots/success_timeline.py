#!/usr/bin/python3
"""Success-rate timeline: per-minute call success rate of one replication, unavailable minutes and faults marked.

usage: /usr/bin/python3 plots/success_timeline.py RESULTS.h5 [-o OUT.png] [--tenant NAME]
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import ccsim_results as cr


def main():
    a = cr.arguments(__doc__.splitlines()[0], "-success.png")
    with cr.open_results(a.results) as f:
        tenant = cr.pick_tenant(f, a.tenant)
        rep = cr.first_replication(f)
        m = cr.minute(f, rep, tenant)
        inc = cr.replication_table(f, rep, "incidents")
        fig, ax = plt.subplots(figsize=(12, 4.5))
        ax.plot(m.index, m["success_rate"], lw=0.8, color="#1f77b4", label="success rate")
        ax.axhline(0.99, color="#c00000", ls="--", lw=1, label="99% minute threshold")
        bad = m.index[m["unavailable"].to_numpy() > 0]
        for t in bad:
            ax.axvspan(t, t + np.timedelta64(60, "s"), color="#d62728", alpha=0.3, lw=0)
        if len(bad):
            ax.plot([], [], color="#d62728", alpha=0.5, lw=6, label=f"unavailable minutes ({len(bad)})")
        for _, i in inc.iterrows():
            who = i.get("tenants", "")
            if who and tenant not in who.split(","):
                continue
            start = cr.to_time([i["start"]])[0]
            end = cr.to_time([i["recovered"] if np.isfinite(i["recovered"]) else m.index[-1].value / 1e9])[0]
            ax.axvspan(start, end, color="#ff7f0e", alpha=0.15, lw=0)
            ax.axvline(start, color="#ff7f0e", lw=1)
            ax.annotate(f"{i['kind']}: {i['target']}", (start, 1.0), xytext=(3, -12), textcoords="offset points",
                        fontsize=8, color="#a04000")
        lowest = np.nanmin(m["success_rate"].to_numpy()) if m["success_rate"].notna().any() else 1.0
        ax.set_ylim(min(0.98, np.floor(lowest * 50) / 50), 1.002)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=1))
        ax.set_ylabel("call success rate")
        ax.set_title(f"{tenant}: per-minute call success ({rep})")
        ax.legend(loc="lower left", fontsize=8)
        cr.save_figure(fig, a.output, dates=True)
    print(a.output)


if __name__ == "__main__":
    main()
