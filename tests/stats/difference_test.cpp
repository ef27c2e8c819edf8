// B - A with 95% intervals (stats/difference.hpp), against hand computations on small samples.
#include "stats/difference.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace ccsim;

namespace {
// Published two-sided 95% Student-t quantiles (any t table).
constexpr double kT3 = 3.1824, kT5 = 2.5706;
}  // namespace

TEST(Difference, PairedIsStudentTOnThePerReplicationDifferences) {
  // d = b - a = {1, 2, 2, 3}: mean 2, deviations -1 0 0 1, s² = 2/3, se = √(s²/4).
  const Difference d = paired_difference({1, 2, 3, 4}, {2, 4, 5, 7});
  const double half = kT3 * std::sqrt(2.0 / 3.0 / 4.0);
  EXPECT_EQ(d.method, DiffMethod::Paired);
  EXPECT_DOUBLE_EQ(d.mean_a, 2.5);
  EXPECT_DOUBLE_EQ(d.mean_b, 4.5);
  EXPECT_DOUBLE_EQ(d.diff, 2.0);
  EXPECT_NEAR(d.lo, 2.0 - half, 1e-4);
  EXPECT_NEAR(d.hi, 2.0 + half, 1e-4);
  EXPECT_EQ(d.df, 3);
  EXPECT_STREQ(diff_method_name(d.method), "paired (common random numbers)");
}

TEST(Difference, PairedLeavesOutPairsWithAnUndefinedValue) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // The third pair is dropped: d = {1, 2, 3}, mean 2, s² = 1, se = √(1/3), t(2) = 4.3027.
  const Difference d = paired_difference({1, 2, nan, 4}, {2, 4, 9, 7});
  EXPECT_EQ(d.n_a, 3);
  EXPECT_DOUBLE_EQ(d.diff, 2.0);
  EXPECT_NEAR(d.hi - d.diff, 4.3027 * std::sqrt(1.0 / 3.0), 1e-4);
}

TEST(Difference, WelchUsesSatterthwaiteDegreesOfFreedomRoundedDown) {
  // a: mean 2.5, s² = 5/3, n 4; b: mean 6, s² = 10, n 5.
  const double va = (5.0 / 3.0) / 4, vb = 10.0 / 5, se2 = va + vb;
  const double nu = se2 * se2 / (va * va / 3 + vb * vb / 4);  // 5.52...
  ASSERT_GT(nu, 5);
  ASSERT_LT(nu, 6);
  const Difference d = welch_difference({1, 2, 3, 4}, {2, 4, 6, 8, 10});
  EXPECT_EQ(d.method, DiffMethod::Welch);
  EXPECT_DOUBLE_EQ(d.diff, 3.5);
  EXPECT_EQ(d.df, 5);
  EXPECT_NEAR(d.lo, 3.5 - kT5 * std::sqrt(se2), 1e-4);
  EXPECT_NEAR(d.hi, 3.5 + kT5 * std::sqrt(se2), 1e-4);
}

TEST(Difference, WelchFromSummariesMatchesWelchFromSamples) {
  const Difference s = welch_from_summaries(2.5, std::sqrt(5.0 / 3.0), 4, 6, std::sqrt(10.0), 5);
  const Difference x = welch_difference({1, 2, 3, 4}, {2, 4, 6, 8, 10});
  EXPECT_NEAR(s.lo, x.lo, 1e-12);
  EXPECT_NEAR(s.hi, x.hi, 1e-12);
}

TEST(Difference, NoIntervalFromASingleValue) {
  EXPECT_TRUE(std::isnan(paired_difference({1}, {2}).lo));
  EXPECT_TRUE(std::isnan(welch_difference({1}, {2, 3}).hi));
}
