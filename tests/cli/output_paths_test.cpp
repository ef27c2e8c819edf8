// Every output path is checked before anything is simulated: a missing or unwritable directory, a directory
// given as a file, an output that is one of the inputs, two outputs on one path. Each is exit 2 naming the
// option and the path, and nothing is written. Also: stale temporary files of killed runs are cleaned.
#include <gtest/gtest.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "support/test_support.hpp"

using ccsim::test::ProcResult;
using ccsim::test::run_ccsim;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A copy of the small scenario in a fresh directory (so outputs next to it are the test's own).
std::string scenario_copy(const std::string& dir) {
  return ccsim::test::write_file(dir, "s.yaml",
                                 ccsim::test::read_file(ccsim::test::source_dir() + "/scenarios/small-center.yaml"));
}

size_t entries(const std::string& dir) {
  size_t n = 0;
  for (auto it = fs::directory_iterator(dir); it != fs::directory_iterator(); ++it) ++n;
  return n;
}

void expect_refused(const ProcResult& r, const std::string& text) {
  EXPECT_EQ(r.exit_code, ccsim::kExitBadInput) << r.err;
  EXPECT_TRUE(contains(r.err, text)) << r.err;
  EXPECT_FALSE(contains(r.err, "internal error")) << r.err;
}

}  // namespace

TEST(OutputPaths, MissingDirectoryIsRefusedBeforeTheRun) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string sc = scenario_copy(dir);
  const ProcResult r = run_ccsim({"run", sc, "-r", "2", "--json", dir + "/s.json", "-o", dir + "/nope/s.h5"});
  expect_refused(r, "ccsim run: -o: " + dir + "/nope/s.h5: directory " + dir + "/nope does not exist");
  EXPECT_FALSE(contains(r.out, "results:"));  // nothing simulated: no summary table either
  EXPECT_EQ(entries(dir), 1u);                 // the other output (valid) was not written either
}

TEST(OutputPaths, DirectoryAsAFileIsRefused) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string sc = scenario_copy(dir);
  fs::create_directory(dir + "/out");
  expect_refused(run_ccsim({"run", sc, "-r", "1", "-q", "-o", dir + "/out"}),
                 "ccsim run: -o: " + dir + "/out: is a directory, not a file");
  expect_refused(run_ccsim({"run", sc, "-r", "1", "-q", "-o", dir + "/x.h5", "--json", dir + "/"}),
                 "--json: " + dir + "/: names a directory");
  expect_refused(run_ccsim({"run", sc, "-r", "1", "-q", "-o", "/dev/null"}),
                 "-o: /dev/null: exists and is not a regular file");
  EXPECT_EQ(entries(dir), 2u);
}

TEST(OutputPaths, UnwritableDirectoryIsRefused) {
  // /proc refuses new files even to root (a chmod'ed directory would not stop root).
  const std::string dir = ccsim::test::temp_dir();
  expect_refused(run_ccsim({"run", scenario_copy(dir), "-r", "1", "-q", "-o", "/proc/ccsim-test.h5"}),
                 "-o: /proc/ccsim-test.h5: cannot create files in directory /proc");
}

