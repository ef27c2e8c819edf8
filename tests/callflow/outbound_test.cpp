// Outbound campaigns in the call flow (issue 15): hand-computed runs with constant times, the calling rules and
// the predictive pacer on their own.
#include <gtest/gtest.h>

#include "callflow/model_builder.hpp"
#include "callflow/outbound_rules.hpp"
#include "callflow/simulation.hpp"
#include "core/time.hpp"
#include "stats/kpi.hpp"

using namespace ccsim;

namespace {

// One group of `agents`, no inbound traffic unless replayed, one campaign on the group.
Scenario campaign_scenario(int agents, int contacts, double hours = 1) {
  Scenario sc = test::one_group_scenario(0, agents, 100, hours);
  Campaign c;
  c.name = "list";
  c.group = "support";
  c.group_index = 0;
  c.contacts.assign(static_cast<size_t>(contacts), Contact{});
  c.attempts = 1;
  c.outcomes = OutcomeMix{{1, 0, 0, 0, 0}};
  c.ring_time = Distribution::constant(10);
  c.handle = Distribution::constant(50);
  c.wrapup = Distribution::constant(0);
  c.dialer.mode = DialerMode::Progressive;
  sc.tenants[0].campaigns.push_back(c);
  return sc;
}
Campaign& campaign(Scenario& sc) { return sc.tenants[0].campaigns[0]; }
double ob(const RepResult& r, int field) { return r.tenants[0].ob[0].total(field); }
ReplayCall inbound(double at, double service) {
  ReplayCall c;
  c.at = at, c.service = service;
  return c;
}
uint32_t ledger_failures(const RepResult& r, Cause cause) {
  uint32_t n = 0;
  for (const auto& m : r.tenants[0].ledger.failures.rows()) n += m[static_cast<int>(cause)];
  return n;
}
uint32_t ledger_requests(const RepResult& r) {
  uint32_t n = 0;
  for (uint32_t v : r.tenants[0].ledger.requests) n += v;
  return n;
}

// A second team for the campaign: group "out" with one agent of its own, so inbound keeps its agent.
void add_dialer_team(Scenario& sc) {
  campaign(sc).group = "out";
  campaign(sc).group_index = test::add_group_with_pool(sc.tenants[0], "out", "dialers", 1);
}

// A platform that takes every call: the first setups on the hosts listed in `first`, the others on host 0.
// Counts setups and releases.
struct HostZero : PlatformHook {
  std::vector<int> first;
  int setups = 0, releases = 0;
  Setup setup(int, double) override {
    Setup s;
    s.host = static_cast<size_t>(setups) < first.size() ? first[static_cast<size_t>(setups)] : 0;
    ++setups;
    return s;
  }
  void release(int, double) override { ++releases; }
};

// Runs `sc` on the heap scheduler through `platform`, crashing host 0 at each time of `crashes` (seconds, in
// order); the result and, per crash, how many calls it dropped.
struct CrashRun {
  RepResult r;
  std::vector<int64_t> dropped;
};
CrashRun run_with_host_crashes(const Scenario& sc, HostZero& platform, const std::vector<double>& crashes) {
  HeapScheduler sched;
  Simulation sim(sc, 0, sched, &platform);
  sim.start();
  CrashRun out;
  for (double t : crashes) {
    sched.run_until(t);
    out.dropped.push_back(sim.tenant(0).drop_calls_on_host(0, 0.0));
  }
  sched.run_until(sc.horizon.length);
  sim.drain([&sched](double t) { sched.run_until(t); });
  out.r = sim.finish(sc.horizon.length);
  return out;
}

}  // namespace

TEST(Outbound, ProgressiveDialsOneLinePerIdleAgent) {
  // By hand: 2 agents, every call answered by a person after 10 s of ringing, talks 50 s. Rounds of 2 dials at
  // 0, 60, 120, 180, 240: 10 contacts are reached by t = 300, nobody waits, nothing is abandoned.
  Scenario sc = campaign_scenario(2, 10);
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_DIALS), 10);
  EXPECT_EQ(ob(r, OB_CONNECTS), 10);
  EXPECT_EQ(ob(r, OB_RIGHT_PARTY), 10);
  EXPECT_EQ(ob(r, OB_ABANDONED), 0);
  EXPECT_DOUBLE_EQ(ob(r, OB_CONNECT_WAIT_SUM), 0);
  EXPECT_DOUBLE_EQ(ob(r, OB_TALK_SUM), 500);
  EXPECT_DOUBLE_EQ(ob(r, OB_AGENT_TIME), 500);
  EXPECT_DOUBLE_EQ(ob(r, OB_LINES_AREA), 5 * 2 * 10);  // 2 lines ringing 10 s, 5 rounds
  EXPECT_EQ(ledger_requests(r), 10u);  // outbound calls are requests of the per-minute ledger
  // Outbound talk is busy time of the campaign's group (agent occupancy stays honest).
  EXPECT_DOUBLE_EQ(r.tenants[0].gr[0].total(GR_BUSY_TIME), 500);
}

