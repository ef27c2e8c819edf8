#pragma once
// The platform section of `ccsim run` (typed: platform/rehearsal.hpp; rendered by output/platform_render).
#include <optional>
#include <vector>

#include "platform/rehearsal.hpp"

namespace ccsim::run {

// Empty when the scenario has no platform, drill or hypothesis.
std::optional<platform::Rehearsal> platform_section(const Scenario& sc, const std::vector<RepResult>& reps);

}  // namespace ccsim::run
