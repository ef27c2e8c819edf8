// Reads the platform (a models/platforms file or an inline map), checks the tenants' host placement against
// it, and reads fault drills and steady-state hypotheses, whose targets must name things that exist.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <set>

#include "core/time.hpp"
#include "scenario/loader_parts.hpp"
#include "scenario/schema_check.hpp"
#include "scenario/yaml_input.hpp"

namespace ccsim::scenario {

namespace fs = std::filesystem;

namespace {

int index_of(const std::vector<std::string>& names, const std::string& n) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == n) return static_cast<int>(i);
  return -1;
}

void unknown(Reader& r, const YAML::Node& at, const std::string& path, const std::string& what, const std::string& name,
             const std::vector<std::string>& names) {
  std::string msg = "unknown " + what + " '" + name + "'";
  const std::string near = closest_match(name, names);
  if (!near.empty()) msg += "; did you mean '" + near + "'?";
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  r.error(at, path, msg, names.empty() ? "a declared " + what : "one of: " + list);
}

// mtbf without mttr would mean "fails and never comes back" by accident; ask for both.
void read_failure_pair(Reader& r, const YAML::Node& n, const std::string& path, double& mtbf, double& mttr) {
  if (auto v = child(n, "mtbf"); v.IsDefined()) mtbf = r.duration(v, path_join(path, "mtbf")).value_or(0);
  if (auto v = child(n, "mttr"); v.IsDefined()) mttr = r.duration(v, path_join(path, "mttr")).value_or(0);
  if (mtbf > 0 && mttr <= 0)
    r.error(n, path_join(path, "mttr"), "mtbf is set but mttr is missing or zero", "a repair time such as 2h");
}

