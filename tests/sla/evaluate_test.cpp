// Contract evaluation: the worked examples of the text, every tier boundary (integer arithmetic), both
// eligibility readings, exclusions, caps and contract B's per-call counting.
#include <gtest/gtest.h>

#include <random>

#include "core/decimal.hpp"
#include "sla/evaluate.hpp"
#include "output/sla_format.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::test;

namespace {

// Expected tier index of availability (T-U)/T for a tier table given as [lower, upper) in parts per 10,000,
// computed here independently of the program: integer comparisons only.
int expected_tier(int64_t good, int64_t total, const std::vector<std::pair<int64_t, int64_t>>& bounds_bp) {
  for (size_t i = 0; i < bounds_bp.size(); ++i)
    if (good * 10000 >= bounds_bp[i].first * total && good * 10000 < bounds_bp[i].second * total) return static_cast<int>(i);
  return -1;
}
const std::vector<std::pair<int64_t, int64_t>> kTiersA = {{9900, 9995}, {9500, 9900}, {0, 9500}};
const std::vector<std::pair<int64_t, int64_t>> kTiersB = {{9900, 9950}, {9500, 9900}, {0, 9500}};

// `unavailable` minutes each with 100 requests and 2 provider failures (98% success) from minute 0.
sla::SlaEvaluation run_a(int64_t start, int days, int unavailable, std::optional<sla::Eligibility> el = {}) {
  MinuteLedger L = empty_ledger(start, days);
  for (int m = 0; m < unavailable; ++m) set_minute(L, static_cast<size_t>(m) * 7 % L.minutes(), 100, Cause::HostDown, 2);
  sla::SlaInputs in = term(start, days);
  in.eligibility = el;
  in.monthly_fee_cents = 1000000;
  return sla::evaluate(contract_a(), L, in);
}

}  // namespace

TEST(SlaEvaluate, WorkedExampleThirtyMinutesAt98PercentInMarch2019) {
  const auto ev = run_a(epoch(2019, 3, 1), 31, 30);
  ASSERT_EQ(ev.months.size(), 1u);
  const auto& m = ev.months[0];
  const int64_t total = 31 * 1440;
  EXPECT_EQ(m.total_minutes, total);
  EXPECT_EQ(m.unavailable_minutes, 30);
  EXPECT_EQ(m.avail_num, static_cast<uint64_t>(total - 30));
  EXPECT_EQ(m.avail_den, static_cast<uint64_t>(total));
  EXPECT_DOUBLE_EQ(m.availability, 1.0 - 30.0 / total);
  // The text rounds it to 99.93%.
  EXPECT_NEAR(std::round(m.availability * 10000) / 100, 99.93, 1e-9);
  EXPECT_EQ(m.tier, expected_tier(total - 30, total, kTiersA));
  EXPECT_EQ(m.tier, 0);
}

TEST(SlaEvaluate, MinuteUnavailableExactlyBelow99Percent) {
  EXPECT_FALSE(sla::minute_unavailable(0, 0, 990000));     // no requests: available
  EXPECT_FALSE(sla::minute_unavailable(100, 1, 990000));   // exactly 99%: not below
  EXPECT_TRUE(sla::minute_unavailable(100, 2, 990000));
  EXPECT_FALSE(sla::minute_unavailable(1000, 10, 990000));
  EXPECT_TRUE(sla::minute_unavailable(1000, 11, 990000));
  EXPECT_TRUE(sla::minute_unavailable(1, 1, 990000));
}

// Boundaries: pick month lengths where the boundary is a whole number of minutes, and test it and one
// minute either side. 99.95% of 25 days (36,000 min) = 18 min; 99% and 99.5% of 5 days (7,200) = 72 / 36;
// 95% of 1 day (1,440) = 72.
struct Boundary {
  int days;
  int64_t boundary_bp;  // availability boundary in parts per 10,000
};
class TierBoundaryA : public ::testing::TestWithParam<Boundary> {};

