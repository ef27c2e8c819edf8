#pragma once
// SimGrid glue of the seats model: one control-plane actor per tenant with a seat pool, on host "control",
// that sleeps until its SeatController (seats/seat_controller.hpp) has work and runs it. All decisions live in
// sim/seats/; this file only owns the clock side.
#include <memory>

#include "engine/extension.hpp"

namespace ccsim {

// Null when no tenant declares seats.
std::unique_ptr<Extension> make_seats_extension(const Scenario& sc, int replication);

}  // namespace ccsim
