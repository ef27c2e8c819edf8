#include <gtest/gtest.h>

#include "core/time.hpp"

using namespace ccsim;

TEST(Time, CivilRoundTripAndWeekday) {
  for (int64_t d = -800000; d < 800000; d += 997) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  EXPECT_EQ(weekday_from_days(days_from_civil(2026, 11, 23)), 0);  // a Monday
  EXPECT_EQ(weekday_from_days(days_from_civil(2019, 3, 31)), 6);   // a Sunday
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2100, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
}

TEST(Time, ParsesDurationsWithUnits) {
  EXPECT_DOUBLE_EQ(*parse_duration("30s"), 30);
  EXPECT_DOUBLE_EQ(*parse_duration("5min"), 300);
  EXPECT_DOUBLE_EQ(*parse_duration("1h30min"), 5400);
  EXPECT_DOUBLE_EQ(*parse_duration("1.5h"), 5400);
  EXPECT_DOUBLE_EQ(*parse_duration("2d"), 172800);
  EXPECT_DOUBLE_EQ(*parse_duration("90"), 90);
  EXPECT_DOUBLE_EQ(*parse_duration("250ms"), 0.25);
  EXPECT_FALSE(parse_duration("5 parsecs"));
  EXPECT_FALSE(parse_duration("-5s"));
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("3 4"));
}

TEST(Time, ParsesDatesStrictly) {
  EXPECT_EQ(*parse_datetime("1970-01-02T00:00"), 86400);
  EXPECT_EQ(*parse_datetime("2026-03-17 08:30:15"), epoch_from_civil({2026, 3, 17}, 8, 30, 15));
  EXPECT_FALSE(parse_datetime("2026-02-30"));
  EXPECT_FALSE(parse_datetime("2026-13-01"));
  EXPECT_FALSE(parse_datetime("2026-03-17T25:00"));
  EXPECT_EQ(format_datetime(*parse_datetime("2024-02-29T23:59")), "2024-02-29T23:59:00");
  EXPECT_DOUBLE_EQ(*parse_time_of_day("24:00"), 86400);
  EXPECT_FALSE(parse_time_of_day("24:01"));
}
