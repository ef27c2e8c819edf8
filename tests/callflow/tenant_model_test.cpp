// Call-flow behaviour on the in-memory scheduler: conservation of calls, determinism, staffing, seats,
// trunks, IVR, retrials and per-minute ledger.
#include <gtest/gtest.h>

#include <cmath>

#include "callflow/model_builder.hpp"
#include "callflow/simulation.hpp"
#include "core/scheduler.hpp"
#include "stats/kpi.hpp"

using namespace ccsim;

namespace {

double total(const TenantRep& t, int ct, int field) { return t.ct[static_cast<size_t>(ct)].total(field); }

// Every offered attempt ends in exactly one outcome (or is still in the system at the end).
void expect_conservation(const TenantRep& t, int ct, double in_system_max) {
  const double offered = total(t, ct, CT_OFFERED);
  const double ended = total(t, ct, CT_BLOCKED_TRUNK) + total(t, ct, CT_FAILED_PLATFORM) + total(t, ct, CT_IVR_SELF) +
                       total(t, ct, CT_IVR_ABANDON) + total(t, ct, CT_TRANSFER_LOST) + total(t, ct, CT_BLOCKED_QUEUE) +
                       total(t, ct, CT_ABANDONED) + total(t, ct, CT_ANSWERED);
  EXPECT_LE(ended, offered);
  EXPECT_GE(ended, offered - in_system_max);
}

}  // namespace

TEST(TenantModel, ConservesCallsAndFillsLedger) {
  Scenario sc = test::one_group_scenario(300, 12, 120);
  sc.tenants[0].call_types[0].patience = Distribution::exponential(60);
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  const double offered = total(t, 0, CT_OFFERED);
  // 8 h at 300/h: 2400 expected; Poisson sd ~49.
  EXPECT_NEAR(offered, 2400, 5 * std::sqrt(2400.0));
  expect_conservation(t, 0, 12);
  // Ledger: one request per attempt, minute by minute.
  double requests = 0;
  for (auto v : t.ledger.requests) requests += v;
  EXPECT_EQ(requests, offered);
  EXPECT_EQ(t.ledger.minutes(), 8u * 60u);
  // Answered-within-T never exceeds answered; abandoned-after-T never exceeds abandoned.
  EXPECT_LE(total(t, 0, CT_ANSWERED_WITHIN_T), total(t, 0, CT_ANSWERED));
  EXPECT_LE(total(t, 0, CT_ABANDONED_AFTER_T), total(t, 0, CT_ABANDONED));
  EXPECT_GT(total(t, 0, CT_ABANDONED), 0);
}

TEST(TenantModel, EqualSeedsGiveIdenticalResultsAndSeedsMatter) {
  Scenario sc = test::one_group_scenario(400, 10, 100);
  sc.tenants[0].call_types[0].patience = Distribution::lognormal(90, 0.8);
  RepResult a = simulate_with_heap(sc, 3), b = simulate_with_heap(sc, 3), c = simulate_with_heap(sc, 4);
  EXPECT_EQ(a.tenants[0].ct[0].v, b.tenants[0].ct[0].v);
  EXPECT_EQ(a.tenants[0].gr[0].v, b.tenants[0].gr[0].v);
  EXPECT_EQ(a.tenants[0].ledger.requests, b.tenants[0].ledger.requests);
  EXPECT_NE(a.tenants[0].ct[0].v, c.tenants[0].ct[0].v);
}

TEST(TenantModel, TrunkBlockingIsTypedAndNeverExceedsChannels) {
  Scenario sc = test::one_group_scenario(600, 50, 120);
  sc.tenants[0].trunks.push_back(TrunkGroup{"pstn", 10, "carrier-a"});
  sc.tenants[0].call_types[0].trunk_group = 0;
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  const double blocked = total(t, 0, CT_BLOCKED_TRUNK);
  EXPECT_GT(blocked, 0);
  EXPECT_EQ(blocked, t.tr[0].total(TR_BLOCKED));
  EXPECT_LE(t.tr[0].max(TR_BUSY_MAX), 10);
  double trunk_busy_failures = 0;
  for (const auto& f : t.ledger.failures.rows()) trunk_busy_failures += f[static_cast<int>(Cause::TrunkBusy)];
  EXPECT_EQ(trunk_busy_failures, blocked);
  for (int m = 0; m < t.minute.rows; ++m) EXPECT_LE(t.minute.at(m, MIN_TRUNK_BUSY), 10);
}

