#include "platform/fault_plan.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"

namespace ccsim::platform {

namespace {

// Alternating up/down periods of one entity over the horizon: up ~ Exp(mean mtbf), down ~ Exp(mean mttr).
std::vector<std::pair<double, double>> random_outages(Rng& rng, double mtbf, double mttr, double horizon) {
  std::vector<std::pair<double, double>> out;
  if (mtbf <= 0 || mttr <= 0) return out;
  double t = rng.exponential(1.0 / mtbf);
  while (t < horizon) {
    const double down = rng.exponential(1.0 / mttr);
    out.emplace_back(t, t + down);
    t += down + rng.exponential(1.0 / mtbf);
  }
  return out;
}

int index_of(const std::vector<std::string>& v, const std::string& s) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == s) return static_cast<int>(i);
  return -1;
}

// Chooses k of the candidates with a partial Fisher-Yates shuffle on the drill's own stream; the chosen ones
// keep the scenario's order so the incident reads naturally.
template <class T>
std::vector<T> choose(std::vector<T> c, int k, Rng& rng) {
  if (k >= static_cast<int>(c.size())) return c;
  std::vector<size_t> idx(c.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  for (size_t i = 0; i < static_cast<size_t>(k); ++i) std::swap(idx[i], idx[i + rng.below(idx.size() - i)]);
  idx.resize(static_cast<size_t>(k));
  std::sort(idx.begin(), idx.end());
  std::vector<T> out;
  for (size_t i : idx) out.push_back(c[i]);
  return out;
}

IncidentKind incident_of(DrillKind k) {
  switch (k) {
    case DrillKind::Crash: return IncidentKind::Crash;
    case DrillKind::Partition: return IncidentKind::Partition;
    case DrillKind::Degrade: return IncidentKind::Degrade;
    case DrillKind::TrunkOutage: return IncidentKind::TrunkOutage;
    case DrillKind::Overload: return IncidentKind::Overload;
    case DrillKind::Maintenance: return IncidentKind::Maintenance;
    case DrillKind::CustomerSide: return IncidentKind::CustomerSide;
  }
  return IncidentKind::Crash;
}

}  // namespace

int blast_size(const DrillSpec& d, int n) {
  if (n <= 0) return 0;
  if (d.blast_count > 0) return std::min(n, static_cast<int>(d.blast_count));
  if (d.blast_share <= 0) return 0;
  const int k = static_cast<int>(std::ceil(d.blast_share * n - 1e-9));
  return std::clamp(k, 1, n);
}

