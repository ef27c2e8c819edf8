// Estimators of sim/calibration/fit.* checked against closed forms and hand computations; sampling tests use
// tolerances derived from the sample size (asymptotic standard errors of the maximum-likelihood estimates).
#include <gtest/gtest.h>

#include <cmath>

#include "calibration/fit.hpp"
#include "core/rng.hpp"

using namespace ccsim;
using namespace ccsim::calibration;

namespace {

std::vector<double> sample(const Distribution& d, int n, const char* stream) {
  Rng rng(11, 0, stream);
  std::vector<double> x;
  for (int i = 0; i < n; ++i) x.push_back(d.sample(rng));
  return x;
}

double trigamma_sum(double k) {  // psi'(k) = sum 1/(k+i)^2, tail ~ 1/(k+N)
  double s = 0;
  const int N = 200000;
  for (int i = 0; i < N; ++i) s += 1.0 / ((k + i) * (k + i));
  return s + 1.0 / (k + N);
}

}  // namespace

TEST(CalibrationFit, ExponentialMleIsTheReciprocalMean) {
  const Fit f = fit_exponential({1, 2, 3, 6});
  EXPECT_DOUBLE_EQ(f.a, 1.0 / 3);
  EXPECT_NEAR(f.loglik, -4 * (std::log(3.0) + 1), 1e-12);
  EXPECT_NEAR(f.aic, 2 + 8 * (std::log(3.0) + 1), 1e-12);
  EXPECT_NEAR(f.bic, std::log(4.0) + 8 * (std::log(3.0) + 1), 1e-12);
}

TEST(CalibrationFit, LognormalMleRecoversParametersWithinStandardErrors) {
  const double mu = 4.0, sigma = 0.8;
  const int n = 20000;
  const double mean = std::exp(mu + sigma * sigma / 2), cv = std::sqrt(std::expm1(sigma * sigma));
  const Fit f = fit_lognormal(sample(Distribution::lognormal(mean, cv), n, "ln"));
  // se(mu) = sigma / sqrt(n), se(sigma) = sigma / sqrt(2n)
  EXPECT_NEAR(f.a, mu, 4 * sigma / std::sqrt(n));
  EXPECT_NEAR(f.b, sigma, 4 * sigma / std::sqrt(2.0 * n));
  EXPECT_LT(f.ks, 1.63 / std::sqrt(n) * 1.5);  // well inside the 1% KS critical value
}

TEST(CalibrationFit, LognormalMleOnAHandSample) {
  const std::vector<double> x = {std::exp(1.0), std::exp(2.0), std::exp(3.0)};
  const Fit f = fit_lognormal(x);
  EXPECT_NEAR(f.a, 2.0, 1e-12);
  EXPECT_NEAR(f.b, std::sqrt(2.0 / 3), 1e-12);  // divides by n
}

TEST(CalibrationFit, GammaMleRecoversShape) {
  const double k = 2.5, theta = 40;
  const int n = 20000;
  const Fit f = fit_gamma(sample(Distribution::gamma(k * theta, 1 / std::sqrt(k)), n, "g"));
  const double se_k = std::sqrt(k / (n * (k * trigamma_sum(k) - 1)));
  EXPECT_NEAR(f.a, k, 4 * se_k);
  EXPECT_NEAR(f.a * f.b, k * theta, 4 * k * theta / std::sqrt(k * n));  // the MLE mean is the sample mean
}

TEST(CalibrationFit, WeibullMleRecoversShape) {
  const double k = 1.5, lambda = 100;
  const int n = 20000;
  const Fit f = fit_weibull(sample(Distribution::weibull(lambda * std::tgamma(1 + 1 / k), k), n, "w"));
  EXPECT_NEAR(f.a, k, 4 * 0.78 * k / std::sqrt(n));  // var(k^) ~ 0.608 k^2 / n
  EXPECT_NEAR(f.b, lambda, 4 * 1.053 * lambda / (k * std::sqrt(n)));  // var(l^) ~ 1.109 l^2 / (k^2 n)
}

TEST(CalibrationFit, AicPicksTheGeneratingFamily) {
  const auto x = sample(Distribution::lognormal(200, 1.2), 5000, "aic");
  const auto fits = fit_all(x);
  EXPECT_EQ(fits[best_fit(fits, "aic")].family, "lognormal");
  EXPECT_EQ(fits[best_fit(fits, "bic")].family, "lognormal");
}

