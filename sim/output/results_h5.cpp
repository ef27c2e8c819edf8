// The HDF5 results file. Layout (documented in docs/output-format.md, "HDF5 results"):
//   /                               attributes: format, versions, scenario, seed, horizon, complete
//   /replications/rep_NNNN/         one group per replication (attributes: seed, complete, calls, ...)
//       tenants/<t>/minute          per-minute series: one compound table, one row per minute
//       tenants/<t>/call_records    optional compound table
//   /replication_tables/            the small per-replication tables, each across all replications (format
//                                   version 3): one row per replication and interval, field `replication`
//       incidents, scaling
//       tenants/<t>/intervals/      time, warmup (the axis, once); one table per entity (one field per KPI)
//       tenants/<t>/overall/        one table per entity, one row per replication (after warm-up)
//   /aggregate/tenants/<t>/         replication means and 95% intervals (intervals/, overall/, availability)
//   /sections/<name>                the JSON sections (sla, platform, seats) as text + mirrored tables
// Raw facts (ledgers, samples, incidents) come from the replication results; everything a capability
// evaluates (SLA months, credits, hypotheses) comes from its JSON section, so it is computed once.
#include "output/results_h5.hpp"
#include "output/seats_render.hpp"

#include <H5Cpp.h>

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

// ---------------------------------------------------------------- per replication

// The minute table is made in blocks of rows straight from the ledger, so a year of minutes (525,600 rows of
// 63 bytes) never sits in memory as one table.
constexpr size_t kMinuteBlock = 4096;

// Epoch seconds of the ledger's minute 0; a ledger without its own start takes the horizon's.
int64_t ledger_start(const Scenario& sc, const MinuteLedger& l) {
  return l.minutes() && l.start_epoch == 0 ? sc.horizon.start : l.start_epoch;
}

void write_minute_series(H5::Group& tg, const Scenario& sc, const TenantRep& t) {
  const size_t n = t.ledger.minutes();
  const int64_t start = ledger_start(sc, t.ledger);
  const bool recordings = t.ledger.recordings.size() == n;
  std::vector<std::pair<std::string, h5::BlockTable::Kind>> fields;
  std::vector<std::string> units;
  auto field = [&](const std::string& name, h5::BlockTable::Kind k, const std::string& unit) {
    fields.emplace_back(name, k);
    units.push_back(unit);
  };
  field("time", h5::BlockTable::I64, kEpochUnits);
  // Counts as uint32 (the ledger's own width) and flags as uint8 (format version 3; version 2 stored every
  // field in 8 bytes): readers get doubles either way. The failures by cause are in failures_by_cause (format
  // version 4), and the samples, whole numbers, are float32 (exact below 2^24, NaN where a minute was not
  // sampled): a month's minute table was 159 bytes a row, 43% of them zero counts of causes, and writing it
  // was a fifth of a platform month's CPU time (docs/performance.md "Output cost").
  field("requests", h5::BlockTable::U32, "calls");
  field("failures", h5::BlockTable::U32, "calls");
  field("success_rate", h5::BlockTable::F64, "1");
  field("unavailable", h5::BlockTable::U8, "flag");
  field("announced_event", h5::BlockTable::U8, "flag");
  field("qps_notice", h5::BlockTable::U8, "flag");
  if (recordings) field("recordings", h5::BlockTable::U32, "calls");
  for (int f = 0; f < MIN_NFIELDS; ++f) field(min_field_name(f), h5::BlockTable::F32, min_field_units(f));

  auto flag = [](const std::vector<uint8_t>& v, size_t m) { return static_cast<uint8_t>(m < v.size() ? v[m] : 0); };
  h5::BlockTable tab(tg, "minute", fields, n);
  // Rows are packed here field by field at the widths declared above (a month of minutes through 8-byte cells
  // first cost the writer ~15% more instructions).
  std::vector<unsigned char> block;
  for (size_t from = 0; from < n; from += kMinuteBlock) {
    const size_t to = std::min(n, from + kMinuteBlock);
    block.resize((to - from) * tab.row_bytes());
    unsigned char* p = block.data();
    auto put = [&p](auto v) {
      std::memcpy(p, &v, sizeof v);
      p += sizeof v;
    };
    for (size_t m = from; m < to; ++m) {
      const uint32_t req = t.ledger.requests[m], fail = t.ledger.failed(m);
      put(start + static_cast<int64_t>(m) * 60);
      put(req);
      put(fail);
      put(req ? static_cast<double>(req - std::min(req, fail)) / req : kNaN);
      put(static_cast<uint8_t>(minute_unavailable_flag(req, fail) ? 1 : 0));
      put(flag(t.ledger.announced_event, m));
      put(flag(t.ledger.qps_notice, m));
      if (recordings) put(t.ledger.recordings[m]);
      // End-of-minute samples of the tenant's state; the table may be shorter than the ledger if interrupted.
      const bool sampled = static_cast<int>(m) < t.minute.rows;
      for (int f = 0; f < MIN_NFIELDS; ++f)
        put(sampled ? static_cast<float>(t.minute.at(static_cast<int>(m), f)) : std::numeric_limits<float>::quiet_NaN());
    }
    if (p != block.data() + block.size()) throw std::logic_error("minute table: a row packed to the wrong width");
    tab.append_packed(block);
  }
  H5::DataSet& ds = tab.dataset();
  h5::attr_strings(ds, "units", units);
  h5::attr_string(ds, "description", "one row per minute; time: start of the minute");
}

