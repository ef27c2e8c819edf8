#pragma once
// Capacity targets (`ccsim capacity --target KEY=VALUE`) and the rule that decides whether one holds.
//
// KEY = [TENANT:]METRIC[@SCOPE]; METRIC = service_level (>=) | abandonment (<=) | blocking (<=) |
// availability (>=); SCOPE = overall (default: the horizon after warm-up) | interval (every statistics
// interval after warm-up must meet it). VALUE = 0.8 or 80%. Example: --target acme:service_level@interval=80%.
//
// Decision rule (docs/capacity.md): with the replication mean and its 95% Student-t interval [lo, hi], a
// ">= v" target HOLDS when lo >= v, BREAKS when hi < v, and is UNDECIDED otherwise ("<= v" mirrored). The
// searches add replications while a figure is undecided (up to a cap) and then decide by the mean.
// A figure with no observation (no call in the interval) holds: there was nobody to serve badly.
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"
#include "stats/confidence.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::capacity {

enum class Metric { ServiceLevel, Abandonment, Blocking, Availability };
enum class Scope { Overall, Interval };
enum class Verdict { Holds, Undecided, Breaks };

struct Target {
  Metric metric = Metric::ServiceLevel;
  Scope scope = Scope::Overall;
  double value = 0;
  std::string tenant;  // empty = every tenant
  std::string text;    // as written (for reports)
  bool at_least() const { return metric == Metric::ServiceLevel || metric == Metric::Availability; }
};

const char* metric_name(Metric m);
// Parses one --target argument; InputError (key path "--target") when malformed or naming an unknown tenant.
Target parse_target(const std::string& text, const Scenario& sc);
// Targets when none is given: each call type's own service-level target, overall, per tenant (the strictest
// sl_target of the tenant's call types).
std::vector<Target> default_targets(const Scenario& sc);

Verdict decide(const Estimate& e, double value, bool at_least);
// After the replication cap: the mean decides.
Verdict decide_by_mean(const Estimate& e, double value, bool at_least);

// One figure checked against one target.
struct Check {
  int target = 0;
  int tenant = 0;
  int group = -1;     // staffing checks are per skill group
  int interval = -1;  // -1 = overall
  Estimate estimate;
  Verdict verdict = Verdict::Holds;
};

// Every check of every target over tenant-level figures (call types of a tenant together).
std::vector<Check> tenant_checks(const Scenario& sc, const std::vector<Target>& targets, const Summary& s,
                                 const std::vector<RepResult>& reps);
// Availability of one replication over ledger minutes [m0, m1): share of minutes whose call success rate is
// at least 99% counting provider-side failures (contract A's rule; minutes without requests are available).
double availability(const MinuteLedger& ledger, int m0, int m1);

}  // namespace ccsim::capacity
