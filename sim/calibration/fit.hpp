#pragma once
// Distribution fits for calibration: maximum likelihood for exponential, lognormal, gamma and Weibull
// (complete samples), censored maximum likelihood for exponential and lognormal (patience: a served caller's
// wait is a lower bound of its patience), the Kaplan-Meier product-limit estimator, Akaike/Bayes information
// criteria and the Kolmogorov-Smirnov distance. Results are core Distributions, so a fit goes straight into a
// scenario.
#include <string>
#include <vector>

#include "core/distribution.hpp"

namespace ccsim::calibration {

struct Fit {
  std::string family;    // exponential | lognormal | gamma | weibull
  Distribution dist;     // the fitted distribution (mean/cv/shape form)
  double a = 0, b = 0;   // natural parameters: exponential rate; lognormal mu, sigma; gamma shape, scale;
                         // weibull shape, scale
  double loglik = 0;
  int params = 0;
  int n = 0;             // observations (events + censored)
  int events = 0;        // uncensored observations
  double aic = 0, bic = 0;
  double ks = 0;         // Kolmogorov-Smirnov distance to the empirical cdf (complete samples) or to the
                         // Kaplan-Meier curve at its event times (censored samples)
};

Fit fit_exponential(const std::vector<double>& x);
Fit fit_lognormal(const std::vector<double>& x);
Fit fit_gamma(const std::vector<double>& x);
Fit fit_weibull(const std::vector<double>& x);
// All four, in that order. Values must be > 0.
std::vector<Fit> fit_all(const std::vector<double>& x);
// Index of the fit with the smallest criterion ("aic" or "bic").
size_t best_fit(const std::vector<Fit>& fits, const std::string& criterion);

// Sup |F_n - F| of a complete sample against `d`.
double ks_distance(std::vector<double> x, const Distribution& d);

struct KmStep {
  double t = 0;        // event time
  int at_risk = 0;     // observations with time >= t
  int events = 0;      // events at t
  double survival = 1; // S(t) just after t
};
// Kaplan-Meier product-limit estimate; `event[i]` false = censored at t[i]. A censored time equal to an event
// time counts as at risk at that event (the usual convention).
std::vector<KmStep> kaplan_meier(const std::vector<double>& t, const std::vector<bool>& event);
// Median of a Kaplan-Meier curve (first t with S <= 0.5), or a negative value when it is not reached.
double km_median(const std::vector<KmStep>& km);

// Censored MLE: exponential rate = events / total time; lognormal by Nelder-Mead on (mu, log sigma).
Fit fit_censored_exponential(const std::vector<double>& t, const std::vector<bool>& event);
Fit fit_censored_lognormal(const std::vector<double>& t, const std::vector<bool>& event);

// P(X <= x) of a fitted distribution (exact for gamma, unlike Distribution::survival for shape < 1).
double fitted_cdf(const Distribution& d, double x);
// Standard normal cdf.
double normal_cdf(double z);

}  // namespace ccsim::calibration
