// The SLA section of `ccsim run` on the one-day drill scenarios (issue 10 items 6, 10, 12): the horizon is
// judged inside its calendar service month (March 2026, 44,640 minutes; minutes outside the simulated day count
// as available), both eligibility readings are reported, and the provider's credits are split into vouchers and
// cash. Expected availability and credits are computed here from the unavailable-minute (or call) counts.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using ccsim::test::run_ccsim;
using nlohmann::json;

namespace {

constexpr int64_t kMarchMinutes = 31 * 1440;

// Credit % (basis points) of availability good/total under contract A's table [99%, 99.95%) 10%, [95%, 99%)
// 25%, < 95% 50%; `standard_only`: nothing unless below 99.5%.
int64_t credit_bp_a(int64_t good, int64_t total, bool standard_only) {
  if (good * 10000 >= 9995 * total) return 0;
  if (standard_only && good * 10000 >= 9950 * total) return 0;
  if (good * 10000 >= 9900 * total) return 1000;
  if (good * 10000 >= 9500 * total) return 2500;
  return 5000;
}
// Contract B: [99%, 99.5%) 10%, [95%, 99%) 30%, < 95% 50%.
int64_t credit_bp_b(uint64_t good, uint64_t total) {
  if (good * 10000 >= 9950 * total) return 0;
  if (good * 10000 >= 9900 * total) return 1000;
  if (good * 10000 >= 9500 * total) return 3000;
  return 5000;
}
int64_t cents(const json& money) { return std::llround(money.get<double>() * 100); }
int64_t half_up(int64_t a, int64_t b, int64_t d) { return (a * b * 2 + d) / (2 * d); }

json run_json(const std::string& scenario, const std::string& reps) {
  const std::string dir = ccsim::test::temp_dir();
  auto r = run_ccsim({"run", scenario, "-r", reps, "-q", "--json", "-", "-o", dir + "/r.h5"});
  // 3 = a steady-state hypothesis of the drill failed, as some are meant to.
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.exit_code << " " << r.err;
  return json::parse(r.out);
}

// The entry of sla.tenants[] for `name` (every section lists its tenants as an array keyed "tenant").
const json& tenant_of(const json& doc, const std::string& name) {
  for (const json& t : doc["sla"]["tenants"])
    if (t["tenant"] == name) return t;
  static const json none = json::object();
  ADD_FAILURE() << "no tenant " << name << " in sla.tenants";
  return none;
}

}  // namespace

TEST(RunSla, DrillScenariosAreJudgedInTheirCalendarMonthWithBothReadings) {
  for (const char* name : {"drill-unannounced", "drill-dc-loss", "drill-host-crash"}) {
    const json doc = run_json(ccsim::test::source_dir() + "/scenarios/" + std::string(name) + ".yaml", "2");
    for (const auto& [tenant, fee_cents] : {std::pair<std::string, int64_t>{"acme", 1200000}, {"globex", 600000}}) {
      const json& t = tenant_of(doc, tenant);
      const json& m = t["replication_0"]["months"][0];
      ASSERT_EQ(t["replication_0"]["months"].size(), 1u) << name;
      EXPECT_EQ(m["month"]["first_day"], "2026-03-01") << name;
      EXPECT_EQ(m["month"]["last_day"], "2026-03-31") << name;
      EXPECT_EQ(m["total_minutes"].get<int64_t>(), kMarchMinutes) << name;
      EXPECT_EQ(m["observed_minutes"].get<int64_t>(), 1440) << name;
      const int64_t u = m["unavailable_minutes"].get<int64_t>();
      EXPECT_EQ(m["availability_num"].get<int64_t>(), kMarchMinutes - u) << name << " " << tenant;
      EXPECT_DOUBLE_EQ(m["availability"].get<double>(), 1.0 - static_cast<double>(u) / kMarchMinutes);
      EXPECT_EQ(cents(m["fee"]), fee_cents) << name;  // the whole monthly fee: the month counts whole
      const int64_t std_bp = credit_bp_a(kMarchMinutes - u, kMarchMinutes, true);
      const int64_t tbl_bp = credit_bp_a(kMarchMinutes - u, kMarchMinutes, false);
      EXPECT_EQ(cents(m["credit_by_reading"]["standard"]["credit_owed"]), fee_cents * std_bp / 10000) << name << " " << u;
      EXPECT_EQ(cents(m["credit_by_reading"]["table"]["credit_owed"]), fee_cents * tbl_bp / 10000) << name << " " << u;
      EXPECT_EQ(cents(m["credit_owed"]), fee_cents * std_bp / 10000) << name;  // headline: standard reading
      EXPECT_EQ(t["summary"]["readings"]["headline"], "standard");
      EXPECT_EQ(t["summary"]["term"]["source"], "calendar service months containing the horizon");
      EXPECT_EQ(t["summary"]["term"]["observed"]["outside_minutes"], "available");
    }
    EXPECT_DOUBLE_EQ(doc["sla"]["provider_credit_owed"]["cash"]["headline"]["mean"].get<double>(), 0.0) << name;
  }
}

