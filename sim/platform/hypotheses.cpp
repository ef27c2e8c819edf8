#include "platform/hypotheses.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/time.hpp"

#include "stats/kpi.hpp"

namespace ccsim::platform {

bool compare(double v, const std::string& op, double b) {
  if (op == ">=") return v >= b;
  if (op == ">") return v > b;
  if (op == "<=") return v <= b;
  if (op == "<") return v < b;
  return false;
}

namespace {

struct Collector {
  const std::string& op;
  HypothesisResult r;
  bool lower_is_worse() const { return op == ">=" || op == ">"; }
  void add(double v, const std::string& where, const std::string& tenant, double at = -1) {
    if (std::isnan(v)) return;  // an undefined ratio (no call in that interval) is not evidence
    const bool worse = r.values == 0 || (lower_is_worse() ? v < r.measured : v > r.measured);
    ++r.values;
    if (worse) {
      r.measured = v;
      r.where = where;
      r.tenant = tenant;
      r.at = at;
    }
  }
};

// Counters of every call type of a tenant, summed: the tenant's totals per interval.
CounterTable tenant_counters(const TenantRep& t) {
  CounterTable sum;
  if (t.ct.empty()) return sum;
  sum.init(t.ct[0].rows, t.ct[0].fields);
  for (const auto& c : t.ct)
    for (size_t i = 0; i < sum.v.size() && i < c.v.size(); ++i) sum.v[i] += c.v[i];
  return sum;
}

// The start of statistics interval `row` as a date-time to the minute (not its index).
std::string interval_label(const Scenario& sc, int row) {
  return format_datetime(sc.horizon.start + static_cast<int64_t>(std::llround(row * sc.horizon.interval))).substr(0, 16);
}

}  // namespace

HypothesisResult check_hypothesis(const Hypothesis& h, const Scenario& sc, const RepResult& rep,
                                  const std::vector<TenantAvailability>& avail) {
  Collector col{h.op, {}};
  const std::string& scope = h.scope;
  for (size_t t = 0; t < rep.tenants.size(); ++t) {
    const std::string& name = rep.tenants[t].name;
    if (!h.tenant.empty() && h.tenant != name) continue;
    const TenantAvailability& a = avail[t];
    const AvailabilityView& v = a.as_contract;
    if (h.metric == "availability" || h.metric == "unavailable_minutes" || h.metric == "credits" ||
        h.metric == "credit_tier") {
      if (scope == "overall") {
        if (h.metric == "availability") col.add(v.overall, name, name);
        else if (h.metric == "unavailable_minutes") col.add(static_cast<double>(v.unavailable_minutes), name, name);
        else if (h.metric == "credits") col.add(v.credit_cents ? *v.credit_cents / 100.0 : v.credit_bp / 100.0, name, name);
        else col.add(v.worst_tier + 1.0, name, name);
      } else {
        for (const auto& m : v.months) {
          const std::string where = name + " " + m.label;
          if (h.metric == "availability") col.add(m.availability, where, name);
          else if (h.metric == "unavailable_minutes") col.add(static_cast<double>(m.unavailable_minutes), where, name);
          else if (h.metric == "credits") col.add(m.credit_cents ? *m.credit_cents / 100.0 : m.credit_bp / 100.0, where, name);
          else col.add(m.eligible ? m.tier + 1.0 : 0.0, where, name);
        }
      }
      continue;
    }
    if (h.metric == "recovery_time" || h.metric == "detection_time" || (h.metric == "failed_requests" && scope == "incident")) {
      for (const Incident& in : rep.incidents) {
        bool hit = false;
        for (const auto& tn : in.tenants) hit = hit || tn == name;
        if (!hit) continue;
        const std::string where = name + " " + incident_kind_name(in.kind) + " " + in.target;
        if (h.metric == "recovery_time") {
          // Never recovered: it lasted at least until the end of the run.
          col.add((in.recovered >= 0 ? in.recovered : rep.sim_seconds) - in.start, where, name, in.start);
        } else if (h.metric == "detection_time") {
          if (in.detected >= 0) col.add(in.detected - in.start, where, name, in.start);
        } else {
          col.add(static_cast<double>(in.requests_failed), where, name, in.start);
        }
      }
      continue;
    }
    if (h.metric == "failed_requests") {
      double f = 0;
      for (const auto& row : rep.tenants[t].ledger.failures.rows())
        for (int k = 0; k < kNumCauses; ++k)
          if (provider_cause(static_cast<Cause>(k))) f += row[static_cast<size_t>(k)];
      col.add(f, name, name);
      continue;
    }
    // Interval KPIs of the call flow.
    const TenantRep& tr = rep.tenants[t];
    if (h.metric == "occupancy") {
      for (size_t g = 0; g < tr.gr.size(); ++g) {
        if (scope == "interval") {
          for (int r = first_counted_row(sc.horizon); r < tr.gr[g].rows; ++r)
            col.add(group_kpis(tr.gr[g], row_span(sc.horizon, r))[GK_OCCUPANCY], name + "/" + tr.groups[g] + " " + interval_label(sc, r),
                    name, r * sc.horizon.interval);
        } else {
          col.add(group_kpis(tr.gr[g], overall_span(sc.horizon, tr.gr[g].rows))[GK_OCCUPANCY], name + "/" + tr.groups[g], name);
        }
      }
      continue;
    }
    const int k = h.metric == "abandonment" ? CK_ABANDONMENT_RATE
                  : h.metric == "service_level" ? CK_SL_ANSWERED
                  : h.metric == "blocking"      ? CK_BLOCKING_RATE
                  : h.metric == "asa"           ? CK_ASA
                                                : -1;
    if (k < 0) continue;
    const CounterTable all = tenant_counters(tr);
    if (scope == "interval") {
      for (int r = first_counted_row(sc.horizon); r < all.rows; ++r)
        col.add(call_type_kpis(all, row_span(sc.horizon, r))[static_cast<size_t>(k)], name + " " + interval_label(sc, r),
                name, r * sc.horizon.interval);
    } else {
      col.add(call_type_kpis(all, overall_span(sc.horizon, all.rows))[static_cast<size_t>(k)], name, name);
    }
  }
  HypothesisResult r = col.r;
  if (r.values == 0) {
    r.measured = std::numeric_limits<double>::quiet_NaN();
    r.pass = true;
  } else {
    r.pass = compare(r.measured, h.op, h.value);
  }
  return r;
}

const char* hypothesis_unit(const std::string& metric) {
  if (metric == "availability" || metric == "abandonment" || metric == "service_level" || metric == "blocking" ||
      metric == "occupancy")
    return "ratio";
  if (metric == "recovery_time" || metric == "detection_time" || metric == "asa") return "s";
  if (metric == "unavailable_minutes") return "minutes";
  if (metric == "failed_requests") return "requests";
  if (metric == "credit_tier") return "tier";
  if (metric == "credits") return "credit";
  return "";
}

}  // namespace ccsim::platform
