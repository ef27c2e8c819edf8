#include "core/distribution.hpp"

#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ccsim {

Distribution Distribution::constant(double v) {
  Distribution d;
  d.kind = Kind::Constant;
  d.mean = v;
  d.cv = 0;
  d.finalize();
  return d;
}
Distribution Distribution::exponential(double mean) {
  Distribution d;
  d.kind = Kind::Exponential;
  d.mean = mean;
  d.finalize();
  return d;
}
Distribution Distribution::lognormal(double mean, double cv) {
  Distribution d;
  d.kind = Kind::Lognormal;
  d.mean = mean;
  d.cv = cv;
  d.finalize();
  return d;
}
Distribution Distribution::gamma(double mean, double cv) {
  Distribution d;
  d.kind = Kind::Gamma;
  d.mean = mean;
  d.cv = cv;
  d.finalize();
  return d;
}
Distribution Distribution::weibull(double mean, double shape) {
  Distribution d;
  d.kind = Kind::Weibull;
  d.mean = mean;
  d.shape = shape;
  d.finalize();
  return d;
}
Distribution Distribution::uniform(double lo, double hi) {
  Distribution d;
  d.kind = Kind::Uniform;
  d.lo = lo;
  d.hi = hi;
  d.finalize();
  return d;
}
Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights, bool interpolate) {
  Distribution d;
  d.kind = Kind::Empirical;
  d.interpolate = interpolate;
  std::vector<size_t> idx(values.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return values[a] < values[b]; });
  double total = 0;
  for (size_t i = 0; i < idx.size(); ++i) total += weights.empty() ? 1.0 : weights[idx[i]];
  double acc = 0;
  for (size_t i : idx) {
    acc += (weights.empty() ? 1.0 : weights[i]) / total;
    d.values.push_back(values[i]);
    d.cumulative.push_back(acc);
  }
  if (!d.cumulative.empty()) d.cumulative.back() = 1.0;
  d.finalize();
  return d;
}

void Distribution::finalize() {
  switch (kind) {
    case Kind::Lognormal: {
      const double s2 = std::log(1.0 + cv * cv);
      p2 = std::sqrt(s2);                 // sigma
      p1 = std::log(mean) - 0.5 * s2;     // mu
      break;
    }
    case Kind::Gamma:
      p1 = 1.0 / (cv * cv);  // shape
      p2 = mean / p1;        // scale
      break;
    case Kind::Weibull:
      p1 = mean / std::tgamma(1.0 + 1.0 / shape);  // scale
      break;
    case Kind::Uniform:
      mean = 0.5 * (lo + hi);
      break;
    case Kind::Empirical: {
      double m = 0, prev = 0;
      for (size_t i = 0; i < values.size(); ++i) {
        const double w = cumulative[i] - prev;
        if (interpolate && i > 0)
          m += w * 0.5 * (values[i] + values[i - 1]);
        else
          m += w * values[i];
        prev = cumulative[i];
      }
      mean = m;
      break;
    }
    default:
      break;
  }
}

double Distribution::sample(Rng& rng) const {
  switch (kind) {
    case Kind::Constant:
      return mean;
    case Kind::Exponential:
      return mean * -std::log(rng.uniform_pos());
    case Kind::Lognormal:
      return std::exp(p1 + p2 * rng.normal());
    case Kind::Gamma:
      return rng.gamma(p1, p2);
    case Kind::Weibull:
      return p1 * std::pow(-std::log(rng.uniform_pos()), 1.0 / shape);
    case Kind::Uniform:
      return lo + (hi - lo) * rng.uniform();
    case Kind::Empirical: {
      const double u = rng.uniform();
      size_t i = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
      if (i >= values.size()) i = values.size() - 1;
      if (!interpolate || i == 0) return values[i];
      // Linear between the previous and this point within the probability step.
      const double c0 = cumulative[i - 1], c1 = cumulative[i];
      const double f = c1 > c0 ? (u - c0) / (c1 - c0) : 0.0;
      return values[i - 1] + f * (values[i] - values[i - 1]);
    }
  }
  return mean;
}

double Distribution::expected() const { return mean; }

double Distribution::survival(double x) const {
  if (x < 0) return 1.0;
  switch (kind) {
    case Kind::Constant:
      return x < mean ? 1.0 : 0.0;
    case Kind::Exponential:
      return mean > 0 ? std::exp(-x / mean) : 0.0;
    case Kind::Lognormal:
      return x <= 0 ? 1.0 : 0.5 * std::erfc((std::log(x) - p1) / (p2 * std::sqrt(2.0)));
    case Kind::Gamma:
      // The regularized upper incomplete gamma Q(k, x / theta). (A trapezoid integration of the density used to
      // stand here: with shape < 1 the density is infinite at 0 and the integral came out wrong.)
      return x <= 0 ? 1.0 : boost::math::gamma_q(p1, x / p2);
    case Kind::Weibull:
      return std::exp(-std::pow(x / p1, shape));
    case Kind::Uniform:
      return x <= lo ? 1.0 : x >= hi ? 0.0 : (hi - x) / (hi - lo);
    case Kind::Empirical: {
      double prev = 0;
      for (size_t i = 0; i < values.size(); ++i) {
        if (!interpolate || i == 0) {
          if (values[i] > x) return 1.0 - prev;
        } else if (values[i] > x) {
          const double f = (x - values[i - 1]) / (values[i] - values[i - 1]);
          return 1.0 - (prev + std::max(0.0, f) * (cumulative[i] - prev));
        }
        prev = cumulative[i];
      }
      return 0.0;
    }
  }
  return 0.0;
}

const char* Distribution::kind_name(Kind k) {
  switch (k) {
    case Kind::Constant: return "constant";
    case Kind::Exponential: return "exponential";
    case Kind::Lognormal: return "lognormal";
    case Kind::Gamma: return "gamma";
    case Kind::Weibull: return "weibull";
    case Kind::Uniform: return "uniform";
    case Kind::Empirical: return "empirical";
  }
  return "?";
}

std::string Distribution::describe() const {
  char buf[96];
  switch (kind) {
    case Kind::Constant: std::snprintf(buf, sizeof buf, "constant %.4g s", mean); break;
    case Kind::Exponential: std::snprintf(buf, sizeof buf, "exponential mean %.4g s", mean); break;
    case Kind::Lognormal: std::snprintf(buf, sizeof buf, "lognormal mean %.4g s cv %.3g", mean, cv); break;
    case Kind::Gamma: std::snprintf(buf, sizeof buf, "gamma mean %.4g s cv %.3g", mean, cv); break;
    case Kind::Weibull: std::snprintf(buf, sizeof buf, "weibull mean %.4g s shape %.3g", mean, shape); break;
    case Kind::Uniform: std::snprintf(buf, sizeof buf, "uniform %.4g..%.4g s", lo, hi); break;
    case Kind::Empirical: std::snprintf(buf, sizeof buf, "empirical (%zu points) mean %.4g s", values.size(), mean); break;
  }
  return buf;
}

}  // namespace ccsim
