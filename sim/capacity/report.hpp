#pragma once
// Capacity results as JSON (layout documented in docs/capacity.md "JSON") and as a terminal table.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "capacity/max_load.hpp"
#include "capacity/staffing_search.hpp"

namespace ccsim::capacity {

nlohmann::json targets_json(const std::vector<Target>& targets);
nlohmann::json max_load_json(const Scenario& sc, const std::vector<Target>& targets, const MaxLoadResult& r);
nlohmann::json staffing_json(const Scenario& sc, const std::vector<Target>& targets, const StaffingResult& r);
// Where the max-load search stopped looking and why: "x64 (--max-multiplier)" or "x2.5 (rate bound: t/c peaks at
// 400000/h at x1; a trial may not exceed 1000000/h per call type, the scenario loader's bound)".
std::string describe_search_cap(const SearchCap& cap);
std::string max_load_table(const Scenario& sc, const std::vector<Target>& targets, const MaxLoadResult& r);
std::string staffing_table(const Scenario& sc, const StaffingResult& r);

}  // namespace ccsim::capacity
