#pragma once
// Capacity results as typed tables (core/table.hpp) for the terminal, CSV, HDF5 and the report page: the
// staffing plan per group and interval, the seats and trunks it needs, and the max-load points.
#include <vector>

#include "capacity/max_load.hpp"
#include "capacity/staffing_search.hpp"
#include "core/table.hpp"

namespace ccsim::capacity {

// One row per searched group and staffing count (interval, or the horizon after warm-up): start (local time),
// offered calls and Erlangs, the Erlang seed, the simulated requirement, scheduled FTE = agents / (1 -
// shrinkage), and the figures achieved in the final verification run (service level of answered calls, ASA,
// abandonment of queued calls, occupancy) with their 95% intervals. `shrinkage` in [0, 1).
Table staffing_plan_table(const Scenario& sc, const StaffingResult& r, double shrinkage);
Table staffing_seats_table(const Scenario& sc, const StaffingResult& r);
Table staffing_trunks_table(const Scenario& sc, const StaffingResult& r);
Table max_load_points_table(const MaxLoadResult& r);

}  // namespace ccsim::capacity
