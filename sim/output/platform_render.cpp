#include "output/platform_render.hpp"

#include <cmath>
#include <sstream>

#include "core/format.hpp"
#include "core/time.hpp"
#include "stats/estimate_format.hpp"

namespace ccsim::platform {

namespace {

using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json time_since_start(const Incident& in, double t) { return t >= 0 ? json(t - in.start) : json(nullptr); }
json instant(double t) { return t >= 0 ? json(t) : json(nullptr); }
// Estimates over incidents or tenants' replications always say how many values they pool.
json est(const Estimate& e) { return section_estimate_json(e); }
json by_view(const ByView& v) { return {{"as_contract", est(v.as_contract)}, {"announced_counted", est(v.announced_counted)}}; }

std::string clock_of(const Scenario& sc, double t) {
  if (t < 0) return "-";
  return format_datetime(sc.horizon.start + static_cast<int64_t>(std::floor(t)));
}

std::string group_name(const IncidentGroup& g) {
  return g.drill.empty() ? std::string(incident_kind_name(g.kind)) : "drill:" + g.drill;
}
std::string timeline_name(const FaultTimeline& t) {
  return t.drill.empty() ? std::string(incident_kind_name(t.kind)) + " " + t.target + " (replication 1)" : "drill " + t.drill;
}

// ---------------------------------------------------------------- JSON

json model_json(const Scenario& sc) {
  const PlatformSpec& p = sc.platform;
  const FailoverSpec& fo = p.failover;
  return {{"source", p.source},
          {"sites", p.sites.size()},
          {"hosts", p.hosts.size()},
          {"links", p.links.size()},
          {"balancing", p.balancing},
          {"failover",
           {{"enabled", fo.enabled},
            {"heartbeat", fo.heartbeat},
            {"misses", fo.misses},
            {"detection_delay", fo.heartbeat * fo.misses},
            {"cold_restart", fo.cold_restart},
            {"keep_media_share", fo.keep_media_share},
            {"redial_probability", fo.redial_probability}}}};
}

json incident_json(const Scenario& sc, const ReplicationIncident& ri) {
  const Incident& in = ri.incident;
  json j = {{"replication", ri.replication},
            {"kind", incident_kind_name(in.kind)},
            {"target", in.target},
            {"drill", in.drill},
            {"announced", in.announced},
            {"start", in.start},
            {"start_time", clock_of(sc, in.start)},
            {"detected", instant(in.detected)},
            {"migrated", instant(in.migrated)},
            {"repaired", instant(in.repaired)},
            {"recovered", instant(in.recovered)},
            {"detection_seconds", time_since_start(in, in.detected)},
            {"migration_seconds", time_since_start(in, in.migrated)},
            {"recovery_seconds", time_since_start(in, in.recovered)},
            {"calls_dropped", in.calls_dropped},
            {"requests_failed", in.requests_failed},
            {"tenants", in.tenants},
            {"note", in.note}};
  if (in.kind == IncidentKind::CustomerSide) j["cause"] = cause_name(in.cause);
  return j;
}

json group_json(const IncidentGroup& g) {
  return {{"group", group_name(g)},
          {"kind", incident_kind_name(g.kind)},
          {"incidents", g.incidents},
          {"per_replication", g.per_replication},
          {"detection_seconds", est(g.detection_seconds)},
          {"migration_seconds", est(g.migration_seconds)},
          {"recovery_seconds", est(g.recovery_seconds)},
          {"unrecovered", g.unrecovered},
          {"calls_dropped", est(g.calls_dropped)},
          {"requests_failed", est(g.requests_failed)}};
}

json timeline_json(const Scenario& sc, const FaultTimeline& t) {
  json offs = json::array(), vals = json::array();
  for (size_t i = 0; i < t.success_rate.size(); ++i) {
    offs.push_back(t.first_offset + static_cast<int>(i));
    vals.push_back(num(t.success_rate[i]));
  }
  return {{"fault", timeline_name(t)},
          {"start_minute", t.start_minute},
          {"start_time", clock_of(sc, t.start_minute * 60.0)},
          {"replications", t.replications},
          {"minute_offset", offs},
          {"success_rate", vals}};
}

json tenant_json(const TenantUnavailability& t) {
  json why = json::object();
  for (const auto& [cause, e] : t.low_success_minutes_by_cause) why[cause_name(cause)] = est(e);
  json j = {{"tenant", t.tenant},
            {"contract", t.contract},
            {"announced_minutes", est(t.announced_minutes)},
            {"unavailable_minutes", by_view(t.unavailable_minutes)},
            {"worst_month_availability", by_view(t.worst_month_availability)},
            {"p_credit", by_view(t.p_credit)},
            {"credit_pct", by_view(t.credit_pct)},
            {"low_success_minutes_by_cause", why},
            {"low_success_minutes_announced", est(t.low_success_minutes_announced)}};
  if (t.credit_cents) {  // currency units, like every amount of the summary
    auto units = [](Estimate e) {
      e.mean /= 100.0, e.lo /= 100.0, e.hi /= 100.0;
      return e;
    };
    j["credit_owed"] = {{"as_contract", est(units(t.credit_cents->as_contract))},
                        {"announced_counted", est(units(t.credit_cents->announced_counted))}};
  }
  return j;
}

json hypothesis_json(const Scenario& sc, const HypothesisReport& r) {
  const Hypothesis& h = r.hypothesis;
  json per = json::array();
  for (const auto& p : r.per_replication) {
    const HypothesisResult& hr = p.result;
    per.push_back({{"replication", p.replication}, {"measured", num(hr.measured)}, {"pass", hr.pass},
                   {"values", hr.values}, {"where", hr.where}, {"tenant", hr.tenant},
                   {"time", hr.at >= 0 ? json(clock_of(sc, hr.at)) : json(nullptr)}});
  }
  return {{"name", h.name}, {"metric", h.metric}, {"op", h.op}, {"value", h.value}, {"scope", h.scope},
          {"tenant", h.tenant}, {"unit", hypothesis_unit(h.metric)}, {"passes", r.passes},
          {"replications", r.replications}, {"pass_rate", est(r.pass_rate)}, {"worst_measured", num(r.worst.measured)},
          {"worst", hypothesis_worst_json(sc, r)}, {"pass", r.pass()}, {"per_replication", per}};
}

// ---------------------------------------------------------------- terminal

// One row of per-minute success rates, condensed for the terminal to the worst minute of each 5-minute block.
std::string condensed(const std::vector<double>& rates) {
  std::string s;
  for (size_t i = 0; i < rates.size(); i += 5) {
    double worst = NAN;
    for (size_t k = i; k < std::min(rates.size(), i + 5); ++k)
      if (std::isfinite(rates[k]) && !(worst <= rates[k])) worst = rates[k];
    s += (s.empty() ? "" : " ") + fixed_or_dash(100 * worst, 0);
  }
  return s;
}

std::string seconds_after(const Incident& in, double t, const char* none) {
  return t >= 0 ? fixed(t - in.start, 0) + "s" : none;
}

void faults_of_first_replication(const Scenario& sc, const Rehearsal& r, std::ostream& tx) {
  size_t count = 0;
  for (const auto& ri : r.incidents) count += ri.replication == r.first_replication;
  tx << "  Faults of replication " << r.first_replication + 1 << ": " << count << "\n";
  tx << "    start                kind            target                 detect  migrate recover  dropped   failed\n";
  size_t shown = 0;
  for (const auto& ri : r.incidents) {
    if (ri.replication != r.first_replication) continue;
    const Incident& in = ri.incident;
    if (++shown > 15) {
      tx << "    ... " << count - 15 << " more in the JSON summary (platform.incidents)\n";
      break;
    }
    tx << "    " << align_left(clock_of(sc, in.start), 20) << " "
       << align_left(std::string(incident_kind_name(in.kind)) + (in.announced ? "*" : ""), 15) << " "
       << align_left(in.target.substr(0, 22), 22) << " " << align_right(seconds_after(in, in.detected, "-"), 7) << " "
       << align_right(seconds_after(in, in.migrated, "-"), 8) << " " << align_right(seconds_after(in, in.recovered, "never"), 7)
       << " " << align_right(std::to_string(in.calls_dropped), 8) << " " << align_right(std::to_string(in.requests_failed), 8)
       << "\n";
    if (!in.note.empty()) tx << "      note: " << in.note << "\n";
  }
  tx << "    (* announced; times after the fault start)\n";
}

void tenant_line(const TenantUnavailability& t, std::ostream& tx) {
  const std::string stake =
      t.credit_cents ? fixed_or_dash(t.credit_cents->as_contract.mean / 100.0, 2) + " (" +
                           fixed_or_dash(t.credit_cents->announced_counted.mean / 100.0, 2) + " counted)"
                     : fixed_or_dash(t.credit_pct.as_contract.mean, 1) + "% of fee (" +
                           fixed_or_dash(t.credit_pct.announced_counted.mean, 1) + "% counted)";
  tx << "    " << align_left(t.tenant.substr(0, 16), 16) << " " << align_right(fixed_or_dash(t.unavailable_minutes.as_contract.mean, 1), 13)
     << " " << align_right(fixed_or_dash(t.unavailable_minutes.announced_counted.mean, 1), 19) << " "
     << align_right(format_percent_range(t.p_credit.as_contract), 20) << " "
     << align_right(format_percent_range(t.p_credit.announced_counted), 19) << "   " << stake << "\n";
  std::string why;
  for (const auto& [cause, e] : t.low_success_minutes_by_cause)
    why += (why.empty() ? "" : ", ") + std::string(cause_name(cause)) + " " + fixed(e.mean, 1);
  if (!why.empty()) tx << "      minutes below 99% success by main cause: " << why << "\n";
}

}  // namespace

json hypothesis_worst_json(const Scenario& sc, const HypothesisReport& r) {
  const HypothesisResult& w = r.worst;
  return {{"value", num(w.measured)},
          {"text", describe_worst(r.hypothesis, sc, w)},
          {"time", w.at >= 0 ? json(clock_of(sc, w.at)) : json(nullptr)},
          {"tenant", w.tenant},
          {"where", w.where},
          {"replication", r.worst_replication >= 0 ? json(r.worst_replication) : json(nullptr)}};
}

json rehearsal_json(const Scenario& sc, const Rehearsal& r) {
  json j;
  j["model"] = model_json(sc);
  j["replications"] = r.replications;
  j["incidents"] = json::array();
  for (const auto& in : r.incidents) j["incidents"].push_back(incident_json(sc, in));
  j["incident_summary"] = json::array();
  for (const auto& g : r.incident_summary) j["incident_summary"].push_back(group_json(g));
  j["timelines"] = json::array();
  for (const auto& t : r.timelines) j["timelines"].push_back(timeline_json(sc, t));
  j["warnings"] = r.warnings;
  j["tenants"] = json::array();
  for (const auto& t : r.tenants) j["tenants"].push_back(tenant_json(t));
  j["hypotheses"] = json::array();
  for (const auto& h : r.hypotheses) j["hypotheses"].push_back(hypothesis_json(sc, h));
  j["hypotheses_failed"] = r.hypothesis_failed;
  return j;
}

std::string rehearsal_terminal(const Scenario& sc, const Rehearsal& r) {
  std::ostringstream tx;
  const int n = r.replications;
  const FailoverSpec& fo = sc.platform.failover;
  tx << "\nPlatform & drill rehearsal (" << n << " replication" << (n == 1 ? "" : "s") << "; detection "
     << fixed(fo.heartbeat * fo.misses, 0) << " s = heartbeat x misses, cold restart " << fixed(fo.cold_restart, 0)
     << " s)\n";
  if (n > 0) faults_of_first_replication(sc, r, tx);
  if (n > 1 && !r.incident_summary.empty()) {
    tx << "  Across replications (mean [95% CI]):\n";
    for (const auto& g : r.incident_summary)
      tx << "    " << group_name(g) << ": " << fixed(g.per_replication, 2) << "/replication, recovery "
         << format_range(g.recovery_seconds, 0) << " s, dropped " << format_range(g.calls_dropped, 0) << ", failed "
         << format_range(g.requests_failed, 0) << "\n";
  }
  if (n > 0) {
    tx << "  Call success % around each fault (worst minute per 5 min, " << kMinutesBefore << " min before to "
       << kMinutesAfter << " min after):\n";
    for (const auto& t : r.timelines)
      tx << "    " << timeline_name(t) << " @" << clock_of(sc, t.fault_start) << ": " << condensed(t.success_rate) << "\n";
  }
  tx << "  Unavailable minutes per tenant (mean; contract view excludes announced drills/maintenance, clause 5.12):\n";
  tx << "    tenant           contract view   announced counted   P(credit) contract   P(credit) counted   credit at stake\n";
  for (const auto& t : r.tenants) tenant_line(t, tx);
  if (!r.hypotheses.empty()) tx << "  Steady-state hypotheses (pass rate across replications, 95% Wilson interval):\n";
  for (const auto& h : r.hypotheses)
    tx << "    " << align_left(h.pass() ? "PASS" : "FAIL", 4) << " " << align_left(h.hypothesis.name.substr(0, 40), 40)
       << " pass " << h.passes << "/" << h.replications << " = " << format_percent_range(h.pass_rate) << ", "
       << describe_worst(h.hypothesis, sc, h.worst) << "\n";
  return tx.str();
}

json baseline_json(const std::vector<BaselineEffect>& effects, int replications) {
  json hs = json::array();
  for (const auto& e : effects) {
    json measured = json::array();
    for (double v : e.measured) measured.push_back(num(v));
    hs.push_back({{"name", e.hypothesis.name},
                  {"unit", hypothesis_unit(e.hypothesis.metric)},
                  {"baseline", {{"passes", e.passes}, {"replications", e.replications},
                                {"pass", e.passes == e.replications}, {"measured", measured}}},
                  {"effect", {{"reading", "drill - baseline of each replication's worst value"},
                              {"interval", diff_method_name(e.effect.method)},
                              {"mean", num(e.effect.diff)},
                              {"ci95", {num(e.effect.lo), num(e.effect.hi)}},
                              {"n", e.effect.n_a}}}});
  }
  return {{"reading", "same scenario and seed without drills and random failures; "
                      "effect = drill - baseline, paired (common random numbers)"},
          {"replications", replications},
          {"hypotheses", hs}};
}

std::string baseline_terminal(const std::vector<BaselineEffect>& effects) {
  std::string text = "  No-fault baseline (same seed; effect = drill - baseline, paired, 95% interval):\n";
  for (const auto& e : effects) {
    const std::string& m = e.hypothesis.metric;
    text += "    " + e.hypothesis.name + ": baseline pass " + std::to_string(e.passes) + "/" +
            std::to_string(e.replications) + "; drill effect " +
            (e.effect.n_a ? format_hypothesis_value(m, e.effect.diff) + " [" + format_hypothesis_value(m, e.effect.lo) +
                                ", " + format_hypothesis_value(m, e.effect.hi) + "]"
                          : std::string("- (nothing measured in both runs)")) +
            "\n";
  }
  return text;
}

std::string format_hypothesis_value(const std::string& metric, double v) {
  if (!std::isfinite(v)) return "-";
  const std::string u = hypothesis_unit(metric);
  if (u == "ratio") return fixed(100 * v, std::fabs(v) < 0.01 ? 2 : 1) + "%";
  if (u == "s") return fixed(v, 0) + " s";
  if (u == "minutes" || u == "requests") return fixed(v, 0) + " " + u;
  if (u == "tier") return "tier " + fixed(v, 0);
  return fixed(v, 2);
}

std::string describe_worst(const Hypothesis& h, const Scenario& sc, const HypothesisResult& r) {
  if (!std::isfinite(r.measured)) return "nothing measured";
  std::string s = "worst " + format_hypothesis_value(h.metric, r.measured);
  if (r.at >= 0) s += " at " + format_datetime(sc.horizon.start + static_cast<int64_t>(std::floor(r.at))).substr(0, 16);
  else if (h.scope == "month" && r.where.rfind(r.tenant + " ", 0) == 0) s += " in service month " + r.where.substr(r.tenant.size() + 1);
  else if (r.where != r.tenant && !r.where.empty()) s += " in " + r.where;
  if (!r.tenant.empty()) s += " (" + r.tenant + ")";
  return s;
}

}  // namespace ccsim::platform
