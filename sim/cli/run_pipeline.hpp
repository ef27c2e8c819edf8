#pragma once
// What `ccsim run` does once the scenario is loaded: replications -> aggregation -> SLA -> outputs. Also used by
// `ccsim sweep` per variant.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/replication_runner.hpp"
#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"

namespace ccsim::cli {

struct RunRequest {
  std::string scenario_path;
  std::optional<int> replications;
  std::optional<uint64_t> seed;
  int jobs = 1;
  std::string json_path;
  std::string h5_path;
  std::string journal_path;   // --journal: the drill journal (output/journal.hpp), "" = none
  bool baseline = false;      // --baseline: no-fault rerun, hypotheses' drill effect (cli/baseline_run.hpp)
  std::string csv_dir;        // --csv DIR: every table as CSV (run/tables.hpp)
  bool call_records = false;
  bool no_intervals = false;
  bool quiet = false;
  std::string log;
};

// The run's tables (KPIs overall and per interval, SLA months, incidents, hypotheses) as CSV files in `dir`.
void write_run_csv(const std::string& dir, const Scenario& sc, const Summary& summary, const nlohmann::json& doc);

// Says that a SIGINT/SIGTERM came before any replication started and nothing was written; returns 130.
int interrupted_before_start();

// Returns the exit code (0, or 3 when a declared hypothesis/target failed).
int run_pipeline(Scenario& sc, const RunRequest& req);
// The part after the replications: aggregation, sections and outputs of results run here or merged from
// shards (ccsim merge), so both give the same bytes.
int finish_run(Scenario& sc, const RunRequest& req, const RunOutcome& outcome);

}  // namespace ccsim::cli
