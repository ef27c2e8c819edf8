#include "callflow/opening_hours.hpp"

#include "core/time.hpp"

namespace ccsim {

namespace {
int64_t day_of(int64_t e) { return e >= 0 ? e / 86400 : (e - 86399) / 86400; }
}  // namespace

bool open_at(const OpeningHours& h, int64_t e) {
  if (h.windows.empty()) return true;
  const int64_t day = day_of(e);
  const double sod = static_cast<double>(e - day * 86400);
  const int wd = weekday_from_days(day), prev = (wd + 6) % 7;
  for (const auto& w : h.windows) {
    if (w.close > w.open) {
      if (w.days[wd] && sod >= w.open && sod < w.close) return true;
    } else {  // crosses midnight: the evening part belongs to today, the morning part to yesterday's window
      if ((w.days[wd] && sod >= w.open) || (w.days[prev] && sod < w.close)) return true;
    }
  }
  return false;
}

std::vector<uint8_t> open_minutes(const OpeningHours& h, const Horizon& hz) {
  std::vector<uint8_t> open;
  if (h.windows.empty()) return open;
  open.resize(static_cast<size_t>(hz.num_minutes()));
  for (size_t m = 0; m < open.size(); ++m) open[m] = open_at(h, hz.start + static_cast<int64_t>(m) * 60) ? 1 : 0;
  return open;
}

std::vector<double> closing_times(const std::vector<uint8_t>& open) {
  std::vector<double> t;
  for (size_t m = 1; m < open.size(); ++m)
    if (open[m - 1] && !open[m]) t.push_back(static_cast<double>(m) * 60.0);
  return t;
}

}  // namespace ccsim