PlatformSpec read_platform_map(const YAML::Node& n, const std::string& path, Reader& r) {
  PlatformSpec p;
  p.enabled = true;
  if (auto v = child(n, "enabled"); v.IsDefined()) p.enabled = r.boolean(v, path_join(path, "enabled")).value_or(true);
  std::vector<std::string> site_names;
  const auto slist = elements(child(n, "sites"));
  std::vector<std::pair<std::string, YAML::Node>> snames, hnames, lnames;
  std::vector<std::string> spaths, hpaths, lpaths;
  for (size_t i = 0; i < slist.size(); ++i) {
    const std::string sp = path_index(path_join(path, "sites"), i);
    SiteSpec s;
    if (auto v = child(slist[i], "name"); v.IsDefined()) s.name = r.text(v, path_join(sp, "name")).value_or("");
    read_failure_pair(r, slist[i], sp, s.mtbf, s.mttr);
    p.sites.push_back(s);
    site_names.push_back(s.name);
    snames.emplace_back(s.name, child(slist[i], "name"));
    spaths.push_back(path_join(sp, "name"));
  }
  const bool declared_sites = !slist.empty();
  const auto hlist = elements(child(n, "hosts"));
  for (size_t i = 0; i < hlist.size(); ++i) {
    const std::string hp = path_index(path_join(path, "hosts"), i);
    HostSpec h;
    const YAML::Node hn = hlist[i];
    if (auto v = child(hn, "name"); v.IsDefined()) h.name = r.text(v, path_join(hp, "name")).value_or("");
    if (auto v = child(hn, "site"); v.IsDefined()) {
      h.site = r.text(v, path_join(hp, "site")).value_or("");
      if (declared_sites && index_of(site_names, h.site) < 0) unknown(r, v, path_join(hp, "site"), "site", h.site, site_names);
    } else if (site_names.size() == 1) {
      h.site = site_names[0];
    } else if (declared_sites) {
      r.error(hn, path_join(hp, "site"), "host '" + h.name + "' does not say which site it is in", "site: NAME");
    } else {
      h.site = "default";
    }
    // Without a sites list, sites are the distinct names the hosts use.
    if (!declared_sites && index_of(site_names, h.site) < 0) {
      site_names.push_back(h.site);
      p.sites.push_back(SiteSpec{h.site, 0, 0});
    }
    const auto labels = elements(child(hn, "labels"));
    for (size_t k = 0; k < labels.size(); ++k)
      h.labels.push_back(r.text(labels[k], path_index(path_join(hp, "labels"), k)).value_or(""));
    if (auto v = child(hn, "cps_limit"); v.IsDefined()) {
      h.cps_limit = r.number(v, path_join(hp, "cps_limit")).value_or(0);
      if (h.cps_limit < 0) r.error(v, path_join(hp, "cps_limit"), "negative rate", "call setups per second >= 0");
    }
    if (auto v = child(hn, "max_concurrent"); v.IsDefined()) {
      auto x = r.integer(v, path_join(hp, "max_concurrent"));
      if (x && *x < 0) r.error(v, path_join(hp, "max_concurrent"), "negative limit", "a whole number >= 0 (0 = unlimited)");
      h.max_concurrent = static_cast<int>(std::clamp<long long>(x.value_or(0), 0, 1000000000));
    }
    if (auto v = child(hn, "speed"); v.IsDefined()) {
      h.speed = r.number(v, path_join(hp, "speed")).value_or(h.speed);
      if (h.speed <= 0) r.error(v, path_join(hp, "speed"), "speed must be > 0", "flop/s > 0");
    }
    if (auto v = child(hn, "memory_gb"); v.IsDefined()) {
      h.memory_gb = r.number(v, path_join(hp, "memory_gb")).value_or(h.memory_gb);
      if (h.memory_gb <= 0) r.error(v, path_join(hp, "memory_gb"), "memory must be > 0", "gigabytes > 0");
    }
    read_failure_pair(r, hn, hp, h.mtbf, h.mttr);
    if (auto v = child(hn, "standby"); v.IsDefined()) h.standby = r.boolean(v, path_join(hp, "standby")).value_or(false);
    p.hosts.push_back(h);
    hnames.emplace_back(h.name, child(hn, "name"));
    hpaths.push_back(path_join(hp, "name"));
  }
  const auto llist = elements(child(n, "links"));
  for (size_t i = 0; i < llist.size(); ++i) {
    const std::string lp = path_index(path_join(path, "links"), i);
    LinkSpec l;
    const YAML::Node ln = llist[i];
    if (auto v = child(ln, "name"); v.IsDefined()) l.name = r.text(v, path_join(lp, "name")).value_or("");
    if (auto v = child(ln, "from"); v.IsDefined()) {
      l.from_site = r.text(v, path_join(lp, "from")).value_or("");
      if (index_of(site_names, l.from_site) < 0) unknown(r, v, path_join(lp, "from"), "site", l.from_site, site_names);
    }
    if (auto v = child(ln, "to"); v.IsDefined()) {
      l.to_site = r.text(v, path_join(lp, "to")).value_or("");
      if (index_of(site_names, l.to_site) < 0) unknown(r, v, path_join(lp, "to"), "site", l.to_site, site_names);
      else if (l.to_site == l.from_site) r.error(v, path_join(lp, "to"), "a link must join two different sites", "another site");
    }
    if (auto v = child(ln, "bandwidth"); v.IsDefined()) l.bandwidth = r.bandwidth(v, path_join(lp, "bandwidth")).value_or(l.bandwidth);
    if (auto v = child(ln, "latency"); v.IsDefined()) l.latency = r.duration(v, path_join(lp, "latency")).value_or(l.latency);
    read_failure_pair(r, ln, lp, l.mtbf, l.mttr);
    p.links.push_back(l);
    lnames.emplace_back(l.name, child(ln, "name"));
    lpaths.push_back(path_join(lp, "name"));
  }
  if (auto f = child(n, "failover"); f.IsDefined()) {
    const std::string fp = path_join(path, "failover");
    FailoverSpec& fo = p.failover;
    if (auto v = child(f, "enabled"); v.IsDefined()) fo.enabled = r.boolean(v, path_join(fp, "enabled")).value_or(true);
    if (auto v = child(f, "heartbeat"); v.IsDefined()) {
      fo.heartbeat = r.duration(v, path_join(fp, "heartbeat")).value_or(fo.heartbeat);
      if (fo.heartbeat <= 0) r.error(v, path_join(fp, "heartbeat"), "heartbeat must be > 0", "a duration such as 5s");
    }
    if (auto v = child(f, "misses"); v.IsDefined()) {
      auto x = r.integer(v, path_join(fp, "misses"));
      if (x && *x < 1) r.error(v, path_join(fp, "misses"), "misses must be >= 1", "a whole number >= 1");
      fo.misses = static_cast<int>(std::clamp<long long>(x.value_or(fo.misses), 1, 1000000));
    }
    if (auto v = child(f, "cold_restart"); v.IsDefined()) fo.cold_restart = r.duration(v, path_join(fp, "cold_restart")).value_or(fo.cold_restart);
    if (auto v = child(f, "dirty_page_rate"); v.IsDefined()) fo.dirty_page_rate = r.probability(v, path_join(fp, "dirty_page_rate")).value_or(fo.dirty_page_rate);
    if (auto v = child(f, "keep_media_share"); v.IsDefined()) fo.keep_media_share = r.probability(v, path_join(fp, "keep_media_share")).value_or(fo.keep_media_share);
    if (auto v = child(f, "redial_probability"); v.IsDefined()) fo.redial_probability = r.probability(v, path_join(fp, "redial_probability")).value_or(fo.redial_probability);
    if (auto v = child(f, "redial_delay"); v.IsDefined())
      if (auto d = r.distribution(v, path_join(fp, "redial_delay"))) fo.redial_delay = *d;
    if (auto v = child(f, "prefer_same_site"); v.IsDefined()) fo.prefer_same_site = r.boolean(v, path_join(fp, "prefer_same_site")).value_or(true);
  }
  if (auto v = child(n, "degraded_fail_share"); v.IsDefined())
    p.degraded_fail_share = r.probability(v, path_join(path, "degraded_fail_share")).value_or(0);
  // The schema restricts the values (round_robin | least_loaded).
  if (auto v = child(n, "balancing"); v.IsDefined())
    p.balancing = r.text(v, path_join(path, "balancing")).value_or(p.balancing);
  check_unique_names(r, snames, spaths, "site");
  check_unique_names(r, hnames, hpaths, "host");
  check_unique_names(r, lnames, lpaths, "link");
  return p;
}

}  // namespace

