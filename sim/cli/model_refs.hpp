#pragma once
// The models/ files a scenario references (contracts, price lists) are parsed by their own loaders; `validate`
// and `run` both check them before anything is simulated, reporting every problem of every file at once.
#include "scenario/scenario.hpp"

namespace ccsim::cli {

// Throws InputError with the diagnostics of all referenced model files.
void check_referenced_models(const Scenario& sc);
// The files a scenario was read from: the scenario itself, its platform file, contracts and price lists
// (outputs must not overwrite any of them).
std::vector<std::string> scenario_input_files(const Scenario& sc);

}  // namespace ccsim::cli
