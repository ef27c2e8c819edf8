#pragma once
// Two runs of the same scenario and seed must agree on everything simulated; only wall-clock figures differ.
// Tests that compare such runs (golden files, shard merges) strip them with this one function.
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace ccsim::test {

// `j` without the wall-clock keys (and any `extra` keys), at every depth.
inline nlohmann::json without_timing(nlohmann::json j, const std::set<std::string>& extra = {}) {
  static const std::set<std::string> kWallClock = {"elapsed_seconds", "wall_seconds", "cpu_seconds",
                                                   "calls_per_second", "events_per_second"};
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end();) {
      if (kWallClock.count(it.key()) || extra.count(it.key())) {
        it = j.erase(it);
      } else {
        it.value() = without_timing(it.value(), extra);
        ++it;
      }
    }
  } else if (j.is_array()) {
    for (auto& v : j) v = without_timing(v, extra);
  }
  return j;
}

}  // namespace ccsim::test