TEST_P(TierBoundaryA, ExactlyAtAndOneMinuteEitherSide) {
  const auto [days, bp] = GetParam();
  const int64_t total = static_cast<int64_t>(days) * 1440;
  ASSERT_EQ(total * (10000 - bp) % 10000, 0) << "boundary must be a whole number of minutes";
  const int64_t at = total * (10000 - bp) / 10000;  // unavailable minutes putting availability exactly on it
  for (int64_t u : {at - 1, at, at + 1}) {
    const auto ev = run_a(epoch(2026, 1, 1), days, static_cast<int>(u), sla::Eligibility::Table);
    const auto& m = ev.months[0];
    ASSERT_EQ(m.unavailable_minutes, u);
    const int tier = expected_tier(total - u, total, kTiersA);
    EXPECT_EQ(m.tier, tier) << days << " days, " << u << " unavailable";
    const int64_t credit_bp[] = {1000, 2500, 5000};
    EXPECT_EQ(m.credit_bp, tier < 0 ? 0 : credit_bp[tier]);
    EXPECT_EQ(m.below_standard, (total - u) * 10000 < 9950 * total);
  }
}
INSTANTIATE_TEST_SUITE_P(Boundaries, TierBoundaryA,
                         ::testing::Values(Boundary{25, 9995}, Boundary{5, 9900}, Boundary{1, 9500}, Boundary{5, 9950}));

TEST(SlaEvaluate, EligibilityReadingsDifferOnlyBetweenStandardAndTableTop) {
  // 5 days = 7,200 min. 36 unavailable = exactly 99.5% (not below standard), 37 = below, 10 = 99.86%.
  for (int u : {10, 36, 37}) {
    const auto table = run_a(epoch(2026, 1, 1), 5, u, sla::Eligibility::Table).months[0];
    const auto standard = run_a(epoch(2026, 1, 1), 5, u, sla::Eligibility::Standard).months[0];
    const bool below = (7200 - u) * 10000 < 9950 * 7200;
    EXPECT_EQ(table.tier, 0);
    EXPECT_TRUE(table.eligible);
    EXPECT_EQ(table.credit_bp, 1000);
    EXPECT_EQ(standard.eligible, below) << u;
    EXPECT_EQ(standard.credit_bp, below ? 1000 : 0) << u;
  }
  const auto def = run_a(epoch(2026, 1, 1), 5, 10);
  EXPECT_EQ(def.eligibility, contract_a().eligibility_default);
  EXPECT_FALSE(def.eligibility_overridden);
  EXPECT_TRUE(run_a(epoch(2026, 1, 1), 5, 10, sla::Eligibility::Table).eligibility_overridden);
  EXPECT_NE(sla::format_evaluation(def).find("eligibility: standard (contract default)"), std::string::npos);
}

TEST(SlaEvaluate, ServiceTermMarch17ToJune16GivesFourMonthsAccountedSeparately) {
  const int64_t start = epoch(2026, 3, 17);
  MinuteLedger L = empty_ledger(start, 92);  // Mar 17 .. Jun 16
  // 10 unavailable minutes on April 3 only.
  const size_t apr3 = static_cast<size_t>((epoch(2026, 4, 3) - start) / 60);
  for (size_t k = 0; k < 10; ++k) set_minute(L, apr3 + k, 50, Cause::Degraded, 5);
  sla::SlaInputs in;
  in.service_start = start;
  in.service_end = epoch(2026, 6, 17);
  const auto ev = sla::evaluate(contract_a(), L, in);
  ASSERT_EQ(ev.months.size(), 4u);
  const int days[] = {15, 30, 31, 16};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(ev.months[i].total_minutes, days[i] * 1440);
  EXPECT_EQ(ev.months[0].unavailable_minutes, 0);
  EXPECT_EQ(ev.months[1].unavailable_minutes, 10);
  EXPECT_EQ(ev.months[1].avail_num, static_cast<uint64_t>(30 * 1440 - 10));
  EXPECT_EQ(ev.months[2].unavailable_minutes, 0);
  EXPECT_EQ(ev.months[3].covered_minutes, 16 * 1440);
  EXPECT_FALSE(ev.fees_cents.has_value());  // no fee given: percentages only
}

TEST(SlaEvaluate, LedgerOutsideTermIgnoredAndUncoveredMinutesAvailable) {
  const int64_t start = epoch(2026, 3, 30);
  MinuteLedger L = empty_ledger(start, 4);  // Mar 30 .. Apr 2
  for (size_t m = 0; m < L.minutes(); ++m) set_minute(L, m, 10, Cause::HostDown, 10);  // all down
  sla::SlaInputs in;
  in.service_start = epoch(2026, 4, 1);
  in.service_end = epoch(2026, 5, 1);
  const auto ev = sla::evaluate(contract_a(), L, in);
  ASSERT_EQ(ev.months.size(), 1u);
  EXPECT_EQ(ev.ledger_minutes_outside_term, 2 * 1440);
  EXPECT_EQ(ev.months[0].covered_minutes, 2 * 1440);
  EXPECT_EQ(ev.months[0].unavailable_minutes, 2 * 1440);
  EXPECT_EQ(ev.months[0].avail_num, static_cast<uint64_t>(28 * 1440));
}

