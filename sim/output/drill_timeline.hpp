#pragma once
// The drill rehearsal as an SRE reads it in the HTML report: a pass/fail summary of the steady-state
// hypotheses for the top of the page, and per fault a Gantt-style bar of its phases (undetected, migrating,
// recovering, awaiting repair) with a zoomed window of +-30 minutes: per-minute call success and queue, and the
// service level and abandonment of the statistics intervals in the window.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ccsim {

class H5Results;

// Minutes shown either side of a fault's start in the zoomed window.
constexpr int kZoomMinutes = 30;

// One phase of a fault: [from, to) in epoch seconds.
struct FaultPhase {
  std::string name;  // "undetected", "migrating", "recovering", "awaiting repair"
  double from = 0, to = 0;
};
// The phases of one incident from its recorded times (epoch seconds, NaN = did not happen); an incident that
// never recovered runs to `end` (the end of the horizon).
std::vector<FaultPhase> fault_phases(double start, double detected, double migrated, double recovered,
                                     double repaired, double end);

// "<section>" with the hypotheses' pass/fail banner; empty when the platform section has no hypotheses.
std::string drill_summary_html(const nlohmann::json& platform_section);
// Gantt bars and zoomed windows of the faults of replication group `rep` (e.g. "rep_0000"): every drill and
// at most 10 other incidents. Empty when the replication had none.
std::string drill_timelines_html(const H5Results& r, const std::string& rep);

}  // namespace ccsim
