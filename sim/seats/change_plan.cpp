#include "seats/change_plan.hpp"

#include <cstdlib>

namespace ccsim::seats {

bool is_large_change(int delta, int self_service_limit) { return std::abs(delta) >= self_service_limit; }

std::vector<PlannedStep> plan_change(int from, int to, double requested, const SeatSpec& rules, double small_delay,
                                     bool autoscale) {
  std::vector<PlannedStep> steps;
  const int delta = to - from;
  if (delta == 0) return steps;
  if (!is_large_change(delta, rules.self_service_limit)) {
    steps.push_back({requested, requested + small_delay, from, to, ScalingPath{ScalingPathKind::SelfService, autoscale, 0, 0}});
    return steps;
  }
  if (rules.large_change == "ticket") {
    steps.push_back({requested, requested + rules.ticket_delay, from, to, ScalingPath{ScalingPathKind::Ticket, autoscale, 0, 0}});
    return steps;
  }
  // Split: n steps of at most limit-1 seats. limit 1 would allow no change at all; the loader keeps it >= 1, and
  // a limit of 1 is treated as steps of one seat rather than a division by zero.
  const int max_step = rules.self_service_limit > 1 ? rules.self_service_limit - 1 : 1;
  const int size = std::abs(delta);
  const int n = (size + max_step - 1) / max_step;
  const int sign = delta > 0 ? 1 : -1;
  int at = from;
  double t = requested;
  for (int k = 0; k < n; ++k) {
    // Balanced: the first (size % n) steps take one seat more.
    const int this_step = size / n + (k < size % n ? 1 : 0);
    PlannedStep s;
    s.requested = t;
    s.effective = t + small_delay;
    s.from = at;
    s.to = at + sign * this_step;
    s.path = ScalingPath{ScalingPathKind::SplitStep, autoscale, k + 1, n};
    steps.push_back(s);
    at = s.to;
    t = s.effective;
  }
  return steps;
}

}  // namespace ccsim::seats
