#pragma once
// After the replications of `ccsim run` are aggregated, each capability computes its section as typed figures
// (run/sla_section.hpp, platform/rehearsal.hpp, run/seats_section.hpp) and output/run_sections renders them
// into the JSON summary and the terminal summary. The HDF5 writer stores the JSON sections and the HTML report
// reads them from there, so each figure is computed once and formatted once.
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::run {

struct SectionContext {
  const Scenario& sc;
  const std::vector<RepResult>& reps;
  const Summary& summary;
  nlohmann::json& doc;   // the JSON summary being built; sections add top-level keys
  std::ostream& table;   // terminal summary stream (ignored when quiet)
  bool quiet = false;
  int exit_code = 0;     // a section sets 3 when a declared hypothesis or target is breached
};

}  // namespace ccsim::run