TEST(RunSla, VouchersAndCashApartAndDeductionsTakenFromTheFee) {
  // drill-dc-loss (globex loses its hosts for hours) with globex under contract B (cash), 50.00 of coupons a
  // month, judged on the simulated day alone (outside_horizon: excluded).
  const std::string src = ccsim::test::source_dir();
  std::string text = ccsim::test::read_file(src + "/scenarios/drill-dc-loss.yaml");
  auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("sla: {contract: ../models/contracts/intl-ccc-2024.yaml, monthly_fee: 12000}",
          "sla: {contract: " + src + "/models/contracts/intl-ccc-2024.yaml, monthly_fee: 12000}");
  replace("sla: {contract: ../models/contracts/intl-ccc-2024.yaml, monthly_fee: 6000}",
          "sla: {contract: " + src + "/models/contracts/cn-ccc-2022.yaml, monthly_fee: 6000, deductions: 50, "
          "outside_horizon: excluded}");
  const std::string dir = ccsim::test::temp_dir();
  const json doc = run_json(ccsim::test::write_file(dir, "mixed.yaml", text), "1");

  const json& g = tenant_of(doc, "globex")["replication_0"]["months"][0];
  // Fee pro-rated to the simulated day (1,440 of 44,640 minutes), then 50.00 of coupons deducted.
  const int64_t gross = half_up(600000, 1440, kMarchMinutes);
  EXPECT_EQ(cents(g["fee_gross"]), gross);
  EXPECT_EQ(cents(g["deductions"]), 5000);
  EXPECT_EQ(cents(g["fee"]), gross - 5000);
  const uint64_t calls = g["counted_calls"].get<uint64_t>(), failed = g["counted_failed"].get<uint64_t>();
  EXPECT_EQ(g["extrapolated_calls"].get<uint64_t>(), 0u);
  EXPECT_EQ(g["availability_den"].get<uint64_t>(), calls);
  const int64_t bp = credit_bp_b(calls - failed, calls);
  EXPECT_GT(bp, 0) << failed << "/" << calls;  // the outage must cost something for the test to mean anything
  const int64_t globex_cash = half_up(gross - 5000, bp, 10000);
  EXPECT_EQ(cents(g["credit_owed"]), globex_cash);

  const json& a = tenant_of(doc, "acme")["replication_0"]["months"][0];
  const int64_t u = a["unavailable_minutes"].get<int64_t>();
  const int64_t acme_voucher = 1200000 * credit_bp_a(kMarchMinutes - u, kMarchMinutes, true) / 10000;
  const int64_t acme_voucher_tbl = 1200000 * credit_bp_a(kMarchMinutes - u, kMarchMinutes, false) / 10000;
  const json& p = doc["sla"]["provider_credit_owed"];
  EXPECT_EQ(std::llround(p["cash"]["headline"]["mean"].get<double>() * 100), globex_cash);
  EXPECT_EQ(std::llround(p["voucher"]["headline"]["mean"].get<double>() * 100), acme_voucher);
  EXPECT_EQ(std::llround(p["voucher"]["upper_bound"]["mean"].get<double>() * 100), acme_voucher_tbl);
}

TEST(RunSla, OutsideHorizonAndDeductionsKeysAreValidated) {
  const std::string src = ccsim::test::source_dir();
  const std::string base = ccsim::test::read_file(src + "/scenarios/drill-unannounced.yaml");
  const std::string fee = "monthly_fee: 6000}";
  for (const auto& [extra, key] : {std::pair<std::string, std::string>{", outside_horizon: sometimes", "sla.outside_horizon"},
                                   {", deductions: -5", "sla.deductions"}}) {
    std::string text = base;
    text.replace(text.find(fee), fee.size(), "monthly_fee: 6000" + extra + "}");
    const std::string dir = ccsim::test::temp_dir();
    const std::string path = ccsim::test::write_file(dir, "bad.yaml", text);
    // The contract path is relative to the scenario's directory: point it at the real contract.
    std::string fixed = text;
    for (size_t at; (at = fixed.find("../models/")) != std::string::npos;) fixed.replace(at, 10, src + "/models/");
    ccsim::test::write_file(dir, "bad.yaml", fixed);
    const auto r = run_ccsim({"validate", path});
    EXPECT_EQ(r.exit_code, 2) << extra << r.out;
    EXPECT_NE(r.err.find(key), std::string::npos) << r.err;
  }
}

TEST(RunSla, CmdSlaDeductionsMakeTheFeeNetOfVouchers) {
  // March 2019 fixture: 30 unavailable minutes of 44,640 = 99.9327%, table tier [99%, 99.95%) 10%. Fee 1,000.00
  // of which 200.00 paid by vouchers: table reading 10% of 800.00 = 80.00, standard reading 0.
  const std::string src = ccsim::test::source_dir();
  const auto r = run_ccsim({"sla", "--contract", src + "/models/contracts/intl-ccc-2024.yaml", "--ledger",
                            src + "/tests/data/ledgers/march-2019-outage.csv", "--fee", "1000", "--deductions", "200",
                            "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json m = json::parse(r.out)["sla"]["months"][0];
  EXPECT_EQ(cents(m["fee_gross"]), 100000);
  EXPECT_EQ(cents(m["deductions"]), 20000);
  EXPECT_EQ(cents(m["fee"]), 80000);
  EXPECT_EQ(cents(m["credit_by_reading"]["table"]["credit_owed"]), 8000);
  EXPECT_EQ(cents(m["credit_by_reading"]["standard"]["credit_owed"]), 0);
  EXPECT_EQ(run_ccsim({"sla", "--contract", src + "/models/contracts/intl-ccc-2024.yaml", "--ledger",
                       src + "/tests/data/ledgers/march-2019-outage.csv", "--deductions", "-3"})
                .exit_code,
            2);
}
