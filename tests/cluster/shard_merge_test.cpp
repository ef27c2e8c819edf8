// ccsim run|sweep --shard I/N + ccsim merge give the local run's JSON (timing fields aside) for any N, and a
// wrong set of parts (missing, duplicated, another seed) is exit 2 naming the part. Also the Slurm dry run
// and its resume after a failed array task, compared as text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "support/json_timing.hpp"
#include "support/test_support.hpp"

namespace ccsim::test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }


std::string scenario() { return source_dir() + "/scenarios/small-center.yaml"; }

std::vector<std::string> run_args(const std::string& seed = "11") {
  return {"run", scenario(), "--set", "horizon.length=4h", "-r", "7", "--seed", seed, "-q"};
}

std::vector<std::string> sweep_args() {
  return {"sweep", scenario(), "--set", "horizon.length=3h", "--load", "0.9,1.1", "-r", "3", "-q"};
}

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Runs shards 1..n of `args` into dir and returns the part paths.
std::vector<std::string> run_shards(const std::vector<std::string>& args, int n, const std::string& dir) {
  std::vector<std::string> parts;
  for (int i = 1; i <= n; ++i) {
    const std::string part = dir + "/shard-" + std::to_string(i) + ".part";
    const auto r = run_ccsim(plus(args, {"--shard", std::to_string(i) + "/" + std::to_string(n), "--part", part}));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    parts.push_back(part);
  }
  return parts;
}

ProcResult merge(const std::vector<std::string>& parts, const std::vector<std::string>& outputs) {
  return run_ccsim(plus(plus({"merge"}, parts), plus(outputs, {"-q"})));
}

nlohmann::json json_of(const std::string& path) { return without_timing(nlohmann::json::parse(read_file(path))); }

TEST(ShardMerge, RunMergedFromAnyShardCountEqualsTheLocalRun) {
  const std::string dir = temp_dir();
  const auto local = run_ccsim(plus(run_args(), {"--json", dir + "/local.json", "-o", dir + "/local.h5"}));
  ASSERT_EQ(local.exit_code, 0) << local.err;
  const std::string want = json_of(dir + "/local.json").dump(1);
  for (int n : {1, 3, 7}) {
    const std::string d = dir + "/n" + std::to_string(n);
    fs::create_directories(d);
    const auto parts = run_shards(run_args(), n, d);
    const auto m = merge(parts, {"--json", d + "/merged.json", "-o", d + "/merged.h5"});
    ASSERT_EQ(m.exit_code, 0) << m.err;
    EXPECT_EQ(json_of(d + "/merged.json").dump(1), want) << "N = " << n;
    EXPECT_TRUE(fs::exists(d + "/merged.h5"));
  }
}

