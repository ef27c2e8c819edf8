#include "platform/hypotheses.hpp"

#include <cmath>
#include <limits>

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
  void add(double v, const std::string& where) {
    if (std::isnan(v)) return;  // an undefined ratio (no call in that interval) is not evidence
    const bool worse = r.values == 0 || (lower_is_worse() ? v < r.measured : v > r.measured);
    ++r.values;
    if (worse) {
      r.measured = v;
      r.where = where;
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
        if (h.metric == "availability") col.add(v.overall, name);
        else if (h.metric == "unavailable_minutes") col.add(static_cast<double>(v.unavailable_minutes), name);
        else if (h.metric == "credits") col.add(v.credit_cents ? *v.credit_cents / 100.0 : v.credit_bp / 100.0, name);
        else col.add(v.worst_tier + 1.0, name);
      } else {
        for (const auto& m : v.months) {
          const std::string where = name + " " + m.label;
          if (h.metric == "availability") col.add(m.availability, where);
          else if (h.metric == "unavailable_minutes") col.add(static_cast<double>(m.unavailable_minutes), where);
          else if (h.metric == "credits") col.add(m.credit_cents ? *m.credit_cents / 100.0 : m.credit_bp / 100.0, where);
          else col.add(m.eligible ? m.tier + 1.0 : 0.0, where);
        }
      }
      continue;
    }
    if (h.metric == "recovery_time" || h.metric == "detection_time" || (h.metric == "failed_requests" && scope == "incident")) {
      for (const Incident& in : rep.incidents) {
        bool hit = false;
        for (const auto& tn : in.tenants) hit = hit || tn == name;
        if (!hit) continue;
        const std::string where = name + " " + in.kind + " " + in.target;
        if (h.metric == "recovery_time") {
          // Never recovered: it lasted at least until the end of the run.
          col.add((in.recovered >= 0 ? in.recovered : rep.sim_seconds) - in.start, where);
        } else if (h.metric == "detection_time") {
          if (in.detected >= 0) col.add(in.detected - in.start, where);
        } else {
          col.add(static_cast<double>(in.requests_failed), where);
        }
      }
      continue;
    }
    if (h.metric == "failed_requests") {
      double f = 0;
      for (const auto& row : rep.tenants[t].ledger.failures)
        for (int k = 0; k < kNumCauses; ++k)
          if (provider_cause(static_cast<Cause>(k))) f += row[static_cast<size_t>(k)];
      col.add(f, name);
      continue;
    }
    // Interval KPIs of the call flow.
    const TenantRep& tr = rep.tenants[t];
    if (h.metric == "occupancy") {
      for (size_t g = 0; g < tr.gr.size(); ++g) {
        if (scope == "interval") {
          for (int r = first_counted_row(sc.horizon); r < tr.gr[g].rows; ++r)
            col.add(group_kpis(tr.gr[g], row_span(sc.horizon, r))[GK_OCCUPANCY], name + "/" + tr.groups[g] + " interval " + std::to_string(r));
        } else {
          col.add(group_kpis(tr.gr[g], overall_span(sc.horizon, tr.gr[g].rows))[GK_OCCUPANCY], name + "/" + tr.groups[g]);
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
        col.add(call_type_kpis(all, row_span(sc.horizon, r))[static_cast<size_t>(k)], name + " interval " + std::to_string(r));
    } else {
      col.add(call_type_kpis(all, overall_span(sc.horizon, all.rows))[static_cast<size_t>(k)], name);
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

}  // namespace ccsim::platform
