#pragma once
// The arrival rate a scenario declares, as a function of time: base rate x day profile x weekday factor x
// overrides, plus bursts (no busyness, which is random). The loader bounds it; traffic/ turns it into arrivals.
#include <cstdint>

#include "scenario/scenario.hpp"

namespace ccsim {

// The scenario rate (calls/hour) at epoch second `e`, without busyness (used by estimates and docs tests).
double profile_rate_per_hour(const ArrivalSpec& spec, int64_t e);

// Highest scenario rate (calls/hour) over the horizon's minutes, without busyness (the loader's sanity bound).
double peak_rate_per_hour(const ArrivalSpec& spec, const Horizon& h);

}  // namespace ccsim
