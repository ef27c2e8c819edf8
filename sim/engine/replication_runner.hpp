#pragma once
// Runs R replications of a scenario, each in its own worker process (the SimGrid engine cannot be reset),
// at most J at a time, and collects their results. Workers report progress through a pipe; SIGINT/SIGTERM
// (to the process group, or to the parent alone, which forwards SIGTERM) stops every worker cleanly at its
// next event date and the results are marked incomplete.
#include <functional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim {

struct RunProgress {
  int replications = 0;
  int done = 0;
  double sim_fraction = 0;   // overall simulated fraction across all replications (0..1)
  uint64_t calls = 0;        // calls simulated so far across workers
  double elapsed = 0;        // wall seconds since start
};

struct RunnerOptions {
  int replications = 1;
  int jobs = 1;
  int first_replication = 0;
  std::string log;  // SimGrid log passthrough
  std::function<void(const RunProgress&)> on_progress;  // called at most a few times per second
  // A worker that dies (killed by a signal -- SIGKILL is what the OOM killer sends --, or failing) stops the
  // others at their next event date. false: then throw, naming the replication; true: return what the others
  // simulated, with RunOutcome::failure saying what was lost.
  bool keep_on_failure = false;
  // A RunScratch directory of the caller: workers spool call records there and the results name the files,
  // which live as long as the directory (ccsim run writes them into the HDF5 file). Empty: the runner uses a
  // directory of its own and loads spooled records into the results before removing it.
  std::string scratch_dir;
};

struct RunOutcome {
  std::vector<RepResult> results;  // sorted by replication
  bool interrupted = false;
  double elapsed = 0;
  std::string failure;  // set with keep_on_failure: which worker was lost and how ("replication 1 worker was killed by signal Killed")
};

RunOutcome run_replications(const Scenario& sc, const RunnerOptions& opt);

// While one lives, SIGINT and SIGTERM do not kill the process: they raise the stop flag that
// run_replications and its workers watch. A command holds one from before its first replication to after its
// last output, so a signal between replications or while outputs are written is noticed
// (interrupt_requested()) instead of killing the process half-way through a write. Scopes nest: the outermost
// clears the flag when it starts and restores the previous handlers when it ends.
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};

// A SIGINT or SIGTERM arrived since the outermost InterruptScope started.
bool interrupt_requested();

}  // namespace ccsim
