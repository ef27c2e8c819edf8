#include "platform/rehearsal.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "platform/availability.hpp"

namespace ccsim::platform {

namespace {

// Mean and 95% interval of the finite values (an incident without detection has no detection time).
Estimate mean_of(const std::vector<double>& v) {
  std::vector<double> d;
  for (double x : v)
    if (std::isfinite(x)) d.push_back(x);
  return mean_ci(d);
}

double since_start(const Incident& in, double t) { return t >= 0 ? t - in.start : NAN; }

FaultTimeline timeline_around(double start, const std::vector<const RepResult*>& rs) {
  FaultTimeline tl;
  tl.fault_start = start;
  tl.start_minute = static_cast<int>(std::floor(start / 60.0));
  const int first = std::max(0, tl.start_minute - kMinutesBefore);
  tl.first_offset = first - tl.start_minute;
  tl.replications = static_cast<int>(rs.size());
  tl.success_rate = success_timeline(rs, first, tl.start_minute + kMinutesAfter + 1 - first);
  return tl;
}

}  // namespace

std::vector<double> success_timeline(const std::vector<const RepResult*>& reps, int first, int count) {
  std::vector<double> out;
  for (int m = first; m < first + count; ++m) {
    double req = 0, fail = 0;
    bool inside = false;
    for (const RepResult* r : reps)
      for (const auto& t : r->tenants) {
        if (m < 0 || static_cast<size_t>(m) >= t.ledger.minutes()) continue;
        inside = true;
        req += t.ledger.requests[static_cast<size_t>(m)];
        fail += t.ledger.failed(static_cast<size_t>(m));
      }
    if (!inside) continue;
    out.push_back(req > 0 ? 1.0 - std::min(fail, req) / req : NAN);
  }
  return out;
}

// Grouped: each drill (the same fault in every replication), and each kind of random failure, in order of
// first appearance.
std::vector<IncidentGroup> summarize_incidents(const std::vector<RepResult>& reps) {
  const int n = static_cast<int>(reps.size());
  std::map<std::string, std::vector<const Incident*>> groups;
  std::vector<std::string> order;
  for (const auto& r : reps)
    for (const auto& in : r.incidents) {
      const std::string key = in.drill.empty() ? std::string("kind:") + incident_kind_name(in.kind) : "drill:" + in.drill;
      if (!groups.count(key)) order.push_back(key);
      groups[key].push_back(&in);
    }
  std::vector<IncidentGroup> out;
  for (const auto& key : order) {
    const auto& g = groups[key];
    std::vector<double> det, mig, rec, drop, fail;
    IncidentGroup s;
    s.drill = g.front()->drill;
    s.kind = g.front()->kind;
    s.incidents = static_cast<int>(g.size());
    s.per_replication = n > 0 ? static_cast<double>(g.size()) / n : 0.0;
    for (const Incident* in : g) {
      det.push_back(since_start(*in, in->detected));
      mig.push_back(since_start(*in, in->migrated));
      rec.push_back(since_start(*in, in->recovered));
      if (in->recovered < 0) ++s.unrecovered;
      drop.push_back(static_cast<double>(in->calls_dropped));
      fail.push_back(static_cast<double>(in->requests_failed));
    }
    s.detection_seconds = mean_of(det);
    s.migration_seconds = mean_of(mig);
    s.recovery_seconds = mean_of(rec);
    s.calls_dropped = mean_of(drop);
    s.requests_failed = mean_of(fail);
    out.push_back(s);
  }
  return out;
}

// Per-minute call success around each fault: drills over all replications, the first 10 random faults of the
// first replication.
std::vector<FaultTimeline> fault_timelines(const Scenario& sc, const std::vector<RepResult>& reps) {
  std::vector<FaultTimeline> out;
  if (reps.empty()) return out;
  std::vector<const RepResult*> all;
  for (const auto& r : reps) all.push_back(&r);
  for (const auto& d : sc.drills) {
    out.push_back(timeline_around(static_cast<double>(d.start - sc.horizon.start), all));
    out.back().drill = d.name;
  }
  int shown = 0;
  for (const auto& in : reps.front().incidents) {
    if (!in.drill.empty()) continue;
    if (++shown > 10) break;
    out.push_back(timeline_around(in.start, {&reps.front()}));
    out.back().kind = in.kind;
    out.back().target = in.target;
  }
  return out;
}

// Unavailable minutes of one tenant, why, and what they cost under the contract (both views of clause 5.12).
TenantUnavailability tenant_unavailability(const Scenario& sc, size_t t,
                                           const std::vector<std::vector<TenantAvailability>>& avail) {
  const int n = static_cast<int>(avail.size());
  std::vector<double> u_c, u_a, a_c, a_a, bp_c, bp_a, cents_c, cents_a, ann, low_ann;
  std::array<std::vector<double>, kNumCauses> low;
  int credit_c = 0, credit_a = 0;
  bool have_cents = false;
  TenantUnavailability out;
  out.tenant = sc.tenants[t].name;
  for (const auto& rep : avail) {
    const TenantAvailability& a = rep[t];
    out.contract = a.contract;
    u_c.push_back(static_cast<double>(a.as_contract.unavailable_minutes));
    u_a.push_back(static_cast<double>(a.announced_counted.unavailable_minutes));
    a_c.push_back(a.as_contract.worst_month);
    a_a.push_back(a.announced_counted.worst_month);
    bp_c.push_back(static_cast<double>(a.as_contract.credit_bp) / 100.0);
    bp_a.push_back(static_cast<double>(a.announced_counted.credit_bp) / 100.0);
    if (a.as_contract.credit_cents) have_cents = true;
    cents_c.push_back(static_cast<double>(a.as_contract.credit_cents.value_or(0)));
    cents_a.push_back(static_cast<double>(a.announced_counted.credit_cents.value_or(0)));
    credit_c += a.as_contract.eligible ? 1 : 0;
    credit_a += a.announced_counted.eligible ? 1 : 0;
    ann.push_back(static_cast<double>(a.announced_minutes));
    low_ann.push_back(static_cast<double>(a.low_minutes_announced));
    for (int k = 0; k < kNumCauses; ++k)
      low[static_cast<size_t>(k)].push_back(static_cast<double>(a.low_minutes_by_cause[static_cast<size_t>(k)]));
  }
  for (int k = 0; k < kNumCauses; ++k) {
    const Estimate e = mean_of(low[static_cast<size_t>(k)]);
    if (e.mean > 0) out.low_success_minutes_by_cause.emplace_back(static_cast<Cause>(k), e);
  }
  out.announced_minutes = mean_of(ann);
  out.unavailable_minutes = {mean_of(u_c), mean_of(u_a)};
  out.worst_month_availability = {mean_of(a_c), mean_of(a_a)};
  out.p_credit = {wilson(credit_c, n), wilson(credit_a, n)};
  out.credit_pct = {mean_of(bp_c), mean_of(bp_a)};
  if (have_cents) out.credit_cents = ByView{mean_of(cents_c), mean_of(cents_a)};
  out.low_success_minutes_announced = mean_of(low_ann);
  return out;
}

// A hypothesis in every replication: pass count and rate, and the worst value with where and when.
HypothesisReport check_across_replications(const Hypothesis& h, const Scenario& sc, const std::vector<RepResult>& reps,
                                           const std::vector<std::vector<TenantAvailability>>& avail) {
  HypothesisReport out;
  out.hypothesis = h;
  out.replications = static_cast<int>(reps.size());
  out.worst.measured = NAN;
  const bool lower_is_worse = h.op == ">=" || h.op == ">";
  for (size_t r = 0; r < reps.size(); ++r) {
    const HypothesisResult hr = check_hypothesis(h, sc, reps[r], avail[r]);
    out.passes += hr.pass ? 1 : 0;
    if (std::isfinite(hr.measured) &&
        (!std::isfinite(out.worst.measured) ||
         (lower_is_worse ? hr.measured < out.worst.measured : hr.measured > out.worst.measured))) {
      out.worst = hr;
      out.worst_replication = reps[r].replication;
    }
    out.per_replication.push_back({reps[r].replication, hr});
  }
  out.pass_rate = wilson(out.passes, out.replications);
  return out;
}

Rehearsal build_rehearsal(const Scenario& sc, const std::vector<RepResult>& reps) {
  Rehearsal out;
  out.replications = static_cast<int>(reps.size());
  if (!reps.empty()) out.first_replication = reps.front().replication;
  for (const auto& r : reps)
    for (const auto& in : r.incidents) out.incidents.push_back({r.replication, in});
  out.incident_summary = summarize_incidents(reps);
  out.timelines = fault_timelines(sc, reps);

  AvailabilityEvaluator evaluator(sc);
  std::vector<std::vector<TenantAvailability>> avail(reps.size());
  for (size_t r = 0; r < reps.size(); ++r)
    for (size_t t = 0; t < reps[r].tenants.size(); ++t)
      avail[r].push_back(evaluator.evaluate(static_cast<int>(t), reps[r].tenants[t].ledger));
  out.warnings = evaluator.warnings();
  for (size_t t = 0; t < sc.tenants.size(); ++t) out.tenants.push_back(tenant_unavailability(sc, t, avail));

  for (const Hypothesis& h : sc.hypotheses) {
    out.hypotheses.push_back(check_across_replications(h, sc, reps, avail));
    if (out.hypotheses.back().passes < out.replications) out.hypothesis_failed = true;
  }
  return out;
}

}  // namespace ccsim::platform
