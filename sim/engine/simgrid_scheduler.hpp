#pragma once
// The Scheduler interface on SimGrid: SimGrid owns the clock, and call events run as kernel-timer callbacks in
// maestro (no actor, no context switch per call). Pending call events wait in our own binary heap and only the
// earliest one is armed as a SimGrid timer: SimGrid's timer heap (a Fibonacci heap of allocated Timer objects)
// costs several times more per event when it holds thousands of timers than when it holds one (measured in
// docs/performance.md), and the simulated dates are the same.
#include <csignal>

#include <functional>

#include "core/scheduler.hpp"

namespace simgrid::kernel::timer {
class Timer;
}

namespace ccsim {

class SimgridScheduler final : public Scheduler {
 public:
  double now() const override { return firing_ ? now_ : clock(); }
  static double clock();
  TimerHandle at(double t, EventSink* sink, uint64_t payload) override;
  TimerHandle at_stream(double t, EventSink* sink, uint64_t payload) override;
  uint64_t events_executed() const { return executed_; }
  // A flag (set by a signal handler) checked at every event date and every 4096 events: when set, the
  // scheduler drops its pending events so SimGrid's run returns, even if events keep falling on one date.
  void set_stop_flag(const volatile sig_atomic_t* flag) { stop_flag_ = flag; }
  bool stopped() const { return stopped_; }
  // Batching: call events strictly before min(quiet_until(now), the run limit, SimGrid's next other timer) run
  // in one engine step, with the model's clock moving from event to event while SimGrid's stays put. That is
  // exact as long as nothing but the call flow acts before that date: quiet_until answers that for the
  // extensions' actors (engine/extension.hpp). Without it, only the events of the current date run together.
  void set_quiet_until(std::function<double(double)> f) { quiet_until_ = std::move(f); }
  // engine.run_until(t) is about to run: never run call events at or past t in this step.
  void set_run_limit(double t) { run_limit_ = t; }
  double stopped_at() const { return stopped_at_; }

 private:
  void arm();   // makes the SimGrid timer match the heap's earliest event
  // After an event at t was queued as `h`: arms the timer if t comes before the armed date; returns h.
  TimerHandle scheduled(double t, TimerHandle h);
  void fire();  // runs every event due at the current SimGrid date, and those before batch_limit()
  double batch_limit(double now) const;

  EventQueue q_;
  simgrid::kernel::timer::Timer* armed_ = nullptr;
  double armed_at_ = 0;
  double now_ = 0;  // SimGrid's clock as of the event being run (saves a library call per now())
  bool stop_requested() const { return stop_flag_ && *stop_flag_ != 0; }

  bool firing_ = false;
  uint64_t executed_ = 0;
  const volatile sig_atomic_t* stop_flag_ = nullptr;
  std::function<double(double)> quiet_until_;
  double run_limit_ = 0;
  bool stopped_ = false;
  double stopped_at_ = 0;
};

}  // namespace ccsim
