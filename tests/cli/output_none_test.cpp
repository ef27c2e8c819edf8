// `ccsim run -o none` (issue 11, cheap outputs): no HDF5 file at all, the summary still printed and written;
// and the results file does not depend on --jobs, call records (spooled by the workers) included.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/h5_compare.hpp"
#include "support/test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OutputNone, WritesNoResultsFileAndStillPrintsTheSummary) {
  const std::string dir = test::temp_dir();
  // In `dir`, so the default results path (small-center.h5) and a file named "none" would both land there.
  const auto r = test::run_program({"bash", "-c", "cd '" + dir + "' && exec '" + test::ccsim_binary() + "' run '" +
                                                      test::source_dir() + "/scenarios/small-center.yaml' -r 2 " +
                                                      "--set horizon.length=2h -o none --json summary.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(files_in(dir), std::vector<std::string>{"summary.json"});
  EXPECT_NE(r.out.find("Tenant acme"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("results: none"), std::string::npos) << r.out;
  const auto doc = nlohmann::json::parse(test::read_file(dir + "/summary.json"));
  EXPECT_EQ(doc["run"]["replications"], 2);
  EXPECT_TRUE(doc["tenants"]["acme"]["call_types"]["support"].contains("intervals")) << "--json keeps its series";
}

TEST(OutputDeterminism, ResultsFileIsTheSameForAnyJobsCount) {
  const std::string dir = test::temp_dir();
  for (const char* jobs : {"1", "3"}) {
    const auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/small-center.yaml", "-r", "3", "-j", jobs,
                                    "-q", "--set", "horizon.length=3h", "--call-records", "-o",
                                    dir + "/j" + jobs + ".h5"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Wall-clock figures aside, every replication (minute series, intervals, call records) and the aggregate.
  for (const char* group : {"/replications", "/replication_tables", "/aggregate"})
    EXPECT_EQ(test::h5_difference(dir + "/j1.h5", dir + "/j3.h5", group, {"wall_seconds"}), "") << group;
  EXPECT_NE(test::h5_difference(dir + "/j1.h5", dir + "/j3.h5", "/replication_tables").find("wall_seconds"), std::string::npos)
      << "the comparison does see the wall-clock field it was told to skip";
}

}  // namespace
}  // namespace ccsim
