// The terminal summary: fits 100 columns whatever the names, shows the figures a planner looks at, and
// formats intervals as "81.2% ±1.3".
#include "output/terminal_summary.hpp"

#include "core/format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <sstream>

#include "stats/summary_fixture.hpp"

namespace ccsim {
namespace {

Estimate est(double mean, double half, int n) {
  Estimate e;
  e.mean = mean;
  e.lo = mean - half;
  e.hi = mean + half;
  e.n = n;
  return e;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

Summary sample_summary(const Scenario& sc) {
  std::vector<RepResult> reps;
  for (int r = 0; r < 4; ++r) {
    RepResult rep = test::empty_result(sc, r);
    rep.calls = 12345678;
    rep.events = 98765432;
    rep.wall_seconds = 2.5;
    for (auto& ct : rep.tenants[0].ct)
      for (int row = 0; row < ct.rows; ++row) {
        ct.at(row, CT_OFFERED) = 1000 + 7 * r;
        ct.at(row, CT_BLOCKED_TRUNK) = 3 + r;
        ct.at(row, CT_QUEUED) = 990;
        ct.at(row, CT_ANSWERED) = 950 + r;
        ct.at(row, CT_ANSWERED_WITHIN_T) = 800 + 5 * r;
        ct.at(row, CT_ABANDONED) = 40 - r;
        ct.at(row, CT_WAIT_SUM) = (950 + r) * (12.5 + r);
      }
    for (auto& g : rep.tenants[0].gr)
      for (int row = 0; row < g.rows; ++row) {
        g.at(row, GR_STAFFED_TIME) = 1800.0 * 42;
        g.at(row, GR_BUSY_TIME) = 1800.0 * (35 + r);
        g.at(row, GR_QUEUE_AREA) = 1800.0 * (1.5 + 0.1 * r);
        g.at(row, GR_QUEUE_MAX) = 17 + r;
      }
    for (auto& t : rep.tenants[0].tr)
      for (int row = 0; row < t.rows; ++row) {
        t.at(row, TR_ATTEMPTS) = 2000;
        t.at(row, TR_BLOCKED) = 6 + r;
        t.at(row, TR_BUSY_AREA) = 1800.0 * (20 + r);
        t.at(row, TR_BUSY_MAX) = 30;
      }
    reps.push_back(std::move(rep));
  }
  return aggregate(sc, reps);
}

TEST(TerminalSummary, FormatsIntervalsAsHalfWidths) {
  EXPECT_EQ(format_percent(est(0.812, 0.013, 10)), "81.2% \xC2\xB1" "1.3");
  EXPECT_EQ(format_percent(est(0.0052, 0.0011, 10)), "0.52% \xC2\xB1" "0.11");  // small rates keep 2 decimals
  EXPECT_EQ(format_percent(est(0.812, 0, 1)), "81.2%");  // one replication: no interval to show
  EXPECT_EQ(format_seconds(est(12.34, 0.41, 5)), "12.3s \xC2\xB1" "0.4");
  EXPECT_EQ(format_seconds(est(123.4, 4.4, 5)), "123s \xC2\xB1" "4");
  EXPECT_EQ(format_level(est(1.234, 0.051, 5)), "1.23 \xC2\xB1" "0.05");
  EXPECT_EQ(format_count(12345.6), "12,346");
  EXPECT_EQ(format_count(1234567), "1,234,567");
  EXPECT_EQ(format_count(45.25), "45.2");  // printf rounding of the binary value 45.25 -> even
  EXPECT_EQ(format_count(45), "45");
  Estimate undefined;
  undefined.mean = undefined.lo = undefined.hi = std::nan("");
  EXPECT_EQ(format_percent(undefined), "-");
  EXPECT_EQ(display_width("81.2% \xC2\xB1" "1.3"), 10);
}

TEST(TerminalSummary, ShowsEveryEntityWithItsFigures) {
  const Scenario sc = test::small_scenario(4);
  const Summary s = sample_summary(sc);
  const std::string text = format_summary(sc, s);
  for (const char* needle : {"Tenant acme", "sales", "support", "(all)", "g1", "g2", "pstn", "Service level",
                             "Occupancy", "Blocking", "test-center"})
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  // The sales service level as the table shows it, computed from the Summary by the documented format.
  const std::string sl = format_percent(s.tenants[0].ct[0].overall[CK_SL_ANSWERED]);
  EXPECT_NE(text.find(sl), std::string::npos) << sl << "\n" << text;
  const std::string occ = format_percent(s.tenants[0].gr[0].overall[GK_OCCUPANCY]);
  EXPECT_NE(text.find(occ), std::string::npos) << occ;
  // Mean offered per replication over the 4 intervals: 4 * mean(1000, 1007, 1014, 1021).
  EXPECT_NE(text.find(format_count(4 * (1000 + 1007 + 1014 + 1021) / 4.0)), std::string::npos);
}

// The planner view shows each figure twice, labelled: the replication mean, then the ratio of totals. The
// sample counters give per replication r (every interval alike): answered 950 + r, within T 800 + 5r.
TEST(TerminalSummary, PlannerViewShowsBothRatioForms) {
  const Scenario sc = test::small_scenario(4);
  const Summary s = sample_summary(sc);
  const std::string text = format_summary(sc, s);
  for (const char* needle : {"Planner view", "P(wait)", "SL all offered", "Aband. offered", "Abandon time",
                             "ratio of totals", "Offers"})
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  // SL over all offered, ratio of totals: Σ within T / Σ (queued + blocked_trunk) over the 4 replications.
  double within = 0, offered = 0;
  for (int r = 0; r < 4; ++r) {
    within += 800 + 5 * r;
    offered += 990 + 3 + r;
  }
  const std::string totals = format_percent(Estimate{within / offered, 0, 0, 1});
  EXPECT_NE(text.find(totals), std::string::npos) << totals << "\n" << text;
}

TEST(TerminalSummary, FitsOneHundredColumns) {
  Scenario sc = test::small_scenario(4);
  const Summary normal = sample_summary(sc);
  for (const auto& l : lines_of(format_summary(sc, normal)))
    EXPECT_LE(display_width(l), kTerminalWidth) << "[" << l << "]";

  // Absurdly long names and a long file path are cut, not allowed to widen the table.
  sc.name = std::string(150, 'n');
  sc.file = "/very/long/path/" + std::string(120, 'p') + ".yaml";
  Summary wide = normal;
  wide.tenants[0].name = "tenant-" + std::string(120, 't');
  wide.tenants[0].call_types[0] = "call-type-with-a-very-long-name-" + std::string(60, 'c');
  wide.tenants[0].groups[0] = "group-" + std::string(90, 'g');
  wide.tenants[0].trunks[0] = "trunk-" + std::string(90, 'k');
  const std::string text = format_summary(sc, wide);
  for (const auto& l : lines_of(text)) EXPECT_LE(display_width(l), kTerminalWidth) << "[" << l << "]";
  EXPECT_NE(text.find("call-type-with"), std::string::npos);
}

TEST(TerminalSummary, MarksIncompleteRuns) {
  const Scenario sc = test::small_scenario(2);
  Summary s = sample_summary(sc);
  s.run.complete_replications = s.run.replications - 1;
  EXPECT_NE(format_summary(sc, s).find("INCOMPLETE"), std::string::npos);
  s.run.complete_replications = s.run.replications;
  EXPECT_EQ(format_summary(sc, s).find("INCOMPLETE"), std::string::npos);
}

}  // namespace
}  // namespace ccsim

namespace ccsim {
namespace {
// month-2000 offered about 10 million calls: "10,012,9…" was cut to the 9-column cell. A count that does not
// fit shows in SI units, and no figure cell ends in an ellipsis.
TEST(TerminalSummary, NeverCutsANumber) {
  Scenario sc = test::small_scenario(4);
  std::vector<RepResult> reps;
  for (int r = 0; r < 2; ++r) {
    RepResult rep = test::empty_result(sc, r);
    for (auto& ct : rep.tenants[0].ct) {
      const double per_row = 10012950.0 / ct.rows;
      for (int row = 0; row < ct.rows; ++row) {
        ct.at(row, CT_OFFERED) = per_row;
        ct.at(row, CT_QUEUED) = per_row;
        ct.at(row, CT_ANSWERED) = per_row;
        ct.at(row, CT_ANSWERED_WITHIN_T) = per_row;
      }
    }
    reps.push_back(std::move(rep));
  }
  const std::string text = format_summary(sc, aggregate(sc, reps));
  EXPECT_EQ(text.find("10,012,9\xE2\x80\xA6"), std::string::npos) << text;
  EXPECT_NE(text.find("10.01M"), std::string::npos) << text;  // 10,012,950 = 10.01 million
  for (const auto& l : lines_of(text)) EXPECT_LE(display_width(l), kTerminalWidth) << "[" << l << "]";
}
}  // namespace
}  // namespace ccsim
