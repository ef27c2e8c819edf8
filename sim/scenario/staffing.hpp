#pragma once
// Turns an agent pool's staffing (a constant count, counts per interval, or named shifts with breaks) into the
// piecewise-constant on-duty count over the horizon that the agent model consumes. Pure functions of
// already-validated specs; the loader checks the specs first (breaks inside their shift, coverage ...).
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"

namespace ccsim::scenario {

using Schedule = std::vector<std::pair<double, int>>;

// Length of a shift in seconds (end <= start crosses midnight).
double shift_length(const ShiftSpec& s);
// Offset of a break from its shift's start, in [0, 86400).
double break_offset(const ShiftSpec& s, const BreakSpec& b);
// True when counts cover exactly one day and therefore repeat daily.
bool counts_repeat_daily(const AgentPool& p);

// Sorted change points (time since horizon start, on-duty count), starting at time 0, only where the count
// changes. Times are in [0, horizon.length).
Schedule build_schedule(const AgentPool& pool, const Horizon& horizon);
// Agents of named shifts who are on break, over the horizon (all zero without shifts).
Schedule build_break_schedule(const AgentPool& pool, const Horizon& horizon);
int max_count(const Schedule& s);
// On-duty count at time t (for tests and reports).
int count_at(const Schedule& s, double t);

}  // namespace ccsim::scenario
