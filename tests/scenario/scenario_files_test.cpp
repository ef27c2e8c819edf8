// The shipped scenarios load; `ccsim validate` accepts them and rejects the bad-input fixtures with located
// errors and exit code 2; `ccsim schema` prints the embedded schema; the reference documents every key.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "scenario/schema_check.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(test::source_dir() + "/scenarios"))
    if (e.path().extension() == ".yaml") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ScenarioFiles, EveryShippedScenarioLoads) {
  const auto files = shipped_scenarios();
  ASSERT_GE(files.size(), 3u);
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    try {
      Scenario s = load_scenario(f);
      EXPECT_FALSE(s.tenants.empty());
      for (const auto& t : s.tenants) {
        EXPECT_FALSE(t.call_types.empty());
        for (const auto& c : t.call_types)
          for (const auto& st : c.route) EXPECT_GE(st.group_index, 0);
      }
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

TEST(ScenarioFiles, BenchmarkMonthHasTheAdvertisedSize) {
  Scenario s = load_scenario(test::source_dir() + "/scenarios/month-2000.yaml");
  const Tenant& t = s.tenants.at(0);
  const CallType& c = t.call_types.at(0);
  const double calls = c.arrivals.rate_per_hour * s.horizon.length / 3600;
  EXPECT_NEAR(calls, 10e6, 0.05e6);
  const double occupancy = c.arrivals.rate_per_hour / 3600 * c.handle.expected() / t.pools.at(0).max_agents;
  EXPECT_NEAR(occupancy, 0.9, 0.02);
  EXPECT_EQ(t.pools.at(0).max_agents, 2000);
  EXPECT_TRUE(c.patience.has_value());
  EXPECT_EQ(c.patience->kind, Distribution::Kind::Exponential);
  EXPECT_GT(t.trunks.at(0).channels, 2000);
}

TEST(ScenarioFiles, ValidateCliAcceptsShippedScenarios) {
  // One process for all files: validate takes several scenarios and reports each.
  const auto files = shipped_scenarios();
  std::vector<std::string> args = {"validate"};
  args.insert(args.end(), files.begin(), files.end());
  auto r = test::run_ccsim(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const auto& f : files) EXPECT_NE(r.out.find("OK " + f + ": "), std::string::npos) << f << "\n" << r.out;
  EXPECT_NE(r.out.find("OK " + test::source_dir() + "/scenarios/small-center.yaml: 1 tenant, 1 call type, 1 group"),
            std::string::npos) << r.out;
}

TEST(ScenarioFiles, ValidateCliRejectsBadInputsWithExit2) {
  const std::string d = std::string(CCSIM_TEST_DATA) + "/scenarios/";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unknown-key.yaml", "unknown-key.yaml:6:9: tenants[0].groups[0].agnets: unknown key 'agnets'; did you mean 'agents'?"},
      {"bad-reference.yaml", "bad-reference.yaml:9:17: tenants[0].call_types[0].route[0]: unknown skill group 'suport'"},
      {"bad-reference.yaml", "bad-reference.yaml:11:36: tenants[0].call_types[0].retrials.abandoned.probability: probability 120%"},
      {"malformed.yaml", "malformed.yaml:"},
      {"empty.yaml", "empty.yaml: the file is empty"},
      {"binary.yaml", "binary.yaml:2:11: binary content: control byte 0x00"},
      {"shift-outside-horizon.yaml", "shift-outside-horizon.yaml:8:72: tenants[0].groups[0].shifts[0].from: shift 'may' lies outside the horizon"},
      {"shift-outside-horizon.yaml", "shift-outside-horizon.yaml:11:26: tenants[0].call_types[0].arrivals.rate: negative rate -20/h"},
      {"does-not-exist.yaml", "does-not-exist.yaml: file not found"},
  };
  // Each bad file alone: exit 2, the located error on stderr, nothing on stdout.
  for (const std::string file : {"unknown-key.yaml", "binary.yaml"}) {
    auto r = test::run_ccsim({"validate", d + file});
    EXPECT_EQ(r.exit_code, 2) << file;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  // All of them (and a directory, and one good file) in one run: every problem is reported, exit 2.
  std::vector<std::string> args = {"validate", test::source_dir() + "/scenarios/small-center.yaml", d};
  for (const auto& c : cases)
    if (std::find(args.begin(), args.end(), d + c.first) == args.end()) args.push_back(d + c.first);
  auto r = test::run_ccsim(args);
  EXPECT_EQ(r.exit_code, 2);
  for (const auto& c : cases) EXPECT_NE(r.err.find(c.second), std::string::npos) << "want: " << c.second << "\ngot: " << r.err;
  EXPECT_NE(r.err.find(d + ": is a directory"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("OK "), std::string::npos);
}

TEST(ScenarioFiles, ValidateAndSchemaHelp) {
  auto v = test::run_ccsim({"validate", "--help"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("usage: ccsim validate"), std::string::npos) << v.out;
  auto none = test::run_ccsim({"validate"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no scenario file given"), std::string::npos) << none.err;
  auto s = test::run_ccsim({"schema", "--help"});
  EXPECT_EQ(s.exit_code, 0);
  EXPECT_NE(s.out.find("usage: ccsim schema"), std::string::npos) << s.out;
}

TEST(ScenarioFiles, SchemaCommandPrintsTheShippedSchema) {
  auto r = test::run_ccsim({"schema"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, test::read_file(test::source_dir() + "/sim/scenario/scenario.schema.json"));
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(j["additionalProperties"], false);
}

// Collects every property name the schema declares.
void collect_keys(const nlohmann::json& j, std::set<std::string>& keys) {
  if (j.is_object()) {
    if (j.contains("properties") && j["properties"].is_object())
      for (auto it = j["properties"].begin(); it != j["properties"].end(); ++it) keys.insert(it.key());
    for (auto it = j.begin(); it != j.end(); ++it) collect_keys(it.value(), keys);
  } else if (j.is_array()) {
    for (const auto& x : j) collect_keys(x, keys);
  }
}

TEST(ScenarioFiles, ReferenceDocumentsEverySchemaKey) {
  std::set<std::string> keys;
  collect_keys(scenario::scenario_schema(), keys);
  const std::string doc = test::read_file(test::source_dir() + "/docs/scenario-reference.md");
  for (const auto& k : keys) EXPECT_NE(doc.find("`" + k + "`"), std::string::npos) << "undocumented key: " << k;
}

// Every object in the schema is closed: unknown keys are errors everywhere.
void expect_closed(const nlohmann::json& j, const std::string& where) {
  if (j.is_object()) {
    if (j.contains("properties")) {
      EXPECT_TRUE(j.contains("additionalProperties") && j["additionalProperties"] == false) << where;
    }
    for (auto it = j.begin(); it != j.end(); ++it) expect_closed(it.value(), where + "/" + it.key());
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) expect_closed(j[i], where + "/" + std::to_string(i));
  }
}

TEST(ScenarioFiles, SchemaObjectsAreClosed) { expect_closed(scenario::scenario_schema(), "#"); }

}  // namespace
