#pragma once
// Merging shards: reads the parts, checks that they belong together (same command, scenario hash, seed, ccsim
// version, replication counts and shard count), that every shard is there exactly once and holds exactly its
// slice, and returns the results per variant in replication order, ready for the aggregation a local run uses.
#include <stdexcept>
#include <string>
#include <vector>

#include "cluster/part_file.hpp"

namespace ccsim::cluster {

// A set of parts that does not make one run; the message names the part (file) or the shard that is wrong.
class MergeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MergedRun {
  PartHeader header;                               // of the first part (shard-specific fields aside)
  std::vector<std::vector<RepResult>> per_variant;  // sorted by replication
};

MergedRun merge_parts(const std::vector<std::string>& paths);

// The first field (command, version, scenario hash, seed, replications, shard count) in which `h` differs from
// `ref`, as "seed 8 (<ref_name> has 7)"; "" when none does.
std::string header_difference(const PartHeader& ref, const PartHeader& h, const std::string& ref_name);

// Checks only, on headers already read (paths[i] holds headers[i]); used by merge_parts and by the Slurm
// resume check. Throws MergeError.
void check_headers(const std::vector<std::string>& paths, const std::vector<PartHeader>& headers);

}  // namespace ccsim::cluster
