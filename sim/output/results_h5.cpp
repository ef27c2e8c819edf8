// The HDF5 results file. Layout (documented in docs/output-format.md, "HDF5 results"):
//   /                               attributes: format, versions, scenario, seed, horizon, complete
//   /replication_tables/            every per-replication table, each across all replications, field
//                                   `replication` (format versions 3 and 5): replications (seed, complete,
//                                   calls, ...), incidents, scaling, and per tenant: replications (figures
//                                   and where the replication's rows of the next two are), minute,
//                                   failures_by_cause, intervals/, overall/
//   /replications/rep_NNNN/         only the call records (optional, large: kept per replication)
//       tenants/<t>/call_records
//   /aggregate/tenants/<t>/         replication means and 95% intervals (intervals/, overall/, availability)
//   /sections/<name>                the JSON sections (sla, platform, seats) as text + mirrored tables
// Raw facts (ledgers, samples, incidents) come from the replication results; everything a capability
// evaluates (SLA months, credits, hypotheses) comes from its JSON section, so it is computed once.
#include "output/results_h5.hpp"
#include "output/seats_render.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "core/time.hpp"
#include "core/atomic_file.hpp"
#include "output/h5_write_util.hpp"
#include "stats/call_record_spool.hpp"
#include "stats/kpi.hpp"

namespace ccsim {

namespace {

using h5::column;
using nlohmann::json;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string rep_group_name(int replication) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "rep_%04d", replication);
  return buf;
}

int64_t interval_start(const Horizon& h, int row) { return h.start + static_cast<int64_t>(std::llround(row * h.interval)); }

std::vector<int64_t> interval_times(const Horizon& h, int rows) {
  std::vector<int64_t> t(rows);
  for (int r = 0; r < rows; ++r) t[r] = interval_start(h, r);
  return t;
}

std::vector<uint8_t> warmup_flags(int rows, int first_counted) {
  std::vector<uint8_t> w(rows);
  for (int r = 0; r < rows; ++r) w[r] = r < first_counted ? 1 : 0;
  return w;
}

void write_time_axis(H5::Group& g, const std::vector<int64_t>& t, const std::string& what) {
  column(g, "time", t, kEpochUnits, "");
  H5::DataSet ds = g.openDataSet("time");
  h5::attr_string(ds, "description", what);
}

// ---------------------------------------------------------------- per replication, across replications

// The minute table is made in blocks of rows straight from the ledger, so a year of minutes (525,600 rows of
// 67 bytes) never sits in memory as one table.
constexpr size_t kMinuteBlock = 4096;

// Epoch seconds of the ledger's minute 0; a ledger without its own start takes the horizon's.
int64_t ledger_start(const Scenario& sc, const MinuteLedger& l) {
  return l.minutes() && l.start_epoch == 0 ? sc.horizon.start : l.start_epoch;
}

using Fields = std::vector<std::pair<std::string, h5::BlockTable::Kind>>;

// One tenant in one replication, and the rows it takes in the tenant's minute and failures_by_cause tables
// (a replication's rows are contiguous, in the order the replications are written).
struct TenantShare {
  const RepResult* rep;
  const TenantRep* t;
  int64_t minute_first = 0, minute_rows = 0, failures_first = 0, failures_rows = 0;
};

size_t failure_rows(const MinuteLedger& l) {
  size_t n = 0;
  for (uint32_t m : l.failures.stored_minutes())
    for (int c = 0; c < kNumCauses; ++c) n += l.failures[m][c] ? 1 : 0;
  return n;
}

// Every tenant of any replication, in first-seen order, with its shares (normally every replication).
std::vector<std::pair<std::string, std::vector<TenantShare>>> tenant_shares(const std::vector<RepResult>& reps) {
  std::vector<std::pair<std::string, std::vector<TenantShare>>> out;
  for (const RepResult& r : reps)
    for (const TenantRep& t : r.tenants) {
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == t.name; });
      if (it == out.end()) it = out.insert(out.end(), {t.name, {}});
      TenantShare s{&r, &t};
      if (!it->second.empty()) {
        const TenantShare& prev = it->second.back();
        s.minute_first = prev.minute_first + prev.minute_rows;
        s.failures_first = prev.failures_first + prev.failures_rows;
      }
      s.minute_rows = static_cast<int64_t>(t.ledger.minutes());
      s.failures_rows = static_cast<int64_t>(failure_rows(t.ledger));
      it->second.push_back(s);
    }
  return out;
}

// A table across the shares: its rows (all shares') and its storage, from the largest share. `rows` picks the
// table's count in a share (TenantShare::minute_rows or failures_rows, counted once by tenant_shares).
struct SharedTable {
  hsize_t rows = 0;
  h5::BlockTable::Storage storage;
};
SharedTable shared_table(const std::vector<TenantShare>& shares, int64_t TenantShare::*rows, const Fields& fields) {
  hsize_t total = 0, largest = 0;
  for (const TenantShare& s : shares) {
    total += static_cast<hsize_t>(s.*rows);
    largest = std::max<hsize_t>(largest, static_cast<hsize_t>(s.*rows));
  }
  return {total, h5::BlockTable::storage_for_shares(fields, largest)};
}

