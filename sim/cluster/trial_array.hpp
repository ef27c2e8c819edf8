#pragma once
// `ccsim capacity --slurm`: each batch of replications a capacity trial asks for runs as one Slurm job array
// (`sbatch --wait`), and the search goes on with the batch's results read back from the parts, so its decisions
// and output are the local search's.
//
// The array tasks do not receive the trial's scenario as a file: each task reruns the same `ccsim capacity`
// command, which replays the search from the parts of the batches before it (the search is deterministic given
// their results) up to its own batch, runs its shard of that batch, writes the part and stops. Whatever the
// search varies (load, agents per interval, seats, trunks) is therefore rebuilt by the same code, and every
// part's scenario hash covers the resolved trial scenario (scenario_to_json), so a part from a different trial
// is refused instead of used.
//
// Layout of DIR: batch-K/ (K = 1, 2, ... in the search's order) with shards.sbatch, parts/, logs/, slurm-jobs.
// A rerun finds the batches whose parts are all there and submits only the missing shards.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cluster/slurm.hpp"
#include "engine/replication_runner.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::cluster {

// Thrown to end the search early with an exit code: after a dry run printed its script (0), after an array
// task wrote its part (0).
class SearchStop : public std::runtime_error {
 public:
  SearchStop(int code, const std::string& why) : std::runtime_error(why), exit_code(code) {}
  int exit_code;
};

struct TrialArrayConfig {
  SlurmPlan base;  // ccsim, cwd, command "capacity", args of every task (with --slurm-dir), opt (dir = DIR)
  std::vector<std::string> input_files;  // the scenario files (hashed with each trial scenario)
  std::vector<std::string> what_ifs;     // --set/--load strings and the search's own arguments
  std::string ccsim_version;
  // Array task: this process is task `shard` of batch `task_batch` and writes its part to `task_part`.
  int task_batch = 0;
  ShardSpec task_shard;
  std::string task_part;
  int jobs = 1;  // worker processes of an array task
  std::ostream* log = nullptr;  // driver progress lines (may be null)
};

std::string batch_dir(const std::string& dir, int batch);

// A replication runner (capacity::ReplicationRunner) that submits, waits for and reads back one array per
// call; in task mode, reads earlier batches and runs its own shard. Throws SearchStop, MergeError (a part that
// does not belong, a task that left no part: named with its array task id and log).
std::function<RunOutcome(const Scenario&, const RunnerOptions&)> trial_array_runner(TrialArrayConfig cfg);

}  // namespace ccsim::cluster
