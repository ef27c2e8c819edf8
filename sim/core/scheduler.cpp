#include "core/scheduler.hpp"

#include <algorithm>

namespace ccsim {

TimerHandle HeapScheduler::at(double t, EventSink* sink, uint64_t payload) {
  if (t < now_) t = now_;
  const uint64_t s = seq_++;
  heap_.push(Ev{t, s, sink, payload});
  return reinterpret_cast<TimerHandle>(static_cast<uintptr_t>(s));
}

void HeapScheduler::cancel(TimerHandle h) {
  if (!h) return;
  const uint64_t s = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h));
  cancelled_.insert(std::upper_bound(cancelled_.begin(), cancelled_.end(), s), s);
}

void HeapScheduler::run_until(double until) {
  while (!heap_.empty() && heap_.top().t <= until) {
    Ev e = heap_.top();
    heap_.pop();
    if (!cancelled_.empty()) {
      auto it = std::lower_bound(cancelled_.begin(), cancelled_.end(), e.seq);
      if (it != cancelled_.end() && *it == e.seq) {
        cancelled_.erase(it);
        continue;
      }
    }
    now_ = e.t;
    ++executed_;
    e.sink->on_event(e.payload);
  }
  if (until > now_) now_ = until;
}

}  // namespace ccsim
