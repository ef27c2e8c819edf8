#include "output/journal.hpp"

#include <algorithm>
#include <cmath>

#include "core/time.hpp"
#include "output/platform_render.hpp"

namespace ccsim::platform {

namespace {

using nlohmann::json;

std::string at(const Scenario& sc, double sim_seconds) {
  return format_datetime(sc.horizon.start + static_cast<int64_t>(std::floor(sim_seconds)));
}

json activity(const std::string& type, const std::string& name, const Scenario& sc, double from, double to) {
  return json{{"activity", {{"type", type}, {"name", name}}},
              {"status", "succeeded"},
              {"start", at(sc, from)},
              {"end", at(sc, to)},
              {"duration", to - from}};
}

// The "before" steady state: call success of each tenant in the minutes before the first drill, pooled over
// every replication (the replications share the drill, so the window is the same run-up in each).
json before_state(const Scenario& sc, const std::vector<RepResult>& reps) {
  json probes = json::array();
  bool met = true;
  if (sc.drills.empty() || reps.empty()) return json{{"steady_state_met", nullptr}, {"probes", probes}};
  double first = INFINITY;
  for (const auto& d : sc.drills) first = std::min(first, static_cast<double>(d.start - sc.horizon.start));
  const int m1 = static_cast<int>(std::floor(first / 60.0)), m0 = std::max(0, m1 - kJournalBeforeMinutes);
  for (size_t t = 0; t < reps.front().tenants.size(); ++t) {
    double req = 0, fail = 0;
    for (const RepResult& r : reps) {
      const MinuteLedger& l = r.tenants[t].ledger;
      for (int m = m0; m < m1 && static_cast<size_t>(m) < l.minutes(); ++m) {
        req += l.requests[static_cast<size_t>(m)];
        fail += l.failed(static_cast<size_t>(m));
      }
    }
    const double success = req > 0 ? 1.0 - std::min(fail, req) / req : NAN;
    const bool ok = !(success < kJournalBeforeTolerance);  // no request: nothing contradicts the steady state
    met = met && ok;
    json p = activity("probe", "call success before the first drill (" + reps.front().tenants[t].name + ")", sc,
                      m0 * 60.0, m1 * 60.0);
    p["output"] = std::isfinite(success) ? json(success) : json(nullptr);
    p["unit"] = "ratio";
    p["tolerance"] = ">= 0.99";
    p["tolerance_met"] = ok;
    probes.push_back(p);
  }
  return json{{"steady_state_met", met}, {"probes", probes}};
}

// The "after" steady state: the scenario's hypotheses as evaluated over the whole run, every replication.
json after_state(const Scenario& sc, const Rehearsal* rehearsal, bool& met) {
  json probes = json::array();
  met = true;
  const std::vector<HypothesisReport> none;
  const std::vector<HypothesisReport>& hs = rehearsal ? rehearsal->hypotheses : none;
  const double end = sc.horizon.length;
  for (const HypothesisReport& r : hs) {
    const Hypothesis& h = r.hypothesis;
    met = met && r.pass();
    json p = activity("probe", h.name, sc, 0, end);
    p["tolerance"] = h.metric + " " + h.op + " " + json(h.value).dump() + " (" + h.scope + ")";
    p["tolerance_met"] = r.pass();
    p["output"] = {{"worst", hypothesis_worst_json(sc, r)},
                   {"unit", hypothesis_unit(h.metric)},
                   {"passes", r.passes},
                   {"replications", r.replications}};
    probes.push_back(p);
  }
  return json{{"steady_state_met", hs.empty() ? json(nullptr) : json(met)}, {"probes", probes}};
}

json time_or_null(const Scenario& sc, double t) { return t >= 0 ? json(at(sc, t)) : json(nullptr); }

}  // namespace

json build_journal(const Scenario& sc, const std::vector<RepResult>& reps, const Rehearsal* rehearsal) {
  json j;
  j["journal"] = "ccsim-drill-journal";
  j["journal_version"] = 1;
  j["clock"] = "scenario local time (simulated), not wall-clock time";
  j["replications"] = reps.size();
  j["method_replication"] = reps.empty() ? json(nullptr) : json(reps.front().replication);
  json probes = json::array();
  for (const Hypothesis& h : sc.hypotheses)
    probes.push_back({{"name", h.name}, {"metric", h.metric}, {"op", h.op}, {"value", h.value}, {"scope", h.scope},
                      {"tenant", h.tenant}});
  json method_names = json::array();
  for (const auto& d : sc.drills) method_names.push_back(d.name);
  j["experiment"] = {{"title", sc.name},
                     {"description", sc.description},
                     {"steady-state-hypothesis", {{"title", "declared hypotheses (scenario key hypotheses)"}, {"probes", probes}}},
                     {"method", method_names}};
  j["start"] = at(sc, 0);
  j["end"] = at(sc, sc.horizon.length);
  j["duration"] = sc.horizon.length;

  // Method: each drill with what the platform recorded for it in the first replication.
  json run = json::array(), rollbacks = json::array();
  const std::vector<Incident> none;
  const std::vector<Incident>& incidents = reps.empty() ? none : reps.front().incidents;
  for (const auto& d : sc.drills) {
    const double start = static_cast<double>(d.start - sc.horizon.start);
    double end = d.duration > 0 ? start + d.duration : start;
    json observed = json::array();
    for (const Incident& in : incidents) {
      if (in.drill != d.name) continue;
      end = std::max(end, in.repaired >= 0 ? in.repaired : in.recovered);
      observed.push_back({{"target", in.target}, {"kind", incident_kind_name(in.kind)}, {"fault_start", at(sc, in.start)},
                          {"detected", time_or_null(sc, in.detected)}, {"migration_start", time_or_null(sc, in.detected)},
                          {"migration_end", time_or_null(sc, in.migrated)}, {"recovered", time_or_null(sc, in.recovered)},
                          {"repaired", time_or_null(sc, in.repaired)}, {"calls_dropped", in.calls_dropped},
                          {"requests_failed", in.requests_failed}, {"note", in.note}});
    }
    json a = activity("action", d.name, sc, start, end);
    a["activity"]["target"] = d.target_kind + ":" + d.target;
    a["activity"]["announced"] = d.announced;
    a["output"] = observed;
    run.push_back(a);
  }
  // Rollbacks: the repairs (a drill's target, or a random failure's, coming back).
  for (const Incident& in : incidents)
    if (in.repaired >= 0) {
      json r = activity("action", "repair " + in.target, sc, in.repaired, in.repaired);
      r["activity"]["fault"] = in.drill.empty() ? std::string(incident_kind_name(in.kind)) : "drill " + in.drill;
      rollbacks.push_back(r);
    }
  std::stable_sort(rollbacks.begin(), rollbacks.end(),
                   [](const json& a, const json& b) { return a["start"].get<std::string>() < b["start"].get<std::string>(); });
  j["run"] = run;
  j["rollbacks"] = rollbacks;
  bool after_met = true;
  j["steady_states"] = {{"before", before_state(sc, reps)}, {"after", after_state(sc, rehearsal, after_met)}, {"during", json::array()}};
  // Chaos Toolkit's reading: "deviated" when the steady state does not hold after the method.
  j["deviated"] = !after_met;
  j["status"] = after_met ? "completed" : "deviated";
  return j;
}

}  // namespace ccsim::platform
