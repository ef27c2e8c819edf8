// Seat cost: the purchased-seat timeline of a run priced per service month, licences effective from the
// purchase day. Expected amounts are computed here from the rule (day-prorated monthly price), not copied.
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "seats/seat_cost.hpp"

using namespace ccsim;

namespace {
int64_t at(const char* s) { return *parse_datetime(s); }

Scenario month_scenario() {
  Scenario sc;
  sc.horizon.start = at("2026-03-01T00:00:00");
  sc.horizon.length = 31 * 86400.0;
  Tenant t;
  t.name = "acme";
  t.seats.enabled = true;
  t.seats.standard = 100;
  t.seats.advanced = 10;
  sc.tenants.push_back(t);
  return sc;
}
}  // namespace

TEST(SeatCost, TimelineFromActions) {
  Scenario sc = month_scenario();
  std::vector<ScalingAction> acts;
  ScalingAction a;
  a.tenant = "acme";
  a.requested = 10 * 86400.0;
  a.effective = 10 * 86400.0 + 12 * 3600;  // March 11, noon
  a.from_seats = 110;
  a.to_seats = 160;
  acts.push_back(a);
  ScalingAction other = a;
  other.tenant = "someone-else";
  other.to_seats = 999;
  acts.push_back(other);
  ScalingAction late = a;
  late.effective = 40 * 86400.0;  // after the horizon: not in force during the run
  late.to_seats = 500;
  acts.push_back(late);
  const auto levels = seats::seat_levels_from_actions(sc, sc.tenants[0], acts);
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[0].from, sc.horizon.start);
  EXPECT_EQ(levels[0].standard, 100);
  EXPECT_EQ(levels[0].advanced, 10);
  EXPECT_EQ(levels[1].from, at("2026-03-11T12:00:00"));
  EXPECT_EQ(levels[1].standard, 150);  // changes resize standard seats
  EXPECT_EQ(levels[1].advanced, 10);
}

TEST(SeatCost, MonthFeeFollowsTheTimeline) {
  Scenario sc = month_scenario();
  billing::PriceList p;
  p.seat_standard_per_month_cents = 20000;
  p.seat_advanced_per_month_cents = 35000;
  std::vector<billing::SeatLevel> levels = {{at("2026-03-01T00:00:00"), 100, 10}, {at("2026-03-11T12:00:00"), 150, 10}};
  const auto months = seats::tenant_service_months(sc, sc.tenants[0]);
  ASSERT_EQ(months.size(), 1u);
  const auto cost = seats::seat_cost_by_month(p, levels, months);
  ASSERT_EQ(cost.size(), 1u);
  // 10 days at 100 standard, 21 days (March 11 counts whole: purchase day) at 150; 31 days of 10 advanced.
  const __int128 num = (10 * 100 + 21 * 150) * static_cast<__int128>(20000) + 31 * 10 * static_cast<__int128>(35000);
  const int64_t expected = static_cast<int64_t>((num + 15) / 31);  // half-up to the cent over 31 days
  EXPECT_EQ(cost[0].seats_cents, expected);
  EXPECT_EQ(cost[0].min_seats, 110);
  EXPECT_EQ(cost[0].max_seats, 160);
  // Without the change, the month costs the full monthly price of 110 seats.
  const auto flat = seats::seat_cost_by_month(p, {levels[0]}, months);
  EXPECT_EQ(flat[0].seats_cents, 100 * 20000 + 10 * 35000);
  EXPECT_GT(cost[0].seats_cents, flat[0].seats_cents);
}

TEST(SeatCost, TimelineFromMinuteSamples) {
  Scenario sc = month_scenario();
  sc.horizon.length = 3 * 60;
  SampleTable m;
  m.init(3, MIN_NFIELDS);
  m.at(0, MIN_SEATS) = 110;
  m.at(1, MIN_SEATS) = 110;
  m.at(2, MIN_SEATS) = 5;  // below the advanced count: only advanced seats remain
  const auto levels = seats::seat_levels_from_minutes(sc, sc.tenants[0], m);
  ASSERT_EQ(levels.size(), 2u);
  EXPECT_EQ(levels[1].from, sc.horizon.start + 120);
  EXPECT_EQ(levels[1].standard, 0);
  EXPECT_EQ(levels[1].advanced, 5);
}