TEST(SlaEvaluate, ExcludedCausesRemoveFailuresNotMinutes) {
  const int64_t start = epoch(2026, 5, 1);
  MinuteLedger L = empty_ledger(start, 1);
  set_minute(L, 0, 100, Cause::CarrierOutage, 40);  // excluded (5.13): available
  set_minute(L, 1, 100, Cause::CarrierOutage, 5);   // 5 excluded + 1 provider: 94/95 normal requests < 99%
  L.failures[1][static_cast<int>(Cause::HostDown)] = 1;
  set_minute(L, 2, 100, Cause::CustomerNetwork, 3);  // excluded (5.1)
  sla::Contract a = contract_a();
  const auto ev = sla::evaluate(a, L, term(start, 1));
  const auto& m = ev.months[0];
  EXPECT_EQ(m.unavailable_all_failures, 3);
  EXPECT_EQ(m.unavailable_minutes, 1);  // minute 1 under the "normal requests" reading
  EXPECT_EQ(m.unavailable_removed_by_cause, 2);
  EXPECT_EQ(m.provider_failures, 1u);
  EXPECT_EQ(m.failures, 49u);
  EXPECT_EQ(m.failures_by_cause[static_cast<int>(Cause::CarrierOutage)], 45u);
  // With excluded-cause requests kept in the denominator, minute 1 is 99/100 = 99%: available.
  a.excluded_cause_requests = sla::ExcludedCauseRequests::Keep;
  EXPECT_EQ(sla::evaluate(a, L, term(start, 1)).months[0].unavailable_minutes, 0);
}

TEST(SlaEvaluate, AnnouncedEventMinutesExcludedWhole) {
  const int64_t start = epoch(2026, 5, 1);
  MinuteLedger L = empty_ledger(start, 1);
  for (size_t m = 0; m < 20; ++m) set_minute(L, m, 100, Cause::HostDown, 50);
  for (size_t m = 0; m < 15; ++m) L.announced_event[m] = 1;  // an announced drill covers 15 of them
  const auto m = sla::evaluate(contract_a(), L, term(start, 1)).months[0];
  EXPECT_EQ(m.excluded_minutes_announced, 15);
  EXPECT_EQ(m.unavailable_removed_by_announced, 15);
  EXPECT_EQ(m.unavailable_minutes, 5);
  // An unannounced drill counts in full.
  sla::Contract a = contract_a();
  a.announced.excluded = false;
  EXPECT_EQ(sla::evaluate(a, L, term(start, 1)).months[0].unavailable_minutes, 20);
}

TEST(SlaEvaluate, QpsRuleExcludesSurgeMinutesWithoutNotice) {
  const int64_t start = epoch(2026, 5, 1);
  MinuteLedger L = empty_ledger(start, 1);
  // 5.0 QPS over a minute = 300 requests. 299 stays in; 300 and 600 reach the threshold.
  set_minute(L, 0, 299, Cause::HostOverloadCps, 30);
  set_minute(L, 1, 300, Cause::HostOverloadCps, 30);
  set_minute(L, 2, 600, Cause::HostOverloadCps, 60);
  set_minute(L, 3, 600, Cause::HostOverloadCps, 0);  // a surge minute that was fine
  const auto a = contract_a();
  ASSERT_EQ(a.qps.threshold_milli_qps * 60 / 1000, 300);
  const auto no_notice = sla::evaluate(a, L, term(start, 1)).months[0];
  EXPECT_EQ(no_notice.excluded_minutes_qps, 3);
  EXPECT_EQ(no_notice.unavailable_removed_by_qps, 2);
  EXPECT_EQ(no_notice.unavailable_minutes, 1);
  EXPECT_EQ(no_notice.qps_minutes_with_notice, 0);

  // A notice window covering minutes 1-2 keeps them in.
  sla::SlaInputs in = term(start, 1);
  in.notices.push_back({start + 60, start + 180});
  const auto noticed = sla::evaluate(a, L, in).months[0];
  EXPECT_EQ(noticed.excluded_minutes_qps, 1);  // minute 3 only
  EXPECT_EQ(noticed.unavailable_removed_by_qps, 0);
  EXPECT_EQ(noticed.unavailable_minutes, 3);
  EXPECT_EQ(noticed.qps_minutes_with_notice, 2);
  // The ledger's own notice flag works the same way.
  MinuteLedger flagged = L;
  flagged.qps_notice[2] = 1;
  EXPECT_EQ(sla::evaluate(a, flagged, term(start, 1)).months[0].unavailable_removed_by_qps, 1);
}

