// The exact formulas themselves, checked against published reference values and against each other, before
// the simulation tests rely on them for their expected values.
#include <gtest/gtest.h>

#include <cmath>

#include "validation/formulas.hpp"

namespace ccsim::validation {
namespace {

TEST(Formulas, ErlangBReferenceValue) {
  EXPECT_NEAR(erlang_b(10.0, 15), 0.0364969455, 1e-10);
  EXPECT_DOUBLE_EQ(erlang_b(3.0, 0), 1.0);
  EXPECT_NEAR(erlang_b(1.0, 1), 0.5, 1e-15);  // a / (1 + a)
  // Large systems stay finite and sensible (no factorial overflow).
  const double big = erlang_b(9000.0, 10000);
  EXPECT_TRUE(std::isfinite(big));
  EXPECT_GE(big, 0.0);
  EXPECT_LT(big, 1e-6);
}

TEST(Formulas, ErlangCReferenceValues) {
  const double lambda = 200.0 / 3600, mu = 1.0 / 180;
  const ErlangC r = erlang_c(lambda, mu, 12);
  EXPECT_NEAR(r.p_wait, 0.4493882243, 1e-9);
  EXPECT_NEAR(r.asa, 40.44494019, 1e-7);
  EXPECT_NEAR(r.service_level(20), 0.6401580404, 1e-9);
  EXPECT_NEAR(r.occupancy, 10.0 / 12, 1e-15);
  EXPECT_THROW(erlang_c(lambda, mu, 9), std::invalid_argument);  // a = 10 > c: unstable
}

TEST(Formulas, ErlangAReferenceValues) {
  const MmckmResult r = mmck_m(10.0, 1.0, 10, -1, 1.0);
  EXPECT_NEAR(r.p_wait, 0.5420702855, 1e-9);
  EXPECT_NEAR(r.p_abandon, 0.1251100357, 1e-9);
  EXPECT_NEAR(r.p_answered + r.p_abandon, 1.0, 1e-12);  // nobody is blocked, everybody leaves somehow
  EXPECT_EQ(r.p_block, 0.0);
}

TEST(Formulas, BirthDeathWithoutPatienceIsErlangC) {
  const double lambda = 200.0 / 3600, mu = 1.0 / 180;
  const ErlangC c = erlang_c(lambda, mu, 12);
  const MmckmResult r = mmck_m(lambda, mu, 12, -1, 0.0);
  EXPECT_NEAR(r.p_wait, c.p_wait, 1e-12);
  EXPECT_NEAR(r.mean_queue, c.mean_queue, 1e-10);
  EXPECT_NEAR(r.mean_wait_admitted, c.asa, 1e-8);
  EXPECT_NEAR(r.mean_busy, lambda / mu, 1e-10);
}

TEST(Formulas, FiniteRoomWithPatienceEqualToServiceIsErlangB) {
  // Every call present leaves at rate mu whether waiting or talking: the number in system is M/M/K/K.
  for (int c : {1, 3, 7, 12})
    EXPECT_NEAR(mmck_m(10.0, 1.0, c, 12, 1.0).p_block, erlang_b(10.0, 12), 1e-13) << "c=" << c;
  // And with K = c there is no waiting room at all, whatever the patience.
  EXPECT_NEAR(mmck_m(10.0, 1.0, 15, 15, 0.3).p_block, erlang_b(10.0, 15), 1e-13);
  EXPECT_NEAR(mmck_m(10.0, 1.0, 15, 15, 0.3).p_wait, 0.0, 1e-15);
}

TEST(Formulas, FiniteRoomFlowConservation) {
  const MmckmResult r = mmck_m(7.0, 0.5, 12, 20, 0.2);
  EXPECT_NEAR(r.p_block + r.p_answered + r.p_abandon, 1.0, 1e-12);
  EXPECT_GT(r.p_block, 0.0);
  EXPECT_GT(r.p_abandon, 0.0);
}

TEST(Formulas, DenseCtmcSolverMatchesBirthDeath) {
  const double lambda = 3.0, mu = 1.0, theta = 0.4;
  const int c = 2, K = 6;
  std::vector<Transition> t;
  for (int k = 0; k < K; ++k) t.push_back({k, k + 1, lambda});
  for (int k = 1; k <= K; ++k) t.push_back({k, k - 1, std::min(k, c) * mu + std::max(k - c, 0) * theta});
  const auto pi = ctmc_stationary(K + 1, t);
  const auto bd = birth_death_stationary(
      K, [&](int k) { return k < K ? lambda : 0.0; },
      [&](int k) { return std::min(k, c) * mu + std::max(k - c, 0) * theta; });
  ASSERT_EQ(pi.size(), bd.size());
  for (size_t k = 0; k < pi.size(); ++k) EXPECT_NEAR(pi[k], bd[k], 1e-13) << "state " << k;
}

TEST(Formulas, TwoSkillPoolReducesToSingleTypeWhenTheOtherIsSilent) {
  TwoSkillParams p;
  p.agents = 3;
  p.lambda_a = 2.5, p.mu_a = 1.0, p.theta_a = 0.7, p.cap_a = 4;
  p.lambda_b = 0.0, p.mu_b = 2.0, p.theta_b = 0.1, p.cap_b = 2;
  const TwoSkillResult r = two_skill_pool(p);
  const MmckmResult m = mmck_m(2.5, 1.0, 3, 3 + 4, 0.7);
  EXPECT_NEAR(r.a.p_block, m.p_block, 1e-12);
  EXPECT_NEAR(r.a.p_wait, m.p_wait, 1e-12);
  EXPECT_NEAR(r.a.p_abandon, m.p_abandon, 1e-12);
  EXPECT_NEAR(r.a.mean_wait_admitted, m.mean_wait_admitted, 1e-12);

  // Same from B's side (exercises the other half of the transition code).
  std::swap(p.lambda_a, p.lambda_b);
  const TwoSkillResult rb = two_skill_pool(p);
  const MmckmResult mb = mmck_m(2.5, 2.0, 3, 3 + 2, 0.1);
  EXPECT_NEAR(rb.b.p_block, mb.p_block, 1e-12);
  EXPECT_NEAR(rb.b.p_abandon, mb.p_abandon, 1e-12);
}

TEST(Formulas, TwoSkillPoolConservesFlowAndFavoursThePreferredSkill) {
  // Both types identical except the agents' preference: A must fare better than B.
  TwoSkillParams p;
  p.agents = 4;
  p.lambda_a = p.lambda_b = 2.0;
  p.mu_a = p.mu_b = 1.0;
  p.theta_a = p.theta_b = 0.5;
  p.cap_a = p.cap_b = 5;
  const TwoSkillResult r = two_skill_pool(p);
  EXPECT_NEAR(r.a.p_block + r.a.p_answered + r.a.p_abandon, 1.0, 1e-12);
  EXPECT_NEAR(r.b.p_block + r.b.p_answered + r.b.p_abandon, 1.0, 1e-12);
  // Both see the same "all agents busy" moments (PASTA)...
  EXPECT_NEAR(r.a.p_wait + r.a.p_block, r.b.p_wait + r.b.p_block, 1e-12);
  EXPECT_LT(r.a.p_abandon, r.b.p_abandon);     // ...but A's queue is served first
  EXPECT_LT(r.a.mean_wait_admitted, r.b.mean_wait_admitted);
  EXPECT_NEAR(r.occupancy * p.agents, 2.0 * r.a.p_answered + 2.0 * r.b.p_answered, 1e-12);
}

TEST(Formulas, IterativeCtmcSolverMatchesDenseSolver) {
  // A non-reversible 4-state cycle with a shortcut, plus the birth-death chain: both solvers must agree.
  const std::vector<Transition> cycle = {{0, 1, 2.0}, {1, 2, 1.0}, {2, 3, 3.0}, {3, 0, 0.5}, {1, 3, 0.7}, {2, 0, 0.2}};
  const auto dense = ctmc_stationary(4, cycle);
  const auto iter = ctmc_stationary_iterative(4, cycle);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(iter[k], dense[k], 1e-12) << "state " << k;
  // Balance of state 0 by hand: inflow 0.5 pi3 + 0.2 pi2 = outflow 2 pi0.
  EXPECT_NEAR(0.5 * dense[3] + 0.2 * dense[2], 2.0 * dense[0], 1e-14);
}

OverflowParams overflow_example() {
  OverflowParams p;
  p.agents_a = 3, p.agents_b = 3;
  p.lambda_a = 60.0 / 3600, p.mu_a = 1 / 180.0, p.theta_a = 1 / 240.0;
  p.lambda_b = 40.0 / 3600, p.mu_b = 1 / 300.0, p.theta_b = 1 / 400.0;
  return p;
}

TEST(Formulas, OverflowChainWithOneSilentTypeIsErlangA) {
  // Without B traffic, A sees one pool of agents_a + agents_b agents: M/M/6+M.
  OverflowParams p = overflow_example();
  p.lambda_b = 0;
  const OverflowResult r = two_group_overflow(p);
  const MmckmResult m = mmck_m(p.lambda_a, p.mu_a, 6, -1, p.theta_a);
  EXPECT_NEAR(r.a.p_wait, m.p_wait, 1e-10);
  EXPECT_NEAR(r.a.p_abandon, m.p_abandon, 1e-10);
  EXPECT_NEAR(r.a.mean_wait_admitted, m.mean_wait_admitted, 1e-7);
  // Without A traffic, B sees GB alone: M/M/3+M.
  p = overflow_example();
  p.lambda_a = 0;
  const OverflowResult rb = two_group_overflow(p);
  const MmckmResult mb = mmck_m(p.lambda_b, p.mu_b, 3, -1, p.theta_b);
  EXPECT_NEAR(rb.b.p_wait, mb.p_wait, 1e-10);
  EXPECT_NEAR(rb.b.p_abandon, mb.p_abandon, 1e-10);
}

TEST(Formulas, OverflowChainConservesFlowAndIsNotTruncated) {
  const OverflowResult r = two_group_overflow(overflow_example());
  EXPECT_LT(r.truncation_mass, 1e-12);
  EXPECT_NEAR(r.a.p_answered + r.a.p_abandon, 1.0, 1e-10);
  EXPECT_NEAR(r.b.p_answered + r.b.p_abandon, 1.0, 1e-10);
  EXPECT_GT(r.a_answered_in_gb, 0.05);  // overflow really happens
  EXPECT_LT(r.a.p_wait, r.b.p_wait);    // A waits only when both pools are busy
}

}  // namespace
}  // namespace ccsim::validation
