#pragma once
// The control plane's logic, free of SimGrid: it plays the fault plan (random failures and drills), and its
// failover controller detects failed hosts, picks standby hosts and moves tenants to them. The engine runs it
// inside a long-lived SimGrid actor on host "control" (engine/failover_extension.cpp): the actor sleeps until
// next_time() and calls run_due(); SimGrid's host state changes come back through on_host_state().
//
// Failover timeline of a crash at t0 (docs/platform.md):
//   t0                           host off: calls in progress dropped (keep_media_share kept), requests fail
//   t0 + heartbeat x misses      detected: the controller picks a standby (same site first, then others)
//   detected + cold_restart      migrated: the failed host's slots are served by the standby
// With no standby left, the outage lasts until the host is repaired; the incident says so.
#include <functional>
#include <queue>
#include <string>
#include <vector>

#include "callflow/tenant_model.hpp"
#include "platform/fault_plan.hpp"
#include "platform/platform_state.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::platform {

// What only the engine can do: change SimGrid's view of hosts and links, and run a live migration.
class PlatformDriver {
 public:
  virtual ~PlatformDriver() = default;
  // Host::turn_off / turn_on. The engine reports the change back through ControlPlane::on_host_state.
  virtual void power_host(int host, bool on) = 0;
  virtual void set_link(int link, bool up) = 0;
  // Starts a live migration of the VM carrying `from`'s tenants to `to` (asynchronous). The engine reports
  // live_paused (stop-and-copy begins) and live_done (the VM runs on `to`).
  virtual void live_migrate(int from, int to) = 0;
};

class ControlPlane {
 public:
  ControlPlane(const Scenario& sc, PlatformState& state, std::vector<Fault> plan);
  // The tenants of the running simulation (drop calls, trunk outages, injected traffic, announced minutes).
  // Registers the overload traffic and the announced minutes, which are known before the clock starts.
  void attach(const std::vector<TenantModel*>& tenants, PlatformDriver* driver);

  bool has_next() const { return !agenda_.empty(); }
  double next_time() const { return agenda_.top().t; }
  // Runs every action due at `now` (including those it schedules for `now`).
  void run_due(double now);

  // SimGrid host state change (from Host::on_state_change_cb).
  void on_host_state(int host, bool on, double now);
  // Live migration progress (maintenance drills with migrate_live).
  void live_paused(int from, double now);
  void live_done(int from, int to, double now, double downtime);

  // Fills the incidents' failure counts (from the hook and, for trunk outages and overloads, from the tenants'
  // ledgers) and closes what is still open at `end`.
  std::vector<Incident> finish(double end, const RepResult& result);
  const std::vector<Incident>& incidents() const { return incidents_; }

 private:
  enum class Act { FaultStart, FaultEnd, Detect, MigrationDone };
  struct Action {
    double t;
    uint64_t seq;
    Act act;
    int a, b;      // fault index | host, standby
    uint32_t epoch;
    bool operator>(const Action& o) const { return t > o.t || (t == o.t && seq > o.seq); }
  };
  struct Track {  // per incident: the hosts it took down and when each one's service came back
    std::vector<int> hosts;
    std::vector<double> restored;
    int fault = -1;
  };

  void push(double t, Act act, int a, int b = -1, uint32_t epoch = 0);
  void start_fault(int f, double now);
  void end_fault(int f, double now);
  void detect(int host, double now);
  void migrated(int host, int standby, double now);
  void restore(int host, double now);  // the host's service is back (migration or repair)
  int open_incident(const Fault& f, double now);
  void note(int incident, const std::string& text);
  int64_t drop_calls(int host);
  void set_link_hold(int link, int delta, int incident);

  const Scenario& sc_;
  PlatformState& st_;
  std::vector<Fault> plan_;
  std::vector<int> fault_incident_;
  std::vector<TenantModel*> tenants_;
  PlatformDriver* driver_ = nullptr;
  std::priority_queue<Action, std::vector<Action>, std::greater<Action>> agenda_;
  uint64_t seq_ = 0;
  std::vector<int> host_hold_, link_hold_;
  std::vector<uint32_t> host_epoch_;  // bumped at every power change: stale detections are ignored
  std::vector<Incident> incidents_;
  std::vector<Track> tracks_;
};

}  // namespace ccsim::platform
