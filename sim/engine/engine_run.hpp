#pragma once
// One replication under SimGrid. The SimGrid Engine is a per-process singleton that cannot be reset, so this
// is called at most once per process: the replication runner forks a worker per replication.
#include <functional>
#include <string>

#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim {

struct EngineRunOptions {
  std::string log;  // SimGrid --log passthrough (empty: SimGrid stays silent)
  // Called between simulation chunks with the simulated time reached; return false to stop (interrupt).
  std::function<bool(double sim_time, uint64_t calls)> progress;
};

RepResult run_replication(const Scenario& sc, int replication, const EngineRunOptions& opt);

}  // namespace ccsim
