// Durability on the stored stock of recordings (6-month retention by default): expected losses and
// P(at least one loss) computed by hand from the contract's figure (99.99999%: p = 1e-7 per stored file per
// month), never from the evaluator's own output.
#include <gtest/gtest.h>

#include <cmath>

#include "sla/durability.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using ccsim::test::epoch;

namespace {
// Two days from 2026-01-01 with 1,000 recordings a minute, evaluated over the same two days.
sla::MonthResult two_days(const sla::RetentionRule& rule) {
  MinuteLedger L = test::empty_ledger(epoch(2026, 1, 1), 2);
  L.recordings.assign(L.minutes(), 1000);
  sla::SlaInputs in = test::term(epoch(2026, 1, 1), 2);
  in.retention = rule;
  return sla::evaluate(test::contract_a(), L, in).months.at(0);
}

// 1 - (1 - p)^n the textbook way, in long double (n is a whole number of files here).
double p_any_by_hand(double n, double p) { return static_cast<double>(1.0L - std::pow(1.0L - p, static_cast<long double>(n))); }
}  // namespace

TEST(Durability, MonthsBeforeClampsToTheMonthEnd) {
  EXPECT_EQ(sla::months_before(epoch(2026, 1, 3, 8, 30), 6), epoch(2025, 7, 3, 8, 30));
  EXPECT_EQ(sla::months_before(epoch(2026, 8, 31), 6), epoch(2026, 2, 28));
  EXPECT_EQ(sla::months_before(epoch(2026, 3, 1), 14), epoch(2025, 1, 1));
}

TEST(Durability, PAtLeastOneLossMatchesTheTextbookFormula) {
  for (double n : {1.0, 1000.0, 2880000.0, 264960000.0})
    EXPECT_NEAR(sla::p_at_least_one_loss(n, 1e-7), p_any_by_hand(n, 1e-7), 1e-12) << n;
  EXPECT_EQ(sla::p_at_least_one_loss(0, 1e-7), 0);
}

TEST(Durability, StockWithoutHistoryIsTheLedgerItself) {
  sla::RetentionRule none;
  none.before = sla::StockBefore::None;
  const auto m = two_days(none);
  ASSERT_TRUE(m.durability.has_value());
  const double n = 2 * 1440 * 1000.0;  // every recording of the two days is still stored
  EXPECT_DOUBLE_EQ(m.durability->stock, n);
  EXPECT_DOUBLE_EQ(m.durability->before_ledger, 0);
  EXPECT_NEAR(m.durability->expected_losses, n * 1e-7, 1e-9);
  EXPECT_NEAR(m.durability->p_any_loss, p_any_by_hand(n, 1e-7), 1e-9);  // about 0.25
  EXPECT_EQ(m.durability->at_epoch, epoch(2026, 1, 3));
}

TEST(Durability, StockExtrapolatesTheRateOverTheRetentionWindow) {
  const auto m = two_days(sla::RetentionRule{});  // 6 months, extrapolate (the defaults)
  ASSERT_TRUE(m.durability.has_value());
  // Stock taken at 2026-01-03 00:00: recordings made since 2025-07-03 00:00 are kept. The ledger gives 2 days;
  // 2025-07-03 .. 2026-01-01 is 29 + 31 + 30 + 31 + 30 + 31 = 182 days at the ledger's 1,000 per minute.
  const double before = 182 * 1440 * 1000.0, n = before + 2 * 1440 * 1000.0;
  EXPECT_DOUBLE_EQ(m.durability->before_ledger, before);
  EXPECT_DOUBLE_EQ(m.durability->stock, n);
  EXPECT_NEAR(m.durability->expected_losses, n * 1e-7, 1e-6);  // 26.5 files, not the month's 0.29
  EXPECT_NEAR(m.durability->p_any_loss, p_any_by_hand(n, 1e-7), 1e-12);
  EXPECT_EQ(m.durability->retention_months, 6);
}

TEST(Durability, GivenStockIsSpreadOverTheWindowBeforeTheLedger) {
  sla::RetentionRule given;
  given.months = 6;
  ASSERT_TRUE(sla::set_stock_before("1000000", given));
  const auto m = two_days(given);
  // 1,000,000 made evenly over 2025-07-01 .. 2026-01-01 (184 days); at 2026-01-03 those before 2025-07-03
  // (2 days) are deleted.
  EXPECT_NEAR(m.durability->before_ledger, 1e6 * 182.0 / 184.0, 1e-6);
  EXPECT_FALSE(sla::set_stock_before("lots", given));
  EXPECT_FALSE(sla::set_stock_before("-3", given));
}

TEST(Durability, ShorterRetentionKeepsLess) {
  sla::RetentionRule one;
  one.months = 1;
  const auto m = two_days(one);
  // 2025-12-03 .. 2026-01-01: 29 days before the ledger.
  EXPECT_DOUBLE_EQ(m.durability->before_ledger, 29 * 1440 * 1000.0);
}
