// Hypothesis results as an SRE reads them: unit, the worst value's date-time (not an interval index) and tenant.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "output/platform_render.hpp"
#include "platform/hypotheses.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

TEST(HypothesisReport, WorstValueWithUnitDateTimeAndTenant) {
  Scenario sc;
  sc.horizon.start = epoch_from_civil(CivilDate{2026, 3, 16});
  Hypothesis h;
  h.metric = "service_level";
  h.op = ">=";
  platform::HypothesisResult r;
  r.measured = 62.0 / 110.0;  // 0.563636...
  r.tenant = "acme";
  r.at = 10 * 3600 + 23 * 60;
  EXPECT_EQ(platform::describe_worst(h, sc, r), "worst 56.4% at 2026-03-16T10:23 (acme)");
  EXPECT_STREQ(platform::hypothesis_unit("recovery_time"), "s");
  EXPECT_EQ(platform::format_hypothesis_value("recovery_time", 75), "75 s");
  EXPECT_EQ(platform::format_hypothesis_value("unavailable_minutes", 12), "12 minutes");
  r.measured = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(platform::describe_worst(h, sc, r), "nothing measured");
}

TEST(HypothesisReport, DrillRecoveryIsReportedAtTheDrillStart) {
  // drill-dc-loss.yaml: drill main-dc-loss at 2026-03-16T10:00, hypothesis recovery_time <= 120s per incident.
  auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/drill-dc-loss.yaml", "-r", "2", "-q", "--json", "-"});
  ASSERT_EQ(r.exit_code, 3) << r.err;  // the drill breaks the hypothesis
  const auto doc = nlohmann::json::parse(r.out);
  const auto& h = doc["platform"]["hypotheses"][0];
  EXPECT_EQ(h["unit"], "s");
  EXPECT_EQ(h["worst"]["time"], "2026-03-16T10:00:00");
  EXPECT_FALSE(h["worst"]["tenant"].get<std::string>().empty());
  EXPECT_NE(h["worst"]["text"].get<std::string>().find(" s at 2026-03-16T10:00 ("), std::string::npos) << h["worst"];
}
