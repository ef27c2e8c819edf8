#pragma once
// The platform under SimGrid: the PlatformState hook for call setups, and the control plane (fault plan,
// failover controller) run by a long-lived actor on host "control". SimGrid owns the hosts' and links' on/off
// state (Host::turn_off/turn_on, Link::turn_off/turn_on) and reports host changes through
// Host::on_state_change_cb; planned moves use SimGrid's VM live-migration model.
#include <memory>

#include "engine/extension.hpp"

namespace ccsim {

// Null when the scenario has no platform.
std::unique_ptr<Extension> make_failover_extension(const Scenario& sc, int replication);

}  // namespace ccsim