TEST(Outbound, ConnectWithNoAgentWithinComplianceWindowIsAbandoned) {
  // 1 agent dials at 0; an inbound call arrives at 5 and takes the idle agent for 100 s; the callee answers at
  // 10 and nobody is free by 12 (2 s window): one abandoned outbound call.
  Scenario sc = campaign_scenario(1, 1);
  sc.tenants[0].replay = {inbound(5, 100)};
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_CONNECTS), 1);
  EXPECT_EQ(ob(r, OB_ABANDONED), 1);
  EXPECT_EQ(ob(r, OB_MESSAGE), 0);
  EXPECT_EQ(ob(r, OB_TALK_SUM), 0);
}

TEST(Outbound, RecordedMessageHoldsTheLineAndStillCountsAbandoned) {
  Scenario sc = campaign_scenario(1, 1);
  sc.tenants[0].trunks.push_back(TrunkGroup{"pstn", 10, ""});
  sc.tenants[0].call_types[0].trunk_group = 0;
  campaign(sc).trunk_group = 0;
  campaign(sc).dialer.recorded_message = true;
  campaign(sc).dialer.message_length = 15;
  sc.tenants[0].replay = {inbound(5, 100)};
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_ABANDONED), 1);
  EXPECT_EQ(ob(r, OB_MESSAGE), 1);
  // Trunk channel-seconds: outbound 0..27 (10 ring + 2 window + 15 message), inbound 5..105.
  EXPECT_DOUBLE_EQ(r.tenants[0].tr[0].total(TR_BUSY_AREA), 27 + 100);
  EXPECT_EQ(r.tenants[0].tr[0].total(TR_ATTEMPTS), 2);
}

TEST(Outbound, ConnectWaitsForTheNextFreeAgentInsideTheWindow) {
  // Same, with a 200 s window: the agent frees at 105 and takes the callee waiting since 10 (after inbound,
  // whose queue is empty): 95 s from connect to agent.
  Scenario sc = campaign_scenario(1, 1);
  campaign(sc).dialer.compliance_window = 200;
  sc.tenants[0].replay = {inbound(5, 100)};
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_ABANDONED), 0);
  EXPECT_DOUBLE_EQ(ob(r, OB_CONNECT_WAIT_SUM), 95);
  EXPECT_DOUBLE_EQ(ob(r, OB_TALK_SUM), 50);
}

TEST(Outbound, PreviewReservesTheAgentBeforeTheDial) {
  // 1 agent, 20 s preview, 10 s ring, 50 s talk: reserve 0, dial 20, connect 30, free 80; reserve 80, dial 100,
  // connect 110, free 160. The agent is on outbound work the whole 160 s.
  Scenario sc = campaign_scenario(1, 2);
  campaign(sc).dialer.mode = DialerMode::Preview;
  campaign(sc).dialer.preview_time = 20;
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_DIALS), 2);
  EXPECT_EQ(ob(r, OB_CONNECTS), 2);
  EXPECT_EQ(ob(r, OB_ABANDONED), 0);
  EXPECT_DOUBLE_EQ(ob(r, OB_AGENT_TIME), 160);
  EXPECT_DOUBLE_EQ(ob(r, OB_LINES_AREA), 20);
  EXPECT_DOUBLE_EQ(r.tenants[0].gr[0].total(GR_BUSY_TIME), 160);
}

