// The platform section of `ccsim run`: the chaos-drill rehearsal (platform/rehearsal.hpp) when the scenario
// has a platform, drills or hypotheses.
#include "run/platform_section.hpp"

namespace ccsim::run {

std::optional<platform::Rehearsal> platform_section(const Scenario& sc, const std::vector<RepResult>& reps) {
  const bool has_platform = sc.platform.enabled && !sc.platform.hosts.empty();
  if (!has_platform && sc.drills.empty() && sc.hypotheses.empty()) return std::nullopt;
  return platform::build_rehearsal(sc, reps);
}

}  // namespace ccsim::run
