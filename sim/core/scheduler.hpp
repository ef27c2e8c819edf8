#pragma once
// The clock seen by domain code. Domain code (traffic, callflow, trunks, seats, sla, stats) includes no SimGrid
// header: engine/ implements this interface on SimGrid kernel timers, and HeapScheduler below runs the same
// models in unit tests and in the bare-loop benchmark reference.
//
// Events carry a plain (sink, payload) pair instead of a std::function so that scheduling an event never
// allocates a closure: the sink decodes the payload (event kind + entity index + generation).
#include <cstdint>
#include <queue>
#include <vector>

namespace ccsim {

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(uint64_t payload) = 0;
};

using TimerHandle = void*;  // opaque; nullptr = none

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual double now() const = 0;
  // Schedules sink->on_event(payload) at absolute time t (>= now()).
  virtual TimerHandle at(double t, EventSink* sink, uint64_t payload) = 0;
  // Cancels a pending event. Most model timers are instead cancelled lazily through generation counters.
  virtual void cancel(TimerHandle h) = 0;
};

// A binary-heap scheduler with FIFO tie-breaking; used without SimGrid in tests and benchmarks.
class HeapScheduler final : public Scheduler {
 public:
  double now() const override { return now_; }
  TimerHandle at(double t, EventSink* sink, uint64_t payload) override;
  void cancel(TimerHandle h) override;
  // Runs events until the queue is empty or the next event is after `until`; then now() = until.
  void run_until(double until);
  uint64_t events_executed() const { return executed_; }

 private:
  struct Ev {
    double t;
    uint64_t seq;
    EventSink* sink;
    uint64_t payload;
  };
  struct Later {
    bool operator()(const Ev& a, const Ev& b) const { return a.t > b.t || (a.t == b.t && a.seq > b.seq); }
  };
  std::priority_queue<Ev, std::vector<Ev>, Later> heap_;
  std::vector<uint64_t> cancelled_;  // sorted seqs of cancelled events (rare)
  double now_ = 0;
  uint64_t seq_ = 1;
  uint64_t executed_ = 0;
};

}  // namespace ccsim
