#pragma once
// One tenant's seat pool over a run: the initial purchased count, the dated changes of the scenario (planned
// at their date from the count in force then, so they compose with autoscaling), and the autoscaler. It is
// driven by whoever owns the clock: under SimGrid a control-plane actor on host "control"
// (engine/autoscaler.cpp) sleeps until next_wakeup() and calls wake(); tests drive it from a HeapScheduler.
// No SimGrid here.
#include <optional>
#include <string>
#include <vector>

#include "callflow/tenant_model.hpp"
#include "scenario/scenario.hpp"
#include "seats/autoscale_policy.hpp"
#include "seats/change_plan.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::seats {

// Purchased seats at the start: standard + advanced (administrators included, they hold seats too).
int initial_seats(const SeatSpec& s);

class SeatController {
 public:
  SeatController(const Scenario& sc, int tenant);
  // Applies the initial seat limit to the model (before the clock starts).
  void start(TenantModel& model);
  // Next simulated time at which wake() has work (+infinity when none).
  double next_wakeup() const;
  // Does everything due at `now`: submits dated changes, applies steps that became effective, samples and
  // runs the autoscaler.
  void wake(double now, TenantModel& model);
  // Every change planned so far (scheduled and autoscaled), in request order, with this tenant's name.
  const std::vector<ScalingAction>& actions() const { return actions_; }
  // Purchased count in force now / after every pending step.
  int seats() const { return seats_; }
  int target() const { return target_; }

 private:
  // `why` carries the reason (and the autoscaler's observation) into each ScalingAction of the change.
  void submit(int to, double now, double small_delay, const ScalingAction& why);

  const Scenario& sc_;
  const Tenant& tn_;
  int seats_ = 0;   // in force
  int target_ = 0;  // after pending steps
  size_t next_change_ = 0;
  std::vector<PlannedStep> pending_;  // sorted by effective
  std::optional<AutoscalePolicyState> autoscale_;
  double next_sample_ = 0;
  std::vector<ScalingAction> actions_;
};

}  // namespace ccsim::seats
