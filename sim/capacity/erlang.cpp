#include "capacity/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ccsim::capacity {

double erlang_b(double a, int c) {
  if (c <= 0) return 1.0;
  double b = 1.0;  // B(0) = 1;  B(k) = a B(k-1) / (k + a B(k-1))
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

double erlang_c(double a, int c) {
  if (c <= a) return 1.0;
  const double b = erlang_b(a, c);
  return c * b / (c - a * (1 - b));
}

double erlang_c_service_level(double a, int c, double t, double aht) {
  if (c <= a) return 0.0;
  return 1.0 - erlang_c(a, c) * std::exp(-(c - a) * t / aht);
}

double erlang_c_asa(double a, int c, double aht) {
  if (c <= a) return INFINITY;
  return erlang_c(a, c) * aht / (c - a);
}

int erlang_c_staffing(double a, double t, double aht, double target, int max_c) {
  int c = std::max(1, static_cast<int>(std::floor(a)) + 1);
  for (; c <= max_c; ++c)
    if (erlang_c_service_level(a, c, t, aht) >= target) return c;
  return max_c + 1;
}

int erlang_b_channels(double a, double target, int max_c) {
  for (int c = 0; c <= max_c; ++c)
    if (erlang_b(a, c) <= target) return c;
  return max_c + 1;
}

ErlangA erlang_a(double lambda, double aht, double patience, int c, double t) {
  ErlangA r;
  const double mu = 1.0 / aht, theta = 1.0 / patience;
  if (c <= 0) {
    r.p_wait = r.p_abandon = 1;
    return r;
  }
  // Stationary distribution of the birth-death chain (n in system), in unnormalised terms relative to
  // state c, truncated where the terms become negligible. Below c: pi(n-1) = pi(n) n mu / lambda.
  std::vector<double> below(static_cast<size_t>(c));  // pi(0..c-1) / pi(c)
  double x = 1.0;
  for (int n = c; n >= 1; --n) {
    x = x * n * mu / lambda;
    below[static_cast<size_t>(n - 1)] = x;
  }
  std::vector<double> above{1.0};  // pi(c + k) / pi(c), k >= 0
  for (int k = 1; k < 1000000; ++k) {
    const double next = above.back() * lambda / (c * mu + k * theta);
    above.push_back(next);
    if (next < 1e-16 * above[0] && k > 10) break;
  }
  double sum = 0;
  for (double v : below) sum += v;
  double sum_above = 0, queue_mean = 0;
  for (size_t k = 0; k < above.size(); ++k) {
    sum_above += above[k];
    queue_mean += static_cast<double>(k) * above[k];
  }
  const double norm = sum + sum_above;
  r.p_wait = sum_above / norm;  // PASTA: arrivals see time averages
  // Abandonment rate theta E[Q] over arrival rate lambda.
  r.p_abandon = theta * (queue_mean / norm) / lambda;

  // P(served within t | arrival finds k waiting ahead). The tagged caller (patience rate theta) moves up as
  // the callers ahead leave (rate c mu + j theta with j ahead) and is served at rate c mu once at the front.
  // Uniformised chain on j = k..0, then "served": f_m(j) = P(served within m jumps).
  const size_t kmax = above.size();
  const double big_lambda = c * mu + static_cast<double>(kmax) * theta + theta;
  const double lt = big_lambda * t;
  const int mmax = static_cast<int>(lt + 12 * std::sqrt(lt + 1) + 20);
  std::vector<double> f(kmax, 0.0), g(kmax, 0.0), served(kmax, 0.0);
  double pois = std::exp(-lt);  // Poisson(lt) mass at m (computed in log space for large lt)
  double log_pois = -lt;
  for (int m = 0; m <= mmax; ++m) {
    if (m > 0) {
      for (size_t j = 0; j < kmax; ++j) {
        const double down = (c * mu + static_cast<double>(j) * theta) / big_lambda;
        const double stay = 1.0 - down - theta / big_lambda;
        g[j] = down * (j == 0 ? 1.0 : f[j - 1]) + stay * f[j];
      }
      f.swap(g);
      log_pois += std::log(lt) - std::log(static_cast<double>(m));
      pois = std::exp(log_pois);
    }
    // P(N(t) = m) x P(served within m jumps) summed = P(served by t); f_m is nondecreasing in m.
    for (size_t j = 0; j < kmax; ++j) served[j] += pois * f[j];
  }
  double within = sum;  // arrivals finding a free agent are answered at once
  for (size_t k = 0; k < kmax; ++k) within += above[k] * served[k];
  within /= norm;
  r.sl_offered = within;
  const double answered = 1.0 - r.p_abandon;
  r.sl_answered = answered > 0 ? std::min(1.0, within / answered) : 0.0;
  return r;
}

int erlang_a_staffing(double lambda, double aht, double patience, double t, double sl_target, double max_abandon,
                      int max_c) {
  for (int c = 1; c <= max_c; ++c) {
    const ErlangA e = erlang_a(lambda, aht, patience, c, t);
    if (e.sl_answered >= sl_target && e.p_abandon <= max_abandon) return c;
  }
  return max_c + 1;
}

}  // namespace ccsim::capacity
