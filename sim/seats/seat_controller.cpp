#include "seats/seat_controller.hpp"

#include <algorithm>
#include <limits>

namespace ccsim::seats {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// Cumulative answered / answered-within-T calls of the tenant so far (rows up to the current interval).
void sl_counts(const TenantRep& rep, int last_row, double& answered, double& within) {
  answered = within = 0;
  for (const auto& t : rep.ct) {
    const int rows = std::min(t.rows, last_row + 1);
    for (int r = 0; r < rows; ++r) {
      answered += t.at(r, CT_ANSWERED);
      within += t.at(r, CT_ANSWERED_WITHIN_T);
    }
  }
}
}  // namespace

int initial_seats(const SeatSpec& s) { return s.standard + s.advanced; }

SeatController::SeatController(const Scenario& sc, int tenant)
    : sc_(sc), tn_(sc.tenants[static_cast<size_t>(tenant)]) {
  seats_ = target_ = initial_seats(tn_.seats);
  if (tn_.seats.autoscale.enabled) {
    autoscale_.emplace(tn_.seats.autoscale);
    next_sample_ = kAutoscalePeriod;
  }
}

void SeatController::start(TenantModel& model) { model.set_seat_limit(seats_); }

double SeatController::next_wakeup() const {
  double t = kInf;
  if (next_change_ < tn_.seats.changes.size())
    t = std::max(0.0, static_cast<double>(tn_.seats.changes[next_change_].at - sc_.horizon.start));
  if (!pending_.empty()) t = std::min(t, pending_.front().effective);
  if (autoscale_) t = std::min(t, next_sample_);
  return t;
}

void SeatController::submit(int to, double now, double small_delay, const ScalingAction& why) {
  const bool autoscale = why.reason != ScalingReason::Scheduled;
  for (const PlannedStep& s : plan_change(target_, to, now, tn_.seats, small_delay, autoscale)) {
    pending_.push_back(s);
    ScalingAction a = why;
    a.tenant = tn_.name;
    a.target_seats = to;
    a.requested = s.requested;
    a.effective = s.effective;
    a.from_seats = s.from;
    a.to_seats = s.to;
    a.path = s.path;
    actions_.push_back(a);
  }
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const PlannedStep& a, const PlannedStep& b) { return a.effective < b.effective; });
  target_ = to;
}

void SeatController::wake(double now, TenantModel& model) {
  const double eps = 1e-9;
  // 1. Dated changes whose date has come: planned from the count in force or pending then.
  while (next_change_ < tn_.seats.changes.size() &&
         static_cast<double>(tn_.seats.changes[next_change_].at - sc_.horizon.start) <= now + eps) {
    const SeatChange& c = tn_.seats.changes[next_change_++];
    submit(c.seats, now, tn_.seats.self_service_delay, ScalingAction{});
  }
  // 2. Steps that are now in force.
  bool changed = false;
  while (!pending_.empty() && pending_.front().effective <= now + eps) {
    seats_ = pending_.front().to;
    pending_.erase(pending_.begin());
    changed = true;
  }
  if (changed) model.set_seat_limit(seats_);
  // 3. Autoscaler sample and decision.
  if (autoscale_ && next_sample_ <= now + eps) {
    AutoscaleSample s;
    s.time = now;
    s.queue_length = model.queue_length();
    s.occupancy = model.occupancy_now();
    if (autoscale_->policy().metric == "service_level") {
      const int row = std::min(sc_.horizon.num_intervals() - 1, static_cast<int>(now / sc_.horizon.interval));
      sl_counts(model.rep(), row, s.answered, s.answered_within_t);
    }
    // Decisions are taken against the count after pending steps, so a change being provisioned is not
    // requested twice.
    const AutoscaleDecision d = autoscale_->observe(s, target_, model.scheduled_agents(), tn_.seats.admins);
    if (d.act()) {
      ScalingAction why;
      why.reason = *d.reason;
      why.metric = autoscale_->policy().metric;
      why.value = d.value;
      why.bound = d.bound;
      why.window = autoscale_->policy().window;
      submit(d.target, now, tn_.seats.autoscale.provisioning_delay, why);
    }
    next_sample_ = now + kAutoscalePeriod;
  }
}

}  // namespace ccsim::seats
