// Erlang C (M/M/c, FIFO, infinitely patient callers): the reference case, 200 calls/h, 180 s mean
// handle time, 12 agents, service-level threshold 20 s.
#include <gtest/gtest.h>

#include "validation/formulas.hpp"
#include "validation/sim_harness.hpp"

namespace ccsim::validation {
namespace {

constexpr double kRatePerHour = 200;
constexpr double kHandleMean = 180;
constexpr int kAgents = 12;

Scenario mmc_scenario(double sl_threshold, double hours) {
  Scenario sc = steady_scenario(hours, 201);
  Tenant& t = only_tenant(sc);
  const int g = add_group(t, "support");
  add_pool(t, "agents", {g}, kAgents);
  add_call_type(t, "voice", kRatePerHour, Distribution::exponential(kHandleMean), {g}).sl_threshold = sl_threshold;
  return sc;
}

double answered_share(const RepTotals& r) { return r.ct[0][CT_ANSWERED] / r.ct[0][CT_OFFERED]; }

TEST(ValidationErlangC, ServiceLevelAsaQueueAndOccupancy) {
  const ErlangC ex = erlang_c(kRatePerHour / 3600, 1 / kHandleMean, kAgents);
  // Waits in a loaded M/M/c are strongly autocorrelated: ASA needs ~3M calls for a +-4% interval.
  const auto reps = run_replications(mmc_scenario(20, 752), RunPlan{});

  EXPECT_TRUE(agrees_with_exact("Erlang C SL P(W<=20s)", across(reps, [](const RepTotals& r) {
                                  return r.ct[0][CT_ANSWERED_WITHIN_T] / r.ct[0][CT_ANSWERED];
                                }),
                                ex.service_level(20), 0.015));
  EXPECT_TRUE(agrees_with_exact("Erlang C ASA (s)", across(reps, [](const RepTotals& r) {
                                  return r.ct[0][CT_WAIT_SUM] / r.ct[0][CT_ANSWERED];
                                }),
                                ex.asa, 0.05 * ex.asa));
  EXPECT_TRUE(agrees_with_exact("Erlang C mean queue length",
                                across(reps, [](const RepTotals& r) { return r.gr[0][GR_QUEUE_AREA] / r.kept_seconds; }),
                                ex.mean_queue, 0.05 * ex.mean_queue));
  EXPECT_TRUE(agrees_with_exact("Erlang C occupancy (busy/staffed time)", across(reps, [](const RepTotals& r) {
                                  return r.gr[0][GR_BUSY_TIME] / r.gr[0][GR_STAFFED_TIME];
                                }),
                                ex.occupancy, 0.01));
  // Nobody is lost: no patience, no capacity limit. Only calls still in progress at the horizon end may be
  // unanswered, and those are outside the kept intervals.
  EXPECT_TRUE(agrees_with_exact("Erlang C answered share", across(reps, answered_share), 1.0, 1e-9, 1e-12));
}

TEST(ValidationErlangC, ProbabilityOfWaiting) {
  const ErlangC ex = erlang_c(kRatePerHour / 3600, 1 / kHandleMean, kAgents);
  // With T = 0, "answered within T" counts exactly the calls that found an idle agent (wait 0).
  const auto reps = run_replications(mmc_scenario(0, 452), RunPlan{});
  EXPECT_TRUE(agrees_with_exact("Erlang C P(wait)", across(reps, [](const RepTotals& r) {
                                  return 1 - r.ct[0][CT_ANSWERED_WITHIN_T] / r.ct[0][CT_ANSWERED];
                                }),
                                ex.p_wait, 0.008));
}

}  // namespace
}  // namespace ccsim::validation
