#pragma once
// Runs one replication under SimGrid in a forked child (the Engine is a per-process singleton that cannot be
// reset, so a test process must never start it itself) and returns the child's RepResult, sent back through a
// pipe in rep_result_io's exact encoding. Every engine test uses this one helper.
#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::test {

// Throws std::runtime_error when the child fails.
RepResult run_engine_forked(const Scenario& sc, int replication = 0);

}  // namespace ccsim::test
