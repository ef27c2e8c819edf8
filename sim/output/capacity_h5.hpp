#pragma once
// Capacity results as a small HDF5 file (`ccsim capacity ... --output PATH.h5`) and its HTML page
// (`ccsim report PATH.h5`). Layout in docs/output-format.md, "HDF5 capacity results":
//   /          attributes: format = "ccsim-capacity", format_version, ccsim_version, scenario_*, base_seed, mode,
//              targets, complete, result_json (the same document as --json)
//   /targets   compound table: one row per target (text, metric, op, scope, tenant, value)
//   /trials    compound table: one row per (search trial, target) with the target's worst figure at that trial
//   /result    attributes (max multiplier / met, first broken target, binding resource) + tables
// Written with the same temp-file + rename protocol as the run results (output/atomic_file.hpp).
#include <string>
#include <vector>

#include "capacity/max_load.hpp"
#include "capacity/staffing_search.hpp"

namespace ccsim::capacity {

constexpr const char* kCapacityFormat = "ccsim-capacity";
constexpr int kCapacityVersion = 1;

// `result_json` is the --json document (capacity/report.hpp). Throws OutputError when the file cannot be
// written (the target is then left untouched).
void write_max_load_h5(const std::string& path, const Scenario& sc, const std::vector<Target>& targets,
                       const MaxLoadResult& r, const std::string& result_json);
void write_staffing_h5(const std::string& path, const Scenario& sc, const std::vector<Target>& targets,
                       const StaffingResult& r, const std::string& result_json);

// True when `path` is an HDF5 file whose root attribute format is "ccsim-capacity" (false for anything else,
// including a missing file: the caller then reports it as a run results file would be).
bool is_capacity_h5(const std::string& path);

// The HTML page of a capacity file: per target, a chart of the measured value at every trial against the
// target line, then the result tables. InputError for a file that is not a capacity file of a known version.
std::string render_capacity_html(const std::string& h5_path);
void write_capacity_report(const std::string& h5_path, const std::string& html_path);

}  // namespace ccsim::capacity
