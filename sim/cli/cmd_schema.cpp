// `ccsim schema`: prints the scenario JSON Schema compiled into the binary (for editors' YAML language servers,
// e.g. `# yaml-language-server: $schema=./scenario.schema.json` after `ccsim schema > scenario.schema.json`).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "scenario/schema_check.hpp"

namespace ccsim::cli {

int cmd_schema(const Args& args) {
  po::options_description opts("schema options");
  po::positional_options_description pos;
  ParsedOptions p = parse_options("schema", "", opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  std::cout << scenario::scenario_schema_text();
  return kExitOk;
}

}  // namespace ccsim::cli
