#pragma once
// What-if variants: set a value at a key path of a scenario's YAML before it is loaded, so every variant goes
// through the same validation as a file would. Paths use the scenario's own keys: `tenants[0].groups[1].agents`,
// `horizon.length`, `tenants[0].call_types[0].arrivals.rate`.
#include <string>
#include <vector>

namespace ccsim {

struct Override {
  std::string path;   // key path
  std::string value;  // YAML scalar or flow text ("14", "30s", "[1, 2]")
};

// Parses "PATH=V1,V2,..." into the list of single overrides for that path. Throws InputError on bad syntax.
std::vector<Override> parse_vary(const std::string& spec);
// Returns the YAML text with every override applied. Throws InputError (path not found, bad index) naming the
// path; `source` names the scenario file in messages.
std::string apply_overrides(const std::string& yaml_text, const std::vector<Override>& overrides,
                            const std::string& source);

}  // namespace ccsim
