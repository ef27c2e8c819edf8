#pragma once
// The cluster options of run and sweep (--shard/--part, --slurm and its pass-through options) and the glue
// between those commands and sim/cluster: running one shard, submitting to Slurm, and taking merged results
// (ccsim merge) instead of running replications.
#include <set>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cluster/merge.hpp"
#include "cluster/slurm.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::cli {

struct ClusterOptions {
  std::string shard;  // "I/N"
  std::string part;   // where the shard's part goes
  bool slurm = false;
  cluster::SlurmOptions slurm_opts;
  void add_to(po::options_description& opts);
  bool distributed() const { return !shard.empty() || slurm; }
  // Usage errors (--part without --shard, --shard with --slurm, ...). Throws InputError.
  void check(const po::variables_map& vm) const;
};

// Results of shards, merged (cmd_merge), handed to run or sweep in place of running replications.
struct MergeInput {
  cluster::MergedRun merged;
  std::string json_path, h5_path;  // ccsim merge's outputs
  bool quiet = false;
};

// What run or sweep knows once its scenarios are loaded.
struct ClusterJob {
  std::string command;  // run | sweep
  Args args;            // as given
  std::string scenario_path;
  std::vector<const Scenario*> variants;
  std::vector<std::string> what_ifs;  // strings that shape the scenarios (--set, --vary, --load)
  int jobs = 1;
  bool quiet = false;
  std::string json_path, h5_path;  // as the user gave them (the Slurm merge job writes them); h5 only for run
};

// The user's arguments without the cluster options and the outputs (the merge job writes those) nor the
// options in `more_with_value`: what each array task runs, followed by its own --shard and --part.
Args shard_args(const Args& args, const std::set<std::string>& more_with_value = {});
// The header every part of this job carries (shard, items and replications filled by run_shard).
cluster::PartHeader part_header(const ClusterJob& job);
// --shard: runs the shard and writes its part. --slurm: submits (or prints) the array and the merge job.
int run_distributed(const ClusterOptions& opt, const ClusterJob& job);
// Under ccsim merge: checks that the scenario files still hash to what the parts say. Throws InputError.
void check_merge_matches(const MergeInput& in, const ClusterJob& job);

int run_command(const Args& args, const MergeInput* merge);
int sweep_command(const Args& args, const MergeInput* merge);

}  // namespace ccsim::cli
