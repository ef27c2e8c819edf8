#include "platform/control_plane.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/format.hpp"

namespace ccsim::platform {

ControlPlane::ControlPlane(const Scenario& sc, PlatformState& state, std::vector<Fault> plan)
    : sc_(sc), st_(state), plan_(std::move(plan)) {
  host_hold_.assign(static_cast<size_t>(st_.num_hosts()), 0);
  host_epoch_.assign(static_cast<size_t>(st_.num_hosts()), 0);
  link_hold_.assign(static_cast<size_t>(st_.num_links()), 0);
  fault_incident_.assign(plan_.size(), -1);
  for (size_t f = 0; f < plan_.size(); ++f) {
    push(plan_[f].start, Act::FaultStart, static_cast<int>(f));
    if (plan_[f].end >= 0) push(plan_[f].end, Act::FaultEnd, static_cast<int>(f));
  }
}

void ControlPlane::attach(const std::vector<TenantModel*>& tenants, PlatformDriver* driver) {
  tenants_ = tenants;
  driver_ = driver;
  const double horizon = sc_.horizon.length;
  for (const Fault& f : plan_) {
    const double to = f.end >= 0 ? f.end : horizon;
    // Clause 5.12: an announced drill or maintenance is announced to every tenant of the platform.
    if (f.announced)
      for (TenantModel* t : tenants_) t->mark_announced(f.start, to);
    // The injected traffic is split evenly over the call types that reach the target.
    if (f.kind == FaultKind::Overload && !f.call_types.empty()) {
      const double each = f.extra_per_hour / static_cast<double>(f.call_types.size());
      for (auto [t, ct] : f.call_types) tenants_[static_cast<size_t>(t)]->add_arrival_rate(ct, f.start, to, each);
    }
  }
}

void ControlPlane::push(double t, Act act, int a, int b, uint32_t epoch) {
  agenda_.push(Action{t, seq_++, act, a, b, epoch});
}

void ControlPlane::run_due(double now) {
  while (!agenda_.empty() && agenda_.top().t <= now) {
    const Action x = agenda_.top();
    agenda_.pop();
    switch (x.act) {
      case Act::FaultStart: start_fault(x.a, now); break;
      case Act::FaultEnd: end_fault(x.a, now); break;
      case Act::Detect:
        if (x.epoch == host_epoch_[static_cast<size_t>(x.a)] && !st_.host(x.a).up) detect(x.a, now);
        break;
      case Act::MigrationDone: migrated(x.a, x.b, now); break;
    }
  }
}

int ControlPlane::open_incident(const Fault& f, double now) {
  Incident in;
  in.kind = f.incident;
  in.cause = f.cause;
  in.target = f.target;
  in.drill = f.drill;
  in.announced = f.announced;
  in.start = now;
  std::set<int> tenants;
  for (int h : f.hosts)
    for (int t : st_.tenants_on(h)) tenants.insert(t);
  for (int s : f.sites)
    for (int t = 0; t < st_.num_tenants(); ++t) {
      bool hit = st_.entry_site(t) == s;
      for (int h : st_.slots(t)) hit = hit || st_.host(h).site == s;
      if (hit) tenants.insert(t);
    }
  for (size_t l = 0; l < f.links.size(); ++l)
    for (int t = 0; t < st_.num_tenants(); ++t)
      for (int h : st_.slots(t))
        if (st_.host(h).site != st_.entry_site(t)) tenants.insert(t);  // its calls cross a link
  for (auto [t, g] : f.trunks) tenants.insert(t);
  for (auto [t, c] : f.call_types) tenants.insert(t);
  for (int t : f.tenants) tenants.insert(t);
  for (int t : tenants) in.tenants.push_back(sc_.tenants[static_cast<size_t>(t)].name);
  incidents_.push_back(in);
  tracks_.emplace_back();
  const int k = static_cast<int>(incidents_.size()) - 1;
  st_.ensure_incident(k);
  return k;
}

void ControlPlane::note(int k, const std::string& text) {
  std::string& n = incidents_[static_cast<size_t>(k)].note;
  if (n.find(text) != std::string::npos) return;
  n += (n.empty() ? "" : "; ") + text;
}

int64_t ControlPlane::drop_calls(int host) {
  int64_t n = 0;
  for (TenantModel* t : tenants_) n += t->drop_calls_on_host(host, sc_.platform.failover.keep_media_share);
  return n;
}

void ControlPlane::set_link_hold(int l, int delta, int k) {
  int& hold = link_hold_[static_cast<size_t>(l)];
  const bool was_down = hold > 0;
  hold += delta;
  if (hold > 0 && !was_down) {
    if (driver_) driver_->set_link(l, false);
    st_.set_link_down(l, true, k);
  } else if (hold <= 0 && was_down) {
    hold = 0;
    if (driver_) driver_->set_link(l, true);
    st_.set_link_down(l, false, -1);
  }
}

void ControlPlane::start_fault(int fi, double now) {
  const Fault& f = plan_[static_cast<size_t>(fi)];
  const int k = open_incident(f, now);
  fault_incident_[static_cast<size_t>(fi)] = k;
  tracks_[static_cast<size_t>(k)].fault = fi;
  const FailoverSpec& fo = sc_.platform.failover;
  switch (f.kind) {
    case FaultKind::HostCrash:
      for (int h : f.hosts) {
        if (host_hold_[static_cast<size_t>(h)]++ > 0 || !st_.host(h).up) {
          note(k, st_.host(h).name + " was already down");
          continue;
        }
        st_.host(h).incident = k;
        tracks_[static_cast<size_t>(k)].hosts.push_back(h);
        tracks_[static_cast<size_t>(k)].restored.push_back(-1);
        if (driver_) driver_->power_host(h, false);
      }
      break;
    case FaultKind::Maintenance:
      // Planned: the controller knows at once (no detection delay) and moves the host's tenants first.
      incidents_[static_cast<size_t>(k)].detected = now;
      for (int h : f.hosts) {
        if (host_hold_[static_cast<size_t>(h)]++ > 0 || !st_.host(h).up) {
          note(k, st_.host(h).name + " was already down");
          continue;
        }
        st_.host(h).incident = k;
        tracks_[static_cast<size_t>(k)].hosts.push_back(h);
        tracks_[static_cast<size_t>(k)].restored.push_back(-1);
        if (!st_.serves_slots(h)) {  // nothing to move: just stop it
          restore(h, now);
          st_.host(h).drained = true;
          if (driver_) driver_->power_host(h, false);
          continue;
        }
        const int s = st_.pick_standby(h, fo.prefer_same_site);
        if (s < 0) {
          note(k, "no standby capacity for " + st_.host(h).name + ": outage until the maintenance ends");
          if (driver_) driver_->power_host(h, false);
          continue;
        }
        st_.host(s).reserved = true;
        if (f.migrate_live && driver_) {
          driver_->live_migrate(h, s);  // live_paused / live_done follow; the host stops after the move
        } else {
          // Cold move: the host stops now (its calls drop), its tenants restart on the standby.
          if (driver_) driver_->power_host(h, false);
          push(now + fo.cold_restart, Act::MigrationDone, h, s);
        }
      }
      break;
    case FaultKind::Degrade:
      for (int h : f.hosts) {
        st_.set_degraded(h, f.fail_share, f.added_latency);
        if (st_.host(h).incident < 0) st_.host(h).incident = k;
      }
      break;
    case FaultKind::SiteCut:
      for (int s : f.sites) {
        st_.set_site_cut(s, true, k);
        // The cut site's calls lose their media path to the outside.
        int64_t dropped = 0;
        for (int h = 0; h < st_.num_hosts(); ++h)
          if (st_.host(h).site == s && st_.host(h).up) dropped += drop_calls(h);
        incidents_[static_cast<size_t>(k)].calls_dropped += dropped;
        for (size_t l = 0; l < sc_.platform.links.size(); ++l) {
          const LinkSpec& ls = sc_.platform.links[l];
          if (st_.site_index(ls.from_site) == s || st_.site_index(ls.to_site) == s) set_link_hold(static_cast<int>(l), 1, k);
        }
      }
      break;
    case FaultKind::LinkDown:
      for (int l : f.links) set_link_hold(l, 1, k);
      break;
    case FaultKind::TrunkOutage:
      for (auto [t, g] : f.trunks) tenants_[static_cast<size_t>(t)]->set_trunk_down(g, true, Cause::CarrierOutage);
      break;
    case FaultKind::Overload:
      break;  // the traffic was registered at attach()
    case FaultKind::CustomerSide:
      for (int t : f.tenants) tenants_[static_cast<size_t>(t)]->set_customer_fault(f.cause, f.fail_share);
      break;
  }
}

void ControlPlane::end_fault(int fi, double now) {
  const Fault& f = plan_[static_cast<size_t>(fi)];
  const int k = fault_incident_[static_cast<size_t>(fi)];
  if (k < 0) return;
  Incident& in = incidents_[static_cast<size_t>(k)];
  in.repaired = now;
  switch (f.kind) {
    case FaultKind::HostCrash:
    case FaultKind::Maintenance:
      for (int h : f.hosts) {
        int& hold = host_hold_[static_cast<size_t>(h)];
        if (hold > 0 && --hold == 0 && !st_.host(h).up && driver_) driver_->power_host(h, true);
      }
      break;
    case FaultKind::Degrade:
      for (int h : f.hosts) {
        st_.set_degraded(h, 0, 0);
        if (st_.host(h).incident == k) st_.host(h).incident = -1;
      }
      in.recovered = now;
      break;
    case FaultKind::SiteCut:
      for (int s : f.sites) {
        st_.set_site_cut(s, false, -1);
        for (size_t l = 0; l < sc_.platform.links.size(); ++l) {
          const LinkSpec& ls = sc_.platform.links[l];
          if (st_.site_index(ls.from_site) == s || st_.site_index(ls.to_site) == s) set_link_hold(static_cast<int>(l), -1, k);
        }
      }
      in.recovered = now;
      break;
    case FaultKind::LinkDown:
      for (int l : f.links) set_link_hold(l, -1, k);
      in.recovered = now;
      break;
    case FaultKind::TrunkOutage:
      for (auto [t, g] : f.trunks) tenants_[static_cast<size_t>(t)]->set_trunk_down(g, false, Cause::CarrierOutage);
      in.recovered = now;
      break;
    case FaultKind::Overload:
      in.recovered = now;
      break;
    case FaultKind::CustomerSide:
      for (int t : f.tenants) tenants_[static_cast<size_t>(t)]->set_customer_fault(f.cause, 0);
      in.recovered = now;
      break;
  }
}

void ControlPlane::on_host_state(int h, bool on, double now) {
  HostState& hs = st_.host(h);
  ++host_epoch_[static_cast<size_t>(h)];
  if (!on) {
    const bool planned = hs.drained;
    st_.set_host_up(h, false);
    if (planned) return;  // its tenants and calls were moved before the stop
    const int64_t dropped = drop_calls(h);
    const int k = hs.incident;
    if (k >= 0) incidents_[static_cast<size_t>(k)].calls_dropped += dropped;
    if (!st_.serves_slots(h)) {
      if (k >= 0) {
        restore(h, now);  // a spare that served nobody: no service was lost
        note(k, hs.name + " served no tenant");
      }
      return;
    }
    const FailoverSpec& fo = sc_.platform.failover;
    if (fo.enabled && !hs.reserved)
      push(now + fo.heartbeat * fo.misses, Act::Detect, h, -1, host_epoch_[static_cast<size_t>(h)]);
    else if (k >= 0 && !fo.enabled)
      note(k, "failover disabled: outage until repair");
    return;
  }
  // Repaired.
  st_.set_host_up(h, true);
  hs.drained = false;
  hs.paused = false;
  if (hs.incident >= 0) restore(h, now);
  hs.incident = -1;
  // A repaired host whose tenants moved elsewhere rejoins the pool as a spare.
  if (!st_.serves_slots(h)) hs.standby = true;
}

void ControlPlane::detect(int h, double now) {
  const int k = st_.host(h).incident;
  if (k >= 0) {
    Incident& in = incidents_[static_cast<size_t>(k)];
    if (in.detected < 0) in.detected = now;
  }
  const int s = st_.pick_standby(h, sc_.platform.failover.prefer_same_site);
  if (s < 0) {
    if (k >= 0) note(k, "no standby capacity for " + st_.host(h).name + ": outage until repair");
    return;
  }
  st_.host(s).reserved = true;
  push(now + sc_.platform.failover.cold_restart, Act::MigrationDone, h, s);
}

void ControlPlane::migrated(int h, int s, double now) {
  HostState& target = st_.host(s);
  target.reserved = false;
  if (!target.up) {
    // The standby failed during the restart: start over with another one.
    if (!st_.host(h).up) detect(h, now);
    return;
  }
  st_.move_slots(h, s);
  const int k = st_.host(h).incident;
  if (k >= 0) {
    Incident& in = incidents_[static_cast<size_t>(k)];
    in.migrated = std::max(in.migrated, now);
    note(k, st_.host(h).name + " -> " + target.name);
    restore(h, now);
  }
  // A repaired host that lost its slots becomes a spare.
  if (st_.host(h).up) st_.host(h).standby = true;
}

void ControlPlane::live_paused(int from, double now) {
  (void)now;
  st_.host(from).paused = true;
}

void ControlPlane::live_done(int from, int to, double now, double downtime) {
  HostState& src = st_.host(from);
  st_.host(to).reserved = false;
  src.paused = false;
  st_.move_slots(from, to);
  const int k = src.incident;
  if (k >= 0) {
    Incident& in = incidents_[static_cast<size_t>(k)];
    in.migrated = std::max(in.migrated, now);
    note(k, "live migration " + src.name + " -> " + st_.host(to).name + " in " + printf_str("%.3g", now - in.start) + " s" +
                ", downtime " + printf_str("%.3g", downtime) + " s");
    restore(from, now);
  }
  // The maintained host stops with its tenants gone; calls it still counts were moved with the VM.
  src.drained = true;
  if (driver_ && host_hold_[static_cast<size_t>(from)] > 0) driver_->power_host(from, false);
}

void ControlPlane::restore(int h, double now) {
  const int k = st_.host(h).incident;
  if (k < 0) return;
  Track& tr = tracks_[static_cast<size_t>(k)];
  bool all = true;
  double last = -1;
  for (size_t i = 0; i < tr.hosts.size(); ++i) {
    if (tr.hosts[i] == h && tr.restored[i] < 0) tr.restored[i] = now;
    if (tr.restored[i] < 0) all = false;
    else last = std::max(last, tr.restored[i]);
  }
  if (all) incidents_[static_cast<size_t>(k)].recovered = last;
}

std::vector<Incident> ControlPlane::finish(double end, const RepResult& result) {
  const auto& failed = st_.failed_by_incident();
  for (size_t k = 0; k < incidents_.size(); ++k) {
    Incident& in = incidents_[k];
    if (k < failed.size()) in.requests_failed += failed[k];
    const int fi = tracks_[k].fault;
    const Fault* f = fi >= 0 ? &plan_[static_cast<size_t>(fi)] : nullptr;
    if (f && (f->kind == FaultKind::TrunkOutage || f->kind == FaultKind::Overload || f->kind == FaultKind::CustomerSide)) {
      // These failures happen in the call flow (trunks, queues, the customer's side): read them from the
      // ledgers of the window.
      const double to = in.recovered >= 0 ? in.recovered : end;
      std::set<int> tn;
      for (auto [t, g] : f->trunks) tn.insert(t);
      for (auto [t, c] : f->call_types) tn.insert(t);
      tn.insert(f->tenants.begin(), f->tenants.end());
      for (int t : tn) {
        const MinuteLedger& lg = result.tenants[static_cast<size_t>(t)].ledger;
        const size_t m0 = static_cast<size_t>(std::max(0.0, std::floor(in.start / 60.0)));
        const size_t m1 = std::min(lg.minutes(), static_cast<size_t>(std::ceil(to / 60.0)));
        for (size_t m = m0; m < m1; ++m) {
          const auto& row = lg.failures[m];
          if (f->kind == FaultKind::TrunkOutage) {
            in.requests_failed += row[static_cast<int>(Cause::CarrierOutage)];
          } else if (f->kind == FaultKind::CustomerSide) {
            in.requests_failed += row[static_cast<int>(f->cause)];
          } else {
            for (Cause c : {Cause::HostOverloadCps, Cause::HostOverloadConcurrency, Cause::TrunkBusy, Cause::QueueFull})
              in.requests_failed += row[static_cast<int>(c)];
          }
        }
      }
    }
    if (in.recovered < 0) note(static_cast<int>(k), "not recovered by the end of the horizon");
  }
  return incidents_;
}

}  // namespace ccsim::platform
