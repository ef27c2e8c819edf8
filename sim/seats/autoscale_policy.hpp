#pragma once
// The autoscaler's decision, separated from the clock so it can be unit-tested without SimGrid. Every
// `kAutoscalePeriod` seconds the control-plane actor samples the tenant (queue length, occupancy, or the
// answered / answered-within-T counters for service level) and asks this policy whether to add or remove
// `step` seats.
//
// Rules (docs/capacity.md "Autoscaling"):
//  - metric over the window: mean of the samples taken in the last `window` seconds (queue_length, occupancy);
//    service level = answered within T / answered among the calls answered during the window (undefined when
//    none was answered: no action). No decision before one full window has been observed.
//  - scale out when queue_length / occupancy > scale_out_above, or service_level < scale_out_above;
//    scale in when queue_length / occupancy < scale_in_below, or service_level > scale_in_below.
//  - cooldown: no action within `cooldown` seconds of the previous action's request.
//  - bounds: the target stays within [min_seats, max_seats] (max_seats 0 = no upper bound).
//  - people: scaling out only seats agents that the schedule has on duty now; the new count never exceeds
//    scheduled agents + admins (a seat without an agent is money for nothing).
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "scenario/scenario.hpp"

#include "stats/rep_result.hpp"

namespace ccsim::seats {

constexpr double kAutoscalePeriod = 60;  // seconds between samples / decisions

struct AutoscaleSample {
  double time = 0;
  double queue_length = 0;
  double occupancy = 0;
  double answered = 0;           // cumulative answered calls of the tenant
  double answered_within_t = 0;  // cumulative answered within the SL threshold
};

struct AutoscaleDecision {
  int target = 0;       // new purchased seat count (== current: no action)
  std::optional<ScalingReason> reason;  // ScaleOut | ScaleIn when the autoscaler acts
  double value = 0;     // the metric over the window ...
  double bound = 0;     // ... and the threshold it crossed (scale_out_above or scale_in_below)
  bool act() const { return reason.has_value(); }
};

class AutoscalePolicyState {
 public:
  explicit AutoscalePolicyState(AutoscalePolicy p) : p_(std::move(p)) {}
  // Records a sample and decides. `seats` is the purchased count including changes still being provisioned;
  // `scheduled_agents` the workforce on duty now; `admins` the seats held by administrators.
  AutoscaleDecision observe(const AutoscaleSample& s, int seats, int scheduled_agents, int admins);
  // The window value of the metric after the last observe() (NaN when undefined).
  double last_value() const { return last_value_; }
  const AutoscalePolicy& policy() const { return p_; }

 private:
  double window_value() const;
  AutoscalePolicy p_;
  std::deque<AutoscaleSample> window_;
  double first_time_ = -1;
  double last_action_ = -1e300;
  double last_value_ = 0;
};

}  // namespace ccsim::seats
