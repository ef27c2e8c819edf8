#pragma once
// The no-fault baseline of a drill run (`ccsim run --baseline`): the same scenario with its drills and random
// failures removed, run with the same seed, so replication i of both runs shares its calls (common random
// numbers: faults draw from streams of their own, docs/platform.md "Random failures"). Each hypothesis is
// evaluated on the baseline too, and the drill's effect is the paired difference drill - baseline of each
// replication's worst value, with a 95% Student-t interval on those differences.
#include <nlohmann/json.hpp>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::platform {

// `sc` without drills and without random failures (mtbf of hosts, sites and links set to 0).
Scenario without_faults(const Scenario& sc);

// JSON array, one entry per hypothesis: the baseline's pass count and worst value, and the drill's effect.
// `text` gets one terminal line per hypothesis.
nlohmann::json baseline_effects(const Scenario& sc, const std::vector<RepResult>& drill, const Scenario& base_sc,
                                const std::vector<RepResult>& baseline, std::string& text);

}  // namespace ccsim::platform
