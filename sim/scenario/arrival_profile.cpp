#include "scenario/arrival_profile.hpp"

#include <algorithm>
#include <cmath>

#include "core/time.hpp"

namespace ccsim {

double profile_rate_per_hour(const ArrivalSpec& spec, int64_t e) {
  const int64_t day = e >= 0 ? e / 86400 : (e - 86399) / 86400;
  const double sod = static_cast<double>(e - day * 86400);
  double r = spec.rate_per_hour;
  if (!spec.day_profile.empty()) {
    size_t slot = static_cast<size_t>(sod / spec.profile_interval);
    r *= spec.day_profile[std::min(slot, spec.day_profile.size() - 1)];
  }
  r *= spec.weekday_factor[weekday_from_days(day)];
  for (const auto& o : spec.overrides)
    if (e >= o.from && e < o.to) r *= o.factor;
  for (const auto& b : spec.bursts)
    if (e >= b.from && e < b.to) r += b.extra_per_hour;
  return r;
}

double peak_rate_per_hour(const ArrivalSpec& spec, const Horizon& h) {
  double peak = 0;
  const int minutes = h.num_minutes();
  for (int m = 0; m < minutes; ++m) {
    const double r = profile_rate_per_hour(spec, h.start + static_cast<int64_t>(m) * 60 + 30);
    if (std::isnan(r)) return HUGE_VAL;  // overflowed factors (inf x 0): certainly beyond any bound
    peak = std::max(peak, r);
  }
  return peak;
}

}  // namespace ccsim
