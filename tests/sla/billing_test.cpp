// Seat billing: the price list as data and the fee consumed in a service month (credit base and cap).
#include <gtest/gtest.h>

#include "callflow/billed_minutes.hpp"
#include "seats/billing.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::billing;
using ccsim::test::epoch;

TEST(Billing, StartedMinutes) {
  EXPECT_EQ(billed_minutes(61), 2);
  EXPECT_EQ(billed_minutes(60), 1);
  EXPECT_EQ(billed_minutes(59.9), 1);
  EXPECT_EQ(billed_minutes(0.4), 1);
  EXPECT_EQ(billed_minutes(0), 0);
  EXPECT_EQ(billed_minutes(-3), 0);
  EXPECT_EQ(billed_minutes(120.01), 3);
  EXPECT_EQ(billed_minutes(120 + 1e-9), 2);  // floating-point noise, not a started minute
}

TEST(Billing, PriceListLoads) {
  const PriceList p = load_price_list(test::source_dir() + "/models/billing/standard-2024.yaml");
  EXPECT_EQ(p.id, "standard-2024");
  EXPECT_EQ(p.seat_standard_per_month_cents, 20000);
  EXPECT_EQ(p.seat_advanced_per_month_cents, 35000);
  EXPECT_EQ(p.phone_number_per_30_days_cents, 3000);
  EXPECT_EQ(p.communication_per_minute_cents_x100, 600);
}

TEST(Billing, PriceListErrorsLocated) {
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "p.yaml",
                                            "price_list:\n  id: x\n  currency: EUR\n"
                                            "  seat_licence_per_month: {standard: 1.999, premium: 3}\n"
                                            "  phone_number_per_30_days: -1\n  communication_per_minute: 0.01\n");
  try {
    load_price_list(path);
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(path + ":4:"), std::string::npos) << m;
    EXPECT_NE(m.find("seat_licence_per_month.premium"), std::string::npos) << m;
    EXPECT_NE(m.find("seat_licence_per_month.standard"), std::string::npos) << m;
    EXPECT_NE(m.find("seat_licence_per_month.advanced"), std::string::npos) << m;  // missing
    EXPECT_NE(m.find(path + ":5:"), std::string::npos) << m;
  }
}

TEST(Billing, MonthFeeProRatedFromThePurchaseDay) {
  const PriceList p = load_price_list(test::source_dir() + "/models/billing/standard-2024.yaml");
  Usage u;
  // April 2026 (30 days): 10 standard seats all month; 10 advanced bought Apr 16 at 15:00; standard cut to
  // 5 on Apr 21 at 12:00 (that day still billed at 10).
  u.seats = {{epoch(2026, 3, 1), 10, 0}, {epoch(2026, 4, 16, 15), 10, 10}, {epoch(2026, 4, 21, 12), 5, 10}};
  u.numbers = {{epoch(2026, 3, 1), 3}};
  u.billed_call_minutes = 1001;
  u.deductions_cents = 5000;
  const Fee f = period_fee(p, u, epoch(2026, 4, 1), epoch(2026, 5, 1));
  const int64_t standard = (10 * 20000 * 21 + 5 * 20000 * 9 + 15) / 30;  // cents, rounded
  const int64_t advanced = (10 * 35000 * 15 + 15) / 30;
  EXPECT_EQ(f.seats_cents, standard + advanced);
  EXPECT_EQ(f.numbers_cents, 3 * 3000 * 30 / 30);
  EXPECT_EQ(f.communication_cents, (1001 * 600 + 50) / 100);
  EXPECT_EQ(f.total_cents, standard + advanced + 9000 + 6006 - 5000);

  // A 31-day month: numbers accrue 31 days of a 30-day rent; seats stay one month's price.
  Usage may;
  may.seats = {{epoch(2026, 5, 1), 1, 0}};
  may.numbers = {{epoch(2026, 5, 1), 1}};
  const Fee g = period_fee(p, may, epoch(2026, 5, 1), epoch(2026, 6, 1));
  EXPECT_EQ(g.seats_cents, 20000);
  EXPECT_EQ(g.numbers_cents, 3000 * 31 / 30);
  // A partial service month (Mar 17-31) pays 15/31 of the month.
  Usage mar;
  mar.seats = {{epoch(2026, 3, 17, 9), 2, 0}};
  EXPECT_EQ(period_fee(p, mar, epoch(2026, 3, 17), epoch(2026, 4, 1)).seats_cents, (2 * 20000 * 15 + 15) / 31);
  // Deductions larger than the fee leave nothing, never a negative fee.
  mar.deductions_cents = 1000000;
  EXPECT_EQ(period_fee(p, mar, epoch(2026, 3, 17), epoch(2026, 4, 1)).total_cents, 0);
}
