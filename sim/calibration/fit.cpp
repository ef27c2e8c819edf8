#include "calibration/fit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <stdexcept>

namespace ccsim::calibration {

namespace {

constexpr double kLog2Pi = 1.8378770664093453;

void finish(Fit& f, const std::vector<double>& x) {
  f.n = f.events = static_cast<int>(x.size());
  f.aic = 2 * f.params - 2 * f.loglik;
  f.bic = f.params * std::log(static_cast<double>(f.n)) - 2 * f.loglik;
  f.ks = ks_distance(x, f.dist);
}

double mean_of(const std::vector<double>& x) { return std::accumulate(x.begin(), x.end(), 0.0) / x.size(); }
double mean_log(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += std::log(v);
  return s / x.size();
}

void require_positive(const std::vector<double>& x) {
  if (x.size() < 2) throw std::invalid_argument("a fit needs at least two values");
  for (double v : x)
    if (!(v > 0)) throw std::invalid_argument("fit values must be > 0");
}

// Digamma and trigamma by recurrence up to x >= 6, then the asymptotic series.
double digamma(double x) {
  double r = 0;
  while (x < 6) r -= 1 / x, x += 1;
  const double f = 1 / (x * x);
  return r + std::log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240))));
}
double trigamma(double x) {
  double r = 0;
  while (x < 6) r += 1 / (x * x), x += 1;
  const double f = 1 / (x * x);
  return r + 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42)));
}

// Minimizes f over R^2 by Nelder-Mead (enough for two smooth parameters).
std::pair<double, double> nelder_mead(const std::function<double(double, double)>& f, double x0, double y0,
                                      double step) {
  struct P { double x, y, v; };
  std::vector<P> s = {{x0, y0, 0}, {x0 + step, y0, 0}, {x0, y0 + step, 0}};
  for (auto& p : s) p.v = f(p.x, p.y);
  for (int it = 0; it < 2000; ++it) {
    std::sort(s.begin(), s.end(), [](const P& a, const P& b) { return a.v < b.v; });
    if (std::fabs(s[2].v - s[0].v) < 1e-10 && std::hypot(s[2].x - s[0].x, s[2].y - s[0].y) < 1e-9) break;
    const double cx = (s[0].x + s[1].x) / 2, cy = (s[0].y + s[1].y) / 2;
    auto at = [&](double t) { P p{cx + t * (s[2].x - cx), cy + t * (s[2].y - cy), 0}; p.v = f(p.x, p.y); return p; };
    P r = at(-1);
    if (r.v < s[0].v) {
      P e = at(-2);
      s[2] = e.v < r.v ? e : r;
    } else if (r.v < s[1].v) {
      s[2] = r;
    } else {
      P c = at(r.v < s[2].v ? -0.5 : 0.5);
      if (c.v < std::min(r.v, s[2].v)) {
        s[2] = c;
      } else {
        for (int i = 1; i < 3; ++i) {
          s[i].x = (s[i].x + s[0].x) / 2, s[i].y = (s[i].y + s[0].y) / 2;
          s[i].v = f(s[i].x, s[i].y);
        }
      }
    }
  }
  std::sort(s.begin(), s.end(), [](const P& a, const P& b) { return a.v < b.v; });
  return {s[0].x, s[0].y};
}

// Regularized lower incomplete gamma P(k, x): series for x < k + 1, else Lentz's continued fraction for Q.
double gamma_p(double k, double x) {
  if (x <= 0) return 0;
  const double lg = std::lgamma(k);
  if (x < k + 1) {
    double sum = 1 / k, term = sum;
    for (int n = 1; n < 1000 && std::fabs(term) > 1e-15 * std::fabs(sum); ++n) sum += term *= x / (k + n);
    return sum * std::exp(-x + k * std::log(x) - lg);
  }
  const double tiny = 1e-300;
  double b = x + 1 - k, c = 1 / tiny, d = 1 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - k);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-15) break;
  }
  return 1 - std::exp(-x + k * std::log(x) - lg) * h;
}

}  // namespace

