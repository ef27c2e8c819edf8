#include "engine/platform_build.hpp"

#include <simgrid/plugins/live_migration.h>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include <string>
#include <vector>

namespace ccsim {

namespace {
namespace s4u = simgrid::s4u;

// Network interface of each host and the control plane's links to the sites: fast enough never to be the
// bottleneck of a migration, which is bounded by the inter-site link a scenario declares.
constexpr double kNicBandwidth = 1.25e9;  // bytes/s (10 Gbit/s)
constexpr double kNicLatency = 1e-4;      // s
constexpr double kControlBandwidth = 1.25e8;
constexpr double kControlLatency = 1e-3;

bool needs_live_migration(const Scenario& sc) {
  for (const auto& d : sc.drills)
    if (d.kind == DrillKind::Maintenance && d.migrate_live) return true;
  return false;
}
}  // namespace

void build_platform(const Scenario& sc) {
  const PlatformSpec& p = sc.platform;
  auto* root = s4u::create_full_zone("ccsim");
  if (p.hosts.empty()) {
    // The control plane's own host: control-plane actors (failover controller, autoscaler) live here.
    root->create_host("control", 1e9);
    root->seal();
    return;
  }
  // The live-migration plugin watches VM creation: it must be set up before any VM exists.
  if (needs_live_migration(sc)) sg_vm_live_migration_plugin_init();

  // The control plane sits in its own zone, its host being the zone's gateway.
  auto* cz = s4u::create_full_zone("control-plane");
  cz->set_parent(root);
  s4u::Host* control = cz->create_host("control", 1e9);
  cz->seal();

  // One zone per site (data center): hosts with a network interface each, joined through the site's router.
  std::vector<std::string> sites;
  for (const auto& s : p.sites) sites.push_back(s.name);
  for (const auto& h : p.hosts) {
    bool known = false;
    for (const auto& s : sites) known = known || s == h.site;
    if (!known) sites.push_back(h.site);
  }
  std::vector<s4u::NetZone*> zones;
  std::vector<simgrid::kernel::routing::NetPoint*> gateways;
  for (const auto& site : sites) {
    auto* z = s4u::create_full_zone("site:" + site);
    z->set_parent(root);
    auto* gw = z->create_router(site + "-gw");
    std::vector<s4u::Host*> hosts;
    std::vector<const s4u::Link*> nics;
    for (const auto& h : p.hosts) {
      if (h.site != site) continue;
      s4u::Host* host = z->create_host(h.name, h.speed);
      const s4u::Link* nic = z->create_link(h.name + "-nic", kNicBandwidth)->set_latency(kNicLatency)->seal();
      z->add_route(host->get_netpoint(), gw, nullptr, nullptr, {s4u::LinkInRoute(nic)}, true);
      for (size_t k = 0; k < hosts.size(); ++k)
        z->add_route(hosts[k]->get_netpoint(), host->get_netpoint(), nullptr, nullptr,
                     {s4u::LinkInRoute(nics[k]), s4u::LinkInRoute(nic)}, true);
      hosts.push_back(host);
      nics.push_back(nic);
    }
    z->seal();
    zones.push_back(z);
    gateways.push_back(gw);
  }
  auto site_of = [&](const std::string& name) {
    for (size_t i = 0; i < sites.size(); ++i)
      if (sites[i] == name) return static_cast<int>(i);
    return -1;
  };
  // Control plane <-> every site.
  for (size_t i = 0; i < zones.size(); ++i) {
    const s4u::Link* l = root->create_link("control-" + sites[i], kControlBandwidth)->set_latency(kControlLatency)->seal();
    root->add_route(cz->get_netpoint(), zones[i]->get_netpoint(), control->get_netpoint(), gateways[i],
                    {s4u::LinkInRoute(l)}, true);
  }
  // Inter-site links as declared (SimGrid turns them off during partitions and link failures). When several
  // links join the same two sites, the first one carries the route.
  std::vector<std::pair<int, int>> routed;
  for (const auto& ls : p.links) {
    const s4u::Link* l = root->create_link(ls.name, ls.bandwidth)->set_latency(ls.latency)->seal();
    int a = site_of(ls.from_site), b = site_of(ls.to_site);
    if (a < 0 || b < 0 || a == b) continue;
    if (a > b) std::swap(a, b);
    bool done = false;
    for (auto r : routed) done = done || (r.first == a && r.second == b);
    if (done) continue;
    routed.emplace_back(a, b);
    root->add_route(zones[static_cast<size_t>(a)]->get_netpoint(), zones[static_cast<size_t>(b)]->get_netpoint(),
                    gateways[static_cast<size_t>(a)], gateways[static_cast<size_t>(b)], {s4u::LinkInRoute(l)}, true);
  }
  root->seal();
}

}  // namespace ccsim
