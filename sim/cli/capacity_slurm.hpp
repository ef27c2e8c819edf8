#pragma once
// The cluster options of `ccsim capacity` (--slurm and its pass-through options, and the internal options of
// its array tasks) and the replication runner they install into the search (cluster/trial_array).
#include <string>
#include <vector>

#include "capacity/trial.hpp"
#include "cli/cluster_options.hpp"
#include "cli/options.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::cli {

struct CapacitySlurmOptions {
  ClusterOptions cluster;  // --slurm, --slurm-dir, --shards (per batch), --partition ... --dry-run; --shard/--part
  int batch = 0;           // --slurm-batch K: this process is an array task of batch K (set by the array script)
  void add_to(po::options_description& opts);
  // Usage errors. Throws InputError (exit 2).
  void check(const po::variables_map& vm) const;
  bool active() const { return cluster.slurm || batch > 0; }
  // The runner that sends each batch of a trial's replications to Slurm (or, in a task, replays and runs its
  // shard). `args` are capacity's arguments as given, `sc` the loaded scenario.
  capacity::ReplicationRunner runner(const Args& args, const Scenario& sc, int jobs, bool quiet) const;
};

}  // namespace ccsim::cli
