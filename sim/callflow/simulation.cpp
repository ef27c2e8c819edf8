#include "callflow/simulation.hpp"

#include <chrono>

namespace ccsim {

Simulation::Simulation(const Scenario& sc, int replication, Scheduler& sched, PlatformHook* platform) {
  result_.replication = replication;
  result_.seed = sc.seed;
  for (size_t i = 0; i < sc.tenants.size(); ++i)
    tenants_.push_back(std::make_unique<TenantModel>(sc, static_cast<int>(i), replication, sched, platform));
}

void Simulation::start() {
  for (auto& t : tenants_) t->start();
}

uint64_t Simulation::calls() const {
  uint64_t n = 0;
  for (const auto& t : tenants_) n += t->calls();
  return n;
}

RepResult Simulation::finish(double end) {
  result_.sim_seconds = end;
  result_.calls = calls();
  for (auto& t : tenants_) {
    t->finish(end);
    result_.tenants.push_back(std::move(t->rep()));
  }
  return std::move(result_);
}

RepResult simulate_with_heap(const Scenario& sc, int replication) {
  const auto t0 = std::chrono::steady_clock::now();
  HeapScheduler sched;
  Simulation sim(sc, replication, sched);
  sim.start();
  sched.run_until(sc.horizon.length);
  RepResult r = sim.finish(sc.horizon.length);
  r.events = sched.events_executed();
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace ccsim
