// ccsim run SCENARIO: simulate R replications, print the summary, write JSON (and the other outputs).
#include <iostream>

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

int cmd_run(const Args& args) {
  po::options_description opts("options");
  RunRequest req;
  WhatIfOptions what_if;
  opts.add_options()
      ("replications,r", po::value<int>(), "number of replications (default: the scenario's)")
      ("jobs,j", po::value<int>(&req.jobs)->default_value(1), "worker processes running at once")
      ("seed", po::value<Unsigned<uint64_t>>(), "base seed (default: the scenario's)")
      ("json", po::value<std::string>(&req.json_path), "write the JSON summary to PATH ('-' = stdout)")
      ("output,o", po::value<std::string>(&req.h5_path), "write the HDF5 results file to PATH")
      ("csv", po::value<std::string>(&req.csv_dir), "write every table (KPIs, intervals, SLA months, incidents, hypotheses) as CSV into directory DIR")
      ("call-records", po::bool_switch(&req.call_records), "include per-call records in the HDF5 file")
      ("no-intervals", po::bool_switch(&req.no_intervals), "leave per-interval series out of the JSON summary")
      ("quiet,q", po::bool_switch(&req.quiet), "no progress and no terminal summary")
      ("log", po::value<std::string>(&req.log), "SimGrid log control passthrough, e.g. 'root.thresh:info'")
      ("scenario", po::value<std::string>(&req.scenario_path), "scenario file");
  what_if.add_to(opts);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  auto p = parse_options("run", "SCENARIO [options]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
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
  Scenario sc = what_if.load_file(req.scenario_path);
  // Contracts are validated before anything is simulated: bad input fails fast and nothing is written.
  check_referenced_models(sc);
  // Every output is checked before anything is simulated (the HDF5 file is always written: -o or its default).
  const std::string h5 = req.h5_path.empty() ? default_results_path(req.scenario_path) : req.h5_path;
  check_output_paths("ccsim run", {{"-o", h5}, {"--json", req.json_path}, {"--csv", req.csv_dir, true}}, scenario_input_files(sc));
  return run_pipeline(sc, req);
}

}  // namespace ccsim::cli
