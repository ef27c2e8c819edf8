#include "engine/simgrid_scheduler.hpp"

#include <simgrid/kernel/Timer.hpp>

#include <algorithm>
#include <cmath>
#include <simgrid/s4u/Engine.hpp>

namespace ccsim {

double SimgridScheduler::clock() { return simgrid::s4u::Engine::get_clock(); }

TimerHandle SimgridScheduler::at(double t, EventSink* sink, uint64_t payload) {
  return scheduled(t, q_.push(std::max(t, now()), sink, payload));
}

TimerHandle SimgridScheduler::at_stream(double t, EventSink* sink, uint64_t payload) {
  return scheduled(t, q_.push_stream(std::max(t, now()), sink, payload));
}

TimerHandle SimgridScheduler::scheduled(double t, TimerHandle h) {
  if (!firing_ && !stopped_ && (!armed_ || t < armed_at_)) arm();
  return h;
}

void SimgridScheduler::arm() {
  // Obsolete events (a patience timer of a call already answered) are dropped here, so SimGrid's clock never
  // stops at a date where nothing happens.
  while (!q_.empty() && !q_.top().sink->live(q_.top().payload)) q_.pop();
  if (q_.empty()) return;
  const double t = q_.top_time();
  if (armed_ && armed_at_ == t) return;
  if (armed_) armed_->remove();
  armed_at_ = t;
  armed_ = simgrid::kernel::timer::Timer::set(t, [this]() { fire(); });
}

double SimgridScheduler::batch_limit(double now) const {
  if (!quiet_until_) return now;
  double limit = std::min(run_limit_, quiet_until_(now));
  const double other_timer = simgrid::kernel::timer::Timer::next();  // an actor's timeout, a profile event ...
  if (other_timer >= 0) limit = std::min(limit, other_timer);
  // Strictly before the limit: whatever SimGrid runs at that date keeps its order against our events.
  return limit > now ? std::nextafter(limit, now) : now;
}

void SimgridScheduler::fire() {
  armed_ = nullptr;  // SimGrid frees a timer once it ran
  firing_ = true;
  now_ = simgrid::s4u::Engine::get_clock();
  const double limit = batch_limit(now_);
  EventQueue::Ev e;
  bool stop = stop_requested();
  while (!stop && q_.pop_due(limit, e)) {
    now_ = e.t;
    ++executed_;
    e.sink->on_event(e.payload);
    stop = (executed_ & 4095) == 0 && stop_requested();
  }
  firing_ = false;
  if (stop) {  // leave the timer unarmed: nothing is left for SimGrid to run
    stopped_ = true;
    stopped_at_ = now_;
    return;
  }
  arm();
}

}  // namespace ccsim
