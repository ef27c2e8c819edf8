// Outbound figures reach the terminal and the JSON summary, and capacity --scale campaigns refuses a scenario
// without campaigns (issue 15).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using namespace ccsim;

TEST(OutboundCli, TerminalAndJsonCarryCampaignFigures) {
  const std::string dir = test::temp_dir();
  const auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/blended-collections.yaml", "-r", "1",
                                  "--json", dir + "/s.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Campaign"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("collections"), std::string::npos);
  EXPECT_NE(r.out.find("abandon rate = abandoned / connects"), std::string::npos) << r.out;
  const auto doc = nlohmann::json::parse(test::read_file(dir + "/s.json"));
  const auto& c = doc["tenants"]["bank"]["outbound"]["campaigns"]["collections"];
  EXPECT_EQ(c["abandon_limit"], 0.03);
  EXPECT_EQ(c["abandon_rate_reading"], "abandoned / connects (answered by a person)");
  const auto& o = c["overall"];
  // Counters add up: every placed dial ends in exactly one outcome (or is blocked / refused).
  double outcomes = 0;
  for (const char* k : {"blocked", "connects", "no_answer", "busy", "machine", "invalid"}) outcomes += o[k]["mean"].get<double>();
  EXPECT_DOUBLE_EQ(outcomes, o["dials"]["mean"].get<double>());
  EXPECT_LE(o["abandoned"]["mean"].get<double>(), o["connects"]["mean"].get<double>());
  EXPECT_TRUE(doc["tenants"]["bank"]["outbound"]["agent_time"]["outbound_agents"].is_number());
  // Inbound-only scenarios have no outbound section.
  const auto plain = test::run_ccsim({"run", test::source_dir() + "/scenarios/small-center.yaml", "-r", "1",
                                      "--set", "horizon.length=2h", "--json", dir + "/p.json", "-q"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(nlohmann::json::parse(test::read_file(dir + "/p.json"))["tenants"]["acme"].contains("outbound"));
}

TEST(OutboundCli, ScaleCampaignsNeedsACampaign) {
  const auto r = test::run_ccsim({"capacity", test::source_dir() + "/scenarios/small-center.yaml", "--scale", "campaigns"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no outbound campaign"), std::string::npos) << r.err;
}