// replications: one row per replication (format version 5; version 4 had these as attributes of the
// replication's group).
void write_replications(H5::Group& g, const std::vector<RepResult>& reps) {
  using Cell = h5::BlockTable::Cell;
  const Fields fields = {{"replication", h5::BlockTable::I64}, {"seed", h5::BlockTable::I64},
                         {"complete", h5::BlockTable::I64},    {"calls", h5::BlockTable::I64},
                         {"events", h5::BlockTable::I64},      {"sim_seconds", h5::BlockTable::F64},
                         {"wall_seconds", h5::BlockTable::F64}};
  std::vector<Cell> cells;
  for (const RepResult& r : reps)
    for (Cell c : {Cell::of(r.replication), Cell::of(static_cast<int64_t>(r.seed)), Cell::of(r.complete ? 1 : 0),
                   Cell::of(static_cast<int64_t>(r.calls)), Cell::of(static_cast<int64_t>(r.events)), Cell{r.sim_seconds},
                   Cell{r.wall_seconds}})
      cells.push_back(c);
  h5::BlockTable tab(g, "replications", fields, reps.size(), h5::BlockTable::Contiguous);
  tab.append(cells);
  H5::DataSet& ds = tab.finish();
  h5::attr_strings(ds, "units", {"index", "1", "flag", "calls", "events", "s", "s"});
  h5::attr_string(ds, "description",
                  "one row per replication: its seed, whether it reached the end of the horizon, calls and engine "
                  "events simulated, simulated and wall time");
}

// <tenant>/replications: the tenant's figures in each replication and where that replication's rows of the
// minute and failures_by_cause tables are (readers take one replication's rows without scanning the table).
void write_tenant_replications(H5::Group& tg, const std::vector<TenantShare>& shares) {
  using Cell = h5::BlockTable::Cell;
  const Fields fields = {{"replication", h5::BlockTable::I64},        {"answered_calls", h5::BlockTable::I64},
                         {"billed_call_minutes", h5::BlockTable::I64}, {"max_seats_online", h5::BlockTable::I64},
                         {"minute_first_row", h5::BlockTable::I64},    {"minute_rows", h5::BlockTable::I64},
                         {"failures_first_row", h5::BlockTable::I64},  {"failures_rows", h5::BlockTable::I64}};
  std::vector<Cell> cells;
  for (const TenantShare& s : shares)
    for (int64_t v : {static_cast<int64_t>(s.rep->replication), static_cast<int64_t>(s.t->answered_calls),
                      static_cast<int64_t>(s.t->billed_call_minutes), static_cast<int64_t>(s.t->max_seats_online),
                      s.minute_first, s.minute_rows, s.failures_first, s.failures_rows})
      cells.push_back(Cell::of(v));
  h5::BlockTable tab(tg, "replications", fields, shares.size(), h5::BlockTable::Contiguous);
  tab.append(cells);
  h5::attr_strings(tab.finish(), "units", {"index", "calls", "minutes", "seats", "row", "rows", "row", "rows"});
}

// One row per minute of every replication (field `replication` first). Counts as uint32 (the ledger's own
// width) and flags as uint8 (format version 3; version 2 stored every field in 8 bytes): readers get doubles
// either way. The failures by cause are in failures_by_cause (format version 4), and the samples, whole
// numbers, are float32 (exact below 2^24, NaN where a minute was not sampled): a month's minute table was 159
// bytes a row, 43% of them zero counts of causes, and writing it was a fifth of a platform month's CPU time
// (docs/performance.md "Output cost").
void write_minute_table(H5::Group& tg, const Scenario& sc, const std::vector<TenantShare>& shares) {
  bool recordings = true;
  for (const TenantShare& s : shares)
    recordings = recordings && (s.minute_rows == 0 || s.t->ledger.recordings.size() == static_cast<size_t>(s.minute_rows));
  Fields fields;
  std::vector<std::string> units;
  auto field = [&](const std::string& name, h5::BlockTable::Kind k, const std::string& unit) {
    fields.emplace_back(name, k);
    units.push_back(unit);
  };
  field("replication", h5::BlockTable::U32, "index");
  field("time", h5::BlockTable::I64, kEpochUnits);
  field("requests", h5::BlockTable::U32, "calls");
  field("failures", h5::BlockTable::U32, "calls");
  field("success_rate", h5::BlockTable::F64, "1");
  field("unavailable", h5::BlockTable::U8, "flag");
  field("announced_event", h5::BlockTable::U8, "flag");
  field("qps_notice", h5::BlockTable::U8, "flag");
  if (recordings) field("recordings", h5::BlockTable::U32, "calls");
  for (int f = 0; f < MIN_NFIELDS; ++f) field(min_field_name(f), h5::BlockTable::F32, min_field_units(f));

  auto flag = [](const std::vector<uint8_t>& v, size_t m) { return static_cast<uint8_t>(m < v.size() ? v[m] : 0); };
  const SharedTable shared = shared_table(shares, &TenantShare::minute_rows, fields);
  h5::BlockTable tab(tg, "minute", fields, shared.rows, shared.storage);
  // Rows are packed in place field by field at the widths declared above (a month of minutes through 8-byte
  // cells first cost the writer ~15% more instructions).
  for (const TenantShare& s : shares) {
    const MinuteLedger& l = s.t->ledger;
    const auto& samples = s.t->minute;
    const auto n = static_cast<size_t>(s.minute_rows);  // the rows declared above: l.minutes()
    const int64_t start = ledger_start(sc, l);
    const auto replication = static_cast<uint32_t>(s.rep->replication);
    for (size_t from = 0; from < n; from += kMinuteBlock) {
      const size_t to = std::min(n, from + kMinuteBlock);
      tab.append_rows(to - from, [&](unsigned char* p) {
        unsigned char* const end = p + (to - from) * tab.row_bytes();
        auto put = [&p](auto v) {
          std::memcpy(p, &v, sizeof v);
          p += sizeof v;
        };
        for (size_t m = from; m < to; ++m) {
          const uint32_t req = l.requests[m], fail = l.failed(m);
          put(replication);
          put(start + static_cast<int64_t>(m) * 60);
          put(req);
          put(fail);
          put(req ? static_cast<double>(req - std::min(req, fail)) / req : kNaN);
          put(static_cast<uint8_t>(minute_unavailable_flag(req, fail) ? 1 : 0));
          put(flag(l.announced_event, m));
          put(flag(l.qps_notice, m));
          if (recordings) put(l.recordings[m]);
          // End-of-minute samples of the tenant's state; the table may be shorter than the ledger if interrupted.
          const bool sampled = static_cast<int>(m) < samples.rows;
          for (int f = 0; f < MIN_NFIELDS; ++f)
            put(sampled ? static_cast<float>(samples.at(static_cast<int>(m), f)) : std::numeric_limits<float>::quiet_NaN());
        }
        if (p != end) throw std::logic_error("minute table: a row packed to the wrong width");
      });
    }
  }
  H5::DataSet& ds = tab.finish();
  h5::attr_strings(ds, "units", units);
  h5::attr_string(ds, "description", "one row per replication and minute; time: start of the minute");
}

