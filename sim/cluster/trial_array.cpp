#include "cluster/trial_array.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <ostream>
#include <sstream>

#include "cluster/merge.hpp"
#include "core/atomic_file.hpp"
#include "scenario/loader.hpp"

namespace ccsim::cluster {

namespace fs = std::filesystem;

namespace {

struct Batch {
  int index = 0;
  int first = 0;       // the batch's first replication
  SlurmPlan plan;      // opt.dir = the batch's directory, opt.shards = its shard count
  PartHeader header;   // what each of its parts must say (shard aside)
};

Batch make_batch(const TrialArrayConfig& cfg, int index, const Scenario& sc, const RunnerOptions& ro) {
  Batch b;
  b.index = index;
  b.first = ro.first_replication;
  b.plan = cfg.base;
  b.plan.opt.dir = batch_dir(cfg.base.opt.dir, index);
  const int wanted = cfg.base.opt.shards > 0 ? cfg.base.opt.shards : ro.replications;
  b.plan.opt.shards = std::min(wanted, ro.replications);
  b.plan.args.push_back("--slurm-batch");
  b.plan.args.push_back(std::to_string(index));
  std::vector<std::string> identity = cfg.what_ifs;
  identity.push_back(scenario_to_json(sc));  // the trial as the search built it
  identity.push_back("first replication " + std::to_string(ro.first_replication));
  b.header.command = cfg.base.command;
  b.header.args = cfg.base.args;
  b.header.cwd = cfg.base.cwd;
  b.header.scenario_hash = scenario_hash(cfg.input_files, identity);
  b.header.seed = sc.seed;
  b.header.ccsim_version = cfg.ccsim_version;
  b.header.replications = {ro.replications};
  b.header.shard = ShardSpec{1, b.plan.opt.shards};
  return b;
}

std::vector<std::string> all_parts(const Batch& b) {
  std::vector<std::string> paths;
  for (int i = 1; i <= b.plan.opt.shards; ++i) paths.push_back(part_path(b.plan.opt.dir, ShardSpec{i, b.plan.opt.shards}));
  return paths;
}

// The batch's results from its parts (all there), in replication order.
RunOutcome read_batch(const Batch& b) {
  const MergedRun m = merge_parts(all_parts(b));
  const std::string d = header_difference(b.header, m.header, "this trial");
  if (!d.empty()) throw MergeError(b.plan.opt.dir + ": parts do not belong with this trial: " + d);
  RunOutcome o;
  o.results = m.per_variant.front();
  for (auto& r : o.results) r.replication += b.first;  // parts count from the batch's first (see run_task_shard)
  return o;
}

// Array task: runs this task's shard of the batch and writes its part.
void run_task_shard(const TrialArrayConfig& cfg, const Batch& b, const Scenario& sc, const RunnerOptions& ro) {
  Part part;
  part.header = b.header;
  part.header.shard = cfg.task_shard;
  part.header.items = shard_items(part.header.replications, cfg.task_shard);
  RunnerOptions mine;
  mine.first_replication = ro.first_replication + part.header.items.front().replication;
  mine.replications = static_cast<int>(part.header.items.size());
  mine.jobs = cfg.jobs;
  RunOutcome o = run_replications(sc, mine);
  if (o.interrupted || static_cast<int>(o.results.size()) != mine.replications)
    throw SearchStop(130, "shard " + cfg.task_shard.text() + " of batch " + std::to_string(b.index) + " left no part");
  // A part's items count replications from 0 (shard_items); the batch's are first, first + 1, ...
  part.results = std::move(o.results);
  for (auto& r : part.results) r.replication -= b.first;
  write_part(cfg.task_part, part);
  throw SearchStop(0, "shard " + cfg.task_shard.text() + " of batch " + std::to_string(b.index) + " written");
}

void write_text(const std::string& path, const std::string& text) {
  AtomicFile f(path);
  f.write(text);
  f.commit();
}

// Driver: submits the batch's missing shards as an array and waits for it (sbatch --wait).
void submit_and_wait(const TrialArrayConfig& cfg, Batch& b) {
  std::ostringstream resume;
  b.plan.shards = missing_shards(b.plan.opt, b.header, resume);
  const std::string script = b.plan.opt.dir + "/shards.sbatch";
  const std::string command = "sbatch --parsable --wait " + shell_quote(script);
  if (cfg.base.opt.dry_run) {
    // Only the first batch can be shown: the later ones depend on its results.
    std::cout << "# " << script << " (the first trial; each later one is submitted when the previous finished)\n"
        << array_script(b.plan) << "\n" << command << "\n";
    throw SearchStop(0, "dry run");
  }
  if (b.plan.shards.empty()) return;
  if (cfg.log) *cfg.log << resume.str();
  fs::create_directories(b.plan.opt.dir + "/parts");
  fs::create_directories(b.plan.opt.dir + "/logs");
  write_text(script, array_script(b.plan));
  std::string answer;
  const int status = run_shell(command, answer);
  const std::string id = job_id(answer);
  if (!id.empty()) std::ofstream(jobs_file(b.plan.opt.dir), std::ios::app) << "array " << id << "\n";
  if (cfg.log)
    *cfg.log << "capacity: batch " << b.index << ": array job " << id << " ran shards " << array_spec(b.plan.shards)
             << " of " << b.plan.opt.shards << " (" << b.plan.opt.dir << ")\n";
  std::ostringstream failed;
  if (!missing_shards(b.plan.opt, b.header, failed).empty())
    throw MergeError("batch " + std::to_string(b.index) + ": the array left shards without a part (sbatch status " +
                     std::to_string(status) + "); rerun the same command to resubmit only those:\n" + failed.str());
}

}  // namespace

std::string batch_dir(const std::string& dir, int batch) { return dir + "/batch-" + std::to_string(batch); }

std::function<RunOutcome(const Scenario&, const RunnerOptions&)> trial_array_runner(TrialArrayConfig cfg) {
  auto batches = std::make_shared<int>(0);
  return [cfg = std::move(cfg), batches](const Scenario& sc, const RunnerOptions& ro) -> RunOutcome {
    Batch b = make_batch(cfg, ++*batches, sc, ro);
    if (cfg.task_batch > 0) {
      if (b.index == cfg.task_batch) run_task_shard(cfg, b, sc, ro);
      return read_batch(b);  // an earlier batch: replayed from its parts
    }
    submit_and_wait(cfg, b);
    return read_batch(b);
  };
}

}  // namespace ccsim::cluster
