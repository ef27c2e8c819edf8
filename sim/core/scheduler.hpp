#pragma once
// The clock seen by domain code. Domain code (traffic, callflow, trunks, seats, sla, stats) includes no SimGrid
// header: engine/ implements this interface on SimGrid, and HeapScheduler below runs the same models in unit
// tests and in the bare-loop benchmark reference.
//
// Events carry a plain (sink, payload) pair instead of a std::function so that scheduling an event never
// allocates a closure: the sink decodes the payload (event kind + entity index + generation).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/invariant.hpp"

namespace ccsim {

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(uint64_t payload) = 0;
  // False when the event has become obsolete (its entity changed state since). A scheduler may then drop it
  // without advancing the clock to its date; on_event must still ignore obsolete events it is handed.
  virtual bool live(uint64_t payload) const {
    (void)payload;
    return true;
  }
};

using TimerHandle = uint64_t;  // 0 = none

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual double now() const = 0;
  // Schedules sink->on_event(payload) at absolute time t (>= now()). There is no cancel: models make an event
  // obsolete through a generation counter in its payload (EventSink::live), which costs nothing per event and
  // lets a scheduler skip dead events before it advances the clock.
  virtual TimerHandle at(double t, EventSink* sink, uint64_t payload) = 0;
  // The same for the next event of a stream that has at most one event pending at a time, scheduled when the
  // previous one runs (a call type's next arrival, a tenant's next minute). Same order as at(); a scheduler may
  // keep these apart, in a heap only as large as the number of streams (EventQueue::push_stream).
  virtual TimerHandle at_stream(double t, EventSink* sink, uint64_t payload) { return at(t, sink, payload); }
};

// A binary heap of pending events, FIFO among equal times (so runs are reproducible). The event heap is the
// hottest structure of a run, and its cost is mostly mispredicted branches: a pop moves the hole down to a leaf
// with one branch-free comparison per level (the last element, put back in the hole, belongs near the bottom
// anyway) and then sifts that element up, and (time, seq) compare as one 128-bit integer, because the bit
// patterns of non-negative doubles are in the doubles' order. That replaced a 4-ary heap with branching
// comparisons: 30-40% less time per event in a hold loop of 54 to 2,500 events (docs/performance.md).
// In front of the heap, one slot holds an event earlier than everything in the heap: an event pushed ahead of
// the heap's top (an IVR or set-up delay) is usually the next one popped, and in the slot it costs neither a
// sift-up to the root nor a sift-down after it. Stream events (push_stream: each call type's next arrival, about
// half of all events) wait in a second heap, as small as the number of streams, instead of going through the
// large one of service ends. Same (time, seq) order over all three, so same results.
class EventQueue {
 public:
  struct Ev {
    double t;
    uint64_t seq;
    EventSink* sink;
    uint64_t payload;
  };
  TimerHandle push(double t, EventSink* sink, uint64_t payload);
  // An event of a stream (Scheduler::at_stream): ordered with all others alike.
  TimerHandle push_stream(double t, EventSink* sink, uint64_t payload);
  bool empty() const { return !has_front_ && heap_.empty() && streams_.empty(); }
  const Ev& top() const { return at(source()); }
  double top_time() const { return top().t; }
  // Pops the earliest event into `out`; false when none is due at or before `until`.
  bool pop_due(double until, Ev& out);
  // Removes the earliest event.
  void pop() { pop(source()); }
  size_t size() const { return heap_.size() + streams_.size() + (has_front_ ? 1 : 0); }

 private:
  enum class Source : uint8_t { None, Front, Heap, Streams };  // where the earliest event is
  Source source() const;
  const Ev& at(Source s) const { return s == Source::Front ? front_ : s == Source::Heap ? heap_.front() : streams_.front(); }
  void pop(Source s);
  Ev make(double t, EventSink* sink, uint64_t payload);
  static void sift_up(std::vector<Ev>& heap, size_t i, const Ev& e);
  static void heap_push(std::vector<Ev>& heap, const Ev& e);
  static void heap_pop(std::vector<Ev>& heap);
  static unsigned __int128 key(const Ev& e) {
    uint64_t bits;
    std::memcpy(&bits, &e.t, sizeof bits);
    return static_cast<unsigned __int128>(bits) << 64 | e.seq;
  }
  static bool before(const Ev& a, const Ev& b) { return key(a) < key(b); }
  std::vector<Ev> heap_;
  std::vector<Ev> streams_;  // a heap of stream events
  Ev front_{};              // valid when has_front_: before every event in heap_
  bool has_front_ = false;
  uint64_t seq_ = 1;
  double last_popped_ = 0;  // written only with CCSIM_INVARIANTS: popped times never decrease
};

class HeapScheduler final : public Scheduler {
 public:
  double now() const override { return now_; }
  TimerHandle at(double t, EventSink* sink, uint64_t payload) override;
  TimerHandle at_stream(double t, EventSink* sink, uint64_t payload) override;
  // Runs events until the queue is empty or the next event is after `until`; then now() = until.
  void run_until(double until);
  uint64_t events_executed() const { return executed_; }

 private:
  EventQueue q_;
  double now_ = 0;
  uint64_t executed_ = 0;
};

}  // namespace ccsim
