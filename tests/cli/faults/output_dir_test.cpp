// The output directory changes under a running simulation (removed, made read-only), or two runs write the same
// paths at once. The checks before the run cannot foresee these: the run must still end with a clear message
// naming the option, write every output it still can, keep the previous files, and leave no partial file.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/faults/fault_support.hpp"
#include "core/error.hpp"
#include "output/h5_reader.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace ccsim::test;
using namespace ccsim::test::faults;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Makes `dir` read-only for the run (after private_mounts): a read-only bind mount for root, else the permission
// bits. Returns "" or why it could not.
std::string make_read_only(const std::string& dir) {
  if (geteuid() != 0) return chmod(dir.c_str(), 0555) == 0 ? "" : "chmod failed";
  if (mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) return "bind mount not permitted";
  if (mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
    umount2(dir.c_str(), MNT_DETACH);
    return "read-only remount not permitted";
  }
  return "";
}

void undo_read_only(const std::string& dir) {
  if (geteuid() != 0) chmod(dir.c_str(), 0755);
  else umount2(dir.c_str(), MNT_DETACH);
}

}  // namespace

TEST(Faults, OutputDirectoryRemovedDuringTheRun) {
  RunDirs d;
  const std::string keep = d.root + "/keep";  // the JSON goes elsewhere: it is still written
  fs::create_directories(keep);
  const std::string json = keep + "/r.json";
  const Started run = start_run(month_run("30d", d.h5, json), d.tmp, d.root + "/err.txt");
  ASSERT_TRUE(wait_for_phase(run, Phase::kSimulation, d.tmp, d.out, 200));
  fs::remove_all(d.out);
  const int status = wait_bounded(run.pid, 120);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  const std::string err = read_file(run.err_path);
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInternal) << err;
  EXPECT_TRUE(contains(err, "ccsim run: -o: cannot create a temporary file in " + d.out + ": No such file")) << err;
  EXPECT_TRUE(contains(err, "ccsim run: written: --json " + json)) << err;
  EXPECT_FALSE(contains(err, "internal error")) << err;
  EXPECT_FALSE(fs::exists(d.out)) << "a removed directory is not recreated";
  const auto doc = nlohmann::json::parse(read_file(json));
  EXPECT_EQ(doc["run"]["complete"], true);
  EXPECT_EQ(leftovers(keep), std::vector<std::string>{});
  EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
}

TEST(Faults, OutputDirectoryMadeReadOnlyDuringTheRun) {
  // Root ignores permission bits, so for root the directory is made read-only by a read-only bind mount.
  if (geteuid() == 0) {
    if (const std::string why = private_mounts(); !why.empty()) GTEST_SKIP() << why;
  }
  RunDirs d;
  ASSERT_TRUE(write_previous(d));
  const std::string prev_h5 = read_file(d.h5), prev_json = read_file(d.json);
  const Started run = start_run(month_run("30d", d.h5, d.json), d.tmp, d.root + "/err.txt");
  ASSERT_TRUE(wait_for_phase(run, Phase::kSimulation, d.tmp, d.out, 200));
  const std::string why = make_read_only(d.out);
  if (!why.empty()) {
    wait_bounded(run.pid, 120);
    GTEST_SKIP() << "cannot make a directory read-only here: " << why;
  }
  const int status = wait_bounded(run.pid, 120);
  undo_read_only(d.out);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  const std::string err = read_file(run.err_path);
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInternal) << err;
  EXPECT_TRUE(contains(err, "ccsim run: -o: cannot create a temporary file in " + d.out)) << err;
  EXPECT_TRUE(contains(err, "ccsim run: --json: cannot create a temporary file in " + d.out)) << err;
  EXPECT_TRUE(contains(err, "ccsim run: no output was written")) << err;
  EXPECT_FALSE(contains(err, "internal error")) << err;
  EXPECT_EQ(read_file(d.h5), prev_h5);
  EXPECT_EQ(read_file(d.json), prev_json);
  EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
}

TEST(Faults, TwoRunsWritingTheSamePathsLeaveOneCompleteFileEach) {
  RunDirs d;
  const Started a = start_run(month_run("10d", d.h5, d.json, {"--seed", "11"}), d.tmp, d.root + "/a.txt");
  const Started b = start_run(month_run("10d", d.h5, d.json, {"--seed", "12"}), d.tmp, d.root + "/b.txt");
  const int sa = wait_bounded(a.pid, 120), sb = wait_bounded(b.pid, 120);
  ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0) << read_file(a.err_path);
  ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0) << read_file(b.err_path);
  // Each target is one run's whole file (the two targets may come from different runs: each is renamed alone).
  std::string why;
  EXPECT_TRUE(report_accepts(d.h5, &why)) << why;
  EXPECT_EQ(h5_complete(d.h5), 1);
  const auto seed = ccsim::H5Results(d.h5).attr_int("/", "base_seed").value_or(0);
  EXPECT_TRUE(seed == 11 || seed == 12) << seed;
  const auto doc = nlohmann::json::parse(read_file(d.json));
  EXPECT_EQ(doc["run"]["complete"], true);
  EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
  EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
}
