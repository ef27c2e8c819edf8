#pragma once
// A small simulated run for the HDF5 writer, reader and report tests: the small-center model over 4 hours,
// replications simulated on the in-memory heap scheduler (no SimGrid, no process), aggregated, with the JSON
// summary built the way `ccsim run` builds it. Tests add faults, scaling actions and JSON sections by hand.
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "callflow/simulation.hpp"
#include "run/section_context.hpp"
#include "output/json_summary.hpp"
#include "scenario/loader.hpp"
#include "stats/aggregate.hpp"
#include "support/test_support.hpp"

namespace ccsim::test {

inline const char* kH5FixtureYaml = R"(name: h5-fixture
description: small-center over four hours
horizon:
  start: 2026-03-16T08:00
  length: 4h
  interval: 30min
  warmup: 30min
seed: 11
replications: 3
tenants:
  - name: acme
    trunks:
      - {name: pstn, channels: 30, carrier: telco-a}
    ivr:
      duration: {dist: lognormal, mean: 40s, cv: 0.5}
      self_service: 10%
      abandon: 2%
      transfer_fail: 0.5%
    groups:
      - name: support
        agents: 12
    call_types:
      - name: support
        arrivals:
          rate: 200/h
        route: [support]
        handle: {dist: exponential, mean: 3min}
        patience: {dist: exponential, mean: 5min}
        service_level: {threshold: 20s, target: 80%}
        trunk_group: pstn
)";

struct H5Run {
  Scenario sc;
  std::vector<RepResult> reps;
  Summary summary;
  nlohmann::json doc;
  std::ostringstream table;

  // Re-aggregates after a test edited the replication results.
  void reaggregate() {
    summary = aggregate(sc, reps);
    doc = summary_to_json(sc, summary);
  }
  run::SectionContext ctx() { return run::SectionContext{sc, reps, summary, doc, table, true, 0}; }
};

// `with_contract` binds the tenant to models/contracts/intl-ccc-2024.yaml (for the real SLA section).
inline std::unique_ptr<H5Run> make_h5_run(int replications = 3, bool call_records = false, bool with_contract = false) {
  auto run = std::make_unique<H5Run>();
  std::string yaml = kH5FixtureYaml;
  if (with_contract) yaml += "    sla:\n      contract: ../models/contracts/intl-ccc-2024.yaml\n";
  run->sc = load_scenario_text(yaml, source_dir() + "/scenarios/h5-fixture.yaml");
  run->sc.replications = replications;
  run->sc.call_records = call_records;
  for (int r = 0; r < replications; ++r) run->reps.push_back(simulate_with_heap(run->sc, r));
  run->reaggregate();
  return run;
}

// Replication `rep`'s incidents become one crash of host-a1 at `start` (sim seconds); the test sets the rest.
inline Incident& add_crash(H5Run& run, int rep, double start) {
  Incident crash;
  crash.kind = IncidentKind::Crash;
  crash.target = "host-a1";
  crash.start = start;
  run.reps[rep].incidents = {crash};
  return run.reps[rep].incidents.back();
}

}  // namespace ccsim::test
