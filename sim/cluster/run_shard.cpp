#include "cluster/run_shard.hpp"

namespace ccsim::cluster {

ShardRun run_shard(const std::vector<const Scenario*>& variants, PartHeader header, int jobs,
                   const std::function<void(const RunProgress&)>& on_progress) {
  header.replications.clear();
  for (const Scenario* sc : variants) header.replications.push_back(sc->replications);
  header.items = shard_items(header.replications, header.shard);
  ShardRun out;
  out.part.header = header;
  for (const RepRange& range : item_ranges(header.items)) {
    RunnerOptions ro;
    ro.first_replication = range.first;
    ro.replications = range.count;
    ro.jobs = jobs;
    ro.on_progress = on_progress;
    RunOutcome oc = run_replications(*variants[range.variant], ro);
    for (auto& r : oc.results) out.part.results.push_back(std::move(r));
    if (oc.interrupted || static_cast<int>(oc.results.size()) != range.count) {
      out.interrupted = true;
      break;
    }
  }
  return out;
}

}  // namespace ccsim::cluster
