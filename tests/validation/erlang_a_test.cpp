// Erlang A (M/M/c+M: exponential patience, unlimited queue) and its finite-buffer variant M/M/c/K+M, against
// the exact birth-death chain. Time scale: mean handle time 180 s, so the "lambda 10, mu 1, theta 1"
// is 200 calls/h with a 180 s mean patience.
#include <gtest/gtest.h>

#include <string>

#include "validation/formulas.hpp"
#include "validation/sim_harness.hpp"

namespace ccsim::validation {
namespace {

constexpr double kHandleMean = 180;

struct Case {
  double rate_per_hour;
  int agents;
  int queue_capacity;  // -1 = unlimited
  double patience_mean;
  uint64_t seed;
  double hours;
};

Scenario patience_scenario(const Case& c) {
  Scenario sc = steady_scenario(c.hours, c.seed);
  Tenant& t = only_tenant(sc);
  const int g = add_group(t, "support", c.queue_capacity);
  add_pool(t, "agents", {g}, c.agents);
  CallType& ct = add_call_type(t, "voice", c.rate_per_hour, Distribution::exponential(kHandleMean), {g});
  ct.patience = Distribution::exponential(c.patience_mean);
  ct.sl_threshold = 0;  // "answered within T" = answered without waiting
  return sc;
}

MmckmResult exact_for(const Case& c) {
  const int K = c.queue_capacity < 0 ? -1 : c.agents + c.queue_capacity;
  return mmck_m(c.rate_per_hour / 3600, 1 / kHandleMean, c.agents, K, 1 / c.patience_mean);
}

double share(const RepTotals& r, int field) { return r.ct[0][field] / r.ct[0][CT_OFFERED]; }

// Checks blocking, waiting, abandonment and the mean wait of admitted calls against the chain.
void check_case(const std::string& name, const Case& c, double max_hw_prob) {
  const MmckmResult ex = exact_for(c);
  const auto reps = run_replications(patience_scenario(c), RunPlan{});

  if (c.queue_capacity >= 0) {
    EXPECT_TRUE(agrees_with_exact(name + " P(block)", across(reps, [](const RepTotals& r) {
                                    return share(r, CT_BLOCKED_QUEUE);
                                  }),
                                  ex.p_block, max_hw_prob));
  }
  // Waiting = admitted but not answered at once (an abandonment at exactly 0 s has probability 0).
  EXPECT_TRUE(agrees_with_exact(name + " P(wait)", across(reps, [](const RepTotals& r) {
                                  return 1 - share(r, CT_BLOCKED_QUEUE) - share(r, CT_ANSWERED_WITHIN_T);
                                }),
                                ex.p_wait, max_hw_prob));
  EXPECT_TRUE(agrees_with_exact(name + " P(abandon)", across(reps, [](const RepTotals& r) {
                                  return share(r, CT_ABANDONED);
                                }),
                                ex.p_abandon, max_hw_prob));
  // Little's law on the queue: waits of answered and abandoned calls together, per admitted call.
  EXPECT_TRUE(agrees_with_exact(name + " mean wait of admitted calls (s)", across(reps, [](const RepTotals& r) {
                                  return (r.ct[0][CT_WAIT_SUM] + r.ct[0][CT_ABANDON_WAIT_SUM]) /
                                         (r.ct[0][CT_OFFERED] - r.ct[0][CT_BLOCKED_QUEUE]);
                                }),
                                ex.mean_wait_admitted, 0.05 * ex.mean_wait_admitted));
  for (const auto& r : reps) {
    // Every admitted call of the kept intervals ends answered or abandoned (none is left in the system).
    EXPECT_EQ(r.ct[0][CT_OFFERED], r.ct[0][CT_BLOCKED_QUEUE] + r.ct[0][CT_ANSWERED] + r.ct[0][CT_ABANDONED]);
  }
}

TEST(ValidationErlangA, ReferenceCasePatienceEqualsHandleTime) {
  // lambda 10, mu 1, c 10, theta 1 (per mean handle time): P(wait) 0.5420702855, P(abandon) 0.1251100357.
  check_case("Erlang A (10 Erl, c=10, theta=mu)", Case{200, 10, -1, 180, 301, 502}, 0.01);
}

TEST(ValidationErlangA, PatientCallersOverloadedSystem) {
  // theta = mu/2 and an offered load above the agents: only abandonment keeps the queue stable.
  check_case("Erlang A (11 Erl, c=10, theta=mu/2)", Case{220, 10, -1, 360, 302, 302}, 0.01);
}

TEST(ValidationFiniteCapacity, BlockingEqualsErlangBOfKWhenPatienceEqualsHandleTime) {
  // With theta = mu every call present leaves at rate mu, waiting or talking: P(block) = ErlangB(a, K) for
  // any number of agents c <= K. Here K = 12 with c = 4 (8 waiting places) and c = 9 (3 places).
  const double a = 200 * kHandleMean / 3600;
  const double b12 = erlang_b(a, 12);
  for (const Case& c : {Case{200, 4, 8, 180, 401, 102}, Case{200, 9, 3, 180, 402, 102}}) {
    ASSERT_NEAR(exact_for(c).p_block, b12, 1e-12);  // the chain agrees with the identity
    const auto reps = run_replications(patience_scenario(c), RunPlan{});
    EXPECT_TRUE(agrees_with_exact("M/M/" + std::to_string(c.agents) + "/12+M (theta=mu) P(block) = ErlangB(10,12)",
                                  across(reps, [](const RepTotals& r) { return share(r, CT_BLOCKED_QUEUE); }),
                                  b12, 0.06 * b12));
  }
}

TEST(ValidationFiniteCapacity, GeneralPatienceAgainstTheChain) {
  // theta = mu/2, 9 Erlang on 8 agents with 4 waiting places: blocking, waiting and abandonment all matter.
  check_case("M/M/8/12+M (9 Erl, theta=mu/2)", Case{180, 8, 4, 360, 403, 502}, 0.01);
}

}  // namespace
}  // namespace ccsim::validation
