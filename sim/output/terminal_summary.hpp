#pragma once
// The closing summary of `ccsim run`: a table a person reads in the terminal, at most 100 columns wide.
// Per tenant and call type: offered, answered, service level, ASA, abandonment, trunk blocking; per skill
// group: agents, occupancy, queue length; per trunk group: occupancy and blocking. Figures are replication
// means; "81.2% ±1.3" shows the half-width of the 95% interval (in percentage points for percentages).
// The JSON summary holds every figure; this table is the few a planner looks at first.
#include <string>

#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"

namespace ccsim {

constexpr int kTerminalWidth = 100;

std::string format_summary(const Scenario& sc, const Summary& s);

// Building blocks, exposed for tests and for other tables (SLA, capacity) that want the same look.
// NaN -> "-". `half` is the CI half-width; it is shown only when the interval comes from >= 2 replications.
std::string format_percent(const Estimate& e);   // 0.812 -> "81.2% ±1.3"
std::string format_seconds(const Estimate& e);   // 12.34 -> "12.3s ±0.4"
std::string format_level(const Estimate& e);     // 1.234 -> "1.23 ±0.05"
std::string format_count(double v);              // 12345.6 -> "12,346"; 45.25 -> "45.3"
// Display width in terminal columns of a UTF-8 string (one column per code point; no wide characters used).
int display_width(const std::string& s);

}  // namespace ccsim
