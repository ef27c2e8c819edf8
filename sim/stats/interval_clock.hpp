#pragma once
// Maps simulation time to statistics intervals and spreads time integrals (busy agent-seconds, queue area)
// over the intervals they cover.
#include <algorithm>

#include "stats/counters.hpp"

namespace ccsim {

class IntervalClock {
 public:
  IntervalClock() = default;
  // `end`: time after which nothing is integrated (the horizon end; default: the end of the last interval).
  IntervalClock(double interval, int count, double end = -1)
      : interval_(interval), count_(count), end_(end < 0 ? interval * count : end) {}
  int index(double t) const {
    int i = static_cast<int>(t / interval_);
    return i < 0 ? 0 : i >= count_ ? count_ - 1 : i;
  }
  int count() const { return count_; }
  double length() const { return interval_; }
  // Adds value * (t1 - t0) to `field`, split over the intervals [t0, t1) covers. Time after the end (the drain
  // after the horizon, docs/model.md) belongs to no interval.
  void add_span(CounterTable& table, int field, double t0, double t1, double value) const {
    t1 = std::min(t1, end_);
    if (t1 <= t0 || value == 0) return;
    int i0 = index(t0), i1 = index(t1);
    if (i0 == i1) {
      table.at(i0, field) += value * (t1 - t0);
      return;
    }
    double t = t0;
    for (int i = i0; i <= i1; ++i) {
      const double end = i == i1 ? t1 : std::min(t1, (i + 1) * interval_);
      table.at(i, field) += value * (end - t);
      t = end;
    }
  }

 private:
  double interval_ = 1800;
  int count_ = 1;
  double end_ = 1800;
};

// A piecewise-constant level (queue length, busy channels) whose time integral is kept per interval.
struct Level {
  double value = 0;
  double since = 0;
  void set(const IntervalClock& clk, CounterTable& table, int area_field, double now, double v) {
    clk.add_span(table, area_field, since, now, value);
    value = v;
    since = now;
  }
};

}  // namespace ccsim
