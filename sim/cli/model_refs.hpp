#pragma once
// The models/ files a scenario references (contracts, price lists) are parsed by their own loaders; `validate`
// and `run` both check them before anything is simulated, reporting every problem of every file at once.
#include "scenario/scenario.hpp"

namespace ccsim::cli {

// Throws InputError with the diagnostics of all referenced model files.
void check_referenced_models(const Scenario& sc);

}  // namespace ccsim::cli
