#include "cluster/shard.hpp"

#include <cstdlib>
#include <numeric>

#include "core/error.hpp"

namespace ccsim::cluster {

namespace {

bool parse_positive(const std::string& s, int& out) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::atoi(s.c_str());
  return out >= 1;
}

}  // namespace

ShardSpec parse_shard_spec(const std::string& text, const std::string& option) {
  const auto slash = text.find('/');
  ShardSpec s;
  if (slash == std::string::npos || !parse_positive(text.substr(0, slash), s.index) ||
      !parse_positive(text.substr(slash + 1), s.count) || s.index > s.count)
    throw InputError(SourceLoc{"command line", 0, 0}, option, "'" + text + "' is not a shard", "I/N with 1 <= I <= N");
  return s;
}

std::vector<WorkItem> shard_items(const std::vector<int>& replications, const ShardSpec& s) {
  const long total = std::accumulate(replications.begin(), replications.end(), 0L);
  if (s.count > total)
    throw InputError(SourceLoc{"command line", 0, 0}, "--shard",
                     std::to_string(s.count) + " shards for " + std::to_string(total) + " replications",
                     "at most one shard per replication");
  const long begin = (s.index - 1) * total / s.count, end = s.index * total / s.count;
  std::vector<WorkItem> items;
  long k = 0;
  for (int v = 0; v < static_cast<int>(replications.size()); ++v)
    for (int r = 0; r < replications[v]; ++r, ++k)
      if (k >= begin && k < end) items.push_back({v, r});
  return items;
}

std::vector<RepRange> item_ranges(const std::vector<WorkItem>& items) {
  std::vector<RepRange> ranges;
  for (const auto& it : items) {
    if (!ranges.empty() && ranges.back().variant == it.variant &&
        ranges.back().first + ranges.back().count == it.replication)
      ++ranges.back().count;
    else
      ranges.push_back({it.variant, it.replication, 1});
  }
  return ranges;
}

}  // namespace ccsim::cluster
