// The CLI as a user meets it: help and version at every level, no option-prefix guessing, exit codes,
// SimGrid kept quiet, run/sweep end to end on the bundled small scenario.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using ccsim::test::run_ccsim;

namespace {
std::string small() { return ccsim::test::source_dir() + "/scenarios/small-center.yaml"; }
}

TEST(Cli, HelpAndVersionAtEveryLevel) {
  auto top = run_ccsim({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  for (const char* cmd : {"run", "validate", "schema", "sla", "report", "capacity", "sweep"}) {
    EXPECT_NE(top.out.find(cmd), std::string::npos) << cmd;
    auto h = run_ccsim({cmd, "--help"});
    EXPECT_EQ(h.exit_code, 0) << cmd << ": " << h.err;
    EXPECT_NE(h.out.find(std::string("usage: ccsim ") + cmd), std::string::npos) << cmd;
  }
  auto v = run_ccsim({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.rfind("ccsim ", 0), 0u);
}

TEST(Cli, NoOptionPrefixGuessing) {
  auto r = run_ccsim({"run", small(), "--rep", "2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--rep"), std::string::npos) << r.err;
}

TEST(Cli, UnknownCommandAndMissingArgumentsAreUsageErrors) {
  EXPECT_EQ(run_ccsim({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_ccsim({"run"}).exit_code, 2);
  EXPECT_EQ(run_ccsim({"run", small(), "--replications", "0"}).exit_code, 2);
  EXPECT_EQ(run_ccsim({}).exit_code, 2);
}

TEST(Cli, RunPrintsSummaryWritesJsonAndKeepsSimgridQuiet) {
  const std::string dir = ccsim::test::temp_dir();
  auto r = run_ccsim({"run", small(), "-r", "2", "-j", "2", "--json", dir + "/s.json", "-o", dir + "/s.h5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Service level"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("[xbt"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("simgrid"), std::string::npos) << r.err;
  auto doc = nlohmann::json::parse(ccsim::test::read_file(dir + "/s.json"));
  EXPECT_EQ(doc["format"], "ccsim-summary");
  EXPECT_EQ(doc["scenario"]["replications"], 2);
}

TEST(Cli, EqualSeedsGiveIdenticalJsonWhateverTheJobs) {
  const std::string dir = ccsim::test::temp_dir();
  auto a = run_ccsim({"run", small(), "-r", "3", "-j", "1", "-q", "--seed", "9", "--json", "-", "-o", dir + "/a.h5"});
  auto b = run_ccsim({"run", small(), "-r", "3", "-j", "3", "-q", "--seed", "9", "--json", "-", "-o", dir + "/b.h5"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  auto ja = nlohmann::json::parse(a.out), jb = nlohmann::json::parse(b.out);
  // Wall-clock figures differ; everything simulated must not.
  ja.erase("run");
  jb.erase("run");
  EXPECT_EQ(ja, jb);
  auto c = run_ccsim({"run", small(), "-r", "3", "-q", "--seed", "10", "--json", "-", "-o", dir + "/c.h5"});
  auto jc = nlohmann::json::parse(c.out);
  jc.erase("run");
  EXPECT_NE(ja, jc);
}

TEST(Cli, SweepRunsEveryCombinationWithCommonRandomNumbers) {
  const std::string dir = ccsim::test::temp_dir();
  auto r = run_ccsim({"sweep", small(), "--vary", "tenants[0].groups[0].agents=10,14", "--load", "1,1.5", "-r", "2",
                      "-j", "2", "-q", "--json", dir + "/sw.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(ccsim::test::read_file(dir + "/sw.json"));
  ASSERT_EQ(doc["variants"].size(), 4u);
  auto sl = [&](int i) {
    return doc["variants"][i]["tenants"]["acme"]["call_types"]["support"]["overall"]["sl_answered"]["mean"].get<double>();
  };
  // Order: the load list varies slowest. More agents -> better service level at the same load; more load ->
  // worse at the same staffing.
  EXPECT_EQ(doc["variants"][1]["label"], "tenants[0].groups[0].agents=14 load=1");
  EXPECT_GT(sl(1), sl(0));
  EXPECT_LT(sl(2), sl(0));
  EXPECT_GT(sl(3), sl(2));
}

TEST(Cli, SweepRejectsBadPathsBeforeSimulating) {
  auto r = run_ccsim({"sweep", small(), "--vary", "tenants[7].groups[0].agents=10", "-q"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("tenants[7]"), std::string::npos) << r.err;
}

TEST(Cli, SetAndLoadMakeWhatIfsWithoutASecondFile) {
  auto base = run_ccsim({"run", small(), "-r", "2", "-q", "--seed", "5", "--json", "-", "--set", "horizon.length=4h"});
  ASSERT_EQ(base.exit_code, 0) << base.err;
  auto more = run_ccsim({"run", small(), "-r", "2", "-q", "--seed", "5", "--json", "-", "--set", "horizon.length=4h",
                         "--load", "2"});
  ASSERT_EQ(more.exit_code, 0) << more.err;
  auto jb = nlohmann::json::parse(base.out), jm = nlohmann::json::parse(more.out);
  EXPECT_EQ(jb["scenario"]["horizon"]["length_s"], 4 * 3600.0);
  EXPECT_EQ(jb["scenario"]["what_if"], "horizon.length=4h");
  EXPECT_EQ(jm["scenario"]["what_if"], "horizon.length=4h load=2");
  auto offered = [](const nlohmann::json& j) {
    return j["tenants"]["acme"]["call_types"]["support"]["overall"]["offered"]["mean"].get<double>();
  };
  // Twice the arrival rate: about twice the offered calls (Poisson noise over ~600 calls is a few percent).
  EXPECT_GT(offered(jm), 1.7 * offered(jb));
  EXPECT_LT(offered(jm), 2.3 * offered(jb));
}

TEST(Cli, BadSetOrLoadIsExit2BeforeSimulating) {
  auto path = run_ccsim({"run", small(), "-q", "--set", "tenants[3].groups[0].agents=4"});
  EXPECT_EQ(path.exit_code, 2);
  EXPECT_NE(path.err.find("tenants[3]"), std::string::npos) << path.err;
  auto syntax = run_ccsim({"run", small(), "-q", "--set", "horizon.length"});
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_NE(syntax.err.find("PATH=VALUE"), std::string::npos) << syntax.err;
  auto value = run_ccsim({"run", small(), "-q", "--set", "horizon.length=-3h"});
  EXPECT_EQ(value.exit_code, 2) << value.err;
  for (const char* f : {"0", "-1", "x", "nan"}) {
    auto load = run_ccsim({"capacity", small(), "-q", "--load", f});
    EXPECT_EQ(load.exit_code, 2) << f;
    EXPECT_NE(load.err.find("--load"), std::string::npos) << load.err;
  }
}

// Sweep of a blended scenario: per outbound campaign its abandon rate (with the limit) and right-party
// contacts beside the inbound figures, in the terminal table and in sweep.csv, copied from each variant's
// JSON figures.
TEST(Cli, SweepShowsCampaignColumns) {
  const std::string dir = ccsim::test::temp_dir();
  auto r = run_ccsim({"sweep", ccsim::test::source_dir() + "/scenarios/blended-collections.yaml", "--vary",
                      "tenants[0].campaigns[0].dialer.mode=predictive,progressive", "--set", "horizon.length=12h", "-r",
                      "2", "--json", dir + "/sw.json", "--csv", dir + "/csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("collections: abandon rate / limit, right party"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" / 3.0%, "), std::string::npos) << r.out;  // the scenario's limit of 3%
  auto split = [](const std::string& line) {
    std::vector<std::string> v;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) v.push_back(cell);
    return v;
  };
  std::stringstream csv(ccsim::test::read_file(dir + "/csv/sweep.csv"));
  std::string line;
  std::getline(csv, line);
  const auto head = split(line);
  auto col = [&](const std::string& title) {
    for (size_t k = 0; k < head.size(); ++k)
      if (head[k] == title) return k;
    ADD_FAILURE() << "no column " << title << " in " << line;
    return head.size();
  };
  const size_t rate = col("collections.abandon_rate (ratio)"), limit = col("collections.abandon_rate_limit (ratio)"),
               rp = col("collections.right_party (count)");
  const auto doc = nlohmann::json::parse(ccsim::test::read_file(dir + "/sw.json"));
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(std::getline(csv, line));
    const auto cells = split(line);
    ASSERT_GT(cells.size(), std::max({rate, limit, rp})) << line;
    const auto& c = doc["variants"][i]["tenants"]["bank"]["outbound"]["campaigns"]["collections"];
    const double want_rate = c["overall"]["abandon_rate"]["mean"], want_rp = c["overall"]["right_party"]["mean"];
    EXPECT_NEAR(std::stod(cells[rate]), want_rate, 1e-6 * want_rate + 1e-12);
    EXPECT_NEAR(std::stod(cells[rp]), want_rp, 1e-6 * want_rp);
    EXPECT_DOUBLE_EQ(std::stod(cells[limit]), 0.03);  // dialer.abandon_limit of the scenario file
  }
}
