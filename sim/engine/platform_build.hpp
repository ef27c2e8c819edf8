#pragma once
// Builds the SimGrid platform of a scenario (zones, hosts, links). Must run right after the Engine exists.
#include "scenario/scenario.hpp"

namespace ccsim {

void build_platform(const Scenario& sc);

}  // namespace ccsim