PlatformSpec read_platform(const YAML::Node& n, const std::string& path, LoadContext& ctx) {
  if (n.IsMap()) {
    PlatformSpec p = read_platform_map(n, path, ctx.r);
    p.source = "inline";
    return p;
  }
  const std::string file = resolve_model_file(ctx, n, path);
  if (file.empty()) return PlatformSpec{};
  Diagnostics& out = ctx.r.diagnostics();
  try {
    YamlDocument doc = load_yaml_file(file);
    if (!doc.root.IsMap()) {
      out.add(loc_of(doc.root, file), "", "a platform file must be a map of keys", "sites, hosts, links, failover");
      return PlatformSpec{};
    }
    check_duplicate_keys(doc.root, file, "", out);
    SchemaChecker(scenario_schema()).check(doc.root, file, out, "platform");
    Reader pr(file, out);
    PlatformSpec p = read_platform_map(doc.root, "", pr);
    p.source = file;
    for (const auto& d : out.list())
      if (d.loc.file == file) {
        // Also point at the key that named the file, so the scenario's own report leads there.
        ctx.r.error(n, path, "the platform file has problems (reported at " + file + ")", "");
        break;
      }
    return p;
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) out.add(d);
    // Also point at the key that named the broken file.
    ctx.r.error(n, path, "the platform file has problems (reported at " + file + ")", "");
    return PlatformSpec{};
  }
}

void check_tenant_hosts(Scenario& s, const YAML::Node& tenants_node, LoadContext& ctx) {
  std::vector<std::string> host_names;
  for (const auto& h : s.platform.hosts) host_names.push_back(h.name);
  const auto tlist = elements(tenants_node);
  for (size_t i = 0; i < s.tenants.size() && i < tlist.size(); ++i) {
    Tenant& t = s.tenants[i];
    const std::string hp = path_join(path_index("tenants", i), "hosts");
    const YAML::Node hn = child(tlist[i], "hosts");
    if (!s.platform.enabled) {
      if (!t.hosts.empty() && s.platform.hosts.empty())
        ctx.r.error(hn, hp, "tenant '" + t.name + "' names hosts but the scenario has no platform",
                    "a 'platform:' section, or no 'hosts'");
      continue;
    }
    if (t.hosts.empty()) {
      // Default placement: every host that is not a spare.
      for (const auto& h : s.platform.hosts)
        if (!h.standby) t.hosts.push_back(h.name);
      continue;
    }
    for (size_t k = 0; k < t.hosts.size(); ++k)
      if (index_of(host_names, t.hosts[k]) < 0) unknown(ctx.r, hn[k], path_index(hp, k), "host", t.hosts[k], host_names);
  }
}

