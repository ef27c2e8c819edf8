// Shape of the JSON summary: the documented keys exist, every figure is {"mean", "ci95": [lo, hi]}, values
// are those of the Summary, undefined figures are null, and warm-up intervals are flagged.
#include "output/json_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/summary_fixture.hpp"

namespace ccsim {
namespace {

using nlohmann::json;

Summary sample_summary(const Scenario& sc) {
  std::vector<RepResult> reps;
  for (int r = 0; r < 3; ++r) {
    RepResult rep = test::empty_result(sc, r);
    rep.calls = 100;
    rep.wall_seconds = 0.25;
    auto& ct = rep.tenants[0].ct[0];
    for (int row = 0; row < ct.rows; ++row) {
      ct.at(row, CT_OFFERED) = 50 + r;
      ct.at(row, CT_QUEUED) = 40 + r;
      ct.at(row, CT_ANSWERED) = 38 + r;
      ct.at(row, CT_ANSWERED_WITHIN_T) = 30 + 2 * r;
      ct.at(row, CT_ABANDONED) = 2;
    }
    reps.push_back(std::move(rep));
  }
  return aggregate(sc, reps);
}

void expect_figure(const json& f, const Estimate& e, const std::string& where) {
  ASSERT_TRUE(f.is_object()) << where;
  ASSERT_TRUE(f.contains("mean")) << where;
  ASSERT_TRUE(f.contains("ci95")) << where;
  ASSERT_TRUE(f["ci95"].is_array()) << where;
  ASSERT_EQ(f["ci95"].size(), 2u) << where;
  if (std::isnan(e.mean)) {
    EXPECT_TRUE(f["mean"].is_null()) << where;
    EXPECT_TRUE(f["ci95"][0].is_null()) << where;
  } else {
    EXPECT_DOUBLE_EQ(f["mean"].get<double>(), e.mean) << where;
    EXPECT_DOUBLE_EQ(f["ci95"][0].get<double>(), e.lo) << where;
    EXPECT_DOUBLE_EQ(f["ci95"][1].get<double>(), e.hi) << where;
    EXPECT_LE(e.lo, e.mean);
    EXPECT_GE(e.hi, e.mean);
  }
}

TEST(JsonSummary, TopLevelAndScenario) {
  const Scenario sc = test::small_scenario(4, 1800);
  const json j = summary_to_json(sc, sample_summary(sc));
  EXPECT_EQ(j["format"], "ccsim-summary");
  EXPECT_EQ(j["version"], 2);  // 2: one section layout (docs/output-format.md "Section layout")
  EXPECT_EQ(j["scenario"]["name"], sc.name);
  EXPECT_EQ(j["scenario"]["file"], sc.file);
  EXPECT_EQ(j["scenario"]["hash"], sc.file_hash);
  EXPECT_EQ(j["scenario"]["seed"], sc.seed);
  EXPECT_EQ(j["scenario"]["replications"], sc.replications);
  EXPECT_EQ(j["scenario"]["horizon"]["start"], "2026-03-17T00:00:00");
  EXPECT_EQ(j["scenario"]["horizon"]["end"], "2026-03-17T02:00:00");
  EXPECT_EQ(j["scenario"]["horizon"]["intervals"], 4);
  EXPECT_EQ(j["scenario"]["horizon"]["first_counted_interval"], 1);
  EXPECT_EQ(j["run"]["replications"], 3);
  EXPECT_EQ(j["run"]["complete"], true);
  EXPECT_EQ(j["run"]["calls"], 300);
  EXPECT_DOUBLE_EQ(j["run"]["calls_per_second"].get<double>(), 300 / 0.75);
  EXPECT_TRUE(j["run"]["elapsed_seconds"].is_null());
  // Survives a text round trip (no NaN leaked into the output).
  EXPECT_EQ(json::parse(j.dump()), j);
}

TEST(JsonSummary, EveryFigureOfEveryEntity) {
  const Scenario sc = test::small_scenario(4, 1800);
  const Summary s = sample_summary(sc);
  const json j = summary_to_json(sc, s);
  const json& t = j["tenants"]["acme"];
  ASSERT_TRUE(t.is_object());
  for (const char* ct : {"sales", "support"}) {
    const json& c = t["call_types"][ct];
    ASSERT_TRUE(c.is_object()) << ct;
    const size_t ci = std::string(ct) == "sales" ? 0 : 1;
    for (int k = 0; k < CK_COUNT; ++k)
      expect_figure(c["overall"][ct_kpi_name(k)], s.tenants[0].ct[ci].overall[k], std::string(ct) + "." + ct_kpi_name(k));
    ASSERT_EQ(c["intervals"].size(), 4u);
    for (size_t r = 0; r < 4; ++r)
      for (int k = 0; k < CK_COUNT; ++k)
        expect_figure(c["intervals"][r][ct_kpi_name(k)], s.tenants[0].ct[ci].intervals[r][k], ct_kpi_name(k));
  }
  EXPECT_EQ(t["call_types"]["sales"]["sl_threshold_s"], 20.0);
  EXPECT_EQ(t["call_types"]["support"]["sl_threshold_s"], 30.0);
  for (int k = 0; k < CK_COUNT; ++k)
    expect_figure(t["all_call_types"]["overall"][ct_kpi_name(k)], s.tenants[0].all.overall[k], ct_kpi_name(k));
  for (const char* g : {"g1", "g2"}) {
    const size_t gi = std::string(g) == "g1" ? 0 : 1;
    for (int k = 0; k < GK_COUNT; ++k)
      expect_figure(t["groups"][g]["overall"][gr_kpi_name(k)], s.tenants[0].gr[gi].overall[k], gr_kpi_name(k));
    EXPECT_EQ(t["groups"][g]["intervals"].size(), 4u);
  }
  const json& pstn = t["trunks"]["pstn"];
  EXPECT_EQ(pstn["channels"], 30);
  for (int k = 0; k < TK_COUNT; ++k)
    expect_figure(pstn["overall"][tr_kpi_name(k)], s.tenants[0].tr[0].overall[k], tr_kpi_name(k));
}

// Quotient figures carry their ratio-of-totals form beside the mean; counts do not; the root names both forms.
TEST(JsonSummary, QuotientFiguresCarryTheirRatioOfTotals) {
  const Scenario sc = test::small_scenario(4, 1800);
  const Summary s = sample_summary(sc);
  const json j = summary_to_json(sc, s);
  ASSERT_TRUE(j["ratio_forms"].contains("mean"));
  ASSERT_TRUE(j["ratio_forms"].contains("ratio_of_totals"));
  const json& sales = j["tenants"]["acme"]["call_types"]["sales"];
  for (int k = 0; k < CK_COUNT; ++k) {
    const json& f = sales["overall"][ct_kpi_name(k)];
    EXPECT_EQ(f.contains("ratio_of_totals"), is_quotient(ct_kpi_unit(k))) << ct_kpi_name(k);
  }
  const double totals = s.tenants[0].ct[0].overall_totals[CK_SL_ANSWERED];
  ASSERT_TRUE(std::isfinite(totals));
  EXPECT_DOUBLE_EQ(sales["overall"]["sl_answered"]["ratio_of_totals"].get<double>(), totals);
  EXPECT_DOUBLE_EQ(sales["intervals"][2]["sl_answered"]["ratio_of_totals"].get<double>(),
                   s.tenants[0].ct[0].interval_totals[2][CK_SL_ANSWERED]);
  EXPECT_TRUE(j["tenants"]["acme"]["groups"]["g1"]["overall"]["occupancy"].contains("ratio_of_totals"));
  EXPECT_FALSE(j["tenants"]["acme"]["groups"]["g1"]["overall"]["queued"].contains("ratio_of_totals"));
}

TEST(JsonSummary, IntervalsCarryStartAndWarmupFlag) {
  const Scenario sc = test::small_scenario(4, 1800);
  const json j = summary_to_json(sc, sample_summary(sc));
  const json& iv = j["tenants"]["acme"]["call_types"]["sales"]["intervals"];
  EXPECT_EQ(iv[0]["start"], "2026-03-17T00:00:00");
  EXPECT_EQ(iv[3]["start"], "2026-03-17T01:30:00");
  EXPECT_EQ(iv[0]["index"], 0);
  EXPECT_EQ(iv[0]["warmup"], true);
  EXPECT_EQ(iv[1]["warmup"], false);
  // Offered in the overall figure covers intervals 1..3 only: 3 * mean(50, 51, 52).
  EXPECT_DOUBLE_EQ(j["tenants"]["acme"]["call_types"]["sales"]["overall"]["offered"]["mean"].get<double>(),
                   3 * (50.0 + 51 + 52) / 3);
}

TEST(JsonSummary, UndefinedFiguresAreNullWithCount) {
  const Scenario sc = test::small_scenario(2);
  const json j = summary_to_json(sc, sample_summary(sc));
  // "support" had no call at all: its service level is undefined in all 3 replications.
  const json& sl = j["tenants"]["acme"]["call_types"]["support"]["overall"]["sl_answered"];
  EXPECT_TRUE(sl["mean"].is_null());
  EXPECT_TRUE(sl["ci95"][1].is_null());
  EXPECT_EQ(sl["n"], 0);
  // Defined in every replication: no "n" key.
  EXPECT_FALSE(j["tenants"]["acme"]["call_types"]["sales"]["overall"]["sl_answered"].contains("n"));
}

TEST(JsonSummary, IntervalsCanBeLeftOut) {
  const Scenario sc = test::small_scenario(4);
  JsonSummaryOptions opt;
  opt.intervals = false;
  const json j = summary_to_json(sc, sample_summary(sc), opt);
  EXPECT_FALSE(j["tenants"]["acme"]["call_types"]["sales"].contains("intervals"));
  EXPECT_TRUE(j["tenants"]["acme"]["call_types"]["sales"].contains("overall"));
}

}  // namespace
}  // namespace ccsim
