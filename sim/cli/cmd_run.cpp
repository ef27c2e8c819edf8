// ccsim run SCENARIO: simulate R replications, print the summary, write JSON (and the other outputs).
#include <iostream>
#include <optional>

#include "calibration/replay.hpp"
#include "cli/cluster_options.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/run_pipeline.hpp"
#include "cli/what_if_options.hpp"
#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "cli/model_refs.hpp"
#include "output/output_paths.hpp"
#include "output/results_h5.hpp"

namespace ccsim::cli {

int cmd_run(const Args& args) { return run_command(args, nullptr); }

namespace {

// --replay LOG --mapping M (docs/calibration.md "Replay"): the log's calls replace the tenant's arrival processes.
bool apply_replay(Scenario& sc, const std::string& log_path, const std::string& mapping, bool quiet) {
  if (sc.tenants.size() != 1) {
    std::cerr << "ccsim run: --replay needs a scenario with exactly one tenant\n";
    return false;
  }
  const auto m = calibration::load_log_mapping(mapping);
  const auto log = calibration::read_call_log(log_path, m);
  auto plan = calibration::replay_plan(log, m, sc.tenants[0], sc.horizon);
  if (!quiet)
    std::cerr << "Replaying " << plan.calls.size() << " calls of " << log_path << " (" << plan.outside_horizon
              << " outside the horizon not replayed)\n";
  sc.tenants[0].replay = std::move(plan.calls);
  // The JSON summary's what_if names the replayed log: its figures come from the log's demand, not the model's.
  sc.what_if += (sc.what_if.empty() ? "" : "; ") + std::string("replay ") + log_path;
  return true;
}

}  // namespace

int run_command(const Args& args, const MergeInput* merge) {
  po::options_description opts("options");
  RunRequest req;
  WhatIfOptions what_if;
  ClusterOptions cluster;
  opts.add_options()
      ("replications,r", po::value<int>(), "number of replications (default: the scenario's)")
      ("jobs,j", po::value<int>(&req.jobs)->default_value(1), "worker processes running at once")
      ("seed", po::value<Unsigned<uint64_t>>(), "base seed (default: the scenario's)")
      ("json", po::value<std::string>(&req.json_path), "write the JSON summary to PATH ('-' = stdout)")
      ("output,o", po::value<std::string>(&req.h5_path), "write the HDF5 results file to PATH ('none' = no HDF5 file, summary only)")
      ("journal", po::value<std::string>(&req.journal_path), "write the drill journal (JSON, Chaos Toolkit style) to PATH")
      ("baseline", po::bool_switch(&req.baseline), "also run without drills and random failures (same seed) and report each hypothesis's drill effect")
      ("csv", po::value<std::string>(&req.csv_dir), "write every table (KPIs, intervals, SLA months, incidents, hypotheses) as CSV into directory DIR")
      ("call-records", po::bool_switch(&req.call_records), "include per-call records in the HDF5 file")
      ("no-intervals", po::bool_switch(&req.no_intervals), "leave per-interval series out of the JSON summary")
      ("quiet,q", po::bool_switch(&req.quiet), "no progress and no terminal summary")
      ("log", po::value<std::string>(&req.log), "SimGrid log control passthrough, e.g. 'root.thresh:info'")
      ("replay", po::value<std::string>(), "replay this call log's calls instead of drawing arrivals (needs --mapping)")
      ("mapping", po::value<std::string>(), "column-mapping file of the --replay log (models/call-logs/*.yaml)")
      ("scenario", po::value<std::string>(&req.scenario_path), "scenario file");
  what_if.add_to(opts);
  cluster.add_to(opts);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  auto p = parse_options("run", "SCENARIO [options]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  // From here to the last output a SIGINT/SIGTERM stops the run cleanly (exit 130, saying what was written):
  // one arriving while the scenario loads or while the outputs are written must not kill the process.
  std::optional<InterruptScope> interrupts(std::in_place);
  if (req.scenario_path.empty()) {
    std::cerr << "ccsim run: missing SCENARIO (see: ccsim run --help)\n";
    return kExitBadInput;
  }
  if (p.vm.count("replications")) {
    req.replications = p.vm["replications"].as<int>();
    if (req.replications < 1) {
      std::cerr << "ccsim run: --replications must be >= 1\n";
      return kExitBadInput;
    }
  }
  if (req.jobs < 1) {
    std::cerr << "ccsim run: --jobs must be >= 1\n";
    return kExitBadInput;
  }
  if (p.vm.count("seed")) req.seed = p.vm["seed"].as<Unsigned<uint64_t>>().value;
  cluster.check(p.vm);
  if (merge) {  // ccsim merge: the parts' results, written to the merge's outputs
    req.json_path = merge->json_path;
    req.h5_path = merge->h5_path;
    req.quiet = req.quiet || merge->quiet;
  }
  Scenario sc = what_if.load_file(req.scenario_path);
  if (p.vm.count("replay") != p.vm.count("mapping")) {
    std::cerr << "ccsim run: --replay and --mapping go together\n";
    return kExitBadInput;
  }
  if (p.vm.count("replay")) {
    if (merge || cluster.distributed()) {
      std::cerr << "ccsim run: --replay runs on this machine only (not with cluster options or merge)\n";
      return kExitBadInput;
    }
    if (what_if.parse().load != 1.0) {  // the arrivals are the log's: a load factor would silently do nothing
      std::cerr << "ccsim run: --load does not apply to --replay (the arrivals are the log's calls)\n";
      return kExitBadInput;
    }
    if (!apply_replay(sc, p.vm["replay"].as<std::string>(), p.vm["mapping"].as<std::string>(), req.quiet))
      return kExitBadInput;
  }
  // Contracts are validated before anything is simulated: bad input fails fast and nothing is written.
  check_referenced_models(sc);
  if (merge || cluster.distributed()) {
    if (req.replications) sc.replications = *req.replications;
    if (req.seed) sc.seed = *req.seed;
    sc.call_records = req.call_records;
    ClusterJob job{"run", args, req.scenario_path, {&sc}, {what_if.parse().label()}, req.jobs, req.quiet,
                   req.json_path, req.h5_path};
    if (merge) {
      check_merge_matches(*merge, job);
    } else {
      if (interrupt_requested()) return interrupted_before_start();
      interrupts.reset();  // Slurm submission and shards handle signals their own way
      return run_distributed(cluster, job);
    }
  }
  if (interrupt_requested()) return interrupted_before_start();
  // Every output is checked before anything is simulated (the HDF5 file is always written: -o or its default).
  const std::string h5 = req.h5_path.empty() ? default_results_path(req.scenario_path) : req.h5_path;
  check_output_paths("ccsim run",
                     {{"-o", results_file_wanted(h5) ? h5 : ""}, {"--json", req.json_path}, {"--journal", req.journal_path}, {"--csv", req.csv_dir, true}},
                     scenario_input_files(sc));
  if (merge) return finish_run(sc, req, RunOutcome{merge->merged.per_variant.front(), false, 0, ""});
  return run_pipeline(sc, req);
}

}  // namespace ccsim::cli
