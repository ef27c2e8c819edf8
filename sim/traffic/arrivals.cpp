#include "traffic/arrivals.hpp"

#include <algorithm>
#include <cmath>

#include "core/time.hpp"

namespace ccsim {

ArrivalProcess::ArrivalProcess(const ArrivalSpec& spec, const Horizon& h, Rng& busyness_rng) : horizon_(h.length) {
  const int minutes = h.num_minutes();
  rate_.assign(static_cast<size_t>(minutes), 0.0);
  int64_t last_day = INT64_MIN;
  double factor = 1.0;
  for (int m = 0; m < minutes; ++m) {
    // Sample the profile at the middle of the minute: a profile slot boundary always falls on a whole minute.
    const int64_t e = h.start + static_cast<int64_t>(m) * 60 + 30;
    const int64_t day = e / 86400;
    if (spec.busyness_cv > 0 && day != last_day) {
      const double k = 1.0 / (spec.busyness_cv * spec.busyness_cv);
      factor = busyness_rng.gamma(k, 1.0 / k);
      last_day = day;
    }
    double base = profile_rate_per_hour(spec, e);
    double burst = 0;
    for (const auto& b : spec.bursts)
      if (e >= b.from && e < b.to) burst += b.extra_per_hour;
    // Busyness scales the regular traffic, not the injected bursts.
    rate_[static_cast<size_t>(m)] = ((base - burst) * factor + burst) / 3600.0;
  }
}

void ArrivalProcess::add_rate(double from, double to, double per_hour) {
  for (size_t m = 0; m < rate_.size(); ++m) {
    const double mid = m * 60.0 + 30.0;
    if (mid >= from && mid < to && (open_.empty() || open_[m])) rate_[m] += per_hour / 3600.0;
  }
}

void ArrivalProcess::restrict_to_open(const std::vector<uint8_t>& open) {
  open_ = open;
  for (size_t m = 0; m < rate_.size() && m < open_.size(); ++m)
    if (!open_[m]) rate_[m] = 0;
}

double ArrivalProcess::next_after(double t, Rng& rng) const {
  double e = -std::log(rng.uniform_pos());  // Exp(1) of cumulative hazard to cover
  size_t m = static_cast<size_t>(t / 60.0);
  while (m < rate_.size()) {
    const double cell_end = std::min((m + 1) * 60.0, horizon_);
    const double r = rate_[m];
    const double span = cell_end - t;
    if (r > 0 && r * span >= e) return t + e / r;
    e -= r * span;
    t = cell_end;
    ++m;
  }
  return -1.0;
}

double ArrivalProcess::expected_total() const {
  double s = 0;
  for (size_t m = 0; m < rate_.size(); ++m) s += rate_[m] * (std::min((m + 1) * 60.0, horizon_) - m * 60.0);
  return s;
}

}  // namespace ccsim
