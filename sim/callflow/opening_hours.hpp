#pragma once
// Opening hours of a call type resolved over the horizon: which minutes are open (arrivals happen only then)
// and the instants at which the center closes (where at_close: cut disconnects the waiting callers).
// Windows open and close on whole minutes, so a per-minute mask is exact.
#include <cstdint>
#include <vector>

#include "scenario/scenario.hpp"

namespace ccsim {

// True when epoch second `e` falls in one of the windows (no windows = always open).
bool open_at(const OpeningHours& h, int64_t e);
// One flag per minute of the horizon (1 = open); empty when the hours have no windows (always open).
std::vector<uint8_t> open_minutes(const OpeningHours& h, const Horizon& hz);
// Seconds from the horizon start at which an open minute is followed by a closed one, inside the horizon.
std::vector<double> closing_times(const std::vector<uint8_t>& open);

}  // namespace ccsim
