// Service months and claim windows (business days, holidays, year end, leap February).
#include <gtest/gtest.h>

#include "core/service_month.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::sla;
using ccsim::test::epoch;

TEST(ServiceMonths, OpenedMarch17ForThreeMonths) {
  const auto ms = service_months(epoch(2026, 3, 17), epoch(2026, 6, 17));
  ASSERT_EQ(ms.size(), 4u);
  const CivilDate first[] = {{2026, 3, 17}, {2026, 4, 1}, {2026, 5, 1}, {2026, 6, 1}};
  const CivilDate last[] = {{2026, 3, 31}, {2026, 4, 30}, {2026, 5, 31}, {2026, 6, 16}};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(ms[i].first_day, first[i]);
    EXPECT_EQ(ms[i].last_day, last[i]);
    EXPECT_EQ(ms[i].days, days_from_civil(last[i]) - days_from_civil(first[i]) + 1);
    EXPECT_EQ(ms[i].total_minutes(), ms[i].days * 1440);
  }
  EXPECT_TRUE(ms[0].partial());
  EXPECT_FALSE(ms[1].partial());
  EXPECT_TRUE(ms[3].partial());
}

TEST(ServiceMonths, LeapFebruaryAndWholeDays) {
  const auto ms = service_months(epoch(2024, 2, 1), epoch(2024, 3, 1));
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].total_minutes(), 29 * 1440);
  // A start or end inside a day counts that whole day.
  const auto part = service_months(epoch(2024, 2, 1, 9, 30), epoch(2024, 2, 3, 12));
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].days, 3);
  EXPECT_TRUE(service_months(epoch(2024, 2, 1), epoch(2024, 2, 1)).empty());
}

namespace {
ServiceMonth month_of(int y, int m) { return service_months(epoch(y, m, 1), epoch_from_civil(add_days({y, m, days_in_month(y, m)}, 1))).at(0); }
}  // namespace

// Calendar facts used below: 2026-01-01 is a Thursday, 2024-02-01 a Thursday, 2026-07-01 a Wednesday,
// 2026-01-03 a Saturday.
TEST(ClaimWindow, AcrossYearEnd) {
  const ClaimWindowRule rule;  // 5th business day, 60 days
  BusinessCalendar cal;
  auto w = claim_window(month_of(2025, 12), rule, cal);
  // January 2026 business days: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 -> 5th is Jan 7.
  EXPECT_EQ(w.nth_business_day, (CivilDate{2026, 1, 7}));
  EXPECT_EQ(w.opens, (CivilDate{2026, 1, 8}));
  // Dec 31 + 60 days: 31 days of January, 28 of February, 1 of March.
  EXPECT_EQ(w.closes, (CivilDate{2026, 3, 1}));

  cal.holidays.insert(days_from_civil(2026, 1, 1));  // New Year's Day
  w = claim_window(month_of(2025, 12), rule, cal);
  EXPECT_EQ(w.nth_business_day, (CivilDate{2026, 1, 8}));
  EXPECT_EQ(w.opens, (CivilDate{2026, 1, 9}));

  cal.extra_workdays.insert(days_from_civil(2026, 1, 3));  // a make-up Saturday
  w = claim_window(month_of(2025, 12), rule, cal);
  EXPECT_EQ(w.nth_business_day, (CivilDate{2026, 1, 7}));
}

TEST(ClaimWindow, FebruaryLeapAndCommonYears) {
  const ClaimWindowRule rule;
  const BusinessCalendar cal;
  // Jan 31 + 60 days: leap 2024 -> 29 Feb days -> Mar 31; 2023 -> Apr 1.
  EXPECT_EQ(claim_window(month_of(2024, 1), rule, cal).closes, (CivilDate{2024, 3, 31}));
  EXPECT_EQ(claim_window(month_of(2023, 1), rule, cal).closes, (CivilDate{2023, 4, 1}));
  // February 2024 business days: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7.
  EXPECT_EQ(claim_window(month_of(2024, 1), rule, cal).opens, (CivilDate{2024, 2, 8}));
  // Service month February 2024 ends on the 29th.
  EXPECT_EQ(claim_window(month_of(2024, 2), rule, cal).closes, add_days({2024, 2, 29}, 60));
  EXPECT_EQ(claim_window(month_of(2024, 2), rule, cal).closes, (CivilDate{2024, 4, 29}));
}

TEST(ClaimWindow, PartialLastMonthClosesSixtyDaysAfterItsLastDay) {
  const auto ms = service_months(epoch(2026, 3, 17), epoch(2026, 6, 17));
  const auto w = claim_window(ms.back(), ClaimWindowRule{}, BusinessCalendar{});
  EXPECT_EQ(w.closes, (CivilDate{2026, 8, 15}));  // Jun 16 + 14 + 31 + 15
  // July 2026: Wed 1, Thu 2, Fri 3, Mon 6, Tue 7.
  EXPECT_EQ(w.opens, (CivilDate{2026, 7, 8}));
}
