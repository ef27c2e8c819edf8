#include "engine/failover_extension.hpp"

#include <simgrid/plugins/live_migration.h>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/VirtualMachine.hpp>
#include <simgrid/simix.hpp>

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "platform/control_plane.hpp"
#include "platform/fault_plan.hpp"
#include "platform/platform_state.hpp"

namespace ccsim {

namespace {
namespace s4u = simgrid::s4u;

class FailoverExtension final : public Extension, public platform::PlatformDriver {
 public:
  FailoverExtension(const Scenario& sc, int replication)
      : sc_(sc), state_(sc, replication), cp_(sc, state_, platform::plan_faults(sc, replication)) {}

  PlatformHook* platform_hook() override { return &state_; }

  void attach(Simulation& sim) override {
    std::vector<TenantModel*> tenants;
    for (size_t i = 0; i < sim.num_tenants(); ++i) tenants.push_back(&sim.tenant(i));
    for (const auto& h : sc_.platform.hosts) {
      s4u::Host* host = s4u::Host::by_name(h.name);
      index_[host] = static_cast<int>(hosts_.size());
      hosts_.push_back(host);
    }
    for (const auto& l : sc_.platform.links) links_.push_back(s4u::Link::by_name(l.name));
    cp_.attach(tenants, this);
    // The controller learns of host failures from SimGrid itself. Callbacks run in maestro.
    s4u::Host::on_state_change_cb([this](const s4u::Host& h) {
      auto it = index_.find(&h);
      if (it != index_.end()) cp_.on_host_state(it->second, h.is_on(), s4u::Engine::get_clock());
    });
    s4u::VirtualMachine::on_suspend_cb([this](const s4u::VirtualMachine& vm) {
      auto it = migrating_.find(&vm);
      if (it == migrating_.end()) return;
      it->second.paused_at = s4u::Engine::get_clock();
      cp_.live_paused(it->second.from, it->second.paused_at);
    });
    s4u::VirtualMachine::on_resume_cb([this](const s4u::VirtualMachine& vm) {
      auto it = migrating_.find(&vm);
      if (it != migrating_.end()) it->second.resumed_at = s4u::Engine::get_clock();
    });
    s4u::Actor::create("failover-controller", s4u::Host::by_name("control"), [this] { control_loop(); });
  }

  void finish(double end, RepResult& result) override { result.incidents = cp_.finish(end, result); }

  // Every host or link state change comes from the control plane's agenda (faults, drills, detection,
  // repairs), run by its actor at agenda dates; only a live migration moves at dates SimGrid's network model
  // decides. So until the next agenda date, and while no migration is under way, nothing but the call flow acts.
  double quiet_until(double now) const override {
    if (migrations_in_flight_ > 0) return now;
    return cp_.has_next() ? std::max(now, cp_.next_time()) : std::numeric_limits<double>::infinity();
  }

  // ---- PlatformDriver
  void power_host(int h, bool on) override {
    if (on) hosts_[static_cast<size_t>(h)]->turn_on();
    else hosts_[static_cast<size_t>(h)]->turn_off();
  }
  void set_link(int l, bool up) override {
    if (up) links_[static_cast<size_t>(l)]->turn_on();
    else links_[static_cast<size_t>(l)]->turn_off();
  }
  void live_migrate(int from, int to) override {
    ++migrations_in_flight_;
    s4u::Actor::create("live-migration-" + hosts_[static_cast<size_t>(from)]->get_name(), s4u::Host::by_name("control"),
                       [this, from, to] { migrate(from, to); });
  }

 private:
  struct Migration {
    int from = -1;
    double paused_at = -1, resumed_at = -1;
  };

  // The control plane's actor: sleeps until its next action, runs it in maestro (where the call flow's timers
  // live), repeats. Actions beyond the horizon simply never run.
  void control_loop() {
    while (cp_.has_next()) {
      const double t = cp_.next_time();
      if (t > s4u::Engine::get_clock()) s4u::this_actor::sleep_until(t);
      simgrid::kernel::actor::simcall_answered([this] { cp_.run_due(s4u::Engine::get_clock()); });
    }
  }

  // A planned move: the tenants' VM goes from `from` to `to` with SimGrid's pre-copy live migration. A workload
  // inside the VM dirties memory at dirty_page_rate x the migration speed, so pre-copy rounds shrink by that
  // factor until the stop-and-copy phase, whose length is the downtime.
  void migrate(int from, int to) {
    s4u::Host* src = hosts_[static_cast<size_t>(from)];
    s4u::Host* dst = hosts_[static_cast<size_t>(to)];
    const HostSpec& spec = sc_.platform.hosts[static_cast<size_t>(from)];
    const auto ram = static_cast<size_t>(spec.memory_gb * 1024.0 * 1024.0 * 1024.0);
    s4u::VirtualMachine* vm = src->create_vm("vm-" + src->get_name(), 1, ram);
    vm->start();
    sg_vm_set_working_set_memory(vm, ram);
    sg_vm_set_migration_speed(vm, bottleneck(from, to));
    sg_vm_set_dirty_page_intensity(vm, sc_.platform.failover.dirty_page_rate);
    s4u::Actor::create("tenant-workload", vm, [] { s4u::this_actor::execute(std::numeric_limits<double>::max() / 4); });
    migrating_[vm] = Migration{from};
    const double start = s4u::Engine::get_clock();
    sg_vm_migrate(vm, dst);
    const double now = s4u::Engine::get_clock();
    const Migration m = migrating_[vm];
    migrating_.erase(vm);
    // Downtime: the stop-and-copy phase (VM suspended on the source, resumed on the destination).
    const double downtime = m.paused_at >= 0 ? (m.resumed_at >= 0 ? m.resumed_at : now) - m.paused_at : 0.0;
    (void)start;
    simgrid::kernel::actor::simcall_answered([&] { cp_.live_done(from, to, now, downtime); });
    vm->destroy();
    --migrations_in_flight_;
  }

  // The slowest link on the way: the inter-site link when the move leaves the site, else the host NICs.
  double bottleneck(int from, int to) const {
    std::vector<s4u::Link*> route;
    double latency = 0;
    hosts_[static_cast<size_t>(from)]->route_to(hosts_[static_cast<size_t>(to)], route, &latency);
    double bw = std::numeric_limits<double>::max();
    for (auto* l : route) bw = std::min(bw, l->get_bandwidth());
    return route.empty() ? 1.25e9 : bw;
  }

  const Scenario& sc_;
  platform::PlatformState state_;
  platform::ControlPlane cp_;
  std::vector<s4u::Host*> hosts_;
  std::vector<s4u::Link*> links_;
  std::map<const s4u::Host*, int> index_;
  std::map<const s4u::VirtualMachine*, Migration> migrating_;
  int migrations_in_flight_ = 0;  // from live_migrate() until the migration's actor is done
};

}  // namespace

std::unique_ptr<Extension> make_failover_extension(const Scenario& sc, int replication) {
  if (!sc.platform.enabled || sc.platform.hosts.empty()) return nullptr;
  return std::make_unique<FailoverExtension>(sc, replication);
}

}  // namespace ccsim
