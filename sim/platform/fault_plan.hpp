#pragma once
// Every fault of one replication, decided before the clock starts: random host, site and link failures
// (exponential up/down times from one RNG stream per entity, so equal seeds give the same faults and a
// what-if variant with the same seed keeps them) and the scenario's drills with their targets expanded and
// their blast radius drawn. The engine's control-plane actor plays this plan; docs/platform.md.
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/ledger.hpp"

#include "stats/rep_result.hpp"

namespace ccsim::platform {

enum class FaultKind {
  HostCrash,    // hosts turn off: calls dropped, failover after detection (random failure, crash drill, site loss)
  Maintenance,  // planned: hosts' tenants moved first (live migration or cold), then the hosts stop
  Degrade,      // hosts fail a share of requests and add latency
  SiteCut,      // a site is cut off from the network (partition)
  LinkDown,     // an inter-site link is down (partition, random link failure)
  TrunkOutage,  // carrier trunk groups down (outside the provider)
  Overload,     // injected traffic
  CustomerSide, // a share of tenants' requests fail for a customer-side cause (customer network, attack...)
};

struct Fault {
  FaultKind kind = FaultKind::HostCrash;
  IncidentKind incident = IncidentKind::Crash;  // what the incident of this fault is called (its JSON "kind")
  std::string target;       // e.g. "host:main-cc-1", "site:main", "link:main-backup"
  std::string drill;        // drill name, empty for random failures
  bool announced = false;
  double start = 0;         // sim seconds
  double end = -1;          // repair / end of the drill; < 0 = not within the horizon
  std::vector<int> hosts;   // HostCrash, Maintenance, Degrade
  std::vector<int> sites;   // SiteCut
  std::vector<int> links;   // LinkDown
  std::vector<std::pair<int, int>> trunks;  // TrunkOutage: (tenant, trunk group)
  std::vector<std::pair<int, int>> call_types;  // Overload: (tenant, call type) receiving extra traffic
  std::vector<int> tenants;                     // CustomerSide
  Cause cause = Cause::CustomerNetwork;         // CustomerSide
  double fail_share = 0, added_latency = 0, extra_per_hour = 0;
  bool migrate_live = false;
};

// The faults of replication `replication`, sorted by start time (drills before random failures at equal times).
std::vector<Fault> plan_faults(const Scenario& sc, int replication);

// How many of n targets a drill hits: blast_count when > 0 (at most n), else ceil(blast_share x n), and at
// least one when the share is > 0.
int blast_size(const DrillSpec& d, int n);

}  // namespace ccsim::platform
