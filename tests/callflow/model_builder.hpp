#pragma once
// Small scenarios built in code for call-flow unit tests.
#include "core/time.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::test {

inline Scenario one_group_scenario(double rate_per_hour, int agents, double handle_mean, double hours = 8) {
  Scenario sc;
  sc.name = "unit";
  sc.horizon.start = *parse_datetime("2026-03-02T00:00");
  sc.horizon.length = hours * kHour;
  sc.horizon.interval = 1800;
  sc.seed = 11;
  Tenant t;
  t.name = "acme";
  t.groups.push_back(SkillGroup{"support", -1});
  AgentPool pool;
  pool.name = "support";
  pool.skills = {"support"};
  pool.skill_index = {0};
  pool.schedule = {{0.0, agents}};
  pool.max_agents = agents;
  t.pools.push_back(pool);
  CallType ct;
  ct.name = "support";
  ct.arrivals.rate_per_hour = rate_per_hour;
  ct.route = {RouteStep{"support", 0, 0}};
  ct.handle = Distribution::exponential(handle_mean);
  ct.use_ivr = false;
  t.call_types.push_back(ct);
  sc.tenants.push_back(t);
  return sc;
}

}  // namespace ccsim::test
