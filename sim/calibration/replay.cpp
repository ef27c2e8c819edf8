#include "calibration/replay.hpp"

#include <string>

namespace ccsim::calibration {

namespace {

int call_type_index(const Tenant& tenant, const std::string& name) {
  for (size_t i = 0; i < tenant.call_types.size(); ++i)
    if (tenant.call_types[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string type_names(const Tenant& tenant) {
  std::string s;
  for (const auto& ct : tenant.call_types) s += (s.empty() ? "" : ", ") + ct.name;
  return s;
}

}  // namespace

ReplayPlan replay_plan(const CallLog& log, const LogMapping& m, const Tenant& tenant, const Horizon& horizon) {
  // Per (log type, day type + 1): the tenant's call type; -2 = not resolved yet.
  std::vector<std::vector<int>> type_of(log.types.size(), std::vector<int>(m.day_types.size() + 1, -2));
  ReplayPlan plan;
  for (const LoggedCall& lc : log.calls) {
    const double at = static_cast<double>(lc.arrival - horizon.start);
    if (at < 0 || at >= horizon.length) {
      ++plan.outside_horizon;
      continue;
    }
    const int64_t midnight = lc.arrival - ((lc.arrival % 86400) + 86400) % 86400;
    const int dt = day_type_of(m, midnight);
    const std::string& name = log.types[static_cast<size_t>(lc.type)];
    int& ct = type_of[static_cast<size_t>(lc.type)][static_cast<size_t>(dt + 1)];
    if (ct == -2) {
      ct = call_type_index(tenant, name);
      if (ct < 0 && dt >= 0) ct = call_type_index(tenant, name + "." + m.day_types[static_cast<size_t>(dt)].first);
    }
    if (ct < 0)
      throw InputError(SourceLoc{log.file, lc.line, 1}, "call_type",
                       "call type '" + name + "' (day type " + (dt >= 0 ? m.day_types[static_cast<size_t>(dt)].first : "none") +
                           ") is not a call type of tenant '" + tenant.name + "'",
                       "one of: " + type_names(tenant));
    ReplayCall rc;
    rc.at = at;
    rc.call_type = ct;
    rc.ivr = lc.ivr;
    rc.service = lc.outcome == LogOutcome::Served ? lc.service : -1;
    // The observed wait is the abandoned caller's patience, and only a lower bound of a served caller's.
    if (lc.outcome == LogOutcome::Abandoned) rc.patience = lc.wait;
    else rc.served_wait = lc.wait;
    plan.calls.push_back(rc);
  }
  return plan;  // log.calls is sorted by arrival, so the plan is too
}

}  // namespace ccsim::calibration
