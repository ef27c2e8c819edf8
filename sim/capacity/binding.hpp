#pragma once
// Which resource runs out first at a load where a target breaks, judged from what the replications recorded.
// Checked in this order, the first with evidence is reported as binding (all evidence is reported):
//   platform   - call setups failed for platform CPS/concurrency limits or host/link causes (ledger causes)
//   trunks     - trunk blocking (no free channel)
//   seat_step  - seats were short while a large seat change (>= the self-service limit) was still pending
//   seats      - scheduled agents kept offline for lack of a seat (unseated time)
//   agents     - callers wait for agents: occupancy >= 85% or a mean queue >= 0.05 calls
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/aggregate.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::capacity {

struct Evidence {
  std::string resource;  // platform | trunks | seat_step | seats | agents
  std::string tenant;
  double value = 0;      // the figure below (mean over replications)
  std::string what;      // e.g. "host_overload_cps failures: 2.1% of requests"
};

struct Binding {
  std::string resource = "none";  // first resource with evidence
  std::vector<Evidence> evidence;
};

Binding binding_resource(const Scenario& sc, const Summary& s, const std::vector<RepResult>& reps);

}  // namespace ccsim::capacity
