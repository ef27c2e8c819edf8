// `ccsim run --baseline`: the no-fault rerun with the same seed and each hypothesis's drill effect.
#include "platform/baseline.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using namespace ccsim;

TEST(Baseline, WithoutFaultsRemovesDrillsAndRandomFailures) {
  Scenario sc;
  sc.drills.resize(2);
  sc.platform.hosts.resize(1);
  sc.platform.hosts[0].mtbf = 3600;
  sc.platform.sites.resize(1);
  sc.platform.sites[0].mtbf = 7200;
  sc.platform.links.resize(1);
  sc.platform.links[0].mtbf = 100;
  const Scenario b = platform::without_faults(sc);
  EXPECT_TRUE(b.drills.empty());
  EXPECT_EQ(b.platform.hosts[0].mtbf, 0);
  EXPECT_EQ(b.platform.sites[0].mtbf, 0);
  EXPECT_EQ(b.platform.links[0].mtbf, 0);
}

TEST(Baseline, DrillEffectIsDrillMinusNoFaultBaselinePaired) {
  // drill-dc-loss.yaml has no random failures: without the drill nothing fails, so no credit is owed and no
  // incident exists. The credit hypothesis's effect is then each replication's drill credit minus 0.
  auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/drill-dc-loss.yaml", "-r", "3", "-q",
                            "--baseline", "--json", "-"});
  ASSERT_EQ(r.exit_code, 3) << r.err;
  const auto p = nlohmann::json::parse(r.out)["platform"];
  ASSERT_TRUE(p.contains("baseline")) << p.dump();
  const auto& hs = p["hypotheses"];
  const auto& bs = p["baseline"]["hypotheses"];
  ASSERT_EQ(bs.size(), 2u);
  EXPECT_EQ(bs[0]["name"], "recovery-within-2min");
  EXPECT_EQ(bs[0]["baseline"]["passes"], 3);          // no incident: passes vacuously
  EXPECT_TRUE(bs[0]["effect"]["mean"].is_null());      // nothing to pair
  EXPECT_EQ(bs[1]["name"], "no-credits-owed");
  double drill_mean = 0;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(bs[1]["baseline"]["measured"][i].get<double>(), 0.0);
    drill_mean += hs[1]["per_replication"][i]["measured"].get<double>() / 3;
  }
  EXPECT_GT(drill_mean, 0);
  EXPECT_NEAR(bs[1]["effect"]["mean"].get<double>(), drill_mean, 1e-9);
  EXPECT_EQ(bs[1]["effect"]["interval"], "paired (common random numbers)");
}
