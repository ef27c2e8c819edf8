// Distributions are named by mean (+ cv); sample moments must match those parameters.
#include <gtest/gtest.h>

#include <cmath>

#include "core/distribution.hpp"

using namespace ccsim;

namespace {
void expect_moments(const Distribution& d, double mean, double cv, int n = 200000) {
  Rng rng(5, 0, "moments");
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng);
    ASSERT_GE(x, 0);
    s += x;
    ss += x * x;
  }
  const double m = s / n, var = ss / n - m * m;
  EXPECT_NEAR(m, mean, 5 * mean * std::max(cv, 0.01) / std::sqrt(n)) << d.describe();
  if (cv > 0) {
    EXPECT_NEAR(std::sqrt(var) / m, cv, 0.03 * cv + 0.01) << d.describe();
  }
  EXPECT_NEAR(d.expected(), mean, 1e-9 * mean);
}
}  // namespace

TEST(Distribution, ExponentialMean) { expect_moments(Distribution::exponential(180), 180, 1.0); }
TEST(Distribution, LognormalMeanCv) { expect_moments(Distribution::lognormal(240, 0.6), 240, 0.6); }
TEST(Distribution, GammaMeanCv) { expect_moments(Distribution::gamma(300, 0.5), 300, 0.5); }
TEST(Distribution, GammaShapeBelowOne) { expect_moments(Distribution::gamma(100, 1.5), 100, 1.5, 400000); }
TEST(Distribution, WeibullMean) {
  const double k = 2.0;
  const double cv = std::sqrt(std::tgamma(1 + 2 / k) / std::pow(std::tgamma(1 + 1 / k), 2) - 1);
  expect_moments(Distribution::weibull(120, k), 120, cv);
}
TEST(Distribution, EmpiricalDiscreteAndInterpolated) {
  Distribution d = Distribution::empirical({10, 30, 20}, {1, 1, 2}, false);
  EXPECT_DOUBLE_EQ(d.expected(), 0.25 * 10 + 0.5 * 20 + 0.25 * 30);
  Rng rng(1, 0, "e");
  for (int i = 0; i < 1000; ++i) {
    const double x = d.sample(rng);
    EXPECT_TRUE(x == 10 || x == 20 || x == 30);
  }
  Distribution li = Distribution::empirical({0, 100}, {0, 1}, true);
  EXPECT_DOUBLE_EQ(li.expected(), 50);
  EXPECT_NEAR(li.survival(25), 0.75, 1e-12);
}
TEST(Distribution, SurvivalFunctions) {
  EXPECT_NEAR(Distribution::exponential(60).survival(60), std::exp(-1.0), 1e-12);
  EXPECT_NEAR(Distribution::lognormal(100, 0.5).survival(0), 1.0, 1e-12);
  EXPECT_NEAR(Distribution::gamma(100, 1.0).survival(100), std::exp(-1.0), 1e-3);
  EXPECT_DOUBLE_EQ(Distribution::constant(5).survival(4.9), 1.0);
  EXPECT_DOUBLE_EQ(Distribution::constant(5).survival(5), 0.0);
}
