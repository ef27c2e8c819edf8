#include "platform/platform_state.hpp"

#include <algorithm>

namespace ccsim::platform {

PlatformState::PlatformState(const Scenario& sc, int replication) {
  const PlatformSpec& p = sc.platform;
  balancing_ = p.balancing == "least_loaded" ? Balancing::LeastLoaded : Balancing::RoundRobin;
  background_fail_share_ = p.degraded_fail_share;
  for (const auto& s : p.sites) site_names_.push_back(s.name);
  for (const auto& h : p.hosts)
    if (site_index(h.site) < 0) site_names_.push_back(h.site);  // sites named only by hosts
  for (const auto& h : p.hosts) {
    HostState st;
    st.name = h.name;
    st.site = site_index(h.site);
    st.standby = h.standby;
    st.cps_limit = h.cps_limit;
    st.max_concurrent = h.max_concurrent;
    hosts_.push_back(st);
    degrade_rng_.emplace_back(sc.seed, static_cast<uint64_t>(replication), "degrade:" + h.name);
  }
  for (const auto& l : p.links) link_ends_.emplace_back(site_index(l.from_site), site_index(l.to_site));
  site_cut_.assign(site_names_.size(), 0);
  site_incident_.assign(site_names_.size(), -1);
  link_down_.assign(link_ends_.size(), 0);
  link_incident_.assign(link_ends_.size(), -1);
  for (const auto& t : sc.tenants) {
    std::vector<int> sl;
    for (const auto& name : t.hosts)
      if (int h = host_index(name); h >= 0) sl.push_back(h);
    // Calls enter the platform at the site of the tenant's first host (its home data center).
    entry_site_.push_back(sl.empty() ? 0 : hosts_[static_cast<size_t>(sl[0])].site);
    slots_.push_back(std::move(sl));
  }
  rr_.assign(slots_.size(), 0);
  recompute_reach();
}

int PlatformState::host_index(const std::string& name) const {
  for (size_t i = 0; i < hosts_.size(); ++i)
    if (hosts_[i].name == name) return static_cast<int>(i);
  return -1;
}

int PlatformState::site_index(const std::string& name) const {
  for (size_t i = 0; i < site_names_.size(); ++i)
    if (site_names_[i] == name) return static_cast<int>(i);
  return -1;
}

void PlatformState::ensure_incident(int k) {
  if (k >= 0 && static_cast<size_t>(k) >= failed_by_incident_.size()) failed_by_incident_.resize(static_cast<size_t>(k) + 1, 0);
}

void PlatformState::count_failure(int incident) {
  if (incident < 0) return;
  ensure_incident(incident);
  ++failed_by_incident_[static_cast<size_t>(incident)];
}

PlatformHook::Setup PlatformState::setup(int tenant, double now) {
  Setup out;
  const auto& sl = slots_[static_cast<size_t>(tenant)];
  if (sl.empty()) return out;  // a tenant without placement is not carried by the modelled platform
  size_t pick = 0;
  if (balancing_ == Balancing::RoundRobin) {
    pick = rr_[static_cast<size_t>(tenant)]++ % sl.size();
  } else {
    // Least loaded by share of the concurrency limit (by count when unlimited). A down host shows the load it
    // last reported, so the balancer keeps sending it its share rather than everything.
    double best = 0;
    for (size_t i = 0; i < sl.size(); ++i) {
      const HostState& h = hosts_[static_cast<size_t>(sl[i])];
      const double load = h.up ? h.concurrent : h.frozen_load;
      const double score = h.max_concurrent > 0 ? load / h.max_concurrent : load;
      if (i == 0 || score < best) {
        best = score;
        pick = i;
      }
    }
  }
  const int hi = sl[pick];
  HostState& h = hosts_[static_cast<size_t>(hi)];
  out.host = hi;
  const int entry = entry_site_[static_cast<size_t>(tenant)];
  if (!reachable(entry, h.site)) {
    out.failure = Cause::LinkDown;
    const int s = site_cut(h.site) ? h.site : site_cut(entry) ? entry : -1;
    count_failure(s >= 0 ? site_incident_[static_cast<size_t>(s)] : last_link_incident_);
    return out;
  }
  if (!h.up || h.paused) {
    out.failure = Cause::HostDown;
    count_failure(h.incident);
    return out;
  }
  // Sliding one-second window: setups accepted in (now - 1 s, now]. Rejected requests do not consume it.
  while (!h.window.empty() && h.window.front() <= now - 1.0) h.window.pop_front();
  if (h.cps_limit > 0 && static_cast<double>(h.window.size()) >= h.cps_limit) {
    out.failure = Cause::HostOverloadCps;
    return out;
  }
  if (h.max_concurrent > 0 && h.concurrent >= h.max_concurrent) {
    out.failure = Cause::HostOverloadConcurrency;
    return out;
  }
  const double share = std::max(h.degraded_share, background_fail_share_);
  if (share > 0 && degrade_rng_[static_cast<size_t>(hi)].uniform() < share) {
    out.failure = Cause::Degraded;
    count_failure(h.incident);
    return out;
  }
  h.window.push_back(now);
  ++h.concurrent;
  out.added_latency = h.added_latency;
  return out;
}

void PlatformState::release(int host, double now) {
  (void)now;
  if (host < 0 || host >= num_hosts()) return;
  HostState& h = hosts_[static_cast<size_t>(host)];
  // A crash resets the counter while calls kept by their media may still end later: never go below zero.
  if (h.concurrent > 0) --h.concurrent;
}

void PlatformState::set_host_up(int h, bool up) {
  HostState& s = hosts_[static_cast<size_t>(h)];
  if (s.up == up) return;
  if (!up) {
    s.frozen_load = s.concurrent;
    if (!s.drained) s.concurrent = 0;  // the host lost its calls (the call flow drops them)
    s.window.clear();
  }
  s.up = up;
}

void PlatformState::set_degraded(int h, double share, double latency) {
  hosts_[static_cast<size_t>(h)].degraded_share = share;
  hosts_[static_cast<size_t>(h)].added_latency = latency;
}

void PlatformState::set_site_cut(int s, bool cut, int incident) {
  site_cut_[static_cast<size_t>(s)] = cut ? 1 : 0;
  if (cut) site_incident_[static_cast<size_t>(s)] = incident;
  recompute_reach();
}

void PlatformState::set_link_down(int l, bool down, int incident) {
  link_down_[static_cast<size_t>(l)] = down ? 1 : 0;
  if (down) {
    link_incident_[static_cast<size_t>(l)] = incident;
    last_link_incident_ = incident;
  }
  recompute_reach();
}

void PlatformState::recompute_reach() {
  const size_t n = site_names_.size();
  reach_.assign(n * n, 0);
  for (size_t a = 0; a < n; ++a) {
    if (site_cut_[a]) continue;
    // Breadth-first over up links, never through a cut site.
    std::vector<size_t> todo = {a};
    reach_[a * n + a] = 1;
    while (!todo.empty()) {
      const size_t s = todo.back();
      todo.pop_back();
      for (size_t l = 0; l < link_ends_.size(); ++l) {
        if (link_down_[l]) continue;
        const auto [x, y] = link_ends_[l];
        if (x < 0 || y < 0) continue;
        size_t other;
        if (static_cast<size_t>(x) == s) other = static_cast<size_t>(y);
        else if (static_cast<size_t>(y) == s) other = static_cast<size_t>(x);
        else continue;
        if (site_cut_[other] || reach_[a * n + other]) continue;
        reach_[a * n + other] = 1;
        todo.push_back(other);
      }
    }
  }
}

bool PlatformState::serves_slots(int h) const {
  for (const auto& sl : slots_)
    for (int x : sl)
      if (x == h) return true;
  return false;
}

std::vector<int> PlatformState::tenants_on(int h) const {
  std::vector<int> out;
  for (size_t t = 0; t < slots_.size(); ++t)
    if (std::find(slots_[t].begin(), slots_[t].end(), h) != slots_[t].end()) out.push_back(static_cast<int>(t));
  return out;
}

void PlatformState::move_slots(int from, int to) {
  for (auto& sl : slots_)
    for (int& x : sl)
      if (x == from) x = to;
}

int PlatformState::pick_standby(int failed, bool prefer_same_site) const {
  const int site = hosts_[static_cast<size_t>(failed)].site;
  const std::vector<int> tenants = tenants_on(failed);
  auto usable = [&](int c) {
    const HostState& h = hosts_[static_cast<size_t>(c)];
    if (c == failed || !h.standby || !h.up || h.paused || h.reserved || serves_slots(c)) return false;
    for (int t : tenants)
      if (!reachable(entry_site_[static_cast<size_t>(t)], h.site)) return false;
    return true;
  };
  if (prefer_same_site)
    for (int c = 0; c < num_hosts(); ++c)
      if (hosts_[static_cast<size_t>(c)].site == site && usable(c)) return c;
  for (int c = 0; c < num_hosts(); ++c)
    if (usable(c)) return c;
  return -1;
}

}  // namespace ccsim::platform
