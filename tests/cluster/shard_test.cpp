// Shard slices, part files and Slurm scripts, without running anything: slices computed by hand, the part
// encoding round trip, and the batch scripts compared with text written out here.
#include <gtest/gtest.h>

#include <sstream>

#include "cluster/merge.hpp"
#include "cluster/part_file.hpp"
#include "cluster/shard.hpp"
#include "cluster/slurm.hpp"
#include "core/error.hpp"

namespace ccsim::cluster {
namespace {

std::vector<WorkItem> items(std::initializer_list<std::pair<int, int>> l) {
  std::vector<WorkItem> v;
  for (auto [a, b] : l) v.push_back({a, b});
  return v;
}

TEST(Shard, ParsesIOverN) {
  const ShardSpec s = parse_shard_spec("2/7");
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 7);
  for (const char* bad : {"0/3", "4/3", "3", "/3", "1/", "a/3", "1/-3", "-1/3", "1/3x"})
    EXPECT_THROW(parse_shard_spec(bad), InputError) << bad;
}

TEST(Shard, SlicesAreContiguousAndCoverEveryReplicationOnce) {
  // 2 variants x 3 replications = 6 items; 4 shards: floor(k*6/4) = 0,1,3,4,6 -> sizes 1,2,1,2.
  const std::vector<int> reps{3, 3};
  EXPECT_EQ(shard_items(reps, {1, 4}), items({{0, 0}}));
  EXPECT_EQ(shard_items(reps, {2, 4}), items({{0, 1}, {0, 2}}));
  EXPECT_EQ(shard_items(reps, {3, 4}), items({{1, 0}}));
  EXPECT_EQ(shard_items(reps, {4, 4}), items({{1, 1}, {1, 2}}));
  EXPECT_EQ(shard_items({5}, {1, 1}), items({{0, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4}}));
  EXPECT_THROW(shard_items({3, 3}, {1, 7}), InputError);  // more shards than replications
}

TEST(Shard, RangesSplitAtVariantBoundaries) {
  const auto r = item_ranges(items({{0, 2}, {0, 3}, {1, 0}}));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].variant, 0);
  EXPECT_EQ(r[0].first, 2);
  EXPECT_EQ(r[0].count, 2);
  EXPECT_EQ(r[1].variant, 1);
  EXPECT_EQ(r[1].first, 0);
  EXPECT_EQ(r[1].count, 1);
}

Part sample_part() {
  Part p;
  p.header = PartHeader{"run", {"s.yaml", "-r", "2"}, "/tmp", "00ff", 42, "9.9.9", {2}, {2, 2}, items({{0, 1}})};
  RepResult r;
  r.replication = 1;
  r.calls = 12345;
  p.results.push_back(r);
  return p;
}

TEST(PartFile, RoundTripsAndRejectsDamage) {
  const Part p = sample_part();
  const std::string bytes = encode_part(p);
  const Part q = decode_part(bytes);
  EXPECT_EQ(q.header.args, p.header.args);
  EXPECT_EQ(q.header.seed, 42u);
  EXPECT_EQ(q.header.items, p.header.items);
  ASSERT_EQ(q.results.size(), 1u);
  EXPECT_EQ(q.results[0].calls, 12345u);
  EXPECT_EQ(encode_part(q), bytes);
  EXPECT_THROW(decode_part(bytes.substr(0, bytes.size() - 1)), PartFormatError);
  EXPECT_THROW(decode_part(bytes + "x"), PartFormatError);
  EXPECT_THROW(decode_part("CCSIMREP" + bytes.substr(8)), PartFormatError);
}