// failures_by_cause: one row per replication, minute and cause with at least one failure (format version 4;
// versions 2 and 3 had a column per cause in the minute table, zero in almost every minute). Causes are
// indexes into the attribute cause_names, the vocabulary of contracts and ledger CSVs (docs/sla.md).
void write_failures_by_cause(H5::Group& tg, const Scenario& sc, const std::vector<TenantShare>& shares) {
  const Fields fields = {{"replication", h5::BlockTable::U32},
                         {"time", h5::BlockTable::I64},
                         {"cause", h5::BlockTable::U8},
                         {"count", h5::BlockTable::U32}};
  const SharedTable shared = shared_table(shares, &TenantShare::failures_rows, fields);
  h5::BlockTable tab(tg, "failures_by_cause", fields, shared.rows, shared.storage);
  std::vector<h5::BlockTable::Cell> cells;
  for (const TenantShare& s : shares) {
    const MinuteLedger& l = s.t->ledger;
    const int64_t start = ledger_start(sc, l);
    cells.clear();
    for (uint32_t m : l.failures.stored_minutes())
      for (int c = 0; c < kNumCauses; ++c)
        if (const uint32_t v = l.failures[m][c]) {
          cells.push_back(h5::BlockTable::Cell::of(s.rep->replication));
          cells.push_back(h5::BlockTable::Cell::of(start + static_cast<int64_t>(m) * 60));
          cells.push_back(h5::BlockTable::Cell::of(c));
          cells.push_back(h5::BlockTable::Cell::of(v));
        }
    tab.append(cells);
  }
  std::vector<std::string> names;
  for (int c = 0; c < kNumCauses; ++c) names.push_back(cause_name(static_cast<Cause>(c)));
  H5::DataSet& ds = tab.finish();
  h5::attr_strings(ds, "cause_names", names);
  h5::attr_strings(ds, "units", {"index", kEpochUnits, "index", "calls"});
  h5::attr_string(ds, "description",
                  "one row per replication, minute and cause with failures; time: start of the minute");
}

CounterTable sum_tables(const std::vector<CounterTable>& tables, int rows, int fields) {
  CounterTable s;
  s.init(rows, fields);
  for (const auto& t : tables)
    for (size_t i = 0; i < s.v.size() && i < t.v.size(); ++i) s.v[i] += t.v[i];
  return s;
}

// The records go in blocks from wherever they are (the worker's spool file, or memory for merged parts), so
// a month of ten million records never sits in memory: same columns as an h5::Table of them.
void write_call_records(H5::Group& tg, const TenantRep& t) {
  h5::BlockTable tab(tg, "call_records",
                     {{"arrival", h5::BlockTable::F64}, {"wait", h5::BlockTable::F64}, {"handle", h5::BlockTable::F64},
                      {"call_type", h5::BlockTable::I32}, {"group", h5::BlockTable::I32},
                      {"attempt", h5::BlockTable::U8}, {"outcome", h5::BlockTable::U8}});
  std::vector<h5::BlockTable::Cell> rows;
  for_each_record_block(t, CallRecordSpool::kBlock, [&](const std::vector<CallRecord>& block) {
    rows.clear();
    for (const CallRecord& r : block) {
      rows.push_back({r.arrival});
      rows.push_back({r.wait});
      rows.push_back({r.handle});
      rows.push_back(h5::BlockTable::Cell::of(r.call_type));
      rows.push_back(h5::BlockTable::Cell::of(r.group));
      rows.push_back(h5::BlockTable::Cell::of(r.attempt));
      rows.push_back(h5::BlockTable::Cell::of(static_cast<int64_t>(r.outcome)));
    }
    tab.append(rows);
  });
  H5::DataSet& ds = tab.finish();
  h5::attr_strings(ds, "call_type_names", t.call_types);
  h5::attr_strings(ds, "group_names", t.groups);
  std::vector<std::string> outcomes;
  for (int o = 0; o <= static_cast<int>(CallOutcome::CutAtClose); ++o) outcomes.push_back(call_outcome_name(static_cast<CallOutcome>(o)));
  h5::attr_strings(ds, "outcome_names", outcomes);
  h5::attr_string(ds, "units", "arrival: s since horizon start; wait, handle: s; call_type, group, outcome: index into the *_names attributes");
}

