#pragma once
// Subcommands of the ccsim CLI. Each takes the arguments after the subcommand name and returns an exit code
// (core/error.hpp: 0 ok, 1 internal, 2 bad usage/input, 3 target breached).
#include <string>
#include <vector>

namespace ccsim::cli {

using Args = std::vector<std::string>;

int cmd_run(const Args& args);
int cmd_validate(const Args& args);
int cmd_schema(const Args& args);
int cmd_sla(const Args& args);
int cmd_report(const Args& args);
int cmd_capacity(const Args& args);
int cmd_sweep(const Args& args);
int cmd_calibrate(const Args& args);
int cmd_backtest(const Args& args);
int cmd_merge(const Args& args);
int cmd_compare(const Args& args);

struct Command {
  const char* name;
  const char* summary;
  int (*fn)(const Args&);
};
const std::vector<Command>& commands();

}  // namespace ccsim::cli