std::vector<Fault> plan_faults(const Scenario& sc, int replication) {
  const PlatformSpec& p = sc.platform;
  const double horizon = sc.horizon.length;
  const uint64_t rep = static_cast<uint64_t>(replication);
  std::vector<std::string> hosts, sites, links;
  for (const auto& h : p.hosts) hosts.push_back(h.name);
  for (const auto& s : p.sites) sites.push_back(s.name);
  for (const auto& h : p.hosts)
    if (index_of(sites, h.site) < 0) sites.push_back(h.site);
  for (const auto& l : p.links) links.push_back(l.name);
  auto hosts_of_site = [&](const std::string& site) {
    std::vector<int> out;
    for (size_t i = 0; i < p.hosts.size(); ++i)
      if (p.hosts[i].site == site) out.push_back(static_cast<int>(i));
    return out;
  };

  std::vector<Fault> drills, random;
  // ---- drills
  for (const DrillSpec& d : sc.drills) {
    Fault f;
    f.incident = incident_of(d.kind);
    f.drill = d.name;
    f.announced = d.announced;
    f.start = static_cast<double>(d.start - sc.horizon.start);
    f.target = d.target_kind + ":" + d.target;
    f.fail_share = d.fail_share;
    f.added_latency = d.added_latency;
    f.extra_per_hour = d.extra_per_hour;
    f.migrate_live = d.migrate_live;
    Rng rng(sc.seed, rep, "drill:" + d.name);
    double mttr = 0;  // "until repaired": the target's own repair time
    std::vector<int> target_hosts;
    if (d.target_kind == "host") {
      if (int h = index_of(hosts, d.target); h >= 0) target_hosts.push_back(h);
    } else if (d.target_kind == "label") {
      for (size_t i = 0; i < p.hosts.size(); ++i)
        if (index_of(p.hosts[i].labels, d.target) >= 0) target_hosts.push_back(static_cast<int>(i));
    } else if (d.target_kind == "site") {
      target_hosts = hosts_of_site(d.target);
      for (const auto& s : p.sites)
        if (s.name == d.target) mttr = s.mttr;
    }
    switch (d.kind) {
      case DrillKind::Crash:
      case DrillKind::Maintenance:
      case DrillKind::Degrade: {
        f.kind = d.kind == DrillKind::Crash ? FaultKind::HostCrash
                 : d.kind == DrillKind::Maintenance ? FaultKind::Maintenance
                                                    : FaultKind::Degrade;
        f.hosts = choose(target_hosts, blast_size(d, static_cast<int>(target_hosts.size())), rng);
        if (mttr <= 0)
          for (int h : f.hosts) mttr = std::max(mttr, p.hosts[static_cast<size_t>(h)].mttr);
        break;
      }
      case DrillKind::Partition: {
        if (d.target_kind == "site") {
          f.kind = FaultKind::SiteCut;
          if (int s = index_of(sites, d.target); s >= 0) f.sites.push_back(s);
        } else {
          f.kind = FaultKind::LinkDown;
          if (int l = index_of(links, d.target); l >= 0) {
            f.links.push_back(l);
            mttr = p.links[static_cast<size_t>(l)].mttr;
          }
        }
        break;
      }
      case DrillKind::TrunkOutage: {
        f.kind = FaultKind::TrunkOutage;
        std::vector<std::pair<int, int>> all;
        for (size_t t = 0; t < sc.tenants.size(); ++t)
          for (size_t g = 0; g < sc.tenants[t].trunks.size(); ++g) {
            const TrunkGroup& tg = sc.tenants[t].trunks[g];
            if ((d.target_kind == "trunk" && tg.name == d.target) || (d.target_kind == "carrier" && tg.carrier == d.target))
              all.emplace_back(static_cast<int>(t), static_cast<int>(g));
          }
        f.trunks = choose(all, blast_size(d, static_cast<int>(all.size())), rng);
        break;
      }
      case DrillKind::Overload: {
        f.kind = FaultKind::Overload;
        // The call types whose requests reach the target: tenants placed on the target hosts, or call types
        // using the target trunk group / carrier.
        std::vector<std::pair<int, int>> all;
        for (size_t t = 0; t < sc.tenants.size(); ++t) {
          const Tenant& tn = sc.tenants[t];
          bool on_hosts = false;
          for (const auto& hn : tn.hosts)
            if (std::find(target_hosts.begin(), target_hosts.end(), index_of(hosts, hn)) != target_hosts.end()) on_hosts = true;
          for (size_t c = 0; c < tn.call_types.size(); ++c) {
            const int tg = tn.call_types[c].trunk_group >= 0 ? tn.call_types[c].trunk_group : (tn.trunks.empty() ? -1 : 0);
            const TrunkGroup* trunk = tg >= 0 ? &tn.trunks[static_cast<size_t>(tg)] : nullptr;
            const bool via_trunk = trunk && ((d.target_kind == "trunk" && trunk->name == d.target) ||
                                             (d.target_kind == "carrier" && trunk->carrier == d.target));
            if (on_hosts || via_trunk) all.emplace_back(static_cast<int>(t), static_cast<int>(c));
          }
        }
        f.call_types = all;
        break;
      }
      case DrillKind::CustomerSide: {
        f.kind = FaultKind::CustomerSide;
        f.cause = cause_from_name(d.customer_cause).value_or(Cause::CustomerNetwork);
        for (size_t t = 0; t < sc.tenants.size(); ++t)
          if (d.target_kind == "tenant" && sc.tenants[t].name == d.target) f.tenants.push_back(static_cast<int>(t));
        break;
      }
    }
    if (d.duration > 0) {
      f.end = f.start + d.duration;
    } else if (mttr > 0) {
      f.end = f.start + rng.exponential(1.0 / mttr);
    } else {
      f.end = -1;  // nothing repairs it within the horizon
    }
    if (f.end >= horizon) f.end = -1;
    drills.push_back(std::move(f));
  }

  // ---- random failures: hosts, whole sites (correlated), links; one RNG stream per failing entity
  auto add_random = [&](const std::string& stream, double mtbf, double mttr, FaultKind kind, IncidentKind incident,
                        const std::string& target, std::vector<int> hosts, std::vector<int> links) {
    Rng rng(sc.seed, rep, stream);
    for (auto [a, b] : random_outages(rng, mtbf, mttr, horizon)) {
      Fault f;
      f.kind = kind;
      f.incident = incident;
      f.target = target;
      f.start = a;
      f.end = b < horizon ? b : -1;
      f.hosts = hosts;
      f.links = links;
      random.push_back(f);
    }
  };
  for (size_t i = 0; i < p.hosts.size(); ++i)
    add_random("host-failure:" + p.hosts[i].name, p.hosts[i].mtbf, p.hosts[i].mttr, FaultKind::HostCrash,
               IncidentKind::RandomFailure, "host:" + p.hosts[i].name, {static_cast<int>(i)}, {});
  for (const auto& site : p.sites)
    add_random("site-failure:" + site.name, site.mtbf, site.mttr, FaultKind::HostCrash, IncidentKind::SiteFailure,
               "site:" + site.name, hosts_of_site(site.name), {});
  for (size_t l = 0; l < p.links.size(); ++l)
    add_random("link-failure:" + p.links[l].name, p.links[l].mtbf, p.links[l].mttr, FaultKind::LinkDown,
               IncidentKind::LinkFailure, "link:" + p.links[l].name, {}, {static_cast<int>(l)});
  std::vector<Fault> all = std::move(drills);
  all.insert(all.end(), random.begin(), random.end());
  std::stable_sort(all.begin(), all.end(), [](const Fault& a, const Fault& b) { return a.start < b.start; });
  return all;
}

}  // namespace ccsim::platform
