#include "stats/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ccsim {

namespace {

[[noreturn]] void mismatch(const std::string& what) {
  throw std::invalid_argument("aggregate: replication results do not match the scenario: " + what);
}

// Mean + CI per KPI over replications, for one span. `kpis_of(rep)` gives that replication's KPI array.
template <int N, typename KpisOf>
std::array<Estimate, N> estimate_all(size_t reps, KpisOf kpis_of) {
  std::array<std::vector<double>, N> samples;
  for (auto& s : samples) s.reserve(reps);
  for (size_t r = 0; r < reps; ++r) {
    const auto k = kpis_of(r);
    for (int i = 0; i < N; ++i) samples[i].push_back(k[i]);
  }
  std::array<Estimate, N> out;
  for (int i = 0; i < N; ++i) out[i] = estimate_defined(samples[i]);
  return out;
}

// Overall and per-interval series of one entity. `table(rep)` is its counter table in that replication and
// `kpis(table, span)` the KPI function.
// The ratio-of-totals form: KPIs of the replications' summed counters, kept only where the KPI is a quotient.
template <int N, typename Kpis>
std::array<double, N> totals_form(const CounterTable& pooled, const RowSpan& span, Kpis kpis, KpiUnit (*unit)(int)) {
  std::array<double, N> k = kpis(pooled, span);
  for (int i = 0; i < N; ++i)
    if (!is_quotient(unit(i))) k[static_cast<size_t>(i)] = std::nan("");
  return k;
}

template <int N, typename TableOf, typename Kpis>
KpiSeries<N> series(const Horizon& h, int rows, size_t reps, TableOf table, Kpis kpis, KpiUnit (*unit)(int)) {
  KpiSeries<N> s;
  std::vector<const CounterTable*> tables;
  for (size_t r = 0; r < reps; ++r) tables.push_back(&table(r));
  const CounterTable pooled = sum_replications(tables);
  const RowSpan all = overall_span(h, rows);
  s.overall = estimate_all<N>(reps, [&](size_t r) { return kpis(table(r), all); });
  s.overall_totals = totals_form<N>(pooled, all, kpis, unit);
  s.intervals.reserve(rows);
  s.interval_totals.reserve(rows);
  for (int row = 0; row < rows; ++row) {
    const RowSpan one = row_span(h, row);
    s.intervals.push_back(estimate_all<N>(reps, [&](size_t r) { return kpis(table(r), one); }));
    s.interval_totals.push_back(totals_form<N>(pooled, one, kpis, unit));
  }
  return s;
}

void check_table(const CounterTable& t, int rows, int fields, const std::string& what) {
  if (t.rows != rows || t.fields != fields || t.v.size() != static_cast<size_t>(rows) * fields)
    mismatch(what + ": table is " + std::to_string(t.rows) + "x" + std::to_string(t.fields) + ", expected " +
             std::to_string(rows) + "x" + std::to_string(fields));
}

// Every replication must describe the same entities with the same interval grid as the first one.
void check_shapes(const Scenario& sc, const std::vector<RepResult>& reps, int rows) {
  for (const auto& rep : reps) {
    const std::string r = "replication " + std::to_string(rep.replication);
    if (rep.tenants.size() != sc.tenants.size())
      mismatch(r + ": " + std::to_string(rep.tenants.size()) + " tenants, scenario has " +
               std::to_string(sc.tenants.size()));
    for (size_t i = 0; i < rep.tenants.size(); ++i) {
      const TenantRep& t = rep.tenants[i];
      const TenantRep& t0 = reps.front().tenants[i];
      const std::string w = r + " tenant " + t.name;
      if (t.name != t0.name || t.call_types != t0.call_types || t.groups != t0.groups || t.trunks != t0.trunks)
        mismatch(w + ": names differ from replication " + std::to_string(reps.front().replication));
      if (t.ct.size() != t.call_types.size() || t.gr.size() != t.groups.size() || t.tr.size() != t.trunks.size())
        mismatch(w + ": table count differs from name count");
      for (size_t c = 0; c < t.ct.size(); ++c) check_table(t.ct[c], rows, CT_NFIELDS, w + " call type " + t.call_types[c]);
      for (size_t g = 0; g < t.gr.size(); ++g) check_table(t.gr[g], rows, GR_NFIELDS, w + " group " + t.groups[g]);
      for (size_t k = 0; k < t.tr.size(); ++k) check_table(t.tr[k], rows, TR_NFIELDS, w + " trunk " + t.trunks[k]);
      if (t.campaigns != t0.campaigns || t.ob.size() != t.campaigns.size())
        mismatch(w + ": campaigns differ from replication " + std::to_string(reps.front().replication));
      for (size_t k = 0; k < t.ob.size(); ++k) check_table(t.ob[k], rows, OB_NFIELDS, w + " campaign " + t.campaigns[k]);
    }
  }
}

int channels_of(const Tenant& tenant, const std::string& trunk) {
  for (const auto& tg : tenant.trunks)
    if (tg.name == trunk) return tg.channels;
  mismatch("tenant " + tenant.name + ": trunk group " + trunk + " is not in the scenario");
}

// All call types of a tenant in one table: counters are sums, so the tenant-wide KPIs follow from the sum.
// The max-type counters of call types do not exist, so a plain sum is right for every CT field.
CounterTable sum_call_types(const TenantRep& t, int rows) {
  CounterTable s;
  s.init(rows, CT_NFIELDS);
  for (const auto& ct : t.ct)
    for (size_t i = 0; i < s.v.size(); ++i) s.v[i] += ct.v[i];
  return s;
}

RunTotals run_totals(const std::vector<RepResult>& reps) {
  RunTotals run;
  run.replications = static_cast<int>(reps.size());
  for (const auto& r : reps) {
    run.complete_replications += r.complete ? 1 : 0;
    run.calls += r.calls;
    run.events += r.events;
    run.sim_seconds = std::max(run.sim_seconds, r.sim_seconds);
    run.wall_seconds += r.wall_seconds;
  }
  if (run.wall_seconds > 0) {
    run.calls_per_second = static_cast<double>(run.calls) / run.wall_seconds;
    run.events_per_second = static_cast<double>(run.events) / run.wall_seconds;
  }
  return run;
}

}  // namespace

