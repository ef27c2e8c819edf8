#include "validation/formulas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ccsim::validation {

double erlang_b(double erlangs, int channels) {
  if (channels < 0 || erlangs < 0) throw std::invalid_argument("erlang_b: negative argument");
  double b = 1.0;
  for (int n = 1; n <= channels; ++n) b = erlangs * b / (n + erlangs * b);
  return b;
}

double ErlangC::service_level(double t) const { return 1.0 - p_wait * std::exp(-c_mu_minus_lambda * t); }

ErlangC erlang_c(double lambda, double mu, int c) {
  const double a = lambda / mu;
  if (!(a < c)) throw std::invalid_argument("erlang_c: unstable (lambda >= c mu)");
  const double b = erlang_b(a, c);
  ErlangC r;
  // C = c B / (c - a (1 - B)): the standard stable form from the Erlang B recursion.
  r.p_wait = c * b / (c - a * (1.0 - b));
  r.c_mu_minus_lambda = c * mu - lambda;
  r.asa = r.p_wait / r.c_mu_minus_lambda;
  r.mean_queue = r.p_wait * a / (c - a);
  r.occupancy = a / c;
  return r;
}

std::vector<double> birth_death_stationary(int n_max, const std::function<double(int)>& birth,
                                           const std::function<double(int)>& death) {
  // log pi_k = sum_{i<k} log birth(i) - log death(i+1); exponentiate relative to the largest term.
  std::vector<double> lw(static_cast<size_t>(n_max) + 1, 0.0);
  const double neg_inf = -std::numeric_limits<double>::infinity();
  for (int k = 1; k <= n_max; ++k) {
    const double up = birth(k - 1), down = death(k);
    if (!(down > 0)) throw std::invalid_argument("birth_death_stationary: death rate must be > 0");
    lw[k] = (up > 0 && lw[k - 1] != neg_inf) ? lw[k - 1] + std::log(up) - std::log(down) : neg_inf;
  }
  const double top = *std::max_element(lw.begin(), lw.end());
  std::vector<double> pi(lw.size());
  double sum = 0;
  for (size_t k = 0; k < lw.size(); ++k) sum += (pi[k] = std::exp(lw[k] - top));
  for (double& p : pi) p /= sum;
  return pi;
}

MmckmResult mmck_m(double lambda, double mu, int c, int K, double theta) {
  if (lambda <= 0 || mu <= 0 || c < 1 || theta < 0) throw std::invalid_argument("mmck_m: bad parameters");
  if (K >= 0 && K < c) throw std::invalid_argument("mmck_m: K < c");
  int n_max = K;
  if (K < 0) {
    // Unlimited room: truncate where the tail is far below double precision. With patience the death rate
    // grows linearly, so the tail decays faster than geometrically; without it we need rho < 1.
    n_max = c + 400;
    if (theta == 0) {
      const double rho = lambda / (c * mu);
      if (!(rho < 1)) throw std::invalid_argument("mmck_m: unstable without patience");
      n_max = c + std::max(400, static_cast<int>(std::log(1e-20) / std::log(rho)) + 1);
    }
  }
  const auto pi = birth_death_stationary(
      n_max, [&](int k) { return (K < 0 || k < K) ? lambda : 0.0; },
      [&](int k) { return std::min(k, c) * mu + std::max(k - c, 0) * theta; });
  MmckmResult r;
  r.truncated_at = n_max;
  for (int k = 0; k <= n_max; ++k) {
    r.mean_queue += std::max(k - c, 0) * pi[k];
    r.mean_busy += std::min(k, c) * pi[k];
    if (k >= c && (K < 0 || k < K)) r.p_wait += pi[k];
  }
  r.p_block = K >= 0 ? pi[K] : 0.0;
  r.p_answered = mu * r.mean_busy / lambda;
  r.p_abandon = theta * r.mean_queue / lambda;
  r.mean_wait_admitted = r.mean_queue / (lambda * (1.0 - r.p_block));
  return r;
}

