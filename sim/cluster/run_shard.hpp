#pragma once
// Runs one shard locally: the shard's replications of each variant through the replication runner (the same
// forked workers and seeds as a local run), returned as a part ready to be written.
#include <functional>
#include <vector>

#include "cluster/part_file.hpp"
#include "engine/replication_runner.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::cluster {

struct ShardRun {
  Part part;
  bool interrupted = false;  // a part of an interrupted shard is not written: its results are incomplete
};

// `header` has everything but replications and items, which come from the variants and header.shard.
ShardRun run_shard(const std::vector<const Scenario*>& variants, PartHeader header, int jobs,
                   const std::function<void(const RunProgress&)>& on_progress);

}  // namespace ccsim::cluster
