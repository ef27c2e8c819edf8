// Aggregation across replications: means and Student-t intervals checked against a computation done here by
// hand (sample mean, sample standard deviation, t quantile), ratios averaged per replication, warm-up,
// undefined ratios left out, and shape checks.
#include "stats/aggregate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "stats/summary_fixture.hpp"

namespace ccsim {
namespace {

using test::empty_result;
using test::small_scenario;

// t quantile 0.975 with 2 degrees of freedom in closed form: the t2 CDF is F(t) = 1/2 + t / (2 sqrt(2 + t^2)),
// so F(t) = 0.975 gives t = sqrt(2 q^2 / (1 - q^2)) with q = 2 * 0.975 - 1.
double t975_df2() {
  const double q = 2 * 0.975 - 1;
  return std::sqrt(2 * q * q / (1 - q * q));
}

struct HandCi {
  double mean, lo, hi;
};
HandCi hand_ci3(double a, double b, double c) {
  const double m = (a + b + c) / 3;
  const double var = ((a - m) * (a - m) + (b - m) * (b - m) + (c - m) * (c - m)) / 2;
  const double half = t975_df2() * std::sqrt(var / 3);
  return {m, m - half, m + half};
}

// Three replications whose "sales" call type has, in every interval, `answered[r]` answered calls of which
// `within[r]` within T, and offered = 100 * (r + 1).
std::vector<RepResult> three_reps(const Scenario& sc, const double answered[3], const double within[3]) {
  std::vector<RepResult> reps;
  for (int r = 0; r < 3; ++r) {
    RepResult rep = empty_result(sc, r);
    rep.calls = 1000 * (r + 1);
    rep.events = 5000 * (r + 1);
    rep.wall_seconds = 0.5 * (r + 1);
    auto& ct = rep.tenants[0].ct[0];
    for (int row = 0; row < ct.rows; ++row) {
      ct.at(row, CT_OFFERED) = 100 * (r + 1);
      ct.at(row, CT_ANSWERED) = answered[r];
      ct.at(row, CT_ANSWERED_WITHIN_T) = within[r];
    }
    reps.push_back(std::move(rep));
  }
  return reps;
}

TEST(Aggregate, CountMeanAndStudentIntervalMatchHandComputation) {
  const Scenario sc = small_scenario(4);
  const double answered[3] = {80, 90, 70}, within[3] = {60, 81, 42};
  const Summary s = aggregate(sc, three_reps(sc, answered, within));
  ASSERT_EQ(s.tenants.size(), 1u);
  const Estimate& off = s.tenants[0].ct[0].overall[CK_OFFERED];
  const HandCi h = hand_ci3(4 * 100, 4 * 200, 4 * 300);  // 4 intervals per replication
  EXPECT_EQ(off.n, 3);
  EXPECT_NEAR(off.mean, h.mean, 1e-9);
  // confidence.cpp tabulates t with 4 decimals: allow that rounding on the half-width.
  EXPECT_NEAR(off.lo, h.lo, 1e-4 * (h.hi - h.lo));
  EXPECT_NEAR(off.hi, h.hi, 1e-4 * (h.hi - h.lo));
}

TEST(Aggregate, RatiosAreAveragedPerReplication) {
  const Scenario sc = small_scenario(4);
  const double answered[3] = {80, 90, 70}, within[3] = {60, 81, 42};
  const Summary s = aggregate(sc, three_reps(sc, answered, within));
  const HandCi h = hand_ci3(60.0 / 80, 81.0 / 90, 42.0 / 70);
  const Estimate& sl = s.tenants[0].ct[0].overall[CK_SL_ANSWERED];
  EXPECT_NEAR(sl.mean, h.mean, 1e-12);
  EXPECT_NEAR(sl.hi - sl.lo, h.hi - h.lo, 1e-4 * (h.hi - h.lo));
  // The pooled ratio (sum within / sum answered) is a different number: make sure it is not what we report.
  const double pooled = (60.0 + 81 + 42) / (80.0 + 90 + 70);
  EXPECT_GT(std::fabs(sl.mean - pooled), 1e-3);
  // Per interval, the same per-replication ratio.
  ASSERT_EQ(s.tenants[0].ct[0].intervals.size(), 4u);
  EXPECT_NEAR(s.tenants[0].ct[0].intervals[2][CK_SL_ANSWERED].mean, h.mean, 1e-12);
}

TEST(Aggregate, RatioOfTotalsSitsBesideTheMeanOfRatios) {
  const Scenario sc = small_scenario(4);
  const double answered[3] = {80, 90, 70}, within[3] = {60, 81, 42};
  const Summary s = aggregate(sc, three_reps(sc, answered, within));
  const CtSeries& ct = s.tenants[0].ct[0];
  // Σ within / Σ answered over the replications (every interval alike, so per interval and overall agree).
  const double pooled = (60.0 + 81 + 42) / (80.0 + 90 + 70);
  EXPECT_NEAR(ct.overall_totals[CK_SL_ANSWERED], pooled, 1e-12);
  ASSERT_EQ(ct.interval_totals.size(), 4u);
  EXPECT_NEAR(ct.interval_totals[3][CK_SL_ANSWERED], pooled, 1e-12);
  EXPECT_NEAR(ct.overall[CK_SL_ANSWERED].mean, (60.0 / 80 + 81.0 / 90 + 42.0 / 70) / 3, 1e-12);
  // Counts have no ratio-of-totals form.
  EXPECT_TRUE(std::isnan(ct.overall_totals[CK_ANSWERED]));
  EXPECT_TRUE(std::isnan(ct.overall_totals[CK_OFFERED]));
}

TEST(Aggregate, UndefinedRatiosDoNotCount) {
  const Scenario sc = small_scenario(4);
  const double answered[3] = {80, 0, 70}, within[3] = {60, 0, 42};
  const Summary s = aggregate(sc, three_reps(sc, answered, within));
  const Estimate& sl = s.tenants[0].ct[0].overall[CK_SL_ANSWERED];
  EXPECT_EQ(sl.n, 2);
  EXPECT_NEAR(sl.mean, (60.0 / 80 + 42.0 / 70) / 2, 1e-12);
  // Nobody answered anywhere in "support": its SL is undefined in every replication.
  const Estimate& none = s.tenants[0].ct[1].overall[CK_SL_ANSWERED];
  EXPECT_EQ(none.n, 0);
  EXPECT_TRUE(std::isnan(none.mean));
}

TEST(Aggregate, OneReplicationHasDegenerateInterval) {
  const Scenario sc = small_scenario(2);
  std::vector<RepResult> reps = {empty_result(sc, 0)};
  reps[0].tenants[0].ct[0].at(0, CT_OFFERED) = 42;
  const Summary s = aggregate(sc, reps);
  const Estimate& e = s.tenants[0].ct[0].overall[CK_OFFERED];
  EXPECT_EQ(e.n, 1);
  EXPECT_DOUBLE_EQ(e.mean, 42);
  EXPECT_DOUBLE_EQ(e.lo, 42);
  EXPECT_DOUBLE_EQ(e.hi, 42);
}

TEST(Aggregate, WarmupIntervalsAreLeftOutOfOverallOnly) {
  const Scenario sc = small_scenario(4, /*warmup=*/3600);
  std::vector<RepResult> reps = {empty_result(sc, 0), empty_result(sc, 1)};
  for (auto& rep : reps)
    for (int row = 0; row < 4; ++row) rep.tenants[0].ct[0].at(row, CT_OFFERED) = 10 * (row + 1);
  const Summary s = aggregate(sc, reps);
  EXPECT_EQ(s.first_counted, 2);
  EXPECT_DOUBLE_EQ(s.tenants[0].ct[0].overall[CK_OFFERED].mean, 30.0 + 40.0);
  ASSERT_EQ(s.tenants[0].ct[0].intervals.size(), 4u);
  EXPECT_DOUBLE_EQ(s.tenants[0].ct[0].intervals[0][CK_OFFERED].mean, 10.0);
}

TEST(Aggregate, TenantTotalSumsCallTypesBeforeRatios) {
  const Scenario sc = small_scenario(1);
  RepResult rep = empty_result(sc, 0);
  auto& sales = rep.tenants[0].ct[0];
  auto& support = rep.tenants[0].ct[1];
  sales.at(0, CT_OFFERED) = 100;
  sales.at(0, CT_ANSWERED) = 90;
  sales.at(0, CT_ANSWERED_WITHIN_T) = 80;
  support.at(0, CT_OFFERED) = 10;
  support.at(0, CT_ANSWERED) = 10;
  support.at(0, CT_ANSWERED_WITHIN_T) = 2;
  const Summary s = aggregate(sc, {rep});
  EXPECT_DOUBLE_EQ(s.tenants[0].all.overall[CK_OFFERED].mean, 110.0);
  EXPECT_DOUBLE_EQ(s.tenants[0].all.overall[CK_SL_ANSWERED].mean, 82.0 / 100.0);
}

TEST(Aggregate, GroupAndTrunkUseScenarioChannels) {
  const Scenario sc = small_scenario(2);
  std::vector<RepResult> reps = {empty_result(sc, 0), empty_result(sc, 1)};
  const double mean_busy[2] = {12, 18};
  for (int r = 0; r < 2; ++r) {
    auto& tr = reps[r].tenants[0].tr[0];
    for (int row = 0; row < 2; ++row) tr.at(row, TR_BUSY_AREA) = mean_busy[r] * 1800;
    auto& g = reps[r].tenants[0].gr[1];
    for (int row = 0; row < 2; ++row) {
      g.at(row, GR_BUSY_TIME) = 1800.0 * (5 + r);
      g.at(row, GR_STAFFED_TIME) = 1800.0 * 10;
    }
  }
  const Summary s = aggregate(sc, reps);
  ASSERT_EQ(s.tenants[0].channels, std::vector<int>{30});
  EXPECT_NEAR(s.tenants[0].tr[0].overall[TK_OCCUPANCY].mean, (12.0 / 30 + 18.0 / 30) / 2, 1e-12);
  EXPECT_NEAR(s.tenants[0].gr[1].overall[GK_OCCUPANCY].mean, (0.5 + 0.6) / 2, 1e-12);
  // Two replications: t with 1 degree of freedom = 12.7062 (tan(0.475 pi) = 12.7062047).
  const double half = std::tan(0.475 * std::acos(-1.0)) * std::sqrt(((0.05 * 0.05) * 2 / 1) / 2);
  const Estimate& occ = s.tenants[0].gr[1].overall[GK_OCCUPANCY];
  EXPECT_NEAR((occ.hi - occ.lo) / 2, half, 1e-4 * half);
}

TEST(Aggregate, RunTotals) {
  const Scenario sc = small_scenario(4);
  const double answered[3] = {1, 1, 1}, within[3] = {1, 1, 1};
  std::vector<RepResult> reps = three_reps(sc, answered, within);
  reps[1].complete = false;
  const Summary s = aggregate(sc, reps);
  EXPECT_EQ(s.run.replications, 3);
  EXPECT_EQ(s.run.complete_replications, 2);
  EXPECT_EQ(s.run.calls, 6000u);
  EXPECT_EQ(s.run.events, 30000u);
  EXPECT_DOUBLE_EQ(s.run.wall_seconds, 3.0);
  EXPECT_DOUBLE_EQ(s.run.calls_per_second, 6000.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.run.events_per_second, 30000.0 / 3.0);
}

TEST(Aggregate, MismatchedResultsAreRejected) {
  const Scenario sc = small_scenario(4);
  EXPECT_THROW(aggregate(sc, {}), std::invalid_argument);

  std::vector<RepResult> short_rows = {empty_result(sc, 0)};
  short_rows[0].tenants[0].ct[0].init(3, CT_NFIELDS);
  EXPECT_THROW(aggregate(sc, short_rows), std::invalid_argument);

  std::vector<RepResult> renamed = {empty_result(sc, 0), empty_result(sc, 1)};
  renamed[1].tenants[0].groups[0] = "other";
  EXPECT_THROW(aggregate(sc, renamed), std::invalid_argument);

  Scenario no_trunk = sc;
  no_trunk.tenants[0].trunks[0].name = "elsewhere";
  EXPECT_THROW(aggregate(no_trunk, {empty_result(sc, 0)}), std::invalid_argument);
}

}  // namespace
}  // namespace ccsim
