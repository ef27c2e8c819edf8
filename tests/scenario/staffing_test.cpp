// Staffing resolution: constant counts, counts per interval (daily repetition and whole-horizon coverage),
// named shifts with breaks, midnight crossing, days of week and validity windows. Expected schedules are
// written out from the shift definitions (hours x 3600).
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "scenario/loader.hpp"
#include "scenario/staffing.hpp"

using namespace ccsim;
using scenario::Schedule;

namespace {

constexpr double H = 3600;

AgentPool pool_of(const std::string& horizon, const std::string& group_body) {
  Scenario s = load_scenario_text("horizon: " + horizon + "\n"
                                  "tenants:\n  - name: a\n    groups:\n      - name: g\n" + group_body +
                                      "    call_types: [{name: g, arrivals: {rate: 1}}]\n",
                                  "t.yaml");
  return s.tenants[0].pools.at(0);
}

TEST(Staffing, ConstantCount) {
  AgentPool p = pool_of("{length: 1d}", "        agents: 12\n");
  EXPECT_EQ(p.schedule, Schedule({{0, 12}}));
  EXPECT_EQ(p.max_agents, 12);
}

TEST(Staffing, NightShiftCrossingMidnightWithBreak) {
  // 22:00-06:00 every day, 5 agents, 2 of them on a 30-minute break at 02:00. The horizon starts Monday
  // 00:00, so Sunday's shift is on duty at t = 0.
  AgentPool p = pool_of("{start: 2026-03-16T00:00, length: 2d}",
                        "        shifts:\n"
                        "          - {name: night, start: \"22:00\", end: \"06:00\", agents: 5,\n"
                        "             breaks: [{at: \"02:00\", length: 30min, agents: 2}]}\n");
  const Schedule want = {{0, 5},      {2 * H, 3},  {2.5 * H, 5},  {6 * H, 0},
                         {22 * H, 5}, {26 * H, 3}, {26.5 * H, 5}, {30 * H, 0}, {46 * H, 5}};
  EXPECT_EQ(p.schedule, want);
  EXPECT_EQ(p.max_agents, 5);
  EXPECT_EQ(scenario::count_at(p.schedule, 2.25 * H), 3);
}

TEST(Staffing, OverlappingShiftsAndStaggeredBreaksAdd) {
  AgentPool p = pool_of("{start: 2026-03-16T00:00, length: 1d}",
                        "        shifts:\n"
                        "          - start: \"08:00\"\n            end: \"16:00\"\n            agents: 10\n"
                        "            breaks: [{at: \"12:00\", length: 30min, agents: 5}, {at: \"12:30\", length: 30min, agents: 5}]\n"
                        "          - {start: \"12:00\", end: \"20:00\", agents: 4}\n");
  // 08-12: 10; 12-13: 5 on duty of the first shift + 4 = 9; 13-16: 14; 16-20: 4.
  const Schedule want = {{0, 0}, {8 * H, 10}, {12 * H, 9}, {13 * H, 14}, {16 * H, 4}, {20 * H, 0}};
  EXPECT_EQ(p.schedule, want);
  EXPECT_EQ(p.max_agents, 14);
}

TEST(Staffing, DaysOfWeekAndWeekdayRanges) {
  // Horizon Friday 2026-03-20 00:00 for 3 days; a mon-fri day shift works only on the first day, a weekend
  // shift on the next two.
  AgentPool weekdays = pool_of("{start: 2026-03-20T00:00, length: 3d}",
                               "        shifts: [{start: \"09:00\", end: \"17:00\", agents: 3, days: mon-fri}]\n");
  EXPECT_EQ(weekday_from_days(days_from_civil(2026, 3, 20)), 4);  // Friday
  EXPECT_EQ(weekdays.schedule, Schedule({{0, 0}, {9 * H, 3}, {17 * H, 0}}));
  AgentPool weekend = pool_of("{start: 2026-03-20T00:00, length: 3d}",
                              "        shifts: [{start: \"09:00\", end: \"17:00\", agents: 2, days: [sat, sun]}]\n");
  EXPECT_EQ(weekend.schedule, Schedule({{0, 0}, {33 * H, 2}, {41 * H, 0}, {57 * H, 2}, {65 * H, 0}}));
  // A wrapping range fri-mon includes the weekend.
  AgentPool wrap = pool_of("{start: 2026-03-20T00:00, length: 3d}",
                           "        shifts: [{start: \"09:00\", end: \"10:00\", agents: 1, days: fri-mon}]\n");
  EXPECT_EQ(wrap.schedule.size(), 7u);
}

TEST(Staffing, ValidityWindowWithInclusiveDate) {
  // from 2026-03-17 (Tuesday) to 2026-03-18 inclusive: the shift works on two of the four days.
  AgentPool p = pool_of("{start: 2026-03-16T00:00, length: 4d}",
                        "        shifts: [{start: \"08:00\", end: \"12:00\", agents: 2, from: 2026-03-17, to: 2026-03-18}]\n");
  EXPECT_EQ(p.schedule, Schedule({{0, 0}, {32 * H, 2}, {36 * H, 0}, {56 * H, 2}, {60 * H, 0}}));
}

TEST(Staffing, CountsRepeatDailyFromTimeOfDay) {
  // 4 slots of 6 h cover one day, so they repeat; the horizon starts at 09:00 (inside slot 1).
  AgentPool p = pool_of("{start: 2026-03-16T09:00, length: 1d}",
                        "        staffing: {interval: 6h, counts: [1, 5, 8, 2]}\n");
  // 09-12 slot 1 (5); 12-18 slot 2 (8); 18-24 slot 3 (2); 00-06 slot 0 (1); 06-09 slot 1 (5).
  EXPECT_EQ(p.schedule, Schedule({{0, 5}, {3 * H, 8}, {9 * H, 2}, {15 * H, 1}, {21 * H, 5}}));
  EXPECT_EQ(p.max_agents, 8);
}

TEST(Staffing, CountsCoveringTheWholeHorizon) {
  // 3 slots of 12 h over a 36 h horizon: not one day, so they are read from the horizon start.
  AgentPool p = pool_of("{start: 2026-03-16T00:00, length: 36h}",
                        "        staffing: {interval: 12h, counts: [4, 4, 9]}\n");
  EXPECT_EQ(p.schedule, Schedule({{0, 4}, {24 * H, 9}}));
}

TEST(Staffing, ShiftHelpers) {
  ShiftSpec s;
  s.start = 22 * H;
  s.end = 6 * H;
  EXPECT_DOUBLE_EQ(scenario::shift_length(s), 8 * H);
  BreakSpec b;
  b.at = 1 * H;
  EXPECT_DOUBLE_EQ(scenario::break_offset(s, b), 3 * H);
}

}  // namespace
