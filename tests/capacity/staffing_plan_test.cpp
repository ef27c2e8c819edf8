// The staffing plan a planner reads (capacity/tables.hpp): one count per interval that does not zigzag between
// intervals of equal load, a floor (--min-staff), scheduled FTE from shrinkage, start times as local
// date-times, and the figures achieved by the final verification run.
#include <gtest/gtest.h>

#include <cmath>

#include "capacity/staffing_search.hpp"
#include "capacity/tables.hpp"
#include "scenario/loader.hpp"

using namespace ccsim;
using namespace ccsim::capacity;

namespace {

// Four hours of half-hours at one flat rate: every interval offers the same load (200/h x 30 min = 100 calls,
// 10 Erlangs at 3 min handle). `profile` optionally shapes the day per hour.
std::string flat(const std::string& profile = "") {
  return R"(
name: flat
horizon: {start: 2026-03-16T08:00, length: 4h, interval: 30min}
seed: 5
replications: 3
tenants:
  - name: acme
    groups:
      - {name: support, agents: 12}
    call_types:
      - name: support
        arrivals: {rate: 200/h)" + (profile.empty() ? "" : ", profile_interval: 1h, day_profile: " + profile) + R"(}
        route: [support]
        handle: {dist: exponential, mean: 3min}
        patience: {dist: exponential, mean: 5min}
        service_level: {threshold: 20s, target: 80%}
)";
}

StaffingOptions quick() {
  StaffingOptions o;
  o.trial.replications = 3;
  o.trial.max_replications = 12;
  o.trial.jobs = 2;
  return o;
}

}  // namespace

TEST(StaffingPlan, LevelEqualLoadsTakesTheLargestCountAmongEqualLoads) {
  std::vector<int> agents = {5, 7, 6, 9, 7, 3};
  const std::vector<double> load = {1.0, 2.0, 1.0, 2.0, 1.0 + 1e-12, 1.0};
  const std::vector<bool> skip = {false, false, false, false, false, true};  // a quiet interval keeps its count
  EXPECT_TRUE(level_equal_loads(agents, load, skip, /*first=*/1));
  // Slot 0 is warm-up (left alone); load 1: max(6, 7) = 7; load 2: max(7, 9) = 9.
  EXPECT_EQ(agents, (std::vector<int>{5, 9, 7, 9, 7, 3}));
  EXPECT_FALSE(level_equal_loads(agents, load, skip, 1));
}

TEST(StaffingPlan, EqualLoadIntervalsGetTheSameAnswer) {
  const Scenario sc = load_scenario_text(flat(), "flat.yaml");
  const std::vector<Target> targets = {parse_target("service_level@interval=80%", sc)};
  const StaffingResult r = search_staffing(sc, targets, quick());
  ASSERT_TRUE(r.per_interval);
  ASSERT_EQ(r.groups.size(), 1u);
  const GroupStaffing& g = r.groups[0];
  ASSERT_EQ(g.agents.size(), 8u);
  EXPECT_TRUE(r.met);
  for (size_t i = 1; i < g.agents.size(); ++i) {
    EXPECT_NEAR(g.offered_erlangs[i], g.offered_erlangs[0], 1e-9);
    EXPECT_EQ(g.agents[i], g.agents[0]) << "interval " << i << " of equal load got another count";
  }
}

TEST(StaffingPlan, MinStaffShrinkageStartsAndAchievedFigures) {
  // Hours 0-7 of the day at 2% of the rate (2 calls per half-hour: quiet, staffed by the formula); the
  // horizon starts 08:00, so make hour 8 quiet too to have a quiet interval inside it.
  std::string profile = "[";
  for (int hour = 0; hour < 24; ++hour) profile += std::string(hour ? ", " : "") + (hour <= 8 ? "0.02" : "1");
  profile += "]";
  const Scenario sc = load_scenario_text(flat(profile), "floor.yaml");
  const std::vector<Target> targets = {parse_target("service_level@interval=80%", sc)};
  StaffingOptions opt = quick();
  opt.min_staff = 4;
  const StaffingResult r = search_staffing(sc, targets, opt);
  ASSERT_EQ(r.groups.size(), 1u);
  const GroupStaffing& g = r.groups[0];
  ASSERT_EQ(g.agents.size(), 8u);
  ASSERT_TRUE(g.by_formula[0] && g.by_formula[1]);  // 200/h x 0.02 x 0.5h = 2 calls < 30
  for (size_t i = 0; i < g.agents.size(); ++i) EXPECT_GE(g.agents[i], 4) << i;
  EXPECT_EQ(g.agents[0], 4);  // the formula asks 1-2 agents for 2 calls: the floor wins

  const Table t = staffing_plan_table(sc, r, 0.30);
  ASSERT_EQ(t.rows.size(), 8u);
  auto col = [&](const std::string& key) {
    for (size_t k = 0; k < t.columns.size(); ++k)
      if (t.columns[k].key == key) return k;
    ADD_FAILURE() << "no column " << key;
    return size_t{0};
  };
  EXPECT_EQ(t.columns[col("start")].unit, Unit::DateTime);
  EXPECT_EQ(std::get<std::string>(t.rows[0][col("start")]), "2026-03-16T08:00:00");
  EXPECT_EQ(std::get<std::string>(t.rows[3][col("start")]), "2026-03-16T09:30:00");
  EXPECT_NEAR(std::get<double>(t.rows[0][col("offered_calls")]), 2.0, 1e-9);
  EXPECT_NEAR(std::get<double>(t.rows[5][col("offered_calls")]), 100.0, 1e-9);
  for (size_t i = 0; i < 8; ++i) {
    const double agents = std::get<double>(t.rows[i][col("agents")]);
    EXPECT_EQ(agents, g.agents[i]);
    EXPECT_NEAR(std::get<double>(t.rows[i][col("scheduled_fte")]), agents / 0.7, 1e-12);
    EXPECT_EQ(std::get<double>(t.rows[i][col("erlang_seed")]), g.seed[i]);
  }
  // Achieved figures: the final run's group figures, the mean inside its interval.
  const auto& busy = r.final_summary.tenants[0].gr[0].intervals[5];
  EXPECT_DOUBLE_EQ(std::get<double>(t.rows[5][col("service_level")]), busy[GK_SL_ANSWERED].mean);
  EXPECT_LE(std::get<double>(t.rows[5][col("service_level_ci_lo")]), std::get<double>(t.rows[5][col("service_level")]));
  EXPECT_GE(std::get<double>(t.rows[5][col("occupancy_ci_hi")]), std::get<double>(t.rows[5][col("occupancy")]));
  EXPECT_GE(std::get<double>(t.rows[5][col("service_level")]), 0.8 - 1e-9);  // a busy interval meets its target (by the mean at least)
}