std::vector<double> ctmc_stationary(int n, const std::vector<Transition>& transitions) {
  if (n < 1) throw std::invalid_argument("ctmc_stationary: empty chain");
  // Rows of A are the balance equations: A[j][i] = Q[i][j], so A pi = 0.
  std::vector<double> a(static_cast<size_t>(n) * n, 0.0);
  auto at = [&](int r, int c) -> double& { return a[static_cast<size_t>(r) * n + c]; };
  for (const auto& t : transitions) {
    if (t.from == t.to || t.rate == 0) continue;
    at(t.to, t.from) += t.rate;
    at(t.from, t.from) -= t.rate;
  }
  std::vector<double> rhs(n, 0.0);
  for (int c = 0; c < n; ++c) at(n - 1, c) = 1.0;  // one balance equation is redundant: normalise instead
  rhs[n - 1] = 1.0;
  for (int col = 0; col < n; ++col) {
    int piv = col;
    for (int r = col + 1; r < n; ++r)
      if (std::fabs(at(r, col)) > std::fabs(at(piv, col))) piv = r;
    if (std::fabs(at(piv, col)) < 1e-300) throw std::runtime_error("ctmc_stationary: singular (reducible chain?)");
    if (piv != col) {
      for (int c = 0; c < n; ++c) std::swap(at(piv, c), at(col, c));
      std::swap(rhs[piv], rhs[col]);
    }
    for (int r = col + 1; r < n; ++r) {
      const double f = at(r, col) / at(col, col);
      if (f == 0) continue;
      for (int c = col; c < n; ++c) at(r, c) -= f * at(col, c);
      rhs[r] -= f * rhs[col];
    }
  }
  std::vector<double> pi(n);
  for (int r = n - 1; r >= 0; --r) {
    double s = rhs[r];
    for (int c = r + 1; c < n; ++c) s -= at(r, c) * pi[c];
    pi[r] = s / at(r, r);
  }
  return pi;
}

std::vector<double> ctmc_stationary_iterative(int n, const std::vector<Transition>& transitions, double tolerance,
                                              int max_sweeps) {
  if (n < 1) throw std::invalid_argument("ctmc_stationary_iterative: empty chain");
  // Incoming transitions per state in compressed form, and total outflow rates.
  std::vector<double> out(n, 0.0);
  std::vector<int> start(static_cast<size_t>(n) + 1, 0);
  for (const auto& t : transitions)
    if (t.from != t.to && t.rate > 0) {
      out[t.from] += t.rate;
      ++start[t.to + 1];
    }
  for (int j = 0; j < n; ++j) start[j + 1] += start[j];
  std::vector<int> src(start[n]);
  std::vector<double> rate(start[n]);
  std::vector<int> fill(start.begin(), start.end() - 1);
  for (const auto& t : transitions)
    if (t.from != t.to && t.rate > 0) {
      src[fill[t.to]] = t.from;
      rate[fill[t.to]++] = t.rate;
    }
  for (int j = 0; j < n; ++j)
    if (!(out[j] > 0)) throw std::runtime_error("ctmc_stationary_iterative: absorbing state");
  std::vector<double> pi(n, 1.0 / n);
  for (int sweep = 0; sweep < max_sweeps; ++sweep) {
    double change = 0, sum = 0, top = 0;
    for (int j = 0; j < n; ++j) {
      double in = 0;
      for (int k = start[j]; k < start[j + 1]; ++k) in += pi[src[k]] * rate[k];
      const double v = in / out[j];
      change = std::max(change, std::fabs(v - pi[j]));
      pi[j] = v;
      sum += v;
      top = std::max(top, v);
    }
    for (double& v : pi) v /= sum;
    if (change <= tolerance * top) return pi;
  }
  throw std::runtime_error("ctmc_stationary_iterative: no convergence");
}

namespace {

struct TwoSkillState {
  int na, nb, qa, qb;  // agents busy on A / on B, calls waiting in GA / GB
};

}  // namespace

