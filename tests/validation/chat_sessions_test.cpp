// Chat with concurrent sessions against exact queueing formulas. With session_slowdown 0, c agents holding N
// chats each are c x N independent exponential servers fed by one FIFO queue: M/M/(cN) (Erlang C) with
// infinitely patient customers, M/M/(cN)+M (Erlang A) with exponential patience. The expected values are
// computed here from formulas.hpp with cN servers; a model that ignored `sessions` would be an M/M/c queue
// (4 servers for 10 or 11 Erlang: unstable, or abandonment near 2/3) and fail by a wide margin.
#include <gtest/gtest.h>

#include "validation/formulas.hpp"
#include "validation/sim_harness.hpp"

namespace ccsim::validation {
namespace {

constexpr double kHandleMean = 180;
constexpr int kAgents = 4, kSessions = 3;

Scenario chat_scenario(double rate_per_hour, std::optional<double> patience_mean, uint64_t seed, double hours) {
  Scenario sc = steady_scenario(hours, seed);
  Tenant& t = only_tenant(sc);
  const int g = add_group(t, "chat");
  const int p = add_pool(t, "agents", {g}, kAgents);
  t.pools[static_cast<size_t>(p)].sessions = kSessions;
  CallType& ct = add_call_type(t, "chat", rate_per_hour, Distribution::exponential(kHandleMean), {g});
  ct.channel = Channel::Chat;
  if (patience_mean) ct.patience = Distribution::exponential(*patience_mean);
  ct.sl_threshold = 0;  // "answered within T" = answered without waiting
  return sc;
}

double share(const RepTotals& r, int field) { return r.ct[0][field] / r.ct[0][CT_OFFERED]; }

}  // namespace

TEST(ValidationChat, SessionsWithoutSlowdownAreErlangCWithAgentsTimesSessionsServers) {
  // 200 chats/h x 180 s = 10 Erlang on 4 x 3 = 12 sessions.
  const ErlangC ex = erlang_c(200.0 / 3600, 1 / kHandleMean, kAgents * kSessions);
  const auto reps = run_replications(chat_scenario(200, std::nullopt, 701, 302), RunPlan{});
  EXPECT_TRUE(agrees_with_exact("chat M/M/12 P(wait)", across(reps, [](const RepTotals& r) {
                                  return 1 - share(r, CT_ANSWERED_WITHIN_T);
                                }),
                                ex.p_wait, 0.01));
  EXPECT_TRUE(agrees_with_exact("chat M/M/12 ASA (s)", across(reps, [](const RepTotals& r) {
                                  return r.ct[0][CT_WAIT_SUM] / r.ct[0][CT_ANSWERED];
                                }),
                                ex.asa, 0.08 * ex.asa));
  // Occupancy reads as session utilisation: busy session-seconds / (sessions x agent-seconds) = a / (cN).
  EXPECT_TRUE(agrees_with_exact("chat session utilisation", across(reps, [](const RepTotals& r) {
                                  return r.gr[0][GR_BUSY_TIME] / r.gr[0][GR_STAFFED_TIME];
                                }),
                                ex.occupancy, 0.01));
}

TEST(ValidationChat, SessionsWithPatienceAreErlangAWithAgentsTimesSessionsServers) {
  // 11 Erlang on 12 sessions, mean patience = mean handle time.
  const MmckmResult ex = mmck_m(220.0 / 3600, 1 / kHandleMean, kAgents * kSessions, -1, 1 / kHandleMean);
  const auto reps = run_replications(chat_scenario(220, kHandleMean, 702, 302), RunPlan{});
  EXPECT_TRUE(agrees_with_exact("chat Erlang A P(wait)", across(reps, [](const RepTotals& r) {
                                  return 1 - share(r, CT_ANSWERED_WITHIN_T);
                                }),
                                ex.p_wait, 0.01));
  EXPECT_TRUE(agrees_with_exact("chat Erlang A P(abandon)", across(reps, [](const RepTotals& r) {
                                  return share(r, CT_ABANDONED);
                                }),
                                ex.p_abandon, 0.01));
}

}  // namespace ccsim::validation
