#pragma once
// The partial result file of one shard (`ccsim run|sweep --shard I/N`): a header saying where the results come
// from, then the shard's replication results in rep_result_io's exact encoding (doubles as bit patterns), so
// merging parts gives the same bytes as a local run.
//
// Format (version 1): "CCSIMPRT" magic, u64 version, u64 length + header JSON (PartHeader), u64 result count,
// then per result a u64 length + encode_rep_result bytes, and the "END!" marker. Little-endian, like
// rep_result_io. A transfer format between runs of the same ccsim version (the header names it).
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "cluster/shard.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::cluster {

struct PartHeader {
  std::string command;            // "run" or "sweep": which aggregation the merge goes through
  std::vector<std::string> args;  // the command's arguments, to rebuild its scenarios and outputs at merge
  std::string cwd;                // where they were given (relative scenario paths)
  std::string scenario_hash;      // scenario_hash() of the scenario files and what-ifs
  uint64_t seed = 0;
  std::string ccsim_version;
  std::vector<int> replications;  // per variant (one for run)
  ShardSpec shard;
  std::vector<WorkItem> items;    // which replications this part holds, in the order of its results
};

struct Part {
  PartHeader header;
  std::vector<RepResult> results;  // results[i] is items[i]
};

// Bytes or a file that are not a part of this format version.
class PartFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string encode_part(const Part& p);
Part decode_part(const std::string& bytes);
// Atomic write (core/atomic_file). read_part throws PartFormatError naming `path`.
void write_part(const std::string& path, const Part& p);
Part read_part(const std::string& path);
// The header only (resuming a Slurm run checks which shards are done without decoding every result).
PartHeader read_part_header(const std::string& path);

// Identity of the scenario a part was computed from: FNV-1a 64 (hex) over the contents of every input file and
// the what-if strings that shape the simulated scenarios (--set, --vary, --load).
std::string scenario_hash(const std::vector<std::string>& input_files, const std::vector<std::string>& what_ifs);

}  // namespace ccsim::cluster
