#pragma once
// The drill journal (`ccsim run --journal PATH`): the run told as timestamped activities in the spirit of a
// Chaos Toolkit journal, so an SRE's tooling reads it like one: steady-state hypothesis before and after,
// method = the drills with their times and what the platform recorded (detection, migration, recovery),
// rollbacks = the repairs, and a status. Times are the scenario's simulated clock (local date-times);
// the method and rollbacks are those of the first replication, the hypotheses are over every replication.
// docs/platform.md "Journal" describes every key.
#include <nlohmann/json.hpp>

#include "platform/rehearsal.hpp"
#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::platform {

// Minutes of call success read as the "before" steady state: the window just before the first drill.
constexpr int kJournalBeforeMinutes = 30;
// The "before" probe's tolerance: the success rate of the window at least this (the unavailable-minute rule).
constexpr double kJournalBeforeTolerance = 0.99;

// `rehearsal` is the run's platform section (platform/rehearsal.hpp), or null when it has none.
nlohmann::json build_journal(const Scenario& sc, const std::vector<RepResult>& reps, const Rehearsal* rehearsal);

}  // namespace ccsim::platform
