#include "scenario/staffing.hpp"

#include <algorithm>
#include <cmath>

#include "core/time.hpp"

namespace ccsim::scenario {

double shift_length(const ShiftSpec& s) { return s.end > s.start ? s.end - s.start : s.end + kDay - s.start; }

double break_offset(const ShiftSpec& s, const BreakSpec& b) {
  double off = std::fmod(b.at - s.start, kDay);
  if (off < 0) off += kDay;
  return off;
}

bool counts_repeat_daily(const AgentPool& p) {
  return p.counts_interval > 0 && std::fabs(p.counts_interval * static_cast<double>(p.counts.size()) - kDay) < 1e-6;
}

namespace {

// Accumulates (time, delta) events into change points; events before 0 count at 0, events at or after the
// horizon end are dropped.
Schedule from_deltas(std::vector<std::pair<double, int>> deltas, double length) {
  for (auto& d : deltas) d.first = std::max(0.0, d.first);
  std::stable_sort(deltas.begin(), deltas.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Schedule out;
  int count = 0;
  size_t i = 0;
  // Value at time 0 first, so the schedule always starts at 0.
  while (i < deltas.size() && deltas[i].first <= 0) count += deltas[i++].second;
  out.emplace_back(0.0, count);
  while (i < deltas.size() && deltas[i].first < length) {
    const double t = deltas[i].first;
    while (i < deltas.size() && deltas[i].first == t) count += deltas[i++].second;
    if (count != out.back().second) out.emplace_back(t, count);
  }
  return out;
}

Schedule counts_schedule(const AgentPool& p, const Horizon& h) {
  const double ci = p.counts_interval;
  std::vector<std::pair<double, int>> deltas;
  int prev = 0;
  if (counts_repeat_daily(p)) {
    // Slot boundaries are times of day; the horizon may start mid-slot.
    const double start_tod = std::fmod(static_cast<double>(h.start), kDay);
    const double first_boundary = std::floor(start_tod / ci) * ci;  // <= start_tod
    for (double tod = first_boundary; tod - start_tod < h.length; tod += ci) {
      const double t = tod - start_tod;
      const size_t slot = static_cast<size_t>(std::llround(std::fmod(tod, kDay) / ci)) % p.counts.size();
      const int c = p.counts[slot];
      deltas.emplace_back(t, c - prev);
      prev = c;
    }
  } else {
    for (size_t i = 0; i < p.counts.size() && static_cast<double>(i) * ci < h.length; ++i) {
      deltas.emplace_back(static_cast<double>(i) * ci, p.counts[i] - prev);
      prev = p.counts[i];
    }
  }
  return from_deltas(std::move(deltas), h.length);
}

// Shift occurrences over the horizon; `on_break_only` collects just the agents on break (for the per-minute
// "agents on break" state), otherwise on-duty agents net of breaks.
Schedule shifts_schedule(const AgentPool& p, const Horizon& h, bool on_break_only) {
  std::vector<std::pair<double, int>> deltas;
  const int64_t first_day = static_cast<int64_t>(std::floor(static_cast<double>(h.start) / kDay)) - 1;
  const int64_t last_day = static_cast<int64_t>(std::floor((static_cast<double>(h.start) + h.length) / kDay));
  for (const ShiftSpec& s : p.shifts) {
    const double len = shift_length(s);
    for (int64_t day = first_day; day <= last_day; ++day) {
      if (!s.days[weekday_from_days(day)]) continue;
      const int64_t begin_epoch = day * 86400 + static_cast<int64_t>(s.start);
      // Validity window on the occurrence's start instant: [from_date, to_date).
      if (s.from_date != 0 && begin_epoch < s.from_date) continue;
      if (s.to_date != 0 && begin_epoch >= s.to_date) continue;
      const double t0 = static_cast<double>(day * 86400 - h.start) + s.start;
      if (t0 + len <= 0 || t0 >= h.length) continue;
      if (!on_break_only) {
        deltas.emplace_back(t0, s.agents);
        deltas.emplace_back(t0 + len, -s.agents);
      }
      const int sign = on_break_only ? -1 : 1;
      for (const BreakSpec& b : s.breaks) {
        const int n = b.agents < 0 ? s.agents : std::min(b.agents, s.agents);
        const double bt = t0 + break_offset(s, b);
        deltas.emplace_back(bt, -n * sign);
        deltas.emplace_back(bt + b.length, n * sign);
      }
    }
  }
  return from_deltas(std::move(deltas), h.length);
}

}  // namespace

Schedule build_schedule(const AgentPool& pool, const Horizon& h) {
  if (!pool.shifts.empty()) return shifts_schedule(pool, h, false);
  if (!pool.counts.empty() && pool.counts_interval > 0) return counts_schedule(pool, h);
  return Schedule{{0.0, std::max(0, pool.constant)}};
}

Schedule build_break_schedule(const AgentPool& pool, const Horizon& h) {
  if (pool.shifts.empty()) return Schedule{{0.0, 0}};
  return shifts_schedule(pool, h, true);
}

int max_count(const Schedule& s) {
  int m = 0;
  for (const auto& p : s) m = std::max(m, p.second);
  return m;
}

int count_at(const Schedule& s, double t) {
  int c = 0;
  for (const auto& p : s) {
    if (p.first > t) break;
    c = p.second;
  }
  return c;
}

}  // namespace ccsim::scenario