// ---------------------------------------------------------------- across replications (format version 3)
// The small per-replication tables are rows of one table each across all replications, with a leading field
// `replication`: format version 2 made ~30 HDF5 objects and ~40 attributes per replication for them, which
// cost more than half the writer's time for 1,000 one-day replications (docs/performance.md, "Output cost").
// Readers address them by their version 2 paths (output/h5_reader.hpp).

void write_incidents(H5::Group& g, const std::vector<RepResult>& reps, int64_t start) {
  h5::Table tab;
  std::vector<std::string> kind, target, drill, tenants, note;
  std::vector<int64_t> replication, announced, dropped, failed;
  std::vector<double> t0, det, mig, rep, rec;
  auto when = [start](double s) { return s < 0 ? kNaN : static_cast<double>(start) + s; };
  for (const RepResult& r : reps)
    for (const Incident& i : r.incidents) {
      replication.push_back(r.replication);
      kind.push_back(incident_kind_name(i.kind));
      target.push_back(i.target);
      drill.push_back(i.drill);
      announced.push_back(i.announced ? 1 : 0);
      t0.push_back(when(i.start));
      det.push_back(when(i.detected));
      mig.push_back(when(i.migrated));
      rep.push_back(when(i.repaired));
      rec.push_back(when(i.recovered));
      dropped.push_back(i.calls_dropped);
      failed.push_back(i.requests_failed);
      std::string ts;
      for (const auto& t : i.tenants) ts += (ts.empty() ? "" : ",") + t;
      tenants.push_back(ts);
      note.push_back(i.note);
    }
  tab.add("replication", std::move(replication));
  tab.add("kind", std::move(kind));
  tab.add("target", std::move(target));
  tab.add("drill", std::move(drill));
  tab.add("announced", std::move(announced));
  tab.add("start", std::move(t0));
  tab.add("detected", std::move(det));
  tab.add("migrated", std::move(mig));
  tab.add("repaired", std::move(rep));
  tab.add("recovered", std::move(rec));
  tab.add("calls_dropped", std::move(dropped));
  tab.add("requests_failed", std::move(failed));
  tab.add("tenants", std::move(tenants));
  tab.add("note", std::move(note));
  tab.write(g, "incidents");
  H5::DataSet ds = g.openDataSet("incidents");
  h5::attr_string(ds, "units", std::string("start, detected, migrated, repaired, recovered: ") + kEpochUnits +
                                   " (NaN = did not happen)");
}

void write_scaling(H5::Group& g, const std::vector<RepResult>& reps, int64_t start) {
  h5::Table tab;
  std::vector<std::string> tenant, path, reason;
  std::vector<double> requested, effective;
  std::vector<int64_t> replication, from, to;
  for (const RepResult& r : reps)
    for (const ScalingAction& a : r.scaling) {
      replication.push_back(r.replication);
      tenant.push_back(a.tenant);
      requested.push_back(static_cast<double>(start) + a.requested);
      effective.push_back(static_cast<double>(start) + a.effective);
      from.push_back(a.from_seats);
      to.push_back(a.to_seats);
      path.push_back(scaling_path_text(a.path));
      reason.push_back(scaling_reason_text(a));
    }
  tab.add("replication", std::move(replication));
  tab.add("tenant", std::move(tenant));
  tab.add("requested", std::move(requested));
  tab.add("effective", std::move(effective));
  tab.add("from_seats", std::move(from));
  tab.add("to_seats", std::move(to));
  tab.add("path", std::move(path));
  tab.add("reason", std::move(reason));
  tab.write(g, "scaling");
  H5::DataSet ds = g.openDataSet("scaling");
  h5::attr_string(ds, "units", std::string("requested, effective: ") + kEpochUnits + "; seats: seats");
}

// /replications/rep_NNNN/tenants/<t>/call_records: the one table that stays per replication (a month's is ten
// million rows; a reader takes one replication's without reading the others').
void write_call_record_groups(H5::Group& root, const std::vector<RepResult>& reps, bool records) {
  H5::Group g = root.createGroup("replications");
  h5::attr_string(g, "description", "format version 5: per-replication tables are in /replication_tables (field "
                                    "replication); here only call records, with `ccsim run --call-records`");
  if (!records) return;
  for (const RepResult& r : reps) {
    H5::Group tenants = g.createGroup(rep_group_name(r.replication)).createGroup("tenants");
    for (const TenantRep& t : r.tenants) {
      H5::Group tg = tenants.createGroup(h5_safe_name(t.name));
      write_call_records(tg, t);
    }
  }
}

// One entity's KPIs in every replication: its per-replication counter tables (`per_rep`, replication order).
struct EntityKpis {
  std::string name;
  std::vector<const CounterTable*> per_rep;
};