TwoSkillResult two_skill_pool(const TwoSkillParams& p) {
  if (p.agents < 1 || p.cap_a < 0 || p.cap_b < 0 || p.mu_a <= 0 || p.mu_b <= 0 || p.lambda_a < 0 ||
      p.lambda_b < 0 || p.theta_a < 0 || p.theta_b < 0)
    throw std::invalid_argument("two_skill_pool: bad parameters");
  const int c = p.agents;
  // Enumerate: queues can be non-empty only when every agent is busy.
  std::vector<TwoSkillState> states;
  std::vector<int> index(static_cast<size_t>(c + 1) * (c + 1) * (p.cap_a + 1) * (p.cap_b + 1), -1);
  auto key = [&](int na, int nb, int qa, int qb) {
    return ((static_cast<size_t>(na) * (c + 1) + nb) * (p.cap_a + 1) + qa) * (p.cap_b + 1) + qb;
  };
  for (int na = 0; na <= c; ++na)
    for (int nb = 0; na + nb <= c; ++nb)
      for (int qa = 0; qa <= (na + nb == c ? p.cap_a : 0); ++qa)
        for (int qb = 0; qb <= (na + nb == c ? p.cap_b : 0); ++qb) {
          index[key(na, nb, qa, qb)] = static_cast<int>(states.size());
          states.push_back({na, nb, qa, qb});
        }
  auto id = [&](int na, int nb, int qa, int qb) { return index[key(na, nb, qa, qb)]; };

  std::vector<Transition> tr;
  for (int s = 0; s < static_cast<int>(states.size()); ++s) {
    const auto [na, nb, qa, qb] = states[s];
    const bool idle = na + nb < c;
    // Arrivals: to an idle agent, else to the group's queue if it has room, else blocked (no state change).
    if (idle) {
      tr.push_back({s, id(na + 1, nb, 0, 0), p.lambda_a});
      tr.push_back({s, id(na, nb + 1, 0, 0), p.lambda_b});
    } else {
      if (qa < p.cap_a) tr.push_back({s, id(na, nb, qa + 1, qb), p.lambda_a});
      if (qb < p.cap_b) tr.push_back({s, id(na, nb, qa, qb + 1), p.lambda_b});
    }
    // A freed agent serves its skills in preference order: GA's queue first, then GB's.
    // Structured bindings are copied into the lambda (C++17 forbids capturing them; clang enforces it).
    auto freed = [&id, qa = qa, qb = qb](int na2, int nb2) {  // counts after the finishing call left
      if (qa > 0) return id(na2 + 1, nb2, qa - 1, qb);
      if (qb > 0) return id(na2, nb2 + 1, qa, qb - 1);
      return id(na2, nb2, 0, 0);
    };
    if (na > 0) tr.push_back({s, freed(na - 1, nb), na * p.mu_a});
    if (nb > 0) tr.push_back({s, freed(na, nb - 1), nb * p.mu_b});
    if (qa > 0) tr.push_back({s, id(na, nb, qa - 1, qb), qa * p.theta_a});
    if (qb > 0) tr.push_back({s, id(na, nb, qa, qb - 1), qb * p.theta_b});
  }
  const auto pi = ctmc_stationary(static_cast<int>(states.size()), tr);

  TwoSkillResult r;
  r.states = static_cast<int>(states.size());
  double busy_a = 0, busy_b = 0;
  for (size_t s = 0; s < states.size(); ++s) {
    const auto [na, nb, qa, qb] = states[s];
    const bool all_busy = na + nb == c;
    busy_a += na * pi[s];
    busy_b += nb * pi[s];
    r.a.mean_queue += qa * pi[s];
    r.b.mean_queue += qb * pi[s];
    if (all_busy) {
      (qa == p.cap_a ? r.a.p_block : r.a.p_wait) += pi[s];
      (qb == p.cap_b ? r.b.p_block : r.b.p_wait) += pi[s];
    }
  }
  auto finish = [](TypeResult& t, double lambda, double mu, double theta, double busy) {
    if (lambda <= 0) return;
    t.p_answered = mu * busy / lambda;
    t.p_abandon = theta * t.mean_queue / lambda;
    t.mean_wait_admitted = t.mean_queue / (lambda * (1.0 - t.p_block));
  };
  finish(r.a, p.lambda_a, p.mu_a, p.theta_a, busy_a);
  finish(r.b, p.lambda_b, p.mu_b, p.theta_b, busy_b);
  r.occupancy = (busy_a + busy_b) / c;
  return r;
}

