// The disk fills up while a run writes its outputs. The output directory is a small tmpfs mounted in a mount
// namespace of this test's own (private_mounts: nothing outside sees it), filled by this test once the simulation
// runs, so the HDF5 file and the JSON summary meet ENOSPC when they are written. Each target must hold its
// previous file (or nothing, when there was none), no temporary file may stay on the full disk, and the message
// must name the output and the full disk; exit 1 (docs/output-format.md "Faults during a run").
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/faults/fault_support.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace ccsim::test;
using namespace ccsim::test::faults;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Mounts a tmpfs of `size` on `dir` (after private_mounts). Returns "" or why it could not.
std::string mount_small_disk(const std::string& dir, const std::string& size) {
  if (mount("tmpfs", dir.c_str(), "tmpfs", 0, ("size=" + size).c_str()) != 0) return "tmpfs mount not permitted";
  return "";
}

// Fills the file system of `dir` with the file `dir`/filler until fewer than `leave` bytes are free.
void fill_disk(const std::string& dir, size_t leave) {
  FILE* f = std::fopen((dir + "/filler").c_str(), "w");
  ASSERT_NE(f, nullptr);
  const std::vector<char> block(4096, 'x');
  for (;;) {
    struct statvfs st {};
    ASSERT_EQ(statvfs(dir.c_str(), &st), 0);
    if (st.f_bavail * st.f_frsize < leave || std::fwrite(block.data(), 1, block.size(), f) != block.size()) break;
    std::fflush(f);
  }
  std::fclose(f);
}

// What the run said about the full disk, and what the targets hold afterwards.
// `command` is "run" or "capacity", `what` the HDF5 file's name in the message.
void expect_full_disk_handled(const Started& run, const RunDirs& d, const std::string& prev_h5,
                              const std::string& prev_json, const std::string& command = "run",
                              const std::string& what = "HDF5 results") {
  const int status = wait_bounded(run.pid, 180);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  const std::string err = read_file(run.err_path);
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInternal) << err;
  const std::string cmd = "ccsim " + command + ": ";
  EXPECT_TRUE(contains(err, cmd + "-o: " + d.h5 + ": cannot write the " + what + ": No space left on device (ENOSPC)"))
      << err;
  EXPECT_TRUE(contains(err, cmd + "--json: cannot write " + d.json + ": No space left on device")) << err;
  EXPECT_TRUE(contains(err, cmd + "no output was written")) << err;
  EXPECT_FALSE(contains(err, "internal error")) << err;
  EXPECT_EQ(bytes_or_empty(d.h5), prev_h5);
  EXPECT_EQ(bytes_or_empty(d.json), prev_json);
  EXPECT_EQ(fs::exists(d.h5), !prev_h5.empty());
  EXPECT_EQ(fs::exists(d.json), !prev_json.empty());
  EXPECT_EQ(leftovers(d.out), std::vector<std::string>{}) << "a temporary file stayed on the full disk";
  EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
}

}  // namespace

TEST(Faults, DiskFullWhileWritingKeepsThePreviousFilesOrNothing) {
  if (const std::string why = private_mounts(); !why.empty()) {
    GTEST_SKIP() << why;
  }
  for (const bool previous : {true, false}) {
    SCOPED_TRACE(previous ? "with previous files at the targets" : "with no file at the targets");
    RunDirs d;
    if (const std::string why = mount_small_disk(d.out, "64m"); !why.empty()) {
      GTEST_SKIP() << why;
    }
    if (previous) {
      ASSERT_TRUE(write_previous(d));
    }
    const std::string prev_h5 = bytes_or_empty(d.h5), prev_json = bytes_or_empty(d.json);
    const Started run = start_run(month_run("10d", d.h5, d.json), d.tmp, d.root + "/err.txt");
    ASSERT_TRUE(wait_for_phase(run, Phase::kSimulation, d.tmp, d.out, 100)) << read_file(run.err_path);
    // 16 KiB left: less than either output (the HDF5 file of ten days is about 1 MB, the JSON about 4 MB).
    fill_disk(d.out, 16 * 1024);
    expect_full_disk_handled(run, d, prev_h5, prev_json);
    umount2(d.out.c_str(), MNT_DETACH);
  }
}

TEST(Faults, DiskFullDuringACapacitySearchKeepsThePreviousFiles) {
  // Before: the JSON failure was "internal error" and the HDF5 file was not even tried.
  if (const std::string why = private_mounts(); !why.empty()) {
    GTEST_SKIP() << why;
  }
  RunDirs d;
  if (const std::string why = mount_small_disk(d.out, "64m"); !why.empty()) {
    GTEST_SKIP() << why;
  }
  auto capacity = [&](const std::string& horizon) {
    return std::vector<std::string>{"capacity", source_dir() + "/scenarios/month-2000.yaml", "-q", "-r", "2", "--set",
                                    "horizon.length=" + horizon, "--json", d.json, "-o", d.h5};
  };
  ASSERT_EQ(run_ccsim(capacity("1h")).exit_code, 0) << "the previous result";
  const std::string prev_h5 = read_file(d.h5), prev_json = read_file(d.json);
  const Started run = start_run(capacity("1d"), d.tmp, d.root + "/err.txt");
  ASSERT_TRUE(wait_for_phase(run, Phase::kSimulation, d.tmp, d.out, 100)) << read_file(run.err_path);
  fill_disk(d.out, 2 * 1024);  // less than either output (the JSON is about 5 kB, the HDF5 file about 20 kB)
  expect_full_disk_handled(run, d, prev_h5, prev_json, "capacity", "HDF5 capacity results");
  umount2(d.out.c_str(), MNT_DETACH);
}