// intervals/<entity>: one row per replication and statistics interval (replication, time, warmup, KPIs). Its
// rows carry their own time: no time_axis attribute, which says a table has one row per row of its axis.
template <int N, class KpiFn>
void write_interval_kpis(H5::Group& parent, const EntityKpis& e, const std::vector<RepResult>& reps, const Horizon& h,
                         int first_counted, KpiFn kpis, const char* (*kpi_name)(int), std::string (*units)(int)) {
  using Cell = h5::BlockTable::Cell;
  std::vector<std::pair<std::string, h5::BlockTable::Kind>> fields = {
      {"replication", h5::BlockTable::I64}, {"time", h5::BlockTable::I64}, {"warmup", h5::BlockTable::I64}};
  std::vector<std::string> unit = {"index", kEpochUnits, "flag"};
  for (int k = 0; k < N; ++k) {
    fields.emplace_back(kpi_name(k), h5::BlockTable::F64);
    unit.push_back(units(k));
  }
  hsize_t rows = 0;
  for (const CounterTable* t : e.per_rep) rows += static_cast<hsize_t>(t->rows);
  h5::BlockTable tab(parent, h5_safe_name(e.name), fields, rows, h5::BlockTable::Contiguous);
  std::vector<Cell> cells;
  for (size_t i = 0; i < e.per_rep.size(); ++i) {
    const CounterTable& t = *e.per_rep[i];
    cells.clear();
    for (int r = 0; r < t.rows; ++r) {
      cells.push_back(Cell::of(reps[i].replication));
      cells.push_back(Cell::of(interval_start(h, r)));
      cells.push_back(Cell::of(r < first_counted ? 1 : 0));
      for (double v : kpis(t, row_span(h, r))) cells.push_back({v});
    }
    tab.append(cells);
  }
  H5::DataSet& ds = tab.finish();
  h5::attr_strings(ds, "units", unit);
  h5::attr_string(ds, "name", e.name);
}

// overall/<entity>: one row per replication, one field per KPI (rows after the warm-up, as in
// /aggregate/.../overall): the replication values the aggregate's mean and interval come from, kept so
// `ccsim compare` can pair replications.
template <int N, class KpiFn>
void write_overall_kpis(H5::Group& parent, const EntityKpis& e, const std::vector<RepResult>& reps, const Horizon& h,
                        KpiFn kpis, const char* (*kpi_name)(int), std::string (*units)(int)) {
  using Cell = h5::BlockTable::Cell;
  std::vector<std::pair<std::string, h5::BlockTable::Kind>> fields = {{"replication", h5::BlockTable::I64}};
  std::vector<std::string> unit = {"index"};
  for (int k = 0; k < N; ++k) {
    fields.emplace_back(kpi_name(k), h5::BlockTable::F64);
    unit.push_back(units(k));
  }
  std::vector<Cell> cells;
  for (size_t i = 0; i < e.per_rep.size(); ++i) {
    cells.push_back(Cell::of(reps[i].replication));
    for (double v : kpis(*e.per_rep[i], overall_span(h, e.per_rep[i]->rows))) cells.push_back({v});
  }
  h5::BlockTable tab(parent, h5_safe_name(e.name), fields, e.per_rep.size(), h5::BlockTable::Contiguous);
  tab.append(cells);
  H5::DataSet& ds = tab.finish();
  h5::attr_strings(ds, "units", unit);
  h5::attr_string(ds, "name", e.name);
}

// Both forms of one kind of entity (call types, groups, trunks, campaigns) under intervals/ and overall/.
template <int N, class KpisOf>
void write_entity_kpis(H5::Group& iv, H5::Group* ov, const std::vector<EntityKpis>& entities,
                       const std::vector<RepResult>& reps, const Horizon& h, int first_counted,
                       KpisOf kpis_of, const char* (*kpi_name)(int), std::string (*units)(int)) {
  for (size_t k = 0; k < entities.size(); ++k) {
    write_interval_kpis<N>(iv, entities[k], reps, h, first_counted, kpis_of(k), kpi_name, units);
    if (ov) write_overall_kpis<N>(*ov, entities[k], reps, h, kpis_of(k), kpi_name, units);
  }
}

