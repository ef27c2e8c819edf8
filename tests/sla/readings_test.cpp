// Issue 10 items 6, 9, 10, 12: the readings a credit depends on, each checked against figures computed here by
// hand. Eligibility (standard vs table, both shown, headline = entitlement text), the service term of a short
// horizon (calendar months, minutes outside the horizon), contract B's aggregate cap without a 12-month
// window, and fees net of vouchers/coupons paid.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <tuple>

#include "core/decimal.hpp"
#include "sla/evaluate.hpp"
#include "run/sla_inputs.hpp"
#include "output/sla_format.hpp"
#include "output/sla_json.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::test;

namespace {

constexpr int kStd = static_cast<int>(sla::Eligibility::Standard);
constexpr int kTbl = static_cast<int>(sla::Eligibility::Table);

// March 2026 (31 days) under contract A with `unavailable` minutes at 98% success, fee 1,000.00.
sla::SlaEvaluation march_a(int unavailable, std::optional<sla::Eligibility> el = {}) {
  const int64_t start = epoch(2026, 3, 1);
  MinuteLedger L = empty_ledger(start, 31);
  for (int m = 0; m < unavailable; ++m) set_minute(L, static_cast<size_t>(m) * 11, 100, Cause::HostDown, 2);
  sla::SlaInputs in = term(start, 31);
  in.eligibility = el;
  in.monthly_fee_cents = 100000;
  return sla::evaluate(contract_a(), L, in);
}

// Per-call ledger: `minutes` minutes with `calls` calls each, `failed` of them host failures.
MinuteLedger per_call_ledger(int64_t start, int days, int minutes, uint32_t calls, uint32_t failed) {
  MinuteLedger L = empty_ledger(start, days);
  for (int m = 0; m < minutes; ++m) set_minute(L, static_cast<size_t>(m) * 13, calls, Cause::HostDown, failed);
  return L;
}

}  // namespace

// ---------------------------------------------------------------- item 10: eligibility readings

TEST(SlaReadings, ContractAHeadlineFollowsTheEntitlementText) {
  EXPECT_EQ(contract_a().eligibility_default, sla::Eligibility::Standard);
  // 134 of 44,640 minutes unavailable: 44,506 / 44,640 = 99.6998%: in [99%, 99.95%), not below 99.5%.
  const int64_t total = 31 * 1440, u = 134;
  ASSERT_TRUE((total - u) * 10000 >= 9900 * total && (total - u) * 10000 < 9995 * total);
  ASSERT_FALSE((total - u) * 10000 < 9950 * total);
  const auto ev = march_a(static_cast<int>(u));
  const auto& m = ev.months[0];
  EXPECT_EQ(m.avail_num, static_cast<uint64_t>(total - u));
  EXPECT_EQ(m.tier, 0);
  EXPECT_FALSE(m.by_reading[kStd].eligible);
  EXPECT_EQ(m.by_reading[kStd].credit_owed_cents.value(), 0);
  EXPECT_TRUE(m.by_reading[kTbl].eligible);
  EXPECT_EQ(m.by_reading[kTbl].credit_bp, 1000);
  EXPECT_EQ(m.by_reading[kTbl].credit_owed_cents.value(), 10000);  // 10% of 1,000.00
  EXPECT_EQ(m.credit_owed_cents.value(), 0);                         // headline = standard reading
  EXPECT_EQ(ev.credit_owed_by_reading_cents[kStd].value(), 0);
  EXPECT_EQ(ev.credit_owed_by_reading_cents[kTbl].value(), 10000);
}

