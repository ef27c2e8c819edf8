// The drill rehearsal an SRE reads: fault phases for the Gantt bar, pass/fail summary at the top of the report,
// the timeline and zoom in the page, and the journal of `ccsim run --journal`.
#include "output/drill_timeline.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using namespace ccsim;

TEST(DrillTimeline, PhasesFromTheRecordedTimes) {
  const double nan = std::nan("");
  // Fault at 100, detected 115, migrated 175, recovered 175, repaired 1000.
  auto p = fault_phases(100, 115, 175, 175, 1000, 5000);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].name, "undetected");
  EXPECT_EQ(p[0].from, 100);
  EXPECT_EQ(p[0].to, 115);
  EXPECT_EQ(p[1].name, "migrating");
  EXPECT_EQ(p[1].to, 175);
  EXPECT_EQ(p[2].name, "awaiting repair");
  EXPECT_EQ(p[2].from, 175);
  EXPECT_EQ(p[2].to, 1000);
  // Never detected nor recovered: one "undetected" bar to the end of the horizon.
  p = fault_phases(100, nan, nan, nan, nan, 5000);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].name, "undetected");
  EXPECT_EQ(p[0].to, 5000);
  // Detected at 115, no migration, back at repair 400: recovering 115..400.
  p = fault_phases(100, 115, nan, 400, 400, 5000);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[1].name, "recovering");
  EXPECT_EQ(p[1].from, 115);
  EXPECT_EQ(p[1].to, 400);
}

TEST(DrillTimeline, SummaryBannerCountsHypothesesThatHeld) {
  const auto sec = nlohmann::json::parse(R"J({"hypotheses": [
      {"name": "a", "pass": true, "passes": 3, "replications": 3, "worst": {"text": "worst 75 s at 2026-03-16T10:00 (acme)"}},
      {"name": "b", "pass": false, "passes": 1, "replications": 3, "worst": {"text": "worst 12.0% at 2026-03-16T10:30 (acme)"}}]})J");
  const std::string html = drill_summary_html(sec);
  EXPECT_NE(html.find("Drill rehearsal: FAIL"), std::string::npos) << html;
  EXPECT_NE(html.find("1 of 2 steady-state hypotheses"), std::string::npos) << html;
  EXPECT_NE(html.find("worst 12.0% at 2026-03-16T10:30 (acme)"), std::string::npos);
  EXPECT_EQ(drill_summary_html(nlohmann::json::object()), "");
}

TEST(DrillTimeline, ReportAndJournalOfTheDataCenterLossDrill) {
  // drill-dc-loss.yaml: drill main-dc-loss at 2026-03-16T10:00 for 4h on site main; recovery_time <= 120s fails.
  const std::string dir = test::temp_dir();
  auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/drill-dc-loss.yaml", "-r", "2", "-q", "-o",
                            dir + "/d.h5", "--journal", dir + "/j.json"});
  ASSERT_EQ(r.exit_code, 3) << r.err;
  auto rep = test::run_ccsim({"report", dir + "/d.h5", "-o", dir + "/d.html"});
  ASSERT_EQ(rep.exit_code, 0) << rep.err;
  const std::string html = test::read_file(dir + "/d.html");
  const size_t banner = html.find("Drill rehearsal: FAIL"), first_section = html.find("<h2");
  ASSERT_NE(banner, std::string::npos);
  EXPECT_LT(banner, first_section) << "the pass/fail summary comes before every figure of the report";
  EXPECT_NE(html.find("class=\"gantt\""), std::string::npos);
  EXPECT_NE(html.find("drill main-dc-loss: call success per minute"), std::string::npos);

  const auto j = nlohmann::json::parse(test::read_file(dir + "/j.json"));
  EXPECT_EQ(j["status"], "deviated");
  ASSERT_EQ(j["run"].size(), 1u);
  EXPECT_EQ(j["run"][0]["activity"]["name"], "main-dc-loss");
  EXPECT_EQ(j["run"][0]["start"], "2026-03-16T10:00:00");
  EXPECT_EQ(j["run"][0]["output"][0]["fault_start"], "2026-03-16T10:00:00");
  ASSERT_FALSE(j["rollbacks"].empty());
  EXPECT_EQ(j["rollbacks"][0]["start"], "2026-03-16T14:00:00");  // 10:00 + 4h: the site comes back
  const auto& before = j["steady_states"]["before"]["probes"][0];
  EXPECT_EQ(before["start"], "2026-03-16T09:30:00");
  EXPECT_EQ(before["end"], "2026-03-16T10:00:00");
  EXPECT_EQ(j["steady_states"]["after"]["steady_state_met"], false);
}
