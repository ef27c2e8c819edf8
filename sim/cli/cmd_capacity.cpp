// ccsim capacity SCENARIO: where the capacity limit is (max load) or how many agents/seats/trunks are needed
// (staffing) for declared targets. Every simulation point runs replications in forked workers. Exit 3 when the
// base load already breaks a target (max-load) or the staffing search could not meet them. docs/capacity.md.
#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <optional>

#include "output/capacity_h5.hpp"
#include "capacity/max_load.hpp"
#include "capacity/report.hpp"
#include "capacity/staffing_search.hpp"
#include "capacity/tables.hpp"
#include "cli/capacity_slurm.hpp"
#include "cli/commands.hpp"
#include "cli/model_refs.hpp"
#include "cli/options.hpp"
#include "cli/output_writer.hpp"
#include "cli/progress.hpp"
#include "cli/what_if_options.hpp"
#include "cluster/merge.hpp"
#include "cluster/trial_array.hpp"
#include "core/error.hpp"
#include "core/atomic_file.hpp"
#include "engine/replication_runner.hpp"
#include "output/output_paths.hpp"
#include "output/table_render.hpp"
#include "scenario/loader.hpp"

namespace ccsim::cli {

namespace {

// "30%" or 0.3 -> 0.3; NaN when not a share in [0, 1).
double parse_share(const std::string& text) {
  std::string t = text;
  const bool percent = !t.empty() && t.back() == '%';
  if (percent) t.pop_back();
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v)) return NAN;
  if (percent) v /= 100;
  return v >= 0 && v < 1 ? v : NAN;
}

int interrupted_before_search() {
  std::cerr << "ccsim capacity: interrupted before any trial finished; nothing written (existing outputs are untouched)\n";
  return kExitInterrupted;
}

}  // namespace

