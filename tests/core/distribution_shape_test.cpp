// Shape, not only moments: each Distribution's samples are tested against the distribution's CDF written
// out here from its textbook formula (Kolmogorov-Smirnov for continuous kinds, chi-square for discrete ones).
// A sampler with the right mean and cv but the wrong shape (say a gamma where a lognormal is asked for)
// fails here. Seeds are fixed: the tests are deterministic, and the critical values are at alpha = 0.001.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "core/distribution.hpp"

using namespace ccsim;

namespace {

constexpr int kN = 20000;
// Kolmogorov's asymptotic critical value for alpha = 0.001 is 1.949 / sqrt(n).
const double kKsCritical = 1.949 / std::sqrt(static_cast<double>(kN));

double ks_statistic(const Distribution& d, const std::function<double(double)>& cdf, const char* stream) {
  Rng rng(20261201, 0, stream);
  std::vector<double> x(kN);
  for (auto& v : x) v = d.sample(rng);
  std::sort(x.begin(), x.end());
  double dmax = 0;
  for (int i = 0; i < kN; ++i) {
    const double f = cdf(x[i]);
    dmax = std::max({dmax, f - static_cast<double>(i) / kN, static_cast<double>(i + 1) / kN - f});
  }
  return dmax;
}

}  // namespace

TEST(DistributionShape, ExponentialKs) {
  const double m = 180;
  EXPECT_LT(ks_statistic(Distribution::exponential(m), [&](double x) { return 1 - std::exp(-x / m); }, "ks-exp"),
            kKsCritical);
}

TEST(DistributionShape, LognormalKs) {
  const double m = 240, cv = 0.6;
  const double s2 = std::log(1 + cv * cv), mu = std::log(m) - s2 / 2, s = std::sqrt(s2);
  auto cdf = [&](double x) { return x <= 0 ? 0.0 : 0.5 * std::erfc(-(std::log(x) - mu) / (s * std::sqrt(2.0))); };
  EXPECT_LT(ks_statistic(Distribution::lognormal(m, cv), cdf, "ks-logn"), kKsCritical);
}

TEST(DistributionShape, GammaKsBothShapeRegimes) {
  for (double cv : {0.5, 1.5}) {  // shape 4 and shape 0.44 take different sampling paths
    const double m = 300, k = 1 / (cv * cv), theta = m / k;
    auto cdf = [&](double x) { return x <= 0 ? 0.0 : boost::math::gamma_p(k, x / theta); };
    EXPECT_LT(ks_statistic(Distribution::gamma(m, cv), cdf, "ks-gamma"), kKsCritical) << "cv " << cv;
  }
}

TEST(DistributionShape, WeibullKs) {
  const double m = 200, k = 1.7, lambda = m / std::tgamma(1 + 1 / k);
  auto cdf = [&](double x) { return x <= 0 ? 0.0 : 1 - std::exp(-std::pow(x / lambda, k)); };
  EXPECT_LT(ks_statistic(Distribution::weibull(m, k), cdf, "ks-weib"), kKsCritical);
}

TEST(DistributionShape, UniformAndInterpolatedEmpiricalKs) {
  auto uni = [](double x) { return std::clamp((x - 30) / 90, 0.0, 1.0); };
  EXPECT_LT(ks_statistic(Distribution::uniform(30, 120), uni, "ks-uni"), kKsCritical);
  // Piecewise linear between (0, 0), (100, 0.5), (300, 1).
  auto pl = [](double x) { return x <= 100 ? std::max(0.0, x / 200) : std::min(1.0, 0.5 + (x - 100) / 400); };
  EXPECT_LT(ks_statistic(Distribution::empirical({0, 100, 300}, {0, 0.5, 0.5}, true), pl, "ks-emp"), kKsCritical);
}

TEST(DistributionShape, DiscreteEmpiricalChiSquare) {
  const std::vector<double> values{10, 20, 30, 45};
  const std::vector<double> weights{1, 2, 3, 4};  // probabilities 0.1 0.2 0.3 0.4
  Distribution d = Distribution::empirical(values, weights, false);
  Rng rng(20261201, 0, "chi-emp");
  std::vector<int> count(values.size(), 0);
  for (int i = 0; i < kN; ++i) {
    const double x = d.sample(rng);
    const auto it = std::find(values.begin(), values.end(), x);
    ASSERT_NE(it, values.end()) << x;
    ++count[it - values.begin()];
  }
  double chi2 = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    const double expected = kN * weights[k] / 10.0;
    chi2 += (count[k] - expected) * (count[k] - expected) / expected;
  }
  EXPECT_LT(chi2, 16.27);  // chi-square with 3 degrees of freedom, alpha = 0.001
}

// The test's own power: the KS check must reject a sampler of the wrong shape with the same mean and cv.
TEST(DistributionShape, KsRejectsWrongShapeWithSameMoments) {
  const double m = 240, cv = 0.6;
  const double s2 = std::log(1 + cv * cv), mu = std::log(m) - s2 / 2, s = std::sqrt(s2);
  auto lognormal_cdf = [&](double x) {
    return x <= 0 ? 0.0 : 0.5 * std::erfc(-(std::log(x) - mu) / (s * std::sqrt(2.0)));
  };
  EXPECT_GT(ks_statistic(Distribution::gamma(m, cv), lognormal_cdf, "ks-power"), kKsCritical);
}

// survival() is what capacity estimates use: it must be the exact complement of the CDF, for every shape.
TEST(DistributionShape, GammaSurvivalIsExactForShapeBelowOne) {
  for (double cv : {0.5, 1.0, 1.5, 3.0}) {
    const double m = 300, k = 1 / (cv * cv), theta = m / k;
    const Distribution d = Distribution::gamma(m, cv);
    for (double x : {1.0, 30.0, 300.0, 1500.0})
      EXPECT_NEAR(d.survival(x), 1 - boost::math::gamma_p(k, x / theta), 1e-9) << "cv " << cv << " x " << x;
  }
}
