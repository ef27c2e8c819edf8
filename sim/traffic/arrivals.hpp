#pragma once
// Non-homogeneous Poisson arrivals with a piecewise-constant rate (one value per minute of the horizon).
// The next arrival is found by inverting the cumulative rate (exact, one random draw per arrival, no thinning
// rejections), so a month of minutes costs nothing when traffic is dense.
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "scenario/arrival_profile.hpp"
#include "scenario/scenario.hpp"

namespace ccsim {

class ArrivalProcess {
 public:
  // Builds the per-minute rate of `spec` over the horizon; the gamma busyness factor (if any) is drawn once
  // per calendar day from `busyness_rng`.
  ArrivalProcess(const ArrivalSpec& spec, const Horizon& h, Rng& busyness_rng);
  // Rate (calls per second) in minute m.
  double rate(int minute) const { return rate_[static_cast<size_t>(minute)]; }
  // Time of the next arrival strictly after t, or a negative value when none before the horizon end.
  double next_after(double t, Rng& rng) const;
  // Expected number of arrivals over the horizon.
  double expected_total() const;
  // Adds `per_hour` extra calls/hour on [from, to) seconds (overload injection by drills); none while closed.
  void add_rate(double from, double to, double per_hour);
  // Opening hours: the rate is zero in every minute whose flag is 0 (an empty mask = always open).
  void restrict_to_open(const std::vector<uint8_t>& open);
  const std::vector<double>& rates() const { return rate_; }

 private:
  std::vector<double> rate_;  // calls/s per minute
  std::vector<uint8_t> open_; // per minute, empty = always open
  double horizon_ = 0;
};

}  // namespace ccsim