TEST(Outbound, QueueRuleHoldsTheDialerUntilItsResumeThreshold) {
  // Inbound: one agent of its own; calls at 0 and 0.5 (100 s each), so one caller waits from 0.5 to 100.
  // Outbound: a second group with one agent of its own, campaign from t = 10, dialer held while more than 0
  // callers wait. Held from 10; at 100 the queue empties (the inbound agent takes the caller, no dialer
  // decision), so the next decision, the minute mark at 120, resumes and dials: held 110 s.
  Scenario sc = campaign_scenario(1, 1);
  Tenant& t = sc.tenants[0];
  add_dialer_team(sc);
  campaign(sc).start = 10;
  t.replay = {inbound(0, 100), inbound(0.5, 100)};
  t.blending.stop_queue_above = 0;
  t.blending.resume_queue_below = 0;
  const RepResult held = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(held, OB_DIALS), 1);
  EXPECT_DOUBLE_EQ(ob(held, OB_HELD_TIME), 110);
  EXPECT_DOUBLE_EQ(ob(held, OB_TALK_SUM), 50);
  t.blending.stop_queue_above = -1;  // no rule: dials at 10
  const RepResult unheld = simulate_with_heap(sc, 0);
  EXPECT_DOUBLE_EQ(ob(unheld, OB_HELD_TIME), 0);
  EXPECT_DOUBLE_EQ(unheld.tenants[0].gr[1].total(GR_BUSY_TIME), 50);
}

TEST(Outbound, ServiceLevelRuleHoldsUntilTheIntervalRecovers) {
  // Same two teams. Inbound (T = 20 s): calls at 0 and 1 (100 s each) -> the second is answered at 100 after
  // 99 s: the interval's SL is 1/2, under the 60% stop level. The campaign starts at 110: held. The next
  // interval (from 1800) has no inbound call yet (undefined SL: no change) until one at 1900 is answered at
  // once (SL 1 >= 90%); the next dialer decision is that call's end at 1910 (an agent-free event): it resumes
  // and dials. Held 1910 - 110 s.
  Scenario sc = campaign_scenario(1, 1);
  Tenant& t = sc.tenants[0];
  add_dialer_team(sc);
  campaign(sc).start = 110;
  t.call_types[0].sl_threshold = 20;
  t.replay = {inbound(0, 100), inbound(1, 100), inbound(1900, 10)};
  t.blending.stop_sl_below = 0.6;
  t.blending.resume_sl_above = 0.9;
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_DIALS), 1);
  EXPECT_DOUBLE_EQ(ob(r, OB_HELD_TIME), 1910 - 110);
}

TEST(Outbound, KeepFreeLeavesAgentsForInbound) {
  Scenario sc = campaign_scenario(1, 5);
  sc.tenants[0].blending.keep_free = 1;
  EXPECT_EQ(ob(simulate_with_heap(sc, 0), OB_DIALS), 0);
  sc.tenants[0].blending.keep_free = 0;
  EXPECT_EQ(ob(simulate_with_heap(sc, 0), OB_DIALS), 5);
}

TEST(Outbound, InvalidNumbersFailAsIllegalNumberAndAreNotRetried) {
  Scenario sc = campaign_scenario(1, 3);
  campaign(sc).attempts = 3;
  campaign(sc).outcomes = OutcomeMix{{0, 0, 0, 0, 1}};
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_DIALS), 3);
  EXPECT_EQ(ob(r, OB_INVALID), 3);
  EXPECT_EQ(ledger_requests(r), 3u);
  EXPECT_EQ(ledger_failures(r, Cause::IllegalNumber), 3u);
}

TEST(Outbound, NoAnswerIsRetriedAfterItsDelayUpToTheAttempts) {
  // Attempts at 0, 30 + 600 = 630 and 660 + 600 = 1260; a fourth is not made (3 attempts).
  Scenario sc = campaign_scenario(1, 1);
  campaign(sc).attempts = 3;
  campaign(sc).outcomes = OutcomeMix{{0, 1, 0, 0, 0}};
  campaign(sc).no_answer_time = Distribution::constant(30);
  campaign(sc).retry_delay[RR_NO_ANSWER] = Distribution::constant(600);
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_DIALS), 3);
  EXPECT_EQ(ob(r, OB_NO_ANSWER), 3);
  EXPECT_DOUBLE_EQ(ob(r, OB_LINES_AREA), 90);
}

