// Erlang formulas of the capacity seeds, checked against independent textbook forms computed here.
#include <gtest/gtest.h>

#include <cmath>

#include "capacity/erlang.hpp"

using namespace ccsim::capacity;

namespace {
// Erlang B by its defining sum: (a^c / c!) / sum_k a^k / k!.
double b_direct(double a, int c) {
  double term = 1, sum = 1;
  for (int k = 1; k <= c; ++k) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}
// Erlang C by its defining form.
double c_direct(double a, int c) {
  double term = 1, sum = 1;  // sum_{k<c} a^k/k!
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double top = term * a / c * c / (c - a);  // a^c/c! * c/(c-a)
  return top / (sum + top);
}
}  // namespace

TEST(Erlang, BAndCMatchDefinitions) {
  for (double a : {0.5, 4.0, 12.3, 50.0})
    for (int c : {1, 5, 13, 60}) {
      EXPECT_NEAR(erlang_b(a, c), b_direct(a, c), 1e-12) << a << " " << c;
      if (c > a) {
        EXPECT_NEAR(erlang_c(a, c), c_direct(a, c), 1e-12) << a << " " << c;
      }
    }
  EXPECT_DOUBLE_EQ(erlang_c(5.0, 5), 1.0);
}

TEST(Erlang, StaffingIsTheFewestMeetingTheTarget) {
  const double a = 200.0 / 3600 * 180, t = 20, aht = 180;
  const int n = erlang_c_staffing(a, t, aht, 0.8);
  EXPECT_GE(1 - c_direct(a, n) * std::exp(-(n - a) * t / aht), 0.8);
  EXPECT_LT(1 - c_direct(a, n - 1) * std::exp(-(n - 1 - a) * t / aht), 0.8);
  const int ch = erlang_b_channels(20.0, 0.01);
  EXPECT_LE(b_direct(20.0, ch), 0.01);
  EXPECT_GT(b_direct(20.0, ch - 1), 0.01);
}

TEST(Erlang, ErlangAApproachesErlangCWithPatientCallers) {
  const double lambda = 10.0 / 60, aht = 180;  // 30 Erlangs
  const ErlangA e = erlang_a(lambda, aht, 1e9, 33, 20);
  EXPECT_NEAR(e.p_wait, c_direct(30, 33), 1e-6);
  EXPECT_NEAR(e.sl_answered, 1 - c_direct(30, 33) * std::exp(-3.0 * 20 / 180), 1e-5);
  EXPECT_LT(e.p_abandon, 1e-6);
}

TEST(Erlang, ErlangAAbandonmentFromTheBirthDeathChain) {
  // Independent check: with one agent, the M/M/1+M chain has pi(n) proportional to
  // lambda^n / prod_{k=1..n} (mu + (k-1) theta); P(abandon) = theta E[Q] / lambda.
  const double lambda = 1.0 / 60, mu = 1.0 / 50, theta = 1.0 / 40;
  double w = 1, norm = 1, eq = 0;
  for (int n = 1; n < 400; ++n) {
    w *= lambda / (mu + (n - 1) * theta);
    norm += w;
    eq += (n - 1) * w;
  }
  const ErlangA e = erlang_a(lambda, 50, 40, 1, 10);
  EXPECT_NEAR(e.p_abandon, theta * (eq / norm) / lambda, 1e-9);
  EXPECT_NEAR(e.p_wait, 1 - 1 / norm, 1e-9);
  // More agents: fewer abandon, better service level.
  const ErlangA e2 = erlang_a(lambda, 50, 40, 2, 10);
  EXPECT_LT(e2.p_abandon, e.p_abandon);
  EXPECT_GT(e2.sl_answered, e.sl_answered);
}
