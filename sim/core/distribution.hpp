#pragma once
// Random durations named with parameters users know: mean (+ cv) rather than mu/sigma.
#include <string>
#include <vector>

#include "core/rng.hpp"

namespace ccsim {

struct Distribution {
  enum class Kind { Constant, Exponential, Lognormal, Gamma, Weibull, Uniform, Empirical };
  Kind kind = Kind::Constant;
  double mean = 0;   // seconds (Constant: the value)
  double cv = 1;     // coefficient of variation (Lognormal, Gamma)
  double shape = 1;  // Weibull shape k; scale derived from mean
  double lo = 0, hi = 0;              // Uniform bounds
  std::vector<double> values;         // Empirical: sample points
  std::vector<double> cumulative;     // Empirical: cumulative probabilities, last = 1
  bool interpolate = false;           // Empirical: linear between sorted points instead of discrete

  // Derived parameters, filled by finalize().
  double p1 = 0, p2 = 0;

  static Distribution constant(double v);
  static Distribution exponential(double mean);
  static Distribution lognormal(double mean, double cv);
  static Distribution gamma(double mean, double cv);
  static Distribution weibull(double mean, double shape);
  static Distribution uniform(double lo, double hi);
  static Distribution empirical(std::vector<double> values, std::vector<double> weights, bool interpolate);

  // Computes derived parameters; call after setting fields by hand.
  void finalize();
  double sample(Rng& rng) const;
  // The exact mean of the distribution (for Erlang estimates and checks).
  double expected() const;
  // Survival function P(X > x), used by capacity estimates; exact for every kind.
  double survival(double x) const;
  std::string describe() const;
  static const char* kind_name(Kind k);
};

}  // namespace ccsim
