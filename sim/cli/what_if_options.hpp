#pragma once
// The --set and --load options shared by run, capacity and sweep (scenario/what_if.hpp does the work).
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "scenario/what_if.hpp"

namespace ccsim::cli {

struct WhatIfOptions {
  std::vector<std::string> sets;
  std::string load;
  // Adds --set (repeatable) and, when with_load, --load to `opts`.
  void add_to(po::options_description& opts, bool with_load = true);
  // Parses what was given. Throws InputError (exit 2) on bad syntax.
  WhatIf parse() const;
  // Loads `path` with the what-if applied and checks the scaled load (InputError, exit 2).
  Scenario load_file(const std::string& path) const;
};

// The loader's rate limit holds for a scaled load too (--load 1e300 would make simulated time stand still).
// `what` names the what-if in the message. Throws InputError.
void check_scaled_rates(const Scenario& sc, const std::string& what);

}  // namespace ccsim::cli
