#include "engine/extension.hpp"
#include "engine/autoscaler.hpp"
#include "engine/failover_extension.hpp"

namespace ccsim {

std::vector<std::unique_ptr<Extension>> make_extensions(const Scenario& sc, int replication) {
  std::vector<std::unique_ptr<Extension>> list;
  // Platform & failover (platform issue): provides the call-setup hook, plays faults and drills.
  if (auto e = make_failover_extension(sc, replication)) list.push_back(std::move(e));
  // Seat pools, scheduled seat changes and the autoscaler (seats issue).
  if (auto e = make_seats_extension(sc, replication)) list.push_back(std::move(e));
  return list;
}

}  // namespace ccsim
