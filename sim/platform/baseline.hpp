#pragma once
// The no-fault baseline of a drill run (`ccsim run --baseline`): the same scenario with its drills and random
// failures removed, run with the same seed, so replication i of both runs shares its calls (common random
// numbers: faults draw from streams of their own, docs/platform.md "Random failures"). Each hypothesis is
// evaluated on the baseline too, and the drill's effect is the paired difference drill - baseline of each
// replication's worst value, with a 95% Student-t interval on those differences. output/platform_render
// renders the effects (JSON platform.baseline, terminal lines).
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/difference.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::platform {

// `sc` without drills and without random failures (mtbf of hosts, sites and links set to 0).
Scenario without_faults(const Scenario& sc);

struct BaselineEffect {
  Hypothesis hypothesis;
  int passes = 0, replications = 0;  // of the baseline
  std::vector<double> measured;      // the baseline's worst value per replication
  Difference effect;                 // drill - baseline, paired
};

// One entry per hypothesis of `sc`.
std::vector<BaselineEffect> baseline_effects(const Scenario& sc, const std::vector<RepResult>& drill,
                                             const Scenario& base_sc, const std::vector<RepResult>& baseline);

}  // namespace ccsim::platform
