#include "core/scheduler.hpp"

namespace ccsim {

TimerHandle EventQueue::push(double t, EventSink* sink, uint64_t payload) {
  // The integer order of the keys needs a non-negative time: -0.0 becomes +0.0, and a NaN or a negative time
  // would sort wrong.
  t += 0.0;
  CCSIM_ASSERT(t >= 0, "event queue: times are non-negative numbers");
  const uint64_t s = seq_++;
  const Ev e{t, s, sink, payload};
  if (has_front_) {
    if (before(e, front_)) {  // the new event comes first: the old front goes to the heap (it precedes it all)
      heap_push(front_);
      front_ = e;
    } else {
      heap_push(e);
    }
  } else if (heap_.empty() || before(e, heap_.front())) {
    front_ = e;
    has_front_ = true;
  } else {
    heap_push(e);
  }
  return s;
}

void EventQueue::heap_push(const Ev& e) {
  size_t i = heap_.size();
  heap_.push_back(e);
  while (i > 0) {
    const size_t parent = (i - 1) / 2;
    if (!before(e, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = e;
}

void EventQueue::pop() {
  if (has_front_)
    has_front_ = false;
  else
    heap_pop();
}

void EventQueue::heap_pop() {
  const Ev last = heap_.back();
  heap_.pop_back();
  const size_t n = heap_.size();
  if (n == 0) return;
  size_t i = 0;
  for (size_t c = 1; c < n; c = 2 * i + 1) {
    c += static_cast<size_t>(c + 1 < n && before(heap_[c + 1], heap_[c]));
    heap_[i] = heap_[c];
    i = c;
  }
  while (i > 0) {
    const size_t parent = (i - 1) / 2;
    if (!before(last, heap_[parent])) break;
    heap_[i] = heap_[parent];
    i = parent;
  }
  heap_[i] = last;
}

bool EventQueue::pop_due(double until, Ev& out) {
  if (empty() || top().t > until) return false;
  out = top();
  pop();
  CCSIM_ASSERT(out.t >= last_popped_, "event queue: popped times never decrease");
  CCSIM_IF_INVARIANTS(last_popped_ = out.t;)
  return true;
}

TimerHandle HeapScheduler::at(double t, EventSink* sink, uint64_t payload) {
  return q_.push(t < now_ ? now_ : t, sink, payload);
}

void HeapScheduler::run_until(double until) {
  EventQueue::Ev e;
  while (q_.pop_due(until, e)) {
    now_ = e.t;
    ++executed_;
    e.sink->on_event(e.payload);
  }
  if (until > now_) now_ = until;
}

}  // namespace ccsim
