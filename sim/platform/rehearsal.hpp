#pragma once
// The chaos-drill rehearsal report: what the faults of a run did, across replications. Built once from the
// replications' results; the JSON summary gets it as doc["platform"] (the HDF5 writer and HTML report read it
// from there) and the terminal gets a short table. docs/platform.md describes every key.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::platform {

struct Rehearsal {
  nlohmann::json json;
  std::string text;            // terminal section
  bool hypothesis_failed = false;  // some hypothesis failed in at least one replication
};

// Minutes shown around each fault in the per-minute call success timeline.
constexpr int kMinutesBefore = 10;
constexpr int kMinutesAfter = 30;

Rehearsal build_rehearsal(const Scenario& sc, const std::vector<RepResult>& reps);

// Per-minute call success rate 1 - failures / requests over all tenants of the given replications, for the
// minutes [first, first + count) (clipped to the horizon); NaN for a minute without requests.
std::vector<double> success_timeline(const std::vector<const RepResult*>& reps, int first, int count);

}  // namespace ccsim::platform