std::vector<DrillSpec> read_drills(const YAML::Node& n, const std::string& path, LoadContext& ctx, const Scenario& s) {
  Reader& r = ctx.r;
  std::vector<DrillSpec> out;
  std::vector<std::string> hosts, labels, sites, links, trunks, carriers, tenants;
  for (const auto& t : s.tenants) tenants.push_back(t.name);
  for (const auto& h : s.platform.hosts) {
    hosts.push_back(h.name);
    for (const auto& l : h.labels)
      if (index_of(labels, l) < 0) labels.push_back(l);
  }
  for (const auto& x : s.platform.sites) sites.push_back(x.name);
  for (const auto& x : s.platform.links) links.push_back(x.name);
  for (const auto& t : s.tenants)
    for (const auto& tg : t.trunks) {
      if (index_of(trunks, tg.name) < 0) trunks.push_back(tg.name);
      if (!tg.carrier.empty() && index_of(carriers, tg.carrier) < 0) carriers.push_back(tg.carrier);
    }
  const int64_t h0 = ctx.horizon.start, h1 = h0 + static_cast<int64_t>(ctx.horizon.length);
  const auto list = elements(n);
  std::vector<std::pair<std::string, YAML::Node>> names;
  std::vector<std::string> npaths;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string dp = path_index(path, i);
    const YAML::Node dn = list[i];
    DrillSpec d;
    d.name = "drill" + std::to_string(i + 1);
    if (auto v = child(dn, "name"); v.IsDefined()) d.name = r.text(v, path_join(dp, "name")).value_or(d.name);
    if (auto v = child(dn, "start"); v.IsDefined())
      if (auto t = r.instant(v, path_join(dp, "start"), h0)) {
        d.start = *t;
        if (*t < h0 || *t >= h1)
          r.error(v, path_join(dp, "start"), "drill starts at " + format_datetime(*t) + ", outside the horizon",
                  "a start from " + format_datetime(h0) + " to before " + format_datetime(h1));
      }
    std::string kind = child(dn, "kind").IsDefined() ? r.text(child(dn, "kind"), path_join(dp, "kind")).value_or("") : "";
    static const std::vector<std::pair<std::string, DrillKind>> kKinds = {
        {"crash", DrillKind::Crash},          {"partition", DrillKind::Partition}, {"degrade", DrillKind::Degrade},
        {"trunk_outage", DrillKind::TrunkOutage}, {"overload", DrillKind::Overload}, {"maintenance", DrillKind::Maintenance}};
    for (const auto& k : kKinds)
      if (k.first == kind) d.kind = k.second;
    // Customer-side causes a drill can inject (sla/ledger.hpp cause names; docs/scenario-reference.md).
    static const std::vector<std::string> kCustomerCauses = {"customer_network", "attack",         "frequency_limit",
                                                             "illegal_number",   "announced_promotion", "force_majeure"};
    if (index_of(kCustomerCauses, kind) >= 0) {
      d.kind = DrillKind::CustomerSide;
      d.customer_cause = kind;
    }
    const YAML::Node tn = child(dn, "target");
    if (tn.IsDefined() && tn.IsMap()) {
      const std::string tp = path_join(dp, "target");
      if (tn.size() != 1) {
        r.error(tn, tp, "a drill target names exactly one thing, found " + std::to_string(tn.size()),
                "one of {host: NAME}, {label: NAME}, {site: NAME}, {link: NAME}, {trunk: NAME}, {carrier: NAME}, "
                "{tenant: NAME}");
      } else {
        const auto it = tn.begin();
        d.target_kind = it->first.Scalar();
        d.target = r.text(it->second, path_join(tp, d.target_kind)).value_or("");
        const std::vector<std::string>* pool = d.target_kind == "host"      ? &hosts
                                               : d.target_kind == "label"   ? &labels
                                               : d.target_kind == "site"    ? &sites
                                               : d.target_kind == "link"    ? &links
                                               : d.target_kind == "trunk"   ? &trunks
                                               : d.target_kind == "carrier" ? &carriers
                                               : d.target_kind == "tenant"  ? &tenants
                                                                            : nullptr;
        if (pool && index_of(*pool, d.target) < 0)
          unknown(r, it->second, path_join(tp, d.target_kind),
                  d.target_kind == "trunk" ? "trunk group" : d.target_kind, d.target, *pool);
        // Each kind of fault hits one kind of thing.
        const bool trunkish = d.target_kind == "trunk" || d.target_kind == "carrier";
        const bool hostish = d.target_kind == "host" || d.target_kind == "label" || d.target_kind == "site";
        std::string need;
        if (d.kind == DrillKind::TrunkOutage && !trunkish) need = "a trunk or carrier target";
        if (d.kind == DrillKind::Partition && d.target_kind != "link" && d.target_kind != "site") need = "a link or site target";
        if ((d.kind == DrillKind::Crash || d.kind == DrillKind::Degrade || d.kind == DrillKind::Maintenance) && !hostish)
          need = "a host, label or site target";
        if (d.kind == DrillKind::CustomerSide && d.target_kind != "tenant") need = "a tenant target";
        if (need.empty() && d.kind != DrillKind::CustomerSide && d.target_kind == "tenant")
          need = "a customer-side kind (customer_network, attack, ...) for a tenant target";
        if (!need.empty() && pool)
          r.error(tn, tp, "a " + kind + " drill cannot target a " + d.target_kind, need);
      }
    }
    if (auto v = child(dn, "duration"); v.IsDefined()) {
      if (v.IsScalar() && v.Scalar() == "until_repaired") d.duration = 0;
      else if (auto x = r.duration(v, path_join(dp, "duration"))) {
        if (*x <= 0) r.error(v, path_join(dp, "duration"), "drill of zero length", "a duration > 0, or until_repaired");
        d.duration = *x;
      }
    }
    if (auto v = child(dn, "blast_count"); v.IsDefined()) {
      auto x = r.integer(v, path_join(dp, "blast_count"));
      if (x && *x < 0) r.error(v, path_join(dp, "blast_count"), "negative count", "a whole number >= 0 (0 = all)");
      d.blast_count = static_cast<double>(std::max<long long>(0, x.value_or(0)));
    }
    if (auto v = child(dn, "blast_share"); v.IsDefined()) d.blast_share = r.probability(v, path_join(dp, "blast_share")).value_or(1);
    if (auto v = child(dn, "fail_share"); v.IsDefined()) d.fail_share = r.probability(v, path_join(dp, "fail_share")).value_or(0.5);
    if (auto v = child(dn, "added_latency"); v.IsDefined()) d.added_latency = r.duration(v, path_join(dp, "added_latency")).value_or(0);
    if (auto v = child(dn, "extra_rate"); v.IsDefined()) d.extra_per_hour = r.rate_per_hour(v, path_join(dp, "extra_rate")).value_or(0);
    if (auto v = child(dn, "announced"); v.IsDefined()) d.announced = r.boolean(v, path_join(dp, "announced")).value_or(false);
    if (auto v = child(dn, "migrate_live"); v.IsDefined()) {
      d.migrate_live = r.boolean(v, path_join(dp, "migrate_live")).value_or(false);
      if (d.migrate_live && d.kind != DrillKind::Maintenance)
        r.error(v, path_join(dp, "migrate_live"), "live migration applies only to maintenance drills", "kind: maintenance");
    }
    if (d.kind == DrillKind::Overload && d.extra_per_hour <= 0 && child(dn, "kind").IsDefined())
      r.error(dn, path_join(dp, "extra_rate"), "an overload drill needs the injected traffic", "extra_rate such as 2000/h");
    // Drills are played by the platform's control plane; customer-side ones too.
    const bool needs_platform = d.target_kind == "host" || d.target_kind == "label" || d.target_kind == "site" ||
                                d.target_kind == "link" || d.target_kind == "tenant";
    if (needs_platform && s.platform.hosts.empty() && tn.IsDefined())
      r.error(tn, path_join(dp, "target"), "a platform drill needs a platform", "a 'platform:' section");
    out.push_back(d);
    names.emplace_back(d.name, child(dn, "name"));
    npaths.push_back(path_join(dp, "name"));
  }
  check_unique_names(r, names, npaths, "drill");
  return out;
}