double fitted_cdf(const Distribution& d, double x) {
  // Distribution::survival integrates the gamma density numerically, which fails for shape < 1 (the density
  // is infinite at 0): use the exact incomplete gamma here.
  if (d.kind == Distribution::Kind::Gamma) {
    const double k = 1 / (d.cv * d.cv);
    return gamma_p(k, x * k / d.mean);
  }
  return 1 - d.survival(x);
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

Fit fit_exponential(const std::vector<double>& x) {
  require_positive(x);
  Fit f;
  f.family = "exponential";
  const double m = mean_of(x);
  f.a = 1 / m;
  f.params = 1;
  f.loglik = -static_cast<double>(x.size()) * (std::log(m) + 1);
  f.dist = Distribution::exponential(m);
  finish(f, x);
  return f;
}

Fit fit_lognormal(const std::vector<double>& x) {
  require_positive(x);
  Fit f;
  f.family = "lognormal";
  const double mu = mean_log(x);
  double ss = 0;
  for (double v : x) ss += (std::log(v) - mu) * (std::log(v) - mu);
  const double n = static_cast<double>(x.size());
  const double sigma = std::sqrt(ss / n);  // the MLE divides by n
  f.a = mu, f.b = sigma, f.params = 2;
  f.loglik = -n * mu - n / 2 * (kLog2Pi + 2 * std::log(sigma)) - n / 2;
  f.dist = Distribution::lognormal(std::exp(mu + sigma * sigma / 2), std::sqrt(std::expm1(sigma * sigma)));
  finish(f, x);
  return f;
}

Fit fit_gamma(const std::vector<double>& x) {
  require_positive(x);
  Fit f;
  f.family = "gamma";
  const double m = mean_of(x), s = std::log(m) - mean_log(x);
  // Minka's starting point, then Newton on log k - digamma(k) = s.
  double k = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  for (int i = 0; i < 50; ++i) {
    const double g = std::log(k) - digamma(k) - s, dg = 1 / k - trigamma(k);
    const double next = std::max(k / 10, k - g / dg);
    if (std::fabs(next - k) < 1e-12 * k) break;
    k = next;
  }
  const double theta = m / k, n = static_cast<double>(x.size());
  f.a = k, f.b = theta, f.params = 2;
  f.loglik = (k - 1) * n * mean_log(x) - n * m / theta - n * k * std::log(theta) - n * std::lgamma(k);
  f.dist = Distribution::gamma(m, 1 / std::sqrt(k));
  finish(f, x);
  return f;
}

Fit fit_weibull(const std::vector<double>& x) {
  require_positive(x);
  Fit f;
  f.family = "weibull";
  // Work on x / mean so x^k stays finite; the shape does not depend on the scale.
  const double m = mean_of(x), n = static_cast<double>(x.size());
  std::vector<double> y(x.size());
  for (size_t i = 0; i < x.size(); ++i) y[i] = x[i] / m;
  const double ml = mean_log(y);
  auto score = [&](double k) {  // increasing in k; zero at the MLE
    double a = 0, b = 0;
    for (double v : y) {
      const double p = std::pow(v, k);
      a += p * std::log(v), b += p;
    }
    return a / b - 1 / k - ml;
  };
  double lo = 0.02, hi = 50;
  for (int i = 0; i < 200 && hi - lo > 1e-10 * hi; ++i) {
    const double mid = (lo + hi) / 2;
    (score(mid) > 0 ? hi : lo) = mid;
  }
  const double k = (lo + hi) / 2;
  double sp = 0;
  for (double v : y) sp += std::pow(v, k);
  const double lambda = m * std::pow(sp / n, 1 / k);
  double ll = n * std::log(k) - n * k * std::log(lambda);
  for (double v : x) ll += (k - 1) * std::log(v) - std::pow(v / lambda, k);
  f.a = k, f.b = lambda, f.params = 2, f.loglik = ll;
  f.dist = Distribution::weibull(lambda * std::tgamma(1 + 1 / k), k);
  finish(f, x);
  return f;
}

std::vector<Fit> fit_all(const std::vector<double>& x) {
  return {fit_exponential(x), fit_lognormal(x), fit_gamma(x), fit_weibull(x)};
}

size_t best_fit(const std::vector<Fit>& fits, const std::string& criterion) {
  size_t best = 0;
  for (size_t i = 1; i < fits.size(); ++i) {
    const double a = criterion == "bic" ? fits[i].bic : fits[i].aic;
    const double b = criterion == "bic" ? fits[best].bic : fits[best].aic;
    if (a < b) best = i;
  }
  return best;
}

double ks_distance(std::vector<double> x, const Distribution& d) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double dmax = 0;
  for (size_t i = 0; i < x.size();) {
    size_t j = i;
    while (j < x.size() && x[j] == x[i]) ++j;  // ties: the empirical cdf jumps once
    const double F = fitted_cdf(d, x[i]);
    dmax = std::max({dmax, std::fabs(F - i / n), std::fabs(F - j / n)});
    i = j;
  }
  return dmax;
}

