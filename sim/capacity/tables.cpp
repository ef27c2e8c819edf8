#include "capacity/tables.hpp"

#include <cmath>

#include "core/format.hpp"
#include "core/time.hpp"
#include "stats/kpi.hpp"

namespace ccsim::capacity {

namespace {

Cell num(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

// A figure with its interval: three columns (value, ci95 low, ci95 high).
void estimate_columns(Table& t, const std::string& key, const std::string& title, Unit u) {
  t.column(key, title, u).column(key + "_ci_lo", title + " lo", u).column(key + "_ci_hi", title + " hi", u);
}

}  // namespace

Table staffing_plan_table(const Scenario& sc, const StaffingResult& r, double shrinkage) {
  Table t;
  t.id = "staffing";
  t.title = std::string("Staffing plan") + (r.per_interval ? " per interval" : " for the whole horizon");
  t.column("tenant", "tenant", Unit::Text)
      .column("group", "group", Unit::Text)
      .column("start", "start", Unit::DateTime)
      .column("offered_calls", "offered", Unit::Count)
      .column("offered_erlangs", "Erlangs", Unit::Agents)
      .column("erlang_seed", "Erlang", Unit::Agents)
      .column("agents", "agents", Unit::Agents)
      .column("scheduled_fte", "FTE", Unit::Agents)
      .column("method", "by", Unit::Text);
  estimate_columns(t, "service_level", "SL", Unit::Ratio);
  estimate_columns(t, "asa", "ASA", Unit::Seconds);
  estimate_columns(t, "abandonment", "aband.", Unit::Ratio);
  estimate_columns(t, "occupancy", "occ.", Unit::Ratio);
  const Summary& s = r.final_summary;
  for (const auto& g : r.groups) {
    if (g.pool < 0) continue;
    const Tenant& tn = sc.tenants[static_cast<size_t>(g.tenant)];
    for (size_t k = 0; k < g.agents.size(); ++k) {
      auto& row = t.add_row();
      row[0] = tn.name;
      row[1] = tn.groups[static_cast<size_t>(g.group)].name;
      const double offset = r.per_interval ? static_cast<double>(k) * sc.horizon.interval : sc.horizon.warmup;
      row[2] = format_datetime(sc.horizon.start + static_cast<int64_t>(offset));
      row[3] = num(k < g.offered_calls.size() ? g.offered_calls[k] : NAN);
      row[4] = num(k < g.offered_erlangs.size() ? g.offered_erlangs[k] : NAN);
      row[5] = num(k < g.seed.size() ? g.seed[k] : NAN);
      row[6] = static_cast<double>(g.agents[k]);
      row[7] = g.agents[k] / (1 - shrinkage);
      const bool formula = k < g.by_formula.size() && g.by_formula[k];
      row[8] = std::string(formula ? "formula" : "simulation");
      // Figures achieved: the final run's group series (none when the search was interrupted before it).
      const bool have = static_cast<size_t>(g.tenant) < s.tenants.size() &&
                        static_cast<size_t>(g.group) < s.tenants[static_cast<size_t>(g.tenant)].gr.size();
      if (!have) continue;
      const GrSeries& gr = s.tenants[static_cast<size_t>(g.tenant)].gr[static_cast<size_t>(g.group)];
      if (r.per_interval && k >= gr.intervals.size()) continue;
      const auto& e = r.per_interval ? gr.intervals[k] : gr.overall;
      size_t c = 9;
      for (int kpi : {GK_SL_ANSWERED, GK_ASA, GK_ABANDONMENT_RATE, GK_OCCUPANCY}) {
        const Estimate& x = e[static_cast<size_t>(kpi)];
        row[c++] = num(x.mean);
        row[c++] = num(x.lo);
        row[c++] = num(x.hi);
      }
    }
  }
  t.note = "agents: simulated requirement (Erlang: the formula's seed; by formula: a quiet interval under " +
           format_count(r.min_interval_calls) + " offered calls); FTE = agents / (1 - shrinkage " +
           fixed(100 * shrinkage, 1) + "%)" + (r.min_staff > 0 ? "; at least " + std::to_string(r.min_staff) + " agents" : "") +
           "; equal-load intervals share the largest count; SL of answered calls, abandonment of queued calls, 95% "
           "intervals over " + std::to_string(r.replications) + " replications";
  return t;
}

Table staffing_seats_table(const Scenario& sc, const StaffingResult& r) {
  Table t;
  t.id = "staffing_seats";
  t.title = "Seats needed";
  t.column("tenant", "tenant", Unit::Text)
      .column("peak_agents_online", "peak agents", Unit::Agents)
      .column("admins", "admins", Unit::Agents)
      .column("seats_needed", "seats needed", Unit::Agents)
      .column("seats_declared", "declared", Unit::Agents);
  for (const auto& x : r.seats) {
    auto& row = t.add_row();
    row = {sc.tenants[static_cast<size_t>(x.tenant)].name, double(x.peak_agents_online), double(x.admins),
           double(x.seats_needed), double(x.seats_declared)};
  }
  return t;
}

Table staffing_trunks_table(const Scenario& sc, const StaffingResult& r) {
  Table t;
  t.id = "staffing_trunks";
  t.title = "Trunk channels needed";
  t.column("tenant", "tenant", Unit::Text)
      .column("trunk_group", "trunk group", Unit::Text)
      .column("offered_erlangs", "peak Erlangs", Unit::Agents)
      .column("blocking_target", "blocking target", Unit::Ratio)
      .column("channels_needed", "channels needed", Unit::Count)
      .column("channels_declared", "declared", Unit::Count);
  for (const auto& x : r.trunks) {
    auto& row = t.add_row();
    row = {sc.tenants[static_cast<size_t>(x.tenant)].name, x.trunk, x.offered_erlangs, x.blocking_target,
           double(x.channels_needed), double(x.channels_declared)};
  }
  return t;
}

Table max_load_points_table(const MaxLoadResult& r) {
  Table t;
  t.id = "max_load_points";
  t.title = "Load points tried";
  t.column("multiplier", "multiplier", Unit::None).column("holds", "result", Unit::Text).column("replications", "replications", Unit::Count);
  for (const auto& p : r.points) {
    auto& row = t.add_row();
    row = {p.multiplier, std::string(p.holds ? "holds" : "breaks"), double(p.replications)};
  }
  return t;
}

}  // namespace ccsim::capacity
