#pragma once
// Steady-state hypotheses of a drill scenario, checked in every replication. A hypothesis covers every value
// in its scope (each tenant, or the one it names; each service month, statistics interval or incident), so the
// measured value reported is the worst one under its operator: the smallest for >= and >, the largest for <=
// and <. It passes when that worst value satisfies the operator. docs/platform.md lists the metrics.
#include <string>
#include <vector>

#include "platform/availability.hpp"
#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::platform {

struct HypothesisResult {
  double measured = 0;   // worst value in scope; NaN when the scope held nothing to measure
  bool pass = true;      // vacuously true when nothing was measured
  int values = 0;        // how many values the scope held
  std::string where;     // which tenant / month / interval / incident gave the worst value
  std::string tenant;    // the tenant of the worst value
  double at = -1;        // when: seconds since horizon start (interval start, incident start); -1 = no instant
};

// The unit of a hypothesis metric as shown with its values: "ratio" (a fraction, shown as %), "s", "minutes",
// "requests", "tier", "credit" (currency units, or % of the fee when the contract has no fee). The text forms
// (value with unit, "worst ... at ...") are output/platform_render's.
const char* hypothesis_unit(const std::string& metric);

// `avail` holds one TenantAvailability per tenant of the replication.
HypothesisResult check_hypothesis(const Hypothesis& h, const Scenario& sc, const RepResult& rep,
                                  const std::vector<TenantAvailability>& avail);

bool compare(double value, const std::string& op, double bound);

}  // namespace ccsim::platform
