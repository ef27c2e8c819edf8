// Label `cluster`: a real, throwaway single-node Slurm (tests/cluster/live/slurm_sandbox.sh: munged, slurmctld,
// slurmd from Debian's slurm-wlm in a temporary directory, children of this test, stopped at the end) runs a
// 2-variant x 6-replication sweep as a job array plus its merge job; the merged JSON must be the local sweep's,
// also after a lost shard is resubmitted alone.
// Skipped, with the sandbox's reason, where the daemons cannot start.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "support/json_timing.hpp"
#include "support/test_support.hpp"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;

// The sandbox script as a child: its stdin is ours to close (that stops the daemons), its first output line
// says "ready SLURM_CONF=..." or "skip: reason".
class SlurmSandbox {
 public:
  explicit SlurmSandbox(const std::string& dir) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(in[1]);
      close(out[0]);
      const std::string script = source_dir() + "/tests/cluster/live/slurm_sandbox.sh";
      execlp("bash", "bash", script.c_str(), dir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    stdin_ = in[1];
    FILE* f = fdopen(out[0], "r");
    char line[1024] = {0};
    if (f && fgets(line, sizeof line, f)) first_line_ = line;
    if (f) fclose(f);
    while (!first_line_.empty() && first_line_.back() == '\n') first_line_.pop_back();
  }
  ~SlurmSandbox() {
    if (stdin_ >= 0) close(stdin_);
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  bool ready() const { return first_line_.rfind("ready SLURM_CONF=", 0) == 0; }
  std::string conf() const { return first_line_.substr(first_line_.find('=') + 1); }
  const std::string& reason() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  std::string first_line_;
};


TEST(SlurmLive, SweepAsJobArrayMergesToTheLocalSweep) {
  const std::string tmp = temp_dir();
  SlurmSandbox slurm(tmp + "/slurm");
  if (!slurm.ready()) GTEST_SKIP() << "no throwaway Slurm here: " << slurm.reason();
  setenv("SLURM_CONF", slurm.conf().c_str(), 1);

  const std::vector<std::string> sweep{"sweep", source_dir() + "/scenarios/small-center.yaml", "--set",
                                       "horizon.length=3h", "--load", "0.9,1.1", "-r", "6", "-q"};
  auto submit = sweep;
  for (const char* a : {"--slurm", "--shards", "5", "--time", "00:10:00", "--slurm-dir"}) submit.push_back(a);
  submit.push_back(tmp + "/study");
  const auto s = run_ccsim(submit);
  ASSERT_EQ(s.exit_code, 0) << s.err;
  ASSERT_NE(s.out.find("as array job"), std::string::npos) << s.out;

  const std::string merged = tmp + "/study/summary.json";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
  while (!fs::exists(merged) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_TRUE(fs::exists(merged)) << "no merged summary after 180 s; merge log:\n"
                                  << (fs::exists(tmp + "/study/logs/merge.out") ? read_file(tmp + "/study/logs/merge.out") : "")
                                  << run_program({"squeue"}).out;
  for (int i = 1; i <= 5; ++i) EXPECT_TRUE(fs::exists(tmp + "/study/parts/shard-" + std::to_string(i) + "-of-5.part"));

  auto local = sweep;
  local.push_back("--json");
  local.push_back(tmp + "/local.json");
  ASSERT_EQ(run_ccsim(local).exit_code, 0);
  EXPECT_EQ(without_timing(nlohmann::json::parse(read_file(merged))).dump(1),
            without_timing(nlohmann::json::parse(read_file(tmp + "/local.json"))).dump(1));

  // A lost shard (as a failed task leaves it): the rerun names its task and log and submits only that shard.
  const std::string array_id = s.out.substr(s.out.find("as array job ") + 13, s.out.find(" (logs") - s.out.find("as array job ") - 13);
  fs::remove(tmp + "/study/parts/shard-3-of-5.part");
  fs::remove(merged);
  const auto again = run_ccsim(submit);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("shard 3/5: array task " + array_id + "_3 left no part; log: " + tmp + "/study/logs/shard-3.out"),
            std::string::npos) << again.err;
  EXPECT_NE(again.out.find("submitted shards 3 of 5"), std::string::npos) << again.out;
  const auto deadline2 = std::chrono::steady_clock::now() + std::chrono::seconds(180);
  while (!fs::exists(merged) && std::chrono::steady_clock::now() < deadline2)
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_TRUE(fs::exists(merged));
  EXPECT_EQ(without_timing(nlohmann::json::parse(read_file(merged))).dump(1),
            without_timing(nlohmann::json::parse(read_file(tmp + "/local.json"))).dump(1));
}

// capacity --slurm: every batch of the search is an array on the real scheduler (sbatch --wait), and the result
// is the local search's.
TEST(SlurmLive, CapacitySearchOverArraysEqualsTheLocalSearch) {
  const std::string tmp = temp_dir();
  SlurmSandbox slurm(tmp + "/slurm");
  if (!slurm.ready()) GTEST_SKIP() << "no throwaway Slurm here: " << slurm.reason();
  setenv("SLURM_CONF", slurm.conf().c_str(), 1);

  const std::vector<std::string> search{"capacity", source_dir() + "/scenarios/small-center.yaml", "--set",
                                        "horizon.length=3h", "-r", "3", "--max-replications", "3", "--seed", "4",
                                        "--max-multiplier", "2", "--tolerance", "0.2", "-q"};
  auto on_slurm = search;
  for (const char* a : {"--slurm", "--time", "00:10:00", "--json"}) on_slurm.push_back(a);
  on_slurm.push_back(tmp + "/slurm.json");
  on_slurm.push_back("--slurm-dir");
  on_slurm.push_back(tmp + "/study");
  const auto s = run_ccsim(on_slurm);
  auto local = search;
  local.push_back("--json");
  local.push_back(tmp + "/local.json");
  const auto l = run_ccsim(local);
  ASSERT_EQ(s.exit_code, l.exit_code) << s.err;
  EXPECT_TRUE(fs::exists(tmp + "/study/batch-2/parts/shard-3-of-3.part"));
  EXPECT_EQ(read_file(tmp + "/slurm.json"), read_file(tmp + "/local.json"));
}

}  // namespace
}  // namespace ccsim::test