TEST(ShardMerge, SweepShardsCrossingVariantsMergeToTheLocalSweep) {
  const std::string dir = temp_dir();
  const auto local = run_ccsim(plus(sweep_args(), {"--json", dir + "/local.json"}));
  ASSERT_EQ(local.exit_code, 0) << local.err;
  // 2 variants x 3 replications in 4 shards: shards 2 and 4 hold replications of both variants' halves.
  const auto parts = run_shards(sweep_args(), 4, dir);
  const auto m = merge({parts[3], parts[1], parts[0], parts[2]}, {"--json", dir + "/merged.json"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_EQ(json_of(dir + "/merged.json").dump(1), json_of(dir + "/local.json").dump(1));
}

TEST(ShardMerge, WrongPartsAreExit2NamingThePart) {
  const std::string dir = temp_dir();
  const auto parts = run_shards(run_args(), 3, dir);
  const std::string out = dir + "/m.json";

  auto missing = merge({parts[0], parts[2]}, {"--json", out});
  EXPECT_EQ(missing.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(missing.err, "missing shard 2/3")) << missing.err;

  auto dup = merge({parts[0], parts[1], parts[1], parts[2]}, {"--json", out});
  EXPECT_EQ(dup.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(dup.err, parts[1] + ": duplicates shard 2/3")) << dup.err;

  const std::string other = dir + "/other-seed.part";
  ASSERT_EQ(run_ccsim(plus(run_args("12"), {"--shard", "2/3", "--part", other})).exit_code, 0);
  auto seed = merge({parts[0], other, parts[2]}, {"--json", out});
  EXPECT_EQ(seed.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(seed.err, other + ": does not belong with " + parts[0] + ": seed 12 (the first part has 11)"))
      << seed.err;

  const std::string garbage = write_file(dir, "garbage.part", "not a part");
  auto bad = merge({parts[0], garbage, parts[2]}, {"--json", out});
  EXPECT_EQ(bad.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(bad.err, garbage)) << bad.err;
  EXPECT_FALSE(fs::exists(out));

  auto too_many = run_ccsim(plus(run_args(), {"--shard", "1/8"}));
  EXPECT_EQ(too_many.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(too_many.err, "8 shards for 7 replications")) << too_many.err;
}

// The dry run prints the scripts ccsim would submit; the paths in them are the binary's, the working
// directory's and --slurm-dir's, all absolute.
std::string expected_dry_run(const std::string& dir, const std::string& array, const std::string& seed_args) {
  const std::string bin = fs::canonical(ccsim_binary()).string(), cwd = fs::current_path().string();
  return "# " + dir + "/shards.sbatch\n"
         "#!/bin/bash\n"
         "#SBATCH --job-name=ccsim-run\n"
         "#SBATCH --output=" + dir + "/logs/shard-%a.out\n"
         "#SBATCH --partition=short\n"
         "#SBATCH --time=00:30:00\n"
         "#SBATCH --mem=1G\n"
         "#SBATCH --account=cc-lab\n"
         "#SBATCH --array=" + array + "\n"
         "# One shard of `ccsim run` per array task (docs/cluster.md).\n"
         "set -eu\n"
         "cd " + cwd + "\n"
         "exec " + bin + " run " + scenario() + " --set horizon.length=4h -r 7 " + seed_args + " -q"
         " --shard \"$SLURM_ARRAY_TASK_ID/3\" --part " + dir + "/parts/shard-\"$SLURM_ARRAY_TASK_ID\"-of-3.part\n"
         "\n"
         "# " + dir + "/merge.sbatch\n"
         "#!/bin/bash\n"
         "#SBATCH --job-name=ccsim-merge\n"
         "#SBATCH --output=" + dir + "/logs/merge.out\n"
         "#SBATCH --partition=short\n"
         "#SBATCH --time=00:30:00\n"
         "#SBATCH --mem=1G\n"
         "#SBATCH --account=cc-lab\n"
         "#SBATCH --kill-on-invalid-dep=yes\n"
         "# Runs after every shard succeeded (sbatch --dependency=afterok:<array job>).\n"
         "set -eu\n"
         "cd " + cwd + "\n"
         "exec " + bin + " merge " + dir + "/parts/shard-{1..3}-of-3.part -o " + dir + "/small-center.h5 --json " +
         dir + "/summary.json\n"
         "\n"
         "sbatch --parsable " + dir + "/shards.sbatch\n"
         "sbatch --parsable --dependency=afterok:<array job> " + dir + "/merge.sbatch\n";
}

std::vector<std::string> slurm_args(const std::string& dir) {
  return plus(run_args(), {"--slurm", "--slurm-dir", dir, "--shards", "3", "--partition", "short", "--time",
                           "00:30:00", "--mem=1G", "--account", "cc-lab", "--dry-run"});
}

TEST(Slurm, DryRunPrintsTheArrayAndMergeScripts) {
  const std::string dir = temp_dir() + "/study";
  const auto r = run_ccsim(slurm_args(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, expected_dry_run(dir, "1-3", "--seed 11"));
  EXPECT_FALSE(fs::exists(dir)) << "a dry run writes nothing";
}

TEST(Slurm, RerunSubmitsOnlyMissingShardsAndNamesTheFailedTasks) {
  const std::string dir = temp_dir() + "/study";
  fs::create_directories(dir + "/parts");
  // Shard 1 finished in array job 4242; tasks 2 and 3 left no part.
  ASSERT_EQ(run_ccsim(plus(run_args(), {"--shard", "1/3", "--part", dir + "/parts/shard-1-of-3.part"})).exit_code, 0);
  std::ofstream(dir + "/slurm-jobs") << "array 4242\nmerge 4243\n";
  const auto r = run_ccsim(slurm_args(dir));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, expected_dry_run(dir, "2-3", "--seed 11"));
  EXPECT_TRUE(contains(r.err, "shard 2/3: array task 4242_2 left no part; log: " + dir + "/logs/shard-2.out")) << r.err;
  EXPECT_TRUE(contains(r.err, "shard 3/3: array task 4242_3 left no part; log: " + dir + "/logs/shard-3.out")) << r.err;

  // A part of another run in the directory is refused, not merged.
  auto other = slurm_args(dir);
  other[7] = "12";  // --seed 12
  const auto o = run_ccsim(other);
  EXPECT_EQ(o.exit_code, kExitBadInput);
  EXPECT_TRUE(contains(o.err, dir + "/parts/shard-1-of-3.part: does not belong with this run: seed 11 (this run has 12)")) << o.err;
}

}  // namespace
}  // namespace ccsim::test