TEST(SlaEvaluate, RemovedMinutesAddUpToAllFailureUnavailability) {
  const int64_t start = epoch(2026, 5, 1);
  MinuteLedger L = empty_ledger(start, 1);
  std::mt19937_64 rng(7);
  for (size_t m = 0; m < L.minutes(); ++m) {
    const uint32_t req = static_cast<uint32_t>(rng() % 400);
    // Odd minutes fail for a load cause, which the default QPS reading removes in surge minutes.
    set_minute(L, m, req, m % 2 ? Cause::HostOverloadCps : Cause::HostDown,
               req ? static_cast<uint32_t>(rng() % (req / 20 + 1)) : 0);
    if (req) L.failures[m][static_cast<int>(Cause::CarrierOutage)] = static_cast<uint32_t>(rng() % 3) % (req - L.failed(m) + 1);
    L.announced_event[m] = rng() % 10 == 0;
  }
  sla::Contract literal = contract_a();
  literal.qps.exclusion = sla::QpsExclusion::WholeMinute;
  for (const auto& c : {contract_a(), literal}) {
    const auto m = sla::evaluate(c, L, term(start, 1)).months[0];
    EXPECT_GT(m.unavailable_removed_by_qps, 0);
    EXPECT_GT(m.unavailable_removed_by_announced, 0);
    EXPECT_EQ(m.unavailable_all_failures, m.unavailable_removed_by_cause + m.unavailable_removed_by_announced +
                                              m.unavailable_removed_by_qps + m.unavailable_minutes);
  }
}

TEST(SlaEvaluate, ContractBCountsCallsAndUsesItsTiers) {
  const auto b = contract_b();
  EXPECT_EQ(b.unit, sla::Unit::ApiCall);
  EXPECT_EQ(b.credit_form, sla::CreditForm::Cash);
  const int64_t start = epoch(2026, 2, 1);
  // 10,000 calls spread over 100 minutes; boundaries 99.5% = 50 failed, 99% = 100, 95% = 500.
  for (int64_t failed : {49, 50, 51, 99, 100, 101, 499, 500, 501}) {
    MinuteLedger L = empty_ledger(start, 28);
    for (size_t m = 0; m < 100; ++m) set_minute(L, m, 100, Cause::HostDown, 0);
    for (int64_t k = 0; k < failed; ++k) L.failures[k % 100][static_cast<int>(Cause::HostDown)] += 1;
    sla::SlaInputs in = term(start, 28);
    in.monthly_fee_cents = 500000;
    const auto m = sla::evaluate(b, L, in).months[0];
    EXPECT_EQ(m.counted_calls, 10000u);
    EXPECT_EQ(m.counted_failed, static_cast<uint64_t>(failed));
    EXPECT_EQ(m.avail_num, static_cast<uint64_t>(10000 - failed));
    const int tier = expected_tier(10000 - failed, 10000, kTiersB);
    EXPECT_EQ(m.tier, tier) << failed;
    const int64_t pct[] = {10, 30, 50};
    EXPECT_EQ(m.credit_owed_cents.value(), tier < 0 ? 0 : 500000 * pct[tier] / 100) << failed;
  }
}

TEST(SlaEvaluate, ContractBExclusions) {
  const auto b = contract_b();
  const int64_t start = epoch(2026, 2, 1);
  MinuteLedger L = empty_ledger(start, 1);
  set_minute(L, 0, 100, Cause::HostDown, 10);
  set_minute(L, 1, 100, Cause::CarrierOutage, 50);  // excluded cause: a call, not a failure
  set_minute(L, 2, 100, Cause::HostDown, 100);
  L.announced_event[2] = 1;                         // announced: its calls leave the count
  set_minute(L, 3, 400, Cause::HostOverloadCps, 100);  // >= 5.0 QPS without notice: load failures removed
  const auto m = sla::evaluate(b, L, term(start, 1)).months[0];
  EXPECT_EQ(m.counted_calls, 600u);  // keep: the minute's calls stay, its overload failures do not count
  EXPECT_EQ(m.counted_failed, 10u);
  EXPECT_EQ(m.avail_num, 590u);
  EXPECT_EQ(m.avail_den, 600u);
  EXPECT_EQ(m.requests, 700u);
}

