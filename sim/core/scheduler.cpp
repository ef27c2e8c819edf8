#include "core/scheduler.hpp"

namespace ccsim {

EventQueue::Ev EventQueue::make(double t, EventSink* sink, uint64_t payload) {
  // The integer order of the keys needs a non-negative time: -0.0 becomes +0.0, and a NaN or a negative time
  // would sort wrong.
  t += 0.0;
  CCSIM_ASSERT(t >= 0, "event queue: times are non-negative numbers");
  return Ev{t, seq_++, sink, payload};
}

TimerHandle EventQueue::push(double t, EventSink* sink, uint64_t payload) {
  const Ev e = make(t, sink, payload);
  if (has_front_) {
    if (before(e, front_)) {  // the new event comes first: the old front goes to the heap (it precedes it all)
      heap_push(heap_, front_);
      front_ = e;
    } else {
      heap_push(heap_, e);
    }
  } else if (heap_.empty() || before(e, heap_.front())) {
    front_ = e;
    has_front_ = true;
  } else {
    heap_push(heap_, e);
  }
  return e.seq;
}

TimerHandle EventQueue::push_stream(double t, EventSink* sink, uint64_t payload) {
  const Ev e = make(t, sink, payload);
  heap_push(streams_, e);
  return e.seq;
}

EventQueue::Source EventQueue::source() const {
  const Source main = has_front_ ? Source::Front : heap_.empty() ? Source::None : Source::Heap;
  if (streams_.empty()) return main;
  if (main == Source::None || before(streams_.front(), at(main))) return Source::Streams;
  return main;
}

void EventQueue::pop(Source s) {
  if (s == Source::Front) has_front_ = false;
  else if (s == Source::Heap) heap_pop(heap_);
  else if (s == Source::Streams) heap_pop(streams_);
}

// Puts `e` into the hole at `i`, or higher where it comes before its parents (moving them down).
void EventQueue::sift_up(std::vector<Ev>& heap, size_t i, const Ev& e) {
  while (i > 0) {
    const size_t parent = (i - 1) / 2;
    if (!before(e, heap[parent])) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = e;
}

void EventQueue::heap_push(std::vector<Ev>& heap, const Ev& e) {
  heap.push_back(e);
  sift_up(heap, heap.size() - 1, e);
}

void EventQueue::heap_pop(std::vector<Ev>& heap) {
  const Ev last = heap.back();
  heap.pop_back();
  const size_t n = heap.size();
  if (n == 0) return;
  size_t i = 0;
  for (size_t c = 1; c < n; c = 2 * i + 1) {
    c += static_cast<size_t>(c + 1 < n && before(heap[c + 1], heap[c]));
    heap[i] = heap[c];
    i = c;
  }
  sift_up(heap, i, last);
}

bool EventQueue::pop_due(double until, Ev& out) {
  const Source s = source();
  if (s == Source::None || at(s).t > until) return false;
  out = at(s);
  pop(s);
  CCSIM_ASSERT(out.t >= last_popped_, "event queue: popped times never decrease");
  CCSIM_IF_INVARIANTS(last_popped_ = out.t;)
  return true;
}

TimerHandle HeapScheduler::at(double t, EventSink* sink, uint64_t payload) {
  return q_.push(t < now_ ? now_ : t, sink, payload);
}

TimerHandle HeapScheduler::at_stream(double t, EventSink* sink, uint64_t payload) {
  return q_.push_stream(t < now_ ? now_ : t, sink, payload);
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
