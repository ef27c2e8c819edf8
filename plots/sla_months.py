#!/usr/bin/python3
"""SLA month view: availability per service month against the standard, with the credit-tier bands.

Uses the contract evaluation stored by `ccsim run` (section "sla"). Without one (no contract bound), it shows
the share of minutes meeting the 99% success rule per calendar month instead, labelled as such.
usage: /usr/bin/python3 plots/sla_months.py RESULTS.h5 [-o OUT.png] [--tenant NAME]
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import ccsim_results as cr

TIER_COLOURS = ["#fff3b0", "#ffd59e", "#ffb3a7", "#f28b82", "#e06666"]


def share(obj, key):
    """A share read by its key, never guessed from its size (docs/output-format.md "Section layout"): numbers
    are fractions, except under keys ending in _pct, which are percents."""
    v = obj.get(key) if isinstance(obj, dict) else None
    v = mean(v)
    if v is None:
        return None
    return float(v) / 100 if key.endswith("_pct") else float(v)


def ci(v, i):
    """Bound i (0 low, 1 high) of an estimate {"mean", "ci95": [lo, hi]}; the mean without an interval."""
    if isinstance(v, dict) and isinstance(v.get("ci95"), list) and v["ci95"][i] is not None:
        return v["ci95"][i]
    return mean(v)


def mean(v):
    return v.get("mean") if isinstance(v, dict) else v


def tenant_sla(sla, tenant):
    """sla.tenants[] entry whose "tenant" is `tenant` (every section lists its tenants this way)."""
    ts = sla.get("tenants") if isinstance(sla, dict) else None
    for t in ts if isinstance(ts, list) else []:
        if isinstance(t, dict) and t.get("tenant") == tenant:
            return t
    return None


def month_list(tsla, tenant):
    """The service months and where they were found: sla.tenants[tenant=<t>].summary.months (what `ccsim run`
    writes, docs/sla.md), else months directly under the tenant."""
    if not isinstance(tsla, dict):
        return None, None
    summary = tsla.get("summary")
    if isinstance(summary, dict) and summary.get("months"):
        return summary["months"], f"sla.tenants[{tenant}].summary.months"
    if tsla.get("months"):
        return tsla["months"], f"sla.tenants[{tenant}].months"
    return None, None


def month_colour(m):
    """Never green for a month that owes a credit: red when the headline reading owes one, orange when only
    the table reading does (docs/output-format.md, HTML report)."""
    def owes(v):
        x = mean(v)
        return isinstance(x, (int, float)) and x > 0
    if owes(m.get("credit_owed")) or owes(m.get("p_eligible")):
        return "#d62728"
    table = (m.get("credit_by_reading") or {}).get("table") or {}
    if owes(table.get("credit_owed")) or owes(table.get("credit_pct")):
        return "#ff7f0e"
    return "#2ca02c"


def main():
    a = cr.arguments(__doc__.splitlines()[0], "-sla-months.png")
    with cr.open_results(a.results) as f:
        tenant = cr.pick_tenant(f, a.tenant)
        tsla = tenant_sla(cr.section(f, "sla"), tenant)
        months, where = month_list(tsla, tenant)
        fig, ax = plt.subplots(figsize=(10, 4.5))
        if months:
            print(f"availability per service month from {where}", file=sys.stderr)
            labels, values, lo, hi = [], [], [], []
            colours = []
            for m in months:
                labels.append(str(m.get("month", {}).get("first_day", "?"))[:7])
                av = m.get("availability")
                values.append(mean(av))
                lo.append(ci(av, 0))
                hi.append(ci(av, 1))
                colours.append(month_colour(m))
            summary = tsla.get("summary") if isinstance(tsla.get("summary"), dict) else tsla
            standard = share(summary, "availability_standard") if "availability_standard" in summary \
                else share(tsla.get("contract") or {}, "availability_standard")
            tiers = (tsla.get("contract") or {}).get("tiers") or []
            for k, t in enumerate(tiers):
                if isinstance(t, dict) and t.get("lower") is not None:
                    ax.axhspan(share(t, "lower"), share(t, "upper") if "upper" in t else 1, color=TIER_COLOURS[k % 5],
                               alpha=0.6, label=f"{t.get('label', 'tier')} ({t.get('credit_pct', '?')}% credit)")
            values = np.array(values, dtype=float)
            colours = ["#d62728" if standard and v < standard else c for v, c in zip(values, colours)]
            x = np.arange(len(values))
            ax.bar(x, values, color=colours, width=0.5)
            ax.errorbar(x, values, yerr=[values - np.array(lo, float), np.array(hi, float) - values], fmt="none", ecolor="k",
                        capsize=4)
            if standard:
                ax.axhline(standard, color="#c00000", ls="--", label=f"standard {standard:.3%}")
            floor = min([standard or 1] + [v for v in lo if v is not None])
            title = f"{tenant}: availability per service month (mean, 95% interval)"
        else:
            # The minute rule per calendar month, mean over replications: not the contract's evaluation.
            per_rep = []
            for rep in cr.replications(f):
                m = cr.minute(f, rep, tenant)
                ok = 1 - m["unavailable"].astype(float).groupby(m.index.to_period("M")).mean()
                per_rep.append(ok.to_numpy())
                months = [str(p) for p in ok.index]
            values = np.mean(per_rep, axis=0)
            labels = months
            x = np.arange(len(values))
            ax.bar(x, values, color="#1f77b4", width=0.5)
            floor = float(np.min(values))
            title = f"{tenant}: minutes meeting the 99% success rule (no SLA section: not the contract)"
        ax.set_xticks(x, labels)
        ax.set_ylim(max(0.0, 1 - (1 - floor) * 1.6 - 1e-4), 1.0)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=2))
        ax.set_ylabel("availability")
        ax.set_title(title)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="lower left", fontsize=8)
        cr.save_figure(fig, a.output)
    print(a.output)


if __name__ == "__main__":
    main()
