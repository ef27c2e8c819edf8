// Seat pools on the heap scheduler (no SimGrid): the SeatController drives the model's seat limit exactly as
// the control-plane actor does under SimGrid. Logged-in agents never exceed purchased seats minus admins.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "callflow/simulation.hpp"
#include "core/scheduler.hpp"
#include "scenario/loader.hpp"
#include "seats/seat_controller.hpp"

using namespace ccsim;

namespace {

// Wakes the controller at its next_wakeup() on the heap scheduler.
class Driver final : public EventSink {
 public:
  Driver(HeapScheduler& s, seats::SeatController& c, TenantModel& m, double end) : s_(s), c_(c), m_(m), end_(end) {}
  void arm() {
    const double t = c_.next_wakeup();
    if (t < end_) s_.at(t, this, 0);
  }
  void on_event(uint64_t) override {
    c_.wake(s_.now(), m_);
    arm();
  }

 private:
  HeapScheduler& s_;
  seats::SeatController& c_;
  TenantModel& m_;
  double end_;
};

RepResult run_heap(const Scenario& sc, std::vector<ScalingAction>& actions) {
  HeapScheduler sched;
  Simulation sim(sc, 0, sched);
  seats::SeatController ctl(sc, 0);
  ctl.start(sim.tenant(0));
  Driver d(sched, ctl, sim.tenant(0), sc.horizon.length);
  d.arm();
  sim.start();
  sched.run_until(sc.horizon.length);
  actions = ctl.actions();
  return sim.finish(sc.horizon.length);
}

const char* kBase = R"(
name: seats-heap
horizon: {start: 2026-03-16T00:00, length: 4h, interval: 30min}
seed: 7
tenants:
  - name: acme
    groups:
      - {name: support, agents: 30}
    call_types:
      - name: support
        arrivals: {rate: 900/h}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        patience: {dist: exponential, mean: 2min}
    seats:
      standard: 21
      admins: 1
      self_service_delay: 60s
)";

}  // namespace

TEST(SeatLimit, AgentsNeverExceedSeatsAndUnseatedTimeIsCounted) {
  const std::string yaml = std::string(kBase) + "      changes:\n        - {at: 2026-03-16T02:00, seats: 26}\n";
  const Scenario sc = load_scenario_text(yaml, "seats-heap.yaml");
  std::vector<ScalingAction> actions;
  const RepResult r = run_heap(sc, actions);
  const TenantRep& t = r.tenants[0];
  const int admins = 1;
  const double change_at = 7200 + 60;  // requested at 02:00, self-service delay 60 s
  int busy_minutes = 0;
  for (int m = 0; m < t.minute.rows; ++m) {
    const double seats = t.minute.at(m, MIN_SEATS);
    const double online = t.minute.at(m, MIN_AGENTS_BUSY) + t.minute.at(m, MIN_AGENTS_IDLE);
    EXPECT_LE(online, seats - admins) << "minute " << m;
    const double sample_time = (m + 1) * 60.0;  // samples are taken at the end of each minute
    if (sample_time < change_at) {
      EXPECT_EQ(seats, 21) << "minute " << m;
    }
    if (sample_time > change_at) {
      EXPECT_EQ(seats, 26) << "minute " << m;
    }
    if (t.minute.at(m, MIN_AGENTS_BUSY) == seats - admins) ++busy_minutes;
  }
  EXPECT_GT(busy_minutes, 0) << "the load must actually press against the seat limit";
  EXPECT_LE(t.max_seats_online, 26);
  // 30 scheduled agents: 10 unseated until the change is effective, 5 after.
  const double expected_unseated = 10 * change_at + 5 * (sc.horizon.length - change_at);
  EXPECT_NEAR(t.gr[0].total(GR_UNSEATED_TIME), expected_unseated, 1e-6);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].path.kind, ScalingPathKind::SelfService);
  EXPECT_FALSE(actions[0].path.autoscale);
  EXPECT_EQ(actions[0].reason, ScalingReason::Scheduled);
  EXPECT_EQ(actions[0].from_seats, 21);
  EXPECT_EQ(actions[0].to_seats, 26);
  EXPECT_DOUBLE_EQ(actions[0].effective - actions[0].requested, 60);
}

TEST(SeatLimit, AutoscalerSeatsOnlyScheduledAgents) {
  const std::string yaml = std::string(kBase) +
                           "      autoscale: {metric: queue_length, scale_out_above: 2, scale_in_below: 0.1, window: 5min,"
                           " cooldown: 10min, step: 3, min_seats: 21, max_seats: 100, provisioning_delay: 2min}\n";
  const Scenario sc = load_scenario_text(yaml, "seats-heap.yaml");
  std::vector<ScalingAction> actions;
  const RepResult r = run_heap(sc, actions);
  const TenantRep& t = r.tenants[0];
  ASSERT_FALSE(actions.empty()) << "a queue well above 2 must trigger scale-out";
  int last_request = -1000000;
  for (const auto& a : actions) {
    EXPECT_EQ(a.path.kind, ScalingPathKind::SelfService);
    EXPECT_TRUE(a.path.autoscale);
    EXPECT_EQ(a.reason, ScalingReason::ScaleOut);
    EXPECT_EQ(a.metric, "queue_length");
    EXPECT_GT(a.value, a.bound);
    EXPECT_DOUBLE_EQ(a.effective - a.requested, 120);
    EXPECT_LE(a.to_seats, 30 + 1) << "never more seats than scheduled agents + admins";
    EXPECT_GE(a.requested - last_request, 600 - 1e-9) << "cooldown";
    last_request = static_cast<int>(a.requested);
  }
  EXPECT_EQ(actions.back().to_seats, 31);  // 21 -> 24 -> 27 -> 30 -> 31: capped by the workforce
  for (int m = 0; m < t.minute.rows; ++m)
    EXPECT_LE(t.minute.at(m, MIN_AGENTS_BUSY) + t.minute.at(m, MIN_AGENTS_IDLE), t.minute.at(m, MIN_SEATS) - 1) << m;
}
