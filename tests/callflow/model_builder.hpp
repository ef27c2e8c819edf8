#pragma once
// Small scenarios built in code for call-flow unit tests.
#include <string>

#include "core/time.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::test {

// Adds skill group `group` and a pool `pool` of `agents` agents with that one skill, all on from time 0;
// returns the group's index.
inline int add_group_with_pool(Tenant& t, const std::string& group, const std::string& pool, int agents) {
  const int g = static_cast<int>(t.groups.size());
  t.groups.push_back(SkillGroup{group, -1});
  AgentPool p;
  p.name = pool;
  p.skills = {group};
  p.skill_index = {g};
  p.schedule = {{0.0, agents}};
  p.max_agents = agents;
  t.pools.push_back(p);
  return g;
}

inline Scenario one_group_scenario(double rate_per_hour, int agents, double handle_mean, double hours = 8) {
  Scenario sc;
  sc.name = "unit";
  sc.horizon.start = *parse_datetime("2026-03-02T00:00");
  sc.horizon.length = hours * kHour;
  sc.horizon.interval = 1800;
  sc.seed = 11;
  Tenant t;
  t.name = "acme";
  add_group_with_pool(t, "support", "support", agents);
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
