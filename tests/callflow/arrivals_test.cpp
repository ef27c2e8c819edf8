// Arrival process: rates from profiles, weekday factors, overrides and bursts; exact inversion sampling.
#include <gtest/gtest.h>

#include <cmath>

#include "core/time.hpp"
#include "traffic/arrivals.hpp"

using namespace ccsim;

TEST(Arrivals, ProfileWeekdayOverrideAndBurstCompose) {
  ArrivalSpec s;
  s.rate_per_hour = 100;
  s.profile_interval = 12 * kHour;
  s.day_profile = {0.5, 2.0};
  s.weekday_factor[6] = 0.25;  // Sunday
  const int64_t mon = *parse_datetime("2026-03-02T00:00");  // a Monday
  EXPECT_DOUBLE_EQ(profile_rate_per_hour(s, mon + 3600), 50);
  EXPECT_DOUBLE_EQ(profile_rate_per_hour(s, mon + 13 * 3600), 200);
  EXPECT_DOUBLE_EQ(profile_rate_per_hour(s, mon + 6 * 86400 + 3600), 12.5);
  s.overrides.push_back(RateOverride{mon, mon + 86400, 3.0, "promo"});
  s.bursts.push_back(Burst{mon + 3600, mon + 7200, 1000, false, "surge"});
  EXPECT_DOUBLE_EQ(profile_rate_per_hour(s, mon + 3600 + 10), 50 * 3 + 1000);
}

TEST(Arrivals, CountMatchesIntegratedRate) {
  ArrivalSpec s;
  s.rate_per_hour = 3600;  // 1/s
  s.profile_interval = 6 * kHour;
  s.day_profile = {0.2, 1.0, 1.5, 0.3};
  Horizon h;
  h.start = *parse_datetime("2026-03-02T00:00");
  h.length = 2 * kDay;
  Rng busy(1, 0, "b"), rng(1, 0, "a");
  ArrivalProcess p(s, h, busy);
  const double expected = 2 * 6 * 3600 * (0.2 + 1.0 + 1.5 + 0.3);
  EXPECT_NEAR(p.expected_total(), expected, 1e-6);
  double t = 0;
  int n = 0, night = 0;
  while ((t = p.next_after(t, rng)) >= 0) {
    ++n;
    if (std::fmod(t, kDay) < 6 * kHour) ++night;
  }
  EXPECT_NEAR(n, expected, 5 * std::sqrt(expected));
  const double exp_night = 2 * 6 * 3600 * 0.2;
  EXPECT_NEAR(night, exp_night, 5 * std::sqrt(exp_night));
}

TEST(Arrivals, NoArrivalsAfterHorizon) {
  ArrivalSpec s;
  s.rate_per_hour = 60;
  Horizon h;
  h.length = 600;
  Rng busy(1, 0, "b"), rng(2, 0, "a");
  ArrivalProcess p(s, h, busy);
  double t = 0, last = 0;
  while ((t = p.next_after(t, rng)) >= 0) last = t;
  EXPECT_LT(last, 600);
}
