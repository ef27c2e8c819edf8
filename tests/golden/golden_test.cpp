// Golden runs: every bundled scenario runs end to end with a short horizon and a fixed seed, and its JSON
// summary (timing fields aside) must equal the checked-in file tests/golden/<scenario>.json exactly. An
// intended change of any figure shows up as a diff of these files in review.
// Regenerate after an intended change: bash scripts/update-golden.sh
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/json_timing.hpp"
#include "support/test_support.hpp"

namespace ccsim::test {
namespace {

struct GoldenCase {
  const char* scenario;  // scenarios/<name>.yaml
  const char* length;    // horizon.length for the golden run
  int replications;
  bool intervals = false;  // per-interval series too (one scenario keeps them: they are 90% of the bytes)
};

// Short horizons that still contain what each scenario is about (the drills happen on their first day,
// the promotion on the second, the seat expansion on the first two days).
const GoldenCase kCases[] = {
    {"small-center", "8h", 2, true},          {"multiskill-week", "1d", 2},     {"month-2000", "6h", 1},
    {"platform-two-dc-month", "1d", 2}, {"promo-day-autoscale", "2d", 2}, {"seat-expansion-1500-3500", "2d", 1},
    {"drill-announced", "1d", 2},       {"drill-unannounced", "1d", 2},   {"drill-carrier-outage", "1d", 2},
    {"drill-dc-loss", "1d", 2},         {"drill-host-crash", "1d", 2},    {"blended-collections", "1d", 2},
};

// Model files are recorded with their absolute paths, which differ between checkouts: the project root becomes
// "<src>" so the golden files compare anywhere.
void relativize_paths(nlohmann::json& j, const std::string& root) {
  if (j.is_string()) {
    const std::string s = j.get<std::string>();
    if (s.rfind(root + "/", 0) == 0) j = "<src>" + s.substr(root.size());
  } else if (j.is_object() || j.is_array()) {
    for (auto& v : j) relativize_paths(v, root);
  }
}

std::string golden_path(const std::string& name) { return source_dir() + "/tests/golden/" + name + ".json"; }

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, JsonSummaryMatchesCheckedInFile) {
  const GoldenCase& c = GetParam();
  const std::string out = temp_dir() + "/summary.json";
  std::vector<std::string> args{"run", source_dir() + "/scenarios/" + c.scenario + ".yaml", "--set",
                                std::string("horizon.length=") + c.length, "-r", std::to_string(c.replications),
                                "--seed", "20261201", "-q", "--json", out};
  if (!c.intervals) args.push_back("--no-intervals");
  auto r = run_ccsim(args);
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.err;  // 3: a declared hypothesis was breached
  auto got = nlohmann::json::parse(read_file(out));
  // Not simulated figures: wall-clock times, and the count of events the scheduler handled (it depends on how
  // the engine batches and drops obsolete timers, not on what was simulated).
  got = without_timing(got, {"events"});
  relativize_paths(got, source_dir());
  got["golden_exit_code"] = r.exit_code;
  // The scenario path differs between checkouts; keep its file name only.
  if (got.contains("scenario") && got["scenario"].contains("file"))
    got["scenario"]["file"] = std::filesystem::path(got["scenario"]["file"].get<std::string>()).filename().string();
  const std::string path = golden_path(c.scenario);
  if (std::getenv("CCSIM_UPDATE_GOLDEN")) {
    std::ofstream(path) << got.dump(1) << "\n";
    GTEST_SKIP() << "golden file rewritten: " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << "no golden file " << path << " (bash scripts/update-golden.sh)";
  const auto want = nlohmann::json::parse(read_file(path));
  if (got != want) {
    // Name the first differing places, so a failure says what moved.
    const auto patch = nlohmann::json::diff(want, got);
    std::string first;
    for (size_t i = 0; i < patch.size() && i < 8; ++i) first += "  " + patch[i].dump() + "\n";
    FAIL() << c.scenario << ": JSON differs from " << path << " in " << patch.size() << " place(s), first:\n"
           << first << "(if intended: bash scripts/update-golden.sh and review the diff)";
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Golden, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<GoldenCase>& i) {
                           std::string n = i.param.scenario;
                           for (auto& ch : n)
                             if (ch == '-') ch = '_';
                           return n;
                         });

// Every bundled scenario has a golden case: a new scenario cannot skip the end-to-end check.
TEST(Golden, EveryBundledScenarioIsCovered) {
  std::set<std::string> covered;
  for (const auto& c : kCases) covered.insert(c.scenario);
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/scenarios"))
    if (e.path().extension() == ".yaml") {
      EXPECT_TRUE(covered.count(e.path().stem().string())) << e.path();
    }
}

}  // namespace
}  // namespace ccsim::test