OverflowResult two_group_overflow(const OverflowParams& p) {
  if (p.agents_a < 1 || p.agents_b < 1 || p.mu_a <= 0 || p.mu_b <= 0 || p.lambda_a < 0 || p.lambda_b < 0 ||
      p.theta_a < 0 || p.theta_b < 0 || p.truncate < 1)
    throw std::invalid_argument("two_group_overflow: bad parameters");
  const int c1 = p.agents_a, c2 = p.agents_b, N = p.truncate;
  struct St {
    int x, y, z, na, nb;  // GA busy, GB busy on A, GB busy on B, A waiting, B waiting
  };
  std::vector<St> states;
  std::vector<int> index(static_cast<size_t>(c1 + 1) * (c2 + 1) * (c2 + 1) * (N + 1) * (N + 1), -1);
  auto key = [&](int x, int y, int z, int na, int nb) {
    return (((static_cast<size_t>(x) * (c2 + 1) + y) * (c2 + 1) + z) * (N + 1) + na) * (N + 1) + nb;
  };
  // A waits only when every agent of both pools is busy; B waits only when GB's agents are all busy.
  for (int x = 0; x <= c1; ++x)
    for (int y = 0; y <= c2; ++y)
      for (int z = 0; y + z <= c2; ++z) {
        const bool gb_full = y + z == c2;
        for (int na = 0; na <= (gb_full && x == c1 ? N : 0); ++na)
          for (int nb = 0; nb <= (gb_full ? N : 0); ++nb) {
            index[key(x, y, z, na, nb)] = static_cast<int>(states.size());
            states.push_back({x, y, z, na, nb});
          }
      }
  auto id = [&](int x, int y, int z, int na, int nb) {
    const int i = index[key(x, y, z, na, nb)];
    if (i < 0) throw std::logic_error("two_group_overflow: transition to an impossible state");
    return i;
  };
  std::vector<Transition> tr;
  for (int s = 0; s < static_cast<int>(states.size()); ++s) {
    const auto [x, y, z, na, nb] = states[s];
    // A arrives: GA's idle agent first (route order), else GB's, else it waits (in both queues).
    if (x < c1)
      tr.push_back({s, id(x + 1, y, z, 0, nb), p.lambda_a});
    else if (y + z < c2)
      tr.push_back({s, id(x, y + 1, z, 0, nb), p.lambda_a});
    else if (na < N)
      tr.push_back({s, id(x, y, z, na + 1, nb), p.lambda_a});
    // B arrives: GB's idle agent, else it waits.
    if (y + z < c2)
      tr.push_back({s, id(x, y, z + 1, na, nb), p.lambda_b});
    else if (nb < N)
      tr.push_back({s, id(x, y, z, na, nb + 1), p.lambda_b});
    // A GA agent finishes: takes the oldest waiting A, else goes idle.
    if (x > 0) tr.push_back({s, na > 0 ? id(x, y, z, na - 1, nb) : id(x - 1, y, z, 0, nb), x * p.mu_a});
    // A GB agent finishes: A first (higher priority), then B, else idle.
    auto gb_freed = [&id, x = x, na = na, nb = nb](int y2, int z2) {
      if (na > 0) return id(x, y2 + 1, z2, na - 1, nb);
      if (nb > 0) return id(x, y2, z2 + 1, na, nb - 1);
      return id(x, y2, z2, na, nb);
    };
    if (y > 0) tr.push_back({s, gb_freed(y - 1, z), y * p.mu_a});
    if (z > 0) tr.push_back({s, gb_freed(y, z - 1), z * p.mu_b});
    if (na > 0) tr.push_back({s, id(x, y, z, na - 1, nb), na * p.theta_a});
    if (nb > 0) tr.push_back({s, id(x, y, z, na, nb - 1), nb * p.theta_b});
  }
  const auto pi = ctmc_stationary_iterative(static_cast<int>(states.size()), tr);

  OverflowResult r;
  r.states = static_cast<int>(states.size());
  double ex = 0, ey = 0, ez = 0;
  for (size_t s = 0; s < states.size(); ++s) {
    const auto [x, y, z, na, nb] = states[s];
    ex += x * pi[s];
    ey += y * pi[s];
    ez += z * pi[s];
    r.a.mean_queue += na * pi[s];
    r.b.mean_queue += nb * pi[s];
    if (y + z == c2) {
      if (x == c1) r.a.p_wait += pi[s];
      r.b.p_wait += pi[s];
    }
    if (na == N || nb == N) r.truncation_mass += pi[s];
  }
  if (p.lambda_a > 0) {
    r.a_answered_in_ga = p.mu_a * ex / p.lambda_a;
    r.a_answered_in_gb = p.mu_a * ey / p.lambda_a;
    r.a.p_answered = r.a_answered_in_ga + r.a_answered_in_gb;
    r.a.p_abandon = p.theta_a * r.a.mean_queue / p.lambda_a;
    r.a.mean_wait_admitted = r.a.mean_queue / p.lambda_a;
  }
  if (p.lambda_b > 0) {
    r.b.p_answered = p.mu_b * ez / p.lambda_b;
    r.b.p_abandon = p.theta_b * r.b.mean_queue / p.lambda_b;
    r.b.mean_wait_admitted = r.b.mean_queue / p.lambda_b;
  }
  r.occupancy_a = ex / c1;
  r.occupancy_b = (ey + ez) / c2;
  return r;
}

}  // namespace ccsim::validation