// failures_by_cause: one row per minute and cause with at least one failure (format version 4; versions 2 and
// 3 had a column per cause in the minute table, zero in almost every minute). Causes are indexes into the
// attribute cause_names, the vocabulary of contracts and ledger CSVs (docs/sla.md).
void write_failures_by_cause(H5::Group& tg, const Scenario& sc, const TenantRep& t) {
  const MinuteLedger& l = t.ledger;
  const int64_t start = ledger_start(sc, l);
  std::vector<h5::BlockTable::Cell> cells;
  for (uint32_t m : l.failures.stored_minutes())
    for (int c = 0; c < kNumCauses; ++c)
      if (const uint32_t v = l.failures[m][c]) {
        cells.push_back(h5::BlockTable::Cell::of(start + static_cast<int64_t>(m) * 60));
        cells.push_back(h5::BlockTable::Cell::of(c));
        cells.push_back(h5::BlockTable::Cell::of(v));
      }
  h5::BlockTable tab(tg, "failures_by_cause",
                     {{"time", h5::BlockTable::I64}, {"cause", h5::BlockTable::U8}, {"count", h5::BlockTable::U32}},
                     cells.size() / 3);
  tab.append(cells);
  std::vector<std::string> names;
  for (int c = 0; c < kNumCauses; ++c) names.push_back(cause_name(static_cast<Cause>(c)));
  H5::DataSet& ds = tab.dataset();
  h5::attr_strings(ds, "cause_names", names);
  h5::attr_strings(ds, "units", {kEpochUnits, "index", "calls"});
  h5::attr_string(ds, "description", "one row per minute and cause with failures; time: start of the minute");
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
  H5::DataSet& ds = tab.dataset();
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

void write_replication(H5::Group& reps, const Scenario& sc, const RepResult& r, bool records) {
  H5::Group g = reps.createGroup(rep_group_name(r.replication));
  h5::attr_int(g, "replication", r.replication);
  h5::attr_int(g, "seed", static_cast<int64_t>(r.seed));
  h5::attr_int(g, "complete", r.complete ? 1 : 0);
  h5::attr_int(g, "calls", static_cast<int64_t>(r.calls));
  h5::attr_int(g, "events", static_cast<int64_t>(r.events));
  h5::attr_double(g, "sim_seconds", r.sim_seconds);
  h5::attr_double(g, "wall_seconds", r.wall_seconds);
  H5::Group tenants = g.createGroup("tenants");
  for (const TenantRep& t : r.tenants) {
    H5::Group tg = tenants.createGroup(h5_safe_name(t.name));
    h5::attr_string(tg, "name", t.name);
    h5::attr_int(tg, "answered_calls", t.answered_calls);
    h5::attr_int(tg, "billed_call_minutes", t.billed_call_minutes);
    h5::attr_int(tg, "max_seats_online", t.max_seats_online);
    write_minute_series(tg, sc, t);
    write_failures_by_cause(tg, sc, t);
    if (records) write_call_records(tg, t);
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
  h5::attr_strings(tab.dataset(), "units", unit);
  h5::attr_string(tab.dataset(), "name", e.name);
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
  h5::attr_strings(tab.dataset(), "units", unit);
  h5::attr_string(tab.dataset(), "name", e.name);
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
                                    "is the replication number (as in /replications/rep_NNNN)");
  write_incidents(g, reps, sc.horizon.start);
  write_scaling(g, reps, sc.horizon.start);
  if (reps.empty()) return;
  const Horizon& h = sc.horizon;
  H5::Group tenants = g.createGroup("tenants");
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

    H5::Group tg = tenants.createGroup(h5_safe_name(t0.name));
    h5::attr_string(tg, "name", t0.name);
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
    H5::Group reps = root.createGroup("replications");
    for (const RepResult& r : ctx.reps) write_replication(reps, ctx.sc, r, opt.call_records);
    write_replication_tables(root, ctx.sc, ctx.reps, ctx.summary.first_counted);
    write_aggregate(root, ctx.sc, ctx.reps, ctx.summary);
    write_sections(root, ctx.doc);
  });
  out.commit();
}

}  // namespace ccsim
