#pragma once
// The reference every benchmark compares ccsim with: a bare M/M/c+M loop (Poisson arrivals, c agents,
// exponential handle time and patience, one FIFO queue) on a std::priority_queue binary heap, and nothing
// else: no trunks, no counters, no ledger. Shared by bench_month and bench_ratio so both measure the same loop.
#include <cmath>
#include <cstdint>
#include <deque>
#include <queue>
#include <vector>

#include "core/rng.hpp"

namespace ccsim::bench {

struct BareParams {
  int agents = 2000;
  double rate_per_hour = 13900;
  double handle_mean = 500;            // seconds
  double patience_mean = 300;          // seconds; infinity = nobody abandons
  double seconds = 30 * 86400.0;       // simulated horizon
  uint64_t seed = 7;
  uint64_t replication = 0;
};

struct BareCounts {
  uint64_t calls = 0, events = 0, answered = 0, abandoned = 0;
};

inline BareCounts bare_loop(const BareParams& p) {
  struct Ev {
    double t;
    int kind;  // 0 arrival, 1 departure, 2 patience
    int id;
    bool operator>(const Ev& o) const { return t > o.t; }
  };
  std::priority_queue<Ev, std::vector<Ev>, std::greater<Ev>> heap;
  Rng arr(p.seed, p.replication, "a"), svc(p.seed, p.replication, "s"), pat(p.seed, p.replication, "p");
  const double lambda = p.rate_per_hour / 3600.0;
  const bool patient = !std::isfinite(p.patience_mean);
  std::vector<uint8_t> waiting;  // per call: 1 while in queue
  std::deque<int> queue;
  int idle = p.agents;
  BareCounts n;
  if (lambda <= 0) return n;
  heap.push({arr.exponential(lambda), 0, 0});
  while (!heap.empty()) {
    const Ev e = heap.top();
    heap.pop();
    if (e.t > p.seconds) break;
    ++n.events;
    if (e.kind == 0) {
      ++n.calls;
      const int id = static_cast<int>(waiting.size());
      waiting.push_back(0);
      heap.push({e.t + arr.exponential(lambda), 0, 0});
      if (idle > 0) {
        --idle;
        ++n.answered;
        heap.push({e.t + svc.exponential(1.0 / p.handle_mean), 1, id});
      } else {
        waiting[static_cast<size_t>(id)] = 1;
        queue.push_back(id);
        if (!patient) heap.push({e.t + pat.exponential(1.0 / p.patience_mean), 2, id});
      }
    } else if (e.kind == 1) {
      while (!queue.empty() && !waiting[static_cast<size_t>(queue.front())]) queue.pop_front();
      if (!queue.empty()) {
        const int id = queue.front();
        queue.pop_front();
        waiting[static_cast<size_t>(id)] = 0;
        ++n.answered;
        heap.push({e.t + svc.exponential(1.0 / p.handle_mean), 1, id});
      } else {
        ++idle;
      }
    } else if (waiting[static_cast<size_t>(e.id)]) {
      waiting[static_cast<size_t>(e.id)] = 0;
      ++n.abandoned;
    }
  }
  return n;
}

}  // namespace ccsim::bench