TEST(Outbound, AbnormalCallingStopRefusesDialsAsTheTenantsOwn) {
  // The abandoned call at 12 (as above) makes the abandon rate 1/1 > 50%: the tenant's dialing stops until
  // 12 + 600 = 612. The inbound call ends at 35; at the minute marks 60 ... 600 (10 of them) the one idle agent
  // is a dial refused for outbound_stopped (SLA 5.18).
  Scenario sc = campaign_scenario(1, 1);
  sc.tenants[0].replay = {inbound(5, 30)};
  AbnormalStop& s = campaign(sc).rules.abnormal_stop;
  s.enabled = true;
  s.abandon_rate_above = 0.5;
  s.min_connects = 1;
  s.window = 3600;
  s.stop_for = 600;
  const RepResult r = simulate_with_heap(sc, 0);
  EXPECT_EQ(ob(r, OB_ABANDONED), 1);
  EXPECT_EQ(ob(r, OB_REFUSED), 10);
  EXPECT_EQ(ledger_failures(r, Cause::OutboundStopped), 10u);
  EXPECT_DOUBLE_EQ(ob(r, OB_STOPPED_TIME), 600);
}

TEST(Outbound, TenantsWithoutCampaignsHaveNoOutboundTables) {
  const RepResult r = simulate_with_heap(test::one_group_scenario(100, 3, 100, 1), 0);
  EXPECT_TRUE(r.tenants[0].campaigns.empty());
  EXPECT_TRUE(r.tenants[0].ob.empty());
}

// ------------------------------------------------------------------ calling rules on their own

namespace {
const int64_t kMonday = *parse_datetime("2026-03-16T00:00");
CallingRules weekday_window() {
  CallingRules r;
  CallWindow w;
  for (int d = 0; d < 7; ++d) w.days[d] = d < 5;
  w.from = 9 * kHour;
  w.to = 20 * kHour;
  r.windows.push_back(w);
  return r;
}
}  // namespace

TEST(OutboundRules, WindowIsTheCalleesLocalTime) {
  const CallingRules r = weekday_window();
  const double tz = 2 * kHour;  // the callee's clock is 2 h ahead
  ContactLog log;
  // Monday 02:00 local -> 09:00 local = 07:00 scenario time.
  EXPECT_DOUBLE_EQ(next_callable(r, tz, kMonday, 0, log), 7 * kHour);
  // Monday 12:00 local: now.
  EXPECT_DOUBLE_EQ(next_callable(r, tz, kMonday, 10 * kHour, log), 10 * kHour);
  // Monday 21:00 local -> Tuesday 09:00 local = 24 h + 7 h.
  EXPECT_DOUBLE_EQ(next_callable(r, tz, kMonday, 19 * kHour, log), 31 * kHour);
  // Friday 21:00 local -> Monday 09:00 local.
  EXPECT_DOUBLE_EQ(next_callable(r, tz, kMonday, 4 * kDay + 19 * kHour, log), 7 * kDay + 7 * kHour);
}

TEST(OutboundRules, AttemptsPerDayAndNumberCap) {
  CallingRules r;
  r.attempts_per_day = 2;
  ContactLog log;
  log_attempt(r, 0, kMonday, 100, log);
  EXPECT_DOUBLE_EQ(next_callable(r, 0, kMonday, 200, log), 200);
  log_attempt(r, 0, kMonday, 200, log);
  EXPECT_DOUBLE_EQ(next_callable(r, 0, kMonday, 300, log), kDay);  // the callee's next day
  CallingRules cap;
  cap.number_cap_calls = 2;
  cap.number_cap_period = 7 * kDay;
  ContactLog l2;
  log_attempt(cap, 0, kMonday, 100, l2);
  log_attempt(cap, 0, kMonday, 200, l2);
  EXPECT_DOUBLE_EQ(next_callable(cap, 0, kMonday, 300, l2), 100 + 7 * kDay);
}

TEST(OutboundRules, DestinationPrefixes) {
  CallingRules r;
  EXPECT_TRUE(destination_allowed(r, "+1555123"));
  r.allowed_prefixes = {"+1"};
  r.denied_prefixes = {"+1900"};
  EXPECT_TRUE(destination_allowed(r, "+1555123"));
  EXPECT_FALSE(destination_allowed(r, "+1900123"));
  EXPECT_FALSE(destination_allowed(r, "+44123"));
}

