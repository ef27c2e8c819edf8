#pragma once
// Max load: the largest multiplier m of the scenario's traffic (every call type's rate and burst) for which
// every target holds. Method (docs/capacity.md): evaluate m = 1; if it holds, double m until a target breaks
// (bracketing, up to max_multiplier), then bisect between the last holding and the first breaking multiplier
// until they are within `tolerance` (relative). Every point is a trial with replications (capacity/trial).
#include <string>
#include <vector>

#include "capacity/binding.hpp"
#include "capacity/targets.hpp"
#include "capacity/trial.hpp"

namespace ccsim::capacity {

// What the multiplier scales: the inbound traffic (every call type's rate and burst), or the outbound campaigns'
// contact lists (the largest campaign that keeps the targets, e.g. inbound at 80/20; docs/capacity.md).
enum class ScaleWhat { Traffic, Campaigns };
const char* scale_what_name(ScaleWhat w);

struct MaxLoadOptions {
  TrialOptions trial;
  ScaleWhat scale = ScaleWhat::Traffic;
  double tolerance = 0.02;       // stop when (hi - lo) / lo <= tolerance
  double max_multiplier = 64;
};

struct LoadPoint {
  double multiplier = 0;
  bool holds = false;
  int replications = 0;
  bool interrupted = false;   // cut short by SIGINT/SIGTERM: `holds` judged on fewer replications than planned
  std::vector<Check> checks;  // breaking checks only (all when it holds: none)
  std::vector<Check> measured;  // every check evaluated at this point (for the HDF5 trials table)
};

// The largest multiplier the search may try: --max-multiplier, or lower when a trial would push a call type's
// peak rate past the scenario loader's bound (kMaxRatePerHour): the search never runs traffic that could not be
// written in a scenario file (such a rate can keep the engine from advancing).
struct SearchCap {
  double multiplier = 0;
  bool rate_bound = false;     // the rate bound is lower than --max-multiplier
  std::string call_type;       // tenant/call type with the highest peak rate at x1
  double peak_per_hour = 0;    // that peak (rate x profile, weekday and override factors, plus bursts)
};
SearchCap search_cap(const Scenario& base, double max_multiplier);

struct MaxLoadResult {
  ScaleWhat scaled = ScaleWhat::Traffic;
  bool base_holds = false;        // m = 1 meets every target
  double max_multiplier = 0;      // largest multiplier found to hold (0 when m = 1 breaks)
  double breaking_multiplier = 0; // smallest multiplier found to break (0 = none up to max_multiplier)
  bool capped = false;            // held up to the search cap
  SearchCap cap;
  std::vector<Check> first_breaking;  // what breaks at breaking_multiplier (worst first)
  Binding binding;                // at breaking_multiplier
  std::vector<LoadPoint> points;  // every multiplier evaluated, in order
  bool interrupted = false;
};

MaxLoadResult search_max_load(const Scenario& base, const std::vector<Target>& targets, const MaxLoadOptions& opt);

}  // namespace ccsim::capacity