CounterTable sum_replications(const std::vector<const CounterTable*>& tables) {
  CounterTable s;
  if (tables.empty()) return s;
  s.init(tables.front()->rows, tables.front()->fields);
  for (const CounterTable* t : tables)
    for (size_t i = 0; i < s.v.size(); ++i) s.v[i] += t->v[i];
  return s;
}

Estimate estimate_defined(const std::vector<double>& samples) {
  std::vector<double> defined;
  defined.reserve(samples.size());
  for (double v : samples)
    if (!std::isnan(v)) defined.push_back(v);
  if (defined.empty()) {
    Estimate e;
    e.mean = e.lo = e.hi = std::nan("");
    return e;
  }
  return mean_ci(defined);
}

Summary aggregate(const Scenario& sc, const std::vector<RepResult>& reps) {
  if (reps.empty()) throw std::invalid_argument("aggregate: no replication results");
  const Horizon& h = sc.horizon;
  Summary sum;
  sum.intervals = h.num_intervals();
  sum.first_counted = std::min(first_counted_row(h), sum.intervals);
  check_shapes(sc, reps, sum.intervals);
  const int rows = sum.intervals;
  const size_t n = reps.size();

  for (size_t i = 0; i < sc.tenants.size(); ++i) {
    const TenantRep& t0 = reps.front().tenants[i];
    TenantSummary ts;
    ts.name = t0.name;
    ts.call_types = t0.call_types;
    ts.groups = t0.groups;
    ts.trunks = t0.trunks;

    for (size_t c = 0; c < t0.ct.size(); ++c)
      ts.ct.push_back(series<CK_COUNT>(
          h, rows, n, [&](size_t r) -> const CounterTable& { return reps[r].tenants[i].ct[c]; }, call_type_kpis,
          ct_kpi_unit));

    std::vector<CounterTable> totals;
    totals.reserve(n);
    for (size_t r = 0; r < n; ++r) totals.push_back(sum_call_types(reps[r].tenants[i], rows));
    ts.all = series<CK_COUNT>(
        h, rows, n, [&](size_t r) -> const CounterTable& { return totals[r]; }, call_type_kpis, ct_kpi_unit);

    for (size_t g = 0; g < t0.gr.size(); ++g)
      ts.gr.push_back(series<GK_COUNT>(
          h, rows, n, [&](size_t r) -> const CounterTable& { return reps[r].tenants[i].gr[g]; }, group_kpis,
          gr_kpi_unit));

    for (size_t k = 0; k < t0.tr.size(); ++k) {
      const int channels = channels_of(sc.tenants[i], t0.trunks[k]);
      ts.channels.push_back(channels);
      ts.tr.push_back(series<TK_COUNT>(
          h, rows, n, [&](size_t r) -> const CounterTable& { return reps[r].tenants[i].tr[k]; },
          [channels](const CounterTable& t, const RowSpan& s) { return trunk_kpis(t, s, channels); }, tr_kpi_unit));
    }
    ts.campaigns = t0.campaigns;
    for (size_t k = 0; k < t0.ob.size(); ++k) {
      const bool machine = sc.tenants[i].campaigns.at(k).dialer.abandon_base == AbandonBase::Answered;
      ts.ob.push_back(series<OK_COUNT>(
          h, rows, n, [&](size_t r) -> const CounterTable& { return reps[r].tenants[i].ob[k]; },
          [machine](const CounterTable& t, const RowSpan& s) { return campaign_kpis(t, s, machine); }, ob_kpi_unit));
    }
    sum.tenants.push_back(std::move(ts));
  }
  sum.run = run_totals(reps);
  return sum;
}

}  // namespace ccsim
