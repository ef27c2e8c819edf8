#pragma once
// One point of a capacity search: a variant of the scenario (scaled traffic, other staffing) simulated with
// replications in forked workers (engine/replication_runner), replications added while a target is
// undecided, then aggregated. Equal seeds across points: every variant sees common random numbers, which
// keeps the searched curves smooth and monotone in practice.
#include <functional>
#include <string>
#include <vector>

#include "capacity/targets.hpp"
#include "engine/replication_runner.hpp"
#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::capacity {

// Runs replications [first_replication, first_replication + replications) of one trial's scenario. Injected
// so a trial's replications can run elsewhere (cli/capacity_slurm: a Slurm job array per batch) while the
// search and its decisions stay the same; empty = run_replications (forked local workers).
using ReplicationRunner = std::function<RunOutcome(const Scenario&, const RunnerOptions&)>;

struct TrialOptions {
  int replications = 3;      // first batch
  int max_replications = 12; // cap while undecided (doubling)
  int jobs = 1;
  bool stop_on_break = true;  // a breaking check settles the point (max load); false: decide every check
  std::function<void(const std::string&)> log;  // progress lines (may be empty)
  std::function<void(const RunProgress&)> on_progress;  // replication progress of each batch (may be empty)
  ReplicationRunner runner;  // empty: run_replications
};

struct Trial {
  std::vector<RepResult> reps;
  Summary summary;
  std::vector<Check> checks;
  bool interrupted = false;
  // Breaks if any check breaks; holds if all hold (undecided ones decided by the mean at the cap).
  bool holds = false;
};

// `checker` turns replications into checks (tenant-level for max load, per group for staffing).
using Checker = std::function<std::vector<Check>(const Summary&, const std::vector<RepResult>&)>;
Trial run_trial(const Scenario& sc, const TrialOptions& opt, const Checker& checker,
                const std::function<bool(const Check&)>& at_least, const std::function<double(const Check&)>& value);

// Multiplies every call type's base rate and every burst's extra rate by `m`.
void scale_traffic(Scenario& sc, double m);
// Resizes every outbound campaign's contact list to round(m x its size) (at least 1), repeating the list's
// contacts (their time zones and numbers) in order.
void scale_campaigns(Scenario& sc, double m);

}  // namespace ccsim::capacity
