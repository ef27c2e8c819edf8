#include "cli/commands.hpp"

namespace ccsim::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> list = {
      {"run", "simulate a scenario (replications, summary, JSON/HDF5 results)", cmd_run},
      {"validate", "check a scenario file and everything it references", cmd_validate},
      {"schema", "print the scenario JSON Schema", cmd_schema},
  };
  return list;
}

}  // namespace ccsim::cli
