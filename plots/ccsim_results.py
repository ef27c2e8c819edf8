"""Reading a ccsim HDF5 results file (layout: docs/output-format.md, "HDF5 results") for the plot scripts.

Only h5py, numpy and pandas from Debian (python3-h5py, python3-pandas); no other dependency.
"""
import argparse
import json

import h5py
import numpy as np
import pandas as pd


def open_results(path):
    """Opens a results file, refusing anything that is not one."""
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise SystemExit(f"{path}: cannot open as HDF5 ({e})")
    if f.attrs.get("format") != "ccsim-results":
        f.close()
        raise SystemExit(f"{path}: not a ccsim results file (root attribute 'format' is {f.attrs.get('format')!r})")
    return f


def tenants(f):
    return [str(t) for t in f.attrs["tenants"]]


def safe(name):
    """Group name of an entity (same rule as the writer: '/' becomes '_')."""
    return name.replace("/", "_") if name not in ("", ".") else "_"


def replications(f):
    """Names of the replications ('rep_0000', ...), sorted: rows of the table /replication_tables/replications
    (format version 5), groups under /replications before."""
    if "replication_tables/replications" in f:
        return sorted(f"rep_{int(r):04d}" for r in f["replication_tables/replications"]["replication"])
    return sorted(f["replications"].keys())


def replication_number(rep):
    """'rep_0003' -> 3."""
    return int(rep.split("_", 1)[1])


def first_replication(f):
    reps = replications(f)
    if not reps:
        raise SystemExit("the results file holds no replication")
    return reps[0]


def to_time(epoch_seconds):
    """Time axis values (epoch seconds of the scenario clock) as pandas timestamps (no zone)."""
    return pd.to_datetime(np.asarray(epoch_seconds), unit="s")


def frame(obj):
    """A series as a DataFrame indexed by its time axis: a compound table (format version 2: one row per
    minute or interval, one field per column) or a group of 1-D columns (format version 1)."""
    if isinstance(obj, h5py.Dataset):
        df = pd.DataFrame(obj[()])
    else:
        cols = {k: obj[k][()] for k in obj if isinstance(obj[k], h5py.Dataset) and obj[k].ndim == 1}
        df = pd.DataFrame(cols)
    if "time" in df:
        df.index = to_time(df.pop("time"))
    return df


def table(dataset):
    """A compound table as a DataFrame, strings decoded."""
    df = pd.DataFrame(dataset[()])
    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: v.decode("utf-8") if isinstance(v, bytes) else v)
    return df


def replication_table(f, rep, name):
    """The rows of one replication ('rep_0000') of a per-replication table ('incidents', 'scaling'): format
    version 3 keeps one table across replications in /replication_tables (field 'replication'), versions 1
    and 2 one per replication under /replications/rep_NNNN."""
    if f"replication_tables/{name}" in f:
        df = table(f[f"replication_tables/{name}"])
        return df[df["replication"] == replication_number(rep)].drop(columns="replication").reset_index(drop=True)
    return table(f[f"replications/{rep}/{name}"])


def _tenant_rows(f, rep, tenant, name):
    """Format version 5: one replication's rows of the tenant's table `name` (minute, failures_by_cause), found
    through the tenant's table `replications` (minute_first_row/minute_rows, failures_first_row/failures_rows)
    rather than by reading every replication's."""
    base = f"replication_tables/tenants/{safe(tenant)}"
    where = f[f"{base}/replications"][()]
    i = np.flatnonzero(where["replication"] == replication_number(rep))
    if not len(i):
        raise SystemExit(f"no replication {rep} of tenant {tenant!r} in the results")
    key = "minute" if name == "minute" else "failures"
    first, n = int(where[f"{key}_first_row"][i[0]]), int(where[f"{key}_rows"][i[0]])
    ds = f[f"{base}/{name}"]
    return ds, pd.DataFrame(ds[first:first + n]).drop(columns="replication")


def minute(f, rep, tenant):
    """A tenant's per-minute table of one replication ('rep_0000') as a DataFrame indexed by time, like frame():
    format version 5 keeps every replication's minutes in one table /replication_tables/tenants/<t>/minute
    (field 'replication'), earlier versions one table (or group) per replication."""
    if "replication_tables/replications" in f:
        _, df = _tenant_rows(f, rep, tenant, "minute")
        df.index = to_time(df.pop("time"))
        return df
    return frame(f[f"replications/{rep}/tenants/{safe(tenant)}/minute"])


def minute_causes(f, rep, tenant):
    """A tenant's failures by cause per minute of one replication ('rep_0000'), one column per cause
    (failures_host_down ...), indexed by time like frame(): format versions 4 and 5 store only the minutes and
    causes that had failures (table failures_by_cause, cause = index into its attribute cause_names; version 5
    one table across replications), versions 2 and 3 a column per cause in the minute table."""
    m = minute(f, rep, tenant)
    if "replication_tables/replications" in f:
        ds, rows = _tenant_rows(f, rep, tenant, "failures_by_cause")
    else:
        g = f[f"replications/{rep}/tenants/{safe(tenant)}"]
        if "failures_by_cause" not in g:
            return m[[c for c in m.columns if c.startswith("failures_")]]
        ds = g["failures_by_cause"]
        rows = pd.DataFrame(ds[()])
    names = [n.decode("utf-8") if isinstance(n, bytes) else str(n) for n in ds.attrs["cause_names"]]
    dense = pd.DataFrame(0, index=m.index, columns=[f"failures_{n}" for n in names], dtype="uint32")
    for t, c, n in zip(to_time(rows["time"]), rows["cause"], rows["count"]):
        dense.at[t, f"failures_{names[int(c)]}"] = n
    return dense


def section(f, name):
    """A JSON section of the run summary (sla, platform, seats) or None."""
    key = f"sections/{name}"
    if key not in f:
        return None
    return json.loads(f[key].attrs["json"])


def scenario(f):
    return json.loads(f.attrs["scenario_json"])


def arguments(description, default_suffix):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("results", help="HDF5 results file written by `ccsim run`")
    p.add_argument("-o", "--output", help=f"PNG file (default: RESULTS stem + '{default_suffix}')")
    p.add_argument("--tenant", help="tenant to draw (default: the first)")
    a = p.parse_args()
    if not a.output:
        stem = a.results[:-3] if a.results.endswith(".h5") else a.results
        a.output = stem + default_suffix
    return a


def pick_tenant(f, wanted):
    names = tenants(f)
    if wanted is None:
        return names[0]
    if wanted not in names:
        raise SystemExit(f"no tenant {wanted!r} in the results (tenants: {', '.join(names)})")
    return wanted


def save_figure(fig, output, dates=False):
    """Lays out and writes a figure the same way in every script (PNG, 110 dpi)."""
    if dates:
        fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(output, dpi=110)