void write_replication_tables(H5::Group& root, const Scenario& sc, const std::vector<RepResult>& reps, int first_counted) {
  H5::Group g = root.createGroup("replication_tables");
  h5::attr_string(g, "description", "per-replication tables, each across all replications: field 'replication' "
                                    "is the replication number (rep_NNNN in readers' paths)");
  write_replications(g, reps);
  write_incidents(g, reps, sc.horizon.start);
  write_scaling(g, reps, sc.horizon.start);
  if (reps.empty()) return;
  const Horizon& h = sc.horizon;
  H5::Group tenants = g.createGroup("tenants");
  for (const auto& [name, shares] : tenant_shares(reps)) {
    H5::Group tg = tenants.createGroup(h5_safe_name(name));
    h5::attr_string(tg, "name", name);
    write_tenant_replications(tg, shares);
    write_minute_table(tg, sc, shares);
    write_failures_by_cause(tg, sc, shares);
  }
  for (size_t ti = 0; ti < reps.front().tenants.size(); ++ti) {
    const TenantRep& t0 = reps.front().tenants[ti];
    bool everywhere = true;  // every replication carries this tenant (they all run the same scenario)
    for (const RepResult& r : reps) everywhere = everywhere && ti < r.tenants.size() && r.tenants[ti].name == t0.name;
    if (!everywhere) continue;
    auto entities = [&](const std::vector<std::string>& names, auto table_of) {
      std::vector<EntityKpis> out(names.size());
      for (size_t k = 0; k < names.size(); ++k) {
        out[k].name = names[k];
        for (const RepResult& r : reps) out[k].per_rep.push_back(&table_of(r.tenants[ti], k));
      }
      return out;
    };
    const Tenant* spec = nullptr;
    for (const auto& st : sc.tenants)
      if (st.name == t0.name) spec = &st;

    H5::Group tg = tenants.openGroup(h5_safe_name(t0.name));
    H5::Group iv = tg.createGroup("intervals"), ov = tg.createGroup("overall");
    const int rows = t0.ct.empty() ? (t0.gr.empty() ? h.num_intervals() : t0.gr[0].rows) : t0.ct[0].rows;
    write_time_axis(iv, interval_times(h, rows), "start of the statistics interval");
    const std::string axis = iv.getObjName() + "/time";
    column(iv, "warmup", warmup_flags(rows, first_counted), "flag", axis);

    H5::Group ict = iv.createGroup("call_types"), oct = ov.createGroup("call_types");
    write_entity_kpis<CK_COUNT>(ict, &oct, entities(t0.call_types, [](const TenantRep& t, size_t k) -> const CounterTable& { return t.ct[k]; }),
                                      reps, h, first_counted, [](size_t) { return &call_type_kpis; }, ct_kpi_name, ct_kpi_units);
    std::vector<CounterTable> sums;
    sums.reserve(reps.size());
    for (const RepResult& r : reps) sums.push_back(sum_tables(r.tenants[ti].ct, rows, CT_NFIELDS));
    EntityKpis all{"all_call_types", {}};
    for (const CounterTable& c : sums) all.per_rep.push_back(&c);
    write_entity_kpis<CK_COUNT>(iv, &ov, {all}, reps, h, first_counted, [](size_t) { return &call_type_kpis; }, ct_kpi_name, ct_kpi_units);

    H5::Group igr = iv.createGroup("groups"), ogr = ov.createGroup("groups");
    write_entity_kpis<GK_COUNT>(igr, &ogr, entities(t0.groups, [](const TenantRep& t, size_t k) -> const CounterTable& { return t.gr[k]; }),
                                      reps, h, first_counted, [](size_t) { return &group_kpis; }, gr_kpi_name,
                                      gr_kpi_units);

    H5::Group itr = iv.createGroup("trunks");
    auto channels = [spec](size_t k) { return spec && k < spec->trunks.size() ? spec->trunks[k].channels : 0; };
    write_entity_kpis<TK_COUNT>(itr, nullptr, entities(t0.trunks, [](const TenantRep& t, size_t k) -> const CounterTable& { return t.tr[k]; }),
                                      reps, h, first_counted,
                                      [&](size_t k) {
                                        const int c = channels(k);
                                        return [c](const CounterTable& tb, const RowSpan& sp) { return trunk_kpis(tb, sp, c); };
                                      },
                                      tr_kpi_name, tr_kpi_units);
    for (size_t k = 0; k < t0.trunks.size(); ++k) {
      H5::DataSet kd = itr.openDataSet(h5_safe_name(t0.trunks[k]));
      h5::attr_int(kd, "channels", channels(k));
    }
    if (t0.ob.empty() || !spec) continue;  // inbound-only tenants have no campaigns group
    H5::Group iob = iv.createGroup("campaigns"), oob = ov.createGroup("campaigns");
    write_entity_kpis<OK_COUNT>(iob, &oob, entities(t0.campaigns, [](const TenantRep& t, size_t k) -> const CounterTable& { return t.ob[k]; }),
                                      reps, h, first_counted,
                                      [&](size_t k) {
                                        const bool machine = spec->campaigns.at(k).dialer.abandon_base == AbandonBase::Answered;
                                        return [machine](const CounterTable& tb, const RowSpan& sp) { return campaign_kpis(tb, sp, machine); };
                                      },
                                      ob_kpi_name, ob_kpi_units);
  }
}

// ---------------------------------------------------------------- aggregate

template <int N>
void write_agg_series(H5::Group& parent, const std::string& name, const KpiSeries<N>& s, const char* (*kpi_name)(int),
                      std::string (*units)(int), const std::string& axis) {
  H5::Group g = parent.createGroup(h5_safe_name(name));
  h5::attr_string(g, "name", name);
  const size_t rows = s.intervals.size();
  for (int k = 0; k < N; ++k) {
    std::vector<double> mean(rows), lo(rows), hi(rows);
    for (size_t r = 0; r < rows; ++r) {
      mean[r] = s.intervals[r][k].mean;
      lo[r] = s.intervals[r][k].lo;
      hi[r] = s.intervals[r][k].hi;
    }
    column(g, kpi_name(k), mean, units(k), axis);
    column(g, std::string(kpi_name(k)) + "_ci_lo", lo, units(k), axis);
    column(g, std::string(kpi_name(k)) + "_ci_hi", hi, units(k), axis);
    // Quotient KPIs (unit "1" or "s") also in their ratio-of-totals form; counts and levels have none.
    const std::string u = units(k);
    if (s.interval_totals.size() == rows && (u == "1" || u == "s")) {
      std::vector<double> totals(rows);
      for (size_t r = 0; r < rows; ++r) totals[r] = s.interval_totals[r][k];
      column(g, std::string(kpi_name(k)) + "_totals", totals, units(k), axis);
    }
  }
}

