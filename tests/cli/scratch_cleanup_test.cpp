// A run killed with SIGKILL (or by the OOM killer) leaves its scratch directory behind; the next run removes the
// scratch directories of runs whose process is gone, and leaves a live run's alone.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;

namespace {
// A pid that certainly belonged to a process that has exited (its own child, reaped).
pid_t dead_pid() {
  const pid_t pid = fork();
  if (pid == 0) _exit(0);
  int status = 0;
  waitpid(pid, &status, 0);
  return pid;
}
}  // namespace

TEST(ScratchCleanup, NextRunRemovesScratchOfDeadRunsOnly) {
  const std::string tmp = ccsim::test::temp_dir();
  const fs::path stale = fs::path(tmp) / ("ccsim-run-" + std::to_string(dead_pid()) + "-AbC123");
  const fs::path live = fs::path(tmp) / ("ccsim-run-" + std::to_string(getpid()) + "-XyZ789");
  for (const auto& d : {stale, live}) {
    fs::create_directories(d);
    std::ofstream(d / "rep-0.bin") << "partial";
  }
  setenv("TMPDIR", tmp.c_str(), 1);
  const std::string out = tmp + "/out.h5";
  auto r = ccsim::test::run_ccsim({"run", ccsim::test::source_dir() + "/scenarios/small-center.yaml", "-r", "1", "-q",
                                   "--set", "horizon.length=1h", "-o", out});
  unsetenv("TMPDIR");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(stale)) << "scratch of a dead run is removed";
  EXPECT_TRUE(fs::exists(live / "rep-0.bin")) << "scratch of a live run is kept";
  // And the run's own scratch is gone when it ends.
  int own = 0;
  for (const auto& e : fs::directory_iterator(tmp))
    if (e.path().filename().string().rfind("ccsim-run-", 0) == 0 && e.path() != live) ++own;
  EXPECT_EQ(own, 0);
}