TEST(Merge, HeadersNameTheWrongPart) {
  PartHeader a{"run", {}, "/", "h", 1, "v", {4}, {1, 2}, items({{0, 0}, {0, 1}})};
  PartHeader b = a;
  b.shard = {2, 2};
  b.items = items({{0, 2}, {0, 3}});
  EXPECT_NO_THROW(check_headers({"a", "b"}, {a, b}));
  PartHeader c = b;
  c.seed = 2;
  try {
    check_headers({"a", "c"}, {a, c});
    FAIL();
  } catch (const MergeError& e) {
    EXPECT_EQ(std::string(e.what()), "c: does not belong with a: seed 2 (the first part has 1)");
  }
  try {
    check_headers({"a"}, {a});
    FAIL();
  } catch (const MergeError& e) {
    EXPECT_EQ(std::string(e.what()), "missing shard 2/2 (have 1 of 2 parts)");
  }
  try {
    check_headers({"a", "a2"}, {a, a});
    FAIL();
  } catch (const MergeError& e) {
    EXPECT_EQ(std::string(e.what()), "a2: duplicates shard 1/2 (also in a)");
  }
  PartHeader wrong = b;
  wrong.items = items({{0, 3}});
  EXPECT_THROW(check_headers({"a", "w"}, {a, wrong}), MergeError);
}

TEST(Slurm, ArraySpecCompressesRuns) {
  EXPECT_EQ(array_spec({1, 2, 3, 5, 7, 8}), "1-3,5,7-8");
  EXPECT_EQ(array_spec({4}), "4");
}

TEST(Slurm, ScriptsAreExactlyTheDocumentedOnes) {
  SlurmPlan p;
  p.ccsim = "/opt/ccsim/bin/ccsim";
  p.cwd = "/home/ana/study";
  p.command = "sweep";
  p.args = {"center.yaml", "--vary", "tenants[0].groups[0].agents=20,22", "-r", "6"};
  p.merge_outputs = {"--json", "/scratch/ana/sw/summary.json"};
  p.opt.dir = "/scratch/ana/sw";
  p.opt.partition = "batch";
  p.opt.time = "01:00:00";
  p.opt.mem = "2G";
  p.opt.shards = 4;
  p.shards = {1, 2, 4};
  EXPECT_EQ(array_script(p),
            "#!/bin/bash\n"
            "#SBATCH --job-name=ccsim-sweep\n"
            "#SBATCH --output=/scratch/ana/sw/logs/shard-%a.out\n"
            "#SBATCH --partition=batch\n"
            "#SBATCH --time=01:00:00\n"
            "#SBATCH --mem=2G\n"
            "#SBATCH --array=1-2,4\n"
            "# One shard of `ccsim sweep` per array task (docs/cluster.md).\n"
            "set -eu\n"
            "cd /home/ana/study\n"
            "exec /opt/ccsim/bin/ccsim sweep center.yaml --vary 'tenants[0].groups[0].agents=20,22' -r 6"
            " --shard \"$SLURM_ARRAY_TASK_ID/4\" --part /scratch/ana/sw/parts/shard-\"$SLURM_ARRAY_TASK_ID\"-of-4.part\n");
  EXPECT_EQ(merge_script(p),
            "#!/bin/bash\n"
            "#SBATCH --job-name=ccsim-merge\n"
            "#SBATCH --output=/scratch/ana/sw/logs/merge.out\n"
            "#SBATCH --partition=batch\n"
            "#SBATCH --time=01:00:00\n"
            "#SBATCH --mem=2G\n"
            "#SBATCH --kill-on-invalid-dep=yes\n"
            "# Runs after every shard succeeded (sbatch --dependency=afterok:<array job>).\n"
            "set -eu\n"
            "cd /home/ana/study\n"
            "exec /opt/ccsim/bin/ccsim merge /scratch/ana/sw/parts/shard-{1..4}-of-4.part --json "
            "/scratch/ana/sw/summary.json\n");
}

TEST(Slurm, ShellQuoteSurvivesQuotes) {
  EXPECT_EQ(shell_quote("plain/path.yaml"), "plain/path.yaml");
  EXPECT_EQ(shell_quote("it's here"), "'it'\\''s here'");
  EXPECT_EQ(shell_quote(""), "''");
}

}  // namespace
}  // namespace ccsim::cluster
