#pragma once
// The platform's domain state, free of SimGrid: hosts (up/down, paused by a live migration, degraded), their
// call-setup rate and concurrency counters, which sites can reach each other, and which host serves each of a
// tenant's placement slots. It is the PlatformHook the call flow asks for every call setup.
//
// Placement: a tenant's `hosts` list becomes its slots. A slot is served by one host at a time: at first the
// host it names; after a failover, the standby that took the failed host over. Requests are spread over the
// slots (round robin, or least loaded), and the load balancer is health-blind: a request that lands on a slot
// whose host is down fails (HostDown) until the controller has moved that slot elsewhere. docs/platform.md.
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "callflow/hooks.hpp"
#include "core/rng.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::platform {

enum class Balancing { RoundRobin, LeastLoaded };

struct HostState {
  std::string name;
  int site = 0;
  bool standby = false;       // a spare: serves no slot until the controller moves a failed host's slots here
  double cps_limit = 0;       // 0 = unlimited
  int max_concurrent = 0;     // 0 = unlimited
  bool up = true;
  bool paused = false;        // stop-and-copy phase of a live migration: requests fail (HostDown)
  bool drained = false;       // planned stop: its slots were moved away first, its calls keep running
  bool reserved = false;      // chosen as a migration target, migration still running
  double degraded_share = 0;  // share of requests failing (degrade drill)
  double added_latency = 0;   // s added to every successful setup (degrade drill)
  int concurrent = 0;         // calls holding a slot on this host
  int frozen_load = 0;        // load the (health-blind) balancer last saw before the host went down
  std::deque<double> window;  // accepted setups in the last second (sliding 1 s window)
  int incident = -1;          // incident currently affecting the host (down, paused, degraded), -1 = none
};

class PlatformState final : public PlatformHook {
 public:
  PlatformState(const Scenario& sc, int replication);

  Setup setup(int tenant, double now) override;
  void release(int host, double now) override;

  // ---- topology (indices follow the scenario's order)
  int num_hosts() const { return static_cast<int>(hosts_.size()); }
  int num_sites() const { return static_cast<int>(site_names_.size()); }
  int num_links() const { return static_cast<int>(link_down_.size()); }
  int num_tenants() const { return static_cast<int>(slots_.size()); }
  int host_index(const std::string& name) const;  // -1 when unknown
  int site_index(const std::string& name) const;
  const HostState& host(int h) const { return hosts_[static_cast<size_t>(h)]; }
  HostState& host(int h) { return hosts_[static_cast<size_t>(h)]; }
  const std::string& site_name(int s) const { return site_names_[static_cast<size_t>(s)]; }
  int entry_site(int tenant) const { return entry_site_[static_cast<size_t>(tenant)]; }

  // ---- state changes (the failover controller and drills call these)
  void set_host_up(int h, bool up);
  void set_degraded(int h, double share, double latency);
  void set_site_cut(int s, bool cut, int incident);
  void set_link_down(int l, bool down, int incident);
  bool site_cut(int s) const { return site_cut_[static_cast<size_t>(s)] != 0; }
  bool link_down(int l) const { return link_down_[static_cast<size_t>(l)] != 0; }
  // Whether calls entering at site `from` can reach a host in site `to` (no cut site on the way, a path of up
  // links between them).
  bool reachable(int from, int to) const { return reach_[static_cast<size_t>(from) * site_names_.size() + to] != 0; }

  // ---- placement
  const std::vector<int>& slots(int tenant) const { return slots_[static_cast<size_t>(tenant)]; }
  bool serves_slots(int h) const;
  std::vector<int> tenants_on(int h) const;  // tenants with a slot served by h
  // Every slot served by `from` is served by `to` from now on (failover or planned move).
  void move_slots(int from, int to);
  // A standby with spare capacity for `failed`: up, not paused or reserved, serving no slot, reachable from the
  // entry sites of the failed host's tenants. Same site first when prefer_same_site, then the other sites in
  // scenario order. -1 when none.
  int pick_standby(int failed, bool prefer_same_site) const;

  // Requests of provider causes that failed while attributed to incident k (counted in setup()).
  const std::vector<int64_t>& failed_by_incident() const { return failed_by_incident_; }
  void ensure_incident(int k);

 private:
  void recompute_reach();
  void count_failure(int incident);

  Balancing balancing_ = Balancing::RoundRobin;
  double background_fail_share_ = 0;
  std::vector<HostState> hosts_;
  std::vector<std::string> site_names_;
  std::vector<std::pair<int, int>> link_ends_;  // per link: (site a, site b)
  std::vector<uint8_t> site_cut_, link_down_;
  std::vector<int> site_incident_, link_incident_;
  int last_link_incident_ = -1;
  std::vector<uint8_t> reach_;                  // sites x sites
  std::vector<std::vector<int>> slots_;         // per tenant: serving host of each slot
  std::vector<int> entry_site_;                 // per tenant: where its calls enter the platform
  std::vector<size_t> rr_;                      // per tenant: round-robin cursor
  std::vector<Rng> degrade_rng_;                // per host
  std::vector<int64_t> failed_by_incident_;
};

}  // namespace ccsim::platform
