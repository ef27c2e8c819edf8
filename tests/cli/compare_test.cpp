// `ccsim compare` end to end: small-center at load 1 and 1.2 with the same seed (paired), different seeds
// (Welch), and refusal of a scenario of another structure.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using ccsim::test::run_ccsim;
using nlohmann::json;

namespace {
std::string small() { return ccsim::test::source_dir() + "/scenarios/small-center.yaml"; }

std::string run_to(const std::string& dir, const std::string& name, const std::vector<std::string>& extra,
                   const std::string& scenario = small()) {
  std::vector<std::string> args = {"run", scenario, "-r", "3", "-q", "-o", dir + "/" + name};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_ccsim(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return dir + "/" + name;
}

// The row of table `id` whose first cells are (tenant, entity, kpi).
json row_of(const json& doc, const std::string& id, const std::string& entity, const std::string& kpi) {
  for (const json& t : doc["tables"]) {
    if (t["id"] != id) continue;
    for (const json& r : t["rows"])
      if (r[1] == entity && r[2] == kpi) return r;
  }
  return nullptr;
}
}  // namespace

TEST(Compare, SameSeedMoreLoadIsPairedAndWorse) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string a = run_to(dir, "a.h5", {"--seed", "11", "--load", "1"});
  const std::string b = run_to(dir, "b.h5", {"--seed", "11", "--load", "1.2"});
  auto r = run_ccsim({"compare", a, b, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["interval"], "paired (common random numbers)");
  // Columns: tenant, entity, kpi, a, b, diff, lo, hi, method.
  const json sl = row_of(doc, "compare_rates", "all call types", "sl_answered");
  ASSERT_TRUE(sl.is_array()) << r.out;
  EXPECT_LT(sl[5].get<double>(), 0);
  EXPECT_LT(sl[7].get<double>(), 0) << "20% more calls on the same agents: service level surely lower";
  EXPECT_NEAR(sl[5].get<double>(), sl[4].get<double>() - sl[3].get<double>(), 1e-9);
  EXPECT_EQ(sl[8], "paired (common random numbers)");
  const json offered = row_of(doc, "compare_counts", "all call types", "offered");
  ASSERT_TRUE(offered.is_array());
  EXPECT_GT(offered[6].get<double>(), 0);

  auto text = run_ccsim({"compare", a, b, "-o", dir + "/c.html"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("paired (common random numbers)"), std::string::npos);
  EXPECT_NE(ccsim::test::read_file(dir + "/c.html").find("sl_answered"), std::string::npos);
}

TEST(Compare, DifferentSeedsUseWelch) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string a = run_to(dir, "a.h5", {"--seed", "1"});
  const std::string b = run_to(dir, "b.h5", {"--seed", "2"});
  auto r = run_ccsim({"compare", a, b, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["interval"], "Welch");
  EXPECT_EQ(row_of(doc, "compare_rates", "all call types", "sl_answered")[8], "Welch");
}

TEST(Compare, RefusesAnotherScenarioStructure) {
  const std::string dir = ccsim::test::temp_dir();
  std::string yaml = ccsim::test::read_file(small());
  for (size_t p; (p = yaml.find("support")) != std::string::npos;) yaml.replace(p, 7, "helpdesk");
  const std::string other = ccsim::test::write_file(dir, "other.yaml", yaml);
  const std::string a = run_to(dir, "a.h5", {});
  const std::string b = run_to(dir, "b.h5", {}, other);
  auto r = run_ccsim({"compare", a, b});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("call_types differ"), std::string::npos) << r.err;
}

// The SLA months of two runs: read from the sla section by its layout (tenants[] keyed "tenant", estimates
// {mean, ci95, n}, credit_pct a percent): run A's and B's availability are the sections' means, and the
// difference has an interval (Welch from the sections' intervals and n).
TEST(Compare, SlaMonthsFromTheSectionLayout) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string drill = ccsim::test::source_dir() + "/scenarios/drill-unannounced.yaml";
  auto run_json = [&](const std::string& name, const std::string& seed) {
    auto r = run_ccsim({"run", drill, "-r", "3", "-q", "--seed", seed, "-o", dir + "/" + name + ".h5", "--json",
                        dir + "/" + name + ".json"});
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.err;  // 3: a hypothesis of the drill failed
    return json::parse(ccsim::test::read_file(dir + "/" + name + ".json"));
  };
  const json a = run_json("a", "1"), b = run_json("b", "2");
  auto r = run_ccsim({"compare", dir + "/a.h5", dir + "/b.h5", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  auto month_of = [](const json& run, const std::string& tenant) {
    for (const json& t : run["sla"]["tenants"])
      if (t["tenant"] == tenant) return t["summary"]["months"][0];
    return json();
  };
  for (const char* tenant : {"acme", "globex"}) {
    const json ma = month_of(a, tenant), mb = month_of(b, tenant);
    ASSERT_TRUE(ma.is_object() && mb.is_object()) << tenant;
    json row;
    for (const json& t : doc["tables"])
      if (t["id"] == "compare_sla_months")
        for (const json& x : t["rows"])
          if (x[0] == tenant && x[1] == ma["month"]["first_day"] && x[2] == "availability") row = x;
    ASSERT_TRUE(row.is_array()) << tenant << " " << r.out;
    EXPECT_DOUBLE_EQ(row[3].get<double>(), ma["availability"]["mean"].get<double>());
    EXPECT_DOUBLE_EQ(row[4].get<double>(), mb["availability"]["mean"].get<double>());
    EXPECT_NEAR(row[5].get<double>(), row[4].get<double>() - row[3].get<double>(), 1e-12);
    EXPECT_EQ(ma["availability"]["n"], 3);
    auto spread = [](const json& m) {
      return m["availability"]["ci95"][1].get<double>() - m["availability"]["ci95"][0].get<double>();
    };
    if (spread(ma) > 0 || spread(mb) > 0) {  // the interval comes from the sections' ci95 and n
      EXPECT_TRUE(row[6].is_number() && row[7].is_number() && row[6] <= row[5] && row[5] <= row[7]) << row;
    }
  }
}

// Outbound campaigns: blended-collections (half a day, 3 replications) with the predictive dialer (A) and the
// progressive one (B, dials only for a free agent), same seed. Each campaign KPI named in the brief has a row
// (abandon limit beside the abandon rate); A's figures are the run's own JSON means (the renderer copied them);
// a run against itself differs by exactly 0; the progressive dialer abandons fewer connects.
namespace {
std::string blended() { return ccsim::test::source_dir() + "/scenarios/blended-collections.yaml"; }

struct CampaignRun {
  std::string h5;
  json summary;
};

CampaignRun campaign_run(const std::string& dir, const std::string& name, const std::string& mode) {
  const std::string h5 = dir + "/" + name + ".h5", js = dir + "/" + name + ".json";
  auto r = run_ccsim({"run", blended(), "-r", "3", "-q", "--seed", "7", "--set", "horizon.length=12h", "--set",
                      "tenants[0].campaigns[0].dialer.mode=" + mode, "-o", h5, "--json", js});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return {h5, json::parse(ccsim::test::read_file(js))};
}

const std::vector<std::pair<std::string, std::string>> kCampaignRows = {
    {"compare_counts", "dials"},         {"compare_counts", "connects"}, {"compare_counts", "right_party"},
    {"compare_rates", "abandon_rate"},   {"compare_rates", "abandon_limit"},
    {"compare_levels", "outbound_agents"}};
}  // namespace

TEST(Compare, CampaignRowsPredictiveAgainstProgressive) {
  const std::string dir = ccsim::test::temp_dir();
  const CampaignRun a = campaign_run(dir, "a", "predictive"), b = campaign_run(dir, "b", "progressive");
  auto r = run_ccsim({"compare", a.h5, b.h5, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  const json& ca = a.summary["tenants"]["bank"]["outbound"]["campaigns"]["collections"];
  const json& cb = b.summary["tenants"]["bank"]["outbound"]["campaigns"]["collections"];
  for (const auto& [table, kpi] : kCampaignRows) {
    const json row = row_of(doc, table, "campaign collections", kpi);
    ASSERT_TRUE(row.is_array()) << table << " " << kpi << " " << r.out;
    EXPECT_EQ(row[0], "bank");
    const double want_a = kpi == "abandon_limit" ? ca["abandon_limit"].get<double>() : ca["overall"][kpi]["mean"].get<double>();
    const double want_b = kpi == "abandon_limit" ? cb["abandon_limit"].get<double>() : cb["overall"][kpi]["mean"].get<double>();
    EXPECT_NEAR(row[3].get<double>(), want_a, 1e-9 * (1 + std::abs(want_a))) << kpi;
    EXPECT_NEAR(row[4].get<double>(), want_b, 1e-9 * (1 + std::abs(want_b))) << kpi;
    EXPECT_NEAR(row[5].get<double>(), want_b - want_a, 1e-9 * (1 + std::abs(want_a))) << kpi;
    EXPECT_EQ(row[8], kpi == "abandon_limit" ? "scenario setting" : "paired (common random numbers)") << kpi;
  }
  const json ab = row_of(doc, "compare_rates", "campaign collections", "abandon_rate");
  EXPECT_LT(ab[7].get<double>(), 0) << "the progressive dialer connects only for a free agent: fewer abandons";

  auto text = run_ccsim({"compare", a.h5, b.h5});  // the terminal's headline rows include the campaign's
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* kpi : {"right_party", "abandon_rate", "abandon_limit", "outbound_agents"})
    EXPECT_NE(text.out.find(kpi), std::string::npos) << kpi << "\n" << text.out;
}

TEST(Compare, CampaignRowsOfARunWithItselfAreZero) {
  const std::string dir = ccsim::test::temp_dir();
  const CampaignRun a = campaign_run(dir, "a", "predictive");
  auto r = run_ccsim({"compare", a.h5, a.h5, "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  for (const auto& [table, kpi] : kCampaignRows) {
    const json row = row_of(doc, table, "campaign collections", kpi);
    ASSERT_TRUE(row.is_array()) << kpi << " " << r.out;
    EXPECT_EQ(row[5].get<double>(), 0) << kpi;
    EXPECT_EQ(row[6].get<double>(), 0) << kpi;
    EXPECT_EQ(row[7].get<double>(), 0) << kpi;
  }
}
