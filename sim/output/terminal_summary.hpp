#pragma once
// The closing summary of `ccsim run`: a table a person reads in the terminal, at most 100 columns wide.
// Per tenant and call type: offered, answered, service level, ASA, abandonment, trunk blocking; per skill
// group: agents, occupancy, queue length; per trunk group: occupancy and blocking. Figures are replication
// means; "81.2% ±1.3" shows the half-width of the 95% interval (in percentage points for percentages).
// The JSON summary holds every figure; this table is the few a planner looks at first.
#include <string>

#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim {

constexpr int kTerminalWidth = 100;

std::string format_summary(const Scenario& sc, const Summary& s);

// The building blocks (format_percent ...) are in stats/estimate_format.hpp and core/format.hpp.

}  // namespace ccsim
