#pragma once
// One replication under SimGrid. The SimGrid Engine is a per-process singleton that cannot be reset, so this
// is called at most once per process: the replication runner forks a worker per replication.
#include <csignal>
#include <functional>
#include <string>

#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim {

struct EngineRunOptions {
  std::string log;  // SimGrid --log passthrough (empty: SimGrid stays silent)
  // Called between simulation chunks with the simulated time reached; return false to stop (interrupt).
  std::function<bool(double sim_time, uint64_t calls)> progress;
  // Set by a signal handler to stop the run at the next event date (also within a chunk, and when the clock
  // does not advance); the replication then ends incomplete at that date.
  const volatile sig_atomic_t* stop_flag = nullptr;
  // SIGINT/SIGTERM handler to reinstall after SimGrid's engine is created (it installs its own for SIGINT).
  void (*signal_handler)(int) = nullptr;
  // Non-empty: call records (if on) are spooled to files "<prefix>-<tenant>.records" (Simulation::spool_records).
  std::string records_prefix;
};

RepResult run_replication(const Scenario& sc, int replication, const EngineRunOptions& opt);

}  // namespace ccsim
