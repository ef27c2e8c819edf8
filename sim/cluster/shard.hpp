#pragma once
// Shards: the work of a run or sweep is the list of (variant, replication) pairs, variant-major; shard I of N
// is the I-th of N contiguous, nearly equal slices of that list. Contiguous slices keep each shard's
// replications of one variant a single range, which the replication runner runs as it would locally.
#include <string>
#include <vector>

namespace ccsim::cluster {

struct ShardSpec {
  int index = 1;  // 1-based, as Slurm array ids and GNU parallel's {#}
  int count = 1;
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

struct WorkItem {
  int variant = 0;
  int replication = 0;
  bool operator==(const WorkItem& o) const { return variant == o.variant && replication == o.replication; }
};

// "I/N" with 1 <= I <= N. Throws InputError naming `option` (exit 2).
ShardSpec parse_shard_spec(const std::string& text, const std::string& option = "--shard");

// The items of shard `s` when variant v has replications[v] replications. Slice I covers the flattened
// indices [floor((I-1)*T/N), floor(I*T/N)), T = total. Throws InputError when N > T (an empty shard would
// be a job that does nothing).
std::vector<WorkItem> shard_items(const std::vector<int>& replications, const ShardSpec& s);

// A contiguous range of replications of one variant inside a shard.
struct RepRange {
  int variant = 0;
  int first = 0;
  int count = 0;
};
std::vector<RepRange> item_ranges(const std::vector<WorkItem>& items);

}  // namespace ccsim::cluster
