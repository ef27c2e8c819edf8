#include "cli/cluster_options.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "cli/model_refs.hpp"
#include "cli/progress.hpp"
#include "cluster/run_shard.hpp"
#include "core/error.hpp"
#include "output/output_paths.hpp"

namespace ccsim::cli {

namespace fs = std::filesystem;

namespace {

InputError usage(const std::string& option, const std::string& message, const std::string& expected = "") {
  return InputError(SourceLoc{"command line", 0, 0}, option, message, expected);
}

std::vector<std::string> input_files(const ClusterJob& job) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const Scenario* sc : job.variants)
    for (const auto& f : scenario_input_files(*sc))
      if (seen.insert(f).second) files.push_back(f);
  return files;
}

int run_one_shard(const ClusterOptions& opt, const ClusterJob& job) {
  cluster::PartHeader h = part_header(job);
  h.shard = cluster::parse_shard_spec(opt.shard);
  cluster::shard_items(h.replications, h.shard);  // too many shards: exit 2 before anything runs
  const std::string path = !opt.part.empty() ? opt.part
                                             : fs::path(job.scenario_path).stem().string() + ".shard-" +
                                                   std::to_string(h.shard.index) + "-of-" +
                                                   std::to_string(h.shard.count) + ".part";
  check_output_paths("ccsim " + job.command, {{"--part", path}}, input_files(job));
  ProgressReporter progress(ProgressReporter::detect(job.quiet));
  cluster::ShardRun r = cluster::run_shard(job.variants, h, job.jobs, [&](const RunProgress& p) { progress.update(p); });
  progress.done();
  if (r.interrupted) {
    std::cerr << "ccsim " << job.command << ": interrupted: shard " << h.shard.text() << " left no part\n";
    return kExitInterrupted;
  }
  cluster::write_part(path, r.part);
  if (!job.quiet)
    std::cout << "shard " << h.shard.text() << ": " << r.part.results.size() << " replications -> " << path << "\n";
  return kExitOk;
}

int submit_to_slurm(const ClusterOptions& opt, const ClusterJob& job) {
  cluster::SlurmPlan plan;
  plan.opt = opt.slurm_opts;
  plan.opt.dir = fs::absolute(plan.opt.dir).lexically_normal().string();
  if (!plan.opt.dir.empty() && plan.opt.dir.back() == '/') plan.opt.dir.pop_back();
  const cluster::PartHeader expected = part_header(job);
  int total = 0;
  for (int r : expected.replications) total += r;
  if (plan.opt.shards == 0) plan.opt.shards = total;
  cluster::shard_items(expected.replications, cluster::ShardSpec{1, plan.opt.shards});  // N <= replications
  plan.ccsim = fs::read_symlink("/proc/self/exe").string();
  plan.cwd = fs::current_path().string();
  plan.command = job.command;
  plan.args = shard_args(job.args);
  if (job.command == "run")
    plan.merge_outputs = {"-o", job.h5_path.empty() ? plan.opt.dir + "/" + fs::path(job.scenario_path).stem().string() + ".h5"
                                                    : job.h5_path};
  plan.merge_outputs.push_back("--json");
  plan.merge_outputs.push_back(job.json_path.empty() ? plan.opt.dir + "/summary.json" : job.json_path);
  plan.shards = cluster::missing_shards(plan.opt, expected, std::cerr);
  return cluster::submit(plan, std::cout, std::cerr);
}

}  // namespace

Args shard_args(const Args& args, const std::set<std::string>& more_with_value) {
  static const std::set<std::string> with_value = {"--shard", "--part", "--slurm-dir", "--shards", "--partition",
                                                   "--time", "--mem", "--account", "--json", "--output", "-o"};
  static const std::set<std::string> flags = {"--slurm", "--dry-run"};
  Args out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const std::string name = a.substr(0, a.find('='));
    if (flags.count(a)) continue;
    if (with_value.count(a) || more_with_value.count(a)) {
      ++i;  // and its value
      continue;
    }
    if (a.rfind("--", 0) == 0 && name != a && (with_value.count(name) || more_with_value.count(name))) continue;  // --name=value
    if (a.rfind("-o", 0) == 0 && a.size() > 2 && a[1] == 'o') continue;        // -oPATH
    out.push_back(a);
  }
  return out;
}

