#include "platform/baseline.hpp"

#include <cmath>

#include "platform/availability.hpp"
#include "platform/hypotheses.hpp"

namespace ccsim::platform {

namespace {
// Each replication's result of hypothesis `h`.
std::vector<HypothesisResult> results(const Hypothesis& h, const Scenario& sc, const std::vector<RepResult>& reps) {
  AvailabilityEvaluator evaluator(sc);
  std::vector<HypothesisResult> out;
  for (const RepResult& r : reps) {
    std::vector<TenantAvailability> avail;
    for (size_t t = 0; t < r.tenants.size(); ++t) avail.push_back(evaluator.evaluate(static_cast<int>(t), r.tenants[t].ledger));
    out.push_back(check_hypothesis(h, sc, r, avail));
  }
  return out;
}
}  // namespace

Scenario without_faults(const Scenario& sc) {
  Scenario base = sc;
  base.drills.clear();
  for (auto& h : base.platform.hosts) h.mtbf = 0;
  for (auto& s : base.platform.sites) s.mtbf = 0;
  for (auto& l : base.platform.links) l.mtbf = 0;
  return base;
}

std::vector<BaselineEffect> baseline_effects(const Scenario& sc, const std::vector<RepResult>& drill,
                                             const Scenario& base_sc, const std::vector<RepResult>& baseline) {
  std::vector<BaselineEffect> out;
  for (const Hypothesis& h : sc.hypotheses) {
    const auto d = results(h, sc, drill), b = results(h, base_sc, baseline);
    BaselineEffect e;
    e.hypothesis = h;
    e.replications = static_cast<int>(b.size());
    std::vector<double> dv;
    for (const auto& r : d) dv.push_back(r.measured);
    for (const auto& r : b) {
      e.measured.push_back(r.measured);
      e.passes += r.pass ? 1 : 0;
    }
    e.effect = paired_difference(e.measured, dv);  // drill - baseline, replication by replication
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace ccsim::platform
