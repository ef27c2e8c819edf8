// Erlang B through the trunk model: a call holds a trunk channel from arrival to the end of its talk (no
// waiting here: far more agents than channels), so the trunk group is an M/G/c/c loss system and its blocking
// is Erlang B whatever the holding-time distribution (insensitivity).
#include <gtest/gtest.h>

#include "validation/formulas.hpp"
#include "validation/sim_harness.hpp"

namespace ccsim::validation {
namespace {

constexpr double kRatePerHour = 600;  // with a 60 s mean holding time: 10 Erlang offered
constexpr double kHoldMean = 60;
constexpr int kChannels = 15;

Scenario trunk_scenario(const Distribution& hold, uint64_t seed) {
  Scenario sc = steady_scenario(52, seed);
  Tenant& t = only_tenant(sc);
  const int g = add_group(t, "agents");
  add_pool(t, "everyone", {g}, 2 * kChannels);  // an idle agent is always there: trunk time = talk time
  add_trunk(t, "carrier", kChannels);
  add_call_type(t, "voice", kRatePerHour, hold, {g});
  return sc;
}

void check_loss_system(const Scenario& sc) {
  const double a = kRatePerHour * kHoldMean / 3600.0;
  const double b = erlang_b(a, kChannels);
  const auto reps = run_replications(sc, RunPlan{});

  EXPECT_TRUE(agrees_with_exact("Erlang B blocking (CT_BLOCKED_TRUNK/OFFERED)",
                                across(reps, [](const RepTotals& r) {
                                  return r.ct[0][CT_BLOCKED_TRUNK] / r.ct[0][CT_OFFERED];
                                }),
                                b, 0.04 * b));
  // The traffic itself: flat Poisson arrivals at the configured rate.
  EXPECT_TRUE(agrees_with_exact("Erlang B arrival rate (calls/h)",
                                across(reps, [](const RepTotals& r) { return r.ct[0][CT_OFFERED] / r.kept_seconds * 3600; }),
                                kRatePerHour, 0.01 * kRatePerHour));
  // Carried load = mean busy channels = a (1 - B): checks that a channel is held exactly for the talk time.
  EXPECT_TRUE(agrees_with_exact("Erlang B carried load (TR_BUSY_AREA/time)",
                                across(reps, [](const RepTotals& r) { return r.tr[0][TR_BUSY_AREA] / r.kept_seconds; }),
                                a * (1 - b), 0.01 * a));

  for (const auto& r : reps) {
    // Counter families agree call for call, and with idle agents always at hand nobody waits.
    EXPECT_EQ(r.tr_whole[0][TR_BLOCKED], r.ct_whole[0][CT_BLOCKED_TRUNK]);
    EXPECT_EQ(r.tr_whole[0][TR_ATTEMPTS], r.ct_whole[0][CT_OFFERED]);
    EXPECT_EQ(r.ct_whole[0][CT_WAIT_SUM], 0.0);
    EXPECT_EQ(r.ct_whole[0][CT_BLOCKED_QUEUE], 0.0);
    EXPECT_LE(r.tr_whole[0][TR_BUSY_MAX], kChannels);
  }
}

TEST(ValidationErlangB, ExponentialHoldingTime) {
  check_loss_system(trunk_scenario(Distribution::exponential(kHoldMean), 101));
}

TEST(ValidationErlangB, InsensitiveToLognormalHoldingTime) {
  check_loss_system(trunk_scenario(Distribution::lognormal(kHoldMean, 1.5), 102));
}

}  // namespace
}  // namespace ccsim::validation