TEST(TenantModel, IvrSplitsCallsByProbabilities) {
  Scenario sc = test::one_group_scenario(1200, 40, 60, 10);
  auto& ivr = sc.tenants[0].ivr;
  sc.tenants[0].call_types[0].use_ivr = true;
  ivr.enabled = true;
  ivr.duration = Distribution::constant(30);
  ivr.self_service = 0.3;
  ivr.abandon = 0.1;
  RepResult r = simulate_with_heap(sc, 1);
  const TenantRep& t = r.tenants[0];
  const double offered = total(t, 0, CT_OFFERED);
  const double self = total(t, 0, CT_IVR_SELF), ab = total(t, 0, CT_IVR_ABANDON);
  const double sd_self = std::sqrt(offered * 0.3 * 0.7), sd_ab = std::sqrt(offered * 0.1 * 0.9);
  EXPECT_NEAR(self, 0.3 * offered, 5 * sd_self);
  EXPECT_NEAR(ab, 0.1 * offered, 5 * sd_ab);
  expect_conservation(t, 0, 40 + 40);
}

TEST(TenantModel, ShiftScheduleChangesLoggedInAgents) {
  // 10 agents for 4 h, then 2 agents: staffed agent-seconds follow the schedule exactly when no call is in
  // progress at the change (no traffic).
  Scenario sc = test::one_group_scenario(0.0, 10, 60, 8);
  sc.tenants[0].pools[0].schedule = {{0.0, 10}, {4 * kHour, 2}};
  RepResult r = simulate_with_heap(sc, 0);
  const CounterTable& g = r.tenants[0].gr[0];
  EXPECT_DOUBLE_EQ(g.total(GR_STAFFED_TIME), 10 * 4 * kHour + 2 * 4 * kHour);
  EXPECT_DOUBLE_EQ(g.at(0, GR_STAFFED_TIME), 10 * 1800.0);
  EXPECT_DOUBLE_EQ(g.at(15, GR_STAFFED_TIME), 2 * 1800.0);
}

TEST(TenantModel, BusyAgentsFinishTheirCallBeforeLoggingOff) {
  // Heavy load then staffing drops to zero: no call is answered after the drop, but calls in progress end.
  Scenario sc = test::one_group_scenario(3600, 5, 600, 2);
  sc.tenants[0].pools[0].schedule = {{0.0, 5}, {1 * kHour, 0}};
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  for (int i = 2; i < 4; ++i) EXPECT_EQ(t.ct[0].at(i, CT_ANSWERED), 0) << "interval " << i;
  // Staffed time after the drop is the remaining talk of the calls in progress: positive, < 5 x 1 h.
  const double after = t.gr[0].at(2, GR_STAFFED_TIME) + t.gr[0].at(3, GR_STAFFED_TIME);
  EXPECT_GT(after, 0);
  EXPECT_LT(after, 5 * kHour);
}

TEST(TenantModel, SeatLimitCapsLoggedInAgents) {
  Scenario sc = test::one_group_scenario(2000, 30, 120, 2);
  HeapScheduler sched;
  Simulation sim(sc, 0, sched);
  sim.tenant(0).set_seat_limit(12);
  sim.start();
  sched.run_until(sc.horizon.length);
  RepResult r = sim.finish(sc.horizon.length);
  const TenantRep& t = r.tenants[0];
  for (int m = 0; m < t.minute.rows; ++m)
    EXPECT_LE(t.minute.at(m, MIN_AGENTS_IDLE) + t.minute.at(m, MIN_AGENTS_BUSY), 12) << "minute " << m;
  EXPECT_DOUBLE_EQ(t.gr[0].total(GR_UNSEATED_TIME), 18 * 2 * kHour);
  EXPECT_DOUBLE_EQ(t.gr[0].total(GR_STAFFED_TIME), 12 * 2 * kHour);
}