namespace ccsim::test {
namespace {

// A stand-in sbatch on PATH: records its arguments and answers --parsable with job ids 500, 501, ...
std::string fake_sbatch(const std::string& dir) {
  const std::string bin = dir + "/bin";
  fs::create_directories(bin);
  write_file(bin, "sbatch",
             "#!/bin/sh\n"
             "n=$(cat " + dir + "/count 2>/dev/null || echo 500)\n"
             "echo $((n + 1)) > " + dir + "/count\n"
             "echo \"$*\" >> " + dir + "/calls\n"
             "echo \"$n;cluster\"\n");
  fs::permissions(bin + "/sbatch", fs::perms::owner_all);
  return bin;
}

TEST(Slurm, SubmitsTheArrayThenTheMergeAfterIt) {
  const std::string tmp = temp_dir(), dir = tmp + "/study";
  const std::string bin = fake_sbatch(tmp);
  auto args = slurm_args(dir);
  args.pop_back();  // no --dry-run
  std::vector<std::string> argv{"env", "PATH=" + bin + ":/usr/bin:/bin", ccsim_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto r = run_program(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(tmp + "/calls"), "--parsable " + dir + "/shards.sbatch\n--parsable --dependency=afterok:500 " +
                                           dir + "/merge.sbatch\n");
  EXPECT_EQ(read_file(dir + "/slurm-jobs"), "array 500\nmerge 501\n");
  EXPECT_TRUE(contains(r.out, "submitted shards 1-3 of 3 as array job 500")) << r.out;
  EXPECT_TRUE(contains(read_file(dir + "/shards.sbatch"), "#SBATCH --array=1-3\n"));
  EXPECT_TRUE(fs::is_directory(dir + "/logs"));

  // The scripts themselves work: run each array task as Slurm would, then the merge; the result is the
  // local run's.
  for (const char* task : {"1", "2", "3"}) {
    const auto t = run_program({"env", std::string("SLURM_ARRAY_TASK_ID=") + task, "bash", dir + "/shards.sbatch"});
    ASSERT_EQ(t.exit_code, 0) << t.err;
  }
  const auto m = run_program({"bash", dir + "/merge.sbatch"});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  ASSERT_EQ(run_ccsim(plus(run_args(), {"--json", tmp + "/local.json", "-o", tmp + "/local.h5"})).exit_code, 0);
  EXPECT_EQ(json_of(dir + "/summary.json").dump(1), json_of(tmp + "/local.json").dump(1));
  EXPECT_TRUE(fs::exists(dir + "/small-center.h5"));
}

}  // namespace
}  // namespace ccsim::test
