#pragma once
// Scenario loading: YAML text -> schema check -> typed, fully resolved Scenario (defaults applied, names
// resolved to indices, staffing resolved to schedules, referenced model files located). Every problem found is
// collected and thrown at once as an InputError whose diagnostics read
//   file:line:col: key.path: message (expected ...)
// The format itself is documented in docs/scenario-reference.md; the schema is sim/scenario/scenario.schema.json.
#include <string>

#include "scenario/scenario.hpp"

namespace ccsim {

// Loads and validates a scenario file (and the platform file it references). Throws InputError.
Scenario load_scenario(const std::string& path);
// Same from text; `display_name` is used in diagnostics and, when it contains a directory, as the base for
// relative paths (platform, contract and price-list files). Throws InputError.
Scenario load_scenario_text(const std::string& yaml, const std::string& display_name);

// The resolved scenario as JSON (what Scenario::resolved_json holds), pretty-printed when indent >= 0.
std::string scenario_to_json(const Scenario& s, int indent = -1);

}  // namespace ccsim
