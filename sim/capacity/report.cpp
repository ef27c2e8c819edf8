#include "capacity/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/time.hpp"
#include "scenario/value_reader.hpp"

namespace ccsim::capacity {

using nlohmann::json;

namespace {
const char* verdict_name(Verdict v) {
  return v == Verdict::Holds ? "holds" : v == Verdict::Breaks ? "breaks" : "undecided";
}
json estimate(const Estimate& e) {
  auto num = [](double v) { return std::isnan(v) ? json(nullptr) : json(v); };
  return json{{"mean", num(e.mean)}, {"ci95", json::array({num(e.lo), num(e.hi)})}, {"n", e.n}};
}
json check_json(const Scenario& sc, const std::vector<Target>& targets, const Check& c) {
  json j{{"target", targets[static_cast<size_t>(c.target)].text},
         {"metric", metric_name(targets[static_cast<size_t>(c.target)].metric)},
         {"value", targets[static_cast<size_t>(c.target)].value},
         {"tenant", sc.tenants[static_cast<size_t>(c.tenant)].name},
         {"estimate", estimate(c.estimate)},
         {"verdict", verdict_name(c.verdict)}};
  if (c.group >= 0) j["group"] = sc.tenants[static_cast<size_t>(c.tenant)].groups[static_cast<size_t>(c.group)].name;
  if (c.interval >= 0) {
    j["interval"] = c.interval;
    j["interval_start"] = format_datetime(sc.horizon.start + static_cast<int64_t>(c.interval * sc.horizon.interval));
  } else {
    j["interval"] = nullptr;
  }
  return j;
}
std::string describe(const Scenario& sc, const std::vector<Target>& targets, const Check& c) {
  const Target& t = targets[static_cast<size_t>(c.target)];
  char b[256];
  std::snprintf(b, sizeof b, "%s %s %.4g (target %s %.4g)%s%s", sc.tenants[static_cast<size_t>(c.tenant)].name.c_str(),
                metric_name(t.metric), c.estimate.mean, t.at_least() ? ">=" : "<=", t.value,
                c.interval >= 0 ? " in interval starting " : " overall",
                c.interval >= 0 ? format_datetime(sc.horizon.start + static_cast<int64_t>(c.interval * sc.horizon.interval)).c_str() : "");
  return b;
}
}  // namespace

json targets_json(const std::vector<Target>& targets) {
  json a = json::array();
  for (const auto& t : targets)
    a.push_back(json{{"text", t.text},
                     {"metric", metric_name(t.metric)},
                     {"op", t.at_least() ? ">=" : "<="},
                     {"value", t.value},
                     {"scope", t.scope == Scope::Overall ? "overall" : "interval"},
                     {"tenant", t.tenant.empty() ? json(nullptr) : json(t.tenant)}});
  return a;
}

std::string describe_search_cap(const SearchCap& cap) {
  char b[256];
  if (!cap.rate_bound) {
    std::snprintf(b, sizeof b, "x%.4g (--max-multiplier)", cap.multiplier);
  } else {
    std::snprintf(b, sizeof b,
                  "x%.4g (rate bound: %s peaks at %.6g/h at x1; a trial may not exceed %.0f/h per call type, the "
                  "scenario loader's bound)",
                  cap.multiplier, cap.call_type.c_str(), cap.peak_per_hour, scenario::kMaxRatePerHour);
  }
  return b;
}

// "complete", or "interrupted" (SIGINT/SIGTERM): then the answer keys are null (docs/capacity.md).
static const char* search_state(bool interrupted) { return interrupted ? "interrupted" : "complete"; }

json max_load_json(const Scenario& sc, const std::vector<Target>& targets, const MaxLoadResult& r) {
  json points = json::array();
  for (const auto& p : r.points) {
    json br = json::array();
    for (const auto& c : p.checks) br.push_back(check_json(sc, targets, c));
    points.push_back(json{{"multiplier", p.multiplier}, {"holds", p.holds}, {"replications", p.replications},
                          {"interrupted", p.interrupted}, {"breaking", br}});
  }
  json first = json::array();
  for (const auto& c : r.first_breaking) first.push_back(check_json(sc, targets, c));
  json ev = json::array();
  for (const auto& e : r.binding.evidence)
    ev.push_back(json{{"resource", e.resource}, {"tenant", e.tenant}, {"value", e.value}, {"what", e.what}});
  json doc{{"mode", "max-load"},
           {"scaled", scale_what_name(r.scaled)},
           {"targets", targets_json(targets)},
           {"base_holds", r.base_holds},
           {"max_multiplier", r.max_multiplier},
           {"breaking_multiplier", r.breaking_multiplier > 0 ? json(r.breaking_multiplier) : json(nullptr)},
           {"capped", r.capped},
           {"search_cap", {{"multiplier", r.cap.multiplier},
                           {"set_by", r.cap.rate_bound ? "rate bound" : "--max-multiplier"},
                           {"reading", describe_search_cap(r.cap)}}},
           {"first_target_to_break", r.first_breaking.empty() ? json(nullptr) : check_json(sc, targets, r.first_breaking[0])},
           {"breaking_checks", first},
           {"binding_resource", r.binding.resource},
           {"binding_evidence", ev},
           {"points", points},
           {"interrupted", r.interrupted},
           {"search", search_state(r.interrupted)}};
  // An interrupted search has no answer: the points hold what was measured, the answer keys say nothing.
  if (r.interrupted) {
    for (const char* k : {"max_multiplier", "breaking_multiplier", "capped", "first_target_to_break"}) doc[k] = nullptr;
    doc["binding_resource"] = "";
    doc["binding_evidence"] = json::array();
    if (r.points.empty() || r.points.front().interrupted) doc["base_holds"] = nullptr;
  }
  return doc;
}

json staffing_json(const Scenario& sc, const std::vector<Target>& targets, const StaffingResult& r) {
  json groups = json::array();
  for (const auto& g : r.groups) {
    const Tenant& tn = sc.tenants[static_cast<size_t>(g.tenant)];
    json j{{"tenant", tn.name},
           {"group", tn.groups[static_cast<size_t>(g.group)].name},
           {"pool", g.pool >= 0 ? json(tn.pools[static_cast<size_t>(g.pool)].name) : json(nullptr)},
           {"method", g.method},
           {"offered_erlangs", g.offered_erlangs},
           {"seed", g.seed},
           {"agents", g.agents},
           {"offered_calls", g.offered_calls},
           {"by_formula", g.by_formula}};
    if (!g.agents.empty()) j["peak_agents"] = *std::max_element(g.agents.begin(), g.agents.end());
    if (!g.note.empty()) j["note"] = g.note;
    groups.push_back(j);
  }
  json trunks = json::array();
  for (const auto& t : r.trunks)
    trunks.push_back(json{{"tenant", sc.tenants[static_cast<size_t>(t.tenant)].name},
                          {"trunk_group", t.trunk},
                          {"offered_erlangs", t.offered_erlangs},
                          {"blocking_target", t.blocking_target},
                          {"channels_needed", t.channels_needed},
                          {"channels_declared", t.channels_declared}});
  json seats = json::array();
  for (const auto& s : r.seats)
    seats.push_back(json{{"tenant", sc.tenants[static_cast<size_t>(s.tenant)].name},
                         {"peak_agents_online", s.peak_agents_online},
                         {"admins", s.admins},
                         {"seats_needed", s.seats_needed},
                         {"seats_declared", s.seats_declared}});
  json checks = json::array();
  for (const auto& c : r.final_checks) checks.push_back(check_json(sc, r.staffing_targets, c));
  json starts = json::array();
  if (r.per_interval)
    for (int i = 0; i < sc.horizon.num_intervals(); ++i)
      starts.push_back(format_datetime(sc.horizon.start + static_cast<int64_t>(i * sc.horizon.interval)));
  json doc{{"mode", "staffing"},
              {"targets", targets_json(targets)},
              {"per_interval", r.per_interval},
              {"min_interval_calls", r.min_interval_calls},
              {"interval_starts", starts},
              {"groups", groups},
              {"trunks", trunks},
              {"seats", seats},
              {"met", r.met},
              {"trials", r.trials},
              {"replications", r.replications},
              {"final_checks", checks},
              {"notes", r.notes},
              {"interrupted", r.interrupted},
              {"search", search_state(r.interrupted)}};
  if (r.interrupted) doc["met"] = nullptr;  // the counts are where the search stood, not a verified plan
  return doc;
}

std::string max_load_table(const Scenario& sc, const std::vector<Target>& targets, const MaxLoadResult& r) {
  std::ostringstream o;
  o << "Capacity (max load) - " << sc.name << "\n";
  for (const auto& t : targets) o << "  target: " << t.text << (t.scope == Scope::Interval ? " (every interval)" : " (overall)") << "\n";
  o << "  multiplier  result         replications\n";
  for (const auto& p : r.points) {
    char b[128];
    std::snprintf(b, sizeof b, "  x%-9.4g  %-13s  %d%s\n", p.multiplier, p.holds ? "holds" : "breaks", p.replications,
                  p.interrupted ? " (interrupted)" : "");
    o << b;
  }
  if (r.interrupted) {
    o << "  search interrupted: no max load (the points above are what was measured)\n";
    return o.str();
  }
  if (!r.base_holds) {
    o << "  the base load (x1) already breaks a target";
  } else if (r.capped) {
    o << "  targets hold up to x" << r.max_multiplier << ", the last multiplier within the search cap "
      << describe_search_cap(r.cap);
  } else {
    char b[160];
    std::snprintf(b, sizeof b, "  max load: x%.4g of the scenario's %s (breaks at x%.4g)", r.max_multiplier,
                  r.scaled == ScaleWhat::Campaigns ? "campaign contact lists" : "traffic", r.breaking_multiplier);
    o << b;
  }
  o << "\n";
  if (r.cap.rate_bound && !r.capped) o << "  search cap " << describe_search_cap(r.cap) << "\n";
  if (!r.first_breaking.empty()) o << "  first target to break: " << describe(sc, targets, r.first_breaking[0]) << "\n";
  if (r.breaking_multiplier > 0) {
    o << "  binding resource: " << r.binding.resource << "\n";
    for (const auto& e : r.binding.evidence) o << "    " << e.resource << " (" << e.tenant << "): " << e.what << "\n";
  }
  return o.str();
}

std::string staffing_table(const Scenario& sc, const StaffingResult& r) {
  std::ostringstream o;
  o << "Capacity (staffing) - " << sc.name << (r.per_interval ? " (per interval)" : " (whole horizon)") << "\n";
  // The counts per interval are in the staffing plan table (capacity/tables.hpp); here one line per group.
  o << "  tenant/group                     method     peak seed  peak agents\n";
  for (const auto& g : r.groups) {
    const Tenant& tn = sc.tenants[static_cast<size_t>(g.tenant)];
    const std::string name = tn.name + "/" + tn.groups[static_cast<size_t>(g.group)].name;
    auto peak = [](const std::vector<int>& v) { return v.empty() ? std::string("-") : std::to_string(*std::max_element(v.begin(), v.end())); };
    char b[200];
    std::snprintf(b, sizeof b, "  %-32s %-9s %10s  %11s%s\n", name.c_str(), g.method.c_str(), peak(g.seed).c_str(),
                  peak(g.agents).c_str(), g.note.empty() ? "" : ("  (" + g.note + ")").c_str());
    o << b;
  }
  for (const auto& s : r.seats) {
    o << "  seats " << sc.tenants[static_cast<size_t>(s.tenant)].name << ": " << s.seats_needed << " needed (" << s.peak_agents_online
      << " agents + " << s.admins << " admins)";
    if (s.seats_declared > 0) o << ", " << s.seats_declared << " declared";
    o << "\n";
  }
  for (const auto& t : r.trunks) {
    char b[200];
    std::snprintf(b, sizeof b, "  trunks %s/%s: %d channels needed for %.2f Erlangs at %.2g%% blocking (%d declared)\n",
                  sc.tenants[static_cast<size_t>(t.tenant)].name.c_str(), t.trunk.c_str(), t.channels_needed, t.offered_erlangs,
                  100 * t.blocking_target, t.channels_declared);
    o << b;
  }
  o << "  " << (r.interrupted ? "search interrupted: counts are where it stood, not a verified plan"
                              : r.met ? "every target met" : "targets NOT met") << " (" << r.trials << " simulation trials, " << r.replications
    << " replications in the final one)\n";
  for (const auto& n : r.notes) o << "  note: " << n << "\n";
  return o.str();
}

}  // namespace ccsim::capacity