TEST(OutboundRules, PredictivePacerStartsAtItsRatioAndFallsBackToOneOverTheLimit) {
  PredictivePacer p(1.5, 3, 0.03, 0.3);
  EXPECT_NEAR(p.ratio(), 1.5, 1e-12);
  p.on_base(10);
  EXPECT_EQ(p.reserve(), 0);
  p.on_abandoned();  // 1 / 10 > 3%
  EXPECT_DOUBLE_EQ(p.ratio(), 1);
  EXPECT_EQ(p.reserve(), 1);  // one agent left idle: even one line per agent abandoned a call
  p.on_base(90);  // 1 / 100 < 3%: the ratio is back above 1 (with the halved aggressiveness)
  EXPECT_NEAR(p.ratio(), 1 + 0.5 * 0.5, 1e-9);  // 1 + g (1/p - 1) with g halved from 0.5 / (1/p - 1)
  for (int i = 0; i < 20; ++i) p.on_served();  // 20 served connects under the limit: 20 x 0.05 = one agent
  EXPECT_EQ(p.reserve(), 0);
}

TEST(Outbound, HostCrashDropsConnectedAndRingingCallsLikeInbound) {
  // By hand (2 agents, ring 10 s, talk 50 s, campaign from 5 to 600, 2 attempts): an inbound call holds agent A
  // 0..20. At 5 agent B is the one idle agent: contact 0 rings 5..15, then talks with B from 15 (to 65). At 20 A
  // frees: contact 1 rings 20..30. Host 0 crashes at 25: both calls are dropped (ringing and talking), B is
  // free, the channels and platform slots are gone. Both contacts retry after the `blocked` delay (100 s; the
  // other delays are 1000 s, past the campaign end): dials at 125, connects at 135, talks to 185.
  Scenario sc = campaign_scenario(2, 2);
  Campaign& c = campaign(sc);
  c.start = 5;
  c.end = 600;
  c.attempts = 2;
  for (auto& d : c.retry_delay) d = Distribution::constant(1000);
  c.retry_delay[RR_BLOCKED] = Distribution::constant(100);
  sc.tenants[0].trunks.push_back(TrunkGroup{"pstn", 10, ""});
  sc.tenants[0].call_types[0].trunk_group = 0;
  c.trunk_group = 0;
  sc.tenants[0].replay = {inbound(0, 20)};
  HostZero platform;
  const CrashRun run = run_with_host_crashes(sc, platform, {25});
  EXPECT_EQ(run.dropped, std::vector<int64_t>{2});
  const RepResult& r = run.r;

  EXPECT_EQ(ob(r, OB_DIALS), 4);
  EXPECT_EQ(ob(r, OB_DROPPED), 2);
  EXPECT_EQ(ob(r, OB_CONNECTS), 3);  // contact 0 twice, contact 1 on its retry
  EXPECT_EQ(ob(r, OB_ABANDONED), 0);
  EXPECT_DOUBLE_EQ(ob(r, OB_TALK_SUM), 10 + 2 * 50);  // the cut talk counts up to the crash
  EXPECT_DOUBLE_EQ(ob(r, OB_AGENT_TIME), 10 + 2 * 50);
  EXPECT_DOUBLE_EQ(ob(r, OB_LINES_AREA), 10 + 5 + 2 * 10);  // contact 1 rang 20..25 only
  EXPECT_DOUBLE_EQ(r.tenants[0].gr[0].total(GR_BUSY_TIME), 20 + 10 + 2 * 50);
  // Trunk channel-seconds: inbound 0..20, contact 0 5..25, contact 1 20..25, the retries 125..185.
  EXPECT_DOUBLE_EQ(r.tenants[0].tr[0].total(TR_BUSY_AREA), 20 + 20 + 5 + 2 * 60);
  // Ledger as for inbound drops: each drop is a request failed as dropped_in_progress, in the crash minute.
  EXPECT_EQ(ledger_failures(r, Cause::DroppedInProgress), 2u);
  EXPECT_EQ(r.tenants[0].ledger.failures[0][static_cast<int>(Cause::DroppedInProgress)], 2u);
  EXPECT_EQ(ledger_requests(r), 1u + 4u + 2u);
  // The crashed host's slots are not released (the crash reset them): 5 setups, 3 releases.
  EXPECT_EQ(platform.setups, 5);
  EXPECT_EQ(platform.releases, 3);
}

