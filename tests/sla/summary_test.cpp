// Across replications: means with Student-t intervals, tier probabilities with Wilson intervals.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "output/sla_format.hpp"
#include "output/sla_json.hpp"
#include "sla/summary.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::test;

TEST(SlaSummary, DistributionOfOutcomes) {
  const int64_t start = epoch(2026, 4, 1);
  std::vector<sla::SlaEvaluation> reps;
  std::vector<double> avail;
  // Replication r has 10 r unavailable minutes in a 1-day term: 0, 10, ... 90 (below 95% needs > 72).
  for (int r = 0; r < 10; ++r) {
    MinuteLedger L = empty_ledger(start, 1);
    for (int m = 0; m < 10 * r; ++m) set_minute(L, m, 10, Cause::HostDown, 1);
    sla::SlaInputs in = term(start, 1);
    in.monthly_fee_cents = 10000;
    reps.push_back(sla::evaluate(contract_a(), L, in));
    avail.push_back(1.0 - 10.0 * r / 1440);
  }
  const auto s = sla::summarize(reps);
  ASSERT_EQ(s.months.size(), 1u);
  const auto& m = s.months[0];
  const Estimate expect = mean_ci(avail);
  EXPECT_DOUBLE_EQ(m.availability.mean, expect.mean);
  EXPECT_DOUBLE_EQ(m.availability.lo, expect.lo);
  // Tier by replication: r = 0 none; 10 minutes = 99.31% tier 0; 20..70 = [95, 99) tier 1; 80, 90 < 95% tier 2.
  int t0 = 0, t1 = 0, t2 = 0, below = 0;
  for (int r = 0; r < 10; ++r) {
    const int64_t good = 1440 - 10 * r;
    if (good * 10000 < 9950 * 1440) ++below;
    if (good * 10000 >= 9900 * 1440 && good * 10000 < 9995 * 1440) ++t0;
    else if (good * 10000 >= 9500 * 1440 && good * 10000 < 9900 * 1440) ++t1;
    else if (good * 10000 < 9500 * 1440) ++t2;
  }
  EXPECT_DOUBLE_EQ(m.p_tier[0].mean, wilson(t0, 10).mean);
  EXPECT_DOUBLE_EQ(m.p_tier[1].hi, wilson(t1, 10).hi);
  EXPECT_DOUBLE_EQ(m.p_tier[2].lo, wilson(t2, 10).lo);
  EXPECT_DOUBLE_EQ(m.p_below_standard.mean, below / 10.0);
  const double expected_credit = (t0 * 1000 + t1 * 2500 + t2 * 5000) / 10.0;  // cents, fee 100.00
  ASSERT_TRUE(m.credit_owed_cents.has_value());
  EXPECT_DOUBLE_EQ(m.credit_owed_cents->mean, expected_credit);
  ASSERT_TRUE(s.total_credit_owed_cents.has_value());

  const nlohmann::json j = s;
  EXPECT_EQ(j["months"][0]["p_tier"].size(), 3u);
  EXPECT_DOUBLE_EQ(j["months"][0]["credit_owed"]["mean"].get<double>(), expected_credit / 100);
  const std::string table = sla::format_summary(s);
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 100u) << line;
}

TEST(SlaSummary, RejectsMixedTerms) {
  EXPECT_THROW(sla::summarize({}), std::invalid_argument);
  MinuteLedger L = empty_ledger(epoch(2026, 4, 1), 1);
  auto a = sla::evaluate(contract_a(), L, term(epoch(2026, 4, 1), 1));
  auto b = sla::evaluate(contract_a(), L, term(epoch(2026, 4, 1), 40));
  EXPECT_THROW(sla::summarize({a, b}), std::invalid_argument);
}

TEST(SlaFormat, TableFitsIn100ColumnsAndNeverRoundsUp) {
  EXPECT_EQ(sla::format_availability(9999, 10000), "99.9900%");
  EXPECT_EQ(sla::format_availability(99949999, 100000000), "99.9499%");  // truncated, not 99.9500%
  MinuteLedger L = empty_ledger(epoch(2026, 3, 17), 92);
  for (int m = 0; m < 500; ++m) set_minute(L, static_cast<size_t>(m) * 97, 4000000000u, Cause::HostDown, 2000000000u);
  sla::SlaInputs in;
  in.service_start = epoch(2026, 3, 17);
  in.service_end = epoch(2026, 6, 17);
  in.monthly_fee_cents = 9999999;  // 99,999.99: 4 months total 399,999.96, within the 100 columns
  const std::string t = sla::format_evaluation(sla::evaluate(contract_a(), L, in));
  std::istringstream lines(t);
  int n = 0;
  for (std::string line; std::getline(lines, line); ++n) EXPECT_LE(line.size(), 100u) << line;
  EXPECT_GT(n, 6);
  // A larger fee widens the money columns instead of cutting or rounding the amount (4 service months).
  in.monthly_fee_cents = 99999999999;
  const std::string wide = sla::format_evaluation(sla::evaluate(contract_a(), L, in));
  EXPECT_NE(wide.find(" 999,999,999.99 "), std::string::npos) << wide;
  EXPECT_NE(wide.find(" 3,999,999,999.96"), std::string::npos) << wide;
}
