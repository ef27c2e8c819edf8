#include "callflow/simulation.hpp"

#include <algorithm>
#include <chrono>

namespace ccsim {

Simulation::Simulation(const Scenario& sc, int replication, Scheduler& sched, PlatformHook* platform) : sc_(sc) {
  result_.replication = replication;
  result_.seed = sc.seed;
  for (size_t i = 0; i < sc.tenants.size(); ++i)
    tenants_.push_back(std::make_unique<TenantModel>(sc, static_cast<int>(i), replication, sched, platform));
}

void Simulation::spool_records(const std::string& path_prefix) {
  if (!sc_.call_records) return;
  for (size_t i = 0; i < tenants_.size(); ++i)
    tenants_[i]->spool_records(std::make_unique<CallRecordSpool>(path_prefix + "-" + std::to_string(i) + ".records"));
}

void Simulation::start() {
  for (auto& t : tenants_) t->start();
}

uint64_t Simulation::calls() const {
  uint64_t n = 0;
  for (const auto& t : tenants_) n += t->calls();
  return n;
}

void Simulation::drain(const std::function<void(double)>& advance) {
  const auto in_system = [this]() {
    int n = 0;
    for (const auto& t : tenants_) n += t->calls_in_system();
    return n;
  };
  for (auto& t : tenants_) t->close_at_horizon();
  const double limit = sc_.horizon.length + sc_.horizon.drain_limit;
  // Small steps: the drain usually ends within minutes, and the SimGrid engine's other actors keep running.
  for (double t = sc_.horizon.length; in_system() > 0 && t < limit;) {
    t = std::min(limit, t + 60.0);
    advance(t);
  }
  for (auto& t : tenants_) t->cut_remaining();
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
  sim.drain([&sched](double t) { sched.run_until(t); });
  RepResult r = sim.finish(sc.horizon.length);
  r.events = sched.events_executed();
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace ccsim