TEST(TenantModel, AbandonedCallersRetry) {
  Scenario sc = test::one_group_scenario(900, 5, 200, 4);
  auto& ct = sc.tenants[0].call_types[0];
  ct.patience = Distribution::exponential(30);
  ct.retrial_abandoned.probability = 1.0;
  ct.retrial_abandoned.delay = Distribution::constant(60);
  ct.retrial_abandoned.max_attempts = 3;
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  const double retrials = total(t, 0, CT_RETRIALS);
  EXPECT_GT(retrials, 0);
  // With probability 1 and 3 attempts, every first-attempt abandonment retries (except those whose retry
  // falls past the horizon): retrials <= abandoned and close to it.
  EXPECT_LE(retrials, total(t, 0, CT_ABANDONED));
  EXPECT_GT(retrials, 0.9 * total(t, 0, CT_ABANDONED) - total(t, 0, CT_RETRIALS) * 0.5);
}

TEST(TenantModel, QueueCapacityBlocksWithTypedCause) {
  Scenario sc = test::one_group_scenario(1200, 2, 300, 2);
  sc.tenants[0].groups[0].queue_capacity = 3;
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  EXPECT_GT(total(t, 0, CT_BLOCKED_QUEUE), 0);
  EXPECT_LE(t.gr[0].max(GR_QUEUE_MAX), 3);
  double qf = 0;
  for (const auto& f : t.ledger.failures.rows()) qf += f[static_cast<int>(Cause::QueueFull)];
  EXPECT_EQ(qf, total(t, 0, CT_BLOCKED_QUEUE));
}

TEST(TenantModel, CallRecordsMatchCounters) {
  Scenario sc = test::one_group_scenario(300, 4, 120, 3);
  sc.tenants[0].call_types[0].patience = Distribution::exponential(45);
  sc.call_records = true;
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  double answered = 0, abandoned = 0;
  for (const auto& rec : t.records) {
    answered += rec.outcome == CallOutcome::Answered;
    abandoned += rec.outcome == CallOutcome::Abandoned;
  }
  EXPECT_EQ(answered, total(t, 0, CT_ANSWERED));
  EXPECT_EQ(abandoned, total(t, 0, CT_ABANDONED));
}

TEST(TenantModel, PerMinuteSamplesShowAgentsOnBreak) {
  // Breaks are resolved by the loader into a lower on-duty count plus a break schedule; the minute samples
  // (taken at each minute's end) report the agents on break.
  Scenario sc = test::one_group_scenario(0.0, 10, 60, 3);
  sc.tenants[0].pools[0].schedule = {{0.0, 10}, {3600.0, 6}, {5400.0, 10}};
  sc.tenants[0].pools[0].break_schedule = {{0.0, 0}, {3600.0, 4}, {5400.0, 0}};
  RepResult r = simulate_with_heap(sc, 0);
  const SampleTable& mt = r.tenants[0].minute;
  EXPECT_EQ(mt.at(58, MIN_AGENTS_BREAK), 0);
  EXPECT_EQ(mt.at(59, MIN_AGENTS_BREAK), 4);  // sampled at t = 3600
  EXPECT_EQ(mt.at(80, MIN_AGENTS_BREAK), 4);
  EXPECT_EQ(mt.at(80, MIN_AGENTS_IDLE), 6);
  EXPECT_EQ(mt.at(90, MIN_AGENTS_BREAK), 0);
  EXPECT_EQ(mt.at(90, MIN_AGENTS_IDLE), 10);
}

