// Clause numbers and titles of both shipped contracts, and the clause each ledger cause maps to. The expected
// list is the exclusion list of the signed texts (issue 10 item 8), which number the exclusions identically.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::sla;

namespace {

const std::vector<std::pair<std::string, std::string>> kSignedClauses = {
    {"5.1", "Your network, system, software or equipment"},
    {"5.2", "Your loss or leak of data or passwords"},
    {"5.3", "Hacker attacks on your application"},
    {"5.4", "Not following the usage documentation (e.g. exceeding the maximum frequency)"},
    {"5.5", "Your negligence or operations you authorised"},
    {"5.6", "Illegal content"},
    {"5.7", "Large concurrent demand reaching 5.0 QPS or more without prior notice"},
    {"5.8", "Trial or unannounced products"},
    {"5.9", "Control by local authorities"},
    {"5.10", "Failed requests from an illegal number you passed in (unregistered, forbidden, malicious...)"},
    {"5.11", "Major events or promotions notified in advance"},
    {"5.12", "System maintenance notified in advance (cutover, repair, upgrade, simulated fault drills)"},
    {"5.13", "Networks or equipment other than the provider's (carriers)"},
    {"5.14", "Force majeure and accidents"},
    {"5.15", "Not attributable to the provider"},
    {"5.16", "Exemptions under laws, agreements or separately issued rules"},
    {"5.17", "Your violation of local laws"},
    {"5.18", "Your non-compliance making a phone number unavailable (outbound calling rules)"},
};

// "" = counts against the provider. trunk_busy and queue_full are the tenant's own purchased capacity: 5.15.
const std::map<std::string, std::string> kCauseClause = {
    {"host_down", ""},          {"host_overload_cps", ""},   {"host_overload_concurrency", ""},
    {"link_down", ""},          {"degraded", ""},            {"dropped_in_progress", ""},
    {"platform_other", ""},     {"trunk_busy", "5.15"},      {"queue_full", "5.15"},
    {"carrier_outage", "5.13"}, {"customer_network", "5.1"}, {"attack", "5.3"},
    {"frequency_limit", "5.4"}, {"force_majeure", "5.14"},   {"illegal_number", "5.10"},
    {"announced_promotion", "5.11"}, {"outbound_stopped", "5.18"},
};

class ClauseNumbering : public ::testing::TestWithParam<const char*> {};

}  // namespace

TEST_P(ClauseNumbering, EveryClauseIdAndTitleAsSigned) {
  const Contract c = load_contract(test::source_dir() + "/models/contracts/" + GetParam());
  ASSERT_EQ(c.clauses.size(), kSignedClauses.size());
  for (size_t i = 0; i < kSignedClauses.size(); ++i) {
    EXPECT_EQ(c.clauses[i].id, kSignedClauses[i].first) << i;
    EXPECT_EQ(c.clauses[i].title, kSignedClauses[i].second) << c.clauses[i].id;
  }
  EXPECT_EQ(c.qps.clause, "5.7");
  EXPECT_EQ(c.announced.clause, "5.12");
}

TEST_P(ClauseNumbering, EachCauseMapsToItsClause) {
  const Contract c = load_contract(test::source_dir() + "/models/contracts/" + GetParam());
  ASSERT_EQ(kCauseClause.size(), static_cast<size_t>(kNumCauses));
  for (int k = 0; k < kNumCauses; ++k) {
    const std::string name = cause_name(static_cast<Cause>(k));
    ASSERT_TRUE(kCauseClause.count(name)) << name;
    const std::string& want = kCauseClause.at(name);
    EXPECT_EQ(c.causes[k].excluded, !want.empty()) << name;
    EXPECT_EQ(c.causes[k].clause, want) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(BothContracts, ClauseNumbering,
                         ::testing::Values("intl-ccc-2024.yaml", "cn-ccc-2022.yaml"));
