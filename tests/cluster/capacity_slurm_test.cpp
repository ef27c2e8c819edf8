// ccsim capacity --slurm: every batch of a trial's replications goes through a job array (here a stand-in
// sbatch that runs the array's tasks on this machine, as Slurm would on nodes) and the search equals the local
// search with the same seed; a rerun resumes from the parts; the dry run prints the first trial's array script.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "support/test_support.hpp"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string scenario() { return source_dir() + "/scenarios/small-center.yaml"; }

std::vector<std::string> capacity_args(const std::vector<std::string>& more) {
  std::vector<std::string> a{"capacity", scenario(), "--set", "horizon.length=4h", "-r", "2", "--seed", "5", "-q"};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

// `sbatch --parsable --wait FILE`: runs FILE once per id of its #SBATCH --array line with SLURM_ARRAY_TASK_ID
// set and the output in its #SBATCH --output log, answers job id 700, and fails when a task failed. Task
// $SKIP_TASK (of any array) is not run, as if its node died. Each call is recorded in DIR/calls.
std::string array_running_sbatch(const std::string& dir) {
  const std::string bin = dir + "/bin";
  fs::create_directories(bin);
  write_file(bin, "sbatch",
             "#!/bin/bash\n"
             "script=\"${@: -1}\"\n"
             "echo \"$*\" >> " + dir + "/calls\n"
             "spec=$(sed -n 's/^#SBATCH --array=//p' \"$script\")\n"
             "log=$(sed -n 's/^#SBATCH --output=//p' \"$script\")\n"
             "status=0\n"
             "IFS=, read -ra ranges <<< \"$spec\"\n"
             "for r in \"${ranges[@]}\"; do\n"
             "  for i in $(seq \"${r%-*}\" \"${r#*-}\"); do\n"
             "    [ \"$i\" = \"${SKIP_TASK:-}\" ] && { status=1; continue; }\n"
             "    SLURM_ARRAY_TASK_ID=$i bash \"$script\" > \"${log//%a/$i}\" 2>&1 || status=1\n"
             "  done\n"
             "done\n"
             "echo \"700;cluster\"\n"
             "exit $status\n");
  fs::permissions(bin + "/sbatch", fs::perms::owner_all);
  return bin;
}

ProcResult run_with_sbatch(const std::string& bin, const std::vector<std::string>& args, const std::string& skip = "") {
  std::vector<std::string> argv{"env", "PATH=" + bin + ":/usr/bin:/bin", "SKIP_TASK=" + skip, ccsim_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv);
}

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

int count_batches(const std::string& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().rfind("batch-", 0) == 0;
  return n;
}

std::vector<std::string> plus_json(std::vector<std::string> a, const std::string& json) {
  a.push_back("--json");
  a.push_back(json);
  return a;
}

void expect_same_as_local(const std::vector<std::string>& search, const std::vector<std::string>& split) {
  const std::string tmp = temp_dir(), dir = tmp + "/study";
  const std::string bin = array_running_sbatch(tmp);
  const auto local = run_ccsim(capacity_args(plus_json(search, tmp + "/local.json")));
  ASSERT_TRUE(local.exit_code == 0 || local.exit_code == kExitTargetBreached) << local.err;
  std::vector<std::string> slurm = plus_json(search, tmp + "/slurm.json");
  slurm.insert(slurm.end(), {"--slurm", "--slurm-dir", dir});
  slurm.insert(slurm.end(), split.begin(), split.end());
  const auto r = run_with_sbatch(bin, capacity_args(slurm));
  ASSERT_EQ(r.exit_code, local.exit_code) << r.err;
  EXPECT_EQ(read_file(tmp + "/slurm.json"), read_file(tmp + "/local.json"));
  // One array per batch, each waited for: the search needs a batch's results before choosing the next trial.
  const std::string calls = read_file(tmp + "/calls");
  EXPECT_GE(count_batches(dir), 3);
  EXPECT_EQ(count_lines(calls), count_batches(dir));
  EXPECT_TRUE(calls.rfind("--parsable --wait " + dir + "/batch-1/shards.sbatch\n", 0) == 0) << calls;

  // A rerun finds every batch's parts: nothing is submitted, the result is the same.
  fs::remove(tmp + "/calls");
  fs::remove(tmp + "/slurm.json");
  const auto again = run_with_sbatch(bin, capacity_args(slurm));
  ASSERT_EQ(again.exit_code, local.exit_code) << again.err;
  EXPECT_FALSE(fs::exists(tmp + "/calls"));
  EXPECT_EQ(read_file(tmp + "/slurm.json"), read_file(tmp + "/local.json"));
}

TEST(CapacitySlurm, MaxLoadSearchEqualsTheLocalSearch) { expect_same_as_local({}, {}); }

TEST(CapacitySlurm, StaffingSearchSplitInTwoShardsEqualsTheLocalSearch) {
  expect_same_as_local({"--mode", "staffing"}, {"--shards", "2"});
}

TEST(CapacitySlurm, FailedTaskIsNamedAndTheRerunSubmitsOnlyIt) {
  const std::string tmp = temp_dir(), dir = tmp + "/study";
  const std::string bin = array_running_sbatch(tmp);
  const auto args = capacity_args({"--slurm", "--slurm-dir", dir, "--json", tmp + "/slurm.json"});
  const auto failed = run_with_sbatch(bin, args, "2");
  EXPECT_EQ(failed.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(failed.err, "batch 1: the array left shards without a part")) << failed.err;
  EXPECT_TRUE(contains(failed.err, "shard 2/2: array task 700_2 left no part; log: " + dir + "/batch-1/logs/shard-2.out"))
      << failed.err;
  EXPECT_FALSE(fs::exists(tmp + "/slurm.json"));

  const auto rerun = run_with_sbatch(bin, args);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(contains(read_file(dir + "/batch-1/shards.sbatch"), "#SBATCH --array=2\n"));
  ASSERT_EQ(run_ccsim(capacity_args({"--json", tmp + "/local.json"})).exit_code, 0);
  EXPECT_EQ(read_file(tmp + "/slurm.json"), read_file(tmp + "/local.json"));
}

TEST(CapacitySlurm, DryRunPrintsTheFirstTrialsArrayScript) {
  const std::string dir = temp_dir() + "/study";
  const auto r = run_ccsim(capacity_args({"--slurm", "--slurm-dir", dir, "--shards", "2", "--partition", "short",
                                          "--time", "00:10:00", "-j", "2", "--dry-run", "--json", "x.json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bin = fs::canonical(ccsim_binary()).string(), cwd = fs::current_path().string();
  const std::string batch = dir + "/batch-1";
  EXPECT_EQ(r.out,
            "# " + batch + "/shards.sbatch (the first trial; each later one is submitted when the previous finished)\n"
            "#!/bin/bash\n"
            "#SBATCH --job-name=ccsim-capacity\n"
            "#SBATCH --output=" + batch + "/logs/shard-%a.out\n"
            "#SBATCH --partition=short\n"
            "#SBATCH --time=00:10:00\n"
            "#SBATCH --array=1-2\n"
            "# One shard of `ccsim capacity` per array task (docs/cluster.md).\n"
            "set -eu\n"
            "cd " + cwd + "\n"
            "exec " + bin + " capacity " + scenario() + " --set horizon.length=4h -r 2 --seed 5 -q -j 2 --slurm-dir " +
            dir + " --shards 2 --slurm-batch 1 --shard \"$SLURM_ARRAY_TASK_ID/2\" --part " + batch +
            "/parts/shard-\"$SLURM_ARRAY_TASK_ID\"-of-2.part\n"
            "\n"
            "sbatch --parsable --wait " + batch + "/shards.sbatch\n");
  EXPECT_FALSE(fs::exists(dir)) << "a dry run writes nothing";
  EXPECT_FALSE(fs::exists("x.json"));
}

TEST(CapacitySlurm, TaskOptionsAreRefusedWithoutSlurm) {
  const auto r = run_ccsim(capacity_args({"--shard", "1/2"}));
  EXPECT_EQ(r.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(r.err, "capacity runs its shards through --slurm")) << r.err;
}

}  // namespace
}  // namespace ccsim::test