TEST(CalibrationFit, KsDistanceByHand) {
  const Distribution d = Distribution::exponential(2);
  auto F = [](double x) { return 1 - std::exp(-x / 2); };
  const double expect = std::max({F(1), 1.0 / 3 - F(1), F(2) - 1.0 / 3, 2.0 / 3 - F(2), F(3) - 2.0 / 3, 1 - F(3)});
  EXPECT_NEAR(ks_distance({3, 1, 2}, d), expect, 1e-12);
}

TEST(CalibrationFit, GammaCdfIsExactBelowShapeOne) {
  // Gamma(shape 1/2, scale 2) is chi-square with 1 degree of freedom: P(X <= x) = erf(sqrt(x / 2)).
  const Distribution d = Distribution::gamma(1.0, std::sqrt(2.0));
  for (double x : {0.1, 1.0, 3.0}) EXPECT_NEAR(fitted_cdf(d, x), std::erf(std::sqrt(x / 2)), 1e-10) << x;
}

TEST(CalibrationFit, KaplanMeierEqualsTheHandProductLimit) {
  // times 2 3 3+ 5 7+ 8 (+ = censored)
  const auto km = kaplan_meier({2, 3, 3, 5, 7, 8}, {true, true, false, true, false, true});
  ASSERT_EQ(km.size(), 4u);
  EXPECT_EQ(km[0].at_risk, 6);
  EXPECT_NEAR(km[0].survival, 5.0 / 6, 1e-12);
  EXPECT_EQ(km[1].at_risk, 5);  // the censored 3 is at risk at 3
  EXPECT_NEAR(km[1].survival, 5.0 / 6 * 4 / 5, 1e-12);
  EXPECT_EQ(km[2].at_risk, 3);
  EXPECT_NEAR(km[2].survival, 5.0 / 6 * 4 / 5 * 2 / 3, 1e-12);
  EXPECT_EQ(km[3].at_risk, 1);
  EXPECT_NEAR(km[3].survival, 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(km_median(km), 5.0);  // first S <= 1/2: 4/9 at 5
}

TEST(CalibrationFit, CensoredExponentialIsEventsOverExposure) {
  const Fit f = fit_censored_exponential({2, 3, 3, 5, 7, 8}, {true, true, false, true, false, true});
  EXPECT_DOUBLE_EQ(f.a, 4.0 / 28);
  EXPECT_NEAR(f.loglik, 4 * std::log(4.0 / 28) - 4, 1e-12);
}

TEST(CalibrationFit, CensoredLognormalWithoutCensoringIsTheCompleteMle) {
  const std::vector<double> x = {12, 30, 45, 80, 150, 400};
  const Fit c = fit_censored_lognormal(x, std::vector<bool>(x.size(), true));
  const Fit f = fit_lognormal(x);
  EXPECT_NEAR(c.a, f.a, 1e-5);
  EXPECT_NEAR(c.b, f.b, 1e-5);
  EXPECT_NEAR(c.loglik, f.loglik, 1e-8);
}

TEST(CalibrationFit, CensoredLognormalRecoversPatienceUnderCensoring) {
  // Patience lognormal(mu 4, sigma 1); each caller is served (censored) after an exponential time of mean 60 s.
  const double mu = 4, sigma = 1;
  Rng rng(3, 0, "cens");
  std::vector<double> t;
  std::vector<bool> e;
  for (int i = 0; i < 20000; ++i) {
    const double p = std::exp(mu + sigma * rng.normal()), c = rng.exponential(1.0 / 60);
    t.push_back(std::min(p, c));
    e.push_back(p <= c);
  }
  const Fit f = fit_censored_lognormal(t, e);
  const double d = f.events;  // information shrinks with censoring: use the events as the sample size
  EXPECT_NEAR(f.a, mu, 4 * sigma / std::sqrt(d) * 2);
  EXPECT_NEAR(f.b, sigma, 4 * sigma / std::sqrt(2 * d) * 2);
  // The naive estimate from abandoned callers only is biased low: censoring matters.
  double naive = 0;
  int n = 0;
  for (size_t i = 0; i < t.size(); ++i)
    if (e[i]) naive += std::log(t[i]), ++n;
  EXPECT_LT(naive / n, mu - 0.3);
}
