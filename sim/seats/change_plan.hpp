#pragma once
// How one purchased-seat change is carried out. The service lets a tenant expand or contract by FEWER than
// `self_service_limit` seats (2,000 by default) in one self-service change; a change of exactly the limit or
// more is "large" and either goes through a support ticket (one change after `ticket_delay`) or is split into
// self-service steps of at most limit-1 seats, each submitted when the previous one took effect.
// Pure functions: no scheduler, no SimGrid (unit-tested in tests/seats/).
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::seats {

// True when a change of `delta` seats (either sign) cannot be done in one self-service change.
bool is_large_change(int delta, int self_service_limit);

struct PlannedStep {
  double requested = 0;  // sim seconds at which this step is submitted
  double effective = 0;  // sim seconds at which the new seat count is in force
  int from = 0, to = 0;  // purchased seats before / after
  ScalingPath path;      // self_service | ticket | split-step k/n, and whether the autoscaler asked
};

// The steps that take the purchased count from `from` to `to`, requested at `requested`. `small_delay` is the
// delay of one self-service change (SeatSpec::self_service_delay for a scheduled change, the provisioning
// delay for the autoscaler). Split steps are as equal as possible (larger ones first) and follow each other:
// step k is submitted when step k-1 is effective. Empty when from == to.
std::vector<PlannedStep> plan_change(int from, int to, double requested, const SeatSpec& rules, double small_delay,
                                     bool autoscale = false);

}  // namespace ccsim::seats
