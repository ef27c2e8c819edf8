// The cash view of seat licences and number rent: licences bought for their validity period from the purchase
// day (no refund on scale-in, reuse while valid), rent paid per 30-day cycle. Expected bills are computed by
// hand in each test from the service agreement's rules.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/time.hpp"
#include "scenario/loader.hpp"
#include "seats/billing.hpp"
#include "seats/seat_cost.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
using namespace ccsim::billing;

namespace {
int64_t at(const char* s) { return *parse_datetime(s); }
int64_t day(const char* s) { return at(s) / 86400; }

constexpr int64_t P = 20000;  // standard seat, cents per month

PriceList prices() {
  PriceList p;
  p.seat_standard_per_month_cents = P;
  p.seat_advanced_per_month_cents = 35000;
  p.phone_number_per_30_days_cents = 3000;
  p.communication_per_minute_cents_x100 = 600;
  return p;
}

CashAnchors anchors(const char* licences, const char* rent) {
  CashAnchors a;
  a.licences_paid_from = at(licences);
  a.rent_paid_from = at(rent);
  return a;
}
}  // namespace

TEST(LicenceBill, ValidityRunsAMonthFromThePurchaseDay) {
  const PriceList p = prices();
  EXPECT_EQ(licence_valid_until(p, day("2026-03-16T00:00")), day("2026-04-16T00:00"));
  EXPECT_EQ(licence_valid_until(p, day("2026-01-31T00:00")), day("2026-03-01T00:00"));  // through Feb 28
  EXPECT_EQ(licence_valid_until(p, day("2026-12-05T00:00")), day("2027-01-05T00:00"));
  PriceList d = p;
  d.licence_validity_in_days = true;
  d.licence_validity_count = 30;
  EXPECT_EQ(licence_valid_until(d, day("2026-03-16T00:00")), day("2026-04-15T00:00"));
  EXPECT_EQ(licence_price_cents(d, false), P);
}

TEST(LicenceBill, FourDaysOfTwoThousandExtraSeatsBuyTwoThousandFullMonths) {
  // 1,500 seats; 2,000 more from March 16 noon to March 20 noon (4 days); licences of the 1,500 paid on March 1.
  const std::vector<SeatLevel> seats = {
      {at("2026-03-01T00:00"), 1500, 0}, {at("2026-03-16T12:00"), 3500, 0}, {at("2026-03-20T12:00"), 1500, 0}};
  Usage u;
  u.seats = seats;
  const PriceList p = prices();
  const CashBill cash = period_cash(p, u, anchors("2026-03-01T00:00", "2026-03-01T00:00"), at("2026-03-01T00:00"),
                                    at("2026-04-01T00:00"));
  EXPECT_EQ(cash.seats_cents, (1500 + 2000) * P);  // full months, no refund on the scale-in
  EXPECT_EQ(cash.licences_bought, 3500);
  // Consumption: 31 days of 1,500 + 5 days (16..20, change days at the larger count) of 2,000, by day.
  const Fee fee = period_fee(p, u, at("2026-03-01T00:00"), at("2026-04-01T00:00"));
  EXPECT_EQ(fee.seats_cents, ((1500LL * 31 + 2000LL * 5) * P + 15) / 31);
}

TEST(LicenceBill, ScaleOutReusesLicencesStillValidAndRenewsExpiredOnes) {
  // 100 seats (paid on March 1); +50 March 5-8; +50 again March 20-22 (reuses the March 5 licences, valid to
  // April 5); +50 again April 10-11 (the March 5 licences expired: bought again).
  const std::vector<SeatLevel> seats = {{at("2026-03-01T00:00"), 100, 0}, {at("2026-03-05T09:00"), 150, 0},
                                        {at("2026-03-08T18:00"), 100, 0}, {at("2026-03-20T09:00"), 150, 0},
                                        {at("2026-03-22T18:00"), 100, 0}, {at("2026-04-10T09:00"), 150, 0},
                                        {at("2026-04-11T18:00"), 100, 0}};
  Usage u;
  u.seats = seats;
  const auto a = anchors("2026-03-01T00:00", "2026-03-01T00:00");
  const PriceList p = prices();
  const CashBill march = period_cash(p, u, a, at("2026-03-01T00:00"), at("2026-04-01T00:00"));
  EXPECT_EQ(march.seats_cents, (100 + 50) * P);
  // April: the 100 renewed on April 1, 50 bought on April 10.
  const CashBill april = period_cash(p, u, a, at("2026-04-01T00:00"), at("2026-05-01T00:00"));
  EXPECT_EQ(april.seats_cents, (100 + 50) * P);
  const auto buys = licence_purchases(p, seats, a.licences_paid_from, at("2026-05-01T00:00"));
  // March 1: 100; March 5: 50 (to April 5); April 1: 50 (the other 50 still valid); April 5: 50; April 10: 50.
  ASSERT_EQ(buys.size(), 5u);
  EXPECT_EQ(buys[1].day, day("2026-03-05T00:00"));
  EXPECT_EQ(buys[1].valid_until, day("2026-04-05T00:00"));
  EXPECT_EQ(buys[2].day, day("2026-04-01T00:00"));
  EXPECT_EQ(buys[2].standard, 50);
  EXPECT_EQ(buys[3].day, day("2026-04-05T00:00"));
  EXPECT_EQ(buys[4].day, day("2026-04-10T00:00"));
}

