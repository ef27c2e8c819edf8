#include "engine/autoscaler.hpp"

#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <vector>

#include "seats/seat_controller.hpp"

#include <algorithm>
#include <limits>

namespace ccsim {

namespace {

class SeatsExtension final : public Extension {
 public:
  explicit SeatsExtension(const Scenario& sc) : sc_(sc) {
    for (size_t i = 0; i < sc.tenants.size(); ++i)
      if (sc.tenants[i].seats.enabled) entries_.push_back({static_cast<int>(i), seats::SeatController(sc, static_cast<int>(i))});
  }

  void attach(Simulation& sim) override {
    simgrid::s4u::Host* control = simgrid::s4u::Host::by_name("control");
    const double end = sc_.horizon.length;
    for (auto& e : entries_) {
      TenantModel* model = &sim.tenant(static_cast<size_t>(e.tenant));
      seats::SeatController* ctl = &e.ctl;
      ctl->start(*model);
      // Long-lived control-plane actor. It captures raw pointers only: when the run stops at the horizon the
      // actor is still asleep and SimGrid kills it with the Engine; nothing of ours is destroyed then.
      // Not daemonized: SimGrid kills daemons as soon as no regular actor is left, and the call flow runs on
      // kernel timers, not actors, so a daemon autoscaler would die at t = 0.
      simgrid::s4u::Actor::create("seats:" + sc_.tenants[static_cast<size_t>(e.tenant)].name, control,
                                               [ctl, model, end]() {
                                                 for (;;) {
                                                   const double t = ctl->next_wakeup();
                                                   if (!(t < end)) return;
                                                   if (t > simgrid::s4u::Engine::get_clock())
                                                     simgrid::s4u::this_actor::sleep_until(t);
                                                   ctl->wake(simgrid::s4u::Engine::get_clock(), *model);
                                                 }
                                               });
    }
  }

  // Each controller's actor acts only at its next wake-up date (scheduled changes, autoscaler checks).
  double quiet_until(double now) const override {
    double q = std::numeric_limits<double>::infinity();
    for (const auto& e : entries_) q = std::min(q, e.ctl.next_wakeup());
    return std::max(now, q);
  }

  void finish(double end, RepResult& result) override {
    (void)end;
    for (const auto& e : entries_)
      result.scaling.insert(result.scaling.end(), e.ctl.actions().begin(), e.ctl.actions().end());
  }

 private:
  struct Entry {
    int tenant;
    seats::SeatController ctl;
  };
  const Scenario& sc_;
  std::vector<Entry> entries_;
};

}  // namespace

std::unique_ptr<Extension> make_seats_extension(const Scenario& sc, int replication) {
  (void)replication;
  for (const auto& t : sc.tenants)
    if (t.seats.enabled) return std::make_unique<SeatsExtension>(sc);
  return nullptr;
}

}  // namespace ccsim
