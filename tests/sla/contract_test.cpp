// Contract files: the two shipped contracts load as written; problems are located with file:line:col + key.
#include <gtest/gtest.h>

#include "core/decimal.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::sla;

TEST(Contract, ContractAAsWritten) {
  const Contract a = test::contract_a();
  EXPECT_EQ(a.id, "intl-ccc-2024");
  EXPECT_EQ(a.unit, Unit::Minute);
  EXPECT_EQ(a.minute_success_threshold_ppm, 990000);
  EXPECT_EQ(a.availability_standard_ppm, 995000);
  ASSERT_EQ(a.tiers.size(), 3u);
  EXPECT_EQ(a.tiers[0].lower_ppm, 990000);
  EXPECT_EQ(a.tiers[0].upper_ppm, 999500);
  EXPECT_EQ(a.tiers[0].credit_bp, 1000);
  EXPECT_EQ(a.tiers[1].credit_bp, 2500);
  EXPECT_EQ(a.tiers[2].lower_ppm, 0);
  EXPECT_EQ(a.tiers[2].credit_bp, 5000);
  EXPECT_EQ(a.credit_form, CreditForm::Voucher);
  EXPECT_EQ(a.clauses.size(), 18u);
  EXPECT_EQ(a.clauses.front().id, "5.1");
  EXPECT_EQ(a.clauses.back().id, "5.18");
  EXPECT_TRUE(a.causes[static_cast<int>(Cause::CarrierOutage)].excluded);
  EXPECT_EQ(a.causes[static_cast<int>(Cause::CarrierOutage)].clause, "5.13");
  EXPECT_FALSE(a.causes[static_cast<int>(Cause::HostDown)].excluded);
  EXPECT_EQ(a.announced.clause, "5.12");
  EXPECT_TRUE(a.qps.enabled);
  EXPECT_FALSE(a.qps.triggered(299));
  EXPECT_TRUE(a.qps.triggered(300));
  EXPECT_NEAR(a.durability_loss_fraction, 1e-7, 1e-15);
  EXPECT_EQ(a.claim.opens_after_business_days, 5);
  EXPECT_EQ(a.claim.closes_days_after_month_end, 60);
}

TEST(Contract, ContractBAsWritten) {
  const Contract b = test::contract_b();
  EXPECT_EQ(b.unit, Unit::ApiCall);
  EXPECT_EQ(b.credit_form, CreditForm::Cash);
  ASSERT_EQ(b.tiers.size(), 3u);
  EXPECT_EQ(b.tiers[0].upper_ppm, b.availability_standard_ppm);
  EXPECT_EQ(b.tiers[0].credit_bp, 1000);
  EXPECT_EQ(b.tiers[1].credit_bp, 3000);
  EXPECT_EQ(b.tiers[2].credit_bp, 5000);
  EXPECT_EQ(b.excluded_cause_requests, ExcludedCauseRequests::Keep);
}

TEST(Contract, TierOfUsesExactIntegers) {
  const Contract a = test::contract_a();
  // 99.95% exactly (upper bound, exclusive) vs the smallest step below it.
  EXPECT_EQ(a.tier_of(9995, 10000), -1);
  EXPECT_EQ(a.tier_of(999499999, 1000000000), 0);
  EXPECT_EQ(a.tier_of(99, 100), 0);
  EXPECT_EQ(a.tier_of(98999999, 100000000), 1);
  EXPECT_EQ(a.tier_of(95, 100), 1);
  EXPECT_EQ(a.tier_of(0, 100), 2);
  EXPECT_EQ(a.tier_of(0, 0), -1);  // nothing counted: available
}

TEST(Contract, EveryProblemLocatedAtOnce) {
  const std::string dir = test::temp_dir();
  std::string text = test::read_file(test::source_dir() + "/models/contracts/intl-ccc-2024.yaml");
  auto replace = [&](const std::string& from, const std::string& to) {
    const auto p = text.find(from);
    ASSERT_NE(p, std::string::npos) << from;
    text.replace(p, from.size(), to);
  };
  replace("availability_standard: 99.5%", "availability_standard: 0.995");
  replace("credit: 25%", "credit: 25 percent");
  replace("carrier_outage: {excluded: \"5.13\"}", "carrier_outage: {excluded: \"9.9\"}");
  replace("    force_majeure: {excluded: \"5.14\"}\n", "    meteor: included\n");
  replace("credit_form: voucher", "credit_form: gold");
  const std::string path = test::write_file(dir, "bad.yaml", text);
  try {
    load_contract(path);
    FAIL() << "bad contract accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(e.diagnostics().size(), 6u) << msg;
    for (const char* key : {"contract.availability_standard", "contract.tiers[1].credit", "contract.causes.carrier_outage",
                            "contract.causes.meteor", "contract.causes.force_majeure", "contract.credit_form"})
      EXPECT_NE(msg.find(key), std::string::npos) << key << "\n" << msg;
    for (const auto& d : e.diagnostics()) {
      EXPECT_EQ(d.loc.file, path);
      EXPECT_GT(d.loc.line, 0) << d.format();
    }
  }
}

TEST(Decimal, ExactParsing) {
  EXPECT_EQ(parse_percent_ppm("99.95%"), 999500);
  EXPECT_EQ(parse_percent_ppm("99.9999%"), 999999);
  EXPECT_FALSE(parse_percent_ppm("99.99999%"));  // beyond ppm: refused, not rounded
  EXPECT_FALSE(parse_percent_ppm("99.5"));
  EXPECT_EQ(parse_money_cents("1234.5"), 123450);
  EXPECT_FALSE(parse_money_cents("1.234"));
  EXPECT_FALSE(parse_money_cents("-1"));
  EXPECT_FALSE(parse_money_cents("1e3"));
  EXPECT_EQ(format_cents(123405), "1234.05");
  EXPECT_EQ(format_ppm_percent(995000), "99.5%");
  EXPECT_EQ(mul_div_round(12345, 1000, 10000), 1235);
}