TEST(SlaReadings, BothReadingsAgreeBelowTheStandardAndAboveTheTable) {
  const int64_t total = 31 * 1440;
  // 313 minutes: 44,327 / 44,640 = 99.2988%, below 99.5%: tier [99%, 99.95%) under both readings.
  // 10 minutes: 99.9776%, above the table: nothing under either. 2,300 minutes: 94.8476% -> 50%.
  struct Case { int u; int64_t bp; };
  for (const Case c : {Case{313, 1000}, Case{10, 0}, Case{2300, 5000}}) {
    const bool below = (total - c.u) * 10000 < 9950 * total;
    const auto m = march_a(c.u).months[0];
    EXPECT_EQ(m.by_reading[kStd].credit_bp, below ? c.bp : 0) << c.u;
    EXPECT_EQ(m.by_reading[kTbl].credit_bp, c.bp) << c.u;
    EXPECT_EQ(m.by_reading[kTbl].credit_owed_cents.value(), 100000 * c.bp / 10000) << c.u;
  }
}

TEST(SlaReadings, OverrideMakesTheTableTheHeadlineAndBothAreShown) {
  const auto ev = march_a(134, sla::Eligibility::Table);
  EXPECT_TRUE(ev.eligibility_overridden);
  EXPECT_EQ(ev.credit_owed_cents.value(), 10000);
  const nlohmann::json j = ev;
  EXPECT_EQ(j["readings"]["headline"], "table");
  EXPECT_DOUBLE_EQ(j["months"][0]["credit_by_reading"]["standard"]["credit_owed"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(j["months"][0]["credit_by_reading"]["table"]["credit_owed"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(j["totals"]["credit_owed_by_reading"]["table"].get<double>(), 100.0);
  const std::string t = sla::format_evaluation(march_a(134));
  EXPECT_NE(t.find("Owed-std: credit only below the standard 99.5% (entitlement text) [headline]"), std::string::npos) << t;
  EXPECT_NE(t.find("Owed-tbl: any tier of the table (upper bound of the liability)\n"), std::string::npos) << t;
  EXPECT_NE(t.find("100.00"), std::string::npos) << t;  // the table reading's 10% of 1,000.00 beside the 0.00
  const sla::SlaSummary s = sla::summarize({march_a(134), march_a(134)});
  EXPECT_DOUBLE_EQ(s.total_credit_owed_by_reading_cents[kTbl]->mean, 10000.0);
  EXPECT_DOUBLE_EQ(s.total_credit_owed_by_reading_cents[kStd]->mean, 0.0);
  const std::string f = sla::format_summary(s);
  // No price list and no contract currency: amounts are in "fee units", said so.
  EXPECT_NE(f.find("Total expected credit owed (voucher, fee units), standard reading (headline): 0.00"), std::string::npos) << f;
  EXPECT_NE(f.find("Total expected credit owed (voucher, fee units), table reading: 100.00"), std::string::npos) << f;
}

// ---------------------------------------------------------------- item 6: service term of a short horizon

TEST(SlaReadings, MinutesOutsideTheObservedHorizonCountAsAvailableByDefault) {
  // One simulated day (March 16) with 2 unavailable minutes, judged in the calendar month March 1-31.
  const int64_t day = epoch(2026, 3, 16);
  MinuteLedger L = empty_ledger(day, 1);
  set_minute(L, 600, 100, Cause::HostDown, 2);
  set_minute(L, 601, 100, Cause::HostDown, 2);
  sla::SlaInputs in = term(epoch(2026, 3, 1), 31);
  in.observed = std::make_pair(day, day + 86400);
  in.monthly_fee_cents = 1200000;
  auto ev = sla::evaluate(contract_a(), L, in);
  const int64_t total = 31 * 1440;
  EXPECT_EQ(ev.months[0].total_minutes, total);
  EXPECT_EQ(ev.months[0].observed_minutes, 1440);
  EXPECT_EQ(ev.months[0].avail_num, static_cast<uint64_t>(total - 2));  // 99.9955%: no tier
  EXPECT_EQ(ev.months[0].tier, -1);
  EXPECT_EQ(ev.credit_owed_by_reading_cents[kTbl].value(), 0);
  // Excluded: the month is judged on its 1,440 observed minutes: 1,438 / 1,440 = 99.861%, tier [99%, 99.95%).
  in.outside = sla::OutsideObserved::Excluded;
  ev = sla::evaluate(contract_a(), L, in);
  EXPECT_EQ(ev.months[0].total_minutes, 1440);
  EXPECT_EQ(ev.months[0].avail_num, 1438u);
  EXPECT_EQ(ev.months[0].tier, 0);
  EXPECT_EQ(ev.credit_owed_by_reading_cents[kTbl].value(), 120000);  // 10% of the fee given (12,000.00)
  const nlohmann::json j = ev;
  EXPECT_EQ(j["term"]["observed"]["outside_minutes"], "excluded");
}

TEST(SlaReadings, PerCallContractExtrapolatesTheObservedCallRateWhenOutsideIsAvailable) {
  // Contract B, March 2026, one observed day: 100 minutes x 10 calls, 20 failed: 980 / 1,000 on the day.
  const int64_t day = epoch(2026, 3, 16);
  const MinuteLedger L = per_call_ledger(day, 1, 100, 10, 0);
  MinuteLedger F = L;
  for (int m = 0; m < 10; ++m) F.failures[static_cast<size_t>(m) * 13][static_cast<int>(Cause::HostDown)] = 2;
  sla::SlaInputs in = term(epoch(2026, 3, 1), 31);
  in.observed = std::make_pair(day, day + 86400);
  const auto ev = sla::evaluate(contract_b(), F, in);
  // 30 unobserved days at 1,000 calls a day, all successful: 30,000 more calls.
  const auto& m = ev.months[0];
  EXPECT_EQ(m.counted_calls, 1000u);
  EXPECT_EQ(m.extrapolated_calls, 30000u);
  EXPECT_EQ(m.avail_num, 31000u - 20u);
  EXPECT_EQ(m.avail_den, 31000u);
  in.outside = sla::OutsideObserved::Excluded;
  const auto ex = sla::evaluate(contract_b(), F, in).months[0];
  EXPECT_EQ(ex.avail_den, 1000u);
  EXPECT_EQ(ex.tier, 1);  // 98% in [95%, 99%)
}

// ---------------------------------------------------------------- item 9: contract B's aggregate cap

TEST(SlaReadings, ContractBAggregateCapIsAllFeesPaidWithoutTwelveMonthWindow) {
  const sla::Contract b = contract_b();
  EXPECT_EQ(b.caps.window_months, 0);
  // 14 service months Jan 2025 .. Feb 2026, 10.00 a month, a renewed service with 30.00 paid and 29.00
  // credited before the term. Feb 2026 (index 13): 50% of calls failed -> 50% credit = 5.00.
  const int64_t feb = epoch(2026, 2, 1);
  const MinuteLedger L = per_call_ledger(feb, 28, 100, 10, 5);
  sla::SlaInputs in;
  in.service_start = epoch(2025, 1, 1);
  in.service_end = epoch(2026, 3, 1);
  in.fees_cents.assign(14, 1000);
  in.prior_fees_12m_cents = 3000;
  in.prior_credits_12m_cents = 2900;
  const auto ev = sla::evaluate(b, L, in);
  ASSERT_EQ(ev.months.size(), 14u);
  // No window: every fee paid for the service (prior 30.00 + 14 x 10.00) minus every credit (29.00).
  EXPECT_EQ(ev.months[13].aggregate_cap_remaining_cents.value(), 3000 + 14 * 1000 - 2900);
  EXPECT_EQ(ev.months[13].credit_owed_cents.value(), 500);
  const nlohmann::json j = ev;
  EXPECT_EQ(j["aggregate_cap_window_months"], "none");
  // Contract A keeps its window: months 2..13 = 12 x 10.00, prior fees out of the window.
  const auto a = sla::evaluate(contract_a(), empty_ledger(feb, 28), in);
  EXPECT_EQ(a.months[13].aggregate_cap_remaining_cents.value(), 12 * 1000);
}

TEST(SlaReadings, ContractBAggregateCapBindsOnAllPriorCreditsEvenPastTwelveMonths) {
  // Credits already granted before the term exceed the fees paid then by 14 x 10.00 - 3.00: only 3.00 of room
  // is left for the whole term, whatever its length; a window would have forgotten them after 12 months.
  const int64_t feb = epoch(2026, 2, 1);
  const MinuteLedger L = per_call_ledger(feb, 28, 100, 10, 5);
  sla::SlaInputs in;
  in.service_start = epoch(2025, 1, 1);
  in.service_end = epoch(2026, 3, 1);
  in.fees_cents.assign(14, 1000);
  in.prior_fees_12m_cents = 5000;
  in.prior_credits_12m_cents = 5000 + 14 * 1000 - 300;
  const auto ev = sla::evaluate(contract_b(), L, in);
  EXPECT_EQ(ev.months[13].credit_after_month_cap_cents.value(), 500);
  EXPECT_EQ(ev.months[13].credit_owed_cents.value(), 300);
}

// ---------------------------------------------------------------- item 12: vouchers/coupons paid

TEST(SlaReadings, FeeNetOfVouchersIsTheCreditBaseAndTheMonthlyCap) {
  // Contract B, March 2026: 50% of calls failed -> 50% credit. Fee 1,000.00 of which 300.00 paid by coupons.
  const MinuteLedger L = per_call_ledger(epoch(2026, 3, 1), 31, 100, 10, 5);
  sla::SlaInputs in = term(epoch(2026, 3, 1), 31);
  in.monthly_fee_cents = 100000;
  in.deductions_per_month_cents = 30000;
  auto ev = sla::evaluate(contract_b(), L, in);
  const auto& m = ev.months[0];
  EXPECT_EQ(m.fee_gross_cents.value(), 100000);
  EXPECT_EQ(m.deductions_cents.value(), 30000);
  EXPECT_EQ(m.fee_cents.value(), 70000);
  EXPECT_EQ(m.credit_owed_cents.value(), 35000);  // 50% of 700.00, not of 1,000.00
  // A 100% tier: the per-month cap is the net fee (700.00).
  sla::Contract full = contract_b();
  full.tiers.back().credit_bp = 10000;
  EXPECT_EQ(sla::evaluate(full, L, in).months[0].credit_owed_cents.value(), 70000);
  // Deductions larger than the fee leave nothing to credit.
  in.deductions_per_month_cents = 200000;
  ev = sla::evaluate(contract_b(), L, in);
  EXPECT_EQ(ev.months[0].fee_cents.value(), 0);
  EXPECT_EQ(ev.months[0].credit_owed_cents.value(), 0);
  const nlohmann::json j = ev;
  EXPECT_DOUBLE_EQ(j["months"][0]["fee_gross"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(j["months"][0]["deductions"].get<double>(), 1000.0);
}

TEST(SlaReadings, DefaultTermIsTheCalendarMonthsContainingTheHorizon) {
  Scenario sc;
  Tenant t;
  sc.horizon.start = epoch(2026, 3, 31, 12);  // 36 hours from March 31 noon: March and April
  sc.horizon.length = 36 * 3600;
  auto [from, to] = sla::service_term(sc, t);
  EXPECT_EQ(from, epoch(2026, 3, 1));
  EXPECT_EQ(to, epoch(2026, 5, 1));
  sc.horizon.start = epoch(2026, 12, 1);  // a whole December ends exactly at midnight: December only
  sc.horizon.length = 31 * 86400;
  std::tie(from, to) = sla::service_term(sc, t);
  EXPECT_EQ(from, epoch(2026, 12, 1));
  EXPECT_EQ(to, epoch(2027, 1, 1));
  t.sla.term_given = true;  // a term set in the scenario is kept as given
  t.sla.service_start = epoch(2026, 12, 5);
  t.sla.service_end = epoch(2026, 12, 20);
  std::tie(from, to) = sla::service_term(sc, t);
  EXPECT_EQ(from, epoch(2026, 12, 5));
  EXPECT_EQ(to, epoch(2026, 12, 20));
}
