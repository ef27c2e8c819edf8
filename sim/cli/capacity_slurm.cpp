#include "cli/capacity_slurm.hpp"

#include <filesystem>
#include <iostream>

#include "cli/model_refs.hpp"
#include "cluster/trial_array.hpp"
#include "core/error.hpp"

namespace ccsim::cli {

namespace fs = std::filesystem;

namespace {

InputError usage(const std::string& option, const std::string& message, const std::string& expected = "") {
  return InputError(SourceLoc{"command line", 0, 0}, option, message, expected);
}

bool has_quiet(const Args& args) {
  for (const auto& a : args)
    if (a == "-q" || a == "--quiet") return true;
  return false;
}

}  // namespace

void CapacitySlurmOptions::add_to(po::options_description& opts) {
  cluster.add_to(opts);
  opts.add_options()("slurm-batch", po::value<int>(&batch),
                     "internal: the array tasks of capacity --slurm run batch K's shard --shard of the search");
}

void CapacitySlurmOptions::check(const po::variables_map& vm) const {
  const auto& o = cluster.slurm_opts;
  if (batch > 0) {
    if (cluster.shard.empty() || cluster.part.empty() || o.dir.empty() || cluster.slurm)
      throw usage("--slurm-batch", "is for the array tasks of capacity --slurm", "--shard, --part and --slurm-dir, no --slurm");
    return;
  }
  if (vm.count("slurm-batch")) throw usage("--slurm-batch", "must be >= 1");
  if (!cluster.shard.empty() || vm.count("part"))
    throw usage(cluster.shard.empty() ? "--part" : "--shard", "capacity runs its shards through --slurm", "--slurm --slurm-dir DIR");
  if (cluster.slurm && o.dir.empty()) throw usage("--slurm-dir", "missing", "a directory on storage every node sees");
  if (vm.count("shards") && o.shards < 1) throw usage("--shards", "must be >= 1");
  if (!cluster.slurm)
    for (const char* name : {"slurm-dir", "shards", "partition", "time", "mem", "account"})
      if (vm.count(name)) throw usage(std::string("--") + name, "needs --slurm");
  if (!cluster.slurm && o.dry_run) throw usage("--dry-run", "needs --slurm");
}

capacity::ReplicationRunner CapacitySlurmOptions::runner(const Args& args, const Scenario& sc, int jobs, bool quiet) const {
  cluster::TrialArrayConfig cfg;
  cfg.base.opt = cluster.slurm_opts;
  cfg.base.opt.dir = fs::absolute(cfg.base.opt.dir).lexically_normal().string();
  if (cfg.base.opt.dir.size() > 1 && cfg.base.opt.dir.back() == '/') cfg.base.opt.dir.pop_back();
  cfg.base.ccsim = fs::read_symlink("/proc/self/exe").string();
  cfg.base.cwd = fs::current_path().string();
  cfg.base.command = "capacity";
  // What every task runs: the search as given, minus outputs and cluster options, quiet, reading DIR.
  Args task = shard_args(args, {"--csv", "--slurm-batch"});
  if (!has_quiet(task)) task.push_back("-q");
  // The search's identity for the part hashes: everything but how many workers run it and where.
  cfg.what_ifs = shard_args(task, {"-j", "--jobs"});
  task.push_back("--slurm-dir");
  task.push_back(cfg.base.opt.dir);
  if (cfg.base.opt.shards > 0) {  // a task replays earlier batches: it must know how they were split
    task.push_back("--shards");
    task.push_back(std::to_string(cfg.base.opt.shards));
  }
  cfg.base.args = task;
  cfg.input_files = scenario_input_files(sc);
  cfg.ccsim_version = CCSIM_VERSION;
  cfg.jobs = jobs;
  if (batch > 0) {
    cfg.task_batch = batch;
    cfg.task_shard = cluster::parse_shard_spec(cluster.shard);
    cfg.task_part = cluster.part;
  }
  if (!quiet && batch == 0) cfg.log = &std::cerr;
  return cluster::trial_array_runner(std::move(cfg));
}

}  // namespace ccsim::cli