int cmd_capacity(const Args& args) {
  po::options_description opts("capacity options");
  std::string path, json_path, h5_path, csv_dir, mode = "max-load", shrinkage_text = "0", scale = "traffic";
  std::vector<std::string> target_texts;
  int jobs = 1, seed_offset = 0, max_reps = 0, min_staff = 0;
  double tolerance = 0.02, max_mult = 64, min_interval_calls = capacity::kDefaultMinIntervalCalls;
  bool quiet = false;
  WhatIfOptions what_if;
  CapacitySlurmOptions slurm;
  opts.add_options()
      ("target,t", po::value<std::vector<std::string>>(&target_texts)->composing(),
       "[TENANT:]METRIC[@SCOPE]=VALUE; METRIC: service_level, abandonment, blocking, availability; SCOPE: overall "
       "(default) or interval (repeatable; default: each tenant's call-type service-level target)")
      ("mode", po::value<std::string>(&mode)->default_value("max-load"), "max-load or staffing")
      ("replications,r", po::value<int>(), "replications per point (default: the scenario's, at least 2)")
      ("max-replications", po::value<int>(&max_reps), "cap while a target is undecided (default: 4 x replications)")
      ("jobs,j", po::value<int>(&jobs)->default_value(1), "worker processes running at once")
      ("seed", po::value<Unsigned<uint64_t>>(), "base seed (default: the scenario's)")
      ("tolerance", po::value<double>(&tolerance)->default_value(0.02), "max-load: relative width at which bisection stops")
      ("max-multiplier", po::value<double>(&max_mult)->default_value(64), "max-load: largest multiplier tried")
      ("scale", po::value<std::string>(&scale)->default_value("traffic"),
       "max-load: what the multiplier scales: traffic (inbound rates) or campaigns (outbound contact lists)")
      ("seed-offset", po::value<int>(&seed_offset)->default_value(0), "staffing: start this many agents away from the Erlang seed")
      ("min-interval-calls", po::value<double>(&min_interval_calls)->default_value(capacity::kDefaultMinIntervalCalls),
       "staffing: intervals expecting fewer offered calls are staffed by the Erlang formula, not judged by simulation")
      ("min-staff", po::value<int>(&min_staff)->default_value(0), "staffing: at least N agents in every interval")
      ("shrinkage", po::value<std::string>(&shrinkage_text)->default_value("0"),
       "staffing: share of paid time not on the phones (30% or 0.3); scheduled FTE = agents / (1 - shrinkage)")
      ("json", po::value<std::string>(&json_path), "write the result as JSON to PATH ('-' = stdout)")
      ("csv", po::value<std::string>(&csv_dir), "write every result table as CSV into directory DIR (docs/output-format.md)")
      ("output,o", po::value<std::string>(&h5_path), "also write the search and its result as HDF5 to PATH (see `ccsim report`)")
      ("quiet,q", po::bool_switch(&quiet), "no progress lines and no table")
      ("scenario", po::value<std::string>(&path), "scenario file");
  what_if.add_to(opts);
  slurm.add_to(opts);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  auto p = parse_options("capacity", "SCENARIO [--target KEY=VALUE ...] [--mode max-load|staffing] [options]", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  // As for `ccsim run`: from here to the last output a SIGINT/SIGTERM stops the search cleanly (exit 130, saying
  // what was written), also between trials and while the outputs are written.
  std::optional<InterruptScope> interrupts(std::in_place);
  auto usage = [](const std::string& m) {
    std::cerr << "ccsim capacity: " << m << "\n(see: ccsim capacity --help)\n";
    return kExitBadInput;
  };
  if (path.empty()) return usage("missing SCENARIO");
  slurm.check(p.vm);
  if (mode != "max-load" && mode != "staffing") return usage("--mode must be max-load or staffing");
  if (scale != "traffic" && scale != "campaigns") return usage("--scale must be traffic or campaigns");
  if (jobs < 1) return usage("--jobs must be >= 1");
  if (!(tolerance > 0)) return usage("--tolerance must be > 0");
  if (!(max_mult >= 1)) return usage("--max-multiplier must be >= 1");
  if (!(min_interval_calls >= 0) || !std::isfinite(min_interval_calls))
    return usage("--min-interval-calls must be a number >= 0");
  if (min_staff < 0) return usage("--min-staff must be >= 0");
  const double shrinkage = parse_share(shrinkage_text);
  if (std::isnan(shrinkage)) return usage("--shrinkage must be a share in [0, 1) or a percentage below 100%, e.g. 30%");
  Scenario sc = what_if.load_file(path);
  check_referenced_models(sc);
  check_output_paths("ccsim capacity", {{"--json", json_path}, {"-o", h5_path}, {"--csv", csv_dir, true}}, scenario_input_files(sc));
  if (p.vm.count("seed")) sc.seed = p.vm["seed"].as<Unsigned<uint64_t>>().value;
  int reps = std::max(2, sc.replications);
  if (p.vm.count("replications")) {
    reps = p.vm["replications"].as<int>();
    if (reps < 1) return usage("--replications must be >= 1");
  }
  if (max_reps == 0) max_reps = 4 * reps;
  if (max_reps < reps) return usage("--max-replications must be >= --replications");

  // All target problems at once.
  std::vector<capacity::Target> targets;
  std::vector<Diagnostic> problems;
  for (const auto& t : target_texts) {
    try {
      targets.push_back(capacity::parse_target(t, sc));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  if (targets.empty()) targets = capacity::default_targets(sc);
  if (targets.empty()) return usage("no target given and the scenario has no call type with a service-level target");

  const bool json_stdout = json_path == "-";
  std::ostream& table = json_stdout ? std::cerr : std::cout;
  capacity::TrialOptions to;
  to.replications = reps;
  to.max_replications = max_reps;
  to.jobs = jobs;
  if (slurm.active()) {
    interrupts.reset();  // Slurm submission and array tasks handle signals their own way
    to.runner = slurm.runner(args, sc, jobs, quiet);
  }
  if (interrupt_requested()) return interrupted_before_search();
  // A live line per trial (replications of the batch, its ETA); the search's own lines clear it first.
  ProgressReporter progress(ProgressReporter::detect(quiet));
  progress.step(0, 0, "capacity " + mode + " trial");
  if (!quiet) {
    to.log = [&progress](const std::string& line) {
      progress.done();
      std::cerr << line << "\n";
    };
    to.on_progress = [&progress](const RunProgress& p) { progress.update(p); };
  }
  std::vector<Table> tables;  // what --csv writes: the tables the terminal and the report show

  nlohmann::json doc;
  int rc = kExitOk;
  std::function<void(const std::string& json_text)> write_h5;  // set by the mode; needs the finished document
  int trials = 0;            // trials done (max-load: points)
  bool interrupted = false;  // the search was cut short: its state is "interrupted", no answer
  try {
  if (mode == "max-load") {
    capacity::MaxLoadOptions mo;
    mo.trial = to;
    mo.tolerance = tolerance;
    mo.max_multiplier = max_mult;
    mo.scale = scale == "campaigns" ? capacity::ScaleWhat::Campaigns : capacity::ScaleWhat::Traffic;
    if (mo.scale == capacity::ScaleWhat::Campaigns &&
        std::none_of(sc.tenants.begin(), sc.tenants.end(), [](const Tenant& t) { return !t.campaigns.empty(); }))
      return usage("--scale campaigns: the scenario has no outbound campaign");
    const capacity::MaxLoadResult r = capacity::search_max_load(sc, targets, mo);
    progress.done();
    if (r.points.empty()) return interrupted_before_search();
    trials = static_cast<int>(r.points.size());
    interrupted = r.interrupted;
    doc = capacity::max_load_json(sc, targets, r);
    write_h5 = [&, r](const std::string& j) { capacity::write_max_load_h5(h5_path, sc, targets, r, j); };
    if (!quiet) table << capacity::max_load_table(sc, targets, r);
    tables.push_back(capacity::max_load_points_table(r));
    if (!r.base_holds) rc = kExitTargetBreached;
  } else {
    capacity::StaffingOptions so;
    so.trial = to;
    so.seed_offset = seed_offset;
    so.min_interval_calls = min_interval_calls;
    so.min_staff = min_staff;
    const capacity::StaffingResult r = capacity::search_staffing(sc, targets, so);
    progress.done();
    if (r.interrupted && r.trials == 0) return interrupted_before_search();
    trials = r.trials;
    interrupted = r.interrupted;
    tables = {capacity::staffing_plan_table(sc, r, shrinkage), capacity::staffing_seats_table(sc, r),
              capacity::staffing_trunks_table(sc, r)};
    doc = capacity::staffing_json(sc, targets, r);
    doc["min_staff"] = min_staff;
    doc["shrinkage"] = shrinkage;
    doc["staffing_table"] = table_to_json(tables[0]);
    write_h5 = [&, r](const std::string& j) { capacity::write_staffing_h5(h5_path, sc, targets, r, j); };
    if (!quiet) table << table_to_terminal(tables[0]) << capacity::staffing_table(sc, r);
    if (!r.met) rc = kExitTargetBreached;
  }
  } catch (const cluster::SearchStop& stop) {  // --slurm --dry-run printed its script; an array task wrote its part
    progress.done();
    return stop.exit_code;
  } catch (const cluster::MergeError& e) {
    progress.done();
    std::cerr << "ccsim capacity: " << e.what() << "\n";
    return kExitBadInput;
  }
  doc["scenario"] = sc.name;
  doc["scenario_file"] = sc.file;
  doc["seed"] = sc.seed;
  // A failed output (a full disk, the directory gone) is reported and the others are still written.
  OutputWriter out("ccsim capacity");
  if (!json_path.empty()) {
    const std::string text = doc.dump(2) + "\n";
    if (json_stdout) std::cout << text;
    else out.write("--json", json_path, [&] { write_file_atomic(json_path, text); });
  }
  if (!h5_path.empty()) out.write("-o", h5_path, [&] { write_h5(doc.dump()); });
  if (!csv_dir.empty()) out.write("--csv", csv_dir, [&] { write_csv_dir(csv_dir, tables); });
  if (!out.finish()) return kExitInternal;
  if (interrupted) {
    std::cerr << "ccsim capacity: interrupted: the outputs hold the " << trials << " trial" << (trials == 1 ? "" : "s")
              << " done so far (search state \"interrupted\", no answer; marked incomplete)\n";
    return kExitInterrupted;
  }
  if (interrupt_requested()) {  // the search had ended: the outputs were finished before stopping
    std::cerr << "ccsim capacity: interrupted after the search ended: the outputs were completed first (result complete)\n";
    return kExitInterrupted;
  }
  return rc;
}

}  // namespace ccsim::cli
