#pragma once
// A call log turned into replayed arrivals for one tenant (docs/calibration.md "Replay"): plain ReplayCall
// records the call flow reads, so the call flow never sees the log reader.
#include <vector>

#include "calibration/call_log.hpp"
#include "scenario/scenario.hpp"

namespace ccsim::calibration {

struct ReplayPlan {
  std::vector<ReplayCall> calls;  // arrivals inside the horizon, sorted by time
  int outside_horizon = 0;        // logged calls arriving before the horizon start or after its end
};

// Maps each logged call to the tenant's call type of the same name, or else to NAME.DAYTYPE (the names `ccsim
// calibrate` writes, DAYTYPE being the mapping's day type of the call's day); InputError naming the log's line
// when neither exists. Keeps the calls arriving in [horizon start, horizon end).
ReplayPlan replay_plan(const CallLog& log, const LogMapping& m, const Tenant& tenant, const Horizon& horizon);

}  // namespace ccsim::calibration