std::vector<Hypothesis> read_hypotheses(const YAML::Node& n, const std::string& path, LoadContext& ctx,
                                        const Scenario& s) {
  Reader& r = ctx.r;
  static const std::vector<std::string> kMetrics = {
      "availability", "abandonment", "service_level", "recovery_time", "detection_time", "credits", "credit_tier",
      "blocking", "asa", "occupancy", "unavailable_minutes", "failed_requests"};
  std::vector<std::string> tenant_names;
  for (const auto& t : s.tenants) tenant_names.push_back(t.name);
  std::vector<Hypothesis> out;
  const auto list = elements(n);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string hp = path_index(path, i);
    const YAML::Node hn = list[i];
    Hypothesis h;
    h.loc = loc_of(hn, r.file());
    h.scope = "overall";
    std::string value_text;
    YAML::Node value_node = hn;
    std::string value_path = path_join(hp, "value");
    if (auto c = child(hn, "check"); c.IsDefined()) {
      if (has(hn, "metric") || has(hn, "op") || has(hn, "value"))
        r.error(c, path_join(hp, "check"), "give either 'check' or metric/op/value, not both", "one form");
      const std::string text = c.IsScalar() ? c.Scalar() : "";
      // metric, then the operator, then the value: "availability >= 99.95%".
      size_t k = 0;
      while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '_' || text[k] == ' ')) ++k;
      std::string metric = text.substr(0, k);
      while (!metric.empty() && metric.back() == ' ') metric.pop_back();
      while (!metric.empty() && metric.front() == ' ') metric.erase(0, 1);
      std::string op;
      if (k < text.size() && (text[k] == '<' || text[k] == '>')) {
        op = text.substr(k, 1);
        if (k + 1 < text.size() && text[k + 1] == '=') op += "=";
      }
      h.metric = metric;
      h.op = op;
      value_text = op.empty() ? "" : text.substr(k + op.size());
      value_node.reset(c);  // reset, not =: Node::operator= writes through to the referenced node
      value_path = path_join(hp, "check");
      if (op.empty()) {
        r.error(c, value_path, "cannot read check '" + text + "'", "'METRIC OP VALUE' such as 'availability >= 99.95%'");
        out.push_back(h);
        continue;
      }
    } else {
      if (auto v = child(hn, "metric"); v.IsDefined()) h.metric = r.text(v, path_join(hp, "metric")).value_or("");
      if (auto v = child(hn, "op"); v.IsDefined()) h.op = r.text(v, path_join(hp, "op")).value_or("");
      if (auto v = child(hn, "value"); v.IsDefined()) {
        value_node.reset(v);
        value_text = v.IsScalar() ? v.Scalar() : "";
      }
      for (const char* k : {"metric", "op", "value"})
        if (!has(hn, k)) r.error(hn, path_join(hp, k), std::string("missing required key '") + k + "'", "metric, op and value, or check");
    }
    if (!h.metric.empty() && index_of(kMetrics, h.metric) < 0) {
      std::string msg = "unknown metric '" + h.metric + "'";
      const std::string near = closest_match(h.metric, kMetrics);
      if (!near.empty()) msg += "; did you mean '" + near + "'?";
      std::string list_text;
      for (const auto& m : kMetrics) list_text += (list_text.empty() ? "" : ", ") + m;
      r.error(value_node, has(hn, "check") ? path_join(hp, "check") : path_join(hp, "metric"), msg, "one of: " + list_text);
    }
    // The value: "99.95%" -> 0.9995, "120s" -> 120, a plain number as written.
    while (!value_text.empty() && value_text.front() == ' ') value_text.erase(0, 1);
    while (!value_text.empty() && value_text.back() == ' ') value_text.pop_back();
    if (!value_text.empty()) {
      const std::string& v = value_text;
      if (auto x = parse_percent_or_number(v)) h.value = *x;
      else if (auto d = parse_duration(v)) h.value = *d;
      else r.error(value_node, value_path, "cannot read value '" + v + "'", "a number, a percentage such as 99.95% or a duration such as 120s");
    }
    h.name = h.metric + " " + h.op + " " + value_text;
    if (auto v = child(hn, "name"); v.IsDefined()) h.name = r.text(v, path_join(hp, "name")).value_or(h.name);
    if (auto v = child(hn, "scope"); v.IsDefined()) h.scope = r.text(v, path_join(hp, "scope")).value_or("overall");
    if (auto v = child(hn, "tenant"); v.IsDefined()) {
      h.tenant = r.text(v, path_join(hp, "tenant")).value_or("");
      if (index_of(tenant_names, h.tenant) < 0) unknown(r, v, path_join(hp, "tenant"), "tenant", h.tenant, tenant_names);
    }
    out.push_back(h);
  }
  return out;
}

}  // namespace ccsim::scenario
