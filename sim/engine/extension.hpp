#pragma once
// Models that build on the call-flow core under SimGrid (platform & failover, drills, seat scaling) plug in
// as extensions: created before the call flow (they may provide the platform hook), attached to the running
// Simulation, and asked to add their results at the end.
#include <memory>
#include <vector>

#include "callflow/hooks.hpp"
#include "callflow/simulation.hpp"
#include "scenario/scenario.hpp"

namespace ccsim {

class Extension {
 public:
  virtual ~Extension() = default;
  // The platform hook the call flow should use (at most one extension provides one).
  virtual PlatformHook* platform_hook() { return nullptr; }
  // Called once the SimGrid platform is built and the Simulation exists, before the clock starts.
  virtual void attach(Simulation& sim) = 0;
  // The earliest date >= now at which this extension's actors or hooks may act or change what the call flow
  // sees (a fault, a scaling step, a controller's check). Call events before it run batched, without SimGrid
  // (engine/simgrid_scheduler.hpp). The default, `now`, never lets call events run ahead.
  virtual double quiet_until(double now) const { return now; }
  // Called at the end (or on interrupt) with the clock at `end`.
  virtual void finish(double end, RepResult& result) = 0;
};

// Builds every extension the scenario needs (engine/extensions.cpp keeps the list).
std::vector<std::unique_ptr<Extension>> make_extensions(const Scenario& sc, int replication);

}  // namespace ccsim
