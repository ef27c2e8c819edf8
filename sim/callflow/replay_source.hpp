#pragma once
// Replayed calls (docs/calibration.md "Replay"): the patience a replayed caller brings to the queue. A caller who
// abandoned in the log brings the wait it observed; a served caller's wait is only a lower bound, so its
// patience is drawn from the call type's patience distribution conditioned on exceeding that wait.
#include <optional>

#include "core/distribution.hpp"
#include "core/rng.hpp"
#include "scenario/scenario.hpp"

namespace ccsim {

// Draws P | P > w by rejection from `d` (`tries` draws at most); when no draw exceeds w (P(P > w) tiny), the
// caller is given exactly w, the bound the log proves.
double patience_beyond(const Distribution& d, double w, Rng& rng, int tries = 1000);

// Patience of a replayed call in seconds (infinite when the call type has none and the log shows no abandon).
double replay_patience(const ReplayCall& rc, const std::optional<Distribution>& patience, Rng& rng);

}  // namespace ccsim
