// Two call types, two skill groups, one multi-skill agent pool, against the exact CTMC of
// formulas.hpp (two_skill_pool). Sales calls go to group "sales", service calls to "service"; every agent has
// the skills [sales, service] in that order, so a freed agent takes the oldest waiting sales call if any,
// else the oldest service call. Each group's queue is bounded, callers are impatient, handle times differ by
// type: the per-type blocking, abandonment and waits depend on the preference order, the per-group queue
// capacity and the pooled agents together.
#include <gtest/gtest.h>

#include "validation/formulas.hpp"
#include "validation/sim_harness.hpp"

namespace ccsim::validation {
namespace {

TwoSkillParams params() {
  TwoSkillParams p;
  p.agents = 4;
  p.lambda_a = 60.0 / 3600, p.mu_a = 1 / 120.0, p.theta_a = 1 / 300.0, p.cap_a = 3;  // 2 Erlang of sales
  p.lambda_b = 36.0 / 3600, p.mu_b = 1 / 240.0, p.theta_b = 1 / 600.0, p.cap_b = 4;  // 2.4 Erlang of service
  return p;
}

Scenario two_skill_scenario(const TwoSkillParams& p) {
  Scenario sc = steady_scenario(302, 501);
  Tenant& t = only_tenant(sc);
  const int ga = add_group(t, "sales", p.cap_a);
  const int gb = add_group(t, "service", p.cap_b);
  add_pool(t, "blended", {ga, gb}, p.agents);
  CallType& a = add_call_type(t, "sales", p.lambda_a * 3600, Distribution::exponential(1 / p.mu_a), {ga});
  a.patience = Distribution::exponential(1 / p.theta_a);
  a.sl_threshold = 0;
  CallType& b = add_call_type(t, "service", p.lambda_b * 3600, Distribution::exponential(1 / p.mu_b), {gb});
  b.patience = Distribution::exponential(1 / p.theta_b);
  b.sl_threshold = 0;
  return sc;
}

TEST(ValidationTwoSkill, PerTypeOutcomesMatchTheMarkovChain) {
  const TwoSkillParams p = params();
  const TwoSkillResult ex = two_skill_pool(p);
  const auto reps = run_replications(two_skill_scenario(p), RunPlan{});

  const char* names[2] = {"sales (preferred skill)", "service (second skill)"};
  const TypeResult* exact[2] = {&ex.a, &ex.b};
  for (int k = 0; k < 2; ++k) {
    const std::string n = std::string("two-skill ") + names[k];
    const TypeResult& e = *exact[k];
    auto share = [k](int field) {
      return [k, field](const RepTotals& r) { return r.ct[k][field] / r.ct[k][CT_OFFERED]; };
    };
    const double rate = k == 0 ? p.lambda_a * 3600 : p.lambda_b * 3600;
    EXPECT_TRUE(agrees_with_exact(n + " arrival rate (calls/h)", across(reps, [k](const RepTotals& r) {
                                    return r.ct[k][CT_OFFERED] / r.kept_seconds * 3600;
                                  }),
                                  rate, 0.015 * rate));
    EXPECT_TRUE(agrees_with_exact(n + " P(block)", across(reps, share(CT_BLOCKED_QUEUE)), e.p_block, 0.01));
    EXPECT_TRUE(agrees_with_exact(n + " P(abandon)", across(reps, share(CT_ABANDONED)), e.p_abandon, 0.01));
    EXPECT_TRUE(agrees_with_exact(n + " P(answered)", across(reps, share(CT_ANSWERED)), e.p_answered, 0.01));
    EXPECT_TRUE(agrees_with_exact(n + " P(wait)", across(reps, [k](const RepTotals& r) {
                                    const auto& c = r.ct[k];
                                    return 1 - (c[CT_BLOCKED_QUEUE] + c[CT_ANSWERED_WITHIN_T]) / c[CT_OFFERED];
                                  }),
                                  e.p_wait, 0.01));
    EXPECT_TRUE(agrees_with_exact(n + " mean wait of admitted calls (s)", across(reps, [k](const RepTotals& r) {
                                    const auto& c = r.ct[k];
                                    return (c[CT_WAIT_SUM] + c[CT_ABANDON_WAIT_SUM]) / (c[CT_OFFERED] - c[CT_BLOCKED_QUEUE]);
                                  }),
                                  e.mean_wait_admitted, 0.05 * e.mean_wait_admitted));
  }
  // All agents' first skill is sales, so the sales group carries the whole pool's staffed time; busy time is
  // booked per group of the answered call.
  EXPECT_TRUE(agrees_with_exact("two-skill occupancy", across(reps, [](const RepTotals& r) {
                                  return (r.gr[0][GR_BUSY_TIME] + r.gr[1][GR_BUSY_TIME]) / r.gr[0][GR_STAFFED_TIME];
                                }),
                                ex.occupancy, 0.01));
}

}  // namespace
}  // namespace ccsim::validation