TEST(OutputPaths, OutputsMustNotOverwriteInputs) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string sc = scenario_copy(dir);
  const std::string before = ccsim::test::read_file(sc);
  expect_refused(run_ccsim({"run", sc, "-r", "1", "-q", "-o", sc}), "-o: " + sc + ": is an input of this command");
  // Through another spelling of the same path.
  expect_refused(run_ccsim({"run", sc, "-r", "1", "-q", "-o", dir + "/x.h5", "--json", dir + "/./s.yaml"}),
                 "--json: " + dir + "/./s.yaml: is an input of this command");
  expect_refused(run_ccsim({"capacity", sc, "-q", "--json", sc}), "ccsim capacity: --json: " + sc + ": is an input");
  expect_refused(run_ccsim({"sweep", sc, "--load", "1", "-q", "--json", sc}), "ccsim sweep: --json: " + sc + ": is an input");
  EXPECT_EQ(ccsim::test::read_file(sc), before);

  // A referenced model file is an input too.
  const std::string prices = ccsim::test::write_file(
      dir, "prices.yaml", ccsim::test::read_file(ccsim::test::source_dir() + "/models/billing/standard-2024.yaml"));
  const std::string billed = ccsim::test::write_file(dir, "b.yaml",
                                                     before + "    billing: {price_list: prices.yaml}\n");
  expect_refused(run_ccsim({"run", billed, "-r", "1", "-q", "-o", dir + "/b.h5", "--json", prices}),
                 "--json: " + prices + ": is an input of this command");

  // report: the default output is RESULTS with .html; -o RESULTS would destroy the results file.
  const std::string h5 = ccsim::test::write_file(dir, "r.h5", "not really HDF5");
  expect_refused(run_ccsim({"report", h5, "-o", h5}), "ccsim report: -o: " + h5 + ": is an input");
  EXPECT_EQ(ccsim::test::read_file(h5), "not really HDF5");

  // sla: the ledger (and every other input file) is protected.
  const std::string ledger = ccsim::test::write_file(
      dir, "l.csv", ccsim::test::read_file(std::string(CCSIM_TEST_DATA) + "/ledgers/march-2019-outage.csv"));
  expect_refused(run_ccsim({"sla", "--contract", ccsim::test::source_dir() + "/models/contracts/cn-ccc-2022.yaml",
                            "--ledger", ledger, "--json", ledger}),
                 "ccsim sla: --json: " + ledger + ": is an input");
}

TEST(OutputPaths, TwoOutputsOnOnePathAreRefused) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string sc = scenario_copy(dir);
  expect_refused(run_ccsim({"run", sc, "-r", "1", "-q", "-o", dir + "/x", "--json", dir + "/x"}),
                 "--json: " + dir + "/x: is also the path of -o");
  // The default HDF5 path (<scenario stem>.h5 in the current directory) counts as an output too.
  expect_refused(run_ccsim({"run", sc, "-r", "1", "-q", "--json", "s.h5"}), "--json: s.h5: is also the path of -o");
  EXPECT_EQ(entries(dir), 1u);
}

TEST(OutputPaths, StaleTemporaryFilesOfDeadRunsAreCleaned) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string sc = scenario_copy(dir);
  // A pid that is certainly dead: a child that exited and was reaped.
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  const std::string d = std::to_string(dead), alive = std::to_string(getpid());
  const std::string stale = ccsim::test::write_file(dir, ".s.json.tmp-" + d + "-0-123", "partial");
  const std::string live = ccsim::test::write_file(dir, ".s.json.tmp-" + alive + "-0-456", "a live writer's");
  const std::string fresh = ccsim::test::write_file(dir, ".s.json.tmp-" + d + "-1-789", "newer than the run");
  const std::string other = ccsim::test::write_file(dir, ".t.json.tmp-" + d + "-0-1", "another target's");
  // Stale ones were written an hour ago; `fresh` is dated an hour ahead (it cannot predate this run).
  auto set_mtime = [](const std::string& p, long offset) {
    timeval tv[2];
    gettimeofday(&tv[0], nullptr);
    tv[0].tv_sec += offset;
    tv[1] = tv[0];
    ASSERT_EQ(utimes(p.c_str(), tv), 0);
  };
  set_mtime(stale, -3600);
  set_mtime(live, -3600);
  set_mtime(other, -3600);
  set_mtime(fresh, 3600);
  const ProcResult r = run_ccsim({"run", sc, "-r", "1", "-q", "-o", dir + "/s.h5", "--json", dir + "/s.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));   // its writer is alive
  EXPECT_TRUE(fs::exists(fresh));  // not older than this run
  EXPECT_TRUE(fs::exists(other));  // another target: not this write's business
  EXPECT_TRUE(fs::exists(dir + "/s.json"));
}