TEST(LicenceBill, LicencesPaidBeforeThePeriodAreNotInItsBill) {
  // The 1,500 licences were paid on February 20: renewed on March 20, within a March 16-19 horizon not paid.
  const std::vector<SeatLevel> seats = {{at("2026-03-16T00:00"), 1500, 0}, {at("2026-03-18T08:00"), 3500, 0}};
  Usage u;
  u.seats = seats;
  const PriceList p = prices();
  const CashBill horizon =
      period_cash(p, u, anchors("2026-02-20T00:00", "2026-02-20T00:00"), at("2026-03-16T00:00"), at("2026-03-20T00:00"));
  EXPECT_EQ(horizon.seats_cents, 2000 * P);
  // Paid on the horizon's first day (the default anchor): the 1,500 are bought in it too.
  const CashBill from_start =
      period_cash(p, u, anchors("2026-03-16T00:00", "2026-03-16T00:00"), at("2026-03-16T00:00"), at("2026-03-20T00:00"));
  EXPECT_EQ(from_start.seats_cents, 3500 * P);
}

TEST(LicenceBill, AdvancedSeatsHaveTheirOwnLicences) {
  const std::vector<SeatLevel> seats = {{at("2026-03-01T00:00"), 10, 5}, {at("2026-03-10T00:00"), 20, 5}};
  Usage u;
  u.seats = seats;
  const CashBill b =
      period_cash(prices(), u, anchors("2026-03-01T00:00", "2026-03-01T00:00"), at("2026-03-01T00:00"), at("2026-04-01T00:00"));
  EXPECT_EQ(b.seats_cents, 20 * P + 5 * 35000);
}

TEST(LicenceBill, NumberRentIsPaidEveryThirtyDaysFromThePaymentDay) {
  Usage u;
  u.numbers.push_back(NumberLevel{at("2026-03-01T00:00"), 3});
  u.billed_call_minutes = 1001;
  const PriceList p = prices();
  const auto a = anchors("2026-03-01T00:00", "2026-03-01T00:00");
  // March (31 days): rent paid March 1 and March 31; April: next on April 30.
  const CashBill march = period_cash(p, u, a, at("2026-03-01T00:00"), at("2026-04-01T00:00"));
  EXPECT_EQ(march.numbers_cents, 2 * 3 * 3000);
  EXPECT_EQ(march.communication_cents, (1001 * 600 + 50) / 100);  // per started minute, as consumed
  EXPECT_EQ(march.total_cents, 2 * 3 * 3000 + (1001 * 600 + 50) / 100);
  u.billed_call_minutes = 0;
  EXPECT_EQ(period_cash(p, u, a, at("2026-04-01T00:00"), at("2026-05-01T00:00")).numbers_cents, 3 * 3000);
  // Consumption view of March: 31 days of 1/30 of the rent.
  EXPECT_EQ(period_fee(p, u, at("2026-03-01T00:00"), at("2026-04-01T00:00")).numbers_cents, 3 * 3000 * 31 / 30);
}

TEST(LicenceBill, PriceListValidityKey) {
  const std::string dir = test::temp_dir();
  auto write = [&](const std::string& v) {
    return test::write_file(dir, "p.yaml",
                            "price_list:\n  id: x\n  currency: EUR\n  seat_licence_per_month: {standard: 2, advanced: 3}\n"
                            "  phone_number_per_30_days: 1\n  communication_per_minute: 0.01\n"
                            "  seat_licence_validity: " + v + "\n");
  };
  const PriceList q = load_price_list(write("3 months"));
  EXPECT_EQ(q.licence_validity_count, 3);
  EXPECT_FALSE(q.licence_validity_in_days);
  EXPECT_EQ(licence_price_cents(q, true), 3 * 300);
  EXPECT_TRUE(load_price_list(write("30 days")).licence_validity_in_days);
  const PriceList def = load_price_list(test::source_dir() + "/models/billing/standard-2024.yaml");
  EXPECT_EQ(def.licence_validity_count, 1);
  EXPECT_FALSE(def.licence_validity_in_days);
  const std::string bad = write("fortnight");
  try {
    load_price_list(bad);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(bad + ":7:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("seat_licence_validity"), std::string::npos) << e.what();
  }
}

namespace {
std::string billing_scenario(const std::string& tenant_extra, const std::string& billing_extra) {
  return "name: b\nhorizon: {start: 2026-03-16T00:00, length: 1d, interval: 1h}\ntenants:\n  - name: acme\n" +
         tenant_extra + "    groups: [{name: g, agents: 2}]\n    call_types:\n      - {name: c, arrivals: {rate: 10/h}, "
         "route: [g], handle: {dist: exponential, mean: 3min}}\n    seats: {standard: 3}\n    billing:\n      price_list: " +
         test::source_dir() + "/models/billing/standard-2024.yaml\n" + billing_extra;
}
}  // namespace

TEST(LicenceBill, ScenarioPaymentAnchorsAndRetentionKeys) {
  const Scenario sc = load_scenario_text(
      billing_scenario("    recording_retention_months: 3\n    recordings_before_horizon: none\n",
                       "      licences_paid_from: 2026-03-02\n      phone_numbers: 2\n"),
      "b.yaml");
  EXPECT_EQ(sc.tenants[0].recording_retention_months, 3);
  EXPECT_EQ(sc.tenants[0].recordings_before_horizon, "none");
  const CashAnchors a = seats::cash_anchors(sc, sc.tenants[0]);
  EXPECT_EQ(a.licences_paid_from, at("2026-03-02T00:00"));
  EXPECT_EQ(a.rent_paid_from, at("2026-03-16T00:00"));  // default: the horizon start
  // Bad values: located, with the key path.
  try {
    load_scenario_text(billing_scenario("    recordings_before_horizon: lots\n",
                                                  "      rent_paid_from: 2026-04-01\n"),
                                 "b.yaml");
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("b.yaml:"), std::string::npos) << m;
    EXPECT_NE(m.find("recordings_before_horizon"), std::string::npos) << m;
    EXPECT_NE(m.find("billing.rent_paid_from"), std::string::npos) << m;
  }
}
