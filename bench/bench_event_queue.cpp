// bench_event_queue [holds]: ccsim's EventQueue beside a std::priority_queue in the classic "hold" model (pop
// the earliest event, push one a random exponential time later), at the queue sizes of real runs: 54 pending
// events is a platform month's worker (two tenants, 60 agents), 2,500 the month at 2,000 agents. Both queues get
// the same times; the reference is what the bare loop of bench_ratio uses. Prints ns per hold for each.
//
// Run it under `valgrind --tool=callgrind --branch-sim=yes` to count mispredicted branches, which decide the
// heap's speed more than its instructions do (docs/performance.md, "A heap without mispredicted branches").
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <queue>
#include <vector>

#include "core/rng.hpp"
#include "core/scheduler.hpp"

using namespace ccsim;

namespace {

struct NoSink final : EventSink {
  void on_event(uint64_t) override {}
};

// Exponential increments drawn once, so both queues see identical times and the draw is not timed.
std::vector<double> increments(size_t n, double mean) {
  Rng rng(1, 0, "bench-event-queue");
  std::vector<double> v(n);
  for (double& x : v) x = rng.exponential(1.0 / mean);
  return v;
}

template <class Body>
double seconds(Body body) {
  const auto a = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long holds = argc > 1 ? std::atol(argv[1]) : 20'000'000;
  const std::vector<double> inc = increments(1 << 16, 180.0);
  const size_t mask = inc.size() - 1;
  std::printf("%-8s %-28s %12s %14s\n", "pending", "queue", "ns/hold", "checksum");
  for (size_t pending : {54u, 400u, 2500u, 20000u}) {
    NoSink sink;
    double sum_ours = 0, sum_ref = 0;
    EventQueue q;
    for (size_t i = 0; i < pending; ++i) q.push(inc[i & mask], &sink, i);
    const double ours = seconds([&] {
      EventQueue::Ev e;
      for (long i = 0; i < holds; ++i) {
        q.pop_due(1e300, e);
        sum_ours += e.t;
        q.push(e.t + inc[static_cast<size_t>(i) & mask], &sink, e.payload);
      }
    });
    // The reference: a binary heap of (time, seq), FIFO among equal times as ours.
    using Item = std::pair<double, uint64_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> ref;
    uint64_t seq = 0;
    for (size_t i = 0; i < pending; ++i) ref.emplace(inc[i & mask], seq++);
    const double reference = seconds([&] {
      for (long i = 0; i < holds; ++i) {
        const Item top = ref.top();
        ref.pop();
        sum_ref += top.first;
        ref.emplace(top.first + inc[static_cast<size_t>(i) & mask], seq++);
      }
    });
    std::printf("%-8zu %-28s %12.1f %14.6g\n", pending, "ccsim EventQueue", ours * 1e9 / holds, sum_ours);
    std::printf("%-8zu %-28s %12.1f %14.6g\n", pending, "std::priority_queue (ref)", reference * 1e9 / holds,
                sum_ref);
  }
  return 0;
}