TEST(SlaEvaluate, PerMonthCapLimitsCreditToTheMonthsFee) {
  sla::Contract a = contract_a();
  a.tiers[2].credit_bp = 15000;  // a hypothetical 150% tier: the cap must bring it back to the fee
  const int64_t start = epoch(2026, 1, 1);
  MinuteLedger L = empty_ledger(start, 1);
  for (size_t m = 0; m < 200; ++m) set_minute(L, m, 10, Cause::HostDown, 10);  // < 95%
  sla::SlaInputs in = term(start, 1);
  in.monthly_fee_cents = 12345;
  const auto m = sla::evaluate(a, L, in).months[0];
  EXPECT_EQ(m.credit_before_caps_cents.value(), (12345 * 15000 + 5000) / 10000);
  EXPECT_EQ(m.credit_owed_cents.value(), 12345);
}

TEST(SlaEvaluate, CreditRoundsHalfUpToTheCent) {
  const auto ev = [] {
    MinuteLedger L = empty_ledger(epoch(2026, 1, 1), 1);
    set_minute(L, 0, 10, Cause::HostDown, 10);  // 1 of 1,440 minutes: 99.93% -> 10%
    sla::SlaInputs in = term(epoch(2026, 1, 1), 1);
    in.eligibility = sla::Eligibility::Table;  // 99.93% is in the table's first tier, not below the standard
    in.monthly_fee_cents = 12345;  // 10% = 1234.5 cents
    return sla::evaluate(contract_a(), L, in);
  }();
  EXPECT_EQ(ev.months[0].credit_owed_cents.value(), 1235);
}

namespace {
// Term of 13 service months Jan 2025 .. Jan 2026; outages in Dec 2025 (index 11) and Jan 2026 (index 12),
// both below 95% (50% credit). Fees: 10.00 a month, Jan 2026 1,000.00.
sla::SlaEvaluation thirteen_months(const sla::Contract& c, int64_t prior_fees = 0, int64_t prior_credits = 0) {
  const int64_t ledger_start = epoch(2025, 12, 1);
  MinuteLedger L = empty_ledger(ledger_start, 62);
  for (size_t m = 0; m < L.minutes(); ++m)
    if (m % 10 == 0) set_minute(L, m, 10, Cause::HostDown, 5);  // 10% of minutes unavailable
  sla::SlaInputs in;
  in.service_start = epoch(2025, 1, 1);
  in.service_end = epoch(2026, 2, 1);
  in.fees_cents.assign(13, 1000);
  in.fees_cents[12] = 100000;
  in.prior_fees_12m_cents = prior_fees;
  in.prior_credits_12m_cents = prior_credits;
  return sla::evaluate(c, L, in);
}
}  // namespace

TEST(SlaEvaluate, AggregateCapPastTwelveMonthsUsesFeesOfTheWindow) {
  sla::Contract a = contract_a();
  // Reading in the contract: the damage month's own fee is part of the window.
  auto ev = thirteen_months(a);
  ASSERT_EQ(ev.months.size(), 13u);
  EXPECT_EQ(ev.months[11].credit_owed_cents.value(), 500);      // 50% of 10.00
  EXPECT_EQ(ev.months[12].credit_after_month_cap_cents.value(), 50000);
  // Window = months 1..12: fees 11 x 10.00 + 1,000.00, minus 5.00 granted in month 11.
  EXPECT_EQ(ev.months[12].aggregate_cap_remaining_cents.value(), 11 * 1000 + 100000 - 500);
  EXPECT_EQ(ev.months[12].credit_owed_cents.value(), 50000);

  // Strictly "the 12 months before the damage": months 0..11 = 120.00 paid, 5.00 already credited.
  a.caps.window_includes_damage_month = false;
  ev = thirteen_months(a);
  EXPECT_EQ(ev.months[12].aggregate_cap_remaining_cents.value(), 12 * 1000 - 500);
  EXPECT_EQ(ev.months[12].credit_owed_cents.value(), 12 * 1000 - 500);
  EXPECT_EQ(ev.credit_owed_cents.value(), 500 + 12 * 1000 - 500);
  EXPECT_EQ(ev.fees_cents.value(), 12 * 1000 + 100000);
}

