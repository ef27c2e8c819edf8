#pragma once
// After the replications of `ccsim run` are aggregated, each capability adds its own section to the JSON
// summary and the terminal summary: SLA (credits), platform (incidents, drill rehearsal, hypotheses), seats
// (scaling). The HDF5 writer and the HTML report read those JSON sections, so each section is computed once.
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

void add_sla_section(SectionContext& ctx);       // run/sla_section.cpp
void add_platform_section(SectionContext& ctx);  // run/platform_section.cpp
void add_seats_section(SectionContext& ctx);     // run/seats_section.cpp

}  // namespace ccsim::run
