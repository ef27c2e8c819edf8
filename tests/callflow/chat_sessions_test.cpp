// Chat: an agent holds up to `sessions` chats at once, each chat's handle time stretched by
// 1 + session_slowdown x (k - 1) with k the chats the agent holds when it starts (docs/model.md "Chat").
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "callflow/model_builder.hpp"
#include "callflow/simulation.hpp"
#include "core/error.hpp"
#include "scenario/loader.hpp"

using namespace ccsim;

namespace {

// One agent with 3 sessions, chats of exactly 100 s arriving at 40/h (load 1.1 chats on 3 slots).
Scenario one_chat_agent(double slowdown) {
  Scenario sc = test::one_group_scenario(40, 1, 100, 24);
  sc.call_records = true;
  Tenant& t = sc.tenants[0];
  t.call_types[0].channel = Channel::Chat;
  t.call_types[0].handle = Distribution::constant(100);
  t.pools[0].sessions = 3;
  t.pools[0].session_slowdown = slowdown;
  return sc;
}

}  // namespace

TEST(ChatSessions, OneAgentHoldsUpToItsSessionsAndEachFurtherChatStretches) {
  RepResult r = simulate_with_heap(one_chat_agent(0.5), 0);
  const TenantRep& t = r.tenants[0];
  // Hand-computed: k = 1, 2, 3 concurrent chats give 100 x (1 + 0.5 (k - 1)) = 100, 150, 200 s; never a 4th.
  std::set<double> handles;
  for (const auto& rec : t.records)
    if (rec.outcome == CallOutcome::Answered) handles.insert(rec.handle);
  EXPECT_EQ(handles, (std::set<double>{100, 150, 200}));
  // Staffed time counts the person once, busy time as a share of the sessions: occupancy <= 1.
  const double staffed = t.gr[0].total(GR_STAFFED_TIME), busy = t.gr[0].total(GR_BUSY_TIME);
  EXPECT_NEAR(staffed, 24 * 3600.0, 1e-6);
  // Busy time = the chats' time with the agent inside the horizon (no wrap-up), each session a third.
  double inside = 0;
  for (const auto& rec : t.records)
    if (rec.outcome == CallOutcome::Answered) {
      const double from = rec.arrival + rec.wait;
      inside += std::max(0.0, std::min(from + rec.handle, 24 * 3600.0) - from);
    }
  EXPECT_NEAR(busy, inside / 3, 1e-6 * inside);
}

TEST(ChatSessions, WithoutSlowdownEveryChatKeepsItsHandleTime) {
  RepResult r = simulate_with_heap(one_chat_agent(0), 0);
  for (const auto& rec : r.tenants[0].records)
    if (rec.outcome == CallOutcome::Answered) {
      EXPECT_DOUBLE_EQ(rec.handle, 100);
    }
}

TEST(ChatSessions, VoiceReachingMultiSessionAgentsIsALocatedError) {
  try {
    load_scenario_text(
        "tenants:\n"
        "  - name: a\n"
        "    groups: [{name: g, agents: 2, sessions: 3}]\n"
        "    call_types: [{name: v, route: [g], arrivals: {rate: 1}}]\n",
        "t.yaml");
    FAIL() << "accepted voice routed to chat agents";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.yaml:4:36: tenants[0].call_types[0].route[0]: voice call type 'v' reaches "
                                         "pool 'g' whose agents hold 3 chat sessions"),
              std::string::npos)
        << e.what();
  }
  const Scenario s = load_scenario_text(
      "tenants:\n"
      "  - name: a\n"
      "    groups: [{name: g, agents: 2, sessions: 3, session_slowdown: 20%}]\n"
      "    call_types: [{name: c, channel: chat, route: [g], arrivals: {rate: 1}}]\n",
      "t.yaml");
  EXPECT_EQ(s.tenants[0].pools[0].sessions, 3);
  EXPECT_DOUBLE_EQ(s.tenants[0].pools[0].session_slowdown, 0.2);
}
