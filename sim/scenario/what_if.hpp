#pragma once
// One what-if applied to a scenario file without writing a second file: values set at key paths
// (`--set tenants[0].groups[0].agents=14`) and a traffic multiplier (`--load 1.2`). run, capacity and sweep
// share it, so a what-if reads the same everywhere and goes through the same validation as a file would.
#include <string>
#include <vector>

#include "scenario/overrides.hpp"
#include "scenario/scenario.hpp"

namespace ccsim {

struct WhatIf {
  std::vector<Override> sets;
  double load = 1.0;  // multiplies every call type's arrival rate and burst rate
  bool empty() const { return sets.empty() && load == 1.0; }
  // "path=value ... load=F", for labels and the JSON summary.
  std::string label() const;
};

// Parses "PATH=VALUE" (one value; commas belong to it). Throws InputError naming --set.
Override parse_set(const std::string& spec);
// Parses a --load factor: a finite number > 0. Throws InputError naming --load.
double parse_load_factor(const std::string& text);
// Multiplies every call type's offered load (base rate and bursts) by f.
void scale_load(Scenario& sc, double f);
// The scenario file's text (InputError when it cannot be read).
std::string read_scenario_text(const std::string& path);
// Loads `path` with the overrides applied and the load scaled; diagnostics name `path`.
Scenario load_what_if(const std::string& path, const WhatIf& w);

}  // namespace ccsim
