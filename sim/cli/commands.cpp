#include "cli/commands.hpp"

namespace ccsim::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"run", "simulate a scenario (replications, summary, JSON/HDF5 results)", cmd_run},
      {"validate", "check a scenario file and everything it references", cmd_validate},
      {"schema", "print the scenario JSON Schema", cmd_schema},
      {"sla", "evaluate a contract on a per-minute ledger (real monitoring data)", cmd_sla},
      {"report", "turn a results file into a one-file HTML report", cmd_report},
      {"capacity", "find the load or staffing at which targets break", cmd_capacity},
      {"sweep", "run what-if variants side by side (same seed)", cmd_sweep},
      {"merge", "join the partial results of sharded runs (--shard I/N) into the local run's outputs", cmd_merge},
      {"calibrate", "estimate a scenario from a call-by-call log (ACD export) and write a calibration report", cmd_calibrate},
      {"compare", "two results files side by side: differences with paired or Welch 95% intervals", cmd_compare},
      {"backtest", "simulate a call log's period with a scenario and compare with what the log observed", cmd_backtest},
  };
  return list;
}

}  // namespace ccsim::cli
