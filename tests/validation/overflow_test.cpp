// Two skill groups with immediate overflow and a priority, against the exact CTMC of formulas.hpp
// (two_group_overflow). "Premium" calls (priority 1) are routed to [premium, general after 0 s]: they take a
// premium agent if one is idle, else a general agent, else wait in both queues. "General" calls (priority 0)
// only go to the general group, where premium calls are served first. Two single-skill pools of 3 agents,
// an offered load above the 6 agents, impatient callers, different handle times per type.
#include <gtest/gtest.h>

#include "validation/formulas.hpp"
#include "validation/sim_harness.hpp"

namespace ccsim::validation {
namespace {

OverflowParams params() {
  OverflowParams p;
  p.agents_a = 3, p.agents_b = 3;
  p.lambda_a = 60.0 / 3600, p.mu_a = 1 / 180.0, p.theta_a = 1 / 240.0;  // 3 Erlang of premium
  p.lambda_b = 40.0 / 3600, p.mu_b = 1 / 300.0, p.theta_b = 1 / 400.0;  // 3.33 Erlang of general
  p.truncate = 40;
  return p;
}

Scenario overflow_scenario(const OverflowParams& p) {
  Scenario sc = steady_scenario(302, 601);
  Tenant& t = only_tenant(sc);
  const int ga = add_group(t, "premium");
  const int gb = add_group(t, "general");
  add_pool(t, "premium agents", {ga}, p.agents_a);
  add_pool(t, "general agents", {gb}, p.agents_b);
  CallType& a = add_call_type(t, "premium", p.lambda_a * 3600, Distribution::exponential(1 / p.mu_a), {ga, gb});
  a.priority = 1;
  a.patience = Distribution::exponential(1 / p.theta_a);
  a.sl_threshold = 0;
  CallType& b = add_call_type(t, "general", p.lambda_b * 3600, Distribution::exponential(1 / p.mu_b), {gb});
  b.priority = 0;
  b.patience = Distribution::exponential(1 / p.theta_b);
  b.sl_threshold = 0;
  return sc;
}

TEST(ValidationOverflow, ImmediateOverflowWithPriorityMatchesTheMarkovChain) {
  const OverflowParams p = params();
  const OverflowResult ex = two_group_overflow(p);
  ASSERT_LT(ex.truncation_mass, 1e-12);
  const auto reps = run_replications(overflow_scenario(p), RunPlan{});

  const char* names[2] = {"overflow premium (A)", "overflow general (B)"};
  const TypeResult* exact[2] = {&ex.a, &ex.b};
  for (int k = 0; k < 2; ++k) {
    const std::string n = names[k];
    const TypeResult& e = *exact[k];
    auto share = [k](int field) {
      return [k, field](const RepTotals& r) { return r.ct[k][field] / r.ct[k][CT_OFFERED]; };
    };
    EXPECT_TRUE(agrees_with_exact(n + " P(wait)", across(reps, [k](const RepTotals& r) {
                                    return 1 - r.ct[k][CT_ANSWERED_WITHIN_T] / r.ct[k][CT_OFFERED];
                                  }),
                                  e.p_wait, 0.01));
    EXPECT_TRUE(agrees_with_exact(n + " P(abandon)", across(reps, share(CT_ABANDONED)), e.p_abandon, 0.01));
    EXPECT_TRUE(agrees_with_exact(n + " P(answered)", across(reps, share(CT_ANSWERED)), e.p_answered, 0.01));
    EXPECT_TRUE(agrees_with_exact(n + " mean wait (s)", across(reps, [k](const RepTotals& r) {
                                    const auto& c = r.ct[k];
                                    return (c[CT_WAIT_SUM] + c[CT_ABANDON_WAIT_SUM]) / c[CT_OFFERED];
                                  }),
                                  e.mean_wait_admitted, 0.05 * e.mean_wait_admitted));
  }
  // Where premium calls were answered: only premium calls reach the premium group's agents.
  EXPECT_TRUE(agrees_with_exact("overflow premium answered by premium agents", across(reps, [](const RepTotals& r) {
                                  return r.gr[0][GR_ANSWERED] / r.ct[0][CT_OFFERED];
                                }),
                                ex.a_answered_in_ga, 0.01));
  EXPECT_TRUE(agrees_with_exact("overflow premium answered by general agents", across(reps, [](const RepTotals& r) {
                                  return (r.gr[1][GR_ANSWERED] - r.ct[1][CT_ANSWERED]) / r.ct[0][CT_OFFERED];
                                }),
                                ex.a_answered_in_gb, 0.01));
  EXPECT_TRUE(agrees_with_exact("overflow occupancy premium pool", across(reps, [](const RepTotals& r) {
                                  return r.gr[0][GR_BUSY_TIME] / r.gr[0][GR_STAFFED_TIME];
                                }),
                                ex.occupancy_a, 0.01));
  EXPECT_TRUE(agrees_with_exact("overflow occupancy general pool", across(reps, [](const RepTotals& r) {
                                  return r.gr[1][GR_BUSY_TIME] / r.gr[1][GR_STAFFED_TIME];
                                }),
                                ex.occupancy_b, 0.01));
}

}  // namespace
}  // namespace ccsim::validation