TEST(SlaEvaluate, AggregateCapWithinFirstYearCountsPriorCredits) {
  // A renewed service: 30.00 paid and 29.00 already credited before the term. Month 11's 50% credit of
  // 10.00 = 5.00 meets room = 30.00 + 12 x 10.00 - 29.00 = 121.00: not capped.
  auto ev = thirteen_months(contract_a(), 3000, 2900);
  EXPECT_EQ(ev.months[11].aggregate_cap_remaining_cents.value(), 3000 + 12 * 1000 - 2900);
  EXPECT_EQ(ev.months[11].credit_owed_cents.value(), 500);
  // Already credited more than paid: nothing more is owed in the first year.
  ev = thirteen_months(contract_a(), 3000, 3000 + 12 * 1000);
  EXPECT_EQ(ev.months[11].credit_owed_cents.value(), 0);
  EXPECT_EQ(ev.months[11].credit_after_month_cap_cents.value(), 500);
}

TEST(SlaEvaluate, DurabilityExpectedLostRecordings) {
  MinuteLedger L = empty_ledger(epoch(2026, 1, 1), 2);
  L.recordings.assign(L.minutes(), 0);
  for (size_t m = 0; m < L.minutes(); ++m) L.recordings[m] = 1000;
  sla::SlaInputs in;
  in.service_start = epoch(2026, 1, 1);
  in.service_end = epoch(2026, 1, 3);
  const auto m = sla::evaluate(contract_a(), L, in).months[0];
  ASSERT_TRUE(m.recordings.has_value());
  EXPECT_EQ(*m.recordings, 2 * 1440 * 1000);
  // The risk is on the stored stock, not on the month's recordings (tests/sla/durability_test.cpp).
  ASSERT_TRUE(m.durability.has_value());
  EXPECT_GT(m.durability->stock, static_cast<double>(*m.recordings));
}

TEST(SlaEvaluate, EmptyTermAndWrongFeeCountAreInputErrors) {
  MinuteLedger L = empty_ledger(epoch(2026, 1, 1), 1);
  sla::SlaInputs in = term(epoch(2026, 1, 1), 1);
  in.service_end = in.service_start;
  EXPECT_THROW(sla::evaluate(contract_a(), L, in), InputError);
  in = term(epoch(2026, 1, 1), 40);
  in.fees_cents = {100};
  EXPECT_THROW(sla::evaluate(contract_a(), L, in), InputError);
}

// Property: adding one provider failure anywhere never raises availability (random ledgers, fixed seed).
TEST(SlaEvaluateProperty, AvailabilityNeverIncreasesWhenAProviderFailureIsAdded) {
  std::mt19937_64 rng(20260317);
  const sla::Contract contracts[] = {contract_a(), contract_b()};
  const int64_t start = epoch(2026, 3, 1);
  for (int iter = 0; iter < 60; ++iter) {
    MinuteLedger L = empty_ledger(start, 1);
    for (size_t m = 0; m < L.minutes(); ++m) {
      const uint32_t req = static_cast<uint32_t>(rng() % 350);
      L.requests[m] = req;
      uint32_t left = req;
      for (int k = 0; k < kNumCauses && left; ++k) {
        const uint32_t f = rng() % 8 == 0 ? static_cast<uint32_t>(rng() % (left / 30 + 2)) % (left + 1) : 0;
        L.failures[m][k] = f;
        left -= f;
      }
      L.announced_event[m] = rng() % 50 == 0;
      L.qps_notice[m] = rng() % 3 == 0;
    }
    for (const auto& c : contracts) {
      const auto before = sla::evaluate(c, L, term(start, 1)).months[0];
      MinuteLedger M = L;
      size_t m = rng() % M.minutes();
      while (M.failed(m) >= M.requests[m]) m = (m + 1) % M.minutes();
      const Cause provider[] = {Cause::HostDown, Cause::Degraded, Cause::PlatformOther, Cause::LinkDown};
      M.failures[m][static_cast<int>(provider[rng() % 4])] += 1;
      const auto after = sla::evaluate(c, M, term(start, 1)).months[0];
      // after <= before as exact rationals
      EXPECT_LE(static_cast<__int128>(after.avail_num) * before.avail_den,
                static_cast<__int128>(before.avail_num) * after.avail_den)
          << c.id << " iteration " << iter << " minute " << m;
      EXPECT_GE(after.credit_bp, before.credit_bp);
    }
  }
}
