#include "seats/autoscale_policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/time.hpp"

namespace ccsim::seats {

double AutoscalePolicyState::window_value() const {
  if (window_.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (p_.metric == "service_level") {
    // Calls answered between the oldest and the newest sample of the window.
    const double ans = window_.back().answered - window_.front().answered;
    const double within = window_.back().answered_within_t - window_.front().answered_within_t;
    return ans > 0 ? within / ans : std::numeric_limits<double>::quiet_NaN();
  }
  double sum = 0;
  for (const auto& s : window_) sum += p_.metric == "occupancy" ? s.occupancy : s.queue_length;
  return sum / static_cast<double>(window_.size());
}

AutoscaleDecision AutoscalePolicyState::observe(const AutoscaleSample& s, int seats, int scheduled_agents, int admins) {
  AutoscaleDecision d;
  d.target = seats;
  if (first_time_ < 0) first_time_ = s.time;
  window_.push_back(s);
  // Keep the samples of the last `window` seconds, (now - window, now]. Service level differences cumulative
  // counters, so it keeps one more sample: the newest one at or before the window start (the baseline).
  const double start = s.time - p_.window + 1e-9;
  if (p_.metric == "service_level") {
    while (window_.size() > 1 && window_[1].time <= start) window_.pop_front();
  } else {
    while (window_.size() > 1 && window_.front().time <= start) window_.pop_front();
  }
  last_value_ = window_value();
  if (s.time - first_time_ + 1e-9 < p_.window) return d;  // not one full window yet
  if (std::isnan(last_value_)) return d;
  if (s.time < last_action_ + p_.cooldown - 1e-9) return d;

  const bool sl = p_.metric == "service_level";
  const bool out = sl ? last_value_ < p_.scale_out_above : last_value_ > p_.scale_out_above;
  const bool in = sl ? last_value_ > p_.scale_in_below : last_value_ < p_.scale_in_below;
  if (out) {
    int target = seats + p_.step;
    target = std::min(target, scheduled_agents + admins);  // only people on duty can use a seat
    if (p_.max_seats > 0) target = std::min(target, p_.max_seats);
    if (target > seats) {
      d.target = target;
      d.reason = ScalingReason::ScaleOut;
      d.bound = p_.scale_out_above;
    }
  } else if (in) {
    const int target = std::max(seats - p_.step, p_.min_seats);
    if (target < seats) {
      d.target = target;
      d.reason = ScalingReason::ScaleIn;
      d.bound = p_.scale_in_below;
    }
  }
  if (d.act()) {
    last_action_ = s.time;
    d.value = last_value_;
  }
  return d;
}

}  // namespace ccsim::seats
