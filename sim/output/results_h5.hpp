#pragma once
// The HDF5 results file of a run (layout in docs/output-format.md, "HDF5 results"). Written to a temporary
// name in the target directory and renamed when complete; an interrupted run is marked complete = 0.
#include <cstdint>
#include <string>

#include "run/section_context.hpp"

namespace ccsim {

constexpr const char* kResultsFormat = "ccsim-results";
// Version 2: per-replication minute series and interval KPIs are compound tables (one field per column) instead
// of one dataset per column. Version 3: the small per-replication tables (interval and overall KPIs, incidents,
// scaling) are one table each across all replications, under /replication_tables. The reader reads all three
// through the same paths (H5Results maps version 2 paths onto version 3 tables). Version 4: the minute table
// loses its column per cause (a sparse table failures_by_cause holds the minutes and causes that had failures;
// H5Results still answers .../minute/failures_<cause>) and stores its samples as float32. Version 5: the
// minute and failures_by_cause tables and the replication's and tenants' attributes are tables across
// replications too (/replication_tables/replications, tenants/<t>/{replications,minute,failures_by_cause});
// only call records stay under /replications/rep_NNNN. Readers keep the version 2 paths.
constexpr int kResultsVersion = 5;
// Units of every time axis: epoch seconds of the scenario's local clock (no time zone), like the horizon.
constexpr const char* kEpochUnits = "s since 1970-01-01T00:00:00 (scenario clock)";
// JSON sections of the run summary copied into /sections (computed once by their capability).
constexpr const char* kSectionNames[] = {"sla", "platform", "seats", "capacity"};

struct H5WriteOptions {
  bool call_records = false;
  bool interrupted = false;
};

// Throws OutputError when the file cannot be written (the target is then left untouched).
void write_results_h5(const std::string& path, const run::SectionContext& ctx, const H5WriteOptions& opt);

// `ccsim run -o none`: no HDF5 file, only the summary (terminal, --json, --csv). A file literally named
// "none" is still reachable as ./none.
constexpr const char* kNoResultsFile = "none";
inline bool results_file_wanted(const std::string& h5_path) { return h5_path != kNoResultsFile; }

// Default results path of `ccsim run`: the scenario file's stem + ".h5" in the current directory
// (scenarios/small-center.yaml -> small-center.h5); "results.h5" without a scenario path.
std::string default_results_path(const std::string& scenario_path);

// The per-minute "unavailable" flag of the minute series: requests > 0 and success rate below 99%, compared
// exactly in integers. Every failure cause counts here; which causes count against the provider is the
// contract's business (the SLA section).
inline bool minute_unavailable_flag(uint64_t requests, uint64_t failures) {
  if (requests == 0) return false;
  const uint64_t ok = failures >= requests ? 0 : requests - failures;
  return ok * 100 < requests * 99;
}

// Group/dataset name for an entity name: '/' would open a path, so it becomes '_'; "." and "" are not names.
std::string h5_safe_name(const std::string& name);

// Units attribute of each column.
std::string min_field_units(int f);
std::string ct_kpi_units(int k);
std::string gr_kpi_units(int k);
std::string tr_kpi_units(int k);
std::string ob_kpi_units(int k);

}  // namespace ccsim