std::vector<KmStep> kaplan_meier(const std::vector<double>& t, const std::vector<bool>& event) {
  std::vector<size_t> idx(t.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return t[a] < t[b]; });
  std::vector<KmStep> out;
  double s = 1;
  int at_risk = static_cast<int>(t.size());
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    int d = 0;
    while (j < idx.size() && t[idx[j]] == t[idx[i]]) d += event[idx[j++]] ? 1 : 0;
    if (d > 0) {
      s *= 1 - static_cast<double>(d) / at_risk;
      out.push_back({t[idx[i]], at_risk, d, s});
    }
    at_risk -= static_cast<int>(j - i);
    i = j;
  }
  return out;
}

double km_median(const std::vector<KmStep>& km) {
  for (const auto& s : km)
    if (s.survival <= 0.5) return s.t;
  return -1;
}

namespace {

// Largest gap between the Kaplan-Meier curve and a fitted survival function, at the curve's event times
// (both sides of each step).
double km_distance(const std::vector<double>& t, const std::vector<bool>& e, const Distribution& d) {
  double prev = 1, dmax = 0;
  for (const auto& s : kaplan_meier(t, e)) {
    const double S = 1 - fitted_cdf(d, s.t);
    dmax = std::max({dmax, std::fabs(S - prev), std::fabs(S - s.survival)});
    prev = s.survival;
  }
  return dmax;
}

void finish_censored(Fit& f, const std::vector<double>& t, const std::vector<bool>& e) {
  f.n = static_cast<int>(t.size());
  f.events = static_cast<int>(std::count(e.begin(), e.end(), true));
  f.aic = 2 * f.params - 2 * f.loglik;
  f.bic = f.params * std::log(static_cast<double>(f.n)) - 2 * f.loglik;
  f.ks = km_distance(t, e, f.dist);
}

}  // namespace

Fit fit_censored_exponential(const std::vector<double>& t, const std::vector<bool>& event) {
  const double total = std::accumulate(t.begin(), t.end(), 0.0);
  const double d = static_cast<double>(std::count(event.begin(), event.end(), true));
  if (d < 1 || total <= 0) throw std::invalid_argument("censored fit needs at least one event");
  Fit f;
  f.family = "exponential";
  f.a = d / total, f.params = 1;
  f.loglik = d * std::log(f.a) - f.a * total;
  f.dist = Distribution::exponential(1 / f.a);
  finish_censored(f, t, event);
  return f;
}

Fit fit_censored_lognormal(const std::vector<double>& t, const std::vector<bool>& event) {
  std::vector<double> ev;
  for (size_t i = 0; i < t.size(); ++i)
    if (event[i]) {
      if (!(t[i] > 0)) throw std::invalid_argument("event times must be > 0");
      ev.push_back(std::log(t[i]));
    }
  if (ev.size() < 2) throw std::invalid_argument("censored fit needs at least two events");
  // Censored at 0 says nothing (S(0) = 1): skip those terms.
  auto negll = [&](double mu, double ls) {
    const double sigma = std::exp(ls);
    double ll = 0;
    for (size_t i = 0; i < t.size(); ++i) {
      if (event[i]) {
        const double z = (std::log(t[i]) - mu) / sigma;
        ll += -0.5 * kLog2Pi - 0.5 * z * z - ls - std::log(t[i]);
      } else if (t[i] > 0) {
        const double z = (std::log(t[i]) - mu) / sigma;
        ll += std::log(std::max(1e-300, 0.5 * std::erfc(z / std::sqrt(2.0))));
      }
    }
    return -ll;
  };
  double m0 = 0;
  for (double v : ev) m0 += v;
  m0 /= ev.size();
  const auto [mu, ls] = nelder_mead(negll, m0 + 0.5, 0.0, 0.5);
  Fit f;
  f.family = "lognormal";
  f.a = mu, f.b = std::exp(ls), f.params = 2;
  f.loglik = -negll(mu, ls);
  f.dist = Distribution::lognormal(std::exp(mu + f.b * f.b / 2), std::sqrt(std::expm1(f.b * f.b)));
  finish_censored(f, t, event);
  return f;
}

}  // namespace ccsim::calibration
