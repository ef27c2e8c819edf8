#pragma once
// Started minutes of a call, the unit communication is billed in. The call flow counts them per minute as
// calls end (the billing model in seats/ prices them), so the rule lives with the calls.
#include <cstdint>

namespace ccsim {

// A 61 s call bills 2 minutes, a 60 s call 1, a 0 s call 0. Durations come from floating-point simulation
// time, so a call within 1 microsecond above a whole minute is not billed an extra minute for rounding noise.
int64_t billed_minutes(double duration_seconds);

}  // namespace ccsim
