#include "platform/rehearsal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "core/time.hpp"
#include "platform/availability.hpp"
#include "platform/hypotheses.hpp"
#include "stats/confidence.hpp"

namespace ccsim::platform {

namespace {

using nlohmann::json;

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json est(const Estimate& e) { return json{{"mean", num(e.mean)}, {"lo", num(e.lo)}, {"hi", num(e.hi)}, {"n", e.n}}; }

Estimate mean_of(const std::vector<double>& v) {
  std::vector<double> d;
  for (double x : v)
    if (std::isfinite(x)) d.push_back(x);
  return mean_ci(d);
}

std::string fmt(double v, const char* f = "%.1f") {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string clock_of(const Scenario& sc, double t) {
  if (t < 0) return "-";
  return format_datetime(sc.horizon.start + static_cast<int64_t>(std::floor(t)));
}

std::string pct(const Estimate& e) {
  return fmt(100 * e.mean, "%.0f%%") + " [" + fmt(100 * e.lo, "%.0f") + "-" + fmt(100 * e.hi, "%.0f") + "]";
}

json incident_json(const Scenario& sc, const Incident& in, int rep) {
  auto span = [&](double t) { return t >= 0 ? json(t - in.start) : json(nullptr); };
  return json{{"replication", rep},
              {"kind", in.kind},
              {"target", in.target},
              {"drill", in.drill},
              {"announced", in.announced},
              {"start", in.start},
              {"start_time", clock_of(sc, in.start)},
              {"detected", in.detected >= 0 ? json(in.detected) : json(nullptr)},
              {"migrated", in.migrated >= 0 ? json(in.migrated) : json(nullptr)},
              {"repaired", in.repaired >= 0 ? json(in.repaired) : json(nullptr)},
              {"recovered", in.recovered >= 0 ? json(in.recovered) : json(nullptr)},
              {"detection_seconds", span(in.detected)},
              {"migration_seconds", span(in.migrated)},
              {"recovery_seconds", span(in.recovered)},
              {"calls_dropped", in.calls_dropped},
              {"requests_failed", in.requests_failed},
              {"tenants", in.tenants},
              {"note", in.note}};
}

// One row of per-minute success rates, condensed for the terminal to the worst minute of each 5-minute block.
std::string condensed(const std::vector<double>& rates) {
  std::string s;
  for (size_t i = 0; i < rates.size(); i += 5) {
    double worst = NAN;
    for (size_t k = i; k < std::min(rates.size(), i + 5); ++k)
      if (std::isfinite(rates[k]) && !(worst <= rates[k])) worst = rates[k];
    s += (s.empty() ? "" : " ") + fmt(100 * worst, "%.0f");
  }
  return s;
}

}  // namespace

std::vector<double> success_timeline(const std::vector<const RepResult*>& reps, int first, int count) {
  std::vector<double> out;
  for (int m = first; m < first + count; ++m) {
    double req = 0, fail = 0;
    bool inside = false;
    for (const RepResult* r : reps)
      for (const auto& t : r->tenants) {
        if (m < 0 || static_cast<size_t>(m) >= t.ledger.minutes()) continue;
        inside = true;
        req += t.ledger.requests[static_cast<size_t>(m)];
        fail += t.ledger.failed(static_cast<size_t>(m));
      }
    if (!inside) continue;
    out.push_back(req > 0 ? 1.0 - std::min(fail, req) / req : NAN);
  }
  return out;
}

Rehearsal build_rehearsal(const Scenario& sc, const std::vector<RepResult>& reps) {
  Rehearsal out;
  json& j = out.json;
  std::ostringstream tx;
  const int n = static_cast<int>(reps.size());
  const PlatformSpec& p = sc.platform;
  const FailoverSpec& fo = p.failover;
  j["model"] = {{"source", p.source},
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
  j["replications"] = n;
  tx << "\nPlatform & drill rehearsal (" << n << " replication" << (n == 1 ? "" : "s") << "; detection "
     << fmt(fo.heartbeat * fo.misses, "%.0f") << " s = heartbeat x misses, cold restart " << fmt(fo.cold_restart, "%.0f")
     << " s)\n";

  // ---- fault timeline and per-incident figures
  json incidents = json::array();
  for (const auto& r : reps)
    for (const auto& in : r.incidents) incidents.push_back(incident_json(sc, in, r.replication));
  j["incidents"] = incidents;
  // Grouped: each drill (the same fault in every replication), and each kind of random failure.
  std::map<std::string, std::vector<const Incident*>> groups;
  std::vector<std::string> order;
  for (const auto& r : reps)
    for (const auto& in : r.incidents) {
      const std::string key = in.drill.empty() ? in.kind : "drill:" + in.drill;
      if (!groups.count(key)) order.push_back(key);
      groups[key].push_back(&in);
    }
  json summary = json::array();
  for (const auto& key : order) {
    const auto& g = groups[key];
    std::vector<double> det, mig, rec, drop, fail;
    int unrecovered = 0;
    for (const Incident* in : g) {
      det.push_back(in->detected >= 0 ? in->detected - in->start : NAN);
      mig.push_back(in->migrated >= 0 ? in->migrated - in->start : NAN);
      rec.push_back(in->recovered >= 0 ? in->recovered - in->start : NAN);
      if (in->recovered < 0) ++unrecovered;
      drop.push_back(static_cast<double>(in->calls_dropped));
      fail.push_back(static_cast<double>(in->requests_failed));
    }
    summary.push_back({{"group", key},
                       {"kind", g.front()->kind},
                       {"incidents", g.size()},
                       {"per_replication", n > 0 ? static_cast<double>(g.size()) / n : 0.0},
                       {"detection_seconds", est(mean_of(det))},
                       {"migration_seconds", est(mean_of(mig))},
                       {"recovery_seconds", est(mean_of(rec))},
                       {"unrecovered", unrecovered},
                       {"calls_dropped", est(mean_of(drop))},
                       {"requests_failed", est(mean_of(fail))}});
  }
  j["incident_summary"] = summary;
  if (!reps.empty()) {
    const RepResult& r0 = reps.front();
    tx << "  Faults of replication " << r0.replication + 1 << ": " << r0.incidents.size() << "\n";
    tx << "    start                kind            target                 detect  migrate recover  dropped   failed\n";
    size_t shown = 0;
    for (const auto& in : r0.incidents) {
      if (++shown > 15) {
        tx << "    ... " << r0.incidents.size() - 15 << " more in the JSON summary (platform.incidents)\n";
        break;
      }
      char line[256];
      std::snprintf(line, sizeof line, "    %-20s %-15s %-22s %7s %8s %7s %8lld %8lld", clock_of(sc, in.start).c_str(),
                    (in.kind + (in.announced ? "*" : "")).c_str(), in.target.substr(0, 22).c_str(),
                    in.detected >= 0 ? fmt(in.detected - in.start, "%.0fs").c_str() : "-",
                    in.migrated >= 0 ? fmt(in.migrated - in.start, "%.0fs").c_str() : "-",
                    in.recovered >= 0 ? fmt(in.recovered - in.start, "%.0fs").c_str() : "never",
                    static_cast<long long>(in.calls_dropped), static_cast<long long>(in.requests_failed));
      tx << line << "\n";
      if (!in.note.empty()) tx << "      note: " << in.note << "\n";
    }
    tx << "    (* announced; times after the fault start)\n";
  }
  if (n > 1 && !summary.empty()) {
    tx << "  Across replications (mean [95% CI]):\n";
    for (const auto& s : summary) {
      auto show = [](const json& e) {
        if (e["mean"].is_null()) return std::string("-");
        return fmt(e["mean"].get<double>(), "%.0f") + " [" + fmt(e["lo"].get<double>(), "%.0f") + ", " +
               fmt(e["hi"].get<double>(), "%.0f") + "]";
      };
      tx << "    " << s["group"].get<std::string>() << ": " << fmt(s["per_replication"].get<double>(), "%.2f")
         << "/replication, recovery " << show(s["recovery_seconds"]) << " s, dropped " << show(s["calls_dropped"])
         << ", failed " << show(s["requests_failed"]) << "\n";
    }
  }

  // ---- per-minute call success around each fault: drills over all replications, random faults of the first
  std::vector<const RepResult*> all;
  for (const auto& r : reps) all.push_back(&r);
  json timelines = json::array();
  auto add_timeline = [&](const std::string& label, double start, const std::vector<const RepResult*>& rs) {
    const int m0 = static_cast<int>(std::floor(start / 60.0));
    const int first = std::max(0, m0 - kMinutesBefore);
    const std::vector<double> rates = success_timeline(rs, first, m0 + kMinutesAfter + 1 - first);
    json offs = json::array(), vals = json::array();
    for (size_t i = 0; i < rates.size(); ++i) {
      offs.push_back(first + static_cast<int>(i) - m0);
      vals.push_back(num(rates[i]));
    }
    timelines.push_back({{"fault", label},
                         {"start_minute", m0},
                         {"start_time", clock_of(sc, m0 * 60.0)},
                         {"replications", rs.size()},
                         {"minute_offset", offs},
                         {"success_rate", vals}});
    tx << "    " << label << " @" << clock_of(sc, start) << ": " << condensed(rates) << "\n";
  };
  if (!reps.empty()) {
    tx << "  Call success % around each fault (worst minute per 5 min, " << kMinutesBefore << " min before to "
       << kMinutesAfter << " min after):\n";
    for (const auto& d : sc.drills) add_timeline("drill " + d.name, static_cast<double>(d.start - sc.horizon.start), all);
    int shown = 0;
    for (const auto& in : reps.front().incidents) {
      if (!in.drill.empty()) continue;
      if (++shown > 10) break;
      add_timeline(in.kind + " " + in.target + " (replication 1)", in.start, {&reps.front()});
    }
  }
  j["timelines"] = timelines;

  // ---- unavailable minutes, why, and what they cost under the contract (both views of clause 5.12)
  AvailabilityEvaluator evaluator(sc);
  std::vector<std::vector<TenantAvailability>> avail(reps.size());
  for (size_t r = 0; r < reps.size(); ++r)
    for (size_t t = 0; t < reps[r].tenants.size(); ++t) avail[r].push_back(evaluator.evaluate(static_cast<int>(t), reps[r].tenants[t].ledger));
  j["warnings"] = evaluator.warnings();
  json tenants = json::array();
  tx << "  Unavailable minutes per tenant (mean; contract view excludes announced drills/maintenance, clause 5.12):\n";
  tx << "    tenant           contract view   announced counted   P(credit) contract   P(credit) counted   credit at stake\n";
  for (size_t t = 0; t < sc.tenants.size(); ++t) {
    std::vector<double> u_c, u_a, a_c, a_a, bp_c, bp_a, cents_c, cents_a, ann, low_ann;
    std::array<std::vector<double>, kNumCauses> low;
    int credit_c = 0, credit_a = 0;
    bool have_cents = false;
    std::string contract;
    for (size_t r = 0; r < reps.size(); ++r) {
      const TenantAvailability& a = avail[r][t];
      contract = a.contract;
      u_c.push_back(static_cast<double>(a.as_contract.unavailable_minutes));
      u_a.push_back(static_cast<double>(a.announced_counted.unavailable_minutes));
      a_c.push_back(a.as_contract.worst_month);
      a_a.push_back(a.announced_counted.worst_month);
      bp_c.push_back(static_cast<double>(a.as_contract.credit_bp));
      bp_a.push_back(static_cast<double>(a.announced_counted.credit_bp));
      if (a.as_contract.credit_cents) have_cents = true;
      cents_c.push_back(static_cast<double>(a.as_contract.credit_cents.value_or(0)));
      cents_a.push_back(static_cast<double>(a.announced_counted.credit_cents.value_or(0)));
      credit_c += a.as_contract.eligible ? 1 : 0;
      credit_a += a.announced_counted.eligible ? 1 : 0;
      ann.push_back(static_cast<double>(a.announced_minutes));
      low_ann.push_back(static_cast<double>(a.low_minutes_announced));
      for (int k = 0; k < kNumCauses; ++k) low[static_cast<size_t>(k)].push_back(static_cast<double>(a.low_minutes_by_cause[static_cast<size_t>(k)]));
    }
    json why = json::object();
    std::string why_text;
    for (int k = 0; k < kNumCauses; ++k) {
      const Estimate e = mean_of(low[static_cast<size_t>(k)]);
      if (e.mean <= 0) continue;
      why[cause_name(static_cast<Cause>(k))] = est(e);
      why_text += (why_text.empty() ? "" : ", ") + std::string(cause_name(static_cast<Cause>(k))) + " " + fmt(e.mean, "%.1f");
    }
    const Estimate pc = wilson(credit_c, n), pa = wilson(credit_a, n);
    json tj = {{"tenant", sc.tenants[t].name},
               {"contract", contract},
               {"announced_minutes", est(mean_of(ann))},
               {"unavailable_minutes", {{"as_contract", est(mean_of(u_c))}, {"announced_counted", est(mean_of(u_a))}}},
               {"worst_month_availability", {{"as_contract", est(mean_of(a_c))}, {"announced_counted", est(mean_of(a_a))}}},
               {"p_credit", {{"as_contract", est(pc)}, {"announced_counted", est(pa)}}},
               {"credit_bp", {{"as_contract", est(mean_of(bp_c))}, {"announced_counted", est(mean_of(bp_a))}}},
               {"low_success_minutes_by_cause", why},
               {"low_success_minutes_announced", est(mean_of(low_ann))}};
    if (have_cents)
      tj["credit_cents"] = {{"as_contract", est(mean_of(cents_c))}, {"announced_counted", est(mean_of(cents_a))}};
    tenants.push_back(tj);
    std::string stake = have_cents ? fmt(mean_of(cents_c).mean / 100.0, "%.2f") + " (" + fmt(mean_of(cents_a).mean / 100.0, "%.2f") + " counted)"
                                   : fmt(mean_of(bp_c).mean / 100.0, "%.1f%%") + " of fee (" + fmt(mean_of(bp_a).mean / 100.0, "%.1f%%") + " counted)";
    char line[320];
    std::snprintf(line, sizeof line, "    %-16s %13s %19s %20s %19s   %s", sc.tenants[t].name.substr(0, 16).c_str(),
                  fmt(mean_of(u_c).mean).c_str(), fmt(mean_of(u_a).mean).c_str(), pct(pc).c_str(), pct(pa).c_str(),
                  stake.c_str());
    tx << line << "\n";
    if (!why_text.empty()) tx << "      minutes below 99% success by main cause: " << why_text << "\n";
  }
  j["tenants"] = tenants;

  // ---- hypotheses
  json hyps = json::array();
  if (!sc.hypotheses.empty()) tx << "  Steady-state hypotheses (pass rate across replications, 95% Wilson interval):\n";
  for (const Hypothesis& h : sc.hypotheses) {
    json per = json::array();
    int passes = 0;
    HypothesisResult worst;  // the worst value over every replication, with where and when
    worst.measured = NAN;
    int worst_rep = -1;
    const bool lower_is_worse = h.op == ">=" || h.op == ">";
    for (size_t r = 0; r < reps.size(); ++r) {
      const HypothesisResult hr = check_hypothesis(h, sc, reps[r], avail[r]);
      passes += hr.pass ? 1 : 0;
      if (!hr.pass) out.hypothesis_failed = true;
      if (std::isfinite(hr.measured) &&
          (!std::isfinite(worst.measured) || (lower_is_worse ? hr.measured < worst.measured : hr.measured > worst.measured))) {
        worst = hr;
        worst_rep = reps[r].replication;
      }
      per.push_back({{"replication", reps[r].replication}, {"measured", num(hr.measured)}, {"pass", hr.pass},
                     {"values", hr.values}, {"where", hr.where}, {"tenant", hr.tenant},
                     {"time", hr.at >= 0 ? json(clock_of(sc, hr.at)) : json(nullptr)}});
    }
    const Estimate rate = wilson(passes, n);
    const std::string worst_text = describe_worst(h, sc, worst);
    hyps.push_back({{"name", h.name}, {"metric", h.metric}, {"op", h.op}, {"value", h.value}, {"scope", h.scope},
                    {"tenant", h.tenant}, {"unit", hypothesis_unit(h.metric)}, {"passes", passes}, {"replications", n},
                    {"pass_rate", est(rate)}, {"worst_measured", num(worst.measured)},
                    {"worst", {{"value", num(worst.measured)},
                               {"text", worst_text},
                               {"time", worst.at >= 0 ? json(clock_of(sc, worst.at)) : json(nullptr)},
                               {"tenant", worst.tenant},
                               {"where", worst.where},
                               {"replication", worst_rep >= 0 ? json(worst_rep) : json(nullptr)}}},
                    {"pass", passes == n}, {"per_replication", per}});
    char line[400];
    std::snprintf(line, sizeof line, "    %-4s %-40s pass %d/%d = %s, %s", passes == n ? "PASS" : "FAIL",
                  h.name.substr(0, 40).c_str(), passes, n, pct(rate).c_str(), worst_text.c_str());
    tx << line << "\n";
  }
  j["hypotheses"] = hyps;
  j["hypotheses_failed"] = out.hypothesis_failed;
  out.text = tx.str();
  return out;
}

}  // namespace ccsim::platform
