// Replay (docs/calibration.md "Replay"): logged calls drive the tenant model instead of the arrival process.
#include <gtest/gtest.h>

#include <cmath>

#include "callflow/model_builder.hpp"
#include "callflow/replay_source.hpp"
#include "callflow/simulation.hpp"

using namespace ccsim;

namespace {

ReplayCall served(double at, double service) {
  ReplayCall r;
  r.at = at, r.service = service;
  return r;
}
ReplayCall abandoned(double at, double patience) {
  ReplayCall r;
  r.at = at, r.patience = patience;
  return r;
}
double total(const RepResult& r, int field) { return r.tenants[0].ct[0].total(field); }

}  // namespace

TEST(Replay, FiveLoggedCallsOnOneAgentGiveHandComputedWaits) {
  // No Poisson traffic (rate 0 would give none anyway; the replay replaces it), one agent, handle time 40 s
  // for calls whose log has no service time, constant patience 1000 s for the served callers (wait 0 in the
  // log, so the conditional draw is the constant itself).
  Scenario sc = test::one_group_scenario(500, 1, 100);
  CallType& ct = sc.tenants[0].call_types[0];
  ct.handle = Distribution::constant(40);
  ct.patience = Distribution::constant(1000);
  sc.tenants[0].replay = {served(0, 100), served(10, 50), abandoned(20, 30), abandoned(120, 60), served(160, 20)};
  // By hand (one agent, FIFO):
  //  A t=0    answered at once, wait 0, talks 100 s -> free at 100
  //  B t=10   waits until 100: wait 90, talks its logged 50 s -> free at 150
  //  C t=20   patience 30 (its logged wait) < 80 s until the agent is free: abandons at 50 after 30 s
  //  D t=120  patience 60, the agent frees at 150: answered after 30 s, no logged service: 40 s -> free at 190
  //  E t=160  waits until 190: wait 30, talks its logged 20 s
  // The tenant's IVR would end every call in self-service; a replayed call skips it and spends its logged
  // time before the queue instead (0 here, so the times above hold).
  sc.tenants[0].ivr.enabled = true;
  ct.use_ivr = true;
  sc.tenants[0].ivr.self_service = 1;
  sc.tenants[0].ivr.duration = Distribution::constant(500);
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(total(r, CT_OFFERED), 5);
  EXPECT_EQ(total(r, CT_IVR_SELF), 0);
  EXPECT_EQ(total(r, CT_ANSWERED), 4);
  EXPECT_EQ(total(r, CT_ABANDONED), 1);
  EXPECT_DOUBLE_EQ(total(r, CT_WAIT_SUM), 0 + 90 + 30 + 30);
  EXPECT_DOUBLE_EQ(total(r, CT_ABANDON_WAIT_SUM), 30);
  EXPECT_DOUBLE_EQ(total(r, CT_HANDLE_SUM), 100 + 50 + 40 + 20);
  EXPECT_EQ(total(r, CT_ANSWERED_WITHIN_T), 1);  // T = 20 s: only A
}

TEST(Replay, LoggedTimeBeforeTheQueueDelaysQueueEntry) {
  // Two calls on one agent: A arrives at 0 and spends 30 s before the queue, so B (arrives at 10, no IVR time)
  // reaches the idle agent first; A then waits for B's 100 s of service: from 30 to 110, wait 80.
  Scenario sc = test::one_group_scenario(0, 1, 100);
  ReplayCall a = served(0, 50);
  a.ivr = 30;
  sc.tenants[0].replay = {a, served(10, 100)};
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(total(r, CT_ANSWERED), 2);
  EXPECT_DOUBLE_EQ(total(r, CT_WAIT_SUM), 80);
}

TEST(Replay, ServedCallersPatienceIsDrawnBeyondTheirObservedWait) {
  // Exponential patience is memoryless: P | P > w has mean w + mean.
  Rng rng(7, 0, "patience-beyond");
  const Distribution d = Distribution::exponential(60);
  const int n = 20000;
  double sum = 0, smallest = 1e300;
  for (int i = 0; i < n; ++i) {
    const double p = patience_beyond(d, 100, rng);
    sum += p;
    smallest = std::min(smallest, p);
  }
  EXPECT_GT(smallest, 100);
  EXPECT_NEAR(sum / n, 160, 4 * 60 / std::sqrt(n));
  // A served wait no draw can exceed: the caller is given exactly the bound the log proves.
  EXPECT_EQ(patience_beyond(Distribution::constant(10), 20, rng), 20);
  // An abandoned caller's patience is its logged wait, whatever the distribution.
  EXPECT_EQ(replay_patience(abandoned(0, 33), d, rng), 33);
}