template <int N>
void write_overall(H5::Group& parent, const std::string& name, const KpiSeries<N>& s, const char* (*kpi_name)(int),
                   std::string (*units)(int)) {
  h5::Table tab;
  std::vector<std::string> kpi, unit;
  std::vector<double> mean, lo, hi, totals;
  std::vector<int64_t> n;
  for (int k = 0; k < N; ++k) {
    kpi.push_back(kpi_name(k));
    unit.push_back(units(k));
    totals.push_back(s.overall_totals[k]);
    mean.push_back(s.overall[k].mean);
    lo.push_back(s.overall[k].lo);
    hi.push_back(s.overall[k].hi);
    n.push_back(s.overall[k].n);
  }
  tab.add("kpi", std::move(kpi));
  tab.add("units", std::move(unit));
  tab.add("mean", std::move(mean));
  tab.add("ci_lo", std::move(lo));
  tab.add("ci_hi", std::move(hi));
  tab.add("n", std::move(n));
  tab.add("ratio_of_totals", std::move(totals));
  tab.write(parent, h5_safe_name(name));
  H5::DataSet ds = parent.openDataSet(h5_safe_name(name));
  h5::attr_string(ds, "name", name);
}

// Per replication: the per-minute ledger seen through the simple "unavailable minute" rule of the minute
// series (success < 99% with requests). The contract's own evaluation is in /sections/sla.
void write_availability(H5::Group& tg, const std::vector<RepResult>& reps, size_t tenant) {
  h5::Table tab;
  std::vector<int64_t> rep, requests, failures, unavailable, active;
  std::vector<double> min_success;
  for (const RepResult& r : reps) {
    if (tenant >= r.tenants.size()) continue;
    const MinuteLedger& l = r.tenants[tenant].ledger;
    int64_t req = 0, fail = 0, un = 0, act = 0;
    double lowest = kNaN;
    for (size_t m = 0; m < l.minutes(); ++m) {
      const uint32_t q = l.requests[m], f = l.failed(m);
      req += q;
      fail += f;
      if (!q) continue;
      ++act;
      if (minute_unavailable_flag(q, f)) ++un;
      const double s = static_cast<double>(q - std::min(q, f)) / q;
      if (std::isnan(lowest) || s < lowest) lowest = s;
    }
    rep.push_back(r.replication);
    requests.push_back(req);
    failures.push_back(fail);
    unavailable.push_back(un);
    active.push_back(act);
    min_success.push_back(lowest);
  }
  tab.add("replication", std::move(rep));
  tab.add("requests", std::move(requests));
  tab.add("failures", std::move(failures));
  tab.add("unavailable_minutes", std::move(unavailable));
  tab.add("minutes_with_requests", std::move(active));
  tab.add("min_success_rate", std::move(min_success));
  tab.write(tg, "availability");
}

void write_aggregate(H5::Group& root, const Scenario& sc, const std::vector<RepResult>& reps, const Summary& s) {
  H5::Group g = root.createGroup("aggregate");
  h5::attr_int(g, "replications", s.run.replications);
  h5::attr_int(g, "complete_replications", s.run.complete_replications);
  h5::attr_int(g, "first_counted_interval", s.first_counted);
  H5::Group tenants = g.createGroup("tenants");
  for (size_t i = 0; i < s.tenants.size(); ++i) {
    const TenantSummary& t = s.tenants[i];
    H5::Group tg = tenants.createGroup(h5_safe_name(t.name));
    h5::attr_string(tg, "name", t.name);

    H5::Group iv = tg.createGroup("intervals");
    write_time_axis(iv, interval_times(sc.horizon, s.intervals), "start of the statistics interval");
    const std::string axis = iv.getObjName() + "/time";
    column(iv, "warmup", warmup_flags(s.intervals, s.first_counted), "flag", axis);
    H5::Group cts = iv.createGroup("call_types");
    for (size_t c = 0; c < t.ct.size(); ++c) {
      write_agg_series<CK_COUNT>(cts, t.call_types[c], t.ct[c], ct_kpi_name, ct_kpi_units, axis);
      if (i < sc.tenants.size()) {
        for (const CallType& spec : sc.tenants[i].call_types) {
          if (spec.name != t.call_types[c]) continue;
          H5::Group cg = cts.openGroup(h5_safe_name(t.call_types[c]));
          h5::attr_double(cg, "sl_threshold_s", spec.sl_threshold);
          h5::attr_double(cg, "sl_target", spec.sl_target);
        }
      }
    }
    write_agg_series<CK_COUNT>(iv, "all_call_types", t.all, ct_kpi_name, ct_kpi_units, axis);
    H5::Group grs = iv.createGroup("groups");
    for (size_t k = 0; k < t.gr.size(); ++k) write_agg_series<GK_COUNT>(grs, t.groups[k], t.gr[k], gr_kpi_name, gr_kpi_units, axis);
    H5::Group trs = iv.createGroup("trunks");
    for (size_t k = 0; k < t.tr.size(); ++k) {
      write_agg_series<TK_COUNT>(trs, t.trunks[k], t.tr[k], tr_kpi_name, tr_kpi_units, axis);
      H5::Group kg = trs.openGroup(h5_safe_name(t.trunks[k]));
      h5::attr_int(kg, "channels", k < t.channels.size() ? t.channels[k] : 0);
    }
    if (!t.ob.empty()) {
      H5::Group obs = iv.createGroup("campaigns");
      for (size_t k = 0; k < t.ob.size(); ++k) {
        write_agg_series<OK_COUNT>(obs, t.campaigns[k], t.ob[k], ob_kpi_name, ob_kpi_units, axis);
        H5::Group kg = obs.openGroup(h5_safe_name(t.campaigns[k]));
        if (i < sc.tenants.size()) h5::attr_double(kg, "abandon_limit", sc.tenants[i].campaigns.at(k).dialer.abandon_limit);
      }
    }

    H5::Group ov = tg.createGroup("overall");
    H5::Group ocs = ov.createGroup("call_types");
    for (size_t c = 0; c < t.ct.size(); ++c) write_overall<CK_COUNT>(ocs, t.call_types[c], t.ct[c], ct_kpi_name, ct_kpi_units);
    write_overall<CK_COUNT>(ov, "all_call_types", t.all, ct_kpi_name, ct_kpi_units);
    H5::Group ogs = ov.createGroup("groups");
    for (size_t k = 0; k < t.gr.size(); ++k) write_overall<GK_COUNT>(ogs, t.groups[k], t.gr[k], gr_kpi_name, gr_kpi_units);
    H5::Group ots = ov.createGroup("trunks");
    for (size_t k = 0; k < t.tr.size(); ++k) write_overall<TK_COUNT>(ots, t.trunks[k], t.tr[k], tr_kpi_name, tr_kpi_units);
    if (!t.ob.empty()) {
      H5::Group oos = ov.createGroup("campaigns");
      for (size_t k = 0; k < t.ob.size(); ++k) write_overall<OK_COUNT>(oos, t.campaigns[k], t.ob[k], ob_kpi_name, ob_kpi_units);
    }

    write_availability(tg, reps, i);
  }
}

