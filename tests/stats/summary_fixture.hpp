#pragma once
// A small scenario and hand-filled replication results for the stats and output tests: one tenant "acme" with
// call types "sales" and "support", groups "g1" and "g2", and a trunk group "pstn" of 30 channels, over a
// horizon of `intervals` statistics intervals of 30 minutes.
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "stats/rep_result.hpp"

namespace ccsim::test {

inline Scenario small_scenario(int intervals = 4, double warmup = 0) {
  Scenario sc;
  sc.file = "scenarios/test.yaml";
  sc.name = "test-center";
  sc.file_hash = "abc123";
  sc.seed = 7;
  sc.replications = 3;
  sc.horizon.start = 1773705600;  // 2026-03-17T00:00:00
  sc.horizon.interval = 1800;
  sc.horizon.length = intervals * 1800.0;
  sc.horizon.warmup = warmup;
  Tenant t;
  t.name = "acme";
  CallType sales, support;
  sales.name = "sales";
  sales.sl_threshold = 20;
  support.name = "support";
  support.sl_threshold = 30;
  t.call_types = {sales, support};
  SkillGroup g1, g2;
  g1.name = "g1";
  g2.name = "g2";
  t.groups = {g1, g2};
  TrunkGroup pstn;
  pstn.name = "pstn";
  pstn.channels = 30;
  t.trunks = {pstn};
  sc.tenants = {t};
  return sc;
}

// An empty result shaped like `sc` (all counters zero).
inline RepResult empty_result(const Scenario& sc, int replication) {
  RepResult r;
  r.replication = replication;
  r.seed = sc.seed;
  r.sim_seconds = sc.horizon.length;
  const int rows = sc.horizon.num_intervals();
  for (const auto& t : sc.tenants) {
    TenantRep tr;
    tr.name = t.name;
    for (const auto& c : t.call_types) tr.call_types.push_back(c.name);
    for (const auto& g : t.groups) tr.groups.push_back(g.name);
    for (const auto& k : t.trunks) tr.trunks.push_back(k.name);
    tr.ct.resize(t.call_types.size());
    for (auto& tb : tr.ct) tb.init(rows, CT_NFIELDS);
    tr.gr.resize(t.groups.size());
    for (auto& tb : tr.gr) tb.init(rows, GR_NFIELDS);
    tr.tr.resize(t.trunks.size());
    for (auto& tb : tr.tr) tb.init(rows, TR_NFIELDS);
    r.tenants.push_back(std::move(tr));
  }
  return r;
}

}  // namespace ccsim::test
