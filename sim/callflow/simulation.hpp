#pragma once
// One replication of a whole scenario: a TenantModel per tenant on a shared scheduler. The engine (SimGrid)
// and the heap-scheduler test path both go through this class, so they run the very same model.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "callflow/tenant_model.hpp"
#include "stats/rep_result.hpp"

namespace ccsim {

class Simulation {
 public:
  Simulation(const Scenario& sc, int replication, Scheduler& sched, PlatformHook* platform = nullptr);
  void start();
  // With call records on, each tenant spools them to "<path_prefix>-<tenant index>.records" (ccsim run: the
  // run's scratch directory) instead of holding them; the files are named in the result (records_file).
  void spool_records(const std::string& path_prefix);
  // After the horizon end: closes every call type and runs the engine (`advance(t)` runs it up to t) until no
  // call is left in the system or horizon.drain_limit has passed; then disconnects the callers still waiting.
  // Every offered call thus has an outcome (docs/model.md "Opening hours and closing").
  void drain(const std::function<void(double)>& advance);
  // Closes integrals at `end` (the horizon end: the drain adds nothing to interval integrals) and moves the
  // results out.
  RepResult finish(double end);
  TenantModel& tenant(size_t i) { return *tenants_[i]; }
  size_t num_tenants() const { return tenants_.size(); }
  uint64_t calls() const;

 private:
  const Scenario& sc_;
  std::vector<std::unique_ptr<TenantModel>> tenants_;
  RepResult result_;
};

// Runs one replication of the scenario on an in-memory HeapScheduler (no SimGrid): same model, same RNG
// streams as `ccsim run`. Deterministic for equal (scenario.seed, replication).
RepResult simulate_with_heap(const Scenario& sc, int replication);

}  // namespace ccsim