// One group: every call that reaches the queue stage is offered to the group exactly once, so the group's
// offers, answers and abandons are the call type's, and so are its abandonment rate and P(wait).
TEST(TenantModel, OneGroupGivesIdenticalGroupAndCallTypeAbandonment) {
  Scenario sc = test::one_group_scenario(200, 12, 180, 12);
  sc.tenants[0].call_types[0].patience = Distribution::exponential(300);
  RepResult r = simulate_with_heap(sc, 0);
  const TenantRep& t = r.tenants[0];
  const CounterTable& g = t.gr[0];
  ASSERT_GT(total(t, 0, CT_ABANDONED), 0);
  for (int row = 0; row < g.rows; ++row) {
    const CtKpis ck = call_type_kpis(t.ct[0], row_span(sc.horizon, row));
    const GrKpis gk = group_kpis(g, row_span(sc.horizon, row));
    EXPECT_EQ(gk[GK_QUEUED], ck[CK_QUEUED]) << row;
    EXPECT_EQ(gk[GK_ANSWERED], ck[CK_ANSWERED]) << row;
    EXPECT_EQ(gk[GK_ABANDONED], ck[CK_ABANDONED]) << row;
    if (!std::isnan(ck[CK_ABANDONMENT_RATE])) {
      EXPECT_DOUBLE_EQ(gk[GK_ABANDONMENT_RATE], ck[CK_ABANDONMENT_RATE]) << row;
    }
    if (!std::isnan(ck[CK_P_WAIT])) {
      EXPECT_DOUBLE_EQ(gk[GK_P_WAIT], ck[CK_P_WAIT]) << row;
    }
  }
  const GrKpis all = group_kpis(g, overall_span(sc.horizon, g.rows));
  const CtKpis cta = call_type_kpis(t.ct[0], overall_span(sc.horizon, g.rows));
  EXPECT_DOUBLE_EQ(all[GK_ABANDONMENT_RATE], cta[CK_ABANDONMENT_RATE]);
  // Offers that waited are a strict part of the offers; the others were answered at once (wait 0).
  EXPECT_GT(g.total(GR_WAITED), 0);
  EXPECT_LT(g.total(GR_WAITED), g.total(GR_QUEUED));
  EXPECT_EQ(g.total(GR_QUEUED) - g.total(GR_WAITED), g.total(GR_ANSWERED) - g.total(GR_ANSWERED_WAITED));
  // Each call ends answered or abandoned, or is still waiting at the horizon (at most the final queue).
  const double open = g.total(GR_QUEUED) - g.total(GR_ANSWERED) - g.total(GR_ABANDONED);
  EXPECT_GE(open, 0);
  EXPECT_LE(open, g.rows > 0 ? g.at(g.rows - 1, GR_QUEUE_MAX) : 0);
}

// Overflow: a call waiting at group A and answered at once by group B is one offer to each group; B's answer
// counts as an answer after a wait (the caller waited at A).
TEST(TenantModel, OverflowOffersCountAtEveryGroupOffered) {
  Scenario sc = test::one_group_scenario(300, 3, 300, 6);
  Tenant& tn = sc.tenants[0];
  test::add_group_with_pool(tn, "backup", "backup", 40);
  tn.call_types[0].route.push_back(RouteStep{"backup", 1, 30});
  RepResult r = simulate_with_heap(sc, 1);
  const TenantRep& t = r.tenants[0];
  const CounterTable &ga = t.gr[0], &gb = t.gr[1];
  // Every call entering the queue stage is offered to A first.
  EXPECT_EQ(ga.total(GR_QUEUED), total(t, 0, CT_QUEUED));
  // B is offered only calls that waited 30 s at A (so its answers all come after a wait); with 40 agents for
  // about 22 Erlangs it answers most of them at once, so some offers to B never wait there.
  EXPECT_GT(gb.total(GR_QUEUED), 0);
  EXPECT_EQ(gb.total(GR_ANSWERED_WAITED), gb.total(GR_ANSWERED));
  EXPECT_LT(gb.total(GR_WAITED), gb.total(GR_QUEUED));
  EXPECT_EQ(ga.total(GR_ANSWERED) + gb.total(GR_ANSWERED), total(t, 0, CT_ANSWERED));
}
