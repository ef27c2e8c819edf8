#pragma once
// Staffing: the fewest agents per skill group (per statistics interval when a target has interval scope,
// else one count for the whole horizon) meeting the service-level and abandonment targets, and the seats and
// trunks that staffing requires.
//
// Method (docs/capacity.md): seed each group from the Erlang C estimate (Erlang A when its callers have
// exponential patience) on the group's offered load, then verify by simulation: add one agent where a check
// breaks until all hold; then remove one agent from every count whose checks hold, keep the removals that
// still hold (revert and freeze the others), repeat; a final run verifies the result. During the search
// seats and trunk channels are unlimited, so agents are the only resource measured; the seats needed are the
// peak logged-in agents + admins, the trunks needed are the Erlang B channels for the peak interval's
// carried (= offered, channels being unlimited) trunk load at the blocking target (default 1%).
#include <string>
#include <vector>

#include "capacity/targets.hpp"
#include "capacity/trial.hpp"

namespace ccsim::capacity {

// Below this many expected offered calls in a statistics interval (per group, from the arrival profile after the
// IVR), a per-interval target is not judged by simulation in that interval: a handful of calls gives a figure
// too noisy to steer agents by (one abandon in 5 calls is 20%). The interval takes the Erlang formula's count
// for its own load instead (docs/capacity.md, "Quiet intervals"). 0 = judge every interval by simulation.
constexpr double kDefaultMinIntervalCalls = 30;

struct StaffingOptions {
  TrialOptions trial;
  int seed_offset = 0;   // start the search this many agents away from the Erlang seed (what-if, tests)
  int max_rounds = 40;
  double min_interval_calls = kDefaultMinIntervalCalls;
  int min_staff = 0;     // no count below this many agents (every interval, quiet and empty ones included)
  // Equal-load intervals get one answer: the largest count the search found among them (docs/capacity.md,
  // "Equal loads, equal answers"). Off only to show the sampling noise it removes.
  bool level_equal_loads = true;
};

struct GroupStaffing {
  int tenant = 0, group = 0;
  int pool = -1;                 // the single-skill pool adjusted (-1: the group has none, left as declared)
  std::string method;            // erlang_c | erlang_a | none
  std::vector<double> offered_erlangs;  // per count (interval or overall)
  std::vector<int> seed;         // Erlang estimate per count
  std::vector<int> agents;       // result per count
  std::vector<double> offered_calls;  // per count: expected calls offered to the group (arrival profile, after IVR)
  std::vector<bool> by_formula;  // per count: a quiet interval (offered_calls < min_interval_calls), staffed by
                                 // the Erlang formula and left out of the simulation checks
  std::string note;
};
struct TrunkNeed {
  int tenant = 0;
  std::string trunk;
  double offered_erlangs = 0;    // peak interval
  double blocking_target = 0.01;
  int channels_needed = 0;
  int channels_declared = 0;
};
struct SeatNeed {
  int tenant = 0;
  int peak_agents_online = 0;
  int admins = 0;
  int seats_needed = 0;
  int seats_declared = 0;        // 0 = the tenant declares no seat pool
};

// One simulation trial of the search: the agents tried and what was measured (for the HDF5 trials table).
struct StaffingTrial {
  std::vector<std::vector<int>> agents;  // per StaffingResult::groups entry, per count
  int replications = 0;
  bool holds = false;
  bool interrupted = false;              // cut short by SIGINT/SIGTERM
  std::vector<Check> checks;             // Check::target indexes staffing_targets
};

struct StaffingResult {
  bool per_interval = false;
  double min_interval_calls = 0;         // the quiet-interval rule in force (StaffingOptions)
  std::vector<GroupStaffing> groups;
  std::vector<TrunkNeed> trunks;
  std::vector<SeatNeed> seats;
  std::vector<Target> staffing_targets;  // the agent-dependent targets the checks refer to (Check::target)
  std::vector<Check> final_checks;
  bool met = false;              // every check holds in the final verification run
  int trials = 0;
  int replications = 0;          // of the final run
  bool interrupted = false;
  std::vector<std::string> notes;
  std::vector<StaffingTrial> history;    // every trial, in order
  int min_staff = 0;                     // the floor in force (StaffingOptions)
  Summary final_summary;                 // figures achieved in the final verification run (per group, interval)
};

// Sets every count of `agents` from `first` on to the largest count among the counts with the same offered
// load (equal within 1e-9 relative) that are not `skip`ped (quiet intervals keep their formula count).
// Returns true when a count changed. Counts before `first` (warm-up) are left alone.
bool level_equal_loads(std::vector<int>& agents, const std::vector<double>& offered_erlangs, const std::vector<bool>& skip,
                       int first);

// Offered load (Erlangs) of group g of tenant t over statistics interval `interval` (-1 = the horizon after
// warm-up): calls whose first route step is g, after the IVR, times their mean handle + wrap-up time.
struct OfferedLoad {
  double lambda = 0;     // calls/s
  double aht = 0;        // s
  double patience = 0;   // mean exponential patience (s); 0 = infinitely patient or not exponential
  double threshold = 20; // SL threshold T (s): the strictest of the call types
  double erlangs() const { return lambda * aht; }
};
OfferedLoad offered_load(const Scenario& sc, int tenant, int group, int interval);

StaffingResult search_staffing(const Scenario& base, const std::vector<Target>& targets, const StaffingOptions& opt);

}  // namespace ccsim::capacity