// ---------------------------------------------------------------- JSON sections

// Mirrors a JSON value into group `g`: scalars become attributes, arrays of objects compound tables, objects
// subgroups. Other arrays are kept as JSON text attributes. The whole section is also kept as text ("json").
void mirror_json(H5::Group& g, const json& v) {
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string key = h5_safe_name(it.key());
    const json& x = it.value();
    if (x.is_object()) {
      H5::Group sub = h5::group(g, key);
      mirror_json(sub, x);
    } else if (h5::is_object_array(x)) {
      h5::Table tab = h5::table_from_json(x);
      if (!tab.empty_schema()) tab.write(g, key);
    } else if (x.is_string()) {
      h5::attr_string(g, key, x.get<std::string>());
    } else if (x.is_boolean()) {
      h5::attr_int(g, key, x.get<bool>() ? 1 : 0);
    } else if (x.is_number_integer()) {
      h5::attr_int(g, key, x.get<int64_t>());
    } else if (x.is_number()) {
      h5::attr_double(g, key, x.get<double>());
    } else if (x.is_null()) {
      h5::attr_double(g, key, kNaN);
    } else {
      h5::attr_string(g, key, x.dump());
    }
  }
}

void write_sections(H5::Group& root, const json& doc) {
  H5::Group g = root.createGroup("sections");
  for (const char* name : kSectionNames) {
    if (!doc.is_object() || !doc.contains(name)) continue;
    const json& sec = doc[name];
    H5::Group sg = g.createGroup(name);
    h5::attr_string(sg, "json", sec.dump());
    if (sec.is_object()) mirror_json(sg, sec);
  }
  if (doc.is_object() && doc.contains("run")) h5::attr_string(g, "run_json", doc["run"].dump());
}

void write_root(H5::H5File& f, const run::SectionContext& ctx, bool complete) {
  H5::Group root = f.openGroup("/");
  const Scenario& sc = ctx.sc;
  h5::attr_string(root, "format", kResultsFormat);
  h5::attr_int(root, "format_version", kResultsVersion);
  h5::attr_string(root, "ccsim_version", CCSIM_VERSION);
  h5::attr_string(root, "scenario_name", sc.name);
  h5::attr_string(root, "scenario_file", sc.file);
  h5::attr_string(root, "scenario_hash", sc.file_hash);
  h5::attr_string(root, "scenario_json", sc.resolved_json);
  h5::attr_int(root, "base_seed", static_cast<int64_t>(sc.seed));
  h5::attr_int(root, "replications", sc.replications);
  h5::attr_int(root, "replications_done", static_cast<int64_t>(ctx.reps.size()));
  const int64_t end = sc.horizon.start + static_cast<int64_t>(std::llround(sc.horizon.length));
  h5::attr_string(root, "horizon_start", format_datetime(sc.horizon.start));
  h5::attr_string(root, "horizon_end", format_datetime(end));
  h5::attr_int(root, "horizon_start_epoch", sc.horizon.start);
  h5::attr_int(root, "horizon_end_epoch", end);
  h5::attr_double(root, "interval_s", sc.horizon.interval);
  h5::attr_double(root, "warmup_s", sc.horizon.warmup);
  std::vector<std::string> tenants;
  for (const auto& t : sc.tenants) tenants.push_back(t.name);
  h5::attr_strings(root, "tenants", tenants);
  h5::attr_int(root, "complete", complete ? 1 : 0);
}

}  // namespace

void write_results_h5(const std::string& path, const run::SectionContext& ctx, const H5WriteOptions& opt) {
  H5::Exception::dontPrint();  // errors become OutputError below, not HDF5's own stack dump on stderr
  bool complete = !opt.interrupted && !ctx.reps.empty();
  for (const RepResult& r : ctx.reps) complete = complete && r.complete;

  AtomicFile out(path);
  h5::write_file_in_child(out.temp_path(), path, "HDF5 results", [&](H5::H5File& f) {
    write_root(f, ctx, complete);
    H5::Group root = f.openGroup("/");
    write_call_record_groups(root, ctx.reps, opt.call_records);
    write_replication_tables(root, ctx.sc, ctx.reps, ctx.summary.first_counted);
    write_aggregate(root, ctx.sc, ctx.reps, ctx.summary);
    write_sections(root, ctx.doc);
  });
  out.commit();
}

}  // namespace ccsim
