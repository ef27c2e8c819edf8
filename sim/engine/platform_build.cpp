#include "engine/platform_build.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>

namespace ccsim {

void build_platform(const Scenario& sc) {
  auto* root = simgrid::s4u::create_full_zone("ccsim");
  // The control plane's own host: control-plane actors (failover controller, autoscaler) live here.
  root->create_host("control", 1e9);
  for (const auto& h : sc.platform.hosts) root->create_host(h.name, h.speed);
  root->seal();
}

}  // namespace ccsim
