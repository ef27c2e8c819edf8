#include "platform/baseline.hpp"

#include <cmath>

#include "platform/availability.hpp"
#include "platform/hypotheses.hpp"
#include "stats/difference.hpp"

namespace ccsim::platform {

namespace {
using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

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

json baseline_effects(const Scenario& sc, const std::vector<RepResult>& drill, const Scenario& base_sc,
                      const std::vector<RepResult>& baseline, std::string& text) {
  json out = json::array();
  for (const Hypothesis& h : sc.hypotheses) {
    const auto d = results(h, sc, drill), b = results(h, base_sc, baseline);
    std::vector<double> dv, bv;
    int passes = 0;
    for (const auto& r : d) dv.push_back(r.measured);
    for (const auto& r : b) {
      bv.push_back(r.measured);
      passes += r.pass ? 1 : 0;
    }
    const Difference e = paired_difference(bv, dv);  // drill - baseline, replication by replication
    out.push_back({{"name", h.name},
                   {"unit", hypothesis_unit(h.metric)},
                   {"baseline", {{"passes", passes}, {"replications", b.size()}, {"pass", passes == static_cast<int>(b.size())},
                                 {"measured", bv}}},
                   {"effect", {{"reading", "drill - baseline of each replication's worst value"},
                               {"interval", diff_method_name(e.method)},
                               {"mean", num(e.diff)}, {"lo", num(e.lo)}, {"hi", num(e.hi)}, {"n", e.n_a}}}});
    text += "    " + h.name + ": baseline pass " + std::to_string(passes) + "/" + std::to_string(b.size()) +
            "; drill effect " + (e.n_a ? format_hypothesis_value(h.metric, e.diff) + " [" +
                                             format_hypothesis_value(h.metric, e.lo) + ", " +
                                             format_hypothesis_value(h.metric, e.hi) + "]"
                                       : std::string("- (nothing measured in both runs)")) +
            "\n";
  }
  return out;
}

}  // namespace ccsim::platform