TEST(Outbound, HostCrashFreesThePreviewAgentAndKeepsTheWrongPartyRetry) {
  // By hand (1 agent, preview 20 s, ring 10 s, talk 50 s, always the wrong party, 3 attempts; retry delays:
  // blocked 100 s, wrong party 200 s). Reserve 0, dial 20; the crash at 25 drops the ringing dial and frees the
  // reserved agent; retry at 125 (blocked): reserve 125, dial 145, connect 155 (wrong party: its retry at 355),
  // talk to 205. The crash at 180 drops the talk; the wrong party keeps its retry from the connect and no
  // second one: that retry (355) falls after the campaign end (300), so the contact is done with 2 dials (a
  // blocked-delay retry at 280 would have made a third).
  Scenario sc = campaign_scenario(1, 1);
  Campaign& c = campaign(sc);
  c.dialer.mode = DialerMode::Preview;
  c.dialer.preview_time = 20;
  c.right_party = 0;
  c.attempts = 3;
  c.end = 300;
  for (auto& d : c.retry_delay) d = Distribution::constant(1000);
  c.retry_delay[RR_BLOCKED] = Distribution::constant(100);
  c.retry_delay[RR_WRONG_PARTY] = Distribution::constant(200);
  HostZero platform;
  const CrashRun run = run_with_host_crashes(sc, platform, {25, 180});
  EXPECT_EQ(run.dropped, (std::vector<int64_t>{1, 1}));
  const RepResult& r = run.r;

  EXPECT_EQ(ob(r, OB_DIALS), 2);
  EXPECT_EQ(ob(r, OB_DROPPED), 2);
  EXPECT_EQ(ob(r, OB_CONNECTS), 1);
  EXPECT_EQ(ob(r, OB_RIGHT_PARTY), 0);
  EXPECT_DOUBLE_EQ(ob(r, OB_AGENT_TIME), 25 + (180 - 125));
  EXPECT_DOUBLE_EQ(ob(r, OB_TALK_SUM), 180 - 155);
  EXPECT_DOUBLE_EQ(ob(r, OB_LINES_AREA), 5 + 10);
  EXPECT_EQ(ledger_failures(r, Cause::DroppedInProgress), 2u);
}

TEST(Outbound, HostCrashDropsACalleeWaitingForAnAgent) {
  // By hand (1 agent, ring 10 s, talk 50 s, compliance window 200 s): contact 0 is dialed at 0 on host 0; an
  // inbound call (on host 1) takes the agent 5..105; the callee answers at 10 and waits. Host 0 crashes at 40:
  // the waiting callee is dropped after 30 s of wait (never abandoned: its window would have ended at 210).
  // Retry after the blocked delay: dial 140, connect 150 to the idle agent, talk to 200.
  Scenario sc = campaign_scenario(1, 1);
  Campaign& c = campaign(sc);
  c.attempts = 2;
  c.end = 600;
  c.dialer.compliance_window = 200;
  for (auto& d : c.retry_delay) d = Distribution::constant(1000);
  c.retry_delay[RR_BLOCKED] = Distribution::constant(100);
  sc.tenants[0].replay = {inbound(5, 100)};
  HostZero platform;
  platform.first = {0, 1};  // the dial at 0, the inbound call at 5
  const CrashRun run = run_with_host_crashes(sc, platform, {40});
  EXPECT_EQ(run.dropped, std::vector<int64_t>{1});
  const RepResult& r = run.r;

  EXPECT_EQ(ob(r, OB_DIALS), 2);
  EXPECT_EQ(ob(r, OB_CONNECTS), 2);
  EXPECT_EQ(ob(r, OB_DROPPED), 1);
  EXPECT_EQ(ob(r, OB_ABANDONED), 0);
  EXPECT_DOUBLE_EQ(ob(r, OB_CONNECT_WAIT_SUM), 40 - 10);
  EXPECT_DOUBLE_EQ(ob(r, OB_TALK_SUM), 50);
  EXPECT_EQ(ledger_failures(r, Cause::DroppedInProgress), 1u);
  // The campaign KPI: connect_wait = (30 + 0) / (connects - abandoned) = 15 s.
  const RowSpan all{0, r.tenants[0].ob[0].rows, sc.horizon.length};
  EXPECT_DOUBLE_EQ(campaign_kpis(r.tenants[0].ob[0], all, false)[OK_CONNECT_WAIT], 15);
  EXPECT_DOUBLE_EQ(campaign_kpis(r.tenants[0].ob[0], all, false)[OK_DROPPED], 1);
}
