#include "cluster/merge.hpp"

#include <algorithm>
#include <map>

namespace ccsim::cluster {

namespace {

std::string join(const std::vector<int>& v) {
  std::string s;
  for (int x : v) s += (s.empty() ? "" : ",") + std::to_string(x);
  return s;
}

}  // namespace

std::string header_difference(const PartHeader& ref, const PartHeader& h, const std::string& ref_name) {
  auto diff = [&](const std::string& what, const std::string& a, const std::string& b) {
    return what + " " + b + " (" + ref_name + " has " + a + ")";
  };
  if (h.command != ref.command) return diff("command", ref.command, h.command);
  if (h.ccsim_version != ref.ccsim_version) return diff("ccsim version", ref.ccsim_version, h.ccsim_version);
  if (h.scenario_hash != ref.scenario_hash) return diff("scenario hash", ref.scenario_hash, h.scenario_hash);
  if (h.seed != ref.seed) return diff("seed", std::to_string(ref.seed), std::to_string(h.seed));
  if (h.replications != ref.replications)
    return diff("replications", join(ref.replications), join(h.replications));
  if (h.shard.count != ref.shard.count)
    return diff("shard count", std::to_string(ref.shard.count), std::to_string(h.shard.count));
  return "";
}

void check_headers(const std::vector<std::string>& paths, const std::vector<PartHeader>& headers) {
  if (headers.empty()) throw MergeError("no parts to merge");
  const PartHeader& ref = headers.front();
  std::map<int, std::string> seen;  // shard index -> part
  for (size_t i = 0; i < headers.size(); ++i) {
    const PartHeader& h = headers[i];
    const std::string d = header_difference(ref, h, "the first part");
    if (!d.empty()) throw MergeError(paths[i] + ": does not belong with " + paths[0] + ": " + d);
    if (h.shard.index < 1 || h.shard.index > h.shard.count)
      throw MergeError(paths[i] + ": shard " + h.shard.text() + " is out of range");
    auto [it, fresh] = seen.emplace(h.shard.index, paths[i]);
    if (!fresh) throw MergeError(paths[i] + ": duplicates shard " + h.shard.text() + " (also in " + it->second + ")");
    if (h.items != shard_items(h.replications, h.shard))
      throw MergeError(paths[i] + ": does not hold exactly the replications of shard " + h.shard.text());
  }
  std::vector<int> missing;
  for (int s = 1; s <= ref.shard.count; ++s)
    if (!seen.count(s)) missing.push_back(s);
  if (!missing.empty()) {
    std::string list;
    for (int s : missing) list += (list.empty() ? "" : ", ") + std::to_string(s) + "/" + std::to_string(ref.shard.count);
    throw MergeError("missing shard" + std::string(missing.size() > 1 ? "s " : " ") + list + " (have " +
                     std::to_string(seen.size()) + " of " + std::to_string(ref.shard.count) + " parts)");
  }
}

MergedRun merge_parts(const std::vector<std::string>& paths) {
  std::vector<Part> parts;
  std::vector<PartHeader> headers;
  for (const auto& p : paths) {
    try {
      parts.push_back(read_part(p));
    } catch (const PartFormatError& e) {
      throw MergeError(e.what());
    }
    headers.push_back(parts.back().header);
  }
  check_headers(paths, headers);
  MergedRun m;
  m.header = headers.front();
  m.per_variant.resize(m.header.replications.size());
  for (auto& part : parts)
    for (size_t i = 0; i < part.results.size(); ++i)
      m.per_variant[part.header.items[i].variant].push_back(std::move(part.results[i]));
  for (auto& v : m.per_variant)
    std::sort(v.begin(), v.end(), [](const RepResult& a, const RepResult& b) { return a.replication < b.replication; });
  return m;
}

}  // namespace ccsim::cluster