void ClusterOptions::add_to(po::options_description& opts) {
  opts.add_options()
      ("shard", po::value<std::string>(&shard), "I/N: run only shard I of N and write its part (ccsim merge joins them)")
      ("part", po::value<std::string>(&part), "where --shard writes its part (default: <scenario>.shard-I-of-N.part)")
      ("slurm", po::bool_switch(&slurm), "submit the shards as a Slurm job array plus a dependent merge job")
      ("slurm-dir", po::value<std::string>(&slurm_opts.dir), "with --slurm: directory for scripts, parts, logs, results")
      ("shards", po::value<int>(&slurm_opts.shards), "with --slurm: number of shards (default: one per replication)")
      ("partition", po::value<std::string>(&slurm_opts.partition), "with --slurm: sbatch --partition")
      ("time", po::value<std::string>(&slurm_opts.time), "with --slurm: sbatch --time (per shard and for the merge)")
      ("mem", po::value<std::string>(&slurm_opts.mem), "with --slurm: sbatch --mem")
      ("account", po::value<std::string>(&slurm_opts.account), "with --slurm: sbatch --account")
      ("dry-run", po::bool_switch(&slurm_opts.dry_run), "with --slurm: print the batch scripts, submit nothing");
}

void ClusterOptions::check(const po::variables_map& vm) const {
  if (vm.count("part") && shard.empty()) throw usage("--part", "needs --shard");
  if (!shard.empty() && slurm) throw usage("--shard", "cannot be combined with --slurm (the array sets each task's shard)");
  if (slurm && slurm_opts.dir.empty()) throw usage("--slurm-dir", "missing", "a directory on storage every node sees");
  if (vm.count("shards") && slurm_opts.shards < 1) throw usage("--shards", "must be >= 1");
  if (!slurm)
    for (const char* o : {"slurm-dir", "shards", "partition", "time", "mem", "account"})
      if (vm.count(o)) throw usage(std::string("--") + o, "needs --slurm");
  if (!slurm && slurm_opts.dry_run) throw usage("--dry-run", "needs --slurm");
  if (slurm && vm.count("json") && vm["json"].as<std::string>() == "-")
    throw usage("--json", "'-' (standard output) is not available with --slurm", "a file path");
}

cluster::PartHeader part_header(const ClusterJob& job) {
  cluster::PartHeader h;
  h.command = job.command;
  h.args = job.args;
  h.cwd = fs::current_path().string();
  h.scenario_hash = cluster::scenario_hash(input_files(job), job.what_ifs);
  h.seed = job.variants.front()->seed;
  h.ccsim_version = CCSIM_VERSION;
  for (const Scenario* sc : job.variants) h.replications.push_back(sc->replications);
  return h;
}

int run_distributed(const ClusterOptions& opt, const ClusterJob& job) {
  try {
    return opt.slurm ? submit_to_slurm(opt, job) : run_one_shard(opt, job);
  } catch (const cluster::MergeError& e) {
    std::cerr << "ccsim " << job.command << ": " << e.what() << "\n";
    return kExitBadInput;
  }
}

void check_merge_matches(const MergeInput& in, const ClusterJob& job) {
  const cluster::PartHeader now = part_header(job);
  const cluster::PartHeader& parts = in.merged.header;
  std::string problem;
  if (now.scenario_hash != parts.scenario_hash)
    problem = "the scenario files changed since the shards ran (hash " + now.scenario_hash + ", the parts have " +
              parts.scenario_hash + ")";
  else if (now.seed != parts.seed || now.replications != parts.replications)
    problem = "the seed or replication count differs from the parts'";
  if (!problem.empty()) throw InputError(SourceLoc{job.scenario_path, 0, 0}, "", problem, "the scenario the shards ran");
}

}  // namespace ccsim::cli
